#include "heatlift/core/units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {

struct UnitEntry {
  UnitInfo info;
  std::vector<std::string_view> aliases;
};

// SI and engineering units of temperature, pressure, power, energy, flows, masses, lengths,
// times and the thermodynamic properties.
std::vector<UnitEntry> physical_units() {
  return {
      {{"K", Dimension::temperature, 1.0, 0.0}, {}},
      {{"°C", Dimension::temperature, 1.0, kZeroCelsius}, {"C", "degC", "℃", "deg C"}},
      {{"°F", Dimension::temperature, 5.0 / 9.0, 459.67 * 5.0 / 9.0}, {"F", "degF"}},
      {{"K", Dimension::temperature_difference, 1.0, 0.0}, {"ΔK", "delta_K", "deltaK"}},
      {{"ΔC", Dimension::temperature_difference, 1.0, 0.0}, {"Δ°C", "delta_C", "deltaC"}},
      {{"Pa", Dimension::pressure, 1.0, 0.0}, {}},
      {{"hPa", Dimension::pressure, 1e2, 0.0}, {}},
      {{"kPa", Dimension::pressure, 1e3, 0.0}, {}},
      {{"MPa", Dimension::pressure, 1e6, 0.0}, {}},
      {{"bar", Dimension::pressure, 1e5, 0.0}, {}},
      {{"mbar", Dimension::pressure, 1e2, 0.0}, {}},
      {{"atm", Dimension::pressure, 101325.0, 0.0}, {}},
      {{"psi", Dimension::pressure, 6894.757293168361, 0.0}, {}},
      {{"W", Dimension::power, 1.0, 0.0}, {}},
      {{"kW", Dimension::power, 1e3, 0.0}, {}},
      {{"MW", Dimension::power, 1e6, 0.0}, {}},
      {{"GW", Dimension::power, 1e9, 0.0}, {}},
      {{"J", Dimension::energy, 1.0, 0.0}, {}},
      {{"kJ", Dimension::energy, 1e3, 0.0}, {}},
      {{"MJ", Dimension::energy, 1e6, 0.0}, {}},
      {{"GJ", Dimension::energy, 1e9, 0.0}, {}},
      {{"TJ", Dimension::energy, 1e12, 0.0}, {}},
      {{"Wh", Dimension::energy, 3.6e3, 0.0}, {}},
      {{"kWh", Dimension::energy, 3.6e6, 0.0}, {}},
      {{"MWh", Dimension::energy, 3.6e9, 0.0}, {}},
      {{"GWh", Dimension::energy, 3.6e12, 0.0}, {}},
      {{"TWh", Dimension::energy, 3.6e15, 0.0}, {}},
      // tonne of standard coal equivalent, 29.3076 GJ (GB/T 2589-2020)
      {{"tce", Dimension::energy, 29.3076e9, 0.0}, {}},
      {{"m3/s", Dimension::volume_flow, 1.0, 0.0}, {}},
      {{"m3/h", Dimension::volume_flow, 1.0 / 3600.0, 0.0}, {}},
      {{"L/s", Dimension::volume_flow, 1e-3, 0.0}, {"l/s"}},
      {{"L/min", Dimension::volume_flow, 1e-3 / 60.0, 0.0}, {"l/min"}},
      {{"L/h", Dimension::volume_flow, 1e-3 / 3600.0, 0.0}, {"l/h"}},
      {{"kg/s", Dimension::mass_flow, 1.0, 0.0}, {}},
      {{"g/s", Dimension::mass_flow, 1e-3, 0.0}, {}},
      {{"kg/h", Dimension::mass_flow, 1.0 / 3600.0, 0.0}, {}},
      {{"t/h", Dimension::mass_flow, 1e3 / 3600.0, 0.0}, {}},
      {{"kg", Dimension::mass, 1.0, 0.0}, {}},
      {{"g", Dimension::mass, 1e-3, 0.0}, {}},
      {{"t", Dimension::mass, 1e3, 0.0}, {}},
      {{"m3", Dimension::volume, 1.0, 0.0}, {}},
      {{"L", Dimension::volume, 1e-3, 0.0}, {"l"}},
      {{"m2", Dimension::area, 1.0, 0.0}, {}},
      {{"m", Dimension::length, 1.0, 0.0}, {}},
      {{"mm", Dimension::length, 1e-3, 0.0}, {}},
      {{"cm", Dimension::length, 1e-2, 0.0}, {}},
      {{"km", Dimension::length, 1e3, 0.0}, {}},
      {{"s", Dimension::time, 1.0, 0.0}, {}},
      {{"min", Dimension::time, 60.0, 0.0}, {}},
      {{"h", Dimension::time, 3600.0, 0.0}, {}},
      {{"d", Dimension::time, 86400.0, 0.0}, {}},
      {{"m/s", Dimension::speed, 1.0, 0.0}, {}},
      {{"kg/m3", Dimension::density, 1.0, 0.0}, {}},
      {{"J/kg", Dimension::specific_energy, 1.0, 0.0}, {}},
      {{"kJ/kg", Dimension::specific_energy, 1e3, 0.0}, {}},
      {{"J/(kg·K)", Dimension::specific_entropy, 1.0, 0.0}, {"J/kg/K", "J/kgK"}},
      {{"kJ/(kg·K)", Dimension::specific_entropy, 1e3, 0.0}, {"kJ/kg/K", "kJ/kgK"}},
      {{"%", Dimension::fraction, 1e-2, 0.0}, {}},
      {{"cm3", Dimension::volume, 1e-6, 0.0}, {"cm³", "cc"}},
      {{"Hz", Dimension::frequency, 1.0, 0.0}, {"rps", "rev/s", "1/s"}},
      {{"rpm", Dimension::frequency, 1.0 / 60.0, 0.0}, {"rev/min", "r/min"}},
      {{"MJ/kg", Dimension::specific_energy, 1e6, 0.0}, {}},
      {{"GJ/t", Dimension::specific_energy, 1e6, 0.0}, {}},
      {{"kt", Dimension::mass, 1e6, 0.0}, {}},
      {{"10^4 m2", Dimension::area, 1e4, 0.0}, {"万m2"}},
      {{"10^8 m2", Dimension::area, 1e8, 0.0}, {"亿m2"}},
  };
}

