#include "heatlift/equipment/performance_map.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "heatlift/core/error.hpp"

namespace heatlift::equipment {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// A smooth, non-multilinear "unit": capacity grows exponentially with the source,
// falls linearly with the sink, is proportional to speed; COP follows a Carnot fraction.
NodeValue analytic(double ts, double tk, double x) {
  const double q = 1e4 * std::exp(0.02 * (ts - 280.15)) * (1.0 - 0.005 * (tk - 308.15)) * x;
  const double cop = 0.5 * (tk + 5) / (tk + 5 - (ts - 8)) * (1.1 - 0.2 * x * x);
  return {q, q / cop};
}

MapAxes test_axes() {
  // Non-uniform on purpose.
  return {{253.15, 258.15, 263.15, 266.15, 268.15, 271.15, 275.15, 280.15, 285.15, 293.15},
          {303.15, 308.15, 313.15, 318.15, 328.15, 338.15},
          {0.25, 0.5, 0.75, 1.0}};
}

PerformanceMap analytic_map(unsigned threads = 1) {
  return PerformanceMap::generate(
      SourceKind::air, test_axes(),
      [](double ts, double tk, double x) { return std::optional(analytic(ts, tk, x)); }, {threads});
}

TEST(PerformanceMap, ReproducesNodeValuesExactly) {
  const PerformanceMap m = analytic_map();
  const MapAxes& a = m.axes();
  for (double ts : a.t_source) {
    for (double tk : a.t_sink) {
      for (double x : a.part_load) {
        const MapPoint p = m.at(ts, tk, x);
        const NodeValue v = analytic(ts, tk, x);
        ASSERT_TRUE(p.valid);
        EXPECT_EQ(p.capacity, v.capacity);
        EXPECT_EQ(p.power, v.power);
        EXPECT_EQ(p.cop, v.capacity / v.power);
      }
    }
  }
}

TEST(PerformanceMap, TrilinearIsExactForMultilinearFunctions) {
  const auto f = [](double ts, double tk, double x) {
    return NodeValue{1000 + 3 * ts + 2 * tk + 500 * x + 0.01 * ts * tk * x, 400 + ts - 0.5 * tk};
  };
  const PerformanceMap m = PerformanceMap::generate(
      SourceKind::brine, test_axes(),
      [&](double ts, double tk, double x) { return std::optional(f(ts, tk, x)); });
  for (double ts = 254.0; ts < 293.0; ts += 3.7) {
    for (double tk = 304.0; tk < 338.0; tk += 4.1) {
      for (double x = 0.3; x < 1.0; x += 0.13) {
        const MapPoint p = m.at(ts, tk, x);
        EXPECT_NEAR(p.capacity, f(ts, tk, x).capacity, 1e-9 * p.capacity);
        EXPECT_NEAR(p.power, f(ts, tk, x).power, 1e-9 * p.power);
      }
    }
  }
}

// Tolerance: linear interpolation error ≤ h²/8·max|f''|. Source steps are up to 8 K:
// capacity (f''/f = 4e-4 K⁻²) errs ≤ 0.3 %; COP ∝ 1/lift (f''/f = 2/lift², lift ≥ 40 K)
// ≤ 1 %, plus 0.3 % from its x² term on 0.25 steps. Asserted: 1 % capacity, 1.5 % COP.
TEST(PerformanceMap, AnalyticFunctionWithinStatedTolerance) {
  const PerformanceMap m = analytic_map();
  double worst_q = 0, worst_cop = 0;
  for (double ts = 253.5; ts < 293.0; ts += 0.77) {
    for (double tk = 303.5; tk < 338.0; tk += 1.3) {
      for (double x = 0.26; x <= 1.0; x += 0.047) {
        const MapPoint p = m.at(ts, tk, x);
        ASSERT_TRUE(p.valid);
        const NodeValue v = analytic(ts, tk, x);
        worst_q = std::max(worst_q, std::abs(p.capacity / v.capacity - 1));
        worst_cop = std::max(worst_cop, std::abs(p.cop / (v.capacity / v.power) - 1));
      }
    }
  }
  EXPECT_LT(worst_q, 0.01);
  EXPECT_LT(worst_cop, 0.015);
}

TEST(PerformanceMap, OutsideTheGridIsFlaggedAndClamped) {
  const PerformanceMap m = analytic_map();
  const MapPoint inside = m.at(253.15, 308.15, 1.0);
  const MapPoint below = m.at(243.15, 308.15, 1.0);
  EXPECT_FALSE(below.valid);
  EXPECT_EQ(below.status, MapStatus::outside_grid);
  EXPECT_EQ(below.capacity, inside.capacity);  // the clamped value, documented
  EXPECT_FALSE(m.at(280.0, 350.0, 1.0).valid);
  EXPECT_FALSE(m.at(280.0, 310.0, 0.1).valid);  // below the lowest speed
  EXPECT_FALSE(m.at(280.0, 310.0, 1.2).valid);
  EXPECT_FALSE(m.at(std::nan(""), 310.0, 1.0).valid);
  EXPECT_TRUE(m.at(293.15, 338.15, 1.0).valid);  // the far corner is inside
  try {
    m.at_checked(243.15, 308.15, 1.0);
    FAIL();
  } catch (const OutOfRange& e) {
    EXPECT_THAT(e.what(),
                AllOf(HasSubstr("t_source"), HasSubstr("243.15"), HasSubstr("[253.15, 293.15]")));
  }
  EXPECT_THROW(m.at_checked(280.0, 308.15, 0.2), OutOfRange);
  EXPECT_THROW(m.at_checked(280.0, std::nan(""), 1.0), InvalidInput);
  EXPECT_NO_THROW(m.at_checked(280.0, 308.15, 0.6));
}

TEST(PerformanceMap, InvalidNodesFlagTheirNeighbourhood) {
  MapAxes a{{260, 270, 280, 290}, {300, 310, 320}, {1.0}};
  std::vector<std::optional<NodeValue>> nodes(12, NodeValue{5000, 2000});
  nodes[3 * 3 + 2] = std::nullopt;  // (290, 320): infeasible, e.g. too hot a sink
  const PerformanceMap m(SourceKind::air, a, nodes);
  EXPECT_EQ(m.invalid_node_count(), 1u);
  const MapPoint near = m.at(285, 315, 1.0);
  EXPECT_FALSE(near.valid);
  EXPECT_EQ(near.status, MapStatus::invalid_node);
  EXPECT_DOUBLE_EQ(near.capacity, 5000);  // from the valid corners
  EXPECT_EQ(m.at(290, 320, 1.0).status, MapStatus::invalid_node);
  EXPECT_TRUE(m.at(275, 315, 1.0).valid);
  EXPECT_TRUE(m.at(285, 305, 1.0).valid);
  EXPECT_THROW(m.at_checked(285, 315, 1.0), InvalidInput);
  // No valid corner at all: zeros, flagged.
  const PerformanceMap empty(SourceKind::air, {{260, 270}, {300, 310}, {1.0}},
                             std::vector<std::optional<NodeValue>>(4));
  const MapPoint z = empty.at(265, 305, 1.0);
  EXPECT_FALSE(z.valid);
  EXPECT_EQ(z.capacity, 0.0);
  EXPECT_EQ(z.cop, 0.0);
}

TEST(PerformanceMap, SingleSpeedPartLoadIsOnTimeFraction) {
  const PerformanceMap m(SourceKind::water, {{280, 290}, {300, 320}, {1.0}},
                         std::vector<std::optional<NodeValue>>(4, NodeValue{8000, 2000}));
  EXPECT_TRUE(m.single_speed());
  const MapPoint half = m.at(285, 310, 0.5);
  EXPECT_TRUE(half.valid);
  EXPECT_DOUBLE_EQ(half.capacity, 4000);
  EXPECT_DOUBLE_EQ(half.power, 1000);
  EXPECT_DOUBLE_EQ(half.cop, 4.0);
  EXPECT_FALSE(m.at(285, 310, 1.5).valid);
  EXPECT_FALSE(m.at(285, 310, 0.0).valid);
  EXPECT_THROW(m.at_checked(285, 310, 0.0), OutOfRange);
}

TEST(PerformanceMap, GenerationIsIdenticalOnAnyNumberOfThreads) {
  const PerformanceMap one = analytic_map(1);
  for (unsigned t : {2u, 3u, 7u, 0u}) {
    const PerformanceMap many = analytic_map(t);
    const auto a = one.nodes(), b = many.nodes();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t n = 0; n < a.size(); ++n) {
      EXPECT_EQ(a[n]->capacity, b[n]->capacity);
      EXPECT_EQ(a[n]->power, b[n]->power);
    }
  }
}

