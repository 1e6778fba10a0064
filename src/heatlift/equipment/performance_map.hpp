// The performance map: heating capacity and electric power of a heat pump over source
// temperature × sink temperature × part load. It is THE seam through which rating, site,
// fleet and operations use equipment (DESIGN.md); nothing above `equipment` calls a cycle
// solver.
//
// Axes (SI):
//   t_source   K  outdoor-air dry bulb (air source) or brine / water inlet temperature
//                 (ground and water source);
//   t_sink     K  leaving water (sink outlet) temperature;
//   part_load  1  compressor speed fraction, 0 < x ≤ 1, 1 = nominal maximum speed.
//
// A map with a single part-load node (which must be 1) is a single-speed unit: a query at
// part load x < 1 means on/off cycling with on-time fraction x, so capacity and power are
// x times the full-speed values and COP is the full-speed COP (cycling degradation, e.g.
// EN 14825's Cd, is the rating layer's business, not the map's). A map with several speeds
// interpolates between them; below its lowest speed it is outside the grid.
//
// Queries never throw and never extrapolate silently: every answer carries a status.
// Outside the grid the query point is clamped to the nearest grid face and the clamped
// value is returned with status outside_grid (valid == false); `at_checked` throws
// OutOfRange naming the axis instead. Next to an invalid node (an infeasible operating
// point) the value is interpolated from the valid corners only, with status invalid_node
// (valid == false); when no corner is valid, capacity, power and COP are 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::equipment {

/// What the map's source temperature is.
enum class SourceKind {
  air,    ///< outdoor air dry bulb; defrost applies
  brine,  ///< ground loop brine inlet
  water,  ///< ground / surface / waste water inlet
};
std::string_view to_string(SourceKind kind);
/// "air", "brine", "water"; throws InvalidInput naming `field` otherwise.
SourceKind source_kind_from_string(std::string_view text, std::string_view field = "source_kind");

/// Grid axes, each strictly increasing (non-uniform spacing allowed).
struct MapAxes {
  std::vector<double> t_source;   ///< K
  std::vector<double> t_sink;     ///< K
  std::vector<double> part_load;  ///< 1, in (0, 1]
};

/// One operating point at a grid node.
struct NodeValue {
  double capacity = 0.0;  ///< heating capacity, W (> 0)
  double power = 0.0;     ///< electric power, W (> 0)
};

enum class MapStatus : std::uint8_t {
  inside,        ///< inside the grid, every neighbouring node valid
  outside_grid,  ///< at least one coordinate outside its axis; value at the clamped point
  invalid_node,  ///< inside, but a neighbouring node is invalid; value from valid corners
};
std::string_view to_string(MapStatus status);

/// The answer to a query.
struct MapPoint {
  double capacity = 0.0;  ///< W
  double power = 0.0;     ///< W
  double cop = 0.0;       ///< capacity / power
  MapStatus status = MapStatus::inside;
  bool valid = true;  ///< status == inside
};

/// Node callback for `generate`: returns the operating point at (t_source, t_sink,
/// part_load), or std::nullopt when it is infeasible. A heatlift::Error thrown by the
/// callback (other than InternalError) also marks the node invalid.
using NodeFunction =
    std::function<std::optional<NodeValue>(double t_source, double t_sink, double part_load)>;

struct GenerateOptions {
  unsigned threads = 1;  ///< 0 = hardware concurrency; the result does not depend on it
};

/// Why a node of a generated map is invalid.
struct NodeIssue {
  double t_source = 0.0, t_sink = 0.0, part_load = 0.0;
  std::string reason;
};

class PerformanceMap {
 public:
  /// From values at every node, ordered t_source slowest, part_load fastest
  /// (index = (i·n_sink + j)·n_part_load + k); std::nullopt marks an invalid node.
  /// Throws InvalidInput naming the field, value and expectation for unsorted or
  /// non-finite axes, part loads outside (0, 1], a single part-load node ≠ 1, a wrong
  /// node count, non-finite or non-positive capacity or power.
  PerformanceMap(SourceKind kind, MapAxes axes, std::vector<std::optional<NodeValue>> nodes);

  /// Calls `f` at every node (on `options.threads` threads; `f` must then be safe to
  /// call concurrently). Nodes where `f` returns nullopt or throws a heatlift::Error are
  /// invalid and, if `issues` is given, listed there in node order.
  static PerformanceMap generate(SourceKind kind, MapAxes axes, const NodeFunction& f,
                                 const GenerateOptions& options = {},
                                 std::vector<NodeIssue>* issues = nullptr);

  /// Trilinear interpolation of capacity and power; COP = capacity / power. Never throws
  /// for finite arguments; NaN arguments give status outside_grid and zeros.
  MapPoint at(double t_source, double t_sink, double part_load = 1.0) const noexcept;
  /// Same, but throws OutOfRange (outside the grid) or InvalidInput (next to an invalid
  /// node, or a non-finite argument) naming the value and the range.
  MapPoint at_checked(double t_source, double t_sink, double part_load = 1.0) const;
  /// Capacity and power at every part-load node for one (t_source, t_sink), written to
  /// `out` (which must hold axes().part_load.size() values; fewer throws InvalidInput): the
  /// speed curve an hourly simulation modulates along, at the cost of one query. Values and
  /// status are those `at(t_source, t_sink, part_load[k])` would give; the returned status
  /// is the worst over the nodes.
  MapStatus slice(double t_source, double t_sink, std::span<NodeValue> out) const;

  SourceKind source_kind() const { return kind_; }
  const MapAxes& axes() const { return axes_; }
  bool single_speed() const { return axes_.part_load.size() == 1; }
  std::size_t node_count() const { return valid_.size(); }
  std::size_t invalid_node_count() const;
  /// The node at axis indices (i, j, k), std::nullopt if invalid.
  std::optional<NodeValue> node(std::size_t i, std::size_t j, std::size_t k) const;
  /// Every node in storage order (see the constructor).
  std::vector<std::optional<NodeValue>> nodes() const;

 private:
  std::size_t index(std::size_t i, std::size_t j, std::size_t k) const {
    return (i * axes_.t_sink.size() + j) * axes_.part_load.size() + k;
  }
  MapPoint interpolate(double t_source, double t_sink, double part_load, bool clamped) const;

  SourceKind kind_;
  MapAxes axes_;
  std::vector<NodeValue> value_;          // per node, {0, 0} where invalid
  std::vector<std::uint8_t> valid_;       // per node
  std::vector<std::uint8_t> cell_valid_;  // per cell: all of its corners valid
};

}  // namespace heatlift::equipment
