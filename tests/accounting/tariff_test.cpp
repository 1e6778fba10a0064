// Tariffs summed over a year of known hourly use.
#include "heatlift/accounting/tariff.hpp"

#include <gtest/gtest.h>

#include "heatlift/accounting/accounting_io.hpp"
#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::accounting {
namespace {

constexpr double kKWh = core::kJPerKWh;
double price(double cny_per_kwh) {
  return cny_per_kwh / kKWh;
}
std::vector<double> constant_use(double kwh_per_hour) {
  return std::vector<double>(kHoursPerYear, kwh_per_hour * kKWh);
}

TEST(Tariff, FlatSumsToPriceTimesEnergy) {
  const TariffResult r = evaluate(Tariff::flat(price(0.5)), constant_use(1.0));
  EXPECT_NEAR(r.energy_J / kKWh, 8760.0, 1e-9);
  EXPECT_NEAR(r.cost_cny, 4380.0, 1e-9);
  EXPECT_NEAR(r.mean_price() * kKWh, 0.5, 1e-12);
}

TEST(Tariff, DayOfYear) {
  EXPECT_EQ(day_of_year("01-01"), 0);
  EXPECT_EQ(day_of_year("03-15"), 73);
  EXPECT_EQ(day_of_year("11-15"), 318);
  EXPECT_EQ(day_of_year("12-31"), 364);
  EXPECT_THROW(day_of_year("02-29"), InvalidInput);
  EXPECT_THROW(day_of_year("1-5"), InvalidInput);
}

// Zhejiang residential preset: peak 08-22 at 0.568, valley 22-08 at 0.288, tiers 2760 / 4800
// kWh at +0.05 / +0.30. 1 kWh every hour: 365 × (14 × 0.568 + 10 × 0.288) = 3953.68, plus
// (4800 − 2760) × 0.05 = 102 and (8760 − 4800) × 0.30 = 1188.
TEST(Tariff, TimeOfUseWithTiersOverAYear) {
  const core::ConfigDocument doc =
      core::ConfigDocument::from_text("[tariff]\npreset = \"zhejiang_residential\"\n", "site.toml");
  core::ConfigTable root(doc);
  core::ConfigTable t = root.table("tariff");
  const Tariff z = tariff_from_config(t, core::DataStore());
  const TariffResult r = evaluate(z, constant_use(1.0));
  EXPECT_NEAR(r.tier_cost_cny, 102.0 + 1188.0, 1e-6);
  EXPECT_NEAR(r.cost_cny, 3953.68 + 102.0 + 1188.0, 1e-6);
  ASSERT_EQ(r.by_period.size(), 2u);
  EXPECT_EQ(r.by_period[0].name, "peak");
  EXPECT_NEAR(r.by_period[0].energy_J / kKWh, 365.0 * 14.0, 1e-9);
  EXPECT_NEAR(r.by_period[1].energy_J / kKWh, 365.0 * 10.0, 1e-9);
}

// A flat 0.5 tariff with a heating-season valley price (coal-to-electricity style):
// 15 Nov - 15 Mar (121 days) 20-08 at 0.3, 08-20 at 0.5. 1 kWh every hour:
// 244 × 24 × 0.5 + 121 × (12 × 0.3 + 12 × 0.5) = 2928 + 1161.6.
TEST(Tariff, HeatingSeasonValleyPrice) {
  Tariff t = Tariff::flat(price(0.5), "coal-to-electricity");
  HeatingSeason hs;
  hs.first_day = day_of_year("11-15");
  hs.last_day = day_of_year("03-15");
  hs.plan.periods = {{"valley", price(0.3)}, {"normal", price(0.5)}};
  for (int h = 0; h < 24; ++h) hs.plan.period_of_hour[h] = (h >= 20 || h < 8) ? 0 : 1;
  t.heating_season = hs;
  const TariffResult r = evaluate(t, constant_use(1.0));
  EXPECT_NEAR(r.cost_cny, 2928.0 + 1161.6, 1e-6);
  EXPECT_NEAR(r.by_period[1].energy_J / kKWh, 121.0 * 12.0, 1e-9);  // season valley
  EXPECT_TRUE(hs.contains(0));
  EXPECT_TRUE(hs.contains(73));
  EXPECT_FALSE(hs.contains(74));
  EXPECT_TRUE(hs.contains(318));
  EXPECT_FALSE(hs.contains(317));
}

// Tiers 2760 / 4800 kWh (+0.05 / +0.30) on a flat 0.5, 1 kWh an hour. With the 121-day heating
// season (2904 kWh) outside the tiers, 5856 kWh count: (4800 − 2760) × 0.05 + (5856 − 4800) × 0.30.
TEST(Tariff, HeatingSeasonOutsideTheTiers) {
  Tariff t = Tariff::flat(price(0.5));
  t.tier_limits_J = {2760 * kKWh, 4800 * kKWh};
  t.tier_surcharges = {price(0.05), price(0.30)};
  HeatingSeason hs;
  hs.first_day = day_of_year("11-15");
  hs.last_day = day_of_year("03-15");
  hs.plan = t.plan;
  hs.counts_toward_tiers = false;
  t.heating_season = hs;
  const TariffResult r = evaluate(t, constant_use(1.0));
  EXPECT_NEAR(r.tier_cost_cny, 2040.0 * 0.05 + 1056.0 * 0.30, 1e-6);
  EXPECT_NEAR(r.cost_cny, 4380.0 + r.tier_cost_cny, 1e-6);
}

TEST(Tariff, UrumqiPresetHasTwentyFourHours) {
  const core::ConfigDocument doc = core::ConfigDocument::from_text(
      "[tariff]\npreset = \"urumqi_electric_heating\"\n", "site.toml");
  core::ConfigTable root(doc);
  core::ConfigTable t = root.table("tariff");
  const TariffResult r = evaluate(tariff_from_config(t, core::DataStore()), constant_use(1.0));
  EXPECT_NEAR(r.cost_cny, 365.0 * (4 * 0.531 + 10 * 0.361 + 10 * 0.279), 1e-6);
}

TEST(Tariff, RejectsBadSeries) {
  const Tariff t = Tariff::flat(price(0.5));
  EXPECT_THROW(evaluate(t, std::vector<double>(8759, 0.0)), InvalidInput);
  std::vector<double> e = constant_use(1.0);
  e[100] = -1.0;
  EXPECT_THROW(evaluate(t, e), InvalidInput);
  EXPECT_THROW(Tariff::flat(-1.0), InvalidInput);
}

}  // namespace
}  // namespace heatlift::accounting
