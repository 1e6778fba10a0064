#include "heatlift/report/roadmap_report.hpp"

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/fleet/results.hpp"
#include "heatlift/report/assets.hpp"

namespace heatlift::report {
namespace {

// An asset inlined into a <script> or <style> element must not end it early.
std::string_view inline_asset(std::string_view name, std::string_view closing_tag) {
  const std::string_view a = asset(name);
  if (a.find(closing_tag) != std::string_view::npos) {
    throw InternalError(
        fmt::format("report asset '{}' contains '{}' and cannot be inlined", name, closing_tag));
  }
  return a;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string script_json(const nlohmann::json& doc) {
  const std::string text = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

std::string roadmap_html(const std::vector<fleet::Results>& runs,
                         const std::vector<fleet::Bands>& bands, const Messages& messages) {
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

  const std::string title = html_escape(messages.get("report.title"));
  std::string page;
  page.reserve(asset("echarts.min.js").size() + 512 * 1024);
  page += fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"heatlift {}\">\n<title>{}</title>\n<style>\n",
      messages.lang() == Lang::zh ? "zh-CN" : "en", HEATLIFT_VERSION, title);
  page += inline_asset("report.css", "</style");
  page += fmt::format(
      "</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n</header>\n"
      "<div id=\"render-error\" hidden></div>\n<main id=\"charts\"></main>\n"
      "<footer>{}</footer>\n<script>\n",
      title, html_escape(messages.get("report.subtitle")),
      html_escape(messages.get("report.footer")));
  page += inline_asset("echarts.min.js", "</script");
  page += "\n</script>\n<script type=\"application/json\" id=\"heatlift-data\">";
  page += script_json(data);
  page += "</script>\n<script>\n";
  page += inline_asset("roadmap.js", "</script");
  page += "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace heatlift::report
