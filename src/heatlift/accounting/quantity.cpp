#include "heatlift/accounting/quantity.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "heatlift/core/error.hpp"

namespace heatlift::accounting {
namespace {

struct Unit {
  std::string_view symbol;
  Measure measure;
  double factor;  // value_SI = value * factor
};

constexpr double kJ = 1.0;
constexpr double kKWh = 3.6e6;

constexpr std::array kUnits = {
    Unit{"CNY", Measure::money, 1.0},
    Unit{"元", Measure::money, 1.0},
    Unit{"10^4 CNY", Measure::money, 1e4},
    Unit{"万元", Measure::money, 1e4},
    Unit{"CNY/kWh", Measure::price_per_energy, 1.0 / kKWh},
    Unit{"元/kWh", Measure::price_per_energy, 1.0 / kKWh},
    Unit{"CNY/MWh", Measure::price_per_energy, 1.0 / (1e3 * kKWh)},
    Unit{"CNY/MJ", Measure::price_per_energy, 1e-6 / kJ},
    Unit{"CNY/GJ", Measure::price_per_energy, 1e-9 / kJ},
    Unit{"元/GJ", Measure::price_per_energy, 1e-9 / kJ},
    Unit{"CNY/kg", Measure::price_per_mass, 1.0},
    Unit{"CNY/t", Measure::price_per_mass, 1e-3},
    Unit{"元/t", Measure::price_per_mass, 1e-3},
    Unit{"CNY/m3", Measure::price_per_volume, 1.0},
    Unit{"元/m3", Measure::price_per_volume, 1.0},
    Unit{"CNY/kW", Measure::price_per_power, 1e-3},
    Unit{"元/kW", Measure::price_per_power, 1e-3},
    Unit{"CNY/W", Measure::price_per_power, 1.0},
    Unit{"CNY/a", Measure::money_per_year, 1.0},
    Unit{"元/a", Measure::money_per_year, 1.0},
    Unit{"10^4 CNY/a", Measure::money_per_year, 1e4},
    Unit{"kgCO2/kWh", Measure::emission_per_energy, 1.0 / kKWh},
    Unit{"gCO2/kWh", Measure::emission_per_energy, 1e-3 / kKWh},
    Unit{"tCO2/MWh", Measure::emission_per_energy, 1.0 / kKWh},
    Unit{"kgCO2/MJ", Measure::emission_per_energy, 1e-6},
    Unit{"kgCO2/GJ", Measure::emission_per_energy, 1e-9},
    Unit{"tCO2/TJ", Measure::emission_per_energy, 1e-9},
    Unit{"kg/kWh", Measure::emission_per_energy, 1.0 / kKWh},
    Unit{"g/kWh", Measure::emission_per_energy, 1e-3 / kKWh},
    Unit{"kg/GJ", Measure::emission_per_energy, 1e-9},
    Unit{"t/TJ", Measure::emission_per_energy, 1e-9},
    Unit{"kJ/kg", Measure::heating_value_mass, 1e3},
    Unit{"MJ/kg", Measure::heating_value_mass, 1e6},
    Unit{"GJ/t", Measure::heating_value_mass, 1e6},
    Unit{"kJ/m3", Measure::heating_value_volume, 1e3},
    Unit{"MJ/m3", Measure::heating_value_volume, 1e6},
    Unit{"GJ/10^4m3", Measure::heating_value_volume, 1e5},
    Unit{"%/a", Measure::per_year, 1e-2},
    Unit{"1/a", Measure::per_year, 1.0},
    Unit{"a", Measure::years, 1.0},
    Unit{"kgce/kWh", Measure::coal_per_energy, 1.0 / kKWh},
    Unit{"gce/kWh", Measure::coal_per_energy, 1e-3 / kKWh},
    Unit{"kgce/GJ", Measure::coal_per_energy, 1e-9},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string units_of(Measure m) {
  std::vector<std::string_view> names;
  for (const Unit& u : kUnits) {
    if (u.measure == m) names.push_back(u.symbol);
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

const Unit* find(std::string_view symbol, Measure m) {
  for (const Unit& u : kUnits) {
    if (u.measure == m && u.symbol == symbol) return &u;
  }
  return nullptr;
}

}  // namespace

std::string_view to_string(Measure m) {
  switch (m) {
    case Measure::money: return "money";
    case Measure::price_per_energy: return "price per energy";
    case Measure::price_per_mass: return "price per mass";
    case Measure::price_per_volume: return "price per volume";
    case Measure::price_per_power: return "price per power";
    case Measure::money_per_year: return "money per year";
    case Measure::emission_per_energy: return "emission factor per energy";
    case Measure::heating_value_mass: return "heating value per mass";
    case Measure::heating_value_volume: return "heating value per volume";
    case Measure::per_year: return "rate per year";
    case Measure::years: return "years";
    case Measure::coal_per_energy: return "standard coal per energy";
  }
  return "?";
}

double parse_measure(std::string_view text, Measure m, std::string_view field) {
  const std::string prefix = field.empty() ? std::string() : fmt::format("{}: ", field);
  const std::string_view t = trim(text);
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr == t.data()) {
    throw InvalidInput(fmt::format("{}'{}' is not \"<number> <unit>\" ({}: {})", prefix, text,
                                   to_string(m), units_of(m)));
  }
  if (!std::isfinite(v)) {
    throw InvalidInput(fmt::format("{}'{}' is not a finite number", prefix, text));
  }
  const std::string_view symbol = trim(t.substr(static_cast<std::size_t>(ptr - t.data())));
  if (symbol.empty()) {
    throw InvalidInput(
        fmt::format("{}'{}' needs a unit ({}: {})", prefix, text, to_string(m), units_of(m)));
  }
  const Unit* u = find(symbol, m);
  if (u == nullptr) {
    throw InvalidInput(fmt::format("{}unit '{}' in '{}' does not measure {}; expected one of {}",
                                   prefix, symbol, text, to_string(m), units_of(m)));
  }
  return v * u->factor;
}

double to_display(double value_si, Measure m, std::string_view symbol) {
  const Unit* u = find(symbol, m);
  if (u == nullptr) {
    throw InvalidInput(fmt::format("unit '{}' does not measure {}; expected one of {}", symbol,
                                   to_string(m), units_of(m)));
  }
  return value_si / u->factor;
}

}  // namespace heatlift::accounting
