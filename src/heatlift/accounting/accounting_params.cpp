// The accounting blocks of a site file, each key declared once (core/params.hpp); their
// reader is accounting_io.cpp. Defaults that live in data/accounting/defaults.toml (leak
// rate, end-of-life loss, GWP basis, O&M share) are not repeated here: the doc says where
// the default comes from and the reader takes it from the data.
#include "heatlift/accounting/accounting_params.hpp"

#include <cmath>

#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::accounting::params {
namespace {

using core::Dimension;
using core::ParamKind;
using core::Range;

const Range kAtLeastZero{0.0, HUGE_VAL, "a value >= 0"};
const Range kFraction{0.0, 1.0, "a fraction from 0 to 1 (0 % to 100 %)"};
const Range kYear{1990, 2100};
const Range kEfficiency{0.01, 1.2, "above 0 and at most 120 %"};

core::ParamDecl energy_price(std::string_view doc, bool required = false) {
  return {.key = "price",
          .kind = ParamKind::quantity,
          .dimension = Dimension::price_per_energy,
          .range = kAtLeastZero,
          .required = required,
          .doc = doc};
}

}  // namespace

const core::BlockDecl kCarbon{
    "site",
    "carbon",
    "The grid's CO2 factor: an announced factor of an area and year, a scenario's path, or a "
    "given value (without the block: the national factor of the latest year held).",
    {
        {.key = "grid",
         .kind = ParamKind::text,
         .fallback = "national",
         .doc =
             "`national`, a grid region (`north`, 华北 ...) or a province (`CN-HE`, 河北, Hebei)",
         .source = "MEE + NBS location-based factors, data/regions/"},
        {.key = "year",
         .kind = ParamKind::integer,
         .range = kYear,
         .doc = "data year of the announced factor (default: the latest held); not with "
                "`grid_path`",
         .source = "MEE + NBS announcements"},
        {.key = "grid_path",
         .kind = ParamKind::text,
         .doc = "follow a scenario's grid path (`cns`, `ngs`, `action-plan`) from `start_year`, "
                "scaled to the area",
         .source = "the scenario's national grid path; area scaling an assumption"},
        {.key = "grid_factor",
         .kind = ParamKind::quantity,
         .dimension = Dimension::emission_per_energy,
         .range = {0.0, 2.0 / core::kJPerKWh, "0 to 2 kgCO2/kWh"},
         .doc = "a factor of the project's own; excludes `grid`, `year` and `grid_path`"},
        {.key = "start_year",
         .kind = ParamKind::integer,
         .range = kYear,
         .doc = "first year of operation, required with `grid_path` (default: `year`, else the "
                "factor's data year)"},
    }};

const core::BlockDecl kRefrigerant{
    "site",
    "refrigerant",
    "The refrigerant's leakage, for CO2e and TEWI (without the block: the product's refrigerant "
    "and charge with the shipped loss rates).",
    {
        {.key = "name",
         .kind = ParamKind::text,
         .doc = "refrigerant, in any spelling (`R-32`, `r32`); required without a product's"},
        {.key = "charge",
         .kind = ParamKind::quantity,
         .dimension = Dimension::mass,
         .range = {0.0, 1e5, "0 to 100 t"},
         .doc = "charge of the installation; required without a product's (a product's scales "
                "with the installation)"},
        {.key = "gwp_basis",
         .kind = ParamKind::text,
         .range = {-HUGE_VAL, HUGE_VAL, "AR4, AR5 or AR6"},
         .doc = "IPCC report of the GWP100 (default: the shipped defaults', AR4)",
         .source = "China's HFC plan and the Kigali Amendment account in AR4"},
        {.key = "gwp",
         .kind = ParamKind::number,
         .range = {0.0, 1e5, "0 to 100000 kgCO2e/kg"},
         .doc = "GWP100 in kgCO2e/kg, overriding the table",
         .source = "default: data/refrigerants/gwp.csv (IPCC AR4, AR5, AR6)"},
        // A bare number (per year) or a rate with its unit ("3 %/a"); the dimension is the
        // unit's.
        {.key = "leak_rate",
         .kind = ParamKind::number,
         .dimension = Dimension::per_year,
         .range = {0.0, 1.0, "0 to 1 per year (0 to 100 %/a)"},
         .doc = "charge lost per year, a fraction (0.03) or with its unit (\"3 %/a\"); default: "
                "the shipped defaults'",
         .source = "assumption (data/accounting/defaults.toml)"},
        {.key = "eol_loss",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kFraction,
         .doc = "share of the charge lost at end of life (default: the shipped defaults')",
         .source = "assumption (data/accounting/defaults.toml)"},
    }};

