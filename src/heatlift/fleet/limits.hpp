// The declared physical range of every number a scenario file holds: one table, used by the
// scenario reader (scenario_io.cpp) when the file is read, by the Monte Carlo draws
// (uncertainty.cpp) and by the scenario-file table in docs/roadmap.md. Values are SI (the
// units of scenario.hpp: units, CNY, kg, J, W, 1/a, a); bounds are included. A value outside
// its range, or not finite, is refused with the file, line, column, field, value and range.
#pragma once

#include <limits>
#include <string_view>

#include "heatlift/core/units.hpp"

namespace heatlift::fleet {

/// A closed interval a scenario number must lie in (SI), with the text shown when it does not.
struct Limits {
  double lo;
  double hi;
  std::string_view text;
  /// False for NaN and for ±inf outside the bounds.
  constexpr bool contains(double v) const { return v >= lo && v <= hi; }
};

namespace limits {

inline constexpr double kSecondsPerYear = 8760.0 * 3600.0;

// ---- calendar --------------------------------------------------------------------------
/// Every calendar year (base and end year, anchors of a path, periods, lever ramps, targets,
/// Kigali steps, the logistic midpoint): China's building heat-pump market starts after
/// 2000 and no projection runs beyond 2100.
inline constexpr Limits year{2000, 2100, "a year from 2000 to 2100"};

// ---- shares and rates --------------------------------------------------------------------
/// A part of a whole: mixes, back-up shares, recovery, coincidence, Kigali steps.
inline constexpr Limits share{0.0, 1.0, "0 % to 100 %"};
/// Shares that make up a whole must add up to 1 within this (0.01 percentage point).
inline constexpr double kShareSumTolerance = 1e-4;
/// A share of units or of a bank per year (leaks, retrofits, early retirement): at most all.
inline constexpr Limits share_per_year{0.0, 1.0, "0 %/a to 100 %/a"};
/// Year-on-year growth of sales (CAGR periods, back-cast before the history): a market may
/// halve or triple in a year, no more.
inline constexpr Limits growth_rate{-0.5, 2.0, "-50 %/a to 200 %/a"};
/// Logistic steepness: from a century-long to a three-year S-curve (1/a).
inline constexpr Limits logistic_rate{1e-4, 3.0, "0.0001 1/a to 3 1/a"};
/// Bass innovation coefficient p (1/a); diffusion studies find 0.0001 to 0.05.
inline constexpr Limits bass_p{1e-5, 1.0, "0.001 %/a to 100 %/a"};
/// Bass imitation coefficient q (1/a); diffusion studies find 0.1 to 1.
inline constexpr Limits bass_q{0.0, 2.0, "0 %/a to 200 %/a"};
/// A relative improvement (efficiency lever, retrofit SPF gain): at most a tripling.
inline constexpr Limits gain{0.0, 2.0, "0 % to 200 %"};
/// Tolerance of a published figure in --check.
inline constexpr Limits tolerance{0.0, 1.0, "0 % to 100 %"};

// ---- units and money ---------------------------------------------------------------------
/// Units sold per year in one segment, or units a lever adds per year. China has about
/// 5 × 10^8 households; 10^9 units a year is beyond any market.
inline constexpr Limits units_per_year{0.0, 1e9, "0 to 10^9 units (10^5 10^4 units)"};
/// Logistic saturation (units per year) and Bass market (units): above zero, same bound.
inline constexpr Limits units_positive{1.0, 1e9, "1 unit to 10^9 units (10^5 10^4 units)"};
/// Price of one unit: the largest building heat pumps (several MW) cost a few million CNY.
inline constexpr Limits unit_price{0.0, 1e7, "0 to 10^7 CNY (1000 10^4 CNY) per unit"};

// ---- equipment ---------------------------------------------------------------------------
/// Heating capacity of one unit: a small water heater to a district heat pump.
inline constexpr Limits capacity{100.0, 1e7, "0.1 kW to 10 MW per unit"};
/// Heat one unit delivers in a year: at most the largest capacity running all year.
inline constexpr Limits heat_per_unit{0.0, 1e7 * kSecondsPerYear,
                                      "0 to 87600 MWh/a (10 MW all year) per unit"};
/// Seasonal performance factor: a heat pump gives at least its electricity as heat; 15 is
/// above the Carnot COP of any building application (35 °C from a 10 °C source: 12).
inline constexpr Limits spf{1.0, 15.0, "1 to 15"};
/// COP at the design (coldest) outdoor temperature, defrost included: may fall below 1.
inline constexpr Limits cop_design{0.8, 10.0, "0.8 to 10"};
/// Refrigerant charge of one unit: district and industrial heat pumps hold a few tonnes.
inline constexpr Limits charge{0.0, 5000.0, "0 kg to 5 t per unit"};
/// Design heat load of the floor served: passive houses ~10 W/m2, old uninsulated
/// buildings in severe cold ~150 W/m2.
inline constexpr Limits design_heat_load{1.0, 500.0, "1 W/m2 to 500 W/m2"};
/// Weibull shape of the lifetime: below 1 infant mortality, above 15 every unit dies at
/// the same age.
inline constexpr Limits lifetime_shape{0.5, 15.0, "0.5 to 15"};
/// Weibull scale of the lifetime: no heat pump outlives 60 years.
inline constexpr Limits lifetime_scale{1.0, 60.0, "1 a to 60 a"};
/// Age from which the retrofit lever acts (integer years).
inline constexpr Limits retrofit_min_age{1.0, 40.0, "1 a to 40 a"};

// ---- heat sources and carbon -------------------------------------------------------------
/// Heat out per fuel (or electricity) in of a replaced heat source: traditional coal and
/// biomass stoves ~10–20 %, condensing boilers on the lower heating value ~108 %, direct
/// electric heating 100 %.
inline constexpr Limits source_efficiency{0.10, 1.20, "10 % to 120 %"};
/// CO2 per unit of fuel energy: IPCC 2006 defaults run from 0 up to 143 kgCO2/GJ
/// (industrial wastes); coal ~95, natural gas ~56.
inline constexpr Limits fuel_emission_factor{0.0, 150e-9, "0 to 150 kgCO2/GJ"};
/// CO2 per kWh of electricity: lignite plants emit ~1.2 kgCO2/kWh; no grid is above them.
inline constexpr Limits grid_emission_factor{0.0, 1.5 / core::kJPerKWh, "0 to 1.5 kgCO2/kWh"};

// ---- published figures (targets) -----------------------------------------------------------
/// Market value per year: 10^13 CNY is about a tenth of China's GDP.
inline constexpr Limits market_value{0.0, 1e13, "0 to 10^5 10^8 CNY"};
/// CO2 per year: 1.5 × 10^13 kg is more than China emits in a year (about 12 Gt).
inline constexpr Limits co2_per_year{0.0, 1.5e13, "0 to 15000 MtCO2"};

// ---- Monte Carlo -------------------------------------------------------------------------
/// A factor drawn for a whole path (heat per unit, SPF, grid ...); each value the factor
/// gives must still lie in the path's own range.
inline constexpr Limits path_factor{0.0, 10.0, "0 % to 1000 %"};
/// A standard deviation: above zero (mean ± 3 sd must stay in the parameter's range).
inline constexpr Limits positive{std::numeric_limits<double>::min(),
                                 std::numeric_limits<double>::max(), "a value above zero"};

}  // namespace limits
}  // namespace heatlift::fleet
