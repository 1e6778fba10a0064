// The heat pump in cooling mode for one hour (internal to the site loop, docs/site.md
// "Cooling"): the cooling map's speed curve at the hour's heat-rejection inlet and chilled
// water leaving temperatures, and the mode that removes the hour's cooling load —
// modulating, on/off cycling below the lowest speed with the EN 14825 degradation
// (EER_cyc = EER_min·CR / (Cd·CR + 1 − Cd), the water-unit form used for heating), or full
// speed with unmet cooling. No defrost, no store and no back-up in cooling: what the unit
// cannot remove is unmet.
#pragma once

#include <cstddef>
#include <vector>

#include "heatlift/demand/load.hpp"
#include "heatlift/site/simulation.hpp"
#include "heatlift/site/speed_curve.hpp"

namespace heatlift::site::detail {

/// What every cooling hour of the year reads.
struct CoolingYear {
  const equipment::PerformanceMap* map = nullptr;  ///< null: the unit does not cool
  double t_src_min = 0, t_src_max = 0, t_snk_min = 0, t_snk_max = 0;  ///< K, the map's axes
  double peak_load = 0;  ///< W, highest hourly cooling load
};

/// The cooling map's ranges and the year's peak cooling load. Throws InvalidInput naming
/// the load when a space-cooling load is given to a unit without a cooling map.
CoolingYear cooling_year(const HeatPumpSpec& hp, const std::vector<demand::LoadSeries>& loads);

/// A speed curve on the cooling map (lowest speed as for heating).
SpeedCurve cooling_curve(const HeatPumpSpec& hp);

/// Runs hour `r` in cooling mode. `r.t_source` (rejection inlet), `r.t_supply` (chilled
/// water leaving) and `r.cooling_load` are set; sets cooling, hp_power, cycling_loss,
/// part_load and mode, adds to `outside_map_hours` when the map is read at a clamped point,
/// and returns the fraction of the hour the compressor runs. A source above the map's hottest inlet
/// or a chilled water below its coldest leaving temperature cuts the unit out.
double operate_cooling(const CoolingYear& y, const HeatPumpSpec& hp, SpeedCurve& curve, Hour& r,
                       int& outside_map_hours);

}  // namespace heatlift::site::detail
