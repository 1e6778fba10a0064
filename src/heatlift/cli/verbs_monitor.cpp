#include "heatlift/cli/verbs_monitor.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace heatlift::cli {
namespace {

struct Entry {
  const char* name;
  int order;
  MonitorSetup setup;
};
std::vector<Entry>& registry() {
  static std::vector<Entry> entries;
  return entries;
}

void setup(CLI::App& app, Context& ctx) {
  auto* monitor = app.add_subcommand(
      "monitor",
      "monitoring data of running heat pumps: ingest, KPIs (SPF H1-H4), faults against the "
      "expected performance, retrofit of old units, report");
  monitor->require_subcommand(1);
  auto entries = registry();
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.order < b.order; });
  for (const auto& entry : entries) entry.setup(*monitor, ctx);
}

const VerbRegistrar registrar{"monitor", 170, setup};

}  // namespace

MonitorVerbRegistrar::MonitorVerbRegistrar(const char* name, int order, MonitorSetup setup) {
  registry().push_back({name, order, setup});
}

void add_db_option(CLI::App& sub, std::string& url) {
  if (url.empty()) {
    const char* env = std::getenv("HEATLIFT_DB");
    url = env && *env ? env : "heatlift.db";
  }
  sub.add_option("--db", url,
                 "store: a SQLite file (default $HEATLIFT_DB, else heatlift.db here), "
                 "sqlite:PATH or postgresql://...")
      ->capture_default_str();
}

}  // namespace heatlift::cli
