// One entry point for "the climate at this place": the site layer asks by name and gets
// the hourly typical year, the GB 50736 design conditions and the climate zone.
//
// A query is looked up in the embedded CSWD cities first (English or Chinese name, WMO
// id); a city's GB 50736 station gives the design conditions. Otherwise it is looked up
// among the 298 GB 50736 stations (Chinese city or station name, 5-digit id) and the year
// is synthesised (synthetic.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "heatlift/climate/cities.hpp"
#include "heatlift/climate/stations.hpp"
#include "heatlift/climate/synthetic.hpp"
#include "heatlift/climate/weather.hpp"
#include "heatlift/climate/zones.hpp"
#include "heatlift/core/data_store.hpp"

namespace heatlift::climate {

struct Place {
  WeatherSeries weather;
  bool synthetic = false;          ///< true: synthesised from the station row
  std::optional<City> city;        ///< the CSWD city, when there is one
  std::optional<Station> station;  ///< the GB 50736 station (design conditions)
  ZoneIndicators indicators;
  Zone zone = Zone::cold;
  std::string subzone;  ///< "1A" … "2B" or ""

  /// K, 供暖室外计算温度 of the GB 50736 station. Throws DataMissing if there is none.
  double heating_design_temperature() const;
  /// Days ≤ +5 °C, dates and mean temperature of the station. Throws DataMissing if none.
  const HeatingPeriod& heating_period() const;
};

/// The place for a query (see above). Throws DataMissing listing close names of cities
/// and stations when nothing matches.
Place find_place(const core::DataStore& data, std::string_view query,
                 const SyntheticOptions& options = {});

/// The place of a year the caller already has (e.g. from read_epw): its GB 50736 station
/// is found by the location's WMO id — through the CSWD city of that id if there is one,
/// else directly (none if neither matches) — and its zone from the year itself.
Place place_of(const core::DataStore& data, WeatherSeries weather);

/// The zone indicators of a synthetic year, with the two values the station row gives
/// directly: the coldest-month mean and the days ≤ +5 °C.
ZoneIndicators station_indicators(const Station& station, const WeatherSeries& synthetic);

}  // namespace heatlift::climate
