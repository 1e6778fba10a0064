// The EPW reader: a round trip through to_epw, the quirks clamped and counted, leap years,
// and every kind of malformed file rejected with the file name, line number and reason.
#include "heatlift/climate/epw.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "heatlift/climate/cities.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::climate {
namespace {

using ::testing::HasSubstr;

const WeatherSeries& harbin() {
  static const WeatherSeries w = CityLibrary(core::DataStore{}).weather("Harbin");
  return w;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) out.push_back(l);
  return out;
}
std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}
// Replaces field `k` (0-based) of line `n` (1-based).
std::string with_field(const std::string& text, std::size_t n, std::size_t k,
                       const std::string& value) {
  auto lines = lines_of(text);
  auto& l = lines[n - 1];
  std::size_t start = 0;
  for (std::size_t i = 0; i < k; ++i) start = l.find(',', start) + 1;
  const std::size_t end = l.find(',', start);
  l = l.substr(0, start) + value + (end == std::string::npos ? "" : l.substr(end));
  return join(lines);
}

// Expects InvalidInput whose message names the file, the line and contains `reason`.
void expect_rejected(const std::string& text, std::size_t line, const std::string& reason) {
  try {
    parse_epw(text, "bad.epw");
    ADD_FAILURE() << "accepted; expected: " << reason;
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("bad.epw"));
    EXPECT_THAT(e.what(), HasSubstr("line " + std::to_string(line) + ":")) << e.what();
    EXPECT_THAT(e.what(), HasSubstr(reason));
  }
}

// Found by fuzzing: the quoted start of a wrong header line was cut inside a Chinese
// character, so the message was not UTF-8.
TEST(Epw, AWrongHeaderIsQuotedWithoutCuttingACharacter) {
  std::string text = "LOCATION,Harbin,HLJ,CHN,CSWD,509530,45.75,126.77,8.0,143.0\nDES";
  for (int i = 0; i < 20; ++i) text += "乙";
  text += "\n";
  try {
    parse_epw(text, "w.epw");
    FAIL();
  } catch (const InvalidInput& e) {
    const std::string m = e.what();
    EXPECT_THAT(m, HasSubstr("w.epw, line 2: header line starts 'DES乙"));
    EXPECT_TRUE(core::is_valid_utf8(m)) << m;
  }
}

TEST(Epw, RoundTripOfAnEmbeddedCity) {
  const std::string text = to_epw(harbin());
  const EpwData d = parse_epw(text, "harbin.epw");
  ASSERT_EQ(d.weather.hours(), hours_per_year);
  EXPECT_EQ(d.header.city, "Harbin");
  EXPECT_EQ(d.header.wmo, "509530");
  EXPECT_NEAR(d.header.latitude, 45.75, 1e-9);
  EXPECT_NEAR(d.header.longitude, 126.77, 1e-9);
  EXPECT_NEAR(d.header.elevation, 142.3, 1e-9);
  for (std::size_t h = 0; h < hours_per_year; ++h) {
    ASSERT_NEAR(d.weather.t_dry[h], harbin().t_dry[h], 0.051) << h;
    ASSERT_NEAR(d.weather.rh[h], harbin().rh[h], 0.0051) << h;
    ASSERT_NEAR(d.weather.ghi[h], harbin().ghi[h], 0.51) << h;
    ASSERT_LE(d.t_dew[h], d.weather.t_dry[h]);
  }
  EXPECT_EQ(d.quirks.rh_above_100, 0);
  EXPECT_FALSE(d.quirks.leap_day_dropped);
  EXPECT_NEAR(degree_days(d.weather).hdd18, degree_days(harbin()).hdd18, 1e-6);
}

TEST(Epw, ReadsAFileFromDisk) {
  const auto path = std::filesystem::path(::testing::TempDir()) / "heatlift_epw_test.epw";
  std::ofstream(path) << to_epw(harbin());
  const EpwData d = read_epw(path);
  EXPECT_EQ(d.weather.hours(), hours_per_year);
  EXPECT_THAT(d.weather.source, HasSubstr("heatlift_epw_test.epw"));
  std::filesystem::remove(path);
  EXPECT_THROW(read_epw(path), DataMissing);
}

