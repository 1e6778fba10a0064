// Expected performance of a monitored unit: for every interval, the COP and capacity the
// unit should reach at the measured source and flow temperatures and load, from its
// equipment::PerformanceMap; the residual measured / expected − 1; monthly residuals and
// their trend (docs/operations.md, "Expected performance and its validation").
//
// The map (resolve_model): UnitMeta::product names a shipped product (its map from
// equipment::ProductLibrary); else UnitMeta::map_file names a performance-map file
// (equipment/map_io.hpp, recognised by its "# heatlift performance map" / source_kind
// line) or a datasheet points file (equipment/datasheet_csv.hpp), fitted on the fly
// (equipment/datasheet_fit.hpp, linear model, quadratic when the points allow). The map is
// scaled to the unit: scale = rated_capacity / the map's capacity at its reference point
// (a product's rated capacity at its rating point; else full speed at A7/W35, B0/W35 or
// W10/W35 by source kind).
//
// Per running interval (KPI "running", kpi.hpp) with heat_hp, elec_unit, t_flow and a
// source temperature measured (air: t_outdoor; brine / water: ExpectedOptions::t_source,
// the telemetry carries no source temperature), at t_source and t_sink = t_flow:
//   1. the speed curve (PerformanceMap::slice) × scale; a point outside the map's grid or
//      next to an invalid node is counted (outside_map) and excluded, never clamped;
//   2. defrost (air units): with the defrost channel measured, its fraction f of the
//      interval is spent in reverse cycle, with the frosting factors of the EPRI /
//      EnergyPlus correlation (equipment/defrost.hpp: capacity 0.875, power 0.954 while
//      heating, heat taken back 0.01·(7.222 − θ_out)/1.01667 of capacity per unit defrost
//      time, power ratio DefrostModel::defrost_power_ratio) applied when θ_out ≤ 5 °C;
//      without it, equipment::defrost_factors at the measured t_outdoor and rh_outdoor
//      (rows without rh_outdoor are counted not_measured when θ_out ≤ 5 °C);
//   3. the load: the measured heat rate in heating time, q / (1 − f). At or above full
//      speed: full speed. Between the lowest speed (ExpectedOptions::min_part_load, or the
//      map's lowest part-load node if higher) and full: the speed that meets it, on the
//      map's piecewise-linear speed curve. Below: on/off cycling at the lowest speed with
//      capacity ratio CR = load / capacity_min and EN 14825's degradation,
//      P = P_min·(Cd·CR + 1 − Cd), i.e. COP = COP_min·CR / (Cd·CR + 1 − Cd) — the formula of
//      site/simulation.cpp (not exposed there, so written again here the same way).
//      A single-speed map always cycles below full capacity.
//      Rows shorter than an hour: a clock hour in which the unit ran only part of the covered
//      time (covered ≥ 90 % of the hour), at about its lowest speed (load ≤ 1.1 × its
//      capacity), is a cycling hour: its running rows' expected power is multiplied by
//      (Cd·CR + 1 − Cd) / CR, CR = running time / covered time — the EN 14825 loss spread
//      over the on-time, as site::simulate's hourly energy has it.
// The interval's expected heat is the heat at that point (equal to the measured heat
// unless the unit delivered more than full speed can) and its expected electricity the
// power there; expected COP = heat / power, residual = COP_measured / COP_expected − 1
// (only where both COPs are positive; defrost-dominated rows count in the sums only).
//
// Monthly (local time): residual = SPF_measured / SPF_expected − 1, each Σ heat / Σ
// electricity over the month's included intervals — so each interval weighs by its heat.
// Months with fewer than ExpectedOptions::min_month_hours running hours are listed but
// not used in the trend. Trend: ordinary least squares of monthly residual on time (years),
// slope per year and its standard error sqrt(s² / Σ(x − x̄)²), with at least 3 months.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "heatlift/equipment/defrost.hpp"
#include "heatlift/equipment/performance_map.hpp"
#include "heatlift/operations/kpi.hpp"
#include "heatlift/operations/telemetry.hpp"

namespace heatlift::equipment {
class ProductLibrary;
}

