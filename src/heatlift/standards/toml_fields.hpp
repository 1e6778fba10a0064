// Internal to the standards layer's readers (tables_io.cpp, product_io.cpp): typed access
// to one TOML table whose every error names file:line:column, the dotted field, the value
// and what was expected. Not included by any public header (toml++ stays out of them).
#pragma once

#include <fmt/format.h>

#include <toml++/toml.h>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/standards/tables.hpp"

namespace heatlift::standards::detail {

inline std::string where(const toml::source_region& src, std::string_view file) {
  const std::string f = src.path ? *src.path : std::string(file);
  return fmt::format("{}:{}:{}", f, src.begin.line, src.begin.column);
}

inline std::string node_text(const toml::node& n) {
  if (const auto* s = n.as_string()) return fmt::format("\"{}\"", s->get());
  std::ostringstream os;
  n.visit([&](const auto& x) { os << x; });
  return os.str();
}

inline toml::table parse_toml(std::string_view text, std::string_view file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InvalidInput(fmt::format("{}: {}", where(e.source(), file), e.description()));
  }
}

/// Reads one table field by field; finish() rejects keys nobody asked for.
class Fields {
 public:
  Fields(const toml::table& table, std::string path, std::string_view file)
      : table_(table), path_(std::move(path)), file_(file) {}

  std::string field(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
  }
  const std::string& path() const { return path_; }
  std::string_view file() const { return file_; }
  const toml::table& table() const { return table_; }

  [[noreturn]] void fail(const toml::node& n, std::string_view key, const std::string& msg) const {
    throw InvalidInput(fmt::format("{}: {}: {}", where(n.source(), file_), field(key), msg));
  }
  [[noreturn]] void fail_here(const std::string& msg) const {
    throw InvalidInput(fmt::format("{}: {}: {}", where(table_.source(), file_),
                                   path_.empty() ? "(top level)" : path_, msg));
  }

  const toml::node* get(std::string_view key) {
    known_.insert(std::string(key));
    return table_.get(key);
  }
  bool has(std::string_view key) {
    known_.insert(std::string(key));
    return table_.contains(key);
  }
  void ignore(std::string_view key) { known_.insert(std::string(key)); }
  const toml::node& require(std::string_view key) {
    const toml::node* n = get(key);
    if (n == nullptr) fail_here(fmt::format("missing required key '{}'", key));
    return *n;
  }

  std::string string(std::string_view key) {
    const toml::node& n = require(key);
    if (!n.is_string() || n.as_string()->get().empty())
      fail(n, key, fmt::format("expected a non-empty string, got {}", node_text(n)));
    return n.as_string()->get();
  }
  std::string string_or(std::string_view key, std::string fallback) {
    return has(key) ? string(key) : std::move(fallback);
  }

  /// A bare number (a ratio such as a COP), finite and inside [lo, hi].
  double number(std::string_view key, double lo, double hi, std::string_view expected) {
    return number_of(require(key), key, lo, hi, expected);
  }
  double number_of(const toml::node& n, std::string_view key, double lo, double hi,
                   std::string_view expected) const {
    if (!n.is_number()) fail(n, key, fmt::format("expected a number, got {}", node_text(n)));
    const double v = n.value<double>().value();
    if (!std::isfinite(v) || v < lo || v > hi)
      fail(n, key, fmt::format("{} is out of range; expected {}", node_text(n), expected));
    return v;
  }
  std::optional<double> number_opt(std::string_view key, double lo, double hi,
                                   std::string_view expected) {
    if (!has(key)) return std::nullopt;
    return number(key, lo, hi, expected);
  }

  /// A quantity written with its unit ("12 kW", "-7 C"); SI value inside [lo, hi] (SI).
  double quantity(std::string_view key, core::Dimension dim, double lo, double hi,
                  std::string_view expected) {
    return quantity_of(require(key), key, dim, lo, hi, expected);
  }
  double quantity_of(const toml::node& n, std::string_view key, core::Dimension dim, double lo,
                     double hi, std::string_view expected) const {
    double v = 0.0;
    if (n.is_string()) {
      try {
        v = core::parse_quantity(n.as_string()->get(), dim, field(key));
      } catch (const Error& e) {
        throw InvalidInput(fmt::format("{}: {}", where(n.source(), file_), e.what()));
      }
    } else if (n.is_number() && dim == core::Dimension::fraction) {
      v = n.value<double>().value();
    } else {
      fail(n, key,
           fmt::format("{} needs a unit, written as a string such as \"{} {}\"", node_text(n),
                       node_text(n), core::display_unit(dim).symbol));
    }
    if (!std::isfinite(v) || v < lo || v > hi)
      fail(n, key, fmt::format("{} is out of range; expected {}", node_text(n), expected));
    return v;
  }
  std::optional<double> quantity_opt(std::string_view key, core::Dimension dim, double lo,
                                     double hi, std::string_view expected) {
    if (!has(key)) return std::nullopt;
    return quantity(key, dim, lo, hi, expected);
  }

  std::optional<Confidence> confidence_opt(std::string_view key) {
    if (!has(key)) return std::nullopt;
    const std::string s = string(key);
    const auto c = parse_confidence(s);
    if (!c) fail(*get(key), key, fmt::format("'{}' is not one of C1, C2, PARTIAL, UNCONFIRMED", s));
    return c;
  }
  Confidence confidence(std::string_view key) {
    const auto c = confidence_opt(key);
    if (!c) fail_here(fmt::format("missing required key '{}'", key));
    return *c;
  }

  const toml::table& subtable(std::string_view key) {
    const toml::node& n = require(key);
    if (!n.is_table()) fail(n, key, "expected a table");
    return *n.as_table();
  }
  const toml::array& array(std::string_view key) {
    const toml::node& n = require(key);
    if (!n.is_array()) fail(n, key, "expected an array");
    return *n.as_array();
  }

  /// Rejects every key that no reader asked for (a typo must not be ignored).
  void finish() const {
    for (auto&& [k, v] : table_) {
      if (!known_.count(std::string(k.str()))) {
        throw InvalidInput(
            fmt::format("{}: {}: unknown key", where(k.source(), file_), field(k.str())));
      }
    }
  }

 private:
  const toml::table& table_;
  std::string path_;
  std::string_view file_;
  std::set<std::string> known_;
};

}  // namespace heatlift::standards::detail