TEST(PerformanceMap, InfeasibleNodesFromTheCallbackBecomeInvalid) {
  std::vector<NodeIssue> issues;
  const PerformanceMap m = PerformanceMap::generate(
      SourceKind::air, test_axes(),
      [](double ts, double tk, double x) -> std::optional<NodeValue> {
        if (tk > 330) throw OutOfRange("sink above the critical temperature");
        if (ts < 255) return std::nullopt;
        return analytic(ts, tk, x);
      },
      {2}, &issues);
  EXPECT_EQ(m.invalid_node_count(), issues.size());
  // t_sink 338.15 for all 10 × 4, and t_source 253.15 for the other 5 sinks × 4 speeds.
  EXPECT_EQ(issues.size(), 40u + 20u);
  EXPECT_EQ(issues.front().t_source, 253.15);
  EXPECT_THAT(issues.back().reason, HasSubstr("critical"));
  EXPECT_FALSE(m.at(280, 335, 1.0).valid);
  EXPECT_TRUE(m.at(280, 325, 1.0).valid);
  // A bug in the callback is not an infeasible node: it propagates.
  EXPECT_THROW(PerformanceMap::generate(SourceKind::air, test_axes(),
                                        [](double, double, double) -> std::optional<NodeValue> {
                                          throw InternalError("bug");
                                        },
                                        {2}),
               InternalError);
}

