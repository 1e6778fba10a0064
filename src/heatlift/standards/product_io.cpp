#include "heatlift/standards/product_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "heatlift/core/config.hpp"
#include "heatlift/core/csv.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/standards/product_params.hpp"

namespace heatlift::standards {
namespace {

using core::ConfigDocument;
using core::ConfigTable;
using core::Dimension;
using core::ParamDecl;

bool is_in(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void check_ratio(double v, const std::string& field) {
  if (!std::isfinite(v) || !params::kRatio.contains(v))
    throw InvalidInput(fmt::format("{} = {}: expected {}", field, v, params::kRatio.text));
}

// ---- PRODUCT.toml: every key through its declaration (product_params.cpp) ---------------

// A declared text; none when absent without a default. Every text of a product file names
// something, so an empty one is refused.
std::optional<std::string> text_of(ConfigTable& t, const ParamDecl& p) {
  std::optional<std::string> s = t.optional_text(p);
  if (s && s->empty()) t.fail(p.key, "expected a non-empty string, got \"\"");
  return s;
}

// A metric the standard's tables name (HSPF = 3.45): not declared, its name is data.
double metric_of(ConfigTable& t, const std::string& key) {
  const double v = t.number(key);
  if (!params::kRatio.contains(v))
    t.fail(key, fmt::format("{:g} is not a valid {}; expected {}", v, key, params::kRatio.text));
  return v;
}

En14825Input read_en14825(ConfigTable& t) {
  const core::BlockDecl& k = params::kEn14825;
  En14825Input in;
  in.field = t.path();
  in.climate = *text_of(t, k.param("climate"));
  if (auto a = text_of(t, k.param("application")))
    in.application = parse_application(*a, t.locate("application"));
  in.unit_type = parse_unit_type(*text_of(t, k.param("unit_type")), t.locate("unit_type"));
  in.capacity_control = parse_capacity_control(*text_of(t, k.param("capacity_control")),
                                               t.locate("capacity_control"));
  in.design_load = t.value(k.param("design_load"));
  in.t_biv = t.value(k.param("t_biv"));
  in.tol = t.value(k.param("tol"));
  in.cd = t.optional_value(k.param("cd"));
  in.p_off = t.value(k.param("p_off"));
  in.p_to = t.value(k.param("p_to"));
  in.p_sb = t.value(k.param("p_sb"));
  in.p_ck = t.value(k.param("p_ck"));
  in.reversible = t.flag(k.param("reversible"));
  return in;
}

std::vector<DeclaredPoint> read_points(ConfigTable& t) {
  if (!t.has("point")) t.fail_here("missing required key 'point' ([[en14825.point]] entries)");
  const core::BlockDecl& k = params::kPoint;
  std::vector<DeclaredPoint> points;
  for (ConfigTable pt : t.tables("point")) {
    DeclaredPoint p;
    p.field = pt.path();
    p.t_source = pt.value(k.param("t_outdoor"));
    p.capacity = pt.value(k.param("capacity"));
    p.cop = pt.value(k.param("cop"));
    p.cdh = pt.optional_value(k.param("cdh"));
    p.t_sink = pt.optional_value(k.param("t_sink"));
    pt.finish();
    points.push_back(p);
  }
  return points;
}

std::array<double, 4> read_part_load_cops(ConfigTable& t) {
  const std::vector<double> v = t.values(params::kGraded.param("part_load_cop"));
  if (v.size() != 4) t.fail("part_load_cop", "expected 4 COPs (EERs) at 100, 75, 50 and 25 % load");
  return {v[0], v[1], v[2], v[3]};
}

WaterHeaterTest read_water_test(ConfigTable t) {
  const core::BlockDecl& k = params::kTest;
  WaterHeaterTest w;
  w.field = t.path();
  w.water_mass = t.value(k.param("water_mass"));
  w.t_start = t.value(k.param("t_start"));
  w.t_end = t.value(k.param("t_end"));
  w.electricity = t.value(k.param("electricity"));
  if (w.t_end <= w.t_start) t.fail("t_end", "expected a temperature above t_start");
  t.finish();
  return w;
}

// The keys of a graded standard's section whose names are the library's: metrics
// (HSPF = 3.45) and table selectors (terminal = "floor").
void read_metrics_and_selectors(ConfigTable& t, Declaration& d,
                                const std::vector<std::string>& metrics,
                                const std::vector<std::string>& selectors) {
  std::vector<std::string_view> declared;
  for (const ParamDecl& p : params::kGraded.params) declared.push_back(p.key);
  declared.push_back("reference");
  declared.push_back("test");
  for (const std::string& key : t.keys()) {
    if (std::find(declared.begin(), declared.end(), key) != declared.end()) continue;
    if (is_in(metrics, key)) {
      d.metrics[key] = metric_of(t, key);
    } else if (is_in(selectors, key)) {
      d.selectors[key] = t.string(key);
    } else {
      t.fail(key, fmt::format("unknown key; expected {}, a selector ({}) or a metric ({})",
                              fmt::join(declared, ", "), fmt::join(selectors, ", "),
                              fmt::join(metrics, ", ")));
    }
  }
}

Declaration read_declaration(StandardId id, ConfigTable t, const std::vector<std::string>& metrics,
                             const std::vector<std::string>& selectors) {
  Declaration d;
  d.standard = id;
  d.field = t.path();
  if (auto r = t.optional_table("reference")) {
    const core::BlockDecl& k = params::kReference;
    d.reference = ReferenceProduct{*text_of(*r, k.param("name")), r->value(k.param("value"))};
    r->finish();
  }
  if (id == StandardId::en14825) {
    d.en14825 = read_en14825(t);
    d.points = read_points(t);
    t.finish();
    return d;
  }
  const core::BlockDecl& k = params::kGraded;
  d.category = *text_of(t, k.param("category"));
  d.heating_capacity = t.optional_value(k.param("heating_capacity"));
  d.cooling_capacity = t.optional_value(k.param("cooling_capacity"));
  if (t.has("part_load_cop")) d.part_load_cops = read_part_load_cops(t);
  if (auto test = t.optional_table("test")) d.water_test = read_water_test(std::move(*test));
  read_metrics_and_selectors(t, d, metrics, selectors);
  t.finish();
  return d;
}

// ---- CSV -----------------------------------------------------------------------------

enum class ColumnKind { text, quantity, ratio, metric, selector };

struct Column {
  std::string name;  ///< without a unit suffix
  std::string header;
  ColumnKind kind = ColumnKind::text;
  Dimension dim = Dimension::fraction;
  std::string unit;  ///< from the header, "" when cells carry their unit
  int point = 0;     ///< EN 14825 point index (1-based), 0 otherwise
};

const std::map<std::string, Dimension>& quantity_columns() {
  static const std::map<std::string, Dimension> m{
      {"charge", Dimension::mass},
      {"heating_capacity", Dimension::power},
      {"cooling_capacity", Dimension::power},
      {"design_load", Dimension::power},
      {"t_biv", Dimension::temperature},
      {"tol", Dimension::temperature},
      {"p_off", Dimension::power},
      {"p_to", Dimension::power},
      {"p_sb", Dimension::power},
      {"p_ck", Dimension::power},
      {"water_mass", Dimension::mass},
      {"t_start", Dimension::temperature},
      {"t_end", Dimension::temperature},
      {"electricity", Dimension::energy},
      {"t", Dimension::temperature},       // point columns pN_t
      {"capacity", Dimension::power},      // pN_capacity
      {"t_sink", Dimension::temperature},  // pN_t_sink
  };
  return m;
}

const std::set<std::string>& text_columns() {
  static const std::set<std::string> s{
      "name",    "manufacturer", "model",          "standard",    "category",         "refrigerant",
      "climate", "unit_type",    "reference_name", "application", "capacity_control", "reversible"};
  return s;
}

const std::set<std::string>& ratio_columns() {
  static const std::set<std::string> s{"cd",
                                       "reference_value",
                                       "part_load_cop_100",
                                       "part_load_cop_75",
                                       "part_load_cop_50",
                                       "part_load_cop_25",
                                       "cop",   // pN_cop
                                       "cdh"};  // pN_cdh
  return s;
}

Column classify(const std::string& header, const std::vector<std::string>& metrics,
                const std::vector<std::string>& selectors, std::string_view file) {
  Column c;
  c.header = header;
  std::string name = header;
  // pN_<what>: an EN 14825 declared point.
  if (name.size() > 2 && name[0] == 'p' && std::isdigit(static_cast<unsigned char>(name[1]))) {
    const auto us = name.find('_');
    if (us != std::string::npos) {
      int idx = 0;
      const auto r = std::from_chars(name.data() + 1, name.data() + us, idx);
      if (r.ptr == name.data() + us && idx >= 1 && idx <= 20) {
        c.point = idx;
        name = name.substr(us + 1);
      }
    }
  }
  auto is_quantity = [&](const std::string& n) {
    const bool point_column = n == "t" || n == "capacity" || n == "t_sink";
    return quantity_columns().count(n) && (c.point == 0) == !point_column;
  };
  if (c.point == 0 && text_columns().count(name)) {
    c.kind = ColumnKind::text;
  } else if (c.point == 0 && is_in(metrics, name)) {
    c.kind = ColumnKind::metric;
  } else if (c.point == 0 && is_in(selectors, name)) {
    c.kind = ColumnKind::selector;
  } else if (ratio_columns().count(name) && (c.point == 0) == (name != "cop" && name != "cdh")) {
    c.kind = ColumnKind::ratio;
  } else if (is_quantity(name)) {
    c.kind = ColumnKind::quantity;
    c.dim = quantity_columns().at(name);
  } else {
    // A unit suffix: heating_capacity_kW, t_biv_C ...
    const auto us = name.rfind('_');
    bool ok = false;
    if (us != std::string::npos && is_quantity(name.substr(0, us))) {
      try {
        const auto& u = core::unit(name.substr(us + 1));
        const Dimension dim = quantity_columns().at(name.substr(0, us));
        if (u.dimension == dim) {
          c.kind = ColumnKind::quantity;
          c.dim = dim;
          c.unit = std::string(u.symbol);
          name = name.substr(0, us);
          ok = true;
        }
      } catch (const Error&) {
        ok = false;
      }
    }
    if (!ok) {
      throw InvalidInput(fmt::format(
          "{}:1: column '{}' is unknown; see docs/rating.md for the columns (name, standard, "
          "category, heating_capacity_kW, selectors such as {}, metrics such as {}, ...)",
          file, header, fmt::join(selectors, "/"), fmt::join(metrics, "/")));
    }
  }
  c.name = name;
  return c;
}

double parse_ratio_cell(const std::string& cell, const std::string& field) {
  double v = 0.0;
  const char* b = cell.data();
  const char* e = cell.data() + cell.size();
  while (b < e && *b == ' ') ++b;
  while (e > b && e[-1] == ' ') --e;
  const auto r = std::from_chars(b, e, v);
  if (r.ec != std::errc() || r.ptr != e)
    throw InvalidInput(fmt::format("{} = '{}': expected a number", field, cell));
  return v;
}

}  // namespace

std::vector<std::string> metric_names(const StandardsLibrary& lib) {
  std::set<std::string> s;
  for (const auto& st : lib.standards) {
    for (const auto& t : st.tables) {
      s.insert(t.metric);
      for (const auto& g : t.gates) s.insert(g.metric);
    }
  }
  return {s.begin(), s.end()};
}

std::vector<std::string> selector_keys(const StandardsLibrary& lib) {
  std::set<std::string> s;
  for (const auto& st : lib.standards) {
    for (const auto& t : st.tables) {
      for (const auto& [k, v] : t.match) s.insert(k);
    }
  }
  return {s.begin(), s.end()};
}

Product parse_product_toml(std::string_view text, std::string_view file,
                           const StandardsLibrary& library) {
  const ConfigDocument doc = ConfigDocument::from_text(text, std::string(file));
  ConfigTable f(doc);
  Product p;
  p.origin = std::string(file);
  const core::BlockDecl& k = params::kProduct;
  p.name = *text_of(f, k.param("name"));
  p.manufacturer = text_of(f, k.param("manufacturer")).value_or("");
  p.model = text_of(f, k.param("model")).value_or("");
  p.refrigerant = text_of(f, k.param("refrigerant")).value_or("");
  p.charge = f.optional_value(k.param("charge"));
  const auto metrics = metric_names(library);
  const auto selectors = selector_keys(library);
  for (const StandardInfo& s : standard_list()) {
    if (s.id == StandardId::en14825 && f.has(s.key) && !f.is_table(s.key)) {
      // [[en14825]]: one entry per application and climate, each on its own terms.
      std::vector<std::pair<std::string, std::string>> seen;
      for (ConfigTable entry : f.tables(s.key)) {
        const std::string path = entry.path();
        Declaration d = read_declaration(s.id, std::move(entry), metrics, selectors);
        const std::pair<std::string, std::string> key{d.en14825->climate, d.en14825->application};
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
          throw InvalidInput(fmt::format(
              "{}: a second declaration for the {} climate{}; expected one per application and "
              "climate",
              path, key.first,
              key.second.empty() ? std::string()
                                 : fmt::format(", {}", application_text(key.second))));
        }
        seen.push_back(key);
        p.declarations.push_back(std::move(d));
      }
      continue;
    }
    if (auto section = f.optional_table(s.key))
      p.declarations.push_back(read_declaration(s.id, std::move(*section), metrics, selectors));
  }
  f.finish();
  return p;
}

Product load_product_toml(const std::string& path, const StandardsLibrary& library) {
  return parse_product_toml(core::read_text_file(path, "product file"), path, library);
}

namespace {

// What the cells of one data row say, gathered before the checks that need them all.
struct RowFields {
  Product p;
  Declaration d;
  En14825Input en;
  bool has_en = false;
  std::map<int, DeclaredPoint> points;
  std::array<std::optional<double>, 4> plc;
  WaterHeaterTest wt;
  int wt_fields = 0;
  std::optional<std::string> ref_name;
  std::optional<double> ref_value;
  std::string standard;
};

void take_text(RowFields& r, const Column& c, const std::string& cell, const std::string& field) {
  Product& p = r.p;
  Declaration& d = r.d;
  En14825Input& en = r.en;
  if (c.name == "name")
    p.name = cell;
  else if (c.name == "manufacturer")
    p.manufacturer = cell;
  else if (c.name == "model")
    p.model = cell;
  else if (c.name == "standard")
    r.standard = cell;
  else if (c.name == "category")
    d.category = cell;
  else if (c.name == "refrigerant")
    p.refrigerant = cell;
  else if (c.name == "climate") {
    en.climate = cell;
    r.has_en = true;
  } else if (c.name == "application") {
    en.application = parse_application(cell, field);
    r.has_en = true;
  } else if (c.name == "unit_type") {
    en.unit_type = parse_unit_type(cell, field);
    r.has_en = true;
  } else if (c.name == "capacity_control") {
    en.capacity_control = parse_capacity_control(cell, field);
    r.has_en = true;
  } else if (c.name == "reversible") {
    if (cell != "true" && cell != "false")
      throw InvalidInput(
          fmt::format("{} = '{}': expected true (heats and cools) or false", field, cell));
    en.reversible = cell == "true";
    if (en.reversible) r.has_en = true;  // "false" is every other standard's case too
  } else if (c.name == "reference_name")
    r.ref_name = cell;
}

void take_ratio(RowFields& r, const Column& c, const std::string& cell, const std::string& field) {
  const double v = parse_ratio_cell(cell, field);
  if (c.name == "cdh") {
    if (v < 0.0 || v > 1.0)
      throw InvalidInput(fmt::format("{} = {}: expected a cycling coefficient 0 to 1", field, v));
    r.points[c.point].cdh = v;
    return;
  }
  if (c.name == "cd") {
    if (v < 0.0 || v > 1.0)
      throw InvalidInput(fmt::format("{} = {}: expected a cycling coefficient 0 to 1", field, v));
    r.en.cd = v;
    r.has_en = true;
    return;
  }
  check_ratio(v, field);
  if (c.name == "reference_value")
    r.ref_value = v;
  else if (c.name == "cop")
    r.points[c.point].cop = v;
  else if (c.name == "part_load_cop_100")
    r.plc[0] = v;
  else if (c.name == "part_load_cop_75")
    r.plc[1] = v;
  else if (c.name == "part_load_cop_50")
    r.plc[2] = v;
  else if (c.name == "part_load_cop_25")
    r.plc[3] = v;
}

void take_quantity(RowFields& r, const Column& c, const std::string& cell,
                   const std::string& field) {
  Product& p = r.p;
  Declaration& d = r.d;
  En14825Input& en = r.en;
  WaterHeaterTest& wt = r.wt;
  const double v = c.unit.empty() ? core::parse_quantity(cell, c.dim, field)
                                  : core::parse_quantity(cell + " " + c.unit, c.dim, field);
  if (!std::isfinite(v))
    throw InvalidInput(fmt::format("{} = '{}': expected a finite value", field, cell));
  const bool positive =
      c.dim == Dimension::power || c.dim == Dimension::mass || c.dim == Dimension::energy;
  const bool may_be_zero = c.name.rfind("p_", 0) == 0;
  if (positive && (v < 0.0 || (v == 0.0 && !may_be_zero)))
    throw InvalidInput(fmt::format("{} = '{}': expected a value > 0", field, cell));
  if (c.point) {
    if (c.name == "t")
      r.points[c.point].t_source = v;
    else if (c.name == "t_sink")
      r.points[c.point].t_sink = v;
    else
      r.points[c.point].capacity = v;
    return;
  }
  if (c.name == "charge")
    p.charge = v;
  else if (c.name == "heating_capacity")
    d.heating_capacity = v;
  else if (c.name == "cooling_capacity")
    d.cooling_capacity = v;
  else if (c.name == "design_load") {
    en.design_load = v;
    r.has_en = true;
  } else if (c.name == "t_biv") {
    en.t_biv = v;
    r.has_en = true;
  } else if (c.name == "tol") {
    en.tol = v;
    r.has_en = true;
  } else if (c.name == "p_off")
    en.p_off = v;
  else if (c.name == "p_to")
    en.p_to = v;
  else if (c.name == "p_sb")
    en.p_sb = v;
  else if (c.name == "p_ck")
    en.p_ck = v;
  else {
    ++r.wt_fields;
    if (c.name == "water_mass")
      wt.water_mass = v;
    else if (c.name == "t_start")
      wt.t_start = v;
    else if (c.name == "t_end")
      wt.t_end = v;
    else
      wt.electricity = v;
  }
}

// The row's declaration from its gathered cells: the standard, and the groups of columns that
// go together (reference, part-load COPs, the water-heater test, EN 14825's points).
void finish_declaration(RowFields& r) {
  Product& p = r.p;
  Declaration& d = r.d;
  En14825Input& en = r.en;
  const auto& plc = r.plc;
  const WaterHeaterTest& wt = r.wt;
  const std::string& standard = r.standard;
  if (p.name.empty()) throw InvalidInput(fmt::format("{}: name: missing", p.origin));
  if (standard.empty()) throw InvalidInput(fmt::format("{}: standard: missing", p.origin));
  d.standard = parse_standard(standard, p.origin + ": standard");
  d.field = fmt::format("{}: {}", p.origin, to_string(d.standard));
  if (r.ref_name || r.ref_value) {
    if (!r.ref_name || !r.ref_value)
      throw InvalidInput(fmt::format(
          "{}: reference_name and reference_value go together; one is missing", p.origin));
    d.reference = ReferenceProduct{*r.ref_name, *r.ref_value};
  }
  const int plc_given = static_cast<int>(
      std::count_if(plc.begin(), plc.end(), [](auto& x) { return x.has_value(); }));
  if (plc_given == 4) {
    d.part_load_cops = std::array<double, 4>{*plc[0], *plc[1], *plc[2], *plc[3]};
  } else if (plc_given > 0) {
    throw InvalidInput(fmt::format(
        "{}: part_load_cop_100/75/50/25: {} of 4 given; expected all four", p.origin, plc_given));
  }
  if (r.wt_fields > 0) {
    if (r.wt_fields != 4)
      throw InvalidInput(fmt::format(
          "{}: water_mass, t_start, t_end, electricity: {} of 4 given; expected all four", p.origin,
          r.wt_fields));
    if (wt.t_end <= wt.t_start)
      throw InvalidInput(fmt::format("{}: t_end: expected a temperature above t_start", p.origin));
    d.water_test = wt;
  }
  if (d.standard == StandardId::en14825) {
    for (const char* need : {"design_load", "t_biv", "tol"}) {
      const bool missing = (std::string_view(need) == "design_load" && en.design_load <= 0.0) ||
                           (std::string_view(need) == "t_biv" && en.t_biv <= 0.0) ||
                           (std::string_view(need) == "tol" && en.tol <= 0.0);
      if (missing) throw InvalidInput(fmt::format("{}: {}: missing", p.origin, need));
    }
    for (auto& [idx, pt] : r.points) {
      pt.field = fmt::format("{}: p{}", p.origin, idx);
      if (pt.t_source <= 0.0) throw InvalidInput(fmt::format("{}_t: missing", pt.field));
      if (pt.capacity <= 0.0) throw InvalidInput(fmt::format("{}_capacity: missing", pt.field));
      if (pt.cop <= 0.0) throw InvalidInput(fmt::format("{}_cop: missing", pt.field));
      d.points.push_back(pt);
    }
    if (d.points.empty())
      throw InvalidInput(
          fmt::format("{}: no declared points (p1_t, p1_capacity, p1_cop ...)", p.origin));
    en.field = d.field;
    d.en14825 = en;
  } else {
    if (r.has_en || !r.points.empty())
      throw InvalidInput(fmt::format(
          "{}: EN 14825 columns (climate, design_load, t_biv, tol, cd, pN_...) are filled but "
          "standard = {}",
          p.origin, standard));
    if (d.category.empty()) throw InvalidInput(fmt::format("{}: category: missing", p.origin));
  }
  p.declarations.push_back(std::move(d));
}

// One data row into a product; throws (InvalidInput) naming origin, column, value and what
// was expected.
Product parse_row(const std::vector<Column>& cols, const std::vector<std::string>& cells,
                  const std::string& origin) {
  if (cells.size() != cols.size())
    throw InvalidInput(
        fmt::format("{}: {} cells, the header has {} columns", origin, cells.size(), cols.size()));
  RowFields r;
  r.p.origin = origin;
  r.d.field = r.p.origin;
  r.en.field = r.p.origin;
  r.wt.field = r.p.origin;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const Column& c = cols[i];
    const std::string& cell = cells[i];
    if (cell.empty()) continue;
    const std::string field = fmt::format("{}: {}", r.p.origin, c.header);
    switch (c.kind) {
      case ColumnKind::text: take_text(r, c, cell, field); break;
      case ColumnKind::selector: r.d.selectors[c.name] = cell; break;
      case ColumnKind::metric: {
        const double v = parse_ratio_cell(cell, field);
        check_ratio(v, field);
        r.d.metrics[c.name] = v;
        break;
      }
      case ColumnKind::ratio: take_ratio(r, c, cell, field); break;
      case ColumnKind::quantity: take_quantity(r, c, cell, field); break;
    }
  }
  finish_declaration(r);
  return std::move(r.p);
}

// The cell of a named text column, to name a row that is refused. With `aligned_only`, only
// when the row has as many cells as the header; otherwise whatever cell stands in the
// column's place.
std::string text_cell(const std::vector<Column>& cols, const std::vector<std::string>& cells,
                      std::string_view name, bool aligned_only) {
  if (aligned_only && cells.size() != cols.size()) return {};
  for (std::size_t i = 0; i < cols.size() && i < cells.size(); ++i) {
    if (cols[i].point == 0 && cols[i].kind == ColumnKind::text && cols[i].name == name)
      return cells[i];
  }
  return {};
}

}  // namespace

