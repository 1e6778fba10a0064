// Reading one TOML table of a scenario file field by field (fleet-internal: included only by
// the scenario reader's own .cpp files, the only code of the fleet that sees TOML).
//
// Every value is checked against its declared range (limits.hpp) and every error names
// file:line:column, the dotted field and what was expected.
#pragma once

#include <toml++/toml.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/core/units.hpp"
#include "heatlift/fleet/limits.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::fleet::detail {

/// "file:line:column" of a source region; `fallback_file` when the region has no path.
std::string where(const toml::source_region& src, std::string_view fallback_file);

/// Numbers written in a file that no double can hold (a 300-digit integer, 1e400) are read
/// as ±inf so that the field's own range check refuses them; this keeps what was written,
/// by "file:line:column", for the message.
using Literals = std::map<std::string, std::string>;

/// What every reader of one decoded document shares.
struct Source {
  std::string_view file;     ///< the file being decoded (for positions without a path)
  const Literals* literals;  ///< numbers rewritten to ±inf, by position
};

/// A node as written: strings unquoted, numbers rewritten to ±inf as the file wrote them.
std::string node_text(const toml::node& n, const Source* src = nullptr);

/// Reads one TOML table field by field, remembering the keys it was asked for so that
/// finish() can reject every other key with its position.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, const Source& src)
      : table_(table), path_(std::move(path)), src_(src), file_(src.file) {}

  /// A reader of a table below this one (`path` is its dotted name).
  TableReader sub(const toml::table& table, std::string path) const {
    return TableReader(table, std::move(path), src_);
  }
  const Source& source() const { return src_; }
  std::string text(const toml::node& n) const;

  std::string field(std::string_view key) const;
  std::string_view file() const { return file_; }

  [[noreturn]] void fail(const toml::node& n, std::string_view key, const std::string& msg) const;
  [[noreturn]] void fail_here(const std::string& msg) const;

  const toml::node* get(std::string_view key);
  bool has(std::string_view key);
  const toml::node& require(std::string_view key);

  std::string string(std::string_view key);
  std::string string_or(std::string_view key, std::string fallback);
  std::string choice(std::string_view key, const std::vector<std::string_view>& options);

  int year(std::string_view key, const toml::node& n) const;
  int year(std::string_view key) { return year(key, require(key)); }
  int year_or(std::string_view key, int fallback) { return has(key) ? year(key) : fallback; }

  int integer(std::string_view key, const Limits& range);
  bool boolean_or(std::string_view key, bool fallback);

  /// A value node: a string "<number> <unit>" of the expected dimension (core/units.hpp),
  /// or a bare number when `expected` is a plain ratio (nullopt) or a fraction.
  double value_of(const toml::node& n, std::string_view key,
                  const std::optional<core::Dimension>& expected, const Limits& range) const;

  double quantity(std::string_view key, const std::optional<core::Dimension>& expected,
                  const Limits& range) {
    return value_of(require(key), key, expected, range);
  }
  double quantity_or(std::string_view key, const std::optional<core::Dimension>& expected,
                     const Limits& range, double fallback) {
    return has(key) ? quantity(key, expected, range) : fallback;
  }

  std::vector<double> array(std::string_view key, const std::optional<core::Dimension>& expected,
                            const Limits& range);
  std::vector<std::string> strings(std::string_view key);

  /// Anchor years of a path: strictly increasing integers.
  std::vector<double> years(std::string_view key);

  /// A path: either one value (constant) or a table {years = [...], values = [...]}.
  Path path(std::string_view key, const std::optional<core::Dimension>& expected,
            const Limits& range);
  Path path_or(std::string_view key, const std::optional<core::Dimension>& expected,
               const Limits& range, Path fallback) {
    return has(key) ? path(key, expected, range) : std::move(fallback);
  }

  const toml::table& table(std::string_view key);

  /// Rejects every key nobody asked for, at its position, listing the keys allowed here.
  void finish() const;

  const toml::table& raw() const { return table_; }

 private:
  const toml::table& table_;
  std::string path_;
  Source src_;
  std::string_view file_;
  std::set<std::string> known_;
};

// ---- value kinds (the ranges are declared in limits.hpp) ------------------------------

inline const std::optional<core::Dimension> kFraction = core::Dimension::fraction;
inline const std::optional<core::Dimension> kPlain = std::nullopt;

}  // namespace heatlift::fleet::detail
