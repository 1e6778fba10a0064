// Published checks of the site engine's surface-water, PV and seasonal-store models (docs/site.md,
// "Published checks"). Each test names its source and states its tolerance. Where the model
// misses a published figure, the test pins the gap that docs/site.md reports instead of widening
// the tolerance: a change that moves the model fails here, and the docs change with it.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <memory>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "heatlift/climate/place.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/carnot_map.hpp"
#include "heatlift/site/simulation.hpp"
#include "heatlift/site/solar_thermal.hpp"
#include "heatlift/site/water_source.hpp"

namespace heatlift::site {
namespace {

constexpr double c0 = 273.15;
constexpr double deg = std::numbers::pi / 180.0;
constexpr double kWh = 3.6e6;

climate::WeatherSeries city_weather(const char* name) {
  const core::DataStore data;
  return climate::find_place(data, name).weather;
}

std::vector<double> daily_means(const std::vector<double>& hourly) {
  std::vector<double> out(hourly.size() / 24, 0.0);
  for (std::size_t h = 0; h < out.size() * 24; ++h) out[h / 24] += hourly[h] / 24.0;
  return out;
}

struct Winter {
  int days_below_9 = 0;
  double min_c = 0.0;
};

// tests/site/data/wuhan_yangtze_winters.csv: seven published winters of the Yangtze at Wuhan.
std::vector<Winter> wuhan_winters() {
  std::ifstream in(HEATLIFT_SOURCE_DIR "/tests/site/data/wuhan_yangtze_winters.csv");
  std::vector<Winter> out;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::istringstream row(line);
    std::string winter, days, min_c;
    std::getline(row, winter, ',');
    std::getline(row, days, ',');
    std::getline(row, min_c, ',');
    out.push_back({std::stoi(days), std::stod(min_c)});
  }
  return out;
}

// The river model with its defaults (river: no offset, damping 0.75, lag 7 days) on Wuhan's
// typical year against the Yangtze at Wuhan (wuhan_yangtze_winters.csv: seven winters; summer
// daily means 23-28 °C, the highest generally not above 30 °C). Tolerances, stated before the
// run: the lowest daily mean within the published extreme minima 4.8-7.2 °C ± 1 K; the days
// below 9 °C within the published 11-54; the July-August daily means within 23-28 °C ± 1 K.
// The first holds (5.95 °C). The other two miss, as docs/site.md reports: 65 days below 9 °C
// (more than any published winter) and a peak daily mean of 29.8 °C (1.8 K above 28 °C, still
// under 30 °C). The defaults stay: the source gives no fitted lag or damping.
TEST(RiverWaterValidation, WuhanYangtzeAgainstPublishedWinterAndSummerFigures) {
  const std::vector<Winter> winters = wuhan_winters();
  ASSERT_EQ(winters.size(), 7u);
  double lowest = 1e9, highest = -1e9;
  int fewest = 1000, most = 0;
  for (const Winter& w : winters) {
    lowest = std::min(lowest, w.min_c);
    highest = std::max(highest, w.min_c);
    fewest = std::min(fewest, w.days_below_9);
    most = std::max(most, w.days_below_9);
  }
  const climate::WeatherSeries wuhan = city_weather("Wuhan");
  WaterBody river;
  river.kind = WaterBody::Kind::river;
  river.offset = 0.0;
  river.damping = 0.75;
  river.lag_days = 7.0;
  std::vector<double> daily = daily_means(water_temperatures(river, wuhan));
  for (double& t : daily) t -= c0;
  const double min_daily = *std::min_element(daily.begin(), daily.end());
  const auto days_below_9 =
      std::count_if(daily.begin(), daily.end(), [](double t) { return t < 9; });
  // July and August: days 181 … 242 of a non-leap year.
  const auto jul = daily.begin() + 181, sep = daily.begin() + 243;
  const double summer_min = *std::min_element(jul, sep), summer_max = *std::max_element(jul, sep);
  RecordProperty("min_daily_C", std::to_string(min_daily));
  RecordProperty("days_below_9C", std::to_string(days_below_9));
  RecordProperty("jul_aug_daily_C",
                 std::to_string(summer_min) + " to " + std::to_string(summer_max));

  EXPECT_GE(min_daily, lowest - 1.0);
  EXPECT_LE(min_daily, highest + 1.0);
  EXPECT_GE(summer_min, 23.0 - 1.0);
  // The documented misses: more days below 9 °C than any published winter …
  EXPECT_GT(days_below_9, most) << "now within the published " << fewest << "-" << most
                                << " days: update docs/site.md";
  EXPECT_LT(days_below_9, 80);
  // … and a summer peak above 28 + 1 °C, below the published 30 °C ceiling.
  EXPECT_GT(summer_max, 28.0 + 1.0) << "now within tolerance: update docs/site.md";
  EXPECT_LT(summer_max, 30.0);
}

// EPJ Photovoltaics 14 (2023), article pv220042, Table 1: the Datong test site (40.1°N,
// 113.3°E, modules at 38°) has 1,480.9 kWh/m² of global and 670.4 kWh/m² of diffuse horizontal
// irradiation a year and a mean temperature of 8 °C. Datong's typical year (CSWD) and the Erbs
// split the PV plane factor and the collectors rest on: global within 3 %, diffuse within 5 %,
// mean temperature within 1 K.
TEST(PvValidation, DatongSolarResourceMatchesTheEpjPvTestSite) {
  const climate::WeatherSeries datong = city_weather("Datong");
  double ghi = 0.0, t = 0.0;
  for (std::size_t h = 0; h < datong.hours(); ++h) {
    ghi += datong.ghi[h] / 1000.0;
    t += (datong.t_dry[h] - c0) / static_cast<double>(datong.hours());
  }
  const PlaneIrradiance horizontal = plane_irradiance(datong, 0.0);
  double diffuse = 0.0;
  for (double d : horizontal.diffuse) diffuse += d / 1000.0;
  RecordProperty("ghi_kWh_per_m2", std::to_string(ghi));
  RecordProperty("diffuse_kWh_per_m2", std::to_string(diffuse));
  EXPECT_NEAR(ghi / 1480.9, 1.0, 0.03);
  EXPECT_NEAR(diffuse / 670.4, 1.0, 0.05);
  EXPECT_NEAR(t, 8.0, 1.0);
}

// The PV yield uses a fixed plane factor (PvSpec: 1.1, irradiation on the array / on the
// horizontal). On the EPJ PV Datong site's 38° south plane the transposition of the solar
// thermal model (Erbs, isotropic sky, albedo 0.2) gives the plane/horizontal ratio: the default
// must lie within 5 % of it.
TEST(PvValidation, DefaultPlaneFactorMatchesDatongAt38Degrees) {
  const climate::WeatherSeries datong = city_weather("Datong");
  const PlaneIrradiance plane = plane_irradiance(datong, 38.0 * deg);
  double on_plane = 0.0, ghi = 0.0;
  for (std::size_t h = 0; h < datong.hours(); ++h) {
    on_plane += plane.total[h];
    ghi += datong.ghi[h];
  }
  RecordProperty("plane_factor_38deg", std::to_string(on_plane / ghi));
  EXPECT_NEAR(PvSpec{}.plane_factor / (on_plane / ghi), 1.0, 0.05);
}

// A year of `peak` W of PV beside a small heat pump in `w`: the hourly yield the simulation
// draws (Hour::pv), with the default performance ratio and plane factor.
std::vector<double> pv_hours(const climate::WeatherSeries& w, double peak) {
  demand::LoadSeries l;
  l.kind = demand::LoadKind::space_heating;
  l.description = "heating";
  for (double t : w.t_dry) {
    l.heat.push_back(std::max(0.0, 100.0 * (c0 + 15.0 - t)));
    l.t_supply.push_back(c0 + 40.0);
    l.t_return.push_back(c0 + 33.0);
  }
  l.design_load = 100.0 * 25.0;
  const auto spec = equipment::CarnotMapSpec::defaults(equipment::SourceKind::air, 4000.0);
  equipment::MapAxes axes;
  for (double t = -25.0; t <= 25.0; t += 5.0) axes.t_source.push_back(c0 + t);
  for (double t = 25.0; t <= 60.0; t += 5.0) axes.t_sink.push_back(c0 + t);
  axes.part_load = {0.2, 0.5, 1.0};
  SystemSpec s;
  s.heat_pump.map =
      std::make_shared<const equipment::PerformanceMap>(equipment::carnot_fraction_map(spec, axes));
  s.pv.peak = peak;
  const Simulation sim = simulate(w, {l}, s);
  std::vector<double> out;
  out.reserve(sim.hours.size());
  for (const Hour& h : sim.hours) out.push_back(h.pv);
  return out;
}

// pv magazine test (pv magazine with CEA and Gsolar), outdoor test field in Xi'an, results of
// April-July 2022 (pv magazine test: July 2022 results): monofacial mono PERC modules gave
// 131.29, 152.59, 151.37 and 135.03 Wh/Wp over 30, 31, 28 and 26 days of operation, i.e.
// 4.38, 4.92, 5.41 and 5.19 kWh/kWp a day. Tolerance stated before the run: the model's mean
// daily yield over the four months within 20 % of the published 4.97 (the published figure is
// the module's DC output in one year's weather; the model's performance ratio 0.8 includes the
// inverter, so it should sit a few per cent below). It misses: 3.85 kWh/kWp a day, 23 % below,
// as docs/site.md reports (the inverter explains a few per cent; the rest is likely the weather,
// a 1971-2003 typical year against 2022 on a test roof, which the test reports no irradiation
// to tell).
TEST(PvValidation, XianDailyYieldAgainstTheOutdoorTestField) {
  const climate::WeatherSeries xian = city_weather("Xi'an");
  const std::vector<double> pv = pv_hours(xian, 1000.0);
  std::array<double, 12> month_kwh{};
  std::array<int, 12> month_days{};
  for (std::size_t h = 0; h < pv.size(); ++h) {
    const auto m = static_cast<std::size_t>(climate::month_of_hour(h));
    month_kwh[m] += pv[h] / 1000.0;  // W × 1 h per kW peak → kWh/kWp
    if (h % 24 == 0) ++month_days[m];
  }
  const double published[] = {131.29 / 30, 152.59 / 31, 151.37 / 28, 135.031 / 26};
  double model_mean = 0.0, published_mean = 0.0;
  for (std::size_t i = 0; i < 4; ++i) {
    const double daily = month_kwh[3 + i] / month_days[3 + i];
    RecordProperty("month_" + std::to_string(4 + i) + "_kWh_per_kWp_day", std::to_string(daily));
    model_mean += daily / 4.0;
    published_mean += published[i] / 4.0;
  }
  const double ratio = model_mean / published_mean;
  RecordProperty("ratio_to_published", std::to_string(ratio));
  // The documented miss: below the 20 % band, by no more than 30 %.
  EXPECT_LT(ratio, 0.80) << "now within 20 %: update docs/site.md";
  EXPECT_GT(ratio, 0.70);
}

}  // namespace
}  // namespace heatlift::site
