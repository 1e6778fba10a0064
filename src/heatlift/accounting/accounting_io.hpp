// Reading the accounting blocks of a site file ([carbon], [refrigerant], [economics],
// [tariff], [fuel_prices], [baseline], [gbt50801]) and the shipped defaults
// (data/accounting/defaults.toml). Every error names file, line, column and field.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "heatlift/accounting/carbon.hpp"
#include "heatlift/accounting/economics.hpp"
#include "heatlift/accounting/fuels.hpp"
#include "heatlift/accounting/gbt50801.hpp"
#include "heatlift/accounting/tariff.hpp"

namespace heatlift::core {
class ConfigTable;
class DataStore;
}  // namespace heatlift::core

namespace heatlift::accounting {

inline constexpr std::string_view kDefaultsPath = "accounting/defaults.toml";

/// Refrigerant-loss and economic defaults of defaults.toml (assumptions, see the file).
struct Defaults {
  double leak_rate = 0.0;  ///< 1/a
  double eol_loss = 0.0;
  fluids::GwpBasis gwp_basis = fluids::GwpBasis::ar4;
  double om_fraction = 0.0;
  std::map<std::string, double, std::less<>> capital_per_W;  ///< by heat-pump type, CNY/W
  static Defaults load(const core::DataStore& data);
};

/// [carbon]: grid = "north" | "national" | "CN-HE" | "河北"; year = 2023; grid_path = "cns";
/// grid_factor = "0.58 kgCO2/kWh"; start_year = 2025.
struct CarbonInput {
  GridSpec spec;
  GridFactor grid;
  int start_year = 0;  ///< first year of operation; else the factor's data year (0 for grid_factor)
};
CarbonInput carbon_from_config(core::ConfigTable& t, const core::DataStore& data);

/// [refrigerant]: name = "R32"; charge = "2.5 kg"; gwp_basis = "AR4"; gwp = 675 (override);
/// leak_rate = 0.03 or "3 %/a"; eol_loss = 0.15 or "15 %". `name` and `charge` may be left
/// out when the caller knows them (the product's refrigerant and charge): pass them here.
RefrigerantUse refrigerant_from_config(core::ConfigTable& t, const core::DataStore& data,
                                       std::optional<std::string> product_refrigerant = {},
                                       std::optional<double> product_charge_kg = {});

/// [economics]: discount_rate = 0.05 or "5 %"; lifetime = 15 or "15 a";
/// capital_per_kw = "1500 CNY/kW" or hp_type = "air_to_water" (indicative default);
/// capital_fixed = "20000 CNY"; om_fraction = "1.5 %"; subsidy_per_kw = "300 CNY/kW";
/// subsidy = "5000 CNY".
Economics economics_from_config(core::ConfigTable& t, const core::DataStore& data);

/// [tariff]: preset = "zhejiang_residential", or kind = "flat" with price = "0.5 CNY/kWh", or
/// kind = "time_of_use" with [[tariff.periods]] name, price, hours = ["08-22"]; optional
/// [tariff.heating_season] from = "11-15", to = "03-15" and its own price or periods;
/// optional tier_limits = ["2760 kWh", ...] with tier_surcharges = ["0.05 CNY/kWh", ...].
Tariff tariff_from_config(core::ConfigTable& t, const core::DataStore& data);

/// [fuel_prices]: coal = "1000 CNY/t"; briquette = "1200 CNY/t"; natural_gas = "3.2 CNY/m3";
/// district_heat = "40 CNY/GJ"; electricity = "0.5 CNY/kWh" (an average, for an electric
/// baseline without an hourly series).
FuelPrices fuel_prices_from_config(core::ConfigTable& t, const FuelRegistry& reg);

/// [baseline]: generator = "coal_boiler_small"; efficiency = "78 %" (override);
/// capital = "30000 CNY"; om = "500 CNY/a".
struct BaselineInput {
  HeatGenerator generator;  ///< with the overridden efficiency
  double capital = 0.0;     ///< CNY
  double annual_om = 0.0;   ///< CNY/a
  /// Seasonal EER of the electric chiller that cools beside it (sites whose heat pump cools).
  double cooling_eer = 3.3;
};
BaselineInput baseline_from_config(core::ConfigTable& t, const FuelRegistry& reg);

/// [gbt50801]: reference = "coal" | "natural_gas" | "electricity";
/// application = "space_heating" | "hot_water" | "heat_driven_cooling"; eta_t = 0.7 (override);
/// electricity_to_coal = "calorific_equivalent" (preset) or "0.30 kgce/kWh" (required, no
/// default); reference_chiller_capacity = "600 kW" (cooling); conventional_price =
/// "0.25 CNY/kWh" (per kWh of the conventional energy's heating value); extra_om = "0 CNY/a";
/// incremental_cost = "200000 CNY".
struct Gbt50801Input {
  gbt50801::Energy reference = gbt50801::Energy::coal;
  gbt50801::Application application = gbt50801::Application::space_heating;
  double eta_t = 0.0;                     ///< from the table unless overridden
  double electricity_to_coal = 0.0;       ///< D, kgce/J
  std::string electricity_to_coal_basis;  ///< preset name or "given"
  /// The other basis, shown beside the chosen one: generation_based_2022 when the site
  /// names calorific_equivalent, else calorific_equivalent (absent if the data lacks it).
  std::optional<double> alternative_to_coal;  ///< kgce/J
  std::string alternative_basis;
  std::optional<double> reference_eer;       ///< EER_t when a chiller capacity is given
  std::optional<double> conventional_price;  ///< CNY/J of heating value
  double extra_om = 0.0;                     ///< CNY/a
  std::optional<double> incremental_cost;    ///< CNY
};
Gbt50801Input gbt50801_from_config(core::ConfigTable& t, const gbt50801::Constants& k);

}  // namespace heatlift::accounting
