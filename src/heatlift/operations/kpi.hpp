// Key performance indicators of a monitored unit, computed from its Series and UnitMeta
// (docs/operations.md, "KPIs"). Every number is finite; a KPI that the data cannot give is
// absent (Metric without a value) and says why, never NaN and never a 0 that pretends.
//
// "Running" (the compressor is on) in a row:
//   - compressor_hz > 0 where compressor_hz is measured in that row;
//   - otherwise elec_unit > standby_threshold, the larger of
//     KpiOptions::standby_fraction × rated_capacity (2 % by default: 200 W for a 10 kW
//     unit, above a controller and crankcase heater, below any compressor at its lowest
//     speed) and KpiOptions::standby_floor (50 W); with no rated capacity, the floor;
//   - neither measured: unknown (the row counts in coverage, not in running time).
//
// Periods (day, month, year) are calendar periods in China Standard Time (UTC+8 by
// default, KpiOptions::utc_offset); a period holds the rows whose interval starts in it.
//
// Energies are Σ power × dt over the rows where the channel is measured. An SPF at a
// SEPEMO boundary (telemetry.hpp) is computed only over rows where every channel that
// boundary needs is measured, so a gap in one meter cannot inflate it; `heat` and
// `electricity` of SpfAt are the sums over exactly those rows.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "heatlift/operations/telemetry.hpp"

namespace heatlift::operations {

/// A KPI's value, or the reason there is none.
struct Metric {
  std::optional<double> value;
  std::string reason;  ///< empty when there is a value

  static Metric of(double v) { return Metric{v, {}}; }
  static Metric none(std::string why) { return Metric{std::nullopt, std::move(why)}; }
  bool has_value() const { return value.has_value(); }
  double operator*() const { return *value; }
};

struct KpiOptions {
  std::int64_t utc_offset = 8 * 3600;  ///< s, local time of the periods (China: UTC+8)
  double standby_fraction = 0.02;      ///< running threshold on elec_unit / rated_capacity
  double standby_floor = 50.0;         ///< W, lowest running threshold on elec_unit
};
/// Checks the fields; throws InvalidInput naming the field, value and expectation.
void validate(const KpiOptions& options);

enum class Period : std::uint8_t { day, month, year, all };
std::string_view to_string(Period period);  ///< "day", "month", "year", "all"
/// "day", "month", "year" or "all"; throws InvalidInput naming `field` otherwise.
Period period_from_string(std::string_view text, std::string_view field = "period");
/// Start (UTC s) of the local-time period containing t; INT64_MIN for Period::all.
std::int64_t period_start(std::int64_t t, Period period, std::int64_t utc_offset = 8 * 3600);
/// Start (UTC s) of the next period; INT64_MAX for Period::all.
std::int64_t period_end(std::int64_t t, Period period, std::int64_t utc_offset = 8 * 3600);
/// "2025-01-15", "2025-01", "2025" or "all" for the period containing t (local time).
std::string period_label(std::int64_t t, Period period, std::int64_t utc_offset = 8 * 3600);

/// A histogram: bin i covers [lower[i], lower[i+1]), the last bin [lower.back(), ∞).
struct Histogram {
  std::vector<double> lower;   ///< lower edges, increasing
  std::vector<double> weight;  ///< per bin (count or hours, as documented at the field)
};

/// What the rows hold.
struct Coverage {
  std::int64_t rows = 0;
  double seconds = 0.0;                           ///< Σ dt
  std::array<std::int64_t, kChannels> missing{};  ///< rows without a value, per channel
  std::int64_t flagged = 0;                       ///< rows with any Flag bit
  std::int64_t running_unknown = 0;  ///< rows where neither compressor_hz nor elec_unit tell
};

/// Seasonal performance at one SEPEMO boundary.
struct SpfAt {
  Boundary boundary = Boundary::h1;
  Metric spf;
  double heat = 0.0;         ///< J, numerator over the rows used
  double electricity = 0.0;  ///< J, denominator over the rows used
  std::int64_t rows = 0;     ///< rows used
};

/// The KPIs of one period (or of all rows).
struct Kpis {
  std::string period;             ///< period_label of its start, or "all"
  std::int64_t from = 0, to = 0;  ///< UTC s: first row's start, last row's end
  Coverage coverage;
  std::string running_basis;  ///< "compressor_hz", "elec_unit > N W", or a mix of both

