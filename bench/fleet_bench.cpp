// Fleet benchmarks: the national stock-flow run to 2060 (target ≤ 50 ms) and reading a
// scenario file.
#include <benchmark/benchmark.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/scenario_io.hpp"

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
