#include "heatlift/fleet/scenario_io.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/fleet/limits.hpp"
#include "heatlift/fleet/quantity.hpp"
#include "heatlift/fleet/uncertainty.hpp"

namespace heatlift::fleet {
namespace {

namespace fs = std::filesystem;

std::string where(const toml::source_region& src, std::string_view fallback_file) {
  const std::string file = src.path ? *src.path : std::string(fallback_file);
  return fmt::format("{}:{}:{}", file, src.begin.line, src.begin.column);
}

/// Numbers written in a file that no double can hold (a 300-digit integer, 1e400) are read
/// as ±inf so that the field's own range check refuses them; this keeps what was written,
/// by "file:line:column", for the message.
using Literals = std::map<std::string, std::string>;

/// What every reader of one decoded document shares.
struct Source {
  std::string_view file;     ///< the file being decoded (for positions without a path)
  const Literals* literals;  ///< numbers rewritten to ±inf, by position
};

std::string shorten(const std::string& s) {
  if (s.size() <= 40) return s;
  return fmt::format("{}…{} ({} characters)", s.substr(0, 16), s.substr(s.size() - 4), s.size());
}

std::string node_text(const toml::node& n, const Source* src = nullptr) {
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
  std::string text(const toml::node& n) const { return shorten(node_text(n, &src_)); }

  std::string field(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
  }
  std::string_view file() const { return file_; }

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
  const toml::node& require(std::string_view key) {
    const toml::node* n = get(key);
    if (n == nullptr) fail_here(fmt::format("missing required key '{}'", key));
    return *n;
  }

  std::string string(std::string_view key) {
    const toml::node& n = require(key);
    if (!n.is_string()) fail(n, key, fmt::format("expected a string, got {}", text(n)));
    return n.as_string()->get();
  }
  std::string string_or(std::string_view key, std::string fallback) {
    return has(key) ? string(key) : std::move(fallback);
  }
  std::string choice(std::string_view key, const std::vector<std::string_view>& options) {
    const std::string s = string(key);
    if (std::find(options.begin(), options.end(), s) == options.end()) {
      fail(*get(key), key, fmt::format("'{}' is not one of {}", s, fmt::join(options, ", ")));
    }
    return s;
  }

  int year(std::string_view key, const toml::node& n) const {
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
  int year(std::string_view key) { return year(key, require(key)); }
  int year_or(std::string_view key, int fallback) { return has(key) ? year(key) : fallback; }

  int integer(std::string_view key, const Limits& range) {
    const toml::node& n = require(key);
    if (!n.is_integer()) {
      fail(n, key, fmt::format("expected an integer ({}), got {}", range.text, text(n)));
    }
    const auto v = n.as_integer()->get();
    if (!range.contains(static_cast<double>(v)))
      fail(n, key, fmt::format("{} is out of range; expected {}", v, range.text));
    return static_cast<int>(v);
  }

  bool boolean_or(std::string_view key, bool fallback) {
    const toml::node* n = get(key);
    if (n == nullptr) return fallback;
    if (!n->is_boolean()) fail(*n, key, fmt::format("expected true or false, got {}", text(*n)));
    return n->as_boolean()->get();
  }

  /// A value node: a string "<number> <unit>" of the expected kind, or a bare number
  /// when `expected` is a plain ratio (nullopt).
  double value_of(const toml::node& n, std::string_view key,
                  const std::optional<Expected>& expected, const Limits& range) const {
    double v = 0.0;
    if (!expected) {
      if (!n.is_number()) {
        fail(n, key, fmt::format("expected a number ({}), got {}", range.text, text(n)));
      }
      v = n.value<double>().value();
    } else if (n.is_string()) {
      // A number too large for a double ("1e400 units", 400 digits) is out of range, not
      // malformed.
      const std::string& s = n.as_string()->get();
      const auto first = s.find_first_not_of(" \t");
      double probe = 0.0;
      if (first != std::string::npos &&
          std::from_chars(s.data() + first, s.data() + s.size(), probe).ec ==
              std::errc::result_out_of_range) {
        fail(n, key, fmt::format("{} is out of range; expected {}", text(n), range.text));
      }
      try {
        v = parse_fleet_quantity(s, *expected, field(key));
      } catch (const Error& e) {
        throw InvalidInput(fmt::format("{}: {}", where(n.source(), file_), e.what()));
      }
    } else if (n.is_number() && std::holds_alternative<core::Dimension>(*expected) &&
               std::get<core::Dimension>(*expected) == core::Dimension::fraction) {
      v = n.value<double>().value();  // a bare fraction is its SI value (1 = 100 %)
    } else {
      fail(n, key,
           fmt::format("{} needs a unit, written as a string such as \"{} {}\"", text(n), text(n),
                       example_unit(*expected)));
    }
    // Every number has a declared range (limits.hpp); NaN and ±inf are never in one.
    if (!std::isfinite(v) || !range.contains(v)) {
      fail(n, key, fmt::format("{} is out of range; expected {}", text(n), range.text));
    }
    return v;
  }

  double quantity(std::string_view key, const std::optional<Expected>& expected,
                  const Limits& range) {
    return value_of(require(key), key, expected, range);
  }
  double quantity_or(std::string_view key, const std::optional<Expected>& expected,
                     const Limits& range, double fallback) {
    return has(key) ? quantity(key, expected, range) : fallback;
  }

  std::vector<double> array(std::string_view key, const std::optional<Expected>& expected,
                            const Limits& range) {
    const toml::node& n = require(key);
    const toml::array* a = n.as_array();
    if (a == nullptr || a->empty()) fail(n, key, "expected a non-empty array");
    std::vector<double> out;
    for (const toml::node& item : *a) out.push_back(value_of(item, key, expected, range));
    return out;
  }

  std::vector<std::string> strings(std::string_view key) {
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

  /// Anchor years of a path: strictly increasing integers.
  std::vector<double> years(std::string_view key) {
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

  /// A path: either one value (constant) or a table {years = [...], values = [...]}.
  Path path(std::string_view key, const std::optional<Expected>& expected, const Limits& range) {
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
  Path path_or(std::string_view key, const std::optional<Expected>& expected, const Limits& range,
               Path fallback) {
    return has(key) ? path(key, expected, range) : std::move(fallback);
  }

  const toml::table& table(std::string_view key) {
    const toml::node& n = require(key);
    if (!n.is_table()) fail(n, key, "expected a table");
    return *n.as_table();
  }

  /// Rejects every key nobody asked for, at its position, listing the keys allowed here.
  void finish() const {
    for (auto&& [k, v] : table_) {
      if (known_.count(std::string(k.str())) != 0) continue;
      const std::string location = where(k.source(), file_);
      std::vector<std::string> allowed(known_.begin(), known_.end());
      throw InvalidInput(fmt::format("{}: unknown key '{}'{}; allowed here: {}", location,
                                     field(k.str()), path_.empty() ? "" : "",
                                     fmt::join(allowed, ", ")));
    }
  }

  const toml::table& raw() const { return table_; }

 private:
  static std::string_view example_unit(const Expected& e) {
    if (const auto* d = std::get_if<FleetDimension>(&e)) {
      switch (*d) {
        case FleetDimension::count: return "10^4 units";
        case FleetDimension::money: return "10^4 CNY";
        case FleetDimension::co2: return "MtCO2";
        case FleetDimension::emission_factor: return "kgCO2/kWh";
        case FleetDimension::per_year: return "%/a";
        case FleetDimension::years: return "a";
        case FleetDimension::energy_per_year: return "MWh/a";
        case FleetDimension::heat_load: return "W/m2";
        case FleetDimension::large_area: return "10^8 m2";
        case FleetDimension::gwp: return "kgCO2e/kg";
      }
    }
    return core::display_unit(std::get<core::Dimension>(e)).symbol;
  }

  const toml::table& table_;
  std::string path_;
  Source src_;
  std::string_view file_;
  std::set<std::string> known_;
};

// ---- value kinds (the ranges are declared in limits.hpp) ------------------------------

const std::optional<Expected> kFraction = Expected{core::Dimension::fraction};
const std::optional<Expected> kPlain = std::nullopt;

// ---- GWP table (data/refrigerants/gwp.csv) -----------------------------------------------

struct GwpRow {
  std::string composition;
  std::map<std::string, std::string> by_basis;  // "AR4" -> "2088"
};

std::map<std::string, GwpRow> read_gwp_table(const core::DataStore& data) {
  const std::string text = data.read("refrigerants/gwp.csv");
  std::istringstream in(text);
  std::map<std::string, GwpRow> rows;
  std::vector<std::string> header;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted) {
        cells.push_back(cell);
        cell.clear();
      } else
        cell += c;
    }
    cells.push_back(cell);
    if (header.empty()) {
      header = cells;
      continue;
    }
    GwpRow row;
    row.composition = cells.size() > 1 ? cells[1] : "";
    for (std::size_t i = 2; i < cells.size() && i < header.size(); ++i) {
      if (header[i].rfind("gwp_", 0) == 0) {
        std::string basis = header[i].substr(4);
        std::transform(basis.begin(), basis.end(), basis.begin(), ::toupper);
        row.by_basis[basis] = cells[i];
      }
    }
    rows[cells[0]] = row;
  }
  return rows;
}

// ---- documents: extends and merging ---------------------------------------------------------

// Moves the overlay's nodes into base (tables merged key by key); moving keeps each
// node's source position, so errors still point into the file that set the value.
void merge_into(toml::table& base, toml::table& overlay) {
  for (auto&& [k, v] : overlay) {
    if (toml::table* ot = v.as_table()) {
      if (toml::table* bt = base.get_as<toml::table>(k.str())) {
        merge_into(*bt, *ot);
        continue;
      }
    }
    const toml::key& key = k;  // a plain reference: clang 14 cannot capture a binding
    v.visit([&](auto& x) { base.insert_or_assign(key, std::move(x)); });
  }
}

struct Document {
  toml::table table;
  std::string file;
  Literals literals;  ///< numbers too large to hold, read as ±inf (of this file and its bases)
};

std::string read_file_text(const fs::path& p) {
  return core::read_text_file(p, "scenario file");
}

bool is_shipped_name(std::string_view s) {
  return !s.empty() && s.find('/') == std::string_view::npos &&
         s.find(".toml") == std::string_view::npos;
}

Document parse_document(const core::DataStore& data, std::string_view text, std::string_view file,
                        int depth);

Document load_document(const core::DataStore& data, std::string_view name_or_path,
                       const fs::path& relative_to, int depth) {
  if (is_shipped_name(name_or_path)) {
    const std::string rel = fmt::format("scenarios/{}.toml", name_or_path);
    if (!data.exists(rel)) {
      std::vector<std::string> names = shipped_scenarios(data);
      throw InvalidInput(
          fmt::format("no scenario named '{}'; shipped scenarios: {} (or give a "
                      "path to a .toml file)",
                      name_or_path, fmt::join(names, ", ")));
    }
    return parse_document(data, data.read(rel), rel, depth);
  }
  fs::path p(name_or_path);
  if (p.is_relative() && !relative_to.empty()) p = relative_to / p;
  return parse_document(data, read_file_text(p), p.string(), depth);
}

/// Byte offset of the 1-based `column` (counted in code points, as toml++ does) in `line`.
std::size_t byte_of_column(std::string_view line, std::size_t column) {
  std::size_t i = 0;
  for (std::size_t c = 1; c < column && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

bool number_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.' ||
         c == '_';
}

/// When `e` is toml++ refusing a number no double can hold (a 300-digit integer, 1e400),
/// rewrites that number in `text` to inf or -inf, records what was written under its
/// position in `literals` and returns true; otherwise false. The reader then refuses the
/// value by its field's range, naming the field.
bool rewrite_unholdable_number(std::string& text, const toml::parse_error& e, std::string_view file,
                               Literals& literals) {
  const std::string_view d = e.description();
  if (d.find("not representable") == std::string_view::npos &&
      d.find("numeric value too long") == std::string_view::npos &&
      d.find("could not be interpreted") == std::string_view::npos) {
    return false;
  }
  // The line of the error.
  std::size_t begin = 0;
  for (std::size_t l = 1; l < e.source().begin.line; ++l) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return false;
    ++begin;
  }
  const std::size_t end = std::min(text.find('\n', begin), text.size());
  const std::string_view line(text.data() + begin, end - begin);
  // toml++ points at the number's first character or just past its last one.
  std::size_t at = byte_of_column(line, e.source().begin.column);
  if (at >= line.size() || !number_char(line[at])) {
    if (at == 0 || !number_char(line[at - 1])) return false;
    --at;
  }
  std::size_t first = at, last = at + 1;
  while (first > 0 && number_char(line[first - 1])) --first;
  while (last < line.size() && number_char(line[last])) ++last;
  const std::string_view token = line.substr(first, last - first);
  const std::size_t digit = token.find_first_not_of("+-");
  if (digit == std::string_view::npos || !std::isdigit(static_cast<unsigned char>(token[digit])))
    return false;
  // The position toml++ will give the rewritten value: its first character.
  std::size_t column = 1;
  for (std::size_t i = 0; i < first; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  literals[fmt::format("{}:{}:{}", file, e.source().begin.line, column)] = std::string(token);
  text.replace(begin + first, token.size(), token.front() == '-' ? "-inf" : "inf");
  return true;
}

Document parse_document(const core::DataStore& data, std::string_view text_in,
                        std::string_view file, int depth) {
  if (depth > 8) throw InvalidInput(fmt::format("{}: 'extends' nests too deep", file));
  toml::table table;
  std::string text(text_in);
  Literals literals;
  for (;;) {
    try {
      table = toml::parse(std::string_view(text), file);
      break;
    } catch (const toml::parse_error& e) {
      // Each pass rewrites one number; a line holds a bounded number of them.
      if (literals.size() < 10000 && rewrite_unholdable_number(text, e, file, literals)) continue;
      throw InvalidInput(fmt::format("{}: {}", where(e.source(), file), e.description()));
    }
  }
  if (const toml::node* ext = table.get("extends")) {
    if (!ext->is_string()) {
      throw InvalidInput(fmt::format("{}: extends: expected a scenario name or file, got {}",
                                     where(ext->source(), file), node_text(*ext)));
    }
    const std::string base_name = ext->as_string()->get();
    const fs::path dir = is_shipped_name(base_name) ? fs::path() : fs::path(file).parent_path();
    Document base = load_document(data, base_name, dir, depth + 1);
    table.erase("extends");
    base.table.erase("targets");  // a derived scenario reproduces nothing by inheritance
    base.table.erase("name");
    base.table.erase("title");
    merge_into(base.table, table);
    base.literals.merge(literals);
    return {std::move(base.table), std::string(file), std::move(base.literals)};
  }
  return {std::move(table), std::string(file), std::move(literals)};
}

// ---- decoding ---------------------------------------------------------------------------

/// Shares that make up a whole (`sum` of the entries of `t`, the value of `key`) must add up
/// to 100 % within limits::kShareSumTolerance. The error points at the first entry the file
/// being read sets (a scenario that extends another may override only some), else at `t`.
void check_sum(TableReader& r, const toml::table& t, std::string_view key, double sum,
               std::string_view what) {
  if (std::isfinite(sum) && std::abs(sum - 1.0) <= limits::kShareSumTolerance) return;
  const toml::node* blame = &t;
  for (auto&& [k, v] : t) {
    const auto& path = v.source().path;
    if (path && *path == r.source().file) {
      blame = &v;
      break;
    }
  }
  r.fail(*blame, key,
         fmt::format("{} add up to {:.6g} %, expected 100 % (within {:g} %)", what, sum * 100.0,
                     limits::kShareSumTolerance * 100.0));
}

Growth read_growth(TableReader& seg) {
  TableReader r = seg.sub(seg.table("growth"), seg.field("growth"));
  Growth g;
  const std::string model = r.choice("model", {"logistic", "cagr", "bass"});
  if (model == "logistic") {
    g.kind = GrowthKind::logistic;
    g.saturation =
        r.quantity("saturation", Expected{FleetDimension::count}, limits::units_positive);
    g.midpoint = r.quantity("midpoint", kPlain, limits::year);
    g.rate = r.quantity("rate", Expected{FleetDimension::per_year}, limits::logistic_rate);
  } else if (model == "cagr") {
    g.kind = GrowthKind::cagr;
    const std::vector<double> from = r.years("from");
    const std::vector<double> to = r.years("to");
    const std::vector<double> rate =
        r.array("rate", Expected{FleetDimension::per_year}, limits::growth_rate);
    if (to.size() != from.size() || rate.size() != from.size()) {
      r.fail(r.require("rate"), "rate", "from, to and rate must have the same number of entries");
    }
    for (std::size_t i = 0; i < from.size(); ++i) {
      if (to[i] < from[i]) r.fail(r.require("to"), "to", "each period must end after it starts");
      g.periods.push_back({static_cast<int>(from[i]), static_cast<int>(to[i]), rate[i]});
    }
  } else {
    g.kind = GrowthKind::bass;
    g.market = r.quantity("market", Expected{FleetDimension::count}, limits::units_positive);
    g.p = r.quantity("p", Expected{FleetDimension::per_year}, limits::bass_p);
    g.q = r.quantity("q", Expected{FleetDimension::per_year}, limits::bass_q);
  }
  r.finish();
  return g;
}

std::string source_names(const Scenario& sc) {
  std::string out;
  for (const auto& [name, src] : sc.sources) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Segment read_segment(const toml::table& t, const std::string& name, const Source& source,
                     int base_year, const Scenario& sc) {
  const std::string_view file = source.file;
  TableReader r(t, "segments." + name, source);
  Segment s;
  s.name = name;
  s.end_use = r.choice("end_use", {"space_heating", "hot_water"}) == "space_heating"
                  ? EndUse::space_heating
                  : EndUse::hot_water;
  s.sector = r.choice("sector", {"household", "commercial"}) == "household" ? Sector::household
                                                                            : Sector::commercial;
  s.history_start = r.year("history_start");
  if (s.history_start > base_year) {
    r.fail(r.require("history_start"), "history_start",
           fmt::format("{} is after the base year {}", s.history_start, base_year));
  }
  s.history_sales =
      r.array("history_sales", Expected{FleetDimension::count}, limits::units_per_year);
  if (static_cast<int>(s.history_sales.size()) != base_year - s.history_start + 1) {
    r.fail(r.require("history_sales"), "history_sales",
           fmt::format("has {} years but {}..{} needs {}", s.history_sales.size(), s.history_start,
                       base_year, base_year - s.history_start + 1));
  }
  s.prehistory_start = r.year_or("prehistory_start", s.history_start);
  if (s.prehistory_start > s.history_start) {
    r.fail(r.require("prehistory_start"), "prehistory_start", "must not be after history_start");
  }
  s.prehistory_growth = r.quantity_or("prehistory_growth", Expected{FleetDimension::per_year},
                                      limits::growth_rate, 0.0);
  s.growth = read_growth(r);
  s.price = r.path("price", Expected{FleetDimension::money}, limits::unit_price);
  s.capacity = r.path("capacity", Expected{core::Dimension::power}, limits::capacity);
  {
    TableReader lt = r.sub(r.table("lifetime"), r.field("lifetime"));
    s.lifetime.shape = lt.quantity("shape", kPlain, limits::lifetime_shape);
    s.lifetime.scale =
        lt.quantity("scale", Expected{FleetDimension::years}, limits::lifetime_scale);
    lt.finish();
  }
  s.heat_per_unit =
      r.path("heat_per_unit", Expected{FleetDimension::energy_per_year}, limits::heat_per_unit);
  s.spf = r.path("spf", kPlain, limits::spf);
  s.cop_design = r.path("cop_design", kPlain, limits::cop_design);
  s.design_load_share = r.quantity("design_load_share", kFraction, limits::share);
  s.backup_share = r.path("backup_share", kFraction, limits::share);
  s.backup_design_share = r.path("backup_design_share", kFraction, limits::share);
  s.design_heat_load = r.quantity_or("design_heat_load", Expected{FleetDimension::heat_load},
                                     limits::design_heat_load, 0.0);
  {
    const toml::table& rep = r.table("replaced");
    TableReader rr = r.sub(rep, r.field("replaced"));
    double sum = 0.0;
    for (auto&& [k, v] : rep) {
      const std::string src(k.str());
      if (sc.sources.count(src) == 0) {
        throw InvalidInput(
            fmt::format("{}: {}: unknown heat source '{}'; declared in [sources]: {}",
                        where(k.source(), file), rr.field(src), src, source_names(sc)));
      }
      const double share = rr.quantity(src, kFraction, limits::share);
      s.replaced[src] = share;
      sum += share;
    }
    check_sum(r, rep, "replaced", sum, "shares");
  }
  {
    const toml::table& mix = r.table("refrigerants");
    TableReader mr = r.sub(mix, r.field("refrigerants"));
    const std::vector<double> years = mr.years("years");
    for (auto&& [k, v] : mix) {
      const std::string ref(k.str());
      if (ref == "years") continue;
      if (sc.refrigerants.count(ref) == 0) {
        throw InvalidInput(
            fmt::format("{}: {}: refrigerant '{}' has no GWP in "
                        "refrigerants/gwp.csv for the scenario's gwp_basis",
                        where(k.source(), file), mr.field(ref), ref));
      }
      Path p{years, mr.array(ref, kFraction, limits::share)};
      if (p.values.size() != years.size()) {
        mr.fail(v, ref,
                fmt::format("has {} entries but years has {}", p.values.size(), years.size()));
      }
      s.refrigerant_mix[ref] = p;
    }
    for (std::size_t i = 0; i < years.size(); ++i) {
      double sum = 0.0;
      for (const auto& [ref, p] : s.refrigerant_mix) sum += p.values[i];
      check_sum(r, mix, "refrigerants", sum, fmt::format("shares in {}", years[i]));
    }
  }
  s.charge = r.path("charge", Expected{core::Dimension::mass}, limits::charge);
  s.leak_rate = r.path("leak_rate", Expected{FleetDimension::per_year}, limits::share_per_year);
  s.eol_recovery = r.path("eol_recovery", kFraction, limits::share);
  r.finish();
  return s;
}

std::vector<std::string> segment_filter(TableReader& r, const Scenario& sc) {
  std::vector<std::string> names = r.strings("segments");
  for (const auto& n : names) {
    const bool found = std::any_of(sc.segments.begin(), sc.segments.end(),
                                   [&](const Segment& s) { return s.name == n; });
    if (!found) r.fail(r.require("segments"), "segments", fmt::format("no segment named '{}'", n));
  }
  return names;
}

void check_ramp(TableReader& r, int from, int by) {
  if (by < from) r.fail(r.require("by"), "by", fmt::format("{} is before from = {}", by, from));
}

Levers read_levers(const toml::table& t, const Source& source, const Scenario& sc) {
  const std::string_view file = source.file;
  TableReader top(t, "levers", source);
  Levers lv;
  for (auto&& [k, v] : t) lv.names.emplace_back(k.str());
  if (top.has("efficiency")) {
    TableReader r = top.sub(top.table("efficiency"), top.field("efficiency"));
    Levers::Efficiency e;
    e.gain = r.quantity("gain", kFraction, limits::gain);
    e.from = r.year("from");
    e.by = r.year("by");
    check_ramp(r, e.from, e.by);
    e.segments = segment_filter(r, sc);
    r.finish();
    lv.efficiency = e;
  }
  if (top.has("retrofit")) {
    TableReader r = top.sub(top.table("retrofit"), top.field("retrofit"));
    Levers::Retrofit e;
    e.min_age = r.integer("min_age", limits::retrofit_min_age);
    e.from = r.year("from");
    e.to = r.year("to");
    if (e.to < e.from) r.fail(r.require("to"), "to", "must not be before from");
    e.retrofit_share = r.quantity_or("retrofit_share", Expected{FleetDimension::per_year},
                                     limits::share_per_year, 0.0);
    e.spf_gain = r.quantity_or("spf_gain", kFraction, limits::gain, 0.0);
    e.retire_share = r.quantity_or("retire_share", Expected{FleetDimension::per_year},
                                   limits::share_per_year, 0.0);
    e.segments = segment_filter(r, sc);
    r.finish();
    lv.retrofit = e;
  }
  if (const toml::node* n = top.get("coal_replacement")) {
    const toml::array* arr = n->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      top.fail(*n, "coal_replacement", "expected one or more [[levers.coal_replacement]] blocks");
    }
    for (const toml::node& item : *arr) {
      TableReader r = top.sub(*item.as_table(), top.field("coal_replacement"));
      Levers::CoalReplacement c;
      c.segment = r.string("segment");
      if (std::none_of(sc.segments.begin(), sc.segments.end(),
                       [&](const Segment& s) { return s.name == c.segment; })) {
        r.fail(r.require("segment"), "segment", fmt::format("no segment named '{}'", c.segment));
      }
      c.from = r.year("from");
      c.to = r.year("to");
      if (c.to < c.from) r.fail(r.require("to"), "to", "must not be before from");
      c.units_per_year =
          r.quantity("units_per_year", Expected{FleetDimension::count}, limits::units_per_year);
      c.source = r.string_or("source", "coal_boiler");
      if (sc.sources.count(c.source) == 0) {
        r.fail(r.require("source"), "source", fmt::format("no heat source named '{}'", c.source));
      }
      r.finish();
      lv.coal_replacement.push_back(c);
    }
  }
  if (top.has("less_backup")) {
    TableReader r = top.sub(top.table("less_backup"), top.field("less_backup"));
    Levers::LessBackup e;
    e.reduction = r.quantity("reduction", kFraction, limits::share);
    e.from = r.year("from");
    e.by = r.year("by");
    check_ramp(r, e.from, e.by);
    e.segments = segment_filter(r, sc);
    r.finish();
    lv.less_backup = e;
  }
  if (top.has("low_gwp")) {
    TableReader r = top.sub(top.table("low_gwp"), top.field("low_gwp"));
    Levers::LowGwp e;
    e.from = r.year("from");
    e.by = r.year("by");
    check_ramp(r, e.from, e.by);
    const toml::table& target = r.table("target");
    TableReader tr = r.sub(target, r.field("target"));
    double sum = 0.0;
    for (auto&& [k, v] : target) {
      const std::string ref(k.str());
      if (sc.refrigerants.count(ref) == 0) {
        throw InvalidInput(
            fmt::format("{}: {}: refrigerant '{}' has no GWP in refrigerants/gwp.csv",
                        where(k.source(), file), tr.field(ref), ref));
      }
      e.target[ref] = tr.quantity(ref, kFraction, limits::share);
      sum += e.target[ref];
    }
    check_sum(r, target, "target", sum, "shares");
    e.leak_rate = r.quantity_or("leak_rate", Expected{FleetDimension::per_year},
                                limits::share_per_year, -1.0);
    e.eol_recovery = r.quantity_or("eol_recovery", kFraction, limits::share, -1.0);
    e.segments = segment_filter(r, sc);
    r.finish();
    lv.low_gwp = e;
  }
  if (top.has("grid")) {
    lv.grid =
        top.path("grid", Expected{FleetDimension::emission_factor}, limits::grid_emission_factor);
  }
  top.finish();
  return lv;
}

Scenario decode(const core::DataStore& data, const Document& doc) {
  const std::string_view file = doc.file;
  const Source source{file, &doc.literals};
  TableReader r(doc.table, "", source);
  Scenario sc;
  sc.file = doc.file;
  sc.source = r.string("source");
  sc.name = r.string("name");
  sc.title = r.string_or("title", sc.name);
  sc.base_year = r.year("base_year");
  sc.end_year = r.year("end_year");
  if (sc.end_year <= sc.base_year) {
    r.fail(r.require("end_year"), "end_year", "must be after base_year");
  }
  if (r.has("milestones")) {
    sc.milestones.clear();
    for (double y : r.years("milestones")) sc.milestones.push_back(static_cast<int>(y));
  }
  sc.grid = r.path("grid", Expected{FleetDimension::emission_factor}, limits::grid_emission_factor);

  // Heat sources the heat pumps replace.
  {
    const toml::table& st = r.table("sources");
    for (auto&& [k, v] : st) {
      const std::string name(k.str());
      if (!v.is_table()) r.sub(st, "sources").fail(v, name, "expected a table");
      TableReader sr = r.sub(*v.as_table(), "sources." + name);
      HeatSource h;
      h.name = name;
      h.electric = sr.boolean_or("electric", false);
      h.efficiency = sr.quantity("efficiency", kFraction, limits::source_efficiency);
      if (!h.electric) {
        h.emission_factor =
            sr.quantity("emission_factor", Expected{FleetDimension::emission_factor},
                        limits::fuel_emission_factor);
      }
      sr.finish();
      sc.sources[name] = h;
    }
  }

  // Refrigerants: GWPs from data/refrigerants/gwp.csv, HFC part by the Kigali list.
  const std::string basis = r.choice("gwp_basis", {"AR4", "AR5", "AR6"});
  {
    TableReader kr = r.sub(r.table("kigali"), "kigali");
    const std::vector<std::string> controlled = kr.strings("controlled");
    const std::vector<double> baseline = kr.years("baseline");
    if (baseline.size() != 2) kr.fail(kr.require("baseline"), "baseline", "expected [first, last]");
    sc.kigali.baseline_from = static_cast<int>(baseline[0]);
    sc.kigali.baseline_to = static_cast<int>(baseline[1]);
    for (double y : kr.years("step_years")) sc.kigali.step_years.push_back(static_cast<int>(y));
    sc.kigali.step_share = kr.array("step_allowed", kFraction, limits::share);
    if (sc.kigali.step_share.size() != sc.kigali.step_years.size()) {
      kr.fail(kr.require("step_allowed"), "step_allowed", "needs one entry per step year");
    }
    kr.finish();
    const auto table = read_gwp_table(data);
    const std::set<std::string> hfc(controlled.begin(), controlled.end());
    for (const auto& [name, row] : table) {
      const auto it = row.by_basis.find(basis);
      if (it == row.by_basis.end() || it->second.empty()) continue;
      Refrigerant ref;
      ref.name = name;
      ref.gwp = std::stod(it->second);
      // HFC part: pure controlled fluids count whole, blends by their controlled components.
      if (row.composition == "pure") {
        ref.hfc_gwp = hfc.count(name) ? ref.gwp : 0.0;
      } else {
        const auto space = row.composition.find(' ');
        std::vector<std::string> parts;
        std::vector<double> shares;
        std::stringstream names(row.composition.substr(0, space));
        std::stringstream fracs(space == std::string::npos ? ""
                                                           : row.composition.substr(space + 1));
        for (std::string p; std::getline(names, p, '/');) parts.push_back(p);
        for (std::string f; std::getline(fracs, f, '/');) shares.push_back(std::stod(f) / 100.0);
        for (std::size_t i = 0; i < parts.size() && i < shares.size(); ++i) {
          const auto c = table.find(parts[i]);
          if (!hfc.count(parts[i]) || c == table.end()) continue;
          const auto g = c->second.by_basis.find(basis);
          if (g != c->second.by_basis.end() && !g->second.empty())
            ref.hfc_gwp += shares[i] * std::stod(g->second);
        }
      }
      sc.refrigerants[name] = ref;
    }
  }

  // Segments, space heating before hot water, household before commercial.
  {
    const toml::table& segs = r.table("segments");
    for (auto&& [k, v] : segs) {
      const std::string name(k.str());
      if (!v.is_table()) r.sub(segs, "segments").fail(v, name, "expected a table");
      sc.segments.push_back(read_segment(*v.as_table(), name, source, sc.base_year, sc));
    }
    std::stable_sort(sc.segments.begin(), sc.segments.end(),
                     [](const Segment& a, const Segment& b) {
                       return std::pair(a.end_use, a.sector) < std::pair(b.end_use, b.sector);
                     });
    if (sc.segments.empty()) r.fail(segs, "segments", "declares no segment");
  }

  if (r.has("levers")) sc.levers = read_levers(r.table("levers"), source, sc);

  if (const toml::node* tn = r.get("targets")) {
    const toml::array* arr = tn->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      r.fail(*tn, "targets", "expected [[targets]] blocks");
    }
    for (const toml::node& item : *arr) {
      TableReader tr = r.sub(*item.as_table(), "targets");
      Target t;
      t.year = tr.year("year");
      t.end_use = tr.choice("end_use", {"space_heating", "hot_water", "total"});
      if (const toml::node* in = tr.get("indicator");
          in != nullptr && in->is_string() && in->as_string()->get() == "co2_gross") {
        tr.fail(*in, "indicator",
                "'co2_gross' is now called 'co2_reduction_gross' (it is the CO2 the heat pumps "
                "avoid, a reduction)");
      }
      t.indicator = tr.choice("indicator", {"sales", "market_value", "co2_reduction_gross"});
      const toml::node& vn = tr.require("value");
      const bool sales = t.indicator == "sales", money = t.indicator == "market_value";
      const Expected kind = sales   ? Expected{FleetDimension::count}
                            : money ? Expected{FleetDimension::money}
                                    : Expected{FleetDimension::co2};
      t.value = tr.quantity("value", kind,
                            sales   ? limits::units_per_year
                            : money ? limits::market_value
                                    : limits::co2_per_year);
      const std::string text = vn.as_string()->get();
      const auto sp = text.find_first_of(" \t");
      t.unit = sp == std::string::npos ? "" : text.substr(text.find_first_not_of(" \t", sp));
      t.tolerance = tr.quantity("tolerance", kFraction, limits::tolerance);
      t.status = tr.string_or("status", "");
      t.enforced = tr.boolean_or("enforced", true);
      tr.finish();
      if (t.year < sc.base_year || t.year > sc.end_year) {
        tr.fail(item, "year",
                fmt::format("{} is outside {}..{}", t.year, sc.base_year, sc.end_year));
      }
      sc.targets.push_back(t);
    }
  }

  if (const toml::node* un = r.get("uncertainty")) {
    const toml::array* arr = un->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      r.fail(*un, "uncertainty", "expected [[uncertainty]] blocks");
    }
    for (const toml::node& item : *arr) {
      TableReader ur = r.sub(*item.as_table(), "uncertainty");
      Uncertainty u;
      u.where = where(item.source(), file);
      u.parameter = ur.string("parameter");
      ParameterInfo info;
      try {
        info = describe_parameter(sc, u.parameter);
      } catch (const Error& e) {
        ur.fail(*ur.get("parameter"), "parameter", e.what());
      }
      u.factor = info.path;
      u.lo = info.range.lo;
      u.hi = info.range.hi;
      const Limits& valid = info.range;
      const std::string dist = ur.choice("distribution", {"normal", "triangular", "uniform"});
      auto unit_of = [&](std::string_view key) {
        const toml::node* n = ur.get(key);
        if (n == nullptr || !n->is_string()) return std::string();
        const std::string text = n->as_string()->get();
        const auto sp = text.find_first_of(" \t");
        return sp == std::string::npos ? std::string()
                                       : text.substr(text.find_first_not_of(" \t", sp));
      };
      if (dist == "normal") {
        u.distribution = Uncertainty::Distribution::normal;
        u.a = ur.quantity("mean", info.expected, valid);
        u.b = ur.quantity("sd", info.expected, limits::positive);
        u.unit = unit_of("mean");
        if (!valid.contains(u.a - 3.0 * u.b) || !valid.contains(u.a + 3.0 * u.b)) {
          ur.fail(*ur.get("sd"), "sd",
                  fmt::format("mean ± 3 sd reaches outside the valid range {} of {}; give a "
                              "smaller sd or a triangular or uniform distribution",
                              valid.text, u.parameter));
        }
      } else if (dist == "triangular") {
        u.distribution = Uncertainty::Distribution::triangular;
        u.a = ur.quantity("min", info.expected, valid);
        u.b = ur.quantity("mode", info.expected, valid);
        u.c = ur.quantity("max", info.expected, valid);
        u.unit = unit_of("min");
        if (!(u.a <= u.b && u.b <= u.c && u.a < u.c)) {
          ur.fail(*ur.get("mode"), "mode", "expected min ≤ mode ≤ max with min < max");
        }
      } else {
        u.distribution = Uncertainty::Distribution::uniform;
        u.a = ur.quantity("min", info.expected, valid);
        u.b = ur.quantity("max", info.expected, valid);
        u.unit = unit_of("min");
        if (!(u.a < u.b)) ur.fail(*ur.get("max"), "max", "expected max above min");
      }
      if (u.factor) {
        // The factors the distribution can give must keep every value of the path in the
        // range the file itself is held to.
        const bool normal = u.distribution == Uncertainty::Distribution::normal;
        const double f_lo = normal ? u.a - 3.0 * u.b : u.a;
        const double f_hi = normal ? u.a + 3.0 * u.b
                            : u.distribution == Uncertainty::Distribution::triangular ? u.c
                                                                                      : u.b;
        const std::string problem = factor_problem(sc, u.parameter, f_lo, f_hi);
        if (!problem.empty()) {
          const std::string_view key =
              u.distribution == Uncertainty::Distribution::normal ? "sd" : "max";
          ur.fail(*ur.get(key), key, problem + "; narrow the distribution");
        }
      }
      ur.finish();
      sc.uncertainty.push_back(std::move(u));
    }
  }
  r.finish();
  return sc;
}

void flatten(const toml::table& t, const std::string& prefix,
             std::map<std::string, std::string>& out) {
  for (auto&& [k, v] : t) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const toml::table* sub = v.as_table()) {
      flatten(*sub, key, out);
    } else if (const toml::array* arr = v.as_array(); arr != nullptr && arr->is_array_of_tables()) {
      for (std::size_t i = 0; i < arr->size(); ++i) {
        flatten(*arr->get(i)->as_table(), fmt::format("{}[{}]", key, i), out);
      }
    } else {
      out[key] = node_text(v);
    }
  }
}

}  // namespace