// Counts of heat pumps, money and prices.
std::vector<UnitEntry> count_and_money_units() {
  return {
      // the fleet's counts of heat pumps
      {{"units", Dimension::count, 1.0, 0.0}, {"unit"}},
      {{"10^4 units", Dimension::count, 1e4, 0.0}, {"万台"}},
      {{"10^6 units", Dimension::count, 1e6, 0.0}, {}},
      {{"units/a", Dimension::count_per_year, 1.0, 0.0}, {}},
      {{"10^4 units/a", Dimension::count_per_year, 1e4, 0.0}, {"万台/a"}},
      // money (CNY, 元), prices
      {{"CNY", Dimension::money, 1.0, 0.0}, {"元"}},
      {{"10^4 CNY", Dimension::money, 1e4, 0.0}, {"万元"}},
      {{"10^8 CNY", Dimension::money, 1e8, 0.0}, {"亿元"}},
      {{"CNY/a", Dimension::money_per_year, 1.0, 0.0}, {"元/a"}},
      {{"10^4 CNY/a", Dimension::money_per_year, 1e4, 0.0}, {"万元/a"}},
      {{"10^8 CNY/a", Dimension::money_per_year, 1e8, 0.0}, {"亿元/a"}},
      {{"CNY/kWh", Dimension::price_per_energy, 1.0 / kJPerKWh, 0.0}, {"元/kWh"}},
      {{"CNY/MWh", Dimension::price_per_energy, 1.0 / (1e3 * kJPerKWh), 0.0}, {}},
      {{"CNY/MJ", Dimension::price_per_energy, 1e-6, 0.0}, {}},
      {{"CNY/GJ", Dimension::price_per_energy, 1e-9, 0.0}, {"元/GJ"}},
      {{"CNY/kg", Dimension::price_per_mass, 1.0, 0.0}, {}},
      {{"CNY/t", Dimension::price_per_mass, 1e-3, 0.0}, {"元/t"}},
      {{"CNY/m3", Dimension::price_per_volume, 1.0, 0.0}, {"元/m3"}},
      {{"CNY/kW", Dimension::price_per_power, 1e-3, 0.0}, {"元/kW"}},
      {{"CNY/W", Dimension::price_per_power, 1.0, 0.0}, {}},
  };
}

