// End to end: the shipped example sites say what they compute and compute it with the right
// published figures — the refrigerant charge's CO2e on every GWP basis, both readings of
// GB/T 50801's electricity-to-coal factor, Yunnan's own grid factor, a small back-up share in
// Shanghai, the design heat load on the console, every baseline in a sweep and a payback that
// reads "never" the same way in the table, JSON, CSV and sweep. Each case names its source and
// tolerance.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/chromium.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::test::sh;
using heatlift::test::Shell;
using ::testing::HasSubstr;

const std::string kExe = HEATLIFT_EXE;

std::string example(const std::string& name) {
  return std::string(HEATLIFT_EXAMPLES) + "/" + name;
}

Shell run(const std::string& args) {
  const Shell r = sh(kExe + " " + args + " 2>&1");
  EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.out;
  return r;
}

nlohmann::json run_json(const std::string& args) {
  return nlohmann::json::parse(run(args + " --format json").out);
}

// The Shijiazhuang example with its electricity made dear (5 CNY/kWh, flat), so the heat pump
// costs more to run than every baseline.
std::string dear_electricity_site() {
  const fs::path dir = fs::path(::testing::TempDir()) / "heatlift_examples_never";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ifstream in(example("shijiazhuang-rural-coal-to-ashp.toml"));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const auto from = text.find("[tariff]");
  const auto to = text.find("[fuel_prices]");
  text.replace(from, to - from, "[tariff]\nkind = \"flat\"\nprice = \"5 CNY/kWh\"\n\n");
  const fs::path file = dir / "dear.toml";
  std::ofstream(file) << text;
  return file.string();
}

TEST(ExampleGwp, NaturalRefrigerantsHaveACharge) {
  // IPCC AR6 WG1 Table 7.SM.7: propane GWP100 0.02 (exact, as tabulated); AR5 WG1 Table
  // 8.A.1 has no propane, so the more recent report's value is taken. 1.2 kg R290 → 0.024 kg.
  const std::string file = std::string(HEATLIFT_RATING_EXAMPLES) + "/low-ambient-ashp-gb19577.toml";
  for (const char* basis : {"ar5", "ar6"}) {
    const auto d = run_json(std::string("rate ") + file + " --gwp " + basis);
    const auto& ref = d["ratings"][0]["refrigerant"];
    EXPECT_EQ(ref["name"], "R290");
    ASSERT_TRUE(ref["gwp"].is_number()) << basis;
    EXPECT_DOUBLE_EQ(ref["gwp"].get<double>(), 0.02);
    ASSERT_TRUE(ref["co2e_kg"].is_number()) << basis;
    EXPECT_NEAR(ref["co2e_kg"].get<double>(), 0.024, 1e-9);
  }
  // cycle compare: R600a takes n-butane's AR6 0.006, R717 is 0 (no IPCC entry), even when
  // the ammonia cycle is infeasible at this duty.
  const auto c = run_json(std::string("cycle compare ") + HEATLIFT_EXAMPLES +
                          "/../cycles/r290-air-to-water.toml --fluids R290,R600a,R717 --gwp ar5");
  std::map<std::string, nlohmann::json> by;
  for (const auto& r : c["compare"]) by[r["fluid"]] = r;
  EXPECT_DOUBLE_EQ(by["R290"]["gwp100"].get<double>(), 0.02);
  EXPECT_DOUBLE_EQ(by["R600a"]["gwp100"].get<double>(), 0.006);
  EXPECT_DOUBLE_EQ(by["R717"]["gwp100"].get<double>(), 0.0);
  for (const auto& [id, r] : by) EXPECT_TRUE(r["charge_tCO2e"].is_number()) << id;
}

TEST(ExampleGbt50801, BothElectricityToCoalFactorsAreShown) {
  // D calorific = 3.6 / 29.3076 = 0.12284 kgce/kWh (GB/T 2589-2020's kgce, arithmetic, ±1e-5);
  // D generation-based = 300.7 gce/kWh, CEC's 2022 national coal use per kWh supplied by
  // thermal plants ≥ 6 MW (±1e-6). Q_r scales with D exactly; Q_tr = Q_t − Q_r, so against a
  // coal boiler at η_t 0.70 the calorific reading credits the heat pump with about twice the
  // coal saved (issue 17: "the calorific one roughly doubles coal saved"): ratio 2.0–2.6.
  const auto s =
      run_json(std::string("site run ") + example("shijiazhuang-rural-coal-to-ashp.toml"));
  const auto& g = s["gbt50801"];
  EXPECT_EQ(g["electricity_to_coal_basis"], "calorific_equivalent");
  EXPECT_NEAR(g["electricity_to_coal_kgce_per_kwh"].get<double>(), 0.12284, 1e-5);
  const auto& alt = g["alternative"];
  ASSERT_TRUE(alt.is_object());
  EXPECT_EQ(alt["electricity_to_coal_basis"], "generation_based_2022");
  EXPECT_NEAR(alt["electricity_to_coal_kgce_per_kwh"].get<double>(), 0.3007, 1e-6);
  EXPECT_NEAR(alt["heat_pump_kgce"].get<double>() / g["heat_pump_kgce"].get<double>(),
              0.3007 / 0.12284, 1e-6);
  const double ratio = g["substituted_kgce"].get<double>() / alt["substituted_kgce"].get<double>();
  EXPECT_GE(ratio, 2.0);
  EXPECT_LE(ratio, 2.6);
  // The console names D and its value, and the other basis on the next line.
  const std::string out =
      run(std::string("site run ") + example("shijiazhuang-rural-coal-to-ashp.toml")).out;
  EXPECT_THAT(out, HasSubstr("D = 0.1228 kgce/kWh, calorific_equivalent"));
  EXPECT_THAT(out, HasSubstr("with D = 0.3007 kgce/kWh (generation_based_2022"));
  // Every GB/T 50801 example states its factor.
  for (const char* f : {"shanghai-school-hot-water.toml", "wuhan-office-ground-source.toml"}) {
    const auto e = run_json(std::string("site run ") + example(f));
    EXPECT_TRUE(e["gbt50801"]["electricity_to_coal_kgce_per_kwh"].is_number()) << f;
    EXPECT_TRUE(e["gbt50801"]["alternative"].is_object()) << f;
  }
}

