// report.html of `heatlift roadmap`: one self-contained page (no external resources) with
// the charting library, the results and the page's texts inlined.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/uncertainty.hpp"
#include "heatlift/report/html.hpp"  // html_escape, script_json
#include "heatlift/report/messages.hpp"

namespace heatlift::report {

/// The page for `runs` (and their Monte Carlo bands, one per run, or none), with the
/// texts of `messages`. Charts: sales, stock, market value, CO2 stacked by segment,
/// electricity and winter peak, refrigerant emissions against the Kigali allowance, per
/// scenario side by side, and the scenarios compared (with p5–p95 bands when given).
std::string roadmap_html(const std::vector<fleet::Results>& runs,
                         const std::vector<fleet::Bands>& bands, const Messages& messages);

}  // namespace heatlift::report
