#include "heatlift/core/config.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::core {
namespace {

std::string node_text(const toml::node& n) {
  if (const auto* s = n.as_string()) return fmt::format("\"{}\"", s->get());
  if (const auto* f = n.as_floating_point()) return fmt::format("{}", f->get());
  std::ostringstream os;
  n.visit([&](const auto& x) { os << x; });
  return os.str();
}

std::string show(double v, std::optional<Dimension> dim) {
  if (!dim) return fmt::format("{:g}", v);
  const UnitInfo& u = display_unit(*dim);
  return fmt::format("{:g} {}", to_unit(v, u.symbol), u.symbol);
}

// What a value outside `range` should have been: the range's own text, else its bounds.
std::string expected(const Range& range, std::optional<Dimension> dim) {
  if (!range.text.empty()) return std::string(range.text);
  if (range.lo > -HUGE_VAL && range.hi < HUGE_VAL)
    return fmt::format("{} to {}", show(range.lo, dim), show(range.hi, dim));
  if (range.lo > -HUGE_VAL) return fmt::format("at least {}", show(range.lo, dim));
  return fmt::format("at most {}", show(range.hi, dim));
}

// A value as written, cut when it is longer than a message should quote (a 300-digit
// integer): its start, its end and its length.
std::string shorten(std::string s) {
  if (s.size() <= 40) return s;
  return fmt::format("{}…{} ({} bytes)", utf8_prefix(s, 16), utf8_suffix(s, 4), s.size());
}

// False when the number a quantity starts with ("1e400 units", "inf a", 300 digits) is no
// finite double: the value is out of range rather than malformed.
bool finite_number_ahead(std::string_view s) {
  const std::size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return true;
  const char* begin = s.data() + first;
  if (*begin == '+') ++begin;
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), v);
  return ec != std::errc::result_out_of_range && (ec != std::errc() || std::isfinite(v));
}

}  // namespace

namespace {
// The origin of values set by ConfigDocument::with_value, which have no line in the file.
constexpr std::string_view kOverride = "<value set on the command line>";
}  // namespace

double toml_number(const toml::node& n) {
  if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = n.as_floating_point()) return f->get();
  throw InternalError("toml_number: the node is not a number");
}

std::string where(const toml::source_region& src, std::string_view fallback_file) {
  if (src.begin.line == 0 || (src.path && *src.path == kOverride)) {
    return fmt::format("{} {}", fallback_file, kOverride);
  }
  const std::string file = src.path ? *src.path : std::string(fallback_file);
  return fmt::format("{}:{}:{}", file, src.begin.line, src.begin.column);
}

ConfigDocument ConfigDocument::from_file(const std::string& path) {
  return from_text(read_text_file(path, "file"), path);
}

ConfigDocument ConfigDocument::from_text(std::string_view text, std::string origin) {
  ConfigDocument doc;
  doc.origin_ = std::move(origin);
  try {
    doc.root_ = std::make_shared<toml::table>(toml::parse(text, doc.origin_));
  } catch (const toml::parse_error& e) {
    throw InvalidInput(fmt::format("{}: {}", where(e.source(), doc.origin_), e.description()));
  }
  return doc;
}

ConfigDocument ConfigDocument::with_value(std::string_view key, std::string_view value) const {
  ConfigDocument doc;
  doc.origin_ = origin_;
  doc.root_ = std::make_shared<toml::table>(*root_);
  toml::table* t = doc.root_.get();
  std::string_view rest = key;
  while (true) {
    const std::size_t dot = rest.find('.');
    const std::string_view part = rest.substr(0, dot);
    if (part.empty()) {
      throw InvalidInput(fmt::format("setting '{}': expected a dotted key such as table.key", key));
    }
    if (dot == std::string_view::npos) {
      std::string wrapped = fmt::format("v = {}", value);
      toml::table snippet;
      try {
        snippet = toml::parse(std::string_view(wrapped), kOverride);
      } catch (const toml::parse_error&) {
        snippet = toml::table{};
        snippet.insert("v", std::string(value));
      }
      t->insert_or_assign(part, *snippet.get("v"));
      return doc;
    }
    toml::node* child = t->get(part);
    if (child == nullptr) {
      t->insert(part, toml::table{});
      child = t->get(part);
    }
    if (!child->is_table()) {
      throw InvalidInput(
          fmt::format("setting '{}': '{}' is not a table in {}", key, part, origin_));
    }
    t = child->as_table();
    rest = rest.substr(dot + 1);
  }
}

