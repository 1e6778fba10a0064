#include "heatlift/demand/demand_io.hpp"

#include <fmt/format.h>

#include <cmath>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::demand {

namespace {

using core::ConfigTable;
using core::Dimension;
using core::ParamKind;
using core::Range;

using core::kZeroCelsius;

// ---- declarations of the demand blocks (core/params.hpp) -------------------------------

const Range kDesignOutdoor{kZeroCelsius - 60.0, kZeroCelsius + 20.0, "-60 to 20 °C"};
const Range kProcessTemperature{kZeroCelsius + 1.0, kZeroCelsius + 400.0,
                                "above 0 °C, at most 400 °C"};
const Range kQuota{1e-5, 2.0, "above 0 L, at most 2000 L per unit and day"};
const Range kStageAir{kZeroCelsius + 1.0, kZeroCelsius + 150.0, "above 0 °C, at most 150 °C"};
const Range kFraction{0.0, 1.0, "0 to 100 %"};

const core::ParamDecl kFirstWeekday{
    .key = "first_weekday",
    .kind = ParamKind::integer,
    .range = {0, 6},
    .fallback = "0",
    .doc = "weekday of 1 January in the typical year, 0 = Monday … 6 = Sunday"};

std::vector<std::string_view> zone_ids() {
  std::vector<std::string_view> out;
  for (const ClimateZone z : climate::kAllZones) out.push_back(climate::to_string(z));
  return out;
}

const core::BlockDecl kBuildingBlock{
    "site",
    "demand.building",
    "Space heating of a building archetype (docs/demand.md). `archetype` and `era` are ids of "
    "`data/demand/archetypes.toml`, checked against it when the file is read.",
    {
        {.key = "archetype",
         .kind = ParamKind::text,
         .required = true,
         .doc = "urban_residential, rural_residential, office, school, hospital or hotel",
         .source = "data/demand/archetypes.toml"},
        {.key = "era",
         .kind = ParamKind::text,
         .required = true,
         .doc = "energy-code era: pre_1996, 1996_2010, 2010_2018 or post_2019",
         .source = "JGJ 26-1995/2010/2018, JGJ 134-2010, GB 55015-2021"},
        {.key = "zone",
         .kind = ParamKind::choice,
         .choices = zone_ids(),
         .doc = "climate zone (default: the place's zone)",
         .source = "GB 50176-2016"},
        {.key = "floor_area",
         .kind = ParamKind::quantity,
         .dimension = Dimension::area,
         .range = {1e-3, 1e8, "above 0 m2 (up to 1e8 m2)"},
         .required = true,
         .doc = "heated floor area"},
        {.key = "emitter",
         .kind = ParamKind::choice,
         .fallback = "radiator",
         .choices = {"floor_heating", "radiator", "radiator_low", "fan_coil"},
         .doc = "heat emitter, which sets the design flow and return temperatures"},
        {.key = "heating_season",
         .kind = ParamKind::text,
         .range = {-HUGE_VAL, HUGE_VAL, "`\"zone\"`, `\"all_year\"` or `[\"MM-DD\", \"MM-DD\"]`"},
         .doc = "when the building is heated (default: `zone`, the zone's statutory season; "
                "none in the south)",
         .source = "data/demand/archetypes.toml"},
        {.key = "t_design",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kDesignOutdoor,
         .doc = "design outdoor temperature of the load (default: `[site]` "
                "`design_temperature`)",
         .source = "GB 50736-2012"},
        {.key = "set_point",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius + 5.0, kZeroCelsius + 30.0, "5 to 30 °C"},
         .doc = "indoor set-point when occupied (default: the archetype's)",
         .source = "data/demand/archetypes.toml"},
        {.key = "setback",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius, kZeroCelsius + 30.0, "0 to 30 °C"},
         .doc = "set-point when unoccupied, at most `set_point` (default: the archetype's)",
         .source = "data/demand/archetypes.toml"},
        {.key = "max_load_factor",
         .kind = ParamKind::number,
         .range = {1.0, 5.0, "1 to 5 (times the design load)"},
         .fallback = "1.2",
         .doc = "cap on the hourly heat, in design loads (spreads the recovery after a setback)",
         .source = "GB 50736-2012 §5.2.6 (20 % for intermittent heating)"},
        kFirstWeekday,
        {.key = "cooling",
         .kind = ParamKind::flag,
         .doc = "whether the building is cooled (default: commercial and public archetypes "
                "everywhere, homes in the hot-summer zones)",
         .source = "data/demand/archetypes.toml"},
        {.key = "cooling_season",
         .kind = ParamKind::text,
         .range = {-HUGE_VAL, HUGE_VAL, "`\"zone\"`, `\"all_year\"` or `[\"MM-DD\", \"MM-DD\"]`"},
         .doc = "when the building is cooled: `zone` = the zone's calculation period (default "
                "for homes), `all_year` = whenever the balance asks (default for the others), or "
                "two days",
         .source = "JGJ 134-2010, JGJ 75-2012 (data/demand/archetypes.toml)"},
        {.key = "cooling_set_point",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius + 18.0, kZeroCelsius + 35.0, "18 to 35 °C"},
         .doc = "indoor cooling set-point when occupied, above the heating set-point (default: "
                "the archetype's, 26 °C)",
         .source = "GB 50736-2012 §3.0.2"},
        {.key = "cooling_emitter",
         .kind = ParamKind::choice,
         .choices = {"fan_coil", "radiant_floor"},
         .doc =
             "cooling emitter, which sets the chilled-water supply/return: fan_coil 7/12 °C, "
             "radiant_floor 18/23 °C (default: radiant_floor with floor heating, else fan_coil)"},
    }};

