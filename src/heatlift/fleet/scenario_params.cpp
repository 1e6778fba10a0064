#include "heatlift/fleet/scenario_params.hpp"

#include <fmt/format.h>

#include <limits>
#include <string>

namespace heatlift::fleet::detail {
namespace {

using core::Dimension;
using core::ParamKind;

}  // namespace

const core::BlockDecl kScenarioBlock{
    "scenario",
    "",
    "What the scenario is, its years, its grid and its GWP basis. Sub-blocks: [sources.*], "
    "[kigali], [segments.*], [levers], [[targets]], [[uncertainty]].",
    {
        {.key = "source",
         .kind = ParamKind::text,
         .required = true,
         .doc = "the publication the scenario reproduces"},
        {.key = "name",
         .kind = ParamKind::text,
         .required = true,
         .doc = "the scenario's name (a shipped scenario's is its file name)"},
        {.key = "title",
         .kind = ParamKind::text,
         .doc = "title of tables and reports (default: name)"},
        {.key = "extends",
         .kind = ParamKind::text,
         .doc = "a shipped scenario or a .toml file (relative to this one) this file overrides "
                "key by key; its [[targets]], name and title are not inherited"},
        {.key = "base_year",
         .kind = ParamKind::integer,
         .range = kYear,
         .required = true,
         .doc = "the last year of history; sales after it follow the growth model"},
        {.key = "end_year",
         .kind = ParamKind::integer,
         .range = kYear,
         .required = true,
         .doc = "the last year projected (after base_year)"},
        {.key = "milestones",
         .kind = ParamKind::integer,
         .range = kYear,
         .fallback = "[2022, 2025, 2030, 2035, 2040, 2045, 2050, 2060]",
         .doc = "years of the summary tables (an array, strictly increasing)"},
        {.key = "gwp_basis",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"AR4", "AR5", "AR6"},
         .doc = "the IPCC report whose GWP100 values count refrigerant CO2e (Kigali accounts "
                "in AR4)",
         .source = "data/refrigerants/gwp.csv"},
        {.key = "grid",
         .kind = ParamKind::quantity,
         .dimension = Dimension::emission_per_energy,
         .range = kGridFactor,
         .required = true,
         .doc = "CO2 per kWh of electricity, national average, by year; lignite plants emit "
                "~1.2 kgCO2/kWh, no grid is above them (a path: one value, or { years = [...], "
                "values = [...] }, linear between anchor years and flat outside)"},
    }};

const core::BlockDecl kSourceBlock{
    "scenario",
    "sources.*",
    "A heat source the heat pumps replace, named by its key (e.g. [sources.coal_boiler]).",
    {
        {.key = "electric",
         .kind = ParamKind::flag,
         .fallback = "false",
         .doc = "uses the grid factor of the year instead of an emission factor of its own"},
        {.key = "efficiency",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.10, 1.20, "10 % to 120 %"},
         .required = true,
         .doc = "heat out per fuel (or electricity) in: traditional coal and biomass stoves "
                "~10–20 %, condensing boilers on the lower heating value ~108 %, direct "
                "electric heating 100 %"},
        {.key = "emission_factor",
         .kind = ParamKind::quantity,
         .dimension = Dimension::emission_per_energy,
         .range = {0.0, 150e-9, "0 to 150 kgCO2/GJ"},
         .doc = "CO2 per unit of fuel energy (required unless electric, refused when "
                "electric); defaults run up to 143 kgCO2/GJ (industrial wastes), coal ~95, "
                "natural gas ~56",
         .source = "IPCC 2006 Guidelines, Vol. 2, defaults"},
    }};

const core::BlockDecl kKigaliBlock{
    "scenario",
    "kigali",
    "The Kigali Amendment's HFC phase-down, applied to the fleet's own HFC use as a pro-rata "
    "allowance.",
    {
        {.key = "controlled",
         .kind = ParamKind::text,
         .required = true,
         .doc = "the controlled HFCs (an array of refrigerant ids; a blend counts by its "
                "controlled components)"},
        {.key = "baseline",
         .kind = ParamKind::integer,
         .range = kYear,
         .required = true,
         .doc = "[first, last] year whose average HFC use is the baseline"},
        {.key = "step_years",
         .kind = ParamKind::integer,
         .range = kYear,
         .required = true,
         .doc = "years from which a step applies (an array, strictly increasing)"},
        {.key = "step_allowed",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .required = true,
         .doc = "share of the baseline allowed from each step year (an array, one per step)",
         .source = "Kigali Amendment, Article 5 Group 1"},
    }};