ConfigTable::ConfigTable(const toml::table& table, std::string path, std::string file)
    : table_(&table), path_(std::move(path)), file_(std::move(file)) {}

std::string ConfigTable::field(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

std::string ConfigTable::locate(std::string_view key) const {
  const toml::node* n = table_->get(key);
  const toml::source_region& src = n != nullptr ? n->source() : table_->source();
  return fmt::format("{}: {}", where(src, file_), field(key));
}

void ConfigTable::fail(std::string_view key, const std::string& msg) const {
  throw InvalidInput(fmt::format("{}: {}", locate(key), msg));
}

void ConfigTable::fail_here(const std::string& msg) const {
  throw InvalidInput(fmt::format("{}: {}: {}", where(table_->source(), file_),
                                 path_.empty() ? "(top level)" : path_, msg));
}

bool ConfigTable::has(std::string_view key) {
  known_.insert(std::string(key));
  return table_->contains(key);
}

const toml::node& ConfigTable::require(std::string_view key) {
  known_.insert(std::string(key));
  const toml::node* n = table_->get(key);
  if (n == nullptr) fail_here(fmt::format("missing required key '{}'", key));
  return *n;
}

std::string ConfigTable::string(std::string_view key) {
  const toml::node& n = require(key);
  if (!n.is_string()) fail(key, fmt::format("expected a string, got {}", node_text(n)));
  return n.as_string()->get();
}

std::string ConfigTable::string_or(std::string_view key, std::string fallback) {
  return has(key) ? string(key) : std::move(fallback);
}

std::string ConfigTable::choice(std::string_view key,
                                const std::vector<std::string_view>& options) {
  const std::string s = string(key);
  if (std::find(options.begin(), options.end(), s) == options.end())
    fail(key, fmt::format("'{}' is not one of {}", s, fmt::join(options, ", ")));
  return s;
}

std::string ConfigTable::choice_or(std::string_view key,
                                   const std::vector<std::string_view>& options,
                                   std::string fallback) {
  return has(key) ? choice(key, options) : std::move(fallback);
}

void ConfigTable::check_range(const toml::node& n, std::string_view key, double v,
                              const Range& range, std::optional<Dimension> dim) const {
  if (as_written_ != nullptr && !(std::isfinite(v) && range.contains(v))) {
    throw InvalidInput(fmt::format("{}: {}: {} is out of range; expected {}",
                                   where(n.source(), file_), field(key), written(n),
                                   expected(range, dim)));
  }
  if (!std::isfinite(v)) fail(key, fmt::format("{} is not a finite number", v));
  if (v < range.lo || v > range.hi)
    fail(key, fmt::format("{} is out of range; expected {}", show(v, dim), expected(range, dim)));
}

double ConfigTable::quantity_of(const toml::node& n, std::string_view key, Dimension dim,
                                const Range& range) const {
  double v = 0.0;
  if (n.is_string()) {
    if (as_written_ != nullptr && !finite_number_ahead(n.as_string()->get()))
      check_range(n, key, HUGE_VAL, range, dim);  // out of range, as written
    try {
      v = parse_quantity(n.as_string()->get(), dim, field(key));
    } catch (const Error& e) {
      throw InvalidInput(fmt::format("{}: {}", where(n.source(), file_), e.what()));
    }
  } else if (n.is_number() && dim == Dimension::fraction) {
    v = toml_number(n);
  } else {
    fail(key, fmt::format("{} needs a unit, written as a string such as \"{} {}\"", node_text(n),
                          node_text(n), display_unit(dim).symbol));
  }
  check_range(n, key, v, range, dim);
  return v;
}

double ConfigTable::quantity(std::string_view key, Dimension dim, const Range& range) {
  return quantity_of(require(key), key, dim, range);
}

double ConfigTable::quantity_or(std::string_view key, Dimension dim, double fallback,
                                const Range& range) {
  return has(key) ? quantity(key, dim, range) : fallback;
}

std::optional<double> ConfigTable::optional_quantity(std::string_view key, Dimension dim,
                                                     const Range& range) {
  if (!has(key)) return std::nullopt;
  return quantity(key, dim, range);
}

std::vector<double> ConfigTable::quantities(std::string_view key, Dimension dim,
                                            const Range& range) {
  const toml::node& n = require(key);
  const toml::array* arr = n.as_array();
  if (arr == nullptr) fail(key, fmt::format("expected an array, got {}", node_text(n)));
  std::vector<double> out;
  for (const toml::node& item : *arr) out.push_back(quantity_of(item, key, dim, range));
  return out;
}

double ConfigTable::number_of(const toml::node& n, std::string_view key, const Range& range) const {
  if (!n.is_number()) fail(key, fmt::format("expected a number, got {}", node_text(n)));
  const double v = toml_number(n);
  check_range(n, key, v, range, std::nullopt);
  return v;
}

double ConfigTable::number(std::string_view key, const Range& range) {
  return number_of(require(key), key, range);
}

double ConfigTable::number_or(std::string_view key, double fallback, const Range& range) {
  return has(key) ? number(key, range) : fallback;
}

std::optional<double> ConfigTable::optional_number(std::string_view key, const Range& range) {
  if (!has(key)) return std::nullopt;
  return number(key, range);
}

std::vector<double> ConfigTable::numbers(std::string_view key) {
  const toml::node& n = require(key);
  const toml::array* arr = n.as_array();
  if (arr == nullptr) fail(key, fmt::format("expected an array of numbers, got {}", node_text(n)));
  std::vector<double> out;
  for (const toml::node& item : *arr) out.push_back(number_of(item, key, {}));
  return out;
}

long long ConfigTable::integer(std::string_view key, long long lo, long long hi) {
  const toml::node& n = require(key);
  if (!n.is_integer()) fail(key, fmt::format("expected an integer, got {}", node_text(n)));
  const long long v = n.as_integer()->get();
  if (v < lo || v > hi) fail(key, fmt::format("{} is out of range; expected {} to {}", v, lo, hi));
  return v;
}

long long ConfigTable::integer_or(std::string_view key, long long fallback, long long lo,
                                  long long hi) {
  return has(key) ? integer(key, lo, hi) : fallback;
}

bool ConfigTable::boolean_or(std::string_view key, bool fallback) {
  if (!has(key)) return fallback;
  const toml::node& n = require(key);
  if (!n.is_boolean()) fail(key, fmt::format("expected true or false, got {}", node_text(n)));
  return n.as_boolean()->get();
}

std::vector<std::string> ConfigTable::strings(std::string_view key) {
  const toml::node& n = require(key);
  const toml::array* arr = n.as_array();
  if (arr == nullptr) fail(key, fmt::format("expected an array of strings, got {}", node_text(n)));
  std::vector<std::string> out;
  for (const toml::node& item : *arr) {
    if (!item.is_string()) fail(key, fmt::format("expected a string, got {}", node_text(item)));
    out.push_back(item.as_string()->get());
  }
  return out;
}

ConfigTable ConfigTable::table(std::string_view key) {
  const toml::node& n = require(key);
  if (!n.is_table())
    fail(key, fmt::format("expected a table [{}], got {}", field(key), node_text(n)));
  ConfigTable t(*n.as_table(), field(key), file_);
  t.as_written_ = as_written_;
  return t;
}

std::optional<ConfigTable> ConfigTable::optional_table(std::string_view key) {
  if (!has(key)) return std::nullopt;
  return table(key);
}

std::vector<ConfigTable> ConfigTable::tables(std::string_view key) {
  const toml::node& n = require(key);
  const toml::array* arr = n.as_array();
  if (arr == nullptr) fail(key, fmt::format("expected an array of tables [[{}]]", field(key)));
  std::vector<ConfigTable> out;
  std::size_t i = 0;
  for (const toml::node& item : *arr) {
    if (!item.is_table()) fail(key, fmt::format("entry {} is not a table", i + 1));
    out.emplace_back(*item.as_table(), fmt::format("{}[{}]", field(key), i + 1), file_);
    out.back().as_written_ = as_written_;
    ++i;
  }
  return out;
}

void ConfigTable::finish() const {
  for (const auto& [k, v] : *table_) {
    if (known_.find(k.str()) == known_.end()) {
      std::vector<std::string> names(known_.begin(), known_.end());
      throw InvalidInput(fmt::format(
          "{}: {}: unknown key; this table knows {}", where(k.source(), file_), field(k.str()),
          names.empty() ? std::string("no keys") : fmt::format("{}", fmt::join(names, ", "))));
    }
  }
}

void ConfigTable::ignore(std::string_view key) {
  known_.insert(std::string(key));
}

std::vector<std::string> ConfigTable::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : *table_) out.emplace_back(k.str());
  return out;
}

