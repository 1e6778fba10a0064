// End to end: `heatlift site run` on the shipped example sites, each annual result against
// a published range (source and range named at each case), bad site files, a sweep, and
// the report in headless Chromium.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/chromium.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::test::sh;
using heatlift::test::Shell;

std::string example(const std::string& name) {
  return std::string(HEATLIFT_EXAMPLES) + "/" + name;
}

nlohmann::json run_json(const std::string& file) {
  const Shell r = sh(std::string(HEATLIFT_EXE) + " site run " + file + " --format json 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  return nlohmann::json::parse(r.out);
}

fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::path(::testing::TempDir()) / ("heatlift_site_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// Every example: the year closes (heat pump + condenser heat recovered in cooling hours +
// back-up + unmet = load, within the store's losses), the SEPEMO boundaries nest, and there
// is a comparison with each baseline.
class EveryExample : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryExample, RunsAndBalances) {
  const auto s = run_json(example(GetParam()));
  const auto& a = s["annual"];
  const double load = a["load_kwh"], hp = a["hp_heat_kwh"], bu = a["backup_heat_kwh"],
               unmet = a["unmet_kwh"];
  const double recovered =
      s.contains("cooling") ? s["cooling"]["heat_recovery"]["recovered_kwh"].get<double>() : 0.0;
  EXPECT_GT(load, 0.0);
  EXPECT_NEAR(hp + recovered + bu + unmet, load, 0.02 * load)
      << "store losses are the only difference";
  EXPECT_GE(a["spf_h1"].get<double>(), a["spf_h2"].get<double>());
  EXPECT_GE(a["spf_h2"].get<double>(), a["spf_h3"].get<double>());
  EXPECT_GE(a["spf_h3"].get<double>(), a["spf_h4"].get<double>());
  EXPECT_FALSE(s["baselines"].empty());
  for (const auto& b : s["baselines"]) {
    EXPECT_GT(b["co2_t"].get<double>(), 0.0) << b["id"];
    EXPECT_TRUE(b["annual_cost_cny"].is_number()) << b["id"] << ": every example prices its fuels";
  }
  EXPECT_TRUE(s["heat_pump_accounts"]["lcoh_cny_per_kwh"].is_number());
}

INSTANTIATE_TEST_SUITE_P(
    Sites, EveryExample,
    ::testing::Values("shijiazhuang-rural-coal-to-ashp.toml", "harbin-low-ambient.toml",
                      "shanghai-school-hot-water.toml", "shandong-textile-steam.toml",
                      "yunnan-tobacco-drying.toml", "wuhan-office-ground-source.toml",
                      "guangzhou-hotel-heat-recovery.toml"),
    [](const auto& info) {
      std::string n = info.param.substr(0, info.param.find('-'));
      return n;
    });

TEST(PublishedRanges, ShijiazhuangRuralAirSourceSpf) {
  // Field monitoring of 103 air-source heat-pump heating systems in Beijing, 2018–19:
  // seasonal system COP 1.54–2.95 (mean 2.21, radiators 2.10, floor heating 2.37)
  // ("Analysis on key influence factors of air-source heat pumps with field-monitored data
  // in Beijing"); an EVI unit with floor heating in a Beijing house reached HSPF 3.28
  // (Purdue Int. Refrigeration and Air Conditioning Conf. 2016, paper 1757). System
  // boundary: H4. Range 1.54–3.28.
  const auto s = run_json(example("shijiazhuang-rural-coal-to-ashp.toml"));
  const double spf = s["annual"]["spf_h4"];
  EXPECT_GE(spf, 1.54);
  EXPECT_LE(spf, 3.28);
  // Scattered coal: the heat pump saves CO2 and money against the stove.
  EXPECT_GT(s["baselines"][0]["co2_saving_t"].get<double>(), 0.0);
  EXPECT_GT(s["baselines"][0]["cost_saving_cny"].get<double>(), 0.0);
}

TEST(PublishedRanges, HarbinLowAmbientSpf) {
  // Field test of an air-source heat pump in Zhangjiakou (cold region), 2017–18: COP in the
  // deep-cold period 1.32–3.29 (Xu, Chen, Zhang, Shi, Int. J. Heat Technol. 38(1) 2020
  // 213–222); an ultra-low-temperature unit in Shanxi: system COP 2.63 over the season and
  // 1.83 at −25 °C (Di et al., J. Build. Eng. 2022). Range 1.32–3.29 at H4.
  const auto s = run_json(example("harbin-low-ambient.toml"));
  const double spf = s["annual"]["spf_h4"];
  EXPECT_GE(spf, 1.32);
  EXPECT_LE(spf, 3.29);
  EXPECT_GT(s["annual"]["backup_heat_kwh"].get<double>(), 0.0) << "Harbin needs back-up";
  EXPECT_LT(s["annual"]["bivalent_point_c"].get<double>(), -10.0);
}

TEST(PublishedRanges, ShanghaiSchoolHotWaterCop) {
  // Air-source heat-pump water heaters: average COP 2.82–5.51 over typical conditions (Guo,
  // Wu, Wang, Li, Applied Energy 88 (2011) 4128–4138); a student-dormitory system in the
  // hot-summer-cold-winter zone measured 3.35 over a year. Range 2.82–5.51 at H4.
  const auto s = run_json(example("shanghai-school-hot-water.toml"));
  const double spf = s["annual"]["spf_h4"];
  EXPECT_GE(spf, 2.82);
  EXPECT_LE(spf, 5.51);
}

TEST(PublishedRanges, ShandongHighTemperatureHeatPumpCop) {
  // High-temperature heat pumps at a 120 °C sink: COP 2.2–2.8 at a 70 K lift (Arpagaus,
  // Bless, Uhlmann, Schiffmann, Bertsch, Energy 152 (2018) 985–1010). 50 → 120 °C is that
  // lift; range 2.2–2.8 at H1.
  const auto s = run_json(example("shandong-textile-steam.toml"));
  const double cop = s["annual"]["spf_h1"];
  EXPECT_GE(cop, 2.2);
  EXPECT_LE(cop, 2.8);
}

TEST(PublishedRanges, YunnanTobaccoCuringCop) {
  // A heat-pump tobacco curing barn measured COP 3.25 over a whole curing (Transactions of
  // the CSAE 2012, 28(25), "heat pump system for tobacco leaf flue-curing"); taken with
  // ±20 %: 2.6–3.9 at H1. Against the coal furnace (thermal efficiency 42 %, Energies 15
  // (2022) 8655) the heat pump must save CO2.
  const auto s = run_json(example("yunnan-tobacco-drying.toml"));
  const double cop = s["annual"]["spf_h1"];
  EXPECT_GE(cop, 2.6);
  EXPECT_LE(cop, 3.9);
  EXPECT_GT(s["baselines"][0]["co2_saving_t"].get<double>(), 0.0);
}

TEST(PublishedRanges, WuhanGroundSourceSpf) {
  // Measured SPF of a commercial building's ground-source system at the SEPEMO H2 boundary:
  // 3.7 ± 0.2 (Spitler & Gehlin, Energies 12 (2019) 2020), a heating-dominated field in
  // Sweden; GB/T 50801-2013 grades a heating system COP of 2.6 as its lowest grade. Range
  // 2.6–3.9 at H2, compared like for like: the Wuhan office heated only, its field drawn
  // down by extraction alone.
  std::ifstream in(example("wuhan-office-ground-source.toml"));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const std::string on = "cooling = true";
  const auto pos = text.find(on);
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, on.size(), "cooling = false");
  const fs::path dir = temp_dir("wuhan_heating_only");
  const fs::path file = dir / "wuhan-heating-only.toml";
  std::ofstream(file) << text;
  const auto heating = run_json(file.string());
  const double spf_heating = heating["annual"]["spf_h2"];
  EXPECT_GE(spf_heating, 2.6);
  EXPECT_LE(spf_heating, 3.9);
  EXPECT_LT(heating["ground_loop"]["drift_k"].get<double>(), 0.0);

  // The example as shipped also cools: the summer's rejection warms the field (the thermal
  // imbalance of ground-source systems in the hot-summer-cold-winter zone), so the winter's
  // brine is warmer and the heating SPF above the heating-only one — and far above the
  // Swedish band (5.26 against 3.9; docs/site.md). The GB/T 50801 floor still holds.
  const auto s = run_json(example("wuhan-office-ground-source.toml"));
  const double spf = s["annual"]["spf_h2"];
  EXPECT_GT(s["ground_loop"]["drift_k"].get<double>(), 0.0);
  EXPECT_GT(spf, spf_heating);
  EXPECT_GE(spf, 2.6);
  EXPECT_TRUE(s["gbt50801"].is_object());
  EXPECT_GE(s["gbt50801"]["system_cop"].get<double>(), 2.6);
}

