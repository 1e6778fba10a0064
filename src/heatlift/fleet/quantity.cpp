#include "heatlift/fleet/quantity.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <string>

#include "heatlift/core/error.hpp"

namespace heatlift::fleet {
namespace {

struct FleetUnit {
  std::string_view symbol;
  FleetDimension dimension;
  double factor;  // value_SI = value * factor
};

constexpr double kJPerKWh = 3.6e6;

// Display symbols first; aliases follow with the same factor.
constexpr std::array kUnits{
    FleetUnit{"units", FleetDimension::count, 1.0},
    FleetUnit{"unit", FleetDimension::count, 1.0},
    FleetUnit{"10^4 units", FleetDimension::count, 1e4},
    FleetUnit{"万台", FleetDimension::count, 1e4},
    FleetUnit{"10^6 units", FleetDimension::count, 1e6},
    FleetUnit{"CNY", FleetDimension::money, 1.0},
    FleetUnit{"元", FleetDimension::money, 1.0},
    FleetUnit{"10^4 CNY", FleetDimension::money, 1e4},
    FleetUnit{"万元", FleetDimension::money, 1e4},
    FleetUnit{"10^8 CNY", FleetDimension::money, 1e8},
    FleetUnit{"亿元", FleetDimension::money, 1e8},
    FleetUnit{"kgCO2", FleetDimension::co2, 1.0},
    FleetUnit{"tCO2", FleetDimension::co2, 1e3},
    FleetUnit{"ktCO2", FleetDimension::co2, 1e6},
    FleetUnit{"MtCO2", FleetDimension::co2, 1e9},
    FleetUnit{"10^8 tCO2", FleetDimension::co2, 1e11},
    FleetUnit{"亿tCO2", FleetDimension::co2, 1e11},
    FleetUnit{"GtCO2", FleetDimension::co2, 1e12},
    FleetUnit{"kgCO2e", FleetDimension::co2, 1.0},
    FleetUnit{"tCO2e", FleetDimension::co2, 1e3},
    FleetUnit{"ktCO2e", FleetDimension::co2, 1e6},
    FleetUnit{"MtCO2e", FleetDimension::co2, 1e9},
    FleetUnit{"GtCO2e", FleetDimension::co2, 1e12},
    FleetUnit{"kgCO2/kWh", FleetDimension::emission_factor, 1.0 / kJPerKWh},
    FleetUnit{"gCO2/kWh", FleetDimension::emission_factor, 1e-3 / kJPerKWh},
    FleetUnit{"tCO2/MWh", FleetDimension::emission_factor, 1.0 / kJPerKWh},
    FleetUnit{"kgCO2/GJ", FleetDimension::emission_factor, 1e-9},
    FleetUnit{"tCO2/TJ", FleetDimension::emission_factor, 1e-9},
    FleetUnit{"kgCO2/TJ", FleetDimension::emission_factor, 1e-12},
    FleetUnit{"%/a", FleetDimension::per_year, 1e-2},
    FleetUnit{"1/a", FleetDimension::per_year, 1.0},
    FleetUnit{"a", FleetDimension::years, 1.0},
    FleetUnit{"kWh/a", FleetDimension::energy_per_year, kJPerKWh},
    FleetUnit{"MWh/a", FleetDimension::energy_per_year, 1e3 * kJPerKWh},
    FleetUnit{"GJ/a", FleetDimension::energy_per_year, 1e9},
    FleetUnit{"W/m2", FleetDimension::heat_load, 1.0},
    FleetUnit{"m2", FleetDimension::large_area, 1.0},
    FleetUnit{"10^4 m2", FleetDimension::large_area, 1e4},
    FleetUnit{"万m2", FleetDimension::large_area, 1e4},
    FleetUnit{"10^8 m2", FleetDimension::large_area, 1e8},
    FleetUnit{"亿m2", FleetDimension::large_area, 1e8},
    FleetUnit{"kgCO2e/kg", FleetDimension::gwp, 1.0},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Unit text with runs of blanks collapsed to one, "²" and "³" written as 2 and 3.
std::string normalise(std::string_view s) {
  std::string out;
  bool blank = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "²") == 0) {
      out += '2';
      ++i;
      continue;
    }
    if (s[i] == ' ' || s[i] == '\t') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += s[i];
  }
  return out;
}

std::string accepted_units(FleetDimension dim) {
  std::string list;
  for (const auto& u : kUnits) {
    if (u.dimension != dim) continue;
    if (!list.empty()) list += ", ";
    list += u.symbol;
  }
  return list;
}

const FleetUnit* find_unit(std::string_view symbol) {
  const std::string key = normalise(symbol);
  for (const auto& u : kUnits) {
    if (normalise(u.symbol) == key) return &u;
  }
  return nullptr;
}

}  // namespace

std::string_view to_string(FleetDimension dim) {
  switch (dim) {
    case FleetDimension::count: return "number of units";
    case FleetDimension::money: return "money";
    case FleetDimension::co2: return "CO2 mass";
    case FleetDimension::emission_factor: return "emission factor";
    case FleetDimension::per_year: return "rate per year";
    case FleetDimension::years: return "duration in years";
    case FleetDimension::energy_per_year: return "energy per year";
    case FleetDimension::heat_load: return "heat load per floor area";
    case FleetDimension::large_area: return "floor area";
    case FleetDimension::gwp: return "global warming potential";
  }
  return "?";
}

double unit_factor(std::string_view symbol) {
  if (const FleetUnit* u = find_unit(symbol)) return u->factor;
  const core::UnitInfo& info = core::unit(symbol);
  return info.factor;
}

double parse_fleet_quantity(std::string_view text, Expected expected, std::string_view field) {
  if (const auto* dim = std::get_if<core::Dimension>(&expected)) {
    return core::parse_quantity(text, *dim, field);
  }
  const FleetDimension dim = std::get<FleetDimension>(expected);
  const std::string_view t = trim(text);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end == t.data()) {
    throw InvalidInput(fmt::format("{}: '{}' is not a number with a unit; expected a {} in {}",
                                   field, text, to_string(dim), accepted_units(dim)));
  }
  const std::string_view symbol = trim(std::string_view(end, t.data() + t.size() - end));
  if (symbol.empty()) {
    throw InvalidInput(fmt::format("{}: '{}' has no unit; expected a {} in {}", field, text,
                                   to_string(dim), accepted_units(dim)));
  }
  const FleetUnit* u = find_unit(symbol);
  if (u == nullptr || u->dimension != dim) {
    throw InvalidInput(fmt::format("{}: unit '{}' in '{}' is not a {}; expected one of {}", field,
                                   symbol, text, to_string(dim), accepted_units(dim)));
  }
  return value * u->factor;
}

}  // namespace heatlift::fleet
