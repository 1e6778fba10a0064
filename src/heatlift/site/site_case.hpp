// A site file (SITE.toml, docs/site.md) read into everything a run needs, and the run
// itself: the hourly simulation, then carbon and money for the heat pump and for each
// baseline it replaces, and the GB/T 50801-2013 evaluation.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/accounting/accounting_io.hpp"
#include "heatlift/accounting/carbon.hpp"
#include "heatlift/accounting/economics.hpp"
#include "heatlift/accounting/fuels.hpp"
#include "heatlift/accounting/gbt50801.hpp"
#include "heatlift/accounting/tariff.hpp"
#include "heatlift/climate/place.hpp"
#include "heatlift/demand/building.hpp"
#include "heatlift/demand/drying.hpp"
#include "heatlift/demand/hot_water.hpp"
#include "heatlift/demand/process.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/site/ground_source.hpp"
#include "heatlift/site/pv_export.hpp"
#include "heatlift/site/simulation.hpp"
#include "heatlift/site/solar_thermal.hpp"
#include "heatlift/site/system_io.hpp"
#include "heatlift/site/water_source.hpp"

namespace heatlift::core {
class ConfigDocument;
}

namespace heatlift::site {

/// The libraries a site file refers to, loaded once and shared by every run of a sweep
/// (safe to use from several threads). Places are looked up once per query and cached.
class SiteLibraries {
 public:
  SiteLibraries(const core::DataStore& data, const equipment::ProductLibrary& products);

  const core::DataStore& data() const { return *data_; }
  const equipment::ProductLibrary& products() const { return *products_; }
  const demand::ArchetypeLibrary& archetypes() const { return archetypes_; }
  const demand::HotWaterLibrary& hot_water() const { return hot_water_; }
  const accounting::FuelRegistry& fuels() const { return fuels_; }
  const accounting::gbt50801::Constants& gbt50801() const { return gbt_; }
  /// climate::find_place, cached by query.
  std::shared_ptr<const climate::Place> place(const std::string& query) const;
  /// The irradiance on a south wall for a place's weather (demand::south_vertical_irradiance),
  /// cached with the place.
  std::shared_ptr<const std::vector<double>> south_irradiance(const std::string& query) const;

