#include "heatlift/climate/stations.hpp"

#include <fmt/format.h>

#include "heatlift/climate/csv_table.hpp"
#include "heatlift/climate/names.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::climate {

namespace {
using core::kZeroCelsius;
std::optional<double> kelvin(std::optional<double> c) {
  if (!c) return c;
  return *c + kZeroCelsius;
}
std::optional<double> fraction(std::optional<double> pct) {
  if (!pct) return pct;
  return *pct / 100.0;
}
HeatingPeriod period(const detail::CsvTable& t, std::size_t r, const char* days, const char* dates,
                     const char* mean) {
  HeatingPeriod p;
  p.days = static_cast<int>(t.number(r, days).value_or(0.0));
  const std::string& d = t.text(r, dates);
  if (!d.empty()) {
    const auto slash = d.find('/');
    if (slash == std::string::npos || d.size() != 11) {
      throw InvalidInput(fmt::format("{}, line {}: {} is '{}', expected MM-DD/MM-DD", t.name(),
                                     t.line(r), dates, d));
    }
    p.start = d.substr(0, slash);
    p.end = d.substr(slash + 1);
  }
  p.mean_temperature = kelvin(t.number(r, mean));
  return p;
}
}  // namespace

StationTable::StationTable(const core::DataStore& data) {
  const std::string path = "climate/stations.csv";
  const std::string text = data.read(path);
  source_ = core::DataStore::source_line(text);
  const detail::CsvTable t(text, path,
                           {"station_id", "city_zh", "annual_mean_C", "heating_design_C",
                            "coldest_month_mean_C", "days_le5_d", "period_le5", "mean_le5_C"});
  stations_.reserve(t.rows());
  for (std::size_t r = 0; r < t.rows(); ++r) {
    Station s;
    s.line = t.line(r);
    s.id = t.text(r, "station_id");
    s.province_zh = t.text(r, "province_zh");
    s.city_zh = t.text(r, "city_zh");
    s.station_zh = t.text(r, "station_zh");
    s.latitude = t.number(r, "lat_deg");
    s.longitude = t.number(r, "lon_deg");
    s.elevation = t.number(r, "elevation_m");
    s.annual_mean = t.required_number(r, "annual_mean_C") + kZeroCelsius;
    s.heating_design = t.required_number(r, "heating_design_C") + kZeroCelsius;
    s.coldest_month_mean = t.required_number(r, "coldest_month_mean_C") + kZeroCelsius;
    s.winter_ac = kelvin(t.number(r, "winter_ac_C"));
    s.winter_ac_rh = fraction(t.number(r, "winter_ac_rh_pct"));
    s.summer_ac_dry_bulb = kelvin(t.number(r, "summer_ac_dry_bulb_C"));
    s.summer_ac_wet_bulb = kelvin(t.number(r, "summer_ac_wet_bulb_C"));
    s.summer_vent = kelvin(t.number(r, "summer_vent_C"));
    s.summer_vent_rh = fraction(t.number(r, "summer_vent_rh_pct"));
    s.summer_ac_daily_mean = kelvin(t.number(r, "summer_ac_daily_mean_C"));
    s.winter_sunshine = fraction(t.number(r, "winter_sunshine_pct"));
    s.heating_period = period(t, r, "days_le5_d", "period_le5", "mean_le5_C");
    s.period_le8 = period(t, r, "days_le8_d", "period_le8", "mean_le8_C");
    s.extreme_max = kelvin(t.number(r, "extreme_max_C"));
    s.extreme_min = kelvin(t.number(r, "extreme_min_C"));
    stations_.push_back(std::move(s));
  }
}

const Station* StationTable::try_find(std::string_view query) const {
  const std::string q = detail::normalise(query);
  if (q.empty()) return nullptr;
  for (const auto& s : stations_) {
    if (!s.id.empty() && (q == s.id || q == s.id + "0")) return &s;
  }
  for (const auto& s : stations_) {
    if (q == detail::normalise(s.city_zh) || q == detail::normalise(s.city_zh + "市")) return &s;
  }
  for (const auto& s : stations_) {
    if (q == detail::normalise(s.station_zh)) return &s;
  }
  return nullptr;
}

const Station& StationTable::find(std::string_view query) const {
  if (const Station* s = try_find(query)) return *s;
  std::vector<std::string> names;
  for (const auto& s : stations_) {
    names.push_back(s.city_zh);
    if (s.station_zh != s.city_zh) names.push_back(s.station_zh);
    if (!s.id.empty()) names.push_back(s.id);
  }
  throw DataMissing(
      fmt::format("no GB 50736 station '{}'{}", query, detail::suggestions(query, names)));
}

}  // namespace heatlift::climate