const core::BlockDecl kHotWaterBlock{
    "site",
    "demand.hot_water",
    "Domestic hot water (docs/demand.md). The count is written under the type's unit: "
    "`persons`, `beds` or `students`, exactly one of them.",
    {
        {.key = "type",
         .kind = ParamKind::text,
         .required = true,
         .doc = "residential, residential_central, hotel, hospital, school or office",
         .source = "data/demand/hot_water.toml"},
        {.key = "persons",
         .kind = ParamKind::number,
         .range = {1e-9, 1e7, "above 0"},
         .doc = "number of persons, for a type counted per person"},
        {.key = "beds",
         .kind = ParamKind::number,
         .range = {1e-9, 1e7, "above 0"},
         .doc = "number of beds, for a type counted per bed"},
        {.key = "students",
         .kind = ParamKind::number,
         .range = {1e-9, 1e7, "above 0"},
         .doc = "number of students, for a type counted per student"},
        {.key = "quota",
         .kind = ParamKind::quantity,
         .dimension = Dimension::volume,
         .range = kQuota,
         .doc = "60 °C water per unit and day on an average day (default: the middle of the "
                "type's range)",
         .source = "GB 50015-2019 表6.2.1-1"},
        {.key = "quota_max",
         .kind = ParamKind::quantity,
         .dimension = Dimension::volume,
         .range = kQuota,
         .doc = "the same on the maximum day, at least `quota` (default: the middle of the type's "
                "range)",
         .source = "GB 50015-2019 表6.2.1-1"},
        {.key = "t_hot",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius + 40.0, kZeroCelsius + 95.0, "40 to 95 °C"},
         .fallback = "60 C",
         .doc = "storage and delivery temperature",
         .source = "GB 50015-2019 (its quotas are of 60 °C water)"},
        {.key = "cold_water",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius, kZeroCelsius + 35.0, "0 to 35 °C"},
         .doc = "an array of 12 monthly cold-water temperatures, January first (default: from "
                "the weather by the mains correlation)",
         .source = "Burch & Christensen, NREL 2007 (the default)"},
        {.key = "tank_volume",
         .kind = ParamKind::quantity,
         .dimension = Dimension::volume,
         .range = {0.0, 1e4, "0 to 10000 m3"},
         .fallback = "0 m3",
         .doc = "storage tank; 0: the heater follows the draw"},
        {.key = "tank_loss",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, 1e6, "0 to 1 MW"},
         .doc = "standing loss of the tank at `t_hot` (default: the class C limit 16.66 + 8.33 "
                "V^0.4 W, V in litres)",
         .source = "EU Regulation 812/2013 (the default)"},
        {.key = "recovery_power",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {1.0, 1e9, "above 0 W (omit for the GB 50015 design rate)"},
         .doc = "heater recharge rate (default: the design rate of a volumetric heater)",
         .source = "GB 50015-2019 §6.4.3 (the default)"},
        {.key = "recovery_time",
         .kind = ParamKind::quantity,
         .dimension = Dimension::time,
         .range = {600.0, 86400.0, "10 min to 24 h"},
         .fallback = "3 h",
         .doc = "T of the design rate: the time the heater has to recharge the tank",
         .source = "GB 50015-2019 §6.4.3 (2–4 h for volumetric heaters)"},
        kFirstWeekday,
    }};

