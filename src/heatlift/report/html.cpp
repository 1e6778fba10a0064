#include "heatlift/report/html.hpp"

#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/report/assets.hpp"

namespace heatlift::report {

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

std::string_view inline_asset(std::string_view name, std::string_view closing_tag) {
  const std::string_view a = asset(name);
  if (a.find(closing_tag) != std::string_view::npos) {
    throw InternalError(
        fmt::format("report asset '{}' contains '{}' and cannot be inlined", name, closing_tag));
  }
  return a;
}

std::string render_page(const Page& page) {
  const std::string_view library = inline_asset("echarts.min.js", "</script");
  const std::string data = script_json(page.data);
  std::string out;
  out.reserve(library.size() + data.size() + page.body.size() + 64 * 1024);
  out += fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"heatlift {}\">\n<title>{}</title>\n<style>\n",
      page.lang == Lang::zh ? "zh-CN" : "en", HEATLIFT_VERSION, html_escape(page.title));
  out += inline_asset("report.css", "</style");
  out += "</style>\n</head>\n<body>\n<header>\n";
  out += page.header;
  out += "</header>\n<div id=\"render-error\" hidden></div>\n<main id=\"charts\">\n";
  out += page.body;
  out += "</main>\n<footer>";
  out += page.footer;
  out += "</footer>\n<script>\n";
  out += library;
  out += "\n</script>\n<script type=\"application/json\" id=\"heatlift-data\">";
  out += data;
  out += "</script>\n<script>\n";
  out += inline_asset("downloads.js", "</script");  // PNG and SVG buttons on every chart
  out += "\n";
  out += inline_asset(page.script, "</script");
  out += "</script>\n</body>\n</html>\n";
  return out;
}

const nlohmann::json& member(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json none;
  if (!obj.is_object()) return none;
  const auto it = obj.find(key);
  return it == obj.end() ? none : *it;
}

std::optional<double> number(const nlohmann::json& obj, std::string_view key) {
  const nlohmann::json& v = member(obj, key);
  if (!v.is_number()) return std::nullopt;
  const double x = v.get<double>();
  if (!std::isfinite(x)) return std::nullopt;
  return x;
}

std::string text(const nlohmann::json& obj, std::string_view key) {
  const nlohmann::json& v = member(obj, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

}  // namespace heatlift::report
