// The embedded library of Chinese cities with an hourly typical year: the 40 CSWD cities
// of data/climate/cities.csv, each with its hourly dry bulb, relative humidity and global
// horizontal irradiance (data/climate/cities/<wmo>.csv) and its GB 50736 station.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "heatlift/climate/weather.hpp"
#include "heatlift/core/data_store.hpp"

namespace heatlift::climate {

struct City {
  std::string name;         ///< English, e.g. "Xi'an"
  std::string name_zh;      ///< e.g. "西安"
  std::string province;     ///< English
  std::string province_zh;  ///< e.g. "陕西"
  std::string wmo;          ///< 6-digit EPW form, e.g. "570360"
  Location location;
  std::string file;          ///< data path of the hourly series, e.g. "climate/cities/570360.csv"
  int rh_clamped_hours = 0;  ///< hours whose RH > 100 % in the EPW were clamped to 100 %
  std::string gb50736_station;  ///< 5-digit id of the linked GB 50736 station
  std::string gb50736_match;    ///< "same station" or "same city, different station (…)"
  std::string epw_file;         ///< the CSWD file it was derived from
};

class CityLibrary {
 public:
  /// Reads climate/cities.csv from the store (the series are read on demand, so the store
  /// must outlive the library).
  explicit CityLibrary(const core::DataStore& data);

  const std::vector<City>& cities() const { return cities_; }
  /// By English name, Chinese name (with or without 市) or WMO id (5 or 6 digits),
  /// case-insensitive, ignoring spaces and apostrophes ("xian" finds Xi'an). Throws
  /// DataMissing listing close names.
  const City& find(std::string_view query) const;
  /// nullptr when nothing matches.
  const City* try_find(std::string_view query) const;
  /// The city's typical year. Throws InvalidInput for a malformed data file.
  WeatherSeries weather(const City& city) const;
  /// weather(find(query)).
  WeatherSeries weather(std::string_view query) const { return weather(find(query)); }
  const std::string& source() const { return source_; }

 private:
  const core::DataStore* data_;
  std::vector<City> cities_;
  std::string source_;
};

/// Parses one hourly city file (the format of data/climate/cities/*.csv: '#' header lines,
/// a header "t_dry_dC,rh_pct,ghi_W_m2", 8760 rows of integers). `name` names the file in
/// errors; the location and source are left for the caller.
WeatherSeries parse_city_series(std::string_view text, std::string_view name);

}  // namespace heatlift::climate
