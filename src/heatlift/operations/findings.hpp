// Findings: what is wrong with a monitored unit, from its rows, its KPIs and its expected
// performance (docs/operations.md, "Findings", lists every rule, its threshold and where
// the threshold comes from). Each finding carries the numbers that triggered it, with
// their units, and a diagnosis and an action in Chinese and English from the catalogue
// data/i18n/findings.toml.
//
// Rules are evaluated per calendar month (local time, KpiOptions::utc_offset); the months
// a rule fires in are merged into one finding per unit and rule, whose period spans them
// and whose evidence is that of the worst month. The oversizing rule looks at the whole
// window (an energy signature needs many days) and degradation at the sequence of months.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "heatlift/operations/expected.hpp"
#include "heatlift/operations/telemetry.hpp"

namespace heatlift::core {
class DataStore;
}

namespace heatlift::operations {

enum class FindingCode : std::uint8_t {
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
inline constexpr std::size_t kFindingCodes = 10;
std::string_view to_string(FindingCode code);
/// The code of a name; std::nullopt if there is none.
std::optional<FindingCode> finding_code_from_string(std::string_view name);
const std::array<FindingCode, kFindingCodes>& all_finding_codes();

enum class Severity : std::uint8_t { info, warning, critical };
std::string_view to_string(Severity severity);

enum class Language : std::uint8_t { zh, en };
/// "zh" or "en"; throws InvalidInput naming `field`, the value and the choices.
Language language_from_string(std::string_view text, std::string_view field = "--lang");

/// A number behind a finding, in the unit people read it in ("min", "K", "%", "kWh").
struct Evidence {
  std::string name;  ///< key, also the {placeholder} of the catalogue's texts
  double value = 0.0;
  std::string unit;
};

struct Finding {
  FindingCode code = FindingCode::short_cycling;
  std::string unit;               ///< UnitMeta::id
  std::int64_t from = 0, to = 0;  ///< s since 1970 UTC: start of the first, end of the last row
  std::string period;             ///< "2025-01" or "2025-01 … 2025-03" (local time)
  Severity severity = Severity::warning;
  std::vector<Evidence> evidence;
  std::string emitters;  ///< the unit's emitters (a text the catalogue may quote)
  /// The value of evidence `name`; std::nullopt if the finding has none.
  std::optional<double> value(std::string_view name) const;
};

/// The catalogue data/i18n/findings.toml: per code a title, a diagnosis and an action, per
/// language. Throws InvalidInput at file:line when an entry lacks a text or a language.
class FindingCatalogue {
 public:
  static FindingCatalogue load(const core::DataStore& data);
  static FindingCatalogue parse(std::string_view text, std::string_view file);
  /// "title", "diagnosis" or "action" of `code`, placeholders filled from the evidence.
  std::string text(const Finding& finding, std::string_view part, Language lang) const;
  const std::string& severity(Severity severity, Language lang) const;
  /// A phrase of the [text] section ("text.no_findings"), {units} replaced by `units`.
  std::string phrase(std::string_view key, Language lang, std::size_t units) const;

 private:
  // key "finding.short_cycling.title" → {zh, en}
  std::map<std::string, std::array<std::string, 2>, std::less<>> text_;
};

/// Thresholds of the rules (docs/operations.md, "Findings", gives each one's source).
struct FindingOptions {
  // short cycling
  double min_on_cycle = 360.0;  ///< s: median complete on-cycle below this fires
  int min_cycles = 20;          ///< complete on-cycles a month needs
  /// starts per clock hour with a start, averaged over the month, above this fires
  double max_starts_per_hour = 4.0;
  // heating curve
  double curve_excess = 5.0;           ///< K, heat-weighted flow temperature above the curve
  double curve_t_room = 293.15;        ///< K, outdoor temperature where the curve meets its minimum
  double curve_t_supply_min = 298.15;  ///< K, the curve's lowest flow temperature
  // defrost
  double defrost_ratio = 2.0;       ///< measured / expected defrost share above this fires …
  double defrost_margin = 0.02;     ///< … and above expected + this (share of running time)
  double defrost_min_hours = 10.0;  ///< h running at ≤ +5 °C a month needs
  // back-up
  double backup_share = 0.05;  ///< avoidable back-up heat / all heat above this fires
  double full_speed = 0.95;    ///< compressor_hz ≥ this × the unit's top speed is "full"
  // ΔT
  double min_delta_t = 3.0;  ///< K at rated capacity (from the measured flow)
  // oversizing
  double oversize_ratio = 1.8;  ///< capacity at design / extrapolated design load
  int oversize_min_days = 20;   ///< heating days (daily mean ≤ 10 °C) the signature needs
  // meters
  double stuck_share = 0.8;       ///< share of a day's running rows stuck or zero
  int stuck_min_rows = 30;        ///< running rows a day needs
  double carnot_fraction = 0.75;  ///< heat-weighted COP / COP_Carnot above this is implausible
  double balance_high = 1.25;     ///< heat meter / (ρ·c_p·V̇·ΔT) above this: meter over-reads
  double balance_consistent = 0.12;  ///< |ratio − 1| within this: heat meter agrees
  double residual_high = 0.25;       ///< monthly COP residual above this: electricity under-read
  // degradation
  double degradation_k = 3.0;          ///< × the first season's month-to-month scatter …
  double degradation_min_drop = 0.04;  ///< … and at least this drop of the residual
  int degradation_months = 3;          ///< consecutive months below the threshold
  int baseline_min_months = 3;         ///< months of the first season the baseline needs
  // the window and the model
  ExpectedOptions expected;  ///< expected performance (and, in .kpi, running and local time)
};
/// Checks the fields; throws InvalidInput naming the field, value and expectation.
void validate(const FindingOptions& options);

/// What the rules know of a unit beyond its rows.
struct UnitContext {
  const UnitModel* model =
      nullptr;  ///< its performance map; rules that need it are skipped without
  std::optional<double> t_out_design;  ///< K, heating design outdoor temperature of its place
};

/// Rules that could not run for a unit, and why (no map, no flow meter, too few data …).
struct Skipped {
  FindingCode code;
  std::string reason;
};

struct Diagnosis {
  std::vector<Finding> findings;  ///< ordered by code
  std::vector<Skipped> skipped;
};

/// Runs every rule over the unit's rows. Throws InvalidInput for bad options.
Diagnosis diagnose(const Series& series, const UnitMeta& unit, const UnitContext& context,
                   const FindingOptions& options = {});

/// JSON of one finding: code, unit, period, from/to (ISO 8601 UTC), severity, evidence
/// [{name, value, unit}], and title/diagnosis/action in `lang`.
nlohmann::json to_json(const Finding& finding, const FindingCatalogue& catalogue, Language lang);

}  // namespace heatlift::operations
