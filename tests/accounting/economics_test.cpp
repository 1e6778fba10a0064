// NPV, LCOH and payback against hand calculations and compound-interest tables.
#include "heatlift/accounting/economics.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "heatlift/core/error.hpp"

namespace heatlift::accounting {
namespace {

// Compound-interest tables (any engineering-economics text): (A/P, 5 %, 15) = 0.09634,
// (P/A, 5 %, 15) = 10.3797, (A/P, 8 %, 20) = 0.10185.
TEST(Economics, InterestFactorsMatchTheTables) {
  EXPECT_NEAR(capital_recovery_factor(0.05, 15), 0.09634, 5e-6);
  EXPECT_NEAR(annuity_factor(0.05, 15), 10.3797, 5e-5);
  EXPECT_NEAR(capital_recovery_factor(0.08, 20), 0.10185, 5e-6);
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0.0, 10), 0.1);
  EXPECT_DOUBLE_EQ(annuity_factor(0.0, 10), 10.0);
  EXPECT_THROW(capital_recovery_factor(-0.01, 10), InvalidInput);
  EXPECT_THROW(annuity_factor(0.05, 0), InvalidInput);
}

TEST(Economics, InvestmentWithSubsidy) {
  Economics e;
  e.discount_rate = 0.05;
  e.lifetime_years = 15;
  e.capital_per_W = 1.5;  // 1500 CNY/kW
  e.capital_fixed = 5000.0;
  e.om_fraction = 0.015;
  e.subsidy_per_W = 0.3;  // 300 CNY/kW
  e.subsidy_lump = 2000.0;
  const Investment i = investment(e, 10e3);
  EXPECT_DOUBLE_EQ(i.gross_capital, 20000.0);
  EXPECT_DOUBLE_EQ(i.subsidy, 5000.0);
  EXPECT_DOUBLE_EQ(i.net_capital, 15000.0);
  EXPECT_DOUBLE_EQ(i.annual_om, 300.0);
  const CostStream c = cost_stream(i, 2000.0);
  EXPECT_DOUBLE_EQ(c.capital, 15000.0);
  EXPECT_DOUBLE_EQ(c.annual_running(), 2300.0);
  e.subsidy_lump = 1e6;
  EXPECT_THROW(investment(e, 10e3), InvalidInput);
  EXPECT_THROW(investment(Economics{}, -1.0), InvalidInput);
}

// Heat pump: 15 000 CNY net, 300 CNY/a O&M, 2000 CNY/a electricity; baseline gas boiler:
// 3000 CNY, 100 CNY/a O&M, 4500 CNY/a gas; 20 000 kWh heat a year; 5 %, 15 years.
// Saving 4600 − 2300 = 2300 CNY/a; NPV = −12 000 + 2300 × 10.3797 = 11 873.3;
// payback 12 000 / 2300 = 5.22 a; LCOH = (15 000 × 0.096342 + 2300) / 20 000 = 0.18726.
TEST(Economics, HeatPumpAgainstABaselineByHand) {
  const CostStream hp{15000.0, 300.0, 2000.0};
  const CostStream base{3000.0, 100.0, 4500.0};
  const double heat = 20000.0 * 3.6e6;
  const Comparison c = compare(hp, base, 0.05, 15, heat);
  EXPECT_DOUBLE_EQ(c.incremental_capital, 12000.0);
  EXPECT_DOUBLE_EQ(c.annual_saving, 2300.0);
  EXPECT_NEAR(c.npv, -12000.0 + 2300.0 * 10.37966, 0.05);
  ASSERT_FALSE(c.payback.never());
  EXPECT_NEAR(*c.payback.years, 12000.0 / 2300.0, 1e-12);
  EXPECT_EQ(c.payback.text(), "5.2 a");
  EXPECT_NEAR(c.lcoh_heat_pump * 3.6e6, (15000.0 * 0.0963423 + 2300.0) / 20000.0, 1e-6);
  EXPECT_NEAR(c.lcoh_baseline * 3.6e6, (3000.0 * 0.0963423 + 4600.0) / 20000.0, 1e-6);
  EXPECT_NEAR(c.heat_pump.total, 15000.0 * 0.0963423 + 2300.0, 0.01);
}

TEST(Economics, PaybackNeverAndImmediate) {
  const Payback never = simple_payback(12000.0, -100.0);
  EXPECT_TRUE(never.never());
  EXPECT_EQ(never.text(), "never");
  EXPECT_TRUE(simple_payback(12000.0, 0.0).never());
  const Payback now = simple_payback(-500.0, 100.0);
  ASSERT_FALSE(now.never());
  EXPECT_DOUBLE_EQ(*now.years, 0.0);
  // A heat pump that costs more to run never pays back, and its NPV is negative.
  const Comparison c = compare({15000.0, 300.0, 5000.0}, {3000.0, 100.0, 4500.0}, 0.05, 15, 1e10);
  EXPECT_TRUE(c.payback.never());
  EXPECT_LT(c.npv, 0.0);
}

// A constant flow equals the annuity form; a growing one by hand:
// −1000 + 300/1.1 + 330/1.21 + 363/1.331 = −1000 + 3 × 272.7273 = −181.818.
TEST(Economics, NetPresentValueOfYearlyFlows) {
  const std::vector<double> flat(15, 2300.0);
  EXPECT_NEAR(net_present_value(0.05, 12000.0, flat), -12000.0 + 2300.0 * annuity_factor(0.05, 15),
              1e-9);
  const std::vector<double> growing = {300.0, 330.0, 363.0};
  EXPECT_NEAR(net_present_value(0.10, 1000.0, growing), -1000.0 + 3.0 * 300.0 / 1.1, 1e-9);
  EXPECT_THROW(net_present_value(-0.1, 0.0, growing), InvalidInput);
}

TEST(Economics, LcohNeedsHeat) {
  EXPECT_THROW(lcoh({1000.0, 0.0, 0.0}, 0.05, 10, 0.0), InvalidInput);
}

}  // namespace
}  // namespace heatlift::accounting
