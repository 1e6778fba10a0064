#include "heatlift/fleet/scenario_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::fleet::detail {
namespace {

std::string shorten(const std::string& s) {
  if (s.size() <= 40) return s;
  return fmt::format("{}…{} ({} bytes)", core::utf8_prefix(s, 16), core::utf8_suffix(s, 4),
                     s.size());
}

}  // namespace

std::string where(const toml::source_region& src, std::string_view fallback_file) {
  const std::string file = src.path ? *src.path : std::string(fallback_file);
  return fmt::format("{}:{}:{}", file, src.begin.line, src.begin.column);
}

std::string node_text(const toml::node& n, const Source* src) {
  if (const auto* s = n.as_string()) return s->get();
  if (src != nullptr && src->literals != nullptr && n.is_floating_point()) {
    const auto it = src->literals->find(where(n.source(), src->file));
    if (it != src->literals->end()) return shorten(it->second);
  }
  if (const auto* f = n.as_floating_point()) return fmt::format("{}", f->get());
  std::ostringstream os;
  n.visit([&](const auto& x) { os << x; });
  return os.str();
}

std::string TableReader::text(const toml::node& n) const {
  return shorten(node_text(n, &src_));
}

std::string TableReader::field(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

void TableReader::fail(const toml::node& n, std::string_view key, const std::string& msg) const {
  throw InvalidInput(fmt::format("{}: {}: {}", where(n.source(), file_), field(key), msg));
}

void TableReader::fail_here(const std::string& msg) const {
  throw InvalidInput(fmt::format("{}: {}: {}", where(table_.source(), file_),
                                 path_.empty() ? "(top level)" : path_, msg));
}

const toml::node* TableReader::get(std::string_view key) {
  known_.insert(std::string(key));
  return table_.get(key);
}

bool TableReader::has(std::string_view key) {
  known_.insert(std::string(key));
  return table_.contains(key);
}

const toml::node& TableReader::require(std::string_view key) {
  const toml::node* n = get(key);
  if (n == nullptr) fail_here(fmt::format("missing required key '{}'", key));
  return *n;
}

std::string TableReader::string(std::string_view key) {
  const toml::node& n = require(key);
  if (!n.is_string()) fail(n, key, fmt::format("expected a string, got {}", text(n)));
  return n.as_string()->get();
}

std::string TableReader::string_or(std::string_view key, std::string fallback) {
  return has(key) ? string(key) : std::move(fallback);
}

std::string TableReader::choice(std::string_view key,
                                const std::vector<std::string_view>& options) {
  const std::string s = string(key);
  if (std::find(options.begin(), options.end(), s) == options.end()) {
    fail(*get(key), key, fmt::format("'{}' is not one of {}", s, fmt::join(options, ", ")));
  }
  return s;
}

int TableReader::year(std::string_view key, const toml::node& n) const {
  if (!n.is_integer()) {
    fail(n, key,
         fmt::format("expected a year, an integer from {} to {}, got {}", limits::year.lo,
                     limits::year.hi, text(n)));
  }
  const auto y = n.as_integer()->get();
  if (!limits::year.contains(static_cast<double>(y)))
    fail(n, key, fmt::format("{} is out of range; expected {}", y, limits::year.text));
  return static_cast<int>(y);
}

int TableReader::integer(std::string_view key, const Limits& range) {
  const toml::node& n = require(key);
  if (!n.is_integer()) {
    fail(n, key, fmt::format("expected an integer ({}), got {}", range.text, text(n)));
  }
  const auto v = n.as_integer()->get();
  if (!range.contains(static_cast<double>(v)))
    fail(n, key, fmt::format("{} is out of range; expected {}", v, range.text));
  return static_cast<int>(v);
}

bool TableReader::boolean_or(std::string_view key, bool fallback) {
  const toml::node* n = get(key);
  if (n == nullptr) return fallback;
  if (!n->is_boolean()) fail(*n, key, fmt::format("expected true or false, got {}", text(*n)));
  return n->as_boolean()->get();
}

double TableReader::value_of(const toml::node& n, std::string_view key,
                             const std::optional<core::Dimension>& expected,
                             const Limits& range) const {
  double v = 0.0;
  if (!expected) {
    if (!n.is_number()) {
      fail(n, key, fmt::format("expected a number ({}), got {}", range.text, text(n)));
    }
    v = core::toml_number(n);
  } else if (n.is_string()) {
    // A number too large for a double ("1e400 units", 400 digits), inf or nan is out of
    // range, not malformed.
    const std::string& s = n.as_string()->get();
    const auto first = s.find_first_not_of(" \t");
    double probe = 0.0;
    if (first != std::string::npos) {
      const auto [ptr, ec] = std::from_chars(s.data() + first, s.data() + s.size(), probe);
      if (ec == std::errc::result_out_of_range || (ec == std::errc() && !std::isfinite(probe)))
        fail(n, key, fmt::format("{} is out of range; expected {}", text(n), range.text));
    }
    try {
      v = core::parse_quantity(s, *expected, field(key));
    } catch (const Error& e) {
      throw InvalidInput(fmt::format("{}: {}", where(n.source(), file_), e.what()));
    }
  } else if (n.is_number() && *expected == core::Dimension::fraction) {
    v = core::toml_number(n);  // a bare fraction is its SI value (1 = 100 %)
  } else {
    fail(n, key,
         fmt::format("{} needs a unit, written as a string such as \"{} {}\"", text(n), text(n),
                     core::display_unit(*expected).symbol));
  }
  // Every number has a declared range (limits.hpp); NaN and ±inf are never in one.
  if (!std::isfinite(v) || !range.contains(v)) {
    fail(n, key, fmt::format("{} is out of range; expected {}", text(n), range.text));
  }
  return v;
}

std::vector<double> TableReader::array(std::string_view key,
                                       const std::optional<core::Dimension>& expected,
                                       const Limits& range) {
  const toml::node& n = require(key);
  const toml::array* a = n.as_array();
  if (a == nullptr || a->empty()) fail(n, key, "expected a non-empty array");
  std::vector<double> out;
  for (const toml::node& item : *a) out.push_back(value_of(item, key, expected, range));
  return out;
}

std::vector<std::string> TableReader::strings(std::string_view key) {
  const toml::node* n = get(key);
  std::vector<std::string> out;
  if (n == nullptr) return out;
  const toml::array* a = n->as_array();
  if (a == nullptr) fail(*n, key, "expected an array of strings");
  for (const toml::node& item : *a) {
    if (!item.is_string()) fail(item, key, fmt::format("expected a string, got {}", text(item)));
    out.push_back(item.as_string()->get());
  }
  return out;
}

std::vector<double> TableReader::years(std::string_view key) {
  const toml::node& n = require(key);
  const toml::array* a = n.as_array();
  if (a == nullptr || a->empty()) fail(n, key, "expected a non-empty array of years");
  std::vector<double> out;
  for (const toml::node& item : *a) {
    const int y = year(key, item);
    if (!out.empty() && y <= out.back()) fail(item, key, "years must be strictly increasing");
    out.push_back(y);
  }
  return out;
}

Path TableReader::path(std::string_view key, const std::optional<core::Dimension>& expected,
                       const Limits& range) {
  const toml::node& n = require(key);
  if (const toml::table* t = n.as_table()) {
    TableReader sub(*t, field(key), src_);
    Path p;
    p.years = sub.years("years");
    p.values = sub.array("values", expected, range);
    if (p.values.size() != p.years.size()) {
      sub.fail(*sub.get("values"), "values",
               fmt::format("has {} entries but years has {}", p.values.size(), p.years.size()));
    }
    sub.finish();
    return p;
  }
  return Path::constant(value_of(n, key, expected, range));
}

const toml::table& TableReader::table(std::string_view key) {
  const toml::node& n = require(key);
  if (!n.is_table()) fail(n, key, "expected a table");
  return *n.as_table();
}

void TableReader::finish() const {
  for (auto&& [k, v] : table_) {
    if (known_.count(std::string(k.str())) != 0) continue;
    const std::string location = where(k.source(), file_);
    std::vector<std::string> allowed(known_.begin(), known_.end());
    throw InvalidInput(fmt::format("{}: unknown key '{}'{}; allowed here: {}", location,
                                   field(k.str()), path_.empty() ? "" : "",
                                   fmt::join(allowed, ", ")));
  }
}

}  // namespace heatlift::fleet::detail
