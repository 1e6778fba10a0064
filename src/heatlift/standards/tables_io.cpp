// The only reader of data/standards/*.toml, through core's one TOML reader
// (core::ConfigDocument / core::ConfigTable): every error names file:line:column, the
// dotted field, the value and what was expected.
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/standards/tables.hpp"

namespace heatlift::standards {
namespace {

using core::ConfigDocument;
using core::ConfigTable;
using core::Dimension;
using core::Range;

constexpr double kMaxCapacity = 1e9;  // W
constexpr Range kRatio{0.01, 100.0, "a ratio 0.01 to 100"};
constexpr Range kFraction{0.0, 1.0, "0 to 1"};
constexpr Range kHours{0.0, 8760.0, "0 to 8760 h"};

// The other files of data/standards/: not standards, read here too.
constexpr std::string_view kIplvFile = "standards/iplv.toml";
constexpr std::string_view kTargetFile = "standards/action-plan-target.toml";

Confidence confidence(ConfigTable& t, std::string_view key) {
  return *parse_confidence(t.choice(key, confidence_names()));
}

std::optional<Confidence> optional_confidence(ConfigTable& t, std::string_view key) {
  if (!t.has(key)) return std::nullopt;
  return confidence(t, key);
}

CapacityBand read_band(ConfigTable t) {
  CapacityBand b;
  b.basis = t.choice("basis", {"heating", "cooling"}) == "heating" ? CapacityBasis::heating
                                                                   : CapacityBasis::cooling;
  auto bound = [&](std::string_view key) {
    return t.optional_quantity(key, Dimension::power, {0.0, kMaxCapacity, "0 W to 1 GW"});
  };
  const auto above = bound("above");
  const auto from = bound("from");
  const auto up_to = bound("up_to");
  const auto below = bound("below");
  if (above && from) t.fail_here("give 'above' or 'from', not both");
  if (up_to && below) t.fail_here("give 'up_to' or 'below', not both");
  b.lower = above ? above : from;
  b.lower_inclusive = from.has_value();
  b.upper = up_to ? up_to : below;
  b.upper_inclusive = !below.has_value();
  if (b.lower && b.upper && *b.lower >= *b.upper) t.fail_here("the band is empty");
  t.finish();
  return b;
}

// Grade 1 first, decreasing; `grades` values.
std::vector<double> read_thresholds(ConfigTable& t, int grades) {
  std::vector<double> v = t.numbers_in("thresholds", kRatio);
  if (static_cast<int>(v.size()) != grades) {
    t.fail("thresholds",
           fmt::format("expected {} values (grade 1 first), got {}", grades, v.size()));
  }
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (v[i] >= v[i - 1])
      t.fail_entry("thresholds", i, "must decrease from grade 1 to the last grade");
  }
  return v;
}

GradeTable read_table(ConfigTable t, int grades) {
  GradeTable g;
  g.id = t.nonempty_string("id");
  g.clause = t.nonempty_string("clause");
  g.category = t.nonempty_string("category");
  if (auto m = t.optional_table("match")) {
    for (const std::string& key : m->keys()) g.match.emplace_back(key, m->one_or_more_strings(key));
    m->finish();
  }
  g.capacity = read_band(t.table("capacity"));
  g.metric = t.nonempty_string("metric");
  g.confidence = confidence(t, "confidence");
  g.note = t.has("note") ? t.nonempty_string("note") : "";
  if (t.has("thresholds")) {
    g.thresholds = read_thresholds(t, grades);
  } else if (g.confidence != Confidence::unconfirmed) {
    t.fail_here("a table without thresholds must be marked confidence = \"UNCONFIRMED\"");
  }
  if (t.has("gates")) {
    for (ConfigTable gt : t.tables("gates")) {
      Gate gate;
      gate.metric = gt.nonempty_string("metric");
      gate.grade = static_cast<int>(gt.integer("grade", 1, grades));
      gate.value = gt.number("value", kRatio);
      gt.finish();
      g.gates.push_back(gate);
    }
  }
  t.finish();
  return g;
}

// The file's `id` must name `expected`, the standard whose data file it is.
StandardId check_id(ConfigTable& t, StandardId expected) {
  const StandardId id = parse_standard(t.nonempty_string("id"), t.locate("id"));
  if (id != expected) {
    t.fail("id", fmt::format("'{}' is not the standard of this file; expected '{}'", to_string(id),
                             to_string(expected)));
  }
  return id;
}

void read_en14825_coefficients(ConfigTable& f, En14825Data& d) {
  ConfigTable p = f.table("part_load");
  p.ignore("formula");
  d.part_load_clause = p.nonempty_string("clause");
  d.part_load_confidence = confidence(p, "confidence");
  p.finish();

  ConfigTable c = f.table("cycling");
  c.ignore("formula");
  c.ignore("formula_air_to_air");
  d.air_to_air_formula_confidence = confidence(c, "formula_air_to_air_confidence");
  d.cycling_clause = c.nonempty_string("clause");
  d.cycling_confidence = confidence(c, "confidence");
  d.cd_air_to_water = {c.number("cd_air_to_water", kFraction),
                       confidence(c, "cd_air_to_water_confidence")};
  d.cd_air_to_air = {c.number("cd_air_to_air", kFraction),
                     confidence(c, "cd_air_to_air_confidence")};
  c.finish();

  ConfigTable e = f.table("efficiency");
  d.efficiency_clause = e.nonempty_string("clause");
  d.cc = {e.number("cc", {0.5, 5.0, "0.5 to 5"}), confidence(e, "cc_confidence")};
  d.cc_note = e.has("cc_note") ? e.nonempty_string("cc_note") : "";
  d.f1 = {e.number("f1", {0.0, 0.5, "0 to 0.5"}), confidence(e, "f1_confidence")};
  d.f2_water_source = {e.number("f2_water_source", {0.0, 0.5, "0 to 0.5"}),
                       confidence(e, "f2_confidence")};
  e.finish();
}

Climate read_climate(ConfigTable c) {
  Climate cl;
  cl.name = c.nonempty_string("name");
  cl.city = c.nonempty_string("city");
  cl.t_design = c.quantity("t_design", Dimension::temperature, {200, 300, "-73 °C to 27 °C"});
  cl.t_design_confidence = confidence(c, "t_design_confidence");
  cl.hhe = c.number("hhe", {1, 8760, "1 to 8760 h"});
  cl.hhe_confidence = confidence(c, "hhe_confidence");
  cl.hhe_clause = c.nonempty_string("hhe_clause");
  cl.hhe_air_to_air = c.number("hhe_air_to_air", {1, 8760, "1 to 8760 h"});
  cl.hhe_air_to_air_clause = c.nonempty_string("hhe_air_to_air_clause");
  cl.h_off = c.number("h_off", kHours);
  cl.h_to = c.number("h_to", kHours);
  cl.h_sb = c.number("h_sb", kHours);
  cl.h_ck = c.number("h_ck", kHours);
  cl.off_hours_confidence = confidence(c, "off_hours_confidence");
  cl.h_off_reversible = c.number("h_off_reversible", kHours);
  cl.h_to_reversible = c.number("h_to_reversible", kHours);
  cl.h_sb_reversible = c.number("h_sb_reversible", kHours);
  cl.h_ck_reversible = c.number("h_ck_reversible", kHours);
  cl.off_hours_reversible_confidence = confidence(c, "off_hours_reversible_confidence");
  cl.bins_confidence = confidence(c, "bins_confidence");
  cl.bins_clause = c.nonempty_string("bins_clause");
  const auto rows = c.number_rows("bins", {{-60, 30, "-60 to 30 °C"}, kHours}, "[Tj in °C, hours]");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double tk = rows[i][0] + core::kZeroCelsius;
    if (!cl.bins.empty() && tk <= cl.bins.back().first)
      c.fail_entry("bins", i, "bin temperatures must increase");
    cl.bins.emplace_back(tk, rows[i][1]);
  }
  if (cl.bins.empty()) c.fail("bins", "no bins");
  c.finish();
  return cl;
}

