#include "heatlift/climate/place.hpp"

#include <fmt/format.h>

#include "heatlift/climate/names.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::climate {

double Place::heating_design_temperature() const {
  if (!station)
    throw DataMissing(fmt::format("{}: no GB 50736 station, so no heating design temperature",
                                  weather.location.name));
  return station->heating_design;
}

const HeatingPeriod& Place::heating_period() const {
  if (!station)
    throw DataMissing(
        fmt::format("{}: no GB 50736 station, so no heating period", weather.location.name));
  return station->heating_period;
}

ZoneIndicators station_indicators(const Station& station, const WeatherSeries& synthetic) {
  ZoneIndicators z = zone_indicators(synthetic);
  z.coldest_month_mean = station.coldest_month_mean;
  z.days_le5 = station.heating_period.days;
  return z;
}

Place place_of(const core::DataStore& data, WeatherSeries weather) {
  Place p;
  p.weather = std::move(weather);
  p.weather.validate();
  const StationTable stations(data);
  const CityLibrary cities(data);
  // A CSWD city's own link first (Shanghai's 58362 is linked to 58367 of the same city).
  const City* city = cities.try_find(p.weather.location.station);
  if (const Station* s =
          stations.try_find(city ? city->gb50736_station : p.weather.location.station))
    p.station = *s;
  p.indicators = zone_indicators(p.weather);
  p.zone = classify(p.indicators);
  p.subzone = subzone(p.indicators, p.zone);
  return p;
}

Place find_place(const core::DataStore& data, std::string_view query,
                 const SyntheticOptions& options) {
  const CityLibrary cities(data);
  const StationTable stations(data);
  Place p;
  if (const City* c = cities.try_find(query)) {
    p.city = *c;
    p.weather = cities.weather(*c);
    if (const Station* s = stations.try_find(c->gb50736_station)) p.station = *s;
    p.indicators = zone_indicators(p.weather);
  } else if (const Station* s = stations.try_find(query)) {
    p.station = *s;
    p.synthetic = true;
    p.weather = synthesize(*s, options);
    p.indicators = station_indicators(*s, p.weather);
  } else {
    std::vector<std::string> names;
    for (const auto& c : cities.cities()) {
      names.push_back(c.name);
      names.push_back(c.name_zh);
    }
    for (const auto& s : stations.stations()) {
      names.push_back(s.city_zh);
      names.push_back(s.station_zh);
    }
    throw DataMissing(fmt::format(
        "no city or GB 50736 station '{}' (the 40 CSWD cities by English or Chinese name or "
        "WMO id, the 298 stations by Chinese name or id; see 'heatlift climate list "
        "--stations'){}",
        query, detail::suggestions(query, names)));
  }
  p.zone = classify(p.indicators);
  p.subzone = subzone(p.indicators, p.zone);
  return p;
}

}  // namespace heatlift::climate
