// The retrofit diagnosis of a unit in service for more than ten years (action plan 2025 §四):
// from one heating season of its monitoring data, what each measure would save — electricity,
// money, CO2 — what it costs and how soon it pays back, ranked (docs/operations.md,
// "Retrofit diagnosis").
//
// Every saving is computed on the season's intervals that have an expected value
// (expected.hpp, status ok); the rest keep their measured electricity. Each measure is
// taken alone, against the unit as it runs (savings do not add up: a new unit makes the
// compressor measure moot). With P the measured, P_e the expected electric power of an
// interval at its measured conditions:
//   compressor, heat exchangers — the season's loss against expectation,
//     L = Σ (P − P_e)·dt when positive, split by its signature: a weighted least-squares
//     line of the interval residual r = COP/COP_e − 1 on the load ratio x = q/capacity
//     (weights q·dt), r ≈ a + b·x. Fouled heat exchangers add an approach temperature
//     proportional to the heat flux, so their penalty grows with load (b < 0); a worn
//     compressor (valve leakage, lower isentropic efficiency) loses about the same share at
//     every load (a < 0). Shares: max(0, −a) and max(0, −b·x̄) at the heat-weighted mean
//     load x̄; when neither is negative, all of L goes to the compressor.
//   controls and curve — the flow temperature brought down to the emitters' weather curve
//     (site::Compensation with the emitters' design supply, demand::emitter_design, at the
//     place's GB 50736 heating design temperature): P·P_e(curve)/P_e(measured) in intervals
//     whose flow was more than `curve_tolerance` above the curve (the unit's own deviation
//     from its map is kept);
//   emitters — the same with a design supply `supply_drop` lower (it includes the curve);
//     left out (with a note) where that would be within 5 K of the curve's lowest supply
//     (floor heating designed for 35 °C);
//   replacement — a current product's map scaled to the rated capacity, at the measured
//     conditions (its expected power, no degradation); its capital is the accounting
//     layer's capital_per_kw of the unit's type.
// Money: saving × electricity price. CO2: saving × grid factor of the season's year.
// Payback = capital / yearly saving; a measure saving less than 0.5 % of the season's
// electricity (within the meters' error) has none.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "heatlift/operations/expected.hpp"
#include "heatlift/operations/kpi.hpp"
#include "heatlift/operations/telemetry.hpp"

namespace heatlift::core {
class DataStore;
}

namespace heatlift::operations {

/// Costs and assumptions of the measures (data/operations/retrofit.toml).
struct RetrofitCosts {
  double compressor_per_W = 0.0;      ///< CNY/W of rated capacity
  double compressor_fixed = 0.0;      ///< CNY
  double heat_exchangers = 0.0;       ///< CNY
  double controls = 0.0;              ///< CNY
  double emitters_per_W = 0.0;        ///< CNY/W of rated capacity
  double curve_tolerance = 3.0;       ///< K above the curve left alone
  double emitter_supply_drop = 10.0;  ///< K lower design supply with new emitters
  std::string origin;                 ///< the file read
  /// Reads the file's text; errors name file, line, column and field.
  static RetrofitCosts parse(std::string_view text, const std::string& origin);
  /// data/operations/retrofit.toml of the data store.
  static RetrofitCosts load(const core::DataStore& data);
};

/// A current product a unit could be replaced with.
struct Candidate {
  std::string id;
  UnitModel model;  ///< scaled to the unit's rated capacity
};

struct RetrofitOptions {
  ExpectedOptions expected;
  double price = 0.0;                ///< CNY/J of electricity (> 0)
  double grid_factor = 0.0;          ///< kg CO2 per J of electricity (≥ 0)
  double design_outdoor = 0.0;       ///< K, heating design outdoor temperature of the place
  double capital_per_W = 0.0;        ///< CNY/W, a new unit of the unit's type installed
  double min_running_hours = 100.0;  ///< h of intervals with an expected value needed
};

struct Measure {
  std::string code;    ///< "compressor", "heat_exchangers", "controls", "emitters", "replacement"
  std::string detail;  ///< e.g. the replacement product's id, the curve's design supply
  double electricity_before = 0.0;  ///< J over the season
  double electricity_after = 0.0;   ///< J
  double saving = 0.0;              ///< J
  double saving_cny = 0.0;          ///< CNY over the season
  double co2 = 0.0;                 ///< kg CO2 saved over the season
  double capital = 0.0;             ///< CNY
  Metric payback;                   ///< years (the season taken as a year)
};

struct RetrofitResult {
  std::string unit;
  int age = 0;            ///< years in service at the season's end
  bool over_ten = false;  ///< in the action plan's "more than ten years"
  std::int64_t from = 0, to = 0;
  double running_hours = 0.0;     ///< h with an expected value
  double heat = 0.0;              ///< J delivered by the heat pump over the season
  double electricity = 0.0;       ///< J of the unit over the season
  Metric spf;                     ///< H1 over the season
  Metric residual;                ///< SPF against expected − 1
  double design_supply = 0.0;     ///< K, the emitters' curve at design (controls measure)
  std::vector<Measure> measures;  ///< ranked: shortest payback first, then largest saving
  std::vector<std::string> notes;
};

/// The diagnosis (see the top of this file). Throws InvalidInput for bad options, an
/// unknown emitter type (UnitMeta::emitters: "floor", "radiators", "radiators-low",
/// "fan-coils", or the demand layer's names), a unit without rated capacity or install year, or
/// fewer than `min_running_hours` of usable data (naming what is missing).
RetrofitResult diagnose_retrofit(const Series& season, const UnitMeta& unit, const UnitModel& model,
                                 const std::vector<Candidate>& candidates,
                                 const RetrofitCosts& costs, const RetrofitOptions& options);

nlohmann::json to_json(const RetrofitResult& result);

}  // namespace heatlift::operations
