// Reading the TOML files users write (cycle designs, products, sites): field by field,
// with units, ranges and positions. Every error names file, line, column and the field's
// dotted path; a key nobody asked for is an error too (finish()), so a typo never passes
// silently.
//
// Only .cpp files that read user files include this header (it pulls in toml++).
#pragma once

#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "heatlift/core/units.hpp"

namespace heatlift::core {

struct ParamDecl;  // params.hpp

/// The value of a TOML number node (integer or float) as a double. An integer a double
/// cannot hold exactly is rounded to the nearest double (and then range-checked by the
/// caller) — toml++'s value<double>() gives none for it.
double toml_number(const toml::node& n);

/// "file:line:column" of a node.
std::string where(const toml::source_region& src, std::string_view fallback_file);

/// A closed interval a value must lie in, with the text shown when it does not.
struct Range {
  double lo = -HUGE_VAL;
  double hi = HUGE_VAL;
  std::string_view text = {};  ///< e.g. "above 0 K"; generated from lo/hi when empty

  /// True when `v` lies inside (never for NaN).
  constexpr bool contains(double v) const { return v >= lo && v <= hi; }
};

/// Numbers a reader rewrote to ±inf before parsing because no double holds them (toml++
/// refuses a 300-digit integer or 1e400), as the file wrote them, by "file:line:column".
using WrittenNumbers = std::map<std::string, std::string>;

/// A parsed TOML document that owns its tree.
class ConfigDocument {
 public:
  /// Parses a file; throws InvalidInput "file:line:column: reason" on a syntax error and
  /// DataMissing when the file cannot be read.
  static ConfigDocument from_file(const std::string& path);
  /// Parses text; `origin` names it in messages.
  static ConfigDocument from_text(std::string_view text, std::string origin);

  const toml::table& root() const { return *root_; }
  const std::string& origin() const { return origin_; }

  /// A copy with the value at dotted `key` (e.g. "heat_pump.capacity") set to `value`,
  /// read as a TOML value ("12 kW" must be quoted as in the file: "\"12 kW\""; a text
  /// that is not a TOML value is taken as a string). Missing tables on the path are
  /// created; a path through a non-table throws InvalidInput naming the key.
  ConfigDocument with_value(std::string_view key, std::string_view value) const;

 private:
  std::shared_ptr<toml::table> root_;
  std::string origin_;
};

/// One table of a document, read key by key.
class ConfigTable {
 public:
  ConfigTable(const toml::table& table, std::string path, std::string file);
  explicit ConfigTable(const ConfigDocument& doc) : ConfigTable(doc.root(), "", doc.origin()) {}

  /// Dotted path of a key in this table, e.g. "compressor.eta_isentropic".
  std::string field(std::string_view key) const;
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }

  [[noreturn]] void fail(std::string_view key, const std::string& msg) const;
  [[noreturn]] void fail_here(const std::string& msg) const;
  /// "file:line:column: dotted.key" of `key` (of this table when the key is absent): the
  /// prefix of fail()'s message, for a check that can only be made later (after a
  /// simulation) but must still point at the line that asked for it.
  std::string locate(std::string_view key) const;

  bool has(std::string_view key);

  std::string string(std::string_view key);
  std::string string_or(std::string_view key, std::string fallback);
  /// A string that must be one of `options`.
  std::string choice(std::string_view key, const std::vector<std::string_view>& options);
  std::string choice_or(std::string_view key, const std::vector<std::string_view>& options,
                        std::string fallback);

  /// A quantity written "<number> <unit>"; a bare number only for fractions.
  double quantity(std::string_view key, Dimension dim, const Range& range = {});
  double quantity_or(std::string_view key, Dimension dim, double fallback, const Range& range = {});
  std::optional<double> optional_quantity(std::string_view key, Dimension dim,
                                          const Range& range = {});
  /// An array of quantities of one dimension.
  std::vector<double> quantities(std::string_view key, Dimension dim, const Range& range = {});

  /// A plain number (no unit): ratios, exponents, coefficients.
  double number(std::string_view key, const Range& range = {});
  double number_or(std::string_view key, double fallback, const Range& range = {});
  std::optional<double> optional_number(std::string_view key, const Range& range = {});
  std::vector<double> numbers(std::string_view key);
  long long integer(std::string_view key, long long lo, long long hi);
  long long integer_or(std::string_view key, long long fallback, long long lo, long long hi);
  bool boolean_or(std::string_view key, bool fallback);
  std::vector<std::string> strings(std::string_view key);

