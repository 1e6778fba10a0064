// Quantities as engineers write them ("45 C", "2.5 MPa", "12 kW", "0.5 CNY/kWh") to SI and
// back: the one unit registry of heatlift, for the physics, the money, the emissions and the
// fleet's counts alike.
//
// Inside heatlift every value is SI (K, Pa, W, J, kg, s, m). Units live only at the
// edges: config files, the command line, reports. An absolute temperature and a
// temperature difference are different dimensions: "45 C" is 318.15 K, but a
// difference is written in kelvin ("5 K"), never in C, so the two cannot be confused.
//
// Beyond the SI dimensions the registry knows (value inside, then the units written):
//   count                  units          units, 10^4 units (万台), 10^6 units
//   count_per_year         units/a        units/a, 10^4 units/a
//   money                  CNY            CNY (元), 10^4 CNY (万元), 10^8 CNY (亿元)
//   money_per_year         CNY/a          CNY/a (元/a), 10^4 CNY/a, 10^8 CNY/a
//   price_per_energy       CNY/J          CNY/kWh (元/kWh), CNY/MWh, CNY/MJ, CNY/GJ (元/GJ)
//   price_per_mass         CNY/kg         CNY/kg, CNY/t (元/t)
//   price_per_volume       CNY/m3         CNY/m3 (元/m3)
//   price_per_power        CNY/W          CNY/W, CNY/kW (元/kW)
//   co2_mass               kg             kgCO2, tCO2, ktCO2, MtCO2, 10^8 tCO2 (亿tCO2), GtCO2;
//                                         kgCO2e ... GtCO2e for refrigerant emissions
//   co2_per_year           kg/a           kgCO2/a, tCO2/a, MtCO2/a, MtCO2e/a
//   emission_per_energy    kg/J           kgCO2/kWh, gCO2/kWh, tCO2/MWh, kgCO2/MJ, kgCO2/GJ,
//                                         tCO2/TJ, kgCO2/TJ (also kg/kWh, g/kWh, kg/GJ, t/TJ
//                                         for SO2 or dust)
//   energy_per_volume      J/m3           kJ/m3, MJ/m3, GJ/10^4m3 (heating values of gases)
//   energy_per_year        J/a            kWh/a, MWh/a, GJ/a, TWh/a
//   coal_per_energy        kgce/J         kgce/kWh, gce/kWh, kgce/GJ
//   power_per_area         W/m2           W/m2 (heat loads)
//   per_year               1/a            %/a, 1/a
//   years                  a              a
//   gwp                    1              kgCO2e/kg
// A year is the fleet's and the economics' time step, so rates stay per year. Heating values
// per mass are specific energies (kJ/kg, MJ/kg, GJ/t); large areas are areas (10^4 m2, 万m2,
// 10^8 m2, 亿m2).
#pragma once

#include <string>
#include <string_view>

namespace heatlift::core {

enum class Dimension {
  temperature,             ///< absolute temperature, K
  temperature_difference,  ///< K
  pressure,                ///< Pa
  power,                   ///< W
  energy,                  ///< J
  volume_flow,             ///< m3/s
  mass_flow,               ///< kg/s
  mass,                    ///< kg
  volume,                  ///< m3
  area,                    ///< m2
  length,                  ///< m
  time,                    ///< s
  speed,                   ///< m/s
  density,                 ///< kg/m3
  specific_energy,         ///< J/kg (enthalpy, internal energy)
  specific_entropy,        ///< J/(kg K) (entropy, heat capacity)
  fraction,                ///< 1 (= 100 %)
  frequency,               ///< 1/s (Hz; compressor speed, also in rpm)
  count,                   ///< units (heat pumps)
  count_per_year,          ///< units/a
  money,                   ///< CNY
  money_per_year,          ///< CNY/a
  price_per_energy,        ///< CNY/J
  price_per_mass,          ///< CNY/kg
  price_per_volume,        ///< CNY/m3
  price_per_power,         ///< CNY/W
  co2_mass,                ///< kg CO2 (or CO2e)
  co2_per_year,            ///< kg CO2 (or CO2e) per year
  emission_per_energy,     ///< kg (CO2, SO2, dust) per J
  energy_per_volume,       ///< J/m3 (heating value of a gas)
  energy_per_year,         ///< J/a
  coal_per_energy,         ///< kg standard coal equivalent per J
  power_per_area,          ///< W/m2
  per_year,                ///< 1/a
  years,                   ///< a
  gwp,                     ///< kg CO2e per kg (global warming potential)
};

/// Name used in messages, e.g. "temperature difference".
std::string_view to_string(Dimension dim);

/// A unit heatlift understands: value_SI = value * factor + offset.
struct UnitInfo {
  std::string_view symbol;  ///< canonical display symbol, e.g. "°C", "kPa", "m3/h"
  Dimension dimension;
  double factor;
  double offset;
};

/// Looks up a unit symbol ("kPa", "°C", "m³/h", "kWh" ...). Throws InvalidInput if unknown.
const UnitInfo& unit(std::string_view symbol);

/// Parses "<number> <unit>" into SI, checking the dimension. `field` names the input
/// in error messages (e.g. "t_sink"). A bare number is accepted only for fractions
/// (where it is the SI value, 1 = 100 %); anywhere else a unit is required.
double parse_quantity(std::string_view text, Dimension expected, std::string_view field = {});

/// Converts an SI value to a named display unit of the right dimension.
double to_unit(double value_si, std::string_view symbol);
/// Converts a value in a named unit to SI.
double from_unit(double value, std::string_view symbol);

/// The display unit engineers expect for a dimension (°C, kPa, kW, kWh, m3/h ...).
const UnitInfo& display_unit(Dimension dim);

/// Formats an SI value in its dimension's display unit with `significant` digits,
/// never in exponent notation for ordinary magnitudes, e.g. "45.0 °C", "1250 kPa".
std::string format_quantity(double value_si, Dimension dim, int significant = 4);
/// Same, in an explicitly named unit.
std::string format_quantity(double value_si, std::string_view symbol, int significant = 4);

/// Absolute temperature, K. Differences of two temperatures are TemperatureDifference.
struct Temperature {
  double kelvin;
};
/// Temperature difference, K.
struct TemperatureDifference {
  double kelvin;
};
constexpr TemperatureDifference operator-(Temperature a, Temperature b) {
  return {a.kelvin - b.kelvin};
}
constexpr Temperature operator+(Temperature a, TemperatureDifference d) {
  return {a.kelvin + d.kelvin};
}
constexpr Temperature operator-(Temperature a, TemperatureDifference d) {
  return {a.kelvin - d.kelvin};
}
constexpr TemperatureDifference operator+(TemperatureDifference a, TemperatureDifference b) {
  return {a.kelvin + b.kelvin};
}
constexpr double kZeroCelsius = 273.15;  ///< K
constexpr double kJPerKWh = 3.6e6;       ///< J in one kWh (exact)
inline Temperature celsius(double c) {
  return {c + kZeroCelsius};
}
inline double to_celsius(Temperature t) {
  return t.kelvin - kZeroCelsius;
}

}  // namespace heatlift::core