const core::BlockDecl kSegmentBlock{
    "scenario",
    "segments.*",
    "One sub-segment, an end use in one sector, named by its key (e.g. "
    "[segments.sh_household]). Sub-blocks: growth, lifetime, replaced, refrigerants.",
    {
        {.key = "end_use",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"space_heating", "hot_water"},
         .doc = "the end use"},
        {.key = "sector",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"household", "commercial"},
         .doc = "the sector"},
        {.key = "history_start",
         .kind = ParamKind::integer,
         .range = kYear,
         .required = true,
         .doc = "first year of history_sales (not after base_year)"},
        {.key = "history_sales",
         .kind = ParamKind::quantity,
         .dimension = Dimension::count,
         .range = kUnitsPerYear,
         .required = true,
         .doc = "units sold per year, history_start to base_year (an array); China has about "
                "5 × 10^8 households"},
        {.key = "prehistory_start",
         .kind = ParamKind::integer,
         .range = kYear,
         .doc = "first vintage in the initial stock (default: history_start)"},
        {.key = "prehistory_growth",
         .kind = ParamKind::quantity,
         .dimension = Dimension::per_year,
         .range = kGrowthRate,
         .fallback = "0 %/a",
         .doc = "growth of sales before history_start, by which they are back-cast; a market "
                "may halve or triple in a year, no more"},
        {.key = "price",
         .kind = ParamKind::quantity,
         .dimension = Dimension::money,
         .range = {0.0, 1e7, "0 to 10^7 CNY (1000 10^4 CNY) per unit"},
         .required = true,
         .doc = "price of one unit by sales year; the largest building heat pumps (several "
                "MW) cost a few million CNY (a path)"},
        {.key = "capacity",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {100.0, 1e7, "0.1 kW to 10 MW per unit"},
         .required = true,
         .doc = "heating capacity of one unit by vintage, a small water heater to a district "
                "heat pump (a path)"},
        {.key = "heat_per_unit",
         .kind = ParamKind::quantity,
         .dimension = Dimension::energy_per_year,
         .range = {0.0, 1e7 * kSecondsPerYear, "0 to 87600 MWh/a (10 MW all year) per unit"},
         .required = true,
         .doc = "heat one unit delivers in a year by vintage, at most the largest capacity "
                "running all year (a path)"},
        {.key = "spf",
         .kind = ParamKind::number,
         .range = {1.0, 15.0, "1 to 15"},
         .required = true,
         .doc = "seasonal performance factor of the heat pump itself by vintage: at least its "
                "electricity comes out as heat; 15 is above the Carnot COP of any building use "
                "(35 °C from a 10 °C source: 12) (a path)"},
        {.key = "cop_design",
         .kind = ParamKind::number,
         .range = {0.8, 10.0, "0.8 to 10"},
         .required = true,
         .doc = "COP at the design (coldest) outdoor temperature by vintage, defrost "
                "included: may fall below 1 (a path)"},
        {.key = "design_load_share",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .required = true,
         .doc = "coincident share of capacity running at the winter peak"},
        {.key = "backup_share",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .required = true,
         .doc = "share of annual heat from the electric back-up, by year (a path)"},
        {.key = "backup_design_share",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .required = true,
         .doc = "share of the design-day heat from the back-up, by year (a path)"},
        {.key = "design_heat_load",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power_per_area,
         .range = {1.0, 500.0, "1 W/m2 to 500 W/m2"},
         .doc = "design heat load of the floor served, passive houses ~10 W/m2, old buildings "
                "in severe cold ~150 W/m2 (default: no floor-area indicator)"},
        {.key = "charge",
         .kind = ParamKind::quantity,
         .dimension = Dimension::mass,
         .range = {0.0, 5000.0, "0 kg to 5 t per unit"},
         .required = true,
         .doc = "refrigerant charge of one unit by vintage; district and industrial heat pumps "
                "hold a few tonnes (a path)"},
        {.key = "leak_rate",
         .kind = ParamKind::quantity,
         .dimension = Dimension::per_year,
         .range = kSharePerYear,
         .required = true,
         .doc = "share of the bank leaked per year, by year (a path)"},
        {.key = "eol_recovery",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .required = true,
         .doc = "share of the charge recovered when a unit retires, by year (a path)"},
    }};