const core::BlockDecl kProcessBlock{
    "site",
    "demand.process",
    "Process heat: a constant duty while the plant runs (docs/demand.md).",
    {
        {.key = "description",
         .kind = ParamKind::text,
         .fallback = "process heat",
         .doc = "what the heat is for, in the outputs"},
        {.key = "duty",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {1.0, 1e10, "above 0 W"},
         .required = true,
         .doc = "heat while running (the design load)"},
        {.key = "t_supply",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kProcessTemperature,
         .required = true,
         .doc = "supply temperature, e.g. the steam's saturation"},
        {.key = "t_return",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kProcessTemperature,
         .required = true,
         .doc = "return temperature (condensate, feed water), at most `t_supply`"},
        {.key = "t_source",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius - 40.0, kZeroCelsius + 300.0, "-40 to 300 °C"},
         .doc = "temperature of the process's own waste heat, for a `waste_heat` source"},
        {.key = "shifts_per_day",
         .kind = ParamKind::integer,
         .range = {1, 3},
         .fallback = "3",
         .doc = "shifts of 8 h a day; 3 runs round the clock",
         .source = "assumption"},
        {.key = "shift_start",
         .kind = ParamKind::integer,
         .range = {0, 23},
         .fallback = "8",
         .doc = "hour the first shift starts (ignored with 3 shifts)",
         .source = "assumption"},
        {.key = "days_per_week",
         .kind = ParamKind::integer,
         .range = {1, 7},
         .fallback = "7",
         .doc = "days run each week, Monday first",
         .source = "assumption"},
        {.key = "shutdown_weeks",
         .kind = ParamKind::integer,
         .range = {0, 52},
         .fallback = "0",
         .doc = "whole weeks stopped each year"},
        {.key = "shutdown_start",
         .kind = ParamKind::text,
         .range = {-HUGE_VAL, HUGE_VAL, "a day `\"MM-DD\"`"},
         .fallback = "01-25",
         .doc = "first day of the shutdown",
         .source = "assumption (around the Spring Festival)"},
        {.key = "standby",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kFraction,
         .fallback = "0",
         .doc = "share of the duty outside the shifts (keeping lines warm)"},
        kFirstWeekday,
    }};

const core::BlockDecl kDryingBlock{
    "site",
    "demand.drying",
    "A drying room (a tobacco curing barn) run batch after batch through its season "
    "(docs/demand.md). Its stages are `[[demand.drying.stages]]`.",
    {
        {.key = "product",
         .kind = ParamKind::text,
         .fallback = "flue-cured tobacco",
         .doc = "what is dried, in the outputs"},
        {.key = "season",
         .kind = ParamKind::text,
         .range = {-HUGE_VAL, HUGE_VAL, "`[\"MM-DD\", \"MM-DD\"]`"},
         .doc = "the days batches may start in (default: 1 July to 30 September)",
         .source = "assumption"},
        {.key = "fresh_mass",
         .kind = ParamKind::quantity,
         .dimension = Dimension::mass,
         .range = {1e-3, 1e7, "above 0 kg"},
         .fallback = "4000 kg",
         .doc = "fresh product per batch",
         .source = "assumption (a standard bulk-curing barn)"},
        {.key = "water_removed",
         .kind = ParamKind::quantity,
         .dimension = Dimension::mass,
         .range = {0.0, 1e7, "≥ 0 kg"},
         .fallback = "0 kg",
         .doc = "water removed per batch, below `fresh_mass`; 0: fresh_mass · (1 − "
                "1/fresh_to_dry)"},
        {.key = "fresh_to_dry",
         .kind = ParamKind::number,
         .range = {1.01, 50.0, "above 1"},
         .fallback = "7",
         .doc = "kg of fresh product per kg of dried product",
         .source = "Chinese tobacco extension material (8–9 for lower leaves); Brothers, Univ. "
                   "of Florida 1963"},
        {.key = "turnaround",
         .kind = ParamKind::quantity,
         .dimension = Dimension::time,
         .range = {0.0, 30.0 * 86400.0, "0 to 30 d"},
         .fallback = "12 h",
         .doc = "time between batches (unload, load), rounded to the hour",
         .source = "assumption"},
        {.key = "barn_ua_w_per_k",
         .kind = ParamKind::number,
         .range = {0.0, 1e6, "0 to 1e6 W/K"},
         .fallback = "100",
         .doc = "fabric losses of the barn, W/K (the unit is in the key)",
         .source = "assumption"},
        {.key = "approach",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature_difference,
         .range = {0.0, 50.0, "0 to 50 K"},
         .fallback = "5 K",
         .doc = "heater supply above the air dry-bulb",
         .source = "assumption"},
        {.key = "ramp_k_per_h",
         .kind = ParamKind::number,
         .range = {0.01, 100.0, "0.01 to 100 K per hour"},
         .fallback = "1",
         .doc = "how fast the product is brought up to a stage's temperature, K per hour",
         .source = "curing practice: about 1 °C every 1–3 h"},
    }};

