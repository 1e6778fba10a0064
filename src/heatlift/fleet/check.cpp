#include "heatlift/fleet/check.hpp"

#include <cmath>

namespace heatlift::fleet {

std::vector<CheckRow> check(const Scenario& scenario, const Results& results) {
  std::vector<CheckRow> rows;
  for (const auto& t : scenario.targets) {
    const Indicator ind = t.indicator == "sales"          ? Indicator::sales
                          : t.indicator == "market_value" ? Indicator::market_value
                                                          : Indicator::co2_reduction_gross;
    CheckRow row{scenario.name, t, results.value(t.end_use, ind, t.year), 0.0, true};
    row.deviation = t.value != 0.0 ? row.model / t.value - 1.0 : 0.0;
    row.pass = !t.enforced || std::abs(row.deviation) <= t.tolerance;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace heatlift::fleet
