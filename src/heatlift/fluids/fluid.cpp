#include "heatlift/fluids/fluid.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iterator>
#include <limits>
#include <mutex>
#include <tuple>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/fluid_internal.hpp"

namespace heatlift::fluids {

using namespace detail;

namespace {

// An interval of the saturation curves is kept where h′, h″, s′, s″, u′, u″ agree with the equation
// to this (relative to max(|h|, RT) and max(|s|, R)) between the fit's nodes; half of the
// 1e-12 the two-phase tests allow, so points between the checked ones stay inside it.
constexpr double kSaturationCurveTolerance = 5e-13;

// The limits of an equation (T_triple, T_max, p_max, the saturation curve's ends) belong to
// its range. A value this close to a limit (relative; a few units in the last place) is on
// it: what a unit conversion (−56.558 °C → 216.59199999999998 K) or exp(ln p) leaves.
constexpr double kLimitRounding = 1e-15;

bool within_rounding(double v, double limit) {
  return std::fabs(v - limit) <= kLimitRounding * std::fabs(limit);
}

// v for a message next to `limit`: six digits, or all of them where six would print the
// limit itself ("216.59199999999998 K is below 216.592 K", not "216.592 K is below 216.592").
std::string near(double v, double limit) {
  const std::string shortest = fmt::format("{:.6g}", v);
  return shortest == fmt::format("{:.6g}", limit) ? fmt::format("{}", v) : shortest;
}

}  // namespace

struct Fluid::Lazy {
  std::once_flag once;
  std::unique_ptr<const SaturationCurves> curves;
  std::atomic<const SaturationCurves*> ready{nullptr};
};

std::string_view to_string(Phase phase) {
  switch (phase) {
    case Phase::liquid: return "liquid";
    case Phase::gas: return "gas";
    case Phase::two_phase: return "two_phase";
    case Phase::supercritical: return "supercritical";
    case Phase::supercritical_gas: return "supercritical_gas";
    case Phase::supercritical_liquid: return "supercritical_liquid";
  }
  return "unknown";
}

Fluid::~Fluid() = default;

Fluid::Fluid(FluidDefinition def) : def_(std::move(def)), lazy_(std::make_unique<Lazy>()) {
  const FluidInfo& in = def_.info;
  if (!(in.molar_mass > 0) || !(in.gas_constant > 0) || !(def_.T_reducing > 0) ||
      !(def_.rhomolar_reducing > 0)) {
    throw InvalidInput(fmt::format(
        "fluid '{}': molar mass, gas constant and reducing state must be positive", in.id));
  }
  R_mass_ = in.gas_constant / in.molar_mass;
  rhomolar_max_ = 1.5 * def_.rhomolar_triple_liquid;
  if (def_.superancillary) {
    // The equation's own critical point, as its phase equilibrium ends.
    def_.info.T_crit = def_.superancillary->T_crit();
    def_.info.p_crit = def_.superancillary->p_crit();
    def_.info.rho_crit = def_.superancillary->rhomolar_crit() * in.molar_mass;
  } else if (in.pseudo_pure) {
    if (!def_.p_bubble || !def_.p_dew || !def_.rho_liquid || !def_.rho_vapor) {
      throw InvalidInput(fmt::format(
          "fluid '{}': a pseudo-pure fluid needs bubble- and dew-pressure and density ancillaries",
          in.id));
    }
  } else if (!def_.p_sat || !def_.rho_liquid || !def_.rho_vapor) {
    throw InvalidInput(
        fmt::format("fluid '{}': needs a superancillary or saturation ancillaries", in.id));
  }
}

double Fluid::check_T(double T, std::string_view what) const {
  const FluidInfo& in = def_.info;
  if (!finite(T))
    throw InvalidInput(fmt::format("{}: {} = {} is not a finite number", in.id, what, T));
  if (T < in.T_triple) {
    if (within_rounding(T, in.T_triple)) return in.T_triple;
    throw OutOfRange(
        fmt::format("{}: {} = {} K is below the equation's lower limit {} K (triple point)", in.id,
                    what, near(T, in.T_triple), in.T_triple));
  }
  if (T > in.T_max) {
    if (within_rounding(T, in.T_max)) return in.T_max;
    throw OutOfRange(fmt::format("{}: {} = {} K is above the equation's upper limit T_max = {} K",
                                 in.id, what, near(T, in.T_max), in.T_max));
  }
  return T;
}

double Fluid::check_p(double p, std::string_view what) const {
  const FluidInfo& in = def_.info;
  if (!finite(p))
    throw InvalidInput(fmt::format("{}: {} = {} is not a finite number", in.id, what, p));
  if (p <= 0) throw InvalidInput(fmt::format("{}: {} = {} Pa must be positive", in.id, what, p));
  if (p > in.p_max) {
    if (within_rounding(p, in.p_max)) return in.p_max;
    throw OutOfRange(
        fmt::format("{}: {} = {} Pa is above the equation's upper limit p_max = {:.6g} Pa", in.id,
                    what, near(p, in.p_max), in.p_max));
  }
  return p;
}

Phase Fluid::classify(double T, double p) const {
  const FluidInfo& in = def_.info;
  if (T >= in.T_crit) return p >= in.p_crit ? Phase::supercritical : Phase::supercritical_gas;
  if (p >= in.p_crit) return Phase::supercritical_liquid;
  return Phase::liquid;  // refined by the caller (liquid or gas)
}

State Fluid::single_phase(const ResidualHelmholtz::TauCache& cache, double T,
                          double rho_molar) const {
  return single_phase(cache, def_.ideal.evaluate(def_.T_reducing / T), T, rho_molar);
}

State Fluid::single_phase(const ResidualHelmholtz::TauCache& cache, const IdealHelmholtz::Value& a0,
                          double T, double rho_molar) const {
  const double tau = def_.T_reducing / T;
  const double delta = rho_molar / def_.rhomolar_reducing;
  const AlphaDerivs ar = def_.residual.evaluate(cache, delta);
  const double R = R_mass_;
  State s;
  s.T = T;
  s.rho = rho_molar * def_.info.molar_mass;
  s.p = rho_molar * def_.info.gas_constant * T * (1.0 + delta * ar.a_d);
  const Caloric c = caloric(R, T, tau, delta, a0, ar);
  s.h = c.h;
  s.s = c.s;
  s.u = c.u;
  const double att = a0.a_tt + ar.a_tt;
  const double cv = -R * tau * tau * att;
  const double num = 1.0 + delta * ar.a_d - delta * tau * ar.a_dt;
  const double den = 1.0 + 2.0 * delta * ar.a_d + delta * delta * ar.a_dd;
  s.cv = cv;
  s.cp = cv + R * num * num / den;
  const double w2 = R * T * (den - num * num / (tau * tau * att));
  s.w = w2 > 0 ? std::sqrt(w2) : 0.0;
  const Phase ph = classify(T, s.p);
  s.phase = ph == Phase::liquid ? (s.rho >= def_.info.rho_crit ? Phase::liquid : Phase::gas) : ph;
  return s;
}

double Fluid::solve_density(const ResidualHelmholtz::TauCache& cache, double T, double p,
                            double guess, double lo, double hi) const {
  // Safeguarded Newton on p(ρ) − p at fixed T: the hot kernel of every flash. p rises with ρ on
  // the branch [lo, hi]; a step that leaves the bracket is replaced by bisection. No density
  // above 1.5 × the triple-point liquid density belongs to the equation's range, which keeps
  // the polynomial terms from running away.
  const double rho_r = def_.rhomolar_reducing;
  const double RT = def_.info.gas_constant * T;
  hi = std::min(hi, rhomolar_max_);
  double rho = std::clamp(guess, lo, hi);
  if (!(rho > 0)) rho = 0.5 * (lo + hi);
  double F = kInf, dpdrho = 0.0;
  for (int iter = 0; iter < 200; ++iter) {
    const double delta = rho / rho_r;
    const AlphaDerivs ar = def_.residual.evaluate(cache, delta);
    F = rho * RT * (1.0 + delta * ar.a_d) - p;
    dpdrho = RT * (1.0 + 2.0 * delta * ar.a_d + delta * delta * ar.a_dd);
    if (F == 0.0) break;
    if (F < 0) {
      lo = std::max(lo, rho);
    } else {
      hi = std::min(hi, rho);  // also when F is not finite: pull back
    }
    double next =
        dpdrho > 0 && finite(F) ? rho - F / dpdrho : std::numeric_limits<double>::quiet_NaN();
    // Damped: near the critical point dp/dρ is small and a full step lands where the
    // equation no longer describes the fluid.
    if (finite(next)) next = std::clamp(next, 0.7 * rho, 1.3 * rho);
    // Converged Newton step: accept before the bracket test, which a root approached from
    // above (F a hair positive, so hi = ρ) would otherwise reject and bisect away from.
    if (finite(next) && std::fabs(next - rho) <= 1e-14 * rho) {
      rho = next;
      break;
    }
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (hi - lo <= 4e-16 * hi) break;
    rho = next;
  }
  // Accept only a mechanically stable root that reproduces p.
  // p of a liquid is a difference of large terms: allow for their rounding (≈1e-10 ρRT).
  if (!(finite(F) && std::fabs(F) <= 1e-7 * p + 1e-10 * rho * RT && dpdrho > 0)) {
    throw NoConvergence(
        fmt::format("{}: no stable density at T = {} K, p = {} Pa on this branch (last ρ = {:.6g} "
                    "mol/m3, residual {:.3e} Pa)",
                    def_.info.id, T, p, rho, F),
        rho, F, 200);
  }
  return rho;
}

double Fluid::blend_density(const ResidualHelmholtz::TauCache& cache, double T, double p,
                            bool liquid) const {
  // A pseudo-pure blend has no superancillary: start from its published density
  // ancillaries, bracketed on the side of the root they approximate (within ~1 %).
  if (liquid) {
    const double guess = (*def_.rho_liquid)(T);
    return solve_density(cache, T, p, guess, 0.97 * guess, kInf);
  }
  const double rv = (*def_.rho_vapor)(T);
  return solve_density(cache, T, p, std::min(p / (def_.info.gas_constant * T), rv), 0.0, 1.5 * rv);
}

State Fluid::at_T_rho(double T, double rho) const {
  T = check_T(T, "T");
  if (!finite(rho) || rho <= 0) {
    throw InvalidInput(
        fmt::format("{}: rho = {} kg/m3 must be a positive number", def_.info.id, rho));
  }
  if (T < def_.info.T_crit) {
    double rho_l, rho_v;
    if (def_.superancillary) {
      double p_sat;
      def_.superancillary->evaluate(T, p_sat, rho_l, rho_v);
      rho_l *= def_.info.molar_mass;
      rho_v *= def_.info.molar_mass;
    } else {
      const SaturationStates sat = saturation_at_T(T);
      rho_l = sat.liquid.rho;
      rho_v = sat.vapor.rho;
    }
    if (rho < rho_l && rho > rho_v) {
      if (def_.info.pseudo_pure) {
        throw NotSupported(
            fmt::format("{}: (T, rho) inside the two-phase region of a pseudo-pure blend is not "
                        "defined; give (p, h) or (p, Q)",
                        def_.info.id));
      }
      return two_phase_mix(saturation_light(T),
                           (1.0 / rho - 1.0 / rho_l) / (1.0 / rho_v - 1.0 / rho_l));
    }
  }
  ResidualHelmholtz::TauCache cache;
  def_.residual.prepare(def_.T_reducing / T, cache);
  State s = single_phase(cache, T, rho / def_.info.molar_mass);
  // p_max is in the range: the density (T, p_max) gives must come back. p is a difference of
  // large terms, so allow for their rounding (as solve_density does, ≈1e-10 ρRT).
  const double p_max = def_.info.p_max;
  if (s.p > p_max && s.p - p_max > 1e-10 * rho * R_mass_ * T + kLimitRounding * p_max) {
    throw OutOfRange(
        fmt::format("{}: T = {} K, rho = {} kg/m3 gives p = {} Pa, above p_max = {:.6g} Pa",
                    def_.info.id, T, rho, near(s.p, p_max), p_max));
  }
  return s;
}

State Fluid::at_T_p(double T, double p) const {
  return at_T_p_branch(T, p, -1);
}

State Fluid::at_T_p_branch(double T, double p, int branch) const {
  T = check_T(T, "T");
  p = check_p(p, "p");
  const FluidInfo& in = def_.info;
  ResidualHelmholtz::TauCache cache;
  def_.residual.prepare(def_.T_reducing / T, cache);
  double rho = 0.0;
  bool liquid_branch = true;
  if (T < in.T_crit) {
    if (in.pseudo_pure) {
      const double pb = (*def_.p_bubble)(T), pd = (*def_.p_dew)(T);
      if (branch < 0 && p < pb && p > pd) {
        // Inside the blend's glide: two-phase, with T linear in quality at this pressure.
        // p_dew(T) < p < p_bubble(T) is the same as T_bubble(p) < T < T_dew(p) (both
        // curves rise monotonically), so Q lies in (0, 1) up to rounding.
        const SaturationStates sat = saturation_at_p(p);
        const double Q = (T - sat.liquid.T) / (sat.vapor.T - sat.liquid.T);
        return two_phase_mix(sat, std::clamp(Q, 0.0, 1.0));
      }
      liquid_branch = branch == 0 || (branch < 0 && p >= pb);
      rho = blend_density(cache, T, p, liquid_branch);
    } else {
      double ps, rl, rv;
      if (def_.superancillary) {
        def_.superancillary->evaluate(T, ps, rl, rv);
      } else {
        const SaturationStates sat = solve_phase_equilibrium(T);
        ps = sat.liquid.p;
        rl = sat.liquid.rho / in.molar_mass;
        rv = sat.vapor.rho / in.molar_mass;
      }
      liquid_branch = branch == 0 || (branch < 0 && p >= ps);
      if (liquid_branch) {
        rho = p >= ps ? solve_density(cache, T, p, rl, rl, kInf)
                      : solve_density(cache, T, p, rl, 0.9 * rl, rl);
      } else if (p <= ps) {
        const double ideal = p / (in.gas_constant * T);
        rho = solve_density(cache, T, p, std::min(ideal, rv), 0.0, rv);
      } else {
        rho = solve_density(cache, T, p, rv, rv, 1.1 * rv);
      }
    }
  } else {
    rho = solve_density(cache, T, p, p / (in.gas_constant * T), 0.0, kInf);
  }
  State s = single_phase(cache, T, rho);
  s.p = p;
  if (T < in.T_crit && p < in.p_crit) s.phase = liquid_branch ? Phase::liquid : Phase::gas;
  return s;
}

SaturationStates Fluid::saturation_at_T(double T) const {
  const FluidInfo& in = def_.info;
  T = check_T(T, "T");
  if (T > in.T_crit) {
    if (!within_rounding(T, in.T_crit)) {
      throw OutOfRange(
          fmt::format("{}: T = {} K is above the critical temperature {:.6g} K; no saturation",
                      in.id, near(T, in.T_crit), in.T_crit));
    }
    T = in.T_crit;  // the critical point ends the curve, and belongs to it
  }
  ResidualHelmholtz::TauCache cache;
  def_.residual.prepare(def_.T_reducing / T, cache);
  SaturationStates sat;
  if (def_.superancillary) {
    const Superancillary& sa = *def_.superancillary;
    double p, rl, rv;
    sa.evaluate(T, p, rl, rv);
    const IdealHelmholtz::Value a0 = def_.ideal.evaluate(def_.T_reducing / T);
    sat.liquid = single_phase(cache, a0, T, rl);
    sat.vapor = single_phase(cache, a0, T, rv);
    sat.liquid.p = sat.vapor.p = p;
  } else if (in.pseudo_pure) {
    const double pb = (*def_.p_bubble)(T), pd = (*def_.p_dew)(T);
    sat.liquid = single_phase(cache, T, blend_density(cache, T, pb, true));
    sat.vapor = single_phase(cache, T, blend_density(cache, T, pd, false));
    sat.liquid.p = pb;
    sat.vapor.p = pd;
  } else {
    return solve_phase_equilibrium(T);
  }
  sat.liquid.Q = 0.0;
  sat.vapor.Q = 1.0;
  sat.liquid.phase = sat.vapor.phase = Phase::two_phase;
  return sat;
}

const SaturationCurves* Fluid::saturation_curves() const {
  if (!def_.superancillary || !def_.superancillary->same_tiling()) return nullptr;
  if (const SaturationCurves* c = lazy_->ready.load(std::memory_order_acquire)) return c;
  std::call_once(lazy_->once, [this] {
    const double Tr = def_.T_reducing;
    auto equation = [this, Tr](double T, double rho_l, double rho_v) {
      const double tau = Tr / T;
      ResidualHelmholtz::TauCache cache;
      def_.residual.prepare(tau, cache);
      const IdealHelmholtz::Value a0 = def_.ideal.evaluate(tau);
      auto at = [&](double rho_molar) {
        const double delta = rho_molar / def_.rhomolar_reducing;
        return caloric(R_mass_, T, tau, delta, a0, def_.residual.evaluate_first(cache, delta));
      };
      const Caloric l = at(rho_l), v = at(rho_v);
      return SaturationCurves::Caloric{l.h, v.h, l.s, v.s, l.u, v.u};
    };
    lazy_->curves = std::make_unique<const SaturationCurves>(*def_.superancillary, equation,
                                                             R_mass_, kSaturationCurveTolerance);
    lazy_->ready.store(lazy_->curves.get(), std::memory_order_release);
  });
  return lazy_->ready.load(std::memory_order_acquire);
}

SaturationStates Fluid::saturation_light(double T) const {
  if (!def_.superancillary) return saturation_at_T(T);
  const FluidInfo& in = def_.info;
  T = check_T(T, "T");
  if (T > in.T_crit) return saturation_at_T(T);  // the critical point, or the error
  SaturationStates sat;
  auto fill = [&](State& s, double p, double rho_molar, double h, double sm, double u, double Q) {
    s.T = T;
    s.p = p;
    s.rho = rho_molar * in.molar_mass;
    s.h = h;
    s.s = sm;
    s.u = u;
    s.Q = Q;
    s.phase = Phase::two_phase;
  };
  SaturationCurves::Values v;
  if (const SaturationCurves* curves = saturation_curves(); curves && curves->evaluate(T, v)) {
    fill(sat.liquid, v.p, v.rho_l, v.h_l, v.s_l, v.u_l, 0.0);
    fill(sat.vapor, v.p, v.rho_v, v.h_v, v.s_v, v.u_v, 1.0);
    return sat;
  }
  // Outside the curves' kept intervals: the equation at the superancillary's densities.
  const double tau = def_.T_reducing / T;
  ResidualHelmholtz::TauCache cache;
  def_.residual.prepare(tau, cache);
  const IdealHelmholtz::Value a0 = def_.ideal.evaluate(tau);
  double p, rl, rv;
  def_.superancillary->evaluate(T, p, rl, rv);
  for (auto [s, rho_molar, Q] :
       {std::tuple{&sat.liquid, rl, 0.0}, std::tuple{&sat.vapor, rv, 1.0}}) {
    const double delta = rho_molar / def_.rhomolar_reducing;
    const AlphaDerivs ar = def_.residual.evaluate_first(cache, delta);
    const Caloric c = caloric(R_mass_, T, tau, delta, a0, ar);
    fill(*s, p, rho_molar, c.h, c.s, c.u, Q);
  }
  return sat;
}

double Fluid::superancillary_T_from_p(double p) const {
  const FluidInfo& in = def_.info;
  const Superancillary& sa = *def_.superancillary;
  p = check_p(p, "p");
  if (p > in.p_crit) {
    if (!within_rounding(p, in.p_crit)) {
      throw OutOfRange(
          fmt::format("{}: p = {} Pa is above the critical pressure {:.6g} Pa; no saturation",
                      in.id, near(p, in.p_crit), in.p_crit));
    }
    return in.T_crit;
  }
  if (p < sa.p_min()) {
    if (within_rounding(p, sa.p_min())) return in.T_triple;
    throw OutOfRange(
        fmt::format("{}: p = {} Pa is below the equation's saturation pressure at the triple "
                    "point, {} Pa; no liquid",
                    in.id, near(p, sa.p_min()), sa.p_min()));
  }
  // Both ends of the curve belong to it: T_sat(p_c) must not round past T_c, nor T_sat at
  // the triple-point pressure below T_triple.
  return std::clamp(sa.T_from_p(p), in.T_triple, in.T_crit);
}

SaturationStates Fluid::saturation_at_p(double p) const {
  const FluidInfo& in = def_.info;
  p = check_p(p, "p");
  if (p > in.p_crit) {
    if (!within_rounding(p, in.p_crit)) {
      throw OutOfRange(
          fmt::format("{}: p = {} Pa is above the critical pressure {:.6g} Pa; no saturation",
                      in.id, near(p, in.p_crit), in.p_crit));
    }
    p = in.p_crit;
  }
  if (def_.superancillary) {
    SaturationStates sat = saturation_at_T(superancillary_T_from_p(p));
    sat.liquid.p = sat.vapor.p = p;
    return sat;
  }
  if (in.pseudo_pure) {
    const double p_lo =
        std::max((*def_.p_bubble)(def_.p_bubble->T_min), (*def_.p_dew)(def_.p_dew->T_min));
    if (p < p_lo) {
      if (!within_rounding(p, p_lo)) {
        throw OutOfRange(
            fmt::format("{}: p = {} Pa is below the lowest bubble/dew pressure {} Pa of the "
                        "blend's saturation equations; no liquid",
                        in.id, near(p, p_lo), p_lo));
      }
      p = p_lo;
    }
    const double Tb = def_.p_bubble->invert(p), Td = def_.p_dew->invert(p);
    ResidualHelmholtz::TauCache cb, cd;
    def_.residual.prepare(def_.T_reducing / Tb, cb);
    def_.residual.prepare(def_.T_reducing / Td, cd);
    SaturationStates sat;
    sat.liquid = single_phase(cb, Tb, blend_density(cb, Tb, p, true));
    sat.vapor = single_phase(cd, Td, blend_density(cd, Td, p, false));
    sat.liquid.p = sat.vapor.p = p;
    sat.liquid.Q = 0.0;
    sat.vapor.Q = 1.0;
    sat.liquid.phase = sat.vapor.phase = Phase::two_phase;
    return sat;
  }
  const double T = def_.p_sat->invert(p);
  SaturationStates sat = solve_phase_equilibrium(T);
  return sat;
}

SaturationStates Fluid::solve_phase_equilibrium(double T) const {
  // Equal pressure and Gibbs energy of the two phases at T, Newton in (δ′, δ″) on the
  // reduced forms J(δ) = δ(1 + δαʳ_δ) and K(δ) = δαʳ_δ + αʳ + ln δ (Akasaka 2008).
  const FluidInfo& in = def_.info;
  T = check_T(T, "T");
  if (T >= in.T_crit) {
    throw OutOfRange(fmt::format("{}: T = {:.6g} K is not below the critical temperature {:.6g} K",
                                 in.id, T, in.T_crit));
  }
  ResidualHelmholtz::TauCache cache;
  def_.residual.prepare(def_.T_reducing / T, cache);
  const double rr = def_.rhomolar_reducing;
  double dl, dv;
  if (def_.superancillary) {
    dl = def_.superancillary->rho_liquid(T) / rr;
    dv = def_.superancillary->rho_vapor(T) / rr;
  } else {
    dl = (*def_.rho_liquid)(T) / rr;
    dv = (*def_.rho_vapor)(T) / rr;
  }
  double last = kInf;
  for (int iter = 0; iter < 100; ++iter) {
    const AlphaDerivs L = def_.residual.evaluate(cache, dl);
    const AlphaDerivs V = def_.residual.evaluate(cache, dv);
    const double JL = dl * (1.0 + dl * L.a_d), JV = dv * (1.0 + dv * V.a_d);
    const double KL = dl * L.a_d + L.a + std::log(dl), KV = dv * V.a_d + V.a + std::log(dv);
    const double JdL = 1.0 + 2.0 * dl * L.a_d + dl * dl * L.a_dd;
    const double JdV = 1.0 + 2.0 * dv * V.a_d + dv * dv * V.a_dd;
    const double KdL = 2.0 * L.a_d + dl * L.a_dd + 1.0 / dl;
    const double KdV = 2.0 * V.a_d + dv * V.a_dd + 1.0 / dv;
    const double f1 = JV - JL, f2 = KV - KL;
    last = std::fabs(f1) + std::fabs(f2);
    const double det = JdV * KdL - JdL * KdV;
    if (det == 0.0 || !finite(det)) break;
    // Newton step for f1 = J(δ″) − J(δ′) = 0, f2 = K(δ″) − K(δ′) = 0.
    const double ddl = (-f1 * KdV + f2 * JdV) / det;
    const double ddv = (f2 * JdL - f1 * KdL) / det;
    double step = 1.0;
    while ((dl + step * ddl <= 0 || dv + step * ddv <= 0) && step > 1e-6) step *= 0.5;
    dl += step * ddl;
    dv += step * ddv;
    if (std::fabs(ddl) <= 1e-15 * dl && std::fabs(ddv) <= 1e-15 * dv) break;
  }
  if (!finite(dl) || !finite(dv) || std::fabs(dl - dv) < 1e-9 * dl) {
    throw NoConvergence(fmt::format("{}: phase equilibrium at T = {} K did not converge", in.id, T),
                        T, last, 100);
  }
  SaturationStates sat;
  sat.liquid = single_phase(cache, T, dl * rr);
  sat.vapor = single_phase(cache, T, dv * rr);
  sat.liquid.Q = 0.0;
  sat.vapor.Q = 1.0;
  sat.liquid.phase = sat.vapor.phase = Phase::two_phase;
  return sat;
}

State Fluid::two_phase_mix(const SaturationStates& sat, double Q) const {
  if (Q == 0.0) return sat.liquid;
  if (Q == 1.0) return sat.vapor;
  const State& l = sat.liquid;
  const State& v = sat.vapor;
  State s;
  s.T = l.T + Q * (v.T - l.T);
  s.p = l.p + Q * (v.p - l.p);
  s.rho = 1.0 / ((1.0 - Q) / l.rho + Q / v.rho);
  s.h = l.h + Q * (v.h - l.h);
  s.s = l.s + Q * (v.s - l.s);
  s.u = l.u + Q * (v.u - l.u);
  s.Q = Q;
  s.phase = Phase::two_phase;
  return s;
}

State Fluid::at_T_Q(double T, double Q) const {
  if (!finite(Q) || Q < 0.0 || Q > 1.0) {
    throw InvalidInput(fmt::format("{}: Q = {} must lie between 0 and 1", def_.info.id, Q));
  }
  if (def_.info.pseudo_pure && Q != 0.0 && Q != 1.0) {
    throw NotSupported(
        fmt::format("{}: a pseudo-pure blend has no single two-phase state at given T and 0 < Q < "
                    "1 (its pressure glides); "
                    "give (p, Q) instead",
                    def_.info.id));
  }
  // Saturated liquid or vapour carry cp, cv and w; a mixture has none, so skip them.
  if (Q == 0.0 || Q == 1.0) return two_phase_mix(saturation_at_T(T), Q);
  return two_phase_mix(saturation_light(T), Q);
}

State Fluid::at_p_Q(double p, double Q) const {
  if (!finite(Q) || Q < 0.0 || Q > 1.0) {
    throw InvalidInput(fmt::format("{}: Q = {} must lie between 0 and 1", def_.info.id, Q));
  }
  if (def_.superancillary && Q != 0.0 && Q != 1.0) {
    // Inside the dome only p, ρ, h, s, u of the saturated states count (as in at_T_Q).
    SaturationStates sat = saturation_light(superancillary_T_from_p(p));
    sat.liquid.p = sat.vapor.p = p;
    return two_phase_mix(sat, Q);
  }
  return two_phase_mix(saturation_at_p(p), Q);
}

}  // namespace heatlift::fluids
