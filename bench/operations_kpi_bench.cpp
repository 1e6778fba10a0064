// KPIs and expected performance of one unit-year of one-minute monitoring data (525,600 rows):
// the target is ≤ 0.2 s for the KPIs (issue 15).
#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>

#include "heatlift/equipment/carnot_map.hpp"
#include "heatlift/operations/expected.hpp"
#include "heatlift/operations/kpi.hpp"

namespace {

namespace op = heatlift::operations;
namespace eq = heatlift::equipment;

// A year of minutes: 20 minutes on and 10 off, a one-minute defrost every third cycle below
// 5 °C, outdoor temperature swinging over the year and the day, every channel measured.
const op::Series& year() {
  static const op::Series s = [] {
    op::Series out;
    const std::size_t n = 525'600;
    out.reserve(n);
    const double pi = std::acos(-1.0);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t r = out.add_row(1'704'038'400 + static_cast<std::int64_t>(i) * 60, 60);
      const double day = static_cast<double>(i) / 1440.0;
      const double t_out =
          273.15 + 10.0 - 15.0 * std::cos(2 * pi * day / 365.0) + 4.0 * std::sin(2 * pi * day);
      const bool on = i % 30 < 20;
      const bool defrost = on && t_out < 278.15 && i % 90 == 19;
      const double t_flow = 308.15 + 0.4 * std::max(0.0, 288.15 - t_out);
      const double q = on ? (defrost ? -800.0 : 6000.0) : 0.0;
      out[op::Channel::elec_unit][r] = on ? 6000.0 / (0.45 * t_flow / (t_flow - t_out + 10)) : 12.0;
      out[op::Channel::elec_source][r] = 0.0;
      out[op::Channel::elec_backup][r] = 0.0;
      out[op::Channel::elec_sink][r] = 60.0;
      out[op::Channel::heat_hp][r] = q;
      out[op::Channel::heat_backup][r] = 0.0;
      out[op::Channel::t_flow][r] = t_flow;
      out[op::Channel::t_return][r] = t_flow - 5.0;
      out[op::Channel::flow_rate][r] = 3e-4;
      out[op::Channel::t_outdoor][r] = t_out;
      out[op::Channel::rh_outdoor][r] = 0.7;
      out[op::Channel::compressor_hz][r] = on ? 50.0 : 0.0;
      out[op::Channel::defrost][r] = defrost ? 1.0 : 0.0;
      out[op::Channel::backup_on][r] = 0.0;
    }
    return out;
  }();
  return s;
}

op::UnitMeta unit() {
  op::UnitMeta u;
  u.id = "bench";
  u.type = "air-water";
  u.rated_capacity = 10'000.0;
  u.meters.elec_backup = true;
  u.meters.elec_sink = true;
  return u;
}

void BM_KpisUnitYear(benchmark::State& state) {
  const op::Series& s = year();
  const op::UnitMeta u = unit();
  for (auto _ : state) {
    op::Kpis k = op::compute_kpis(s, u);
    benchmark::DoNotOptimize(k);
  }
  state.counters["rows"] = static_cast<double>(s.size());
}
BENCHMARK(BM_KpisUnitYear)->Unit(benchmark::kMillisecond);

void BM_KpisUnitYearByMonth(benchmark::State& state) {
  const op::Series& s = year();
  const op::UnitMeta u = unit();
  for (auto _ : state) {
    auto k = op::kpis_by_period(s, u, op::Period::month);
    benchmark::DoNotOptimize(k);
  }
}
BENCHMARK(BM_KpisUnitYearByMonth)->Unit(benchmark::kMillisecond);

void BM_ExpectedUnitYear(benchmark::State& state) {
  const op::Series& s = year();
  const op::UnitMeta u = unit();
  eq::MapAxes axes{{248.15, 258.15, 266.15, 271.15, 275.15, 280.15, 285.15, 293.15, 303.15},
                   {298.15, 308.15, 318.15, 328.15, 338.15},
                   {0.3, 0.5, 0.75, 1.0}};
  const auto map = std::make_shared<const eq::PerformanceMap>(
      eq::carnot_fraction_map(eq::CarnotMapSpec::defaults(eq::SourceKind::air, 1e4), axes));
  const op::UnitModel m = op::make_model(map, u.rated_capacity, "carnot");
  for (auto _ : state) {
    op::ExpectedResult r = op::expected_performance(s, u, m);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ExpectedUnitYear)->Unit(benchmark::kMillisecond);

}  // namespace
