// The fleet's cells: one installed unit of a segment at a place — a building of an
// archetype and code era (space heating) or a hot-water demand (hot water), served by a
// product sized to cover a share of its design load — simulated hour by hour over the
// place's typical year with the site engine (site::plan, site::simulate). A cell's result
// is per unit; the fleet weights cells by the units they stand for.
//
// Efficiency of later vintages: a vintage whose products are `f` times as efficient has a
// map whose electric power is the cell's divided by `f` at every point (capacity and
// control unchanged). The simulation's decisions depend on capacity only, so its unit
// electricity is the cell's unit electricity divided by `f`, exactly; the auxiliaries and
// the back-up heater do not change. `CellResult` keeps the two parts apart for that reason.
#pragma once

#include <string>
#include <vector>

#include "heatlift/fleet/scenario.hpp"

namespace heatlift::site {
class SiteLibraries;
}

namespace heatlift::fleet {

/// One kind of installation at one place.
struct CellSpec {
  std::string place;  ///< a city or GB 50736 station (climate::find_place query)
  EndUse end_use = EndUse::space_heating;
  std::string archetype;  ///< building archetype (space heating) or hot-water type
  std::string era;        ///< code era of the building (space heating; empty for hot water)
  double size = 0.0;      ///< m² heated floor (space heating) or persons/beds (hot water)
  std::string product;    ///< product id (data/products)
  double cover = 1.0;     ///< share of the design load the heat pump covers at design temperature
  double tank_volume =
      0.0;  ///< m³ of hot-water storage (hot water; 0: the heater follows the draw)
  bool keep_hourly = true;  ///< keep the hourly electric load (the winter peak needs it)

  /// The key of the demand alone: cells that differ only in product or cover share it.
  std::string demand_key() const;
};

/// A cell's year, per unit (SI: J per year, W).
struct CellResult {
  double heat = 0.0;                ///< J/a delivered to the load (heat pump + back-up)
  double hp_heat = 0.0;             ///< J/a from the heat pump
  double unit_electricity = 0.0;    ///< J/a of the unit itself (compressor, fan, defrost)
  double aux_electricity = 0.0;     ///< J/a of the source and circuit pumps
  double backup_electricity = 0.0;  ///< J/a of the back-up heater
  double unmet = 0.0;               ///< J/a not delivered
  double capacity = 0.0;            ///< W nominal heating capacity of the installation
  double design_load = 0.0;         ///< W at the design outdoor temperature
  double peak_electric = 0.0;       ///< W, highest hourly mean electricity
  int peak_hour = 0;                ///< hour of the year of that peak (0 = 1 Jan 00:00)
  double spf_h4 = 0.0;              ///< SEPEMO H4 seasonal performance factor
  /// W per hour (8,760): the unit's electricity, and the rest (auxiliaries + back-up).
  /// Empty when the spec did not keep them.
  std::vector<float> unit_load, other_load;

  double electricity() const { return unit_electricity + aux_electricity + backup_electricity; }
};

/// Simulates one cell. Throws InvalidInput/DataMissing naming the cell and what was wrong.
CellResult simulate_cell(const CellSpec& cell, const site::SiteLibraries& lib);

/// Simulates every cell on `threads` threads (0 = all cores), each demand once for all the
/// products and covers that serve it. Results are in the order of `cells`.
std::vector<CellResult> simulate_cells(const std::vector<CellSpec>& cells,
                                       const site::SiteLibraries& lib, unsigned threads = 0);

}  // namespace heatlift::fleet
