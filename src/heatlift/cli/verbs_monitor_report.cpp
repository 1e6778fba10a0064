// `heatlift monitor report [--unit ID ...|--all] [--from DATE] [--to DATE] [--lang zh|en]
// [--db URL] --out DIR`: DIR/report.html for stored units — what each unit is, its key
// figures, its findings and charts of its data against its expected performance
// (report/monitor_report.hpp, docs/operations.md "Report").
#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/cli/verbs_monitor.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/expected.hpp"
#include "heatlift/operations/findings.hpp"
#include "heatlift/operations/kpi.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/operations/synthetic.hpp"
#include "heatlift/report/messages.hpp"
#include "heatlift/report/monitor_json.hpp"
#include "heatlift/report/monitor_report.hpp"

namespace heatlift::cli {
namespace {

namespace op = operations;

struct ReportArgs {
  std::vector<std::string> units;
  bool all = false;
  std::string from, to;
  std::string lang = "zh";
  std::string db;
  std::string t_source;
  int max_units = 50;
};

std::string spf_text(const op::Kpis& k) {
  for (const op::SpfAt& s : k.spf) {
    if (s.boundary == op::Boundary::h1 && s.spf.value)
      return fmt::format("{:.2f}", s.spf.value.value_or(0.0));
  }
  return "-";
}

// "short_cycling,curve_too_high" for the summary table.
std::string finding_codes(const report::UnitFindings& uf) {
  std::string codes;
  for (const op::Finding& f : uf.diagnosis.findings) {
    if (!codes.empty()) codes += ",";
    codes += op::to_string(f.code);
  }
  return codes;
}

// The units of the page: --unit or every unit, at most --max-units, each in the store.
std::vector<std::string> report_units(op::Store& store, const ReportArgs& a) {
  std::vector<std::string> ids = a.units;
  if (ids.empty()) ids = store.unit_ids();
  if (ids.empty()) throw InvalidInput(fmt::format("--db = '{}': the store holds no units", a.db));
  // Each unit adds its hourly means and COP points (100–300 kB) to one page: a fleet's
  // page would not open. Its figures are monitor kpi's and monitor diagnose's business.
  if (a.max_units < 1) {
    throw InvalidInput(fmt::format("--max-units = {}: expected at least 1", a.max_units));
  }
  if (ids.size() > static_cast<std::size_t>(a.max_units)) {
    throw InvalidInput(fmt::format(
        "monitor report: {} units asked for, a page holds at most --max-units = {}; choose "
        "units with --unit, or use monitor kpi / monitor diagnose for a fleet",
        ids.size(), a.max_units));
  }
  for (const std::string& id : ids) {
    if (!store.unit(id)) {
      throw DataMissing(fmt::format("--unit = '{}': no such unit in {}", id, a.db));
    }
  }
  return ids;
}

void monitor_report(Context& ctx, const ReportArgs& a) {
  if (a.all && !a.units.empty()) {
    throw InvalidInput("monitor report: give either --unit ID (repeatable) or --all, not both");
  }
  const report::Lang lang = report::parse_lang(a.lang);
  const op::Language findings_lang = lang == report::Lang::zh ? op::Language::zh : op::Language::en;
  const auto dir = ctx.require_out_dir("monitor report");
  const auto [from, to] = parse_window(a.from, a.to);
  op::FindingOptions fo;
  if (!a.t_source.empty()) {
    fo.expected.t_source =
        core::parse_quantity(a.t_source, core::Dimension::temperature, "--t-source");
  }
  op::validate(fo);

  auto store = op::open_store(a.db);
  const std::vector<std::string> ids = report_units(*store, a);

  const report::Messages messages = report::Messages::load(ctx.data(), lang);
  const op::FindingCatalogue catalogue = op::FindingCatalogue::load(ctx.data());
  const fluids::FluidLibrary fl(ctx.data());
  const equipment::ProductLibrary products(ctx.data(), fl);

  nlohmann::json units = nlohmann::json::array();
  nlohmann::json summary = nlohmann::json::array();
  Table table({"unit", "rows", "run_h", "SPF_H1", "residual_%", "findings"});
  std::vector<std::string> notes;
  for (const std::string& id : ids) {
    const op::UnitMeta meta = *store->unit(id);
    const op::Series series = store->read(id, from, to);
    if (series.empty()) {
      notes.push_back(fmt::format("unit {}: no data in the period; left out", id));
      continue;
    }
    const op::Kpis kpis = op::compute_kpis(series, meta, fo.expected.kpi);
    const std::vector<op::Kpis> monthly =
        op::kpis_by_period(series, meta, op::Period::month, fo.expected.kpi);

    report::MonitorUnitInput in;
    in.meta = &meta;
    in.series = &series;
    in.kpis = &kpis;
    in.monthly = &monthly;
    in.utc_offset = fo.expected.kpi.utc_offset;
    std::optional<op::UnitModel> model;
    std::optional<op::ExpectedResult> expected;
    try {
      model = op::resolve_model(meta, &products);
      expected = op::expected_performance(series, meta, *model, fo.expected);
      in.model_origin = model->origin;
      in.expected = &*expected;
    } catch (const Error& e) {
      in.expected_reason = e.what();
      notes.push_back(fmt::format("unit {}: no expected performance: {}", id, e.what()));
    }

    // The findings exactly as `heatlift monitor diagnose` gives them.
    const report::UnitFindings uf = report::unit_findings(series, meta, ctx.data(), products, fo);
    const nlohmann::json fj =
        report::unit_findings_json(uf, meta, series.size(), catalogue, findings_lang);
    in.findings = fj.at("findings");
    in.findings_skipped = fj.at("skipped");
    const std::string codes = finding_codes(uf);
    nlohmann::json u = report::monitor_unit_json(in);
    const auto& res = u["expected"]["residual"];
    table.add_row(
        {id, fmt::format("{}", series.size()),
         kpis.running_hours.value ? fmt::format("{:.0f}", kpis.running_hours.value.value_or(0.0))
                                  : "-",
         spf_text(kpis), res.is_number() ? fmt::format("{:+.1f}", 100.0 * res.get<double>()) : "-",
         codes.empty() ? "-" : codes});
    summary.push_back({{"unit", id},
                       {"rows", series.size()},
                       {"kpis", u["kpis"]},
                       {"expected", u["expected"]},
                       {"findings", in.findings}});
    units.push_back(std::move(u));
  }
  if (units.empty()) {
    throw InvalidInput(
        fmt::format("monitor report: no unit has data between --from '{}' and "
                    "--to '{}'",
                    a.from, a.to));
  }

  nlohmann::json page = {{"units", std::move(units)}};
  if (!a.from.empty()) page["from"] = a.from;
  if (!a.to.empty()) page["to"] = a.to;
  const auto path = dir / "report.html";
  ctx.write_file(path, report::monitor_html(page, messages));

  if (ctx.format() == Format::json) {
    ctx.print_json({{"db", a.db}, {"report", path.string()}, {"units", summary}});
  } else {
    table.print(ctx);
  }
  for (const std::string& n : notes) ctx.err() << "heatlift: note: " << n << '\n';
  ctx.err() << fmt::format("monitor report: wrote {}\n", path.string());
}

void setup(CLI::App& monitor, Context& ctx) {
  auto a = std::make_shared<ReportArgs>();
  auto* sub = monitor.add_subcommand(
      "report",
      "report.html in --out DIR: per unit its facts, SPF H1-H4, cycling, defrost, back-up, "
      "% of Carnot, the residual against its expected performance and its trend, the "
      "findings, and charts of its data");
  sub->add_option("--unit", a->units, "unit id (repeatable; default: every unit)");
  sub->add_flag("--all", a->all, "every unit in the store");
  sub->add_option("--from", a->from, kFromHelp);
  sub->add_option("--to", a->to, kToHelp);
  sub->add_option("--lang", a->lang, "language of report.html: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
  sub->add_option("--t-source", a->t_source,
                  "source temperature of ground / water units, e.g. \"5 C\" (the telemetry has "
                  "none)");
  sub->add_option("--max-units", a->max_units, "most units one page holds")->capture_default_str();
  add_db_option(*sub, a->db);
  sub->callback([&ctx, a] { monitor_report(ctx, *a); });
}

const MonitorVerbRegistrar registrar{"report", 50, setup};

}  // namespace
}  // namespace heatlift::cli
