// The web application `heatlift serve` answers at `/` (web/app: plain ES modules and the
// charting library, compiled into the binary by cmake/HeatliftAssets.cmake, so it works with
// no network). Its pages call the API under /api.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "heatlift/report/assets.hpp"

namespace heatlift::server {

using Asset = report::Asset;

struct WebFile {
  std::string_view content;
  std::string_view content_type;  ///< e.g. "text/javascript; charset=utf-8"
};

/// The file of the web application at `path` ("/" is its index.html; "/app/NAME" its
/// scripts, style sheet, the charting library and the province outlines); nullopt when
/// there is none.
std::optional<WebFile> web_file(std::string_view path);

/// The content type of a file by its extension ("application/octet-stream" when unknown).
std::string_view content_type_of(std::string_view name);

namespace detail {
std::span<const Asset> embedded_assets();  // generated
}

}  // namespace heatlift::server