std::string ConfigTable::nonempty_string(std::string_view key) {
  std::string s = string(key);
  if (s.empty()) fail(key, "expected a non-empty string, got \"\"");
  return s;
}

std::vector<std::string> ConfigTable::one_or_more_strings(std::string_view key) {
  const toml::node& n = require(key);
  if (const auto* s = n.as_string()) return {s->get()};
  std::vector<std::string> out;
  if (n.is_array()) out = strings(key);
  if (out.empty())
    fail(key, fmt::format("expected a string or an array of strings, got {}", node_text(n)));
  return out;
}

double ConfigTable::entry_number(const toml::node& item, std::string_view key, std::size_t index,
                                 const Range& range) const {
  if (!item.is_number())
    fail_entry(key, index, fmt::format("expected a number, got {}", node_text(item)));
  const double v = toml_number(item);
  if (!std::isfinite(v)) fail_entry(key, index, fmt::format("{} is not a finite number", v));
  if (v < range.lo || v > range.hi) {
    fail_entry(key, index,
               fmt::format("{} is out of range; expected {}", show(v, std::nullopt),
                           expected(range, std::nullopt)));
  }
  return v;
}

std::vector<double> ConfigTable::numbers_in(std::string_view key, const Range& range) {
  const toml::node& n = require(key);
  const toml::array* arr = n.as_array();
  if (arr == nullptr) fail(key, fmt::format("expected an array of numbers, got {}", node_text(n)));
  std::vector<double> out;
  for (std::size_t i = 0; i < arr->size(); ++i)
    out.push_back(entry_number(*arr->get(i), key, i, range));
  return out;
}

