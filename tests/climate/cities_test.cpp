// The embedded city library: look-ups, and the degree days and monthly means of all 40
// cities against values computed independently from the full CSWD EPW files.
#include "heatlift/climate/cities.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "heatlift/climate/place.hpp"
#include "heatlift/climate/stations.hpp"
#include "heatlift/core/error.hpp"
#include "test_support.hpp"

namespace heatlift::climate {
namespace {

using ::testing::HasSubstr;

const CityLibrary& lib() {
  static const core::DataStore data;
  static const CityLibrary l(data);
  return l;
}

TEST(Cities, FortyCitiesEachWithAStation) {
  ASSERT_EQ(lib().cities().size(), 40u);
  const StationTable st{core::DataStore{}};
  for (const auto& c : lib().cities()) {
    EXPECT_FALSE(c.name_zh.empty()) << c.name;
    EXPECT_EQ(c.wmo.size(), 6u) << c.name;
    EXPECT_NE(st.try_find(c.gb50736_station), nullptr) << c.name;
  }
}

TEST(Cities, FindByEnglishChineseOrWmoIgnoringCase) {
  EXPECT_EQ(lib().find("Harbin").wmo, "509530");
  EXPECT_EQ(lib().find("harbin").wmo, "509530");
  EXPECT_EQ(lib().find("HARBIN").wmo, "509530");
  EXPECT_EQ(lib().find("哈尔滨").name, "Harbin");
  EXPECT_EQ(lib().find("哈尔滨市").name, "Harbin");
  EXPECT_EQ(lib().find("509530").name, "Harbin");
  EXPECT_EQ(lib().find("50953").name, "Harbin");
  EXPECT_EQ(lib().find("xian").name, "Xi'an");
  EXPECT_EQ(lib().find("Xi'an").name, "Xi'an");
  EXPECT_EQ(lib().find(" xi an ").name, "Xi'an");
}

TEST(Cities, UnknownCityListsCloseNames) {
  try {
    lib().find("Harbon");
    FAIL();
  } catch (const DataMissing& e) {
    EXPECT_THAT(e.what(), HasSubstr("no city 'Harbon'"));
    EXPECT_THAT(e.what(), HasSubstr("close names: Harbin"));
  }
  try {
    lib().find("Shanghia");
    FAIL();
  } catch (const DataMissing& e) {
    EXPECT_THAT(e.what(), HasSubstr("Shanghai"));
  }
  EXPECT_THROW(lib().find(""), DataMissing);
  EXPECT_THROW(lib().find("Atlantis"), DataMissing);
}

TEST(Cities, SeriesAreWholeYearsWithLocationAndSource) {
  const WeatherSeries w = lib().weather("Kunming");
  EXPECT_EQ(w.hours(), hours_per_year);
  EXPECT_NO_THROW(w.validate());
  EXPECT_EQ(w.location.name, "Kunming");
  EXPECT_EQ(w.location.name_zh, "昆明");
  EXPECT_NEAR(w.location.elevation, 1892.4, 1e-9);
  EXPECT_THAT(w.source, HasSubstr("CSWD"));
  EXPECT_THAT(w.source, HasSubstr("China Meteorological Administration and Tsinghua University"));
}

// Validation: HDD18 and CDD26 of each city against the values computed independently from
// the full EPW files (tests/climate/data/cswd_reference.csv). The embedded series holds
// the EPW dry bulb at its own 0.1 K resolution, so the agreement is limited only by the
// reference's rounding to whole K·d: tolerance ±1 K·d (< 0.1 % of any HDD18 above 1000).
TEST(Cities, DegreeDaysOfTheFortyCitiesMatchTheIndependentComputation) {
  const auto ref = testing::reference();
  ASSERT_EQ(ref.rows(), 40u);
  double worst = 0.0;
  for (std::size_t r = 0; r < ref.rows(); ++r) {
    const auto& c = lib().find(ref.text(r, "wmo"));
    EXPECT_EQ(c.name, ref.text(r, "city"));
    const WeatherSeries w = lib().weather(c);
    const DegreeDays dd = degree_days(w);
    EXPECT_NEAR(dd.hdd18, ref.required_number(r, "hdd18"), 1.0) << c.name;
    EXPECT_NEAR(dd.cdd26, ref.required_number(r, "cdd26"), 1.0) << c.name;
    worst = std::max(worst, std::abs(dd.hdd18 - ref.required_number(r, "hdd18")));
    const auto months = monthly_stats(w);
    double annual = 0.0;
    for (std::size_t h = 0; h < w.hours(); ++h) annual += w.t_dry[h];
    EXPECT_NEAR(annual / w.hours() - 273.15, ref.required_number(r, "tdb_mean"), 0.006) << c.name;
    for (int m = 0; m < 12; ++m) {
      const std::string col = fmt::format("tdb_m{:02d}", m + 1);
      EXPECT_NEAR(months[static_cast<std::size_t>(m)].t_mean - 273.15, ref.required_number(r, col),
                  0.006)
          << c.name << " " << col;
    }
    double ghi = 0.0;
    for (const auto& m : months) ghi += m.irradiation;
    EXPECT_NEAR(ghi / 3.6e6, ref.required_number(r, "ghi_kwh_m2"), 1.0) << c.name;
  }
  RecordProperty("worst_hdd18_difference_Kd", std::to_string(worst));
}

TEST(Cities, DesignConditionsThroughFindPlace) {
  const core::DataStore data;
  const Place p = find_place(data, "Beijing");
  EXPECT_FALSE(p.synthetic);
  ASSERT_TRUE(p.station);
  EXPECT_NEAR(p.heating_design_temperature() - 273.15, -7.6, 1e-9);
  EXPECT_EQ(p.heating_period().days, 123);
  EXPECT_EQ(p.heating_period().start, "11-12");
  EXPECT_EQ(p.heating_period().end, "03-14");
  EXPECT_NEAR(*p.heating_period().mean_temperature - 273.15, -0.7, 1e-9);

  const Place s = find_place(data, "保定");  // a station without an EPW
  EXPECT_TRUE(s.synthetic);
  EXPECT_EQ(s.weather.hours(), hours_per_year);
  EXPECT_EQ(s.zone, Zone::cold);
  try {
    find_place(data, "Baoding City of Nowhere");
    FAIL();
  } catch (const DataMissing& e) {
    EXPECT_THAT(e.what(), HasSubstr("heatlift climate list --stations"));
  }
}

TEST(Cities, PlaceOfAnEpwYearFindsItsStationByWmoId) {
  const core::DataStore data;
  WeatherSeries w = lib().weather("Harbin");
  const Place p = place_of(data, w);
  ASSERT_TRUE(p.station);
  EXPECT_EQ(p.station->id, "50953");
  EXPECT_EQ(p.zone, Zone::severe_cold);
  EXPECT_EQ(p.subzone, "1B");
  WeatherSeries sh = lib().weather("Shanghai");  // CSWD 58362, GB 50736 58367
  EXPECT_EQ(place_of(data, sh).station->id, "58367");
  w.location.station = "000000";
  const Place q = place_of(data, w);
  EXPECT_FALSE(q.station);
  EXPECT_THROW(q.heating_design_temperature(), DataMissing);
  EXPECT_THROW(q.heating_period(), DataMissing);
  w.rh[7] = 1.5;
  EXPECT_THROW(place_of(data, w), InvalidInput);
}

TEST(Stations, TableHas298RowsAndFindsByIdAndName) {
  const StationTable st{core::DataStore{}};
  EXPECT_EQ(st.stations().size(), 298u);
  EXPECT_EQ(st.find("54511").city_zh, "北京");
  EXPECT_EQ(st.find("545110").city_zh, "北京");
  EXPECT_EQ(st.find("北京").id, "54511");
  EXPECT_EQ(st.find("西华").id, "57193");  // station name of 周口
  const Station& hk = st.find("香港");
  EXPECT_FALSE(hk.latitude.has_value());
  EXPECT_NEAR(st.find("哈尔滨").heating_design - 273.15, -24.2, 1e-9);
  EXPECT_THROW(st.find("99999"), DataMissing);
  try {
    st.find("北");
    FAIL();
  } catch (const DataMissing& e) {
    EXPECT_THAT(e.what(), HasSubstr("北京"));
  }
}

TEST(Stations, MalformedTableNamesFileLineAndColumn) {
  EXPECT_THROW(detail::CsvTable("a,b\n1\n", "t.csv", {}), InvalidInput);
  try {
    detail::CsvTable t("# c\na,b\n1,x\n", "t.csv", {"a"});
    t.number(0, "b");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("t.csv, line 3: b is 'x', expected a number"));
  }
  EXPECT_THROW(detail::CsvTable("a,b\n", "t.csv", {"c"}), InvalidInput);
}

TEST(Cities, MalformedSeriesFile) {
  EXPECT_THROW(parse_city_series("t_dry_dC,rh_pct,ghi_W_m2\n1,2,3\n", "x.csv"), InvalidInput);
  try {
    parse_city_series("# c\nt_dry_dC,rh_pct,ghi_W_m2\n1,2\n", "x.csv");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("x.csv, line 3"));
  }
  EXPECT_THROW(parse_city_series("t,rh\n", "x.csv"), InvalidInput);
}

}  // namespace
}  // namespace heatlift::climate
