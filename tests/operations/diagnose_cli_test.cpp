// End to end: `heatlift monitor synth` writes a synthetic fleet with known faults into a
// store, `heatlift monitor diagnose` reads it back and finds them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/run_heatlift.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::testing::run_heatlift;

// One healthy unit and one each with a stuck heat meter, an over-reading heat meter and a
// pump set for too much flow; two seasons of 5-minute rows.
const std::string& store_path() {
  static const std::string path = [] {
    // ctest runs each test in a process of its own, in parallel: one folder per process.
    const fs::path dir =
        fs::path(::testing::TempDir()) / ("heatlift_diagnose_cli_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string db = (dir / "fleet.db").string();
    const auto r = run_heatlift("monitor synth --db " + db +
                                " --healthy 1 --per-fault 1 --fault meter_heat_stuck --fault "
                                "meter_heat_high --fault low_delta_t --seasons 2 --interval "
                                "\"5 min\" --truth " +
                                (dir / "truth.json").string() + " --format json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc.at("units").size(), 4u);
    EXPECT_TRUE(fs::exists(dir / "truth.json"));
    return db;
  }();
  return path;
}

std::set<std::string> codes(const nlohmann::json& unit) {
  std::set<std::string> out;
  for (const auto& f : unit.at("findings")) out.insert(f.at("code").get<std::string>());
  return out;
}

TEST(DiagnoseCli, FindsTheInjectedFaultsAndNothingOnTheHealthyUnit) {
  const auto r =
      run_heatlift("monitor diagnose --all --db " + store_path() + " --lang en --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  const auto& units = doc.at("units");
  ASSERT_EQ(units.size(), 4u);
  EXPECT_TRUE(codes(units[0]).empty()) << units[0].dump(1);
  EXPECT_EQ(codes(units[1]), std::set<std::string>{"meter_heat_stuck"}) << units[1].dump(1);
  EXPECT_EQ(codes(units[2]), std::set<std::string>{"meter_heat_high"}) << units[2].dump(1);
  EXPECT_EQ(codes(units[3]), std::set<std::string>{"low_delta_t"}) << units[3].dump(1);
  const auto& f = units[3].at("findings").at(0);
  EXPECT_NE(f.at("diagnosis").get<std::string>().find("m³/h"), std::string::npos);
  EXPECT_EQ(f.at("severity"), "warning");
  EXPECT_FALSE(f.at("evidence").empty());
}

TEST(DiagnoseCli, ChineseTableForOneUnitAndAPeriod) {
  const auto r = run_heatlift(
      "monitor diagnose --unit syn-0004 --from 2024-12-01 --to "
      "2024-12-31 --db " +
      store_path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("供回水温差过小"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024-12"), std::string::npos) << r.out;
}

TEST(DiagnoseCli, BadInputIsNamed) {
  auto r = run_heatlift("monitor diagnose --db " + store_path() + " --lang fr");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--lang"), std::string::npos) << r.err;
  r = run_heatlift("monitor diagnose --db " + store_path() + " --unit nope");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
  r = run_heatlift("monitor diagnose --db " + store_path() + " --from 2025-13-01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--from"), std::string::npos) << r.err;
  r = run_heatlift("monitor synth --db " + store_path() + " --fault leak");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("leak"), std::string::npos) << r.err;
}

}  // namespace