TEST(PerformanceMap, BadInputNamesFieldValueAndExpectation) {
  const auto make = [](MapAxes a, NodeValue v = {5000, 2000}) {
    const std::size_t n = a.t_source.size() * a.t_sink.size() * a.part_load.size();
    return PerformanceMap(SourceKind::air, std::move(a),
                          std::vector<std::optional<NodeValue>>(n, v));
  };
  const auto expect_error = [](auto&& f, std::vector<std::string> parts) {
    try {
      f();
      FAIL() << "no error";
    } catch (const InvalidInput& e) {
      for (const auto& p : parts) EXPECT_THAT(e.what(), HasSubstr(p));
    }
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  expect_error(
      [&] {
        make({{280, 270}, {300, 310}, {1.0}});
      },
      {"t_source", "not strictly increasing", "270"});
  expect_error([&] { make({{280, nan}, {300, 310}, {1.0}}); }, {"t_source[1]", "nan", "finite"});
  expect_error([&] { make({{280, 290}, {300, 300}, {1.0}}); }, {"t_sink", "strictly increasing"});
  expect_error(
      [&] {
        make({{280, 290}, {300, 310}, {0.5, 1.5}});
      },
      {"part_load[1]", "1.5", "(0, 1]"});
  expect_error([&] { make({{280, 290}, {300, 310}, {0.5}}); }, {"part_load[0]", "single-speed"});
  expect_error(
      [&] {
        make({{280, 290}, {300, 310}, {1.0}}, {-5000, 2000});
      },
      {"heating_capacity", "-5000", "> 0"});
  expect_error(
      [&] {
        make({{280, 290}, {300, 310}, {1.0}}, {5000, 0});
      },
      {"electric_power", "COP > 0"});
  expect_error(
      [&] {
        make({{280, 290}, {300, 310}, {1.0}}, {nan, 2000});
      },
      {"heating_capacity", "nan"});
  expect_error(
      [&] {
        PerformanceMap(SourceKind::air, {{280, 290}, {300, 310}, {1.0}},
                       std::vector<std::optional<NodeValue>>(3));
      },
      {"3 node values", "expected 4"});
  expect_error([] { source_kind_from_string("steam"); }, {"source_kind", "steam", "air"});
}

}  // namespace
}  // namespace heatlift::equipment
