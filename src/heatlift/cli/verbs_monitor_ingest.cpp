// `heatlift monitor ingest FILE... [--units FILE] [--unit ID] [--tz +08:00] [--sentinel V]...
// [--db URL] [--format table|json]`: monitoring files (CSV, JSON lines) cleaned into the store,
// with what happened to every row: read, stored, dropped by reason, corrected by reason
// (docs/operations.md, "Ingest"). Exit 0 when rows were stored; 2 when a file is unusable (a
// bad header, no unit) or no row of any file could be stored — the batches stored before stay.
#include <fmt/format.h>

#include <memory>

#include "heatlift/cli/verbs_monitor.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/operations/ingest.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/operations/units_io.hpp"

namespace heatlift::cli {
namespace {

namespace op = operations;

struct IngestArgs {
  std::vector<std::string> files;
  std::string units;
  std::string unit;
  std::string tz = "+08:00";
  std::vector<double> sentinels;
  std::string db;
};

nlohmann::json report_json(const op::IngestReport& r) {
  return {{"source", r.source},           {"rows_read", r.rows_read},
          {"rows_stored", r.rows_stored}, {"rows_dropped", r.rows_dropped},
          {"dropped", r.dropped},         {"corrected", r.corrected},
          {"examples", r.examples}};
}

void print_report(Context& ctx, const op::IngestReport& r) {
  auto& out = ctx.out();
  out << fmt::format("{}: {} rows read, {} stored, {} dropped\n", r.source, r.rows_read,
                     r.rows_stored, r.rows_dropped);
  if (!r.dropped.empty() || !r.corrected.empty()) {
    Table t({"what", "reason", "rows"});
    for (const auto& [reason, n] : r.dropped) t.add_row({"dropped", reason, std::to_string(n)});
    for (const auto& [reason, n] : r.corrected) t.add_row({"corrected", reason, std::to_string(n)});
    t.print(out);
  }
  if (!r.examples.empty()) {
    out << "first problems:\n";
    for (const auto& e : r.examples) out << "  " << e << '\n';
  }
}

void monitor_ingest(Context& ctx, const IngestArgs& a) {
  if (a.files.empty() && a.units.empty())
    throw InvalidInput(
        "monitor ingest: give monitoring files (CSV, JSON lines), --units FILE, "
        "or both");
  op::IngestOptions options;
  options.unit = a.unit;
  options.tz_offset_s = op::parse_tz_offset(a.tz);
  if (!a.sentinels.empty()) options.sentinels = a.sentinels;
  // Read the units file before opening the store: a bad file changes nothing.
  std::vector<op::UnitMeta> units;
  if (!a.units.empty()) units = op::read_units_file(a.units);
  auto store = op::open_store(a.db);
  for (const auto& u : units) store->put_unit(u);
  std::vector<op::IngestReport> reports;
  std::int64_t stored = 0, read = 0;
  for (const auto& file : a.files) {
    reports.push_back(op::ingest_file(file, *store, options));
    stored += reports.back().rows_stored;
    read += reports.back().rows_read;
  }
  if (ctx.format() == Format::json) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& r : reports) files.push_back(report_json(r));
    ctx.print_json({{"db", a.db}, {"units_described", units.size()}, {"files", files}});
  } else {
    if (!units.empty()) ctx.out() << fmt::format("{}: {} units described\n", a.units, units.size());
    for (const auto& r : reports) print_report(ctx, r);
  }
  if (!a.files.empty() && stored == 0)
    throw InvalidInput(
        fmt::format("monitor ingest: none of the {} rows read could be stored "
                    "(see the reasons above)",
                    read));
}

void setup(CLI::App& monitor, Context& ctx) {
  auto* ingest = monitor.add_subcommand(
      "ingest",
      "read monitoring files (CSV or JSON lines: UTF-8 or GBK, °C/°F, W/kW, kWh per interval or "
      "meter registers) into the store, cleaning sentinels, duplicates, out-of-order rows, gaps "
      "and clock jumps; every dropped or corrected row is counted");
  auto a = std::make_shared<IngestArgs>();
  ingest->add_option("files", a->files, "CSV or JSON-lines files (.jsonl)");
  ingest->add_option("--units", a->units, "units file (TOML, [[unit]] tables) to store first");
  ingest->add_option("--unit", a->unit, "unit id of rows without a unit column");
  ingest
      ->add_option("--tz", a->tz,
                   "offset of times written without one (default +08:00, "
                   "China Standard Time)")
      ->capture_default_str();
  ingest->add_option("--sentinel", a->sentinels,
                     "a value that means \"not measured\" (repeatable; default -9999 -999 9999 "
                     "-99999 99999)");
  add_db_option(*ingest, a->db);
  ingest->callback([&ctx, a] { monitor_ingest(ctx, *a); });
}

const MonitorVerbRegistrar registrar{"ingest", 10, setup};

}  // namespace
}  // namespace heatlift::cli
