// A performance map from a manufacturer's datasheet: the standard test points (EN 14511 /
// GB/T 25127 notation A7/W35, A2/W35, A−7/W35, A−15/W35, A7/W55, B0/W35, W10/W35 ...),
// each with heating capacity and COP, optionally at several part loads.
//
// The fit (least squares, Eigen's column-pivoting QR), with θ = t − 273.15 K:
//
//   COP = η · t_sink / (t_sink − t_source)      (Carnot efficiency on the secondary temperatures)
//   η   = c0 + c1·θ_source + c2·θ_sink [+ c3·θ_source² + c4·θ_sink² + c5·θ_source·θ_sink]
//              [+ c6·x + c7·x²]
//   Q/x = b0 + b1·θ_source + b2·θ_sink [+ b3·θ_source²] [+ b4·x]
//
// The part-load terms enter only when the points have two (x) or three (x²) distinct part
// loads; the θ_source² term of capacity only with CapacityModel::quadratic, the second-order
// terms of η only with EfficiencyModel::quadratic (coefficients are numbered in the order
// present). η is fitted on η_i = COP_i·(t_sink − t_source)/t_sink; residuals are reported
// on capacity and COP. The fit refuses (InvalidInput, saying what is missing) when the
// points cannot determine the model: too few points, fewer than two distinct source or sink
// temperatures (three source temperatures for a quadratic capacity, three of each for a
// quadratic η), or points that vary only together (rank deficient).
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/equipment/performance_map.hpp"

namespace heatlift::equipment {

struct DatasheetPoint {
  double t_source = 0.0;   ///< K
  double t_sink = 0.0;     ///< K (leaving water)
  double part_load = 1.0;  ///< compressor speed fraction
  double capacity = 0.0;   ///< heating capacity, W
  double cop = 0.0;        ///< 1
  std::string label;       ///< e.g. "A7/W35", used in messages
};

/// A point from its rating label: "A7/W35", "A-7/W35" (also "A−7/W35"), "B0/W35", "W10/W45";
/// the letter before the source temperature names the source (A air, B brine, W water),
/// the one before the sink temperature must be W. Temperatures in °C in the label, SI out.
/// Throws InvalidInput naming the label.
DatasheetPoint rating_point(std::string_view label, double capacity_W, double cop,
                            double part_load = 1.0);
/// The source kind a label names ('A' → air, 'B' → brine, 'W' → water).
SourceKind rating_point_source(std::string_view label);

enum class CapacityModel { linear, quadratic };
/// η linear in the temperatures, or with θ_source², θ_sink² and θ_source·θ_sink: a cycle's
/// Carnot efficiency bends with lift, which the linear form leaves in its residuals (~4 %
/// in COP over A−15…A7 × W35…W55).
enum class EfficiencyModel { linear, quadratic };

struct FitOptions {
  CapacityModel capacity = CapacityModel::linear;
  /// `to_map` marks nodes invalid that lie more than this beyond the datasheet's range of
  /// source or sink temperature (K), or below its lowest part load: the fit is a
  /// regression, not a law, and is not extrapolated far.
  double extrapolation_margin = 5.0;
  EfficiencyModel efficiency = EfficiencyModel::linear;
};

struct FitResidual {
  std::string label;
  double capacity_fit = 0.0;  ///< W
  double capacity_rel = 0.0;  ///< (fit − datasheet) / datasheet
  double cop_fit = 0.0;
  double cop_rel = 0.0;
};

class DatasheetFit {
 public:
  /// Fits the model to `points`. Throws InvalidInput for a bad point (naming it, the field,
  /// value and expectation) or when the points cannot determine the model (saying what is
  /// missing).
  static DatasheetFit fit(SourceKind kind, std::span<const DatasheetPoint> points,
                          const FitOptions& options = {});

  double capacity(double t_source, double t_sink, double part_load = 1.0) const;  ///< W
  double cop(double t_source, double t_sink, double part_load = 1.0) const;
  /// The fitted node; std::nullopt where capacity ≤ 0, COP ≤ 1, COP ≥ Carnot, or the node
  /// lies beyond the datasheet's range by more than the extrapolation margin.
  std::optional<NodeValue> node(double t_source, double t_sink, double part_load) const;
  PerformanceMap to_map(MapAxes axes) const;

  SourceKind source_kind() const { return kind_; }
  const std::vector<FitResidual>& residuals() const { return residuals_; }
  double max_capacity_residual() const;  ///< max |capacity_rel|
  double max_cop_residual() const;       ///< max |cop_rel|
  const std::vector<double>& capacity_coefficients() const { return b_; }
  const std::vector<double>& efficiency_coefficients() const { return c_; }
  /// Terms of the larger of the two models: with as many points the fit is exactly
  /// determined (its residuals are zero by construction).
  std::size_t parameter_count() const { return std::max(b_.size(), c_.size()); }
  const FitOptions& options() const { return options_; }
  /// One paragraph: model terms, coefficients, residuals per point.
  std::string describe() const;

 private:
  SourceKind kind_ = SourceKind::air;
  FitOptions options_;
  bool quadratic_ = false;
  bool quadratic_eta_ = false;
  int part_load_terms_ = 0;  // 0, 1 (x) or 2 (x, x²) for η; capacity uses x when ≥ 1
  std::vector<double> b_, c_;
  std::vector<FitResidual> residuals_;
  double ts_min_ = 0, ts_max_ = 0, tk_min_ = 0, tk_max_ = 0, x_min_ = 1;
};

}  // namespace heatlift::equipment
