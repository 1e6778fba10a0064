// A product file's blocks (PRODUCT.toml), each key declared once (core/params.hpp); their
// reader is product_io.cpp. A products CSV takes the same values as columns (docs/rating.md).
#include "heatlift/standards/product_params.hpp"

#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::standards::params {
namespace {

using core::Dimension;
using core::ParamKind;
using core::Range;

constexpr Range kCapacity{kAboveZero, 1e9, "> 0 W and at most 1 GW"};

core::ParamDecl capacity(std::string_view key, bool required, std::string_view doc) {
  return {.key = key,
          .kind = ParamKind::quantity,
          .dimension = Dimension::power,
          .range = kCapacity,
          .required = required,
          .doc = doc};
}

core::ParamDecl temperature(std::string_view key, Range range, std::string_view doc) {
  return {.key = key,
          .kind = ParamKind::quantity,
          .dimension = Dimension::temperature,
          .range = range,
          .required = true,
          .doc = doc};
}

constexpr Range kCop{kAboveZero, kRatio.hi, "a COP > 0 and at most 100"};

core::ParamDecl standby_power(std::string_view key, std::string_view doc) {
  return {.key = key,
          .kind = ParamKind::quantity,
          .dimension = Dimension::power,
          .range = {0.0, 1e5, "0 W to 100 kW"},
          .fallback = "0 W",
          .doc = doc,
          .source = "EN 14825:2018"};
}

}  // namespace

const core::BlockDecl kProduct{
    "product",
    "",
    "The top level of a product file (`heatlift rate PRODUCT.toml`): who makes the product and "
    "its refrigerant; then one table per standard it is rated by, named by the standard's key "
    "(`--standard`). A text may not be empty.",
    {
        {.key = "name", .kind = ParamKind::text, .required = true, .doc = "the product's name"},
        {.key = "manufacturer", .kind = ParamKind::text, .doc = "shown with the rating"},
        {.key = "model", .kind = ParamKind::text, .doc = "shown with the rating"},
        {.key = "refrigerant",
         .kind = ParamKind::text,
         .doc = "ASHRAE designation in any spelling (`R-32`, `r32`): the label's GWP",
         .source = "data/refrigerants/gwp.csv (IPCC AR4, AR5, AR6)"},
        {.key = "charge",
         .kind = ParamKind::quantity,
         .dimension = Dimension::mass,
         .range = {kAboveZero, 1e5, "> 0 kg and at most 100 t"},
         .doc = "refrigerant charge: the label's CO2-equivalent"},
    }};

const core::BlockDecl kGraded{
    "product",
    "<graded standard>",
    "What the product declares for a graded standard (every standard but en14825): its "
    "category, capacity and metrics. Besides these keys the table takes the selectors "
    "(`terminal = \"floor\"`) and declared metrics (`HSPF = 3.45`, a number > 0 and at most "
    "100) of the standard's grade tables: their names are the loaded tables' "
    "(data/standards/, docs/rating.md), so they are read by name from the data, not declared "
    "here.",
    {
        {.key = "category",
         .kind = ParamKind::text,
         .required = true,
         .doc = "the product category of the standard's tables (`low_ambient_ashp`, `chiller` ...)",
         .source = "data/standards/"},
        capacity("heating_capacity", false,
                 "rated heating capacity, where a table is banded by it"),
        capacity("cooling_capacity", false,
                 "rated cooling capacity, where a table is banded by it"),
        {.key = "part_load_cop",
         .kind = ParamKind::number,
         .range = {kAboveZero, kRatio.hi, "COPs (EERs) > 0 and at most 100"},
         .doc = "an array of the COPs (EERs) at 100, 75, 50 and 25 % load, from which IPLV is "
                "computed"},
    }};

const core::BlockDecl kTest{
    "product",
    "<graded standard>.test",
    "A heat-pump water heater's heating test, from which its COP is computed (GB 29541: the heat "
    "the water takes up over the electricity) instead of a declared COP.",
    {
        {.key = "water_mass",
         .kind = ParamKind::quantity,
         .dimension = Dimension::mass,
         .range = {1e-3, 1e6, "1 g to 1000 t"},
         .required = true,
         .doc = "water heated"},
        temperature("t_start", {274.15, 368.15, "1 °C to 95 °C"}, "water temperature at the start"),
        temperature("t_end", {274.15, 368.15, "1 °C to 95 °C"},
                    "water temperature at the end, above `t_start`"),
        {.key = "electricity",
         .kind = ParamKind::quantity,
         .dimension = Dimension::energy,
         .range = {1.0, 1e12, "> 0 kWh"},
         .required = true,
         .doc = "electricity used by the test"},
    }};