const core::BlockDecl kDryingStagesBlock{
    "site",
    "demand.drying.stages",
    "An array of tables `[[demand.drying.stages]]`: a batch's stages in order, their "
    "`water_fraction` summing to 1 (default: the three-stage flue-cured tobacco schedule, "
    "144 h, docs/demand.md).",
    {
        {.key = "name", .kind = ParamKind::text, .required = true, .doc = "the stage's name"},
        {.key = "duration",
         .kind = ParamKind::quantity,
         .dimension = Dimension::time,
         .range = {3600.0, 30.0 * 86400.0, "1 h to 30 d"},
         .required = true,
         .doc = "length of the stage, rounded to the hour"},
        {.key = "t_dry",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kStageAir,
         .required = true,
         .doc = "air dry-bulb temperature"},
        {.key = "t_wet",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kStageAir,
         .required = true,
         .doc = "air wet-bulb temperature (sets the exhaust humidity), at most `t_dry`"},
        {.key = "water_fraction",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kFraction,
         .required = true,
         .doc = "share of the batch's water removed in this stage"},
    }};

const core::BlockRegistrar kRegister[] = {
    core::BlockRegistrar(kBuildingBlock), core::BlockRegistrar(kHotWaterBlock),
    core::BlockRegistrar(kProcessBlock), core::BlockRegistrar(kDryingBlock),
    core::BlockRegistrar(kDryingStagesBlock)};

DayRange read_day_range(ConfigTable& t, std::string_view key) {
  const std::vector<std::string> v = t.strings(key);
  if (v.size() != 2) t.fail(key, "expected two days [\"MM-DD\", \"MM-DD\"]");
  try {
    return {MonthDay::parse(v[0], ""), MonthDay::parse(v[1], "")};
  } catch (const InvalidInput& e) {
    t.fail(key, e.what());
  }
}

MonthDay read_month_day(ConfigTable& t, const core::ParamDecl& p) {
  const std::string s = t.text(p);
  try {
    return MonthDay::parse(s, "");
  } catch (const InvalidInput& e) {
    t.fail(p.key, e.what());
  }
}

// heating_season / cooling_season: a word ("zone", "all_year") or two days; a non-string
// goes to the day reader, whose errors name what is wrong with the days.
SeasonMode read_season(ConfigTable& t, std::optional<DayRange>& dates,
                       std::string_view key = "heating_season") {
  const core::ParamDecl& p = kBuildingBlock.param(key);
  if (!t.has(p.key)) return SeasonMode::zone_default;
  std::optional<std::string> word;
  try {
    word = t.text(p);
  } catch (const InvalidInput&) {
    word.reset();
  }
  if (!word) {
    dates = read_day_range(t, p.key);
    return SeasonMode::explicit_dates;
  }
  if (*word == "all_year") return SeasonMode::all_year;
  if (*word != "zone") {
    t.fail(p.key, fmt::format("'{}' is not a season; expected [\"MM-DD\", \"MM-DD\"], "
                              "\"zone\" or \"all_year\"",
                              *word));
  }
  return SeasonMode::zone_default;
}

