#include "heatlift/server/web_app.hpp"

#include <array>
#include <utility>

namespace heatlift::server {

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

std::optional<WebFile> web_file(std::string_view path) {
  constexpr std::string_view kPrefix = "/app/";
  std::string_view name;
  if (path == "/" || path == "/index.html") {
    name = "index.html";
  } else if (path.starts_with(kPrefix)) {
    name = path.substr(kPrefix.size());
  } else {
    return std::nullopt;
  }
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