const core::BlockDecl kEconomics{
    "site",
    "economics",
    "Investment and the discounting of yearly flows; with a `[tariff]`, LCOH and the comparison "
    "with each baseline.",
    {
        {.key = "discount_rate",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.0, 1.0, "0 to 100 %"},
         .required = true,
         .doc = "real discount rate"},
        // A bare number of years or with its unit ("15 a"); the dimension is the unit's.
        {.key = "lifetime",
         .kind = ParamKind::integer,
         .dimension = Dimension::years,
         .range = {1.0, 100.0, "1 to 100 years"},
         .required = true,
         .doc = "economic lifetime, whole years (15, or \"15 a\")"},
        {.key = "capital_per_kw",
         .kind = ParamKind::quantity,
         .dimension = Dimension::price_per_power,
         .range = kAtLeastZero,
         .doc = "installed cost per kW of heat-pump capacity; or `hp_type`"},
        {.key = "hp_type",
         .kind = ParamKind::text,
         .doc = "an indicative cost per kW instead of `capital_per_kw`: air_to_water, air_to_air, "
                "ground_source, water_source, hot_water or industrial_high_temperature",
         .source = "assumption (data/accounting/defaults.toml)"},
        {.key = "capital_fixed",
         .kind = ParamKind::quantity,
         .dimension = Dimension::money,
         .range = kAtLeastZero,
         .fallback = "0 CNY",
         .doc = "cost independent of the capacity"},
        {.key = "om_fraction",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kFraction,
         .doc = "yearly O&M as a share of the gross capital (default: the shipped defaults', "
                "1.5 %)",
         .source = "assumption (data/accounting/defaults.toml)"},
        {.key = "subsidy_per_kw",
         .kind = ParamKind::quantity,
         .dimension = Dimension::price_per_power,
         .range = kAtLeastZero,
         .fallback = "0 CNY/kW",
         .doc = "subsidy per kW of capacity"},
        {.key = "subsidy",
         .kind = ParamKind::quantity,
         .dimension = Dimension::money,
         .range = kAtLeastZero,
         .fallback = "0 CNY",
         .doc = "lump-sum subsidy"},
    }};

const core::BlockDecl kTariff{
    "site",
    "tariff",
    "The electricity tariff: a shipped preset, or flat or time-of-use prices with an optional "
    "heating season and annual tiers (docs/accounting.md).",
    {
        {.key = "preset",
         .kind = ParamKind::text,
         .doc = "a shipped tariff (`zhejiang_residential`, `zhejiang_residential_flat`, "
                "`urumqi_electric_heating`); then no other key",
         .source = "data/accounting/defaults.toml (docs/accounting.md names each source)"},
        {.key = "kind",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"flat", "time_of_use"},
         .doc = "one price, or `[[tariff.periods]]` by hour of day"},
        energy_price("with `kind = \"flat\"`: the price"),
        {.key = "tier_limits",
         .kind = ParamKind::quantity,
         .dimension = Dimension::energy,
         .range = {1e-9, HUGE_VAL, "above 0"},
         .doc = "an array: annual use above which each tier's surcharge applies"},
        {.key = "tier_surcharges",
         .kind = ParamKind::quantity,
         .dimension = Dimension::price_per_energy,
         .doc = "an array, one surcharge per tier limit"},
    }};

const core::BlockDecl kTariffPeriods{
    "site",
    "tariff.periods",
    "An array of tables `[[tariff.periods]]` (also `[[tariff.heating_season.periods]]`): the "
    "periods of a time-of-use day, every hour of the day in exactly one.",
    {
        {.key = "name", .kind = ParamKind::text, .required = true, .doc = "e.g. peak, valley"},
        energy_price("the period's price", true),
        {.key = "hours",
         .kind = ParamKind::text,
         .range = {-HUGE_VAL, HUGE_VAL, "an array of `\"HH-HH\"`"},
         .required = true,
         .doc =
             "hour ranges, start inclusive, end exclusive, may wrap over midnight (`\"22-08\"`)"},
    }};

const core::BlockDecl kTariffHeatingSeason{
    "site",
    "tariff.heating_season",
    "Days with prices of their own (a coal-to-electricity valley price): a `price` or "
    "`[[tariff.heating_season.periods]]`.",
    {
        {.key = "from",
         .kind = ParamKind::text,
         .range = {-HUGE_VAL, HUGE_VAL, "a day `\"MM-DD\"`"},
         .required = true,
         .doc = "first day"},
        {.key = "to",
         .kind = ParamKind::text,
         .range = {-HUGE_VAL, HUGE_VAL, "a day `\"MM-DD\"`"},
         .required = true,
         .doc = "last day; the season may wrap over the new year"},
        {.key = "counts_toward_tiers",
         .kind = ParamKind::flag,
         .fallback = "true",
         .doc = "false when the season's use is billed outside the annual tiers"},
        energy_price("a flat price in the season; or its own periods"),
    }};