// The cooling keys: whether, when, how cold and by which emitter.
void read_cooling(ConfigTable& t, BuildingSpec& b, const ZoneData& zone) {
  const core::BlockDecl& k = kBuildingBlock;
  if (t.has("cooling")) b.cooled = t.flag(k.param("cooling"));
  std::optional<DayRange> dates;
  switch (read_season(t, dates, "cooling_season")) {
    case SeasonMode::zone_default:
      if (t.has("cooling_season")) b.cooling_season = zone.cooling_season;
      break;
    case SeasonMode::all_year: b.cooling_season.reset(); break;
    case SeasonMode::explicit_dates: b.cooling_season = dates; break;
  }
  if (auto sp = t.optional_value(k.param("cooling_set_point"))) {
    if (*sp <= b.set_point) t.fail("cooling_set_point", "expected above the heating set_point");
    b.cooling_set_point = *sp;
    b.cooling_setup = std::max(b.cooling_setup, *sp);
  }
  if (auto e = t.optional_text(k.param("cooling_emitter")))
    b.cooling_emitter = cooling_emitter_from_string(*e, "cooling_emitter");
  if (!b.cooled) {
    for (std::string_view key : {"cooling_season", "cooling_set_point", "cooling_emitter"})
      if (t.has(key))
        t.fail(key, "the building is not cooled: set cooling = true or drop this key");
  }
}

}  // namespace

BuildingSpec building_from_config(ConfigTable& t, const ArchetypeLibrary& lib,
                                  std::optional<ClimateZone> default_zone) {
  const core::BlockDecl& k = kBuildingBlock;
  std::vector<std::string_view> archetypes;
  for (const auto& [id, a] : lib.archetypes) archetypes.push_back(id);
  const std::string archetype =
      t.text(core::with_choices(k.param("archetype"), std::move(archetypes)));
  const std::string era = t.text(core::with_choices(
      k.param("era"), std::vector<std::string_view>(lib.era_names.begin(), lib.era_names.end())));
  if (!t.has("zone") && !default_zone) t.fail_here("missing required key 'zone'");
  const ClimateZone zone =
      t.has("zone") ? climate_zone_from_string(t.text(k.param("zone"))) : *default_zone;
  const double area = t.value(k.param("floor_area"));
  const Emitter emitter = emitter_from_string(t.text(k.param("emitter")));
  std::optional<DayRange> dates;
  const SeasonMode mode = read_season(t, dates);
  BuildingSpec b = make_building_spec(lib, archetype, era, zone, area, emitter, mode, dates);
  b.t_design = t.optional_value(k.param("t_design"));
  if (auto sp = t.optional_value(k.param("set_point"))) {
    b.set_point = *sp;
    if (b.setback > b.set_point) b.setback = b.set_point;
  }
  if (auto sb = t.optional_value(k.param("setback"))) {
    if (*sb > b.set_point) t.fail("setback", "expected at most the set_point");
    b.setback = *sb;
  }
  if (b.t_design && *b.t_design >= b.set_point)
    t.fail("t_design", "expected below the indoor set-point");
  b.max_load_factor = t.value(k.param("max_load_factor"));
  b.first_weekday = static_cast<int>(t.value(k.param("first_weekday")));
  read_cooling(t, b, lib.zone(zone));
  t.finish();
  b.validate();
  return b;
}

HotWaterSpec hot_water_from_config(ConfigTable& t, const HotWaterLibrary& lib) {
  const core::BlockDecl& k = kHotWaterBlock;
  std::vector<std::string_view> types;
  for (const auto& [id, ty] : lib.types) types.push_back(id);
  const std::string type = t.text(core::with_choices(k.param("type"), std::move(types)));
  const HotWaterType& ty = lib.type(type);
  // The count is written under the type's unit: persons, beds or students.
  const std::string count_key = ty.unit + "s";
  for (std::string_view c : {"persons", "beds", "students"})
    if (c != count_key && t.has(c))
      t.fail(c,
             fmt::format("type '{}' counts {}; write {} = <number>", type, count_key, count_key));
  const double units = t.value(k.param(count_key));
  HotWaterSpec s = make_hot_water_spec(lib, type, units);
  if (auto q = t.optional_value(k.param("quota"))) {
    s.daily_volume = *q * units;
    s.design_daily_volume = std::max(s.design_daily_volume, s.daily_volume);
  }
  if (auto q = t.optional_value(k.param("quota_max"))) {
    if (*q * units < s.daily_volume) t.fail("quota_max", "expected at least quota");
    s.design_daily_volume = *q * units;
  }
  s.t_hot = t.value(k.param("t_hot"));
  if (const core::ParamDecl& cold = k.param("cold_water"); t.has(cold.key)) {
    s.t_cold_monthly = t.quantities(cold.key, *cold.dimension, cold.range);
    if (s.t_cold_monthly.size() != 12)
      t.fail(cold.key,
             fmt::format("{} values, expected 12 (January … December)", s.t_cold_monthly.size()));
  }
  s.tank_volume = t.value(k.param("tank_volume"));
  if (auto l = t.optional_value(k.param("tank_loss"))) {
    if (s.tank_volume <= 0.0) t.fail("tank_loss", "given without a tank_volume");
    s.tank_loss = *l;
  }
  s.recovery_power = t.optional_value(k.param("recovery_power")).value_or(0.0);
  s.recovery_hours = t.value(k.param("recovery_time")) / 3600.0;
  s.first_weekday = static_cast<int>(t.value(k.param("first_weekday")));
  t.finish();
  s.validate();
  return s;
}

