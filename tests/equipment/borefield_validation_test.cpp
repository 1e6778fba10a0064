// Borefield sizing checked against a published inter-model comparison.
//
// Source: Ahmadfard, M. & Bernier, M. (2019), "A review of vertical ground heat exchanger
// sizing tools including an inter-model comparison", Renewable and Sustainable Energy Reviews
// 110, 247-265 (accepted manuscript: PolyPublie 3961), Test 1a: one borehole, a synthetic
// balanced hourly ground load, 10 years. Inputs of the test:
//   ground k = 1.8 W/(m·K), ρc = 2.0736 MJ/(m³·K) (α = 0.075 m²/day), T_g = 17.5 °C;
//   borehole r_b = 75 mm, buried D = 4 m; R_b computed by each tool (first set) or imposed
//   at 0.13 m·K/W (second set);
//   brine 0.44 kg/s, c_p = 3,795 J/(kg·K); heat pump inlet (borehole outlet) between 0 and 35 °C.
// Ground load: the synthetic profile of Bernier, Pinel, Labib & Paillot (2004, "A multiple
// load aggregation algorithm for annual hourly simulations of GCHP systems", HVAC&R Research
// 10(4) 471-487), written out below from its published formula; the test first checks it
// against hours of the published Test 1a series.
//
// Published lengths, second set (Test 1a table, peak duration 6 h, R_b = 0.13 m·K/W), m:
//   L2: ASHRAE classic 63.7, modified 62.7, modified+ (B) 62.7, modified+ (F) 62.7,
//       alternative 59.8, alternative with short-term effects 56.6, GHX design tool box 59.0;
//   L3: modified ASHRAE (monthly) 62.6, alternative (monthly) 59.7, alternative (monthly,
//       short-term) 56.5, EED monthly 4.17 60.0, GLHEPro monthly 5.0 57.3;
//   L4: EED hourly 4.17 57.0, DST 59.7.
// (The tools' lengths as tabulated for Test 1a in the paper, read from the reproduction of that
// table in the GHEtool validation documentation, "Inter sizing tool comparison".)
// Mean of the 14 tools 60.0 m; they span 56.5 … 63.7 m, −5.8 % … +6.2 % of their mean.
// Tolerance, stated before our first run: our length within ±6.5 % of that mean, the tools'
// own spread. Our sizing is an hourly (L4) method: it should sit with EED hourly and DST.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <numbers>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "heatlift/equipment/borefield.hpp"