 private:
  const core::DataStore* data_;
  const equipment::ProductLibrary* products_;
  demand::ArchetypeLibrary archetypes_;
  demand::HotWaterLibrary hot_water_;
  accounting::FuelRegistry fuels_;
  accounting::gbt50801::Constants gbt_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const climate::Place>, std::less<>> places_;
  mutable std::map<std::string, std::shared_ptr<const std::vector<double>>, std::less<>> south_;
};

struct Baseline {
  accounting::BaselineInput input;
};

/// What the site needs, as described (each simulated hour by hour by `plan`).
struct DemandSpecs {
  std::optional<demand::BuildingSpec> building;
  std::optional<demand::HotWaterSpec> hot_water;
  std::optional<demand::ProcessSpec> process;
  std::optional<demand::DryingSpec> drying;
};

/// Everything read from a site file: data only. Nothing here has been simulated or sized;
/// `plan` and `evaluate` do that. A caller may also fill one in code (a fleet cell).
struct SiteCase {
  std::string name;
  std::string file;
  std::string place_query;
  std::shared_ptr<const climate::Place> place;
  bool library_place = false;  ///< a city of the library (its wall irradiance is cached)
  double t_design = 0.0;       ///< K, heating design outdoor temperature used
  DemandSpecs demand;
  SystemDesign system;
  accounting::CarbonInput carbon;
  accounting::RefrigerantUse refrigerant;  ///< charge of one map when `charge_scales`
  bool charge_scales = false;  ///< the charge is the product's: it grows with the sizing
  std::optional<accounting::Economics> economics;
  std::optional<accounting::Tariff> tariff;
  accounting::FuelPrices fuel_prices;
  std::vector<Baseline> baselines;
  std::optional<accounting::Gbt50801Input> gbt50801;
  std::optional<SolarThermalSpec> solar_thermal;  ///< [solar_thermal]: collectors and store
};

/// Reads a site file. Errors name file, line, column and field; an unknown key anywhere is
/// an error. `base_dir` resolves relative paths (map files). Reads only: the demand is
/// simulated and the heat pump sized by `plan`.
SiteCase read_site(const core::ConfigDocument& doc, const SiteLibraries& lib,
                   const std::filesystem::path& base_dir);

/// The site made concrete: the hourly loads, what the heat pump is sized against, the sized
/// system and installation, and the refrigerant charge of that installation.
struct SitePlan {
  std::vector<demand::LoadSeries> loads;
  SizingBasis basis;
  SystemSpec system;
  HeatPumpInfo heat_pump;
  accounting::RefrigerantUse refrigerant;
  /// [source.borefield]: the drift over the years; system.source.t_hourly holds its brine.
  std::optional<GroundLoopOutcome> ground;
};

/// Simulates the demand and sizes the system. Throws InvalidInput naming the file position
/// of the sizing when the heat pump cannot be sized (e.g. a cover the map cannot give).
SitePlan plan(const SiteCase& site, const SiteLibraries& lib);
/// The hourly loads of the site's demand (building, hot water, process, drying, in that
/// order): the first step of `plan`.
std::vector<demand::LoadSeries> simulate_demand(const SiteCase& site, const SiteLibraries& lib);
/// `plan` with the loads already simulated (many systems on one demand simulate it once).
SitePlan plan(const SiteCase& site, std::vector<demand::LoadSeries> loads);

/// One baseline's year and its comparison with the heat pump.
struct BaselineOutcome {
  accounting::HeatGenerator generator;
  accounting::FuelBasis fuel_basis = accounting::FuelBasis::mass;  ///< how its fuel is metered
  accounting::FuelUse use;
  double co2_kg = 0.0;                          ///< kg/a
  double co2_saving_kg = 0.0;                   ///< baseline − heat pump, kg/a
  std::optional<accounting::Comparison> money;  ///< when prices and economics are given
  std::optional<double> energy_cost;            ///< CNY/a (with its cooling)
  /// When the heat pump cools: the baseline's electric chiller (BaselineInput::cooling_eer)
  /// removes the same heat; its electricity and CO2 are in use-independent fields here and
  /// in co2_kg / energy_cost.
  double cooling_electricity = 0.0;  ///< J/a
  double cooling_co2_kg = 0.0;       ///< kg/a
};

struct Gbt50801Outcome {
  /// Heating season's system COP; empty when the site delivered no heat (a site that only
  /// cools: its heating evaluation does not apply, docs/site.md).
  std::optional<double> system_cop;
  int grade = 0;  ///< heating: 1 … 3, 0 below grade 3 or not evaluated
  accounting::gbt50801::Substitution substitution;
  /// The same with the other electricity-to-coal basis (Gbt50801Input::alternative_basis).
  std::optional<accounting::gbt50801::Substitution> alternative;
  std::optional<accounting::gbt50801::Payoff> payoff;
  /// Cooling season, when the heat pump cools: system EER, its grade and substitution
  /// (`substitution` is then the year's: heating + cooling).
  std::optional<double> system_eer;
  int cooling_grade = 0;
  std::optional<accounting::gbt50801::Substitution> cooling_substitution;
};

struct SiteOutcome {
  SitePlan plan;
  Simulation simulation;
  int year = 0;                     ///< year of the grid factor
  double grid_factor = 0.0;         ///< kg/J in that year
  double useful_heat = 0.0;         ///< J, load − unmet
  double co2_electricity_kg = 0.0;  ///< kg/a
  double co2_refrigerant_kg = 0.0;  ///< kg/a (leakage)
  double co2_kg = 0.0;              ///< kg/a, both
  accounting::Tewi tewi;
  std::optional<accounting::TariffResult> tariff;
  std::optional<accounting::Investment> investment;
  std::optional<accounting::AnnualCost> annual_cost;
  std::optional<double> lcoh;  ///< CNY/J
  /// CNY/a, when the unit cools and a tariff is given: the running cost's part due to the
  /// cooling hours' electricity (the tariff's cost of the year less its cost without that
  /// electricity; PV on site shared pro rata with the hour's other uses).
  std::optional<double> cooling_cost_cny;
  std::vector<BaselineOutcome> baselines;
  std::optional<Gbt50801Outcome> gbt50801;
  /// A boiler kept beside the heat pump ([backup] kind): its switch-over and fuel, whose
  /// CO2 is in co2_kg and whose cost is in the heat pump's running cost.
  std::optional<HybridOutcome> hybrid;
  /// Collectors and their store: the heat they gave the loads is in useful_heat (the
  /// baselines supply all of it) but not in the simulation, which sees what was left.
  std::optional<SolarThermalResult> solar_thermal;
  /// PV on site: self-consumption and export; the export's revenue is netted off the heat
  /// pump's running cost.
  std::optional<PvExport> pv;
};

/// Plans the site, simulates the year and does the accounts.
SiteOutcome evaluate(const SiteCase& site, const SiteLibraries& lib);

}  // namespace heatlift::site
