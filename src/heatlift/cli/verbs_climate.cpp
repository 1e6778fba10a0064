// Verbs of the climate layer: `heatlift climate list` (the embedded cities, or with
// --stations all GB 50736 stations) and `heatlift climate show CITY|--epw FILE` (location,
// zone, design conditions and the monthly table of a typical year).
#include <fmt/format.h>

#include <optional>

#include "heatlift/cli/app.hpp"
#include "heatlift/climate/cities.hpp"
#include "heatlift/climate/epw.hpp"
#include "heatlift/climate/place.hpp"
#include "heatlift/climate/stations.hpp"
#include "heatlift/climate/synthetic.hpp"
#include "heatlift/climate/zones.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::cli {
namespace {

using core::kZeroCelsius;
constexpr double kJPerKWh = 3.6e6;

std::string c1(double kelvin) {
  return fmt::format("{:.1f}", kelvin - kZeroCelsius);
}
std::string c1(const std::optional<double>& kelvin) {
  return kelvin ? c1(*kelvin) : "";
}

nlohmann::json opt_c(const std::optional<double>& kelvin) {
  return kelvin ? nlohmann::json(std::round((*kelvin - kZeroCelsius) * 100.0) / 100.0)
                : nlohmann::json();
}

nlohmann::json period_json(const climate::HeatingPeriod& p) {
  return {{"days", p.days},
          {"start", p.start},
          {"end", p.end},
          {"mean_temperature_C", opt_c(p.mean_temperature)}};
}

std::string period_text(const climate::HeatingPeriod& p) {
  if (p.days == 0) return "none (no day with a daily mean <= 5 °C)";
  std::string s = fmt::format("{} days", p.days);
  if (!p.start.empty()) s += fmt::format(", {} to {}", p.start, p.end);
  if (p.mean_temperature) s += fmt::format(", mean {} °C", c1(*p.mean_temperature));
  return s;
}

struct ListOptions {
  bool stations = false;
  std::uint64_t seed = 1;
};

void list_cities(Context& ctx) {
  const climate::CityLibrary lib(ctx.data());
  const climate::StationTable st(ctx.data());
  nlohmann::json rows = nlohmann::json::array();
  Table t({"city", "城市", "province", "wmo", "zone", "气候区", "subzone", "heating_design_C",
           "heating_days_d", "HDD18_Kd", "CDD26_Kd"});
  for (const auto& c : lib.cities()) {
    const auto w = lib.weather(c);
    const auto zi = climate::zone_indicators(w);
    const auto zone = climate::classify(zi);
    const climate::Station* s = st.try_find(c.gb50736_station);
    t.add_row({c.name, c.name_zh, c.province, c.wmo, std::string(climate::to_string(zone)),
               std::string(climate::name_zh(zone)), climate::subzone(zi, zone),
               s ? c1(s->heating_design) : "", s ? std::to_string(s->heating_period.days) : "",
               fmt::format("{:.0f}", zi.hdd18), fmt::format("{:.0f}", zi.cdd26)});
    rows.push_back({{"name", c.name},
                    {"name_zh", c.name_zh},
                    {"province", c.province},
                    {"province_zh", c.province_zh},
                    {"wmo", c.wmo},
                    {"latitude_deg", c.location.latitude},
                    {"longitude_deg", c.location.longitude},
                    {"elevation_m", c.location.elevation},
                    {"zone", climate::to_string(zone)},
                    {"zone_zh", climate::name_zh(zone)},
                    {"subzone", climate::subzone(zi, zone)},
                    {"heating_design_C", s ? opt_c(s->heating_design) : nlohmann::json()},
                    {"heating_period", s ? period_json(s->heating_period) : nlohmann::json()},
                    {"gb50736_station", c.gb50736_station},
                    {"hdd18_Kd", std::round(zi.hdd18 * 10.0) / 10.0},
                    {"cdd26_Kd", std::round(zi.cdd26 * 10.0) / 10.0},
                    {"weather", "CSWD"}});
  }
  if (ctx.format() == Format::json) {
    ctx.print_json({{"cities", rows},
                    {"source", lib.source()},
                    {"units",
                     {{"heating_design_C", "°C"},
                      {"hdd18_Kd", "K·d"},
                      {"cdd26_Kd", "K·d"},
                      {"elevation_m", "m"}}}});
    return;
  }
  t.print(ctx);
}

void list_stations(Context& ctx, const ListOptions& opt) {
  const climate::CityLibrary lib(ctx.data());
  const climate::StationTable st(ctx.data());
  nlohmann::json rows = nlohmann::json::array();
  Table t({"id", "省", "城市", "站名", "weather", "zone", "heating_design_C", "heating_days_d",
           "mean_le5_C", "HDD18_Kd"});
  for (const auto& s : st.stations()) {
    const climate::City* city = nullptr;
    for (const auto& c : lib.cities()) {
      if (!s.id.empty() && c.gb50736_station == s.id) city = &c;
    }
    std::optional<climate::ZoneIndicators> zi;
    std::string weather = "none (no coordinates)";
    if (city) {
      zi = climate::zone_indicators(lib.weather(*city));
      weather = "CSWD " + city->name;
    } else if (s.latitude) {
      zi = climate::station_indicators(s, climate::synthesize(s, {.seed = opt.seed}));
      weather = "synthetic";
    }
    const std::string zone = zi ? std::string(climate::to_string(climate::classify(*zi))) : "";
    t.add_row({s.id, s.province_zh, s.city_zh, s.station_zh, weather, zone, c1(s.heating_design),
               std::to_string(s.heating_period.days), c1(s.heating_period.mean_temperature),
               zi ? fmt::format("{:.0f}", zi->hdd18) : ""});
    rows.push_back(
        {{"id", s.id},
         {"province_zh", s.province_zh},
         {"city_zh", s.city_zh},
         {"station_zh", s.station_zh},
         {"latitude_deg", s.latitude ? nlohmann::json(*s.latitude) : nlohmann::json()},
         {"longitude_deg", s.longitude ? nlohmann::json(*s.longitude) : nlohmann::json()},
         {"weather", city         ? "CSWD"
                     : s.latitude ? "synthetic"
                                  : "none"},
         {"city", city ? city->name : ""},
         {"zone", zone.empty() ? nlohmann::json() : nlohmann::json(zone)},
         {"heating_design_C", opt_c(s.heating_design)},
         {"heating_period", period_json(s.heating_period)},
         {"hdd18_Kd", zi ? nlohmann::json(std::round(zi->hdd18)) : nlohmann::json()}});
  }
  if (ctx.format() == Format::json) {
    ctx.print_json({{"stations", rows},
                    {"source", st.source()},
                    {"seed", opt.seed},
                    {"units", {{"heating_design_C", "°C"}, {"hdd18_Kd", "K·d"}}}});
    return;
  }
  t.print(ctx);
}

struct ShowOptions {
  std::string city;
  std::string epw;
  std::uint64_t seed = 1;
};

// The year's figures from the months': day-weighted means, extremes, sums.
climate::MonthlyStats year_stats(const std::array<climate::MonthlyStats, 12>& months) {
  climate::MonthlyStats year;
  year.t_min = 1e9;
  year.t_max = -1e9;
  for (std::size_t m = 0; m < 12; ++m) {
    const double share = climate::days_in_month[m] / 365.0;
    year.t_mean += months[m].t_mean * share;
    year.rh_mean += months[m].rh_mean * share;
    year.t_min = std::min(year.t_min, months[m].t_min);
    year.t_max = std::max(year.t_max, months[m].t_max);
    year.irradiation += months[m].irradiation;
    year.hdd18 += months[m].hdd18;
    year.cdd26 += months[m].cdd26;
  }
  return year;
}

// What `climate show` prints, gathered.
struct ShowData {
  climate::Place p;
  std::optional<climate::EpwQuirks> quirks;
  std::string kind;  // EPW file, synthetic or CSWD
  std::array<climate::MonthlyStats, 12> months;
  climate::MonthlyStats year;
};

void print_show_json(Context& ctx, const ShowData& s) {
  const climate::Place& p = s.p;
  const auto& w = p.weather;
  const auto& loc = w.location;
  const auto& months = s.months;
  const climate::MonthlyStats& year = s.year;
  const std::string& kind = s.kind;
  const std::optional<climate::EpwQuirks>& quirks = s.quirks;
  nlohmann::json jm = nlohmann::json::array();
  auto month_json = [](const climate::MonthlyStats& m) {
    auto r2 = [](double v) { return std::round(v * 100.0) / 100.0; };
    return nlohmann::json{{"t_mean_C", r2(m.t_mean - kZeroCelsius)},
                          {"t_min_C", r2(m.t_min - kZeroCelsius)},
                          {"t_max_C", r2(m.t_max - kZeroCelsius)},
                          {"rh_mean_pct", r2(m.rh_mean * 100.0)},
                          {"ghi_kWh_m2", r2(m.irradiation / kJPerKWh)},
                          {"hdd18_Kd", r2(m.hdd18)},
                          {"cdd26_Kd", r2(m.cdd26)}};
  };
  for (std::size_t m = 0; m < 12; ++m) {
    auto j = month_json(months[m]);
    j["month"] = m + 1;
    jm.push_back(j);
  }
  nlohmann::json doc{{"location",
                      {{"name", loc.name},
                       {"name_zh", loc.name_zh},
                       {"province", loc.province},
                       {"station", loc.station},
                       {"latitude_deg", loc.latitude},
                       {"longitude_deg", loc.longitude},
                       {"elevation_m", loc.elevation},
                       {"time_zone_h", loc.time_zone}}},
                     {"weather", kind},
                     {"synthetic", p.synthetic},
                     {"source", w.source},
                     {"zone",
                      {{"id", climate::to_string(p.zone)},
                       {"en", climate::name_en(p.zone)},
                       {"zh", climate::name_zh(p.zone)},
                       {"subzone", p.subzone},
                       {"coldest_month_mean_C",
                        std::round((p.indicators.coldest_month_mean - kZeroCelsius) * 100) / 100},
                       {"hottest_month_mean_C",
                        std::round((p.indicators.hottest_month_mean - kZeroCelsius) * 100) / 100},
                       {"days_le5_d", p.indicators.days_le5},
                       {"days_ge25_d", p.indicators.days_ge25}}},
                     {"months", jm},
                     {"year", month_json(year)},
                     {"units",
                      {{"t", "°C"},
                       {"rh", "%"},
                       {"ghi", "kWh/m² (global horizontal irradiation)"},
                       {"hdd18", "K·d (daily means, base 18 °C)"},
                       {"cdd26", "K·d (daily means, base 26 °C)"}}}};
  if (p.station) {
    doc["design"] = {{"gb50736_station", p.station->id},
                     {"station_zh", p.station->station_zh},
                     {"heating_design_C", opt_c(p.station->heating_design)},
                     {"winter_ac_C", opt_c(p.station->winter_ac)},
                     {"summer_ac_dry_bulb_C", opt_c(p.station->summer_ac_dry_bulb)},
                     {"summer_ac_wet_bulb_C", opt_c(p.station->summer_ac_wet_bulb)},
                     {"heating_period", period_json(p.station->heating_period)}};
  } else {
    doc["design"] = nullptr;
  }
  if (quirks) {
    doc["epw_quirks"] = {{"rh_above_100_h", quirks->rh_above_100},
                         {"dew_point_above_dry_bulb_h", quirks->dew_point_above_dry_bulb},
                         {"leap_day_dropped", quirks->leap_day_dropped}};
  }
  ctx.print_json(doc);
}

void print_show_table(Context& ctx, const ShowData& s) {
  const climate::Place& p = s.p;
  const auto& w = p.weather;
  const auto& loc = w.location;
  const auto& months = s.months;
  const climate::MonthlyStats& year = s.year;
  const std::optional<climate::EpwQuirks>& quirks = s.quirks;
  static constexpr std::array<const char*, 12> kMonth = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Table t({"month", "t_mean_C", "t_min_C", "t_max_C", "rh_mean_pct", "ghi_kWh_m2", "HDD18_Kd",
           "CDD26_Kd"});
  auto row = [&](const std::string& label, const climate::MonthlyStats& m) {
    t.add_row({label, c1(m.t_mean), c1(m.t_min), c1(m.t_max),
               fmt::format("{:.0f}", m.rh_mean * 100.0),
               fmt::format("{:.1f}", m.irradiation / kJPerKWh), fmt::format("{:.0f}", m.hdd18),
               fmt::format("{:.0f}", m.cdd26)});
  };
  for (std::size_t m = 0; m < 12; ++m) row(kMonth[m], months[m]);
  row("year", year);
  if (ctx.format() == Format::csv) {
    t.print(ctx);
    return;
  }
  auto& out = ctx.out();
  out << fmt::format("{}{}{}\n", loc.name, loc.name_zh.empty() ? "" : " " + loc.name_zh,
                     loc.province.empty() ? "" : ", " + loc.province);
  out << fmt::format("  station {}  {:.2f}°N {:.2f}°E  {:.0f} m  UTC{:+g}\n",
                     loc.station.empty() ? "-" : loc.station, loc.latitude, loc.longitude,
                     loc.elevation, loc.time_zone);
  out << fmt::format("  weather: {}\n", w.source);
  out << fmt::format("  climate zone (GB 50176-2016): {} {}{}\n", climate::name_zh(p.zone),
                     climate::name_en(p.zone), p.subzone.empty() ? "" : " " + p.subzone);
  if (p.station) {
    out << fmt::format(
        "  GB 50736-2012 station {} {}: heating design temperature {} °C, "
        "winter AC {} °C, summer AC {} °C dry / {} °C wet bulb\n",
        p.station->id, p.station->station_zh, c1(p.station->heating_design),
        c1(p.station->winter_ac), c1(p.station->summer_ac_dry_bulb),
        c1(p.station->summer_ac_wet_bulb));
    out << fmt::format("  heating period (daily mean <= 5 °C): {}\n",
                       period_text(p.station->heating_period));
  } else {
    out << "  no GB 50736 station for this place: no design conditions\n";
  }
  if (quirks) {
    out << fmt::format("  EPW quirks clamped: {} h RH > 100 %, {} h dew point > dry bulb{}\n",
                       quirks->rh_above_100, quirks->dew_point_above_dry_bulb,
                       quirks->leap_day_dropped ? "; leap year, 29 February dropped" : "");
  }
  out << '\n';
  t.print(out);
}

void show(Context& ctx, const ShowOptions& opt) {
  ShowData s;
  climate::Place& p = s.p;
  std::optional<climate::EpwQuirks>& quirks = s.quirks;
  if (!opt.epw.empty()) {
    if (!opt.city.empty()) throw InvalidInput("climate show: give a CITY or --epw FILE, not both");
    auto d = climate::read_epw(opt.epw);
    quirks = d.quirks;
    p = climate::place_of(ctx.data(), std::move(d.weather));
  } else if (opt.city.empty()) {
    throw InvalidInput("climate show: give a CITY (e.g. Beijing, 北京, 545110) or --epw FILE");
  } else {
    p = climate::find_place(ctx.data(), opt.city, {.seed = opt.seed});
  }
  s.months = climate::monthly_stats(p.weather);
  s.year = year_stats(s.months);
  s.kind = !opt.epw.empty() ? "EPW file" : p.synthetic ? "synthetic" : "CSWD";
  if (ctx.format() == Format::json) {
    print_show_json(ctx, s);
  } else {
    print_show_table(ctx, s);
  }
}

void setup(CLI::App& app, Context& ctx) {
  auto* climate = app.add_subcommand(
      "climate", "typical-year weather of Chinese cities, GB 50736 design conditions, zones");
  climate->require_subcommand(1);

  auto lopt = std::make_shared<ListOptions>();
  auto* list = climate->add_subcommand(
      "list", "the 40 cities with an hourly CSWD typical year (zone, design temperature, HDD18)");
  list->add_flag("--stations", lopt->stations,
                 "all 298 GB 50736 stations instead, synthetic years where there is no CSWD one");
  list->add_option("--seed", lopt->seed, "seed of the synthetic years (with --stations)");
  list->callback([&ctx, lopt] {
    if (lopt->stations) {
      list_stations(ctx, *lopt);
    } else {
      list_cities(ctx);
    }
  });

  auto sopt = std::make_shared<ShowOptions>();
  auto* sh = climate->add_subcommand(
      "show",
      "one place: location, zone, design conditions, monthly temperature, humidity, "
      "irradiation and degree days");
  sh->add_option("city", sopt->city,
                 "city (Beijing, 北京, 545110) or GB 50736 station (保定, 54602); a station "
                 "without a CSWD year gets a synthetic one");
  sh->add_option("--epw", sopt->epw, "an EnergyPlus weather file instead of a city")
      ->option_text("FILE");
  sh->add_option("--seed", sopt->seed, "seed of a synthetic year (same seed, same year)");
  sh->callback([&ctx, sopt] { show(ctx, *sopt); });
}

const VerbRegistrar registrar{"climate", 200, setup};

}  // namespace
}  // namespace heatlift::cli
