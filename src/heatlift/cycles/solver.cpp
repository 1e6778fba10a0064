// The cycle solver: one function per topology evaluates the cycle at given pressure
// levels (topologies.cpp); solve() fixes the levels from the refrigerant-side specification
// or from the secondary streams' pinch, optimises what is left free (transcritical pressure,
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
#include "heatlift/cycles/topologies.hpp"

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
using detail::Eval;
using detail::Hints;

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
    case Topology::single_stage: return detail::eval_single(P.f, s, T_low, T_high);
    case Topology::vapor_injection: return detail::eval_evi(P.f, s, T_low, T_high);
    case Topology::two_stage: return detail::eval_two_stage(P.f, s, T_low, T_high, std::nullopt);
    case Topology::cascade: return detail::eval_cascade(P.f, *P.f_high, s, T_low, T_high, *T_casc);
    case Topology::transcritical:
    case Topology::one_pass:
      return detail::eval_transcritical(P.f, s, T_low, T_high, *p_gc, &P.hints);
    case Topology::mvr: return detail::eval_mvr(P.f, s, T_low, T_high);
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

namespace {

/// The levels to start from: where a stream fixes a level, just inside its pinch; else the
/// level given.
void starting_levels(const CycleSpec& spec, bool trans, double& T_low, double& T_high) {
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
}

/// A transcritical cycle at the gas-cooler pressure of maximum COP on [1.02 pc, 14 MPa].
Eval at_best_gas_cooler_pressure(const Prepared& P, double& T_low, double& T_high,
                                 std::vector<std::string>& notes) {
  const double p_lo = P.f.p_crit() * 1.02;
  const double p_hi = std::min(P.f.info().p_max, 14e6);  // CO2 compressors' design pressure
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
    throw OutOfRange(fmt::format("no feasible gas-cooler pressure between {:.2f} and {:.2f} MPa",
                                 p_lo / 1e6, p_hi / 1e6));
  const double a = grid[std::max(0, i_best - 1)];
  const double b = grid[std::min(kScan - 1, i_best + 1)];
  auto [p_opt, neg] = boost::math::tools::brent_find_minima(neg_cop, a, b, 16);
  if (neg > best) {
    p_opt = grid[i_best];
    neg = best;
  }
  if (!(neg < 0.0))
    throw OutOfRange(fmt::format("no feasible gas-cooler pressure between {:.2f} and {:.2f} MPa",
                                 p_lo / 1e6, p_hi / 1e6));
  notes.push_back(
      fmt::format("gas-cooler pressure {:.3f} MPa chosen for maximum COP", p_opt / 1e6));
  return at_levels(P, p_opt, std::nullopt, &T_low, &T_high);
}

/// A cascade at the intermediate temperature of maximum COP between its levels.
Eval at_best_cascade_temperature(const Prepared& P, double& T_low, double& T_high,
                                 std::vector<std::string>& notes) {
  const CycleSpec& spec = P.spec;
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
  notes.push_back(
      fmt::format("cascade temperature {:.2f} °C chosen for maximum COP", T_opt - kZeroCelsius));
  return at_levels(P, std::nullopt, T_opt, &T_low, &T_high);
}

/// The levels and the free parameters (gas-cooler pressure, cascade temperature) fixed:
/// the evaluation there, built in place (no moves of its lists).
Eval solve_levels(const Prepared& P, bool trans, double& T_low, double& T_high,
                  std::vector<std::string>& notes) {
  const CycleSpec& spec = P.spec;
  if (trans) {
    if (spec.p_high) return at_levels(P, spec.p_high, std::nullopt, &T_low, &T_high);
    return at_best_gas_cooler_pressure(P, T_low, T_high, notes);
  }
  if (spec.topology == Topology::cascade) {
    if (spec.T_cascade) return at_levels(P, std::nullopt, spec.T_cascade, &T_low, &T_high);
    return at_best_cascade_temperature(P, T_low, T_high, notes);
  }
  return at_levels(P, std::nullopt, std::nullopt, &T_low, &T_high);
}

/// Sizes the flows (the evaluation is per kg/s of base flow) from the heating capacity or
/// the compressor's displacement, and fills the summary.
void size_flows(const Prepared& P, Eval& e, double T_low, double T_high) {
  const CycleSpec& spec = P.spec;
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
}

/// What the topology did at its intermediate level, as a note.
void topology_note(const CycleSpec& spec, const Eval& e, CycleResult& r) {
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
}

/// The reversible references (Carnot between the levels or the streams' outlets, Lorenz
/// between their entropic means) and the exchangers' entropy generation.
void reversible_references(const CycleSpec& spec, Eval& e, bool trans, double T_low,
                           double T_high) {
  CycleResult& r = e.r;
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
  double T_low = 0.0, T_high = 0.0;
  starting_levels(spec, trans, T_low, T_high);
  std::vector<std::string> notes;
  Eval e = solve_levels(P, trans, T_low, T_high, notes);
  size_flows(P, e, T_low, T_high);
  CycleResult& r = e.r;
  topology_note(spec, e, r);
  for (auto& n : notes) r.notes.push_back(std::move(n));
  reversible_references(spec, e, trans, T_low, T_high);
  return std::move(r);  // r is e.r: one move, its lists copied bytewise
}

}  // namespace heatlift::cycles