// Bad site files: the error names file, line and field; nothing is written.
struct BadCase {
  std::string name, from, to, expect_field;
};

class BadSite : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadSite, NamesFileLineAndField) {
  const BadCase& c = GetParam();
  std::ifstream in(example("shijiazhuang-rural-coal-to-ashp.toml"));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const auto pos = text.find(c.from);
  ASSERT_NE(pos, std::string::npos) << c.from;
  text.replace(pos, c.from.size(), c.to);
  const fs::path dir = temp_dir("bad_" + c.name);
  const fs::path file = dir / "site.toml";
  std::ofstream(file) << text;
  const Shell r = sh(std::string(HEATLIFT_EXE) + " site run " + file.string() + " --out " +
                     (dir / "out").string() + " 2>&1");
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, ::testing::HasSubstr(file.string() + ":")) << r.out;
  EXPECT_THAT(r.out, ::testing::HasSubstr(c.expect_field)) << r.out;
  EXPECT_THAT(r.out, ::testing::ContainsRegex("site\\.toml:[0-9]+:[0-9]+")) << r.out;
  EXPECT_FALSE(fs::exists(dir / "out" / "summary.json"));
  EXPECT_THAT(r.out, ::testing::Not(::testing::HasSubstr("nan")));
}

INSTANTIATE_TEST_SUITE_P(
    Sites, BadSite,
    ::testing::Values(
        BadCase{"unknown_city", "city = \"Shijiazhuang\"", "city = \"Atlantis\"", "site.city"},
        BadCase{"negative_area", "floor_area = \"120 m2\"", "floor_area = \"-120 m2\"",
                "demand.building.floor_area"},
        BadCase{"unit_missing", "capacity = \"10 kW\"", "capacity = 10", "heat_pump.capacity"},
        BadCase{"unknown_key", "[backup]\n", "[backup]\nsize = \"3 kW\"\n", "backup.size"},
        BadCase{"unknown_product", "product = \"evi-r32-10kw\"", "product = \"evi-r32-99kw\"",
                "heat_pump.product"}),
    [](const auto& info) { return info.param.name; });