std::vector<std::vector<double>> ConfigTable::number_rows(std::string_view key,
                                                          const std::vector<Range>& columns,
                                                          std::string_view row_text) {
  const toml::node& n = require(key);
  const toml::array* arr = n.as_array();
  if (arr == nullptr)
    fail(key, fmt::format("expected an array of rows {}, got {}", row_text, node_text(n)));
  std::vector<std::vector<double>> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::array* row = arr->get(i)->as_array();
    if (row == nullptr || row->size() != columns.size())
      fail_entry(key, i, fmt::format("expected {}, got {}", row_text, node_text(*arr->get(i))));
    std::vector<double>& values = out.emplace_back();
    for (std::size_t j = 0; j < columns.size(); ++j)
      values.push_back(entry_number(*row->get(j), key, i, columns[j]));
  }
  return out;
}

void ConfigTable::fail_entry(std::string_view key, std::size_t index,
                             const std::string& msg) const {
  const toml::node* n = table_->get(key);
  const toml::array* arr = n != nullptr ? n->as_array() : nullptr;
  const toml::node* item = arr != nullptr ? arr->get(index) : nullptr;
  if (item == nullptr) fail(key, msg);
  throw InvalidInput(
      fmt::format("{}: {}[{}]: {}", where(item->source(), file_), field(key), index + 1, msg));
}

// ---- values quoted as written ---------------------------------------------------------

namespace {
const WrittenNumbers kNoRewrittenNumbers;
}  // namespace

void ConfigTable::quote_as_written(const WrittenNumbers* rewritten) {
  as_written_ = rewritten != nullptr ? rewritten : &kNoRewrittenNumbers;
}

std::string ConfigTable::written(const toml::node& n) const {
  if (const auto* s = n.as_string()) return shorten(s->get());
  if (as_written_ != nullptr && n.is_floating_point()) {
    const auto it = as_written_->find(where(n.source(), file_));
    if (it != as_written_->end()) return shorten(it->second);
  }
  return shorten(node_text(n));
}

long long ConfigTable::integer(std::string_view key, const Range& range) {
  const toml::node& n = require(key);
  if (!n.is_integer()) {
    fail(key, fmt::format("expected an integer ({}), got {}", expected(range, std::nullopt),
                          written(n)));
  }
  const long long v = n.as_integer()->get();
  if (!range.contains(static_cast<double>(v)))
    fail(key, fmt::format("{} is out of range; expected {}", v, expected(range, std::nullopt)));
  return v;
}

