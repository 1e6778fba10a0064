// A vertical borefield: its thermal response (g-function), borehole thermal resistance, the
// fluid temperature over 20-50 years of hourly ground loads, and sizing of its length.
//
// g-function: the finite line source (FLS) in the integral form of Claesson & Javed (2011,
// "An analytical method to calculate borehole fluid temperatures for time-scales from minutes
// to decades", ASHRAE Transactions 117(2)) with a mirror source above the ground surface and
// uniform heat extraction rate (UHF) along each borehole, superposed between all boreholes of
// the field:
//   g(t) = 1/N · Σ_i Σ_j h(d_ij, t),  h(d, t) = 1/(2H) ∫_{1/√(4αt)}^∞ e^{−d²s²}/s² Y(s) ds,
//   Y(s) = 2 ierf(Hs) − ierf(2(D+H)s) − ierf(2Ds) + 2 ierf((2D+H)s),
//   ierf(x) = x·erf(x) − (1 − e^{−x²})/√π,  d_ii = r_b.
// The integrand does not depend on t except through its lower limit, so the integral is
// tabulated once from ∞ down to the longest time: g at every hour is then a look-up.
// The borehole wall temperature is T_g − Σ_m q'(n−m)·[g(m+1) − g(m)]/(2πk) (hourly pulses);
// the sum over 20-50 years of hours is a convolution done by FFT, O(n log n) and exact —
// load aggregation without an aggregation error.
// Borehole resistance: Hellström's line-source (zeroth-order multipole) formula for N pipes
// placed symmetrically on a circle, all at the fluid temperature (Hellström 1991; Claesson &
// Hellström 2011, "Multipole method to calculate borehole thermal resistances in a borehole
// heat exchanger", HVAC&R Research 17(6)); R_b = R_b(pipes) + R_pipe/N.
//
// Heat is positive when extracted from the ground (heating), negative when rejected (cooling).
// SI throughout: m, W, K, s.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace heatlift::equipment {

/// The ground around the boreholes.
struct GroundProperties {
  double conductivity = 2.0;      ///< W/(m·K)
  double heat_capacity = 2.2e6;   ///< J/(m³·K), volumetric
  double t_undisturbed = 288.15;  ///< K
  double diffusivity() const { return conductivity / heat_capacity; }
};

/// U-tube pipes in a borehole: single U (2 pipes) or double U (4 pipes), symmetric.
struct PipeLayout {
  int pipes = 2;            ///< 2 (single U) or 4 (double U)
  double r_out = 0.016;     ///< m, pipe outer radius (DN32)
  double r_in = 0.013;      ///< m, pipe inner radius
  double shank = 0.03;      ///< m, borehole axis to pipe axis
  double k_pipe = 0.42;     ///< W/(m·K), PE100
  double k_grout = 1.5;     ///< W/(m·K)
  double h_fluid = 1000.0;  ///< W/(m²·K), convection inside the pipe (turbulent brine)
};

/// A rectangular field of rows × cols equal boreholes (rows = 1: a line).
struct BorefieldGeometry {
  int rows = 1, cols = 1;
  double spacing = 6.0;   ///< m, between neighbouring boreholes
  double length = 100.0;  ///< m, H, active borehole length
  double buried = 2.0;    ///< m, D, depth of the borehole's top below the surface
  double radius = 0.075;  ///< m, r_b
  int count() const { return rows * cols; }
};

struct BorefieldSpec {
  BorefieldGeometry geometry;
  GroundProperties ground;
  /// m·K/W, effective borehole thermal resistance; when empty it is computed from `pipes`.
  std::optional<double> resistance;
  PipeLayout pipes;
};

/// Checks `spec`; throws InvalidInput naming the field, value and expectation.
void validate(const BorefieldSpec& spec);

/// Borehole thermal resistance (m·K/W) of `pipes` in a borehole of radius r_b in ground of
/// conductivity k_ground: Hellström's line-source formula plus pipe wall and convection.
double borehole_resistance(const PipeLayout& pipes, double r_b, double k_ground);

/// The g-function of a field, tabulated once: g(t) for any t up to `t_max`.
class GFunction {
 public:
  /// Tabulates the FLS (UHF) g-function of `geometry` in ground of diffusivity `alpha`
  /// (m²/s) for times up to t_max (s). Throws InvalidInput for a bad geometry.
  GFunction(const BorefieldGeometry& geometry, double alpha, double t_max);
  /// Dimensionless g at t seconds (0 for t ≤ 0); t beyond t_max throws InvalidInput.
  double operator()(double t) const;
  double t_max() const { return t_max_; }

 private:
  double alpha_, t_max_, ln_s_lo_, d_ln_s_;
  std::vector<double> tail_;  // ∫ from s_k to ∞, on a grid uniform in ln s
};

/// The field's temperatures over a number of years of the same hourly ground load.
struct YearTemperatures {
  double t_fluid_min = 0, t_fluid_mean = 0, t_fluid_max = 0;  ///< K, mean fluid
  double t_wall_mean = 0;                                     ///< K, borehole wall
  double heat_extracted = 0, heat_rejected = 0;               ///< J
};

struct BorefieldResponse {
  std::vector<double> t_fluid;  ///< K, mean fluid temperature, every hour of every year
  std::vector<YearTemperatures> years;
  std::array<double, 12> monthly_fluid_last{};  ///< K, mean fluid by month of the last year
  double resistance = 0;                        ///< m·K/W used
  /// K, fluid temperatures of year `y` (1-based): 8,760 values from t_fluid.
  std::span<const double> year(int y) const;
};

/// Fluid temperatures of `spec` when `ground_heat` (W, one value per hour of a year, positive =
/// extracted) repeats for `years` years. Throws InvalidInput for an empty load, a non-finite
/// value or years outside [1, 100].
BorefieldResponse simulate_borefield(const BorefieldSpec& spec, std::span<const double> ground_heat,
                                     int years);

/// Limits on the mean fluid temperature.
struct FluidLimits {
  double t_min = 271.15;  ///< K, lowest fluid temperature in heating (−2 °C)
  double t_max = 308.15;  ///< K, highest fluid temperature in cooling (35 °C)
};

struct BorefieldSizing {
  double length = 0;                        ///< m per borehole
  double total_length = 0;                  ///< m, all boreholes
  double t_fluid_min = 0, t_fluid_max = 0;  ///< K over the years at that length
  bool limited_by_heating = true;           ///< the minimum (not the maximum) binds
};

/// The borehole length (count and layout as in `spec`) at which the fluid stays within
/// `limits` over `years` years of `ground_heat`; searched between 20 and 400 m. Throws
/// InvalidInput when even 400 m per borehole cannot keep the limits (more boreholes needed)
/// or when the limits are inconsistent with the undisturbed ground.
BorefieldSizing size_borefield(const BorefieldSpec& spec, std::span<const double> ground_heat,
                               int years, const FluidLimits& limits);

}  // namespace heatlift::equipment
