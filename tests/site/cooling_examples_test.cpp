// End to end: the cooled example sites (docs/site.md, "Cooling") against published figures,
// and the site file's cooling keys refused with a clear message when they cannot work. Each
// validation names its source and tolerance.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/chromium.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::test::sh;
using heatlift::test::Shell;

const std::string kExe = HEATLIFT_EXE;

std::string example(const std::string& name) {
  return std::string(HEATLIFT_EXAMPLES) + "/" + name;
}

nlohmann::json run_json(const std::string& args) {
  const Shell r = sh(kExe + " " + args + " --format json 2>&1");
  EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.out;
  return nlohmann::json::parse(r.out);
}

constexpr double kGuangzhouFloor = 8000.0;  // m², the example's floor area

// The Guangzhou office is cooling-dominated: its reversible air-to-water units' seasonal
// EER at the unit lies within GB 19577-2024 Table 1's band for air-cooled comfort units of
// at most 50 kW cooling (CSPF 3.5 at grade 3, the least allowed, to 4.5 at grade 1; each unit
// here is a 10 kW unit). Its air-conditioning electricity per m² lies below the 50–100 kWh/m²
// of *all* electricity that Xu et al. (Energy Policy 53, 2013, 76–89) measured in the office
// buildings of six southern Chinese cities, and above a tenth of it.
TEST(ExampleGuangzhouCooling, SeasonalEerAndElectricityWithinPublishedRanges) {
  const auto s = run_json("site run " + example("guangzhou-office-cooling.toml"));
  ASSERT_TRUE(s.contains("cooling")) << "a unit that cools reports its cooling";
  const auto& c = s["cooling"];
  const double seer = c["seer_unit"].get<double>();
  EXPECT_GE(seer, 3.5) << "GB 19577-2024 grade 3 (air-cooled, CC ≤ 50 kW)";
  EXPECT_LE(seer, 4.5) << "GB 19577-2024 grade 1";
  EXPECT_LT(c["seer_system"].get<double>(), seer) << "the chilled-water pump costs EER";
  // cover = 1 sizes on the larger design, here the cooling one: the installation's nominal
  // heating capacity is several times the design heat load.
  EXPECT_GT(s["heat_pump"]["capacity_kw"].get<double>(),
            3.0 * s["heat_pump"]["design_load_kw"].get<double>());
  const double cooling_kwh = c["cooling_kwh"].get<double>();
  const double heat_kwh = s["annual"]["hp_heat_kwh"].get<double>();
  EXPECT_GT(cooling_kwh, 10.0 * heat_kwh) << "cooling-dominated";
  const double hvac_per_m2 = s["annual"]["electricity_kwh"].get<double>() / kGuangzhouFloor;
  EXPECT_LT(hvac_per_m2, 50.0) << "Xu et al. 2013: whole offices use 50–100 kWh/m²";
  EXPECT_GT(hvac_per_m2, 5.0);
  // The baselines cool with a chiller of their seasonal EER (3.3 by default).
  for (const auto& b : c["baselines"]) {
    EXPECT_NEAR(b["chiller_electricity_kwh"].get<double>(), cooling_kwh / 3.3, 1e-6 * cooling_kwh);
  }
  // Monthly cooling sums to the year; July cools many times more than January.
  double sum = 0.0;
  for (const auto& m : c["monthly"]["cooling_kwh"]) sum += m.get<double>();
  EXPECT_NEAR(sum, cooling_kwh, 1e-6 * cooling_kwh);
  EXPECT_GT(c["monthly"]["cooling_kwh"][6].get<double>(),
            5.0 * c["monthly"]["cooling_kwh"][0].get<double>());
}

// The Wuhan office's borefield takes the summer's rejected heat as well as the winter's
// extraction; with more rejected than extracted, the ground warms over the 25 years.
TEST(ExampleWuhanCooling, BorefieldWarmsUnderTheCoolingItRejects) {
  const auto s = run_json("site run " + example("wuhan-office-ground-source.toml"));
  ASSERT_TRUE(s.contains("cooling"));
  ASSERT_TRUE(s.contains("ground_loop"));
  const auto& g = s["ground_loop"];
  EXPECT_GT(g["heat_rejected_mwh"].get<double>(), g["heat_extracted_mwh"].get<double>());
  EXPECT_GT(g["drift_k"].get<double>(), 0.0) << "net rejection warms the field";
  EXPECT_GT(s["cooling"]["cooling_kwh"].get<double>(), 0.0);
  // A ground loop rejects into brine far cooler than Wuhan's summer air: the unit's seasonal
  // EER is above the air-cooled grade-1 CSPF of GB 19577-2024 (4.5 at most 50 kW).
  EXPECT_GT(s["cooling"]["seer_unit"].get<double>(), 4.0);
}

// The outputs of a cooled site: the report's cooling section with its two charts, and
// hourly.csv's cooling columns (a heating-only site has neither: tests/golden).
TEST(ExampleGuangzhouCooling, ReportAndHourlyCsvCarryTheCooling) {
  const fs::path out = fs::path(::testing::TempDir()) / "heatlift_guangzhou_out";
  fs::remove_all(out);
  const Shell r = sh(kExe + " site run " + example("guangzhou-office-cooling.toml") + " --out " +
                     out.string() + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::ifstream html_in(out / "report.html");
  const std::string html((std::istreambuf_iterator<char>(html_in)), {});
  EXPECT_NE(html.find("<section id=\"cooling\">"), std::string::npos);
  EXPECT_NE(html.find("data-chart=\"cooling_monthly\""), std::string::npos);
  EXPECT_NE(html.find("data-chart=\"eer\""), std::string::npos);
  std::ifstream csv(out / "hourly.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_NE(header.find(",cooling_load_kW,cooling_kW,cooling_unmet_kW,recovered_kW,ground_heat_kW"),
            std::string::npos)
      << header;
}

fs::path site_with(const std::string& name, const std::string& heat_pump) {
  const fs::path dir = fs::path(::testing::TempDir()) / "heatlift_cooling_keys";
  fs::create_directories(dir);
  const fs::path file = dir / (name + ".toml");
  std::ofstream(file) << "[site]\nname = \"t\"\ncity = \"Guangzhou\"\n\n[demand.building]\n"
                         "archetype = \"office\"\nera = \"2010_2018\"\nfloor_area = \"500 m2\"\n\n"
                         "[heat_pump]\n"
                      << heat_pump;
  return file;
}

TEST(SiteCoolingKeys, ProductWithoutCoolingModeIsRefusedByName) {
  const fs::path f = site_with("nocool", "product = \"co2-hpwh-4.5kw\"\ncooling = true\n");
  const Shell r = sh(kExe + " site run " + f.string() + " 2>&1");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("co2-hpwh-4.5kw"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no cooling mode"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("heat_pump.cooling"), std::string::npos) << r.out;
}

TEST(SiteCoolingKeys, HeatRecoveryNeedsCooling) {
  const fs::path f = site_with("norec", "product = \"evi-r32-10kw\"\nheat_recovery = true\n");
  const Shell r = sh(kExe + " site run " + f.string() + " 2>&1");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("heat recovery needs cooling = true"), std::string::npos) << r.out;
}

TEST(SiteCoolingKeys, HeatingOnlyUnitIsNotChargedWithTheBuildingsCooling) {
  const fs::path f = site_with("heatonly", "product = \"evi-r32-10kw\"\n");
  const auto s = run_json("site run " + f.string());
  EXPECT_FALSE(s.contains("cooling")) << "no cooling block for a heating-only unit";
}

}  // namespace
