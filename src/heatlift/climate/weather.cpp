#include "heatlift/climate/weather.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::climate {

namespace {
void check_series(const std::vector<double>& v, const char* field, double lo, double hi,
                  const char* expected) {
  if (v.size() != hours_per_year)
    throw InvalidInput(
        fmt::format("weather {}: {} hourly values, expected {}", field, v.size(), hours_per_year));
  for (std::size_t h = 0; h < v.size(); ++h) {
    if (!std::isfinite(v[h]) || v[h] < lo || v[h] > hi)
      throw InvalidInput(
          fmt::format("weather {} at hour {}: {}, expected {}", field, h, v[h], expected));
  }
}
}  // namespace

void WeatherSeries::validate() const {
  check_series(t_dry, "t_dry", 173.15, 343.15, "a finite temperature between -100 and 70 °C");
  check_series(rh, "rh", 0.0, 1.0, "a fraction in [0, 1]");
  check_series(ghi, "ghi", 0.0, 1500.0, "an irradiance in [0, 1500] W/m²");
}

int month_of_hour(std::size_t h) {
  int day = static_cast<int>(h / 24) % 365;
  for (int m = 0; m < 12; ++m) {
    if (day < days_in_month[static_cast<std::size_t>(m)]) return m;
    day -= days_in_month[static_cast<std::size_t>(m)];
  }
  return 11;
}

DegreeDays degree_days(const WeatherSeries& w) {
  DegreeDays dd;
  const std::size_t days = w.hours() / 24;
  for (std::size_t d = 0; d < days; ++d) {
    double sum = 0.0;
    for (std::size_t k = 0; k < 24; ++k) sum += w.t_dry[d * 24 + k];
    const double mean_c = sum / 24.0 - core::kZeroCelsius;
    if (mean_c < 18.0) dd.hdd18 += 18.0 - mean_c;
    if (mean_c > 26.0) dd.cdd26 += mean_c - 26.0;
  }
  return dd;
}

std::vector<double> daily_means(const WeatherSeries& w) {
  std::vector<double> out(w.hours() / 24);
  for (std::size_t d = 0; d < out.size(); ++d) {
    double sum = 0.0;
    for (std::size_t k = 0; k < 24; ++k) sum += w.t_dry[d * 24 + k];
    out[d] = sum / 24.0;
  }
  return out;
}

std::array<MonthlyStats, 12> monthly_stats(const WeatherSeries& w) {
  std::array<MonthlyStats, 12> out{};
  std::array<int, 12> hours{};
  std::array<int, 12> days{};
  for (auto& m : out) {
    m.t_min = 1e9;
    m.t_max = -1e9;
  }
  for (std::size_t h = 0; h < w.hours(); ++h) {
    auto& m = out[static_cast<std::size_t>(month_of_hour(h))];
    m.t_mean += w.t_dry[h];
    m.t_min = std::min(m.t_min, w.t_dry[h]);
    m.t_max = std::max(m.t_max, w.t_dry[h]);
    m.rh_mean += w.rh[h];
    m.irradiation += w.ghi[h] * 3600.0;
    ++hours[static_cast<std::size_t>(month_of_hour(h))];
  }
  const std::size_t n_days = w.hours() / 24;
  for (std::size_t d = 0; d < n_days; ++d) {
    const auto mi = static_cast<std::size_t>(month_of_hour(d * 24));
    auto& m = out[mi];
    double sum = 0.0;
    double lo = 1e9;
    double hi = -1e9;
    for (std::size_t k = 0; k < 24; ++k) {
      const double t = w.t_dry[d * 24 + k];
      sum += t;
      lo = std::min(lo, t);
      hi = std::max(hi, t);
    }
    const double mean_c = sum / 24.0 - core::kZeroCelsius;
    if (mean_c < 18.0) m.hdd18 += 18.0 - mean_c;
    if (mean_c > 26.0) m.cdd26 += mean_c - 26.0;
    m.t_daily_min += lo;
    m.t_daily_max += hi;
    ++days[mi];
  }
  for (std::size_t i = 0; i < 12; ++i) {
    if (hours[i] > 0) {
      out[i].t_mean /= hours[i];
      out[i].rh_mean /= hours[i];
    }
    if (days[i] > 0) {
      out[i].t_daily_min /= days[i];
      out[i].t_daily_max /= days[i];
    }
  }
  return out;
}

double saturation_pressure(double t) {
  const double c = t - core::kZeroCelsius;
  return 610.94 * std::exp(17.625 * c / (c + 243.04));
}

double dew_point(double t, double rh) {
  const double c = t - core::kZeroCelsius;
  const double g = std::log(std::max(rh, 1e-3)) + 17.625 * c / (c + 243.04);
  return 243.04 * g / (17.625 - g) + core::kZeroCelsius;
}

}  // namespace heatlift::climate
