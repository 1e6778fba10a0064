// A product's rating as one JSON document, with the keys of `heatlift rate --format json`
// (metric, grade, target, refrigerant, EN 14825 bins): what the Python rating returns.
#pragma once

#include <nlohmann/json.hpp>

#include "heatlift/standards/rating.hpp"

namespace heatlift::python {

nlohmann::json rating_json(const standards::Rating& r);

/// The units of the figures in rating_json's documents.
nlohmann::json rating_units();

}  // namespace heatlift::python
