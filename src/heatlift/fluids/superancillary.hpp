// Saturation curves as functions of temperature.
//
// Superancillary: piecewise Chebyshev expansions of an equation of state's own phase
// equilibrium (Bell et al., fastchebpure, as embedded in each fluid file), exact to about
// 1e-12 from the triple point to the critical point; p_sat(T), ρ′(T), ρ″(T) and the
// inverse T_sat(p).
//
// Ancillary: the simple correlations each equation's authors publish for first guesses
// (and, for the pseudo-pure blends, as the definition of bubble and dew pressure).
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace heatlift::fluids {

/// Piecewise Chebyshev series on intervals that tile [x_min, x_max].
class ChebyshevCurve {
 public:
  struct Interval {
    double xmin, xmax;
    std::vector<double> coef;   ///< value series
    std::vector<double> dcoef;  ///< derivative series (with respect to the local variable)
  };
  ChebyshevCurve() = default;
  explicit ChebyshevCurve(std::vector<Interval> intervals);  // dcoef is filled here
  double x_min() const { return intervals_.front().xmin; }
  double x_max() const { return intervals_.back().xmax; }
  bool empty() const { return intervals_.empty(); }
  /// Value at x (x_min ≤ x ≤ x_max; the caller checks).
  double operator()(double x) const;
  /// Value in a given interval (from interval_index), for curves that share a tiling.
  double in_interval(std::size_t i, double x) const;
  /// Value and derivative dy/dx.
  double eval(double x, double& dydx) const;
  /// Value and derivative in a given interval.
  double eval_in_interval(std::size_t i, double x, double& dydx) const;
  std::size_t interval_index(double x) const;
  const std::vector<Interval>& intervals() const { return intervals_; }

 private:
  std::vector<Interval> intervals_;
};

class Superancillary {
 public:
  Superancillary(ChebyshevCurve p, ChebyshevCurve rho_liquid, ChebyshevCurve rho_vapor,
                 double T_crit, double rhomolar_crit);
  double T_min() const { return p_.x_min(); }
  double T_crit() const { return T_crit_; }
  double p_crit() const { return p_crit_; }
  double rhomolar_crit() const { return rhomolar_crit_; }
  double p(double T) const { return p_(T); }
  double rho_liquid(double T) const { return rhoL_(T); }  ///< mol/m3
  double rho_vapor(double T) const { return rhoV_(T); }   ///< mol/m3
  /// All three at once: one interval search when the curves share their tiling.
  void evaluate(double T, double& p, double& rho_liquid, double& rho_vapor) const;
  /// T with p_sat(T) = p, for p_min ≤ p ≤ p_crit (Newton on the series, safeguarded).
  double T_from_p(double p) const;
  double p_min() const { return p_min_; }
  /// True when p, ρ′ and ρ″ share one interval tiling (every shipped file).
  bool same_tiling() const { return same_tiling_; }
  const ChebyshevCurve& p_curve() const { return p_; }
  const ChebyshevCurve& rho_liquid_curve() const { return rhoL_; }
  const ChebyshevCurve& rho_vapor_curve() const { return rhoV_; }

 private:
  ChebyshevCurve p_, rhoL_, rhoV_;
  double T_crit_, rhomolar_crit_, p_crit_, p_min_;
  bool same_tiling_ = false;
  // For the inversion: p at each interval's xmin, and ln p at its xmin, middle and xmax.
  std::vector<double> p_at_interval_start_;
  std::vector<double> ln_p_start_, ln_p_mid_, ln_p_end_;
};

/// Saturated-state properties as functions of T from one set of piecewise Chebyshev series
/// on the superancillary's own tiling and degree: p, ρ′, ρ″ (the superancillary's series,
/// copied, so they give the same values bit for bit) and h′, h″, s′, s″, u′, u″ fitted to the
/// equation of state evaluated at the superancillary's densities. An interval is kept only
/// where the fit reproduces the equation to `tolerance` at points between its nodes; T in a
/// rejected interval answers "not here" and the caller evaluates the equation directly.
/// All nine series of an interval are summed together (Clenshaw, one lane per series).
class SaturationCurves {
 public:
  struct Values {
    double p;             ///< Pa
    double rho_l, rho_v;  ///< mol/m3
    double h_l, h_v;      ///< J/kg
    double s_l, s_v;      ///< J/(kg K)
    double u_l, u_v;      ///< J/kg
  };
  struct Caloric {
    double h_l, h_v, s_l, s_v, u_l, u_v;
  };
  /// h′, h″, s′, s″, u′, u″ of the equation at T and the given saturated densities (mol/m3).
  using Equation = std::function<Caloric(double T, double rho_l, double rho_v)>;
  struct Stats {
    std::size_t intervals = 0, kept = 0;
    double worst_h = 0.0;  ///< worst |Δh| / max(|h|, R T) over checked points of kept intervals
    double worst_s = 0.0;  ///< worst |Δs| / max(|s|, R)
    double worst_u = 0.0;  ///< worst |Δu| / max(|u|, R T)
    double build_seconds = 0.0;
  };

  /// Fits the series; `sa` must have same_tiling(). R in J/(kg K) sets the error scales.
  SaturationCurves(const Superancillary& sa, const Equation& equation, double R, double tolerance);

  /// The values at T, or false when T lies outside the tiling or in a rejected interval.
  bool evaluate(double T, Values& out) const;
  const Stats& stats() const { return stats_; }

 private:
  static constexpr std::size_t kLanes = 10;  // p, ρ′, ρ″, h′, h″, s′, s″, u′, u″, unused
  void evaluate_interval(std::size_t i, double T, Values& out) const;
  std::vector<double> xmax_;  // interval ends, for the search
  std::vector<double> xmin_;
  std::vector<unsigned char> kept_;
  std::vector<double> coef_;  // interval i, order k, lane j at (i * terms_ + k) * kLanes + j
  std::size_t terms_ = 0;     // series length (degree + 1), the same for every interval
  Stats stats_;
};

/// One published ancillary equation in reduced temperature θ = 1 − T/T_r.
struct Ancillary {
  enum class Kind { pressure, rho_liquid_noexp, rho_liquid_exp, rho_vapor };
  Kind kind = Kind::pressure;
  double T_r = 0.0;
  double reducing_value = 0.0;
  std::vector<double> n, t;
  bool using_tau_r = false;
  double T_min = 0.0, T_max = 0.0;

  double operator()(double T) const;
  /// T in [T_min, T_max] with value(T) = y (monotone pressure curves only).
  double invert(double y) const;
};

}  // namespace heatlift::fluids
