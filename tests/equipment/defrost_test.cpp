#include "heatlift/equipment/defrost.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/equipment/carnot_map.hpp"

namespace heatlift::equipment {
namespace {

using ::testing::HasSubstr;

constexpr double kC = 273.15;

// ASHRAE Handbook — Fundamentals (2017), ch. 1, Table 3: saturation pressure, kPa.
TEST(Psychrometrics, SaturationPressureMatchesAshraeTable) {
  EXPECT_NEAR(saturation_pressure(kC + 20) / 2339.3, 1.0, 1e-3);
  EXPECT_NEAR(saturation_pressure(kC + 5) / 872.6, 1.0, 1e-3);
  EXPECT_NEAR(saturation_pressure(kC - 20) / 103.26, 1.0, 1e-3);  // over ice
  EXPECT_NEAR(saturation_pressure(kC - 10) / 259.9, 1.0, 1e-3);   // over ice
  EXPECT_NEAR(humidity_ratio(kC + 20, 0.5, 101325), 0.00726, 5e-5);
  EXPECT_THROW(saturation_pressure(100), InvalidInput);
  EXPECT_THROW(humidity_ratio(kC, 1.2), InvalidInput);
}

TEST(Defrost, NoPenaltyWhenWarmOrDry) {
  for (double rh : {0.0, 0.5, 0.9, 1.0}) {
    const DefrostFactors f = defrost_factors(kC + 8, rh);  // above 5 °C: no frosting
    EXPECT_EQ(f.capacity, 1.0);
    EXPECT_EQ(f.power, 1.0);
    EXPECT_EQ(f.cop, 1.0);
  }
  for (double t : {-25.0, -15.0, -7.0, 0.0, 5.0}) {
    const DefrostFactors f = defrost_factors(kC + t, 0.3);  // dew point below the coil
    EXPECT_EQ(f.capacity, 1.0) << t;
    EXPECT_EQ(f.cop, 1.0) << t;
    EXPECT_LE(f.humidity_excess, 0.0);
  }
}

// The published correlation evaluated by hand at 2 °C, 90 % RH (EnergyPlus Engineering
// Reference, DX heating coil frost adjustment, on-demand defrost).
TEST(Defrost, MatchesTheCorrelationAtOnePoint) {
  const double t_out = 2.0, rh = 0.9;
  const double t_coil = 0.82 * t_out - 8.589;
  const double dw = humidity_ratio(kC + t_out, rh) - humidity_ratio(kC + t_coil, 1.0);
  const double t_def = 1.0 / (1.0 + 0.01446 / dw);
  const DefrostFactors f = defrost_factors(kC + t_out, rh);
  EXPECT_NEAR(f.defrost_time_fraction, t_def, 1e-15);
  EXPECT_NEAR(f.capacity, 0.875 * (1 - t_def) - 0.01 * t_def * (7.222 - t_out) / 1.01667, 1e-15);
  EXPECT_NEAR(f.power, 0.954 * (1 - t_def) + t_def, 1e-15);
  EXPECT_GT(t_def, 0.05);
  EXPECT_LT(t_def, 0.2);
}

TEST(Defrost, PenaltyIsLargestInTheFrostBandAndBounded) {
  double worst = 1.0, worst_t = 0;
  for (double t = -30; t <= 15; t += 0.5) {
    for (double rh = 0; rh <= 1.0001; rh += 0.05) {
      const DefrostFactors f = defrost_factors(kC + t, std::min(rh, 1.0));
      ASSERT_GT(f.capacity, 0.6);
      ASSERT_LE(f.capacity, 1.0);
      ASSERT_GT(f.cop, 0.6);
      ASSERT_LE(f.cop, 1.0);
      ASSERT_GT(f.power, 0.9);
      ASSERT_LE(f.defrost_time_fraction, 0.3);
      if (f.capacity < worst) {
        worst = f.capacity;
        worst_t = t;
      }
    }
  }
  EXPECT_GE(worst_t, -7.0);
  EXPECT_LE(worst_t, 5.0);
  // At high humidity, frost hurts more at 0 °C than at −20 °C (less water in cold air),
  // and more at high humidity than at moderate.
  EXPECT_LT(defrost_factors(kC, 0.9).capacity, defrost_factors(kC - 20, 0.9).capacity);
  EXPECT_LT(defrost_factors(kC, 0.95).cop, defrost_factors(kC, 0.7).cop);
  EXPECT_LT(defrost_factors(kC - 3, 0.9).cop, 1.0);
}

TEST(Defrost, DecoratesAnAirSourceMapOnly) {
  MapAxes a{{kC - 20, kC - 10, kC, kC + 10}, {kC + 35, kC + 55}, {1.0}};
  const PerformanceMap air = carnot_fraction_map(CarnotMapSpec::defaults(SourceKind::air, 8000), a);
  const DefrostedMap d(air);
  const MapPoint plain = air.at(kC + 1, kC + 35, 1.0);
  const MapPoint frosted = d.at(kC + 1, kC + 35, 1.0, 0.9);
  const DefrostFactors f = defrost_factors(kC + 1, 0.9);
  EXPECT_TRUE(frosted.valid);
  EXPECT_DOUBLE_EQ(frosted.capacity, plain.capacity * f.capacity);
  EXPECT_DOUBLE_EQ(frosted.power, plain.power * f.power);
  EXPECT_NEAR(frosted.cop, plain.cop * f.cop, 1e-12);
  EXPECT_EQ(d.at(kC + 1, kC + 35, 1.0, 0.2).capacity, plain.capacity);
  EXPECT_FALSE(d.at(kC - 30, kC + 35, 1.0, 0.9).valid);  // the map's flag passes through

  const PerformanceMap brine =
      carnot_fraction_map(CarnotMapSpec::defaults(SourceKind::brine, 8000), a);
  try {
    DefrostedMap bad(brine);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("brine"));
    EXPECT_THAT(e.what(), HasSubstr("air-source"));
  }
}

TEST(Defrost, BadInputNamesTheField) {
  try {
    defrost_factors(kC, 1.5);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("relative_humidity = 1.5"));
    EXPECT_THAT(e.what(), HasSubstr("[0, 1]"));
  }
  EXPECT_THROW(defrost_factors(std::nan(""), 0.5), InvalidInput);
  EXPECT_THROW(defrost_factors(kC, std::nan("")), InvalidInput);
  EXPECT_THROW(defrost_factors(-3, 0.5), InvalidInput);
  DefrostModel m;
  m.pressure = 0;
  EXPECT_THROW(validate(m), InvalidInput);
  m = {};
  m.defrost_power_ratio = -1;
  EXPECT_THROW(validate(m), InvalidInput);
}

}  // namespace
}  // namespace heatlift::equipment
