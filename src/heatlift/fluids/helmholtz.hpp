// The reduced Helmholtz energy a/(RT) = α⁰(τ, δ) + αʳ(τ, δ) of a multiparameter
// equation of state, with τ = T_r/T and δ = ρ/ρ_r, and its derivatives to second
// order in τ and δ — every term type the shipped equations use (data/fluids/README.md).
//
// Evaluation is split in a τ part and a δ part: every separable term (power, Gaussian,
// Gao) caches its τ factor once per temperature, so solvers that vary only the density
// at fixed temperature (the (T,p) flash, both phases of a saturation state) pay for
// one exp per term only once.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace heatlift::fluids {

/// Derivatives of a reduced Helmholtz energy: a_d = ∂α/∂δ, a_dt = ∂²α/∂δ∂τ, ...
struct AlphaDerivs {
  double a = 0.0;
  double a_d = 0.0;
  double a_t = 0.0;
  double a_dd = 0.0;
  double a_tt = 0.0;
  double a_dt = 0.0;
};

/// n δ^d τ^t exp(−δ^l) (l > 0), n δ^d τ^t (l = 0); d and l integers.
struct PowerTerms {
  std::vector<double> n, t;
  std::vector<int> d, l;
};
/// n δ^d τ^t exp(−η(δ−ε)² − β(τ−γ)²).
struct GaussianTerms {
  std::vector<double> n, t, eta, epsilon, beta, gamma;
  std::vector<int> d;
};
/// Gao et al. (2020, ammonia): n τ^t exp(1/(b + β(τ−γ)²)) δ^d exp(η(δ−ε)²).
struct GaoBTerms {
  std::vector<double> n, t, eta, beta, gamma, epsilon, b;
  std::vector<int> d;
};
/// IAPWS-95 / Span–Wagner non-analytic terms: n Δ^b δ ψ.
struct NonAnalyticTerms {
  std::vector<double> n, a, b, beta, A, B, C, D;
};

class ResidualHelmholtz {
 public:
  static constexpr std::size_t kMaxSeparable = 80;

  ResidualHelmholtz(PowerTerms power, GaussianTerms gaussian, GaoBTerms gao,
                    NonAnalyticTerms nonanalytic);

  /// Per-temperature factors of the separable terms.
  struct TauCache {
    double tau = 0.0;
    // Left uninitialised on purpose: prepare() writes every entry it uses.
    std::array<double, kMaxSeparable> f;   // τ factor including n
    std::array<double, kMaxSeparable> g1;  // ∂ ln(τ factor)/∂τ
    std::array<double, kMaxSeparable> g2;  // ∂² ln(τ factor)/∂τ²
  };
  void prepare(double tau, TauCache& cache) const;
  AlphaDerivs evaluate(const TauCache& cache, double delta) const;
  AlphaDerivs evaluate(double tau, double delta) const;
  /// Only a, a_d and a_t (what p, h, s and u need); the second derivatives are left 0.
  AlphaDerivs evaluate_first(const TauCache& cache, double delta) const;

  std::size_t term_count() const;

 private:
  PowerTerms power_;
  GaussianTerms gauss_;
  GaoBTerms gao_;
  NonAnalyticTerms na_;
  int max_d_ = 0;
  int max_l_ = 0;
  // τ^t of every separable term whose t is a multiple of 1/8 (most published equations):
  // k = 8t, else −1. Such powers come from a table of τ^(j/8) and integer powers, not exp().
  std::vector<int> t8_;
  std::vector<double> power_d_, power_l_;  // d and l of the power terms as doubles
  template <bool kSecond>
  AlphaDerivs evaluate_impl(const TauCache& cache, double delta) const;
  int max_t_int_ = 0;
  bool any_t8_ = false;
};

/// Ideal-gas part α⁰ without its ln δ: a, a_t, a_tt as functions of τ only.
/// (α⁰ = ln δ + this; ∂α⁰/∂δ = 1/δ, ∂²α⁰/∂δ² = −1/δ², mixed derivative 0.)
class IdealHelmholtz {
 public:
  struct Planck {  // n ln(1 − exp(−t τ))
    double n, t;
  };
  struct Cp0Poly {  // c_p⁰/R contribution c T^t integrated from T_0, at T_c
    double c, t, T_c, T_0;
  };
  double a1 = 0.0;  ///< constant (lead + offsets)
  double a2 = 0.0;  ///< coefficient of τ (lead + offsets)
  double log_tau = 0.0;
  std::vector<double> power_n, power_t;  ///< Σ n τ^t
  std::vector<Planck> planck;
  std::vector<Cp0Poly> cp0;

  struct Value {
    double a, a_t, a_tt;
  };
  Value evaluate(double tau) const;
};

}  // namespace heatlift::fluids
