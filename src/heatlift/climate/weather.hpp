// climate::WeatherSeries — the hourly weather of one typical year at one place, the seam
// through which demand and site see the climate (DESIGN.md). Produced from an EPW file
// (epw.hpp), from the embedded library of Chinese cities (cities.hpp) or synthesised for a
// GB 50736 station without a weather file (synthetic.hpp).
//
// Hour h (0-based) covers local standard time [h, h+1) of a non-leap year: h = 0 is
// 1 January 00:00–01:00, h = 8759 is 31 December 23:00–24:00 (EPW hour 1 is h = 0).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace heatlift::climate {

inline constexpr std::size_t hours_per_year = 8760;

/// Where the series was measured or synthesised.
struct Location {
  std::string name;        ///< city or station name, English (e.g. "Harbin")
  std::string name_zh;     ///< Chinese name where known (e.g. "哈尔滨"), else empty
  std::string province;    ///< English province name where known
  std::string station;     ///< WMO station id as text, empty if unknown
  double latitude = 0.0;   ///< degrees north
  double longitude = 0.0;  ///< degrees east
  double elevation = 0.0;  ///< m
  double time_zone = 8.0;  ///< hours from UTC
};

/// One typical year, hour by hour. Every vector has hours_per_year entries.
struct WeatherSeries {
  Location location;
  std::vector<double> t_dry;  ///< K, dry-bulb temperature
  std::vector<double> rh;     ///< 1, relative humidity in [0, 1]
  std::vector<double> ghi;    ///< W/m², global horizontal irradiance (0 at night)
  std::string source;         ///< dataset and terms, e.g. "CSWD (CMA / Tsinghua) via EnergyPlus"

  std::size_t hours() const { return t_dry.size(); }
  /// Throws InvalidInput naming the field and hour for a wrong length, a non-finite value,
  /// rh outside [0, 1] or negative ghi.
  void validate() const;
};

/// Month (0 = January … 11 = December) of hour h of a non-leap year.
int month_of_hour(std::size_t h);
/// Day of year (0 … 364) of hour h.
inline int day_of_hour(std::size_t h) {
  return static_cast<int>(h / 24);
}
/// Hour of day (0 … 23) of hour h.
inline int hour_of_day(std::size_t h) {
  return static_cast<int>(h % 24);
}
/// Days in each month of a non-leap year.
inline constexpr std::array<int, 12> days_in_month = {31, 28, 31, 30, 31, 30,
                                                      31, 31, 30, 31, 30, 31};

/// Heating (base 18 °C) and cooling (base 26 °C) degree days from daily means, K·d.
struct DegreeDays {
  double hdd18 = 0.0;
  double cdd26 = 0.0;
};
DegreeDays degree_days(const WeatherSeries& w);

/// The 365 daily mean dry-bulb temperatures, K.
std::vector<double> daily_means(const WeatherSeries& w);

/// One month of a WeatherSeries (SI, degree days in K·d from daily means).
struct MonthlyStats {
  double t_mean = 0.0;       ///< K, mean dry bulb
  double t_min = 0.0;        ///< K, lowest hourly dry bulb
  double t_max = 0.0;        ///< K, highest hourly dry bulb
  double t_daily_min = 0.0;  ///< K, mean of the daily minima
  double t_daily_max = 0.0;  ///< K, mean of the daily maxima
  double rh_mean = 0.0;      ///< 1, mean relative humidity
  double irradiation = 0.0;  ///< J/m², global horizontal irradiation over the month
  double hdd18 = 0.0;        ///< K·d
  double cdd26 = 0.0;        ///< K·d
};
std::array<MonthlyStats, 12> monthly_stats(const WeatherSeries& w);

/// Saturation vapour pressure over liquid water at temperature t (K), Pa (Magnus form,
/// Alduchov & Eskridge 1996; within 0.4 % from -40 to 50 °C).
double saturation_pressure(double t);
/// Dew point (K) of air at temperature t (K) and relative humidity rh (0 … 1], the inverse
/// of the same Magnus form; rh is floored at 0.001.
double dew_point(double t, double rh);

}  // namespace heatlift::climate
