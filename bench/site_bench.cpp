// One simulated year of a site (8,760 hours) once the performance map is built: the
// low-ambient EVI R32 product against a cold-zone space-heating load with defrost,
// compensation and back-up. Target: ≤ 1 ms on one core.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>

#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/site/simulation.hpp"

namespace {

using namespace heatlift;
constexpr double c0 = 273.15;

climate::WeatherSeries cold_year() {
  climate::WeatherSeries w;
  for (std::size_t h = 0; h < climate::hours_per_year; ++h) {
    const double day = static_cast<double>(h) / 24.0, hod = static_cast<double>(h % 24);
    const double t = 12.0 - 15.0 * std::cos(2 * std::numbers::pi * (day - 15.0) / 365.0) -
                     5.0 * std::cos(2 * std::numbers::pi * (hod - 3) / 24);
    w.t_dry.push_back(c0 + t);
    w.rh.push_back(0.75);
    w.ghi.push_back(std::max(0.0, 600.0 * std::sin(std::numbers::pi * (hod - 6) / 12)));
  }
  return w;
}

void Site_Year_EviR32(benchmark::State& state) {
  static const core::DataStore store;
  static const fluids::FluidLibrary fluids(store);
  static const equipment::ProductLibrary products(store, fluids);
  const auto w = cold_year();
  demand::LoadSeries l;
  l.kind = demand::LoadKind::space_heating;
  for (double t : w.t_dry) {
    l.heat.push_back(std::max(0.0, 400.0 * (c0 + 15.0 - t)));
    l.t_supply.push_back(c0 + 45.0);
    l.t_return.push_back(c0 + 38.0);
  }
  site::SystemSpec s;
  s.heat_pump.map = products.map("evi-r32-10kw");
  s.heat_pump.sink_aux = 50.0;
  s.storage.capacity = 0.2 * 4186e3 * 10;
  s.storage.loss = 20.0;
  const std::vector<demand::LoadSeries> loads{l};
  const bool reuse = state.range(0) != 0;
  site::Simulation sim;
  for (auto _ : state) {
    if (reuse) {
      site::simulate(w, loads, s, sim);
    } else {
      sim = site::simulate(w, loads, s);
    }
    benchmark::DoNotOptimize(sim.annual.spf_h4);
  }
}
// 0: a fresh result each year (8,760 hours of 160 bytes allocated and paged in); 1: the
// result's storage reused, as a sweep can.
BENCHMARK(Site_Year_EviR32)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// A year with cooling: the same product reversible (its cooling map), a hot-summer year
// (mean 17 °C, 12 K seasonal swing) with heating below 15 °C and 7/12 °C chilled-water
// cooling above 22 °C, heat recovery to a hot-water load. Target: ≤ 2 ms on one core.
void Site_Year_EviR32_Cooling(benchmark::State& state) {
  static const core::DataStore store;
  static const fluids::FluidLibrary fluids(store);
  static const equipment::ProductLibrary products(store, fluids);
  climate::WeatherSeries w;
  for (std::size_t h = 0; h < climate::hours_per_year; ++h) {
    const double day = static_cast<double>(h) / 24.0, hod = static_cast<double>(h % 24);
    w.t_dry.push_back(c0 + 17.0 - 12.0 * std::cos(2 * std::numbers::pi * (day - 15.0) / 365.0) -
                      4.0 * std::cos(2 * std::numbers::pi * (hod - 3) / 24));
    w.rh.push_back(0.75);
    w.ghi.push_back(std::max(0.0, 600.0 * std::sin(std::numbers::pi * (hod - 6) / 12)));
  }
  demand::LoadSeries heat, cool, dhw;
  heat.kind = demand::LoadKind::space_heating;
  cool.kind = demand::LoadKind::space_cooling;
  dhw.kind = demand::LoadKind::hot_water;
  for (double t : w.t_dry) {
    heat.heat.push_back(std::max(0.0, 400.0 * (c0 + 15.0 - t)));
    heat.t_supply.push_back(c0 + 45.0);
    heat.t_return.push_back(c0 + 38.0);
    cool.heat.push_back(std::max(0.0, 600.0 * (t - c0 - 22.0)));
    cool.t_supply.push_back(c0 + 7.0);
    cool.t_return.push_back(c0 + 12.0);
    dhw.heat.push_back(300.0);
    dhw.t_supply.push_back(c0 + 50.0);
    dhw.t_return.push_back(c0 + 15.0);
  }
  site::SystemSpec s;
  s.heat_pump.map = products.map("evi-r32-10kw");
  s.heat_pump.cooling_map = products.cooling_map("evi-r32-10kw");
  s.heat_pump.heat_recovery = true;
  s.heat_pump.sink_aux = 50.0;
  const std::vector<demand::LoadSeries> loads{heat, cool, dhw};
  site::Simulation sim;
  for (auto _ : state) {
    site::simulate(w, loads, s, sim);
    benchmark::DoNotOptimize(sim.annual.seer_system);
  }
  state.counters["cooling_hours"] = sim.annual.cooling_hours;
}
BENCHMARK(Site_Year_EviR32_Cooling)->Unit(benchmark::kMicrosecond);

}  // namespace
