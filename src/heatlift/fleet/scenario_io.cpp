#include "heatlift/fleet/scenario_io.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "heatlift/core/error.hpp"
#include "heatlift/fleet/quantity.hpp"
#include "heatlift/fleet/uncertainty.hpp"

namespace heatlift::fleet {
namespace {

namespace fs = std::filesystem;

std::string where(const toml::source_region& src, std::string_view fallback_file) {
  const std::string file = src.path ? *src.path : std::string(fallback_file);
  return fmt::format("{}:{}:{}", file, src.begin.line, src.begin.column);
}

std::string node_text(const toml::node& n) {
  if (const auto* s = n.as_string()) return s->get();
  if (const auto* f = n.as_floating_point()) return fmt::format("{}", f->get());
  std::ostringstream os;
  n.visit([&](const auto& x) { os << x; });
  return os.str();
}

/// A closed interval a value must lie in, with the text shown when it does not.
struct Range {
  double lo = -HUGE_VAL;
  double hi = HUGE_VAL;
  std::string_view text = {};
};

/// Reads one TOML table field by field, remembering the keys it was asked for so that
/// finish() can reject every other key with its position.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, std::string_view file)
      : table_(table), path_(std::move(path)), file_(file) {}

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
    if (!n.is_string()) fail(n, key, fmt::format("expected a string, got {}", node_text(n)));
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
    if (!n.is_integer())
      fail(n, key, fmt::format("expected a year (integer), got {}", node_text(n)));
    const auto y = n.as_integer()->get();
    if (y < 1950 || y > 2200) fail(n, key, fmt::format("year {} is out of range 1950 to 2200", y));
    return static_cast<int>(y);
  }
  int year(std::string_view key) { return year(key, require(key)); }
  int year_or(std::string_view key, int fallback) { return has(key) ? year(key) : fallback; }

  int integer(std::string_view key, int lo, int hi) {
    const toml::node& n = require(key);
    if (!n.is_integer()) fail(n, key, fmt::format("expected an integer, got {}", node_text(n)));
    const auto v = n.as_integer()->get();
    if (v < lo || v > hi)
      fail(n, key, fmt::format("{} is out of range; expected {} to {}", v, lo, hi));
    return static_cast<int>(v);
  }

  bool boolean_or(std::string_view key, bool fallback) {
    const toml::node* n = get(key);
    if (n == nullptr) return fallback;
    if (!n->is_boolean())
      fail(*n, key, fmt::format("expected true or false, got {}", node_text(*n)));
    return n->as_boolean()->get();
  }

  /// A value node: a string "<number> <unit>" of the expected kind, or a bare number
  /// when `expected` is a plain ratio (nullopt).
  double value_of(const toml::node& n, std::string_view key,
                  const std::optional<Expected>& expected, const Range& range) const {
    double v = 0.0;
    if (!expected) {
      if (!n.is_number()) fail(n, key, fmt::format("expected a number, got {}", node_text(n)));
      v = n.value<double>().value();
    } else if (n.is_string()) {
      try {
        v = parse_fleet_quantity(n.as_string()->get(), *expected, field(key));
      } catch (const Error& e) {
        throw InvalidInput(fmt::format("{}: {}", where(n.source(), file_), e.what()));
      }
    } else if (n.is_number() && std::holds_alternative<core::Dimension>(*expected) &&
               std::get<core::Dimension>(*expected) == core::Dimension::fraction) {
      v = n.value<double>().value();  // a bare fraction is its SI value (1 = 100 %)
    } else {
      fail(n, key,
           fmt::format("{} needs a unit, written as a string such as \"{} {}\"", node_text(n),
                       node_text(n), example_unit(*expected)));
    }
    if (!std::isfinite(v) || v < range.lo || v > range.hi) {
      fail(n, key, fmt::format("{} is out of range; expected {}", node_text(n), range.text));
    }
    return v;
  }

  double quantity(std::string_view key, const std::optional<Expected>& expected,
                  const Range& range) {
    return value_of(require(key), key, expected, range);
  }
  double quantity_or(std::string_view key, const std::optional<Expected>& expected,
                     const Range& range, double fallback) {
    return has(key) ? quantity(key, expected, range) : fallback;
  }

