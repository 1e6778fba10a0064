#include "heatlift/fleet/scenario_io.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"

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
  EXPECT_THAT(e, HasSubstr("levers.efficiency.colour: unknown key"));
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

// Hostile numbers: every number in a scenario has a declared range (`heatlift params scenario`),
// checked when the file is read, before any work. Each is refused naming file:line:column, the
// field, the value as written and the range expected.
struct Hostile {
  std::string name;
  std::string toml;  // after 'extends = "cns"' and 'name = "x"' (lines 1 and 2)
  std::string where;
  std::string field;
  std::string value;     // as the message shows it
  std::string expected;  // the range, or what is expected
};

std::string digits(std::size_t n) {
  return std::string(n, '7');
}

TEST(ScenarioIo, HostileNumbersAreRefusedWithPositionFieldValueAndRange) {
  const std::string seg = "[segments.sh_household]\n";
  const std::string growth = "[segments.sh_household.growth]\n";
  const std::vector<Hostile> cases{
      {"inf", seg + "spf = inf", "test.toml:4:7", "segments.sh_household.spf", "inf", "1 to 15"},
      {"nan", seg + "spf = nan", "test.toml:4:7", "segments.sh_household.spf", "nan", "1 to 15"},
      {"-inf", seg + "cop_design = -inf", "test.toml:4:14", "segments.sh_household.cop_design",
       "-inf", "0.8 to 10"},
      {"1e400 (no double holds it)", seg + "spf = 1e400", "test.toml:4:7",
       "segments.sh_household.spf", "1e400", "1 to 15"},
      {"1e300 with a unit",
       seg + R"(history_sales = ["1e300 units", "1 units", "1 units", "1 units", "1 units"])",
       "test.toml:4:18", "segments.sh_household.history_sales[1]", "1e300 units", "10^9 units"},
      {"inf with a unit", seg + R"(heat_per_unit = "inf MWh/a")", "test.toml:4:17",
       "segments.sh_household.heat_per_unit", "inf MWh/a", "87600 MWh/a"},
      {"300-digit integer with a unit", seg + "price = \"" + digits(300) + " CNY\"",
       "test.toml:4:9", "segments.sh_household.price", "7777777777777777…", "10^7 CNY"},
      {"400-digit integer with a unit", growth + "saturation = \"" + digits(400) + " units\"",
       "test.toml:4:14", "segments.sh_household.growth.saturation", "7777777777777777…",
       "1 unit to 10^9 units"},
      {"300-digit bare integer", growth + "midpoint = " + digits(300), "test.toml:4:12",
       "segments.sh_household.growth.midpoint", "7777777777777777…", "a year from 2000 to 2100"},
      {"300-digit year", "base_year = " + digits(300), "test.toml:3:13", "base_year",
       "7777777777777777…", "an integer (a year from 2000 to 2100)"},
      {"year far ahead", "[levers.efficiency]\ngain = \"20 %\"\nfrom = 2500\nby = 2530",
       "test.toml:5:8", "levers.efficiency.from", "2500", "a year from 2000 to 2100"},
      {"negative share", seg + R"(backup_share = "-5 %")", "test.toml:4:16",
       "segments.sh_household.backup_share", "-5 %", "0 % to 100 %"},
      {"bare negative share", seg + "design_load_share = -0.5", "test.toml:4:21",
       "segments.sh_household.design_load_share", "-0.5", "0 % to 100 %"},
      {"huge grid factor", R"(grid = "1e300 kgCO2/kWh")", "test.toml:3:8", "grid",
       "1e300 kgCO2/kWh", "0 to 1.5 kgCO2/kWh"},
      {"fuel factor", "[sources.coal_boiler]\nemission_factor = \"900 kgCO2/GJ\"", "test.toml:4:19",
       "sources.coal_boiler.emission_factor", "900 kgCO2/GJ", "0 to 150 kgCO2/GJ"},
      {"efficiency", "[sources.gas_boiler]\nefficiency = \"1000 %\"", "test.toml:4:14",
       "sources.gas_boiler.efficiency", "1000 %", "10 % to 120 %"},
      {"lifetime", "[segments.sh_household.lifetime]\nscale = \"1e300 a\"", "test.toml:4:9",
       "segments.sh_household.lifetime.scale", "1e300 a", "1 a to 60 a"},
      {"lever units",
       "[[levers.coal_replacement]]\nsegment = \"sh_commercial\"\nfrom = 2025\n"
       "to = 2030\nunits_per_year = \"1e300 10^4 units\"",
       "test.toml:7:18", "levers.coal_replacement[1].units_per_year", "1e300 10^4 units",
       "10^9 units"},
      {"shares not adding up to 1",
       seg +
           R"(replaced = { coal_boiler = "50 %", gas_boiler = "10 %", electric_heater = "30 %" })",
       "test.toml:4:", "segments.sh_household.replaced", "add up to 90 %", "expected 100 %"},
      {"refrigerant mix not adding up to 1",
       "[segments.sh_household.refrigerants]\nR410A = [\"85 %\", \"55 %\", \"10 %\"]",
       "test.toml:4:", "segments.sh_household.refrigerants", "shares in 2030 add up to 90 %",
       "expected 100 %"},
      {"lever mix not adding up to 1",
       "[levers.low_gwp]\nfrom = 2025\nby = 2035\n[levers.low_gwp.target]\nR290 = \"60 %\"\n"
       "R744 = \"30.5 %\"",
       "test.toml:7:", "levers.low_gwp.target", "add up to 90.5 %", "expected 100 %"},
  };
  for (const Hostile& c : cases) {
    SCOPED_TRACE(c.name);
    try {
      parse_scenario(store(), "extends = \"cns\"\nname = \"x\"\n" + c.toml + "\n", "test.toml");
      ADD_FAILURE() << "accepted: " << c.toml;
    } catch (const InvalidInput& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_input);
      const std::string m = e.what();
      EXPECT_THAT(m, ::testing::StartsWith(c.where));
      EXPECT_THAT(m, HasSubstr(c.field + ":"));
      EXPECT_THAT(m, HasSubstr(c.value));
      EXPECT_THAT(m, HasSubstr(c.expected));
    }
  }
}

