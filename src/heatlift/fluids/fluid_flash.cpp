// Fluid's flashes from (p, h), (p, s) and (h, s): a safeguarded Newton on T at the given
// pressure (the dome answered from the saturated states first), then Newton in (T, ρ)
// together; (h, s) searches the pressure along the isentrope.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/fluid.hpp"
#include "heatlift/fluids/fluid_internal.hpp"

namespace heatlift::fluids {

using namespace detail;

State Fluid::at_p_h(double p, double h) const {
  return flash_p_y(p, h, false);
}
State Fluid::at_p_s(double p, double s) const {
  return flash_p_y(p, s, true);
}

State Fluid::flash_p_y(double p, double y, bool entropy) const {
  const FluidInfo& in = def_.info;
  const char* name = entropy ? "s" : "h";
  p = check_p(p, "p");
  if (!finite(y))
    throw InvalidInput(fmt::format("{}: {} = {} is not a finite number", in.id, name, y));
  FlashStart start{0.0, in.T_triple, in.T_max, -1};
  if (std::optional<State> saturated = flash_dome(p, y, entropy, start)) return *saturated;
  return flash_newton(p, y, entropy, start);
}

std::optional<State> Fluid::flash_dome(double p, double y, bool entropy, FlashStart& start) const {
  const FluidInfo& in = def_.info;
  auto value = [entropy](const State& s) { return entropy ? s.s : s.h; };
  double& T_lo = start.T_lo;
  double& T_hi = start.T_hi;
  double& T = start.T;
  int& branch = start.branch;
  const bool subcritical = p < in.p_crit;
  const double p_lowest = def_.superancillary ? def_.superancillary->p_min()
                          : in.pseudo_pure    ? std::max((*def_.p_bubble)(def_.p_bubble->T_min),
                                                         (*def_.p_dew)(def_.p_dew->T_min))
                                              : in.p_triple;
  if (subcritical && p >= p_lowest) {
    SaturationStates sat = def_.superancillary ? saturation_light(def_.superancillary->T_from_p(p))
                                               : saturation_at_p(p);
    sat.liquid.p = sat.vapor.p = p;
    double yl = value(sat.liquid), yv = value(sat.vapor);
    // The light states come from the saturation curves, equal to the equation's to ~5e-13 of
    // |y|. Near the dome's edges that could put a saturated input (from saturation_at_T) a
    // hair inside the dome instead of on its edge, and at low pressure a quality of 1e-15
    // moves ρ by 1e-5. There, and outside the dome (the slopes need cp), take the equation's
    // saturated states, with their cp.
    const double scale =
        std::max({std::fabs(yl), std::fabs(yv), entropy ? R_mass_ : R_mass_ * sat.liquid.T});
    const double band = 1e-9 * (yv - yl) + 1e-11 * scale;
    if (!sat.liquid.cp && !(y > yl + band && y < yv - band)) {
      sat = saturation_at_T(sat.liquid.T);
      sat.liquid.p = sat.vapor.p = p;
      yl = value(sat.liquid);
      yv = value(sat.vapor);
    }
    if (y >= yl && y <= yv) return two_phase_mix(sat, (y - yl) / (yv - yl));
    // A hair outside the dome (rounding of the caller's saturated value): the saturated state.
    const double tol = 1e-10 * (yv - yl);
    const bool near_liquid = y < yl && y >= yl - tol, near_vapor = y > yv && y <= yv + tol;
    if (near_liquid) return sat.liquid;
    if (near_vapor) return sat.vapor;
    if (y < yl) {
      branch = 0;
      T_hi = sat.liquid.T;
      const double slope = entropy ? *sat.liquid.cp / sat.liquid.T : *sat.liquid.cp;
      T = sat.liquid.T - (yl - y) / slope;
    } else {
      branch = 1;
      T_lo = sat.vapor.T;
      const double slope = entropy ? *sat.vapor.cp / sat.vapor.T : *sat.vapor.cp;
      T = sat.vapor.T + (y - yv) / slope;
    }
  } else {
    if (subcritical) branch = 1;  // below the triple-point pressure only vapour exists
    T = std::clamp(in.T_crit, T_lo, T_hi);
  }
  return std::nullopt;
}

State Fluid::flash_newton(double p, double y, bool entropy, const FlashStart& start) const {
  const FluidInfo& in = def_.info;
  const char* name = entropy ? "s" : "h";
  auto value = [entropy](const State& s) { return entropy ? s.s : s.h; };
  double T_lo = start.T_lo, T_hi = start.T_hi, T = start.T;
  const int branch = start.branch;
  // Safeguarded Newton on T: d h/dT|p = cp, d s/dT|p = cp/T.
  bool lo_known = false, hi_known = false;
  double last_F = kInf;
  const double T_lo0 = T_lo, T_hi0 = T_hi;
  if (!(T > T_lo && T < T_hi)) T = 0.5 * (T_lo + T_hi);
  bool polished = false;
  // y beyond the equation's range: the state at the limit it lies past, within rounding, or
  // the error saying so.
  const auto at_limit = [&](bool below) -> State {
    const State edge = at_T_p_branch(below ? T_lo0 : T_hi0, p, branch);
    if (std::fabs(value(edge) - y) <= 1e-12 * std::max(std::fabs(y), R_mass_ * in.T_crit))
      return edge;
    throw OutOfRange(
        fmt::format("{}: {} = {:.8g} at p = {:.6g} Pa is {} what the equation covers between {} K "
                    "and {} K",
                    in.id, name, y, p, below ? "below" : "above", T_lo0, T_hi0));
  };
  bool limit_checked = false;
  for (int iter = 0; iter < 100; ++iter) {
    const State s = at_T_p_branch(T, p, branch);
    const double F = value(s) - y;
    last_F = F;
    if (F == 0.0) return s;
    if (!polished && std::fabs(F / (entropy ? *s.cp / T : *s.cp)) < 0.05 * T) {
      // Close enough for Newton in (T, ρ) together: one equation evaluation per step instead
      // of a density solve per step. Falls back to this loop if it leaves the branch.
      polished = true;
      if (auto done = newton_T_rho(p, y, entropy, T, s.rho, T_lo, T_hi, branch)) return *done;
    }
    if (F < 0) {
      T_lo = T;
      lo_known = true;
    } else {
      T_hi = T;
      hi_known = true;
    }
    const double slope = entropy ? *s.cp / T : *s.cp;
    double next = T - F / slope;
    if (!limit_checked && !hi_known && !(next < T_hi0)) {
      // Newton points past the equation's upper limit with no bracket above: if y lies
      // beyond it (a compression ending hotter than the equation goes), say so now rather
      // than after bisecting onto it (some 40 density solves, the same answer). Otherwise,
      // or when the limit has no state on this branch, carry on exactly as before.
      limit_checked = true;
      bool beyond = false;
      try {
        beyond = value(at_T_p_branch(T_hi0, p, branch)) < y;
      } catch (const Error&) {
      }
      if (beyond) return at_limit(false);
    }
    if (!(next > T_lo && next < T_hi)) next = 0.5 * (T_lo + T_hi);
    if (std::fabs(next - T) <= 1e-13 * T) {
      return std::fabs(next - T) == 0.0 ? s : at_T_p_branch(next, p, branch);
    }
    if (T_hi - T_lo <= 1e-12 * T_hi) {
      // The bracket collapsed onto a limit of the equation without reaching y.
      if (!hi_known || !lo_known) break;
    }
    T = next;
  }
  if (!lo_known || !hi_known) {
    // The answer may sit on the limit itself (e.g. T_max); accept it within rounding.
    return at_limit(!lo_known);
  }
  throw NoConvergence(
      fmt::format("{}: ({}, p) flash did not converge at p = {} Pa, {} = {} (last T = {} K)", in.id,
                  name, p, name, y, T),
      T, last_F, 100);
}

std::optional<State> Fluid::newton_T_rho(double p, double y, bool entropy, double T, double rho,
                                         double T_lo, double T_hi, int branch) const {
  const double M = def_.info.molar_mass;
  const double R = R_mass_;
  const double rr = def_.rhomolar_reducing;
  ResidualHelmholtz::TauCache cache;
  for (int iter = 0; iter < 20; ++iter) {
    const double tau = def_.T_reducing / T;
    def_.residual.prepare(tau, cache);
    const IdealHelmholtz::Value a0 = def_.ideal.evaluate(tau);
    const double delta = rho / M / rr;
    const AlphaDerivs ar = def_.residual.evaluate(cache, delta);
    const double pc = rho * R * T * (1.0 + delta * ar.a_d);
    const Caloric cal = caloric(R, T, tau, delta, a0, ar);
    const double yc = entropy ? cal.s : cal.h;
    const double cv = -R * tau * tau * (a0.a_tt + ar.a_tt);
    const double dp_drho = R * T * (1.0 + 2.0 * delta * ar.a_d + delta * delta * ar.a_dd);
    const double dp_dT = rho * R * (1.0 + delta * ar.a_d - delta * tau * ar.a_dt);
    if (!(dp_drho > 0) || !(cv > 0)) return std::nullopt;  // left the stable single-phase branch
    double dy_dT, dy_drho;
    if (entropy) {
      dy_dT = cv / T;
      dy_drho = -dp_dT / (rho * rho);
    } else {
      dy_dT = cv + dp_dT / rho;
      dy_drho = (dp_drho - T * dp_dT / rho) / rho;
    }
    const double r1 = pc - p, r2 = yc - y;
    const double det = dp_dT * dy_drho - dp_drho * dy_dT;
    if (det == 0.0 || !finite(det)) return std::nullopt;
    const double dT = -(r1 * dy_drho - r2 * dp_drho) / det;
    const double drho = -(dp_dT * r2 - dy_dT * r1) / det;
    const double T_new = T + dT, rho_new = rho + drho;
    if (!(T_new >= T_lo && T_new <= T_hi) || !(rho_new > 0) || !finite(rho_new))
      return std::nullopt;
    T = T_new;
    rho = rho_new;
    if (std::fabs(dT) <= 1e-13 * T && std::fabs(drho) <= 1e-13 * rho) {
      def_.residual.prepare(def_.T_reducing / T, cache);
      State s = single_phase(cache, T, rho / M);
      // Stay on the branch the caller chose (liquid below, vapour above saturation) and
      // reproduce both inputs.
      if (std::fabs(s.p - p) > 1e-9 * p) return std::nullopt;
      if ((branch == 0 && s.rho < def_.info.rho_crit) ||
          (branch == 1 && s.rho > def_.info.rho_crit)) {
        return std::nullopt;
      }
      const double got = entropy ? s.s : s.h;
      if (std::fabs(got - y) > 1e-9 * std::max(std::fabs(y), R_mass_ * def_.info.T_crit))
        return std::nullopt;
      s.p = p;
      if (T < def_.info.T_crit && p < def_.info.p_crit) {
        s.phase = s.rho >= def_.info.rho_crit ? Phase::liquid : Phase::gas;
      }
      return s;
    }
  }
  return std::nullopt;
}

State Fluid::at_h_s(double h, double s) const {
  const FluidInfo& in = def_.info;
  if (!finite(h) || !finite(s)) {
    throw InvalidInput(fmt::format("{}: h = {}, s = {} must be finite numbers", in.id, h, s));
  }
  // Outer 1-D search in ln p: along an isentrope h rises with p (dh = v dp), so h(p, s) − h
  // is monotone. Where the isentrope leaves the equation's temperature range the residual
  // is ±inf by the side it leaves on (hotter than T_max: too high).
  const double p_lowest = std::max(in.p_triple, 1.0);
  // exp(ln p) may round a hair outside [p_lowest, p_max]; both ends belong to the range.
  auto pressure = [&](double lnp) { return std::clamp(std::exp(lnp), p_lowest, in.p_max); };
  auto residual = [&](double lnp) {
    const double p = pressure(lnp);
    try {
      return at_p_s(p, s).h - h;
    } catch (const OutOfRange&) {
      return s > at_T_p(in.T_max, p).s ? kInf : -kInf;
    }
  };
  double lo = std::log(p_lowest), hi = std::log(in.p_max);
  double flo = residual(lo), fhi = residual(hi);
  // A state on the range's edge (at p_max, or the lowest pressure) leaves a residual of
  // rounding there: it is in the range.
  const double tolerance = 1e-12 * std::max(std::fabs(h), R_mass_ * in.T_crit);
  if (std::fabs(fhi) <= tolerance) return at_p_s(in.p_max, s);
  if (std::fabs(flo) <= tolerance) return at_p_s(p_lowest, s);
  if (flo > 0 || fhi < 0) {
    throw OutOfRange(
        fmt::format("{}: no state with h = {} J/kg and s = {} J/(kg K) between p = {:.4g} Pa and "
                    "p_max = {:.4g} Pa",
                    in.id, h, s, p_lowest, in.p_max));
  }
  for (int iter = 0; iter < 300 && hi - lo > 1e-13 * std::fabs(hi); ++iter) {
    // Illinois regula falsi while both ends are finite, bisection otherwise.
    const double mid =
        finite(flo) && finite(fhi) ? hi - fhi * (hi - lo) / (fhi - flo) : 0.5 * (lo + hi);
    const double fm = residual(mid);
    if (fm == 0.0) return at_p_s(pressure(mid), s);
    if (fm < 0) {
      lo = mid;
      flo = fm;
      if (finite(fhi)) fhi *= 0.5;
    } else {
      hi = mid;
      fhi = fm;
      if (finite(flo)) flo *= 0.5;
    }
  }
  // On T_max (or T_triple) the isentrope leaves the range: at_p_s takes a pressure a rounding
  // past the answer as beyond the equation. The bracket is within 1e-13 in ln p of the
  // answer, so its other end stands for it.
  const double ends[] = {0.5 * (lo + hi), lo, hi};
  for (std::size_t i = 0;; ++i) {
    try {
      return at_p_s(pressure(ends[i]), s);
    } catch (const OutOfRange&) {
      if (i + 1 == std::size(ends)) throw;
    }
  }
}

}  // namespace heatlift::fluids
