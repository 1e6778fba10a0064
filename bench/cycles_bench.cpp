// Cycle solver benchmarks (issue targets in bench/RESULTS.md): the reference R32 cycle
// with each backend, a full operating point from secondary-side temperatures with the
// discretised exchangers, a transcritical CO2 point with its pressure optimised, and a
// 10,000-point map.
#include <benchmark/benchmark.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/cycles/cycle.hpp"
#include "heatlift/fluids/library.hpp"

namespace {

using namespace heatlift;
using namespace heatlift::cycles;
constexpr double kC = 273.15;

const fluids::FluidLibrary& library() {
  static const core::DataStore store;
  static const fluids::FluidLibrary lib(store);
  return lib;
}

CycleSpec reference(fluids::Backend backend) {
  CycleSpec s;
  s.fluid = "R32";
  s.backend = backend;
  s.T_evap = kC;
  s.T_cond = kC + 45.0;
  s.superheat = 5.0;
  s.subcooling = 3.0;
  s.compressor.eta_isentropic = 0.7;
  s.heating_capacity = 10e3;
  return s;
}

void run(benchmark::State& state, const CycleSpec& s, const char* fluid_high = nullptr) {
  const WorkingFluid f = WorkingFluid::from_library(library(), s.fluid, s.backend);
  std::optional<WorkingFluid> fh;
  if (fluid_high) fh = WorkingFluid::from_library(library(), fluid_high, s.backend);
  double sink = 0.0;
  for (auto _ : state) {
    const CycleResult r = CycleSolver::solve(s, f, fh ? &*fh : nullptr);
    sink += r.cop;
  }
  benchmark::DoNotOptimize(sink);
}

void Cycle_R32_Exact(benchmark::State& state) {
  run(state, reference(fluids::Backend::exact));
}
void Cycle_R32_Fast(benchmark::State& state) {
  run(state, reference(fluids::Backend::fast));
}

CycleSpec secondary() {
  CycleSpec s = reference(fluids::Backend::fast);
  s.T_evap.reset();
  s.T_cond.reset();
  s.source = Stream{"air", kC + 7.0, kC + 3.0, 1006.0, 5.0};
  s.sink = Stream{"water", kC + 30.0, kC + 35.0, 4186.0, 3.0};
  return s;
}
void Cycle_R32_Secondary_Fast(benchmark::State& state) {
  run(state, secondary());
}

CycleSpec transcritical() {
  CycleSpec s = reference(fluids::Backend::fast);
  s.topology = Topology::transcritical;
  s.fluid = "R744";
  s.T_cond.reset();
  s.T_evap = kC - 5.0;
  s.T_gc_out = kC + 35.0;
  s.compressor.T_discharge_max = kC + 160.0;
  return s;
}
void Cycle_R744_Transcritical_OptimalPressure_Fast(benchmark::State& state) {
  run(state, transcritical());
}

// 10,000 operating points: 25 source × 20 sink temperatures × 20 speeds, compressor-sized.
void Map_R32_10000_Points(benchmark::State& state) {
  CycleSpec s = secondary();
  s.heating_capacity.reset();
  s.compressor.type = CompressorType::rolling_piston;
  s.compressor.curves = default_curves(CompressorType::rolling_piston);
  s.compressor.eta_isentropic.reset();
  s.compressor.displacement = 25e-6;
  s.compressor.speed_nominal = 100.0;
  const WorkingFluid f = WorkingFluid::from_library(library(), s.fluid, s.backend);
  for (auto _ : state) {
    double sum = 0.0;
    int failed = 0;
    for (int i = 0; i < 25; ++i) {
      for (int j = 0; j < 20; ++j) {
        for (int k = 0; k < 20; ++k) {
          CycleSpec p = s;
          const double ts = kC - 20.0 + 1.5 * i;
          const double tw = kC + 30.0 + 1.5 * j;
          p.source = Stream{"air", ts, ts - 4.0, 1006.0, 5.0};
          p.sink = Stream{"water", tw - 5.0, tw, 4186.0, 3.0};
          p.compressor.speed_fraction = 0.2 + 0.04 * k;
          try {
            sum += CycleSolver::solve(p, f).heating;
          } catch (const heatlift::Error&) {
            ++failed;
          }
        }
      }
    }
    benchmark::DoNotOptimize(sum);
    state.counters["infeasible"] = failed;
  }
}

}  // namespace

BENCHMARK(Cycle_R32_Exact)->Unit(benchmark::kMicrosecond);
BENCHMARK(Cycle_R32_Fast)->Unit(benchmark::kMicrosecond);
BENCHMARK(Cycle_R32_Secondary_Fast)->Unit(benchmark::kMicrosecond);
BENCHMARK(Cycle_R744_Transcritical_OptimalPressure_Fast)->Unit(benchmark::kMicrosecond);
BENCHMARK(Map_R32_10000_Points)->Unit(benchmark::kMillisecond)->Iterations(1);
