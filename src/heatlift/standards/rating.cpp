#include "heatlift/standards/rating.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/standards/plausibility.hpp"
#include "heatlift/standards/product_io.hpp"

namespace heatlift::standards {
namespace {

constexpr double kAtmosphere = 101325.0;  // Pa, water-heater tests run open to the air

bool at_least(double value, double threshold) {
  return value >= threshold * (1.0 - 1e-9);
}

std::string fmt_ratio(double v) {
  return fmt::format("{:.3g}", v);
}

const std::string* find_selector(const Declaration& d, const std::string& key) {
  const auto it = d.selectors.find(key);
  return it == d.selectors.end() ? nullptr : &it->second;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::string_view to_string(TargetStatus s) {
  switch (s) {
    case TargetStatus::met: return "met";
    case TargetStatus::not_met: return "not met";
    case TargetStatus::fails_minimum: return "fails minimum";
  }
  return "not met";
}

std::string_view to_string(RowStatus s) {
  switch (s) {
    case RowStatus::rated: return "rated";
    case RowStatus::refused: return "refused";
    case RowStatus::skipped: return "skipped";
    case RowStatus::flagged: return "flagged";
  }
  return "refused";
}

std::string describe(const std::vector<Shortfall>& shortfalls) {
  std::vector<std::string> parts;
  for (const auto& s : shortfalls) {
    parts.push_back(fmt::format("{} {:.3f} < {:.3f} (short by {:.3f})", s.metric, s.value,
                                s.minimum, s.short_by()));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

GradeOutcome grade(const GradeTable& table, int grades, double value,
                   const std::map<std::string, double>& metrics, std::string_view field) {
  GradeOutcome o;
  o.table_id = table.id;
  o.clause = table.clause;
  o.band = table.capacity.describe();
  o.note = table.note;
  o.confidence = table.confidence;
  o.metric = table.metric;
  o.thresholds = table.thresholds;
  o.grades = grades;
  if (table.thresholds.empty()) return o;  // not graded: thresholds UNCONFIRMED
  o.graded = true;
  for (const Gate& g : table.gates) {
    const auto it = metrics.find(g.metric);
    if (it == metrics.end()) {
      throw InvalidInput(fmt::format("{}.{}: missing; {} requires {} >= {} for grade {}{}", field,
                                     g.metric, table.clause, g.metric, fmt_ratio(g.value), g.grade,
                                     g.grade == grades ? " (every grade)" : ""));
    }
    o.gates.push_back({g, it->second, at_least(it->second, g.value)});
  }
  auto gates_ok = [&](int g) {
    return std::all_of(o.gates.begin(), o.gates.end(),
                       [&](const GateCheck& c) { return c.gate.grade < g || c.pass; });
  };
  for (int g = 1; g <= grades; ++g) {
    if (at_least(value, table.thresholds[static_cast<std::size_t>(g - 1)]) && gates_ok(g)) {
      o.grade = g;
      break;
    }
  }
  o.pass = o.grade.has_value();
  if (!o.grade) {
    // Below the limit: what it misses, not a headroom (the metric may well be above the
    // limit threshold while a minimum for every grade fails).
    const double limit = table.thresholds.back();
    if (!at_least(value, limit)) o.below_minimum.push_back({table.metric, value, limit});
    for (const auto& c : o.gates) {
      if (c.gate.grade >= grades && !c.pass)
        o.below_minimum.push_back({c.gate.metric, c.value, c.gate.value});
    }
    if (o.below_minimum.empty())
      throw InternalError(fmt::format("{} {}: no grade reached, yet every minimum of grade {} met",
                                      table.clause, table.id, grades));
    return o;
  }
  o.margin = value - table.thresholds[static_cast<std::size_t>(*o.grade - 1)];
  if (*o.grade > 1) {
    const int next = *o.grade - 1;
    o.next_grade = next;
    o.to_next = std::max(0.0, table.thresholds[static_cast<std::size_t>(next - 1)] - value);
    for (const auto& c : o.gates) {
      if (c.gate.grade >= next && !c.pass) {
        o.next_needs.push_back(fmt::format("{} >= {} (is {})", c.gate.metric,
                                           fmt_ratio(c.gate.value), fmt_ratio(c.value)));
      }
    }
  }
  return o;
}

Rater::Rater(const StandardsLibrary& library, const fluids::GwpTable& gwp,
             const fluids::Properties* water)
    : lib_(library), gwp_(gwp), water_(water) {}

const GradeTable& Rater::select_table(const StandardTables& s, const Declaration& d) const {
  const std::string& f = d.field;
  std::vector<const GradeTable*> in_category;
  std::set<std::string> categories;
  for (const auto& t : s.tables) {
    categories.insert(t.category);
    if (t.category == d.category) in_category.push_back(&t);
  }
  if (in_category.empty()) {
    throw InvalidInput(fmt::format("{}.category: '{}' is not a product category of {}; expected {}",
                                   f, d.category, s.standard, fmt::join(categories, ", ")));
  }
  // Selectors: each key the category's tables use must be declared with a value they know.
  std::map<std::string, std::set<std::string>> keys;
  for (const auto* t : in_category) {
    for (const auto& [k, values] : t->match) keys[k].insert(values.begin(), values.end());
  }
  for (const auto& [k, v] : d.selectors) {
    if (!keys.count(k)) {
      std::vector<std::string> known;
      for (const auto& [kk, vv] : keys) known.push_back(kk);
      throw InvalidInput(fmt::format("{}.{}: unknown key for {} {}{}", f, k, s.standard, d.category,
                                     known.empty()
                                         ? std::string(" (it takes no selectors)")
                                         : fmt::format("; expected {}", fmt::join(known, ", "))));
    }
    if (!keys[k].count(v)) {
      throw InvalidInput(
          fmt::format("{}.{} = \"{}\": expected one of {}", f, k, v, fmt::join(keys[k], ", ")));
    }
  }
  // The selectors first, then the capacity band of the tables they leave.
  std::vector<const GradeTable*> matching;
  std::map<std::string, std::set<std::string>> missing;  // key -> values that would fit
  for (const auto* t : in_category) {
    bool mismatch = false;
    std::vector<std::pair<std::string, std::vector<std::string>>> absent;
    for (const auto& [k, values] : t->match) {
      const std::string* v = find_selector(d, k);
      if (v == nullptr) {
        absent.emplace_back(k, values);
      } else if (!contains(values, *v)) {
        mismatch = true;
      }
    }
    if (mismatch) continue;
    if (!absent.empty()) {
      for (const auto& [k, values] : absent) missing[k].insert(values.begin(), values.end());
      continue;
    }
    if (!t->capacity.lower && !t->capacity.upper) {  // not banded: any capacity
      matching.push_back(t);
      continue;
    }
    const bool heating = t->capacity.basis == CapacityBasis::heating;
    const auto& cap = heating ? d.heating_capacity : d.cooling_capacity;
    if (!cap) {
      throw InvalidInput(fmt::format("{}.{}: missing; {} {} tables are banded by {}", f,
                                     heating ? "heating_capacity" : "cooling_capacity", s.standard,
                                     d.category, to_string(t->capacity.basis)));
    }
    if (t->capacity.contains(*cap)) matching.push_back(t);
  }
  if (matching.empty() && !missing.empty()) {
    const auto& [k, values] = *missing.begin();
    throw InvalidInput(fmt::format("{}.{}: missing; {} {} tables for this product need {} = {}", f,
                                   k, s.standard, d.category, k, fmt::join(values, " | ")));
  }
  if (matching.empty()) {
    std::vector<std::string> rows;
    for (const auto* t : in_category) {
      std::vector<std::string> sel;
      for (const auto& [k, values] : t->match)
        sel.push_back(fmt::format("{} = {}", k, fmt::join(values, "|")));
      rows.push_back(fmt::format("{}{}{}", t->capacity.describe(), sel.empty() ? "" : ", ",
                                 fmt::join(sel, ", ")));
    }
    throw InvalidInput(fmt::format("{}: no table of {} covers this {} product; its tables are: {}",
                                   f, s.standard, d.category, fmt::join(rows, "; ")));
  }
  const auto& in_band = matching;
  if (in_band.size() > 1) {
    throw InternalError(fmt::format("{}: tables {} and {} of {} overlap", f, in_band[0]->id,
                                    in_band[1]->id, s.file));
  }
  return *in_band.front();
}

std::vector<Rating> Rater::rate(const Product& p, std::optional<StandardId> only,
                                const RatingOptions& options) const {
  std::vector<Rating> out;
  for (const auto& d : p.declarations) {
    if (!only || d.standard == *only) out.push_back(rate(p, d, options));
  }
  if (out.empty()) {
    if (only) {
      throw InvalidInput(fmt::format("{}: declares nothing for --standard {}; add a [{}] section",
                                     p.origin, to_string(*only), to_string(*only)));
    }
    throw InvalidInput(fmt::format("{}: declares no standard; add a section {}", p.origin,
                                   list_standards("[{0}]")));
  }
  return out;
}

namespace {

// Metrics computed from what is declared (IPLV from the part-load COPs, a water heater's COP
// from its heating test) join the declared ones; declaring both is ambiguous.
void compute_metrics(const StandardsLibrary& lib, const fluids::Properties* water,
                     const Declaration& d, std::map<std::string, double>& metrics,
                     std::map<std::string, MetricValue>& computed) {
  const std::string& f = d.field;
  if (d.part_load_cops) {
    if (d.metrics.count("IPLV"))
      throw InvalidInput(fmt::format("{}: give IPLV or the part-load COPs, not both", f));
    double v = 0.0;
    for (std::size_t i = 0; i < 4; ++i) v += lib.iplv.weights[i] * (*d.part_load_cops)[i];
    metrics["IPLV"] = v;
    computed["IPLV"] = {
        "IPLV", v, true,
        fmt::format("{}: weights {} ({}), load points {} ({})", lib.iplv.clause,
                    fmt::join(lib.iplv.weights, "/"), to_string(lib.iplv.weights_confidence),
                    fmt::join(lib.iplv.load_points, "/"),
                    to_string(lib.iplv.load_points_confidence)),
        weakest(lib.iplv.weights_confidence, lib.iplv.load_points_confidence)};
  }
  if (d.water_test) {
    if (d.metrics.count("COP"))
      throw InvalidInput(fmt::format("{}: give COP or a heating test, not both", f));
    const WaterHeaterTest& t = *d.water_test;
    if (water == nullptr)
      throw InternalError("water-heater test given but no water properties were provided");
    const double heat = t.water_mass * (water->at_T_p(t.t_end, kAtmosphere).h -
                                        water->at_T_p(t.t_start, kAtmosphere).h);
    const double cop = heat / t.electricity;
    metrics["COP"] = cop;
    computed["COP"] = {"COP", cop, true,
                       "COP = m·(h(t_end) − h(t_start)) / E, water enthalpy from the IAPWS-95 "
                       "equation of state at 101.325 kPa; the standard's rating conditions are "
                       "UNCONFIRMED and not checked",
                       Confidence::c1};
  }
}

// EN 14825: SCOP and its companions by the bin method from the declared points, which must
// cover every condition of the climate.
void rate_seasonal(const StandardsLibrary& lib, const Declaration& d, Rating& r) {
  const std::string& f = d.field;
  r.standard_name = lib.en14825.standard;
  r.standard_title = "Seasonal coefficient of performance (SCOP), bin method";
  if (!d.en14825) throw InternalError("en14825 declaration without its input");
  // Declared points must cover every condition the climate asks for: the bin method
  // interpolates between tests, it does not invent one.
  for (const auto& [name, t_condition] : required_conditions(lib.en14825, *d.en14825)) {
    const double t = t_condition;  // a plain variable: clang 14 cannot capture a binding
    const bool found = std::any_of(d.points.begin(), d.points.end(), [&](const DeclaredPoint& p) {
      return std::abs(p.t_source - t) < 0.05;
    });
    if (!found) {
      std::vector<std::string> have;
      for (const auto& p : d.points) have.push_back(core::format_quantity(p.t_source, "°C", 3));
      throw InvalidInput(
          fmt::format("{}.point: no declared point at {} (condition {} of {} for the {} climate); "
                      "declared points at: {}",
                      f, core::format_quantity(t, "°C", 3), name, lib.en14825.standard,
                      d.en14825->climate, fmt::join(have, ", ")));
    }
  }
  const DeclaredPoints unit(d.points);
  r.en14825 = rate_en14825(lib.en14825, *d.en14825, unit);
  const auto& e = *r.en14825;
  r.warnings = e.warnings;
  r.flags = implausible_points(*d.en14825, d.points);
  r.metric = {"SCOP", e.scop, true, e.clause, e.confidence};
  r.other_metrics.push_back({"SCOPon", e.scop_on, true, e.clause, e.confidence});
  r.other_metrics.push_back({"SCOPnet", e.scop_net, true, e.clause, e.confidence});
  r.other_metrics.push_back(
      {"eta_s", e.eta_s, true,
       fmt::format("ηs = SCOP/CC − F(1) − F(2), CC = {} ({}); {}", lib.en14825.cc.value,
                   to_string(lib.en14825.cc.confidence), lib.en14825.efficiency_clause),
       weakest(e.confidence, lib.en14825.cc.confidence)});
  if (!d.metrics.empty()) {
    throw InvalidInput(
        fmt::format("{}.{}: EN 14825 computes its metrics from the declared "
                    "points; declared metrics are not taken",
                    f, d.metrics.begin()->first));
  }
  r.notes.push_back(
      "EN 14825 defines no grades; the EU label classes of Reg. (EU) 811/2013 are not shipped");
  if (e.cd_default)
    r.notes.push_back(fmt::format("Cd = {} is the default for {} units ({})", e.cd,
                                  to_string(d.en14825->unit_type), to_string(e.cd_confidence)));
  if (e.extrapolated_bins > 0)
    r.notes.push_back(
        fmt::format("{} bins lie beyond the first or last test condition; Pdh and COP held there",
                    e.extrapolated_bins));
}

// A graded standard: the product's metric (declared or computed) in the grade table that
// applies to it, its gates and its grade, with what was declared but not used.
void rate_graded(const StandardTables& s, const GradeTable& table, const Declaration& d,
                 const std::map<std::string, double>& metrics,
                 std::map<std::string, MetricValue>& computed, Rating& r) {
  const std::string& f = d.field;
  std::set<std::string> allowed{table.metric};
  for (const auto& g : table.gates) allowed.insert(g.metric);
  std::vector<std::string> unused;
  for (const auto& [k, v] : metrics) {
    if (!allowed.count(k)) unused.push_back(k);
  }
  if (!unused.empty()) {
    r.notes.push_back(fmt::format("{} declared but not used by {} {} (it uses {})",
                                  fmt::join(unused, ", "), s.standard, table.clause,
                                  fmt::join(allowed, ", ")));
  }
  const auto it = metrics.find(table.metric);
  if (it == metrics.end()) {
    throw InvalidInput(fmt::format("{}.{}: missing; {} {} grades this product by {}", f,
                                   table.metric, s.standard, table.clause, table.metric));
  }
  auto metric_value = [&](const std::string& name, double v) {
    if (computed.count(name)) return computed[name];
    return MetricValue{name, v, false, fmt::format("{} {}", s.standard, table.clause),
                       Confidence::c1};
  };
  r.metric = metric_value(table.metric, it->second);
  for (const auto& [k, v] : metrics) {
    if (k != table.metric) r.other_metrics.push_back(metric_value(k, v));
  }
  r.grade = grade(table, s.grades, it->second, metrics, f);
  if (!r.grade->graded) {
    r.notes.push_back(
        fmt::format("{} {} ({}): grade thresholds UNCONFIRMED, not shipped; the "
                    "product is not graded",
                    s.standard, table.clause, r.grade->band));
  }
  if (table.category == "low_ambient_ashp" || table.category == "vrf_low_temp" ||
      table.metric == "APF") {
    r.notes.push_back(
        fmt::format("{} is taken as declared: the bin data of its seasonal method is not shipped",
                    table.metric));
  }
  if (s.cycling_cd) {
    r.notes.push_back(fmt::format("{} {}: cycling degradation CD = {} ({})", s.standard,
                                  s.cycling_cd_clause, *s.cycling_cd,
                                  to_string(s.cycling_cd_confidence)));
  }
}

// The 2030 target line: the product's metric against the plan's improvement over a named
// reference product or the standard's minimum limit.
void target_line(const StandardsLibrary& lib, const Declaration& d, const RatingOptions& options,
                 Rating& r) {
  const double value = r.metric.value;
  std::optional<std::pair<std::string, double>> base;
  Confidence base_conf = Confidence::c1;
  bool limit = false;
  if (d.reference && options.baseline == Baseline::automatic) {
    base = {d.reference->name, d.reference->value};
  } else if (r.grade && r.grade->graded) {
    base = {fmt::format("{} grade {} limit ({} {} >= {})", r.standard_name, r.grade->grades,
                        r.grade->clause, r.grade->metric, fmt_ratio(r.grade->thresholds.back())),
            r.grade->thresholds.back()};
    base_conf = r.grade->confidence;
    limit = true;
  }
  if (base) {
    TargetOutcome t;
    t.year = lib.target.year;
    t.target = lib.target.improvement;
    t.baseline_name = base->first;
    t.baseline_is_limit = limit;
    t.baseline = base->second;
    t.required = base->second * (1.0 + t.target);
    t.improvement = value / base->second - 1.0;
    const bool above = t.improvement >= t.target - 1e-12;
    const bool below_limit = r.grade && r.grade->graded && !r.grade->pass;
    t.status = below_limit ? TargetStatus::fails_minimum
               : above     ? TargetStatus::met
                           : TargetStatus::not_met;
    t.met = t.status == TargetStatus::met;
    const std::string percent = fmt::format("+{:.0f} %", t.target * 100.0);
    const std::string& metric = r.metric.name;
    t.basis = fmt::format("{} {}", limit ? "minimum limit" : "reference", percent);
    if (limit) {
      t.reading = fmt::format(
          "the plan's \"{}\" read as {} {} over the {} {} grade {} limit (能效限定值, {} >= {}), "
          "i.e. {} >= {:.3f}; the plan names no baseline{}",
          lib.target.text, metric, percent, r.standard_name, r.grade->clause, r.grade->grades,
          metric, fmt_ratio(t.baseline), metric, t.required,
          d.reference ? fmt::format("; --baseline limit set aside the named reference '{}'",
                                    d.reference->name)
                      : "; a named reference product is read instead when one is given");
    } else {
      t.reading = fmt::format(
          "the plan's \"{}\" read as {} {} over the named reference product '{}' ({} {}), i.e. "
          "{} >= {:.3f}; the plan names no baseline{}",
          lib.target.text, metric, percent, t.baseline_name, metric, fmt_ratio(t.baseline), metric,
          t.required,
          r.grade && !r.grade->graded
              ? "; the minimum is not checked (its thresholds are not shipped)"
              : "");
    }
    t.confidence = weakest(base_conf, lib.target.confidence);
    r.target = t;
  } else {
    r.notes.push_back(
        "no baseline for the 2030 target: the standard has no grade limit here; name a "
        "reference product (reference = { name = \"...\", value = ... })");
  }
}

// The refrigerant: its GWP100 on the chosen basis and the charge's CO2 equivalent.
void refrigerant_line(const fluids::GwpTable& gwp, const Product& p, const RatingOptions& options,
                      Rating& r) {
  r.refrigerant.basis = options.gwp;
  r.refrigerant.charge = p.charge;
  r.refrigerant.source = gwp.source();
  if (!p.refrigerant.empty()) {
    const fluids::RefrigerantGwp* g = gwp.find(p.refrigerant);
    if (g == nullptr) {
      throw InvalidInput(fmt::format("{}: refrigerant = \"{}\" is not in {}", p.origin,
                                     p.refrigerant, gwp.file()));
    }
    r.refrigerant.name = g->id;
    r.refrigerant.composition = g->composition;
    r.refrigerant.status = g->status;
    r.refrigerant.gwp = g->gwp(options.gwp);
    if (r.refrigerant.gwp && p.charge) r.refrigerant.co2e = *p.charge * *r.refrigerant.gwp;
    if (!r.refrigerant.gwp) {
      r.notes.push_back(fmt::format("{} has no {} GWP100 in {} ({}); try another --gwp basis",
                                    g->id, to_string(options.gwp), gwp.file(), g->status));
    }
  }
}

}  // namespace

Rating Rater::rate(const Product& p, const Declaration& d, const RatingOptions& options) const {
  Rating r;
  r.product = p.name;
  r.manufacturer = p.manufacturer;
  r.model = p.model;
  r.origin = p.origin;
  r.standard = d.standard;
  r.category = d.category;

  // Computed metrics join the declared ones; declaring both is ambiguous.
  std::map<std::string, double> metrics = d.metrics;
  std::map<std::string, MetricValue> computed;
  compute_metrics(lib_, water_, d, metrics, computed);

  if (d.standard == StandardId::en14825) {
    rate_seasonal(lib_, d, r);
  } else {
    const StandardTables& s = lib_.tables(d.standard);
    r.standard_name = s.standard;
    r.standard_title = s.title;
    rate_graded(s, select_table(s, d), d, metrics, computed, r);
  }
  target_line(lib_, d, options, r);
  refrigerant_line(gwp_, p, options, r);
  return r;
}

std::vector<RowResult> Rater::rate_rows(const std::vector<ProductRow>& rows,
                                        std::optional<StandardId> only,
                                        const RatingOptions& options) const {
  auto standard_name = [&](StandardId id) {
    return id == StandardId::en14825 ? lib_.en14825.standard : lib_.tables(id).standard;
  };
  std::vector<RowResult> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    RowResult base;
    base.origin = row.origin;
    base.product = row.name;
    base.standard = row.standard;
    if (!row.product) {
      try {
        base.standard = standard_name(parse_standard(row.standard, "standard"));
      } catch (const InvalidInput&) {
        // Not a standard heatlift knows: shown as written.
      }
      base.status = RowStatus::refused;
      base.error_code = row.error_code;
      base.reason = row.error;
      out.push_back(std::move(base));
      continue;
    }
    const Product& p = *row.product;
    for (const auto& d : p.declarations) {
      RowResult res = base;
      res.product = p.name;
      res.standard = standard_name(d.standard);
      if (only && d.standard != *only) {
        res.status = RowStatus::skipped;
        res.reason = fmt::format("standard = {}; --standard {} rates only those",
                                 to_string(d.standard), to_string(*only));
        out.push_back(std::move(res));
        continue;
      }
      try {
        res.rating = rate(p, d, options);
        const auto& g = res.rating->grade;
        if (!res.rating->flags.empty()) {
          res.status = RowStatus::flagged;
          res.reason = fmt::format("implausible: {}", fmt::join(res.rating->flags, "; "));
        } else if (g && !g->below_minimum.empty()) {
          res.reason =
              fmt::format("below the minimum ({} {} grade {} limit): {}", res.rating->standard_name,
                          g->clause, g->grades, describe(g->below_minimum));
        }
      } catch (const Error& e) {
        // The user's input refuses this row alone; heatlift's own failure ends the run.
        if (exit_code(e.code()) != 2) throw;
        res.status = RowStatus::refused;
        res.error_code = e.code();
        res.reason = strip_origin(e.what(), p.origin);
      }
      out.push_back(std::move(res));
    }
  }
  return out;
}

}  // namespace heatlift::standards