IplvData read_iplv(std::string_view text, const std::string& file) {
  const ConfigDocument doc = ConfigDocument::from_text(text, file);
  ConfigTable f(doc);
  IplvData d;
  f.ignore("id");
  d.source = core::DataStore::source_line(text);
  d.clause = f.nonempty_string("clause");
  d.load_points = f.numbers_in("load_points", {0.01, 1.0, "0.01 to 1"});
  d.weights = f.numbers_in("weights", kFraction);
  d.load_points_confidence = confidence(f, "load_points_confidence");
  d.weights_confidence = confidence(f, "weights_confidence");
  if (d.weights.size() != 4 || d.load_points.size() != 4)
    f.fail_here("expected 4 load points and 4 weights");
  f.finish();
  return d;
}

EfficiencyTarget read_target(std::string_view text, const std::string& file) {
  const ConfigDocument doc = ConfigDocument::from_text(text, file);
  ConfigTable f(doc);
  EfficiencyTarget t;
  t.source = core::DataStore::source_line(text);
  t.year = static_cast<int>(f.integer("year", 2020, 2100));
  t.improvement = f.quantity("improvement", Dimension::fraction, {0.0, 10.0, "0 % to 1000 %"});
  t.text = f.nonempty_string("text");
  t.confidence = confidence(f, "confidence");
  f.finish();
  return t;
}

