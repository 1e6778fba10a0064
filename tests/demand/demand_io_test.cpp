// The [demand.*] sections of a site file: good sections give the specs; bad ones give an
// error naming file, line and field.
#include "heatlift/demand/demand_io.hpp"

#include <gtest/gtest.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::demand {
namespace {

const ArchetypeLibrary& archetypes() {
  static const ArchetypeLibrary lib = ArchetypeLibrary::load(core::DataStore());
  return lib;
}
const HotWaterLibrary& hot_water_types() {
  static const HotWaterLibrary lib = HotWaterLibrary::load(core::DataStore());
  return lib;
}

template <class F>
auto read_section(const std::string& text, const char* section, F&& reader) {
  const core::ConfigDocument doc = core::ConfigDocument::from_text(text, "site.toml");
  core::ConfigTable root(doc);
  core::ConfigTable demand = root.table("demand");
  core::ConfigTable t = demand.table(section);
  return reader(t);
}

BuildingSpec building(const std::string& text) {
  return read_section(text, "building",
                      [](core::ConfigTable& t) { return building_from_config(t, archetypes()); });
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(BuildingConfig, ReadsTheSection) {
  const BuildingSpec b = building(R"(
[demand.building]
archetype = "rural_residential"
era = "pre_1996"
zone = "cold"
floor_area = "120 m2"
emitter = "radiator"
t_design = "-7.6 C"
)");
  EXPECT_EQ(b.archetype, "rural_residential");
  EXPECT_EQ(b.floor_area, 120.0);
  EXPECT_EQ(b.emitter, Emitter::radiator);
  ASSERT_TRUE(b.t_design.has_value());
  EXPECT_NEAR(*b.t_design, 273.15 - 7.6, 1e-9);
  ASSERT_TRUE(b.heating_season.has_value());
  EXPECT_EQ(b.heating_season->first.text(), "11-15");
  EXPECT_NEAR(b.ua, 2.40 * 120.0, 1e-9);
}

TEST(BuildingConfig, SeasonAndSetPointOverrides) {
  const BuildingSpec b = building(R"(
[demand.building]
archetype = "office"
era = "post_2019"
zone = "severe_cold"
floor_area = "2 m2"
heating_season = ["10-15", "04-15"]
set_point = "21 C"
setback = "12 C"
)");
  EXPECT_EQ(b.heating_season->first.text(), "10-15");
  EXPECT_NEAR(b.set_point, 294.15, 1e-9);
  EXPECT_NEAR(b.setback, 285.15, 1e-9);
  const BuildingSpec all = building(R"(
[demand.building]
archetype = "hotel"
era = "post_2019"
zone = "cold"
floor_area = "2000 m2"
heating_season = "all_year"
)");
  EXPECT_FALSE(all.heating_season.has_value());
}

TEST(BuildingConfig, NegativeAreaNamesFileLineAndField) {
  const std::string msg = error_of([] {
    building(
        "[demand.building]\narchetype = \"office\"\nera = \"pre_1996\"\nzone = \"cold\"\n"
        "floor_area = \"-120 m2\"\n");
  });
  EXPECT_NE(msg.find("site.toml:5:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("demand.building.floor_area"), std::string::npos) << msg;
  EXPECT_NE(msg.find("above 0 m2"), std::string::npos) << msg;
}

TEST(BuildingConfig, UnknownArchetypeNamesTheChoices) {
  const std::string msg = error_of([] {
    building(
        "[demand.building]\narchetype = \"castle\"\nera = \"pre_1996\"\nzone = \"cold\"\n"
        "floor_area = \"120 m2\"\n");
  });
  EXPECT_NE(msg.find("site.toml:2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("demand.building.archetype"), std::string::npos) << msg;
  EXPECT_NE(msg.find("castle"), std::string::npos) << msg;
  EXPECT_NE(msg.find("rural_residential"), std::string::npos) << msg;
}

TEST(BuildingConfig, MissingUnitIsAnError) {
  const std::string msg = error_of([] {
    building(
        "[demand.building]\narchetype = \"office\"\nera = \"pre_1996\"\nzone = \"cold\"\n"
        "floor_area = 120\n");
  });
  EXPECT_NE(msg.find("site.toml:5:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("floor_area"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unit"), std::string::npos) << msg;
}

TEST(BuildingConfig, OtherBadFields) {
  const std::string base =
      "[demand.building]\narchetype = \"office\"\nera = \"pre_1996\"\nzone = \"cold\"\n"
      "floor_area = \"120 m2\"\n";
  EXPECT_NE(error_of([&] { building(base + "colour = \"red\"\n"); }).find("colour"),
            std::string::npos);
  const std::string season_msg =
      error_of([&] { building(base + "heating_season = [\"11-15\", \"02-30\"]\n"); });
  EXPECT_NE(season_msg.find("site.toml:6:"), std::string::npos) << season_msg;
  EXPECT_NE(season_msg.find("'02-30' is not a day"), std::string::npos) << season_msg;
  EXPECT_NE(error_of([&] { building(base + "heating_season = \"winter\"\n"); }).find("winter"),
            std::string::npos);
  EXPECT_NE(error_of([&] { building(base + "emitter = \"stove\"\n"); }).find("emitter"),
            std::string::npos);
  EXPECT_NE(error_of([&] { building(base + "t_design = \"25 C\"\n"); }).find("t_design"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              building(
                  "[demand.building]\narchetype = \"office\"\nera = \"1850\"\nzone = \"cold\"\n"
                  "floor_area = \"120 m2\"\n");
            }).find("demand.building.era"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              building(
                  "[demand.building]\narchetype = \"office\"\nera = \"pre_1996\"\n"
                  "floor_area = \"120 m2\"\n");
            }).find("zone"),
            std::string::npos);
}

TEST(HotWaterConfig, ReadsTheSection) {
  const HotWaterSpec s = read_section(R"(
[demand.hot_water]
type = "school"
students = 800
t_hot = "60 C"
tank_volume = "10 m3"
quota = "40 L"
)",
                                      "hot_water", [](core::ConfigTable& t) {
                                        return hot_water_from_config(t, hot_water_types());
                                      });
  EXPECT_EQ(s.units, 800.0);
  EXPECT_NEAR(s.daily_volume, 32.0, 1e-9);
  EXPECT_NEAR(s.tank_volume, 10.0, 1e-12);
  EXPECT_NEAR(s.t_hot, 333.15, 1e-9);
}

TEST(HotWaterConfig, BadFields) {
  auto read = [](const std::string& text) {
    return read_section(text, "hot_water", [](core::ConfigTable& t) {
      return hot_water_from_config(t, hot_water_types());
    });
  };
  std::string msg =
      error_of([&] { read("[demand.hot_water]\ntype = \"school\"\npersons = 800\n"); });
  EXPECT_NE(msg.find("site.toml:3:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("students"), std::string::npos) << msg;
  msg = error_of([&] { read("[demand.hot_water]\ntype = \"sauna\"\npersons = 8\n"); });
  EXPECT_NE(msg.find("demand.hot_water.type"), std::string::npos) << msg;
  msg = error_of(
      [&] { read("[demand.hot_water]\ntype = \"residential\"\npersons = 8\ntank_volume = 2\n"); });
  EXPECT_NE(msg.find("site.toml:4:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unit"), std::string::npos) << msg;
  msg = error_of([&] {
    read("[demand.hot_water]\ntype = \"residential\"\npersons = 8\ncold_water = [\"10 C\"]\n");
  });
  EXPECT_NE(msg.find("12"), std::string::npos) << msg;
}

TEST(ProcessConfig, ReadsTheSectionAndRejectsBadOnes) {
  auto read = [](const std::string& text) {
    return read_section(text, "process",
                        [](core::ConfigTable& t) { return process_from_config(t); });
  };
  const ProcessSpec s = read(R"(
[demand.process]
duty = "2 MW"
t_supply = "150 C"
t_return = "90 C"
t_source = "45 C"
shifts_per_day = 2
days_per_week = 6
shutdown_weeks = 2
shutdown_start = "02-01"
standby = "10 %"
)");
  EXPECT_EQ(s.duty, 2e6);
  EXPECT_NEAR(*s.t_source, 318.15, 1e-9);
  EXPECT_EQ(s.shutdown_start.text(), "02-01");
  EXPECT_NEAR(s.standby_fraction, 0.1, 1e-12);
  std::string msg = error_of([&] {
    read("[demand.process]\nduty = \"2 MW\"\nt_supply = \"90 C\"\nt_return = \"150 C\"\n");
  });
  EXPECT_NE(msg.find("site.toml:4:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("t_return"), std::string::npos) << msg;
  msg = error_of([&] {
    read(
        "[demand.process]\nduty = \"2 MW\"\nt_supply = \"150 C\"\nt_return = \"90 C\"\n"
        "shifts_per_day = 4\n");
  });
  EXPECT_NE(msg.find("shifts_per_day"), std::string::npos) << msg;
  msg = error_of([&] { read("[demand.process]\nduty = \"-2 MW\"\n"); });
  EXPECT_NE(msg.find("demand.process.duty"), std::string::npos) << msg;
}

TEST(DryingConfig, ReadsStagesAndRejectsBadOnes) {
  auto read = [](const std::string& text) {
    return read_section(text, "drying", [](core::ConfigTable& t) { return drying_from_config(t); });
  };
  const DryingSpec s = read(R"(
[demand.drying]
product = "chillies"
season = ["08-01", "10-31"]
fresh_mass = "2 t"
fresh_to_dry = 5
turnaround = "1 d"
barn_ua_w_per_k = 80
[[demand.drying.stages]]
name = "warm-up"
duration = "12 h"
t_dry = "45 C"
t_wet = "38 C"
water_fraction = "40 %"
[[demand.drying.stages]]
name = "finish"
duration = "2 d"
t_dry = "60 C"
t_wet = "40 C"
water_fraction = 0.6
)");
  EXPECT_EQ(s.stages.size(), 2u);
  EXPECT_EQ(s.stages[1].hours, 48.0);
  EXPECT_EQ(s.turnaround_hours, 24.0);
  EXPECT_NEAR(s.water_per_batch(), 1600.0, 1e-9);
  std::string msg = error_of([&] {
    read(
        "[demand.drying]\n[[demand.drying.stages]]\nname = \"a\"\nduration = \"12 h\"\n"
        "t_dry = \"45 C\"\nt_wet = \"38 C\"\nwater_fraction = \"40 %\"\n");
  });
  EXPECT_NE(msg.find("water_fraction sums to 0.4"), std::string::npos) << msg;
  msg = error_of([&] { read("[demand.drying]\nfresh_mass = \"-3 kg\"\n"); });
  EXPECT_NE(msg.find("site.toml:2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("fresh_mass"), std::string::npos) << msg;
}

// The defaults the demand blocks declare (demand_io.cpp) are the specs' own, to the bit: a
// section that leaves a key out reads as a spec built in code.
TEST(DemandConfig, DeclaredDefaultsAreTheSpecsDefaults) {
  const BuildingSpec b = building(
      "[demand.building]\narchetype = \"office\"\nera = \"2010_2018\"\nzone = \"cold\"\n"
      "floor_area = \"100 m2\"\n");
  EXPECT_EQ(b.max_load_factor, BuildingSpec{}.max_load_factor);
  EXPECT_EQ(b.first_weekday, BuildingSpec{}.first_weekday);
  const HotWaterSpec h = read_section(
      "[demand.hot_water]\ntype = \"hotel\"\nbeds = 100\n", "hot_water",
      [](core::ConfigTable& t) { return hot_water_from_config(t, hot_water_types()); });
  const HotWaterSpec hd;
  EXPECT_EQ(h.t_hot, hd.t_hot);
  EXPECT_EQ(h.tank_volume, hd.tank_volume);
  EXPECT_EQ(h.tank_loss, hd.tank_loss);
  EXPECT_EQ(h.recovery_power, hd.recovery_power);
  EXPECT_EQ(h.recovery_hours, hd.recovery_hours);
  const ProcessSpec p =
      read_section("[demand.process]\nduty = \"1 MW\"\nt_supply = \"120 C\"\nt_return = \"90 C\"\n",
                   "process", [](core::ConfigTable& t) { return process_from_config(t); });
  const ProcessSpec pd;
  EXPECT_EQ(p.description, pd.description);
  EXPECT_EQ(p.shifts_per_day, pd.shifts_per_day);
  EXPECT_EQ(p.shift_start, pd.shift_start);
  EXPECT_EQ(p.days_per_week, pd.days_per_week);
  EXPECT_EQ(p.shutdown_weeks, pd.shutdown_weeks);
  EXPECT_EQ(p.shutdown_start.text(), pd.shutdown_start.text());
  EXPECT_EQ(p.standby_fraction, pd.standby_fraction);
  const DryingSpec d = read_section("[demand.drying]\n", "drying",
                                    [](core::ConfigTable& t) { return drying_from_config(t); });
  const DryingSpec dd;
  EXPECT_EQ(d.product, dd.product);
  EXPECT_EQ(d.fresh_mass, dd.fresh_mass);
  EXPECT_EQ(d.water_removed, dd.water_removed);
  EXPECT_EQ(d.fresh_to_dry, dd.fresh_to_dry);
  EXPECT_EQ(d.turnaround_hours, dd.turnaround_hours);
  EXPECT_EQ(d.barn_ua, dd.barn_ua);
  EXPECT_EQ(d.approach, dd.approach);
  EXPECT_EQ(d.ramp_rate, dd.ramp_rate);
  EXPECT_EQ(d.stages.size(), dd.stages.size());
}

TEST(Example, EverySectionOfTheShippedExampleReads) {
  const core::ConfigDocument doc =
      core::ConfigDocument::from_file(HEATLIFT_EXAMPLES "/site-demand.toml");
  core::ConfigTable root(doc);
  core::ConfigTable demand = root.table("demand");
  core::ConfigTable b = demand.table("building");
  core::ConfigTable hw = demand.table("hot_water");
  core::ConfigTable p = demand.table("process");
  core::ConfigTable d = demand.table("drying");
  EXPECT_EQ(building_from_config(b, archetypes()).archetype, "rural_residential");
  EXPECT_EQ(hot_water_from_config(hw, hot_water_types()).units, 800.0);
  EXPECT_EQ(process_from_config(p).duty, 2e6);
  EXPECT_EQ(drying_from_config(d).fresh_mass, 4000.0);
  demand.finish();
  root.finish();
}

}  // namespace
}  // namespace heatlift::demand
