// A reversible product's cooling mode: the `[cooling]` section of a product file (its
// chilled-water and heat-rejection streams, its rating condition and its map grid) and the
// cooling PerformanceMap the cycle solver generates from it with the product's own
// compressor (the one its heating design sized).
//
// The cooling map follows the PerformanceMap layout with these meanings:
//   t_source   K  the heat-rejection stream's INLET: outdoor-air dry bulb (air-cooled), or
//                 the brine / water entering the condenser (ground, ground water, surface
//                 water, cooling-tower water);
//   t_sink     K  chilled water LEAVING the evaporator (the supply temperature);
//   part_load  1  compressor speed fraction, as for heating;
//   capacity   W  COOLING capacity (heat taken from the chilled water);
//   power      W  electricity (compressor and auxiliaries), so cop = EER.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "heatlift/core/config.hpp"
#include "heatlift/cycles/cycle.hpp"
#include "heatlift/equipment/cycle_map.hpp"
#include "heatlift/equipment/performance_map.hpp"

namespace heatlift::equipment {

/// What a product file's `[cooling]` section says.
struct CoolingDesign {
  std::string rating_point;  ///< e.g. "A35/W7" (EN 14511-2 / GB/T 25127 names)
  /// The refrigerant circuit in cooling mode when it differs from heating's (an EVI unit
  /// closes its injection valve in cooling: "single_stage"); none = heating's.
  std::optional<cycles::Topology> topology;
  std::optional<double> auxiliary_power;  ///< W, fans and pumps in cooling; none = heating's
  cycles::Stream chilled;  ///< evaporator: chilled water, warm in (e.g. 12 °C) → cold out (7 °C)
  cycles::Stream reject;   ///< condenser: heat-rejection medium, in (35 °C air) → out (warmer)
  MapAxes axes;            ///< t_source = rejection inlet, t_sink = chilled water leaving
};

/// Reads a `[cooling]` table; errors name file, line, column and field.
CoolingDesign read_cooling_design(core::ConfigTable& t);

/// The cycle of `heating` (already sized, see sized_design) run in cooling: the chilled
/// water is its source, the rejection stream its sink.
cycles::CycleSpec cooling_cycle(const cycles::CycleSpec& heating, const CoolingDesign& cooling);

/// The cooling map (layout in this header's comment). A node is solved with the chilled
/// water leaving at t_sink after cooling by the design's (T_in − T_out), the rejection
/// stream entering at t_source and warming by the design's (T_out − T_in), the compressor at
/// speed fraction part_load and the pinches shrinking with the load as map_from_cycle's do.
/// A node whose rejection inlet is not above the chilled water's leaving temperature, or
/// that the solver finds infeasible, is invalid (its reason in `issues`).
PerformanceMap cooling_map_from_cycle(const cycles::CycleSpec& heating,
                                      const CoolingDesign& cooling,
                                      const cycles::WorkingFluid& fluid,
                                      const cycles::WorkingFluid* fluid_high,
                                      const CycleMapOptions& options = {},
                                      std::vector<NodeIssue>* issues = nullptr);

/// Cooling capacity (W) and EER of the cooling cycle at one condition, full speed:
/// rejection inlet `t_reject`, chilled water leaving `t_chilled` (K).
struct CoolingPoint {
  double capacity = 0.0;  ///< W
  double power = 0.0;     ///< W
  double eer = 0.0;
};
CoolingPoint cooling_point(const cycles::CycleSpec& cooling_spec, double t_reject, double t_chilled,
                           const cycles::WorkingFluid& fluid,
                           const cycles::WorkingFluid* fluid_high);

/// Integrated part-load value of a cooling map, GB 50189-2015 §4.2.13:
///   IPLV = 1.2 %·A + 32.8 %·B + 39.7 %·C + 26.3 %·D,
/// the EERs at 100 / 75 / 50 / 25 % of the full-load capacity at A, with chilled water
/// leaving at 7 °C and the rejection inlet at 30 / 26 / 23 / 19 °C (water-cooled) or
/// 35 / 31.5 / 28 / 24.5 °C (air-cooled, from the map's source kind). Each load is met by
/// the compressor speed whose capacity matches it; below the map's lowest speed the unit
/// cycles at that speed with its EER (no cycling degradation). Throws InvalidInput when a
/// condition lies outside the map or next to an invalid node.
struct Iplv {
  double iplv = 0.0;
  double eer[4] = {0.0, 0.0, 0.0, 0.0};  ///< A, B, C, D
};
Iplv iplv(const PerformanceMap& cooling);

}  // namespace heatlift::equipment
