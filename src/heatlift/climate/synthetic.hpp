// Synthetic hourly typical years for GB 50736 stations without a weather file.
//
// From one row of the GB 50736-2012 Appendix A table (stations.hpp) alone:
//  1. seasonal cycle of daily means: two harmonics, coldest on 16 January, whose monthly
//     means reproduce the annual mean, the coldest-month mean (冬季通风室外计算温度) and
//     a hottest-month mean estimated as 夏季通风室外计算温度 − 3.5 K;
//  2. day-to-day weather: a seeded AR(1) anomaly (lag-1 correlation 0.7), de-meaned
//     month by month so the monthly means stay those of step 1, with a winter and a summer
//     standard deviation solved so that the 5th-coldest daily mean equals the heating design
//     temperature (供暖室外计算温度, "not guaranteed on 5 days a year") and the 5th-warmest
//     equals the summer air-conditioning daily mean (夏季空调室外计算日平均温度);
//  3. diurnal cycle: minimum at 06:00, maximum at 15:00, daily range 2.2 × (summer AC dry
//     bulb − summer AC daily mean) in summer, scaled by (0.5 + winter sunshine fraction)
//     in winter;
//  4. humidity: the daily mean RH runs from the winter AC RH (coldest month) to the summer
//     ventilation RH + 15 points (hottest month); the vapour pressure, held through the
//     day, is the one whose hourly RH averages that mean, so RH falls in the afternoon;
//  5. irradiance: extraterrestrial irradiance on the horizontal at the station's latitude
//     and longitude times a clearness index from the Ångström–Prescott relation
//     (FAO-56: 0.25 + 0.50 × sunshine fraction), the winter sunshine fraction blended
//     towards 0.45 in summer, with a seeded day-to-day variation.
// The method and its errors against the 40 CSWD cities are in docs/climate.md.
#pragma once

#include <cstdint>

#include "heatlift/climate/stations.hpp"
#include "heatlift/climate/weather.hpp"

namespace heatlift::climate {

struct SyntheticOptions {
  std::uint64_t seed = 1;  ///< same seed and station, same series
};

/// What the synthesis matched, for reports and tests (K).
struct SyntheticFit {
  double sigma_winter = 0.0;  ///< K, day-to-day standard deviation in mid-January
  double sigma_summer = 0.0;  ///< K, in mid-July
  double hottest_month_mean = 0.0;
  double fifth_coldest_day = 0.0;  ///< K, of the series (target: heating_design)
  double fifth_warmest_day = 0.0;  ///< K, of the series (target: summer AC daily mean)
};

/// A typical year for the station. The location's name is the station's Chinese name (the
/// table has no English names), name_zh the city's. Throws DataMissing when the row lacks a value
/// the method needs (coordinates, summer ventilation temperature ...).
WeatherSeries synthesize(const Station& station, const SyntheticOptions& options = {},
                         SyntheticFit* fit = nullptr);

}  // namespace heatlift::climate
