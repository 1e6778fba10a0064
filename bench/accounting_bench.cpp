// Accounting benchmarks: a time-of-use tariff with tiers and a heating season over 8760 hours
// (called once per site run and per design variant), the grid path lookup, and loading the
// shipped defaults.
#include <benchmark/benchmark.h>

#include <vector>

#include "heatlift/accounting/accounting_io.hpp"
#include "heatlift/accounting/carbon.hpp"
#include "heatlift/accounting/tariff.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/units.hpp"

namespace {

using namespace heatlift;

accounting::Tariff zhejiang_with_season() {
  accounting::Tariff t;
  t.name = "bench";
  t.plan.periods = {{"peak", 0.568 / 3.6e6}, {"valley", 0.288 / 3.6e6}};
  for (int h = 0; h < 24; ++h) t.plan.period_of_hour[h] = (h >= 8 && h < 22) ? 0 : 1;
  accounting::HeatingSeason hs;
  hs.first_day = accounting::day_of_year("11-15");
  hs.last_day = accounting::day_of_year("03-15");
  hs.plan = t.plan;
  hs.plan.periods[1].price = 0.2 / 3.6e6;
  t.heating_season = hs;
  t.tier_limits_J = {2760 * 3.6e6, 4800 * 3.6e6};
  t.tier_surcharges = {0.05 / 3.6e6, 0.30 / 3.6e6};
  return t;
}

void Accounting_TariffYear(benchmark::State& state) {
  const accounting::Tariff t = zhejiang_with_season();
  std::vector<double> e(accounting::kHoursPerYear);
  for (std::size_t h = 0; h < e.size(); ++h)
    e[h] = (1.0 + 0.5 * static_cast<double>(h % 24) / 24.0) * 3.6e6;
  for (auto _ : state) {
    accounting::TariffResult r = accounting::evaluate(t, e);
    benchmark::DoNotOptimize(r.cost_cny);
  }
}
BENCHMARK(Accounting_TariffYear)->Unit(benchmark::kMicrosecond);

void Accounting_GridPath(benchmark::State& state) {
  accounting::GridSpec s;
  s.area = "north";
  s.path = "cns";
  const accounting::GridFactor g = accounting::GridFactor::from_spec(s, core::DataStore());
  int y = 2025;
  for (auto _ : state) {
    benchmark::DoNotOptimize(g.at(y));
    y = y == 2060 ? 2025 : y + 1;
  }
}
BENCHMARK(Accounting_GridPath);

void Accounting_LoadDefaults(benchmark::State& state) {
  const core::DataStore data;
  for (auto _ : state) {
    accounting::FuelRegistry r = accounting::FuelRegistry::load(data);
    benchmark::DoNotOptimize(r.fuels().data());
  }
}
BENCHMARK(Accounting_LoadDefaults)->Unit(benchmark::kMicrosecond);

}  // namespace
