// A synthetic typical year for the site loop's unit tests: a seasonal and a daily cosine of
// the dry bulb (coldest mid-January, coolest at 03:00), constant relative humidity, and
// irradiance as a clipped sine by day.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>

#include "heatlift/climate/weather.hpp"

namespace heatlift::site::test {

struct SyntheticClimate {
  double mean_c = 12.0;      ///< °C, annual mean
  double seasonal_k = 15.0;  ///< K, seasonal amplitude
  double daily_k = 5.0;      ///< K, daily amplitude
  double rh = 0.8;           ///< relative humidity, every hour
  double ghi_peak = 600.0;   ///< W/m² at noon (0: no sun)
};

inline climate::WeatherSeries synthetic_year(const SyntheticClimate& c) {
  climate::WeatherSeries w;
  w.location.name = "synthetic";
  for (std::size_t h = 0; h < climate::hours_per_year; ++h) {
    const double day = static_cast<double>(h) / 24.0;
    const double hod = static_cast<double>(h % 24);
    const double season = -std::cos(2 * std::numbers::pi * (day - 15.0) / 365.0);
    const double t = c.mean_c + c.seasonal_k * season -
                     c.daily_k * std::cos(2 * std::numbers::pi * (hod - 3) / 24);
    w.t_dry.push_back(273.15 + t);
    w.rh.push_back(c.rh);
    w.ghi.push_back(std::max(0.0, c.ghi_peak * std::sin(std::numbers::pi * (hod - 6) / 12)));
  }
  w.validate();
  return w;
}

}  // namespace heatlift::site::test