const core::BlockDecl kLifetimeBlock{
    "scenario",
    "segments.*.lifetime",
    "Survival of a unit to age a: S(a) = exp(−(a/scale)^shape) (Weibull).",
    {
        {.key = "shape",
         .kind = ParamKind::number,
         .range = {0.5, 15.0, "0.5 to 15"},
         .required = true,
         .doc = "Weibull shape: below 1 infant mortality, above 15 every unit dies at one age"},
        {.key = "scale",
         .kind = ParamKind::quantity,
         .dimension = Dimension::years,
         .range = {1.0, 60.0, "1 a to 60 a"},
         .required = true,
         .doc = "Weibull scale; no heat pump outlives 60 years"},
    }};

const core::BlockDecl kReplacedBlock{
    "scenario",
    "segments.*.replaced",
    "The heat sources the segment's heat pumps replace, by name (a key of [sources]); the "
    "shares add up to 100 %.",
    {
        {.key = kAnySource,
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .doc = "share of the heat that came from this source"},
    }};

const core::BlockDecl kRefrigerantMixBlock{
    "scenario",
    "segments.*.refrigerants",
    "The refrigerants of new units by vintage: anchor years and, per refrigerant (an id with a "
    "GWP in data/refrigerants/gwp.csv), its share in each; each year adds up to 100 %.",
    {
        {.key = "years",
         .kind = ParamKind::integer,
         .range = kYear,
         .required = true,
         .doc = "anchor years (an array, strictly increasing)"},
        {.key = kAnyRefrigerant,
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .doc = "share of new units with this refrigerant (an array, one per anchor year)"},
    }};

namespace {

const core::ParamDecl kSalesValue{.key = "value",
                                  .kind = ParamKind::quantity,
                                  .dimension = Dimension::count,
                                  .range = kUnitsPerYear,
                                  .required = true};
/// Market value per year: 10^13 CNY is about a tenth of China's GDP.
const core::ParamDecl kMarketValue{.key = "value",
                                   .kind = ParamKind::quantity,
                                   .dimension = Dimension::money,
                                   .range = {0.0, 1e13, "0 to 10^5 10^8 CNY"},
                                   .required = true};
/// CO2 per year: 1.5 × 10^13 kg is more than China emits in a year (about 12 Gt).
const core::ParamDecl kCo2Value{.key = "value",
                                .kind = ParamKind::quantity,
                                .dimension = Dimension::co2_mass,
                                .range = {0.0, 1.5e13, "0 to 15000 MtCO2"},
                                .required = true};

/// A segment's share of its end use (the roadmap's household / commercial splits).
const core::ParamDecl kShareValue{.key = "value",
                                  .kind = ParamKind::quantity,
                                  .dimension = Dimension::fraction,
                                  .range = {0.0, 1.0, "0 to 100 %"},
                                  .required = true};

const TargetIndicator kIndicators[] = {
    {"sales", &kSalesValue},
    {"market_value", &kMarketValue},
    {"co2_reduction_gross", &kCo2Value},
    {"market_value_share", &kShareValue},
    {"co2_reduction_gross_share", &kShareValue},
};

std::vector<std::string_view> indicator_names() {
  std::vector<std::string_view> out;
  for (const TargetIndicator& i : kIndicators) out.push_back(i.name);
  return out;
}

// The range column of `value`: each indicator's unit and range.
const std::string kTargetValueRanges = [] {
  std::string out;
  for (const TargetIndicator& i : kIndicators) {
    if (!out.empty()) out += "; ";
    out += fmt::format("{}: {}", i.name, i.value->range.text);
  }
  return out;
}();

}  // namespace

std::span<const TargetIndicator> target_indicators() {
  return kIndicators;
}

