// Standards benchmarks: 10,000 products rated from one CSV (target < 1 s, issue 5), the
// EN 14825 bin method alone, and one grade lookup.
//
//   build/release/bench/standards_bench                      run the benchmarks
//   build/release/bench/standards_bench --write-csv FILE N   write N products as a CSV for
//                                                           the timed CLI run (RESULTS.md)
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <string>

#include "heatlift/standards/product_io.hpp"
#include "heatlift/standards/rating.hpp"

namespace {

using namespace heatlift;
using namespace heatlift::standards;

const char* kHeader =
    "name,manufacturer,standard,category,terminal,condenser,use,track,type,heating,"
    "construction,heating_capacity_kW,cooling_capacity_kW,HSPF,APF,COPh,COPdh,COP,COPc,EER,"
    "refrigerant,charge_kg,climate,design_load_kW,t_biv_C,tol_C,cd,p1_t_C,p1_capacity_kW,p1_cop,"
    "p2_t_C,p2_capacity_kW,p2_cop,p3_t_C,p3_capacity_kW,p3_cop,p4_t_C,p4_capacity_kW,p4_cop,"
    "p5_t_C,p5_capacity_kW,p5_cop,p6_t_C,p6_capacity_kW,p6_cop\n";

// A certification database's mix: every standard, a fifth of the rows EN 14825 bins.
std::string products_csv(int n) {
  std::string s = kHeader;
  const char* refrigerants[] = {"R32", "R290", "R410A", "R134a", "R454B"};
  for (int i = 0; i < n; ++i) {
    const double x = (i % 97) / 97.0;  // spreads the metrics over every grade
    const char* ref = refrigerants[i % 5];
    const double charge = 0.5 + (i % 13) * 0.25;
    switch (i % 5) {
      case 0:
        s += fmt::format(
            "P{},M,gb19577,low_ambient_ashp,floor,,,,,,,{},,{:.3f},,{:.2f},{:.2f},,,,{},{}"
            ",,,,,,,,,,,,,,,,,,,,,,,\n",
            i, 6 + i % 29, 2.6 + x * 1.2, 2.2 + x, 1.9 + x * 0.5, ref, charge);
        break;
      case 1:
        s += fmt::format(
            "P{},M,gb29541,water_heater,,,,,normal,once,,{},,,,,,{:.3f},,,{},{}"
            ",,,,,,,,,,,,,,,,,,,,,,,\n",
            i, 2 + i % 7, 3.5 + x * 1.3, ref, charge);
        break;
      case 2:
        s += fmt::format(
            "P{},M,gb21455,room_ac_heat_pump,,,,,,,split,,{},,{:.3f},,,,,,{},{}"
            ",,,,,,,,,,,,,,,,,,,,,,,\n",
            i, 2.5 + (i % 20) * 0.1, 3.2 + x * 2.0, ref, charge);
        break;
      case 3:
        s += fmt::format(
            "P{},M,gb21454,vrf,,,,,,,,,{},,{:.3f},,,,,{:.2f},{},{}"
            ",,,,,,,,,,,,,,,,,,,,,,,\n",
            i, 8 + i % 20, 3.4 + x * 2.2, 1.9 + x * 1.8, ref, charge);
        break;
      default: {
        const double k = 0.9 + x * 0.2;  // COPs around the Annex H unit's
        const double q = 1.0 + x * 0.2;  // capacities at or above its (Tbiv must hold)
        s += fmt::format(
            "P{},M,en14825,,,,,,,,,,,,,,,,,,{},{},average,11.46,-6,-10,0.9,-7,{:.3f},{:.3f},2,"
            "{:.3f},{:.3f},7,{:.3f},{:.3f},12,{:.3f},{:.3f},-10,{:.3f},{:.3f},-6,{:.3f},{:.3f}\n",
            i, ref, charge, 9.55 * q, 3.26 * k, 11.17 * q, 4.00 * k, 12.66 * q, 4.91 * k, 14.3 * q,
            5.5 * k, 7.8 * q, 2.6 * k, 9.7 * q, 3.3 * k);
      }
    }
  }
  return s;
}

struct Shared {
  core::DataStore data;
  StandardsLibrary lib = StandardsLibrary::load(data);
  fluids::GwpTable gwp = fluids::GwpTable::load(data);
};
const Shared& shared() {
  static const Shared s;
  return s;
}

// Parse the CSV, rate every product, keep the results: what `heatlift rate big.csv` does
// without the printing.
void Standards_RateCsv(benchmark::State& state) {
  const std::string csv = products_csv(static_cast<int>(state.range(0)));
  const Rater rater(shared().lib, shared().gwp);
  for (auto _ : state) {
    const auto products = parse_products_csv(csv, "bench.csv", shared().lib);
    std::size_t graded = 0;
    for (const auto& p : products) {
      for (const auto& r : rater.rate(p, std::nullopt, {})) graded += r.grade ? 1 : 0;
    }
    benchmark::DoNotOptimize(graded);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(Standards_RateCsv)->Arg(10000)->Unit(benchmark::kMillisecond);

// The EN 14825 bin method alone: the Annex H unit in the colder climate (38 bins).
void Standards_En14825(benchmark::State& state) {
  En14825Input in;
  in.climate = "colder";
  in.design_load = 11.46e3;
  in.t_biv = 273.15 - 6;
  in.tol = 273.15 - 10;
  in.cd = 0.9;
  const DeclaredPoints unit({{273.15 - 7, 9.55e3, 3.26, "A"},
                             {273.15 + 2, 11.17e3, 4.00, "B"},
                             {273.15 + 7, 12.66e3, 4.91, "C"},
                             {273.15 + 12, 14.3e3, 5.5, "D"},
                             {273.15 - 10, 7.8e3, 2.6, "E"},
                             {273.15 - 6, 9.7e3, 3.3, "F"}});
  for (auto _ : state) {
    const auto r = rate_en14825(shared().lib.en14825, in, unit);
    benchmark::DoNotOptimize(r.scop);
  }
}
BENCHMARK(Standards_En14825)->Unit(benchmark::kMicrosecond);

// Loading every standard's data (once per CLI run).
void Standards_LoadLibrary(benchmark::State& state) {
  for (auto _ : state) {
    const auto lib = StandardsLibrary::load(shared().data);
    benchmark::DoNotOptimize(lib.standards.data());
  }
}
BENCHMARK(Standards_LoadLibrary)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--write-csv") == 0) {
    std::ofstream(argv[2], std::ios::binary) << products_csv(std::stoi(argv[3]));
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
