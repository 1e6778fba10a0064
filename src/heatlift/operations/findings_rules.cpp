// The rules of diagnose(): each rule's findings from the months' and days' sums
// (findings_internal.hpp), and why a rule could not be checked.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/units.hpp"
#include "heatlift/operations/findings_internal.hpp"
#include "heatlift/operations/kpi.hpp"

namespace heatlift::operations {
namespace {

using namespace findings_detail;

// A rule's result in one month: its evidence and how bad it is (larger = worse).
struct Hit {
  std::size_t month = 0;
  double score = 0.0;
  Severity severity = Severity::warning;
  std::vector<Evidence> evidence;
};

// Which rules had the data to be checked in at least one month.
struct Checked {
  bool cycles = false, curve = false, defrost = false, flow = false, backup = false;
  bool meter = false;
};

using Hits = std::array<std::vector<Hit>, kFindingCodes>;

void add(Hits& hits, FindingCode c, Hit h) {
  hits[static_cast<std::size_t>(c)].push_back(std::move(h));
}

Finding merge(FindingCode code, const UnitMeta& unit, const std::vector<Month>& months,
              const std::vector<Hit>& hits, std::int64_t utc_offset) {
  Finding f;
  f.code = code;
  f.unit = unit.id;
  f.emitters = unit.emitters;
  const Hit* worst = &hits.front();
  for (const Hit& h : hits) {
    if (h.score > worst->score) worst = &h;
  }
  f.severity = worst->severity;
  f.evidence = worst->evidence;
  const Month& a = months[hits.front().month];
  const Month& b = months[hits.back().month];
  f.from = a.first;
  f.to = b.last_end;
  const std::string la = period_label(a.first, Period::month, utc_offset);
  const std::string lb = period_label(b.first, Period::month, utc_offset);
  f.period = la == lb ? la : fmt::format("{} … {}", la, lb);
  f.evidence.push_back({"months_flagged", static_cast<double>(hits.size()), "months"});
  return f;
}

// ---- monthly rules ---------------------------------------------------------------------

void rule_short_cycling(Month& m, std::size_t k, const FindingOptions& o, Checked& checked,
                        Hits& hits) {
  if (static_cast<int>(m.cycles.size()) < o.min_cycles) return;
  checked.cycles = true;
  auto mid = m.cycles.begin() + static_cast<std::ptrdiff_t>(m.cycles.size() / 2);
  std::nth_element(m.cycles.begin(), mid, m.cycles.end());
  const double median = *mid;
  const double per_hour = m.start_hours > 0 ? m.starts / m.start_hours : 0.0;
  if (median < o.min_on_cycle || per_hour > o.max_starts_per_hour) {
    add(hits, FindingCode::short_cycling,
        {k,
         std::max(o.min_on_cycle / median, per_hour / o.max_starts_per_hour),
         median < 0.5 * o.min_on_cycle ? Severity::critical : Severity::warning,
         {{"median_on_cycle", median / 60.0, "min"},
          {"cycles", static_cast<double>(m.cycles.size()), "1"},
          {"starts_per_cycling_hour", per_hour, "1/h"},
          {"threshold", o.min_on_cycle / 60.0, "min"}}});
  }
}

void rule_curve(const Month& m, std::size_t k, const FindingOptions& o, Checked& checked,
                Hits& hits) {
  if (!(m.curve_q > 0 && m.run_s >= 10 * 3600.0)) return;
  checked.curve = true;
  const double excess = m.curve_qx / m.curve_q;
  if (excess > o.curve_excess) {
    add(hits, FindingCode::curve_too_high,
        {k,
         excess,
         excess > 2 * o.curve_excess ? Severity::critical : Severity::warning,
         {{"excess", excess, "K"}, {"threshold", o.curve_excess, "K"}}});
  }
}

void rule_defrost(const Month& m, std::size_t k, const FindingOptions& o, Checked& checked,
                  Hits& hits) {
  if (!(m.cold_run_s >= o.defrost_min_hours * 3600.0 && m.def_run_s > 0)) return;
  checked.defrost = true;
  const double share = m.def_s / m.def_run_s;
  const double expect = m.def_expected_s / m.def_run_s;
  if (share > o.defrost_ratio * expect && share > expect + o.defrost_margin) {
    add(hits, FindingCode::excessive_defrost,
        {k,
         share - expect,
         Severity::warning,
         {{"defrost_share", 100 * share, "%"},
          {"expected_share", 100 * expect, "%"},
          {"running_hours", m.def_run_s / 3600.0, "h"}}});
  }
}

void rule_backup(const Month& m, std::size_t k, const Inputs& in, Checked& checked, Hits& hits) {
  const double heat = m.q_hp + m.q_bu;
  if (!(heat > 0 && (in.has_hz || in.map != nullptr))) return;
  checked.backup = true;
  const double share = m.q_bu_avoidable / heat;
  if (share > in.o.backup_share) {
    add(hits, FindingCode::backup_overuse,
        {k,
         share,
         share > 4 * in.o.backup_share ? Severity::critical : Severity::warning,
         {{"avoidable_share", 100 * share, "%"},
          {"avoidable_heat", m.q_bu_avoidable / 3.6e6, "kWh"},
          {"backup_share", 100 * m.q_bu / heat, "%"}}});
  }
}

// ΔT at rated capacity from the measured flow.
void rule_low_delta_t(const Month& m, std::size_t k, const Inputs& in, Checked& checked,
                      Hits& hits) {
  if (!(m.flow_n >= 60 && in.unit.rated_capacity > 0)) return;
  checked.flow = true;
  const double v = m.flow_sum / m.flow_n;
  const double dt_rated = in.unit.rated_capacity / (kRhoCp * v);
  if (dt_rated < in.o.min_delta_t) {
    add(hits, FindingCode::low_delta_t,
        {k,
         in.o.min_delta_t / dt_rated,
         Severity::warning,
         {{"flow", v * 3600.0, "m3/h"},
          {"delta_t_rated", dt_rated, "K"},
          {"threshold", in.o.min_delta_t, "K"}}});
  }
}

// Meters: heat beyond physics, or beyond the circuit's own flow × ΔT; and electricity
// under-read: COP far above the map with the heat meter confirmed.
void rule_meters(const Month& m, std::size_t k, const FindingOptions& o, const Residuals& res,
                 Checked& checked, Hits& hits) {
  if (m.stuck) return;
  const double balance = m.bal_calc > 0 ? m.bal_meter / m.bal_calc : kNaN;
  const bool have_balance = m.bal_calc > 0 && m.run_s >= 10 * 3600.0;
  const bool have_carnot = m.carnot_max > 0 && m.run_s >= 10 * 3600.0;
  if (have_balance || have_carnot) checked.meter = true;
  const double eta = have_carnot ? m.carnot_q / m.carnot_max : kNaN;
  const bool over_carnot = have_carnot && eta > o.carnot_fraction;
  const bool meter_high = have_balance ? (balance > o.balance_high ||
                                          (over_carnot && balance > 1 + o.balance_consistent))
                                       : over_carnot;
  if (meter_high) {
    std::vector<Evidence> ev = {{"carnot_fraction", have_carnot ? 100 * eta : 0.0, "%"},
                                {"above_carnot_hours", m.above_carnot_s / 3600.0, "h"}};
    if (have_balance) ev.push_back({"balance_ratio", balance, "1"});
    add(hits, FindingCode::meter_heat_high,
        {k, have_balance ? balance : eta, Severity::critical, ev});
  }
  const double residual = res.month[k];
  if (res.expected && res.in_trend[k] && ok(residual) && have_balance &&
      std::abs(balance - 1) <= o.balance_consistent && residual > o.residual_high) {
    add(hits, FindingCode::meter_elec_missing,
        {k,
         residual,
         Severity::critical,
         {{"residual", 100 * residual, "%"}, {"balance_ratio", balance, "1"}}});
  }
}

// Stuck heat meter: the flagged days.
void rule_stuck(const Calendar& cal, Hits& hits) {
  std::vector<Hit> h;
  for (std::size_t k = 0; k < cal.months.size(); ++k) {
    int nd = 0, rows = 0, stuck = 0;
    for (std::size_t j = 0; j < cal.days.size(); ++j) {
      if (cal.days[j].month != k || !cal.stuck_day[j]) continue;
      ++nd;
      rows += cal.days[j].running;
      stuck += cal.days[j].stuck;
    }
    if (nd > 0) {
      h.push_back({k,
                   static_cast<double>(nd),
                   Severity::critical,
                   {{"stuck_share", 100.0 * stuck / std::max(rows, 1), "%"},
                    {"days", static_cast<double>(nd), "d"}}});
    }
  }
  // The evidence names all stuck days, not only the worst month's.
  double total = 0;
  for (const Hit& x : h) total += x.score;
  for (Hit& x : h) {
    x.evidence[1].value = total;
    add(hits, FindingCode::meter_heat_stuck, std::move(x));
  }
}

// ---- oversizing ------------------------------------------------------------------------

// The energy signature of the heating days: heat rate = a + b · outdoor temperature.
struct Signature {
  int days = 0;
  std::int64_t first = 0, last = 0;
  double a = 0, b = 0;
  bool fitted = false;
};

Signature energy_signature(const Calendar& cal, int min_days) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  Signature sig;
  int& nd = sig.days;
  for (std::size_t j = 0; j < cal.days.size(); ++j) {
    const Day& d = cal.days[j];
    if (cal.stuck_day[j] || d.seconds < 0.9 * 86400) continue;
    const double t = d.t_sum / d.seconds;
    if (t > core::kZeroCelsius + 10.0) continue;
    const double q = d.heat / d.seconds;
    if (nd == 0) sig.first = d.start;
    sig.last = d.start + 86400;
    sx += t;
    sy += q;
    sxx += t * t;
    sxy += t * q;
    ++nd;
  }
  const double den = nd * sxx - sx * sx;
  if (nd < min_days || den <= 0) return sig;
  sig.b = (nd * sxy - sx * sy) / den;
  sig.a = (sy - sig.b * sx) / nd;
  sig.fitted = true;
  return sig;
}

// The unit's capacity at the design point; where it gives nothing there, its capacity at
// the coldest source temperature of its map where it does (below it the back-up carries
// the load).
double design_capacity(const Inputs& in, double t_design, double t_sup) {
  double t_cap = t_design;
  double cap = in.map->at(t_cap, t_sup, 1.0).capacity;
  if (cap <= 0) {
    for (double t : in.map->axes().t_source) {
      if (t > t_cap && in.map->at(t, t_sup, 1.0).capacity > 0) {
        t_cap = t;
        cap = in.map->at(t, t_sup, 1.0).capacity;
        break;
      }
    }
  }
  return cap * in.scale;
}

// Oversizing: the energy signature of the heating days, extrapolated to the design day.
std::optional<Finding> rule_oversized(const Inputs& in, const Calendar& cal, std::string& why) {
  const FindingOptions& o = in.o;
  if (!in.ctx.t_out_design) {
    why = "no design outdoor temperature for the unit's place";
    return std::nullopt;
  }
  if (in.map == nullptr || !in.air) {
    why = "no air-source performance map for the unit";
    return std::nullopt;
  }
  const Signature sig = energy_signature(cal, o.oversize_min_days);
  if (!sig.fitted) {
    why = fmt::format("{} heating days with full data; the signature needs {}", sig.days,
                      o.oversize_min_days);
    return std::nullopt;
  }
  const double t_design = *in.ctx.t_out_design;
  const double load = sig.a + sig.b * t_design;
  const double cap = design_capacity(in, t_design, in.t_sup_design.value_or(323.15));
  if (load <= 0 || sig.b >= 0) {
    why = "the heat does not rise as it gets colder (no heating signature)";
    return std::nullopt;
  }
  if (!(cap / load > o.oversize_ratio)) return std::nullopt;
  Finding f;
  f.code = FindingCode::oversized;
  f.unit = in.unit.id;
  f.emitters = in.unit.emitters;
  f.from = sig.first;
  f.to = sig.last;
  f.period = fmt::format("{} … {}", period_label(sig.first, Period::month, in.off),
                         period_label(sig.last - 1, Period::month, in.off));
  f.severity = cap / load > 1.5 * o.oversize_ratio ? Severity::warning : Severity::info;
  f.evidence = {{"capacity_design", cap / 1000.0, "kW"},
                {"design_load", load / 1000.0, "kW"},
                {"ratio", cap / load, "1"},
                {"t_design", t_design - core::kZeroCelsius, "°C"},
                {"days", static_cast<double>(sig.days), "d"}};
  return f;
}

// ---- degradation -----------------------------------------------------------------------

// The longest run of months after the baseline whose residual lies below it.
struct Run {
  std::size_t start = 0, length = 0;  // indexes into the months used
};

Run longest_drop(const std::vector<std::size_t>& use, std::size_t from,
                 const std::vector<double>& residual, double below) {
  std::size_t run = 0, run_start = 0;
  Run best;
  for (std::size_t j = from; j < use.size(); ++j) {
    if (residual[use[j]] < below) {
      if (run == 0) run_start = j;
      ++run;
      if (run > best.length) {
        best.length = run;
        best.start = run_start;
      }
    } else {
      run = 0;
    }
  }
  return best;
}

// Degradation: the residual against the unit's own first season.
std::optional<Finding> rule_degradation(const Inputs& in, const Calendar& cal, const Residuals& res,
                                        std::string& why) {
  const FindingOptions& o = in.o;
  const std::vector<Month>& months = cal.months;
  if (!res.expected) {
    why = res.why;
    return std::nullopt;
  }
  std::vector<std::size_t> use;
  for (std::size_t k = 0; k < months.size(); ++k) {
    if (res.in_trend[k] && ok(res.month[k]) && !months[k].stuck) use.push_back(k);
  }
  std::vector<std::size_t> base;
  if (!use.empty()) {
    const std::int64_t limit = months[use.front()].start + 9 * 31 * 86400;  // one season
    for (std::size_t k : use) {
      if (months[k].start < limit) base.push_back(k);
    }
  }
  if (static_cast<int>(base.size()) < o.baseline_min_months) {
    why = fmt::format("{} months in the first season; the baseline needs {}", base.size(),
                      o.baseline_min_months);
    return std::nullopt;
  }
  double mu = 0;
  for (std::size_t k : base) mu += res.month[k];
  mu /= static_cast<double>(base.size());
  double var = 0;
  for (std::size_t k : base) var += (res.month[k] - mu) * (res.month[k] - mu);
  const double sigma = std::sqrt(var / static_cast<double>(base.size() - 1));
  const double threshold = std::max(o.degradation_k * sigma, o.degradation_min_drop);
  const Run run = longest_drop(use, base.size(), res.month, mu - threshold);
  if (static_cast<int>(run.length) < o.degradation_months) return std::nullopt;
  const std::size_t a = use[run.start], z = use[run.start + run.length - 1];
  Finding f;
  f.code = FindingCode::degradation;
  f.unit = in.unit.id;
  f.emitters = in.unit.emitters;
  f.from = months[a].first;
  f.to = months[z].last_end;
  f.period = fmt::format("{} … {}", period_label(months[a].first, Period::month, in.off),
                         period_label(months[z].first, Period::month, in.off));
  const double drop = mu - res.month[z];
  f.severity = drop > 0.15 ? Severity::critical : Severity::warning;
  f.evidence = {{"months", static_cast<double>(run.length), "months"},
                {"drop", 100 * drop, "points"},
                {"scatter", 100 * sigma, "points"},
                {"threshold", 100 * threshold, "points"},
                {"baseline_residual", 100 * mu, "%"},
                {"baseline_months", static_cast<double>(base.size()), "months"}};
  return f;
}

// Why a monthly rule found nothing to check (none when it was checked, or does not
// apply).
std::optional<std::string> not_checked(FindingCode c, const Inputs& in, const Checked& checked,
                                       const Residuals& res) {
  switch (c) {
    case FindingCode::short_cycling:
      if (checked.cycles) return std::nullopt;
      return fmt::format("no month with {} complete on-cycles", in.o.min_cycles);
    case FindingCode::curve_too_high:
      if (checked.curve) return std::nullopt;
      if (!in.ctx.t_out_design) return "no design outdoor temperature for the unit's place";
      if (!in.t_sup_design) return "the unit's emitters are not known";
      return "no month with 10 running hours of flow temperature";
    case FindingCode::excessive_defrost:
      if (checked.defrost || !in.air) return std::nullopt;
      return "no month with enough running hours at ≤ +5 °C with the defrost state";
    case FindingCode::backup_overuse:
      if (checked.backup) return std::nullopt;
      return "neither compressor_hz nor a performance map to tell spare capacity";
    case FindingCode::low_delta_t:
      if (checked.flow) return std::nullopt;
      return "no flow_rate while running, or no rated capacity";
    case FindingCode::meter_heat_high:
      if (checked.meter) return std::nullopt;
      return "no month with 10 running hours of flow, temperatures or outdoor air";
    case FindingCode::meter_elec_missing:
      if (res.expected) return std::nullopt;
      return res.why;
    default: return std::nullopt;
  }
}

}  // namespace

