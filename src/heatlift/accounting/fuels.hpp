// Baseline fuels and heat generators: useful heat → fuel use → CO2, SO2, dust and cost.
// The registry is data/accounting/defaults.toml (each number with its source); every
// generator's efficiency can be overridden.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::core {
class DataStore;
}

namespace heatlift::accounting {

/// How a fuel is metered: by mass (kg), volume (m3), or as energy (electricity, heat: J).
enum class FuelBasis { mass, volume, electricity, heat };
std::string_view to_string(FuelBasis b);

struct Fuel {
  std::string id;  ///< "coal", "briquette", "natural_gas", "electricity", "district_heat"
  std::string name_zh;
  std::string name_en;
  FuelBasis basis = FuelBasis::mass;
  double ncv = 0.0;         ///< net heating value: J/kg (mass), J/m3 (volume); 1 for energy bases
  double co2_factor = 0.0;  ///< kg CO2 per J of fuel energy (electricity: from the grid, 0 here)
  std::optional<double> so2_factor;   ///< kg SO2 per J of fuel energy, where the facts give one
  std::optional<double> dust_factor;  ///< kg dust per J of fuel energy, where the facts give one
};

struct HeatGenerator {
  std::string id;  ///< e.g. "coal_boiler_small", "gas_boiler_condensing"
  std::string name_zh;
  std::string name_en;
  std::string fuel;         ///< Fuel::id
  double efficiency = 1.0;  ///< useful heat / fuel energy (NCV basis)
};

/// Fuels, generators and the standard-coal heating value, as shipped in defaults.toml.
class FuelRegistry {
 public:
  static FuelRegistry load(const core::DataStore& data);
  FuelRegistry(std::vector<Fuel> fuels, std::vector<HeatGenerator> generators,
               double standard_coal_ncv);

  /// Throws InvalidInput naming the known ids.
  const Fuel& fuel(std::string_view id) const;
  const HeatGenerator& generator(std::string_view id) const;
  const std::vector<Fuel>& fuels() const { return fuels_; }
  const std::vector<HeatGenerator>& generators() const { return generators_; }
  /// J per kg of standard coal equivalent (GB/T 2589-2020: 29.3076 MJ/kgce).
  double standard_coal_ncv() const { return standard_coal_ncv_; }

 private:
  std::vector<Fuel> fuels_;
  std::vector<HeatGenerator> generators_;
  double standard_coal_ncv_;
};

/// Fuel energy (J) of an amount in the fuel's own unit (kg, m3 or J).
double fuel_energy(const Fuel& f, double amount);
/// kg CO2 of burning `amount` (kg, m3; J for heat). Electricity needs a grid factor: use
/// co2_of_electricity (carbon.hpp); calling this with electricity throws InvalidInput.
double co2_of_fuel(const Fuel& f, double amount);

/// Prices by fuel id, SI: CNY/kg (mass), CNY/m3 (volume), CNY/J (electricity, heat).
using FuelPrices = std::map<std::string, double, std::less<>>;

/// What a baseline uses and emits to deliver some useful heat.
struct FuelUse {
  std::string fuel;
  double useful_heat_J = 0.0;
  double fuel_energy_J = 0.0;  ///< useful heat / efficiency
  double amount = 0.0;         ///< in the fuel's own unit: kg, m3 or J
  double co2_kg = 0.0;
  std::optional<double> so2_kg;    ///< when the fuel has an SO2 factor
  std::optional<double> dust_kg;   ///< when the fuel has a dust factor
  double standard_coal_kg = 0.0;   ///< fuel energy in kgce (calorific)
  std::optional<double> cost_cny;  ///< when a price was given
};

/// Useful heat (J) delivered by a generator of `efficiency` (overrides the generator's own
/// when given). `grid_kg_per_J` is used for electricity only; `price` is per unit of amount.
FuelUse fuel_use(double useful_heat_J, const HeatGenerator& gen, const FuelRegistry& reg,
                 double grid_kg_per_J, std::optional<double> price = std::nullopt,
                 std::optional<double> efficiency = std::nullopt);

}  // namespace heatlift::accounting