std::vector<std::string> shipped_scenarios(const core::DataStore& data) {
  std::vector<std::string> names;
  for (const auto& f : data.list("scenarios/")) {
    if (f.path.size() > 5 && f.path.ends_with(".toml")) {
      names.push_back(f.path.substr(10, f.path.size() - 15));
    }
  }
  return names;
}

Scenario parse_scenario(const core::DataStore& data, std::string_view text, std::string_view file) {
  return decode(data, parse_document(data, text, file, 0));
}

Scenario load_scenario(const core::DataStore& data, std::string_view name_or_path) {
  return decode(data, load_document(data, name_or_path, {}, 0));
}

std::vector<SettingDifference> diff_scenarios(const core::DataStore& data, std::string_view a,
                                              std::string_view b) {
  std::map<std::string, std::string> fa, fb;
  flatten(load_document(data, a, {}, 0).table, "", fa);
  flatten(load_document(data, b, {}, 0).table, "", fb);
  std::set<std::string> keys;
  for (const auto& [k, v] : fa) keys.insert(k);
  for (const auto& [k, v] : fb) keys.insert(k);
  std::vector<SettingDifference> out;
  for (const auto& k : keys) {
    if (k.rfind("targets[", 0) == 0) continue;  // published figures, not settings
    const auto ia = fa.find(k);
    const auto ib = fb.find(k);
    const std::string va = ia == fa.end() ? "" : ia->second;
    const std::string vb = ib == fb.end() ? "" : ib->second;
    if (va != vb) out.push_back({k, va, vb});
  }
  return out;
}

}  // namespace heatlift::fleet