Diagnosis diagnose(const Series& s, const UnitMeta& unit, const UnitContext& ctx,
                   const FindingOptions& o) {
  validate(o);
  Diagnosis out;
  if (s.size() == 0) {
    for (FindingCode c : all_finding_codes()) out.skipped.push_back({c, "no rows"});
    return out;
  }
  const Inputs in = read_inputs(s, unit, ctx, o);
  Calendar cal = calendar(s, in.off);
  mark_stuck_days(in, cal);
  month_sums(in, cal);
  const Residuals res = residuals(in, cal.months);

  Hits hits;
  Checked checked;
  for (std::size_t k = 0; k < cal.months.size(); ++k) {
    Month& m = cal.months[k];
    rule_short_cycling(m, k, o, checked, hits);
    rule_curve(m, k, o, checked, hits);
    rule_defrost(m, k, o, checked, hits);
    rule_backup(m, k, in, checked, hits);
    rule_low_delta_t(m, k, in, checked, hits);
    rule_meters(m, k, o, res, checked, hits);
  }
  rule_stuck(cal, hits);
  std::string oversized_why, degraded_why;
  std::optional<Finding> oversized = rule_oversized(in, cal, oversized_why);
  std::optional<Finding> degraded = rule_degradation(in, cal, res, degraded_why);

  for (FindingCode c : all_finding_codes()) {
    const std::vector<Hit>& h = hits[static_cast<std::size_t>(c)];
    if (c == FindingCode::oversized || c == FindingCode::degradation) {
      std::optional<Finding>& f = c == FindingCode::oversized ? oversized : degraded;
      const std::string& why = c == FindingCode::oversized ? oversized_why : degraded_why;
      if (f)
        out.findings.push_back(std::move(*f));
      else if (!why.empty())
        out.skipped.push_back({c, why});
      continue;
    }
    if (!h.empty()) {
      out.findings.push_back(merge(c, unit, cal.months, h, in.off));
      continue;
    }
    if (std::optional<std::string> why = not_checked(c, in, checked, res)) {
      out.skipped.push_back({c, std::move(*why)});
    }
  }
  return out;
}

}  // namespace heatlift::operations
