// The GB 50736-2012 Appendix A design-condition stations (data/climate/stations.csv):
// heating design temperature, heating period, summer and winter air-conditioning design
// values of 298 Chinese weather stations (1971–2000 observations). Temperatures in K.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/core/data_store.hpp"

namespace heatlift::climate {

/// The heating period of GB 50736: the days whose daily mean is ≤ +5 °C (供暖期).
struct HeatingPeriod {
  int days = 0;                            ///< 日平均温度 ≤ +5 °C 的天数
  std::string start;                       ///< first day, "MM-DD" ("" if not given)
  std::string end;                         ///< last day, "MM-DD" ("" if not given)
  std::optional<double> mean_temperature;  ///< K, mean outdoor temperature over the period
};

struct Station {
  std::string id;  ///< 5-digit WMO station number ("" for the 4 HK/Taiwan rows)
  std::string province_zh;
  std::string city_zh;
  std::string station_zh;
  std::optional<double> latitude;   ///< degrees north
  std::optional<double> longitude;  ///< degrees east
  std::optional<double> elevation;  ///< m
  double annual_mean = 0.0;         ///< K, 年平均温度
  double heating_design = 0.0;  ///< K, 供暖室外计算温度 (daily mean not exceeded on 5 days a year)
  double coldest_month_mean = 0.0;  ///< K, 冬季通风室外计算温度 = 累年最冷月平均温度
  std::optional<double> winter_ac;  ///< K, 冬季空调室外计算温度
  std::optional<double> winter_ac_rh;  ///< 1, 冬季空调室外计算相对湿度 (coldest month mean RH)
  std::optional<double> summer_ac_dry_bulb;  ///< K, 夏季空调室外计算干球温度
  std::optional<double> summer_ac_wet_bulb;  ///< K, 夏季空调室外计算湿球温度
  std::optional<double> summer_vent;  ///< K, 夏季通风室外计算温度 (hottest month, 14:00)
  std::optional<double> summer_vent_rh;        ///< 1, 夏季通风室外计算相对湿度
  std::optional<double> summer_ac_daily_mean;  ///< K, 夏季空调室外计算日平均温度
  std::optional<double> winter_sunshine;       ///< 1, 冬季日照百分率
  HeatingPeriod heating_period;                ///< days ≤ +5 °C
  HeatingPeriod period_le8;                    ///< days ≤ +8 °C
  std::optional<double> extreme_max;           ///< K
  std::optional<double> extreme_min;           ///< K
  int line = 0;                                ///< line in stations.csv
};

/// All stations of data/climate/stations.csv.
class StationTable {
 public:
  /// Reads climate/stations.csv from the store. Throws InvalidInput for a malformed row.
  explicit StationTable(const core::DataStore& data);

  const std::vector<Station>& stations() const { return stations_; }
  /// By WMO id (5 digits, or the 6-digit EPW form ending in 0), Chinese city or station
  /// name. Throws DataMissing listing close names when nothing matches.
  const Station& find(std::string_view query) const;
  /// nullptr when nothing matches.
  const Station* try_find(std::string_view query) const;
  const std::string& source() const { return source_; }

 private:
  std::vector<Station> stations_;
  std::string source_;
};

}  // namespace heatlift::climate
