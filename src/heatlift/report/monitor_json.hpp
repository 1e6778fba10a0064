// One monitored unit as the command line's monitor verbs and heatlift.monitor give it:
// - its KPIs per period with its expected SPF and residual (`heatlift monitor kpi --format
//   json`): the KPIs of operations::to_json, the expected SPF from the unit's performance map
//   over the period's intervals, the residual measured / expected − 1, and the expected
//   performance's aggregates and trend (docs/operations.md, "KPIs", "Expected performance");
// - its findings: the rules run with what the unit's model and place tell them
//   (docs/operations.md, "Findings").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "heatlift/operations/expected.hpp"
#include "heatlift/operations/findings.hpp"
#include "heatlift/operations/kpi.hpp"
#include "heatlift/operations/telemetry.hpp"

namespace heatlift::core {
class DataStore;
}
namespace heatlift::equipment {
class ProductLibrary;
}

namespace heatlift::report {

struct UnitKpis {
  std::vector<operations::Kpis> kpis;  ///< one per period with rows
  /// Per period: the expected SPF and the residual, each absent with its reason.
  std::vector<operations::Metric> spf_expected, residual;
  /// The expected performance over all rows; none when the unit has no usable model, then
  /// `why_not` says why.
  std::optional<operations::ExpectedResult> expected;
  std::string why_not;
};

/// The KPIs of `rows` per `period` and, where the unit's model resolves (`products` may be
/// null when the unit names no product), its expected performance. Throws only for bad
/// options; a unit without a model gets KPIs and the reason.
UnitKpis unit_kpis(const operations::Series& rows, const operations::UnitMeta& unit,
                   operations::Period period, const operations::ExpectedOptions& options,
                   const equipment::ProductLibrary* products);

/// {"id", "type", "period", "kpis": [to_json(kpis) + spf_expected, residual], "expected"}.
nlohmann::json unit_kpis_json(const UnitKpis& k, const operations::UnitMeta& unit,
                              std::string_view period);

/// What a reader is told about the unit's expected performance: the residual trend with its
/// standard error and the intervals outside the map, or why there is none.
std::string expected_note(const UnitKpis& k, const operations::UnitMeta& unit);

struct UnitFindings {
  operations::Diagnosis diagnosis;
  /// Why the unit has no model (its map): the rules that need one were skipped for it.
  std::string model_note;
};

/// The findings of `rows`: the rules run with the unit's model (its product, map file or
/// datasheet) and the heating design temperature of its place, each left out with its
/// reason when it cannot be had. Throws InvalidInput for bad options.
UnitFindings unit_findings(const operations::Series& rows, const operations::UnitMeta& unit,
                           const core::DataStore& data, const equipment::ProductLibrary& products,
                           const operations::FindingOptions& options = {});

/// {"unit", "rows", "findings": [to_json(finding) in `lang`], "skipped": [{code, reason}]}.
nlohmann::json unit_findings_json(const UnitFindings& f, const operations::UnitMeta& unit,
                                  std::size_t rows, const operations::FindingCatalogue& catalogue,
                                  operations::Language lang);

/// {"value": v} or {"value": null, "reason": "..."}.
nlohmann::json metric_json(const operations::Metric& m);

}  // namespace heatlift::report
