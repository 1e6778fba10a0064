// Building thermal climate zones of China (GB 50176-2016 《民用建筑热工设计规范》 §4.1).
//
// First-level zoning, primary indicators: the mean temperature of the coldest month
// (t_min,m) and of the hottest month (t_max,m); auxiliary indicators: the days with a
// daily mean ≤ 5 °C (d≤5) and ≥ 25 °C (d≥25). Second level: HDD18 and CDD26.
//
//   severe cold 严寒            t_min,m ≤ −10 °C                (aux. d≤5 ≥ 145)
//   cold 寒冷                   −10 < t_min,m ≤ 0 °C           (aux. 90 ≤ d≤5 < 145)
//   hot summer, cold winter     0 < t_min,m ≤ 10, 25 < t_max,m ≤ 30 °C
//   hot summer, warm winter     t_min,m > 10, 25 < t_max,m ≤ 29 °C
//   mild 温和                   0 < t_min,m ≤ 13, 18 < t_max,m ≤ 25 °C
//
// How heatlift resolves the boundaries (docs/climate.md): the primary indicator decides,
// and a place moves to the colder zone when the auxiliary indicators say so — to severe
// cold when d≤5 ≥ 145 and HDD18 ≥ 3800 (the floor of sub-zones 1A–1C), to cold when
// d≤5 ≥ 90 or HDD18 ≥ 2000 (the floor of 2A–2B). A place with t_min,m > 0 °C and
// t_max,m ≤ 25 °C is mild. This puts each of the 40 CSWD cities in the zone the
// standard's map gives it (Xining: severe cold by its 159 days ≤ 5 °C; Zhengzhou: cold).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "heatlift/climate/weather.hpp"

namespace heatlift::climate {

enum class Zone {
  severe_cold,             ///< 严寒地区
  cold,                    ///< 寒冷地区
  hot_summer_cold_winter,  ///< 夏热冬冷地区
  hot_summer_warm_winter,  ///< 夏热冬暖地区
  mild,                    ///< 温和地区
};
/// Every zone, coldest first (the enum's order).
inline constexpr std::array<Zone, 5> kAllZones{Zone::severe_cold, Zone::cold,
                                               Zone::hot_summer_cold_winter,
                                               Zone::hot_summer_warm_winter, Zone::mild};

/// Stable identifier: "severe_cold", "cold", "hot_summer_cold_winter",
/// "hot_summer_warm_winter", "mild".
std::string_view to_string(Zone z);
/// English name, e.g. "hot summer, cold winter".
std::string_view name_en(Zone z);
/// Chinese name as the standard writes it, e.g. "夏热冬冷".
std::string_view name_zh(Zone z);
/// Parses an identifier, English or Chinese name (case-insensitive). Throws InvalidInput.
Zone parse_zone(std::string_view text);

/// The indicators of GB 50176-2016 §4.1 (temperatures in K, degree days in K·d).
struct ZoneIndicators {
  double coldest_month_mean = 0.0;
  double hottest_month_mean = 0.0;
  int days_le5 = 0;   ///< days with a daily mean ≤ 5 °C
  int days_ge25 = 0;  ///< days with a daily mean ≥ 25 °C
  double hdd18 = 0.0;
  double cdd26 = 0.0;
};

/// The indicators of one typical year.
ZoneIndicators zone_indicators(const WeatherSeries& w);
/// The first-level zone (see the rule above).
Zone classify(const ZoneIndicators& z);
/// The second-level sub-zone where the standard's bounds are known: 1A (HDD18 ≥ 6000),
/// 1B (5000–6000), 1C (< 5000) for severe cold; 2A (CDD26 ≤ 90), 2B (> 90) for cold;
/// "" for the other zones.
std::string subzone(const ZoneIndicators& z, Zone zone);
/// classify(zone_indicators(w)).
Zone zone_of(const WeatherSeries& w);

}  // namespace heatlift::climate