  /// A declared parameter (params.hpp): kind, unit, range and default come from `p`.
  /// value(): a number or quantity, the default when absent; an error when absent with no
  /// default. optional_value(): nullopt when absent with no default (an error when
  /// `required`). text(): a text or choice. flag(): true/false with its declared default.
  double value(const ParamDecl& p);
  std::optional<double> optional_value(const ParamDecl& p);
  std::string text(const ParamDecl& p);
  std::optional<std::string> optional_text(const ParamDecl& p);
  bool flag(const ParamDecl& p);

  ConfigTable table(std::string_view key);
  std::optional<ConfigTable> optional_table(std::string_view key);
  /// An array of tables ([[key]]).
  std::vector<ConfigTable> tables(std::string_view key);

  /// Rejects every key that was not asked for, naming the keys this table knows.
  void finish() const;

  // Tables whose keys or arrays are data (the standards' grade tables, a product's
  // declarations): keys read by name from the file, arrays checked entry by entry.

  /// Lets `key` pass finish() without reading it (a formula written for people).
  void ignore(std::string_view key);
  /// Every key of this table, sorted; none is marked as read.
  std::vector<std::string> keys() const;
  /// A string that must not be empty.
  std::string nonempty_string(std::string_view key);
  /// One string or a non-empty array of strings: "floor" or ["floor", "radiator"].
  std::vector<std::string> one_or_more_strings(std::string_view key);
  /// An array of plain numbers, each inside `range`; an error names the entry.
  std::vector<double> numbers_in(std::string_view key, const Range& range);
  /// An array of rows of plain numbers ([[-10, 1], [-9, 25]]), each row as wide as
  /// `columns` and each number inside its column's range; `row_text` says what a row holds
  /// ("[Tj in °C, hours]").
  std::vector<std::vector<double>> number_rows(std::string_view key,
                                               const std::vector<Range>& columns,
                                               std::string_view row_text);
  /// Fails at entry `index` (from 0) of the array `key`, at its line and column, naming it
  /// "key[index + 1]" as tables() names its entries.
  [[noreturn]] void fail_entry(std::string_view key, std::size_t index,
                               const std::string& msg) const;

  // Values quoted as the file wrote them (the scenario reader: its files hold published
  // figures, and a message shows what the file said rather than an SI value).

  /// From now on this table, and the tables read from it, quote a value in messages as the
  /// file wrote it ("900 kgCO2/GJ", 1e400; long ones shortened) instead of as its SI value
  /// in the display unit, report an entry of an array out of range at its own position, and
  /// refuse inf, nan and numbers no double holds as out of range, with the range expected.
  /// `rewritten` (which must outlive the tables) gives the text of numbers rewritten to ±inf.
  void quote_as_written(const WrittenNumbers* rewritten = nullptr);
  /// An integer inside `range`; messages give the range's text ("a year from 2000 to 2100")
  /// and the value as written.
  long long integer(std::string_view key, const Range& range);
  /// An array of integers inside `range`; an error names the entry, quoted as written.
  std::vector<long long> integers(std::string_view key, const Range& range);
  /// An array at `p.key` of values of the declared parameter `p` (a number or quantity), each
  /// with the declaration's unit and range; an error names the entry, quoted as written.
  std::vector<double> values(const ParamDecl& p);
  /// True when `key` holds a table (a value that may also be written as a table).
  bool is_table(std::string_view key) const;
  /// The file the value at `key` was written in (a document merged from several files keeps
  /// each value's); this table's file when none is recorded.
  std::string origin(std::string_view key) const;
  /// An error about this table as a whole (shares that must add up), at the line of its key
  /// `at` (of the table when `at` is absent), naming the table.
  [[noreturn]] void fail_whole(std::string_view at, const std::string& msg) const;
  /// The unit the string at `key` was written in after its number ("10^4 units"); "" for a
  /// bare number or an absent key.
  std::string written_unit(std::string_view key) const;
  /// "file:line:column" of this table.
  std::string position() const;

 private:
  const toml::node& require(std::string_view key);
  double quantity_of(const toml::node& n, std::string_view key, Dimension dim,
                     const Range& range) const;
  double number_of(const toml::node& n, std::string_view key, const Range& range) const;
  void check_range(const toml::node& n, std::string_view key, double v, const Range& range,
                   std::optional<Dimension> dim) const;
  double entry_number(const toml::node& item, std::string_view key, std::size_t index,
                      const Range& range) const;

  const toml::table* table_;
  std::string path_;
  std::string file_;
  std::set<std::string, std::less<>> known_;

  std::string written(const toml::node& n) const;
  double entry_value(const toml::node& item, std::string_view key, std::size_t index,
                     const ParamDecl& p) const;
  const WrittenNumbers* as_written_ = nullptr;  ///< set by quote_as_written()
};

}  // namespace heatlift::core
