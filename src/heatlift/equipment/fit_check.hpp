// Checking a datasheet fit before its map is used (`heatlift product fit`): how well it
// reproduces its points (in-sample error), how well it predicts a point it did not see
// (held-out error, leave one out: refit without each point, compare at that point), and
// which nodes of a map made from it lie beyond the points (extrapolation).
//
// A fit with as many points as terms is exactly determined: it passes through every point,
// so its in-sample error is zero by construction and says nothing, and no point can be left
// out; the held-out error is then undefined, and reported as such rather than as zero.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "heatlift/equipment/datasheet_fit.hpp"
#include "heatlift/equipment/performance_map.hpp"

namespace heatlift::equipment {

/// linear: CapacityModel::linear and EfficiencyModel::linear; quadratic: both quadratic;
/// automatic: the one of the two with the smaller held-out error (see fit_and_validate).
enum class ModelChoice { automatic, linear, quadratic };
/// "auto", "linear", "quadratic"; InvalidInput naming `field` otherwise.
ModelChoice model_choice_from_string(std::string_view text, std::string_view field = "model");

/// Largest and root-mean-square relative error (1 = 100 %) over `points` points.
struct ErrorSummary {
  std::size_t points = 0;
  double capacity_max = 0.0, capacity_rms = 0.0;
  double cop_max = 0.0, cop_rms = 0.0;
};

/// The error at one point of a fit made without it.
struct HeldOutPoint {
  bool defined = false;
  double capacity_rel = 0.0;  ///< (prediction − datasheet) / datasheet
  double cop_rel = 0.0;
  std::string why_undefined;  ///< when !defined
};

struct CrossValidation {
  std::size_t parameters = 0;       ///< terms of the larger of the two models
  bool exactly_determined = false;  ///< as many points as parameters
  ErrorSummary in_sample;
  std::vector<HeldOutPoint> held_out;  ///< per point, in the points' order
  ErrorSummary held_out_summary;       ///< over the defined points; points == 0: undefined
};

/// Leave-one-out cross-validation of `fit`, which was made from `points` (same order).
CrossValidation cross_validate(const DatasheetFit& fit, std::span<const DatasheetPoint> points);

struct ValidatedFit {
  DatasheetFit fit;
  CrossValidation validation;
  std::string model;   ///< "linear" or "quadratic"
  std::string choice;  ///< with ModelChoice::automatic: why this model
};

/// Fits and cross-validates. With ModelChoice::automatic both models are fitted (the
/// quadratic one where the points determine it) and the one with the smaller held-out
/// error is kept: the larger of its capacity and COP RMS errors, over the points where both
/// are defined; the linear one when there are none, or on a tie. `base` supplies the
/// extrapolation margin. Throws InvalidInput as DatasheetFit::fit does.
ValidatedFit fit_and_validate(SourceKind kind, std::span<const DatasheetPoint> points,
                              ModelChoice model, const FitOptions& base = {});

/// A closed range of an axis, K.
struct AxisRange {
  double lo = 0.0, hi = 0.0;
};

/// Map axes for a fit. Each temperature axis spans `source` / `sink` (default: the points'
/// own range) with a node at both ends, at each point's temperature inside, and at every
/// multiple of `step` (K, on the Celsius scale) between them. The part-load axis is
/// `part_loads` (default: the points' distinct part loads; {1} when they have one only, a
/// single-speed map). Throws InvalidInput for an empty range or bad part loads.
MapAxes datasheet_axes(std::span<const DatasheetPoint> points, std::optional<AxisRange> source,
                       std::optional<AxisRange> sink, std::vector<double> part_loads = {},
                       double step = 5.0);

/// A node of a map that the points do not surround.
struct Extrapolation {
  double t_source = 0.0, t_sink = 0.0, part_load = 0.0;  ///< K, K, 1
  std::string reason;  ///< e.g. "sink 55 °C is 20 K above the points' highest (35 °C)"
  bool valid = false;  ///< the map has a value there (within the fit's margin) or not
};

/// Every node of `map` beyond the points: outside the range of their source or sink
/// temperatures or part loads, or, inside those ranges, outside the convex hull of their
/// (source, sink) temperature pairs (e.g. A−15/W55 when the points have A−15 only at W35).
std::vector<Extrapolation> find_extrapolations(std::span<const DatasheetPoint> points,
                                               const PerformanceMap& map);

}  // namespace heatlift::equipment
