// Demand benchmarks: one year (8,760 h) of a building's space-heating load (target: tens of
// µs, since site and fleet sweep many buildings), the south-façade irradiance it needs
// (once per weather series), a year of hot water with a tank, of process heat and of
// tobacco curing, and loading the archetype library.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>

#include "heatlift/core/data_store.hpp"
#include "heatlift/demand/building.hpp"
#include "heatlift/demand/drying.hpp"
#include "heatlift/demand/hot_water.hpp"
#include "heatlift/demand/process.hpp"

namespace {

using namespace heatlift;
using namespace heatlift::demand;

// A Beijing-like year: annual mean 12 °C, January −3 °C, daily swing ±5 K, clear-ish sun.
climate::WeatherSeries weather() {
  constexpr double pi = std::numbers::pi;
  climate::WeatherSeries w;
  w.location.latitude = 39.9;
  w.location.longitude = 116.4;
  const std::size_t n = climate::hours_per_year;
  w.t_dry.resize(n);
  w.rh.assign(n, 0.5);
  w.ghi.resize(n);
  const double phi = 39.9 * pi / 180.0;
  for (std::size_t h = 0; h < n; ++h) {
    const double day = static_cast<double>(h / 24);
    const double hod = static_cast<double>(h % 24);
    w.t_dry[h] = 285.15 - 15.0 * std::cos(2 * pi * (day - 14.5) / 365.0) -
                 5.0 * std::cos(2 * pi * (hod + 0.5 - 5.0) / 24.0);
    const double decl = 23.45 * pi / 180.0 * std::sin(2 * pi * (285.0 + day) / 365.0);
    const double cz = std::sin(phi) * std::sin(decl) +
                      std::cos(phi) * std::cos(decl) * std::cos((hod - 11.5) * pi / 12.0);
    w.ghi[h] = cz > 0 ? 0.55 * 1367.0 * cz : 0.0;
  }
  return w;
}

void Demand_BuildingYear(benchmark::State& state) {
  const auto w = weather();
  const auto south = south_vertical_irradiance(w);
  const auto lib = ArchetypeLibrary::load(core::DataStore());
  BuildingSpec b = make_building_spec(lib, "office", "2010_2018", ClimateZone::cold, 5000.0);
  b.t_design = 273.15 - 7.6;
  b.cooled = false;  // heating only: Demand_BuildingYearCooledReused adds cooling
  for (auto _ : state) {
    BuildingResult r = simulate_building(b, w, south);
    benchmark::DoNotOptimize(r.load.heat.data());
  }
}
BENCHMARK(Demand_BuildingYear)->Unit(benchmark::kMicrosecond);

// The same, writing into one result whose vectors are reused (a sweep over buildings).
void Demand_BuildingYearReused(benchmark::State& state) {
  const auto w = weather();
  const auto south = south_vertical_irradiance(w);
  const auto lib = ArchetypeLibrary::load(core::DataStore());
  BuildingSpec b = make_building_spec(lib, "office", "2010_2018", ClimateZone::cold, 5000.0);
  b.t_design = 273.15 - 7.6;
  b.cooled = false;  // heating only: Demand_BuildingYearCooledReused adds cooling
  BuildingResult r;
  for (auto _ : state) {
    simulate_building(b, w, south, r);
    benchmark::DoNotOptimize(r.load.heat.data());
  }
}
BENCHMARK(Demand_BuildingYearReused)->Unit(benchmark::kMicrosecond);

// The same office cooled too (all year, whenever the balance asks): the cooled node beside
// the heating one, the latent load and the design cooling load.
void Demand_BuildingYearCooledReused(benchmark::State& state) {
  const auto w = weather();
  const auto south = south_vertical_irradiance(w);
  const auto lib = ArchetypeLibrary::load(core::DataStore());
  BuildingSpec b = make_building_spec(lib, "office", "2010_2018", ClimateZone::cold, 5000.0);
  b.t_design = 273.15 - 7.6;
  BuildingResult r;
  for (auto _ : state) {
    simulate_building(b, w, south, r);
    benchmark::DoNotOptimize(r.cooling.heat.data());
  }
}
BENCHMARK(Demand_BuildingYearCooledReused)->Unit(benchmark::kMicrosecond);

void Demand_BuildingYearWithIrradiance(benchmark::State& state) {
  const auto w = weather();
  const auto lib = ArchetypeLibrary::load(core::DataStore());
  BuildingSpec b =
      make_building_spec(lib, "urban_residential", "pre_1996", ClimateZone::cold, 5000.0);
  for (auto _ : state) {
    BuildingResult r = simulate_building(b, w);  // validates weather, irradiance, t_design
    benchmark::DoNotOptimize(r.load.heat.data());
  }
}
BENCHMARK(Demand_BuildingYearWithIrradiance)->Unit(benchmark::kMicrosecond);

void Demand_SouthIrradiance(benchmark::State& state) {
  const auto w = weather();
  for (auto _ : state) {
    auto s = south_vertical_irradiance(w);
    benchmark::DoNotOptimize(s.data());
  }
}
BENCHMARK(Demand_SouthIrradiance)->Unit(benchmark::kMicrosecond);

void Demand_HotWaterYear(benchmark::State& state) {
  const auto w = weather();
  const auto lib = HotWaterLibrary::load(core::DataStore());
  HotWaterSpec s = make_hot_water_spec(lib, "hotel", 300.0);
  s.tank_volume = 8.0;
  for (auto _ : state) {
    HotWaterResult r = simulate_hot_water(s, w);
    benchmark::DoNotOptimize(r.load.heat.data());
  }
}
BENCHMARK(Demand_HotWaterYear)->Unit(benchmark::kMicrosecond);

void Demand_ProcessYear(benchmark::State& state) {
  ProcessSpec s;
  s.duty = 2e6;
  s.t_supply = 273.15 + 150.0;
  s.t_return = 273.15 + 90.0;
  s.shifts_per_day = 2;
  s.days_per_week = 6;
  s.shutdown_weeks = 2;
  for (auto _ : state) {
    ProcessResult r = simulate_process(s);
    benchmark::DoNotOptimize(r.load.heat.data());
  }
}
BENCHMARK(Demand_ProcessYear)->Unit(benchmark::kMicrosecond);

void Demand_DryingYear(benchmark::State& state) {
  const auto w = weather();
  const DryingSpec s;
  for (auto _ : state) {
    DryingResult r = simulate_drying(s, w);
    benchmark::DoNotOptimize(r.load.heat.data());
  }
}
BENCHMARK(Demand_DryingYear)->Unit(benchmark::kMicrosecond);

void Demand_LoadArchetypes(benchmark::State& state) {
  const core::DataStore data;
  for (auto _ : state) {
    auto lib = ArchetypeLibrary::load(data);
    benchmark::DoNotOptimize(lib.archetypes.size());
  }
}
BENCHMARK(Demand_LoadArchetypes)->Unit(benchmark::kMicrosecond);

}  // namespace
