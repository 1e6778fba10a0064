#include "heatlift/fleet/scenario_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/fleet/limits.hpp"
#include "heatlift/fleet/scenario_document.hpp"
#include "heatlift/fleet/scenario_reader.hpp"
#include "heatlift/fleet/uncertainty.hpp"
#include "heatlift/fluids/refrigerants.hpp"

namespace heatlift::fleet {
namespace {

using detail::Document;
using detail::kFraction;
using detail::kPlain;
using detail::Source;
using detail::TableReader;
using detail::where;

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
    g.saturation = r.quantity("saturation", core::Dimension::count, limits::units_positive);
    g.midpoint = r.quantity("midpoint", kPlain, limits::year);
    g.rate = r.quantity("rate", core::Dimension::per_year, limits::logistic_rate);
  } else if (model == "cagr") {
    g.kind = GrowthKind::cagr;
    const std::vector<double> from = r.years("from");
    const std::vector<double> to = r.years("to");
    const std::vector<double> rate =
        r.array("rate", core::Dimension::per_year, limits::growth_rate);
    if (to.size() != from.size() || rate.size() != from.size()) {
      r.fail(r.require("rate"), "rate", "from, to and rate must have the same number of entries");
    }
    for (std::size_t i = 0; i < from.size(); ++i) {
      if (to[i] < from[i]) r.fail(r.require("to"), "to", "each period must end after it starts");
      g.periods.push_back({static_cast<int>(from[i]), static_cast<int>(to[i]), rate[i]});
    }
  } else {
    g.kind = GrowthKind::bass;
    g.market = r.quantity("market", core::Dimension::count, limits::units_positive);
    g.p = r.quantity("p", core::Dimension::per_year, limits::bass_p);
    g.q = r.quantity("q", core::Dimension::per_year, limits::bass_q);
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
  s.history_sales = r.array("history_sales", core::Dimension::count, limits::units_per_year);
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
      r.quantity_or("prehistory_growth", core::Dimension::per_year, limits::growth_rate, 0.0);
  s.growth = read_growth(r);
  s.price = r.path("price", core::Dimension::money, limits::unit_price);
  s.capacity = r.path("capacity", core::Dimension::power, limits::capacity);
  {
    TableReader lt = r.sub(r.table("lifetime"), r.field("lifetime"));
    s.lifetime.shape = lt.quantity("shape", kPlain, limits::lifetime_shape);
    s.lifetime.scale = lt.quantity("scale", core::Dimension::years, limits::lifetime_scale);
    lt.finish();
  }
  s.heat_per_unit =
      r.path("heat_per_unit", core::Dimension::energy_per_year, limits::heat_per_unit);
  s.spf = r.path("spf", kPlain, limits::spf);
  s.cop_design = r.path("cop_design", kPlain, limits::cop_design);
  s.design_load_share = r.quantity("design_load_share", kFraction, limits::share);
  s.backup_share = r.path("backup_share", kFraction, limits::share);
  s.backup_design_share = r.path("backup_design_share", kFraction, limits::share);
  s.design_heat_load = r.quantity_or("design_heat_load", core::Dimension::power_per_area,
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
  s.charge = r.path("charge", core::Dimension::mass, limits::charge);
  s.leak_rate = r.path("leak_rate", core::Dimension::per_year, limits::share_per_year);
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

// A gradual lever's ramp: from, by (not before from); `value` read first, then the ramp and
// the segments it applies to.
template <class Lever>
Lever read_ramp_lever(TableReader& r, const Scenario& sc, double Lever::*value,
                      std::string_view key, const Limits& range) {
  Lever e;
  e.*value = r.quantity(key, kFraction, range);
  e.from = r.year("from");
  e.by = r.year("by");
  check_ramp(r, e.from, e.by);
  e.segments = segment_filter(r, sc);
  r.finish();
  return e;
}

Levers::Retrofit read_retrofit(TableReader& r, const Scenario& sc) {
  Levers::Retrofit e;
  e.min_age = r.integer("min_age", limits::retrofit_min_age);
  e.from = r.year("from");
  e.to = r.year("to");
  if (e.to < e.from) r.fail(r.require("to"), "to", "must not be before from");
  e.retrofit_share =
      r.quantity_or("retrofit_share", core::Dimension::per_year, limits::share_per_year, 0.0);
  e.spf_gain = r.quantity_or("spf_gain", kFraction, limits::gain, 0.0);
  e.retire_share =
      r.quantity_or("retire_share", core::Dimension::per_year, limits::share_per_year, 0.0);
  e.segments = segment_filter(r, sc);
  r.finish();
  return e;
}

Levers::CoalReplacement read_coal_replacement(TableReader& r, const Scenario& sc) {
  Levers::CoalReplacement c;
  c.segment = r.string("segment");
  if (std::none_of(sc.segments.begin(), sc.segments.end(),
                   [&](const Segment& s) { return s.name == c.segment; })) {
    r.fail(r.require("segment"), "segment", fmt::format("no segment named '{}'", c.segment));
  }
  c.from = r.year("from");
  c.to = r.year("to");
  if (c.to < c.from) r.fail(r.require("to"), "to", "must not be before from");
  c.units_per_year = r.quantity("units_per_year", core::Dimension::count, limits::units_per_year);
  c.source = r.string_or("source", "coal_boiler");
  if (sc.sources.count(c.source) == 0) {
    r.fail(r.require("source"), "source", fmt::format("no heat source named '{}'", c.source));
  }
  r.finish();
  return c;
}

Levers::LowGwp read_low_gwp(TableReader& r, const Scenario& sc) {
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
      throw InvalidInput(fmt::format("{}: {}: refrigerant '{}' has no GWP in refrigerants/gwp.csv",
                                     where(k.source(), r.file()), tr.field(ref), ref));
    }
    e.target[ref] = tr.quantity(ref, kFraction, limits::share);
    sum += e.target[ref];
  }
  check_sum(r, target, "target", sum, "shares");
  e.leak_rate = r.quantity_or("leak_rate", core::Dimension::per_year, limits::share_per_year, -1.0);
  e.eol_recovery = r.quantity_or("eol_recovery", kFraction, limits::share, -1.0);
  e.segments = segment_filter(r, sc);
  r.finish();
  return e;
}

Levers read_levers(const toml::table& t, const Source& source, const Scenario& sc) {
  TableReader top(t, "levers", source);
  Levers lv;
  for (auto&& [k, v] : t) lv.names.emplace_back(k.str());
  const auto sub = [&](std::string_view key) { return top.sub(top.table(key), top.field(key)); };
  if (top.has("efficiency")) {
    TableReader r = sub("efficiency");
    lv.efficiency =
        read_ramp_lever<Levers::Efficiency>(r, sc, &Levers::Efficiency::gain, "gain", limits::gain);
  }
  if (top.has("retrofit")) {
    TableReader r = sub("retrofit");
    lv.retrofit = read_retrofit(r, sc);
  }
  if (const toml::node* n = top.get("coal_replacement")) {
    const toml::array* arr = n->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      top.fail(*n, "coal_replacement", "expected one or more [[levers.coal_replacement]] blocks");
    }
    for (const toml::node& item : *arr) {
      TableReader r = top.sub(*item.as_table(), top.field("coal_replacement"));
      lv.coal_replacement.push_back(read_coal_replacement(r, sc));
    }
  }
  if (top.has("less_backup")) {
    TableReader r = sub("less_backup");
    lv.less_backup = read_ramp_lever<Levers::LessBackup>(r, sc, &Levers::LessBackup::reduction,
                                                         "reduction", limits::share);
  }
  if (top.has("low_gwp")) {
    TableReader r = sub("low_gwp");
    lv.low_gwp = read_low_gwp(r, sc);
  }
  if (top.has("grid")) {
    lv.grid = top.path("grid", core::Dimension::emission_per_energy, limits::grid_emission_factor);
  }
  top.finish();
  return lv;
}