const core::BlockDecl kBaselines{
    "site",
    "baselines",
    "An array of tables `[[baselines]]`: the heat generators the heat pump is compared with "
    "(default: coal_boiler_small, gas_boiler, electric_boiler).",
    {
        {.key = "generator",
         .kind = ParamKind::text,
         .required = true,
         .doc = "a generator of the shipped defaults: coal_boiler_small, coal_boiler_large, "
                "coal_boiler_fluidised_bed, scattered_coal_stove, gas_boiler, "
                "gas_boiler_condensing, electric_boiler, direct_electric or district_heat",
         .source = "GB 24500-2020 efficiencies where published (docs/accounting.md)"},
        {.key = "efficiency",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kEfficiency,
         .doc = "heat per fuel energy (default: the generator's)"},
        {.key = "capital",
         .kind = ParamKind::quantity,
         .dimension = Dimension::money,
         .range = kAtLeastZero,
         .fallback = "0 CNY",
         .doc = "its investment"},
        {.key = "om",
         .kind = ParamKind::quantity,
         .dimension = Dimension::money_per_year,
         .range = kAtLeastZero,
         .fallback = "0 CNY/a",
         .doc = "its yearly O&M"},
        {.key = "cooling_eer",
         .kind = ParamKind::number,
         .range = {1.0, 10.0, "a seasonal EER in [1, 10]"},
         .fallback = "3.3",
         .doc = "seasonal EER of the electric chiller that cools the site beside this "
                "generator when the heat pump also cools (its electricity enters carbon and "
                "money)",
         .source = "GB 19577-2024 Table 1: air-cooled comfort chiller, CC > 50 kW, grade 3 "
                   "(the minimum allowed on the market)"},
    }};

const core::BlockDecl kGbt50801{
    "site",
    "gbt50801",
    "The evaluation of GB/T 50801-2013: system COP, grade, conventional energy substituted, "
    "emissions avoided and payoff (docs/accounting.md).",
    {
        {.key = "reference",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"coal", "natural_gas", "electricity"},
         .doc = "the conventional energy replaced",
         .source = "GB/T 50801-2013"},
        {.key = "application",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"space_heating", "hot_water", "heat_driven_cooling"},
         .doc = "what the heat serves",
         .source = "GB/T 50801-2013"},
        {.key = "eta_t",
         .kind = ParamKind::number,
         .range = {0.01, 1.2, "above 0 and at most 1.2"},
         .doc = "efficiency of the conventional system (default: the standard's table for "
                "`reference` and `application`)",
         .source = "GB/T 50801-2013 (the default)"},
        {.key = "electricity_to_coal",
         .kind = ParamKind::text,
         .range = {-HUGE_VAL, HUGE_VAL,
                   "`calorific_equivalent`, `generation_based_2022` or a value "
                   "(`\"0.30 kgce/kWh\"`)"},
         .required = true,
         .doc = "D, standard coal per kWh of electricity: a shipped preset or a value with its "
                "source; the run also shows the other preset's result",
         .source = "GB/T 50801-2013; calorific_equivalent 3.6 / 29.3076 MJ/kgce; "
                   "generation_based_2022 CEC 2022 thermal supply 300.7 gce/kWh"},
        {.key = "reference_chiller_capacity",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {1.0, HUGE_VAL, "above 0"},
         .doc = "selects EER_t of the reference chiller, for cooling",
         .source = "GB/T 50801-2013"},
        {.key = "conventional_price",
         .kind = ParamKind::quantity,
         .dimension = Dimension::price_per_energy,
         .range = kAtLeastZero,
         .doc = "P, price of the conventional energy per unit of its heating value (the payoff "
                "needs it)"},
        {.key = "extra_om",
         .kind = ParamKind::quantity,
         .dimension = Dimension::money_per_year,
         .range = kAtLeastZero,
         .fallback = "0 CNY/a",
         .doc = "M, the heat pump's extra yearly O&M"},
        {.key = "incremental_cost",
         .kind = ParamKind::quantity,
         .dimension = Dimension::money,
         .range = kAtLeastZero,
         .doc = "C, the incremental investment (the payoff needs it)"},
    }};

namespace {
const core::BlockRegistrar kRegister[] = {
    core::BlockRegistrar(kCarbon),        core::BlockRegistrar(kRefrigerant),
    core::BlockRegistrar(kEconomics),     core::BlockRegistrar(kTariff),
    core::BlockRegistrar(kTariffPeriods), core::BlockRegistrar(kTariffHeatingSeason),
    core::BlockRegistrar(kBaselines),     core::BlockRegistrar(kGbt50801)};
}  // namespace

}  // namespace heatlift::accounting::params
