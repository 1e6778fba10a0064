// Solar-thermal collectors and their store (site/solar_thermal.hpp): the EN ISO 9806 model
// against a named collector's Solar Keymark datasheet, the annual output at a constant
// mean temperature against the certificate's climates, the store's energy balance and a
// seasonal store carrying summer heat into winter.
#include "heatlift/site/solar_thermal.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "heatlift/climate/place.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/carnot_map.hpp"

namespace heatlift::site {
namespace {

constexpr double c0 = 273.15;
constexpr double deg = std::numbers::pi / 180.0;

// Ebner EMEK202 "EASYSTAR" flat-plate collector, Solar Keymark datasheet (TÜV Rheinland
// test report 21246009.001, 18.02.2019), parameters related to the gross area (2.00 m²):
// η0 0.750, a1 3.27 W/(m²K), a2 0.016 W/(m²K²), Kd 0.91, K_θ(50°) 0.86 (b0 = 0.14/0.556).
CollectorSpec easystar() {
  CollectorSpec c;
  c.name = "Ebner EMEK202 EASYSTAR";
  c.eta0 = 0.750;
  c.a1 = 3.27;
  c.a2 = 0.016;
  c.kd = 0.91;
  c.b0 = (1.0 - 0.86) / (1.0 / std::cos(50.0 * deg) - 1.0);
  return c;
}

// The datasheet's power table (G_b 850, G_d 150 W/m², normal incidence): 739, 705, 627,
// 536, 432, 252 W per m² gross at ϑm − ϑa = 0, 10, 30, 50, 70, 100 K. Tolerance 1.5 W/m²
// (the table is rounded to 1 W/m²).
TEST(SolarCollector, MatchesTheKeymarkPowerTable) {
  const double dt[] = {0, 10, 30, 50, 70, 100};
  const double w[] = {739, 705, 627, 536, 432, 252};
  for (int i = 0; i < 6; ++i) {
    EXPECT_NEAR(collector_output(easystar(), 850.0, 150.0, 1.0, dt[i]), w[i], 1.5)
        << "dT " << dt[i];
  }
  // At 50° incidence the beam term carries the datasheet's K_θ 0.86.
  const double at50 = collector_output(easystar(), 850.0, 0.0, std::cos(50.0 * deg), 0.0);
  EXPECT_NEAR(at50, 0.75 * 850.0 * 0.86, 1e-6);
}

// Annual output at a constant mean fluid temperature of 50 °C, the Keymark way (south,
// slope = latitude − 15° rounded to 5°, only hours of positive output counted), in
// Beijing's typical year. The certificate gives 449, 415, 594 and 812 kWh per m² gross at
// 50 °C for Würzburg, Stockholm, Davos and Athens on 1244, 1166, 1714 and 1765 kWh/m² of
// plane irradiation: a utilisation of 0.347 … 0.460. Beijing (mean 12.6 °C, between
// Würzburg and Athens) must fall within that band.
TEST(SolarCollectorValidation, AnnualOutputAt50CInBeijingWithinTheKeymarkClimates) {
  const core::DataStore data;
  const climate::Place beijing = climate::find_place(data, "Beijing");
  const PlaneIrradiance p = plane_irradiance(beijing.weather, 25.0 * deg);
  double out = 0.0, irr = 0.0;
  for (std::size_t h = 0; h < p.total.size(); ++h) {
    irr += p.total[h];
    const double q = collector_output(easystar(), p.beam[h], p.diffuse[h], p.cos_theta[h],
                                      c0 + 50.0 - beijing.weather.t_dry[h]);
    if (q > 0) out += q;
  }
  const double utilisation = out / irr;
  RecordProperty("output_kWh_per_m2", std::to_string(out / 1e3));
  RecordProperty("irradiation_kWh_per_m2", std::to_string(irr / 1e3));
  EXPECT_GT(utilisation, 0.347) << out / 1e3 << " kWh/m² of " << irr / 1e3;
  EXPECT_LT(utilisation, 0.460) << out / 1e3 << " kWh/m² of " << irr / 1e3;
  // Beijing's plane irradiation lies between Würzburg's and Athens' (CSWD: ~1,500 kWh/m²).
  EXPECT_GT(irr / 1e3, 1244.0);
  EXPECT_LT(irr / 1e3, 1765.0);
}

demand::LoadSeries hot_water(std::size_t n, double w) {
  demand::LoadSeries l;
  l.kind = demand::LoadKind::hot_water;
  l.description = "hot water";
  l.heat.assign(n, w);
  l.t_supply.assign(n, c0 + 55.0);
  l.t_return.assign(n, c0 + 12.0);
  return l;
}

// The store balances over the year: collected − delivered − lost = its change; every hour
// the loads keep what the store did not give them.
TEST(SolarStore, EnergyBalancesAndTheLoadsAreLoweredByWhatItGives) {
  const core::DataStore data;
  const climate::Place city = climate::find_place(data, "Beijing");
  const std::size_t n = city.weather.hours();
  std::vector<demand::LoadSeries> loads = {hot_water(n, 2000.0)};
  SolarThermalSpec s;
  s.collector = easystar();
  s.area = 10.0;
  s.slope = 40.0 * deg;
  s.store_volume = 3.0;
  s.store_ua = 8.0;
  s.t_surroundings = c0 + 20.0;
  const SolarThermalResult r = apply_solar_thermal(city.weather, loads, s);
  EXPECT_NEAR(r.collected - r.delivered - r.loss, r.store_change, 1e-6 * r.collected);
  for (std::size_t h = 0; h < n; ++h) {
    EXPECT_NEAR(loads[0].heat[h] + r.supplied[h], 2000.0, 1e-6) << h;
    ASSERT_LE(r.t_store[h], s.t_store_max + 1e-9);
  }
  EXPECT_GT(r.solar_fraction, 0.2);
  EXPECT_LT(r.solar_fraction, 0.8);
}

// A seasonal pit charged all year with a winter-only heating load: it gives more heat in
// January than its collectors gather then (summer heat carried over), and ends the
// summer hotter than the winter.
TEST(SolarStore, ASeasonalStoreCarriesSummerHeatIntoWinter) {
  const core::DataStore data;
  const climate::Place city = climate::find_place(data, "Beijing");
  const std::size_t n = city.weather.hours();
  demand::LoadSeries heat;
  heat.kind = demand::LoadKind::space_heating;
  heat.description = "floor heating";
  for (std::size_t h = 0; h < n; ++h) {
    const double t = city.weather.t_dry[h];
    heat.heat.push_back(std::max(0.0, 20000.0 * (c0 + 15.0 - t)));
    heat.t_supply.push_back(c0 + 35.0);
    heat.t_return.push_back(c0 + 28.0);
  }
  std::vector<demand::LoadSeries> loads = {heat};
  SolarThermalSpec s;
  s.collector = easystar();
  s.area = 1500.0;
  s.slope = 45.0 * deg;
  s.store_volume = 8000.0;
  s.store_ua = 400.0;
  s.t_surroundings = c0 + 12.0;
  const SolarThermalResult r = apply_solar_thermal(city.weather, loads, s);
  EXPECT_GT(r.monthly_delivered[0], 1.2 * r.monthly_collected[0]);
  EXPECT_GT(r.monthly_t_store[8], r.monthly_t_store[2] + 10.0);
  EXPECT_NEAR(r.collected - r.delivered - r.loss, r.store_change, 1e-6 * r.collected);
}

// The store feeding a water-source heat pump's evaporator (a solar-assisted source): the
// source never runs colder than the stream nor above the map's range, the store balances,
// and the heat pump's SPF rises on the warmer source.
TEST(SolarStore, FeedingTheSourceRaisesTheHeatPumpsSpf) {
  const core::DataStore data;
  const climate::Place city = climate::find_place(data, "Beijing");
  const climate::WeatherSeries& w = city.weather;
  demand::LoadSeries heat;
  heat.kind = demand::LoadKind::space_heating;
  heat.description = "floor heating";
  for (double t : w.t_dry) {
    heat.heat.push_back(std::max(0.0, 400.0 * (c0 + 15.0 - t)));
    heat.t_supply.push_back(c0 + 35.0);
    heat.t_return.push_back(c0 + 30.0);
  }
  heat.design_load = 400.0 * 25.0;
  auto mspec = equipment::CarnotMapSpec::defaults(equipment::SourceKind::water, 12000.0);
  equipment::MapAxes axes;
  for (double t = 0.0; t <= 25.0; t += 5.0) axes.t_source.push_back(c0 + t);
  for (double t = 25.0; t <= 55.0; t += 5.0) axes.t_sink.push_back(c0 + t);
  axes.part_load = {0.3, 0.6, 1.0};
  SystemSpec sys;
  sys.heat_pump.map = std::make_shared<const equipment::PerformanceMap>(
      equipment::carnot_fraction_map(mspec, axes));
  sys.source.kind = SourceSpec::Kind::water;
  sys.source.t_water = c0 + 8.0;
  sys.compensation.enabled = false;
  const std::vector<demand::LoadSeries> loads = {heat};
  const Simulation free_run = simulate(w, loads, sys);
  SolarThermalSpec s;
  s.collector = easystar();
  s.area = 20.0;
  s.slope = 50.0 * deg;
  s.store_volume = 20.0;
  s.store_ua = 15.0;
  s.t_surroundings = c0 + 12.0;
  s.feeds = StoreFeeds::source;
  std::vector<double> t_source;
  const SolarThermalResult r = solar_to_source(w, free_run, c0 + 25.0, s, t_source);
  ASSERT_EQ(t_source.size(), w.hours());
  for (std::size_t h = 0; h < w.hours(); ++h) {
    ASSERT_GE(t_source[h], free_run.hours[h].t_source - 1e-9) << h;
    ASSERT_LE(t_source[h], std::max(c0 + 25.0, free_run.hours[h].t_source) + 1e-9) << h;
  }
  EXPECT_EQ(r.feeds, StoreFeeds::source);
  EXPECT_EQ(r.delivered_to_source, r.delivered);
  EXPECT_NEAR(r.collected - r.delivered - r.loss, r.store_change, 1e-6 * r.collected);
  EXPECT_GT(r.solar_fraction, 0.1);
  sys.source.t_hourly = t_source;
  const Simulation assisted = simulate(w, loads, sys);
  EXPECT_GT(assisted.annual.spf_h1, free_run.annual.spf_h1 + 0.1);
  RecordProperty("spf_h1_stream", std::to_string(free_run.annual.spf_h1));
  RecordProperty("spf_h1_solar_source", std::to_string(assisted.annual.spf_h1));
  RecordProperty("source_solar_fraction", std::to_string(r.solar_fraction));
}

// A water-source heat pump (heatlift's Carnot-fraction defaults) on a stream at `t_water`,
// sized to `capacity`, its sink axis up to `t_sink_max`.
SystemSpec water_source_system(double capacity, double t_water, double t_sink_max) {
  auto mspec = equipment::CarnotMapSpec::defaults(equipment::SourceKind::water, capacity);
  equipment::MapAxes axes;
  for (double t = 0.0; t <= 25.0; t += 5.0) axes.t_source.push_back(c0 + t);
  for (double t = 25.0; t <= t_sink_max + 1e-9; t += 5.0) axes.t_sink.push_back(c0 + t);
  axes.part_load = {0.3, 0.6, 1.0};
  SystemSpec sys;
  sys.heat_pump.map = std::make_shared<const equipment::PerformanceMap>(
      equipment::carnot_fraction_map(mspec, axes));
  sys.source.kind = SourceSpec::Kind::water;
  sys.source.t_water = t_water;
  sys.compensation.enabled = false;
  return sys;
}

// A seasonal pit that preheats the loads and then feeds a water-source heat pump's evaporator
// (StoreFeeds::both) against the same pit preheating only: drawn below the loads' return, it
// ends the winter colder, so its collectors run cooler and gather more; it never goes below
// its lowest temperature; the store balances and the loads are lowered by the direct part.
TEST(SolarStore, FeedingLoadsThenTheSourceEndsWinterColderAndCollectsMore) {
  const core::DataStore data;
  const climate::WeatherSeries& w = climate::find_place(data, "Beijing").weather;
  const std::size_t n = w.hours();
  demand::LoadSeries heat;
  heat.kind = demand::LoadKind::space_heating;
  heat.description = "radiators";
  for (double t : w.t_dry) {
    heat.heat.push_back(std::max(0.0, 2000.0 * (c0 + 15.0 - t)));
    heat.t_supply.push_back(c0 + 50.0);
    heat.t_return.push_back(c0 + 40.0);
  }
  heat.design_load = 2000.0 * 25.0;
  SolarThermalSpec s;
  s.collector = easystar();
  s.area = 150.0;
  s.slope = 45.0 * deg;
  s.store_volume = 800.0;
  s.store_ua = 60.0;
  s.t_surroundings = c0 + 12.0;
  std::vector<demand::LoadSeries> direct_loads = {heat};
  const SolarThermalResult direct = apply_solar_thermal(w, direct_loads, s);

  const SystemSpec sys = water_source_system(60000.0, c0 + 4.0, 55.0);
  const std::vector<demand::LoadSeries> loads = {heat};
  const Simulation free_run = simulate(w, loads, sys);
  std::vector<demand::LoadSeries> both_loads = loads;
  s.feeds = StoreFeeds::both;
  s.t_store_min = c0 + 10.0;
  std::vector<double> t_source;
  const SolarThermalResult both =
      solar_to_loads_and_source(w, both_loads, free_run, c0 + 25.0, s, t_source);

  EXPECT_EQ(both.feeds, StoreFeeds::both);
  // End of winter (March's mean) colder; more collected over the year.
  EXPECT_LT(both.monthly_t_store[2], direct.monthly_t_store[2] - 5.0);
  EXPECT_GT(both.collected, 1.05 * direct.collected);
  EXPECT_GT(both.delivered_to_source, 0.0);
  EXPECT_GT(both.delivered_to_loads, 0.0);
  EXPECT_NEAR(both.delivered_to_loads + both.delivered_to_source, both.delivered,
              1e-9 * both.delivered);
  EXPECT_NEAR(both.collected - both.delivered - both.loss, both.store_change,
              1e-6 * both.collected);
  double lowered = 0.0;
  for (std::size_t h = 0; h < n; ++h) {
    lowered += (heat.heat[h] - both_loads[0].heat[h]) * 3600.0;
    ASSERT_GE(both.t_store[h], s.t_store_min - 1e-9) << h;
    ASSERT_GE(t_source[h], free_run.hours[h].t_source - 1e-9) << h;
    ASSERT_LE(t_source[h], std::max(c0 + 25.0, free_run.hours[h].t_source) + 1e-9) << h;
  }
  EXPECT_NEAR(lowered, both.delivered_to_loads, 1e-6 * both.delivered_to_loads);
  RecordProperty("collected_loads_kWh", std::to_string(direct.collected / 3.6e6));
  RecordProperty("collected_both_kWh", std::to_string(both.collected / 3.6e6));
  RecordProperty("march_store_loads_C", std::to_string(direct.monthly_t_store[2] - c0));
  RecordProperty("march_store_both_C", std::to_string(both.monthly_t_store[2] - c0));
  RecordProperty("solar_fraction_loads", std::to_string(direct.solar_fraction));
  RecordProperty("solar_fraction_both", std::to_string(both.solar_fraction));
}

TEST(SolarStore, ALowestTemperatureAboveTheHighestIsRefused) {
  const core::DataStore data;
  const climate::WeatherSeries& w = climate::find_place(data, "Beijing").weather;
  std::vector<demand::LoadSeries> loads = {hot_water(w.hours(), 100.0)};
  const Simulation free_run = simulate(w, loads, water_source_system(5000.0, c0 + 8.0, 55.0));
  SolarThermalSpec s;
  s.area = 4.0;
  s.feeds = StoreFeeds::both;
  s.t_store_min = s.t_store_max + 1.0;
  std::vector<double> t_source;
  try {
    solar_to_loads_and_source(w, loads, free_run, c0 + 25.0, s, t_source);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("solar_thermal.min_temperature"), std::string::npos)
        << e.what();
  }
}

TEST(SolarStore, BadSpecificationsAreRefusedByName) {
  const core::DataStore data;
  const climate::Place city = climate::find_place(data, "Beijing");
  std::vector<demand::LoadSeries> loads = {hot_water(city.weather.hours(), 100.0)};
  SolarThermalSpec s;
  s.area = 0.0;
  try {
    apply_solar_thermal(city.weather, loads, s);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("solar_thermal.area"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace heatlift::site
