// The site loop's cooling mode (docs/site.md, "Cooling") on a synthetic hot-summer year and
// a Carnot-fraction cooling map: every cooling hour balances, the modes follow EN 14825,
// space heating and cooling are exclusive, heat recovery is counted, and a heating-only site
// computes exactly what it did before cooling existed.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "heatlift/core/error.hpp"
#include "heatlift/equipment/carnot_map.hpp"
#include "heatlift/site/simulation.hpp"
#include "synthetic_year.hpp"

namespace heatlift::site {
namespace {

constexpr double c0 = 273.15;

// A hot-summer / cold-winter year: mean 17 °C, 12 K seasonal amplitude (hottest mid-July),
// 6 K diurnal swing.
climate::WeatherSeries hot_year() {
  return test::synthetic_year(
      {.mean_c = 17.0, .seasonal_k = 12.0, .daily_k = 3.0, .rh = 0.75, .ghi_peak = 600.0});
}

demand::LoadSeries space(const climate::WeatherSeries& w, demand::LoadKind kind, double ua) {
  demand::LoadSeries l;
  l.kind = kind;
  const bool cool = kind == demand::LoadKind::space_cooling;
  l.description = cool ? "test cooling" : "test heating";
  for (double t : w.t_dry) {
    l.heat.push_back(cool ? std::max(0.0, ua * (t - c0 - 22.0))
                          : std::max(0.0, ua * (c0 + 15.0 - t)));
    l.t_supply.push_back(cool ? c0 + 7.0 : c0 + 45.0);
    l.t_return.push_back(cool ? c0 + 12.0 : c0 + 38.0);
  }
  l.design_load = ua * 15.0;
  return l;
}

demand::LoadSeries hot_water(const climate::WeatherSeries& w, double q) {
  demand::LoadSeries l;
  l.kind = demand::LoadKind::hot_water;
  l.description = "test hot water";
  l.heat.assign(w.hours(), q);
  l.t_supply.assign(w.hours(), c0 + 55.0);
  l.t_return.assign(w.hours(), c0 + 15.0);
  l.design_load = q;
  return l;
}

// Cooling: EER = 0.45 · T_evap / (T_cond − T_evap), evaporating 5 K below the chilled water,
// condensing 10 K above the rejection inlet; capacity falls 1 %/K above 35 °C. The rejection
// axis runs to 60 °C for heat recovery into 55 °C water.
std::shared_ptr<const equipment::PerformanceMap> cooling_map(double capacity) {
  equipment::MapAxes axes;
  for (double t = 10.0; t <= 60.0; t += 5.0) axes.t_source.push_back(c0 + t);
  for (double t = 5.0; t <= 15.0; t += 5.0) axes.t_sink.push_back(c0 + t);
  axes.part_load = {0.3, 0.6, 1.0};
  return std::make_shared<const equipment::PerformanceMap>(equipment::PerformanceMap::generate(
      equipment::SourceKind::air, axes,
      [capacity](double ts, double tk, double x) -> std::optional<equipment::NodeValue> {
        const double te = tk - 5.0, tc = ts + 10.0;
        const double eer = 0.45 * te / (tc - te);
        const double cap = capacity * x * (1.0 - 0.01 * (ts - c0 - 35.0));
        return equipment::NodeValue{cap, cap / eer};
      }));
}

std::shared_ptr<const equipment::PerformanceMap> heating_map(double capacity) {
  auto spec = equipment::CarnotMapSpec::defaults(equipment::SourceKind::air, capacity);
  equipment::MapAxes axes;
  for (double t = -25.0; t <= 45.0; t += 5.0) axes.t_source.push_back(c0 + t);
  for (double t = 25.0; t <= 60.0; t += 5.0) axes.t_sink.push_back(c0 + t);
  axes.part_load = {0.2, 0.5, 0.8, 1.0};
  return std::make_shared<const equipment::PerformanceMap>(
      equipment::carnot_fraction_map(spec, axes));
}

SystemSpec reversible(double capacity) {
  SystemSpec s;
  s.heat_pump.map = heating_map(capacity);
  s.heat_pump.cooling_map = cooling_map(capacity);
  s.heat_pump.name = "reversible";
  s.heat_pump.source_aux = 100.0;
  s.heat_pump.sink_aux = 50.0;
  return s;
}

TEST(SiteCooling, EveryCoolingHourBalancesAndRejectsItsHeat) {
  const auto w = hot_year();
  const SystemSpec s = reversible(3000.0);
  const auto cool = space(w, demand::LoadKind::space_cooling, 400.0);
  const Simulation sim = simulate(w, {cool}, s);
  const Annual& a = sim.annual;
  int hours = 0;
  for (std::size_t h = 0; h < sim.hours.size(); ++h) {
    const Hour& r = sim.hours[h];
    ASSERT_NEAR(r.cooling + r.cooling_unmet, cool.heat[h], 1e-9 * std::max(1.0, cool.heat[h]));
    ASSERT_EQ(r.hp_heat, 0.0) << "hour " << h;
    if (r.cooling > 0) {
      ++hours;
      // Heat rejected to the source stream = heat removed + the running compressor's work
      // (standby 0; the cycling loss stays with the unit).
      ASSERT_NEAR(r.ground_heat, -(r.cooling + r.hp_power - r.cycling_loss), 1e-9);
      ASSERT_NEAR(r.t_supply, c0 + 7.0, 1e-12);
      ASSERT_DOUBLE_EQ(r.sink_aux, 50.0);
    }
  }
  EXPECT_EQ(hours, a.cooling_hours);
  EXPECT_GT(a.cooling_hours, 1500);
  EXPECT_GT(a.cooling_unmet, 0.0) << "a 3 kW unit leaves the hottest hours (load > 4 kW) unmet";
  EXPECT_NEAR(a.cooling + a.cooling_unmet, a.cooling_load, 1e-9 * a.cooling_load);
  // Heating figures hold no cooling electricity.
  EXPECT_EQ(a.hp_power, 0.0);
  EXPECT_EQ(a.hp_heat, 0.0);
  EXPECT_NEAR(a.seer_unit, a.cooling / a.cooling_power, 1e-12);
  EXPECT_GT(a.seer_unit, a.seer_source);
  EXPECT_GT(a.seer_source, a.seer_system);
  EXPECT_GT(a.seer_unit, 3.0);
  EXPECT_LT(a.seer_unit, 10.0);
  double monthly = 0.0;
  for (double m : a.monthly_cooling) monthly += m;
  EXPECT_NEAR(monthly, a.cooling, 1e-9 * a.cooling);
  EXPECT_GT(a.monthly_cooling[6], a.monthly_cooling[4]) << "July cools more than May";
  EXPECT_EQ(a.monthly_cooling[0], 0.0);
}

// A modulating hour reads the map exactly; a cycling hour follows EN 14825:
// P = P_min · (Cd·CR + 1 − Cd).
TEST(SiteCooling, ModulatesOnTheMapAndCyclesWithDegradation) {
  const auto w = hot_year();
  SystemSpec s = reversible(10000.0);
  s.heat_pump.cd = 0.25;
  const auto cool = space(w, demand::LoadKind::space_cooling, 400.0);
  const Simulation sim = simulate(w, {cool}, s);
  const equipment::PerformanceMap& m = *s.heat_pump.cooling_map;
  bool modulating = false, cycling = false;
  for (const Hour& r : sim.hours) {
    if (r.cooling <= 0) continue;
    if (r.mode == Mode::modulating && !modulating) {
      modulating = true;
      const equipment::MapPoint p = m.at(r.t_source, r.t_supply, r.part_load);
      EXPECT_NEAR(r.cooling / r.hp_power, p.cop, 1e-9 * p.cop);
    }
    if (r.mode == Mode::cycling && !cycling) {
      cycling = true;
      const equipment::MapPoint p = m.at(r.t_source, r.t_supply, 0.3);
      const double cr = r.cooling / p.capacity;
      EXPECT_NEAR(r.hp_power, p.power * (0.25 * cr + 0.75), 1e-9 * p.power);
    }
  }
  EXPECT_TRUE(modulating);
  EXPECT_TRUE(cycling);
}

// Space heating and cooling in one hour: the larger load wins; the other is left to the
// back-up (heat) or unmet (cooling).
TEST(SiteCooling, HeatingAndCoolingAreExclusiveLargerWins) {
  const auto w = hot_year();
  const SystemSpec s = reversible(8000.0);
  auto heat = space(w, demand::LoadKind::space_heating, 100.0);
  auto cool = space(w, demand::LoadKind::space_cooling, 100.0);
  heat.heat[4000] = 500.0;
  cool.heat[4000] = 800.0;  // cooling wins
  heat.heat[4001] = 900.0;
  cool.heat[4001] = 300.0;  // heating wins
  const Simulation sim = simulate(w, {heat, cool}, s);
  const Hour& c = sim.hours[4000];
  EXPECT_NEAR(c.cooling, 800.0, 1e-9);
  EXPECT_EQ(c.hp_heat, 0.0);
  EXPECT_NEAR(c.backup_heat, 500.0, 1e-9);
  const Hour& h = sim.hours[4001];
  EXPECT_EQ(h.cooling, 0.0);
  EXPECT_NEAR(h.cooling_unmet, 300.0, 1e-9);
  EXPECT_NEAR(h.hp_heat, 900.0, 1e-6);
}

TEST(SiteCooling, HeatRecoveryFeedsHotWaterFromTheCondenser) {
  const auto w = hot_year();
  SystemSpec s = reversible(6000.0);
  const auto cool = space(w, demand::LoadKind::space_cooling, 400.0);
  const auto dhw = hot_water(w, 600.0);
  const Simulation plain = simulate(w, {cool, dhw}, s);
  s.heat_pump.heat_recovery = true;
  const Simulation rec = simulate(w, {cool, dhw}, s);
  EXPECT_EQ(plain.annual.recovered_heat, 0.0);
  EXPECT_GT(rec.annual.recovered_heat, 0.0);
  EXPECT_GT(rec.annual.recovery_electricity_saved, 0.0);
  EXPECT_LT(rec.annual.recovery_electricity_saved, rec.annual.recovered_heat);
  EXPECT_LT(rec.annual.backup_heat, plain.annual.backup_heat);
  EXPECT_NEAR(plain.annual.backup_heat - rec.annual.backup_heat, rec.annual.recovered_heat,
              1e-6 * rec.annual.recovered_heat);
  double monthly = 0.0;
  for (double m : rec.annual.monthly_recovered) monthly += m;
  EXPECT_NEAR(monthly, rec.annual.recovered_heat, 1e-9 * rec.annual.recovered_heat);
  EXPECT_EQ(rec.annual.monthly_recovered[0], 0.0) << "January does not cool";
  for (const Hour& r : rec.hours) {
    if (r.cooling <= 0) continue;
    ASSERT_LE(r.recovered, r.cooling + r.hp_power - r.cycling_loss + 1e-9);
    ASSERT_NEAR(r.recovered + r.backup_heat + r.unmet, r.load, 1e-9 * std::max(1.0, r.load));
    ASSERT_NEAR(r.ground_heat, r.recovered - (r.cooling + r.hp_power - r.cycling_loss), 1e-9);
  }
}

// Heat recovery condenses at the heat loads' temperature: the recovery share of an hour
// reads the cooling map with the rejection stream leaving at the hot water's 55 °C (inlet
// 55 − reject_rise), so the hour's EER falls below the same hour's without recovery, and the
// hour balances: heat recovered + heat rejected to the source = cooling + the running
// compressor's electricity. A load that takes all the condenser heat puts the whole hour in
// recovery mode, read exactly off the map.
TEST(SiteCooling, RecoveryCondensesAtTheHotWaterTemperature) {
  const auto w = hot_year();
  SystemSpec s = reversible(6000.0);
  const auto cool = space(w, demand::LoadKind::space_cooling, 400.0);
  const Simulation plain = simulate(w, {cool, hot_water(w, 600.0)}, s);
  s.heat_pump.heat_recovery = true;
  const Simulation rec = simulate(w, {cool, hot_water(w, 600.0)}, s);
  int hours = 0;
  for (std::size_t h = 0; h < rec.hours.size(); ++h) {
    const Hour& r = rec.hours[h];
    const Hour& p = plain.hours[h];
    if (r.recovered <= 0) continue;
    ++hours;
    ASSERT_TRUE(p.cooling_mode);
    ASSERT_EQ(r.t_out, p.t_out);
    ASSERT_LT(r.cooling / r.hp_power, p.cooling / p.hp_power) << "hour " << h;
    const double rejected = -r.ground_heat;
    ASSERT_GE(rejected, -1e-9 * r.cooling);  // rounding only
    ASSERT_NEAR(r.recovered + rejected, r.cooling + r.hp_power - r.cycling_loss, 1e-9 * r.cooling);
    // Either the hot water is met from the condenser, or all its heat goes to the water.
    ASSERT_LE(r.recovered, 600.0 + 1e-9);
    if (r.recovered < 600.0 - 1e-9) {
      ASSERT_NEAR(rejected, 0.0, 1e-9 * r.cooling) << "hour " << h;
    }
  }
  EXPECT_EQ(hours, rec.annual.recovery_hours);
  EXPECT_GT(hours, 1500);
  EXPECT_EQ(rec.annual.recovery_outside_map_hours, 0);
  EXPECT_GT(rec.annual.cooling_power, plain.annual.cooling_power);
  EXPECT_LT(rec.annual.seer_unit, plain.annual.seer_unit);

  // 20 kW of hot water takes all the condenser heat: the hour runs in recovery mode.
  const Simulation full = simulate(w, {cool, hot_water(w, 20000.0)}, s);
  const equipment::PerformanceMap& m = *s.heat_pump.cooling_map;
  int modulating = 0;
  for (const Hour& r : full.hours) {
    if (r.recovered <= 0) continue;
    ASSERT_NEAR(r.recovered, r.cooling + r.hp_power - r.cycling_loss, 1e-9 * r.recovered);
    ASSERT_NEAR(r.ground_heat, 0.0, 1e-9 * r.recovered) << "nothing rejected to the air";
    if (r.mode != Mode::modulating) continue;
    ++modulating;
    const equipment::MapPoint at =
        m.at(c0 + 55.0 - s.heat_pump.reject_rise, r.t_supply, r.part_load);
    ASSERT_NEAR(r.cooling / r.hp_power, at.cop, 1e-9 * at.cop);
  }
  EXPECT_GT(modulating, 50);
}

// Hot water above what the map's hottest rejection inlet allows (70 °C: inlet 65 °C, the map
// stops at 60 °C): no recovery in those hours, each counted; the unit rejects to the air and
// the back-up makes the hot water. A negative reject_rise is refused.
TEST(SiteCooling, RecoveryBeyondTheCoolingMapRecoversNothingAndIsCounted) {
  const auto w = hot_year();
  SystemSpec s = reversible(6000.0);
  s.heat_pump.heat_recovery = true;
  const auto cool = space(w, demand::LoadKind::space_cooling, 400.0);
  auto dhw = hot_water(w, 600.0);
  dhw.t_supply.assign(w.hours(), c0 + 70.0);
  const Simulation sim = simulate(w, {cool, dhw}, s);
  int expected = 0;
  for (const Hour& r : sim.hours) {
    ASSERT_EQ(r.recovered, 0.0);
    if (r.cooling_mode && r.cooling > 0 && r.load > 0) ++expected;
  }
  EXPECT_GT(expected, 1500);
  EXPECT_EQ(sim.annual.recovery_outside_map_hours, expected);
  EXPECT_EQ(sim.annual.recovery_hours, 0);
  s.heat_pump.reject_rise = -1.0;
  try {
    simulate(w, {cool, dhw}, s);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("heat_pump.reject_rise"), std::string::npos) << e.what();
  }
}

// A cooling map on a heating-only site changes nothing: same hours, same figures.
TEST(SiteCooling, HeatingOnlySiteIsUnchangedByACoolingMap) {
  const auto w = hot_year();
  SystemSpec s = reversible(4000.0);
  const auto heat = space(w, demand::LoadKind::space_heating, 250.0);
  const Simulation with = simulate(w, {heat}, s);
  s.heat_pump.cooling_map = nullptr;
  const Simulation without = simulate(w, {heat}, s);
  EXPECT_EQ(with.annual.hp_heat, without.annual.hp_heat);
  EXPECT_EQ(with.annual.hp_power, without.annual.hp_power);
  EXPECT_EQ(with.annual.electricity, without.annual.electricity);
  EXPECT_EQ(with.annual.spf_h4, without.annual.spf_h4);
  EXPECT_EQ(with.annual.cooling, 0.0);
  for (std::size_t h = 0; h < with.hours.size(); ++h) {
    ASSERT_EQ(with.hours[h].ground_heat, without.hours[h].ground_heat);
    const Hour& r = with.hours[h];
    ASSERT_NEAR(r.ground_heat, r.hp_heat - (r.hp_power - r.cycling_loss), 1e-9);
  }
}

// Deep on/off cycling (EN 14825, Cd 0.9): at a small capacity ratio the degraded electricity
// exceeds the heat delivered. The degradation's extra electricity is the unit's loss to its
// surroundings: the source gives the running share of the lowest speed, runtime ·
// (Q_min − P_min), never less than zero on a map whose COP exceeds 1 — so a borefield is
// never told that heating hours put heat into it. Nothing is clamped: the hour balances
// hp_heat + cycling_loss = ground_heat + hp_power.
TEST(SiteCooling, DeepCyclingLossIsTheUnitsNotTheSources) {
  const auto w = hot_year();
  SystemSpec s = reversible(20000.0);  // large against a 200 W load: deep cycling
  s.heat_pump.defrost = false;         // the map read as it is
  const auto heat = hot_water(w, 200.0);
  const Simulation sim = simulate(w, {heat}, s);
  const equipment::PerformanceMap& m = *s.heat_pump.map;
  int deep = 0;
  for (const Hour& r : sim.hours) {
    ASSERT_NEAR(r.hp_heat + r.cycling_loss, r.ground_heat + r.hp_power, 1e-9) << r.t_out;
    if (r.mode != Mode::cycling) {
      ASSERT_EQ(r.cycling_loss, 0.0);
      continue;
    }
    const equipment::MapPoint p = m.at(r.t_source, r.t_supply, 0.3);  // min_part_load
    const double cr = r.hp_heat / p.capacity;
    ASSERT_NEAR(r.cycling_loss, r.hp_power - cr * p.power, 1e-9 * p.power);
    ASSERT_NEAR(r.ground_heat, cr * (p.capacity - p.power), 1e-9 * p.capacity);
    ASSERT_GE(r.ground_heat, 0.0);
    if (r.hp_power > r.hp_heat) ++deep;  // heat − electricity < 0 here
  }
  EXPECT_GT(deep, 1000) << "the case must reach hours whose electricity exceeds their heat";
}

// In cooling the same: the condenser gives cooling + the running compressor's work, the heat
// recovered never exceeds it, and the cycling loss is not rejected into the source.
TEST(SiteCooling, CyclingLossIsNotRecoveredNorRejected) {
  const auto w = hot_year();
  SystemSpec s = reversible(20000.0);
  s.heat_pump.heat_recovery = true;
  const auto cool = space(w, demand::LoadKind::space_cooling, 40.0);
  const Simulation sim = simulate(w, {cool, hot_water(w, 5000.0)}, s);
  int cycling = 0;
  for (const Hour& r : sim.hours) {
    if (!r.cooling_mode || r.cooling <= 0) continue;
    const double condenser = r.cooling + r.hp_power - r.cycling_loss;
    ASSERT_NEAR(r.recovered, std::min(r.load, condenser), 1e-9 * condenser);
    ASSERT_NEAR(r.ground_heat, r.recovered - condenser, 1e-9 * condenser);
    if (r.mode == Mode::cycling) {
      ++cycling;
      ASSERT_GT(r.cycling_loss, 0.0);
    }
  }
  EXPECT_GT(cycling, 100);
}

TEST(SiteCooling, GroundLoopRunsAboveTheGroundWhileRejecting) {
  const auto w = hot_year();
  SystemSpec s;
  auto gmap = [](double cap) {
    equipment::MapAxes axes;
    for (double t = 5.0; t <= 40.0; t += 5.0) axes.t_source.push_back(c0 + t);
    for (double t = 5.0; t <= 15.0; t += 5.0) axes.t_sink.push_back(c0 + t);
    axes.part_load = {0.3, 1.0};
    return std::make_shared<const equipment::PerformanceMap>(equipment::PerformanceMap::generate(
        equipment::SourceKind::brine, axes, [cap](double, double, double x) {
          return equipment::NodeValue{cap * x, cap * x / 5.0};
        }));
  };
  s.heat_pump.map = gmap(5000.0);
  s.heat_pump.cooling_map = gmap(5000.0);
  s.heat_pump.name = "ground";
  s.source.kind = SourceSpec::Kind::ground;
  s.source.t_ground = c0 + 18.0;
  s.source.ground_design_drop = 6.0;
  const auto cool = space(w, demand::LoadKind::space_cooling, 400.0);
  const Simulation sim = simulate(w, {cool}, s);
  double t_max = 0.0;
  for (const Hour& r : sim.hours) {
    if (r.cooling > 0) {
      ASSERT_GT(r.t_source, c0 + 18.0);
      t_max = std::max(t_max, r.t_source);
    }
  }
  EXPECT_NEAR(t_max, c0 + 24.0, 1e-9) << "the peak cooling hour: ground + design drop";
}

TEST(SiteCooling, CoolingLoadWithoutACoolingMapIsRefused) {
  const auto w = hot_year();
  SystemSpec s = reversible(4000.0);
  s.heat_pump.cooling_map = nullptr;
  try {
    simulate(w, {space(w, demand::LoadKind::space_cooling, 100.0)}, s);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("test cooling"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no cooling map"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace heatlift::site
