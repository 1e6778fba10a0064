#include "heatlift/report/roadmap_report.hpp"

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/fleet/results.hpp"

namespace heatlift::report {

std::string roadmap_html(const std::vector<fleet::Results>& runs,
                         const std::vector<fleet::Bands>& bands, const Messages& messages,
                         const BottomUpPage* bottom_up) {
  if (runs.empty()) throw InternalError("roadmap report: no scenario to report");
  nlohmann::json data;
  data["lang"] = to_string(messages.lang());
  data["messages"] = messages.to_json();
  data["results"] = fleet::to_json(runs, bands);
  // JSON objects are unordered: the segments' stacking order is the model's.
  for (std::size_t i = 0; i < runs.size(); ++i) {
    nlohmann::json order = nlohmann::json::array();
    for (const auto& g : runs[i].groups) {
      if (g.kind == "segment") order.push_back(g.name);
    }
    data["results"]["scenarios"][i]["segment_order"] = order;
  }

  Page page;
  if (bottom_up != nullptr) {
    data["regional"] = detail::regional_json(runs, *bottom_up, messages.lang());
    // The province outlines (Apache ECharts 4.9.0's map/json/china.json), a data block the
    // page script registers as the map "china"; nothing is fetched.
    page.body = "<script type=\"application/json\" id=\"heatlift-map\">";
    page.body += inline_asset("china.json", "</script");
    page.body += "</script>\n";
  }
  page.lang = messages.lang();
  page.title = messages.get("report.title");
  page.header = fmt::format("<h1>{}</h1>\n<p class=\"sub\">{}</p>\n", html_escape(page.title),
                            html_escape(messages.get("report.subtitle")));
  page.footer = html_escape(messages.get("report.footer"));
  page.data = std::move(data);
  page.script = "roadmap.js";
  return render_page(page);
}

}  // namespace heatlift::report
