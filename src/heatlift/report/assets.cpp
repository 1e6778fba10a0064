#include "heatlift/report/assets.hpp"

#include <fmt/format.h>

#include "heatlift/core/error.hpp"

namespace heatlift::report {

std::span<const Asset> assets() {
  return detail::embedded_assets();
}

std::string_view asset(std::string_view name) {
  for (const Asset& a : assets()) {
    if (a.name == name) return a.content;
  }
  throw DataMissing(fmt::format("no embedded report asset '{}'", name));
}

}  // namespace heatlift::report