TEST(ScenarioIo, SharesAddUpWithinASmallTolerance) {
  // Thirds written to four decimals add up to 99.9999 %: accepted.
  const Scenario s = parse_scenario(store(), R"(
extends = "cns"
name = "thirds"
[segments.sh_household]
replaced = { coal_boiler = "33.3333 %", gas_boiler = "33.3333 %", electric_heater = "33.3333 %" }
)",
                                    "test.toml");
  EXPECT_NEAR(s.segments[0].replaced.at("gas_boiler"), 0.333333, 1e-12);
}

TEST(ScenarioIo, ShippedScenariosStayInsideTheirRanges) {
  // The declared ranges hold the shipped files: each loads, and each value it holds lies in
  // the range its field declares.
  const auto range = [](std::string_view setting) {
    return core::find_setting("scenario", setting).param->range;
  };
  for (const auto& n : shipped_scenarios(store())) {
    const Scenario sc = load_scenario(store(), n);
    for (const Segment& seg : sc.segments) {
      for (double v : seg.spf.values) EXPECT_TRUE(range("segments.*.spf").contains(v)) << n;
      for (double v : seg.heat_per_unit.values)
        EXPECT_TRUE(range("segments.*.heat_per_unit").contains(v));
      for (double v : seg.history_sales)
        EXPECT_TRUE(range("segments.*.history_sales").contains(v)) << n;
      EXPECT_TRUE(range("segments.*.prehistory_start").contains(seg.prehistory_start)) << n;
    }
    for (const auto& [name, src] : sc.sources)
      EXPECT_TRUE(range("sources.*.efficiency").contains(src.efficiency)) << n << " " << name;
  }
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
