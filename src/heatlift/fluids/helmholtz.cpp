#include "heatlift/fluids/helmholtz.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "heatlift/core/error.hpp"

namespace heatlift::fluids {
namespace {

constexpr int kMaxD = 16;
constexpr int kMaxL = 8;
constexpr int kMaxTauInt = 64;

inline void accumulate(AlphaDerivs& r, double f, double gd1, double gd2, double gt1, double gt2) {
  r.a += f;
  r.a_d += f * gd1;
  r.a_dd += f * (gd1 * gd1 + gd2);
  r.a_t += f * gt1;
  r.a_tt += f * (gt1 * gt1 + gt2);
  r.a_dt += f * gd1 * gt1;
}

// One non-analytic term n Δ^b δ ψ and its derivatives (IAPWS-95 release, table 5).
void add_nonanalytic(AlphaDerivs& r, double n, double a, double b, double beta, double A, double B,
                     double C, double D, double tau, double delta) {
  // The term is singular on δ = 1 (and at τ = 1); its derivatives have removable 0/0
  // forms there. Step off by a few ulps, as the equation's authors recommend.
  constexpr double kNudge = 10.0 * std::numeric_limits<double>::epsilon();
  if (std::fabs(delta - 1.0) < kNudge) delta = 1.0 + kNudge;
  if (std::fabs(tau - 1.0) < kNudge) tau = 1.0 + kNudge;
  const double dm1 = delta - 1.0;
  const double dm1sq = dm1 * dm1;
  const double tm1 = tau - 1.0;
  // Three pow() per term; the other powers of (δ−1)² and Δ follow by division.
  const double q_hb = std::pow(dm1sq, 1.0 / (2.0 * beta));  // [(δ−1)²]^(1/2β)
  const double q_a = std::pow(dm1sq, a);                    // [(δ−1)²]^a
  const double inv_q = 1.0 / dm1sq;
  const double theta = (1.0 - tau) + A * q_hb;
  const double Delta = theta * theta + B * q_a;
  const double psi = std::exp(-C * dm1sq - D * tm1 * tm1);

  const double pow_hb = q_hb * inv_q;  // [(δ−1)²]^(1/2β − 1)
  const double dDelta_dd = dm1 * (A * theta * 2.0 / beta * pow_hb + 2.0 * B * a * q_a * inv_q);
  const double d2Delta_dd2 =
      dDelta_dd / dm1 +
      dm1sq * (4.0 * B * a * (a - 1.0) * q_a * inv_q * inv_q +
               2.0 * A * A / (beta * beta) * pow_hb * pow_hb +
               A * theta * 4.0 / beta * (1.0 / (2.0 * beta) - 1.0) * pow_hb * inv_q);

  const double Db = std::pow(Delta, b);
  const double Db1 = Db / Delta;
  const double Db2 = Db1 / Delta;
  const double Db_d = b * Db1 * dDelta_dd;
  const double Db_dd = b * (Db1 * d2Delta_dd2 + (b - 1.0) * Db2 * dDelta_dd * dDelta_dd);
  const double Db_t = -2.0 * theta * b * Db1;
  const double Db_tt = 2.0 * b * Db1 + 4.0 * theta * theta * b * (b - 1.0) * Db2;
  const double Db_dt =
      -A * b * 2.0 / beta * Db1 * dm1 * pow_hb - 2.0 * theta * b * (b - 1.0) * Db2 * dDelta_dd;

  const double psi_d = -2.0 * C * dm1 * psi;
  const double psi_dd = (2.0 * C * dm1sq - 1.0) * 2.0 * C * psi;
  const double psi_t = -2.0 * D * tm1 * psi;
  const double psi_tt = (2.0 * D * tm1 * tm1 - 1.0) * 2.0 * D * psi;
  const double psi_dt = 4.0 * C * D * dm1 * tm1 * psi;

  r.a += n * Db * delta * psi;
  r.a_d += n * (Db * (psi + delta * psi_d) + Db_d * delta * psi);
  r.a_dd += n * (Db * (2.0 * psi_d + delta * psi_dd) + 2.0 * Db_d * (psi + delta * psi_d) +
                 Db_dd * delta * psi);
  r.a_t += n * delta * (Db_t * psi + Db * psi_t);
  r.a_tt += n * delta * (Db_tt * psi + 2.0 * Db_t * psi_t + Db * psi_tt);
  r.a_dt += n * (Db * (psi_t + delta * psi_dt) + delta * Db_d * psi_t +
                 Db_t * (psi + delta * psi_d) + Db_dt * delta * psi);
}

template <typename T>
void require_same_size(const std::vector<T>& v, std::size_t n, const char* what) {
  if (v.size() != n) {
    throw InvalidInput(fmt::format("Helmholtz {} terms: arrays of different length ({} vs {})",
                                   what, v.size(), n));
  }
}

}  // namespace

ResidualHelmholtz::ResidualHelmholtz(PowerTerms power, GaussianTerms gaussian, GaoBTerms gao,
                                     NonAnalyticTerms nonanalytic)
    : power_(std::move(power)),
      gauss_(std::move(gaussian)),
      gao_(std::move(gao)),
      na_(std::move(nonanalytic)) {
  const std::size_t np = power_.n.size();
  require_same_size(power_.t, np, "power");
  require_same_size(power_.d, np, "power");
  require_same_size(power_.l, np, "power");
  const std::size_t ng = gauss_.n.size();
  for (const auto* v : {&gauss_.t, &gauss_.eta, &gauss_.epsilon, &gauss_.beta, &gauss_.gamma}) {
    require_same_size(*v, ng, "Gaussian");
  }
  require_same_size(gauss_.d, ng, "Gaussian");
  const std::size_t nb = gao_.n.size();
  for (const auto* v : {&gao_.t, &gao_.eta, &gao_.beta, &gao_.gamma, &gao_.epsilon, &gao_.b}) {
    require_same_size(*v, nb, "GaoB");
  }
  require_same_size(gao_.d, nb, "GaoB");
  const std::size_t nn = na_.n.size();
  for (const auto* v : {&na_.a, &na_.b, &na_.beta, &na_.A, &na_.B, &na_.C, &na_.D}) {
    require_same_size(*v, nn, "non-analytic");
  }
  if (np + ng + nb > kMaxSeparable) {
    throw NotSupported(fmt::format("equation with {} separable terms; at most {} supported",
                                   np + ng + nb, kMaxSeparable));
  }
  for (int d : power_.d) max_d_ = std::max(max_d_, d);
  for (int d : gauss_.d) max_d_ = std::max(max_d_, d);
  for (int d : gao_.d) max_d_ = std::max(max_d_, d);
  for (int l : power_.l) max_l_ = std::max(max_l_, l);
  auto eighths = [this](double t) {
    const double k = std::round(8.0 * t);
    if (std::fabs(8.0 * t - k) > 1e-12 || k < 0 || k > 8.0 * kMaxTauInt) return -1;
    any_t8_ = true;
    max_t_int_ = std::max(max_t_int_, static_cast<int>(k) / 8);
    return static_cast<int>(k);
  };
  for (double t : power_.t) t8_.push_back(eighths(t));
  power_d_.assign(power_.d.begin(), power_.d.end());
  power_l_.assign(power_.l.begin(), power_.l.end());
  for (double t : gauss_.t) t8_.push_back(eighths(t));
  for (double t : gao_.t) t8_.push_back(eighths(t));
  const auto negative = [](const std::vector<int>& v) {
    return std::any_of(v.begin(), v.end(), [](int x) { return x < 0; });
  };
  if (max_d_ >= kMaxD || max_l_ >= kMaxL || negative(power_.d) || negative(power_.l) ||
      negative(gauss_.d) || negative(gao_.d)) {
    throw NotSupported(
        fmt::format("density exponents d must lie in 0..{} and l in 0..{}", kMaxD - 1, kMaxL - 1));
  }
}

std::size_t ResidualHelmholtz::term_count() const {
  return power_.n.size() + gauss_.n.size() + gao_.n.size() + na_.n.size();
}

void ResidualHelmholtz::prepare(double tau, TauCache& c) const {
  c.tau = tau;
  const double lt = std::log(tau);
  const double inv_t = 1.0 / tau;
  // τ^(j/8), j = 0..7, and τ^n, n = 0..max: products of these replace exp(t ln τ).
  double frac[8];
  double whole[kMaxTauInt + 1];
  if (any_t8_) {
    const double r8 = std::sqrt(std::sqrt(std::sqrt(tau)));
    frac[0] = 1.0;
    for (int j = 1; j < 8; ++j) frac[j] = frac[j - 1] * r8;
    whole[0] = 1.0;
    for (int n = 1; n <= max_t_int_; ++n) whole[n] = whole[n - 1] * tau;
  }
  auto tau_pow = [&](std::size_t k, double t) {
    const int e = t8_[k];
    return e >= 0 ? whole[e >> 3] * frac[e & 7] : std::exp(t * lt);
  };
  std::size_t k = 0;
  for (std::size_t i = 0; i < power_.n.size(); ++i, ++k) {
    const double t = power_.t[i];
    c.f[k] = power_.n[i] * tau_pow(k, t);
    c.g1[k] = t * inv_t;
    c.g2[k] = -t * inv_t * inv_t;
  }
  for (std::size_t i = 0; i < gauss_.n.size(); ++i, ++k) {
    const double t = gauss_.t[i];
    const double e = tau - gauss_.gamma[i];
    c.f[k] = gauss_.n[i] * tau_pow(k, t) * std::exp(-gauss_.beta[i] * e * e);
    c.g1[k] = t * inv_t - 2.0 * gauss_.beta[i] * e;
    c.g2[k] = -t * inv_t * inv_t - 2.0 * gauss_.beta[i];
  }
  for (std::size_t i = 0; i < gao_.n.size(); ++i, ++k) {
    const double t = gao_.t[i];
    const double e = tau - gao_.gamma[i];
    const double q = gao_.b[i] + gao_.beta[i] * e * e;
    const double q1 = 2.0 * gao_.beta[i] * e;
    c.f[k] = gao_.n[i] * tau_pow(k, t) * std::exp(1.0 / q);
    c.g1[k] = t * inv_t - q1 / (q * q);
    c.g2[k] = -t * inv_t * inv_t - 2.0 * gao_.beta[i] / (q * q) + 2.0 * q1 * q1 / (q * q * q);
  }
}

AlphaDerivs ResidualHelmholtz::evaluate(const TauCache& c, double delta) const {
  return evaluate_impl<true>(c, delta);
}

AlphaDerivs ResidualHelmholtz::evaluate_first(const TauCache& c, double delta) const {
  return evaluate_impl<false>(c, delta);
}

template <bool kSecond>
AlphaDerivs ResidualHelmholtz::evaluate_impl(const TauCache& c, double delta) const {
  AlphaDerivs r;
  double dpow[kMaxD];
  dpow[0] = 1.0;
  for (int k = 1; k <= max_d_; ++k) dpow[k] = dpow[k - 1] * delta;
  double dl[kMaxL], el[kMaxL];
  dl[0] = 0.0;
  el[0] = 1.0;
  double x = 1.0;
  for (int l = 1; l <= max_l_; ++l) {
    x *= delta;
    dl[l] = x;
    el[l] = std::exp(-x);
  }
  const double inv_d = 1.0 / delta;
  const double inv_d2 = inv_d * inv_d;
  auto add = [&r](double f, double gd1, double gd2, double gt1, double gt2) {
    if constexpr (kSecond) {
      accumulate(r, f, gd1, gd2, gt1, gt2);
    } else {
      r.a += f;
      r.a_d += f * gd1;
      r.a_t += f * gt1;
    }
  };
  std::size_t k = 0;
  const std::size_t np = power_.n.size();
  for (std::size_t i = 0; i < np; ++i, ++k) {
    const double d = power_d_[i];
    const int l = power_.l[i];
    const double ldl = power_l_[i] * dl[l];
    const double f = c.f[k] * dpow[power_.d[i]] * el[l];
    const double gd1 = (d - ldl) * inv_d;
    const double gd2 = kSecond ? (-d - (power_l_[i] - 1.0) * ldl) * inv_d2 : 0.0;
    add(f, gd1, gd2, c.g1[k], c.g2[k]);
  }
  for (std::size_t i = 0; i < gauss_.n.size(); ++i, ++k) {
    const int d = gauss_.d[i];
    const double e = delta - gauss_.epsilon[i];
    const double eta = gauss_.eta[i];
    const double f = c.f[k] * dpow[d] * std::exp(-eta * e * e);
    add(f, d * inv_d - 2.0 * eta * e, -d * inv_d2 - 2.0 * eta, c.g1[k], c.g2[k]);
  }
  for (std::size_t i = 0; i < gao_.n.size(); ++i, ++k) {
    const int d = gao_.d[i];
    const double e = delta - gao_.epsilon[i];
    const double eta = gao_.eta[i];
    const double f = c.f[k] * dpow[d] * std::exp(eta * e * e);
    add(f, d * inv_d + 2.0 * eta * e, -d * inv_d2 + 2.0 * eta, c.g1[k], c.g2[k]);
  }
  for (std::size_t i = 0; i < na_.n.size(); ++i) {
    add_nonanalytic(r, na_.n[i], na_.a[i], na_.b[i], na_.beta[i], na_.A[i], na_.B[i], na_.C[i],
                    na_.D[i], c.tau, delta);
  }
  return r;
}

AlphaDerivs ResidualHelmholtz::evaluate(double tau, double delta) const {
  TauCache c;
  prepare(tau, c);
  return evaluate(c, delta);
}

IdealHelmholtz::Value IdealHelmholtz::evaluate(double tau) const {
  const double lt = std::log(tau);
  Value v{a1 + a2 * tau + log_tau * lt, a2 + log_tau / tau, -log_tau / (tau * tau)};
  for (std::size_t i = 0; i < power_n.size(); ++i) {
    const double n = power_n[i], t = power_t[i];
    const double tp = std::exp(t * lt);
    v.a += n * tp;
    v.a_t += n * t * tp / tau;
    v.a_tt += n * t * (t - 1.0) * tp / (tau * tau);
  }
  for (const Planck& pe : planck) {
    const double x = std::exp(-pe.t * tau);
    v.a += pe.n * std::log1p(-x);
    v.a_t += pe.n * pe.t * x / (1.0 - x);
    v.a_tt += -pe.n * pe.t * pe.t * x / ((1.0 - x) * (1.0 - x));
  }
  for (const Cp0Poly& c : cp0) {
    const double tau0 = c.T_c / c.T_0;
    if (c.t == 0.0) {
      v.a += c.c - c.c * tau / tau0 + c.c * std::log(tau / tau0);
      v.a_t += -c.c / tau0 + c.c / tau;
      v.a_tt += -c.c / (tau * tau);
    } else {
      const double t = c.t;
      const double Tct = std::pow(c.T_c, t);
      v.a += -c.c * Tct * std::pow(tau, -t) / (t * (t + 1.0)) -
             c.c * std::pow(c.T_0, t + 1.0) * tau / (c.T_c * (t + 1.0)) +
             c.c * std::pow(c.T_0, t) / t;
      v.a_t += c.c * Tct * std::pow(tau, -t - 1.0) / (t + 1.0) -
               c.c * std::pow(c.T_0, t + 1.0) / (c.T_c * (t + 1.0));
      v.a_tt += -c.c * Tct * std::pow(tau, -t - 2.0);
    }
  }
  return v;
}

}  // namespace heatlift::fluids
