// Synthetic typical years for the demand tests (the climate library is built elsewhere):
// a sinusoidal annual cycle with a daily swing and clear-sky-like irradiance.
#pragma once

#include <cmath>
#include <numbers>

#include "heatlift/climate/weather.hpp"

namespace heatlift::demand::test {

struct SyntheticClimate {
  double annual_mean_c = 12.0;     ///< °C
  double annual_amplitude = 15.0;  ///< K, coldest around 15 January
  double daily_amplitude = 5.0;    ///< K, minimum at 05:00, maximum at 17:00
  double rh = 0.5;
  double clearness = 0.55;  ///< GHI as a share of extraterrestrial horizontal
  double latitude = 39.9;
  double longitude = 116.4;
  double elevation = 50.0;
  const char* name = "Beijing-like";
};

inline climate::WeatherSeries make_weather(const SyntheticClimate& c = {}) {
  constexpr double pi = std::numbers::pi;
  climate::WeatherSeries w;
  w.location.name = c.name;
  w.location.latitude = c.latitude;
  w.location.longitude = c.longitude;
  w.location.elevation = c.elevation;
  w.source = "synthetic (tests)";
  const std::size_t n = climate::hours_per_year;
  w.t_dry.resize(n);
  w.rh.assign(n, c.rh);
  w.ghi.resize(n);
  const double phi = c.latitude * pi / 180.0;
  for (std::size_t h = 0; h < n; ++h) {
    const double day = static_cast<double>(h / 24);
    const double hod = static_cast<double>(h % 24);
    const double seasonal =
        c.annual_mean_c - c.annual_amplitude * std::cos(2 * pi * (day - 14.5) / 365.0);
    const double daily = -c.daily_amplitude * std::cos(2 * pi * (hod + 0.5 - 5.0) / 24.0);
    w.t_dry[h] = seasonal + daily + 273.15;
    const double decl = 23.45 * pi / 180.0 * std::sin(2 * pi * (284.0 + day + 1) / 365.0);
    const double omega = (hod + 0.5 - 12.0) * 15.0 * pi / 180.0;
    const double cos_z =
        std::sin(phi) * std::sin(decl) + std::cos(phi) * std::cos(decl) * std::cos(omega);
    w.ghi[h] = cos_z > 0.0 ? c.clearness * 1367.0 * cos_z : 0.0;
  }
  return w;
}

/// The same temperature every hour, no sun.
inline climate::WeatherSeries constant_weather(double t_c, double rh = 0.5) {
  climate::WeatherSeries w;
  w.location.name = "constant";
  w.location.latitude = 40.0;
  w.location.longitude = 116.0;
  w.t_dry.assign(climate::hours_per_year, t_c + 273.15);
  w.rh.assign(climate::hours_per_year, rh);
  w.ghi.assign(climate::hours_per_year, 0.0);
  return w;
}

}  // namespace heatlift::demand::test
