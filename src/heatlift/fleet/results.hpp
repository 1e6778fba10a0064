// Writing fleet results: results.csv (year × group × indicator, units in a column) and
// results.json (one document with a units object). Display units come from info(Indicator).
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <vector>

#include "heatlift/fleet/model.hpp"

namespace heatlift::fleet {

/// Long CSV: scenario,year,group,kind,indicator,unit,value — one row per value.
void write_csv(const std::vector<Results>& runs, std::ostream& os);

/// {"scenarios": [{"name", "title", "years": [...], "groups": {name: {indicator: [...]}}}],
///  "units": {indicator: unit}}; values in display units, null where not applicable.
nlohmann::json to_json(const std::vector<Results>& runs);

}  // namespace heatlift::fleet
