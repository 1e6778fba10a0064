// Quantities as engineers write them ("45 C", "2.5 MPa", "12 kW") to SI and back.
//
// Inside heatlift every value is SI (K, Pa, W, J, kg, s, m). Units live only at the
// edges: config files, the command line, reports. An absolute temperature and a
// temperature difference are different dimensions: "45 C" is 318.15 K, but a
// difference is written in kelvin ("5 K"), never in C, so the two cannot be confused.
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
inline Temperature celsius(double c) {
  return {c + kZeroCelsius};
}
inline double to_celsius(Temperature t) {
  return t.kelvin - kZeroCelsius;
}

}  // namespace heatlift::core
