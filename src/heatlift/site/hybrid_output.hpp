// The "hybrid" section of a site's summary.json: the boiler kept beside the heat pump, its
// switch-over, the heat-pump share of the heat, the boiler's fuel, and the bivalent-point
// scan when the point was optimised.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "heatlift/site/hybrid.hpp"

namespace heatlift::site {

nlohmann::json hybrid_json(const HybridOutcome& hybrid);

/// One line for `site run`'s console summary: the boiler, its rule, the heat-pump share and
/// the fuel.
std::string hybrid_line(const HybridOutcome& hybrid);

}  // namespace heatlift::site
