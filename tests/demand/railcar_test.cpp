// A railway passenger car's HVAC over a year (demand/railcar.hpp): heat pump against
// resistance heating, against a manufacturer's published saving; balances and bad input.
#include "heatlift/demand/railcar.hpp"

#include <gtest/gtest.h>

#include <map>

#include "heatlift/climate/cities.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::demand {
namespace {

const climate::WeatherSeries& weather(const std::string& city) {
  static const core::DataStore data;
  static const climate::CityLibrary lib(data);
  static std::map<std::string, climate::WeatherSeries> cache;
  auto it = cache.find(city);
  if (it == cache.end()) it = cache.emplace(city, lib.weather(city)).first;
  return it->second;
}

double heating_saving(const RailcarYear& y) {
  const double other = y.cooling_electricity + y.fan_electricity;
  return 1.0 - (y.electricity_hp - other) / (y.electricity_resistance - other);
}

// Faiveley (Railway Gazette, "Cheaper HVAC"): a heat pump in a coach cuts the power its
// climate system draws by about 50 % in central and northern Europe, an electric heater still
// needed in very cold weather. Lhasa (January -1.5 °C, July about 16 °C) and Xining (-6.8 °C,
// about 17 °C) are the library's cities with that climate's cold winters and cool summers.
// Their heating and cooling electricity (the fans run alike in both cars and are left out)
// falls by 50 % ± 10 points.
TEST(Railcar, FaiveleyHalvesTheHvacPowerInACentralEuropeanClimate) {
  for (const std::string city : {"Lhasa", "Xining"}) {
    const RailcarYear y = simulate_railcar(RailcarSpec{}, weather(city));
    const double saving = 1.0 - (y.electricity_hp - y.fan_electricity) /
                                    (y.electricity_resistance - y.fan_electricity);
    RecordProperty(city + "_saving", std::to_string(saving));
    EXPECT_NEAR(saving, 0.50, 0.10) << city;
    EXPECT_NEAR(heating_saving(y), 0.50, 0.10) << city;  // the heating alone
  }
}

TEST(Railcar, ColdCitiesHeatMoreAndHotOnesCoolMore) {
  const RailcarYear harbin = simulate_railcar(RailcarSpec{}, weather("Harbin"));
  const RailcarYear guangzhou = simulate_railcar(RailcarSpec{}, weather("Guangzhou"));
  EXPECT_GT(harbin.heating, 3.0 * guangzhou.heating);
  EXPECT_GT(guangzhou.cooling, 2.0 * harbin.cooling);
  EXPECT_LT(harbin.heat_pump_share, 1.0);  // below -15 °C the resistance heaters take over
  EXPECT_GT(guangzhou.heat_pump_share, 0.99);
  // Heat pump never uses more than resistance heating.
  EXPECT_LE(harbin.electricity_hp, harbin.electricity_resistance);
  EXPECT_EQ(harbin.service_hours, 365 * 18);
}

TEST(Railcar, BadInputNamesTheField) {
  RailcarSpec s;
  s.t_cool = s.t_heat - 1.0;
  try {
    (void)simulate_railcar(s, weather("Beijing"));
    FAIL() << "no error";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("t_cool"), std::string::npos) << e.what();
  }
  s = RailcarSpec{};
  s.load_factor = -1.0;
  EXPECT_THROW((void)simulate_railcar(s, weather("Beijing")), InvalidInput);
}

}  // namespace
}  // namespace heatlift::demand
