// A product's ratings as JSON, the document `heatlift rate --format json` prints and the
// Python bindings return: metric, grade, the 2030 target, the refrigerant, EN 14825 bins,
// with the unit of every figure in its key or in "units".
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "heatlift/standards/product.hpp"
#include "heatlift/standards/rating.hpp"

namespace heatlift::report {

/// One rating: status "rated", identity, standard, metric, other metrics, grade (null
/// without a grade table), target (null without one), refrigerant, en14825 (when rated by
/// bins) and notes.
nlohmann::json rating_json(const standards::Rating& r);

/// The units of the figures in rating_json's documents.
nlohmann::json rating_units();

/// One product and its ratings: {"product": {name, manufacturer, model, file}, "ratings",
/// "units"}.
nlohmann::json product_ratings_json(const standards::Product& p,
                                    const std::vector<standards::Rating>& ratings);

}  // namespace heatlift::report