namespace heatlift::equipment {
namespace {

constexpr double kCelsius = 273.15;

// Bernier et al. (2004), eq. for the synthetic building load, W, at hour x = 1 … 8760 (x is
// the end of the hour): a weekly occupancy factor times a daily and an annual sine, kept on one
// sign per half year, plus a 0.01 W offset. Positive = heat rejected to the ground.
double bernier_2004_load(double x) {
  constexpr double a = 2000.0, b = 2190.0, c = 80.0, d = 2.0, e = 0.01, f = 0.0, g = 0.95;
  const double pi = std::numbers::pi;
  double week = (168.0 - c) / 168.0;
  for (int i = 1; i <= 3; ++i) {
    week += (std::cos(c * pi * i / 84.0) - 1.0) * std::sin(pi * i / 84.0 * (x - b)) / (i * pi);
  }
  const double w = a * week * std::sin(pi / 12.0 * (x - b)) * std::sin(pi / 4380.0 * (x - b));
  const double half_year = std::pow(-1.0, std::floor(d / 8760.0 * (x - b)));
  const double offset_sign = std::cos(d * pi / 4380.0 * (x - f)) + g > 0 ? 1.0 : -1.0;
  return w + half_year * std::abs(w) + e * half_year / offset_sign;
}

// Ground heat in our convention (positive = extracted), hour h = 0 … 8759.
std::vector<double> test_1a_ground_heat() {
  std::vector<double> q(8760);
  for (int h = 0; h < 8760; ++h) q[static_cast<std::size_t>(h)] = -bernier_2004_load(h + 1.0);
  return q;
}

// The published Test 1a series gives, in kW, the heat extracted (its "heating" column) or
// rejected ("cooling") each hour: row 8 0.861124705 extracted, row 108 4.3602942763 extracted;
// the year's largest rejection 4.427901442 and extraction 4.4270813161 (within 1 mW).
TEST(BorefieldValidation, SyntheticLoadReproducesThePublishedTest1aSeries) {
  const std::vector<double> q = test_1a_ground_heat();
  EXPECT_NEAR(q[7], 861.124705, 1e-3);
  EXPECT_NEAR(q[107], 4360.2942763, 1e-3);
  EXPECT_NEAR(*std::min_element(q.begin(), q.end()), -4427.901442, 1e-3);
  EXPECT_NEAR(*std::max_element(q.begin(), q.end()), 4427.0813161, 1e-3);
  // Balanced: the year's net is a few kWh against about 1.9 MWh each way.
  double out = 0, in = 0;
  for (double v : q) (v > 0 ? out : in) += std::abs(v);
  EXPECT_NEAR(out / in, 1.0, 1e-2);
  EXPECT_GT(out, 1.5e6);  // Wh a year
}

BorefieldSpec test_1a_spec() {
  BorefieldSpec spec;
  spec.geometry.rows = 1;
  spec.geometry.cols = 1;
  spec.geometry.length = 110.0;
  spec.geometry.buried = 4.0;
  spec.geometry.radius = 0.075;
  spec.ground.conductivity = 1.8;
  spec.ground.heat_capacity = 2.0736e6;
  spec.ground.t_undisturbed = kCelsius + 17.5;
  return spec;
}

// The limits are on the heat pump's inlet, the borehole's outlet, which leaves the mean fluid
// by half the brine's temperature change ΔT = q/(ṁ·c_p). At the peak hour, which sets the
// length, the mean fluid may reach 0 − ΔT/2 in heating and 35 + ΔT/2 in cooling (ΔT/2 = 1.33 K).
FluidLimits test_1a_limits(const std::vector<double>& q) {
  const double flow_capacity = 0.44 * 3795.0;  // W/K
  const double peak =
      std::max(*std::max_element(q.begin(), q.end()), -*std::min_element(q.begin(), q.end()));
  const double half_dt = 0.5 * peak / flow_capacity;
  return {.t_min = kCelsius + 0.0 - half_dt, .t_max = kCelsius + 35.0 + half_dt};
}

// Sizes `spec` on Test 1a and checks the length against the tools' mean within `tolerance`.
void expect_length_near(const BorefieldSpec& spec, double published_mean, double tolerance,
                        const char* what) {
  const std::vector<double> q = test_1a_ground_heat();
  const FluidLimits limits = test_1a_limits(q);
  const BorefieldSizing sized = size_borefield(spec, q, 10, limits);
  std::cout << fmt::format(
      "Test 1a, {}: {:.1f} m ({:+.1f} % from the tools' mean {:.2f} m); fluid {:.2f} … {:.2f} "
      "°C, limited by {}\n",
      what, sized.length, 100 * (sized.length / published_mean - 1), published_mean,
      sized.t_fluid_min - kCelsius, sized.t_fluid_max - kCelsius,
      sized.limited_by_heating ? "heating" : "cooling");
  EXPECT_NEAR(sized.length, published_mean, tolerance * published_mean) << what;
  // The sized borehole meets its binding limit (within the search's 0.05 m).
  const double binding = sized.limited_by_heating ? sized.t_fluid_min - limits.t_min
                                                  : limits.t_max - sized.t_fluid_max;
  EXPECT_GE(binding, 0.0) << what;
  EXPECT_LT(binding, 0.05) << what;
}

// Second set of Test 1a: R_b = 0.13 m·K/W imposed on every tool. Mean 60.0 m, tolerance ±6.5 %
// (header). EED hourly 57.0 and DST 59.7 are the hourly tools.
TEST(BorefieldValidation, Test1aLengthWithImposedResistance) {
  BorefieldSpec spec = test_1a_spec();
  spec.resistance = 0.13;
  expect_length_near(spec, 60.0, 0.065, "R_b = 0.13 imposed");
}

// The borehole of Test 1a: single U, pipes r_i = 13.7 mm, r_o = 16.7 mm, 37.5 mm from the axis,
// k_pipe = 0.43, k_grout = 1.4 W/(m·K); brine 0.44 kg/s, μ = 0.0052 Pa·s, λ = 0.48 W/(m·K),
// c_p = 3,795 J/(kg·K). The convection coefficient is Gnielinski's (Petukhov friction factor)
// at Re ≈ 3,900, Pr ≈ 41 (VDI Heat Atlas G1 eq. 26; valid from Re = 2,300).
PipeLayout test_1a_pipes() {
  const double m = 0.44, mu = 0.0052, k_f = 0.48, cp = 3795.0, d = 2 * 0.0137;
  const double re = 4 * m / (std::numbers::pi * d * mu), pr = mu * cp / k_f;
  const double f = std::pow(0.79 * std::log(re) - 1.64, -2.0);
  const double nu =
      (f / 8) * (re - 1000) * pr / (1 + 12.7 * std::sqrt(f / 8) * (std::pow(pr, 2.0 / 3.0) - 1));
  PipeLayout p;
  p.pipes = 2;
  p.r_in = 0.0137;
  p.r_out = 0.0167;
  p.shank = 0.0375;
  p.k_pipe = 0.43;
  p.k_grout = 1.4;
  p.h_fluid = nu * k_f / d;
  return p;
}

// "R_b calculated by tool" in the Test 1a table: 0.120 … 0.128 m·K/W over the 14 tools (EED
// and GLHEPro 0.127, DST 0.125; the ASHRAE-equation forms 0.122). Ours is Hellström's
// zeroth-order line-source formula, a local resistance (no internal short-circuit correction,
// small for one 60 m borehole at 0.44 kg/s): within that range.
TEST(BorefieldValidation, Test1aBoreholeResistanceWithinThePublishedRange) {
  const double rb = borehole_resistance(test_1a_pipes(), 0.075, 1.8);
  std::cout << fmt::format("Test 1a: R_b = {:.4f} m·K/W (tools 0.120 … 0.128)\n", rb);
  EXPECT_GE(rb, 0.120 - 0.002);
  EXPECT_LE(rb, 0.128 + 0.002);
}

// First set of Test 1a: each tool computes its own R_b. Lengths (m): ASHRAE classic 61.7,
// modified 62.1, modified+ (B) 60.7, (F) 60.7, alternative 57.8, alternative short-term 54.8,
// GHX design tool box 58.0, modified monthly 60.7, alternative monthly 57.8, alternative
// monthly short-term 54.8, EED monthly 59.8, GLHEPro monthly 56.7, EED hourly 56.8, DST 58.7.
// Mean 58.65 m, spread −6.6 % … +5.9 %: tolerance ±7 %, stated before the run.
TEST(BorefieldValidation, Test1aLengthWithOurResistance) {
  BorefieldSpec spec = test_1a_spec();
  spec.pipes = test_1a_pipes();
  expect_length_near(spec, 58.65, 0.07, "R_b from the pipes");
}

}  // namespace
}  // namespace heatlift::equipment
