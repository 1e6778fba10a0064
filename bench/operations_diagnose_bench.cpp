// Diagnosis of a 10,000-unit fleet's day (target: ≤ 10 s). One "day" of a unit is 1,440
// one-minute rows with all 14 channels (China-time midnight to midnight); its diagnosis runs
// every rule of operations/findings.hpp, including the expected COP of every running row from
// the unit's performance map (expected_performance) and the frosting model per cold row.
//
// The data are generated in memory: 20 synthetic units (10 healthy, one per fault, three
// northern stations) give 5 January days each, 100 distinct unit-days (20 MB); the fleet of
// 10,000 is those 100 unit-days diagnosed 100 times each (each diagnosis starts from its
// rows; nothing is cached between units but the units' maps, as `heatlift monitor diagnose`
// resolves each product's map once).
#include <benchmark/benchmark.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/findings.hpp"
#include "heatlift/operations/synthetic.hpp"
#include "heatlift/site/site_case.hpp"

namespace {

using namespace heatlift;
using namespace heatlift::operations;

struct UnitDay {
  UnitMeta meta;
  Series rows;
  std::shared_ptr<UnitModel> model;
  double t_out_design = 0;
};

// The rows of `s` with day ≤ t < day + 86400.
Series slice(const Series& s, std::int64_t day) {
  Series out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.t[i] < day || s.t[i] >= day + 86400) continue;
    const std::size_t r = out.add_row(s.t[i], s.dt[i], s.flags[i]);
    for (std::size_t c = 0; c < kChannels; ++c) out.values[c][r] = s.values[c][i];
  }
  return out;
}

const std::vector<UnitDay>& unit_days() {
  static const std::vector<UnitDay> days = [] {
    static const core::DataStore data;
    static const fluids::FluidLibrary fluids(data);
    static const equipment::ProductLibrary products(data, fluids);
    static const site::SiteLibraries lib(data, products);
    SyntheticOptions o;
    o.healthy = 10;
    o.per_fault = 1;
    o.seasons = 2;
    o.interval = 60;
    o.stations = {"Beijing", "Shijiazhuang", "Zhengzhou"};
    const SyntheticFleet fleet(lib, o);
    std::vector<UnitDay> out;
    for (std::size_t i = 0; i < fleet.size(); ++i) {
      const SyntheticUnit u = fleet.generate(i);
      auto model = std::make_shared<UnitModel>(resolve_model(u.meta, &products));
      for (int d : {3, 9, 15, 21, 27}) {
        UnitDay x;
        x.meta = u.meta;
        x.rows = slice(u.series, china_midnight(2025, 1, d));
        x.model = model;
        x.t_out_design = u.t_out_design;
        out.push_back(std::move(x));
      }
    }
    return out;
  }();
  return days;
}

void BM_DiagnoseFleetDay(benchmark::State& state) {
  const std::vector<UnitDay>& days = unit_days();
  const std::size_t units = static_cast<std::size_t>(state.range(0));
  std::size_t findings = 0, rows = 0;
  for (auto _ : state) {
    findings = 0;
    rows = 0;
    for (std::size_t k = 0; k < units; ++k) {
      const UnitDay& u = days[k % days.size()];
      UnitContext ctx;
      ctx.model = u.model.get();
      ctx.t_out_design = u.t_out_design;
      const Diagnosis d = diagnose(u.rows, u.meta, ctx);
      findings += d.findings.size();
      rows += u.rows.size();
      benchmark::DoNotOptimize(d);
    }
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["us_per_unit"] =
      benchmark::Counter(static_cast<double>(units), benchmark::Counter::kIsIterationInvariantRate |
                                                         benchmark::Counter::kInvert);
}
BENCHMARK(BM_DiagnoseFleetDay)->Arg(10000)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_DiagnoseFleetDay)->Arg(100)->Unit(benchmark::kMillisecond);

}  // namespace
