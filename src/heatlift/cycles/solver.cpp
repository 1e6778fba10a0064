// The cycle solver: one function per topology evaluates the cycle at given pressure
// levels; solve() fixes the levels from the refrigerant-side specification or from the
// secondary streams' pinch, optimises what is left free (transcritical pressure,
// cascade temperature) and sizes the flows.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <functional>
#include <memory>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/cycles/cycle.hpp"

namespace heatlift::cycles {

std::string_view to_string(Topology t) {
  switch (t) {
    case Topology::single_stage: return "single_stage";
    case Topology::vapor_injection: return "vapor_injection";
    case Topology::two_stage: return "two_stage";
    case Topology::cascade: return "cascade";
    case Topology::transcritical: return "transcritical";
    case Topology::one_pass: return "one_pass";
    case Topology::mvr: return "mvr";
  }
  return "?";
}

Topology topology_from(std::string_view name) {
  for (auto t : {Topology::single_stage, Topology::vapor_injection, Topology::two_stage,
                 Topology::cascade, Topology::transcritical, Topology::one_pass, Topology::mvr})
    if (to_string(t) == name) return t;
  throw InvalidInput(
      fmt::format("topology '{}' is not one of single_stage, vapor_injection, two_stage, cascade, "
                  "transcritical, one_pass, mvr",
                  name));
}

double co2_optimal_pressure_liao(double T_gc_out, double T_evap) {
  const double tc = T_gc_out - core::kZeroCelsius;
  const double te = T_evap - core::kZeroCelsius;
  return ((2.778 - 0.0157 * te) * tc + (0.381 * te - 9.34)) * 1e5;
}

double co2_optimal_pressure_sarkar(double T_gc_out, double T_evap) {
  const double tc = T_gc_out - core::kZeroCelsius;
  const double te = T_evap - core::kZeroCelsius;
  return (4.9 + 2.256 * tc - 0.17 * te + 0.002 * tc * tc) * 1e5;
}

namespace {

using core::kZeroCelsius;

/// What one evaluation at fixed levels produces, before sizing: specific quantities per
/// kg of the flow through the evaporator (the "base" flow) and the exchanger paths.
struct Eval {
  CycleResult r;  // nodes with m_dot per kg/s of base flow; duties per kg/s of base flow
  std::optional<HxPath> source_path;
  std::optional<HxPath> sink_path;
  double base_per_suction = 1.0;  // base flow per kg/s through the (low) compressor
  State suction;                  // (low-stage) compressor inlet
  double pr_low = 1.0;            // pressure ratio of the (low-stage) compressor
  double p_mid = 0.0;             // EVI, two-stage: intermediate pressure
  double T_mid = 0.0;             // EVI: intermediate saturation; cascade: low-stage condensing
  double ratio = 0.0;  // EVI: injected per suction flow; two-stage: flash gas; MVR: water
};

/// Accumulates one evaluation.
class Builder {
 public:
  explicit Builder(Eval& e) : e_(e) {}  // the lists hold a simple cycle inline
  int node(std::string_view label, int fluid, const State& s, double m,
           std::string_view prefix = {}) {
    e_.r.nodes.emplace_back(prefix, label, fluid, s, m);  // built in place
    return static_cast<int>(e_.r.nodes.size()) - 1;
  }
  /// Connects nodes in flow order: a → b → c ...
  void path(std::initializer_list<int> ids) {
    int last = -1;
    for (int i : ids) {
      if (i < 0) continue;
      if (last >= 0) e_.r.edges.emplace_back(last, i);
      last = i;
    }
  }
  void entropy(std::string_view component, double generated, std::string_view prefix = {}) {
    e_.r.entropy.emplace_back(prefix, component, generated);
  }

