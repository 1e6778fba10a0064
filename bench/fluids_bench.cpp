// Fluid property calls, exact backend (Fluid) against the fast one (TabulatedFluid): time per
// call for each input pair, R32 and R744, each over 4,096 distinct precomputed states inside
// the fast backend's envelope, cycled (as CoolProp's own speed measurements do), one thread.
// Names: <fluid>/<backend>/<pair>, e.g. R32/fast/p_h_single. Plus the time to build the fast
// tables of a fluid from scratch (not the cached copy): <fluid>/fast/build.
//
// (T,p) and (T,rho) of the fast backend are delegated to the exact one; they are listed to
// show that they cost the same. Single-phase inputs avoid the band around the critical
// pressure that the fast backend also hands to the exact one (TableEnvelope::p_gap_*).
#include <benchmark/benchmark.h>

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "heatlift/core/data_store.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/fluids/tabulated.hpp"

namespace {

using namespace heatlift;
using namespace heatlift::fluids;

constexpr std::size_t kStates = 4096;  // a power of two: the index wraps with a mask

const FluidLibrary& library() {
  static const core::DataStore store;
  static const FluidLibrary lib(store);
  return lib;
}

using Inputs = std::vector<std::pair<double, double>>;

// 4,096 input pairs of one kind for one fluid, computed once with the exact backend.
const Inputs& inputs(const std::string& id, const std::string& pair) {
  static std::map<std::string, Inputs> cache;
  const std::string key = id + "/" + pair;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  const auto exact = library().exact(id);
  const TableEnvelope env = library().fast(id)->stats().envelope;
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> U(0.0, 1.0);
  Inputs out;
  while (out.size() < kStates) {
    if (pair == "T_Q" || pair == "p_Q" || pair == "p_h_two") {
      const double Q = U(rng);
      if (pair == "T_Q") {
        out.emplace_back(env.T_sat_min + U(rng) * (env.T_sat_max - env.T_sat_min), Q);
        continue;
      }
      const double p = env.p_sat_min * std::pow(env.p_sat_max / env.p_sat_min, U(rng));
      if (pair == "p_Q") {
        out.emplace_back(p, Q);
      } else {
        out.emplace_back(p, exact->at_p_Q(p, Q).h);
      }
      continue;
    }
    // Single phase: (T, p) uniform in T and ln p over the envelope.
    const double T = env.T_min + U(rng) * (env.T_max - env.T_min);
    const double p = env.p_min * std::pow(env.p_max / env.p_min, U(rng));
    if (p > env.p_gap_min && p < env.p_gap_max) continue;
    const State s = exact->at_T_p(T, p);
    if (s.phase == Phase::two_phase) continue;
    if (pair == "T_p") out.emplace_back(T, p);
    if (pair == "T_rho") out.emplace_back(T, s.rho);
    if (pair == "p_h_single") out.emplace_back(p, s.h);
    if (pair == "p_s") out.emplace_back(p, s.s);
  }
  return cache.emplace(key, std::move(out)).first->second;
}

using Call = State (*)(const Properties&, double, double);

const std::map<std::string, Call>& calls() {
  static const std::map<std::string, Call> c = {
      {"T_p", [](const Properties& f, double a, double b) { return f.at_T_p(a, b); }},
      {"p_h_single", [](const Properties& f, double a, double b) { return f.at_p_h(a, b); }},
      {"p_h_two", [](const Properties& f, double a, double b) { return f.at_p_h(a, b); }},
      {"p_s", [](const Properties& f, double a, double b) { return f.at_p_s(a, b); }},
      {"T_Q", [](const Properties& f, double a, double b) { return f.at_T_Q(a, b); }},
      {"p_Q", [](const Properties& f, double a, double b) { return f.at_p_Q(a, b); }},
      {"T_rho", [](const Properties& f, double a, double b) { return f.at_T_rho(a, b); }},
  };
  return c;
}

void run(benchmark::State& state, const std::string& id, Backend backend, const std::string& pair) {
  const Inputs& in = inputs(id, pair);
  const std::shared_ptr<const Properties> fluid = library().get(id, backend);
  const Call call = calls().at(pair);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [a, b] = in[i & (kStates - 1)];
    benchmark::DoNotOptimize(call(*fluid, a, b));
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void build(benchmark::State& state, const std::string& id) {
  const auto exact = library().exact(id);
  for (auto _ : state) {
    TabulatedFluid table(exact);
    benchmark::DoNotOptimize(table.stats().nodes);
    state.counters["nodes"] = static_cast<double>(table.stats().nodes);
    state.counters["MB"] = static_cast<double>(table.stats().bytes) / 1e6;
  }
}

// The single-phase (T, p) tables, built on first use: their build alone (the rest of the
// fast tables built outside the timing).
void build_T_p(benchmark::State& state, const std::string& id) {
  const auto exact = library().exact(id);
  for (auto _ : state) {
    state.PauseTiming();
    auto table = std::make_unique<TabulatedFluid>(exact);
    state.ResumeTiming();
    const TpTableStats st = table->T_p_stats();
    benchmark::DoNotOptimize(st.nodes);
    state.counters["nodes"] = static_cast<double>(st.nodes);
    state.counters["MB"] = static_cast<double>(st.bytes) / 1e6;
    state.PauseTiming();
    table.reset();
    state.ResumeTiming();
  }
}

const bool registered = [] {
  for (const std::string id : {"R32", "R744"}) {
    for (const std::string pair : {"T_p", "p_h_single", "p_h_two", "p_s", "T_Q", "p_Q", "T_rho"}) {
      for (const Backend backend : {Backend::exact, Backend::fast}) {
        const std::string name = id + (backend == Backend::exact ? "/exact/" : "/fast/") + pair;
        benchmark::RegisterBenchmark(
            name.c_str(), [id, backend, pair](benchmark::State& s) { run(s, id, backend, pair); });
      }
    }
    benchmark::RegisterBenchmark((id + "/fast/build").c_str(),
                                 [id](benchmark::State& s) { build(s, id); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(5);
    benchmark::RegisterBenchmark((id + "/fast/build_T_p").c_str(),
                                 [id](benchmark::State& s) { build_T_p(s, id); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(5);
  }
  return true;
}();

}  // namespace
