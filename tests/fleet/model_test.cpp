#include "heatlift/fleet/model.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "heatlift/fleet/scenario_io.hpp"

namespace heatlift::fleet {
namespace {

using I = Indicator;

const core::DataStore& store() {
  static const core::DataStore data;
  return data;
}

const Results& cns() {
  static const Results r = run(load_scenario(store(), "cns"));
  return r;
}

Results with_levers(const std::string& levers) {
  return run(
      parse_scenario(store(), "extends = \"cns\"\nname = \"lever\"\n" + levers, "lever.toml"));
}

double at(const Results& r, std::string_view group, I i, int year) {
  return r.value(group, i, year);
}

// stock(t) = stock(t−1) + sales(t) − retirements(t), every year and every segment.
void expect_conservation(const Results& r) {
  for (const auto& g : r.groups) {
    const auto& stock = g.series[I::stock];
    const auto& sales = g.series[I::sales];
    const auto& retired = g.series[I::retirements];
    for (std::size_t k = 1; k < stock.size(); ++k) {
      const double balance = stock[k - 1] + sales[k] - retired[k];
      EXPECT_NEAR(stock[k], balance, 1e-9 * std::max(1.0, stock[k]))
          << r.scenario << " " << g.name << " " << r.first_year + static_cast<int>(k);
      EXPECT_GE(stock[k], 0.0);
      EXPECT_GE(retired[k], 0.0);
    }
  }
}

TEST(FleetModel, StockFlowConservesUnitsEveryYearAndSegment) {
  expect_conservation(cns());
  expect_conservation(run(load_scenario(store(), "ngs")));
  expect_conservation(run(load_scenario(store(), "action-plan")));  // incl. early retirement
}

TEST(FleetModel, GroupsAreSumsOfSegments) {
  const Results& r = cns();
  for (int y : {2022, 2040, 2060}) {
    for (I i : {I::sales, I::stock, I::heat, I::co2_reduction_gross, I::refrigerant_emissions}) {
      const double sh = at(r, "sh_household", i, y) + at(r, "sh_commercial", i, y);
      const double hw = at(r, "hw_household", i, y) + at(r, "hw_commercial", i, y);
      EXPECT_NEAR(at(r, "space_heating", i, y), sh, 1e-9 * std::abs(sh));
      EXPECT_NEAR(at(r, "total", i, y), sh + hw, 1e-9 * std::abs(sh + hw));
    }
  }
}

TEST(FleetModel, PhysicalRelations) {
  const Results& r = cns();
  for (int y = r.first_year; y <= r.last_year; ++y) {
    // Heat pumps use less electricity than the heat they deliver (SPF > 1).
    EXPECT_LT(at(r, "total", I::electricity, y), at(r, "total", I::heat, y));
    EXPECT_NEAR(
        at(r, "total", I::co2_reduction_net, y),
        at(r, "total", I::co2_reduction_gross, y) - at(r, "total", I::refrigerant_emissions, y),
        1e-6 * at(r, "total", I::co2_reduction_gross, y));
    EXPECT_GT(at(r, "total", I::refrigerant_bank, y), 0.0);
  }
  EXPECT_EQ(at(r, "hot_water", I::floor_area, 2040), 0.0);  // area is a space-heating indicator
  EXPECT_GT(at(r, "space_heating", I::floor_area, 2040), 0.0);
}

TEST(FleetModel, NgsFollowsItsCagrPerPeriod) {
  const Scenario s = load_scenario(store(), "ngs");
  const Results r = run(s);
  const auto& g = s.segments[0].growth;
  ASSERT_EQ(g.kind, GrowthKind::cagr);
  EXPECT_NEAR(at(r, "sh_household", I::sales, 2031) / at(r, "sh_household", I::sales, 2030),
              1.0 + g.periods[1].rate, 1e-12);
  EXPECT_NEAR(at(r, "sh_household", I::sales, 2023) / at(r, "sh_household", I::sales, 2022),
              1.0 + g.periods[0].rate, 1e-12);
}

TEST(FleetModel, KigaliAllowanceFollowsSchedule) {
  const Results& r = cns();
  EXPECT_TRUE(std::isnan(at(r, "total", I::kigali_allowance, 2023)));
  double baseline = 0.0;
  for (int y = 2020; y <= 2022; ++y) baseline += at(r, "total", I::hfc_consumption, y) / 3.0;
  EXPECT_NEAR(at(r, "total", I::kigali_allowance, 2024), baseline, 1e-9 * baseline);
  EXPECT_NEAR(at(r, "total", I::kigali_allowance, 2030), 0.9 * baseline, 1e-9 * baseline);
  EXPECT_NEAR(at(r, "total", I::kigali_allowance, 2050), 0.2 * baseline, 1e-9 * baseline);
}

TEST(FleetModel, WeibullSurvival) {
  const Weibull w{3.0, 17.0};
  EXPECT_DOUBLE_EQ(w.survival(0.0), 1.0);
  EXPECT_NEAR(w.survival(17.0), std::exp(-1.0), 1e-15);
  EXPECT_NEAR(w.mean(), 17.0 * std::tgamma(1.0 + 1.0 / 3.0), 1e-12);
}

// ---- every lever moves the results the right way ---------------------------------------

TEST(FleetLevers, EfficiencyCutsElectricityAndPeakAndRaisesCo2Reduction) {
  const Results r = with_levers("[levers.efficiency]\ngain = \"20 %\"\nfrom = 2025\nby = 2030\n");
  EXPECT_DOUBLE_EQ(at(r, "total", I::sales, 2040), at(cns(), "total", I::sales, 2040));
  EXPECT_LT(at(r, "total", I::electricity, 2040), at(cns(), "total", I::electricity, 2040));
  EXPECT_LT(at(r, "total", I::winter_peak, 2040), at(cns(), "total", I::winter_peak, 2040));
  EXPECT_GT(at(r, "total", I::co2_reduction_gross, 2040),
            at(cns(), "total", I::co2_reduction_gross, 2040));
  EXPECT_DOUBLE_EQ(at(r, "total", I::electricity, 2024), at(cns(), "total", I::electricity, 2024));
}

TEST(FleetLevers, RetrofitOfOldUnitsCutsElectricity) {
  const Results r = with_levers(
      "[levers.retrofit]\nmin_age = 10\nfrom = 2025\nto = 2060\nretrofit_share = \"10 %/a\"\n"
      "spf_gain = \"20 %\"\n");
  EXPECT_DOUBLE_EQ(at(r, "total", I::stock, 2040), at(cns(), "total", I::stock, 2040));
  EXPECT_LT(at(r, "total", I::electricity, 2040), at(cns(), "total", I::electricity, 2040));
  EXPECT_GT(at(r, "total", I::co2_reduction_gross, 2040),
            at(cns(), "total", I::co2_reduction_gross, 2040));
}

TEST(FleetLevers, EarlyRetirementReplacesOldUnitsByNewOnes) {
  const Results r = with_levers(
      "[levers.retrofit]\nmin_age = 10\nfrom = 2025\nto = 2060\nretire_share = \"5 %/a\"\n");
  EXPECT_GT(at(r, "total", I::sales, 2040), at(cns(), "total", I::sales, 2040));
  EXPECT_GT(at(r, "total", I::retirements, 2040), at(cns(), "total", I::retirements, 2040));
  // Replaced one for one, and the new units outlive the old ones they replace.
  EXPECT_NEAR(at(r, "total", I::stock, 2025), at(cns(), "total", I::stock, 2025),
              1e-9 * at(cns(), "total", I::stock, 2025));
  EXPECT_GT(at(r, "total", I::stock, 2040), at(cns(), "total", I::stock, 2040));
  EXPECT_LT(at(r, "total", I::electricity, 2040), at(cns(), "total", I::electricity, 2040));
  EXPECT_GT(at(r, "total", I::market_value, 2040), at(cns(), "total", I::market_value, 2040));
}

TEST(FleetLevers, CoalBoilerReplacementAddsUnitsAndCo2Reduction) {
  const Results r = with_levers(
      "[[levers.coal_replacement]]\nsegment = \"sh_household\"\nfrom = 2025\nto = 2030\n"
      "units_per_year = \"10 10^4 units\"\n");
  EXPECT_NEAR(at(r, "sh_household", I::sales, 2027) - at(cns(), "sh_household", I::sales, 2027),
              1e5, 1e-6);
  EXPECT_DOUBLE_EQ(at(r, "sh_commercial", I::sales, 2027),
                   at(cns(), "sh_commercial", I::sales, 2027));
  EXPECT_GT(at(r, "total", I::stock, 2035), at(cns(), "total", I::stock, 2035));
  EXPECT_GT(at(r, "total", I::co2_reduction_gross, 2035),
            at(cns(), "total", I::co2_reduction_gross, 2035));
}

TEST(FleetLevers, LessBackupCutsElectricityAndPeak) {
  const Results r =
      with_levers("[levers.less_backup]\nreduction = \"50 %\"\nfrom = 2025\nby = 2030\n");
  EXPECT_LT(at(r, "total", I::electricity, 2035), at(cns(), "total", I::electricity, 2035));
  EXPECT_LT(at(r, "total", I::winter_peak, 2035), at(cns(), "total", I::winter_peak, 2035));
  EXPECT_GT(at(r, "total", I::co2_reduction_gross, 2035),
            at(cns(), "total", I::co2_reduction_gross, 2035));
}

TEST(FleetLevers, LowGwpCutsRefrigerantEmissionsAndHfcUse) {
  const Results r = with_levers(
      "[levers.low_gwp]\nfrom = 2025\nby = 2035\nleak_rate = \"2 %/a\"\neol_recovery = \"50 %\"\n"
      "[levers.low_gwp.target]\nR290 = \"100 %\"\n");
  for (int y : {2030, 2045, 2060}) {
    EXPECT_LT(at(r, "total", I::refrigerant_emissions, y),
              at(cns(), "total", I::refrigerant_emissions, y));
    EXPECT_LT(at(r, "total", I::hfc_consumption, y), at(cns(), "total", I::hfc_consumption, y));
    EXPECT_GT(at(r, "total", I::co2_reduction_net, y), at(cns(), "total", I::co2_reduction_net, y));
    EXPECT_DOUBLE_EQ(at(r, "total", I::co2_reduction_gross, y),
                     at(cns(), "total", I::co2_reduction_gross, y));
  }
}

TEST(FleetLevers, CleanerGridLowersHeatPumpEmissions) {
  const Results r = with_levers(
      "[levers]\ngrid = { years = [2022, 2040], values = [\"0.5366 kgCO2/kWh\", \"0.05 "
      "kgCO2/kWh\"] }\n");
  EXPECT_DOUBLE_EQ(at(r, "total", I::electricity, 2040), at(cns(), "total", I::electricity, 2040));
  // Segments that replace only fuels save more; those replacing electric heaters save less
  // per unit (their baseline decarbonises too), so the test looks at the fuel-only ones.
  EXPECT_GT(at(r, "sh_commercial", I::co2_reduction_gross, 2040),
            at(cns(), "sh_commercial", I::co2_reduction_gross, 2040));
  EXPECT_GT(at(r, "hw_commercial", I::co2_reduction_gross, 2040),
            at(cns(), "hw_commercial", I::co2_reduction_gross, 2040));
}

}  // namespace
}  // namespace heatlift::fleet
