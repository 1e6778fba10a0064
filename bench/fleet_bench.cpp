// Fleet benchmarks: the national stock-flow run to 2060 (target ≤ 50 ms), reading a
// scenario file, Monte Carlo, and the province-resolved run (target ≤ 1 s).
#include <benchmark/benchmark.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/physics.hpp"
#include "heatlift/fleet/regions.hpp"
#include "heatlift/fleet/regions_io.hpp"
#include "heatlift/fleet/scenario_io.hpp"
#include "heatlift/fleet/uncertainty.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/site/site_case.hpp"

namespace {

using namespace heatlift;

// One national scenario, 4 segments, 2005–2060 vintages, all indicators.
void Fleet_NationalRun(benchmark::State& state, const char* name) {
  const fleet::Scenario s = fleet::load_scenario(core::DataStore(), name);
  for (auto _ : state) {
    fleet::Results r = fleet::run(s);
    benchmark::DoNotOptimize(r.groups.data());
  }
}
BENCHMARK_CAPTURE(Fleet_NationalRun, cns, "cns")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Fleet_NationalRun, action_plan, "action-plan")->Unit(benchmark::kMicrosecond);

// Parse + decode of a shipped scenario (TOML, units, ranges, GWP table).
void Fleet_LoadScenario(benchmark::State& state) {
  const core::DataStore data;
  for (auto _ : state) {
    fleet::Scenario s = fleet::load_scenario(data, "cns");
    benchmark::DoNotOptimize(s.segments.data());
  }
}
BENCHMARK(Fleet_LoadScenario)->Unit(benchmark::kMicrosecond);

}  // namespace

namespace {

// Monte Carlo over the CNS's [[uncertainty]] distributions: samples × full model runs on
// `threads` threads, then p5/p50/p95 of every value (target: 1,000 samples ≤ 10 s on 2 cores).
void Fleet_MonteCarlo(benchmark::State& state) {
  const fleet::Scenario s = fleet::load_scenario(core::DataStore(), "cns");
  const auto samples = static_cast<int>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  for (auto _ : state) {
    fleet::Bands b = fleet::monte_carlo(s, samples, 42, threads);
    benchmark::DoNotOptimize(b.groups.data());
  }
}
BENCHMARK(Fleet_MonteCarlo)
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

namespace {

// The province-resolved run (target ≤ 1 s): the national CNS run, then its allocation to
// 31 provinces with their grid factors, 5 climate zones and the country sum.
void Fleet_ProvinceRun(benchmark::State& state) {
  const core::DataStore data;
  const fleet::Scenario s = fleet::load_scenario(data, "cns");
  const fleet::ProvinceTable table = fleet::load_provinces(data);
  for (auto _ : state) {
    fleet::RegionalResults r = fleet::allocate(s, fleet::run(s), table);
    benchmark::DoNotOptimize(r.regions.data());
  }
}
BENCHMARK(Fleet_ProvinceRun)->Unit(benchmark::kMillisecond);

// Reading and checking the province table (provinces.csv and grids.csv).
void Fleet_LoadProvinces(benchmark::State& state) {
  const core::DataStore data;
  for (auto _ : state) {
    fleet::ProvinceTable t = fleet::load_provinces(data);
    benchmark::DoNotOptimize(t.provinces.data());
  }
}
BENCHMARK(Fleet_LoadProvinces)->Unit(benchmark::kMicrosecond);

}  // namespace

namespace {

// The bottom-up engine (fleet/physics.hpp): the cells of every province simulated once
// (what the first year of a run pays), then national runs and Monte Carlo on those cells.
struct BottomUp {
  core::DataStore data;
  fluids::FluidLibrary fluids{data};
  equipment::ProductLibrary products{data, fluids};
  site::SiteLibraries lib{data, products};
  fleet::ProvinceTable provinces = fleet::load_provinces(data);
  fleet::Scenario cns = fleet::load_scenario(data, "cns");
  fleet::CellCatalogue catalogue = fleet::load_cell_catalogue(data);
};
BottomUp& bottom_up() {
  static BottomUp b;
  return b;
}

// Every province's cells of the four segments, both sizings (≈ 400 distinct cells), with
// the stations' weather already synthesised.
void Fleet_BottomUpCells(benchmark::State& state) {
  BottomUp& b = bottom_up();
  fleet::simulate_fleet(b.cns, b.provinces, b.catalogue, b.lib);  // weather, maps cached
  for (auto _ : state) {
    fleet::FleetPhysics p = fleet::simulate_fleet(b.cns, b.provinces, b.catalogue, b.lib);
    benchmark::DoNotOptimize(p.units.data());
    state.counters["cells"] = static_cast<double>(p.cells.size());
  }
}
BENCHMARK(Fleet_BottomUpCells)->Unit(benchmark::kMillisecond)->UseRealTime();

// One national bottom-up run 2005–2060 on simulated cells: stock moments and the hourly
// coincident peak of every segment, end use and the total, every year.
void Fleet_BottomUpRun(benchmark::State& state) {
  BottomUp& b = bottom_up();
  static const fleet::FleetPhysics p =
      fleet::simulate_fleet(b.cns, b.provinces, b.catalogue, b.lib);
  for (auto _ : state) {
    fleet::Results r = fleet::run(b.cns, &p);
    benchmark::DoNotOptimize(r.groups.data());
  }
}
BENCHMARK(Fleet_BottomUpRun)->Unit(benchmark::kMillisecond);

// 1,000 Monte Carlo samples of the CNS on the same cells (target: a whole 2022–2060 run
// with 1,000 samples ≤ 60 s on 2 cores).
void Fleet_BottomUpMonteCarlo(benchmark::State& state) {
  BottomUp& b = bottom_up();
  static const fleet::FleetPhysics p =
      fleet::simulate_fleet(b.cns, b.provinces, b.catalogue, b.lib);
  for (auto _ : state) {
    fleet::Bands bands = fleet::monte_carlo(b.cns, 1000, 42, 2, &p);
    benchmark::DoNotOptimize(bands.groups.data());
  }
}
BENCHMARK(Fleet_BottomUpMonteCarlo)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// The provinces of a bottom-up run: allocation by moments × provincial units and the
// coincident peak of every region and group, every year.
void Fleet_BottomUpProvinces(benchmark::State& state) {
  BottomUp& b = bottom_up();
  static const fleet::FleetPhysics p =
      fleet::simulate_fleet(b.cns, b.provinces, b.catalogue, b.lib);
  const fleet::Results r = fleet::run(b.cns, &p);
  for (auto _ : state) {
    fleet::RegionalResults reg = fleet::allocate(b.cns, r, b.provinces, &p);
    benchmark::DoNotOptimize(reg.regions.data());
  }
}
BENCHMARK(Fleet_BottomUpProvinces)->Unit(benchmark::kMillisecond);

}  // namespace
