// `heatlift monitor kpi [--unit ID|--all] [--from DATE] [--to DATE] [--period day|month|year]
// [--db URL] [--t-source T]`: the KPIs of stored units per calendar period (China Standard
// Time), each with the unit's expected SPF from its performance map and the residual
// measured / expected − 1; the monthly residuals' trend (docs/operations.md, "KPIs",
// "Expected performance and its validation").
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>

#include "heatlift/cli/verbs_monitor.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/expected.hpp"
#include "heatlift/operations/kpi.hpp"
#include "heatlift/operations/store.hpp"

namespace heatlift::cli {
namespace {

namespace op = operations;

struct KpiArgs {
  std::string unit;
  bool all = false;
  std::string from, to;
  std::string period = "month";
  std::string db;
  std::string t_source;
};

// "2025-01-15" (00:00 China time) or "2025-01-15T08:30" / "2025-01-15 08:30" (China time).
std::int64_t parse_time(const std::string& text, std::string_view option) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  const auto fail = [&]() -> std::int64_t {
    throw InvalidInput(fmt::format(
        "{} = '{}': expected a date YYYY-MM-DD or YYYY-MM-DDTHH:MM in China Standard Time", option,
        text));
  };
  const auto num = [&](std::size_t at, std::size_t len, int& out) {
    if (text.size() < at + len) return false;
    const auto [p, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc{} && p == text.data() + at + len;
  };
  if (!num(0, 4, y) || text.size() < 10 || text[4] != '-' || !num(5, 2, mo) || text[7] != '-' ||
      !num(8, 2, d)) {
    return fail();
  }
  if (text.size() > 10) {
    if (text.size() != 16 || (text[10] != 'T' && text[10] != ' ') || !num(11, 2, h) ||
        text[13] != ':' || !num(14, 2, mi) || h > 23 || mi > 59) {
      return fail();
    }
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(mo)},
                                        std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) return fail();
  const std::int64_t days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  return days * 86400 + h * 3600 + mi * 60 - 8 * 3600;
}

std::string num(const op::Metric& m, double factor = 1.0, int decimals = 2) {
  if (!m.value) return "-";
  return fmt::format("{:.{}f}", *m.value * factor, decimals);
}

// The expected-performance sums of the rows of one period.
struct PeriodExpected {
  double q = 0, e = 0, qe = 0, pe = 0;
  std::size_t ok = 0;
};

PeriodExpected sum_expected(const op::Series& s, const op::ExpectedResult& r, std::int64_t from,
                            std::int64_t to) {
  PeriodExpected p;
  const auto& st = r.intervals.status;
  const auto first = std::lower_bound(s.t.begin(), s.t.end(), from);
  for (auto i = static_cast<std::size_t>(first - s.t.begin()); i < s.size() && s.t[i] < to; ++i) {
    if (st[i] != op::ExpectedStatus::ok) continue;
    const double dt = s.dt[i];
    p.q += s[op::Channel::heat_hp][i] * dt;
    p.e += s[op::Channel::elec_unit][i] * dt;
    p.qe += r.intervals.heat[i] * dt;
    p.pe += r.intervals.power[i] * dt;
    ++p.ok;
  }
  return p;
}

op::Metric spf_expected(const PeriodExpected& p) {
  if (p.ok == 0) return op::Metric::none("no interval with an expected value");
  if (!(p.pe > 0.0) || !(p.qe > 0.0)) return op::Metric::none("no expected heat");
  return op::Metric::of(p.qe / p.pe);
}
op::Metric residual(const PeriodExpected& p) {
  if (p.ok == 0 || !(p.pe > 0.0) || !(p.qe > 0.0) || !(p.e > 0.0)) {
    return op::Metric::none("no interval with an expected value");
  }
  return op::Metric::of((p.q / p.e) / (p.qe / p.pe) - 1.0);
}

nlohmann::json metric_json(const op::Metric& m) {
  if (m.value) return {{"value", *m.value}};
  return {{"value", nullptr}, {"reason", m.reason}};
}

void monitor_kpi(Context& ctx, const KpiArgs& a) {
  if (a.all == !a.unit.empty()) {
    throw InvalidInput("monitor kpi: give either --unit ID or --all");
  }
  const op::Period period = op::period_from_string(a.period, "--period");
  const std::int64_t from = a.from.empty() ? INT64_MIN : parse_time(a.from, "--from");
  const std::int64_t to = a.to.empty() ? INT64_MAX : parse_time(a.to, "--to");
  if (from >= to) {
    throw InvalidInput(fmt::format("--from = '{}' is not before --to = '{}'", a.from, a.to));
  }
  op::ExpectedOptions eo;
  if (!a.t_source.empty()) {
    eo.t_source = core::parse_quantity(a.t_source, core::Dimension::temperature, "--t-source");
  }
  op::validate(eo);
  auto store = op::open_store(a.db);
  std::vector<std::string> ids;
  if (a.all) {
    ids = store->unit_ids();
  } else {
    if (!store->unit(a.unit)) {
      throw DataMissing(fmt::format("--unit = '{}': no such unit in {}", a.unit, a.db));
    }
    ids.push_back(a.unit);
  }
  std::unique_ptr<fluids::FluidLibrary> fl;
  std::unique_ptr<equipment::ProductLibrary> products;

  nlohmann::json units = nlohmann::json::array();
  Table table({"unit", "period", "rows", "run_h", "heat_kWh", "elec_kWh", "SPF_H1", "SPF_H2",
               "SPF_H3", "SPF_H4", "starts/run_h", "cycle_min", "defrost_%", "backup_%", "carnot_%",
               "standby_%", "SPF_expected", "residual_%"});
  std::vector<std::string> notes;
  for (const std::string& id : ids) {
    const op::UnitMeta unit = *store->unit(id);
    const op::Series s = store->read(id, from, to);
    const std::vector<op::Kpis> kpis = op::kpis_by_period(s, unit, period, eo.kpi);
    std::optional<op::ExpectedResult> expected;
    std::string why_not;
    try {
      if (!unit.product.empty() && !products) {
        fl = std::make_unique<fluids::FluidLibrary>(ctx.data());
        products = std::make_unique<equipment::ProductLibrary>(ctx.data(), *fl);
      }
      const op::UnitModel model = op::resolve_model(unit, products.get());
      expected = op::expected_performance(s, unit, model, eo);
    } catch (const Error& e) {
      why_not = e.what();
      notes.push_back(fmt::format("unit {}: no expected performance: {}", id, why_not));
    }
    nlohmann::json periods = nlohmann::json::array();
    for (const op::Kpis& k : kpis) {
      op::Metric exp_spf = op::Metric::none(why_not), res = op::Metric::none(why_not);
      if (expected) {
        const PeriodExpected pe = sum_expected(s, *expected, k.from, k.to);
        exp_spf = spf_expected(pe);
        res = residual(pe);
      }
      nlohmann::json j = op::to_json(k);
      j["spf_expected"] = metric_json(exp_spf);
      j["residual"] = metric_json(res);
      periods.push_back(j);
      std::array<std::string, 4> spf{"-", "-", "-", "-"};
      for (const op::SpfAt& x : k.spf) spf[static_cast<std::size_t>(x.boundary)] = num(x.spf);
      const double kwh = 1.0 / 3.6e6;
      table.add_row({id, k.period, fmt::format("{}", k.coverage.rows), num(k.running_hours, 1, 1),
                     num(k.heat_hp, kwh, 1), num(k.elec_unit, kwh, 1), spf[0], spf[1], spf[2],
                     spf[3], num(k.starts_per_running_hour), num(k.median_on_cycle, 1.0 / 60, 1),
                     num(k.defrost_share, 100, 1), num(k.backup_share, 100, 1),
                     num(k.carnot_fraction, 100, 1), num(k.standby_share, 100, 1), num(exp_spf),
                     num(res, 100, 1)});
    }
    nlohmann::json u = {{"id", id}, {"type", unit.type}, {"period", a.period}, {"kpis", periods}};
    if (expected) {
      u["expected"] = op::to_json(*expected);
      const auto& t = expected->trend;
      if (t.slope_per_year.value) {
        notes.push_back(fmt::format(
            "unit {}: residual trend {:+.1f} %/year ± {:.1f} (1 s.e., {} months); {} intervals "
            "outside the map, {} not measured",
            id, 100.0 * *t.slope_per_year.value, 100.0 * t.standard_error.value.value_or(0.0),
            t.months, expected->intervals.outside_map, expected->intervals.not_measured));
      } else {
        notes.push_back(fmt::format("unit {}: no residual trend: {}; {} intervals outside the map",
                                    id, t.slope_per_year.reason, expected->intervals.outside_map));
      }
    } else {
      u["expected"] = {{"value", nullptr}, {"reason", why_not}};
    }
    units.push_back(u);
  }
  if (ctx.format() == Format::json) {
    ctx.print_json({{"db", a.db}, {"units", units}});
    return;
  }
  table.print(ctx);
  if (ctx.format() == Format::table) {
    for (const std::string& n : notes) ctx.out() << n << '\n';
  } else {
    for (const std::string& n : notes) ctx.err() << "heatlift: " << n << '\n';
  }
}

void setup(CLI::App& monitor, Context& ctx) {
  auto* kpi = monitor.add_subcommand(
      "kpi",
      "KPIs per day, month or year (China time): SPF H1-H4, running hours, starts, cycles, "
      "defrost, back-up, % of Carnot, standby, coverage, and the residual against the "
      "expected performance");
  auto a = std::make_shared<KpiArgs>();
  kpi->add_option("--unit", a->unit, "one unit's id");
  kpi->add_flag("--all", a->all, "every unit in the store");
  kpi->add_option("--from", a->from, "first day, YYYY-MM-DD (or YYYY-MM-DDTHH:MM), China time");
  kpi->add_option("--to", a->to, "end (exclusive), YYYY-MM-DD, China time");
  kpi->add_option("--period", a->period, "day, month (default) or year")
      ->check(CLI::IsMember({"day", "month", "year"}));
  kpi->add_option("--t-source", a->t_source,
                  "source temperature of ground / water units, e.g. \"5 C\" (the telemetry has "
                  "none)");
  add_db_option(*kpi, a->db);
  kpi->callback([&ctx, a] { monitor_kpi(ctx, *a); });
}

const MonitorVerbRegistrar registrar{"kpi", 20, setup};

}  // namespace
}  // namespace heatlift::cli