TEST(SiteSweep, EveryCombinationAndBiggerUnitsNeedLessBackup) {
  const Shell r = sh(
      std::string(HEATLIFT_EXE) + " site sweep " + example("shijiazhuang-rural-coal-to-ashp.toml") +
      " --vary 'heat_pump.capacity=\"6 kW\",\"12 kW\"' --vary site.city=Shijiazhuang,"
      "Harbin --format json 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["variants"].size(), 4u);
  std::map<std::string, double> backup;
  for (const auto& v : doc["variants"]) {
    ASSERT_TRUE(v["result"].is_object()) << v.dump();
    backup[v["vary"]["heat_pump.capacity"].get<std::string>() +
           v["vary"]["site.city"].get<std::string>()] = v["result"]["backup_share"];
  }
  EXPECT_LT(backup["\"12 kW\"Harbin"], backup["\"6 kW\"Harbin"]);
  EXPECT_LT(backup["\"12 kW\"Shijiazhuang"], backup["\"6 kW\"Shijiazhuang"]);
  EXPECT_GT(backup["\"6 kW\"Harbin"], backup["\"6 kW\"Shijiazhuang"]);
}

TEST(SiteRun, WritesHourlySummaryAndAReportThatRendersInChromium) {
  const fs::path dir = temp_dir("report");
  const Shell r = sh(std::string(HEATLIFT_EXE) + " site run " +
                     example("shijiazhuang-rural-coal-to-ashp.toml") + " --out " +
                     (dir / "out").string() + " --lang en 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  for (const char* f : {"hourly.csv", "summary.json", "report.html"})
    ASSERT_TRUE(fs::exists(dir / "out" / f)) << f;
  std::ifstream csv(dir / "out" / "hourly.csv");
  std::string line;
  int lines = 0;
  while (std::getline(csv, line)) ++lines;
  EXPECT_EQ(lines, 8761);

  const std::string browser = heatlift::test::chromium();
  ASSERT_FALSE(browser.empty()) << "chromium not found; run scripts/bootstrap";
  const Shell dom = heatlift::test::dump_dom(browser, dir / "profile", dir / "out" / "report.html");
  ASSERT_EQ(dom.exit_code, 0);
  heatlift::test::expect_all_charts_rendered(dom.out, 5);
  const fs::path png = dir / "report.png";
  heatlift::test::screenshot(browser, dir / "profile2", dir / "out" / "report.html", png, 1280,
                             2400);
  ASSERT_TRUE(fs::exists(png));
  EXPECT_GT(fs::file_size(png), 100u * 1024u) << "a blank page compresses to a few KB";
}

}  // namespace
