#include "heatlift/equipment/carnot_map.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace heatlift::equipment {
namespace {

using ::testing::HasSubstr;

constexpr double kC = 273.15;

MapAxes axes() {
  MapAxes a;
  for (double t = -25; t <= 20; t += 5) a.t_source.push_back(kC + t);
  for (double t = 30; t <= 65; t += 5) a.t_sink.push_back(kC + t);
  a.part_load = {0.3, 0.6, 1.0};
  return a;
}

TEST(CarnotMap, CopFallsAsLiftRisesAndStaysBelowCarnot) {
  for (SourceKind kind : {SourceKind::air, SourceKind::brine, SourceKind::water}) {
    const PerformanceMap m = carnot_fraction_map(CarnotMapSpec::defaults(kind, 1e4), axes());
    const MapAxes& a = m.axes();
    for (std::size_t i = 0; i < a.t_source.size(); ++i) {
      for (std::size_t j = 0; j < a.t_sink.size(); ++j) {
        const auto n = m.node(i, j, 2);
        if (!n) continue;
        const double cop = n->capacity / n->power;
        EXPECT_LT(cop, a.t_sink[j] / (a.t_sink[j] - a.t_source[i]));  // Carnot, secondary side
        if (j + 1 < a.t_sink.size() && m.node(i, j + 1, 2)) {         // hotter sink: more lift
          const auto h = *m.node(i, j + 1, 2);
          EXPECT_LT(h.capacity / h.power, cop);
        }
        if (i > 0 && m.node(i - 1, j, 2)) {  // colder source: more lift
          const auto c = *m.node(i - 1, j, 2);
          EXPECT_LT(c.capacity / c.power, cop);
        }
      }
    }
    // Also between nodes.
    double last = 1e9;
    for (double tk = kC + 30; tk <= kC + 65; tk += 0.7) {
      const MapPoint p = m.at(kC + 2, tk, 1.0);
      ASSERT_TRUE(p.valid);
      EXPECT_LE(p.cop, last);
      last = p.cop;
    }
  }
}

TEST(CarnotMap, NominalPointAndCapacityTrend) {
  const CarnotMapSpec s = CarnotMapSpec::defaults(SourceKind::air, 8000);
  const auto nominal = carnot_node(s, kC + 7, kC + 35, 1.0);
  ASSERT_TRUE(nominal);
  EXPECT_DOUBLE_EQ(nominal->capacity, 8000);
  // A7/W35: T_evap = −1 °C, T_cond = 40 °C, COP = 0.5 · 313.15 / 41.
  EXPECT_NEAR(nominal->capacity / nominal->power, 0.5 * 313.15 / 41.0, 1e-12);
  EXPECT_LT(carnot_node(s, kC - 7, kC + 35, 1.0)->capacity, 8000);
  EXPECT_DOUBLE_EQ(carnot_node(s, kC + 7, kC + 35, 0.5)->capacity, 4000);
  EXPECT_FALSE(carnot_node(s, kC + 30, kC + 25, 1.0));  // lift below min_lift: infeasible
}

// Plausibility against field-trial / datasheet regressions of real domestic units:
// Staffell, Brett, Brandon, Hawkes (2012), "A review of domestic heat pumps", Energy
// Environ. Sci. 5, 9291–9306: COP_ASHP = 6.81 − 0.121 ΔT + 0.000630 ΔT² and
// COP_GSHP = 8.77 − 0.150 ΔT + 0.000734 ΔT², ΔT = sink − source (K). The defaults stay
// within 20 % of them over ΔT 20…50 K at a 35 … 55 °C sink.
TEST(CarnotMap, DefaultsAreWithinTwentyPercentOfPublishedRegressions) {
  const auto ashp = [](double dt) { return 6.81 - 0.121 * dt + 0.000630 * dt * dt; };
  const auto gshp = [](double dt) { return 8.77 - 0.150 * dt + 0.000734 * dt * dt; };
  const CarnotMapSpec air = CarnotMapSpec::defaults(SourceKind::air, 1e4);
  const CarnotMapSpec brine = CarnotMapSpec::defaults(SourceKind::brine, 1e4);
  for (double sink = 35; sink <= 55; sink += 10) {
    for (double dt = 20; dt <= 50; dt += 5) {
      const auto a = carnot_node(air, kC + sink - dt, kC + sink, 1.0);
      const auto b = carnot_node(brine, kC + sink - dt, kC + sink, 1.0);
      ASSERT_TRUE(a && b);
      EXPECT_NEAR(a->capacity / a->power / ashp(dt), 1.0, 0.20) << "air ΔT " << dt;
      EXPECT_NEAR(b->capacity / b->power / gshp(dt), 1.0, 0.20) << "brine ΔT " << dt;
    }
  }
}

TEST(CarnotMap, BadSpecNamesTheField) {
  CarnotMapSpec s = CarnotMapSpec::defaults(SourceKind::air, 1e4);
  s.carnot_efficiency = 1.2;
  try {
    carnot_fraction_map(s, axes());
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("carnot_efficiency = 1.2"));
    EXPECT_THAT(e.what(), HasSubstr("(0, 1)"));
  }
  s = CarnotMapSpec::defaults(SourceKind::air, 1e4);
  s.sink_approach = -1;
  EXPECT_THROW(validate(s), InvalidInput);
  EXPECT_THROW(CarnotMapSpec::defaults(SourceKind::air, -5), InvalidInput);
  EXPECT_THROW(CarnotMapSpec::defaults(SourceKind::air, std::nan("")), InvalidInput);
}

}  // namespace
}  // namespace heatlift::equipment
