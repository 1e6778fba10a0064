#include "heatlift/demand/demand_io.hpp"

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::demand {

namespace {

using core::ConfigTable;
using core::Dimension;
using core::Range;

using core::kZeroCelsius;

DayRange read_day_range(ConfigTable& t, std::string_view key) {
  const std::vector<std::string> v = t.strings(key);
  if (v.size() != 2) t.fail(key, "expected two days [\"MM-DD\", \"MM-DD\"]");
  try {
    return {MonthDay::parse(v[0], ""), MonthDay::parse(v[1], "")};
  } catch (const InvalidInput& e) {
    t.fail(key, e.what());
  }
}

MonthDay read_month_day(ConfigTable& t, std::string_view key) {
  const std::string s = t.string(key);
  try {
    return MonthDay::parse(s, "");
  } catch (const InvalidInput& e) {
    t.fail(key, e.what());
  }
}

}  // namespace

BuildingSpec building_from_config(ConfigTable& t, const ArchetypeLibrary& lib,
                                  std::optional<ClimateZone> default_zone) {
  std::vector<std::string_view> archetypes;
  for (const auto& [k, v] : lib.archetypes) archetypes.push_back(k);
  std::vector<std::string_view> eras(lib.era_names.begin(), lib.era_names.end());
  std::vector<std::string_view> zones;
  for (const ClimateZone z : climate::kAllZones) zones.push_back(climate::to_string(z));
  const std::vector<std::string_view> emitters = {"floor_heating", "radiator", "radiator_low",
                                                  "fan_coil"};
  const std::string archetype = t.choice("archetype", archetypes);
  const std::string era = t.choice("era", eras);
  if (!t.has("zone") && !default_zone) t.fail_here("missing required key 'zone'");
  const ClimateZone zone =
      t.has("zone") ? climate_zone_from_string(t.choice("zone", zones)) : *default_zone;
  const double area =
      t.quantity("floor_area", Dimension::area, {1e-3, 1e8, "above 0 m2 (up to 1e8 m2)"});
  const Emitter emitter = emitter_from_string(t.choice_or("emitter", emitters, "radiator"));

  SeasonMode mode = SeasonMode::zone_default;
  std::optional<DayRange> dates;
  if (t.has("heating_season")) {
    // Either a word ("zone", "all_year") or two days; a non-string goes to the day reader,
    // whose errors name what is wrong with the days.
    std::optional<std::string> word;
    try {
      word = t.string("heating_season");
    } catch (const InvalidInput&) {
      word.reset();
    }
    if (!word) {
      dates = read_day_range(t, "heating_season");
      mode = SeasonMode::explicit_dates;
    } else if (*word == "all_year") {
      mode = SeasonMode::all_year;
    } else if (*word == "zone") {
      mode = SeasonMode::zone_default;
    } else {
      t.fail("heating_season",
             fmt::format("'{}' is not a heating season; expected [\"MM-DD\", \"MM-DD\"], "
                         "\"zone\" or \"all_year\"",
                         *word));
    }
  }
  BuildingSpec b = make_building_spec(lib, archetype, era, zone, area, emitter, mode, dates);
  const Range indoor{kZeroCelsius + 5.0, kZeroCelsius + 30.0, "5 to 30 °C"};
  b.t_design = t.optional_quantity("t_design", Dimension::temperature,
                                   {kZeroCelsius - 60.0, kZeroCelsius + 20.0, "-60 to 20 °C"});
  if (auto sp = t.optional_quantity("set_point", Dimension::temperature, indoor)) {
    b.set_point = *sp;
    if (b.setback > b.set_point) b.setback = b.set_point;
  }
  if (auto sb = t.optional_quantity("setback", Dimension::temperature,
                                    {kZeroCelsius, kZeroCelsius + 30.0, "0 to 30 °C"})) {
    if (*sb > b.set_point) t.fail("setback", "expected at most the set_point");
    b.setback = *sb;
  }
  if (b.t_design && *b.t_design >= b.set_point)
    t.fail("t_design", "expected below the indoor set-point");
  b.max_load_factor = t.number_or("max_load_factor", b.max_load_factor,
                                  {1.0, 5.0, "1 to 5 (times the design load)"});
  b.first_weekday = static_cast<int>(t.integer_or("first_weekday", 0, 0, 6));
  t.finish();
  b.validate();
  return b;
}

HotWaterSpec hot_water_from_config(ConfigTable& t, const HotWaterLibrary& lib) {
  std::vector<std::string_view> types;
  for (const auto& [k, v] : lib.types) types.push_back(k);
  const std::string type = t.choice("type", types);
  const HotWaterType& ty = lib.type(type);
  // The count is written under the type's unit: persons, beds or students.
  const std::string count_key = ty.unit + "s";
  for (std::string_view k : {"persons", "beds", "students"})
    if (k != count_key && t.has(k))
      t.fail(k,
             fmt::format("type '{}' counts {}; write {} = <number>", type, count_key, count_key));
  const double units = t.number(count_key, {1e-9, 1e7, "above 0"});
  HotWaterSpec s = make_hot_water_spec(lib, type, units);
  const Range quota_range{1e-5, 2.0, "above 0 L, at most 2000 L per unit and day"};
  if (auto q = t.optional_quantity("quota", Dimension::volume, quota_range)) {
    s.daily_volume = *q * units;
    s.design_daily_volume = std::max(s.design_daily_volume, s.daily_volume);
  }
  if (auto q = t.optional_quantity("quota_max", Dimension::volume, quota_range)) {
    if (*q * units < s.daily_volume) t.fail("quota_max", "expected at least quota");
    s.design_daily_volume = *q * units;
  }
  s.t_hot = t.quantity_or("t_hot", Dimension::temperature, s.t_hot,
                          {kZeroCelsius + 40.0, kZeroCelsius + 95.0, "40 to 95 °C"});
  if (t.has("cold_water")) {
    s.t_cold_monthly = t.quantities("cold_water", Dimension::temperature,
                                    {kZeroCelsius, kZeroCelsius + 35.0, "0 to 35 °C"});
    if (s.t_cold_monthly.size() != 12)
      t.fail("cold_water",
             fmt::format("{} values, expected 12 (January … December)", s.t_cold_monthly.size()));
  }
  s.tank_volume = t.quantity_or("tank_volume", Dimension::volume, 0.0, {0.0, 1e4, "0 to 10000 m3"});
  if (auto l = t.optional_quantity("tank_loss", Dimension::power, {0.0, 1e6, "0 to 1 MW"})) {
    if (s.tank_volume <= 0.0) t.fail("tank_loss", "given without a tank_volume");
    s.tank_loss = *l;
  }
  s.recovery_power = t.quantity_or("recovery_power", Dimension::power, 0.0,
                                   {1.0, 1e9, "above 0 W (omit for the GB 50015 design rate)"});
  s.recovery_hours = t.quantity_or("recovery_time", Dimension::time, 3.0 * 3600.0,
                                   {600.0, 86400.0, "10 min to 24 h"}) /
                     3600.0;
  s.first_weekday = static_cast<int>(t.integer_or("first_weekday", 0, 0, 6));
  t.finish();
  s.validate();
  return s;
}

ProcessSpec process_from_config(ConfigTable& t) {
  ProcessSpec s;
  s.description = t.string_or("description", s.description);
  s.duty = t.quantity("duty", Dimension::power, {1.0, 1e10, "above 0 W"});
  const Range temps{kZeroCelsius + 1.0, kZeroCelsius + 400.0, "above 0 °C, at most 400 °C"};
  s.t_supply = t.quantity("t_supply", Dimension::temperature, temps);
  s.t_return = t.quantity("t_return", Dimension::temperature, temps);
  if (s.t_return > s.t_supply) t.fail("t_return", "expected at most t_supply");
  s.t_source = t.optional_quantity("t_source", Dimension::temperature,
                                   {kZeroCelsius - 40.0, kZeroCelsius + 300.0, "-40 to 300 °C"});
  s.shifts_per_day = static_cast<int>(t.integer_or("shifts_per_day", 3, 1, 3));
  s.shift_start = static_cast<int>(t.integer_or("shift_start", 8, 0, 23));
  s.days_per_week = static_cast<int>(t.integer_or("days_per_week", 7, 1, 7));
  s.shutdown_weeks = static_cast<int>(t.integer_or("shutdown_weeks", 0, 0, 52));
  if (t.has("shutdown_start")) s.shutdown_start = read_month_day(t, "shutdown_start");
  s.standby_fraction = t.quantity_or("standby", Dimension::fraction, 0.0, {0.0, 1.0, "0 to 100 %"});
  s.first_weekday = static_cast<int>(t.integer_or("first_weekday", 0, 0, 6));
  t.finish();
  s.validate();
  return s;
}

DryingSpec drying_from_config(ConfigTable& t) {
  DryingSpec s;
  s.product = t.string_or("product", s.product);
  if (t.has("season")) s.season = read_day_range(t, "season");
  s.fresh_mass =
      t.quantity_or("fresh_mass", Dimension::mass, s.fresh_mass, {1e-3, 1e7, "above 0 kg"});
  s.water_removed = t.quantity_or("water_removed", Dimension::mass, 0.0, {0.0, 1e7, "≥ 0 kg"});
  if (s.water_removed >= s.fresh_mass) t.fail("water_removed", "expected below fresh_mass");
  s.fresh_to_dry = t.number_or("fresh_to_dry", s.fresh_to_dry, {1.01, 50.0, "above 1"});
  s.turnaround_hours = t.quantity_or("turnaround", Dimension::time, s.turnaround_hours * 3600.0,
                                     {0.0, 30.0 * 86400.0, "0 to 30 d"}) /
                       3600.0;
  s.turnaround_hours = std::round(s.turnaround_hours);
  s.barn_ua = t.number_or("barn_ua_w_per_k", s.barn_ua, {0.0, 1e6, "0 to 1e6 W/K"});
  s.approach = t.quantity_or("approach", Dimension::temperature_difference, s.approach,
                             {0.0, 50.0, "0 to 50 K"});
  s.ramp_rate = t.number_or("ramp_k_per_h", s.ramp_rate, {0.01, 100.0, "0.01 to 100 K per hour"});
  if (t.has("stages")) {
    s.stages.clear();
    for (ConfigTable& st : t.tables("stages")) {
      DryingStage d;
      d.name = st.string("name");
      const double secs =
          st.quantity("duration", Dimension::time, {3600.0, 30.0 * 86400.0, "1 h to 30 d"});
      d.hours = std::round(secs / 3600.0);
      const Range air{kZeroCelsius + 1.0, kZeroCelsius + 150.0, "above 0 °C, at most 150 °C"};
      d.t_dry = st.quantity("t_dry", Dimension::temperature, air);
      d.t_wet = st.quantity("t_wet", Dimension::temperature, air);
      if (d.t_wet > d.t_dry) st.fail("t_wet", "expected at most t_dry");
      d.water_fraction =
          st.quantity("water_fraction", Dimension::fraction, {0.0, 1.0, "0 to 100 %"});
      st.finish();
      s.stages.push_back(d);
    }
    double sum = 0.0;
    for (const DryingStage& d : s.stages) sum += d.water_fraction;
    if (std::abs(sum - 1.0) > 1e-6)
      t.fail("stages", fmt::format("water_fraction sums to {:g}, expected 1 (100 %)", sum));
  }
  t.finish();
  s.validate();
  return s;
}

}  // namespace heatlift::demand