TEST(Epw, ReadsTheTrimmedCswdFixture) {
  // The first 8 header lines and first and last data lines of the CSWD Harbin file,
  // verbatim, around 8758 hours written from the embedded data (tests/climate/data).
  std::ifstream in(std::string(CLIMATE_TEST_DATA) + "/cswd_harbin_head_tail.epw");
  std::stringstream ss;
  ss << in.rdbuf();
  const auto fixture = lines_of(ss.str());
  ASSERT_EQ(fixture.size(), 10u);
  auto body = lines_of(to_epw(harbin()));
  for (std::size_t i = 0; i < 8; ++i) body[i] = fixture[i];
  body[8] = fixture[8];
  body.back() = fixture[9];
  const EpwData d = parse_epw(join(body), "harbin-cswd.epw");
  EXPECT_EQ(d.header.data_source, "CSWD");
  EXPECT_THAT(d.header.design_conditions, HasSubstr("Climate Design Data 2009 ASHRAE Handbook"));
  EXPECT_THAT(d.header.comments_1, HasSubstr("China Standard Weather Data"));
  EXPECT_NEAR(d.weather.t_dry[0], 273.15 - 21.2, 1e-9);
  EXPECT_NEAR(d.t_dew[0], 273.15 - 24.8, 1e-9);
  EXPECT_NEAR(d.weather.rh[0], 0.70, 1e-12);
  EXPECT_NEAR(d.pressure[0], 100360.0, 1e-9);
  EXPECT_NEAR(d.wind_speed[0], 2.5, 1e-12);
  EXPECT_NEAR(d.wind_direction[0], 285.0, 1e-12);
  EXPECT_NEAR(d.weather.t_dry[8759], 273.15 - 20.6, 1e-9);
}

TEST(Epw, QuirksAreClampedAndCounted) {
  std::string text = to_epw(harbin());
  text = with_field(text, 9, 8, "104");   // RH 104 %
  text = with_field(text, 10, 8, "114");  // RH 114 %, as in the CSWD Changchun file
  // Dew point 2 K above the dry bulb.
  const double t = harbin().t_dry[5] - 273.15;
  text = with_field(text, 14, 7, std::to_string(t + 2.0));
  const EpwData d = parse_epw(text, "quirks.epw");
  EXPECT_EQ(d.quirks.rh_above_100, 2);
  EXPECT_EQ(d.quirks.dew_point_above_dry_bulb, 1);
  EXPECT_DOUBLE_EQ(d.weather.rh[0], 1.0);
  EXPECT_DOUBLE_EQ(d.weather.rh[1], 1.0);
  EXPECT_DOUBLE_EQ(d.t_dew[5], d.weather.t_dry[5]);
}

TEST(Epw, LeapYearDropsTheTwentyNinthOfFebruary) {
  auto lines = lines_of(to_epw(harbin()));
  // Insert 24 hours of 29 February after 28 February (day 59 starts at data hour 59*24).
  const std::size_t first_march = 8 + 59 * 24;
  std::vector<std::string> leap;
  for (int k = 0; k < 24; ++k) {
    std::string l = lines[first_march - 24 + static_cast<std::size_t>(k)];
    l.replace(l.find(",2,28,"), 6, ",2,29,");
    leap.push_back(l);
  }
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(first_march), leap.begin(), leap.end());
  ASSERT_EQ(lines.size(), 8u + 8784u);
  const EpwData d = parse_epw(join(lines), "leap.epw");
  EXPECT_TRUE(d.quirks.leap_day_dropped);
  EXPECT_EQ(d.weather.hours(), hours_per_year);
  EXPECT_NEAR(d.weather.t_dry[58 * 24 + 23], harbin().t_dry[58 * 24 + 23], 0.051);  // 28 Feb
  EXPECT_NEAR(d.weather.t_dry[59 * 24], harbin().t_dry[59 * 24], 0.051);            // 1 March 00:00
}

TEST(Epw, CrLfLineEndsAndTrailingBlankLinesAreAccepted) {
  std::string text = to_epw(harbin());
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  crlf += "\r\n\r\n";
  EXPECT_EQ(parse_epw(crlf).weather.hours(), hours_per_year);
}

class EpwBad : public ::testing::Test {
 protected:
  std::string good = to_epw(harbin());
};

