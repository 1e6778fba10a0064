// A generic Carnot-fraction performance map, for when neither a cycle design nor a
// datasheet is at hand (early sizing, fleet segments, what-if studies).
//
//   T_evap = t_source − source_approach,   T_cond = t_sink + sink_approach
//   COP    = carnot_efficiency · T_cond / (T_cond − T_evap)
//   Q      = part_load · nominal_capacity · (1 + capacity_source_slope · (t_source −
//   t_source_nominal)
//                                             − capacity_sink_slope · (t_sink − t_sink_nominal))
//   P      = Q / COP
//
// COP does not depend on part load here (η is one number); a node is infeasible (invalid)
// when Q ≤ 0 or the refrigerant lift T_cond − T_evap is below `min_lift`.
#pragma once

#include <optional>

#include "heatlift/equipment/performance_map.hpp"

namespace heatlift::equipment {

struct CarnotMapSpec {
  SourceKind kind = SourceKind::air;
  double carnot_efficiency = 0.5;       ///< η = COP / COP_Carnot(T_evap, T_cond), 1
  double source_approach = 8.0;         ///< t_source − T_evap, K
  double sink_approach = 5.0;           ///< T_cond − t_sink, K
  double nominal_capacity = 1e4;        ///< W at (t_source_nominal, t_sink_nominal), full speed
  double t_source_nominal = 280.15;     ///< K
  double t_sink_nominal = 308.15;       ///< K
  double capacity_source_slope = 0.02;  ///< relative capacity change per K of source, 1/K
  double capacity_sink_slope = 0.005;   ///< relative capacity loss per K of sink, 1/K
  double min_lift = 10.0;               ///< K; smaller refrigerant lifts are infeasible nodes

  /// heatlift's documented defaults for a source kind (docs/performance-map.md):
  /// air: η 0.50, approaches 8 K / 5 K, nominal point A7/W35, capacity +2 %/K source,
  /// −0.5 %/K sink; brine: η 0.60, approaches 4 K / 4 K, B0/W35, +2.5 %/K, −0.5 %/K;
  /// water: as brine at W10/W35. Throws InvalidInput unless nominal_capacity > 0.
  static CarnotMapSpec defaults(SourceKind kind, double nominal_capacity);
};

/// Checks every field (finite; 0 < η < 1; approaches ≥ 0; capacity > 0; slopes ≥ 0;
/// min_lift > 0); throws InvalidInput naming the field, value and expectation.
void validate(const CarnotMapSpec& spec);

/// The operating point at one node, std::nullopt when infeasible.
std::optional<NodeValue> carnot_node(const CarnotMapSpec& spec, double t_source, double t_sink,
                                     double part_load);

/// The map over `axes` (validates `spec` first).
PerformanceMap carnot_fraction_map(const CarnotMapSpec& spec, MapAxes axes);

}  // namespace heatlift::equipment
