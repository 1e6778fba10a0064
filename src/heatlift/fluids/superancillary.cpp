#include "heatlift/fluids/superancillary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/roots.hpp"

namespace heatlift::fluids {
namespace {

// Clenshaw summation of Σ c_k T_k(u).
inline double clenshaw(const std::vector<double>& c, double u) {
  double b1 = 0.0, b2 = 0.0;
  for (std::size_t k = c.size(); k-- > 1;) {
    const double b0 = 2.0 * u * b1 - b2 + c[k];
    b2 = b1;
    b1 = b0;
  }
  return u * b1 - b2 + c[0];
}

}  // namespace

ChebyshevCurve::ChebyshevCurve(std::vector<Interval> intervals) : intervals_(std::move(intervals)) {
  if (intervals_.empty()) throw InvalidInput("Chebyshev curve without intervals");
  for (std::size_t i = 0; i < intervals_.size(); ++i) {
    Interval& iv = intervals_[i];
    if (!(iv.xmax > iv.xmin) || iv.coef.empty()) {
      throw InvalidInput(fmt::format("Chebyshev interval #{} is empty or reversed", i));
    }
    if (i > 0 && std::fabs(iv.xmin - intervals_[i - 1].xmax) > 1e-9 * std::fabs(iv.xmin)) {
      throw InvalidInput(fmt::format("Chebyshev intervals #{} and #{} do not join", i - 1, i));
    }
    // d/du Σ c_k T_k(u) = Σ c'_k T_k(u): c'_{n-1} = 2n c_n, c'_{k-1} = c'_{k+1} + 2k c_k.
    const std::size_t n = iv.coef.size() - 1;
    iv.dcoef.assign(std::max<std::size_t>(n, 1), 0.0);
    if (n >= 1) {
      std::vector<double> d(n + 2, 0.0);
      for (std::size_t k = n; k >= 1; --k)
        d[k - 1] = d[k + 1] + 2.0 * static_cast<double>(k) * iv.coef[k];
      d[0] *= 0.5;
      for (std::size_t k = 0; k < n; ++k) iv.dcoef[k] = d[k];
    }
  }
}

std::size_t ChebyshevCurve::interval_index(double x) const {
  const auto it = std::lower_bound(intervals_.begin(), intervals_.end(), x,
                                   [](const Interval& iv, double v) { return iv.xmax < v; });
  if (it == intervals_.end()) return intervals_.size() - 1;
  return static_cast<std::size_t>(it - intervals_.begin());
}

double ChebyshevCurve::operator()(double x) const {
  const Interval& iv = intervals_[interval_index(x)];
  const double u = (2.0 * x - (iv.xmax + iv.xmin)) / (iv.xmax - iv.xmin);
  return clenshaw(iv.coef, u);
}

double ChebyshevCurve::in_interval(std::size_t i, double x) const {
  const Interval& iv = intervals_[i];
  const double u = (2.0 * x - (iv.xmax + iv.xmin)) / (iv.xmax - iv.xmin);
  return clenshaw(iv.coef, u);
}

double ChebyshevCurve::eval(double x, double& dydx) const {
  return eval_in_interval(interval_index(x), x, dydx);
}

double ChebyshevCurve::eval_in_interval(std::size_t i, double x, double& dydx) const {
  const Interval& iv = intervals_[i];
  const double u = (2.0 * x - (iv.xmax + iv.xmin)) / (iv.xmax - iv.xmin);
  dydx = clenshaw(iv.dcoef, u) * 2.0 / (iv.xmax - iv.xmin);
  return clenshaw(iv.coef, u);
}

Superancillary::Superancillary(ChebyshevCurve p, ChebyshevCurve rho_liquid,
                               ChebyshevCurve rho_vapor, double T_crit, double rhomolar_crit)
    : p_(std::move(p)),
      rhoL_(std::move(rho_liquid)),
      rhoV_(std::move(rho_vapor)),
      T_crit_(T_crit),
      rhomolar_crit_(rhomolar_crit) {
  p_crit_ = p_(p_.x_max());
  p_min_ = p_(p_.x_min());
  for (const auto& iv : p_.intervals()) {
    p_at_interval_start_.push_back(p_(iv.xmin));
    ln_p_start_.push_back(std::log(p_at_interval_start_.back()));
    ln_p_mid_.push_back(std::log(p_(0.5 * (iv.xmin + iv.xmax))));
  }
  ln_p_end_.assign(ln_p_start_.begin() + 1, ln_p_start_.end());
  ln_p_end_.push_back(std::log(p_crit_));
  auto same = [](const ChebyshevCurve& a, const ChebyshevCurve& b) {
    if (a.intervals().size() != b.intervals().size()) return false;
    for (std::size_t i = 0; i < a.intervals().size(); ++i) {
      if (a.intervals()[i].xmin != b.intervals()[i].xmin ||
          a.intervals()[i].xmax != b.intervals()[i].xmax) {
        return false;
      }
    }
    return true;
  };
  same_tiling_ = same(p_, rhoL_) && same(p_, rhoV_);
}

void Superancillary::evaluate(double T, double& p, double& rho_liquid, double& rho_vapor) const {
  if (!same_tiling_) {
    p = p_(T);
    rho_liquid = rhoL_(T);
    rho_vapor = rhoV_(T);
    return;
  }
  const std::size_t i = p_.interval_index(T);
  p = p_.in_interval(i, T);
  rho_liquid = rhoL_.in_interval(i, T);
  rho_vapor = rhoV_.in_interval(i, T);
}

double Superancillary::T_from_p(double p) const {
  // The interval whose pressure range holds p, then Newton in T from a close guess: 1/T
  // quadratic in ln p through the interval's ends and middle (ln p is nearly linear in 1/T,
  // Clausius–Clapeyron), so that two series evaluations usually suffice.
  const auto& ivs = p_.intervals();
  auto it = std::upper_bound(p_at_interval_start_.begin(), p_at_interval_start_.end(), p);
  std::size_t i = it == p_at_interval_start_.begin()
                      ? 0
                      : static_cast<std::size_t>(it - p_at_interval_start_.begin()) - 1;
  double lo = ivs[i].xmin, hi = ivs[i].xmax;
  const double y = std::log(p), y0 = ln_p_start_[i], ym = ln_p_mid_[i], y1 = ln_p_end_[i];
  const double x0 = 1.0 / lo, xm = 2.0 / (lo + hi), x1 = 1.0 / hi;
  const double d01 = (xm - x0) / (ym - y0), d12 = (x1 - xm) / (y1 - ym);
  const double x = x0 + (y - y0) * (d01 + (y - ym) * (d12 - d01) / (y1 - y0));
  double T = 1.0 / x;
  if (!(T > lo && T < hi)) T = 0.5 * (lo + hi);
  for (int iter = 0; iter < 50; ++iter) {
    double dpdT = 0.0;
    // The series of the interval T lies in (interval_index's choice; an end point belongs to
    // the interval below it).
    const std::size_t k = T > ivs[i].xmin && T <= ivs[i].xmax ? i : p_.interval_index(T);
    const double f = p_.eval_in_interval(k, T, dpdT) - p;
    if (f == 0.0) return T;
    if (f > 0) {
      hi = T;
    } else {
      lo = T;
    }
    double next = T - f / dpdT;
    // Converged: test before the bracket, which a root approached from above would reject.
    // A Newton step of ≤ 1e-9·T leaves an error of order (p''/p')·step² ≲ 1e-16·T: the step's
    // end is the root to rounding.
    if (std::fabs(next - T) <= 1e-9 * T || std::fabs(f) <= 1e-15 * p) return next;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    T = next;
  }
  return T;
}

double Ancillary::operator()(double T) const {
  const double theta = 1.0 - T / T_r;
  double sum = 0.0;
  for (std::size_t i = 0; i < n.size(); ++i) sum += n[i] * std::pow(theta, t[i]);
  switch (kind) {
    case Kind::rho_liquid_noexp: return reducing_value * (1.0 + sum);
    case Kind::rho_liquid_exp:
    case Kind::pressure:
    case Kind::rho_vapor:
      if (using_tau_r) sum *= T_r / T;
      return reducing_value * std::exp(sum);
  }
  return reducing_value;
}

double Ancillary::invert(double y) const {
  const auto r = core::find_root_bracketed([&](double T) { return (*this)(T)-y; }, T_min, T_max,
                                           {.x_rel = 1e-14, .max_iterations = 200});
  return core::require_converged(r, "ancillary inversion");
}

}  // namespace heatlift::fluids
