// The only reader of data/standards/*.toml.
#include <fmt/format.h>

#include <algorithm>

#include "heatlift/core/error.hpp"
#include "heatlift/standards/tables.hpp"
#include "heatlift/standards/toml_fields.hpp"

namespace heatlift::standards {
namespace {

using core::Dimension;
using detail::Fields;
using detail::node_text;

constexpr double kMaxCapacity = 1e9;  // W

CapacityBand read_band(const toml::table& t, const std::string& path, std::string_view file) {
  Fields f(t, path, file);
  CapacityBand b;
  const std::string basis = f.string("basis");
  if (basis == "heating") {
    b.basis = CapacityBasis::heating;
  } else if (basis == "cooling") {
    b.basis = CapacityBasis::cooling;
  } else {
    f.fail(*f.get("basis"), "basis", fmt::format("'{}' is not heating or cooling", basis));
  }
  auto bound = [&](std::string_view key) {
    return f.quantity_opt(key, Dimension::power, 0.0, kMaxCapacity, "0 W to 1 GW");
  };
  const auto above = bound("above");
  const auto from = bound("from");
  const auto up_to = bound("up_to");
  const auto below = bound("below");
  if (above && from) f.fail_here("give 'above' or 'from', not both");
  if (up_to && below) f.fail_here("give 'up_to' or 'below', not both");
  b.lower = above ? above : from;
  b.lower_inclusive = from.has_value();
  b.upper = up_to ? up_to : below;
  b.upper_inclusive = !below.has_value();
  if (b.lower && b.upper && *b.lower >= *b.upper) f.fail_here("the band is empty");
  f.finish();
  return b;
}

std::vector<std::string> string_or_strings(Fields& f, const toml::node& n, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* s = n.as_string()) {
    out.push_back(s->get());
  } else if (const auto* a = n.as_array()) {
    for (const auto& item : *a) {
      if (!item.is_string()) f.fail(item, key, "expected a string");
      out.push_back(item.as_string()->get());
    }
  }
  if (out.empty()) f.fail(n, key, "expected a string or an array of strings");
  return out;
}

GradeTable read_table(const toml::table& t, const std::string& path, std::string_view file,
                      int grades) {
  Fields f(t, path, file);
  GradeTable g;
  g.id = f.string("id");
  g.clause = f.string("clause");
  g.category = f.string("category");
  if (f.has("match")) {
    const toml::table& m = f.subtable("match");
    for (auto&& [k, v] : m) {
      g.match.emplace_back(std::string(k.str()), string_or_strings(f, v, "match"));
    }
  }
  g.capacity = read_band(f.subtable("capacity"), f.field("capacity"), file);
  g.metric = f.string("metric");
  g.confidence = f.confidence("confidence");
  g.note = f.string_or("note", "");
  if (f.has("thresholds")) {
    const toml::array& a = f.array("thresholds");
    if (static_cast<int>(a.size()) != grades) {
      f.fail(*f.get("thresholds"), "thresholds",
             fmt::format("expected {} values (grade 1 first), got {}", grades, a.size()));
    }
    for (const auto& item : a) {
      const double v = f.number_of(item, "thresholds", 0.01, 100.0, "a ratio 0.01 to 100");
      if (!g.thresholds.empty() && v >= g.thresholds.back())
        f.fail(item, "thresholds", "must decrease from grade 1 to the last grade");
      g.thresholds.push_back(v);
    }
  } else if (g.confidence != Confidence::unconfirmed) {
    f.fail_here("a table without thresholds must be marked confidence = \"UNCONFIRMED\"");
  }
  if (f.has("gates")) {
    for (const auto& item : f.array("gates")) {
      const toml::table* gt = item.as_table();
      if (gt == nullptr) f.fail(item, "gates", "expected a table {metric, grade, value}");
      Fields gf(*gt, f.field("gates"), file);
      Gate gate;
      gate.metric = gf.string("metric");
      gate.grade = static_cast<int>(gf.number("grade", 1, grades, fmt::format("1 to {}", grades)));
      gate.value = gf.number("value", 0.01, 100.0, "a ratio 0.01 to 100");
      gf.finish();
      g.gates.push_back(gate);
    }
  }
  f.finish();
  return g;
}

}  // namespace

