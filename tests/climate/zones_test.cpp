// GB 50176-2016 climate zones: the known cities, all 40 CSWD cities against the zone given
// for them, names, and the station-table route.
#include "heatlift/climate/zones.hpp"

#include <gtest/gtest.h>

#include "heatlift/climate/cities.hpp"
#include "heatlift/climate/place.hpp"
#include "heatlift/core/error.hpp"
#include "test_support.hpp"

namespace heatlift::climate {
namespace {

Zone zone_of_city(std::string_view name) {
  static const core::DataStore data;
  static const CityLibrary lib(data);
  return zone_of(lib.weather(name));
}

TEST(Zones, KnownCities) {
  EXPECT_EQ(zone_of_city("Harbin"), Zone::severe_cold);
  EXPECT_EQ(zone_of_city("Beijing"), Zone::cold);
  EXPECT_EQ(zone_of_city("Shanghai"), Zone::hot_summer_cold_winter);
  EXPECT_EQ(zone_of_city("Wuhan"), Zone::hot_summer_cold_winter);
  EXPECT_EQ(zone_of_city("Guangzhou"), Zone::hot_summer_warm_winter);
  EXPECT_EQ(zone_of_city("Kunming"), Zone::mild);
}

TEST(Zones, AllFortyCitiesAgreeWithTheirZoneGroup) {
  const auto ref = testing::reference();
  for (std::size_t r = 0; r < ref.rows(); ++r) {
    EXPECT_EQ(name_zh(zone_of_city(ref.text(r, "wmo"))), ref.text(r, "zone_group"))
        << ref.text(r, "city");
  }
}

TEST(Zones, BoundaryRules) {
  ZoneIndicators z;
  z.coldest_month_mean = 273.15 - 10.0;
  z.hottest_month_mean = 273.15 + 22.0;
  EXPECT_EQ(classify(z), Zone::severe_cold);  // t_min,m = -10 °C is severe cold
  z.coldest_month_mean = 273.15 - 7.0;
  z.days_le5 = 160;
  z.hdd18 = 4400.0;
  EXPECT_EQ(classify(z), Zone::severe_cold);  // Xining: by its days <= 5 °C
  z.hdd18 = 3500.0;
  z.days_le5 = 145;
  EXPECT_EQ(classify(z), Zone::cold);  // Yinchuan: 145 days but HDD18 < 3800
  z.coldest_month_mean = 273.15 + 1.5;
  z.hottest_month_mean = 273.15 + 27.0;
  z.days_le5 = 88;
  z.hdd18 = 2197.0;
  EXPECT_EQ(classify(z), Zone::cold);  // Zhengzhou typical year
  z.hdd18 = 1900.0;
  EXPECT_EQ(classify(z), Zone::hot_summer_cold_winter);
  z.hottest_month_mean = 273.15 + 24.0;
  EXPECT_EQ(classify(z), Zone::mild);
  z.coldest_month_mean = 273.15 + 12.0;
  z.hottest_month_mean = 273.15 + 28.0;
  EXPECT_EQ(classify(z), Zone::hot_summer_warm_winter);
}

TEST(Zones, Subzones) {
  ZoneIndicators z;
  z.hdd18 = 6857;
  EXPECT_EQ(subzone(z, Zone::severe_cold), "1A");
  z.hdd18 = 5418;
  EXPECT_EQ(subzone(z, Zone::severe_cold), "1B");
  z.hdd18 = 4000;
  EXPECT_EQ(subzone(z, Zone::severe_cold), "1C");
  z.cdd26 = 71;
  EXPECT_EQ(subzone(z, Zone::cold), "2A");
  z.cdd26 = 135;
  EXPECT_EQ(subzone(z, Zone::cold), "2B");
  EXPECT_EQ(subzone(z, Zone::mild), "");
}

TEST(Zones, NamesRoundTrip) {
  for (Zone z : {Zone::severe_cold, Zone::cold, Zone::hot_summer_cold_winter,
                 Zone::hot_summer_warm_winter, Zone::mild}) {
    EXPECT_EQ(parse_zone(to_string(z)), z);
    EXPECT_EQ(parse_zone(name_en(z)), z);
    EXPECT_EQ(parse_zone(name_zh(z)), z);
  }
  EXPECT_EQ(parse_zone("Severe Cold"), Zone::severe_cold);
  EXPECT_EQ(parse_zone("夏热冬冷地区"), Zone::hot_summer_cold_winter);
  EXPECT_EQ(name_zh(Zone::hot_summer_warm_winter), "夏热冬暖");
  EXPECT_THROW(parse_zone("tropical"), InvalidInput);
}

TEST(Zones, FromTheStationTable) {
  const core::DataStore data;
  EXPECT_EQ(find_place(data, "漠河").zone, Zone::severe_cold);
  EXPECT_EQ(find_place(data, "三亚").zone, Zone::hot_summer_warm_winter);
  EXPECT_EQ(find_place(data, "大理").zone, Zone::mild);
  EXPECT_EQ(find_place(data, "保定").zone, Zone::cold);
  EXPECT_EQ(find_place(data, "宜昌").zone, Zone::hot_summer_cold_winter);
}

}  // namespace
}  // namespace heatlift::climate
