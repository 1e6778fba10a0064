// A site year with a boiler kept beside the heat pump (site/hybrid.hpp) and a year of
// solar-thermal collectors and their store (site/solar_thermal.hpp), on the same cold-zone
// year and EVI R32 product as site_bench. A cost or carbon switch-over runs the year twice
// (a free run for each hour's COP, then the locked run); a temperature switch-over with a
// given bivalent point once; an optimised bivalent point scans 46 points.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>

#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/site/hybrid.hpp"
#include "heatlift/site/solar_thermal.hpp"

namespace {

using namespace heatlift;
constexpr double c0 = 273.15;

climate::WeatherSeries cold_year() {
  climate::WeatherSeries w;
  w.location.latitude = 39.8;
  w.location.longitude = 116.5;
  w.location.time_zone = 8.0;
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

std::vector<demand::LoadSeries> loads_of(const climate::WeatherSeries& w) {
  demand::LoadSeries l;
  l.kind = demand::LoadKind::space_heating;
  for (double t : w.t_dry) {
    l.heat.push_back(std::max(0.0, 400.0 * (c0 + 15.0 - t)));
    l.t_supply.push_back(c0 + 45.0);
    l.t_return.push_back(c0 + 38.0);
  }
  return {l};
}

// Arg: 0 temperature rule at −5 °C, 1 cost rule, 2 optimised bivalent point.
void Site_Year_Hybrid(benchmark::State& state) {
  static const core::DataStore store;
  static const fluids::FluidLibrary fluids(store);
  static const equipment::ProductLibrary products(store, fluids);
  const auto w = cold_year();
  const auto loads = loads_of(w);
  site::SystemSpec s;
  s.heat_pump.map = products.map("evi-r32-10kw");
  s.heat_pump.sink_aux = 50.0;
  site::BackupDesign d;
  d.kind = "gas_boiler";
  d.rule = state.range(0) == 1 ? site::SwitchRule::cost : site::SwitchRule::temperature;
  if (state.range(0) == 0) d.bivalent_point = c0 - 5.0;
  site::HybridPrices p;
  p.electricity.assign(w.hours(), 0.5 / 3.6e6);
  p.fuel = 0.3 / 3.6e6;
  p.efficiency = 0.92;
  p.grid_factor = 0.58 / 3.6e6;
  p.fuel_factor = 0.202 / 3.6e6;
  for (auto _ : state) {
    site::HybridResult r;
    const site::Simulation sim = site::simulate_hybrid(w, loads, s, d, p, r);
    benchmark::DoNotOptimize(r.year.hp_share);
  }
}
BENCHMARK(Site_Year_Hybrid)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

// The collectors and a seasonal store against the load (three passes: two to settle the
// store's periodic start, one recorded).
void Site_Year_SolarThermal(benchmark::State& state) {
  const auto w = cold_year();
  const auto base = loads_of(w);
  site::SolarThermalSpec s;
  s.area = 20.0;
  s.store_volume = 30.0;
  for (auto _ : state) {
    auto loads = base;
    const site::SolarThermalResult r = site::apply_solar_thermal(w, loads, s);
    benchmark::DoNotOptimize(r.delivered);
  }
}
BENCHMARK(Site_Year_SolarThermal)->Unit(benchmark::kMicrosecond);

}  // namespace
