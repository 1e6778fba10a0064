// Domestic hot water: the annual energy per person is the GB 50015 quota arithmetic, the
// tank balance closes, the cold water follows the air with a lag.
#include "heatlift/demand/hot_water.hpp"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "synthetic_weather.hpp"

namespace heatlift::demand {
namespace {

const HotWaterLibrary& library() {
  static const HotWaterLibrary lib = HotWaterLibrary::load(core::DataStore());
  return lib;
}

TEST(HotWaterLibrary, QuotasOfGB50015) {
  const auto& lib = library();
  EXPECT_FALSE(lib.source.empty());
  // 表6.2.1-1, 住宅 有自备热水供应和沐浴设备: 40–80 L/(人·d) on the maximum day, 60 °C.
  const HotWaterType& r = lib.type("residential");
  EXPECT_NEAR(r.quota_max_day[0], 0.040, 1e-12);
  EXPECT_NEAR(r.quota_max_day[1], 0.080, 1e-12);
  EXPECT_EQ(r.unit, "person");
  EXPECT_EQ(lib.type("hotel").unit, "bed");
  for (const auto& [name, t] : lib.types) {
    double sum = 0.0;
    for (double p : t.profile) sum += p;
    EXPECT_NEAR(sum, 1.0, 1e-12) << name;
    EXPECT_LE(t.quota_avg_day[0], t.quota_max_day[1]) << name;
  }
  EXPECT_THROW(lib.type("spa"), DataMissing);
}

TEST(HotWater, AnnualEnergyPerPersonIsTheQuotaArithmetic) {
  // 100 residents at the middle of the 平均日 quota (20–60 L → 40 L/(人·d)), 60 °C from
  // 10 °C water all year, no tank: E = 100 · 0.040 m³ · 365 · ρ c · 50 K.
  HotWaterSpec s = make_hot_water_spec(library(), "residential", 100.0);
  s.t_cold_monthly.assign(12, 273.15 + 10.0);
  const HotWaterResult r = simulate_hot_water(s, test::make_weather());
  r.load.validate();
  const double expected = 100.0 * 0.040 * 365.0 * kHotWaterDensity * kWaterCp * 50.0;
  EXPECT_NEAR(r.load.annual_energy(), expected, 1e-9 * expected);
  // ≈ 835 kWh per person and year.
  EXPECT_NEAR(r.load.annual_energy() / 100.0 / 3.6e6, 834.8, 0.1);
  EXPECT_NEAR(r.load.t_supply[0], 333.15, 1e-12);
  EXPECT_NEAR(r.load.t_return[0], 283.15, 1e-12);
  // Without a tank the heater follows the draw hour by hour.
  EXPECT_EQ(r.losses, 0.0);
  EXPECT_EQ(r.storage_change, 0.0);
}

TEST(HotWater, TankBalanceCloses) {
  HotWaterSpec s = make_hot_water_spec(library(), "hotel", 200.0);
  s.tank_volume = 6.0;
  const HotWaterResult r = simulate_hot_water(s, test::make_weather());
  r.load.validate();
  EXPECT_NEAR(r.load.annual_energy(), r.draw + r.losses - r.unmet + r.storage_change,
              1e-9 * r.draw);
  // The GB 50015 design recovery rate serves every ordinary day.
  EXPECT_EQ(r.unmet, 0.0);
  // Regulation 812/2013 class C: S = 16.66 + 8.33 · 6000^0.4 W.
  EXPECT_NEAR(r.tank_loss, 16.66 + 8.33 * std::pow(6000.0, 0.4), 1e-9);
  double peak = 0.0;
  for (double q : r.load.heat) peak = std::max(peak, q);
  EXPECT_LE(peak, r.load.design_load * (1 + 1e-12));
  // The tank smooths: recovery below the instantaneous design hourly heat.
  HotWaterSpec no_tank = s;
  no_tank.tank_volume = 0.0;
  const HotWaterResult r0 = simulate_hot_water(no_tank, test::make_weather());
  double peak0 = 0.0;
  for (double q : r0.load.heat) peak0 = std::max(peak0, q);
  EXPECT_LT(peak, peak0);
}

TEST(HotWater, DesignRecoveryFollowsGB50015) {
  // No tank: the design hourly heat Q_h = K_h · Q_d / 24, with K_h = 24 × the profile's peak
  // share and Q_d the maximum-day heat at the coldest water.
  HotWaterSpec s = make_hot_water_spec(library(), "hotel", 100.0);
  s.t_cold_monthly.assign(12, 273.15 + 10.0);
  const HotWaterResult r = simulate_hot_water(s, test::make_weather());
  const double q_d = 100.0 * 0.140 * kHotWaterDensity * kWaterCp * 50.0;  // 120–160 L → 140 L
  EXPECT_NEAR(r.design_daily_energy, q_d, 1e-6 * q_d);
  const double peak = *std::max_element(s.profile.begin(), s.profile.end());
  EXPECT_NEAR(r.load.design_load, peak * q_d / 3600.0, 1e-9 * q_d);
  // A tank of volume V cuts it by η·V·ρ·c·Δt / T (η = 0.75, T = 3 h).
  s.tank_volume = 2.0;
  const HotWaterResult rt = simulate_hot_water(s, test::make_weather());
  EXPECT_NEAR(rt.load.design_load,
              peak * q_d / 3600.0 - 0.75 * 2.0 * kHotWaterDensity * kWaterCp * 50.0 / (3 * 3600.0),
              1e-6);
}

TEST(HotWater, SmallHeaterLeavesDrawUnmetAndSaysSo) {
  HotWaterSpec s = make_hot_water_spec(library(), "hotel", 200.0);
  s.tank_volume = 1.0;
  s.recovery_power = 5e3;  // far too small
  const HotWaterResult r = simulate_hot_water(s, test::make_weather());
  EXPECT_GT(r.unmet, 0.0);
  EXPECT_NEAR(r.load.annual_energy(), r.draw + r.losses - r.unmet + r.storage_change,
              1e-9 * r.draw);
}

TEST(HotWater, ColdWaterFollowsTheAirWithALag) {
  const auto w = test::make_weather();
  const auto t = cold_water_temperature(w);
  ASSERT_EQ(t.size(), 365u);
  const auto lo = std::min_element(t.begin(), t.end()) - t.begin();
  const auto hi = std::max_element(t.begin(), t.end()) - t.begin();
  EXPECT_GT(lo, 20);  // coldest water after the coldest air (15 January)
  EXPECT_LT(lo, 80);
  EXPECT_GT(hi, 200);
  EXPECT_GT(t[static_cast<std::size_t>(lo)], 273.15 + 1.0);
  EXPECT_LT(t[static_cast<std::size_t>(hi)], 273.15 + 30.0);
  // Annual mean = air mean + 6 °F (3.3 K).
  double mean = 0.0;
  for (double x : t) mean += x;
  EXPECT_NEAR(mean / 365.0 - 273.15, 12.0 + 10.0 / 3.0, 0.5);
}

TEST(HotWater, SchoolWeekendsAndVacations) {
  HotWaterSpec s = make_hot_water_spec(library(), "school", 800.0);
  const HotWaterResult r = simulate_hot_water(s, test::make_weather());
  auto day = [&](int d) {
    double e = 0.0;
    for (int h = 0; h < 24; ++h) e += r.load.heat[static_cast<std::size_t>(d * 24 + h)];
    return e;
  };
  // 1 January is a Monday: day 7 is Monday, 12 Saturday, 35 is in the winter vacation.
  EXPECT_NEAR(day(12) / day(11), 0.3, 0.02);
  EXPECT_LT(day(35), 0.1 * day(8));
}

TEST(HotWater, BadSpecsNameTheField) {
  HotWaterSpec s = make_hot_water_spec(library(), "office", 10.0);
  s.t_hot = 273.15 + 30.0;
  try {
    s.validate();
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("t_hot"), std::string::npos);
  }
  s = make_hot_water_spec(library(), "office", 10.0);
  s.units = 0.0;
  EXPECT_THROW(s.validate(), InvalidInput);
  s = make_hot_water_spec(library(), "office", 10.0);
  s.t_cold_monthly = {280.0};
  EXPECT_THROW(s.validate(), InvalidInput);
}

}  // namespace
}  // namespace heatlift::demand
