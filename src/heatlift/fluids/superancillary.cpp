#include "heatlift/fluids/superancillary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

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

// Chebyshev–Lobatto nodes u_j = cos(πj/n), j = 0..n, and, for the check, points a third, a
// half and two thirds of the way between them (in angle), where an interpolant's error peaks.
void lobatto_nodes(std::size_t n, std::vector<double>& node, std::vector<double>& check) {
  node.resize(n + 1);
  for (std::size_t j = 0; j <= n; ++j) node[j] = std::cos(std::numbers::pi * j / n);
  for (std::size_t j = 0; j < n; ++j) {
    for (double f : {1.0 / 3.0, 0.5, 2.0 / 3.0}) {
      check.push_back(std::cos(std::numbers::pi * (j + f) / n));
    }
  }
}

// Solves A x = rhs for nr right-hand sides at once (A: m × m, row-major; rhs: m × nr),
// leaving x in rhs: Gaussian elimination with partial pivoting (13 × 13 at near-Chebyshev
// nodes: well posed), then back substitution.
void solve_dense(std::vector<double>& A, std::vector<double>& rhs, std::size_t m, std::size_t nr) {
  for (std::size_t col = 0; col < m; ++col) {
    std::size_t piv = col;
    for (std::size_t r = col + 1; r < m; ++r) {
      if (std::fabs(A[r * m + col]) > std::fabs(A[piv * m + col])) piv = r;
    }
    if (piv != col) {
      for (std::size_t k = 0; k < m; ++k) std::swap(A[col * m + k], A[piv * m + k]);
      for (std::size_t q = 0; q < nr; ++q) std::swap(rhs[col * nr + q], rhs[piv * nr + q]);
    }
    for (std::size_t r = col + 1; r < m; ++r) {
      const double l = A[r * m + col] / A[col * m + col];
      for (std::size_t k = col; k < m; ++k) A[r * m + k] -= l * A[col * m + k];
      for (std::size_t q = 0; q < nr; ++q) rhs[r * nr + q] -= l * rhs[col * nr + q];
    }
  }
  for (std::size_t col = m; col-- > 0;) {
    for (std::size_t q = 0; q < nr; ++q) {
      double sum = rhs[col * nr + q];
      for (std::size_t k = col + 1; k < m; ++k) sum -= A[col * m + k] * rhs[k * nr + q];
      rhs[col * nr + q] = sum / A[col * m + col];
    }
  }
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
    // d/du Σ c_k T_k(u) = Σ c'_k T_k(u): c'_{n-1} = 2n c_n, c'_{k-1} = c'_{k+1}
    // + 2k c_k.
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
  // The interval whose pressure range holds p, then Newton in T from a close
  // guess: 1/T quadratic in ln p through the interval's ends and middle (ln p
  // is nearly linear in 1/T, Clausius–Clapeyron), so that two series
  // evaluations usually suffice.
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
    // The series of the interval T lies in (interval_index's choice; an end
    // point belongs to the interval below it).
    const std::size_t k = T > ivs[i].xmin && T <= ivs[i].xmax ? i : p_.interval_index(T);
    const double f = p_.eval_in_interval(k, T, dpdT) - p;
    if (f == 0.0) return T;
    if (f > 0) {
      hi = T;
    } else {
      lo = T;
    }
    double next = T - f / dpdT;
    // Converged: test before the bracket, which a root approached from above
    // would reject. A Newton step of ≤ 1e-9·T leaves an error of order
    // (p''/p')·step² ≲ 1e-16·T: the step's end is the root to rounding.
    if (std::fabs(next - T) <= 1e-9 * T || std::fabs(f) <= 1e-15 * p) return next;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    T = next;
  }
  return T;
}

