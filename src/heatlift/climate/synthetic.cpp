#include "heatlift/climate/synthetic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <random>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::climate {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr int kDays = 365;
constexpr double kColdestDayCentre = 15.5;  // 16 January, the middle of the month
constexpr double kAr1 = 0.7;                // lag-1 correlation of daily anomalies
constexpr double kHottestBelowVent = 3.5;   // K: hottest-month mean = summer vent − 3.5 K
constexpr double kRangePerAcExcess = 2.2;   // daily range = 2.2 × (AC dry bulb − AC daily mean)
constexpr double kSummerRhAboveVent = 0.15;
constexpr double kSummerSunshine = 0.45;
constexpr std::size_t kNotGuaranteedDays = 5;
constexpr double kTimeZone = 8.0;  // h, China standard time
// Weights of the seasonal fit (K⁻²): the coldest-month mean is a measured normal, the
// hottest-month mean an estimate, the period dates and means are measured.
constexpr double kWeightColdestMonth = 10.0;
constexpr double kWeightHottestMonth = 1.0;
constexpr double kWeightCrossing = 1.0;
constexpr double kWeightPeriodMean = 1.0;
constexpr double kWeightSymmetry = 0.1;

double theta(int d) {
  return 2.0 * kPi * (d + 0.5 - kColdestDayCentre) / kDays;
}
// 1 in mid-January, 0 in mid-July.
double winter_weight(int d) {
  return 0.5 * (1.0 + std::cos(theta(d)));
}

int month_of_day(int d) {
  return month_of_hour(static_cast<std::size_t>(d) * 24);
}
int n_month_days(int m) {
  return days_in_month[static_cast<std::size_t>(m)];
}

// Day of year (0-based) of "MM-DD", or -1.
int day_of_year(const std::string& md) {
  if (md.size() != 5 || md[2] != '-') return -1;
  const int m = std::atoi(md.substr(0, 2).c_str());
  const int d = std::atoi(md.substr(3, 2).c_str());
  if (m < 1 || m > 12 || d < 1 || d > n_month_days(m - 1)) return -1;
  int doy = d - 1;
  for (int k = 0; k < m - 1; ++k) doy += n_month_days(k);
  return doy;
}

// Seasonal basis at a (fractional) day: cos θ, sin θ, cos 2θ, sin 2θ with θ = 0 on 16 January.
using Basis = std::array<double, 4>;
Basis basis_at(double day) {
  const double th = 2.0 * kPi * (day + 0.5 - kColdestDayCentre) / kDays;
  return {std::cos(th), std::sin(th), std::cos(2.0 * th), std::sin(2.0 * th)};
}
Basis basis(int d) {
  return basis_at(d);
}

struct Condition {
  Basis f;
  double target;
  double weight;
};

// Weighted linear least squares through the 4×4 normal equations (Gauss, partial pivoting).
Basis least_squares(const std::vector<Condition>& rows) {
  std::array<std::array<double, 5>, 4> a{};
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < 4; ++i) {
      for (std::size_t j = 0; j < 4; ++j) a[i][j] += r.weight * r.f[i] * r.f[j];
      a[i][4] += r.weight * r.f[i] * r.target;
    }
  }
  for (std::size_t c = 0; c < 4; ++c) {
    std::size_t p = c;
    for (std::size_t r = c + 1; r < 4; ++r) {
      if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
    }
    std::swap(a[c], a[p]);
    if (std::abs(a[c][c]) < 1e-12) throw InternalError("synthetic year: singular seasonal fit");
    for (std::size_t r = 0; r < 4; ++r) {
      if (r == c) continue;
      const double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < 5; ++k) a[r][k] -= f * a[c][k];
    }
  }
  Basis x{};
  for (std::size_t i = 0; i < 4; ++i) x[i] = a[i][4] / a[i][i];
  return x;
}

// Standard normal numbers from a standard-specified engine (Box–Muller), so a seed gives
// the same series with every standard library.
class Normal {
 public:
  explicit Normal(std::uint64_t seed) : rng_(seed) {}
  double operator()() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u1 = 0.0;
    do {
      u1 = uniform();
    } while (u1 <= 0.0);
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = r * std::sin(2.0 * kPi * u2);
    has_spare_ = true;
    return r * std::cos(2.0 * kPi * u2);
  }

 private:
  double uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  std::mt19937_64 rng_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

