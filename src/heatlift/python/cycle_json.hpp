// A solved cycle as one JSON document: the figures with their units in the keys (W, K, Pa,
// J/kg ...) and the nodes, as `heatlift cycle run --format json` prints them.
#pragma once

#include <nlohmann/json.hpp>

#include "heatlift/cycles/cycle.hpp"

namespace heatlift::python {

nlohmann::json cycle_result_json(const cycles::CycleResult& r);

}  // namespace heatlift::python
