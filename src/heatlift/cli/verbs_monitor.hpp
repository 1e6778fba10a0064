// `heatlift monitor`: monitoring data of running heat pumps (the operations layer). Each
// sub-verb (ingest, kpi, diagnose, retrofit, report) lives in its own file
// verbs_monitor_<name>.cpp and registers itself here, as the verbs do with VerbRegistrar.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

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

}  // namespace heatlift::cli
