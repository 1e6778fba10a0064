// The web application `heatlift serve` answers at `/` (web/app: plain ES modules and the
// charting library, compiled into the binary by cmake/HeatliftAssets.cmake, so it works with
// no network). Its pages call the API under /api; their texts are the [web] part of the one
// message catalogue (data/i18n/messages.toml).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "heatlift/core/data_store.hpp"
#include "heatlift/report/assets.hpp"

namespace heatlift::server {

using Asset = report::Asset;

struct WebFile {
  std::string_view content;
  std::string_view content_type;  ///< e.g. "text/javascript; charset=utf-8"
};

class WebApp {
 public:
  /// Reads the pages' texts from the catalogue of `data`; throws InvalidInput when it is
  /// malformed (the server does not start).
  explicit WebApp(const core::DataStore& data);

  /// The file at `path` ("/" is the index.html; "/app/NAME" the scripts, the style sheet,
  /// the charting library, the province outlines and messages.zh.json / messages.en.json);
  /// nullopt when there is none. The content lives as long as this object.
  std::optional<WebFile> file(std::string_view path) const;

 private:
  std::string messages_zh_;
  std::string messages_en_;
};

/// The content type of a file by its extension ("application/octet-stream" when unknown).
std::string_view content_type_of(std::string_view name);

namespace detail {
std::span<const Asset> embedded_assets();  // generated
}

}  // namespace heatlift::server
