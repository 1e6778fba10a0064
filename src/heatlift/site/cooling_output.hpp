// What a cooled site adds to `heatlift site run`'s outputs (docs/site.md, "Cooling"): the
// summary's "cooling" block, the report's hourly cooling arrays and hourly.csv's cooling
// columns. A site whose heat pump does not cool writes none of them, so its outputs are
// those it always had.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "heatlift/site/site_case.hpp"

namespace heatlift::site {

/// Whether the site's heat pump cools (it has a cooling map).
bool cools(const SiteOutcome& outcome);

/// The cooling season: loads, cooling delivered and unmet, electricity at the unit and of
/// its auxiliaries, seasonal EER at three boundaries, peak, hours, heat recovery, monthly
/// arrays, each baseline's chiller and GB/T 50801's cooling season (kWh, kW, t, kgce).
nlohmann::json cooling_json(const SiteOutcome& outcome);

/// Adds cooling_load_kw, cooling_kw and eer (null while not cooling) to the report's
/// hourly arrays.
void add_cooling_hourly(const SiteOutcome& outcome, nlohmann::json& hourly);

/// The console's cooling line: load, delivered, unmet, electricity, seasonal EER, peak and
/// the cooling design the unit was sized on, heat recovered.
std::string cooling_line(const SiteOutcome& outcome);

/// hourly.csv's cooling columns: the header's tail (with its leading comma) and one row's.
std::string cooling_csv_header();
void append_cooling_csv(const Hour& h, std::string& row);

}  // namespace heatlift::site