const core::BlockDecl kReference{
    "product",
    "<standard>.reference",
    "A named reference product (`reference = { name = \"...\", value = 3.0 }`): the 2030 target "
    "is measured against it instead of the table's limit.",
    {
        {.key = "name", .kind = ParamKind::text, .required = true, .doc = "the reference's name"},
        {.key = "value",
         .kind = ParamKind::number,
         .range = {1e-3, 100.0, "a number from 0.001 to 100"},
         .required = true,
         .doc = "its value of the product's rated metric"},
    }};

const core::BlockDecl kEn14825{
    "product",
    "en14825",
    "EN 14825's seasonal heating performance from declared test points: the unit, its design "
    "load and its temperatures.",
    {
        {.key = "climate",
         .kind = ParamKind::text,
         .fallback = "average",
         .doc = "the reference heating season: `average`, `colder` or `warmer`",
         .source = "data/standards/en14825.toml"},
        {.key = "application",
         .kind = ParamKind::text,
         .doc = "`low` (35 °C) or `medium` (55 °C): the application this declaration rates, "
                "with its own design load, t_biv, tol and points; several are declared as "
                "`[[en14825]]` entries, one per application and climate"},
        {.key = "unit_type",
         .kind = ParamKind::text,
         .fallback = "air_to_water",
         .doc = "`air_to_water`, `air_to_air`, `water_to_water` or `brine_to_water`"},
        {.key = "capacity_control",
         .kind = ParamKind::text,
         .fallback = "variable",
         .doc = "`fixed` (on/off: the points are full capacity, cycling is taken in every bin "
                "at its own CR), `staged` or `variable` (the points are at the part load, "
                "cycling only where the declared capacity still exceeds it)",
         .source = "EN 14825:2018 §8"},
        capacity("design_load", true, "Pdesignh, the design heating load"),
        temperature("t_biv", {223.15, 289.15, "-50 °C to 16 °C"}, "bivalent temperature"),
        temperature("tol", {223.15, 289.15, "-50 °C to 16 °C"}, "operation limit temperature"),
        {.key = "cd",
         .kind = ParamKind::number,
         .range = {0.0, 1.0, "a cycling coefficient 0 to 1"},
         .doc = "cycling degradation coefficient (default: the unit type's, with its confidence)",
         .source = "EN 14825:2018"},
        standby_power("p_off", "power in off mode"),
        standby_power("p_to", "power in thermostat-off mode"),
        standby_power("p_sb", "power in standby mode"),
        standby_power("p_ck", "power in crankcase-heater mode"),
        {.key = "reversible",
         .kind = ParamKind::flag,
         .fallback = "false",
         .doc = "the unit heats and cools: its off-mode hours are a reversible unit's (HOFF 0 h, "
                "HCK = HTO: 179 h average, 131 h colder, 755 h warmer) instead of a "
                "heating-only unit's",
         .source = "Reg. (EU) 206/2012 Annex II Table 4"},
    }};

const core::BlockDecl kPoint{
    "product",
    "en14825.point",
    "An array of tables `[[en14825.point]]`: the declared capacity and COP at one test "
    "condition; one per condition EN 14825 asks for (A, B, C, D at or above the climate's "
    "design temperature and TOL, plus TOL and Tbiv).",
    {
        temperature("t_outdoor", {223.15, 308.15, "-50 °C to 35 °C"}, "outdoor temperature"),
        capacity("capacity", true, "declared heating capacity"),
        {.key = "cop",
         .kind = ParamKind::number,
         .range = kCop,
         .required = true,
         .doc = "declared COP"},
        {.key = "cdh",
         .kind = ParamKind::number,
         .range = {0.0, 1.0, "a cycling coefficient 0 to 1"},
         .doc = "cycling degradation coefficient Cdh measured at this point (default: the "
                "product's `cd`, else the unit type's)",
         .source = "EN 14825:2018 §8"},
        {.key = "t_sink",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {273.15, 373.15, "0 °C to 100 °C"},
         .doc = "leaving water (or indoor air) temperature of the test; bounds the COP by the "
                "Carnot COP of the lift (default: 20 °C, the room)"},
    }};

namespace {
const core::BlockRegistrar kRegister[] = {
    core::BlockRegistrar(kProduct),   core::BlockRegistrar(kGraded),  core::BlockRegistrar(kTest),
    core::BlockRegistrar(kReference), core::BlockRegistrar(kEn14825), core::BlockRegistrar(kPoint)};
}  // namespace

}  // namespace heatlift::standards::params
