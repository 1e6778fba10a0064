// Front-end assets compiled into the binary (cmake/HeatliftAssets.cmake): the charting
// library from web/node_modules and the report pages' own script and style sheet.
#pragma once

#include <span>
#include <string_view>

namespace heatlift::report {

struct Asset {
  std::string_view name;     ///< e.g. "echarts.min.js"
  std::string_view content;  ///< the file's bytes
};

/// The asset called `name`. Throws DataMissing naming it when there is none.
std::string_view asset(std::string_view name);

/// Every embedded asset.
std::span<const Asset> assets();

namespace detail {
std::span<const Asset> embedded_assets();  // generated
}

}  // namespace heatlift::report
