#include "heatlift/equipment/borefield.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <map>
#include <numbers>
#include <string_view>

#include <fmt/format.h>
#include <unsupported/Eigen/FFT>

#include "heatlift/core/error.hpp"
#include "heatlift/core/roots.hpp"

namespace heatlift::equipment {

namespace {

using heatlift::InvalidInput;

constexpr double kHour = 3600.0;
constexpr int kHoursPerYear = 8760;
constexpr std::array<int, 12> kMonthDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

void require(bool ok, std::string_view field, double value, std::string_view expected) {
  if (!ok) {
    throw InvalidInput(fmt::format("borefield {}: {} is not {}", field, value, expected));
  }
}

// ∫_0^x erf(u) du: x·erf(x) − (1 − e^{−x²})/√π, written without cancellation at small x.
double ierf(double x) {
  return x * std::erf(x) + std::expm1(-x * x) / std::sqrt(std::numbers::pi);
}

// Distinct distances between the boreholes of a rectangular field and the share of the
// N² pairs at each (the pair of a borehole with itself is at r_b).
std::vector<std::pair<double, double>> pair_distances(const BorefieldGeometry& g) {
  std::map<int, double> weight;  // i² + j² → number of ordered pairs
  for (int i = -(g.rows - 1); i <= g.rows - 1; ++i) {
    for (int j = -(g.cols - 1); j <= g.cols - 1; ++j) {
      weight[i * i + j * j] += static_cast<double>((g.rows - std::abs(i)) * (g.cols - std::abs(j)));
    }
  }
  std::vector<std::pair<double, double>> out;
  const double n = g.count();
  for (const auto& [d2, w] : weight) {
    const double d = d2 == 0 ? g.radius : g.spacing * std::sqrt(static_cast<double>(d2));
    out.emplace_back(d, w / n);
  }
  return out;
}

void validate_geometry(const BorefieldGeometry& g) {
  require(g.rows >= 1 && g.rows <= 100, "rows", g.rows, "a count in [1, 100]");
  require(g.cols >= 1 && g.cols <= 100, "cols", g.cols, "a count in [1, 100]");
  require(std::isfinite(g.length) && g.length >= 10 && g.length <= 1000, "length", g.length,
          "a borehole length in [10, 1000] m");
  require(std::isfinite(g.buried) && g.buried >= 0 && g.buried <= 100, "buried", g.buried,
          "a depth in [0, 100] m");
  require(std::isfinite(g.radius) && g.radius >= 0.02 && g.radius <= 0.5, "radius", g.radius,
          "a borehole radius in [0.02, 0.5] m");
  const bool single = g.count() == 1;
  require(single || (std::isfinite(g.spacing) && g.spacing > 2 * g.radius && g.spacing <= 100),
          "spacing", g.spacing, "a spacing above the borehole diameter and ≤ 100 m");
}

int month_of_hour(int h) {
  int m = 0, end = kMonthDays[0] * 24;
  while (h >= end && m < 11) end += kMonthDays[++m] * 24;
  return m;
}

}  // namespace

void validate(const BorefieldSpec& s) {
  validate_geometry(s.geometry);
  const GroundProperties& gr = s.ground;
  require(std::isfinite(gr.conductivity) && gr.conductivity >= 0.2 && gr.conductivity <= 10,
          "ground_conductivity", gr.conductivity, "a conductivity in [0.2, 10] W/(m·K)");
  require(std::isfinite(gr.heat_capacity) && gr.heat_capacity >= 0.5e6 && gr.heat_capacity <= 5e6,
          "ground_heat_capacity", gr.heat_capacity / 1e6,
          "a volumetric heat capacity in [0.5, 5] MJ/(m³·K)");
  require(std::isfinite(gr.t_undisturbed) && gr.t_undisturbed > 253.15 && gr.t_undisturbed < 353.15,
          "ground_temperature", gr.t_undisturbed - 273.15, "between -20 and 80 °C");
  if (s.resistance) {
    require(std::isfinite(*s.resistance) && *s.resistance > 0.01 && *s.resistance < 1.0,
            "borehole_resistance", *s.resistance, "a resistance in (0.01, 1) m·K/W");
    return;
  }
  const PipeLayout& p = s.pipes;
  require(p.pipes == 2 || p.pipes == 4, "pipes", p.pipes, "2 (single U) or 4 (double U)");
  require(p.r_in > 0 && p.r_out > p.r_in, "pipe_inner_radius", p.r_in,
          "a radius > 0 below the outer radius");
  const double pitch = p.shank * 2 * std::sin(std::numbers::pi / p.pipes);
  require(p.shank > 0 && p.shank + p.r_out < s.geometry.radius && pitch > 2 * p.r_out, "shank",
          p.shank, "a pipe position inside the borehole with the pipes not touching");
  require(p.k_pipe > 0 && p.k_grout > 0 && p.h_fluid > 0, "pipe conductivities", p.k_grout,
          "conductivities and a convection coefficient > 0");
}

double borehole_resistance(const PipeLayout& p, double r_b, double k_ground) {
  const double pi = std::numbers::pi;
  const double n = p.pipes;
  const double sigma = (p.k_grout - k_ground) / (p.k_grout + k_ground);
  // Pipe 0 at angle 0; the others at 2πj/n on the circle of radius `shank`, all at one
  // fluid temperature and carrying q/n each.
  double sum =
      std::log(r_b / p.r_out) + sigma * std::log(r_b * r_b / (r_b * r_b - p.shank * p.shank));
  for (int j = 1; j < p.pipes; ++j) {
    const std::complex<double> zj = std::polar(p.shank, 2 * pi * j / n);
    const std::complex<double> z0(p.shank, 0.0);
    sum += std::log(r_b / std::abs(z0 - zj));
    sum += sigma * std::log(r_b * r_b / std::abs(r_b * r_b - z0 * std::conj(zj)));
  }
  const double r_pipe =
      std::log(p.r_out / p.r_in) / (2 * pi * p.k_pipe) + 1.0 / (2 * pi * p.r_in * p.h_fluid);
  return (r_pipe + sum / (2 * pi * p.k_grout)) / n;
}

GFunction::GFunction(const BorefieldGeometry& g, double alpha, double t_max)
    : alpha_(alpha), t_max_(t_max) {
  validate_geometry(g);
  require(std::isfinite(alpha) && alpha > 0, "diffusivity", alpha, "a diffusivity > 0 m²/s");
  require(std::isfinite(t_max) && t_max > 0, "time", t_max, "a time > 0 s");
  const auto pairs = pair_distances(g);
  const double H = g.length, D = g.buried;
  // Grid in u = ln s from just below the longest time's limit to where e^{−r_b²s²} ≈ e^{−100}.
  ln_s_lo_ = std::log(0.5 / std::sqrt(4 * alpha * t_max));
  const double ln_s_hi = std::log(10.0 / g.radius);
  constexpr int kPanels = 1500;
  d_ln_s_ = (ln_s_hi - ln_s_lo_) / kPanels;
  // dI/du = s·F(s) with F the integrand in s.
  auto f_u = [&](double u) {
    const double s = std::exp(u);
    const double y =
        2 * ierf(H * s) - ierf(2 * (D + H) * s) - ierf(2 * D * s) + 2 * ierf((2 * D + H) * s);
    double e = 0;
    for (const auto& [d, w] : pairs) e += w * std::exp(-d * d * s * s);
    return e * y / (2 * H * s);
  };
  // 4-point Gauss-Legendre per panel, summed from the top down.
  static constexpr std::array<double, 4> x = {-0.8611363115940526, -0.3399810435848563,
                                              0.3399810435848563, 0.8611363115940526};
  static constexpr std::array<double, 4> w = {0.3478548451374538, 0.6521451548625461,
                                              0.6521451548625461, 0.3478548451374538};
  tail_.assign(kPanels + 1, 0.0);
  for (int k = kPanels - 1; k >= 0; --k) {
    const double mid = ln_s_lo_ + (k + 0.5) * d_ln_s_;
    double panel = 0;
    for (int i = 0; i < 4; ++i) panel += w[i] * f_u(mid + 0.5 * d_ln_s_ * x[i]);
    tail_[k] = tail_[k + 1] + 0.5 * d_ln_s_ * panel;
  }
}

double GFunction::operator()(double t) const {
  if (t <= 0) return 0.0;
  if (t > t_max_ * (1 + 1e-12)) {
    require(false, "time", t, fmt::format("at most {} s (the tabulated range)", t_max_));
  }
  const double u = (std::log(1.0 / std::sqrt(4 * alpha_ * t)) - ln_s_lo_) / d_ln_s_;
  const double last = static_cast<double>(tail_.size() - 1);
  if (u >= last) return 0.0;
  const auto k = static_cast<std::size_t>(u);
  const double f = u - static_cast<double>(k);
  // Piecewise-cubic through four neighbouring nodes (Lagrange), linear at the ends.
  if (k == 0 || k + 2 >= tail_.size()) return tail_[k] + f * (tail_[k + 1] - tail_[k]);
  const double p0 = tail_[k - 1], p1 = tail_[k], p2 = tail_[k + 1], p3 = tail_[k + 2];
  return p1 +
         0.5 * f * (p2 - p0 + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)));
}

