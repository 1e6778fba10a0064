#include "heatlift/report/messages.hpp"

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::report {
namespace {

constexpr std::string_view kCatalogue = "i18n/messages.toml";

void collect(const toml::table& table, const std::string& prefix, std::string_view file, Lang lang,
             std::map<std::string, std::string, std::less<>>& out) {
  for (auto&& [k, v] : table) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const toml::table* t = v.as_table();
    if (t == nullptr) {
      throw InvalidInput(fmt::format("{}: {}: expected a table {{ zh = \"...\", en = \"...\" }}",
                                     core::where(v.source(), file), key));
    }
    const bool leaf = t->contains("zh") || t->contains("en");
    if (!leaf) {
      collect(*t, key, file, lang, out);
      continue;
    }
    for (auto&& [lk, lv] : *t) {
      if (lk.str() != "zh" && lk.str() != "en") {
        throw InvalidInput(fmt::format("{}: {}: unknown language '{}'; expected zh and en",
                                       core::where(lk.source(), file), key, lk.str()));
      }
      if (!lv.is_string() || lv.as_string()->get().empty()) {
        throw InvalidInput(fmt::format("{}: {}.{}: expected a non-empty string",
                                       core::where(lv.source(), file), key, lk.str()));
      }
    }
    for (std::string_view l : {"zh", "en"}) {
      if (!t->contains(l)) {
        throw InvalidInput(
            fmt::format("{}: {}: the {} text is missing; every message needs zh "
                        "and en",
                        core::where(t->source(), file), key, l));
      }
    }
    out[key] = t->get(to_string(lang))->as_string()->get();
  }
}

}  // namespace

Lang parse_lang(std::string_view text) {
  if (text == "zh") return Lang::zh;
  if (text == "en") return Lang::en;
  throw InvalidInput(fmt::format("--lang: '{}' is not a report language; expected zh or en", text));
}

std::string_view to_string(Lang lang) {
  return lang == Lang::zh ? "zh" : "en";
}

Messages Messages::parse(std::string_view text, std::string_view file, Lang lang) {
  const core::ConfigDocument doc = core::ConfigDocument::from_text(text, std::string(file));
  Messages m;
  m.lang_ = lang;
  collect(doc.root(), "", file, lang, m.text_);
  return m;
}

Messages Messages::load(const core::DataStore& data, Lang lang) {
  return parse(data.read(kCatalogue), kCatalogue, lang);
}

const std::string* Messages::find(std::string_view key) const {
  const auto it = text_.find(key);
  return it == text_.end() ? nullptr : &it->second;
}

const std::string& Messages::get(std::string_view key) const {
  if (const std::string* s = find(key)) return *s;
  throw DataMissing(
      fmt::format("{}: no message '{}' for language {}", kCatalogue, key, to_string(lang_)));
}

nlohmann::json Messages::to_json() const {
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& [k, v] : text_) doc[k] = v;
  return doc;
}

}  // namespace heatlift::report
