// The last parse of a data file, kept while the file's text is unchanged: a parameter sweep
// reads the same defaults, grid and GWP tables for every one of its thousands of variants.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace heatlift::accounting::detail {

/// parse(text) the first time and whenever `text` differs from the last call's; a copy of
/// the kept result otherwise. One cache per (Tag, T); safe from several threads.
template <class Tag, class T, class Parse>
T memo_parse(const std::string& text, Parse&& parse) {
  static std::mutex mutex;
  static std::string last_text;
  static std::optional<T> last;
  {
    std::lock_guard lock(mutex);
    if (last && last_text == text) return *last;
  }
  T value = std::forward<Parse>(parse)(text);
  std::lock_guard lock(mutex);
  last_text = text;
  last = value;
  return value;
}

}  // namespace heatlift::accounting::detail
