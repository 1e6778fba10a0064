// The fleet's physics: every distinct cell of one year simulated hour by hour (fleet/cells.hpp).
// Target (the bottom-up roadmap): all GB 50736 stations with an id (≈ 298) × 6 building
// archetypes × 5 product classes, 8,760 h each, in ≤ 10 s on this 2-core machine, and
// ≤ 40 ns per building-hour. `Cells_Stations/N` runs the first N stations (every archetype
// and product at each) on all cores, so the cost per cell and its scaling with the number of
// cells can be read off; counters: cells/s and ns per building-hour (8,760 × cells).
#include <benchmark/benchmark.h>

#include <thread>

#include "heatlift/climate/stations.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fleet/cells.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/site/site_case.hpp"

namespace {

using namespace heatlift;

struct World {
  core::DataStore store;
  fluids::FluidLibrary fluids{store};
  equipment::ProductLibrary products{store, fluids};
  site::SiteLibraries lib{store, products};
  climate::StationTable stations{store};
};

const World& world() {
  static const World w;
  return w;
}

// Every archetype and product class at the first `n` stations.
std::vector<fleet::CellSpec> cells_at(std::size_t n) {
  static const char* archetypes[][2] = {{"urban_residential", "100"}, {"rural_residential", "120"},
                                        {"office", "2000"},           {"school", "3000"},
                                        {"hospital", "5000"},         {"hotel", "4000"}};
  static const char* products[] = {"evi-r32-10kw", "r290-monobloc-8kw", "gshp-brine-12kw",
                                   "water-source-300kw", "co2-hpwh-4.5kw"};
  std::vector<fleet::CellSpec> cells;
  std::size_t k = 0;
  for (const auto& s : world().stations.stations()) {
    if (s.id.empty()) continue;
    if (k++ == n) break;
    for (const auto& a : archetypes) {
      for (const char* p : products) {
        fleet::CellSpec c;
        c.place = s.id;
        c.archetype = a[0];
        c.era = "2010_2018";
        c.size = std::stod(a[1]);
        c.product = p;
        c.cover = 0.9;
        c.keep_hourly = false;
        cells.push_back(c);
      }
    }
  }
  return cells;
}

void Cells_Stations(benchmark::State& state) {
  const auto cells = cells_at(static_cast<std::size_t>(state.range(0)));
  // The weather of every station is synthesised once and cached by the libraries, as in a
  // roadmap run (the first year of a run pays for it; later years reuse the cells).
  for (const auto& c : cells) world().lib.place(c.place);
  // Likewise the products' maps (generated from their cycle designs on first use).
  for (const auto& c : cells) world().products.map(c.product);
  for (auto _ : state) {
    auto r = fleet::simulate_cells(cells, world().lib);
    benchmark::DoNotOptimize(r.data());
  }
  const double n = static_cast<double>(cells.size());
  state.counters["cells"] = n;
  state.counters["cells_per_s"] =
      benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["ns_per_building_hour"] =
      benchmark::Counter(n * 8760.0 / 1e9, benchmark::Counter::kIsIterationInvariantRate |
                                               benchmark::Counter::kInvert);
}
BENCHMARK(Cells_Stations)->Arg(10)->Arg(50)->Arg(298)->Unit(benchmark::kMillisecond)->UseRealTime();

// Synthesising the typical years of every station (what the first year of a run pays).
void Cells_StationWeather(benchmark::State& state) {
  for (auto _ : state) {
    core::DataStore store;
    fluids::FluidLibrary fluids{store};
    equipment::ProductLibrary products{store, fluids};
    site::SiteLibraries lib{store, products};
    std::size_t n = 0;
    for (const auto& s : world().stations.stations()) {
      if (s.id.empty()) continue;
      lib.place(s.id);
      ++n;
    }
    state.counters["stations"] = static_cast<double>(n);
  }
}
BENCHMARK(Cells_StationWeather)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
