// End to end: `heatlift climate list|show` as a user runs them.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/run_heatlift.hpp"

namespace {

using heatlift::testing::run_heatlift;
using heatlift::testing::scratch;

TEST(ClimateCli, ListShowsTheFortyCities) {
  const auto r = run_heatlift("climate list --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["cities"].size(), 40u);
  const auto& harbin = j["cities"][0];
  EXPECT_EQ(harbin["name"], "Harbin");
  EXPECT_EQ(harbin["zone"], "severe_cold");
  EXPECT_EQ(harbin["zone_zh"], "严寒");
  EXPECT_DOUBLE_EQ(harbin["heating_design_C"].get<double>(), -24.2);
  EXPECT_NEAR(harbin["hdd18_Kd"].get<double>(), 5418.0, 1.0);
  const auto t = run_heatlift("climate list");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("Guangzhou"), std::string::npos);
  EXPECT_NE(t.out.find("夏热冬暖"), std::string::npos);
}

TEST(ClimateCli, ListStationsMarksEpwAndSynthetic) {
  const auto r = run_heatlift("climate list --stations --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["stations"].size(), 298u);
  int cswd = 0;
  int synthetic = 0;
  for (const auto& s : j["stations"]) {
    cswd += s["weather"] == "CSWD";
    synthetic += s["weather"] == "synthetic";
  }
  // Each of the 40 cities is linked to its city's GB 50736 station (for Shanghai, Changsha
  // and Chongqing another station of the same city); the other stations with coordinates
  // get a synthetic year, the 4 without (HK, Taiwan) none.
  EXPECT_EQ(cswd, 40);
  EXPECT_EQ(synthetic, 294 - 40);
}

TEST(ClimateCli, ShowCityJson) {
  const auto r = run_heatlift("climate show 北京 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["location"]["name"], "Beijing");
  EXPECT_EQ(j["zone"]["id"], "cold");
  EXPECT_EQ(j["zone"]["subzone"], "2A");
  EXPECT_DOUBLE_EQ(j["design"]["heating_design_C"].get<double>(), -7.6);
  EXPECT_EQ(j["design"]["heating_period"]["days"], 123);
  ASSERT_EQ(j["months"].size(), 12u);
  EXPECT_NEAR(j["year"]["hdd18_Kd"].get<double>(), 2790.0, 1.0);
  double hdd = 0.0;
  for (const auto& m : j["months"]) hdd += m["hdd18_Kd"].get<double>();
  EXPECT_NEAR(hdd, j["year"]["hdd18_Kd"].get<double>(), 0.1);
  EXPECT_FALSE(j["synthetic"].get<bool>());
}

TEST(ClimateCli, ShowTableAndCsv) {
  const auto r = run_heatlift("climate show guangzhou");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Guangzhou 广州"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("夏热冬暖"), std::string::npos);
  EXPECT_NE(r.out.find("heating design temperature 8.0 °C"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("year"), std::string::npos);
  const auto c = run_heatlift("climate show Kunming --format csv");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.rfind("month,t_mean_C,", 0), 0u) << c.out;
}

TEST(ClimateCli, ShowSyntheticStation) {
  const auto r = run_heatlift("climate show 54602 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["synthetic"].get<bool>());
  EXPECT_EQ(j["location"]["name"], "保定");
  EXPECT_EQ(j["zone"]["id"], "cold");
}

TEST(ClimateCli, ShowEpwFile) {
  // An EPW written from the embedded Harbin year, with one RH above 100 %.
  const auto json = run_heatlift("climate show Harbin --format json");
  ASSERT_EQ(json.exit_code, 0);
  std::ifstream head(std::string(CLIMATE_TEST_DATA) + "/cswd_harbin_head_tail.epw");
  std::string line;
  std::string text;
  for (int i = 0; i < 8 && std::getline(head, line); ++i) text += line + "\n";
  std::getline(head, line);
  // 8760 copies of the first CSWD hour, with dates in order (a cold, constant year).
  const std::string tail = line.substr(line.find(",0,?"));
  const std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 0; m < 12; ++m) {
    for (int d = 1; d <= days[static_cast<std::size_t>(m)]; ++d) {
      for (int h = 1; h <= 24; ++h) {
        std::string row = "2005," + std::to_string(m + 1) + "," + std::to_string(d) + "," +
                          std::to_string(h) + tail;
        if (m == 0 && d == 1 && h == 1) row.replace(row.find(",70,"), 4, ",104,");
        text += row + "\n";
      }
    }
  }
  const std::string path = scratch() + "flat.epw";
  std::ofstream(path) << text;
  const auto r = run_heatlift("climate show --epw " + path + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["weather"], "EPW file");
  EXPECT_EQ(j["epw_quirks"]["rh_above_100_h"], 1);
  EXPECT_NEAR(j["year"]["hdd18_Kd"].get<double>(), 365 * (18.0 + 21.2), 0.5);
  EXPECT_EQ(j["design"]["gb50736_station"], "50953");  // found by the WMO id
  EXPECT_EQ(j["zone"]["id"], "severe_cold");
}

TEST(ClimateCli, BadInputExitsTwoWithAReason) {
  auto r = run_heatlift("climate show Harbon");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("close names: Harbin"), std::string::npos) << r.err;
  const std::string path = scratch() + "bad.epw";
  std::ofstream(path) << "LOCATION,x,y,CHN,z,1,40,116,8,50\nDESIGN CONDITIONS,0\n";
  r = run_heatlift("climate show --epw " + path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("line 3"), std::string::npos) << r.err;
  r = run_heatlift("climate show --epw " + path + " --format json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(nlohmann::json::parse(r.out)["error"]["code"], "invalid_input");
  r = run_heatlift("climate show");
  EXPECT_EQ(r.exit_code, 2);
  r = run_heatlift("climate show Beijing --epw " + path);
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