StandardTables parse_grade_tables(std::string_view text, std::string_view file) {
  const toml::table doc = detail::parse_toml(text, file);
  Fields f(doc, "", file);
  StandardTables s;
  s.file = std::string(file);
  s.source = core::DataStore::source_line(text);
  s.id = parse_standard(f.string("id"), fmt::format("{}: id", file));
  s.standard = f.string("standard");
  s.title = f.string("title");
  s.grades = static_cast<int>(f.number("grades", 1, 9, "1 to 9"));
  s.cycling_cd = f.number_opt("cycling_cd", 0.0, 1.0, "0 to 1");
  s.cycling_cd_clause = f.string_or("cycling_cd_clause", "");
  if (auto c = f.confidence_opt("cycling_cd_confidence")) s.cycling_cd_confidence = *c;
  const toml::array& tables = f.array("table");
  std::size_t i = 0;
  for (const auto& item : tables) {
    const toml::table* t = item.as_table();
    if (t == nullptr) f.fail(item, "table", "expected [[table]] entries");
    s.tables.push_back(read_table(*t, fmt::format("table[{}]", i++), file, s.grades));
  }
  f.finish();
  return s;
}

En14825Data parse_en14825(std::string_view text, std::string_view file) {
  const toml::table doc = detail::parse_toml(text, file);
  Fields f(doc, "", file);
  En14825Data d;
  d.source = core::DataStore::source_line(text);
  f.ignore("id");
  f.ignore("title");
  f.ignore("grades");
  d.standard = f.string("standard");
  {
    Fields p(f.subtable("part_load"), "part_load", file);
    p.ignore("formula");
    d.part_load_clause = p.string("clause");
    d.part_load_confidence = p.confidence("confidence");
    p.finish();
  }
  {
    Fields c(f.subtable("cycling"), "cycling", file);
    c.ignore("formula");
    c.ignore("formula_air_to_air");
    d.air_to_air_formula_confidence = c.confidence("formula_air_to_air_confidence");
    d.cycling_clause = c.string("clause");
    d.cycling_confidence = c.confidence("confidence");
    d.cd_air_to_water = {c.number("cd_air_to_water", 0, 1, "0 to 1"),
                         c.confidence("cd_air_to_water_confidence")};
    d.cd_air_to_air = {c.number("cd_air_to_air", 0, 1, "0 to 1"),
                       c.confidence("cd_air_to_air_confidence")};
    c.finish();
  }
  {
    Fields e(f.subtable("efficiency"), "efficiency", file);
    d.efficiency_clause = e.string("clause");
    d.cc = {e.number("cc", 0.5, 5, "0.5 to 5"), e.confidence("cc_confidence")};
    d.cc_note = e.string_or("cc_note", "");
    d.f1 = {e.number("f1", 0, 0.5, "0 to 0.5"), e.confidence("f1_confidence")};
    d.f2_water_source = {e.number("f2_water_source", 0, 0.5, "0 to 0.5"),
                         e.confidence("f2_confidence")};
    e.finish();
  }
  std::size_t i = 0;
  for (const auto& item : f.array("condition")) {
    const toml::table* t = item.as_table();
    if (t == nullptr) f.fail(item, "condition", "expected [[condition]] entries");
    Fields c(*t, fmt::format("condition[{}]", i++), file);
    d.conditions.emplace_back(c.string("name"), c.quantity("t_outdoor", Dimension::temperature, 200,
                                                           330, "-73 °C to 57 °C"));
    c.finish();
  }
  i = 0;
  for (const auto& item : f.array("climate")) {
    const toml::table* t = item.as_table();
    if (t == nullptr) f.fail(item, "climate", "expected [[climate]] entries");
    Fields c(*t, fmt::format("climate[{}]", i++), file);
    Climate cl;
    cl.name = c.string("name");
    cl.city = c.string("city");
    cl.t_design = c.quantity("t_design", Dimension::temperature, 200, 300, "-73 °C to 27 °C");
    cl.t_design_confidence = c.confidence("t_design_confidence");
    cl.hhe = c.number("hhe", 1, 8760, "1 to 8760 h");
    cl.hhe_confidence = c.confidence("hhe_confidence");
    cl.hhe_clause = c.string("hhe_clause");
    cl.h_off = c.number("h_off", 0, 8760, "0 to 8760 h");
    cl.h_to = c.number("h_to", 0, 8760, "0 to 8760 h");
    cl.h_sb = c.number("h_sb", 0, 8760, "0 to 8760 h");
    cl.h_ck = c.number("h_ck", 0, 8760, "0 to 8760 h");
    cl.off_hours_confidence = c.confidence("off_hours_confidence");
    cl.bins_confidence = c.confidence("bins_confidence");
    cl.bins_clause = c.string("bins_clause");
    for (const auto& b : c.array("bins")) {
      const toml::array* pair = b.as_array();
      if (pair == nullptr || pair->size() != 2)
        c.fail(b, "bins", fmt::format("expected [Tj in °C, hours], got {}", node_text(b)));
      const double tj = c.number_of((*pair)[0], "bins", -60, 30, "-60 to 30 °C");
      const double h = c.number_of((*pair)[1], "bins", 0, 8760, "0 to 8760 h");
      const double tk = tj + core::kZeroCelsius;
      if (!cl.bins.empty() && tk <= cl.bins.back().first)
        c.fail(b, "bins", "bin temperatures must increase");
      cl.bins.emplace_back(tk, h);
    }
    if (cl.bins.empty()) c.fail_here("no bins");
    c.finish();
    d.climates.push_back(std::move(cl));
  }
  f.finish();
  return d;
}

