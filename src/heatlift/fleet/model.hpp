// The stock-flow model of the building heat-pump fleet.
//
// Per segment and year: sales (history, then the growth model, plus lever additions)
// enter the stock as a vintage; each vintage survives by its Weibull lifetime; what
// leaves is retired (and its refrigerant recovered or emitted). Every vintage keeps the
// properties of its sales year (capacity, heat per unit, SPF, design COP, refrigerant and
// charge, the heat sources it replaced), so the fleet's performance follows its age mix.
// Everything is SI inside: units, W, J per year, kg per year, CNY per year.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/fleet/physics.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::fleet {

enum class Indicator {
  sales,                  ///< units/a sold (incl. lever additions and replacements)
  retirements,            ///< units/a leaving the stock
  stock,                  ///< units in service at the end of the year
  capacity,               ///< W of installed heating capacity
  floor_area,             ///< m2 of heated floor area served (space heating only)
  heat,                   ///< J/a delivered
  electricity,            ///< J/a used (heat pump and electric back-up)
  winter_peak,            ///< W of electric demand at the design outdoor temperature
  market_value,           ///< CNY/a of sales
  co2_reduction_gross,    ///< kg/a CO2 avoided vs the replaced sources (energy only)
  refrigerant_emissions,  ///< kg/a CO2e from leaks and end-of-life losses
  co2_reduction_net,      ///< kg/a gross reduction less refrigerant emissions
  refrigerant_bank,       ///< kg of refrigerant in service
  refrigerant_bank_co2e,  ///< kg CO2e of refrigerant in service
  hfc_consumption,   ///< kg/a CO2e of Kigali-controlled HFCs put on the market (new + servicing)
  kigali_allowance,  ///< kg/a CO2e the fleet's pro-rata Kigali path allows (totals only)
};
constexpr std::size_t kIndicatorCount = 16;

struct IndicatorInfo {
  Indicator id;
  std::string_view name;  ///< snake_case, as in CSV/JSON
  std::string_view unit;  ///< display unit
  double si_per_unit;     ///< SI value of one display unit
  std::string_view description;
};
const IndicatorInfo& info(Indicator i);
const std::array<IndicatorInfo, kIndicatorCount>& indicators();

/// Yearly series of every indicator for one segment or group.
struct Series {
  std::array<std::vector<double>, kIndicatorCount> values;
  std::vector<double>& operator[](Indicator i) { return values[static_cast<std::size_t>(i)]; }
  const std::vector<double>& operator[](Indicator i) const {
    return values[static_cast<std::size_t>(i)];
  }
};

/// What the replaced heat sources would have emitted and used for the same heat, by year:
/// co2_reduction_gross = replaced_fuel_co2 + grid × (replaced_electricity − electricity). Kept
/// apart so that the grid factor can be swapped (regions.hpp uses a province's factor).
struct Baseline {
  std::vector<double> replaced_fuel_co2;     ///< kg/a CO2 of the replaced fuels
  std::vector<double> replaced_electricity;  ///< J/a of the replaced electric heaters
};

/// Sums over a segment's vintages in service, by year, that a unit's physics multiplies
/// (the bottom-up engine, physics.hpp). Index [v]: the unit's sizing variant (0 as
/// catalogued, 1 sized without back-up by the less-back-up lever).
struct StockMoments {
  std::array<std::vector<double>, 2> units;  ///< Σ count
  /// Σ count × the power factor of the vintage's map (1 / its efficiency, after retrofit)
  std::array<std::vector<double>, 2> unit_power;
  std::array<std::vector<double>, 2> fuel;  ///< Σ count × kg CO2 of replaced fuel per J of heat
  /// Σ count × J of replaced electric heating per J of heat
  std::array<std::vector<double>, 2> replaced_electric;
  bool empty() const { return units[0].empty(); }
};

/// What a unit's physics gives a group in year column k: over both sizings, the stock
/// moments times the unit's per-unit figures, times `share` (a province's share of the
/// nation's units; 1 for the nation), with the scenario's cell factors (heat scales the
/// demand, so heat, capacity and every electricity; efficiency divides the compressor's
/// electricity). SI: J/a, W, m², kg/a.
struct PhysicsTotals {
  double heat = 0.0, electricity = 0.0, capacity = 0.0, floor_area = 0.0;
  double replaced_fuel_co2 = 0.0, replaced_electricity = 0.0;
};
PhysicsTotals physics_totals(const StockMoments& m, const UnitVariants& u, std::size_t k,
                             const CellFactors& f, double share = 1.0);
/// The hourly load of units `u` with moments `m` in column k, times `share`, with the cell
/// factors, added into `load` (W per hour).
void add_hourly_load(const StockMoments& m, const UnitVariants& u, std::size_t k,
                     const CellFactors& f, double share, std::vector<double>& load);

struct SeriesGroup {
  std::string name;  ///< segment name, "space_heating", "hot_water" or "total"
  std::string kind;  ///< "segment", "end_use" or "total"
  Series series;
  Baseline baseline;
  StockMoments moments;        ///< bottom-up runs only
  std::vector<int> peak_hour;  ///< bottom-up runs: hour of the year of the winter peak
};
/// Adds every series of `g` into `sum`, year by year (both of one run's layout): end uses,
/// totals and regions are sums of groups.
void add_into(SeriesGroup& sum, const SeriesGroup& g);

struct Results {
  std::string scenario;
  std::string title;
  int first_year = 0;  ///< first reported year (the earliest history year)
  int last_year = 0;
  std::vector<int> milestones;
  std::vector<SeriesGroup> groups;  ///< segments, then end uses, then "total"
  bool bottom_up = false;           ///< computed from the units' physics

  int years() const { return last_year - first_year + 1; }
  const SeriesGroup& group(std::string_view name) const;  ///< throws DataMissing
  double value(std::string_view group, Indicator i, int year) const;
};

/// Runs a scenario. Pure function of the scenario; cheap enough to call in a loop.
///
/// With `physics` (the bottom-up engine): sales, stock and refrigerant follow the scenario as
/// before, but heat, electricity, capacity, floor area, the replaced fuels and the winter
/// peak come from the units' simulated years (physics.hpp): a vintage's map draws
/// spf(base year) / (spf(vintage) × efficiency lever) of the catalogued unit's power (the
/// scenario's SPF path is read as the products' efficiency trend), a retrofitted unit
/// 1 / (1 + spf_gain) of its vintage's, and the less-back-up lever installs a growing share
/// of new units sized without back-up. The winter peak is the highest hour of the summed
/// hourly load of the typical years (coincident within segments, end uses and the total).
/// heat_per_unit, capacity, cop_design, design_load_share, backup shares and
/// design_heat_load of the segments are not used.
Results run(const Scenario& scenario, const FleetPhysics* physics = nullptr);

}  // namespace heatlift::fleet
