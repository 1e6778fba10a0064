// What every fuzz target checks, whatever parser it drives: input is decoded as heatlift
// decodes a file (core/text_input.hpp); the parser either returns or throws one of
// heatlift's own errors (core/error.hpp), whose message is non-empty, valid UTF-8 and
// free of NaN; a result turned into JSON holds no NaN or infinity. Anything else — a
// crash, a sanitizer report, a std:: exception escaping, a hang — is a finding.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::fuzz {

[[noreturn]] inline void finding(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "fuzz finding: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void check_message(std::string_view m) {
  if (m.empty()) finding("error message", "empty");
  if (!core::is_valid_utf8(m)) finding("error message is not UTF-8", core::escape_invalid_utf8(m));
}

/// Aborts when `j` holds a non-finite number or a string that is not UTF-8.
inline void check_json(const nlohmann::json& j) {
  if (j.is_number_float() && !std::isfinite(j.get<double>())) finding("JSON", "non-finite number");
  if (j.is_string() && !core::is_valid_utf8(j.get<std::string>())) finding("JSON", "not UTF-8");
  if (j.is_structured()) {
    for (const auto& v : j) check_json(v);
    if (j.is_object()) {
      for (const auto& [k, v] : j.items()) {
        if (!core::is_valid_utf8(k)) finding("JSON key", "not UTF-8");
      }
    }
  }
}

/// Decodes the input as a file and runs `parse` on the text; heatlift's errors are the
/// expected way to refuse input, anything else propagates to libFuzzer.
template <class F>
int run_on_text(const std::uint8_t* data, std::size_t size, F&& parse) {
  std::string text;
  try {
    text =
        core::decode_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.in").text;
  } catch (const Error& e) {
    check_message(e.what());
    return 0;
  }
  if (!core::is_valid_utf8(text)) finding("decode_text", "returned text that is not UTF-8");
  try {
    parse(text);
  } catch (const Error& e) {
    check_message(e.what());
  }
  return 0;
}

}  // namespace heatlift::fuzz
