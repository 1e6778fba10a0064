#include "heatlift/accounting/fuels.hpp"

#include <fmt/format.h>

#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::accounting {

std::string_view to_string(FuelBasis b) {
  switch (b) {
    case FuelBasis::mass: return "mass";
    case FuelBasis::volume: return "volume";
    case FuelBasis::electricity: return "electricity";
    case FuelBasis::heat: return "heat";
  }
  return "?";
}

FuelRegistry::FuelRegistry(std::vector<Fuel> fuels, std::vector<HeatGenerator> generators,
                           double standard_coal_ncv)
    : fuels_(std::move(fuels)),
      generators_(std::move(generators)),
      standard_coal_ncv_(standard_coal_ncv) {
  for (const HeatGenerator& g : generators_) {
    (void)fuel(g.fuel);  // every generator burns a known fuel
    if (!(g.efficiency > 0.0 && g.efficiency <= 1.2)) {
      throw InvalidInput(
          fmt::format("generator {}: efficiency {} out of range; expected above 0 "
                      "and at most 1.2 (condensing, NCV basis)",
                      g.id, g.efficiency));
    }
  }
}

const Fuel& FuelRegistry::fuel(std::string_view id) const {
  for (const Fuel& f : fuels_) {
    if (f.id == id) return f;
  }
  std::vector<std::string_view> known;
  for (const Fuel& f : fuels_) known.push_back(f.id);
  throw InvalidInput(
      fmt::format("unknown fuel '{}'; expected one of {}", id, fmt::join(known, ", ")));
}

const HeatGenerator& FuelRegistry::generator(std::string_view id) const {
  for (const HeatGenerator& g : generators_) {
    if (g.id == id) return g;
  }
  std::vector<std::string_view> known;
  for (const HeatGenerator& g : generators_) known.push_back(g.id);
  throw InvalidInput(
      fmt::format("unknown heat generator '{}'; expected one of {}", id, fmt::join(known, ", ")));
}

double fuel_energy(const Fuel& f, double amount) {
  if (!std::isfinite(amount) || amount < 0.0) {
    throw InvalidInput(fmt::format("{} amount {}: expected a finite value >= 0", f.id, amount));
  }
  switch (f.basis) {
    case FuelBasis::mass:
    case FuelBasis::volume: return amount * f.ncv;
    case FuelBasis::electricity:
    case FuelBasis::heat: return amount;
  }
  return amount;
}

double co2_of_fuel(const Fuel& f, double amount) {
  if (f.basis == FuelBasis::electricity) {
    throw InvalidInput("the CO2 of electricity depends on the grid: use co2_of_electricity");
  }
  return fuel_energy(f, amount) * f.co2_factor;
}

FuelUse fuel_use(double useful_heat_J, const HeatGenerator& gen, const FuelRegistry& reg,
                 double grid_kg_per_J, std::optional<double> price,
                 std::optional<double> efficiency) {
  if (!std::isfinite(useful_heat_J) || useful_heat_J < 0.0) {
    throw InvalidInput(
        fmt::format("useful heat {} kWh: expected a finite value >= 0", useful_heat_J / 3.6e6));
  }
  const double eta = efficiency.value_or(gen.efficiency);
  if (!(eta > 0.0 && eta <= 1.2)) {
    throw InvalidInput(
        fmt::format("{}: efficiency {} out of range; expected above 0 and at most "
                    "1.2",
                    gen.id, eta));
  }
  if (price && (!std::isfinite(*price) || *price < 0.0)) {
    throw InvalidInput(fmt::format("{}: price {} must be finite and >= 0", gen.fuel, *price));
  }
  const Fuel& f = reg.fuel(gen.fuel);
  FuelUse u;
  u.fuel = f.id;
  u.useful_heat_J = useful_heat_J;
  u.fuel_energy_J = useful_heat_J / eta;
  switch (f.basis) {
    case FuelBasis::mass:
    case FuelBasis::volume: u.amount = u.fuel_energy_J / f.ncv; break;
    case FuelBasis::electricity:
    case FuelBasis::heat: u.amount = u.fuel_energy_J; break;
  }
  u.co2_kg = f.basis == FuelBasis::electricity ? u.fuel_energy_J * grid_kg_per_J
                                               : u.fuel_energy_J * f.co2_factor;
  if (f.so2_factor) u.so2_kg = u.fuel_energy_J * *f.so2_factor;
  if (f.dust_factor) u.dust_kg = u.fuel_energy_J * *f.dust_factor;
  u.standard_coal_kg = u.fuel_energy_J / reg.standard_coal_ncv();
  if (price) u.cost_cny = u.amount * *price;
  return u;
}

}  // namespace heatlift::accounting