StandardsLibrary StandardsLibrary::load(const core::DataStore& data) {
  StandardsLibrary lib;
  for (const auto& info : data.list("standards/")) {
    const std::string& path = info.path;
    if (path.size() < 5 || path.substr(path.size() - 5) != ".toml") continue;
    const std::string text = data.read(path);
    if (path == "standards/en14825.toml") {
      lib.en14825 = parse_en14825(text, path);
    } else if (path == "standards/iplv.toml") {
      const toml::table doc = detail::parse_toml(text, path);
      Fields f(doc, "", path);
      f.ignore("id");
      lib.iplv.source = core::DataStore::source_line(text);
      lib.iplv.clause = f.string("clause");
      for (const auto& n : f.array("load_points"))
        lib.iplv.load_points.push_back(f.number_of(n, "load_points", 0.01, 1, "0.01 to 1"));
      for (const auto& n : f.array("weights"))
        lib.iplv.weights.push_back(f.number_of(n, "weights", 0, 1, "0 to 1"));
      lib.iplv.load_points_confidence = f.confidence("load_points_confidence");
      lib.iplv.weights_confidence = f.confidence("weights_confidence");
      if (lib.iplv.weights.size() != 4 || lib.iplv.load_points.size() != 4)
        f.fail_here("expected 4 load points and 4 weights");
      f.finish();
    } else if (path == "standards/action-plan-target.toml") {
      const toml::table doc = detail::parse_toml(text, path);
      Fields f(doc, "", path);
      lib.target.source = core::DataStore::source_line(text);
      lib.target.year = static_cast<int>(f.number("year", 2020, 2100, "2020 to 2100"));
      lib.target.improvement =
          f.quantity("improvement", Dimension::fraction, 0.0, 10.0, "0 % to 1000 %");
      lib.target.text = f.string("text");
      lib.target.confidence = f.confidence("confidence");
      f.finish();
    } else {
      lib.standards.push_back(parse_grade_tables(text, path));
    }
  }
  if (lib.en14825.climates.empty())
    throw DataMissing("standards/en14825.toml: missing from the data store");
  if (lib.iplv.weights.empty())
    throw DataMissing("standards/iplv.toml: missing from the data store");
  if (lib.target.text.empty())
    throw DataMissing("standards/action-plan-target.toml: missing from the data store");
  return lib;
}

}  // namespace heatlift::standards
