// The cycle at fixed levels, one function per topology (topologies.hpp): its states, the
// nodes and edges of its diagram, the entropy each component generates, and its duties per
// kg/s of the flow through the evaporator.
#include "heatlift/cycles/topologies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::cycles::detail {
namespace {

using core::kZeroCelsius;

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

double intermediate_T(const WorkingFluid& f, const CycleSpec& spec, double p_e, double p_c) {
  if (spec.T_intermediate) return *spec.T_intermediate;
  return f.p_Q(std::sqrt(p_e * p_c), 1.0).T;
}

constexpr std::string_view kStage[] = {"stage 0", "stage 1", "stage 2", "stage 3",
                                       "stage 4", "stage 5", "stage 6"};

}  // namespace

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

}  // namespace heatlift::cycles::detail