std::string strip_origin(std::string_view message, std::string_view origin) {
  if (!origin.empty() && message.size() > origin.size() + 2 &&
      message.substr(0, origin.size()) == origin && message.substr(origin.size(), 2) == ": ")
    return std::string(message.substr(origin.size() + 2));
  return std::string(message);
}

std::vector<ProductRow> read_products_csv(std::string_view text, std::string_view file,
                                          const StandardsLibrary& library) {
  const auto metrics = metric_names(library);
  const auto selectors = selector_keys(library);
  std::vector<Column> cols;
  std::vector<ProductRow> out;
  for (const auto [line_no, line] : core::csv_lines(text)) {
    const auto cells = core::split_csv_line(line);
    if (cols.empty()) {
      // The header: a problem here concerns every row, so it ends the run.
      std::set<std::string> seen;
      for (const auto& h : cells) {
        cols.push_back(classify(h, metrics, selectors, file));
        const std::string key = cols.back().point
                                    ? fmt::format("p{}_{}", cols.back().point, cols.back().name)
                                    : cols.back().name;
        if (!seen.insert(key).second)
          throw InvalidInput(fmt::format("{}:{}: column '{}' appears twice", file, line_no, h));
      }
      for (const char* need : {"name", "standard"}) {
        if (!seen.count(need))
          throw InvalidInput(fmt::format("{}:{}: missing column '{}'", file, line_no, need));
      }
      continue;
    }
    ProductRow row;
    row.origin = fmt::format("{}:{}", file, line_no);
    row.name = text_cell(cols, cells, "name", false);  // usually the first column: kept
    row.standard = text_cell(cols, cells, "standard", true);
    try {
      row.product = parse_row(cols, cells, row.origin);
    } catch (const Error& e) {
      // The user's input (exit code 2) refuses this row alone; anything else is heatlift's
      // own failure and ends the run.
      if (exit_code(e.code()) != 2) throw;
      row.error_code = e.code();
      row.error = strip_origin(e.what(), row.origin);
    }
    out.push_back(std::move(row));
  }
  if (cols.empty()) throw InvalidInput(fmt::format("{}: empty; expected a header and rows", file));
  return out;
}

std::vector<Product> parse_products_csv(std::string_view text, std::string_view file,
                                        const StandardsLibrary& library) {
  std::vector<Product> out;
  for (auto& row : read_products_csv(text, file, library)) {
    if (!row.product) {
      const std::string message = fmt::format("{}: {}", row.origin, row.error);
      switch (row.error_code) {
        case ErrorCode::out_of_range: throw OutOfRange(message);
        case ErrorCode::data_missing: throw DataMissing(message);
        case ErrorCode::not_supported: throw NotSupported(message);
        default: throw InvalidInput(message);
      }
    }
    out.push_back(std::move(*row.product));
  }
  return out;
}

}  // namespace heatlift::standards
