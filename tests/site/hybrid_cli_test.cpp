// End to end: the site file's hybrid, solar-thermal and PV-export keys refuse bad input with
// exit code 2 and a message naming the file position, the key and what was expected; the
// shipped examples run with their sections in summary.json.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/chromium.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::test::sh;
using ::testing::HasSubstr;

// The Tianjin hybrid example with `extra` appended to its [backup] (or replacing a line).
std::string site_with(const std::string& name, const std::string& from, const std::string& to) {
  std::ifstream in(std::string(HEATLIFT_EXAMPLES) + "/tianjin-school-hybrid-gas.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  const fs::path dir = fs::path(::testing::TempDir()) / "heatlift_hybrid_cli";
  fs::create_directories(dir);
  const fs::path file = dir / (name + ".toml");
  std::ofstream(file) << text;
  return file.string();
}

heatlift::test::Shell run(const std::string& file) {
  return sh(std::string(HEATLIFT_EXE) + " site run " + file + " --format json 2>&1");
}

TEST(HybridSiteFile, ASwitchOverNeedsABoiler) {
  const auto r = run(site_with("electric", "kind = \"gas_boiler\"", "kind = \"electric\""));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("backup.switch_over"));
  EXPECT_THAT(r.out, HasSubstr("needs a boiler"));
}

TEST(HybridSiteFile, ABivalentPointNeedsTheTemperatureRule) {
  const auto r = run(site_with("biv", "switch_over = \"cost\"",
                               "switch_over = \"cost\"\nbivalent_point = \"-3 C\""));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("bivalent_point"));
  EXPECT_THAT(r.out, HasSubstr("switch_over = \"temperature\""));
}

TEST(HybridSiteFile, AnUnknownBoilerOrRuleIsRefused) {
  auto r = run(site_with("oil", "kind = \"gas_boiler\"", "kind = \"oil_boiler\""));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("oil_boiler"));
  r = run(site_with("rule", "switch_over = \"cost\"", "switch_over = \"price\""));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("price"));
}

TEST(HybridSiteFile, ACostRuleWithoutAFuelPriceSaysWhatIsMissing) {
  const auto r = run(site_with("noprice", "natural_gas = \"3.4 CNY/m3\"", "coal = \"1100 CNY/t\""));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("fuel price"));
  EXPECT_THAT(r.out, HasSubstr("[fuel_prices]"));
}

TEST(HybridSiteFile, TheExampleCarriesItsHybridSection) {
  const auto r = run(std::string(HEATLIFT_EXAMPLES) + "/tianjin-school-hybrid-gas.toml");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("hybrid"));
  const auto& h = j["hybrid"];
  EXPECT_EQ(h["switch_over"], "cost");
  EXPECT_GT(h["hp_share"].get<double>(), 0.0);
  EXPECT_LT(h["hp_share"].get<double>(), 1.0);
  EXPECT_GT(h["fuel_amount"].get<double>(), 0.0);
  EXPECT_EQ(h["fuel_unit"], "m3");
  EXPECT_EQ(j["annual"]["backup_power_kwh"].get<double>(), 0.0);  // the boiler burns gas
}

TEST(SolarSiteFile, BadCollectorsAndAStoreOnAnAirSourceAreRefused) {
  std::ifstream in(std::string(HEATLIFT_EXAMPLES) + "/beijing-flats-solar-seasonal-store.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const fs::path dir = fs::path(::testing::TempDir()) / "heatlift_solar_cli";
  fs::create_directories(dir);
  const auto write = [&](const std::string& name, const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    const fs::path f = dir / (name + ".toml");
    std::ofstream(f) << t;
    return f.string();
  };
  auto r = run(write("area", "area = \"600 m2\"", "area = \"-5 m2\""));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("solar_thermal.area"));
  r = run(write("feeds", "slope = 45", "slope = 45\nfeeds = \"source\""));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("feeds"));
  EXPECT_THAT(r.out, HasSubstr("water or ground source"));
  r = run(write("both", "slope = 45", "slope = 45\nfeeds = \"both\""));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("water or ground source"));
  r = run(write("price", "feed_in_price = \"0.3598 CNY/kWh\"", "feed_in_price = \"0.36\""));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("feed_in_price"));
}

TEST(SolarSiteFile, TheExampleCarriesItsSolarAndPvSections) {
  const auto r = run(std::string(HEATLIFT_EXAMPLES) + "/beijing-flats-solar-seasonal-store.toml");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("solar_thermal"));
  ASSERT_TRUE(j.contains("pv"));
  const double f = j["solar_thermal"]["solar_fraction"].get<double>();
  EXPECT_GT(f, 0.3);
  EXPECT_LT(f, 1.0);
  const auto& pv = j["pv"];
  EXPECT_NEAR(pv["self_consumed_kwh"].get<double>() + pv["exported_kwh"].get<double>(),
              pv["yield_kwh"].get<double>(), 1e-6 * pv["yield_kwh"].get<double>());
}

// The example's store doing both for a water-source heat pump (8 °C stream): summary.json
// counts the heat to the loads and to the evaporator apart, and they add up to what it gave.
TEST(SolarSiteFile, AStoreFeedingBothCountsEachWayApart) {
  std::ifstream in(std::string(HEATLIFT_EXAMPLES) + "/beijing-flats-solar-seasonal-store.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto swap = [&](const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  swap("product = \"r290-monobloc-8kw\"", "product = \"gshp-brine-12kw\"");
  swap("[solar_thermal]",
       "[source]\nkind = \"water\"\nwater_temperature = \"8 C\"\n\n[solar_thermal]\n"
       "feeds = \"both\"");
  const fs::path dir = fs::path(::testing::TempDir()) / "heatlift_solar_cli";
  fs::create_directories(dir);
  const fs::path file = dir / "both_ways.toml";
  std::ofstream(file) << text;
  const auto r = run(file.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto s = nlohmann::json::parse(r.out)["solar_thermal"];
  EXPECT_EQ(s["feeds"], "both");
  const double loads = s["delivered_to_loads_kwh"].get<double>();
  const double source = s["delivered_to_source_kwh"].get<double>();
  EXPECT_GT(loads, 0.0);
  EXPECT_GT(source, 0.0);
  EXPECT_NEAR(loads + source, s["delivered_kwh"].get<double>(), 1e-6 * (loads + source));
  EXPECT_EQ(s["min_temperature_c"].get<double>(), 10.0);
}

}  // namespace
