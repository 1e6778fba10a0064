// The reports' one message catalogue (data/i18n/messages.toml): every text a report shows,
// in Chinese and English. Standard names stay as written (供暖, 热水, GB 19577-2024).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "heatlift/core/data_store.hpp"

namespace heatlift::report {

enum class Lang { zh, en };

/// "zh" or "en"; throws InvalidInput naming the option, the value and the choices.
Lang parse_lang(std::string_view text);
std::string_view to_string(Lang lang);

class Messages {
 public:
  /// The catalogue i18n/messages.toml from `data` (built in, or the user's --data folder).
  static Messages load(const core::DataStore& data, Lang lang);
  /// Parses catalogue text: tables of keys, each key a table { zh = "...", en = "..." }.
  /// Throws InvalidInput at file:line:column when a key lacks a language or is malformed.
  static Messages parse(std::string_view text, std::string_view file, Lang lang);

  Lang lang() const { return lang_; }
  /// The text of `key` (e.g. "chart.sales"); throws DataMissing naming key and language.
  const std::string& get(std::string_view key) const;
  /// nullptr when the catalogue has no such key.
  const std::string* find(std::string_view key) const;
  /// Every key → text, for a page's script.
  nlohmann::json to_json() const;
  std::size_t size() const { return text_.size(); }

 private:
  Lang lang_ = Lang::zh;
  std::map<std::string, std::string, std::less<>> text_;
};

}  // namespace heatlift::report
