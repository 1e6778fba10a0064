#include "heatlift/server/web_app.hpp"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "heatlift/report/messages.hpp"

namespace heatlift::server {
namespace {

// The [web] texts of the catalogue in one language, as the JSON object the pages read
// (keys without the "web." prefix), and the display units of the fleet's indicators the
// reports use too ("unit.stock": 万台).
std::string web_messages(const core::DataStore& data, report::Lang lang) {
  constexpr std::string_view kPrefix = "web.";
  const nlohmann::json all = report::Messages::load(data, lang).to_json();
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, text] : all.items()) {
    if (key.starts_with(kPrefix)) out[key.substr(kPrefix.size())] = text;
    if (key.starts_with("unit.")) out[key] = text;
  }
  return out.dump();
}

}  // namespace

std::string_view content_type_of(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
  }};
  for (const auto& [ext, type] : kTypes) {
    if (name.size() > ext.size() && name.ends_with(ext)) return type;
  }
  return "application/octet-stream";
}

WebApp::WebApp(const core::DataStore& data)
    : messages_zh_(web_messages(data, report::Lang::zh)),
      messages_en_(web_messages(data, report::Lang::en)) {}

std::optional<WebFile> WebApp::file(std::string_view path) const {
  constexpr std::string_view kPrefix = "/app/";
  std::string_view name;
  if (path == "/" || path == "/index.html") {
    name = "index.html";
  } else if (path.starts_with(kPrefix)) {
    name = path.substr(kPrefix.size());
  } else {
    return std::nullopt;
  }
  if (name == "messages.zh.json") return WebFile{messages_zh_, content_type_of(name)};
  if (name == "messages.en.json") return WebFile{messages_en_, content_type_of(name)};
  for (const Asset& a : detail::embedded_assets()) {
    if (a.name == name) return WebFile{a.content, content_type_of(name)};
  }
  // The charting library and the province outlines are the reports' own copies.
  if (name == "echarts.min.js" || name == "china.json") {
    for (const Asset& a : report::assets()) {
      if (a.name == name) return WebFile{a.content, content_type_of(name)};
    }
  }
  return std::nullopt;
}

}  // namespace heatlift::server
