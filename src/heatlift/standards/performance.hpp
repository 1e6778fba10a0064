// What a rating needs from a product: heating capacity and COP at an operating point
// (source temperature, sink temperature, part load). Declared test points implement it
// here (DeclaredPoints); an equipment::PerformanceMap implements it through
// MapPerformance (map_performance.hpp), so every calculator of this layer works unchanged
// on a map produced by the cycle solver or by a fit.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace heatlift::standards {

/// Where an answer lies relative to the data behind it (never a throw in a bin loop).
enum class Validity { inside, extrapolated, outside };

struct OperatingPoint {
  double t_source = 0.0;   ///< outdoor air (or brine/water inlet) temperature, K
  double t_sink = 0.0;     ///< leaving water (or indoor air) temperature, K; NaN if implied
  double part_load = 1.0;  ///< load asked of the unit, fraction of the design load at that point
};

struct Performance {
  double capacity = 0.0;  ///< heating capacity the unit delivers there, W
  double cop = 0.0;       ///< W/W
  Validity validity = Validity::inside;
  /// The cycling degradation coefficient Cdh declared for a test at exactly this point;
  /// nullopt: none declared (the product's or the standard's default applies).
  std::optional<double> cdh = std::nullopt;
};

/// Heating capacity and COP over operating points. Implementations are immutable and
/// thread-safe.
class HeatingPerformance {
 public:
  virtual ~HeatingPerformance() = default;
  virtual Performance at(const OperatingPoint& op) const = 0;
};

/// One declared test point: at outdoor temperature t_source the unit delivers `capacity`
/// (Pdh) at `cop` (COPd), measured at the standard's sink temperature for that point.
struct DeclaredPoint {
  double t_source = 0.0;  ///< K
  double capacity = 0.0;  ///< W
  double cop = 0.0;       ///< W/W
  std::string field;      ///< where it was declared, for messages ("en14825.point[2]")
  std::optional<double> cdh = std::nullopt;  ///< Cdh measured at this point (EN 14825 §8), 0 to 1
  std::optional<double> t_sink =
      std::nullopt;  ///< leaving water (or indoor air) temperature, K, if declared
};

/// The declared points as a HeatingPerformance: linear in source temperature between
/// points, the nearest point's values outside them (flagged extrapolated). The sink
/// temperature and part load are those of the standard's test at each point and are not
/// asked again.
class DeclaredPoints final : public HeatingPerformance {
 public:
  /// Sorts the points; throws InvalidInput naming the field for a capacity <= 0, a
  /// COP <= 0 or two points at one temperature.
  explicit DeclaredPoints(std::vector<DeclaredPoint> points);
  Performance at(const OperatingPoint& op) const override;
  const std::vector<DeclaredPoint>& points() const { return points_; }

 private:
  std::vector<DeclaredPoint> points_;
};

}  // namespace heatlift::standards
