// `heatlift monitor ingest FILE... [--units FILE] [--unit ID] [--tz +08:00] [--sentinel V]...
// [--db URL] [--format table|json]`: monitoring files (CSV, JSON lines) cleaned into the store,
// with what happened to every row: read, stored, dropped by reason, corrected by reason
// (docs/operations.md, "Ingest"). Exit 0 when rows were stored; 2 when a file is unusable (a
// bad header, no unit) or no row of any file could be stored — the batches stored before stay.
#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <memory>
#include <optional>

#include "heatlift/cli/verbs_monitor.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/operations/ingest.hpp"
#if defined(HEATLIFT_WITH_MQTT)
#include "heatlift/operations/mqtt.hpp"
#endif
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
  std::string interval;  // nominal interval of the rows ("1min"); default: inferred
  // Live data over MQTT (docs/operations.md, "MQTT"):
  std::string mqtt;  // mqtt://host:port/topic
  std::string client_id = "heatlift-ingest";
  std::int64_t max_messages = 0;
  std::string idle_exit;  // "30s"; default: never
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

#if defined(HEATLIFT_WITH_MQTT)
// SIGINT / SIGTERM end a subscriber cleanly: what it has handled is acknowledged and reported.
std::atomic<bool> g_mqtt_stop{false};
extern "C" void on_mqtt_stop_signal(int) {
  g_mqtt_stop.store(true);
}

// The subscriber's options, checked before anything is stored: bad input changes nothing.
op::MqttOptions mqtt_options(const IngestArgs& a, const op::IngestOptions& options) {
  op::MqttOptions m;
  m.url = a.mqtt;
  op::parse_mqtt_url(m.url);
  if (options.interval_s <= 0)
    throw InvalidInput(
        "monitor ingest --mqtt: give --interval (e.g. 1min): messages arrive one row at a time, "
        "so the rows' interval cannot be inferred before they are stored");
  m.client_id = a.client_id;
  m.max_messages = a.max_messages;
  if (!a.idle_exit.empty())
    m.idle_exit_s = core::parse_quantity(a.idle_exit, core::Dimension::time, "--idle-exit");
  return m;
}

void monitor_ingest_mqtt(Context& ctx, const IngestArgs& a, const op::MqttOptions& m,
                         const op::IngestOptions& options, op::Store& store,
                         std::size_t described) {
  struct sigaction on_stop {};
  on_stop.sa_handler = on_mqtt_stop_signal;
  sigemptyset(&on_stop.sa_mask);
  struct sigaction old_int {
  }, old_term{};
  g_mqtt_stop.store(false);
  sigaction(SIGINT, &on_stop, &old_int);
  sigaction(SIGTERM, &on_stop, &old_term);
  op::MqttIngestResult result;
  try {
    result = op::ingest_mqtt(store, m, options, g_mqtt_stop);
  } catch (...) {
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    throw;
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  const op::MqttStats& st = result.stats;
  if (ctx.format() == Format::json) {
    nlohmann::json doc = report_json(result.report);
    doc["subscriber"] = {{"messages", st.messages},
                         {"bad_messages", st.bad_messages},
                         {"reconnects", st.reconnects},
                         {"seconds", st.seconds},
                         {"stop_reason", st.stop_reason}};
    ctx.print_json({{"db", a.db}, {"units_described", described}, {"mqtt", doc}});
  } else {
    if (described > 0) ctx.out() << fmt::format("{}: {} units described\n", a.units, described);
    ctx.out() << fmt::format(
        "{} messages in {:.1f} s ({} not stored at all, {} reconnects), stopped: {}\n", st.messages,
        st.seconds, st.bad_messages, st.reconnects, st.stop_reason);
    print_report(ctx, result.report);
  }
}
#endif

void monitor_ingest(Context& ctx, const IngestArgs& a) {
  if (!a.mqtt.empty() && !a.files.empty())
    throw InvalidInput("monitor ingest: give monitoring files or --mqtt URL, not both");
  if (a.files.empty() && a.units.empty() && a.mqtt.empty())
    throw InvalidInput(
        "monitor ingest: give monitoring files (CSV, JSON lines), --units FILE, "
        "or both");
  op::IngestOptions options;
  options.unit = a.unit;
  options.tz_offset_s = op::parse_tz_offset(a.tz);
  if (!a.sentinels.empty()) options.sentinels = a.sentinels;
  if (!a.interval.empty()) {
    const double s = core::parse_quantity(a.interval, core::Dimension::time, "--interval");
    if (!(s >= 1.0 && s <= 86400.0))
      throw InvalidInput(
          fmt::format("--interval: value '{}': expected from 1 s to 24 h", a.interval));
    options.interval_s = static_cast<std::int32_t>(std::lround(s));
  }
#if defined(HEATLIFT_WITH_MQTT)
  std::optional<op::MqttOptions> mqtt;
  if (!a.mqtt.empty()) mqtt = mqtt_options(a, options);
#else
  if (!a.mqtt.empty())
    throw NotSupported(
        "monitor ingest --mqtt: this heatlift was built without MQTT (install libmosquitto-dev "
        "with scripts/bootstrap and build again)");
#endif
  // Read the units file before opening the store: a bad file changes nothing.
  std::vector<op::UnitMeta> units;
  if (!a.units.empty()) units = op::read_units_file(a.units);
  auto store = op::open_store(a.db);
  for (const auto& u : units) store->put_unit(u);
#if defined(HEATLIFT_WITH_MQTT)
  if (mqtt) return monitor_ingest_mqtt(ctx, a, *mqtt, options, *store, units.size());
#endif
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
  ingest->add_option("--interval", a->interval,
                     "nominal interval of the rows, e.g. 1min (default: the median spacing of "
                     "a unit's first rows; required with --mqtt)");
  ingest->add_option("--mqtt", a->mqtt,
                     "subscribe to mqtt://host[:port][/topic filter] (QoS 1, persistent session) "
                     "and store each message's rows (JSON) as they arrive");
  ingest
      ->add_option("--client-id", a->client_id,
                   "MQTT client id; the broker keeps what arrives while this id is away")
      ->capture_default_str();
  ingest->add_option("--max-messages", a->max_messages,
                     "with --mqtt: stop after this many messages (default: no limit)");
  ingest->add_option("--idle-exit", a->idle_exit,
                     "with --mqtt: stop after this long without a message, e.g. 30s "
                     "(default: never; Ctrl-C or SIGTERM stop it cleanly)");
  add_db_option(*ingest, a->db);
  ingest->callback([&ctx, a] { monitor_ingest(ctx, *a); });
}

const MonitorVerbRegistrar registrar{"ingest", 10, setup};

}  // namespace
}  // namespace heatlift::cli
