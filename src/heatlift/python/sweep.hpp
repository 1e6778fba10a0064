// Site sweeps: one site file evaluated with some of its keys set to other values, each
// variant independently (so any partition of the variants, on threads or on the machines
// of a Dask cluster, gives the same figures bit for bit).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "heatlift/python/session.hpp"
#include "heatlift/python/table.hpp"

namespace heatlift::python {

struct SweepRequest {
  std::string text;                ///< the site file (TOML)
  std::string origin;              ///< its name in messages
  std::filesystem::path base_dir;  ///< resolves its relative paths (map files)
  std::vector<std::string> keys;   ///< dotted keys varied, e.g. "heat_pump.capacity"
  /// One entry per variant: a value per key, written as in the file ("12 kW", 0.05, Harbin).
  std::vector<std::vector<std::string>> variants;
};

/// Checks every value of a declared key (`heatlift params site`) before any variant runs;
/// throws InvalidInput "setting 'KEY' = VALUE: ..." as `heatlift site sweep` does.
void check_sweep(const SweepRequest& request);

/// The figures of every variant in order: a column per key (the values as given), then
/// capacity_kw, heat_kwh, electricity_kwh, spf_h2, spf_h4, backup_share, peak_electric_kw,
/// unmet_hours, co2_t, energy_cost_cny, lcoh_cny_per_kwh, baseline, co2_saving_t,
/// payback_years (the columns of `heatlift site sweep`) and error (None, or why the
/// variant failed; its figures are then NaN). `threads` 0: all cores.
Table run_sweep(const Session& session, const SweepRequest& request, unsigned threads);

}  // namespace heatlift::python