std::span<const double> BorefieldResponse::year(int y) const {
  if (y < 1 || static_cast<std::size_t>(y) > years.size()) {
    throw InvalidInput(fmt::format("borefield year: {} is not between 1 and {}", y, years.size()));
  }
  return std::span<const double>(t_fluid).subspan(static_cast<std::size_t>(y - 1) * kHoursPerYear,
                                                  kHoursPerYear);
}

BorefieldResponse simulate_borefield(const BorefieldSpec& spec, std::span<const double> ground_heat,
                                     int years) {
  validate(spec);
  require(ground_heat.size() == kHoursPerYear, "ground_heat hours",
          static_cast<double>(ground_heat.size()), "8760 (one value per hour of a year)");
  require(years >= 1 && years <= 100, "years", years, "a count in [1, 100]");
  for (std::size_t h = 0; h < ground_heat.size(); ++h) {
    if (!std::isfinite(ground_heat[h])) {
      throw InvalidInput(fmt::format("borefield ground_heat: hour {} is {}, not a finite power",
                                     h + 1, ground_heat[h]));
    }
  }
  const BorefieldGeometry& geo = spec.geometry;
  const double k = spec.ground.conductivity;
  const double rb = spec.resistance.value_or(borehole_resistance(spec.pipes, geo.radius, k));
  const std::size_t n = static_cast<std::size_t>(years) * kHoursPerYear;
  const GFunction g(geo, spec.ground.diffusivity(), static_cast<double>(n) * kHour);
  const double per_metre = 1.0 / (geo.count() * geo.length);

  // Hourly pulse responses f(m) = [g(m+1) − g(m)]/(2πk), K per W/m.
  const std::size_t year_hours = kHoursPerYear;
  std::vector<double> pulse(n);
  double g_prev = 0.0;
  for (std::size_t m = 0; m < n; ++m) {
    const double g_next = g(static_cast<double>(m + 1) * kHour);
    pulse[m] = (g_next - g_prev) / (2 * std::numbers::pi * k);
    g_prev = g_next;
  }
  std::vector<double> qp(year_hours);  // W/m, the same every year
  for (std::size_t h = 0; h < year_hours; ++h) qp[h] = ground_heat[h] * per_metre;
  // The same year repeats, so the wall's drop in year Y at hour h is Σ_{y ≤ Y} C_y(h), with
  // C_y(h) = Σ_m q'(m)·f(8760y + h − m): each C_y is one convolution of the year's loads with
  // a two-year window of the pulses (FFT, zero-padded to a 2^a·3^b·5^c length).
  const std::size_t window = 2 * year_hours - 1;
  std::size_t nfft = year_hours + window - 1;
  auto smooth = [](std::size_t m) {
    for (std::size_t p : {2, 3, 5}) {
      while (m % p == 0) m /= p;
    }
    return m == 1;
  };
  while (!smooth(nfft)) ++nfft;
  Eigen::FFT<double> fft;
  fft.SetFlag(Eigen::FFT<double>::HalfSpectrum);  // real signals: half the spectrum suffices
  std::vector<double> padded(nfft, 0.0), conv;
  std::copy(qp.begin(), qp.end(), padded.begin());
  std::vector<std::complex<double>> q_hat, f_hat;
  fft.fwd(q_hat, padded);
  std::vector<double> drop(n), cumulative(year_hours, 0.0);
  for (std::size_t y = 0; y < static_cast<std::size_t>(years); ++y) {
    // window[i] = f(8760y + i − 8759), zero before the first hour.
    std::fill(padded.begin(), padded.end(), 0.0);
    for (std::size_t i = 0; i < window; ++i) {
      const long long m =
          static_cast<long long>(y * year_hours + i) - static_cast<long long>(year_hours - 1);
      if (m >= 0 && static_cast<std::size_t>(m) < n) padded[i] = pulse[static_cast<std::size_t>(m)];
    }
    fft.fwd(f_hat, padded);
    for (std::size_t i = 0; i < f_hat.size(); ++i) f_hat[i] *= q_hat[i];
    fft.inv(conv, f_hat, static_cast<Eigen::Index>(nfft));
    for (std::size_t h = 0; h < year_hours; ++h) {
      cumulative[h] += conv[h + year_hours - 1];
      drop[y * year_hours + h] = cumulative[h];
    }
  }

  BorefieldResponse out;
  out.resistance = rb;
  out.t_fluid.resize(n);
  out.years.resize(static_cast<std::size_t>(years));
  std::array<double, 12> month_sum{};
  std::array<int, 12> month_n{};
  for (std::size_t y = 0; y < out.years.size(); ++y) {
    YearTemperatures& yt = out.years[y];
    yt.t_fluid_min = std::numeric_limits<double>::infinity();
    yt.t_fluid_max = -yt.t_fluid_min;
    for (int h = 0; h < kHoursPerYear; ++h) {
      const std::size_t i = y * kHoursPerYear + static_cast<std::size_t>(h);
      const double wall = spec.ground.t_undisturbed - drop[i];
      const double fluid = wall - qp[static_cast<std::size_t>(h)] * rb;
      out.t_fluid[i] = fluid;
      yt.t_fluid_min = std::min(yt.t_fluid_min, fluid);
      yt.t_fluid_max = std::max(yt.t_fluid_max, fluid);
      yt.t_fluid_mean += fluid / kHoursPerYear;
      yt.t_wall_mean += wall / kHoursPerYear;
      const double q = ground_heat[static_cast<std::size_t>(h)] * kHour;
      (q > 0 ? yt.heat_extracted : yt.heat_rejected) += std::abs(q);
      if (y + 1 == out.years.size()) {
        month_sum[month_of_hour(h)] += fluid;
        ++month_n[month_of_hour(h)];
      }
    }
  }
  for (int m = 0; m < 12; ++m) out.monthly_fluid_last[m] = month_sum[m] / month_n[m];
  return out;
}

