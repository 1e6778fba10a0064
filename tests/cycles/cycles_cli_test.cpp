// End to end: every shipped cycle example runs; compare and diagram work; bad files fail
// with exit 2 and a message naming file, line and field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run_heatlift.hpp"

namespace {

using heatlift::testing::run_heatlift;
using heatlift::testing::scratch;
namespace fs = std::filesystem;

std::vector<fs::path> examples() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(HEATLIFT_EXAMPLES))
    if (e.path().extension() == ".toml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CycleCli, EveryExampleRunsAndBalances) {
  const auto files = examples();
  ASSERT_GE(files.size(), 7u);  // one per topology at least
  std::set<std::string> topologies;
  for (const auto& f : files) {
    const auto r = run_heatlift("cycle run --format json " + f.string());
    ASSERT_EQ(r.exit_code, 0) << f << "\n" << r.err;
    const auto j = nlohmann::json::parse(r.out);
    topologies.insert(j["topology"].get<std::string>());
    EXPECT_LT(j["energy_balance"].get<double>(), 1e-9) << f;
    EXPECT_GT(j["cop"].get<double>(), 1.0) << f;
    EXPECT_LT(j["cop"].get<double>(), j["cop_lorenz"].get<double>()) << f;
    for (const auto& [component, s] : j["entropy_generated_W_per_K"].items())
      EXPECT_GE(s.get<double>(), -1e-6 * j["heating_W"].get<double>() / 300.0)
          << f << " " << component;
  }
  for (const char* t : {"single_stage", "vapor_injection", "two_stage", "cascade", "transcritical",
                        "one_pass", "mvr"})
    EXPECT_TRUE(topologies.count(t)) << "no example of " << t;
}

TEST(CycleCli, TableOutputShowsNodesAndCop) {
  const auto r =
      run_heatlift(std::string("cycle run ") + HEATLIFT_EXAMPLES + "/r32-single-stage.toml");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 compressor discharge"), std::string::npos);
  EXPECT_NE(r.out.find("4.256"), std::string::npos) << r.out;  // the reference COP
}

TEST(CycleCli, CompareRanksRefrigerantsAtTheSameDuty) {
  const auto r = run_heatlift(std::string("cycle compare --format json ") + HEATLIFT_EXAMPLES +
                              "/r32-single-stage.toml --fluids R32,R290,R1234yf,R744");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out)["compare"];
  ASSERT_EQ(j.size(), 4u);
  std::map<std::string, nlohmann::json> by;
  for (const auto& row : j) by[row["fluid"].get<std::string>()] = row;
  EXPECT_EQ(by["R744"]["topology"], "transcritical");
  EXPECT_GT(by["R744"]["p_high_Pa"].get<double>(), 7.3e6);
  // CO2's volumetric capacity is several times R32's; R1234yf's discharge is the coolest.
  EXPECT_GT(by["R744"]["volumetric_heating_capacity_J_per_m3"].get<double>(),
            2.0 * by["R32"]["volumetric_heating_capacity_J_per_m3"].get<double>());
  EXPECT_LT(by["R1234yf"]["T_discharge_K"].get<double>(), by["R32"]["T_discharge_K"].get<double>());
  EXPECT_GT(by["R32"]["charge_tCO2e"].get<double>(),
            100.0 * by["R1234yf"]["charge_tCO2e"].get<double>());
}

TEST(CycleCli, DiagramIsWellFormedSvg) {
  const std::string out = scratch() + "ph.svg";
  const auto r = run_heatlift(std::string("cycle diagram ") + HEATLIFT_EXAMPLES +
                              "/cascade-r744-r134a.toml --lang en --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string svg = ss.str();
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_NE(svg.find("Specific enthalpy"), std::string::npos);
  EXPECT_NE(svg.find("R134a"), std::string::npos);  // both panels of the cascade
  EXPECT_NE(svg.find("R744"), std::string::npos);
  // Balanced tags: every opened element is closed (a cheap well-formedness check).
  std::size_t open = 0, close = 0;
  for (std::size_t i = 0; (i = svg.find('<', i)) != std::string::npos; ++i) {
    if (svg.compare(i, 2, "</") == 0)
      ++close;
    else if (svg[i + 1] != '?' && svg.find("/>", i) > svg.find('>', i))
      ++open;
  }
  EXPECT_EQ(open, close);
}

TEST(CycleCli, BadFilesAreClearErrors) {
  const std::string bad = scratch() + "bad.toml";
  std::ofstream(bad) << "topology = \"single_stage\"\nfluid = \"R32\"\nT_evap = \"0 C\"\n"
                        "T_cond = \"45\"\nheating_capacity = \"10 kW\"\n";
  auto r = run_heatlift("cycle run " + bad);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.toml:4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("T_cond"), std::string::npos) << r.err;

  std::ofstream(bad) << "topology = \"single_stage\"\nfluid = \"R999\"\nT_evap = \"0 C\"\n"
                        "T_cond = \"45 C\"\nheating_capacity = \"10 kW\"\n";
  r = run_heatlift("cycle run " + bad);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("R999"), std::string::npos) << r.err;

  std::ofstream(bad) << "topology = \"single_stage\"\nfluid = \"R32\"\nT_evap = \"0 C\"\n"
                        "T_cond = \"85 C\"\nheating_capacity = \"10 kW\"\n";
  r = run_heatlift("cycle run " + bad);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("critical temperature"), std::string::npos) << r.err;

  std::ofstream(bad) << "topology = \"single_stage\"\nfluid = \"R32\"\nT_evap = \"0 C\"\n"
                        "heating_capacity = \"10 kW\"\n";
  r = run_heatlift("cycle run " + bad);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("T_cond"), std::string::npos) << r.err;
}

}  // namespace
