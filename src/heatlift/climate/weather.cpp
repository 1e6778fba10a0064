#include "heatlift/climate/weather.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"

namespace heatlift::climate {

namespace {
void check_series(const std::vector<double>& v, const char* field, double lo, double hi,
                  const char* expected) {
  if (v.size() != hours_per_year)
    throw InvalidInput(fmt::format("weather {}: {} hourly values, expected {}", field, v.size(),
                                   hours_per_year));
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
    const double mean_c = sum / 24.0 - 273.15;
    if (mean_c < 18.0) dd.hdd18 += 18.0 - mean_c;
    if (mean_c > 26.0) dd.cdd26 += mean_c - 26.0;
  }
  return dd;
}

}  // namespace heatlift::climate
