// Quantities of the fleet model that core::parse_quantity does not cover: unit counts,
// money, CO2 masses, emission factors, rates per year, energy per year, heat-load
// intensities and GWPs. Core dimensions (power, energy, mass, area, fraction ...) are
// passed on to core::parse_quantity.
//
// Units written in scenario files (all values SI inside):
//   count          units, 10^4 units (万台), 10^6 units                       -> units
//   money          CNY (元), 10^4 CNY (万元), 10^8 CNY (亿元)                  -> CNY
//   co2            kgCO2, tCO2, ktCO2, MtCO2, 10^8 tCO2 (亿tCO2), GtCO2        -> kg
//                  (the same with CO2e for refrigerant emissions)
//   emission factor kgCO2/kWh, gCO2/kWh, kgCO2/GJ, tCO2/TJ, kgCO2/TJ           -> kg/J
//   per year       %/a, 1/a                                                    -> 1/a (year⁻¹)
//   lifetime       a (years)                                                   -> a
//   energy per year kWh/a, MWh/a, GJ/a                                         -> J/a
//   heat load      W/m2                                                        -> W/m2
//   area           m2 (core), 10^4 m2 (万m²), 10^8 m2 (亿m²)                   -> m2
//   gwp            kgCO2e/kg                                                   -> 1
// A year is the model's time step, so rates are kept per year rather than per second.
#pragma once

#include <string_view>
#include <variant>

#include "heatlift/core/units.hpp"

namespace heatlift::fleet {

enum class FleetDimension {
  count,
  money,
  co2,
  emission_factor,
  per_year,
  years,
  energy_per_year,
  heat_load,
  large_area,
  gwp,
};

/// Name used in messages, e.g. "emission factor".
std::string_view to_string(FleetDimension dim);

/// What a value must be: a core dimension or a fleet one.
using Expected = std::variant<core::Dimension, FleetDimension>;

/// Parses "<number> <unit>" into SI (see the table above). Throws InvalidInput naming
/// `field`, the text and the units accepted when the unit is unknown or of the wrong kind.
double parse_fleet_quantity(std::string_view text, Expected expected, std::string_view field);

/// The SI value of one display unit, e.g. unit_factor("10^4 units") = 1e4.
double unit_factor(std::string_view symbol);

}  // namespace heatlift::fleet
