// EnergyPlus weather (EPW) files: read a typical year into a WeatherSeries, keep the other
// useful hourly fields, and write a WeatherSeries back out as an EPW.
//
// An EPW file is 8 header lines (LOCATION, DESIGN CONDITIONS, TYPICAL/EXTREME PERIODS,
// GROUND TEMPERATURES, HOLIDAYS/DAYLIGHT SAVINGS, COMMENTS 1, COMMENTS 2, DATA PERIODS)
// followed by one line of 35 comma-separated fields per hour, 1 January hour 1 first.
//
// Accepted: a full year of 8760 hours in calendar order; a leap year of 8784 hours, whose
// 29 February is dropped (so hour h still means the same day of every year); CRLF line
// ends; trailing blank lines. Known quirks of real files are clamped and counted, never
// silently: relative humidity above 100 % becomes 100 % (the format allows up to 110 %,
// the CSWD files reach 114 %; above 150 % is an error), a dew point above the dry bulb
// becomes the dry bulb.
// Rejected with InvalidInput naming the file, the line and the reason: a missing or
// misplaced header line, a wrong field count, a non-numeric field, a date out of
// sequence, a wrong number of hours, a value outside the format's range and a "missing"
// code (99.9 °C, 999 %, 999999 Pa, 9999 W/m², 999 m/s, 999°) in any field read.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/climate/weather.hpp"

namespace heatlift::climate {

/// The header of an EPW file: the LOCATION fields parsed, the other lines kept verbatim
/// (without their keyword).
struct EpwHeader {
  std::string city;
  std::string state_province;
  std::string country;
  std::string data_source;  ///< e.g. "CSWD"
  std::string wmo;          ///< e.g. "545110"
  double latitude = 0.0;    ///< degrees north
  double longitude = 0.0;   ///< degrees east
  double time_zone = 0.0;   ///< hours from UTC
  double elevation = 0.0;   ///< m
  std::string design_conditions;
  std::string typical_extreme_periods;
  std::string ground_temperatures;
  std::string holidays_daylight_savings;
  std::string comments_1;
  std::string comments_2;
  std::string data_periods;
};

/// Values a reader changed, and how often.
struct EpwQuirks {
  int rh_above_100 = 0;              ///< hours with relative humidity > 100 %, set to 100 %
  int dew_point_above_dry_bulb = 0;  ///< hours with dew point > dry bulb, set to the dry bulb
  bool leap_day_dropped = false;     ///< an 8784-hour file: 29 February was dropped
};

/// Everything heatlift reads from an EPW: the WeatherSeries plus the other hourly fields
/// (SI, hours_per_year entries each).
struct EpwData {
  WeatherSeries weather;
  std::vector<double> t_dew;           ///< K, dew point (≤ t_dry after the clamp)
  std::vector<double> pressure;        ///< Pa, station pressure
  std::vector<double> dni;             ///< W/m², direct normal irradiance
  std::vector<double> dhi;             ///< W/m², diffuse horizontal irradiance
  std::vector<double> wind_speed;      ///< m/s
  std::vector<double> wind_direction;  ///< degrees from north, clockwise
  EpwHeader header;
  EpwQuirks quirks;
};

/// Reads an EPW file. Throws InvalidInput (see above) or DataMissing if it cannot be opened.
EpwData read_epw(const std::filesystem::path& path);
/// Parses EPW text; `name` stands for the file in error messages.
EpwData parse_epw(std::string_view text, std::string_view name = "<epw text>");

/// Writes a WeatherSeries as an EPW file's text: the LOCATION line from its location,
/// dew point derived from t_dry and rh (Magnus formula), a standard pressure for the
/// elevation, the "missing" code in every field heatlift does not know.
std::string to_epw(const WeatherSeries& w);

}  // namespace heatlift::climate
