#include "heatlift/fleet/quantity.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace heatlift::fleet {
namespace {

using ::testing::HasSubstr;

TEST(FleetQuantity, FleetUnitsToSi) {
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("105 10^4 units", FleetDimension::count, "s"), 1.05e6);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("105 万台", FleetDimension::count, "s"), 1.05e6);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("1.2 万元", FleetDimension::money, "p"), 1.2e4);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("125 10^8 CNY", FleetDimension::money, "p"), 1.25e10);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("0.33 10^8 tCO2", FleetDimension::co2, "c"), 3.3e10);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("0.5 kgCO2/kWh", FleetDimension::emission_factor, "g"),
                   0.5 / 3.6e6);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("55.5 tCO2/TJ", FleetDimension::emission_factor, "g"),
                   55.5e-12 * 1e3);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("3 %/a", FleetDimension::per_year, "r"), 0.03);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("12 MWh/a", FleetDimension::energy_per_year, "h"),
                   12 * 3.6e9);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("218 10^8 m2", FleetDimension::large_area, "a"), 2.18e10);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("218 亿m²", FleetDimension::large_area, "a"), 2.18e10);
}

TEST(FleetQuantity, CoreDimensionsPassThrough) {
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("10 kW", core::Dimension::power, "cap"), 1e4);
  EXPECT_DOUBLE_EQ(parse_fleet_quantity("50 %", core::Dimension::fraction, "share"), 0.5);
}

TEST(FleetQuantity, WrongKindNamesFieldValueAndExpectedUnits) {
  try {
    parse_fleet_quantity("12 kW", FleetDimension::money, "segments.x.price");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("segments.x.price"));
    EXPECT_THAT(e.what(), HasSubstr("12 kW"));
    EXPECT_THAT(e.what(), HasSubstr("10^4 CNY"));
  }
  EXPECT_THROW(parse_fleet_quantity("12", FleetDimension::count, "s"), InvalidInput);
  EXPECT_THROW(parse_fleet_quantity("lots 10^4 units", FleetDimension::count, "s"), InvalidInput);
}

TEST(FleetQuantity, UnitFactor) {
  EXPECT_DOUBLE_EQ(unit_factor("10^4 units"), 1e4);
  EXPECT_DOUBLE_EQ(unit_factor("10^8 tCO2"), 1e11);
  EXPECT_DOUBLE_EQ(unit_factor("kW"), 1e3);
}

}  // namespace
}  // namespace heatlift::fleet
