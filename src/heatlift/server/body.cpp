#include "heatlift/server/body.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::server {
namespace {

enum class BodyType { toml, json, csv };

// The media type without parameters, in lower case: "application/json; charset=utf-8" -> ...
std::string media_type(std::string_view content_type) {
  std::string t(content_type.substr(0, content_type.find(';')));
  t.erase(std::remove_if(t.begin(), t.end(), [](unsigned char c) { return std::isspace(c); }),
          t.end());
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  return t;
}

BodyType body_type(const Endpoint& e, std::string_view content_type) {
  const std::string t = media_type(content_type);
  if (t.empty() || t == "application/toml" || t == "text/toml" || t == "text/plain" ||
      t == "application/x-www-form-urlencoded")  // what `curl --data-binary` sends by default
    return BodyType::toml;
  if (t == "application/json") return BodyType::json;
  if (t == "text/csv" && e.csv_body) return BodyType::csv;
  throw InvalidInput(
      fmt::format("request body: content type '{}' is not one {} takes: application/toml, "
                  "application/json{}",
                  core::escape_invalid_utf8(t), e.path, e.csv_body ? ", text/csv" : ""));
}

toml::table table_of(const nlohmann::json& j, const std::string& where);
toml::array array_of(const nlohmann::json& j, const std::string& where);

// Hands `put` the TOML value of `j`: a table, an array, a string, a boolean, a number.
template <typename Put>
void convert(const nlohmann::json& j, const std::string& where, Put&& put) {
  using T = nlohmann::json::value_t;
  switch (j.type()) {
    case T::object: return put(table_of(j, where));
    case T::array: return put(array_of(j, where));
    case T::string: return put(j.get<std::string>());
    case T::boolean: return put(j.get<bool>());
    case T::number_unsigned:
      if (j.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) break;
      return put(j.get<std::int64_t>());
    case T::number_integer: return put(j.get<std::int64_t>());
    case T::number_float: return put(j.get<double>());
    default: break;
  }
  throw InvalidInput(fmt::format("request body: '{}' = {} has no TOML form",
                                 core::escape_invalid_utf8(where), j.dump()));
}

toml::table table_of(const nlohmann::json& j, const std::string& where) {
  toml::table t;
  for (const auto& item : j.items()) {
    const std::string& k = item.key();  // not a structured binding: clang 14 cannot capture one
    convert(item.value(), where.empty() ? k : where + "." + k,
            [&](auto&& x) { t.insert(k, std::forward<decltype(x)>(x)); });
  }
  return t;
}

toml::array array_of(const nlohmann::json& j, const std::string& where) {
  toml::array a;
  for (std::size_t i = 0; i < j.size(); ++i) {
    convert(j[i], fmt::format("{}[{}]", where, i),
            [&](auto&& x) { a.push_back(std::forward<decltype(x)>(x)); });
  }
  return a;
}

// Whether a string value names a file outside the request's own folder.
bool names_outside_file(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == '/' || s.front() == '\\' || s.front() == '~') return true;
  if (s.size() >= 2 && s[1] == ':' && std::isalpha(static_cast<unsigned char>(s[0])))
    return true;  // C:\...
  for (std::size_t i = s.find(".."); i != std::string_view::npos; i = s.find("..", i + 1)) {
    const bool starts = i == 0 || s[i - 1] == '/' || s[i - 1] == '\\';
    const bool ends = i + 2 == s.size() || s[i + 2] == '/' || s[i + 2] == '\\';
    if (starts && ends) return true;
  }
  return false;
}

void refuse_outside_files(const toml::node& n, const std::string& where) {
  if (const auto* t = n.as_table()) {
    for (const auto& [k, v] : *t) {
      const std::string key(k.str());
      refuse_outside_files(v, where.empty() ? key : where + "." + key);
    }
  } else if (const auto* a = n.as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i)
      refuse_outside_files((*a)[i], fmt::format("{}[{}]", where, i));
  } else if (const auto* s = n.as_string()) {
    if (names_outside_file(s->get())) {
      throw InvalidInput(fmt::format(
          "request body: '{}' = \"{}\" names a file outside the request; the API reads no file "
          "of the server (name a shipped city, product or scenario instead)",
          core::escape_invalid_utf8(where), core::escape_invalid_utf8(s->get())));
    }
  }
}

// Monitoring data: the file name tells the verb how to read it.
BodyFile data_file(const Endpoint& e, std::string_view content_type, const std::string& body) {
  if (body.empty()) {
    throw InvalidInput(
        fmt::format("{} {} needs monitoring data as its body (text/csv or application/x-ndjson)",
                    e.method, e.path));
  }
  const std::string t = media_type(content_type);
  if (t == "text/csv") return {"data.csv", body};
  if (t == "application/x-ndjson" || t == "application/jsonl" || t == "application/json-lines" ||
      t == "application/jsonlines" || t == "application/json")
    return {"data.jsonl", body};
  throw InvalidInput(
      fmt::format("request body: content type '{}' is not one {} takes: text/csv (CSV) or "
                  "application/x-ndjson (JSON lines)",
                  core::escape_invalid_utf8(t), e.path));
}

}  // namespace

std::string json_to_toml(const std::string& json) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json);
  } catch (const nlohmann::json::parse_error& e) {
    throw InvalidInput(fmt::format("request body: not JSON: {}", e.what()));
  }
  if (!j.is_object()) {
    throw InvalidInput(
        "request body: the JSON document must be an object (the file's top-level table)");
  }
  std::ostringstream os;
  os << table_of(j, "");
  return os.str();
}

BodyFile body_file(const Endpoint& e, std::string_view content_type, const std::string& body) {
  if (e.data_body) return data_file(e, content_type, body);
  if (body.empty()) {
    throw InvalidInput(fmt::format("{} {} needs a {} file as its body ({})", e.method, e.path,
                                   e.body_kind,
                                   e.csv_body ? "application/toml, application/json or text/csv"
                                              : "application/toml or application/json"));
  }
  const BodyType type = body_type(e, content_type);
  if (type == BodyType::csv) return {"products.csv", body};
  BodyFile f{fmt::format("{}.toml", e.body_kind),
             type == BodyType::json ? json_to_toml(body) : body};
  // A body toml++ cannot parse is passed on as it is: the verb reports it as the CLI does.
  toml::table parsed;
  try {
    parsed = toml::parse(f.content, f.name);
  } catch (const toml::parse_error&) {
    return f;
  }
  refuse_outside_files(parsed, "");
  return f;
}

}  // namespace heatlift::server
