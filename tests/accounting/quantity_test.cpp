#include "heatlift/accounting/quantity.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace heatlift::accounting {
namespace {

using ::testing::HasSubstr;

TEST(AccountingQuantity, ParsesPricesAndFactorsToSi) {
  EXPECT_DOUBLE_EQ(parse_measure("1000 CNY/t", Measure::price_per_mass), 1.0);
  EXPECT_DOUBLE_EQ(parse_measure("0.5 CNY/kWh", Measure::price_per_energy), 0.5 / 3.6e6);
  EXPECT_DOUBLE_EQ(parse_measure("1500 CNY/kW", Measure::price_per_power), 1.5);
  EXPECT_DOUBLE_EQ(parse_measure("3 万元", Measure::money), 3e4);
  EXPECT_DOUBLE_EQ(parse_measure("0.5306 kgCO2/kWh", Measure::emission_per_energy), 0.5306 / 3.6e6);
  EXPECT_DOUBLE_EQ(parse_measure("55.5 tCO2/TJ", Measure::emission_per_energy), 55.5e-9);
  EXPECT_DOUBLE_EQ(parse_measure("389.31 GJ/10^4m3", Measure::heating_value_volume), 38.931e6);
  EXPECT_DOUBLE_EQ(parse_measure("3 %/a", Measure::per_year), 0.03);
  EXPECT_DOUBLE_EQ(parse_measure("300 gce/kWh", Measure::coal_per_energy), 0.3 / 3.6e6);
  EXPECT_NEAR(to_display(0.5 / 3.6e6, Measure::price_per_energy, "CNY/kWh"), 0.5, 1e-15);
}

TEST(AccountingQuantity, RejectsMissingOrWrongUnits) {
  EXPECT_THROW(parse_measure("1000", Measure::price_per_mass), InvalidInput);
  EXPECT_THROW(parse_measure("abc CNY/t", Measure::price_per_mass), InvalidInput);
  try {
    parse_measure("1000 CNY/kWh", Measure::price_per_mass, "fuel_prices.coal");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("fuel_prices.coal"));
    EXPECT_THAT(e.what(), HasSubstr("CNY/t"));
  }
}

}  // namespace
}  // namespace heatlift::accounting