const core::BlockDecl kTargetBlock{
    "scenario",
    "targets",
    "A published figure the scenario reproduces (`heatlift roadmap --check`); one [[targets]] "
    "block each. A scenario that extends another inherits none.",
    {
        {.key = "year",
         .kind = ParamKind::integer,
         .range = kYear,
         .required = true,
         .doc = "the year of the figure (base_year to end_year)"},
        {.key = "end_use",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"space_heating", "hot_water", "total"},
         .doc = "what the figure covers"},
        {.key = "segment",
         .kind = ParamKind::text,
         .doc = "with a *_share indicator: the segment (of end_use) whose share the figure is"},
        {.key = "indicator",
         .kind = ParamKind::choice,
         .required = true,
         .choices = indicator_names(),
         .doc = "what the figure counts"},
        {.key = "value",
         .kind = ParamKind::quantity,
         .range = {-HUGE_VAL, HUGE_VAL, kTargetValueRanges},
         .required = true,
         .doc = "the figure, in the indicator's unit; it is printed in the unit it is written in"},
        {.key = "tolerance",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.0, 1.0, "0 % to 100 %"},
         .required = true,
         .doc = "how far the model may be from the figure (relative; for a share, in "
                "percentage points)"},
        {.key = "status", .kind = ParamKind::text, .doc = "where the figure stands (shown only)"},
        {.key = "enforced",
         .kind = ParamKind::flag,
         .fallback = "true",
         .doc = "a miss fails --check (false: reported only)"},
    }};

const core::BlockDecl kUncertaintyBlock{
    "scenario",
    "uncertainty",
    "A distribution over one parameter for Monte Carlo runs (`roadmap --samples N`); one "
    "[[uncertainty]] block each. A scalar is drawn in its own unit and held to its own "
    "declared range; for a path the draw is a factor on the whole path, and every value it "
    "gives must stay in the path's declared range.",
    {
        {.key = "parameter",
         .kind = ParamKind::text,
         .required = true,
         .doc = "what is drawn: grid, sources.<name>.efficiency or .emission_factor, "
                "segments.<name or *>.<field> (* draws one value for all segments)"},
        {.key = "distribution",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"normal", "triangular", "uniform"},
         .doc = "normal (mean, sd), triangular (min, mode, max), uniform (min, max)"},
        {.key = "mean",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.0, 10.0, "0 % to 1000 %"},
         .doc = "normal: the mean; mean ± 3 sd stays in the valid range (the range shown is "
                "a path's factor; a scalar's is its own)"},
        {.key = "sd",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                   "a value above zero"},
         .doc = "normal: the standard deviation, in the mean's unit"},
        {.key = "min",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.0, 10.0, "0 % to 1000 %"},
         .doc = "triangular, uniform: the lowest value (as for mean)"},
        {.key = "mode",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.0, 10.0, "0 % to 1000 %"},
         .doc = "triangular: the most likely value (as for mean)"},
        {.key = "max",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.0, 10.0, "0 % to 1000 %"},
         .doc = "triangular, uniform: the highest value (as for mean)"},
    }};

const core::BlockDecl kCellsBlock{
    "scenario",
    "cells",
    "Factors on every cell of the bottom-up engine (`heatlift roadmap`, data/fleet/cells.toml); "
    "the top-down engine does not read them. Each may also be drawn by [[uncertainty]] "
    "`cells.heat` or `cells.efficiency`.",
    {
        {.key = "heat",
         .kind = ParamKind::number,
         .range = {0.1, 10.0, "0.1 to 10"},
         .fallback = "1",
         .doc = "factor on every unit's heat demand (floor area or specific demand), so on its "
                "sizing, heat and electricity",
         .source = "assumption"},
        {.key = "efficiency",
         .kind = ParamKind::number,
         .range = {0.2, 5.0, "0.2 to 5"},
         .fallback = "1",
         .doc = "factor on every product map's efficiency: the unit's compressor electricity is "
                "divided by it (pumps and back-up are not)",
         .source = "assumption"},
    }};

namespace {
const core::BlockRegistrar kRegister[] = {
    core::BlockRegistrar(kScenarioBlock),       core::BlockRegistrar(kSourceBlock),
    core::BlockRegistrar(kKigaliBlock),         core::BlockRegistrar(kSegmentBlock),
    core::BlockRegistrar(kLifetimeBlock),       core::BlockRegistrar(kReplacedBlock),
    core::BlockRegistrar(kRefrigerantMixBlock), core::BlockRegistrar(kTargetBlock),
    core::BlockRegistrar(kUncertaintyBlock),    core::BlockRegistrar(kCellsBlock)};
}  // namespace

}  // namespace heatlift::fleet::detail
