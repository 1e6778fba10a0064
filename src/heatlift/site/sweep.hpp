// Site sweeps: one site file evaluated with some of its keys set to other values, each
// variant on its own (so any partition of the variants — threads, or the machines of a Dask
// cluster — gives the same figures bit for bit). `heatlift site sweep` and heatlift.site.sweep
// run the variants and read their figures here.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "heatlift/core/config.hpp"
#include "heatlift/site/site_case.hpp"

namespace heatlift::site {

/// One figure of a variant: none (not computed: no tariff, no baseline), a whole number, a
/// number or a text (a payback that never comes is the text "never").
using SweepFigure = std::variant<std::monostate, long long, double, std::string>;

enum class SweepKind { number, count, text };

/// A figure the sweep reports for each variant: its name with its unit, how it is read from
/// the run, and whether it belongs to a unit that cools (none for one that only heats).
struct SweepColumn {
  std::string_view name;
  SweepKind kind;
  SweepFigure (*of)(const SiteOutcome&);
  bool cooling;
};

/// capacity_kw, heat_kwh (delivered: by the heat pump, from its condensers in cooling hours
/// and by the back-up), electricity_kwh (heating and cooling), spf_h2, spf_h4,
/// backup_share, peak_electric_kw, unmet_hours, co2_t, energy_cost_cny, lcoh_cny_per_kwh,
/// cooling_kwh, cooling_electricity_kwh, seer_system, cooling_cost_cny (the four cooling
/// columns: none unless the unit cools), baseline (the first baseline's id), co2_saving_t,
/// payback_years: the columns of heatlift.site.sweep, in order.
std::span<const SweepColumn> sweep_columns();
/// The columns of the heat pump alone: sweep_columns() without the first baseline's three.
std::span<const SweepColumn> site_columns();

/// The heat pump against one baseline of a variant: the baseline's id, and the CO2 saving
/// (t/a), the cost saving (CNY/a) and the payback (years or "never") against it.
struct SweepBaseline {
  std::string id;
  SweepFigure co2_saving_t;
  SweepFigure saving_cny;
  SweepFigure payback_years;
};
/// Every baseline of a run, in the file's order.
std::vector<SweepBaseline> sweep_baselines(const SiteOutcome& o);

/// Checks a value of a declared key (`heatlift params site`) before any variant runs; throws
/// InvalidInput "setting 'KEY' = VALUE: ...". Keys of no declared block are left to the
/// reader in each variant.
void check_sweep_value(std::string_view key, std::string_view value);

struct SweepVariant {
  std::vector<std::string> values;       ///< one per key, written as in the file ("12 kW", Harbin)
  std::vector<SweepFigure> figures;      ///< one per sweep column; empty when the variant failed
  std::vector<SweepBaseline> baselines;  ///< every baseline, in the file's order
  std::string error;                     ///< why it failed
  bool ok() const { return !figures.empty(); }
};

/// Runs every variant: `doc` with keys[k] set to values[k], read against `base` (relative
/// map files) and evaluated, on `threads` threads (0: all cores). A variant that fails with a
/// heatlift::Error keeps its message and the others go on; any other exception ends the
/// sweep and is rethrown.
void run_sweep(const core::ConfigDocument& doc, const std::vector<std::string>& keys,
               std::vector<SweepVariant>& variants, const SiteLibraries& lib,
               const std::filesystem::path& base, unsigned threads);

}  // namespace heatlift::site
