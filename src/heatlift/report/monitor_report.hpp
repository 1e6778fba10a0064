// report.html of `heatlift monitor report`: one self-contained page (no external resources)
// for one or more monitored units — what each unit is, its key figures, its findings and
// charts of its data against its expected performance (docs/operations.md, "Report").
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "heatlift/operations/expected.hpp"
#include "heatlift/operations/kpi.hpp"
#include "heatlift/operations/telemetry.hpp"
#include "heatlift/report/html.hpp"
#include "heatlift/report/messages.hpp"

namespace heatlift::report {

/// What is known of one unit for its part of the page. `meta`, `series` and `kpis` are
/// required; `monthly` (KPIs per month) and `expected` may be null.
struct MonitorUnitInput {
  const operations::UnitMeta* meta = nullptr;
  const operations::Series* series = nullptr;
  const operations::Kpis* kpis = nullptr;                  ///< over the whole window
  const std::vector<operations::Kpis>* monthly = nullptr;  ///< per calendar month
  const operations::ExpectedResult* expected = nullptr;
  std::string model_origin;     ///< UnitModel::origin, or empty
  std::string expected_reason;  ///< why there is no expected performance, or empty
  /// to_json(Finding, …) of each finding, in the page's language.
  nlohmann::json findings = nlohmann::json::array();
  std::string findings_reason;  ///< why no findings were evaluated, or empty
  /// Rules that could not run: [{code, reason}].
  nlohmann::json findings_skipped = nlohmann::json::array();
  std::size_t max_scatter_points = 5000;  ///< COP-against-temperature points kept
  std::int64_t utc_offset = 8 * 3600;     ///< s, local time of the labels (China)
};

/// The unit's part of the page data, everything in the units people read (kWh, kW, °C, h,
/// shares as fractions), at the precision a chart can show:
///   "unit": id, type, refrigerant, capacity_kw, place, emitters, install_year, age_years
///     (at the end of the data), model (origin);
///   "window": from, to (ISO 8601 UTC), first_day, last_day (local time), rows;
///   "kpis": spf [{boundary, value|null, reason}], running_hours, starts,
///     starts_per_running_hour, starts_per_hour, median_on_cycle_min, defrost_share,
///     backup_share, carnot_fraction, standby_share, heat_kwh, electricity_kwh;
///   "expected": spf_measured, spf_expected, residual, trend_per_year, trend_se_per_year,
///     trend_months, outside_map, reason;
///   "hourly": t0 (UTC s of the first hour), h (hour offsets from t0), heat_kw, elec_kw,
///     t_flow_c, t_out_c — means of the rows of each clock hour (minute data downsampled
///     here so the page stays small), null where a channel had no value that hour;
///   "cop": t_out_c, cop, cop_expected — running intervals, evenly thinned to at most
///     max_scatter_points;
///   "monthly": month, spf_h1 (KPI), spf_measured, spf_expected (expected performance's
///     months), residual;
///   "on_cycles": lower_min, count; "part_load": lower, hours;
///   "findings", "findings_skipped": as given; "findings_reason".
/// Numbers that the data cannot give are null. Throws InternalError when a required
/// pointer is null.
nlohmann::json monitor_unit_json(const MonitorUnitInput& input);

/// The page for the units in `data`: {"title"?: text, "from"?, "to"?: "YYYY-MM-DD",
/// "units": [monitor_unit_json(...), …]}. Any number may be null and any part absent: the
/// page then shows a dash or leaves the part out.
///
/// The header (units, window), an overview table when there is more than one unit, and
/// per unit its facts (type, refrigerant, rated capacity, place, age, model origin), key
/// figures (SPF at each boundary, running hours, starts per hour, defrost share, back-up
/// share, % of Carnot, residual against expectation and its trend) and findings table
/// (code, severity, period, evidence, diagnosis) are written here, escaped; the script
/// monitor.js draws into the containers marked data-chart: hourly time series, COP against
/// outdoor temperature measured and expected, monthly SPF measured and expected, on-cycle
/// lengths and part-load hours — up to five per unit — and sets <html data-rendered="N">
/// once all N are drawn.
///
/// Throws InternalError when `data` is not a JSON object.
std::string monitor_html(const nlohmann::json& data, const Messages& messages);

}  // namespace heatlift::report
