#include "heatlift/equipment/borefield.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace heatlift::equipment {
namespace {

constexpr double kHour = 3600.0;

// The field of Cimmino & Bernier (2014, "A semi-analytical method to generate g-functions for
// geothermal bore fields", Int. J. Heat Mass Transfer 70, 641-650): H = 150 m, D = 4 m,
// r_b = 0.075 m, B = 7.5 m, α = 1e-6 m²/s.
BorefieldGeometry cimmino_field(int rows, int cols) {
  BorefieldGeometry g;
  g.rows = rows;
  g.cols = cols;
  g.spacing = 7.5;
  g.length = 150.0;
  g.buried = 4.0;
  g.radius = 0.075;
  return g;
}

// Uniform-heat-extraction g-functions published by Cimmino & Bernier (2014) at
// t = 1,070 h and t = 33,554,478 h (the values pygfunction's test suite checks against).
// Tolerance 0.1 %: our quadrature and interpolation, not the model, set it.
TEST(Borefield, GFunctionMatchesCimminoBernier2014SingleBorehole) {
  const GFunction g(cimmino_field(1, 1), 1e-6, 33554478.0 * kHour);
  EXPECT_NEAR(g(1070.0 * kHour), 3.65501492640735, 3.655e-3);
  EXPECT_NEAR(g(33554478.0 * kHour), 6.68675948788837, 6.687e-3);
}

TEST(Borefield, GFunctionMatchesCimminoBernier2014ThreeByTwoField) {
  const GFunction g(cimmino_field(3, 2), 1e-6, 33554478.0 * kHour);
  EXPECT_NEAR(g(1070.0 * kHour), 3.66173047944222, 3.662e-3);
  EXPECT_NEAR(g(33554478.0 * kHour), 16.0243474955568, 16.02e-3);
}

// At short times the finite line source is the infinite line source, g = E1(r²/4αt)/2
// (Carslaw & Jaeger), less the ends' correction (√(4αt/π) − r_b)/H (the integral's large-s
// expansion); E1 by its series, tolerance 0.01 %.
TEST(Borefield, ShortTimesAreTheInfiniteLineSource) {
  const GFunction g(cimmino_field(1, 1), 1e-6, 10 * 8760 * kHour);
  for (double hours : {10.0, 50.0, 200.0}) {
    const double t = hours * kHour;
    const double x = 0.075 * 0.075 / (4e-6 * t);
    double e1 = -0.5772156649015329 - std::log(x), term = 1.0;
    for (int k = 1; k < 30; ++k) {
      term *= -x / k;
      e1 -= term / k;
    }
    const double expected = 0.5 * e1 - (std::sqrt(4e-6 * t / std::numbers::pi) - 0.075) / 150.0;
    EXPECT_NEAR(g(t), expected, 1e-4 * expected) << hours << " h";
  }
}

// Steady state of one borehole reaching the surface (D = 0): the line source and its mirror
// image averaged over the borehole give g = ln(H/r_b) − 1 for r_b ≪ H (from the stationary
// point-source integral). Within 0.5 % after 10⁵ years.
TEST(Borefield, SteadyStateOfOneBorehole) {
  BorefieldGeometry geo = cimmino_field(1, 1);
  geo.buried = 0.0;
  const double t = 1e5 * 8760 * kHour;
  const GFunction g(geo, 1e-6, t);
  const double steady = std::log(150.0 / 0.075) - 1.0;
  EXPECT_NEAR(g(t), steady, 5e-3 * steady);
}

TEST(Borefield, GFunctionGrowsWithTimeAndWithNeighbours) {
  const GFunction one(cimmino_field(1, 1), 1e-6, 50 * 8760 * kHour);
  const GFunction many(cimmino_field(4, 4), 1e-6, 50 * 8760 * kHour);
  double prev = 0;
  for (double years : {1.0, 3.0, 10.0, 50.0}) {
    const double t = years * 8760 * kHour;
    EXPECT_GT(one(t), prev);
    EXPECT_GT(many(t), one(t));
    prev = one(t);
  }
}

// Hellström's line-source resistance, single U, k_grout = k_ground (σ = 0):
// R_b = R_p/2 + [ln(r_b/r_o) + ln(r_b/2x_c)]/(4πk_b), written out by hand.
TEST(Borefield, BoreholeResistanceOfASingleU) {
  PipeLayout p;
  const double rb = 0.075, k = p.k_grout;
  const double rp = std::log(p.r_out / p.r_in) / (2 * std::numbers::pi * p.k_pipe) +
                    1.0 / (2 * std::numbers::pi * p.r_in * p.h_fluid);
  const double expected =
      rp / 2 + (std::log(rb / p.r_out) + std::log(rb / (2 * p.shank))) / (4 * std::numbers::pi * k);
  EXPECT_NEAR(borehole_resistance(p, rb, k), expected, 1e-12);
  // A typical grouted single U lies between 0.05 and 0.2 m·K/W; a double U is lower.
  EXPECT_GT(expected, 0.05);
  EXPECT_LT(expected, 0.2);
  PipeLayout two = p;
  two.pipes = 4;
  EXPECT_LT(borehole_resistance(two, rb, 2.0), borehole_resistance(p, rb, 2.0));
}

BorefieldSpec spec_of(int rows, int cols) {
  BorefieldSpec s;
  s.geometry = cimmino_field(rows, cols);
  s.ground.conductivity = 2.0;
  s.ground.heat_capacity = 2.0e6;
  s.ground.t_undisturbed = 288.15;
  s.resistance = 0.1;
  return s;
}

// A constant extraction: the FFT superposition of hourly pulses must give exactly
// T_g − q'·(g(t)/(2πk) + R_b).
TEST(Borefield, ConstantLoadIsTheStepResponse) {
  const BorefieldSpec s = spec_of(2, 3);
  const std::vector<double> q(8760, 30000.0);
  const BorefieldResponse r = simulate_borefield(s, q, 5);
  const GFunction g(s.geometry, s.ground.diffusivity(), 5 * 8760 * kHour);
  const double qp = 30000.0 / (6 * 150.0);
  for (std::size_t h : {0UL, 100UL, 8759UL, 5UL * 8760 - 1}) {
    const double t = static_cast<double>(h + 1) * kHour;
    const double expected = 288.15 - qp * (g(t) / (2 * std::numbers::pi * 2.0) + 0.1);
    EXPECT_NEAR(r.t_fluid[h], expected, 1e-6) << h;
  }
  EXPECT_EQ(r.years.size(), 5U);
  EXPECT_LT(r.years[4].t_fluid_mean, r.years[0].t_fluid_mean);  // extraction only: downwards
  EXPECT_NEAR(r.years[0].heat_extracted, 30000.0 * 8760 * kHour, 1.0);
}

// A year that rejects more than it extracts warms the field year after year; a balanced
// year (same heat out in winter as in in summer) barely drifts.
TEST(Borefield, UnbalancedLoadsDriftBalancedDoNot) {
  const BorefieldSpec s = spec_of(3, 3);
  std::vector<double> cooling(8760), balanced(8760);
  for (int h = 0; h < 8760; ++h) {
    const double season = std::cos(2 * std::numbers::pi * h / 8760.0);  // +1 in January
    cooling[h] = season > 0 ? 10000.0 * season : 30000.0 * season;
    balanced[h] = 20000.0 * season;
  }
  const BorefieldResponse hot = simulate_borefield(s, cooling, 25);
  const BorefieldResponse even = simulate_borefield(s, balanced, 25);
  const double hot_drift = hot.years[24].t_fluid_mean - hot.years[0].t_fluid_mean;
  const double even_drift = even.years[24].t_fluid_mean - even.years[0].t_fluid_mean;
  EXPECT_GT(hot_drift, 1.0);
  EXPECT_LT(std::abs(even_drift), 0.2 * hot_drift);
  EXPECT_GT(hot.years[24].t_fluid_max, hot.years[0].t_fluid_max);
  // The coldest month of the last year is a winter month, the warmest a summer one.
  const auto& m = even.monthly_fluid_last;
  EXPECT_LT(m[0], m[6]);
}

TEST(Borefield, SizingMeetsTheLimitExactly) {
  const BorefieldSpec s = spec_of(2, 2);
  std::vector<double> q(8760);
  for (int h = 0; h < 8760; ++h) {
    q[h] = 12000.0 * std::max(0.0, std::cos(2 * std::numbers::pi * h / 8760.0));
  }
  const FluidLimits limits{.t_min = 273.15 + 2.0, .t_max = 273.15 + 35.0};
  const BorefieldSizing sized = size_borefield(s, q, 10, limits);
  EXPECT_TRUE(sized.limited_by_heating);
  EXPECT_NEAR(sized.t_fluid_min, limits.t_min, 0.02);
  EXPECT_NEAR(sized.total_length, 4 * sized.length, 1e-9);
  // A colder limit needs less borehole.
  const BorefieldSizing looser = size_borefield(s, q, 10, {.t_min = 273.15 - 2.0, .t_max = 308.15});
  EXPECT_LT(looser.length, sized.length);
}

TEST(Borefield, BadInputIsNamed) {
  BorefieldSpec s = spec_of(1, 1);
  const std::vector<double> q(8760, 1000.0);
  s.ground.conductivity = -1;
  EXPECT_THROW(simulate_borefield(s, q, 1), InvalidInput);
  s = spec_of(1, 1);
  EXPECT_THROW(simulate_borefield(s, std::vector<double>(100, 0.0), 1), InvalidInput);
  std::vector<double> nan_load = q;
  nan_load[5] = std::nan("");
  EXPECT_THROW(simulate_borefield(s, nan_load, 1), InvalidInput);
  EXPECT_THROW(simulate_borefield(s, q, 0), InvalidInput);
  EXPECT_THROW(size_borefield(s, q, 10, {.t_min = 300.0, .t_max = 310.0}), InvalidInput);
  s.geometry.rows = 2;
  s.geometry.spacing = 0.1;
  try {
    simulate_borefield(s, q, 1);
    ADD_FAILURE() << "a spacing below the borehole diameter was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("spacing"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace heatlift::equipment