TEST_F(EpwBad, MissingLocation) {
  auto lines = lines_of(good);
  lines[0] = "DESIGN CONDITIONS,0";
  expect_rejected(join(lines), 1, "expected LOCATION");
}

TEST_F(EpwBad, HeaderLineOutOfOrder) {
  auto lines = lines_of(good);
  std::swap(lines[3], lines[4]);
  expect_rejected(join(lines), 4, "expected GROUND TEMPERATURES");
}

TEST_F(EpwBad, ShortLocation) {
  auto lines = lines_of(good);
  lines[0] = "LOCATION,Harbin,Heilongjiang,CHN";
  expect_rejected(join(lines), 1, "LOCATION has 4 fields, expected 10");
}

TEST_F(EpwBad, NonNumericLatitude) {
  expect_rejected(with_field(good, 1, 6, "north"), 1, "latitude is 'north', expected a number");
}

TEST_F(EpwBad, LatitudeOutOfRange) {
  expect_rejected(with_field(good, 1, 6, "95"), 1, "latitude is 95");
}

TEST_F(EpwBad, WrongFieldCount) {
  auto lines = lines_of(good);
  lines[100] += ",7";
  expect_rejected(join(lines), 101, "36 fields, expected 35");
  lines[100] = lines[100].substr(0, lines[100].rfind(','));
  lines[100] = lines[100].substr(0, lines[100].rfind(','));
  expect_rejected(join(lines), 101, "34 fields, expected 35");
}

TEST_F(EpwBad, NonNumericField) {
  expect_rejected(with_field(good, 500, 6, "warm"), 500,
                  "dry bulb temperature is 'warm', expected a number");
  expect_rejected(with_field(good, 501, 8, ""), 501, "relative humidity is '', expected a number");
  expect_rejected(with_field(good, 502, 13, "1e"), 502, "global horizontal radiation is '1e'");
}

TEST_F(EpwBad, MissingCodes) {
  expect_rejected(with_field(good, 20, 6, "99.9"), 20,
                  "dry bulb temperature is missing (EPW code 99.9)");
  expect_rejected(with_field(good, 21, 7, "99.9"), 21, "dew point temperature is missing");
  expect_rejected(with_field(good, 22, 8, "999"), 22, "relative humidity is missing");
  expect_rejected(with_field(good, 23, 9, "999999"), 23, "atmospheric station pressure is missing");
  expect_rejected(with_field(good, 24, 13, "9999"), 24, "global horizontal radiation is missing");
  expect_rejected(with_field(good, 25, 21, "999"), 25, "wind speed is missing");
}

TEST_F(EpwBad, ValueOutOfRange) {
  expect_rejected(with_field(good, 30, 6, "-80"), 30,
                  "dry bulb temperature is -80 °C, expected -70 to 70 °C");
  expect_rejected(with_field(good, 31, 8, "151"), 31,
                  "relative humidity is 151 %, expected 0 to 150 %");
  expect_rejected(with_field(good, 32, 13, "-5"), 32, "global horizontal radiation is -5");
}

TEST_F(EpwBad, WrongNumberOfHours) {
  auto lines = lines_of(good);
  lines.pop_back();
  expect_rejected(join(lines), 8767, "8759 hourly data lines, expected 8760 (or 8784");
  lines.resize(100);
  expect_rejected(join(lines), 100, "92 hourly data lines");
  lines.resize(5);
  expect_rejected(join(lines), 6, "file ends in the header, expected the COMMENTS 1 line");
}

TEST_F(EpwBad, DateOutOfSequence) {
  expect_rejected(with_field(good, 9 + 24, 2, "3"), 33, "date 1/3 hour 1, expected 1/2 hour 1");
  expect_rejected(with_field(good, 12, 3, "7"), 12, "hour 7, expected 1/1 hour 4");
}

TEST_F(EpwBad, LeapYearWithoutTheTwentyNinth) {
  auto lines = lines_of(good);
  for (int k = 0; k < 24; ++k) lines.push_back(lines.back());
  // 8784 lines but no 29 February: the extra day runs past 31 December.
  expect_rejected(join(lines), 8 + 8761, "more than 8760 hours without 29 February");
}

TEST(Epw, EmptyText) {
  expect_rejected("", 1, "expected the LOCATION line");
}

}  // namespace
}  // namespace heatlift::climate
