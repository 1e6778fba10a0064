// A synthetic monitored fleet with known faults: the ground truth the findings rules are
// measured against (docs/operations.md, "Findings"), and a demo data set for the verbs.
//
// Each unit is a shipped air-source product sized for a building at a Chinese station and
// simulated hour by hour by the site layer (site::plan, site::simulate) over the station's
// typical year, once per heating season with that season's weather offset and demand
// factor (normal year-to-year variation: outdoor temperature + N(0, 1 K), demand × N(1,
// 4 %)). The hours of each season (1 November to 31 March) are expanded into rows of
// `interval` seconds:
//   - modulating / full-speed hours: the compressor runs the whole hour at the hour's speed
//     (compressor_hz = 20 Hz + 70 Hz × part load);
//   - cycling hours: on/off cycles whose on-time fraction is the hour's capacity ratio, the
//     cycle rate of the thermostat model N = 4·N_max·x·(1 − x) cycles per hour (x the
//     on-fraction; ASHRAE / NEMA cycling-rate model) and a minimum on-time (the controller's
//     anti-short-cycle timer) — healthy controls: N_max 2–3 per hour, minimum on-time
//     8–12 min;
//   - defrost of air units: reverse-cycle events of 5 min, spaced so that the share of running
//     time in defrost equals the EPRI / EnergyPlus defrost time fraction at the hour's
//     outdoor temperature and humidity (equipment/defrost.hpp); a defrost row takes heat back
//     (−20 % of the heating rate) at the running power;
//   - back-up heat and power as the site simulation gives them;
//   - flow temperature = the hour's supply temperature (weather-compensated), return = flow −
//     Q / (ρ·c_p·V̇), the pump's flow V̇ fixed by a design ΔT at rated capacity (healthy: the
//     emitter's design ΔT × 0.8…1.2), the pump running whenever there is load;
//   - measurement noise (seeded, deterministic): power and heat ±1.5 % (1σ), temperatures
//     ±0.1 K, flow ±1 %.
// Energies per hour are kept: the rows of an hour sum to the hour's heat and electricity
// (within the noise), except where a fault changes them.
//
// Faults (one per faulty unit, present from `from` to the end of the data; severities drawn
// uniformly from the ranges below, so the rules are measured over mild and severe cases):
//   short_cycling      anti-short-cycle timer lost: N_max 6–12 per hour, minimum on-time 1–3 min
//   curve_too_high     weather-compensation curve raised by 6–15 K above the emitters' need
//   excessive_defrost  defrost 2–4× as often as frost requires, and a timer defrost every
//                      40–90 min of running below +3 °C even in dry air; the hour's heat is
//                      still delivered, the extra defrost time paid for in electricity
//   backup_overuse     the back-up heater switches on below −2…+6 °C outdoors and takes
//                      20–60 % of the load from a heat pump that could have carried it
//   low_delta_t        circuit pump set for a ΔT of 1–2.8 K at rated capacity (flow too high)
//   oversized          sized for 2–3× the design load instead of 0.85–1.15×
//   meter_heat_stuck   the heat meter freezes at its last value or at zero (half each) from a
//                      date in the second season on
//   meter_heat_high    the heat meter over-reads by a factor 1.8–3 (wrong pulse constant):
//                      COP at or above Carnot
//   meter_elec_missing the electricity meter misses a component: reads 45–75 % of the power
//   degradation        COP falls linearly from the second season's start by 8–20 % at the
//                      end of the last season (power up for the same heat)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/operations/telemetry.hpp"

namespace heatlift::site {
class SiteLibraries;
}

namespace heatlift::operations {

enum class FaultKind : std::uint8_t {
  short_cycling,
  curve_too_high,
  excessive_defrost,
  backup_overuse,
  low_delta_t,
  oversized,
  meter_heat_stuck,
  meter_heat_high,
  meter_elec_missing,
  degradation,
};
inline constexpr std::size_t kFaultKinds = 10;
std::string_view to_string(FaultKind kind);
/// The kind of a name ("short_cycling" ...); throws InvalidInput naming `field` otherwise.
FaultKind fault_kind_from_string(std::string_view name, std::string_view field = "fault");
const std::array<FaultKind, kFaultKinds>& all_fault_kinds();

/// An injected fault: the ground truth.
struct InjectedFault {
  std::string unit;
  FaultKind kind = FaultKind::short_cycling;
  std::int64_t from = 0;  ///< s since 1970 UTC, first affected row
  std::int64_t to = 0;    ///< s, end of the data
  double severity = 0.0;  ///< in the fault's own terms (`detail` says which)
  std::string detail;     ///< e.g. "curve +9.3 K", "heat meter × 2.1"
};

/// One unit of the synthetic fleet, before it is generated.
struct SyntheticUnitSpec {
  std::string id;
  std::string station;      ///< climate library city
  std::string product;      ///< shipped air-source product
  std::string archetype;    ///< demand archetype
  std::string era;          ///< its code era
  double floor_area = 0.0;  ///< m²
  std::string emitter;      ///< demand::Emitter name
  double cover = 1.0;       ///< capacity at design / design load
  std::optional<FaultKind> fault;
  double severity = 0.0;  ///< fault severity (see the top of the file), drawn in [0, 1]
  std::uint64_t seed = 0;
};

struct SyntheticOptions {
  std::vector<std::string> stations = {"Beijing",   "Tianjin", "Shijiazhuang", "Jinan",
                                       "Zhengzhou", "Xi'an",   "Taiyuan"};
  std::vector<std::string> products = {"evi-r32-10kw", "r290-monobloc-8kw"};
  int healthy = 20;               ///< healthy units
  int per_fault = 10;             ///< units per fault kind
  std::vector<FaultKind> faults;  ///< kinds to inject; empty = every kind
  int seasons = 3;                ///< heating seasons (≥ 2)
  int first_year = 2023;          ///< the first season starts on 1 November of this year
  int interval = 60;              ///< s, row interval (10 … 3600, dividing 3600)
  std::uint64_t seed = 20261206;
};
/// Checks the fields; throws InvalidInput naming the field, value and expectation.
void validate(const SyntheticOptions& options);

struct SyntheticUnit {
  UnitMeta meta;
  Series series;
  std::vector<InjectedFault> faults;  ///< empty for a healthy unit
  double t_out_design = 0.0;          ///< K, the station's heating design temperature
};

/// The fleet: specs are drawn at construction; each unit's data is generated on demand (a
/// year of 1-minute rows is ~30 MB, so a caller walks the fleet one unit at a time).
/// Deterministic: the same options give the same rows, in any order of calls and on any
/// number of threads (generate is const and thread-safe).
class SyntheticFleet {
 public:
  SyntheticFleet(const site::SiteLibraries& lib, SyntheticOptions options);
  const SyntheticOptions& options() const { return options_; }
  const std::vector<SyntheticUnitSpec>& specs() const { return specs_; }
  std::size_t size() const { return specs_.size(); }
  /// Simulates and expands unit i. Throws InvalidInput / DataMissing from the layers below
  /// naming the unit.
  SyntheticUnit generate(std::size_t i) const;
  /// The ground truth of unit i without generating its rows.
  std::vector<InjectedFault> faults(std::size_t i) const;

 private:
  const site::SiteLibraries* lib_;
  SyntheticOptions options_;
  std::vector<SyntheticUnitSpec> specs_;
};

/// s since 1970-01-01 UTC of local midnight (UTC+8) starting the calendar day y-m-d.
std::int64_t china_midnight(int year, int month, int day);

}  // namespace heatlift::operations
