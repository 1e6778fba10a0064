#include "heatlift/fleet/scenario_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/fleet/scenario_document.hpp"
#include "heatlift/fleet/scenario_params.hpp"
#include "heatlift/fleet/scenario_reader.hpp"
#include "heatlift/fleet/scenario_registry.hpp"
#include "heatlift/fleet/uncertainty.hpp"
#include "heatlift/fluids/refrigerants.hpp"

namespace heatlift::fleet {
namespace {

using core::ConfigTable;
using detail::Document;
using detail::kAnyRefrigerant;
using detail::kAnySource;

// ---- segments -----------------------------------------------------------------------------

std::string source_names(const Scenario& sc) {
  std::string out;
  for (const auto& [name, src] : sc.sources) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// [segments.*.replaced]: the heat sources replaced, by name, adding up to 100 %.
void read_replaced(ConfigTable rep, const Scenario& sc, Segment& s) {
  const core::ParamDecl& share = detail::kReplacedBlock.param(kAnySource);
  double sum = 0.0;
  for (const std::string& src : rep.keys()) {
    if (sc.sources.count(src) == 0) {
      rep.fail(src, fmt::format("unknown heat source '{}'; declared in [sources]: {}", src,
                                source_names(sc)));
    }
    const double v = rep.value(detail::at_key(share, src));
    s.replaced[src] = v;
    sum += v;
  }
  detail::check_sum(rep, sum, "shares");
  rep.finish();
}

// [segments.*.refrigerants]: anchor years and a share path per refrigerant, each year adding
// up to 100 %.
void read_refrigerant_mix(ConfigTable mix, const Scenario& sc, Segment& s) {
  const core::BlockDecl& b = detail::kRefrigerantMixBlock;
  const std::vector<double> years = detail::years(mix, b.param("years"));
  for (const std::string& ref : mix.keys()) {
    if (ref == "years") continue;
    if (sc.refrigerants.count(ref) == 0) {
      mix.fail(ref, fmt::format("refrigerant '{}' has no GWP in refrigerants/gwp.csv for the "
                                "scenario's gwp_basis",
                                ref));
    }
    Path p{years, detail::values(mix, detail::at_key(b.param(kAnyRefrigerant), ref))};
    if (p.values.size() != years.size()) {
      mix.fail(ref, fmt::format("has {} entries but years has {}", p.values.size(), years.size()));
    }
    s.refrigerant_mix[ref] = p;
  }
  for (std::size_t i = 0; i < years.size(); ++i) {
    double sum = 0.0;
    for (const auto& [ref, p] : s.refrigerant_mix) sum += p.values[i];
    detail::check_sum(mix, sum, fmt::format("shares in {}", years[i]));
  }
  mix.finish();
}

// The segment's history: first year, sales to the base year, and the back-cast before it.
void read_history(ConfigTable& r, int base_year, Segment& s) {
  const core::BlockDecl& b = detail::kSegmentBlock;
  s.history_start = detail::year(r, b.param("history_start"));
  if (s.history_start > base_year) {
    r.fail("history_start",
           fmt::format("{} is after the base year {}", s.history_start, base_year));
  }
  s.history_sales = detail::values(r, b.param("history_sales"));
  if (static_cast<int>(s.history_sales.size()) != base_year - s.history_start + 1) {
    r.fail("history_sales",
           fmt::format("has {} years but {}..{} needs {}", s.history_sales.size(), s.history_start,
                       base_year, base_year - s.history_start + 1));
  }
  s.prehistory_start =
      detail::optional_year(r, b.param("prehistory_start")).value_or(s.history_start);
  if (s.prehistory_start > s.history_start)
    r.fail("prehistory_start", "must not be after history_start");
  s.prehistory_growth = r.value(b.param("prehistory_growth"));
}

Segment read_segment(ConfigTable r, const std::string& name, const Scenario& sc) {
  const core::BlockDecl& b = detail::kSegmentBlock;
  Segment s;
  s.name = name;
  s.end_use =
      r.text(b.param("end_use")) == "space_heating" ? EndUse::space_heating : EndUse::hot_water;
  s.sector = r.text(b.param("sector")) == "household" ? Sector::household : Sector::commercial;
  read_history(r, sc.base_year, s);
  s.growth = detail::read_growth(r.table("growth"));
  for (const detail::SegmentPath& f : detail::kSegmentPaths)
    s.*f.member = detail::path(r, b.param(f.key));
  {
    ConfigTable lt = r.table("lifetime");
    s.lifetime.shape = lt.value(detail::kLifetimeBlock.param("shape"));
    s.lifetime.scale = lt.value(detail::kLifetimeBlock.param("scale"));
    lt.finish();
  }
  s.design_load_share = r.value(b.param("design_load_share"));
  s.design_heat_load = r.optional_value(b.param("design_heat_load")).value_or(0.0);
  read_replaced(r.table("replaced"), sc, s);
  read_refrigerant_mix(r.table("refrigerants"), sc, s);
  r.finish();
  return s;
}

// Segments, space heating before hot water, household before commercial.
void read_segments(ConfigTable& r, Scenario& sc) {
  ConfigTable segs = r.table("segments");
  for (const std::string& name : segs.keys())
    sc.segments.push_back(read_segment(segs.table(name), name, sc));
  segs.finish();
  std::stable_sort(sc.segments.begin(), sc.segments.end(), [](const Segment& a, const Segment& b) {
    return std::pair(a.end_use, a.sector) < std::pair(b.end_use, b.sector);
  });
  if (sc.segments.empty()) r.fail("segments", "declares no segment");
}

// ---- sources, Kigali, refrigerants ----------------------------------------------------------

// Heat sources the heat pumps replace.
void read_sources(ConfigTable& r, Scenario& sc) {
  const core::BlockDecl& b = detail::kSourceBlock;
  ConfigTable st = r.table("sources");
  for (const std::string& name : st.keys()) {
    ConfigTable t = st.table(name);
    HeatSource h;
    h.name = name;
    h.electric = t.flag(b.param("electric"));
    h.efficiency = t.value(b.param("efficiency"));
    if (!h.electric) h.emission_factor = t.value(b.param("emission_factor"));
    t.finish();
    sc.sources[name] = h;
  }
  st.finish();
}

// The Kigali Amendment's HFC phase-down; returns the controlled HFCs.
std::set<std::string> read_kigali(ConfigTable& r, Scenario& sc) {
  const core::BlockDecl& b = detail::kKigaliBlock;
  ConfigTable k = r.table("kigali");
  const std::vector<std::string> controlled = k.strings("controlled");
  const std::vector<double> baseline = detail::years(k, b.param("baseline"));
  if (baseline.size() != 2) k.fail("baseline", "expected [first, last]");
  sc.kigali.baseline_from = static_cast<int>(baseline[0]);
  sc.kigali.baseline_to = static_cast<int>(baseline[1]);
  for (double y : detail::years(k, b.param("step_years")))
    sc.kigali.step_years.push_back(static_cast<int>(y));
  sc.kigali.step_share = detail::values(k, b.param("step_allowed"));
  if (sc.kigali.step_share.size() != sc.kigali.step_years.size())
    k.fail("step_allowed", "needs one entry per step year");
  k.finish();
  return {controlled.begin(), controlled.end()};
}

// Refrigerants: the GWPs of fluids::GwpTable in the scenario's basis; the HFC part counts a
// controlled pure fluid whole and a blend by its controlled components.
void read_refrigerants(const core::DataStore& data, fluids::GwpBasis basis,
                       const std::set<std::string>& hfc, Scenario& sc) {
  const fluids::GwpTable table = fluids::GwpTable::load(data);
  for (const fluids::RefrigerantGwp& row : table.rows()) {
    const std::optional<double> gwp = row.gwp(basis);
    if (!gwp) continue;
    Refrigerant ref;
    ref.name = row.id;
    ref.gwp = *gwp;
    if (row.blend.empty()) {
      ref.hfc_gwp = hfc.count(row.id) ? ref.gwp : 0.0;
    } else {
      for (const fluids::BlendComponent& c : row.blend) {
        const fluids::RefrigerantGwp* part = table.find(c.id);
        if (!hfc.count(c.id) || part == nullptr) continue;
        if (const std::optional<double> g = part->gwp(basis)) ref.hfc_gwp += c.mass_fraction * *g;
      }
    }
    sc.refrigerants[row.id] = ref;
  }
}

// ---- targets and uncertainty --------------------------------------------------------------

Target read_target(ConfigTable t, const Scenario& sc) {
  const core::BlockDecl& b = detail::kTargetBlock;
  Target out;
  out.year = detail::year(t, b.param("year"));
  out.end_use = t.text(b.param("end_use"));
  if (t.has("indicator") && t.string("indicator") == "co2_gross") {
    t.fail("indicator",
           "'co2_gross' is now called 'co2_reduction_gross' (it is the CO2 the heat pumps "
           "avoid, a reduction)");
  }
  out.indicator = t.text(b.param("indicator"));
  for (const detail::TargetIndicator& i : detail::target_indicators()) {
    if (i.name == out.indicator) out.value = t.value(*i.value);
  }
  out.unit = t.written_unit("value");
  const bool share = out.indicator.ends_with("_share");
  if (share != t.has("segment")) {
    t.fail_here(share ? "a *_share indicator needs the segment whose share it is"
                      : "a segment is given only with a *_share indicator");
  }
  if (share) {
    out.segment = t.text(b.param("segment"));
    const Segment* seg = nullptr;
    for (const Segment& s : sc.segments) {
      if (s.name == out.segment) seg = &s;
    }
    if (seg == nullptr || (out.end_use != "total" && to_string(seg->end_use) != out.end_use)) {
      t.fail("segment", fmt::format("'{}' is not a segment of {}", out.segment, out.end_use));
    }
  }
  out.tolerance = t.value(b.param("tolerance"));
  out.status = t.optional_text(b.param("status")).value_or("");
  out.enforced = t.flag(b.param("enforced"));
  t.finish();
  if (out.year < sc.base_year || out.year > sc.end_year) {
    t.fail("year", fmt::format("{} is outside {}..{}", out.year, sc.base_year, sc.end_year));
  }
  return out;
}

// What a draw of `info` is written as at `key` (mean, sd, min, mode, max): a value of the
// parameter itself, in its unit and range (sd: above zero), or for a path a factor as the
// [[uncertainty]] block declares it.
core::ParamDecl draw_decl(const ParameterInfo& info, std::string_view key) {
  const core::ParamDecl& block = detail::kUncertaintyBlock.param(key);
  if (info.path) return detail::at_key(block, key);
  core::ParamDecl d = detail::at_key(*info.param, key);
  if (key == "sd") d.range = block.range;
  return d;
}

// The distribution's parameters; `valid` is the range each draw must stay in.
void read_distribution(ConfigTable& t, const ParameterInfo& info, const core::Range& valid,
                       Uncertainty& u) {
  using D = Uncertainty::Distribution;
  const auto read = [&](std::string_view key) { return t.value(draw_decl(info, key)); };
  const std::string dist = t.text(detail::kUncertaintyBlock.param("distribution"));
  if (dist == "normal") {
    u.distribution = D::normal;
    u.a = read("mean");
    u.b = read("sd");
    u.unit = t.written_unit("mean");
    if (!valid.contains(u.a - 3.0 * u.b) || !valid.contains(u.a + 3.0 * u.b)) {
      t.fail("sd", fmt::format("mean ± 3 sd reaches outside the valid range {} of {}; give a "
                               "smaller sd or a triangular or uniform distribution",
                               valid.text, u.parameter));
    }
  } else if (dist == "triangular") {
    u.distribution = D::triangular;
    u.a = read("min");
    u.b = read("mode");
    u.c = read("max");
    u.unit = t.written_unit("min");
    if (!(u.a <= u.b && u.b <= u.c && u.a < u.c))
      t.fail("mode", "expected min ≤ mode ≤ max with min < max");
  } else {
    u.distribution = D::uniform;
    u.a = read("min");
    u.b = read("max");
    u.unit = t.written_unit("min");
    if (!(u.a < u.b)) t.fail("max", "expected max above min");
  }
}

Uncertainty read_uncertainty(ConfigTable t, const Scenario& sc) {
  Uncertainty u;
  u.where = t.position();
  u.parameter = t.text(detail::kUncertaintyBlock.param("parameter"));
  ParameterInfo info;
  try {
    info = describe_parameter(sc, u.parameter);
  } catch (const Error& e) {
    t.fail("parameter", e.what());
  }
  u.factor = info.path;
  const core::Range valid = draw_decl(info, "min").range;
  u.lo = valid.lo;
  u.hi = valid.hi;
  read_distribution(t, info, valid, u);
  if (u.factor) {
    // The factors the distribution can give must keep every value of the path in the
    // range the file itself is held to.
    using D = Uncertainty::Distribution;
    const bool normal = u.distribution == D::normal;
    const double f_lo = normal ? u.a - 3.0 * u.b : u.a;
    const double f_hi = normal ? u.a + 3.0 * u.b : u.distribution == D::triangular ? u.c : u.b;
    const std::string problem = factor_problem(sc, u.parameter, f_lo, f_hi);
    if (!problem.empty())
      t.fail(normal ? "sd" : "max", fmt::format("{}; narrow the distribution", problem));
  }
  t.finish();
  return u;
}

// ---- the file -----------------------------------------------------------------------------

Scenario decode(const core::DataStore& data, const Document& doc) {
  const core::BlockDecl& b = detail::kScenarioBlock;
  ConfigTable r(doc.table, "", doc.file);
  r.quote_as_written(&doc.literals);
  Scenario sc;
  sc.file = doc.file;
  sc.source = r.text(b.param("source"));
  sc.name = r.text(b.param("name"));
  sc.title = r.optional_text(b.param("title")).value_or(sc.name);
  sc.base_year = detail::year(r, b.param("base_year"));
  sc.end_year = detail::year(r, b.param("end_year"));
  if (sc.end_year <= sc.base_year) r.fail("end_year", "must be after base_year");
  sc.milestones.clear();
  for (double y : detail::years(r, b.param("milestones")))
    sc.milestones.push_back(static_cast<int>(y));
  sc.grid = detail::path(r, b.param("grid"));
  read_sources(r, sc);
  const std::string basis = r.text(b.param("gwp_basis"));
  const std::set<std::string> hfc = read_kigali(r, sc);
  read_refrigerants(data, fluids::parse_gwp_basis(basis, "gwp_basis"), hfc, sc);
  read_segments(r, sc);
  if (r.has("levers")) sc.levers = detail::read_levers(r.table("levers"), sc);
  if (auto c = r.optional_table("cells")) {
    sc.cells.heat = c->value(detail::kCellsBlock.param("heat"));
    sc.cells.efficiency = c->value(detail::kCellsBlock.param("efficiency"));
    c->finish();
  }
  if (r.has("targets")) {
    for (ConfigTable& t : r.tables("targets")) sc.targets.push_back(read_target(t, sc));
  }
  if (r.has("uncertainty")) {
    for (ConfigTable& t : r.tables("uncertainty"))
      sc.uncertainty.push_back(read_uncertainty(t, sc));
  }
  r.finish();
  return sc;
}
}  // namespace

Scenario parse_scenario(const core::DataStore& data, std::string_view text, std::string_view file) {
  return decode(data, detail::parse_document(data, text, file, 0));
}

Scenario load_scenario(const core::DataStore& data, std::string_view name_or_path) {
  return decode(data, detail::load_document(data, name_or_path, {}, 0));
}

}  // namespace heatlift::fleet