  std::vector<double> array(std::string_view key, const std::optional<Expected>& expected,
                            const Range& range) {
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
      if (!item.is_string())
        fail(item, key, fmt::format("expected a string, got {}", node_text(item)));
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
  Path path(std::string_view key, const std::optional<Expected>& expected, const Range& range) {
    const toml::node& n = require(key);
    if (const toml::table* t = n.as_table()) {
      TableReader sub(*t, field(key), file_);
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
  Path path_or(std::string_view key, const std::optional<Expected>& expected, const Range& range,
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
  std::string_view file_;
  std::set<std::string> known_;
};

// ---- common ranges ----------------------------------------------------------------------

const Range kShare{0.0, 1.0, "0 % to 100 %"};
const Range kPositive{1e-300, HUGE_VAL, "a value above zero"};
const Range kNonNegative{0.0, HUGE_VAL, "zero or more"};
const Range kPerYear{-0.5, 2.0, "-50 %/a to 200 %/a"};
const Range kRatio{0.5, 15.0, "0.5 to 15"};
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
    v.visit([&](auto& x) { base.insert_or_assign(k, std::move(x)); });
  }
}

struct Document {
  toml::table table;
  std::string file;
};

std::string read_file_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InvalidInput(fmt::format("cannot read scenario file '{}'", p.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
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

Document parse_document(const core::DataStore& data, std::string_view text, std::string_view file,
                        int depth) {
  if (depth > 8) throw InvalidInput(fmt::format("{}: 'extends' nests too deep", file));
  toml::table table;
  try {
    table = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InvalidInput(fmt::format("{}: {}", where(e.source(), file), e.description()));
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
    return {std::move(base.table), std::string(file)};
  }
  return {std::move(table), std::string(file)};
}

// ---- decoding ---------------------------------------------------------------------------

Growth read_growth(TableReader& seg) {
  TableReader r(seg.table("growth"), seg.field("growth"), seg.file());
  Growth g;
  const std::string model = r.choice("model", {"logistic", "cagr", "bass"});
  if (model == "logistic") {
    g.kind = GrowthKind::logistic;
    g.saturation = r.quantity("saturation", Expected{FleetDimension::count}, kPositive);
    g.midpoint = r.quantity("midpoint", kPlain, {1950, 2200, "a year between 1950 and 2200"});
    g.rate =
        r.quantity("rate", Expected{FleetDimension::per_year}, {1e-4, 3.0, "0.0001 1/a to 3 1/a"});
  } else if (model == "cagr") {
    g.kind = GrowthKind::cagr;
    const std::vector<double> from = r.years("from");
    const std::vector<double> to = r.years("to");
    const std::vector<double> rate = r.array("rate", Expected{FleetDimension::per_year}, kPerYear);
    if (to.size() != from.size() || rate.size() != from.size()) {
      r.fail(r.require("rate"), "rate", "from, to and rate must have the same number of entries");
    }
    for (std::size_t i = 0; i < from.size(); ++i) {
      if (to[i] < from[i]) r.fail(r.require("to"), "to", "each period must end after it starts");
      g.periods.push_back({static_cast<int>(from[i]), static_cast<int>(to[i]), rate[i]});
    }
  } else {
    g.kind = GrowthKind::bass;
    g.market = r.quantity("market", Expected{FleetDimension::count}, kPositive);
    g.p = r.quantity("p", Expected{FleetDimension::per_year}, {1e-5, 1.0, "0.001 %/a to 100 %/a"});
    g.q = r.quantity("q", Expected{FleetDimension::per_year}, {0.0, 2.0, "0 to 200 %/a"});
  }
  r.finish();
  return g;
}

std::string source_names(const Scenario& sc) {
  std::string out;
  for (const auto& [name, src] : sc.sources) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Segment read_segment(const toml::table& t, const std::string& name, std::string_view file,
                     int base_year, const Scenario& sc) {
  TableReader r(t, "segments." + name, file);
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
  s.history_sales = r.array("history_sales", Expected{FleetDimension::count}, kNonNegative);
  if (static_cast<int>(s.history_sales.size()) != base_year - s.history_start + 1) {
    r.fail(r.require("history_sales"), "history_sales",
           fmt::format("has {} years but {}..{} needs {}", s.history_sales.size(), s.history_start,
                       base_year, base_year - s.history_start + 1));
  }
  s.prehistory_start = r.year_or("prehistory_start", s.history_start);
  if (s.prehistory_start > s.history_start) {
    r.fail(r.require("prehistory_start"), "prehistory_start", "must not be after history_start");
  }
  s.prehistory_growth =
      r.quantity_or("prehistory_growth", Expected{FleetDimension::per_year}, kPerYear, 0.0);
  s.growth = read_growth(r);
  s.price = r.path("price", Expected{FleetDimension::money}, kNonNegative);
  s.capacity = r.path("capacity", Expected{core::Dimension::power},
                      {100.0, 1e7, "0.1 kW to 10 MW per unit"});
  {
    TableReader lt(r.table("lifetime"), r.field("lifetime"), file);
    s.lifetime.shape = lt.quantity("shape", kPlain, {0.5, 20.0, "0.5 to 20"});
    s.lifetime.scale =
        lt.quantity("scale", Expected{FleetDimension::years}, {1.0, 60.0, "1 a to 60 a"});
    lt.finish();
  }
  s.heat_per_unit =
      r.path("heat_per_unit", Expected{FleetDimension::energy_per_year}, kNonNegative);
  s.spf = r.path("spf", kPlain, kRatio);
  s.cop_design = r.path("cop_design", kPlain, {0.8, 10.0, "0.8 to 10"});
  s.design_load_share = r.quantity("design_load_share", kFraction, kShare);
  s.backup_share = r.path("backup_share", kFraction, kShare);
  s.backup_design_share = r.path("backup_design_share", kFraction, kShare);
  s.design_heat_load = r.quantity_or("design_heat_load", Expected{FleetDimension::heat_load},
                                     {1.0, 500.0, "1 W/m2 to 500 W/m2"}, 0.0);
  {
    const toml::table& rep = r.table("replaced");
    TableReader rr(rep, r.field("replaced"), file);
    double sum = 0.0;
    for (auto&& [k, v] : rep) {
      const std::string src(k.str());
      if (sc.sources.count(src) == 0) {
        throw InvalidInput(
            fmt::format("{}: {}: unknown heat source '{}'; declared in [sources]: {}",
                        where(k.source(), file), rr.field(src), src, source_names(sc)));
      }
      const double share = rr.quantity(src, kFraction, kShare);
      s.replaced[src] = share;
      sum += share;
    }
    if (std::abs(sum - 1.0) > 1e-6) {
      r.fail(r.require("replaced"), "replaced",
             fmt::format("shares add up to {:.4g} %, expected 100 %", sum * 100.0));
    }
  }
  {
    const toml::table& mix = r.table("refrigerants");
    TableReader mr(mix, r.field("refrigerants"), file);
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
      Path p{years, mr.array(ref, kFraction, kShare)};
      if (p.values.size() != years.size()) {
        mr.fail(v, ref,
                fmt::format("has {} entries but years has {}", p.values.size(), years.size()));
      }
      s.refrigerant_mix[ref] = p;
    }
    for (std::size_t i = 0; i < years.size(); ++i) {
      double sum = 0.0;
      for (const auto& [ref, p] : s.refrigerant_mix) sum += p.values[i];
      if (std::abs(sum - 1.0) > 1e-6) {
        r.fail(
            mix, "refrigerants",
            fmt::format("shares in {} add up to {:.4g} %, expected 100 %", years[i], sum * 100.0));
      }
    }
  }
  s.charge =
      r.path("charge", Expected{core::Dimension::mass}, {0.0, 5000.0, "0 kg to 5 t per unit"});
  s.leak_rate =
      r.path("leak_rate", Expected{FleetDimension::per_year}, {0.0, 1.0, "0 %/a to 100 %/a"});
  s.eol_recovery = r.path("eol_recovery", kFraction, kShare);
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

Levers read_levers(const toml::table& t, std::string_view file, const Scenario& sc) {
  TableReader top(t, "levers", file);
  Levers lv;
  for (auto&& [k, v] : t) lv.names.emplace_back(k.str());
  if (top.has("efficiency")) {
    TableReader r(top.table("efficiency"), top.field("efficiency"), file);
    Levers::Efficiency e;
    e.gain = r.quantity("gain", kFraction, {0.0, 2.0, "0 % to 200 %"});
    e.from = r.year("from");
    e.by = r.year("by");
    check_ramp(r, e.from, e.by);
    e.segments = segment_filter(r, sc);
    r.finish();
    lv.efficiency = e;
  }
  if (top.has("retrofit")) {
    TableReader r(top.table("retrofit"), top.field("retrofit"), file);
    Levers::Retrofit e;
    e.min_age = r.integer("min_age", 1, 40);
    e.from = r.year("from");
    e.to = r.year("to");
    if (e.to < e.from) r.fail(r.require("to"), "to", "must not be before from");
    e.retrofit_share = r.quantity_or("retrofit_share", Expected{FleetDimension::per_year},
                                     {0.0, 1.0, "0 %/a to 100 %/a"}, 0.0);
    e.spf_gain = r.quantity_or("spf_gain", kFraction, {0.0, 2.0, "0 % to 200 %"}, 0.0);
    e.retire_share = r.quantity_or("retire_share", Expected{FleetDimension::per_year},
                                   {0.0, 1.0, "0 %/a to 100 %/a"}, 0.0);
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
      TableReader r(*item.as_table(), top.field("coal_replacement"), file);
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
          r.quantity("units_per_year", Expected{FleetDimension::count}, kNonNegative);
      c.source = r.string_or("source", "coal_boiler");
      if (sc.sources.count(c.source) == 0) {
        r.fail(r.require("source"), "source", fmt::format("no heat source named '{}'", c.source));
      }
      r.finish();
      lv.coal_replacement.push_back(c);
    }
  }
  if (top.has("less_backup")) {
    TableReader r(top.table("less_backup"), top.field("less_backup"), file);
    Levers::LessBackup e;
    e.reduction = r.quantity("reduction", kFraction, kShare);
    e.from = r.year("from");
    e.by = r.year("by");
    check_ramp(r, e.from, e.by);
    e.segments = segment_filter(r, sc);
    r.finish();
    lv.less_backup = e;
  }
  if (top.has("low_gwp")) {
    TableReader r(top.table("low_gwp"), top.field("low_gwp"), file);
    Levers::LowGwp e;
    e.from = r.year("from");
    e.by = r.year("by");
    check_ramp(r, e.from, e.by);
    const toml::table& target = r.table("target");
    TableReader tr(target, r.field("target"), file);
    double sum = 0.0;
    for (auto&& [k, v] : target) {
      const std::string ref(k.str());
      if (sc.refrigerants.count(ref) == 0) {
        throw InvalidInput(
            fmt::format("{}: {}: refrigerant '{}' has no GWP in refrigerants/gwp.csv",
                        where(k.source(), file), tr.field(ref), ref));
      }
      e.target[ref] = tr.quantity(ref, kFraction, kShare);
      sum += e.target[ref];
    }
    if (std::abs(sum - 1.0) > 1e-6) {
      r.fail(target, "target", fmt::format("shares add up to {:.4g} %, expected 100 %", sum * 100));
    }
    e.leak_rate = r.quantity_or("leak_rate", Expected{FleetDimension::per_year},
                                {0.0, 1.0, "0 %/a to 100 %/a"}, -1.0);
    e.eol_recovery = r.quantity_or("eol_recovery", kFraction, kShare, -1.0);
    e.segments = segment_filter(r, sc);
    r.finish();
    lv.low_gwp = e;
  }
  if (top.has("grid")) {
    lv.grid = top.path("grid", Expected{FleetDimension::emission_factor},
                       {0.0, 1.5 / 3.6e6, "0 to 1.5 kgCO2/kWh"});
  }
  top.finish();
  return lv;
}

Scenario decode(const core::DataStore& data, const Document& doc) {
  const std::string_view file = doc.file;
  TableReader r(doc.table, "", file);
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
  sc.grid = r.path("grid", Expected{FleetDimension::emission_factor},
                   {0.0, 1.5 / 3.6e6, "0 to 1.5 kgCO2/kWh"});

  // Heat sources the heat pumps replace.
  {
    const toml::table& st = r.table("sources");
    for (auto&& [k, v] : st) {
      const std::string name(k.str());
      if (!v.is_table()) TableReader(st, "sources", file).fail(v, name, "expected a table");
      TableReader sr(*v.as_table(), "sources." + name, file);
      HeatSource h;
      h.name = name;
      h.electric = sr.boolean_or("electric", false);
      h.efficiency = sr.quantity("efficiency", kFraction, {0.2, 1.2, "20 % to 120 %"});
      if (!h.electric) {
        h.emission_factor =
            sr.quantity("emission_factor", Expected{FleetDimension::emission_factor},
                        {0.0, 1.5 / 3.6e6, "0 to 1.5 kgCO2/kWh"});
      }
      sr.finish();
      sc.sources[name] = h;
    }
  }

  // Refrigerants: GWPs from data/refrigerants/gwp.csv, HFC part by the Kigali list.
  const std::string basis = r.choice("gwp_basis", {"AR4", "AR5", "AR6"});
  {
    TableReader kr(r.table("kigali"), "kigali", file);
    const std::vector<std::string> controlled = kr.strings("controlled");
    const std::vector<double> baseline = kr.years("baseline");
    if (baseline.size() != 2) kr.fail(kr.require("baseline"), "baseline", "expected [first, last]");
    sc.kigali.baseline_from = static_cast<int>(baseline[0]);
    sc.kigali.baseline_to = static_cast<int>(baseline[1]);
    for (double y : kr.years("step_years")) sc.kigali.step_years.push_back(static_cast<int>(y));
    sc.kigali.step_share = kr.array("step_allowed", kFraction, kShare);
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
      if (!v.is_table()) TableReader(segs, "segments", file).fail(v, name, "expected a table");
      sc.segments.push_back(read_segment(*v.as_table(), name, file, sc.base_year, sc));
    }
    std::stable_sort(sc.segments.begin(), sc.segments.end(),
                     [](const Segment& a, const Segment& b) {
                       return std::pair(a.end_use, a.sector) < std::pair(b.end_use, b.sector);
                     });
    if (sc.segments.empty()) r.fail(segs, "segments", "declares no segment");
  }

  if (r.has("levers")) sc.levers = read_levers(r.table("levers"), file, sc);

  if (const toml::node* tn = r.get("targets")) {
    const toml::array* arr = tn->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      r.fail(*tn, "targets", "expected [[targets]] blocks");
    }
    for (const toml::node& item : *arr) {
      TableReader tr(*item.as_table(), "targets", file);
      Target t;
      t.year = tr.year("year");
      t.end_use = tr.choice("end_use", {"space_heating", "hot_water", "total"});
      t.indicator = tr.choice("indicator", {"sales", "market_value", "co2_gross"});
      const toml::node& vn = tr.require("value");
      const Expected kind = t.indicator == "sales"          ? Expected{FleetDimension::count}
                            : t.indicator == "market_value" ? Expected{FleetDimension::money}
                                                            : Expected{FleetDimension::co2};
      t.value = tr.quantity("value", kind, kNonNegative);
      const std::string text = vn.as_string()->get();
      const auto sp = text.find_first_of(" \t");
      t.unit = sp == std::string::npos ? "" : text.substr(text.find_first_not_of(" \t", sp));
      t.tolerance = tr.quantity("tolerance", kFraction, {0.0, 1.0, "0 % to 100 %"});
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
      TableReader ur(*item.as_table(), "uncertainty", file);
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
      u.lo = info.lo;
      u.hi = info.hi;
      const Range valid{info.lo, info.hi, info.range_text};
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
        u.b = ur.quantity("sd", info.expected, kPositive);
        u.unit = unit_of("mean");
        if (u.a - 3.0 * u.b < info.lo || u.a + 3.0 * u.b > info.hi) {
          ur.fail(*ur.get("sd"), "sd",
                  fmt::format("mean ± 3 sd reaches outside the valid range {} of {}; give a "
                              "smaller sd or a triangular or uniform distribution",
                              info.range_text, u.parameter));
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