BorefieldSizing size_borefield(const BorefieldSpec& spec, std::span<const double> ground_heat,
                               int years, const FluidLimits& limits) {
  const double tg = spec.ground.t_undisturbed;
  if (!(limits.t_min < tg && tg < limits.t_max)) {
    throw InvalidInput(fmt::format(
        "borefield sizing: the fluid limits [{:.1f}, {:.1f}] °C must enclose the undisturbed "
        "ground temperature {:.1f} °C",
        limits.t_min - 273.15, limits.t_max - 273.15, tg - 273.15));
  }
  BorefieldSpec s = spec;
  BorefieldSizing best;
  auto margin = [&](double length) {
    s.geometry.length = length;
    const BorefieldResponse r = simulate_borefield(s, ground_heat, years);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const YearTemperatures& y : r.years) {
      lo = std::min(lo, y.t_fluid_min);
      hi = std::max(hi, y.t_fluid_max);
    }
    best = {length, length * s.geometry.count(), lo, hi, lo - limits.t_min < limits.t_max - hi};
    return std::min(lo - limits.t_min, limits.t_max - hi);
  };
  constexpr double kShortest = 20.0, kLongest = 400.0;
  if (margin(kLongest) < 0) {
    throw InvalidInput(fmt::format(
        "borefield sizing: {} boreholes of {} m still take the fluid to {:.1f}..{:.1f} °C, "
        "outside [{:.1f}, {:.1f}] °C; more boreholes are needed",
        s.geometry.count(), kLongest, best.t_fluid_min - 273.15, best.t_fluid_max - 273.15,
        limits.t_min - 273.15, limits.t_max - 273.15));
  }
  if (margin(kShortest) >= 0) return best;
  core::RootOptions opt;
  opt.x_abs = 0.05;
  opt.max_iterations = 40;
  const core::RootResult root =
      core::find_root_bracketed([&](double l) { return margin(l); }, kShortest, kLongest, opt);
  // The root's side with the limits met: evaluate at the upper end of the final bracket.
  margin(root.residual >= 0 ? root.x : root.x + opt.x_abs);
  return best;
}

}  // namespace heatlift::equipment
