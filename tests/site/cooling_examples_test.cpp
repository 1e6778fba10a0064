// End to end: the cooled example sites (docs/site.md, "Cooling") against published figures,
// and the site file's cooling keys refused with a clear message when they cannot work. Each
// validation names its source and tolerance.
#include <gtest/gtest.h>

#include <algorithm>
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

// The Guangzhou hotel: in every cooling hour the condensers heat the hot-water tank first,
// condensing at the tank's temperature (docs/site.md, "Heat recovery"): the recovery share of
// a cooling hour runs at the cooling map's EER with the rejection stream leaving at 55 °C, so
// the cooling electricity rises and the seasonal EER falls against the same site without
// recovery, and every kWh recovered is a kWh the electric back-up (efficiency 1) no longer
// makes. Recovered heat is bounded by the heat loads and by the condensers' heat (cooling +
// running compressor's electricity).
TEST(ExampleGuangzhouHotel, CondenserHeatReplacesBackupHeatAtTheTanksTemperature) {
  const std::string file = example("guangzhou-hotel-heat-recovery.toml");
  const auto s = run_json("site run " + file);
  ASSERT_TRUE(s.contains("cooling"));
  const auto& c = s["cooling"];
  ASSERT_TRUE(c["heat_recovery"]["enabled"].get<bool>());
  const double recovered = c["heat_recovery"]["recovered_kwh"].get<double>();
  EXPECT_GT(recovered, 0.0);
  EXPECT_LT(recovered, s["annual"]["load_kwh"].get<double>());
  EXPECT_LT(recovered, c["cooling_kwh"].get<double>() + c["unit_electricity_kwh"].get<double>());
  EXPECT_GT(c["heat_recovery"]["electricity_saved_kwh"].get<double>(), 0.0);
  EXPECT_GT(c["heat_recovery"]["hours"].get<int>(), 0);
  EXPECT_EQ(c["heat_recovery"]["outside_map_hours"].get<int>(), 0)
      << "a 55 °C tank reads the map at 48 °C, inside its 60 °C";

  const auto sweep = run_json("site sweep " + file + " --vary heat_pump.heat_recovery=true,false");
  const auto& v = sweep["variants"];
  ASSERT_EQ(v.size(), 2u);
  const auto& with = v[0]["result"];
  const auto& without = v[1]["result"];
  ASSERT_EQ(v[0]["vary"]["heat_pump.heat_recovery"], "true");
  for (const char* k : {"cooling_kwh", "cooling_electricity_kwh", "seer_system"}) {
    ASSERT_TRUE(with.contains(k)) << "the sweep of a site that cools shows " << k;
  }
  const double extra = with["cooling_electricity_kwh"].get<double>() -
                       without["cooling_electricity_kwh"].get<double>();
  EXPECT_GT(extra, 0.0) << "condensing at the tank's temperature costs compressor work";
  EXPECT_LT(with["seer_system"].get<double>(), without["seer_system"].get<double>());
  EXPECT_LE(with["cooling_kwh"].get<double>(), without["cooling_kwh"].get<double>() * (1 + 1e-12));
  EXPECT_NEAR(without["electricity_kwh"].get<double>() - with["electricity_kwh"].get<double>(),
              recovered - extra, 1e-6 * recovered);
  // The heat delivered is the same; with recovery part of it comes from the condensers.
  EXPECT_NEAR(with["heat_kwh"].get<double>(), without["heat_kwh"].get<double>(),
              1e-9 * with["heat_kwh"].get<double>());
  EXPECT_NEAR(with["heat_kwh"].get<double>(), s["annual"]["load_kwh"].get<double>(),
              1e-9 * with["heat_kwh"].get<double>())
      << "nothing unmet";

  // The report's heating chart draws the electricity of the heating and hot-water hours
  // (each month's total less its cooling hours') and the heat recovered each month, which
  // sums to the year's.
  double recovered_months = 0.0;
  for (const auto& r : c["monthly"]["recovered_kwh"]) recovered_months += r.get<double>();
  EXPECT_NEAR(recovered_months, recovered, 1e-9 * recovered);
  EXPECT_GT(c["monthly"]["recovered_kwh"][6].get<double>(), 0.0) << "July cools and recovers";
  for (std::size_t m = 0; m < 12; ++m) {
    const double total = s["monthly"]["electricity_kwh"][m].get<double>();
    EXPECT_NEAR(c["monthly"]["heating_electricity_kwh"][m].get<double>() +
                    c["monthly"]["electricity_kwh"][m].get<double>(),
                total, 1e-9 * std::max(1.0, total))
        << "month " << m + 1;
  }
}

