#include "heatlift/cli/verbs_monitor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <vector>

#include "heatlift/core/error.hpp"
#include "heatlift/operations/synthetic.hpp"

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

// "2025-01-15" or "2025-01-15T08:30" / "2025-01-15 08:30" in China time; `with_time` tells
// which was written.
std::int64_t parse_time(const std::string& text, std::string_view option, bool& with_time) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  const auto num = [&](std::size_t at, std::size_t len, int& out) {
    if (text.size() < at + len) return false;
    const auto [p, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc{} && p == text.data() + at + len;
  };
  bool ok = num(0, 4, y) && text.size() >= 10 && text[4] == '-' && num(5, 2, mo) &&
            text[7] == '-' && num(8, 2, d) &&
            std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{unsigned(mo)},
                                        std::chrono::day{unsigned(d)}}
                .ok();
  with_time = text.size() > 10;
  if (ok && with_time)
    ok = text.size() == 16 && (text[10] == 'T' || text[10] == ' ') && num(11, 2, h) &&
         text[13] == ':' && num(14, 2, mi) && h <= 23 && mi <= 59;
  if (!ok)
    throw InvalidInput(fmt::format(
        "{} = '{}': expected a date YYYY-MM-DD or YYYY-MM-DDTHH:MM in China Standard Time", option,
        text));
  return operations::china_midnight(y, mo, d) + h * 3600 + mi * 60;
}

}  // namespace

Window parse_window(const std::string& from, const std::string& to) {
  Window w;
  bool with_time = false;
  if (!from.empty()) w.from = parse_time(from, "--from", with_time);
  if (!to.empty()) {
    w.to = parse_time(to, "--to", with_time);
    if (!with_time) w.to += 86400;  // the last day, included
  }
  if (w.from >= w.to)
    throw InvalidInput(fmt::format("--from = '{}' is not before the end of --to = '{}'", from, to));
  return w;
}

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
