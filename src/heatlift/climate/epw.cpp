#include "heatlift/climate/epw.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::climate {

namespace {

using core::kZeroCelsius;
constexpr std::size_t kFields = 35;
constexpr std::size_t kLeapHours = 8784;
// The format allows relative humidity up to 110 %; CSWD files reach 114 %. Up to 150 % is
// read as the known quirk (clamped to 100 % and counted), above that it is an error.
constexpr double kRhCeiling = 150.0;

// Field positions (0-based) of the EPW data line.
enum Field : std::size_t {
  f_year = 0,
  f_month = 1,
  f_day = 2,
  f_hour = 3,
  f_t_dry = 6,
  f_t_dew = 7,
  f_rh = 8,
  f_pressure = 9,
  f_ghi = 13,
  f_dni = 14,
  f_dhi = 15,
  f_wind_direction = 20,
  f_wind_speed = 21,
};

constexpr std::array<const char*, 8> kHeaderKeywords = {"LOCATION",
                                                        "DESIGN CONDITIONS",
                                                        "TYPICAL/EXTREME PERIODS",
                                                        "GROUND TEMPERATURES",
                                                        "HOLIDAYS/DAYLIGHT SAVINGS",
                                                        "COMMENTS 1",
                                                        "COMMENTS 2",
                                                        "DATA PERIODS"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Splits on commas into `out` (reused between lines); returns the field count.
std::size_t split(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out.size();
    }
    out.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

class Reader {
 public:
  explicit Reader(std::string_view name) : name_(name) {}

  [[noreturn]] void fail(std::size_t line, const std::string& reason) const {
    throw InvalidInput(fmt::format("EPW file {}, line {}: {}", name_, line, reason));
  }

  double number(std::size_t line, std::string_view text, const char* field) const {
    const std::string_view t = trim(text);
    double v = 0.0;
    const char* first = t.data();
    const char* last = t.data() + t.size();
    if (!t.empty() && *first == '+') ++first;
    const auto [ptr, ec] = std::from_chars(first, last, v);
    if (t.empty() || ec != std::errc() || ptr != last || !std::isfinite(v))
      fail(line, fmt::format("{} is '{}', expected a number", field, t));
    return v;
  }

  // A numeric field with the format's "missing" code and valid range.
  double value(std::size_t line, std::string_view text, const char* field, double missing,
               double lo, double hi, const char* unit) const {
    const double v = number(line, text, field);
    if (v >= missing)
      fail(line, fmt::format("{} is missing (EPW code {}), expected a measured value", field,
                             trim(text)));
    if (v < lo || v > hi)
      fail(line, fmt::format("{} is {} {}, expected {} to {} {}", field, v, unit, lo, hi, unit));
    return v;
  }

 private:
  std::string_view name_;
};

// Dates of a non-leap year, in order: (month, day) of day d.
struct Date {
  int month;
  int day;
};
Date date_of_day(int d) {
  int m = 0;
  while (d >= days_in_month[static_cast<std::size_t>(m)]) {
    d -= days_in_month[static_cast<std::size_t>(m)];
    ++m;
  }
  return {m + 1, d + 1};
}

// The text's lines without their line ends, trailing blank lines dropped.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  lines.reserve(8800);
  for (std::size_t start = 0; start < text.size();) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(start, nl - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    start = nl + 1;
  }
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  return lines;
}

// The LOCATION line: city, state, country, source, WMO, latitude, longitude, time zone,
// elevation, each checked.
void read_location(const Reader& rd, std::size_t line_no, std::string_view l,
                   std::vector<std::string_view>& f, EpwHeader& header) {
  if (split(l, f) < 10)
    rd.fail(line_no, fmt::format("LOCATION has {} fields, expected 10 (LOCATION, city, "
                                 "state, country, source, WMO, latitude, longitude, time "
                                 "zone, elevation)",
                                 f.size()));
  header.city = std::string(trim(f[1]));
  header.state_province = std::string(trim(f[2]));
  header.country = std::string(trim(f[3]));
  header.data_source = std::string(trim(f[4]));
  header.wmo = std::string(trim(f[5]));
  header.latitude = rd.number(line_no, f[6], "latitude");
  header.longitude = rd.number(line_no, f[7], "longitude");
  header.time_zone = rd.number(line_no, f[8], "time zone");
  header.elevation = rd.number(line_no, f[9], "elevation");
  if (std::abs(header.latitude) > 90.0)
    rd.fail(line_no, fmt::format("latitude is {}, expected -90 to 90 degrees", header.latitude));
  if (std::abs(header.longitude) > 180.0)
    rd.fail(line_no,
            fmt::format("longitude is {}, expected -180 to 180 degrees", header.longitude));
  if (std::abs(header.time_zone) > 14.0)
    rd.fail(line_no, fmt::format("time zone is {}, expected -12 to +14 hours", header.time_zone));
  if (header.elevation < -1000.0 || header.elevation > 9999.9)
    rd.fail(line_no,
            fmt::format("elevation is {} m, expected -1000 to 9999.9 m", header.elevation));
}

// The eight header lines, in order, each starting with its keyword.
void read_header(const Reader& rd, const std::vector<std::string_view>& lines,
                 std::vector<std::string_view>& f, EpwData& out) {
  std::array<std::string*, 8> kept = {nullptr,
                                      &out.header.design_conditions,
                                      &out.header.typical_extreme_periods,
                                      &out.header.ground_temperatures,
                                      &out.header.holidays_daylight_savings,
                                      &out.header.comments_1,
                                      &out.header.comments_2,
                                      &out.header.data_periods};
  for (std::size_t i = 0; i < kHeaderKeywords.size(); ++i) {
    const std::size_t line_no = i + 1;
    const std::string_view kw = kHeaderKeywords[i];
    if (i >= lines.size())
      rd.fail(line_no, fmt::format("file ends in the header, expected the {} line", kw));
    const std::string_view l = lines[i];
    if (l.substr(0, kw.size()) != kw || (l.size() > kw.size() && l[kw.size()] != ',')) {
      const std::string_view got = core::utf8_prefix(l.substr(0, l.find(',')), 40);
      rd.fail(line_no, fmt::format("header line starts '{}', expected {}", got, kw));
    }
    if (i == 0) {
      read_location(rd, line_no, l, f, out.header);
    } else {
      *kept[i] = std::string(l.size() > kw.size() ? l.substr(kw.size() + 1) : std::string_view{});
    }
  }
}

// One hourly data line, in date order from 1/1 hour 1 (h: the hour of the non-leap year it
// must be); false for 29 February of a leap year, which is dropped.
bool read_hour(const Reader& rd, std::size_t line_no, std::string_view line, bool leap,
               std::size_t h, std::vector<std::string_view>& f, EpwData& out) {
  auto& w = out.weather;
  const std::size_t n = split(line, f);
  if (n != kFields) rd.fail(line_no, fmt::format("{} fields, expected {}", n, kFields));
  const int month = static_cast<int>(rd.number(line_no, f[f_month], "month"));
  const int day = static_cast<int>(rd.number(line_no, f[f_day], "day"));
  const int hour = static_cast<int>(rd.number(line_no, f[f_hour], "hour"));
  if (leap && month == 2 && day == 29) return false;  // 29 February of a leap year
  if (h >= hours_per_year)
    rd.fail(line_no, fmt::format("more than {} hours without 29 February, expected a leap "
                                 "year to have 29 February",
                                 hours_per_year));
  const Date want = date_of_day(static_cast<int>(h / 24));
  const int want_hour = static_cast<int>(h % 24) + 1;
  if (month != want.month || day != want.day || hour != want_hour) {
    rd.fail(line_no, fmt::format("date {}/{} hour {}, expected {}/{} hour {} (a full year in "
                                 "order from 1/1 hour 1)",
                                 month, day, hour, want.month, want.day, want_hour));
  }
  const double t_dry =
      rd.value(line_no, f[f_t_dry], "dry bulb temperature", 99.9, -70.0, 70.0, "°C");
  double t_dew = rd.value(line_no, f[f_t_dew], "dew point temperature", 99.9, -70.0, 70.0, "°C");
  double rh = rd.value(line_no, f[f_rh], "relative humidity", 999.0, 0.0, kRhCeiling, "%");
  const double p = rd.value(line_no, f[f_pressure], "atmospheric station pressure", 999999.0,
                            31000.0, 120000.0, "Pa");
  const double ghi =
      rd.value(line_no, f[f_ghi], "global horizontal radiation", 9999.0, 0.0, 9998.0, "Wh/m²");
  const double dni =
      rd.value(line_no, f[f_dni], "direct normal radiation", 9999.0, 0.0, 9998.0, "Wh/m²");
  const double dhi =
      rd.value(line_no, f[f_dhi], "diffuse horizontal radiation", 9999.0, 0.0, 9998.0, "Wh/m²");
  const double wd =
      rd.value(line_no, f[f_wind_direction], "wind direction", 999.0, 0.0, 360.0, "degrees");
  const double ws = rd.value(line_no, f[f_wind_speed], "wind speed", 999.0, 0.0, 40.0, "m/s");
  if (rh > 100.0) {
    rh = 100.0;
    ++out.quirks.rh_above_100;
  }
  if (t_dew > t_dry) {
    t_dew = t_dry;
    ++out.quirks.dew_point_above_dry_bulb;
  }
  w.t_dry.push_back(t_dry + kZeroCelsius);
  w.rh.push_back(rh / 100.0);
  w.ghi.push_back(ghi);  // Wh/m² over one hour = mean W/m²
  out.t_dew.push_back(t_dew + kZeroCelsius);
  out.pressure.push_back(p);
  out.dni.push_back(dni);
  out.dhi.push_back(dhi);
  out.wind_direction.push_back(wd);
  out.wind_speed.push_back(ws);
  return true;
}

}  // namespace