TEST(ExampleYunnan, UsesTheProvincesOwnGridFactor) {
  // MEE/NBS 2022 provincial average CO2 factor of electricity, Yunnan 0.1073 kg/kWh (the
  // lowest province; standards-and-factors.md §7.3), not the southern grid's 0.4042. ±5e-5.
  const auto s = run_json(std::string("site run ") + example("yunnan-tobacco-drying.toml"));
  EXPECT_NEAR(s["heat_pump_accounts"]["grid_factor_kg_per_kwh"].get<double>(), 0.1073, 5e-5);
}

TEST(ExampleShanghai, BackupStaysSmall) {
  // Sized so the electric back-up stays small: below 5 % of the heat (16 units gave 10.3 %).
  const auto s = run_json(std::string("site run ") + example("shanghai-school-hot-water.toml"));
  EXPECT_LT(s["annual"]["backup_share"].get<double>(), 0.05);
  EXPECT_EQ(s["annual"]["unmet_hours"].get<int>(), 0);
}

TEST(ExampleConsole, ShowsTheDesignHeatLoad) {
  // GB 50736-2012 Appendix A: Shijiazhuang's heating design temperature −6.2 °C (±0.05 K).
  const std::string out =
      run(std::string("site run ") + example("shijiazhuang-rural-coal-to-ashp.toml")).out;
  EXPECT_THAT(out, HasSubstr("design heat load "));
  EXPECT_THAT(out, HasSubstr(" kW at -6.2 °C outdoor"));
  const auto s =
      run_json(std::string("site run ") + example("shijiazhuang-rural-coal-to-ashp.toml"));
  EXPECT_GT(s["heat_pump"]["design_load_kw"].get<double>(), 0.0);
}

TEST(ExampleSweep, KeepsEveryBaseline) {
  const std::string out =
      run(std::string("site sweep ") + example("shijiazhuang-rural-coal-to-ashp.toml") +
          " --vary 'heat_pump.capacity=\"8 kW\",\"10 kW\"' --threads 2 --format csv")
          .out;
  for (const char* b : {"scattered_coal_stove", "gas_boiler", "direct_electric"}) {
    for (const char* what : {"co2_saving_t:", "saving_cny:", "payback_years:"}) {
      EXPECT_THAT(out, HasSubstr(std::string(what) + b)) << out;
    }
  }
  const auto d =
      run_json(std::string("site sweep ") + example("shijiazhuang-rural-coal-to-ashp.toml") +
               " --vary 'heat_pump.capacity=\"10 kW\"'");
  EXPECT_EQ(d["variants"][0]["baselines"].size(), 3u);
}

TEST(ExamplePayback, NeverReadsTheSameEverywhere) {
  const std::string file = dear_electricity_site();
  // Against the stove and the gas boiler the heat pump now loses money: "never". Against
  // direct electric heating (same dear tariff, a third of the kWh) it still saves.
  const auto s = run_json("site run " + file);
  std::size_t losing = 0;
  for (const auto& b : s["baselines"]) {
    if (b["cost_saving_cny"].get<double>() <= 0.0) {
      ++losing;
      EXPECT_EQ(b["payback_years"], "never") << b["id"];
    } else {
      EXPECT_TRUE(b["payback_years"].is_number()) << b["id"];
    }
  }
  ASSERT_EQ(losing, 2u);
  const std::string table = run("site run " + file).out;
  const std::string csv = run("site run " + file + " --format csv").out;
  for (const std::string& t : {table, csv}) {
    std::size_t n = 0;
    for (auto p = t.find("never"); p != std::string::npos; p = t.find("never", p + 1)) ++n;
    EXPECT_EQ(n, losing) << t;
  }
  const auto sw = run_json("site sweep " + file + " --vary 'heat_pump.capacity=\"10 kW\"'");
  const auto& r = sw["variants"][0]["result"];
  EXPECT_EQ(r["payback_years"], "never");  // the first baseline, the stove
  std::size_t never = 0;
  for (const auto& b : sw["variants"][0]["baselines"])
    never += b["payback_years"] == "never" ? 1 : 0;
  EXPECT_EQ(never, losing);
}

}  // namespace
