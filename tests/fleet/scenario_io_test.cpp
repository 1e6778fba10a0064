#include "heatlift/fleet/scenario_io.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace heatlift::fleet {
namespace {

using ::testing::HasSubstr;

const core::DataStore& store() {
  static const core::DataStore data;
  return data;
}

std::string error_of(const std::string& text) {
  try {
    parse_scenario(store(), text, "test.toml");
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ScenarioIo, ShippedScenariosLoad) {
  const auto names = shipped_scenarios(store());
  EXPECT_THAT(names, ::testing::IsSupersetOf({"cns", "ngs", "action-plan"}));
  for (const auto& n : names) {
    const Scenario s = load_scenario(store(), n);
    EXPECT_EQ(s.name, n);
    EXPECT_FALSE(s.source.empty());
    EXPECT_EQ(s.segments.size(), 4u);
    EXPECT_EQ(s.segments.front().name, "sh_household");  // SH first, household first
  }
}

TEST(ScenarioIo, ValuesAreSi) {
  const Scenario s = load_scenario(store(), "cns");
  EXPECT_NEAR(s.grid.at(2022) * 3.6e6, 0.5366, 1e-12);
  EXPECT_NEAR(s.segments[0].history_sales.back(), 84e4, 1e-6);
  EXPECT_NEAR(s.segments[0].capacity.at(2022), 10e3, 1e-9);
  EXPECT_NEAR(s.sources.at("gas_boiler").efficiency, 0.92, 1e-12);
  EXPECT_NEAR(s.refrigerants.at("R410A").gwp, 2088.0, 1e-9);
  EXPECT_NEAR(s.refrigerants.at("R410A").hfc_gwp, 2087.5, 1e-9);  // both components controlled
  EXPECT_NEAR(s.refrigerants.at("R290").hfc_gwp, 0.0, 1e-12);
}

TEST(ScenarioIo, ExtendsInheritsAndOverrides) {
  const Scenario s = parse_scenario(store(), R"(
extends = "cns"
name = "mine"
[segments.sh_household]
spf = 4.0
)",
                                    "test.toml");
  EXPECT_EQ(s.name, "mine");
  EXPECT_TRUE(s.targets.empty());  // figures are not inherited
  EXPECT_DOUBLE_EQ(s.segments[0].spf.at(2040), 4.0);
  EXPECT_DOUBLE_EQ(s.segments[1].spf.at(2022),
                   load_scenario(store(), "cns").segments[1].spf.at(2022));
}

TEST(ScenarioIo, UnknownKeyPointsAtFileLineColumn) {
  const std::string e = error_of(
      "extends = \"cns\"\nname = \"x\"\n[levers.efficiency]\n"
      "gain = \"20 %\"\nfrom = 2025\nby = 2030\ncolour = \"red\"\n");
  EXPECT_THAT(e, HasSubstr("test.toml:7:1"));
  EXPECT_THAT(e, HasSubstr("unknown key 'levers.efficiency.colour'"));
  EXPECT_THAT(e, HasSubstr("gain"));  // lists what is allowed
}

TEST(ScenarioIo, BadUnitPointsAtValue) {
  const std::string e = error_of(
      "extends = \"cns\"\nname = \"x\"\n[levers.efficiency]\n"
      "gain = \"20 kW\"\nfrom = 2025\nby = 2030\n");
  EXPECT_THAT(e, HasSubstr("test.toml:4:8"));
  EXPECT_THAT(e, HasSubstr("levers.efficiency.gain"));
  EXPECT_THAT(e, HasSubstr("20 kW"));
}

TEST(ScenarioIo, OutOfRangeInOverriddenSegmentPointsAtTheOverridingFile) {
  const std::string e = error_of(
      "extends = \"cns\"\nname = \"x\"\n[segments.sh_household.lifetime]\nscale = \"-3 a\"\n");
  EXPECT_THAT(e, HasSubstr("test.toml:4:9"));
  EXPECT_THAT(e, HasSubstr("segments.sh_household.lifetime.scale"));
  EXPECT_THAT(e, HasSubstr("out of range"));
  EXPECT_THAT(e, HasSubstr("1 a to 60 a"));
}

TEST(ScenarioIo, NumberWithoutUnitIsAnError) {
  const std::string e = error_of(
      "extends = \"cns\"\nname = \"x\"\n[levers.retrofit]\nmin_age = 10\n"
      "from = 2025\nto = 2060\nretire_share = 0.05\n");
  EXPECT_THAT(e, HasSubstr("test.toml:7:16"));
  EXPECT_THAT(e, HasSubstr("needs a unit"));
}

TEST(ScenarioIo, WrongTypesAndRanges) {
  EXPECT_THAT(error_of("extends = \"cns\"\nname = \"x\"\n[levers.efficiency]\ngain = \"20 %\"\n"
                       "from = \"2025\"\nby = 2030\n"),
              HasSubstr("test.toml:5:8"));
  EXPECT_THAT(error_of("extends = \"cns\"\nname = \"x\"\n[levers.efficiency]\ngain = \"20 %\"\n"
                       "from = 2025\nby = 2020\n"),
              HasSubstr("is before from"));
  EXPECT_THAT(error_of("extends = \"cns\"\nname = \"x\"\n[levers.low_gwp]\nfrom = 2025\nby = 2035\n"
                       "[levers.low_gwp.target]\nR290 = \"60 %\"\n"),
              HasSubstr("add up to 60 %"));
  EXPECT_THAT(error_of("extends = \"cns\"\nname = \"x\"\n[segments.hw_household.replaced]\n"
                       "peat = \"10 %\"\n"),
              HasSubstr("unknown heat source 'peat'"));
  EXPECT_THAT(error_of("extends = \"nowhere\"\n"), HasSubstr("no scenario named 'nowhere'"));
}

TEST(ScenarioIo, TomlSyntaxErrorHasPosition) {
  EXPECT_THAT(error_of("name = \"x\"\nbase_year = = 2022\n"), HasSubstr("test.toml:2:"));
}

TEST(ScenarioIo, DiffListsChangedSettings) {
  const auto d = diff_scenarios(store(), "cns", "action-plan");
  auto has = [&](std::string_view key) {
    return std::any_of(d.begin(), d.end(),
                       [&](const SettingDifference& s) { return s.key == key; });
  };
  EXPECT_TRUE(has("levers.efficiency.gain"));
  EXPECT_TRUE(has("name"));
  EXPECT_FALSE(has("grid"));
  EXPECT_FALSE(has("targets"));
}

}  // namespace
}  // namespace heatlift::fleet