namespace heatlift::operations {

/// The unit's performance, as the map scaled to its size.
struct UnitModel {
  std::shared_ptr<const equipment::PerformanceMap> map;
  double scale = 1.0;               ///< multiplies the map's capacity and power
  double reference_capacity = 0.0;  ///< W, the unscaled map's capacity at its reference point
  std::string origin;  ///< "product evi-r32-10kw", "map file X", "datasheet X (fitted)"
};

/// A model from a map: scale = rated_capacity / reference_capacity, reference_capacity the
/// map's full-speed capacity at A7/W35, B0/W35 or W10/W35 (by its source kind) unless
/// given. rated_capacity ≤ 0 means scale 1. Throws InvalidInput when the reference point
/// lies outside the map or is invalid there.
UnitModel make_model(std::shared_ptr<const equipment::PerformanceMap> map, double rated_capacity,
                     std::string origin, std::optional<double> reference_capacity = {});

/// The model of `unit` (see the top of this file). `products` may be null when the unit
/// names no product; relative map_file paths are read relative to the current folder.
/// Throws InvalidInput when the unit names neither a product nor a map file, DataMissing
/// for an unknown product or a missing file, InvalidInput for a malformed one.
UnitModel resolve_model(const UnitMeta& unit, const equipment::ProductLibrary* products);

struct ExpectedOptions {
  double min_part_load = 0.3;  ///< lowest continuous speed, as site::HeatPumpSpec
  double cd = 0.9;             ///< EN 14825 degradation coefficient
  bool defrost = true;         ///< air source: include frosting and defrost
  equipment::DefrostModel defrost_model;
  std::optional<double> t_source;  ///< K, source temperature of brine / water units
  double min_month_hours = 24.0;   ///< running hours a month needs to enter the trend
  KpiOptions kpi;                  ///< running detection and local time
};
/// Checks the fields; throws InvalidInput naming the field, value and expectation.
void validate(const ExpectedOptions& options);

/// Why an interval has or has no expected value.
enum class ExpectedStatus : std::uint8_t {
  ok,            ///< expected values computed
  not_running,   ///< compressor off or unknown
  not_measured,  ///< heat_hp, elec_unit, t_flow, the source temperature (or rh) missing
  outside_map,   ///< the point lies outside the map's grid or next to an invalid node
};
std::string_view to_string(ExpectedStatus status);

/// Per row of the Series. Values are 0 where status != ok.
struct ExpectedSeries {
  std::vector<ExpectedStatus> status;
  std::vector<double> capacity;  ///< W, full-speed capacity there (with defrost)
  std::vector<double> heat;      ///< W, expected heat rate at the measured load
  std::vector<double> power;     ///< W, expected electric power at that load
  std::vector<double> cop;       ///< expected COP = heat / power
  std::vector<double> residual;  ///< COP_measured / COP_expected − 1 (0 where either ≤ 0)
  std::size_t ok = 0, not_running = 0, not_measured = 0, outside_map = 0;
  std::size_t cycling = 0;  ///< ok rows with the cycling loss (Cd) applied
};

struct MonthResidual {
  std::string month;  ///< "2025-01" (local time)
  std::int64_t from = 0;
  double running_hours = 0.0;  ///< h of included intervals
  double heat = 0.0;           ///< J measured over included intervals
  double spf_measured = 0.0;
  double spf_expected = 0.0;
  double residual = 0.0;  ///< spf_measured / spf_expected − 1
  bool in_trend = false;  ///< enough running hours
};

struct ResidualTrend {
  Metric slope_per_year;  ///< residual per year
  Metric standard_error;  ///< of the slope, per year
  std::size_t months = 0;
};

struct ExpectedResult {
  std::string origin;  ///< UnitModel::origin
  ExpectedSeries intervals;
  std::vector<MonthResidual> months;
  Metric spf_measured, spf_expected;  ///< over every included interval
  Metric residual;                    ///< spf_measured / spf_expected − 1
  ResidualTrend trend;
};

/// Expected performance of every interval and its aggregates. Throws InvalidInput for bad
/// options, a brine / water unit without ExpectedOptions::t_source, or a model without map.
ExpectedResult expected_performance(const Series& series, const UnitMeta& unit,
                                    const UnitModel& model, const ExpectedOptions& options = {});

/// The trend of the months with in_trend set (see the top of this file).
ResidualTrend residual_trend(std::span<const MonthResidual> months);

/// JSON of the aggregates (no per-row arrays): counts, months, SPFs, residual, trend.
nlohmann::json to_json(const ExpectedResult& result);

}  // namespace heatlift::operations