// A grade-table file; with `expected`, its id must name that standard.
StandardTables read_grade_tables(std::string_view text, std::string_view file,
                                 std::optional<StandardId> expected) {
  const ConfigDocument doc = ConfigDocument::from_text(text, std::string(file));
  ConfigTable f(doc);
  StandardTables s;
  s.file = std::string(file);
  s.source = core::DataStore::source_line(text);
  s.id =
      expected ? check_id(f, *expected) : parse_standard(f.nonempty_string("id"), f.locate("id"));
  s.standard = f.nonempty_string("standard");
  s.title = f.nonempty_string("title");
  s.grades = static_cast<int>(f.integer("grades", 1, 9));
  s.cycling_cd = f.optional_number("cycling_cd", kFraction);
  s.cycling_cd_clause = f.has("cycling_cd_clause") ? f.nonempty_string("cycling_cd_clause") : "";
  if (auto c = optional_confidence(f, "cycling_cd_confidence")) s.cycling_cd_confidence = *c;
  for (ConfigTable t : f.tables("table")) s.tables.push_back(read_table(std::move(t), s.grades));
  f.finish();
  return s;
}

}  // namespace

StandardTables parse_grade_tables(std::string_view text, std::string_view file) {
  return read_grade_tables(text, file, std::nullopt);
}

En14825Data parse_en14825(std::string_view text, std::string_view file) {
  const ConfigDocument doc = ConfigDocument::from_text(text, std::string(file));
  ConfigTable f(doc);
  En14825Data d;
  d.source = core::DataStore::source_line(text);
  check_id(f, StandardId::en14825);
  f.ignore("title");
  f.ignore("grades");
  d.standard = f.nonempty_string("standard");
  read_en14825_coefficients(f, d);
  ConfigTable rev = f.table("reversible");
  d.reversible_clause = rev.nonempty_string("clause");
  rev.finish();
  for (ConfigTable c : f.tables("condition")) {
    d.conditions.emplace_back(
        c.nonempty_string("name"),
        c.quantity("t_outdoor", Dimension::temperature, {200, 330, "-73 °C to 57 °C"}));
    c.finish();
  }
  for (ConfigTable c : f.tables("climate")) d.climates.push_back(read_climate(std::move(c)));
  if (d.climates.empty()) f.fail("climate", "expected at least one [[climate]]");
  f.finish();
  return d;
}

StandardsLibrary StandardsLibrary::load(const core::DataStore& data) {
  StandardsLibrary lib;
  for (const StandardInfo& info : standard_list()) {
    const std::string file(info.data_file);
    const std::string text = data.read(file);
    if (!info.graded) {
      lib.en14825 = parse_en14825(text, file);
      continue;
    }
    lib.standards.push_back(read_grade_tables(text, file, info.id));
  }
  lib.iplv = read_iplv(data.read(kIplvFile), std::string(kIplvFile));
  lib.target = read_target(data.read(kTargetFile), std::string(kTargetFile));
  // A file in standards/ that none of these reads would be silently ignored: refuse it.
  for (const auto& entry : data.list("standards/")) {
    const std::string& path = entry.path;
    if (!path.ends_with(".toml") || path == kIplvFile || path == kTargetFile) continue;
    const auto list = standard_list();
    if (std::none_of(list.begin(), list.end(),
                     [&](const StandardInfo& s) { return path == s.data_file; })) {
      throw InvalidInput(fmt::format(
          "{}: not a file heatlift reads; expected the data of a standard ({}), {} or {} (a "
          "file in the user data folder replaces the shipped file of the same path)",
          path, list_standards("{2}"), kIplvFile, kTargetFile));
    }
  }
  return lib;
}

}  // namespace heatlift::standards