  // Energies, J.
  Metric heat_hp, heat_backup, elec_unit, elec_source, elec_backup, elec_sink;
  /// One entry per boundary UnitMeta::boundaries() allows.
  std::vector<SpfAt> spf;

  Metric running_hours;            ///< h
  Metric starts;                   ///< off → on transitions after a contiguous off row
  Metric starts_per_running_hour;  ///< 1/h
  Metric starts_per_hour;          ///< 1/h of covered time
  Metric median_on_cycle;          ///< s, of complete on-cycles (start and stop seen)
  /// Complete on-cycles by length, minutes: 0, 5, 10, 20, 30, 60, 120, 240; counts.
  Histogram on_cycles;

  /// Defrost time / running time.
  Metric defrost_share;
  /// Defrost's cost, estimated as: heat not delivered = Σ over rows with defrost fraction
  /// f > 0 of (q_ref − q)·dt, q_ref the heat rate of the last running row without defrost
  /// (within an hour before; else the row is left out), q the row's measured heat rate;
  /// electricity = Σ f·elec_unit·dt. defrost_loss = heat not delivered / (heat delivered
  /// while running + heat not delivered): the share of heat defrost cost.
  Metric defrost_heat_loss;    ///< J
  Metric defrost_electricity;  ///< J
  Metric defrost_loss;         ///< 1

  Metric backup_share;  ///< Q_bu / (Q_hp + Q_bu)
  /// heat_hp / rated_capacity of running rows in bins 0, 0.1, …, 1.2; running hours.
  Histogram part_load;
  /// Σ Q·(COP / COP_Carnot) / Σ Q over running rows, COP_Carnot = T_flow/(T_flow − T_source),
  /// T_source the outdoor air (air-water units only: the telemetry has no brine or well
  /// temperature); rows with T_flow − T_source < 5 K are left out.
  Metric carnot_fraction;
  /// elec_unit while not running / elec_unit in total.
  Metric standby_share;
  Metric mean_standby_power;  ///< W, elec_unit averaged over not-running time
};

/// COP of each interval where the unit ran and heat_hp and elec_unit are measured and
/// elec_unit > 0 (`row` indexes the Series). Defrost rows keep their (possibly negative)
/// COP.
struct IntervalCop {
  std::vector<std::size_t> row;
  std::vector<double> cop;
};
IntervalCop interval_cop(const Series& series, const UnitMeta& unit,
                         const KpiOptions& options = {});

/// Per row: 1 running, 0 not running, 2 unknown (see the top of this file).
std::vector<std::uint8_t> running_state(const Series& series, const UnitMeta& unit,
                                        const KpiOptions& options = {});
/// The elec_unit threshold used when compressor_hz is not measured, W.
double standby_threshold(const UnitMeta& unit, const KpiOptions& options = {});

/// KPIs over all rows (period "all").
Kpis compute_kpis(const Series& series, const UnitMeta& unit, const KpiOptions& options = {});
/// KPIs per calendar period (local time), in time order, one entry per period with rows.
std::vector<Kpis> kpis_by_period(const Series& series, const UnitMeta& unit, Period period,
                                 const KpiOptions& options = {});

/// JSON of the KPIs: energies in kWh, times in h, shares as fractions; an absent KPI is
/// {"value": null, "reason": "..."}.
nlohmann::json to_json(const Kpis& kpis);

}  // namespace heatlift::operations