// CO2 masses and emission factors, energy per volume and per year, standard coal, heat
// loads, rates and durations in years.
std::vector<UnitEntry> carbon_and_energy_units() {
  return {
      // CO2 (and CO2-equivalent) masses and emission factors
      {{"kgCO2", Dimension::co2_mass, 1.0, 0.0}, {}},
      {{"tCO2", Dimension::co2_mass, 1e3, 0.0}, {}},
      {{"ktCO2", Dimension::co2_mass, 1e6, 0.0}, {}},
      {{"MtCO2", Dimension::co2_mass, 1e9, 0.0}, {}},
      {{"10^8 tCO2", Dimension::co2_mass, 1e11, 0.0}, {"亿tCO2"}},
      {{"GtCO2", Dimension::co2_mass, 1e12, 0.0}, {}},
      {{"kgCO2e", Dimension::co2_mass, 1.0, 0.0}, {}},
      {{"tCO2e", Dimension::co2_mass, 1e3, 0.0}, {}},
      {{"ktCO2e", Dimension::co2_mass, 1e6, 0.0}, {}},
      {{"MtCO2e", Dimension::co2_mass, 1e9, 0.0}, {}},
      {{"GtCO2e", Dimension::co2_mass, 1e12, 0.0}, {}},
      {{"kgCO2/a", Dimension::co2_per_year, 1.0, 0.0}, {}},
      {{"tCO2/a", Dimension::co2_per_year, 1e3, 0.0}, {}},
      {{"MtCO2/a", Dimension::co2_per_year, 1e9, 0.0}, {}},
      {{"MtCO2e/a", Dimension::co2_per_year, 1e9, 0.0}, {}},
      {{"kgCO2/kWh", Dimension::emission_per_energy, 1.0 / kJPerKWh, 0.0}, {}},
      {{"gCO2/kWh", Dimension::emission_per_energy, 1e-3 / kJPerKWh, 0.0}, {}},
      {{"tCO2/MWh", Dimension::emission_per_energy, 1.0 / kJPerKWh, 0.0}, {}},
      {{"kgCO2/MJ", Dimension::emission_per_energy, 1e-6, 0.0}, {}},
      {{"kgCO2/GJ", Dimension::emission_per_energy, 1e-9, 0.0}, {}},
      {{"tCO2/TJ", Dimension::emission_per_energy, 1e-9, 0.0}, {}},
      {{"kgCO2/TJ", Dimension::emission_per_energy, 1e-12, 0.0}, {}},
      {{"kg/kWh", Dimension::emission_per_energy, 1.0 / kJPerKWh, 0.0}, {}},
      {{"g/kWh", Dimension::emission_per_energy, 1e-3 / kJPerKWh, 0.0}, {}},
      {{"kg/GJ", Dimension::emission_per_energy, 1e-9, 0.0}, {}},
      {{"t/TJ", Dimension::emission_per_energy, 1e-9, 0.0}, {}},
      {{"kgCO2e/kg", Dimension::gwp, 1.0, 0.0}, {}},
      // energy per volume, per year; standard coal; heat loads
      {{"kJ/m3", Dimension::energy_per_volume, 1e3, 0.0}, {}},
      {{"MJ/m3", Dimension::energy_per_volume, 1e6, 0.0}, {}},
      {{"GJ/10^4m3", Dimension::energy_per_volume, 1e5, 0.0}, {}},
      {{"kWh/a", Dimension::energy_per_year, kJPerKWh, 0.0}, {}},
      {{"MWh/a", Dimension::energy_per_year, 1e3 * kJPerKWh, 0.0}, {}},
      {{"GJ/a", Dimension::energy_per_year, 1e9, 0.0}, {}},
      {{"TWh/a", Dimension::energy_per_year, 3.6e15, 0.0}, {}},
      {{"kgce/kWh", Dimension::coal_per_energy, 1.0 / kJPerKWh, 0.0}, {}},
      {{"gce/kWh", Dimension::coal_per_energy, 1e-3 / kJPerKWh, 0.0}, {}},
      {{"kgce/GJ", Dimension::coal_per_energy, 1e-9, 0.0}, {}},
      {{"W/m2", Dimension::power_per_area, 1.0, 0.0}, {}},
      // rates and durations in years, the time step of the fleet and the economics
      {{"%/a", Dimension::per_year, 1e-2, 0.0}, {}},
      {{"1/a", Dimension::per_year, 1.0, 0.0}, {}},
      {{"a", Dimension::years, 1.0, 0.0}, {}},
  };
}

