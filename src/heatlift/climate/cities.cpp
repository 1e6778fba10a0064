#include "heatlift/climate/cities.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>

#include "heatlift/climate/csv_table.hpp"
#include "heatlift/climate/names.hpp"
#include "heatlift/core/csv.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::climate {

CityLibrary::CityLibrary(const core::DataStore& data) : data_(&data) {
  const std::string path = "climate/cities.csv";
  const std::string text = data.read(path);
  source_ = core::DataStore::source_line(text);
  const detail::CsvTable t(
      text, path,
      {"name", "name_zh", "province", "province_zh", "wmo", "lat_deg", "lon_deg", "time_zone_h",
       "elevation_m", "file", "rh_clamped_h", "gb50736_station", "gb50736_match", "epw_file"});
  for (std::size_t r = 0; r < t.rows(); ++r) {
    City c;
    c.name = t.text(r, "name");
    c.name_zh = t.text(r, "name_zh");
    c.province = t.text(r, "province");
    c.province_zh = t.text(r, "province_zh");
    c.wmo = t.text(r, "wmo");
    c.location.name = c.name;
    c.location.name_zh = c.name_zh;
    c.location.province = c.province;
    c.location.station = c.wmo;
    c.location.latitude = t.required_number(r, "lat_deg");
    c.location.longitude = t.required_number(r, "lon_deg");
    c.location.time_zone = t.required_number(r, "time_zone_h");
    c.location.elevation = t.required_number(r, "elevation_m");
    c.file = "climate/" + t.text(r, "file");
    c.rh_clamped_hours = static_cast<int>(t.required_number(r, "rh_clamped_h"));
    c.gb50736_station = t.text(r, "gb50736_station");
    c.gb50736_match = t.text(r, "gb50736_match");
    c.epw_file = t.text(r, "epw_file");
    if (c.name.empty() || c.wmo.empty()) {
      throw InvalidInput(
          fmt::format("{}, line {}: name and wmo must not be empty", path, t.line(r)));
    }
    cities_.push_back(std::move(c));
  }
}

const City* CityLibrary::try_find(std::string_view query) const {
  const std::string q = detail::normalise(query);
  if (q.empty()) return nullptr;
  for (const auto& c : cities_) {
    if (q == detail::normalise(c.name) || q == c.name_zh || q == c.name_zh + "市" || q == c.wmo ||
        q + "0" == c.wmo)
      return &c;
  }
  return nullptr;
}

const City& CityLibrary::find(std::string_view query) const {
  if (const City* c = try_find(query)) return *c;
  std::vector<std::string> names;
  for (const auto& c : cities_) {
    names.push_back(c.name);
    names.push_back(c.name_zh);
  }
  throw DataMissing(fmt::format("no city '{}' in the climate library{}", query,
                                detail::suggestions(query, names)));
}

WeatherSeries CityLibrary::weather(const City& city) const {
  const std::string text = data_->read(city.file);
  WeatherSeries w = parse_city_series(text, city.file);
  w.location = city.location;
  w.source = core::DataStore::source_line(text);
  w.validate();
  return w;
}

WeatherSeries parse_city_series(std::string_view text, std::string_view name) {
  WeatherSeries w;
  w.t_dry.reserve(hours_per_year);
  w.rh.reserve(hours_per_year);
  w.ghi.reserve(hours_per_year);
  bool header = false;
  for (const auto [line_no, l] : core::csv_lines(text)) {
    if (!header) {
      if (l != "t_dry_dC,rh_pct,ghi_W_m2") {
        throw InvalidInput(fmt::format(
            "{}, line {}: header '{}', expected t_dry_dC,rh_pct,ghi_W_m2", name, line_no, l));
      }
      header = true;
      continue;
    }
    std::array<int, 3> v{};
    const char* p = l.data();
    const char* end = l.data() + l.size();
    for (std::size_t k = 0; k < 3; ++k) {
      const auto [ptr, ec] = std::from_chars(p, end, v[k]);
      const bool last = k == 2;
      if (ec != std::errc() || (last ? ptr != end : (ptr == end || *ptr != ','))) {
        throw InvalidInput(
            fmt::format("{}, line {}: '{}', expected three integers "
                        "t_dry_dC,rh_pct,ghi_W_m2",
                        name, line_no, l));
      }
      p = ptr + 1;
    }
    w.t_dry.push_back(v[0] * 0.1 + core::kZeroCelsius);
    w.rh.push_back(v[1] * 0.01);
    w.ghi.push_back(v[2]);
  }
  if (w.t_dry.size() != hours_per_year) {
    throw InvalidInput(
        fmt::format("{}: {} hourly rows, expected {}", name, w.t_dry.size(), hours_per_year));
  }
  return w;
}

}  // namespace heatlift::climate
