// Fleet benchmarks: the national stock-flow run to 2060 (target ≤ 50 ms), reading a
// scenario file, Monte Carlo, and the province-resolved run (target ≤ 1 s).
#include <benchmark/benchmark.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/regions.hpp"
#include "heatlift/fleet/regions_io.hpp"
#include "heatlift/fleet/scenario_io.hpp"
#include "heatlift/fleet/uncertainty.hpp"

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
