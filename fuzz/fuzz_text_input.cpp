// The input edge itself: any bytes decode to UTF-8 or are refused with a clean message;
// escaping always yields UTF-8 and leaves valid UTF-8 unchanged.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string escaped = core::escape_invalid_utf8(bytes);
  if (!core::is_valid_utf8(escaped)) fuzz::finding("escape_invalid_utf8", "not UTF-8");
  if (core::is_valid_utf8(bytes) && escaped != bytes) fuzz::finding("escape", "changed UTF-8");
  return fuzz::run_on_text(data, size, [](const std::string&) {});
}