std::vector<long long> ConfigTable::integers(std::string_view key, const Range& range) {
  const toml::node& n = require(key);
  const toml::array* arr = n.as_array();
  if (arr == nullptr) {
    fail(key, fmt::format("expected an array of integers ({}), got {}",
                          expected(range, std::nullopt), written(n)));
  }
  std::vector<long long> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::node& item = *arr->get(i);
    if (!item.is_integer()) {
      fail_entry(key, i,
                 fmt::format("expected an integer ({}), got {}", expected(range, std::nullopt),
                             written(item)));
    }
    const long long v = item.as_integer()->get();
    if (!range.contains(static_cast<double>(v))) {
      fail_entry(key, i,
                 fmt::format("{} is out of range; expected {}", v, expected(range, std::nullopt)));
    }
    out.push_back(v);
  }
  return out;
}

double ConfigTable::entry_value(const toml::node& item, std::string_view key, std::size_t index,
                                const ParamDecl& p) const {
  if (p.kind != ParamKind::number && (p.kind != ParamKind::quantity || !p.dimension)) {
    throw InternalError(
        fmt::format("parameter '{}' is a {}, not an array of numbers", p.key, to_string(p.kind)));
  }
  const std::optional<Dimension> dim = p.kind == ParamKind::quantity ? p.dimension : std::nullopt;
  double v = 0.0;
  if (!dim || (item.is_number() && *dim == Dimension::fraction)) {
    if (!item.is_number())
      fail_entry(key, index, fmt::format("expected a number, got {}", written(item)));
    v = toml_number(item);
  } else if (const auto* s = item.as_string()) {
    v = HUGE_VAL;  // out of range unless a finite double leads it
    if (finite_number_ahead(s->get())) {
      try {
        v = parse_quantity(s->get(), *dim, fmt::format("{}[{}]", field(key), index + 1));
      } catch (const Error& e) {
        throw InvalidInput(fmt::format("{}: {}", where(item.source(), file_), e.what()));
      }
    }
  } else {
    fail_entry(key, index,
               fmt::format("{} needs a unit, written as a string such as \"{} {}\"", written(item),
                           written(item), display_unit(*dim).symbol));
  }
  if (!std::isfinite(v) || !p.range.contains(v)) {
    fail_entry(
        key, index,
        fmt::format("{} is out of range; expected {}", written(item), expected(p.range, dim)));
  }
  return v;
}

std::vector<double> ConfigTable::values(const ParamDecl& p) {
  const toml::node& n = require(p.key);
  const toml::array* arr = n.as_array();
  if (arr == nullptr) fail(p.key, fmt::format("expected an array, got {}", written(n)));
  std::vector<double> out;
  for (std::size_t i = 0; i < arr->size(); ++i)
    out.push_back(entry_value(*arr->get(i), p.key, i, p));
  return out;
}

bool ConfigTable::is_table(std::string_view key) const {
  const toml::node* n = table_->get(key);
  return n != nullptr && n->is_table();
}

std::string ConfigTable::origin(std::string_view key) const {
  const toml::node* n = table_->get(key);
  if (n == nullptr || !n->source().path) return file_;
  return *n->source().path;
}

void ConfigTable::fail_whole(std::string_view at, const std::string& msg) const {
  const toml::node* n = table_->get(at);
  const toml::source_region& src = n != nullptr ? n->source() : table_->source();
  throw InvalidInput(
      fmt::format("{}: {}: {}", where(src, file_), path_.empty() ? "(top level)" : path_, msg));
}

std::string ConfigTable::written_unit(std::string_view key) const {
  const toml::node* n = table_->get(key);
  if (n == nullptr || !n->is_string()) return {};
  std::string_view s = n->as_string()->get();
  const std::size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  s = s.substr(first);
  const std::size_t gap = s.find_first_of(" \t");
  if (gap == std::string_view::npos) return {};
  s = s.substr(gap);
  const std::size_t unit = s.find_first_not_of(" \t");
  const std::size_t last = s.find_last_not_of(" \t");
  return unit == std::string_view::npos ? std::string()
                                        : std::string(s.substr(unit, last - unit + 1));
}

std::string ConfigTable::position() const {
  return where(table_->source(), file_);
}

}  // namespace heatlift::core