EpwData parse_epw(std::string_view text, std::string_view name) {
  Reader rd(name);
  EpwData out;
  std::vector<std::string_view> f;

  // Lines, with 1-based numbers.
  const std::vector<std::string_view> lines = split_lines(text);
  read_header(rd, lines, f, out);

  const std::size_t data_lines = lines.size() - kHeaderKeywords.size();
  if (data_lines != hours_per_year && data_lines != kLeapHours) {
    rd.fail(lines.size(), fmt::format("{} hourly data lines, expected {} (or {} for a leap year)",
                                      data_lines, hours_per_year, kLeapHours));
  }
  const bool leap = data_lines == kLeapHours;
  out.quirks.leap_day_dropped = leap;

  auto& w = out.weather;
  for (auto* v : {&w.t_dry, &w.rh, &w.ghi, &out.t_dew, &out.pressure, &out.dni, &out.dhi,
                  &out.wind_speed, &out.wind_direction})
    v->reserve(hours_per_year);

  std::size_t h = 0;  // hour of the non-leap year being filled
  for (std::size_t i = kHeaderKeywords.size(); i < lines.size(); ++i) {
    if (read_hour(rd, i + 1, lines[i], leap, h, f, out)) ++h;
  }
  if (h != hours_per_year) {
    rd.fail(lines.size(),
            fmt::format("{} hours after dropping 29 February, expected {}", h, hours_per_year));
  }

  auto& loc = w.location;
  loc.name = out.header.city;
  loc.province = out.header.state_province;
  loc.station = out.header.wmo;
  loc.latitude = out.header.latitude;
  loc.longitude = out.header.longitude;
  loc.elevation = out.header.elevation;
  loc.time_zone = out.header.time_zone;
  w.source = fmt::format("EPW file {} ({}{})", name, out.header.data_source,
                         out.header.comments_1.empty() ? "" : "; " + out.header.comments_1);
  w.validate();
  return out;
}

