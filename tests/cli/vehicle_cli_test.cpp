// End-to-end: `heatlift vehicle` (docs/transport.md) — every city's winter range, the heat
// pump never behind the PTC heater, and bad input refused with exit 2 naming what is wrong.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/run_heatlift.hpp"

namespace {

using heatlift::testing::run_heatlift;
using ::testing::HasSubstr;

TEST(VehicleCli, EveryCityHasARangeAndTheHeatPumpNeverLoses) {
  const auto r = run_heatlift("--format json vehicle --all-cities");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["cities"].size(), 40u);
  const double ref = doc["vehicle"]["reference_range_km"].get<double>();
  for (const auto& c : doc["cities"]) {
    const auto& w = c["winter"];
    EXPECT_GT(w["range_ptc_km"].get<double>(), 0.3 * ref) << c["city"];
    EXPECT_LT(w["range_ptc_km"].get<double>(), ref) << c["city"];
    EXPECT_GE(w["range_hp_km"].get<double>(), w["range_ptc_km"].get<double>()) << c["city"];
  }
}

TEST(VehicleCli, ColderCitiesLoseMore) {
  auto winter = [](const std::string& city) {
    const auto r = run_heatlift("--format json vehicle --city " + city);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["cases"][2]["range_ptc_km"].get<double>();
  };
  EXPECT_LT(winter("Harbin"), winter("Beijing"));
  EXPECT_LT(winter("Beijing"), winter("Guangzhou"));
}

TEST(VehicleCli, BadInputIsExitTwoNamingIt) {
  auto r = run_heatlift("vehicle");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--city"));
  r = run_heatlift("vehicle --city Atlantis");
  EXPECT_EQ(r.exit_code, 2);
  const auto path = std::filesystem::path(heatlift::testing::scratch() + "vehicle_bad.toml");
  std::ofstream(path) << "[cabin]\nset_point = \"40 C\"\n";
  r = run_heatlift("vehicle " + path.string() + " --city Harbin");
  std::filesystem::remove(path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("set_point"));
}

}  // namespace

namespace {

TEST(VehicleCli, RailcarHeatPumpNeverUsesMoreThanResistanceHeating) {
  const auto r = heatlift::testing::run_heatlift("--format json vehicle --railcar --all-cities");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["cities"].size(), 40u);
  for (const auto& c : doc["cities"]) {
    EXPECT_LE(c["electricity_heat_pump_MWh"].get<double>(),
              c["electricity_resistance_MWh"].get<double>())
        << c["city"];
    EXPECT_GT(c["design_cooling_kW"].get<double>(), 0.0) << c["city"];
  }
}

}  // namespace
