// Borefields: the g-function's tabulation, 25 and 50 years of hourly ground loads on a
// 5 × 10 field (FFT superposition), and a ground-source site year whose brine comes from the
// borefield (the year alone, and the whole coupled plan: two years and two drifts).
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>

#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/borefield.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/site/ground_source.hpp"
#include "heatlift/site/simulation.hpp"

namespace {

using namespace heatlift;
constexpr double c0 = 273.15;

equipment::BorefieldSpec field() {
  equipment::BorefieldSpec s;
  s.geometry.rows = 5;
  s.geometry.cols = 10;
  s.geometry.spacing = 5.0;
  s.geometry.length = 100.0;
  s.ground.t_undisturbed = c0 + 19.0;
  s.pipes.pipes = 4;
  return s;
}

// Heating in winter, twice as much rejected in summer (a cooled office).
std::vector<double> seasonal_load() {
  std::vector<double> q(8760);
  for (std::size_t h = 0; h < q.size(); ++h) {
    const double season = std::cos(2 * std::numbers::pi * static_cast<double>(h) / 8760.0);
    const double office = (h % 24 >= 8 && h % 24 < 18) ? 1.0 : 0.2;
    q[h] = office * (season > 0 ? 150e3 * season : 300e3 * season);
  }
  return q;
}

void Borefield_GFunction_5x10(benchmark::State& state) {
  const equipment::BorefieldSpec s = field();
  for (auto _ : state) {
    const equipment::GFunction g(s.geometry, s.ground.diffusivity(), 25 * 8760 * 3600.0);
    benchmark::DoNotOptimize(g(8760 * 3600.0));
  }
}
BENCHMARK(Borefield_GFunction_5x10)->Unit(benchmark::kMillisecond);

void Borefield_Years_5x10(benchmark::State& state) {
  const equipment::BorefieldSpec s = field();
  const std::vector<double> q = seasonal_load();
  const int years = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const equipment::BorefieldResponse r = equipment::simulate_borefield(s, q, years);
    benchmark::DoNotOptimize(r.years.back().t_fluid_max);
  }
}
BENCHMARK(Borefield_Years_5x10)->Arg(25)->Arg(50)->Unit(benchmark::kMillisecond);

struct GroundSite {
  climate::WeatherSeries weather;
  std::vector<demand::LoadSeries> loads;
  site::SystemSpec system;
};

GroundSite ground_site() {
  static const core::DataStore store;
  static const fluids::FluidLibrary fluids(store);
  static const equipment::ProductLibrary products(store, fluids);
  GroundSite g;
  demand::LoadSeries l;
  l.kind = demand::LoadKind::space_heating;
  for (std::size_t h = 0; h < 8760; ++h) {
    const double day = static_cast<double>(h) / 24.0;
    const double t = 16.6 - 12.0 * std::cos(2 * std::numbers::pi * (day - 15.0) / 365.0);
    g.weather.t_dry.push_back(c0 + t);
    g.weather.rh.push_back(0.75);
    g.weather.ghi.push_back(0.0);
    l.heat.push_back(std::max(0.0, 12e3 * (c0 + 14.0 - (c0 + t))));
    l.t_supply.push_back(c0 + 45.0);
    l.t_return.push_back(c0 + 40.0);
  }
  g.loads = {l};
  g.system.heat_pump.map = products.map("gshp-brine-12kw");
  g.system.heat_pump.scale = 15.0;
  g.system.source.kind = site::SourceSpec::Kind::ground;
  g.system.source.t_ground = c0 + 19.0;
  return g;
}

// The hourly loop with a borefield's brine hour by hour (the site year's own cost).
void Site_Year_BorefieldBrine(benchmark::State& state) {
  GroundSite g = ground_site();
  site::GroundLoop loop;
  loop.field = field();
  site::plan_ground_loop(loop, c0 + 19.0, g.weather, g.loads, g.system);
  site::Simulation sim;
  for (auto _ : state) {
    site::simulate(g.weather, g.loads, g.system, sim);
    benchmark::DoNotOptimize(sim.annual.spf_h4);
  }
}
BENCHMARK(Site_Year_BorefieldBrine)->Unit(benchmark::kMicrosecond);

// The whole coupled plan: the year with the fixed drop, 25 years of drift, the year again
// with the brine, 25 years of drift again.
void Site_PlanGroundLoop_25y(benchmark::State& state) {
  GroundSite g = ground_site();
  site::GroundLoop loop;
  loop.field = field();
  for (auto _ : state) {
    const site::GroundLoopOutcome o =
        site::plan_ground_loop(loop, c0 + 19.0, g.weather, g.loads, g.system);
    benchmark::DoNotOptimize(o.response.years.back().t_fluid_mean);
  }
}
BENCHMARK(Site_PlanGroundLoop_25y)->Unit(benchmark::kMillisecond);

}  // namespace