// A sweep of a heating-only site shows no cooling columns.
TEST(SiteSweepCli, NoCoolingColumnsWhenNothingCools) {
  const auto sweep = run_json("site sweep " + example("shijiazhuang-rural-coal-to-ashp.toml") +
                              " --vary \"heat_pump.capacity=8 kW,10 kW\"");
  for (const auto& v : sweep["variants"]) {
    EXPECT_FALSE(v["result"].contains("cooling_kwh")) << v.dump();
    EXPECT_TRUE(v["result"].contains("electricity_kwh"));
  }
  const Shell r = sh(kExe + " site sweep " + example("guangzhou-office-cooling.toml") +
                     " --vary \"demand.building.floor_area=6000 m2\" --format csv 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("cooling_electricity_kwh"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cooling_cost_cny"), std::string::npos) << r.out;
}

// A site that only cools (a building never heated, no hot water) has no heating season for
// GB/T 50801: its system COP and heating grade are null in JSON and "not applicable" on the
// console and in the report, never a COP of 0; its cooling season is evaluated.
TEST(SiteGbt50801, CoolingOnlySiteHasNoHeatingCop) {
  const fs::path dir = fs::path(::testing::TempDir()) / "heatlift_cooling_only";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "cooling-only.toml";
  std::ofstream(file)
      << "[site]\nname = \"cooling only\"\ncity = \"Guangzhou\"\n\n"
         "[demand.building]\narchetype = \"office\"\nera = \"2010_2018\"\n"
         "floor_area = \"2000 m2\"\nemitter = \"fan_coil\"\ncooling = true\n"
         "cooling_emitter = \"fan_coil\"\nheating_season = [\"07-01\", \"07-02\"]\n"
         "set_point = \"12 C\"\nsetback = \"12 C\"\n\n"
         "[heat_pump]\nproduct = \"evi-r32-10kw\"\ncover = 1.0\ncooling = true\n\n"
         "[gbt50801]\nreference = \"natural_gas\"\napplication = \"space_heating\"\n"
         "electricity_to_coal = \"calorific_equivalent\"\n";
  const auto s = run_json("site run " + file.string());
  ASSERT_EQ(s["annual"]["hp_heat_kwh"].get<double>(), 0.0) << "the case must heat nothing";
  ASSERT_TRUE(s["gbt50801"].is_object());
  EXPECT_TRUE(s["gbt50801"]["system_cop"].is_null()) << s["gbt50801"].dump();
  EXPECT_TRUE(s["gbt50801"]["grade"].is_null());
  EXPECT_GT(s["cooling"]["gbt50801"]["system_eer"].get<double>(), 2.0);
  EXPECT_TRUE(s["gbt50801"]["substituted_kgce"].is_number()) << "the cooling season's";

  const Shell table = sh(kExe + " site run " + file.string() + " 2>&1");
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("heating not applicable"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("system COP 0.00"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("cooling system EER"), std::string::npos) << table.out;

  const fs::path out = dir / "out";
  const Shell rep =
      sh(kExe + " site run " + file.string() + " --lang en --out " + out.string() + " 2>&1");
  ASSERT_EQ(rep.exit_code, 0) << rep.out;
  std::ifstream html_in(out / "report.html");
  const std::string html((std::istreambuf_iterator<char>(html_in)), {});
  EXPECT_NE(html.find("Not applicable (no heating)"), std::string::npos);
}

TEST(SiteCoolingKeys, HeatingOnlyUnitIsNotChargedWithTheBuildingsCooling) {
  const fs::path f = site_with("heatonly", "product = \"evi-r32-10kw\"\n");
  const auto s = run_json("site run " + f.string());
  EXPECT_FALSE(s.contains("cooling")) << "no cooling block for a heating-only unit";
}

}  // namespace
