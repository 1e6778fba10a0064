// report.html of `heatlift roadmap`: one self-contained page (no external resources) with
// the charting library, the results and the page's texts inlined.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/physics.hpp"
#include "heatlift/fleet/regions.hpp"
#include "heatlift/fleet/uncertainty.hpp"
#include "heatlift/report/html.hpp"  // html_escape, script_json
#include "heatlift/report/messages.hpp"

namespace heatlift::report {

/// What a bottom-up run adds to the page: the province table and, per run (the order of
/// `runs`), its scenario, the physics it was run with and its regional results
/// (fleet::allocate with that physics). Pointers, not copies: the CLI owns them.
struct BottomUpPage {
  const fleet::ProvinceTable* provinces = nullptr;
  std::vector<const fleet::Scenario*> scenarios;
  std::vector<const fleet::FleetPhysics*> physics;
  std::vector<const fleet::RegionalResults*> regional;
};

/// The page for `runs` (and their Monte Carlo bands, one per run, or none), with the
/// texts of `messages`. Charts: sales, stock, market value, CO2 stacked by segment,
/// electricity and winter peak, refrigerant emissions against the Kigali allowance, per
/// scenario side by side (one y scale per row), and the scenarios compared (with p5–p95
/// bands when given).
///
/// With `bottom_up` (every run bottom-up) the page also has: a schematic province map of
/// China (ECharts' china.json, inlined) of a chosen indicator, scenario and milestone year;
/// a region picker (and a click on the map) that redraws every chart for one province; the
/// hourly load of the winter peak day by province; and the table of the cells simulated.
/// Throws InternalError when its vectors do not match `runs`.
std::string roadmap_html(const std::vector<fleet::Results>& runs,
                         const std::vector<fleet::Bands>& bands, const Messages& messages,
                         const BottomUpPage* bottom_up = nullptr);

namespace detail {
/// data["regional"] of a bottom-up page: the provinces (table order: ISO code, GB/T 2260
/// adcode, name, zone) and per run the provincial series the page draws, the peak days
/// and the cells (docs/roadmap.md, "Report").
nlohmann::json regional_json(const std::vector<fleet::Results>& runs, const BottomUpPage& page,
                             Lang lang);
}  // namespace detail

}  // namespace heatlift::report
