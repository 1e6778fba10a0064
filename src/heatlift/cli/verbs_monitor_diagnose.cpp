// `heatlift monitor diagnose`: the findings of stored units — short cycling, a curve too high,
// excessive defrost, back-up overuse, low ΔT, oversizing, meter faults and degradation —
// each with its evidence and a diagnosis in Chinese or English (operations/findings.hpp).
#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <string>

#include "heatlift/cli/verbs_monitor.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/findings.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/operations/synthetic.hpp"
#include "heatlift/report/monitor_json.hpp"

namespace heatlift::cli {
namespace {

using namespace operations;

struct DiagnoseArgs {
  std::string db;
  std::vector<std::string> units;
  bool all = false;
  std::string from, to;
  std::string lang = "zh";
};

std::string evidence_text(const Finding& f) {
  std::string s;
  for (const Evidence& e : f.evidence) {
    if (e.name == "months_flagged" || e.name == "threshold") continue;
    s += fmt::format("{}{} {:.3g}{}{}", s.empty() ? "" : ", ", e.name, e.value,
                     e.unit == "1" ? "" : " ", e.unit == "1" ? "" : e.unit);
  }
  return s;
}

void run_diagnose(Context& ctx, const DiagnoseArgs& a) {
  const Language lang = language_from_string(a.lang, "--lang");
  const FindingCatalogue catalogue = FindingCatalogue::load(ctx.data());
  const auto [from, to] = parse_window(a.from, a.to);
  auto store = open_store(a.db);
  std::vector<std::string> ids = a.units;
  if (a.all || ids.empty()) ids = store->unit_ids();
  if (ids.empty()) throw InvalidInput(fmt::format("store '{}' holds no units", a.db));

  const fluids::FluidLibrary fl(ctx.data());
  const equipment::ProductLibrary products(ctx.data(), fl);
  std::vector<Finding> findings;
  nlohmann::json units = nlohmann::json::array();
  for (const std::string& id : ids) {
    const auto meta = store->unit(id);
    if (!meta) throw InvalidInput(fmt::format("--unit '{}': no such unit in store '{}'", id, a.db));
    const Series rows = store->read(id, from, to);
    const report::UnitFindings uf = report::unit_findings(rows, *meta, ctx.data(), products);
    const Diagnosis& d = uf.diagnosis;
    units.push_back(report::unit_findings_json(uf, *meta, rows.size(), catalogue, lang));
    findings.insert(findings.end(), d.findings.begin(), d.findings.end());
  }

  if (ctx.format() == Format::json) {
    ctx.print_json({{"lang", a.lang}, {"units", units}});
    return;
  }
  Table t({"unit", "finding", "period", "severity", "evidence"});
  for (const Finding& f : findings) {
    t.add_row({f.unit, catalogue.text(f, "title", lang), f.period,
               catalogue.severity(f.severity, lang), evidence_text(f)});
  }
  t.print(ctx);
  if (ctx.format() == Format::table) {
    auto& out = ctx.out();
    for (const Finding& f : findings) {
      out << fmt::format("\n{} · {}\n  {}\n  → {}\n", f.unit, catalogue.text(f, "title", lang),
                         catalogue.text(f, "diagnosis", lang), catalogue.text(f, "action", lang));
    }
    if (findings.empty()) out << catalogue.phrase("text.no_findings", lang, ids.size()) << "\n";
  }
}

void setup(CLI::App& monitor, Context& ctx) {
  auto a = std::make_shared<DiagnoseArgs>();
  auto* sub = monitor.add_subcommand(
      "diagnose",
      "findings of stored units: short cycling, heating curve too high, excessive defrost, "
      "back-up overuse, low ΔT, oversizing, meter faults, degradation — with evidence and a "
      "diagnosis in zh or en");
  add_db_option(*sub, a->db);
  sub->add_option("--unit", a->units, "unit id (repeatable; default: every unit)");
  sub->add_flag("--all", a->all, "every unit of the store");
  sub->add_option("--from", a->from, kFromHelp);
  sub->add_option("--to", a->to, kToHelp);
  sub->add_option("--lang", a->lang, "language of the diagnoses: zh or en")->capture_default_str();
  sub->callback([&ctx, a] { run_diagnose(ctx, *a); });
}

const MonitorVerbRegistrar registrar("diagnose", 30, setup);

}  // namespace
}  // namespace heatlift::cli
