// Quantities of the accounting layer that core::parse_quantity does not cover: money,
// prices, emission factors, heating values, rates per year, years and standard-coal
// intensities. Written with their unit ("1000 CNY/t", "0.5306 kgCO2/kWh"); SI inside.
//
//   money                 CNY, 元, 10^4 CNY, 万元                                  -> CNY
//   price_per_energy      CNY/kWh, 元/kWh, CNY/MWh, CNY/MJ, CNY/GJ                 -> CNY/J
//   price_per_mass        CNY/kg, CNY/t, 元/t                                      -> CNY/kg
//   price_per_volume      CNY/m3, 元/m3                                            -> CNY/m3
//   price_per_power       CNY/kW, 元/kW, CNY/W                                     -> CNY/W
//   money_per_year        CNY/a, 元/a, 10^4 CNY/a                                  -> CNY/a
//   emission_per_energy   kgCO2/kWh, gCO2/kWh, tCO2/MWh, kgCO2/MJ, kgCO2/GJ, tCO2/TJ -> kg/J
//                         (also kg/kWh, g/kWh, kg/GJ, t/TJ for SO2 or dust)
//   heating_value_mass    kJ/kg, MJ/kg, GJ/t                                       -> J/kg
//   heating_value_volume  kJ/m3, MJ/m3, GJ/10^4m3                                  -> J/m3
//   per_year              %/a, 1/a                                                 -> 1/a
//   years                 a                                                        -> a
//   coal_per_energy       kgce/kWh, gce/kWh, kgce/GJ                               -> kgce/J
#pragma once

#include <string_view>

namespace heatlift::accounting {

enum class Measure {
  money,
  price_per_energy,
  price_per_mass,
  price_per_volume,
  price_per_power,
  money_per_year,
  emission_per_energy,
  heating_value_mass,
  heating_value_volume,
  per_year,
  years,
  coal_per_energy,
};

/// Name used in messages, e.g. "price per energy".
std::string_view to_string(Measure m);

/// Parses "<number> <unit>" into SI (see the table above). Throws InvalidInput naming
/// `field`, the text and the units accepted when the text is malformed or the unit unknown.
double parse_measure(std::string_view text, Measure m, std::string_view field = {});

/// Converts an SI value to a named display unit of `m` (e.g. "CNY/kWh").
double to_display(double value_si, Measure m, std::string_view symbol);

/// J per kWh (exact).
inline constexpr double kJPerKWh = 3.6e6;

}  // namespace heatlift::accounting
