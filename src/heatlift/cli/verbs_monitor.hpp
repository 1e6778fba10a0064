// `heatlift monitor`: monitoring data of running heat pumps (the operations layer). Each
// sub-verb (ingest, kpi, diagnose, retrofit, report) lives in its own file
// verbs_monitor_<name>.cpp and registers itself here, as the verbs do with VerbRegistrar.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "heatlift/cli/app.hpp"

namespace heatlift::cli {

/// A monitor sub-verb's set-up: adds its subcommand to `monitor` and sets its callback.
using MonitorSetup = void (*)(CLI::App& monitor, Context& ctx);

/// Registers a monitor sub-verb at static-initialisation time; `order` sorts --help.
struct MonitorVerbRegistrar {
  MonitorVerbRegistrar(const char* name, int order, MonitorSetup setup);
};

/// Adds `--db URL` to `sub`: a SQLite file path (default: $HEATLIFT_DB, else heatlift.db in
/// the current folder), "sqlite:PATH" or "postgresql://…".
void add_db_option(CLI::App& sub, std::string& url);

/// The time window of `--from` and `--to`, as UTC seconds [from, to): each a China Standard
/// Time date "2025-01-15" or date and time "2025-01-15T08:30" (or with a space). A date in
/// --to is the last day, included; a time in --to is the end, excluded. An option not given
/// leaves its side open (INT64_MIN, INT64_MAX). Throws InvalidInput naming the option and
/// value, or when from is not before to.
struct Window {
  std::int64_t from = INT64_MIN;
  std::int64_t to = INT64_MAX;
};
Window parse_window(const std::string& from, const std::string& to);

/// Help texts of --from and --to, the same for every monitor verb.
inline constexpr const char* kFromHelp =
    "first day, YYYY-MM-DD (or YYYY-MM-DDTHH:MM), China time (default: the first row)";
inline constexpr const char* kToHelp =
    "last day, YYYY-MM-DD, included (or an end YYYY-MM-DDTHH:MM, excluded), China time "
    "(default: the last row)";

}  // namespace heatlift::cli
