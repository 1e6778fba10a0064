#include "heatlift/core/units.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {

using D = Dimension;
using ::testing::HasSubstr;

struct Case {
  const char* text;
  Dimension dim;
  double si;
};

class ParsesAsEngineersWrite : public ::testing::TestWithParam<Case> {};

TEST_P(ParsesAsEngineersWrite, ToSI) {
  const Case& c = GetParam();
  EXPECT_NEAR(parse_quantity(c.text, c.dim), c.si, 1e-9 * std::max(1.0, std::fabs(c.si))) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Issue, ParsesAsEngineersWrite,
    ::testing::Values(
        Case{"45 C", D::temperature, 318.15}, Case{"45°C", D::temperature, 318.15},
        Case{"45 °C", D::temperature, 318.15}, Case{"45℃", D::temperature, 318.15},
        Case{"-7 C", D::temperature, 266.15}, Case{"318.15 K", D::temperature, 318.15},
        Case{"32 F", D::temperature, 273.15}, Case{"2.5 MPa", D::pressure, 2.5e6},
        Case{"250 kPa", D::pressure, 2.5e5}, Case{"1.2 bar", D::pressure, 1.2e5},
        Case{"12 kW", D::power, 12e3}, Case{"3.6 MJ", D::energy, 3.6e6},
        Case{"100 kWh", D::energy, 3.6e8}, Case{"20 m3/h", D::volume_flow, 20.0 / 3600},
        Case{"20 m³/h", D::volume_flow, 20.0 / 3600}, Case{"0.5 kg/s", D::mass_flow, 0.5},
        Case{"5 %", D::fraction, 0.05}, Case{"5%", D::fraction, 0.05},
        Case{"0.05", D::fraction, 0.05}, Case{"5 K", D::temperature_difference, 5.0},
        Case{"+1e3 Pa", D::pressure, 1e3}, Case{"420 kJ/kg", D::specific_energy, 420e3},
        Case{"1.8 kJ/(kg·K)", D::specific_entropy, 1800.0},
        Case{"1.8 kJ/(kg K)", D::specific_entropy, 1800.0}, Case{"1 tce", D::energy, 29.3076e9},
        Case{"  12   kW  ", D::power, 12e3}));

TEST(Units, TemperatureAndDifferenceAreDifferentThings) {
  // "5 K" as a temperature is 5 K absolute; as a difference it is 5 K.
  EXPECT_DOUBLE_EQ(parse_quantity("5 K", D::temperature), 5.0);
  EXPECT_DOUBLE_EQ(parse_quantity("5 K", D::temperature_difference), 5.0);
  // but "5 C" is never a difference: it would silently mean 278.15 or 5.
  try {
    parse_quantity("5 C", D::temperature_difference, "approach");
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("approach"));
    EXPECT_THAT(e.what(), HasSubstr("written in K"));
  }
  const Temperature sink = celsius(45.0), source = celsius(-7.0);
  EXPECT_NEAR((sink - source).kelvin, 52.0, 1e-12);
  EXPECT_NEAR((source + TemperatureDifference{5.0}).kelvin, 271.15, 1e-12);
}

TEST(Units, MalformedInputNamesFieldTextAndExpectation) {
  struct Bad {
    const char* text;
    Dimension dim;
    const char* must_mention;
  };
  const Bad bad[] = {
      {"", D::temperature, "empty"},
      {"45", D::temperature, "no unit"},            // ambiguous: C or K?
      {"12", D::power, "no unit"},                  // W or kW?
      {"45 kPa", D::temperature, "is a pressure"},  // wrong dimension
      {"12 kW", D::energy, "is a power"},
      {"12 furlongs", D::length, "unknown unit"},
      {"kW 12", D::power, "not a number"},
      {"nan K", D::temperature, "not a number"},
      {"inf kW", D::power, "not a number"},
      {"-inf kW", D::power, "not a number"},
      {"1e999 kW", D::power, "not a number"},
      {"1,5 kW", D::power, "unknown unit"},
      {"-300 C", D::temperature, "absolute zero"},
      {"12 kW extra", D::power, "unknown unit"},
  };
  for (const Bad& b : bad) {
    try {
      parse_quantity(b.text, b.dim, "capacity");
      ADD_FAILURE() << "accepted '" << b.text << "'";
    } catch (const InvalidInput& e) {
      EXPECT_THAT(e.what(), HasSubstr("capacity: ")) << b.text;
      EXPECT_THAT(e.what(), HasSubstr(b.must_mention)) << b.text << " -> " << e.what();
      EXPECT_EQ(e.code(), ErrorCode::invalid_input);
    }
  }
}