SaturationCurves::SaturationCurves(const Superancillary& sa, const Equation& equation, double R,
                                   double tolerance) {
  const auto start = std::chrono::steady_clock::now();
  if (!sa.same_tiling()) {
    throw InvalidInput("saturation curves need p, rho' and rho'' on one tiling");
  }
  const ChebyshevCurve* given[3] = {&sa.p_curve(), &sa.rho_liquid_curve(), &sa.rho_vapor_curve()};
  const auto& ivs = sa.p_curve().intervals();
  const std::size_t n_iv = ivs.size();
  for (const ChebyshevCurve* c : given) {
    for (const auto& iv : c->intervals()) terms_ = std::max(terms_, iv.coef.size());
  }
  if (terms_ < 2) throw InvalidInput("saturation curves need series of degree 1 or more");
  const std::size_t n = terms_ - 1;  // the degree of the fitted series
  coef_.assign(n_iv * terms_ * kLanes, 0.0);
  kept_.assign(n_iv, 0);
  stats_.intervals = n_iv;

  // Chebyshev–Lobatto nodes and the points between them the fit is checked at.
  std::vector<double> node, check;
  lobatto_nodes(n, node, check);

  const auto member = std::array{&Caloric::h_l, &Caloric::h_v, &Caloric::s_l,
                                 &Caloric::s_v, &Caloric::u_l, &Caloric::u_v};
  const std::size_t m = n + 1, nr = member.size();
  std::vector<double> A(m * m), rhs(m * nr);
  for (std::size_t i = 0; i < n_iv; ++i) {
    const double a = ivs[i].xmin, b = ivs[i].xmax;
    xmin_.push_back(a);
    xmax_.push_back(b);
    double* c = coef_.data() + i * terms_ * kLanes;
    for (std::size_t lane = 0; lane < 3; ++lane) {
      const auto& src = given[lane]->intervals()[i].coef;
      for (std::size_t k = 0; k < src.size(); ++k) c[k * kLanes + lane] = src[k];
    }
    auto T_at = [a, b](double u) { return 0.5 * ((b + a) + u * (b - a)); };
    auto direct = [&](double T) {
      return equation(T, sa.rho_liquid_curve().in_interval(i, T),
                      sa.rho_vapor_curve().in_interval(i, T));
    };
    // Interpolate at the nodes' temperatures, each at the local variable u that
    // evaluation will compute from that T. Near the critical point an interval
    // is ~1e-5 K wide and T's rounding moves u by ~1e-8 off the exact node,
    // which the ρ series (and so h, s, u) already feel; solving for the
    // coefficients at the actual u keeps the fit on the equation there.
    for (std::size_t j = 0; j < m; ++j) {
      const double T = T_at(node[j]);
      const double u = (2.0 * T - (b + a)) / (b - a);  // as evaluate_interval computes it
      double* row = A.data() + j * m;
      row[0] = 1.0;
      row[1] = u;
      for (std::size_t k = 2; k < m; ++k) row[k] = 2.0 * u * row[k - 1] - row[k - 2];
      const Caloric f = direct(T);
      for (std::size_t q = 0; q < nr; ++q) rhs[j * nr + q] = f.*member[q];
    }
    solve_dense(A, rhs, m, nr);
    for (std::size_t k = 0; k < m; ++k) {
      for (std::size_t q = 0; q < nr; ++q) c[k * kLanes + 3 + q] = rhs[k * nr + q];
    }
    // Check between the nodes against the equation itself.
    double worst_h = 0.0, worst_s = 0.0, worst_u = 0.0;
    auto dev = [](double got, double ref, double floor) {
      return std::fabs(got - ref) / std::max(std::fabs(ref), floor);
    };
    for (double u : check) {
      const double T = T_at(u);
      const Caloric ref = direct(T);
      Values got;
      evaluate_interval(i, T, got);
      worst_h = std::max({worst_h, dev(got.h_l, ref.h_l, R * T), dev(got.h_v, ref.h_v, R * T)});
      worst_s = std::max({worst_s, dev(got.s_l, ref.s_l, R), dev(got.s_v, ref.s_v, R)});
      worst_u = std::max({worst_u, dev(got.u_l, ref.u_l, R * T), dev(got.u_v, ref.u_v, R * T)});
    }
    // Written so that a NaN rejects the interval.
    if (worst_h <= tolerance && worst_s <= tolerance && worst_u <= tolerance) {
      kept_[i] = 1;
      ++stats_.kept;
      stats_.worst_h = std::max(stats_.worst_h, worst_h);
      stats_.worst_s = std::max(stats_.worst_s, worst_s);
      stats_.worst_u = std::max(stats_.worst_u, worst_u);
    }
  }
  stats_.build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void SaturationCurves::evaluate_interval(std::size_t i, double T, Values& out) const {
  // Clenshaw in all lanes at once, each lane in exactly the order of the scalar
  // clenshaw(): p, ρ′ and ρ″ come out bit for bit as the superancillary's own.
  const double u = (2.0 * T - (xmax_[i] + xmin_[i])) / (xmax_[i] - xmin_[i]);
  const double* c = coef_.data() + i * terms_ * kLanes;
  double b1[kLanes] = {}, b2[kLanes] = {};
  for (std::size_t k = terms_; k-- > 1;) {
    const double* ck = c + k * kLanes;
    for (std::size_t j = 0; j < kLanes; ++j) {
      const double b0 = 2.0 * u * b1[j] - b2[j] + ck[j];
      b2[j] = b1[j];
      b1[j] = b0;
    }
  }
  double r[kLanes];
  for (std::size_t j = 0; j < kLanes; ++j) r[j] = u * b1[j] - b2[j] + c[j];
  out = {r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]};
}

bool SaturationCurves::evaluate(double T, Values& out) const {
  if (!(T >= xmin_.front() && T <= xmax_.back())) return false;
  // The interval search of ChebyshevCurve::interval_index: the first with xmax
  // ≥ T.
  const std::size_t i =
      static_cast<std::size_t>(std::lower_bound(xmax_.begin(), xmax_.end(), T) - xmax_.begin());
  if (!kept_[i]) return false;
  evaluate_interval(i, T, out);
  return true;
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
