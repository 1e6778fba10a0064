// The hourly loop on a synthetic year and a Carnot-fraction map: every hour balances, the
// SEPEMO boundaries nest, and each operating mode does what docs/site.md says.
#include "heatlift/site/simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/carnot_map.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "synthetic_year.hpp"

namespace heatlift::site {
namespace {

constexpr double c0 = 273.15;

// A cold-zone year: annual mean 12 °C, 15 K seasonal amplitude (coldest mid-January),
// 5 K diurnal swing, humid; irradiance a clipped sine by day.
climate::WeatherSeries cold_year() {
  return test::synthetic_year(
      {.mean_c = 12.0, .seasonal_k = 15.0, .daily_k = 5.0, .rh = 0.8, .ghi_peak = 600.0});
}

// Space heating: 250 W/K above a 15 °C balance point, radiators at 45 °C design flow.
demand::LoadSeries heating(const climate::WeatherSeries& w, double ua = 250.0) {
  demand::LoadSeries l;
  l.kind = demand::LoadKind::space_heating;
  l.description = "test building";
  for (double t : w.t_dry) {
    l.heat.push_back(std::max(0.0, ua * (c0 + 15.0 - t)));
    l.t_supply.push_back(c0 + 45.0);
    l.t_return.push_back(c0 + 38.0);
  }
  l.design_load = ua * 25.0;
  return l;
}

std::shared_ptr<const equipment::PerformanceMap> air_map(double capacity, double t_min = -25.0) {
  auto spec = equipment::CarnotMapSpec::defaults(equipment::SourceKind::air, capacity);
  equipment::MapAxes axes;
  for (double t = t_min; t <= 25.0; t += 5.0) axes.t_source.push_back(c0 + t);
  for (double t = 25.0; t <= 60.0; t += 5.0) axes.t_sink.push_back(c0 + t);
  axes.part_load = {0.2, 0.5, 0.8, 1.0};
  return std::make_shared<const equipment::PerformanceMap>(
      equipment::carnot_fraction_map(spec, axes));
}

SystemSpec system_for(std::shared_ptr<const equipment::PerformanceMap> map) {
  SystemSpec s;
  s.heat_pump.map = std::move(map);
  s.heat_pump.name = "carnot";
  s.heat_pump.source_aux = 120.0;
  s.heat_pump.sink_aux = 60.0;
  s.compensation.t_out_design = c0 - 10.0;
  return s;
}

// The weather-compensation curve (docs/site.md, the hourly loop, step 1): linear from the
// design supply at the design outdoor temperature to t_min at t_room, held between them.
TEST(SiteCompensation, LinearFromTheDesignToTheMinimum) {
  Compensation c;
  c.t_out_design = c0 - 7.6;
  c.t_room = c0 + 20.0;
  c.t_supply_min = c0 + 25.0;
  const double t_design = c0 + 55.0;
  EXPECT_NEAR(c.supply(c0 - 7.6, t_design), t_design, 1e-9);
  EXPECT_NEAR(c.supply(c0 - 20.0, t_design), t_design, 1e-9);  // held below the design
  EXPECT_NEAR(c.supply(c0 + 20.0, t_design), c0 + 25.0, 1e-9);
  EXPECT_NEAR(c.supply(c0 + 30.0, t_design), c0 + 25.0, 1e-9);  // held above t_room
  EXPECT_NEAR(c.supply(c0 + (20.0 - 7.6) / 2.0, t_design), c0 + 40.0, 1e-9);
  EXPECT_NEAR(c.supply(c0 + 10.0, c0 + 22.0), c0 + 22.0, 1e-9);  // design at or below t_min
  c.enabled = false;
  EXPECT_NEAR(c.supply(c0 + 10.0, t_design), t_design, 1e-9);
}

TEST(SiteSimulation, EveryHourBalances) {
  const auto w = cold_year();
  SystemSpec s = system_for(air_map(5000.0));
  s.storage.capacity = 0.2 * 4186 * 1000 * 10;  // 200 l over 10 K
  s.storage.loss = 30.0;
  s.backup.capacity = 3000.0;
  s.pv.peak = 3000.0;
  const Simulation sim = simulate(w, {heating(w)}, s);
  double level = 0.0;
  for (std::size_t h = 0; h < sim.hours.size(); ++h) {
    const Hour& r = sim.hours[h];
    // Heat: what the heat pump, back-up and store give equals the load not left unmet,
    // plus what went into the store.
    const double in = r.hp_heat + r.backup_heat + r.store_out;
    const double out = r.load - r.unmet + r.store_in;
    ASSERT_NEAR(in, out, 1e-9 * std::max(1.0, r.load)) << "hour " << h;
    // Store: level follows its flows.
    level += r.store_in - r.store_out - r.store_loss;
    ASSERT_NEAR(level, r.store_level, 1e-6) << "hour " << h;
    ASSERT_GE(r.store_level, -1e-9);
    ASSERT_LE(r.store_level, s.storage.capacity + 1e-6);
    // Electricity: grid + PV used = total.
    ASSERT_NEAR(r.grid + std::min(r.pv, r.electricity()), r.electricity(), 1e-9);
    ASSERT_TRUE(std::isfinite(r.hp_power) && r.hp_power >= 0.0);
    ASSERT_LE(r.backup_heat, s.backup.capacity + 1e-9);
  }
  const Annual& a = sim.annual;
  EXPECT_GT(a.hp_heat, 0.0);
  EXPECT_NEAR(a.load, a.hp_heat + a.backup_heat + a.unmet, 1e-6 * a.load + 3600.0 * 30 * 8760);
}

TEST(SiteSimulation, SepemoBoundariesNest) {
  const auto w = cold_year();
  const Simulation sim = simulate(w, {heating(w)}, system_for(air_map(4000.0)));
  const Annual& a = sim.annual;
  EXPECT_GT(a.backup_heat, 0.0) << "an undersized unit needs back-up";
  EXPECT_GE(a.spf_h1, a.spf_h2);
  EXPECT_GE(a.spf_h2, a.spf_h3);
  EXPECT_GE(a.spf_h3, a.spf_h4);
  EXPECT_GT(a.spf_h4, 1.0);
  EXPECT_LT(a.spf_h1, 6.0);
  EXPECT_GT(a.backup_share, 0.0);
  EXPECT_LT(a.backup_share, 0.5);
  ASSERT_TRUE(a.bivalent_point.has_value());
  // Bivalent point: below it, the load line (250 W/K × (15 °C − t)) exceeds capacity.
  EXPECT_LT(*a.bivalent_point, c0 + 5.0);
  EXPECT_GT(*a.bivalent_point, c0 - 20.0);
  EXPECT_NEAR(a.peak_load, 250.0 * (15.0 - (12.0 - 15.0 - 5.0)), 50.0);
  EXPECT_EQ(a.unmet_hours, 0);
}

TEST(SiteSimulation, LargerUnitNeedsLessBackupAndRunsLessAtFullSpeed) {
  const auto w = cold_year();
  const auto small = simulate(w, {heating(w)}, system_for(air_map(4000.0)));
  const auto large = simulate(w, {heating(w)}, system_for(air_map(9000.0)));
  EXPECT_LT(large.annual.backup_heat, small.annual.backup_heat);
  EXPECT_GT(large.annual.spf_h4, small.annual.spf_h4);
  EXPECT_GT(large.annual.cycling_hours, small.annual.cycling_hours);
}

TEST(SiteSimulation, CyclingFollowsEn14825Degradation) {
  const auto w = cold_year();
  SystemSpec s = system_for(air_map(20000.0));
  s.heat_pump.defrost = false;
  s.heat_pump.source_aux = s.heat_pump.sink_aux = 0.0;
  const auto sim = simulate(w, {heating(w, 50.0)}, s);
  int checked = 0;
  for (const Hour& r : sim.hours) {
    if (r.mode != Mode::cycling) continue;
    const auto p = s.heat_pump.map->at(r.t_source, r.t_supply, s.heat_pump.min_part_load);
    const double cr = r.hp_heat / p.capacity;
    ASSERT_GT(cr, 0.0);
    ASSERT_LT(cr, 1.0);
    const double cop = p.cop * cr / (0.9 * cr + 0.1);
    ASSERT_NEAR(r.hp_heat / r.hp_power, cop, 1e-9 * cop);
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

TEST(SiteSimulation, ModulationMeetsTheLoadExactly) {
  const auto w = cold_year();
  SystemSpec s = system_for(air_map(6000.0));
  s.heat_pump.defrost = false;
  const auto sim = simulate(w, {heating(w)}, s);
  int checked = 0;
  for (const Hour& r : sim.hours) {
    if (r.mode != Mode::modulating) continue;
    const auto p = s.heat_pump.map->at(r.t_source, r.t_supply, r.part_load);
    ASSERT_NEAR(p.capacity, r.load, 1e-6 * r.load);
    ASSERT_NEAR(p.power, r.hp_power, 1e-6 * r.hp_power);
    ++checked;
  }
  EXPECT_GT(checked, 500);
}

TEST(SiteSimulation, BelowTheOperatingLimitTheBackupTakesOver) {
  const auto w = cold_year();
  const auto sim = simulate(w, {heating(w)}, system_for(air_map(8000.0, -5.0)));
  EXPECT_GT(sim.annual.cutout_hours, 50);
  for (const Hour& r : sim.hours) {
    if (r.t_out < c0 - 5.0 - 1e-6 && r.load > 0) {
      ASSERT_EQ(r.mode, Mode::cutout);
      ASSERT_EQ(r.hp_heat, 0.0);
      ASSERT_NEAR(r.backup_heat, r.load, 1e-9);
    }
  }
}

TEST(SiteSimulation, LimitedBackupLeavesUnmetHours) {
  const auto w = cold_year();
  SystemSpec s = system_for(air_map(3000.0));
  s.backup.capacity = 1000.0;
  const auto sim = simulate(w, {heating(w)}, s);
  EXPECT_GT(sim.annual.unmet_hours, 0);
  EXPECT_GT(sim.annual.unmet, 0.0);
}

TEST(SiteSimulation, StorageCutsCycling) {
  const auto w = cold_year();
  SystemSpec s = system_for(air_map(12000.0));
  const auto plain = simulate(w, {heating(w)}, s);
  s.storage.capacity = 0.5 * 4186 * 1000 * 10;
  const auto stored = simulate(w, {heating(w)}, s);
  EXPECT_LT(stored.annual.cycling_hours, plain.annual.cycling_hours);
}

TEST(SiteSimulation, GroundLoopIsColderUnderLoad) {
  const auto w = cold_year();
  auto spec = equipment::CarnotMapSpec::defaults(equipment::SourceKind::brine, 8000.0);
  equipment::MapAxes axes;
  for (double t = -10.0; t <= 20.0; t += 5.0) axes.t_source.push_back(c0 + t);
  for (double t = 25.0; t <= 55.0; t += 5.0) axes.t_sink.push_back(c0 + t);
  axes.part_load = {0.3, 1.0};
  SystemSpec s = system_for(std::make_shared<const equipment::PerformanceMap>(
      equipment::carnot_fraction_map(spec, axes)));
  s.source.kind = SourceSpec::Kind::ground;
  s.source.t_ground = c0 + 14.0;
  const auto sim = simulate(w, {heating(w)}, s);
  double coldest = 1e9;
  for (const Hour& r : sim.hours) coldest = std::min(coldest, r.t_source);
  EXPECT_NEAR(coldest, c0 + 14.0 - 8.0, 1e-9);
  EXPECT_GT(sim.annual.spf_h2, 3.0);
}

TEST(SiteSimulation, BadSystemNamesTheField) {
  const auto w = cold_year();
  SystemSpec s = system_for(air_map(5000.0));
  s.heat_pump.min_part_load = 0.0;
  try {
    simulate(w, {heating(w)}, s);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("heat_pump.min_part_load"), std::string::npos);
  }
  s = system_for(air_map(5000.0));
  s.source.kind = SourceSpec::Kind::ground;
  EXPECT_THROW(simulate(w, {heating(w)}, s), InvalidInput);
  s = system_for(air_map(5000.0));
  auto short_load = heating(w);
  short_load.heat.pop_back();
  EXPECT_THROW(simulate(w, {short_load}, s), InvalidInput);
}

TEST(PerformanceMapSlice, EqualsPointQueries) {
  const auto map = air_map(7000.0);
  std::vector<equipment::NodeValue> v(map->axes().part_load.size());
  for (double ts : {c0 - 22.0, c0 + 1.3, c0 + 7.0}) {
    for (double tk : {c0 + 31.0, c0 + 47.5}) {
      map->slice(ts, tk, v);
      for (std::size_t k = 0; k < v.size(); ++k) {
        const auto p = map->at(ts, tk, map->axes().part_load[k]);
        EXPECT_NEAR(v[k].capacity, p.capacity, 1e-9 * p.capacity);
        EXPECT_NEAR(v[k].power, p.power, 1e-9 * p.power);
      }
    }
  }
}

// Spring and autumn floor heating: a flow of 25 to 27 °C at 12 to 20 °C outdoors is on the
// shipped products' maps (their 25 °C sink node), so those hours are neither read at an edge
// nor cut out: the EVI unit meets the load, counts no hour outside the map, and runs at a
// higher COP than at a 30 °C flow. A brine as warm as the flow (B22/W26, next to the empty
// no-lift node B25/W25) is counted outside the map but still run on the valid corners.
const equipment::ProductLibrary& shipped_products() {
  static const core::DataStore store;
  static const fluids::FluidLibrary fluids(store);
  static const equipment::ProductLibrary p(store, fluids);
  return p;
}

demand::LoadSeries floor_heating(const climate::WeatherSeries& w, double flow_c, double watts) {
  demand::LoadSeries l;
  l.kind = demand::LoadKind::space_heating;
  l.description = "floor heating, spring";
  for (std::size_t h = 0; h < w.t_dry.size(); ++h) {
    l.heat.push_back(watts);
    l.t_supply.push_back(c0 + flow_c + (h % 3 == 0 ? 2.0 : 0.0));  // 25…27 °C when flow_c = 25
    l.t_return.push_back(c0 + flow_c - 4.0);
  }
  l.design_load = 2.0 * watts;
  return l;
}

TEST(SiteSimulation, LowFlowAtMildOutdoorIsOnTheMap) {
  const climate::WeatherSeries w = test::synthetic_year(
      {.mean_c = 16.0, .seasonal_k = 3.0, .daily_k = 1.0, .rh = 0.7, .ghi_peak = 0.0});
  for (double t : w.t_dry) ASSERT_TRUE(t >= c0 + 12.0 - 1e-9 && t <= c0 + 20.0 + 1e-9);
  SystemSpec s;
  s.heat_pump.map = shipped_products().map("evi-r32-10kw");
  s.heat_pump.name = "evi-r32-10kw";
  s.compensation.enabled = false;
  const Simulation low = simulate(w, {floor_heating(w, 25.0, 4000.0)}, s);
  EXPECT_EQ(low.annual.outside_map_hours, 0);
  EXPECT_EQ(low.annual.cutout_hours, 0);
  EXPECT_NEAR(low.annual.hp_heat, low.annual.load, 1e-6 * low.annual.load);
  EXPECT_EQ(low.annual.backup_heat, 0.0);
  for (const Hour& h : low.hours) {
    ASSERT_GT(h.hp_power, 0.0);
    ASSERT_TRUE(std::isfinite(h.hp_heat / h.hp_power));
  }
  const Simulation w30 = simulate(w, {floor_heating(w, 30.0, 4000.0)}, s);
  EXPECT_EQ(w30.annual.outside_map_hours, 0);
  EXPECT_GT(low.annual.spf_h1, w30.annual.spf_h1);

  SystemSpec g;
  g.heat_pump.map = shipped_products().map("gshp-brine-12kw");
  g.heat_pump.name = "gshp-brine-12kw";
  g.compensation.enabled = false;
  g.source.kind = SourceSpec::Kind::ground;
  g.source.t_hourly.assign(w.t_dry.size(), c0 + 22.0);
  const Simulation warm = simulate(w, {floor_heating(w, 26.0, 4000.0)}, g);
  EXPECT_EQ(warm.annual.outside_map_hours, static_cast<int>(w.t_dry.size()));
  EXPECT_EQ(warm.annual.cutout_hours, 0);
  EXPECT_GT(warm.annual.spf_h1, 1.0);
  EXPECT_TRUE(std::isfinite(warm.annual.spf_h1));
}

}  // namespace
}  // namespace heatlift::site