// value_SI = value * factor + offset. Display symbols first; aliases are alternative
// spellings, compared after normalisation (spaces, "·", "*" and the "^" of a unit's power
// removed; ³ ² → 3 2).
const std::vector<UnitEntry>& unit_table() {
  static const std::vector<UnitEntry> table = [] {
    std::vector<UnitEntry> t = physical_units();
    for (const auto& part : {count_and_money_units(), carbon_and_energy_units()}) {
      t.insert(t.end(), part.begin(), part.end());
    }
    return t;
  }();
  return table;
}

std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '*') continue;
    // "m^3" is m3, but the power of ten in "10^4 CNY" stays: "104CNY" is no unit.
    if (c == '^' && !(i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')) continue;
    if (c == 0xC2 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      if (d == 0xB7) {  // middle dot
        ++i;
        continue;
      }
      if (d == 0xB3 || d == 0xB2) {  // superscript 3, 2
        out.push_back(d == 0xB3 ? '3' : '2');
        ++i;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string_view example(Dimension dim) {
  switch (dim) {
    case Dimension::temperature: return "45 C";
    case Dimension::temperature_difference: return "5 K";
    case Dimension::pressure: return "250 kPa";
    case Dimension::power: return "12 kW";
    case Dimension::energy: return "100 kWh";
    case Dimension::volume_flow: return "20 m3/h";
    case Dimension::mass_flow: return "0.5 kg/s";
    case Dimension::mass: return "3 kg";
    case Dimension::volume: return "0.3 m3";
    case Dimension::area: return "120 m2";
    case Dimension::length: return "2 m";
    case Dimension::time: return "1 h";
    case Dimension::speed: return "3 m/s";
    case Dimension::density: return "1000 kg/m3";
    case Dimension::specific_energy: return "420 kJ/kg";
    case Dimension::specific_entropy: return "1.8 kJ/(kg K)";
    case Dimension::fraction: return "5 %";
    case Dimension::frequency: return "50 Hz";
    case Dimension::count: return "105 10^4 units";
    case Dimension::count_per_year: return "105 10^4 units/a";
    case Dimension::money: return "1.2 10^4 CNY";
    case Dimension::money_per_year: return "3000 CNY/a";
    case Dimension::price_per_energy: return "0.5 CNY/kWh";
    case Dimension::price_per_mass: return "1000 CNY/t";
    case Dimension::price_per_volume: return "3.5 CNY/m3";
    case Dimension::price_per_power: return "1500 CNY/kW";
    case Dimension::co2_mass: return "33 MtCO2";
    case Dimension::co2_per_year: return "33 MtCO2/a";
    case Dimension::emission_per_energy: return "0.5306 kgCO2/kWh";
    case Dimension::energy_per_volume: return "35.6 MJ/m3";
    case Dimension::energy_per_year: return "12 MWh/a";
    case Dimension::coal_per_energy: return "300 gce/kWh";
    case Dimension::power_per_area: return "50 W/m2";
    case Dimension::per_year: return "3 %/a";
    case Dimension::years: return "15 a";
    case Dimension::gwp: return "675 kgCO2e/kg";
  }
  return "";
}

std::string units_of(Dimension dim) {
  std::string out;
  for (const auto& e : unit_table()) {
    if (e.info.dimension != dim) continue;
    if (!out.empty()) out += ", ";
    out += e.info.symbol;
  }
  return out;
}

std::string prefix(std::string_view field) {
  return field.empty() ? std::string{} : fmt::format("{}: ", field);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// All table entries whose symbol or alias matches `symbol` after normalisation.
const std::vector<const UnitEntry*>& lookup(std::string_view symbol) {
  static const auto index = [] {
    std::unordered_map<std::string, std::vector<const UnitEntry*>> map;
    for (const auto& e : unit_table()) {
      std::vector<std::string> keys{normalise(e.info.symbol)};
      for (auto alias : e.aliases) keys.push_back(normalise(alias));
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      for (const auto& k : keys) map[k].push_back(&e);
    }
    return map;
  }();
  static const std::vector<const UnitEntry*> none;
  const auto it = index.find(normalise(symbol));
  return it == index.end() ? none : it->second;
}

}  // namespace

std::string_view to_string(Dimension dim) {
  switch (dim) {
    case Dimension::temperature: return "temperature";
    case Dimension::temperature_difference: return "temperature difference";
    case Dimension::pressure: return "pressure";
    case Dimension::power: return "power";
    case Dimension::energy: return "energy";
    case Dimension::volume_flow: return "volume flow";
    case Dimension::mass_flow: return "mass flow";
    case Dimension::mass: return "mass";
    case Dimension::volume: return "volume";
    case Dimension::area: return "area";
    case Dimension::length: return "length";
    case Dimension::time: return "time";
    case Dimension::speed: return "speed";
    case Dimension::density: return "density";
    case Dimension::specific_energy: return "specific energy";
    case Dimension::specific_entropy: return "specific entropy";
    case Dimension::fraction: return "fraction";
    case Dimension::frequency: return "frequency";
    case Dimension::count: return "number of units";
    case Dimension::count_per_year: return "number of units per year";
    case Dimension::money: return "sum of money";
    case Dimension::money_per_year: return "sum of money per year";
    case Dimension::price_per_energy: return "price per energy";
    case Dimension::price_per_mass: return "price per mass";
    case Dimension::price_per_volume: return "price per volume";
    case Dimension::price_per_power: return "price per power";
    case Dimension::co2_mass: return "CO2 mass";
    case Dimension::co2_per_year: return "CO2 mass per year";
    case Dimension::emission_per_energy: return "CO2 emission factor per energy";
    case Dimension::energy_per_volume: return "heating value per volume";
    case Dimension::energy_per_year: return "yearly energy";
    case Dimension::coal_per_energy: return "standard coal per energy";
    case Dimension::power_per_area: return "heat load per area";
    case Dimension::per_year: return "rate per year";
    case Dimension::years: return "duration in years";
    case Dimension::gwp: return "global warming potential";
  }
  return "quantity";
}

const UnitInfo& unit(std::string_view symbol) {
  const auto& found = lookup(symbol);
  if (found.empty()) throw InvalidInput(fmt::format("unknown unit '{}'", symbol));
  return found.front()->info;
}

double parse_quantity(std::string_view text, Dimension expected, std::string_view field) {
  const std::string_view t = trim(text);
  const std::string p = prefix(field);
  if (t.empty()) {
    throw InvalidInput(fmt::format("{}empty value, expected a {} such as '{}'", p,
                                   to_string(expected), example(expected)));
  }
  const char* first = t.data();
  const char* last = t.data() + t.size();
  if (*first == '+') ++first;
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || first == last || *first == 'n' || *first == 'N' || *first == 'i' ||
      *first == 'I' || (*first == '-' && first + 1 < last && std::isalpha(first[1]))) {
    throw InvalidInput(fmt::format("{}'{}' is not a number with a unit; expected a {} such as '{}'",
                                   p, t, to_string(expected), example(expected)));
  }
  if (!std::isfinite(value)) {
    throw InvalidInput(fmt::format("{}'{}' is not a finite number", p, t));
  }
  const std::string_view unit_text =
      trim(std::string_view(ptr, static_cast<std::size_t>(last - ptr)));
  if (unit_text.empty()) {
    if (expected == Dimension::fraction) return value;
    throw InvalidInput(fmt::format("{}'{}' has no unit; a {} needs one, e.g. '{}' (units: {})", p,
                                   t, to_string(expected), example(expected), units_of(expected)));
  }
  const auto& found = lookup(unit_text);
  if (found.empty()) {
    throw InvalidInput(fmt::format("{}unknown unit '{}' in '{}'; a {} is written in {}", p,
                                   unit_text, t, to_string(expected), units_of(expected)));
  }
  for (const UnitEntry* e : found) {
    if (e->info.dimension != expected) continue;
    const double si = value * e->info.factor + e->info.offset;
    if (expected == Dimension::temperature && si < 0.0) {
      throw InvalidInput(fmt::format("{}'{}' is below absolute zero", p, t));
    }
    return si;
  }
  const Dimension got = found.front()->info.dimension;
  if (expected == Dimension::temperature_difference && got == Dimension::temperature) {
    throw InvalidInput(fmt::format(
        "{}'{}' is an absolute temperature; a temperature difference is written in K, e.g. '5 K'",
        p, t));
  }
  throw InvalidInput(fmt::format("{}'{}' is a {}, expected a {} such as '{}'", p, t, to_string(got),
                                 to_string(expected), example(expected)));
}

double to_unit(double si_value, std::string_view symbol) {
  const UnitInfo& u = unit(symbol);
  return (si_value - u.offset) / u.factor;
}

double from_unit(double value, std::string_view symbol) {
  const UnitInfo& u = unit(symbol);
  return value * u.factor + u.offset;
}

const UnitInfo& display_unit(Dimension dim) {
  std::string_view symbol;
  switch (dim) {
    case Dimension::temperature: symbol = "°C"; break;
    case Dimension::temperature_difference: symbol = "K"; break;
    case Dimension::pressure: symbol = "kPa"; break;
    case Dimension::power: symbol = "kW"; break;
    case Dimension::energy: symbol = "kWh"; break;
    case Dimension::volume_flow: symbol = "m3/h"; break;
    case Dimension::mass_flow: symbol = "kg/s"; break;
    case Dimension::mass: symbol = "kg"; break;
    case Dimension::volume: symbol = "m3"; break;
    case Dimension::area: symbol = "m2"; break;
    case Dimension::length: symbol = "m"; break;
    case Dimension::time: symbol = "h"; break;
    case Dimension::speed: symbol = "m/s"; break;
    case Dimension::density: symbol = "kg/m3"; break;
    case Dimension::specific_energy: symbol = "kJ/kg"; break;
    case Dimension::specific_entropy: symbol = "kJ/(kg·K)"; break;
    case Dimension::fraction: symbol = "%"; break;
    case Dimension::frequency: symbol = "Hz"; break;
    case Dimension::count: symbol = "10^4 units"; break;
    case Dimension::count_per_year: symbol = "10^4 units/a"; break;
    case Dimension::money: symbol = "10^4 CNY"; break;
    case Dimension::money_per_year: symbol = "CNY/a"; break;
    case Dimension::price_per_energy: symbol = "CNY/kWh"; break;
    case Dimension::price_per_mass: symbol = "CNY/t"; break;
    case Dimension::price_per_volume: symbol = "CNY/m3"; break;
    case Dimension::price_per_power: symbol = "CNY/kW"; break;
    case Dimension::co2_mass: symbol = "MtCO2"; break;
    case Dimension::co2_per_year: symbol = "MtCO2/a"; break;
    case Dimension::emission_per_energy: symbol = "kgCO2/kWh"; break;
    case Dimension::energy_per_volume: symbol = "MJ/m3"; break;
    case Dimension::energy_per_year: symbol = "MWh/a"; break;
    case Dimension::coal_per_energy: symbol = "gce/kWh"; break;
    case Dimension::power_per_area: symbol = "W/m2"; break;
    case Dimension::per_year: symbol = "%/a"; break;
    case Dimension::years: symbol = "a"; break;
    case Dimension::gwp: symbol = "kgCO2e/kg"; break;
  }
  for (const auto& e : unit_table()) {
    if (e.info.dimension == dim && e.info.symbol == symbol) return e.info;
  }
  throw InternalError(fmt::format("no display unit for {}", to_string(dim)));
}

namespace {
std::string format_number(double v, int significant) {
  if (!std::isfinite(v)) return "n/a";
  if (v == 0.0) return "0";
  const double mag = std::floor(std::log10(std::fabs(v)));
  if (mag >= 12 || mag <= -5) return fmt::format("{:.{}e}", v, std::max(0, significant - 1));
  const int decimals = std::max(0, significant - 1 - static_cast<int>(mag));
  return fmt::format("{:.{}f}", v, decimals);
}
}  // namespace

std::string format_quantity(double si_value, Dimension dim, int significant) {
  const UnitInfo& u = display_unit(dim);
  return fmt::format("{} {}", format_number((si_value - u.offset) / u.factor, significant),
                     u.symbol);
}

std::string format_quantity(double si_value, std::string_view symbol, int significant) {
  const UnitInfo& u = unit(symbol);
  return fmt::format("{} {}", format_number((si_value - u.offset) / u.factor, significant),
                     u.symbol);
}

}  // namespace heatlift::core
