// The table of data files compiled into the binary (see cmake/HeatliftEmbed.cmake).
// Only DataStore reads it; everything else asks DataStore.
#pragma once

#include <span>
#include <string_view>

namespace heatlift::core::detail {

struct EmbeddedFile {
  std::string_view path;  ///< relative to data/, with '/' separators
  std::span<const char> bytes;
};

std::span<const EmbeddedFile> embedded_files();

}  // namespace heatlift::core::detail
