#include "heatlift/climate/zones.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::climate {

namespace {
struct ZoneNames {
  Zone zone;
  std::string_view id;
  std::string_view en;
  std::string_view zh;
};
constexpr std::array<ZoneNames, 5> kZones = {{
    {Zone::severe_cold, "severe_cold", "severe cold", "严寒"},
    {Zone::cold, "cold", "cold", "寒冷"},
    {Zone::hot_summer_cold_winter, "hot_summer_cold_winter", "hot summer, cold winter", "夏热冬冷"},
    {Zone::hot_summer_warm_winter, "hot_summer_warm_winter", "hot summer, warm winter", "夏热冬暖"},
    {Zone::mild, "mild", "mild", "温和"},
}};

const ZoneNames& names(Zone z) {
  for (const auto& n : kZones) {
    if (n.zone == z) return n;
  }
  throw InternalError("climate zone out of range");
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::string_view to_string(Zone z) {
  return names(z).id;
}
std::string_view name_en(Zone z) {
  return names(z).en;
}
std::string_view name_zh(Zone z) {
  return names(z).zh;
}

Zone parse_zone(std::string_view text) {
  const std::string t = lower(text);
  for (const auto& n : kZones) {
    if (t == n.id || t == n.en || t == n.zh || t == std::string(n.zh) + "地区") return n.zone;
  }
  throw InvalidInput(
      fmt::format("climate zone '{}': expected severe_cold, cold, hot_summer_cold_winter, "
                  "hot_summer_warm_winter or mild (or 严寒, 寒冷, 夏热冬冷, 夏热冬暖, 温和)",
                  text));
}

ZoneIndicators zone_indicators(const WeatherSeries& w) {
  ZoneIndicators z;
  const auto months = monthly_stats(w);
  z.coldest_month_mean = 1e9;
  z.hottest_month_mean = -1e9;
  for (const auto& m : months) {
    z.coldest_month_mean = std::min(z.coldest_month_mean, m.t_mean);
    z.hottest_month_mean = std::max(z.hottest_month_mean, m.t_mean);
    z.hdd18 += m.hdd18;
    z.cdd26 += m.cdd26;
  }
  for (double t : daily_means(w)) {
    if (t <= 278.15 + 1e-9) ++z.days_le5;
    if (t >= 298.15 - 1e-9) ++z.days_ge25;
  }
  return z;
}

Zone classify(const ZoneIndicators& z) {
  const double tc = z.coldest_month_mean - core::kZeroCelsius;
  const double th = z.hottest_month_mean - core::kZeroCelsius;
  if (tc <= -10.0 || (z.days_le5 >= 145 && z.hdd18 >= 3800.0)) return Zone::severe_cold;
  if (tc <= 0.0 || z.days_le5 >= 90 || z.hdd18 >= 2000.0) return Zone::cold;
  if (th <= 25.0) return Zone::mild;
  if (tc > 10.0) return Zone::hot_summer_warm_winter;
  return Zone::hot_summer_cold_winter;
}

std::string subzone(const ZoneIndicators& z, Zone zone) {
  if (zone == Zone::severe_cold) {
    return z.hdd18 >= 6000.0 ? "1A" : z.hdd18 >= 5000.0 ? "1B" : "1C";
  }
  if (zone == Zone::cold) return z.cdd26 <= 90.0 ? "2A" : "2B";
  return "";
}

Zone zone_of(const WeatherSeries& w) {
  return classify(zone_indicators(w));
}

}  // namespace heatlift::climate
