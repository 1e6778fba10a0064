// A heat pump beside an existing boiler (a hybrid, or a bivalent system): the boiler may be
// a gas or coal boiler or a district-heat connection, and a switch-over rule decides hour
// by hour whether the heat pump runs.
//
// Rules (docs/site.md, "Hybrids"):
//   temperature  bivalent-alternative: below the bivalent point the boiler alone carries the
//                load; above it the heat pump, the boiler topping up what it cannot give.
//                The bivalent point is given, or found by a scan of 1 K steps for the lowest
//                annual running cost (or CO2) of electricity and fuel.
//   cost         per hour: electricity price of the hour / COP of the hour against fuel
//                price / boiler efficiency (the cheaper heat runs);
//   carbon       per hour: grid factor / COP against fuel factor / boiler efficiency.
//   none         bivalent-parallel: the heat pump runs at every temperature and the boiler
//                tops up (the bivalent point is then a result of the sizing).
// The COP of an hour is the heat pump's own (unit and source pump) in that hour of a run with
// the heat pump free to run; an hour the heat pump cannot run at all is the boiler's anyway.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/accounting/fuels.hpp"
#include "heatlift/climate/weather.hpp"
#include "heatlift/demand/load.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::site {

enum class SwitchRule { none, temperature, cost, carbon };
enum class HybridObjective { cost, carbon };
std::string_view to_string(SwitchRule rule);
std::string_view to_string(HybridObjective objective);

/// The [backup] of a site file: today's electric heater, or an existing boiler.
struct BackupDesign {
  std::string kind = "electric";     ///< "electric" or a heat generator id (accounting)
  std::optional<double> efficiency;  ///< given; a boiler's default is its generator's
  SwitchRule rule = SwitchRule::none;
  std::optional<double> bivalent_point;  ///< K (temperature rule; absent = optimised)
  HybridObjective objective = HybridObjective::cost;
  std::string where;  ///< "file:line:col: backup", for errors found when evaluating
  bool boiler() const { return kind != "electric"; }
};

/// What a switch-over compares, hour by hour.
struct HybridPrices {
  std::vector<double> electricity;  ///< CNY/J of each hour (empty: no tariff)
  std::optional<double> fuel;       ///< CNY per J of fuel energy (absent: no price)
  double grid_factor = 0.0;         ///< kg CO2 per J of electricity
  double fuel_factor = 0.0;         ///< kg CO2 per J of fuel energy
  double efficiency = 1.0;          ///< boiler: heat / fuel energy
};

/// A year's running cost and CO2 of electricity and boiler fuel (prices before tiers).
struct HybridYear {
  double hp_share = 0.0;          ///< heat-pump heat / (heat-pump + boiler heat)
  double fuel_energy = 0.0;       ///< J
  double electricity_cost = 0.0;  ///< CNY (0 without a tariff)
  double fuel_cost = 0.0;         ///< CNY (0 without a price)
  double co2_kg = 0.0;            ///< electricity and fuel
  double cost() const { return electricity_cost + fuel_cost; }
};

/// One bivalent point of the optimising scan.
struct ScanPoint {
  double bivalent_point = 0.0;  ///< K
  HybridYear year;
};

struct HybridResult {
  SwitchRule rule = SwitchRule::none;
  std::optional<double> bivalent_point;  ///< K, the one used (temperature rule)
  bool optimised = false;                ///< the bivalent point came from the scan
  HybridObjective objective = HybridObjective::cost;
  int locked_hours = 0;  ///< hours with load in which the heat pump was kept off
  HybridYear year;
  std::vector<ScanPoint> scan;  ///< the scan (optimised temperature rule only)
};

/// A hybrid site's year as the accounts see it: the boiler, its switch-over and its fuel.
struct HybridOutcome {
  accounting::HeatGenerator generator;
  double efficiency = 1.0;  ///< heat / fuel energy used
  HybridResult result;
  accounting::FuelUse fuel;  ///< the boiler's fuel: amount, CO2, cost when priced
  accounting::FuelBasis fuel_basis = accounting::FuelBasis::mass;  ///< how it is metered
};

struct SiteCase;
struct SitePlan;
class SiteLibraries;

/// The year of a site whose [backup] is a boiler: prices of each hour from the site's
/// tariff (before tiers), the fuel's price from [fuel_prices], the grid factor `grid_kg_per_J`;
/// the run goes into `sim`. Throws InvalidInput naming [backup] when a rule lacks a price.
HybridOutcome evaluate_hybrid(const SiteCase& site, const SiteLibraries& lib, const SitePlan& plan,
                              double grid_kg_per_J, Simulation& sim);

/// Hours with outdoor temperature below `t_bivalent` (K) locked.
std::vector<std::uint8_t> lockout_below(const climate::WeatherSeries& weather, double t_bivalent);

/// Hours in which the boiler's heat is cheaper (cost) or lower in CO2 (carbon) than the heat
/// pump's in `free_run` (a run with the heat pump never locked), or the heat pump did not run.
/// Throws InvalidInput when the rule needs a price that is missing.
std::vector<std::uint8_t> lockout_by_merit(const Simulation& free_run, const HybridPrices& prices,
                                           SwitchRule rule);

/// Cost and CO2 of a year run with a boiler back-up.
HybridYear hybrid_year(const Simulation& sim, const HybridPrices& prices);

/// Simulates the year of a heat pump beside a boiler: `system.backup` is the boiler
/// (electric = false, its efficiency); the rule of `design` sets its lockout. Fills `out`.
Simulation simulate_hybrid(const climate::WeatherSeries& weather,
                           const std::vector<demand::LoadSeries>& loads, SystemSpec system,
                           const BackupDesign& design, const HybridPrices& prices,
                           HybridResult& out);

}  // namespace heatlift::site
