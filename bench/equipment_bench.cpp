// Equipment benchmarks: a performance-map query (target well under 100 ns: the site
// simulation makes 8,760 per year and sweeps 10,000 variants), the same with defrost,
// generation of a 10,000-node map from a cheap callback, a datasheet fit, CSV round trip.
#include <benchmark/benchmark.h>

#include <random>

#include "heatlift/equipment/carnot_map.hpp"
#include "heatlift/equipment/datasheet_fit.hpp"
#include "heatlift/equipment/defrost.hpp"
#include "heatlift/equipment/map_io.hpp"

namespace {

using namespace heatlift::equipment;
constexpr double kC = 273.15;

MapAxes axes(std::size_t ni, std::size_t nj, std::size_t nk) {
  MapAxes a;
  for (std::size_t i = 0; i < ni; ++i) a.t_source.push_back(kC - 30 + 50.0 * i / (ni - 1));
  for (std::size_t j = 0; j < nj; ++j) a.t_sink.push_back(kC + 25 + 50.0 * j / (nj - 1));
  for (std::size_t k = 0; k < nk; ++k) a.part_load.push_back(0.2 + 0.8 * k / (nk - 1));
  return a;
}

struct Query {
  double ts, tk, x, rh;
};

std::vector<Query> queries() {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> ts(kC - 29, kC + 19), tk(kC + 26, kC + 74), x(0.21, 0.99),
      rh(0.3, 1.0);
  std::vector<Query> q(4096);
  for (auto& e : q) e = {ts(rng), tk(rng), x(rng), rh(rng)};
  return q;
}

// 21 × 11 × 9 = 2,079 nodes, a typical generated map; 4,096 distinct query points.
void Equipment_MapQuery(benchmark::State& state) {
  const PerformanceMap m =
      carnot_fraction_map(CarnotMapSpec::defaults(SourceKind::air, 1e4), axes(21, 11, 9));
  const auto q = queries();
  std::size_t n = 0;
  for (auto _ : state) {
    const Query& e = q[n++ & 4095];
    benchmark::DoNotOptimize(m.at(e.ts, e.tk, e.x));
  }
}
BENCHMARK(Equipment_MapQuery);

void Equipment_MapQueryDefrost(benchmark::State& state) {
  const PerformanceMap m =
      carnot_fraction_map(CarnotMapSpec::defaults(SourceKind::air, 1e4), axes(21, 11, 9));
  const DefrostedMap d(m);
  const auto q = queries();
  std::size_t n = 0;
  for (auto _ : state) {
    const Query& e = q[n++ & 4095];
    benchmark::DoNotOptimize(d.at(e.ts, e.tk, e.x, e.rh));
  }
}
BENCHMARK(Equipment_MapQueryDefrost);

// 25 × 20 × 20 = 10,000 nodes from the Carnot-fraction node function.
void Equipment_Generate10k(benchmark::State& state) {
  const CarnotMapSpec s = CarnotMapSpec::defaults(SourceKind::air, 1e4);
  const GenerateOptions o{static_cast<unsigned>(state.range(0))};
  for (auto _ : state) {
    PerformanceMap m = PerformanceMap::generate(
        SourceKind::air, axes(25, 20, 20),
        [&s](double ts, double tk, double x) { return carnot_node(s, ts, tk, x); }, o);
    benchmark::DoNotOptimize(m.node_count());
  }
}
BENCHMARK(Equipment_Generate10k)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

void Equipment_DatasheetFit(benchmark::State& state) {
  const std::vector<DatasheetPoint> pts = {
      rating_point("A7/W35", 8000, 4.80),  rating_point("A2/W35", 7200, 3.90),
      rating_point("A-7/W35", 6200, 3.00), rating_point("A-15/W35", 5200, 2.45),
      rating_point("A7/W55", 7400, 2.90),  rating_point("A2/W55", 6600, 2.40),
      rating_point("A-7/W55", 5600, 1.95)};
  for (auto _ : state) {
    DatasheetFit f = DatasheetFit::fit(SourceKind::air, pts);
    benchmark::DoNotOptimize(f.max_cop_residual());
  }
}
BENCHMARK(Equipment_DatasheetFit)->Unit(benchmark::kMicrosecond);

void Equipment_CsvRoundTrip10k(benchmark::State& state) {
  const PerformanceMap m =
      carnot_fraction_map(CarnotMapSpec::defaults(SourceKind::air, 1e4), axes(25, 20, 20));
  for (auto _ : state) {
    PerformanceMap back = parse_map_csv(to_csv(m));
    benchmark::DoNotOptimize(back.node_count());
  }
}
BENCHMARK(Equipment_CsvRoundTrip10k)->Unit(benchmark::kMillisecond);

}  // namespace
