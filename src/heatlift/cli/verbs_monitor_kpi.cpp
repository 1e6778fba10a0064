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
#include "heatlift/report/monitor_json.hpp"

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

std::string num(const op::Metric& m, double factor = 1.0, int decimals = 2) {
  if (!m.value) return "-";
  return fmt::format("{:.{}f}", *m.value * factor, decimals);
}

void monitor_kpi(Context& ctx, const KpiArgs& a) {
  if (a.all == !a.unit.empty()) {
    throw InvalidInput("monitor kpi: give either --unit ID or --all");
  }
  const op::Period period = op::period_from_string(a.period, "--period");
  const auto [from, to] = parse_window(a.from, a.to);
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
    if (!unit.product.empty() && !products) {
      fl = std::make_unique<fluids::FluidLibrary>(ctx.data());
      products = std::make_unique<equipment::ProductLibrary>(ctx.data(), *fl);
    }
    const report::UnitKpis k = report::unit_kpis(s, unit, period, eo, products.get());
    for (std::size_t i = 0; i < k.kpis.size(); ++i) {
      const op::Kpis& p = k.kpis[i];
      std::array<std::string, 4> spf{"-", "-", "-", "-"};
      for (const op::SpfAt& x : p.spf) spf[static_cast<std::size_t>(x.boundary)] = num(x.spf);
      const double kwh = 1.0 / 3.6e6;
      table.add_row({id, p.period, fmt::format("{}", p.coverage.rows), num(p.running_hours, 1, 1),
                     num(p.heat_hp, kwh, 1), num(p.elec_unit, kwh, 1), spf[0], spf[1], spf[2],
                     spf[3], num(p.starts_per_running_hour), num(p.median_on_cycle, 1.0 / 60, 1),
                     num(p.defrost_share, 100, 1), num(p.backup_share, 100, 1),
                     num(p.carnot_fraction, 100, 1), num(p.standby_share, 100, 1),
                     num(k.spf_expected[i]), num(k.residual[i], 100, 1)});
    }
    notes.push_back(report::expected_note(k, unit));
    units.push_back(report::unit_kpis_json(k, unit, a.period));
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
  kpi->add_option("--from", a->from, kFromHelp);
  kpi->add_option("--to", a->to, kToHelp);
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
