// The seasonal store of site/solar_thermal.hpp on a configuration built from a published solar
// district heating plant with a pit store, Dronninglund (Denmark), in the nearest of heatlift's
// climates (docs/site.md, "Published checks").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "heatlift/climate/place.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/carnot_map.hpp"
#include "heatlift/site/solar_thermal.hpp"

namespace heatlift::site {
namespace {

constexpr double c0 = 273.15;
constexpr double deg = std::numbers::pi / 180.0;
constexpr double kWh = 3.6e6;
constexpr double kAnnualDemand = 40.0e3 * kWh;  // J: 40,000 MWh a year / 1,000

// The demand described below (the first test's header): 40,000 MWh a year scaled 1:1,000, a
// constant quarter and three quarters on the degree-hours below 17 °C, 75 °C out, 40 °C back;
// design_load is its peak hour.
demand::LoadSeries dronninglund_demand(const climate::WeatherSeries& w) {
  double degree_hours = 0.0;
  for (double t : w.t_dry) degree_hours += std::max(0.0, c0 + 17.0 - t);
  const double annual = kAnnualDemand;
  const double base = 0.25 * annual / (static_cast<double>(w.hours()) * 3600.0);
  const double per_kh = 0.75 * annual / (degree_hours * 3600.0);
  demand::LoadSeries load;
  load.kind = demand::LoadKind::space_heating;
  load.description = "district heating, Dronninglund scaled 1:1,000";
  double peak = 0.0;
  for (double t : w.t_dry) {
    load.heat.push_back(base + per_kh * std::max(0.0, c0 + 17.0 - t));
    load.t_supply.push_back(c0 + 75.0);
    load.t_return.push_back(c0 + 40.0);
    peak = std::max(peak, load.heat.back());
  }
  load.design_load = peak;
  return load;
}

// The collectors and pit described below, scaled 1:1,000.
SolarThermalSpec dronninglund_store() {
  SolarThermalSpec s;
  s.collector.name = "Ebner EMEK202 EASYSTAR";  // Solar Keymark, per m² gross
  s.collector.eta0 = 0.750;
  s.collector.a1 = 3.27;
  s.collector.a2 = 0.016;
  s.collector.kd = 0.91;
  s.collector.b0 = (1.0 - 0.86) / (1.0 / std::cos(50.0 * deg) - 1.0);
  s.area = 37.573;
  s.slope = 35.0 * deg;
  s.store_volume = 61.7;
  s.store_ua = 0.3 * 6.0 * std::pow(61700.0, 2.0 / 3.0) / 1000.0;
  s.t_surroundings = c0 + 10.0;
  s.t_store_max = c0 + 90.0;
  return s;
}

// Dronninglund solar district heating (start of operation 2014), as published: 37,573 m² of
// collectors at 35° (UNEP Copenhagen Climate Centre, "Dronninglund solar district heating in
// Denmark"), a 61,700 m³ pit store reaching about 90 °C in summer (NIRAS, "Great potential in
// new solar technology"), a district heating company producing about 40,000 MWh a year
// (banksolar.ru, "Dronninglund": the design brief) and, as predicted at commissioning, 17.5 GWh
// a year of solar heat (467 kWh per m²) and a solar share of 50 % (solarthermalworld.org,
// "26.3 MWth supply heat for 1,350 customers in Dronninglund").
//
// The configuration run here, scaled 1:1,000 so the store keeps its heat capacity per m² of
// collector: 37.573 m² at 35° facing south, 61.7 m³ of water, up to 90 °C, in the ground at
// 10 °C. heatlift's assumptions where the sources are silent: the certified flat plate of the
// site files' default (Ebner EASYSTAR, Solar Keymark; Dronninglund has Arcon collectors), the
// pit's loss coefficient from heatlift's default rule (0.3 W/(m²K) over the surface of a cube
// of the full-size volume: 2,810 W/K at full size, 2.81 W/K scaled), the demand of 40 MWh a
// year split into a constant quarter (hot water and network loss) and three quarters following
// the degree-hours below 17 °C, delivered at 75 °C and returning at 40 °C. The climate:
// Shenyang, the city of heatlift's library whose annual mean (8.6 °C) is nearest Dronninglund's
// (about 8 °C), with more sun (1,314 kWh/m² of global irradiation against about 1,000).
//
// How comparable: the collectors, store and demand are Dronninglund's in size and ratio; the
// sun, the winter and the store's discharge are not (Dronninglund's absorption heat pump draws
// the pit down to about 10 °C; here the store gives heat only above the 40 °C return). The
// published figures are the predictions the plant was built on.
//
// Tolerances, stated before the run: solar fraction within 0.15 of the published 0.50;
// collected heat within 30 % of the published 467 kWh per m²; the store's warmest monthly mean
// at 80 °C or more (published: about 90 °C). The second and third hold (355 kWh/m², 24 %
// below; 80.2 °C). The first misses, as docs/site.md reports: 0.30. The store, discharged only
// down to the 40 °C return, stays hot, so its collectors run warm and gather less, and the
// heat between 10 °C and 40 °C that Dronninglund's heat pump takes from the pit is not there.
TEST(SeasonalStoreValidation, DronninglundConfigurationInShenyang) {
  const core::DataStore data;
  const climate::WeatherSeries w = climate::find_place(data, "Shenyang").weather;
  std::vector<demand::LoadSeries> loads = {dronninglund_demand(w)};

  SolarThermalSpec s = dronninglund_store();
  const SolarThermalResult r = apply_solar_thermal(w, loads, s);

  const double collected = r.collected / kWh / s.area;
  const double warmest = *std::max_element(r.monthly_t_store.begin(), r.monthly_t_store.end());
  RecordProperty("solar_fraction", std::to_string(r.solar_fraction));
  RecordProperty("collected_kWh_per_m2", std::to_string(collected));
  RecordProperty("warmest_month_store_C", std::to_string(warmest - c0));
  // The documented miss: below 0.50 − 0.15, by no more than 0.10 further.
  EXPECT_LT(r.solar_fraction, 0.50 - 0.15) << "now within tolerance: update docs/site.md";
  EXPECT_GT(r.solar_fraction, 0.25);
  EXPECT_NEAR(collected / 467.0, 1.0, 0.30);
  EXPECT_GE(warmest, c0 + 80.0);
}

// The same configuration with the store doing both (StoreFeeds::both): it preheats the
// district heating's return while above 40 + 5 °C, then feeds a heat pump's evaporator down to
// 10 °C, as Dronninglund's heat pump draws its pit. The heat pump here is heatlift's
// Carnot-fraction water-source default (η 0.60, W10/W35, capacity 1.5 × the peak load) on a
// stream at 5 °C, so that with the 5 K approach the pit's floor is the 10 °C of the store's
// lowest temperature; it delivers the district heating's 75 °C. The evaporator heat it draws
// from the pit is an electric heat pump's (about 60 % of its heat at 75 °C), not Dronninglund's:
// the plant as built has an absorption heat pump (IEA SHC Task 45 news, 2014: "an absorption
// heat pump"); the 3 MW CO2 compression heat pump of the design brief (banksolar.ru) is the
// planning stage's.
//
// Tolerances, stated before the run: solar fraction (direct plus through the evaporator, over
// the demand) within 0.15 of the published 0.50, as the case above; collected heat within 30 %
// of the published 467 kWh per m²; the store's coldest monthly mean at 25 °C or below (the pit
// drawn down; published: about 10 °C) and its warmest at 80 °C or more. The first three hold
// (0.495; 549 kWh/m², 18 % above; 10.1 °C). The fourth misses, as docs/site.md reports: 77.6 °C.
// The fully mixed pit starts each summer at 10 °C and still gives the loads' base heat all
// summer, so its mean stays below a stratified pit's top (Dronninglund's 90 °C is its top).
TEST(SeasonalStoreValidation, DronninglundConfigurationInShenyangFeedingLoadsAndSource) {
  const core::DataStore data;
  const climate::WeatherSeries w = climate::find_place(data, "Shenyang").weather;
  std::vector<demand::LoadSeries> loads = {dronninglund_demand(w)};
  const double peak = loads.front().design_load;

  auto mspec = equipment::CarnotMapSpec::defaults(equipment::SourceKind::water, 1.5 * peak);
  equipment::MapAxes axes;
  for (double t = 0.0; t <= 40.0; t += 5.0) axes.t_source.push_back(c0 + t);
  for (double t = 35.0; t <= 80.0; t += 5.0) axes.t_sink.push_back(c0 + t);
  axes.part_load = {0.3, 0.6, 1.0};
  SystemSpec sys;
  sys.heat_pump.map = std::make_shared<const equipment::PerformanceMap>(
      equipment::carnot_fraction_map(mspec, axes));
  sys.source.kind = SourceSpec::Kind::water;
  sys.source.t_water = c0 + 5.0;
  sys.compensation.enabled = false;
  const Simulation free_run = simulate(w, loads, sys);

  SolarThermalSpec s = dronninglund_store();
  s.feeds = StoreFeeds::both;
  s.t_store_min = c0 + 10.0;
  std::vector<double> t_source;
  const SolarThermalResult r =
      solar_to_loads_and_source(w, loads, free_run, axes.t_source.back(), s, t_source);

  const double collected = r.collected / kWh / s.area;
  const double warmest = *std::max_element(r.monthly_t_store.begin(), r.monthly_t_store.end());
  const double coldest = *std::min_element(r.monthly_t_store.begin(), r.monthly_t_store.end());
  RecordProperty("solar_fraction", std::to_string(r.solar_fraction));
  RecordProperty("direct_fraction", std::to_string(r.delivered_to_loads / kAnnualDemand));
  RecordProperty("evaporator_fraction", std::to_string(r.delivered_to_source / kAnnualDemand));
  double evaporator = 0.0, hp_heat = 0.0;
  for (const Hour& h : free_run.hours) {
    evaporator += h.ground_heat;
    hp_heat += h.hp_heat;
  }
  RecordProperty("evaporator_share_of_hp_heat", std::to_string(evaporator / hp_heat));
  RecordProperty("collected_kWh_per_m2", std::to_string(collected));
  RecordProperty("warmest_month_store_C", std::to_string(warmest - c0));
  RecordProperty("coldest_month_store_C", std::to_string(coldest - c0));
  EXPECT_NEAR(r.solar_fraction, 0.50, 0.15);
  EXPECT_NEAR(collected / 467.0, 1.0, 0.30);
  EXPECT_LE(coldest, c0 + 25.0);
  // The documented miss: below 80 °C, by no more than 10 K.
  EXPECT_LT(warmest, c0 + 80.0) << "now within tolerance: update docs/site.md";
  EXPECT_GT(warmest, c0 + 70.0);
  EXPECT_NEAR(r.collected - r.delivered - r.loss, r.store_change, 1e-6 * r.collected);
}

}  // namespace
}  // namespace heatlift::site
