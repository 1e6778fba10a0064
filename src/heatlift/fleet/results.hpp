// Writing fleet results: results.csv (year × group × indicator, units in a column) and
// results.json (one document with a units object). Display units come from info(Indicator).
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <vector>

#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/uncertainty.hpp"

namespace heatlift::fleet {

/// Long CSV: scenario,year,group,kind,indicator,unit,value — one row per value. With Monte
/// Carlo bands (one per run, same order) three more columns: p5,p50,p95.
void write_csv(const std::vector<Results>& runs, std::ostream& os,
               const std::vector<Bands>& bands = {});

/// {"scenarios": [{"name", "title", "years": [...], "groups": {name: {indicator: [...]}}}],
///  "units": {indicator: unit}}; values in display units, null where not applicable.
/// With bands each scenario also has "monte_carlo": {"samples", "seed"} and
/// "bands": {group: {indicator: {"p5": [...], "p50": [...], "p95": [...]}}}.
nlohmann::json to_json(const std::vector<Results>& runs, const std::vector<Bands>& bands = {});

}  // namespace heatlift::fleet