// Money, emissions, energy per year and the fleet's counts are in the same registry, written
// as the accounting and fleet files write them; factors exact as the plain SI arithmetic.
TEST(Units, MoneyEmissionsAndCountsToSi) {
  EXPECT_EQ(parse_quantity("1000 CNY/t", D::price_per_mass), 1.0);
  EXPECT_EQ(parse_quantity("0.5 CNY/kWh", D::price_per_energy), 0.5 * (1.0 / 3.6e6));
  EXPECT_EQ(parse_quantity("1500 CNY/kW", D::price_per_power), 1.5);
  EXPECT_EQ(parse_quantity("3 万元", D::money), 3e4);
  EXPECT_EQ(parse_quantity("125 10^8 CNY", D::money), 1.25e10);
  EXPECT_EQ(parse_quantity("7 元/t", D::price_per_mass), 7e-3);
  EXPECT_EQ(parse_quantity("0.5306 kgCO2/kWh", D::emission_per_energy), 0.5306 * (1.0 / 3.6e6));
  EXPECT_EQ(parse_quantity("55.5 tCO2/TJ", D::emission_per_energy), 55.5e-9);
  EXPECT_EQ(parse_quantity("389.31 GJ/10^4m3", D::energy_per_volume), 389.31 * 1e5);
  EXPECT_EQ(parse_quantity("3 %/a", D::per_year), 3 * 1e-2);
  EXPECT_EQ(parse_quantity("300 gce/kWh", D::coal_per_energy), 300 * (1e-3 / 3.6e6));
  EXPECT_EQ(parse_quantity("42 MJ/kg", D::specific_energy), 42e6);
  EXPECT_EQ(parse_quantity("105 10^4 units", D::count), 1.05e6);
  EXPECT_EQ(parse_quantity("105 万台", D::count), 1.05e6);
  EXPECT_EQ(parse_quantity("0.33 10^8 tCO2", D::co2_mass), 0.33 * 1e11);
  EXPECT_EQ(parse_quantity("12 MWh/a", D::energy_per_year), 12 * 3.6e9);
  EXPECT_EQ(parse_quantity("218 10^8 m2", D::area), 2.18e10);
  EXPECT_EQ(parse_quantity("218 亿m²", D::area), 2.18e10);
  EXPECT_EQ(parse_quantity("15 a", D::years), 15.0);
  EXPECT_EQ(parse_quantity("675 kgCO2e/kg", D::gwp), 675.0);
  EXPECT_EQ(unit("10^4 units").factor, 1e4);
  EXPECT_EQ(unit("TWh/a").factor, 3.6e15);
  EXPECT_EQ(unit("MtCO2e/a").factor, 1e9);
  EXPECT_NEAR(to_unit(0.5 / 3.6e6, "CNY/kWh"), 0.5, 1e-15);
}

TEST(Units, APowerOfTenIsNoUnitPower) {
  // "m^3" is m3, but "10^4 CNY" does not become "104CNY".
  EXPECT_EQ(parse_quantity("2 m^3", D::volume), 2.0);
  EXPECT_THROW(parse_quantity("5 104 CNY", D::money), InvalidInput);
  EXPECT_THROW(parse_quantity("5 104CNY", D::money), InvalidInput);
}

TEST(Units, WrongKindNamesFieldValueAndExpectedUnits) {
  try {
    parse_quantity("12 kW", D::money, "segments.x.price");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("segments.x.price"));
    EXPECT_THAT(e.what(), HasSubstr("12 kW"));
    EXPECT_THAT(e.what(), HasSubstr("10^4 CNY"));
  }
  try {
    parse_quantity("1000 CNY/kWh", D::price_per_mass, "fuel_prices.coal");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("fuel_prices.coal"));
    EXPECT_THAT(e.what(), HasSubstr("CNY/t"));
  }
  EXPECT_THROW(parse_quantity("12", D::count), InvalidInput);
  EXPECT_THROW(parse_quantity("lots 10^4 units", D::count), InvalidInput);
  EXPECT_THROW(parse_quantity("1000", D::price_per_mass), InvalidInput);
}

TEST(Units, FormatsInDisplayUnits) {
  EXPECT_EQ(format_quantity(318.15, D::temperature), "45.00 °C");
  EXPECT_EQ(format_quantity(1.25e6, D::pressure), "1250 kPa");
  EXPECT_EQ(format_quantity(12e3, D::power, 3), "12.0 kW");
  EXPECT_EQ(format_quantity(3.6e8, D::energy), "100.0 kWh");
  EXPECT_EQ(format_quantity(0.05, D::fraction, 2), "5.0 %");
  EXPECT_EQ(format_quantity(2.5e6, "MPa", 3), "2.50 MPa");
  EXPECT_EQ(format_quantity(20.0 / 3600.0, D::volume_flow), "20.00 m3/h");
}

TEST(Units, ConversionsRoundTrip) {
  for (const char* u :
       {"°C", "K", "°F", "kPa", "MPa", "bar", "kW", "kWh", "m3/h", "L/s", "t/h", "%"}) {
    EXPECT_NEAR(to_unit(from_unit(42.5, u), u), 42.5, 1e-12) << u;
  }
  EXPECT_THROW(to_unit(1.0, "parsec"), InvalidInput);
}

}  // namespace
}  // namespace heatlift::core