std::uint64_t station_hash(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The k-th lowest (k = 0 lowest) value.
double kth_lowest(std::vector<double> v, std::size_t k) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// Bisection of a function assumed to change sign on [lo, hi]; returns the end nearer the
// target if it does not.
template <class F>
double bisect(F f, double lo, double hi) {
  double flo = f(lo);
  double fhi = f(hi);
  if (flo * fhi > 0.0) return std::abs(flo) < std::abs(fhi) ? lo : hi;
  for (int i = 0; i < 60 && hi - lo > 1e-6; ++i) {
    const double mid = 0.5 * (lo + hi);
    const double fm = f(mid);
    if ((fm < 0.0) == (flo < 0.0)) {
      lo = mid;
      flo = fm;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

// Diurnal shape in [-1, 1]: −1 at 06:00, +1 at 15:00 solar time.
double diurnal(double solar_hour) {
  double t = std::fmod(solar_hour, 24.0);
  if (t < 0.0) t += 24.0;
  if (t >= 6.0 && t <= 15.0) return -std::cos(kPi * (t - 6.0) / 9.0);
  const double since_peak = t > 15.0 ? t - 15.0 : t + 9.0;
  return std::cos(kPi * since_peak / 15.0);
}

// The mean of the seasonal basis over a month, with its target (a monthly mean temperature).
Condition month_row(int month, double target, double weight, double t_annual) {
  Basis f{};
  int n = 0;
  for (int d = 0; d < kDays; ++d) {
    if (month_of_day(d) != month) continue;
    const Basis b = basis(d);
    for (std::size_t k = 0; k < 4; ++k) f[k] += b[k];
    ++n;
  }
  for (auto& v : f) v /= n;
  return Condition{f, target - t_annual, weight};
}

// The heating period's conditions (daily mean crossing `threshold` at its start and end, its
// mean temperature) where the station gives them.
void add_period(const HeatingPeriod& p, double threshold, double t_annual,
                std::vector<Condition>& rows) {
  if (p.start.empty() || p.end.empty() || p.days <= 0) return;
  const int a = day_of_year(p.start);
  const int b = day_of_year(p.end);
  if (a < 0 || b < 0) return;
  // The daily mean crosses the threshold between the day before the start and the start,
  // and between the end and the day after.
  rows.push_back({basis_at(a - 0.5), threshold - t_annual, kWeightCrossing});
  rows.push_back({basis_at(b + 0.5), threshold - t_annual, kWeightCrossing});
  if (p.mean_temperature) {
    Basis f{};
    int n = 0;
    for (int d = a;; d = (d + 1) % kDays) {
      const Basis bd = basis(d);
      for (std::size_t k = 0; k < 4; ++k) f[k] += bd[k];
      ++n;
      if (d == b || n > kDays) break;
    }
    for (auto& v : f) v /= n;
    rows.push_back({f, *p.mean_temperature - t_annual, kWeightPeriodMean});
  }
}

// 1. Seasonal cycle: T = t_annual + x · basis(d), fitted by weighted least squares to the
// periods and to the coldest and hottest months' means (the months found by iterating);
// returns the daily means, made to average exactly t_annual.
std::vector<double> seasonal_cycle(const Station& st, double t_annual, double t_cold,
                                   double t_hot) {
  std::vector<Condition> rows;
  add_period(st.heating_period, 278.15, t_annual, rows);
  add_period(st.period_le8, 281.15, t_annual, rows);
  // Without period dates the cycle is symmetric about 16 January: a weak pull of the
  // sine terms towards zero.
  rows.push_back({{0.0, 1.0, 0.0, 0.0}, 0.0, kWeightSymmetry});
  rows.push_back({{0.0, 0.0, 0.0, 1.0}, 0.0, kWeightSymmetry});
  int cold_month = 0;
  int hot_month = 6;
  Basis x{};
  std::vector<double> seasonal(kDays);
  for (int iter = 0; iter < 3; ++iter) {
    std::vector<Condition> all = rows;
    all.push_back(month_row(cold_month, t_cold, kWeightColdestMonth, t_annual));
    all.push_back(month_row(hot_month, t_hot, kWeightHottestMonth, t_annual));
    x = least_squares(all);
    std::array<double, 12> month_mean{};
    for (int d = 0; d < kDays; ++d) {
      const Basis b = basis(d);
      double t = t_annual;
      for (std::size_t k = 0; k < 4; ++k) t += x[k] * b[k];
      seasonal[static_cast<std::size_t>(d)] = t;
      month_mean[static_cast<std::size_t>(month_of_day(d))] += t / n_month_days(month_of_day(d));
    }
    const int c = static_cast<int>(std::min_element(month_mean.begin(), month_mean.end()) -
                                   month_mean.begin());
    const int h = static_cast<int>(std::max_element(month_mean.begin(), month_mean.end()) -
                                   month_mean.begin());
    if (c == cold_month && h == hot_month) break;
    cold_month = c;
    hot_month = h;
  }
  double mean_check = 0.0;
  for (double t : seasonal) mean_check += t;
  // The harmonics average to almost but not exactly zero over 365 whole days.
  mean_check = mean_check / kDays - t_annual;
  for (auto& t : seasonal) t -= mean_check;
  return seasonal;
}

// 2. AR(1) anomalies, split into a winter- and a summer-weighted part, each de-meaned by
// month: daily mean = seasonal + sigma_w A + sigma_s B, the sigmas set so that the fifth
// coldest and fifth warmest days meet the design temperatures.
std::vector<double> daily_means(const Station& st, const std::vector<double>& seasonal,
                                double t_hot, Normal& normal, double& sigma_w, double& sigma_s) {
  std::array<int, 12> n_month{};
  for (int d = 0; d < kDays; ++d) ++n_month[static_cast<std::size_t>(month_of_day(d))];
  std::vector<double> e(kDays);
  e[0] = normal();
  for (int d = 1; d < kDays; ++d) {
    e[static_cast<std::size_t>(d)] =
        kAr1 * e[static_cast<std::size_t>(d - 1)] + std::sqrt(1.0 - kAr1 * kAr1) * normal();
  }
  std::vector<double> A(kDays);
  std::vector<double> B(kDays);
  for (int d = 0; d < kDays; ++d) {
    const auto i = static_cast<std::size_t>(d);
    A[i] = winter_weight(d) * e[i];
    B[i] = (1.0 - winter_weight(d)) * e[i];
  }
  for (auto* v : {&A, &B}) {
    std::array<double, 12> mean{};
    for (int d = 0; d < kDays; ++d)
      mean[static_cast<std::size_t>(month_of_day(d))] += (*v)[static_cast<std::size_t>(d)];
    for (std::size_t m = 0; m < 12; ++m) mean[m] /= n_month[m];
    for (int d = 0; d < kDays; ++d)
      (*v)[static_cast<std::size_t>(d)] -= mean[static_cast<std::size_t>(month_of_day(d))];
  }
  auto daily = [&](double sw, double ss) {
    std::vector<double> out(kDays);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = seasonal[i] + sw * A[i] + ss * B[i];
    return out;
  };
  const double t_summer_design = st.summer_ac_daily_mean.value_or(t_hot + 3.0);
  sigma_w = 0.0;
  sigma_s = 0.0;
  for (int iter = 0; iter < 4; ++iter) {
    sigma_w = bisect(
        [&](double s) {
          return kth_lowest(daily(s, sigma_s), kNotGuaranteedDays) - st.heating_design;
        },
        0.0, 20.0);
    sigma_s = bisect(
        [&](double s) {
          auto v = daily(sigma_w, s);
          for (auto& x : v) x = -x;
          return -kth_lowest(v, kNotGuaranteedDays) - t_summer_design;
        },
        0.0, 20.0);
  }
  return daily(sigma_w, sigma_s);
}

// 3.–5. Hours: the diurnal temperature swing about each day's mean, relative humidity at
// the day's vapour pressure, and global horizontal irradiance from the sun's position and a
// daily clearness.
WeatherSeries hourly_year(const Station& st, const std::vector<double>& day_mean, Normal& normal) {
  const double sun_winter = st.winter_sunshine.value_or(kSummerSunshine);
  const double range_summer =
      st.summer_ac_dry_bulb && st.summer_ac_daily_mean
          ? std::max(2.0, kRangePerAcExcess * (*st.summer_ac_dry_bulb - *st.summer_ac_daily_mean))
          : 8.0;
  const double rh_winter = st.winter_ac_rh.value_or(0.6);
  const double rh_summer = std::min(0.95, st.summer_vent_rh.value_or(0.6) + kSummerRhAboveVent);
  const double lat = *st.latitude * kPi / 180.0;
  // Mean of the diurnal shape over the hour centres, so the daily mean stays exact.
  WeatherSeries w;
  w.t_dry.resize(hours_per_year);
  w.rh.resize(hours_per_year);
  w.ghi.resize(hours_per_year);
  for (int d = 0; d < kDays; ++d) {
    const auto di = static_cast<std::size_t>(d);
    const double ww = winter_weight(d);
    const int n = d + 1;
    const double bb = 2.0 * kPi * (n - 81) / 364.0;
    const double eot_h =
        (9.87 * std::sin(2.0 * bb) - 7.53 * std::cos(bb) - 1.5 * std::sin(bb)) / 60.0;
    const double shift =
        (*st.longitude - 15.0 * kTimeZone) / 15.0 + eot_h;  // solar − standard time
    const double range = range_summer * ((1.0 - ww) + ww * (0.5 + sun_winter));
    std::array<double, 24> shape{};
    double shape_mean = 0.0;
    for (int k = 0; k < 24; ++k) {
      shape[static_cast<std::size_t>(k)] = diurnal(k + 0.5 + shift);
      shape_mean += shape[static_cast<std::size_t>(k)] / 24.0;
    }
    const double rh_day = rh_summer + (rh_winter - rh_summer) * ww;
    // The vapour pressure held through the day whose hourly RH averages rh_day.
    double inv_es = 0.0;
    for (int k = 0; k < 24; ++k) {
      const double t =
          day_mean[di] + 0.5 * range * (shape[static_cast<std::size_t>(k)] - shape_mean);
      inv_es += 1.0 / saturation_pressure(t) / 24.0;
    }
    const double vapour = rh_day / inv_es;
    const double decl = 23.45 * kPi / 180.0 * std::sin(2.0 * kPi * (284 + n) / 365.0);
    const double g_on = 1367.0 * (1.0 + 0.033 * std::cos(2.0 * kPi * n / 365.0));
    const double sun = ww * sun_winter + (1.0 - ww) * 0.5 * (sun_winter + kSummerSunshine);
    const double kt = std::clamp((0.25 + 0.50 * sun) * (1.0 + 0.25 * normal()), 0.08, 0.78);
    for (int k = 0; k < 24; ++k) {
      const std::size_t h = di * 24 + static_cast<std::size_t>(k);
      const double t =
          day_mean[di] + 0.5 * range * (shape[static_cast<std::size_t>(k)] - shape_mean);
      w.t_dry[h] = t;
      w.rh[h] = std::clamp(vapour / saturation_pressure(t), 0.03, 1.0);
      const double omega = (k + 0.5 + shift - 12.0) * 15.0 * kPi / 180.0;
      const double cos_z =
          std::sin(lat) * std::sin(decl) + std::cos(lat) * std::cos(decl) * std::cos(omega);
      w.ghi[h] = cos_z > 0.0 ? kt * g_on * cos_z : 0.0;
    }
  }
  return w;
}

}  // namespace

WeatherSeries synthesize(const Station& st, const SyntheticOptions& options, SyntheticFit* fit) {
  const std::string who =
      fmt::format("GB 50736 station {} {}", st.id.empty() ? "(no id)" : st.id, st.station_zh);
  if (!st.latitude || !st.longitude)
    throw DataMissing(fmt::format("{}: no coordinates, needed to synthesise a year", who));
  if (!st.summer_vent)
    throw DataMissing(
        fmt::format("{}: no summer ventilation temperature, needed to synthesise a year", who));

  const double t_annual = st.annual_mean;
  const double t_cold = st.coldest_month_mean;
  const double t_hot = *st.summer_vent - kHottestBelowVent;
  if (!(t_cold < t_annual && t_annual < t_hot)) {
    throw InvalidInput(fmt::format(
        "{}: annual mean {:.1f} °C must lie between the coldest-month mean {:.1f} °C and the "
        "estimated hottest-month mean {:.1f} °C",
        who, t_annual - core::kZeroCelsius, t_cold - core::kZeroCelsius,
        t_hot - core::kZeroCelsius));
  }

  const std::vector<double> seasonal = seasonal_cycle(st, t_annual, t_cold, t_hot);
  Normal normal(options.seed ^ station_hash(st.id + st.station_zh));
  double sigma_w = 0.0;
  double sigma_s = 0.0;
  const std::vector<double> day_mean = daily_means(st, seasonal, t_hot, normal, sigma_w, sigma_s);
  WeatherSeries w = hourly_year(st, day_mean, normal);
  w.location.name = st.station_zh;
  w.location.name_zh = st.city_zh;
  w.location.province = st.province_zh;
  w.location.station = st.id;
  w.location.latitude = *st.latitude;
  w.location.longitude = *st.longitude;
  w.location.elevation = st.elevation.value_or(0.0);
  w.location.time_zone = kTimeZone;
  w.source = fmt::format(
      "synthetic typical year (heatlift method, docs/climate.md, seed {}) from GB 50736-2012 "
      "Appendix A station {} {}",
      options.seed, st.id, st.station_zh);
  w.validate();

  if (fit) {
    fit->sigma_winter = sigma_w;
    fit->sigma_summer = sigma_s;
    fit->hottest_month_mean = t_hot;
    fit->fifth_coldest_day = kth_lowest(day_mean, kNotGuaranteedDays);
    auto neg = day_mean;
    for (auto& x : neg) x = -x;
    fit->fifth_warmest_day = -kth_lowest(neg, kNotGuaranteedDays);
  }
  return w;
}

}  // namespace heatlift::climate