EpwData read_epw(const std::filesystem::path& path) {
  return parse_epw(core::read_text_file(path, "EPW file"), path.string());
}

std::string to_epw(const WeatherSeries& w) {
  w.validate();
  const auto& loc = w.location;
  auto field = [](std::string s) {
    for (auto& c : s) {
      if (c == ',' || c == '\n' || c == '\r') c = ' ';
    }
    return s;
  };
  // Standard atmosphere at the elevation (ISO 2533 troposphere).
  const double p = 101325.0 * std::pow(1.0 - 2.25577e-5 * loc.elevation, 5.25588);
  std::string out;
  out.reserve(hours_per_year * 140);
  out += fmt::format("LOCATION,{},{},CHN,{},{},{:.2f},{:.2f},{:.1f},{:.1f}\n", field(loc.name),
                     field(loc.province), "heatlift", field(loc.station), loc.latitude,
                     loc.longitude, loc.time_zone, loc.elevation);
  out += "DESIGN CONDITIONS,0\n";
  out += "TYPICAL/EXTREME PERIODS,0\n";
  out += "GROUND TEMPERATURES,0\n";
  out += "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0\n";
  out += fmt::format("COMMENTS 1,written by heatlift from: {}\n", field(w.source));
  out += "COMMENTS 2,fields heatlift does not hold carry the EPW missing code\n";
  out += "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31\n";
  for (std::size_t h = 0; h < w.hours(); ++h) {
    const Date d = date_of_day(day_of_hour(h));
    const double t = w.t_dry[h] - kZeroCelsius;
    const double td = dew_point(w.t_dry[h], w.rh[h]) - kZeroCelsius;
    out += fmt::format(
        "2005,{},{},{},0,?9?9?9?9E0?9?9?9*9*9?9*9*9?9*9*9?9?9*9*_*9*9*9*9*9,{:.1f},{:.1f},{:.0f},"
        "{:.0f},9999,9999,9999,{:.0f},0,0,999900,999900,999900,99990,0,0.0,10,10,999.0,99999,9,"
        "999999999,0,0.0000,0,88,999.000,999.0,99.0\n",
        d.month, d.day, hour_of_day(h) + 1, t, std::min(td, t), w.rh[h] * 100.0, p, w.ghi[h]);
  }
  return out;
}

}  // namespace heatlift::climate
