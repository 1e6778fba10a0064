// report.html of `heatlift site run`: one self-contained page (no external resources) with
// the charting library, the site's results and the page's texts inlined.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "heatlift/report/html.hpp"
#include "heatlift/report/messages.hpp"

namespace heatlift::report {

/// The page for one site run, with the texts of `messages` (zh or en).
///
/// `data` is the run's summary.json plus its hourly arrays: objects "site", "heat_pump",
/// "annual", "monthly", "heat_pump_accounts", "gbt50801", "hourly" and the array
/// "baselines". Any number may be null or absent and "baselines" may be
/// empty: the page then shows a dash, "never" (payback) or leaves the part out.
///
/// The header (site, city, climate zone, heat pump, design temperature), the key figures
/// (SPF H1–H4, heat, electricity, back-up share, peak demand, bivalent point, unmet hours),
/// the table of baselines and the GB/T 50801 block are written here, escaped; the script
/// site.js draws the charts into the containers marked data-chart: monthly heat and
/// electricity, hourly COP against outdoor temperature, the load duration curve, annual
/// CO2 and annual cost with the levelised cost of heat against each baseline — five when
/// every part is present — and sets <html data-rendered="N"> once all N are drawn.
///
/// Throws InternalError when `data` is not a JSON object.
std::string site_html(const nlohmann::json& data, const Messages& messages);

}  // namespace heatlift::report