ProcessSpec process_from_config(ConfigTable& t) {
  const core::BlockDecl& k = kProcessBlock;
  ProcessSpec s;
  s.description = t.text(k.param("description"));
  s.duty = t.value(k.param("duty"));
  s.t_supply = t.value(k.param("t_supply"));
  s.t_return = t.value(k.param("t_return"));
  if (s.t_return > s.t_supply) t.fail("t_return", "expected at most t_supply");
  s.t_source = t.optional_value(k.param("t_source"));
  s.shifts_per_day = static_cast<int>(t.value(k.param("shifts_per_day")));
  s.shift_start = static_cast<int>(t.value(k.param("shift_start")));
  s.days_per_week = static_cast<int>(t.value(k.param("days_per_week")));
  s.shutdown_weeks = static_cast<int>(t.value(k.param("shutdown_weeks")));
  s.shutdown_start = read_month_day(t, k.param("shutdown_start"));
  s.standby_fraction = t.value(k.param("standby"));
  s.first_weekday = static_cast<int>(t.value(k.param("first_weekday")));
  t.finish();
  s.validate();
  return s;
}

namespace {

// [[demand.drying.stages]]: the batch's stages, their water fractions summing to 1.
std::vector<DryingStage> read_stages(ConfigTable& t) {
  const core::BlockDecl& k = kDryingStagesBlock;
  std::vector<DryingStage> stages;
  for (ConfigTable& st : t.tables("stages")) {
    DryingStage d;
    d.name = st.text(k.param("name"));
    d.hours = std::round(st.value(k.param("duration")) / 3600.0);
    d.t_dry = st.value(k.param("t_dry"));
    d.t_wet = st.value(k.param("t_wet"));
    if (d.t_wet > d.t_dry) st.fail("t_wet", "expected at most t_dry");
    d.water_fraction = st.value(k.param("water_fraction"));
    st.finish();
    stages.push_back(d);
  }
  double sum = 0.0;
  for (const DryingStage& d : stages) sum += d.water_fraction;
  if (std::abs(sum - 1.0) > 1e-6)
    t.fail("stages", fmt::format("water_fraction sums to {:g}, expected 1 (100 %)", sum));
  return stages;
}

}  // namespace

DryingSpec drying_from_config(ConfigTable& t) {
  const core::BlockDecl& k = kDryingBlock;
  DryingSpec s;
  s.product = t.text(k.param("product"));
  if (t.has("season")) s.season = read_day_range(t, k.param("season").key);
  s.fresh_mass = t.value(k.param("fresh_mass"));
  s.water_removed = t.value(k.param("water_removed"));
  if (s.water_removed >= s.fresh_mass) t.fail("water_removed", "expected below fresh_mass");
  s.fresh_to_dry = t.value(k.param("fresh_to_dry"));
  s.turnaround_hours = std::round(t.value(k.param("turnaround")) / 3600.0);
  s.barn_ua = t.value(k.param("barn_ua_w_per_k"));
  s.approach = t.value(k.param("approach"));
  s.ramp_rate = t.value(k.param("ramp_k_per_h"));
  if (t.has("stages")) s.stages = read_stages(t);
  t.finish();
  s.validate();
  return s;
}

}  // namespace heatlift::demand