 private:
  Eval& e_;
};

/// Compression from `in` to pressure p_out with the compressor's isentropic efficiency.
State compress(const WorkingFluid& f, const Compressor& c, const State& in, double p_out,
               double pr_for_efficiency) {
  const double h2s = f.p_s(p_out, in.s).h;
  const double eta = c.isentropic(pr_for_efficiency);
  const double h2 = in.h + (h2s - in.h) / eta;
  try {
    return f.p_h(p_out, h2);
  } catch (const OutOfRange& e) {
    throw OutOfRange(fmt::format(
        "compression of {} to {:.3f} MPa (isentropic efficiency {:.3f}) ends above what its "
        "equation of state covers ({:.1f} °C), beyond any compressor's discharge limit: {}",
        f.id(), p_out / 1e6, eta, f.info().T_max - kZeroCelsius, e.what()));
  }
}

void check_discharge(const WorkingFluid& f, const Compressor& c, const State& out,
                     std::string_view stage) {
  if (out.T > c.T_discharge_max) {
    throw OutOfRange(fmt::format(
        "{} discharge of {} reaches {:.1f} °C at {:.2f} MPa, above the compressor's limit of "
        "{:.1f} °C",
        stage, f.id(), out.T - kZeroCelsius, out.p / 1e6, c.T_discharge_max - kZeroCelsius));
  }
}

void check_subcritical(const WorkingFluid& f, double T_cond, std::string_view what,
                       std::string_view who = {}) {
  if (T_cond >= f.T_crit() - 0.5) {
    throw OutOfRange(fmt::format(
        "{}{} of {:.2f} °C is at or above the critical temperature of {} ({:.2f} °C) less 0.5 K: "
        "a subcritical cycle cannot condense there (use topology = \"transcritical\")",
        who, what, T_cond - kZeroCelsius, f.id(), f.T_crit() - kZeroCelsius));
  }
}

void check_order(double T_low, double T_high, std::string_view low, std::string_view high,
                 std::string_view who = {}) {
  if (!(T_high > T_low + 1.0)) {
    throw InvalidInput(fmt::format("{}{} ({:.2f} °C) must lie at least 1 K above {}{} ({:.2f} °C)",
                                   who, high, T_high - kZeroCelsius, who, low,
                                   T_low - kZeroCelsius));
  }
}

/// Superheated vapour leaving an evaporator whose dew state is `dew`.
State evaporator_outlet(const WorkingFluid& f, const State& dew, double superheat) {
  if (superheat <= 0.0) return dew;
  return f.T_p_from(dew, dew.T + superheat);
}

/// Subcooled liquid leaving a condenser whose bubble state is `bubble`.
State condenser_outlet(const WorkingFluid& f, const State& bubble, double subcooling) {
  if (subcooling <= 0.0) return bubble;
  return f.T_p_from(bubble, bubble.T - subcooling);
}

HxPath make_path(const WorkingFluid* f, double p, const State& in, const State& out) {
  return HxPath{f, p, in.h, out.h, in.T, out.T, in.s, out.s};
}

/// A simple (single-stage) loop used by single_stage and both stages of a cascade.
struct Loop {
  State s1, suc, s2, s3, s3x, s4;  // evaporator out, suction, discharge, condenser out,
                                   // liquid after the IHX, evaporator in
  double q_ihx = 0.0;
  double p_e = 0.0, p_c = 0.0, pr = 1.0;
};

Loop simple_loop(const WorkingFluid& f, const Compressor& c, const CycleSpec& spec, double T_evap,
                 double T_cond, double ihx, bool with_drops, std::string_view who) {
  check_subcritical(f, T_cond, "condensing temperature", who);
  check_order(T_evap, T_cond, "evaporating temperature", "condensing temperature", who);
  Loop l;
  const State dew = f.T_Q(T_evap, 1.0);
  const State bubble = f.T_Q(T_cond, 0.0);
  l.p_e = dew.p;
  l.p_c = bubble.p;
  l.s1 = evaporator_outlet(f, dew, spec.superheat);
  l.s3 = condenser_outlet(f, bubble, spec.subcooling);
  const double dp_s = with_drops ? spec.dp_suction : 0.0;
  const double dp_d = with_drops ? spec.dp_discharge : 0.0;
  if (dp_s >= l.p_e)
    throw InvalidInput(
        fmt::format("dp_suction of {:.1f} kPa exceeds the "
                    "evaporating pressure {:.1f} kPa",
                    dp_s / 1e3, l.p_e / 1e3));
  State vap = l.s1;
  l.s3x = l.s3;
  if (ihx > 0.0) {
    // The vapour could at most reach the liquid's inlet temperature.
    const double h_max = f.T_p(l.s3.T, l.p_e).h;
    l.q_ihx = ihx * (h_max - l.s1.h);
    vap = f.p_h(l.p_e, l.s1.h + l.q_ihx);
    l.s3x = f.p_h(l.p_c, l.s3.h - l.q_ihx);
  }
  l.suc = dp_s > 0.0 ? f.p_h(l.p_e - dp_s, vap.h) : vap;
  const double p_dis = l.p_c + dp_d;
  l.pr = p_dis / l.suc.p;
  l.s2 = compress(f, c, l.suc, p_dis, l.pr);
  l.s4 = f.p_h(l.p_e, l.s3x.h);
  return l;
}

void add_loop(Builder& b, Eval& e, int f, const Loop& l, double m, std::string_view tag, bool ihx) {
  const int n1 = b.node("1 evaporator outlet", f, l.s1, m, tag);
  const int n1s = ihx || l.suc.p != l.s1.p ? b.node("1' compressor suction", f, l.suc, m, tag) : -1;
  const int n2 = b.node("2 compressor discharge", f, l.s2, m, tag);
  const int n3 = b.node("3 condenser outlet", f, l.s3, m, tag);
  const int n3x = ihx ? b.node("3' liquid after IHX", f, l.s3x, m, tag) : -1;
  const int n4 = b.node("4 evaporator inlet", f, l.s4, m, tag);
  b.path({n1, n1s, n2, n3, n3x, n4, n1});
  b.entropy("compressor", m * (l.s2.s - l.suc.s), tag);
  b.entropy("expansion valve", m * (l.s4.s - l.s3x.s), tag);
  if (ihx) b.entropy("internal heat exchanger", m * (l.suc.s - l.s1.s + l.s3x.s - l.s3.s), tag);
  e.r.T_discharge = std::max(e.r.T_discharge, l.s2.T);
}

// ---- topologies at fixed levels ------------------------------------------------------

Eval eval_single(const WorkingFluid& f, const CycleSpec& spec, double T_evap, double T_cond) {
  Eval e;
  Builder b(e);
  const bool ihx = spec.ihx_effectiveness > 0.0;
  const Loop l =
      simple_loop(f, spec.compressor, spec, T_evap, T_cond, spec.ihx_effectiveness, true, "");
  check_discharge(f, spec.compressor, l.s2, "compressor");
  add_loop(b, e, 0, l, 1.0, {}, ihx);
  e.r.heating = l.s2.h - l.s3.h;
  e.r.source_heat = l.s1.h - l.s4.h;
  e.r.compressor_shaft = l.s2.h - l.suc.h;
  e.r.p_low = l.p_e;
  e.r.p_high = l.p_c;
  e.suction = l.suc;
  e.pr_low = l.pr;
  e.source_path = make_path(&f, l.p_e, l.s4, l.s1);
  e.sink_path = make_path(&f, l.p_c, l.s2, l.s3);
  return e;
}

double intermediate_T(const WorkingFluid& f, const CycleSpec& spec, double p_e, double p_c) {
  if (spec.T_intermediate) return *spec.T_intermediate;
  return f.p_Q(std::sqrt(p_e * p_c), 1.0).T;
}

Eval eval_evi(const WorkingFluid& f, const CycleSpec& spec, double T_evap, double T_cond) {
  check_subcritical(f, T_cond, "condensing temperature");
  check_order(T_evap, T_cond, "evaporating temperature", "condensing temperature");
  Eval e;
  Builder b(e);
  const Compressor& c = spec.compressor;
  const State dew = f.T_Q(T_evap, 1.0);
  const State bubble = f.T_Q(T_cond, 0.0);
  const double p_e = dew.p;
  const double p_c = bubble.p;
  const double T_mid = intermediate_T(f, spec, p_e, p_c);
  check_order(T_evap, T_mid, "evaporating temperature", "intermediate temperature");
  check_order(T_mid, T_cond, "intermediate temperature", "condensing temperature");
  const State mid_dew = f.T_Q(T_mid, 1.0);
  const double p_m = mid_dew.p;
  const State s3 = condenser_outlet(f, bubble, spec.subcooling);
  const State s5 = f.p_h(p_m, s3.h);  // injection branch after its valve
  const double T6 = f.p_Q(p_m, 0.0).T + spec.economiser_approach;
  const double T7 = spec.injection_quality ? T_mid : T_mid + spec.injection_superheat;
  if (!(T6 < s3.T) || !(T7 < s3.T)) {
    throw InvalidInput(fmt::format(
        "economiser infeasible: liquid at {:.1f} °C cannot be cooled to {:.1f} °C nor heat the "
        "injected vapour to {:.1f} °C (intermediate saturation {:.1f} °C)",
        s3.T - kZeroCelsius, T6 - kZeroCelsius, T7 - kZeroCelsius, T_mid - kZeroCelsius));
  }
  const State s6 = f.T_p(T6, p_c);
  const State s7 = spec.injection_quality ? f.p_Q(p_m, *spec.injection_quality)
                                          : evaporator_outlet(f, mid_dew, spec.injection_superheat);
  const double r = (s3.h - s6.h) / (s7.h - s5.h);  // injected per kg of suction flow
  const State s8 = f.p_h(p_e, s6.h);
  const State s1 = evaporator_outlet(f, dew, spec.superheat);
  const double pr = p_c / p_e;
  const State s2a = compress(f, c, s1, p_m, pr);
  const State s2b = f.p_h(p_m, (s2a.h + r * s7.h) / (1.0 + r));
  const State s2 = compress(f, c, s2b, p_c, pr);
  check_discharge(f, c, s2, "compressor");
  const double mt = 1.0 + r;
  const int n1 = b.node("1 evaporator outlet / suction", 0, s1, 1.0);
  const int n2a = b.node("2a end of first compression", 0, s2a, 1.0);
  const int n2b = b.node("2b after injection", 0, s2b, mt);
  const int n2 = b.node("2 compressor discharge", 0, s2, mt);
  const int n3 = b.node("3 condenser outlet", 0, s3, mt);
  const int n5 = b.node("5 injection after valve", 0, s5, r);
  const int n6 = b.node("6 liquid after economiser", 0, s6, 1.0);
  const int n7 = b.node("7 injected vapour", 0, s7, r);
  const int n8 = b.node("8 evaporator inlet", 0, s8, 1.0);
  b.path({n1, n2a, n2b, n2, n3, n6, n8, n1});
  b.path({n3, n5, n7, n2b});
  b.entropy("compressor", (s2a.s - s1.s) + mt * (s2.s - s2b.s));
  b.entropy("injection mixing", mt * s2b.s - s2a.s - r * s7.s);
  b.entropy("economiser", (s6.s - s3.s) + r * (s7.s - s5.s));
  b.entropy("injection valve", r * (s5.s - s3.s));
  b.entropy("expansion valve", s8.s - s6.s);
  e.r.T_discharge = s2.T;
  e.r.heating = mt * (s2.h - s3.h);
  e.r.source_heat = s1.h - s8.h;
  e.r.compressor_shaft = (s2a.h - s1.h) + mt * (s2.h - s2b.h);
  e.r.p_low = p_e;
  e.r.p_high = p_c;
  e.p_mid = p_m;
  e.T_mid = T_mid;
  e.ratio = r;
  e.suction = s1;
  e.pr_low = pr;
  e.source_path = make_path(&f, p_e, s8, s1);
  e.sink_path = make_path(&f, p_c, s2, s3);
  return e;
}

Eval eval_two_stage(const WorkingFluid& f, const CycleSpec& spec, double T_evap, double T_cond,
                    std::optional<double> p_mid_override) {
  check_subcritical(f, T_cond, "condensing temperature");
  check_order(T_evap, T_cond, "evaporating temperature", "condensing temperature");
  Eval e;
  Builder b(e);
  const State dew = f.T_Q(T_evap, 1.0);
  const State bubble = f.T_Q(T_cond, 0.0);
  const double p_e = dew.p;
  const double p_c = bubble.p;
  const double p_m = p_mid_override ? *p_mid_override : f.p_dew(intermediate_T(f, spec, p_e, p_c));
  if (!(p_m > p_e && p_m < p_c))
    throw InvalidInput(
        fmt::format("intermediate pressure {:.1f} kPa is not between {:.1f} and "
                    "{:.1f} kPa",
                    p_m / 1e3, p_e / 1e3, p_c / 1e3));
  const State s3 = condenser_outlet(f, bubble, spec.subcooling);
  const State s4 = f.p_h(p_m, s3.h);  // into the flash tank
  const State s5 = f.p_Q(p_m, 0.0);
  const State s9 = f.p_Q(p_m, 1.0);
  const State s6 = f.p_h(p_e, s5.h);
  const State s1 = evaporator_outlet(f, dew, spec.superheat);
  const double pr_lo = p_m / p_e;
  const double pr_hi = p_c / p_m;
  const State s2a = compress(f, spec.compressor, s1, p_m, pr_lo);
  // Open flash intercooler: the low stage's discharge bubbles through the tank's liquid and
  // leaves with the flash gas as saturated vapour; the tank's balance fixes the high-stage
  // flow per kg of low-stage flow.
  const double mh = (s2a.h - s5.h) / (s9.h - s4.h);
  const State s2 = compress(f, spec.compressor_high, s9, p_c, pr_hi);
  check_discharge(f, spec.compressor, s2a, "low-stage compressor");
  check_discharge(f, spec.compressor_high, s2, "high-stage compressor");
  const int n1 = b.node("1 evaporator outlet / low-stage suction", 0, s1, 1.0);
  const int n2a = b.node("2a low-stage discharge (into the flash tank)", 0, s2a, 1.0);
  const int n9 = b.node("9 flash tank vapour / high-stage suction", 0, s9, mh);
  const int n2 = b.node("2 high-stage discharge", 0, s2, mh);
  const int n3 = b.node("3 condenser outlet", 0, s3, mh);
  const int n4 = b.node("4 flash tank inlet", 0, s4, mh);
  const int n5 = b.node("5 flash tank liquid", 0, s5, 1.0);
  const int n6 = b.node("6 evaporator inlet", 0, s6, 1.0);
  b.path({n1, n2a, n9, n2, n3, n4, n5, n6, n1});
  b.entropy("low-stage compressor", s2a.s - s1.s);
  b.entropy("high-stage compressor", mh * (s2.s - s9.s));
  b.entropy("high-pressure valve", mh * (s4.s - s3.s));
  b.entropy("flash tank intercooler", s5.s + mh * s9.s - mh * s4.s - s2a.s);
  b.entropy("low-pressure valve", s6.s - s5.s);
  e.r.T_discharge = std::max(s2.T, s2a.T);
  e.r.heating = mh * (s2.h - s3.h);
  e.r.source_heat = s1.h - s6.h;
  e.r.compressor_shaft = (s2a.h - s1.h) + mh * (s2.h - s9.h);
  e.r.p_low = p_e;
  e.r.p_high = p_c;
  e.p_mid = p_m;
  e.ratio = mh;
  e.suction = s1;
  e.pr_low = pr_lo;
  e.source_path = make_path(&f, p_e, s6, s1);
  e.sink_path = make_path(&f, p_c, s2, s3);
  return e;
}

Eval eval_cascade(const WorkingFluid& lo, const WorkingFluid& hi, const CycleSpec& spec,
                  double T_evap, double T_cond, double T_casc) {
  Eval e;
  Builder b(e);
  const Loop a = simple_loop(lo, spec.compressor, spec, T_evap, T_casc, 0.0, false, "low-stage ");
  const Loop h = simple_loop(hi, spec.compressor_high, spec, T_casc - spec.cascade_approach, T_cond,
                             0.0, false, "high-stage ");
  check_discharge(lo, spec.compressor, a.s2, "low-stage compressor");
  check_discharge(hi, spec.compressor_high, h.s2, "high-stage compressor");
  const double q_casc = a.s2.h - a.s3.h;         // per kg of low-stage flow
  const double mh = q_casc / (h.s1.h - h.s4.h);  // high-stage flow per kg of low-stage flow
  add_loop(b, e, 0, a, 1.0, "L", false);
  add_loop(b, e, 1, h, mh, "H", false);
  b.entropy("cascade heat exchanger", (a.s3.s - a.s2.s) + mh * (h.s1.s - h.s4.s));
  e.r.heating = mh * (h.s2.h - h.s3.h);
  e.r.source_heat = a.s1.h - a.s4.h;
  e.r.compressor_shaft = (a.s2.h - a.suc.h) + mh * (h.s2.h - h.suc.h);
  e.r.p_low = a.p_e;
  e.r.p_high = h.p_c;
  e.T_mid = T_casc;
  e.suction = a.suc;
  e.pr_low = a.pr;
  e.source_path = make_path(&lo, a.p_e, a.s4, a.s1);
  e.sink_path = make_path(&hi, h.p_c, h.s2, h.s3);
  return e;
}

/// Starting points carried between the evaluations of one solve (results never depend
/// on them beyond the iterations' tolerance).
struct Hints {
  std::optional<double> h_gc_out;
};

Eval eval_transcritical(const WorkingFluid& f, const CycleSpec& spec, double T_evap,
                        double T_gc_out, double p_gc, Hints* hints) {
  Eval e;
  Builder b(e);
  const State dew = f.T_Q(T_evap, 1.0);
  const double p_e = dew.p;
  if (!(p_gc > p_e)) throw InvalidInput("gas-cooler pressure must exceed the evaporating pressure");
  const bool ihx = spec.ihx_effectiveness > 0.0;
  const State s1 = evaporator_outlet(f, dew, spec.superheat);
  const State s3 = f.T_p(T_gc_out, p_gc, hints ? hints->h_gc_out : std::nullopt);
  if (hints) hints->h_gc_out = s3.h;
  if (s3.phase == fluids::Phase::gas || s3.phase == fluids::Phase::supercritical_gas) {
    throw InvalidInput(
        fmt::format("the gas cooler at {:.2f} MPa does not cool {} to a dense state at {:.1f} °C",
                    p_gc / 1e6, f.id(), T_gc_out - kZeroCelsius));
  }
  State vap = s1;
  State s3x = s3;
  double q_ihx = 0.0;
  if (ihx) {
    const double h_max = f.T_p(s3.T, p_e).h;
    q_ihx = spec.ihx_effectiveness * (h_max - s1.h);
    vap = f.p_h(p_e, s1.h + q_ihx);
    s3x = f.p_h(p_gc, s3.h - q_ihx);
  }
  const State suc = spec.dp_suction > 0.0 ? f.p_h(p_e - spec.dp_suction, vap.h) : vap;
  const double p_dis = p_gc + spec.dp_discharge;
  const double pr = p_dis / suc.p;
  const State s2 = compress(f, spec.compressor, suc, p_dis, pr);
  check_discharge(f, spec.compressor, s2, "compressor");
  const State s4 = f.p_h(p_e, s3x.h);
  if (!(s1.h > s4.h)) {
    throw InvalidInput(fmt::format(
        "the gas cooler leaves {} at {:.2f} °C and {:.2f} MPa, too hot for an evaporator at "
        "{:.2f} °C: nothing is left to evaporate",
        f.id(), s3x.T - kZeroCelsius, p_gc / 1e6, T_evap - kZeroCelsius));
  }
  const int n1 = b.node("1 evaporator outlet", 0, s1, 1.0);
  const int n1s = ihx || suc.p != s1.p ? b.node("1' compressor suction", 0, suc, 1.0) : -1;
  const int n2 = b.node("2 compressor discharge", 0, s2, 1.0);
  const int n3 = b.node("3 gas-cooler outlet", 0, s3, 1.0);
  const int n3x = ihx ? b.node("3' after IHX", 0, s3x, 1.0) : -1;
  const int n4 = b.node("4 evaporator inlet", 0, s4, 1.0);
  b.path({n1, n1s, n2, n3, n3x, n4, n1});
  b.entropy("compressor", s2.s - suc.s);
  b.entropy("expansion valve", s4.s - s3x.s);
  if (ihx) b.entropy("internal heat exchanger", suc.s - s1.s + s3x.s - s3.s);
  e.r.T_discharge = s2.T;
  e.r.heating = s2.h - s3.h;
  e.r.source_heat = s1.h - s4.h;
  e.r.compressor_shaft = s2.h - suc.h;
  e.r.p_low = p_e;
  e.r.p_high = p_gc;
  e.suction = suc;
  e.pr_low = pr;
  e.source_path = make_path(&f, p_e, s4, s1);
  e.sink_path = make_path(&f, p_gc, s2, s3);
  return e;
}

constexpr std::string_view kStage[] = {"stage 0", "stage 1", "stage 2", "stage 3",
                                       "stage 4", "stage 5", "stage 6"};

Eval eval_mvr(const WorkingFluid& f, const CycleSpec& spec, double T_in, double T_out) {
  Eval e;
  Builder b(e);
  check_order(T_in, T_out, "inlet steam saturation temperature",
              "delivered steam saturation temperature");
  check_subcritical(f, T_out, "delivered steam saturation temperature");
  const double p_in = f.p_dew(T_in);
  const double p_out = f.p_dew(T_out);
  const int n = spec.stages;
  const double pr = std::pow(p_out / p_in, 1.0 / n);
  State s = f.p_Q(p_in, 1.0);
  if (spec.superheat > 0.0) s = f.T_p(T_in + spec.superheat, p_in);
  const State inlet = s;
  int last = b.node("0 inlet steam", 0, s, 1.0);
  double m = 1.0;
  double shaft = 0.0;
  double water = 0.0;
  double h_water_total = 0.0;
  double p = p_in;
  for (int k = 1; k <= n; ++k) {
    p = k == n ? p_out : p * pr;
    const State d = compress(f, spec.compressor, s, p, pr);
    check_discharge(f, spec.compressor, d, "MVR stage");
    shaft += m * (d.h - s.h);
    const std::string_view tag = kStage[k];
    const int nd = b.node(" stage discharge", 0, d, m, tag);
    b.path({last, nd});
    last = nd;
    b.entropy("compressor", m * (d.s - s.s), tag);
    const double T_sat = f.p_Q(p, 1.0).T;
    const State target =
        spec.mvr_superheat > 0.0 ? f.T_p(T_sat + spec.mvr_superheat, p) : f.p_Q(p, 1.0);
    if (d.h > target.h) {
      const State w = f.T_p(spec.T_water, p);
      const double mw = m * (d.h - target.h) / (target.h - w.h);
      b.node(" injected water", 0, w, mw, tag);
      b.entropy("desuperheater", (m + mw) * target.s - m * d.s - mw * w.s, tag);
      water += mw;
      h_water_total += mw * w.h;
      m += mw;
      s = target;
      const int nb = b.node(" after desuperheating", 0, s, m, tag);
      b.path({last, nb});
      last = nb;
    } else {
      s = d;
    }
    e.r.T_discharge = std::max(e.r.T_discharge, d.T);
  }
  const double h_f_out = f.p_Q(p_out, 0.0).h;
  const double h_f_in = f.p_Q(p_in, 0.0).h;
  e.r.heating = m * (s.h - h_f_out);
  e.r.source_heat = inlet.h - h_f_in;
  e.r.compressor_shaft = shaft;
  e.r.p_low = p_in;
  e.r.p_high = p_out;
  e.ratio = water;
  // Enthalpy-flow balance of an open cycle, checked in place of the closed one.
  e.r.energy_balance =
      std::abs(inlet.h + h_water_total + shaft - m * s.h) / (m * s.h - inlet.h + 1.0);
  e.suction = inlet;
  e.pr_low = pr;
  return e;
}

// ---- levels from the secondary side -----------------------------------------------------

/// Solves the free levels so that the exchangers reach their pinch: x = (T_low, T_high);
/// `free_low` / `free_high` say which are unknown. Newton with a difference Jacobian,
/// then Broyden updates.
template <class F>
std::pair<double, double> solve_pinch(F&& residual, double x0, double y0, bool free_low,
                                      bool free_high) {
  double x = x0, y = y0;
  auto [r1, r2] = residual(x, y);
  if (!free_low) r1 = 0.0;
  if (!free_high) r2 = 0.0;
  // The source's approach falls one for one with the evaporating temperature and the
  // sink's rises with the condensing one: a good first Jacobian, refined by Broyden.
  // A step that does not reduce the residual resets the Jacobian by differences (the
  // pinch can jump between the exchanger's ends, where Broyden's secant misleads).
  // Tolerance 1e-5 K: far below any engineering use, above the fast tables' noise.
  double J11 = -1, J12 = 0, J21 = 0, J22 = 1;
  double last_norm = HUGE_VAL;
  for (int it = 0; it < 40; ++it) {
    const double norm = std::max(std::abs(r1), std::abs(r2));
    if (norm < 1e-5) return {x, y};
    if (norm >= last_norm) {
      const double d = 0.01;
      if (free_low) {
        auto [a1, a2] = residual(x + d, y);
        J11 = (a1 - r1) / d;
        J21 = free_high ? (a2 - r2) / d : 0.0;
      }
      if (free_high) {
        auto [a1, a2] = residual(x, y + d);
        J12 = free_low ? (a1 - r1) / d : 0.0;
        J22 = (a2 - r2) / d;
      }
    }
    last_norm = norm;
    double dx = 0.0, dy = 0.0;
    if (free_low && free_high) {
      const double det = J11 * J22 - J12 * J21;
      dx = -(J22 * r1 - J12 * r2) / det;
      dy = -(-J21 * r1 + J11 * r2) / det;
    } else if (free_low) {
      dx = -r1 / J11;
    } else {
      dy = -r2 / J22;
    }
    if (!std::isfinite(dx) || !std::isfinite(dy)) {
      // A singular Jacobian (one exchanger's pinch blind to both levels for a moment):
      // step on the diagonal's expected signs.
      dx = free_low ? r1 : 0.0;
      dy = free_high ? -r2 : 0.0;
    }
    const double scale = std::max(std::abs(dx), std::abs(dy));
    if (!std::isfinite(scale)) break;
    if (scale > 15.0) {
      dx *= 15.0 / scale;
      dy *= 15.0 / scale;
    }
    // Backtrack from a step that lands where the cycle does not exist.
    double xn = x + dx, yn = y + dy;
    std::pair<double, double> rn;
    for (int half = 0;; ++half) {
      try {
        rn = residual(xn, yn);
        break;
      } catch (const Error&) {
        if (half == 8) throw;
        dx *= 0.5;
        dy *= 0.5;
        xn = x + dx;
        yn = y + dy;
      }
    }
    auto [n1, n2] = rn;
    if (!free_low) n1 = 0.0;
    if (!free_high) n2 = 0.0;
    // Broyden's update of the Jacobian.
    const double df1 = n1 - r1, df2 = n2 - r2;
    const double nn = dx * dx + dy * dy;
    if (nn > 0.0) {
      const double u1 = df1 - (J11 * dx + J12 * dy);
      const double u2 = df2 - (J21 * dx + J22 * dy);
      if (free_low) {
        J11 += u1 * dx / nn;
        J21 += free_high ? u2 * dx / nn : 0.0;
      }
      if (free_high) {
        J12 += free_low ? u1 * dy / nn : 0.0;
        J22 += u2 * dy / nn;
      }
    }
    x = xn;
    y = yn;
    r1 = n1;
    r2 = n2;
  }
  // Where the pinch jumps between the exchanger's ends the residual has a kink and the
  // iteration can circle it; within 0.01 K of the pinch asked for is accepted then (the
  // pinch itself is a design figure good to a few tenths of a kelvin).
  if (std::max(std::abs(r1), std::abs(r2)) < 1e-2) return {x, y};
  throw NoConvergence(fmt::format("no pinch-feasible operating point found (residual approach "
                                  "{:.3g} K at the source, {:.3g} K at the sink)",
                                  r1, r2),
                      x, std::max(std::abs(r1), std::abs(r2)), 40);
}

}  // namespace

// ---- solve --------------------------------------------------------------------------------

namespace {

struct Prepared {
  const CycleSpec& spec;
  const WorkingFluid& f;
  const WorkingFluid* f_high;
  mutable Hints hints;
};

double T_or(const std::optional<double>& v, std::string_view key) {
  if (!v) throw InvalidInput(fmt::format("missing {}: give it, or the stream that fixes it", key));
  return *v;
}

/// Evaluates at levels (T_low, T_high) with the free parameters the topology has.
Eval evaluate(const Prepared& P, double T_low, double T_high, std::optional<double> p_gc,
              std::optional<double> T_casc) {
  const CycleSpec& s = P.spec;
  switch (s.topology) {
    case Topology::single_stage: return eval_single(P.f, s, T_low, T_high);
    case Topology::vapor_injection: return eval_evi(P.f, s, T_low, T_high);
    case Topology::two_stage: return eval_two_stage(P.f, s, T_low, T_high, std::nullopt);
    case Topology::cascade: return eval_cascade(P.f, *P.f_high, s, T_low, T_high, *T_casc);
    case Topology::transcritical:
    case Topology::one_pass: return eval_transcritical(P.f, s, T_low, T_high, *p_gc, &P.hints);
    case Topology::mvr: return eval_mvr(P.f, s, T_low, T_high);
  }
  throw InternalError("unknown topology");
}

double cop_of(const Eval& e) {
  return e.r.heating / e.r.compressor_shaft;
}

/// Levels fixed by the streams (where given) at fixed free parameters.
Eval at_levels(const Prepared& P, std::optional<double> p_gc, std::optional<double> T_casc,
               double* T_low_io, double* T_high_io) {
  const CycleSpec& s = P.spec;
  const bool free_low = s.source.has_value() && s.topology != Topology::mvr;
  const bool free_high = s.sink.has_value() && s.topology != Topology::mvr;
  if (!free_low && !free_high) return evaluate(P, *T_low_io, *T_high_io, p_gc, T_casc);
  const auto residual = [&](double x, double y) -> std::pair<double, double> {
    const Eval e = evaluate(P, x, y, p_gc, T_casc);
    const double r1 = free_low ? pinch(*e.source_path, *s.source).approach - s.source->pinch : 0.0;
    const double r2 = free_high ? pinch(*e.sink_path, *s.sink).approach - s.sink->pinch : 0.0;
    return {r1, r2};
  };
  const auto [x, y] = solve_pinch(residual, *T_low_io, *T_high_io, free_low, free_high);
  *T_low_io = x;
  *T_high_io = y;
  return evaluate(P, x, y, p_gc, T_casc);
}

}  // namespace

CycleResult CycleSolver::solve(const CycleSpec& spec) const {
  if (spec.fluid.empty()) throw InvalidInput("missing fluid");
  const WorkingFluid f = WorkingFluid::from_library(library_, spec.fluid, spec.backend);
  if (spec.topology != Topology::cascade) return solve(spec, f, nullptr);
  if (spec.fluid_high.empty())
    throw InvalidInput("cascade: missing fluid_high (the high-stage fluid)");
  const WorkingFluid fh = WorkingFluid::from_library(library_, spec.fluid_high, spec.backend);
  return solve(spec, f, &fh);
}

namespace {

/// A compressor given by AHRI 540 polynomials: the polynomials fix mass flow and electric
/// power at the cycle's dew points; with an adiabatic shell the power fixes the discharge
/// enthalpy, i.e. an overall isentropic efficiency, found by fixed-point iteration (the
/// isentropic work per kg does not depend on it at given levels, so two or three passes).
CycleResult solve_ahri540(const CycleSpec& spec_in, const WorkingFluid& fluid) {
  if (spec_in.topology != Topology::single_stage && spec_in.topology != Topology::transcritical)
    throw NotSupported(
        "AHRI 540 compressors are supported in single_stage and transcritical cycles");
  const Ahri540 a = *spec_in.compressor.ahri540;
  CycleSpec s = spec_in;
  s.compressor.ahri540.reset();
  s.compressor.motor_efficiency = 1.0;
  s.compressor.inverter_efficiency = 1.0;
  double eta = 0.7;
  for (int it = 0; it < 12; ++it) {
    s.compressor.eta_isentropic = eta;
    s.heating_capacity = 1e3;  // a scale only: the polynomials' flow replaces it below
    const CycleResult r = CycleSolver::solve(s, fluid, nullptr);
    const double S = r.T_evap - kZeroCelsius;
    const double D = r.T_high - kZeroCelsius;
    const double m1 = r.nodes.front().m_dot;
    const double rho_suction = m1 / r.suction_volume_flow;
    const State rated = fluid.T_p(r.T_evap + a.rated_superheat, r.p_low);
    const double m = (1.0 + a.F_v * (rho_suction / rated.rho - 1.0)) * a.evaluate_mass_flow(S, D);
    const double W = a.evaluate_power(S, D);
    if (!(m > 0.0) || !(W > 0.0))
      throw OutOfRange(
          fmt::format("AHRI 540 polynomials give mass flow {:.4g} kg/s and power "
                      "{:.4g} W at S = {:.1f} °C, D = {:.1f} °C",
                      m, W, S, D));
    const double w_is = eta * r.compressor_shaft / m1;  // isentropic work per kg
    const double eta_new = m * w_is / W;
    if (!(eta_new > 0.05 && eta_new <= 1.0))
      throw OutOfRange(fmt::format(
          "AHRI 540 polynomials imply an isentropic efficiency of {:.3f} at S = {:.1f} °C, "
          "D = {:.1f} °C ({:.4g} kg/s, {:.4g} W): not a physical compressor there",
          eta_new, S, D, m, W));
    if (std::abs(eta_new - eta) < 1e-12 || it == 11) {
      s.compressor.eta_isentropic = eta_new;
      s.heating_capacity = r.heating / m1 * m;
      CycleResult out = CycleSolver::solve(s, fluid, nullptr);
      out.notes.push_back(fmt::format(
          "compressor from AHRI 540 polynomials: {:.5g} kg/s, {:.5g} W at S = {:.2f} °C, "
          "D = {:.2f} °C; adiabatic shell, overall isentropic efficiency {:.4f}",
          m, W, S, D, eta_new));
      return out;
    }
    eta = eta_new;
  }
  throw InternalError("AHRI 540 iteration fell through");
}

}  // namespace

CycleResult CycleSolver::solve(const CycleSpec& spec_in, const WorkingFluid& fluid,
                               const WorkingFluid* fluid_high) {
  if (spec_in.compressor.ahri540 && !spec_in.heating_capacity) return solve_ahri540(spec_in, fluid);
  if (spec_in.topology == Topology::one_pass && !spec_in.sink)
    throw InvalidInput("one_pass needs a [sink] stream: the water heated in one pass");
  // One-pass water heating with a fluid that can condense below the water's outlet
  // temperature is a subcritical single-stage cycle with a gliding sink.
  std::unique_ptr<CycleSpec> adjusted;  // not an optional: its storage costs every call
  if (spec_in.topology == Topology::one_pass &&
      spec_in.sink->T_out + spec_in.sink->pinch < fluid.T_crit() - 5.0) {
    adjusted = std::make_unique<CycleSpec>(spec_in);
    adjusted->topology = Topology::single_stage;
  }
  const CycleSpec& spec = adjusted ? *adjusted : spec_in;
  if (spec.topology == Topology::cascade && fluid_high == nullptr)
    throw InvalidInput("cascade: missing fluid_high (the high-stage fluid)");
  const Prepared P{spec, fluid, fluid_high, {}};
  if (spec.topology == Topology::mvr && P.f.id() != "R718")
    throw InvalidInput(
        fmt::format("mvr compresses steam: fluid must be water (R718), not {}", P.f.id()));

  const bool trans =
      spec.topology == Topology::transcritical || spec.topology == Topology::one_pass;

  // Starting levels.
  double T_low = 0.0, T_high = 0.0;
  if (spec.source && spec.topology != Topology::mvr) {
    T_low = spec.source->T_out - spec.source->pinch - 1.0;
  } else if (spec.topology == Topology::mvr && spec.source) {
    T_low = spec.source->T_out - spec.source->pinch;  // the waste heat makes the inlet steam
  } else {
    T_low = T_or(spec.T_evap, "T_evap (evaporating dew-point temperature)");
  }
  if (spec.sink && spec.topology != Topology::mvr) {
    T_high = trans
                 ? spec.sink->T_in + spec.sink->pinch + 1.0
                 : spec.sink->T_in + 0.85 * (spec.sink->T_out - spec.sink->T_in) + spec.sink->pinch;
  } else if (trans) {
    T_high = T_or(spec.T_gc_out, "T_gc_out (gas-cooler outlet temperature)");
  } else if (spec.topology == Topology::mvr && spec.sink) {
    T_high = spec.sink->T_out;  // the delivered steam's saturation temperature
  } else {
    T_high = T_or(spec.T_cond, "T_cond (condensing bubble-point temperature)");
  }

  // A gas cooler cannot leave colder than the evaporator: start above it.
  if (trans) T_high = std::max(T_high, T_low + 3.0);

  // The levels and free parameters; the evaluation is built in place (no moves of its lists).
  std::vector<std::string> notes;
  Eval e = [&]() -> Eval {
    if (trans) {
      const double p_lo = P.f.p_crit() * 1.02;
      const double p_hi = std::min(P.f.info().p_max, 14e6);  // CO2 compressors' design pressure
      if (spec.p_high) {
        return at_levels(P, spec.p_high, std::nullopt, &T_low, &T_high);
      } else {
        // Gas-cooler pressure for maximum COP on [1.02 pc, 14 MPa].
        double tl = T_low, th = T_high;
        const auto neg_cop = [&](double p) {
          try {
            double a = tl, b = th;
            const Eval ev = at_levels(P, p, std::nullopt, &a, &b);
            return -cop_of(ev);
          } catch (const Error&) {
            return 0.0;  // infeasible pressures rank below every feasible one
          }
        };
        // COP(p) may have more than one hump when the pinch moves inside the gas cooler:
        // a coarse scan finds the best one, Brent refines it between its neighbours.
        constexpr int kScan = 10;
        double best = 0.0;
        int i_best = -1;
        std::array<double, kScan> grid{};
        for (int i = 0; i < kScan; ++i) {
          grid[i] = p_lo * std::pow(p_hi / p_lo, static_cast<double>(i) / (kScan - 1));
          const double v = neg_cop(grid[i]);
          if (v < best) {
            best = v;
            i_best = i;
          }
        }
        if (i_best < 0)
          throw OutOfRange(
              fmt::format("no feasible gas-cooler pressure between {:.2f} and {:.2f} MPa",
                          p_lo / 1e6, p_hi / 1e6));
        const double a = grid[std::max(0, i_best - 1)];
        const double b = grid[std::min(kScan - 1, i_best + 1)];
        auto [p_opt, neg] = boost::math::tools::brent_find_minima(neg_cop, a, b, 16);
        if (neg > best) {
          p_opt = grid[i_best];
          neg = best;
        }
        if (!(neg < 0.0))
          throw OutOfRange(
              fmt::format("no feasible gas-cooler pressure between {:.2f} and {:.2f} MPa",
                          p_lo / 1e6, p_hi / 1e6));
        notes.push_back(
            fmt::format("gas-cooler pressure {:.3f} MPa chosen for maximum COP", p_opt / 1e6));
        return at_levels(P, p_opt, std::nullopt, &T_low, &T_high);
      }
    } else if (spec.topology == Topology::cascade) {
      if (spec.T_cascade) {
        return at_levels(P, std::nullopt, spec.T_cascade, &T_low, &T_high);
      } else {
        double tl = T_low, th = T_high;
        const auto lo_bound = [&] { return tl + 5.0; };
        const double a = lo_bound();
        const double b = std::min(th - spec.cascade_approach - 5.0, P.f.T_crit() - 1.0);
        if (!(b > a))
          throw InvalidInput("cascade: no room for an intermediate temperature between the levels");
        const auto neg_cop = [&](double Tc) {
          try {
            double x = tl, y = th;
            return -cop_of(at_levels(P, std::nullopt, Tc, &x, &y));
          } catch (const Error&) {
            return 0.0;
          }
        };
        const auto [T_opt, neg] = boost::math::tools::brent_find_minima(neg_cop, a, b, 16);
        if (!(neg < 0.0)) throw OutOfRange("cascade: no feasible intermediate temperature");
        notes.push_back(fmt::format("cascade temperature {:.2f} °C chosen for maximum COP",
                                    T_opt - kZeroCelsius));
        return at_levels(P, std::nullopt, T_opt, &T_low, &T_high);
      }
    } else {
      return at_levels(P, std::nullopt, std::nullopt, &T_low, &T_high);
    }
  }();

  // Size the flows: per kg/s of base flow so far.
  CycleResult& r = e.r;
  const Compressor& c = spec.compressor;
  double base = 0.0;  // kg/s through the evaporator
  if (spec.heating_capacity) {
    base = *spec.heating_capacity / r.heating;
  } else if (c.sized()) {
    const double eta_v = c.volumetric(e.pr_low);
    base = eta_v * e.suction.rho * c.swept_volume_flow() * e.base_per_suction;
  } else {
    throw InvalidInput("give heating_capacity, or the compressor's displacement and speed");
  }
  for (Node& n : r.nodes) n.m_dot *= base;
  for (ComponentEntropy& ce : r.entropy) ce.generated *= base;
  r.heating *= base;
  r.source_heat *= base;
  r.compressor_shaft *= base;
  r.compressor_electric = c.electric(r.compressor_shaft);
  r.topology = spec.topology;
  r.fluids.clear();
  r.fluids.push_back(P.f.id());
  if (P.f_high) r.fluids.push_back(P.f_high->id());
  r.auxiliary = spec.auxiliary_power;
  r.cop = r.heating / (r.compressor_electric + r.auxiliary);
  r.pressure_ratio = r.p_high / r.p_low;
  r.T_evap = T_low;
  r.T_high = T_high;
  r.suction_volume_flow = base / e.base_per_suction / e.suction.rho;
  r.volumetric_heating_capacity = r.heating / r.suction_volume_flow;
  if (spec.topology != Topology::mvr) {
    r.energy_balance = std::abs(r.heating - r.source_heat - r.compressor_shaft) / r.heating;
  }
  switch (spec.topology) {
    case Topology::vapor_injection:
      r.notes.push_back(
          fmt::format("injection at {:.1f} kPa (saturation {:.1f} °C), {:.3f} kg "
                      "injected per kg of suction flow",
                      e.p_mid / 1e3, e.T_mid - kZeroCelsius, e.ratio));
      break;
    case Topology::two_stage:
      r.notes.push_back(
          fmt::format("open flash intercooler at {:.1f} kPa; high-stage flow {:.3f} "
                      "kg per kg of low-stage flow",
                      e.p_mid / 1e3, e.ratio));
      break;
    case Topology::cascade:
      r.notes.push_back(
          fmt::format("low stage condenses at {:.2f} °C, high stage evaporates at "
                      "{:.2f} °C",
                      e.T_mid - kZeroCelsius, e.T_mid - spec.cascade_approach - kZeroCelsius));
      break;
    case Topology::mvr:
      r.notes.push_back(fmt::format(
          "{} stage(s) of pressure ratio {:.3f}; {:.4f} kg water injected per kg of inlet steam; "
          "heating = condensation of the delivered steam at its saturation, source = evaporation "
          "of the inlet steam",
          spec.stages, e.pr_low, e.ratio));
      break;
    default: break;
  }
  for (auto& n : notes) r.notes.push_back(std::move(n));

  // Reversible references and the exchangers' entropy.
  if (spec.topology == Topology::mvr) {
    r.cop_carnot = T_high / (T_high - T_low);
    r.cop_lorenz = r.cop_carnot;
  } else {
    double T_H = 0.0, T_L = 0.0, T_Hm = 0.0, T_Lm = 0.0;
    const HxPath& sp = *e.sink_path;
    const HxPath& op = *e.source_path;
    struct Ends {
      double s, T;
    };
    const Ends h_in{sp.s_in, sp.T_in}, h_out{sp.s_out, sp.T_out};
    const Ends l_in{op.s_in, op.T_in}, l_out{op.s_out, op.T_out};
    if (spec.sink) {
      T_H = spec.sink->T_out;
      T_Hm = entropic_mean(*spec.sink);
      r.sink_pinch = pinch(sp, *spec.sink);
      r.entropy.push_back({{},
                           "sink heat exchanger",
                           stream_entropy_gain(*spec.sink, r.heating) -
                               r.heating / (sp.h_in - sp.h_out) * (h_in.s - h_out.s)});
    } else {
      T_H = trans ? (sp.h_in - sp.h_out) / (h_in.s - h_out.s) : T_high;
      T_Hm = (sp.h_in - sp.h_out) / (h_in.s - h_out.s);
      // Heat goes to a reservoir at the refrigerant's coldest temperature in the exchanger.
      r.entropy.push_back(
          {{},
           "sink heat exchanger",
           r.heating / h_out.T - r.heating / (sp.h_in - sp.h_out) * (h_in.s - h_out.s)});
    }
    const double m_src = r.source_heat / (op.h_out - op.h_in);
    if (spec.source) {
      T_L = spec.source->T_out;
      T_Lm = entropic_mean(*spec.source);
      r.source_pinch = pinch(op, *spec.source);
      r.entropy.push_back(
          {{}, "source heat exchanger", m_src * (l_out.s - l_in.s) - r.source_heat / T_Lm});
    } else {
      T_L = T_low;
      T_Lm = (op.h_out - op.h_in) / (l_out.s - l_in.s);
      r.entropy.push_back(
          {{}, "source heat exchanger", m_src * (l_out.s - l_in.s) - r.source_heat / l_out.T});
    }
    r.cop_carnot = T_H / (T_H - T_L);
    r.cop_lorenz = T_Hm / (T_Hm - T_Lm);
  }
  r.eta_carnot = r.cop / r.cop_carnot;
  r.eta_lorenz = r.cop / r.cop_lorenz;
  return std::move(r);  // r is e.r: one move, its lists copied bytewise
}

}  // namespace heatlift::cycles