// Heat sources the heat pumps replace.
void read_sources(TableReader& r, Scenario& sc) {
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
      h.emission_factor = sr.quantity("emission_factor", core::Dimension::emission_per_energy,
                                      limits::fuel_emission_factor);
    }
    sr.finish();
    sc.sources[name] = h;
  }
}

// The Kigali Amendment's HFC phase-down; returns the controlled HFCs.
std::set<std::string> read_kigali(TableReader& r, Scenario& sc) {
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

Target read_target(TableReader& tr, const toml::node& item, const Scenario& sc) {
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
  const core::Dimension kind = sales   ? core::Dimension::count
                               : money ? core::Dimension::money
                                       : core::Dimension::co2_mass;
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
    tr.fail(item, "year", fmt::format("{} is outside {}..{}", t.year, sc.base_year, sc.end_year));
  }
  return t;
}

Uncertainty read_uncertainty(TableReader& ur, const toml::node& item, std::string_view file,
                             const Scenario& sc) {
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
    return sp == std::string::npos ? std::string() : text.substr(text.find_first_not_of(" \t", sp));
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
    const double f_hi = normal                                                    ? u.a + 3.0 * u.b
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
  return u;
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
  sc.grid = r.path("grid", core::Dimension::emission_per_energy, limits::grid_emission_factor);

  read_sources(r, sc);

  const std::string basis = r.choice("gwp_basis", {"AR4", "AR5", "AR6"});
  const std::set<std::string> hfc = read_kigali(r, sc);
  read_refrigerants(data, fluids::parse_gwp_basis(basis, "gwp_basis"), hfc, sc);

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
      sc.targets.push_back(read_target(tr, item, sc));
    }
  }

  if (const toml::node* un = r.get("uncertainty")) {
    const toml::array* arr = un->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      r.fail(*un, "uncertainty", "expected [[uncertainty]] blocks");
    }
    for (const toml::node& item : *arr) {
      TableReader ur = r.sub(*item.as_table(), "uncertainty");
      sc.uncertainty.push_back(read_uncertainty(ur, item, file, sc));
    }
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
