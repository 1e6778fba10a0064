// The fast backend: see tabulated.hpp for what is tabulated and how.
//
// The interpolation kernels here are our own rather than core::GridInterpolator2D: that one
// finds cells by binary search and takes node slopes from finite differences, while these
// tables are hot (every cycle iteration calls them) and need O(1) cell lookup on uniform
// axes in transformed coordinates and node derivatives taken from the equation of state
// (4th-order patches). bench/fluids_bench.cpp measures them.
#include "heatlift/fluids/tabulated.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "heatlift/core/error.hpp"

namespace heatlift::fluids {
namespace {

// ---------------------------------------------------------------------------------------
// Resolution. Chosen by measuring the error (tests/fluids/tabulated_test.cpp) against the
// build time; see the report in bench/RESULTS.md.
struct Resolution {
  int sat_T = 512;      // nodes of the saturation table over z = sqrt(1 − T/Tc)
  int sub_z = 128;      // nodes over z = sqrt(ln(pc/p)) of the subcritical single-phase tables
  int sat_P = 4;        // the saturation table by pressure has this many times finer a z grid
  int sup_z = 96;       // nodes over z = sqrt(ln(p/pc)) from pc to p_max (supercritical tables)
  int eta = 48;         // nodes across each single-phase region (normalised h or s)
  double band = 0.005;  // single-phase states with |p/pc − 1| below this go to Fluid
  double warp = 0.35;   // node spacing at the phase boundary relative to the mean spacing
};

Resolution resolution() {
  Resolution r;
  if (const char* env = std::getenv("HEATLIFT_TAB_RESOLUTION")) {  // development only
    std::sscanf(env, "%d,%d,%d,%d,%d,%lf,%lf", &r.sat_T, &r.sub_z, &r.sat_P, &r.sup_z, &r.eta,
                &r.band, &r.warp);
  }
  return r;
}

// The saturation tables end this far below Tc: 0.01 K for pure fluids (closer, the
// coexistence curve's non-analytic shape would need ever more nodes; Fluid answers there),
// 1 K for the pseudo-pure blends (whose ancillary bubble curve turns over just below Tc).
constexpr double kCritMargin = 0.01;
constexpr double kBlendMargin = 1.0;

// ---------------------------------------------------------------------------------------
// The equation of state at (T, ρ) with the first derivatives the tables need, evaluated
// from the reduced Helmholtz energy exactly as Fluid does (mass units).
struct Point {
  double T = 0, rho = 0, p = 0, h = 0, s = 0, cv = 0, cp = 0, w = 0;
  double PT = 0, Prho = 0;  // (∂p/∂T)_ρ, (∂p/∂ρ)_T
  double HT = 0, Hrho = 0;  // (∂h/∂T)_ρ, (∂h/∂ρ)_T
  double ST = 0, Srho = 0;  // (∂s/∂T)_ρ, (∂s/∂ρ)_T
  double x(int X) const { return X == 0 ? h : s; }
  double xT(int X) const { return X == 0 ? HT : ST; }
  double xrho(int X) const { return X == 0 ? Hrho : Srho; }
};

class Eos {
 public:
  explicit Eos(const Fluid& f)
      : f_(f),
        R_(f.info().gas_constant / f.info().molar_mass),
        Tr_(f.T_reducing()),
        rhor_(f.rho_reducing()) {}

  Point at(double T, double rho) const {
    const double tau = Tr_ / T, delta = rho / rhor_;
    const AlphaDerivs ar = f_.alpha_r(tau, delta);
    const IdealHelmholtz::Value a0 = f_.alpha_0(tau);
    Point q;
    q.T = T;
    q.rho = rho;
    const double RT = R_ * T;
    q.p = rho * RT * (1.0 + delta * ar.a_d);
    const double tat = tau * (a0.a_t + ar.a_t);
    q.h = RT * (1.0 + tat + delta * ar.a_d);
    q.s = R_ * (tat - a0.a - std::log(delta) - ar.a);
    q.cv = -R_ * tau * tau * (a0.a_tt + ar.a_tt);
    q.Prho = RT * (1.0 + 2.0 * delta * ar.a_d + delta * delta * ar.a_dd);
    q.PT = rho * R_ * (1.0 + delta * ar.a_d - delta * tau * ar.a_dt);
    q.cp = q.cv + T * q.PT * q.PT / (rho * rho * q.Prho);
    const double w2 = q.cp / q.cv * q.Prho;
    q.w = w2 > 0 ? std::sqrt(w2) : 0.0;
    q.HT = q.cv + q.PT / rho;
    q.Hrho = (q.Prho - T * q.PT / rho) / rho;
    q.ST = q.cv / T;
    q.Srho = -q.PT / (rho * rho);
    return q;
  }

  /// The state with pressure p and h (X = 0) or s (X = 1) equal to x, by Newton in (T, ρ)
  /// from (T, ρ) close by.
  Point solve_p_x(double p, int X, double x, double T, double rho) const {
    for (int iter = 0; iter < 60; ++iter) {
      const Point q = at(T, rho);
      const double F1 = q.p - p, F2 = q.x(X) - x;
      const double det = q.PT * q.xrho(X) - q.Prho * q.xT(X);
      double dT = -(q.xrho(X) * F1 - q.Prho * F2) / det;
      double drho = -(q.PT * F2 - q.xT(X) * F1) / det;
      if (!std::isfinite(dT) || !std::isfinite(drho)) break;
      if (std::fabs(dT) <= 1e-12 * T && std::fabs(drho) <= 1e-12 * rho) return q;
      double scale = 1.0;
      if (std::fabs(dT) > 0.2 * T) scale = std::min(scale, 0.2 * T / std::fabs(dT));
      if (std::fabs(drho) > 0.5 * rho) scale = std::min(scale, 0.5 * rho / std::fabs(drho));
      T += scale * dT;
      rho += scale * drho;
    }
    throw InternalError(
        fmt::format("{}: table node at p = {} Pa, {} = {} did not converge (T = {} K, rho = {})",
                    f_.info().id, p, X == 0 ? "h" : "s", x, T, rho));
  }

  /// The state at (T, p) on the branch of the density guess (Newton in ρ at fixed T). The
  /// table edges march along their pressure nodes with this, each node starting from its
  /// neighbour, so they follow one branch continuously.
  Point solve_T_p(double T, double p, double rho) const {
    for (int iter = 0; iter < 100; ++iter) {
      const Point q = at(T, rho);
      const double step = -(q.p - p) / q.Prho;
      if (!(q.Prho > 0) || !std::isfinite(step)) break;
      if (std::fabs(step) <= 1e-12 * rho) return q;
      rho += std::clamp(step, -0.5 * rho, 0.5 * rho);
    }
    throw InternalError(
        fmt::format("{}: table edge at T = {} K, p = {} Pa did not converge", f_.info().id, T, p));
  }

  /// The temperature where the isochore ρ crosses pressure p.
  Point solve_p_rho(double p, double rho, double T) const {
    for (int iter = 0; iter < 60; ++iter) {
      const Point q = at(T, rho);
      const double dT = -(q.p - p) / q.PT;
      if (!std::isfinite(dT)) break;
      if (std::fabs(dT) <= 1e-13 * T) return q;
      T += std::clamp(dT, -0.2 * T, 0.2 * T);
    }
    throw InternalError(
        fmt::format("{}: table boundary at p = {} Pa on the critical isochore did not converge",
                    f_.info().id, p));
  }

  double R() const { return R_; }

 private:
  const Fluid& f_;
  double R_, Tr_, rhor_;
};

// ---------------------------------------------------------------------------------------
// K functions of x on a uniform axis: piecewise cubic Hermite from node values and slopes,
// stored as per-cell polynomial coefficients in the local variable t ∈ [0, 1].
class Table1D {
 public:
  void build(double x0, double dx, int n, int K, const std::vector<double>& val,
             const std::vector<double>& der) {
    x0_ = x0;
    inv_dx_ = 1.0 / dx;
    ncell_ = n - 1;
    K_ = K;
    coef_.assign(static_cast<std::size_t>(ncell_) * K * 4, 0.0);
    for (int c = 0; c < ncell_; ++c) {
      for (int k = 0; k < K; ++k) {
        const double f0 = val[c * K + k], f1 = val[(c + 1) * K + k];
        const double m0 = der[c * K + k] * dx, m1 = der[(c + 1) * K + k] * dx;
        double* q = &coef_[(static_cast<std::size_t>(c) * K + k) * 4];
        q[0] = f0;
        q[1] = m0;
        q[2] = 3.0 * (f1 - f0) - 2.0 * m0 - m1;
        q[3] = 2.0 * (f0 - f1) + m0 + m1;
      }
    }
  }
  /// Cell and local coordinate of x (the caller has checked the range; rounding at the ends
  /// may give t a few ulps outside [0, 1]).
  void locate(double x, int& cell, double& t) const {
    const double r = (x - x0_) * inv_dx_;
    cell = std::clamp(static_cast<int>(r), 0, ncell_ - 1);
    t = r - cell;
  }
  double value(int cell, double t, int k) const {
    const double* q = &coef_[(static_cast<std::size_t>(cell) * K_ + k) * 4];
    return q[0] + t * (q[1] + t * (q[2] + t * q[3]));
  }
  /// df/dx
  double slope(int cell, double t, int k) const {
    const double* q = &coef_[(static_cast<std::size_t>(cell) * K_ + k) * 4];
    return (q[1] + t * (2.0 * q[2] + 3.0 * t * q[3])) * inv_dx_;
  }
  std::size_t bytes() const { return coef_.size() * sizeof(double); }

 private:
  double x0_ = 0, inv_dx_ = 0;
  int ncell_ = 0, K_ = 0;
  std::vector<double> coef_;
};

// ---------------------------------------------------------------------------------------
// Three functions of (z, η) on a uniform grid, bicubic Hermite. Per node and function:
// value, ∂/∂t, ∂/∂u, ∂²/∂t∂u in cell units (t = (z − z_i)/dz, u = (η − η_j)/dη).
constexpr int kStride = 12;

struct Table2D {
  int nz = 0, ne = 0;
  double z0 = 0, dz = 0, inv_dz = 0, inv_de = 0;
  std::vector<double> v;

  const double* locate(double z, double eta, double& t, double& u) const {
    const double r = (z - z0) * inv_dz;
    const int i = std::clamp(static_cast<int>(r), 0, nz - 2);
    t = r - i;
    const double q = eta * (ne - 1);
    const int j = std::clamp(static_cast<int>(q), 0, ne - 2);
    u = q - j;
    return &v[(static_cast<std::size_t>(i) * ne + j) * kStride];
  }
  std::size_t row() const { return static_cast<std::size_t>(ne) * kStride; }
};

struct Patch {
  double f[3];   // values
  double ft[2];  // ∂/∂t of the first two
  double fu[2];  // ∂/∂u of the first two
};

inline void eval_patch(const double* n00, std::size_t row, double t, double u, Patch& out) {
  const double* n01 = n00 + kStride;
  const double* n10 = n00 + row;
  const double* n11 = n10 + kStride;
  const double t2 = t * t, mt = 1.0 - t;
  const double A1 = t2 * (3.0 - 2.0 * t), A0 = 1.0 - A1, B0 = t * mt * mt, B1 = -t2 * mt;
  const double dA1 = 6.0 * t * mt, dA0 = -dA1, dB0 = mt * (1.0 - 3.0 * t),
               dB1 = t * (3.0 * t - 2.0);
  const double u2 = u * u, mu = 1.0 - u;
  const double a1 = u2 * (3.0 - 2.0 * u), a0 = 1.0 - a1, b0 = u * mu * mu, b1 = -u2 * mu;
  const double da1 = 6.0 * u * mu, da0 = -da1, db0 = mu * (1.0 - 3.0 * u),
               db1 = u * (3.0 * u - 2.0);
  for (int k = 0; k < 3; ++k) {
    const int o = 4 * k;
    const double V0 = n00[o] * a0 + n01[o] * a1 + n00[o + 2] * b0 + n01[o + 2] * b1;
    const double V1 = n10[o] * a0 + n11[o] * a1 + n10[o + 2] * b0 + n11[o + 2] * b1;
    const double W0 = n00[o + 1] * a0 + n01[o + 1] * a1 + n00[o + 3] * b0 + n01[o + 3] * b1;
    const double W1 = n10[o + 1] * a0 + n11[o + 1] * a1 + n10[o + 3] * b0 + n11[o + 3] * b1;
    out.f[k] = V0 * A0 + V1 * A1 + W0 * B0 + W1 * B1;
    if (k == 2) break;
    out.ft[k] = V0 * dA0 + V1 * dA1 + W0 * dB0 + W1 * dB1;
    const double Vu0 = n00[o] * da0 + n01[o] * da1 + n00[o + 2] * db0 + n01[o + 2] * db1;
    const double Vu1 = n10[o] * da0 + n11[o] * da1 + n10[o + 2] * db0 + n11[o + 2] * db1;
    const double Wu0 = n00[o + 1] * da0 + n01[o + 1] * da1 + n00[o + 3] * db0 + n01[o + 3] * db1;
    const double Wu1 = n10[o + 1] * da0 + n11[o + 1] * da1 + n10[o + 3] * db0 + n11[o + 3] * db1;
    out.fu[k] = Vu0 * A0 + Vu1 * A1 + Wu0 * B0 + Wu1 * B1;
  }
}

// Functions of the saturation tables.
enum SatT : int {
  T_lnpL,
  T_lnpV,
  T_rhoL,
  T_lnrhoV,
  T_hL,
  T_hV,
  T_sL,
  T_sV,
  T_icpL,
  T_icpV,
  T_icvL,
  T_icvV,
  T_wL,
  T_wV,
  kSatT
};
// By pressure: h and s block (index 4X + ...), then the rest.
enum SatP : int {
  P_hL,
  P_hV,
  P_hmin,
  P_hmax,
  P_sL,
  P_sV,
  P_smin,
  P_smax,
  P_TL,
  P_TV,
  P_rhoL,
  P_lnrhoV,
  P_icpL,
  P_icpV,
  P_icvL,
  P_icvV,
  P_wL,
  P_wV,
  kSatP
};
// Edges of the supercritical tables (index 3X + ...): min (T_min), split (ρ = ρc), max (T_max).
enum Sup : int { S_min, S_split, S_max, kSupPerX = 3, kSup = 6 };

// Quadratic extrapolation to node 0 and derivatives from node values (for cp, cv, w).
void fd_slopes(std::vector<double>& val, std::vector<double>& der, int n, int K, int k, double dx) {
  for (int i = 0; i < n; ++i) {
    double d;
    if (i == 0) {
      d = (-3.0 * val[k] + 4.0 * val[K + k] - val[2 * K + k]) / (2.0 * dx);
    } else if (i == n - 1) {
      d = (3.0 * val[i * K + k] - 4.0 * val[(i - 1) * K + k] + val[(i - 2) * K + k]) / (2.0 * dx);
    } else {
      d = (val[(i + 1) * K + k] - val[(i - 1) * K + k]) / (2.0 * dx);
    }
    der[i * K + k] = d;
  }
}

}  // namespace

// =======================================================================================
struct TabulatedFluid::Tables {
  double Tc = 0, inv_Tc = 0, pc = 0, ln_pc = 0;
  bool pseudo = false;
  TableEnvelope env;
  double warp = 1.0;

  Table1D satT;
  Table1D satP;
  bool has_sub = false;
  double p_sub_max = 0;
  Table2D sub[2][2];  // [h|s][liquid|vapour]
  bool has_sup = false;
  double p_sup_min = 0;
  Table1D supE;
  Table2D sup[2][2];  // [h|s][below the critical isochore|above]

  // Saturated liquid or vapour from a saturation table; false when the tabulated cp, cv, w
  // are not physical (only next to the critical point).
  bool saturated(double T, double p, double rho, double h, double s, double icp, double icv,
                 double w, bool vapour, State& st) const {
    if (!(icp > 0 && icv > 0 && w > 0)) return false;
    st = State{};
    st.T = T;
    st.p = p;
    st.rho = rho;
    st.h = h;
    st.s = s;
    st.u = h - p / rho;
    st.cp = 1.0 / icp;
    st.cv = 1.0 / icv;
    st.w = w;
    st.Q = vapour ? 1.0 : 0.0;
    st.phase = Phase::two_phase;
    return true;
  }

  bool sat_p_side(int c, double u, double p, bool vapour, State& st) const {
    const auto v = [&](int k) { return satP.value(c, u, k); };
    if (vapour) {
      return saturated(v(P_TV), p, std::exp(v(P_lnrhoV)), v(P_hV), v(P_sV), v(P_icpV), v(P_icvV),
                       v(P_wV), true, st);
    }
    return saturated(v(P_TL), p, v(P_rhoL), v(P_hL), v(P_sL), v(P_icpL), v(P_icvL), v(P_wL), false,
                     st);
  }

  static void mix(double TL, double TV, double pL, double pV, double rL, double rV, double hL,
                  double hV, double sL, double sV, double Q, State& st) {
    st = State{};
    st.T = TL + Q * (TV - TL);
    st.p = pL + Q * (pV - pL);
    st.rho = 1.0 / ((1.0 - Q) / rL + Q / rV);
    st.h = hL + Q * (hV - hL);
    st.s = sL + Q * (sV - sL);
    st.u = hL - pL / rL + Q * ((hV - pV / rV) - (hL - pL / rL));
    st.Q = Q;
    st.phase = Phase::two_phase;
  }

  bool two_phase_p(int c, double u, double p, double Q, State& st) const {
    if (Q == 0.0) return sat_p_side(c, u, p, false, st);
    if (Q == 1.0) return sat_p_side(c, u, p, true, st);
    const auto v = [&](int k) { return satP.value(c, u, k); };
    mix(v(P_TL), v(P_TV), p, p, v(P_rhoL), std::exp(v(P_lnrhoV)), v(P_hL), v(P_hV), v(P_sL),
        v(P_sV), Q, st);
    return true;
  }

  bool at_p_Q(double p, double Q, State& st) const {
    if (!(p >= env.p_sat_min && p <= env.p_sat_max) || !(Q >= 0.0 && Q <= 1.0)) return false;
    const double z = std::sqrt(std::max(0.0, ln_pc - std::log(p)));
    int c;
    double u;
    satP.locate(z, c, u);
    return two_phase_p(c, u, p, Q, st);
  }

  bool at_T_Q(double T, double Q, State& st) const {
    if (!(T >= env.T_sat_min && T <= env.T_sat_max) || !(Q >= 0.0 && Q <= 1.0)) return false;
    if (pseudo && Q != 0.0 && Q != 1.0) return false;  // Fluid says why
    const double z = std::sqrt((Tc - T) * inv_Tc);
    int c;
    double u;
    satT.locate(z, c, u);
    const auto v = [&](int k) { return satT.value(c, u, k); };
    if (Q == 0.0) {
      return saturated(T, std::exp(v(T_lnpL)), v(T_rhoL), v(T_hL), v(T_sL), v(T_icpL), v(T_icvL),
                       v(T_wL), false, st);
    }
    if (Q == 1.0) {
      return saturated(T, std::exp(v(T_lnpV)), std::exp(v(T_lnrhoV)), v(T_hV), v(T_sV), v(T_icpV),
                       v(T_icvV), v(T_wV), true, st);
    }
    const double p = std::exp(v(T_lnpL));
    mix(T, T, p, p, v(T_rhoL), std::exp(v(T_lnrhoV)), v(T_hL), v(T_hV), v(T_sL), v(T_sV), Q, st);
    return true;
  }

  // (p, h) for X = 0, (p, s) for X = 1.
  template <int X>
  bool flash(double p, double x, State& st) const {
    if (!(p >= env.p_min && p <= env.p_max) || !std::isfinite(x)) return false;
    const double lp = std::log(p);
    const Table2D* tb;
    double z, dpdz, S, dS, D, dD, y;
    double sigma;
    int region;  // 0 liquid, 1 vapour, 2 supercritical below the isochore, 3 above
    if (p < pc && p <= env.p_sat_max) {
      z = std::sqrt(std::max(0.0, ln_pc - lp));
      int c;
      double u;
      satP.locate(z, c, u);
      const double xl = satP.value(c, u, 4 * X + 0), xv = satP.value(c, u, 4 * X + 1);
      if (x >= xl && x <= xv) return two_phase_p(c, u, p, (x - xl) / (xv - xl), st);
      if (!has_sub || p > p_sub_max) return false;
      dpdz = -2.0 * z * p;
      if (x < xl) {
        S = xl;
        D = xl - satP.value(c, u, 4 * X + 2);
        y = (S - x) / D;
        sigma = -1.0;
        dS = satP.slope(c, u, 4 * X + 0);
        dD = dS - satP.slope(c, u, 4 * X + 2);
        region = 0;
      } else {
        S = xv;
        D = satP.value(c, u, 4 * X + 3) - xv;
        y = (x - S) / D;
        sigma = 1.0;
        dS = satP.slope(c, u, 4 * X + 1);
        dD = satP.slope(c, u, 4 * X + 3) - dS;
        region = 1;
      }
      tb = &sub[X][region];
      if (!(y <= 1.0)) return false;
    } else if (has_sup && p >= p_sup_min) {
      z = std::sqrt(std::max(0.0, lp - ln_pc));
      int c;
      double u;
      supE.locate(z, c, u);
      const double lo = supE.value(c, u, 3 * X + S_min), W = supE.value(c, u, 3 * X + S_split),
                   hi = supE.value(c, u, 3 * X + S_max);
      if (!(x >= lo && x <= hi)) return false;
      dpdz = 2.0 * z * p;
      S = W;
      dS = supE.slope(c, u, 3 * X + S_split);
      if (x <= W) {
        D = W - lo;
        y = (W - x) / D;
        sigma = -1.0;
        dD = dS - supE.slope(c, u, 3 * X + S_min);
        region = 2;
      } else {
        D = hi - W;
        y = (x - W) / D;
        sigma = 1.0;
        dD = supE.slope(c, u, 3 * X + S_max) - dS;
        region = 3;
      }
      tb = &sup[X][region - 2];
    } else {
      return false;
    }
    // η with y = η (a + (1 − a) η): nodes cluster at the phase boundary y = 0.
    const double a = warp;
    const double eta = a == 1.0 ? y : 2.0 * y / (a + std::sqrt(a * a + 4.0 * (1.0 - a) * y));
    const double Wp = a + 2.0 * (1.0 - a) * eta;  // dy/dη
    double t, u;
    const double* n0 = tb->locate(z, eta, t, u);
    Patch P;
    eval_patch(n0, tb->row(), t, u, P);

    const double T = P.f[0];
    const double rho = std::exp(P.f[1]);
    const double DW = D * Wp;
    const double eta_z = -(sigma * dS + y * dD) / DW;  // ∂η/∂z at constant x
    const double T_e = P.fu[0] * tb->inv_de, g_e = P.fu[1] * tb->inv_de;
    const double T_x = sigma * T_e / DW, g_x = sigma * g_e / DW;
    const double T_p = (P.ft[0] * tb->inv_dz + T_e * eta_z) / dpdz;
    const double g_p = (P.ft[1] * tb->inv_dz + g_e * eta_z) / dpdz;
    // cp, (∂ρ/∂p)_s and (∂ρ/∂p)_T from the derivatives of T(p, x) and ln ρ(p, x).
    const double cp = X == 0 ? 1.0 / T_x : T / T_x;
    const double drho_dp_s = X == 0 ? rho * (g_p + g_x / rho) : rho * g_p;
    const double drho_dp_T = rho * (g_p - g_x * T_p / T_x);
    if (!(T > 0 && cp > 0 && drho_dp_s > 0 && drho_dp_T > 0 && cp < 1e300)) return false;
    st = State{};
    st.T = T;
    st.p = p;
    st.rho = rho;
    if constexpr (X == 0) {
      st.h = x;
      st.s = P.f[2];
    } else {
      st.h = P.f[2];
      st.s = x;
    }
    st.u = st.h - p / rho;
    st.cp = cp;
    st.cv = cp * drho_dp_s / drho_dp_T;
    st.w = 1.0 / std::sqrt(drho_dp_s);
    switch (region) {
      case 0: st.phase = Phase::liquid; break;
      case 1: st.phase = T < Tc ? Phase::gas : Phase::supercritical_gas; break;
      default: st.phase = T >= Tc ? Phase::supercritical : Phase::supercritical_liquid; break;
    }
    return true;
  }
};

namespace {

// =======================================================================================
// Building.
class Builder {
 public:
  Builder(const Fluid& f, TabulatedFluid::Tables& tb, TableStats& stats)
      : f_(f), in_(f.info()), eos_(f), tb_(tb), stats_(stats), res_(resolution()) {}

  void run() {
    tb_.Tc = in_.T_crit;
    tb_.inv_Tc = 1.0 / in_.T_crit;
    tb_.pc = in_.p_crit;
    tb_.ln_pc = std::log(in_.p_crit);
    tb_.pseudo = in_.pseudo_pure;
    tb_.warp = res_.warp;
    envelope();
    check_consistency();
    build_sat_T();
    build_sat_P();
    if (tb_.has_sup) build_sup();
    stats_.envelope = tb_.env;
  }

 private:
  const Fluid& f_;
  const FluidInfo& in_;
  Eos eos_;
  TabulatedFluid::Tables& tb_;
  TableStats& stats_;
  Resolution res_;
  double T_lo_ = 0, T_hi_ = 0;  // single-phase temperature range

  void envelope() {
    TableEnvelope& e = tb_.env;
    const bool water = in_.id == "R718";
    const double Ts_lo = std::max(in_.T_triple, water ? 273.16 : 228.15);
    const double Ts_top = water ? 523.15 : 363.15;  // the cycle's highest saturation temperature
    const double margin = in_.pseudo_pure ? kBlendMargin : kCritMargin;
    const double Ts_hi = std::min(Ts_top, in_.T_crit - margin);
    T_lo_ = Ts_lo;
    T_hi_ = std::min(in_.T_max, water ? 573.15 : 433.15);
    e.T_sat_min = Ts_lo;
    e.T_sat_max = Ts_hi;
    e.T_min = T_lo_;
    e.T_max = T_hi_;
    e.p_sat_min = f_.saturation_at_T(Ts_lo).liquid.p;  // bubble pressure for a blend (the higher)
    e.p_sat_max = f_.saturation_at_T(Ts_hi).liquid.p;
    e.p_min = e.p_sat_min;
    tb_.has_sup = in_.T_crit < Ts_top;
    if (tb_.has_sup) {
      e.p_max = std::min(in_.p_max, in_.id == "R744" ? 14e6 : 1.5 * in_.p_crit);
    } else {
      e.p_max = e.p_sat_max;
    }
  }

  // The α-based evaluation here must reproduce Fluid's; a mismatch is a bug of ours.
  void check_consistency() const {
    const State ref = f_.at_T_p(T_hi_, tb_.env.p_sat_min);
    const Point q = eos_.at(ref.T, ref.rho);
    const double scale = eos_.R() * ref.T;
    if (std::fabs(q.h - ref.h) > 1e-10 * scale || std::fabs(q.s - ref.s) > 1e-10 * eos_.R() ||
        std::fabs(q.p - ref.p) > 1e-9 * ref.p) {
      throw InternalError(
          fmt::format("{}: table equation of state disagrees with Fluid at T = {} K, p = {} Pa",
                      in_.id, ref.T, ref.p));
    }
  }

  // Saturated states of a blend: bubble and dew T and p from Fluid (its ancillaries), the
  // densities solved here, each node starting from its neighbour's, so that they stay on the
  // liquid and vapour branches. (Pure fluids take Fluid's states as they are: the
  // superancillary gives both densities directly.)
  double rho_bubble_ = 0, rho_dew_ = 0;
  SaturationStates blend_sat(const SaturationStates& sat) {
    const double rc = in_.rho_crit;
    if (!(rho_bubble_ > 0)) {
      const Point q = eos_.at(sat.liquid.T, sat.liquid.rho);
      rho_bubble_ = q.Prho > 0 && q.rho > rc ? q.rho : 2.8 * rc;
      rho_dew_ = sat.vapor.rho;
    }
    SaturationStates out = sat;
    const Point L = eos_.solve_T_p(sat.liquid.T, sat.liquid.p, rho_bubble_);
    const Point V = eos_.solve_T_p(sat.vapor.T, sat.vapor.p, rho_dew_);
    if (!(L.rho > rc && V.rho < rc)) {
      throw InternalError(fmt::format("{}: saturated densities at T = {} K off their branches",
                                      in_.id, sat.liquid.T));
    }
    rho_bubble_ = out.liquid.rho = L.rho;
    rho_dew_ = out.vapor.rho = V.rho;
    return out;
  }

  // Edge states at T_min (liquid branch) and T_max, marched upwards in pressure from p_min.
  double rho_lo_ = 0, rho_hi_ = 0;
  void start_edges() {
    rho_lo_ = f_.saturation_at_T(T_lo_).liquid.rho;  // bubble point at T_min: p = p_min
    rho_hi_ = f_.at_T_p(T_hi_, tb_.env.p_min).rho;   // dilute gas
  }
  Point edge_lo(double p) {
    const Point q = eos_.solve_T_p(T_lo_, p, rho_lo_);
    rho_lo_ = q.rho;
    return q;
  }
  Point edge_hi(double p) {
    const Point q = eos_.solve_T_p(T_hi_, p, rho_hi_);
    rho_hi_ = q.rho;
    return q;
  }

  // ---- saturation by temperature, z = sqrt(1 − T/Tc)
  void build_sat_T() {
    const int n = res_.sat_T;
    const int K = kSatT;
    const double Tc = in_.T_crit;
    const double z0 = std::sqrt((Tc - tb_.env.T_sat_max) / Tc),
                 z1 = std::sqrt((Tc - tb_.env.T_sat_min) / Tc);
    const double dz = (z1 - z0) / (n - 1);
    std::vector<double> val(n * K), der(n * K);
    rho_bubble_ = rho_dew_ = 0;
    for (int i = n - 1; i >= 0; --i) {  // upwards in T, for the blends' march
      const double z = z0 + i * dz;
      const double T =
          i == 0 ? tb_.env.T_sat_max : (i == n - 1 ? tb_.env.T_sat_min : Tc * (1.0 - z * z));
      const SaturationStates sat =
          in_.pseudo_pure ? blend_sat(f_.saturation_at_T(T)) : f_.saturation_at_T(T);
      const Point L = eos_.at(T, sat.liquid.rho), V = eos_.at(T, sat.vapor.rho);
      double* v = &val[i * K];
      double* d = &der[i * K];
      v[T_lnpL] = std::log(sat.liquid.p);
      v[T_lnpV] = std::log(sat.vapor.p);
      v[T_rhoL] = L.rho;
      v[T_lnrhoV] = std::log(V.rho);
      v[T_hL] = L.h;
      v[T_hV] = V.h;
      v[T_sL] = L.s;
      v[T_sV] = V.s;
      v[T_icpL] = 1.0 / L.cp;
      v[T_icpV] = 1.0 / V.cp;
      v[T_icvL] = 1.0 / L.cv;
      v[T_icvV] = 1.0 / V.cv;
      v[T_wL] = L.w;
      v[T_wV] = V.w;
      // dp/dT along bubble and dew curves: Clapeyron for a pure fluid, differences of the
      // ancillaries for a blend.
      double dpL, dpV;
      if (!in_.pseudo_pure) {
        dpL = dpV = (V.s - L.s) / (1.0 / V.rho - 1.0 / L.rho);
      } else {
        const double h = 1e-3;
        auto lnp = [&](double TT, bool vap) {
          const SaturationStates s2 = f_.saturation_at_T(TT);
          return std::log(vap ? s2.vapor.p : s2.liquid.p);
        };
        auto dlnp = [&](bool vap) {
          return (-lnp(T + 2 * h, vap) + 8 * lnp(T + h, vap) - 8 * lnp(T - h, vap) +
                  lnp(T - 2 * h, vap)) /
                 (12 * h);
        };
        dpL = dlnp(false) * sat.liquid.p;
        dpV = dlnp(true) * sat.vapor.p;
      }
      const double dTdz = -2.0 * Tc * z;
      const double drL = (dpL - L.PT) / L.Prho, drV = (dpV - V.PT) / V.Prho;
      d[T_lnpL] = dpL / sat.liquid.p * dTdz;
      d[T_lnpV] = dpV / sat.vapor.p * dTdz;
      d[T_rhoL] = drL * dTdz;
      d[T_lnrhoV] = drV / V.rho * dTdz;
      d[T_hL] = (L.HT + L.Hrho * drL) * dTdz;
      d[T_hV] = (V.HT + V.Hrho * drV) * dTdz;
      d[T_sL] = (L.ST + L.Srho * drL) * dTdz;
      d[T_sV] = (V.ST + V.Srho * drV) * dTdz;
    }
    for (int k : {T_icpL, T_icpV, T_icvL, T_icvV, T_wL, T_wV}) fd_slopes(val, der, n, K, k, dz);
    tb_.satT.build(z0, dz, n, K, val, der);
    stats_.nodes += n;
    stats_.bytes += tb_.satT.bytes();
  }

  // ---- saturation by pressure, z = sqrt(ln(pc/p)); its nodes are also the z nodes of the
  // subcritical single-phase tables
  void build_sat_P() {
    const int m_fine = res_.sat_P;
    const int n = m_fine * (res_.sub_z - 1) + 1;
    const int K = kSatP;
    const double pc = in_.p_crit;
    const double z0 = std::sqrt(std::log(pc / tb_.env.p_sat_max)),
                 z1 = std::sqrt(std::log(pc / tb_.env.p_sat_min));
    const double dz = (z1 - z0) / (n - 1);
    std::vector<double> val(n * K), der(n * K);
    std::vector<Point> bl(n), bv(n), olo(n), ohi(n);
    std::vector<double> zs(n), ps(n), dpdz(n);
    start_edges();
    rho_bubble_ = rho_dew_ = 0;
    for (int i = n - 1; i >= 0; --i) {  // upwards in pressure, for the edges' march
      const double z = z0 + i * dz;
      const double p =
          i == 0 ? tb_.env.p_sat_max : (i == n - 1 ? tb_.env.p_sat_min : pc * std::exp(-z * z));
      zs[i] = z;
      ps[i] = p;
      dpdz[i] = -2.0 * z * p;
      const SaturationStates sat =
          in_.pseudo_pure ? blend_sat(f_.saturation_at_p(p)) : f_.saturation_at_p(p);
      const Point L = eos_.at(sat.liquid.T, sat.liquid.rho),
                  V = eos_.at(sat.vapor.T, sat.vapor.rho);
      const Point lo = edge_lo(p), hi = edge_hi(p);
      bl[i] = L;
      bv[i] = V;
      olo[i] = lo;
      ohi[i] = hi;
      double* v = &val[i * K];
      double* d = &der[i * K];
      v[P_hL] = L.h;
      v[P_hV] = V.h;
      v[P_hmin] = lo.h;
      v[P_hmax] = hi.h;
      v[P_sL] = L.s;
      v[P_sV] = V.s;
      v[P_smin] = lo.s;
      v[P_smax] = hi.s;
      v[P_TL] = L.T;
      v[P_TV] = V.T;
      v[P_rhoL] = L.rho;
      v[P_lnrhoV] = std::log(V.rho);
      v[P_icpL] = 1.0 / L.cp;
      v[P_icpV] = 1.0 / V.cp;
      v[P_icvL] = 1.0 / L.cv;
      v[P_icvV] = 1.0 / V.cv;
      v[P_wL] = L.w;
      v[P_wV] = V.w;
      // Edges at constant T: dx/dp = x_ρ / p_ρ.
      d[P_hmin] = lo.Hrho / lo.Prho * dpdz[i];
      d[P_hmax] = hi.Hrho / hi.Prho * dpdz[i];
      d[P_smin] = lo.Srho / lo.Prho * dpdz[i];
      d[P_smax] = hi.Srho / hi.Prho * dpdz[i];
      double dTL, dTV;  // dT/dp along bubble and dew curves
      if (!in_.pseudo_pure) {
        dTL = dTV = L.T * (1.0 / V.rho - 1.0 / L.rho) / (V.h - L.h);
      } else {
        const double h = 1e-3;
        auto Ts = [&](double lnp, bool vap) {
          const SaturationStates s2 = f_.saturation_at_p(std::exp(lnp));
          return vap ? s2.vapor.T : s2.liquid.T;
        };
        const double l = std::log(p);
        auto dT = [&](bool vap) {
          return (-Ts(l + 2 * h, vap) + 8 * Ts(l + h, vap) - 8 * Ts(l - h, vap) +
                  Ts(l - 2 * h, vap)) /
                 (12 * h) / p;
        };
        dTL = dT(false);
        dTV = dT(true);
      }
      const double drL = (1.0 - L.PT * dTL) / L.Prho, drV = (1.0 - V.PT * dTV) / V.Prho;
      d[P_hL] = (L.HT * dTL + L.Hrho * drL) * dpdz[i];
      d[P_hV] = (V.HT * dTV + V.Hrho * drV) * dpdz[i];
      d[P_sL] = (L.ST * dTL + L.Srho * drL) * dpdz[i];
      d[P_sV] = (V.ST * dTV + V.Srho * drV) * dpdz[i];
      d[P_TL] = dTL * dpdz[i];
      d[P_TV] = dTV * dpdz[i];
      d[P_rhoL] = drL * dpdz[i];
      d[P_lnrhoV] = drV / V.rho * dpdz[i];
    }
    for (int k : {P_icpL, P_icpV, P_icvL, P_icvV, P_wL, P_wV}) fd_slopes(val, der, n, K, k, dz);
    tb_.satP.build(z0, dz, n, K, val, der);
    stats_.nodes += n;
    stats_.bytes += tb_.satP.bytes();

    // Subcritical single-phase tables on every m_fine-th node (counted from p_min) that lies
    // at least `band` below pc.
    const double z_band = std::sqrt(-std::log(1.0 - res_.band));
    std::vector<int> idx;
    for (int i = n - 1; i >= 0; i -= m_fine) {
      if (zs[i] >= z_band) idx.insert(idx.begin(), i);
    }
    if (idx.size() < 3) return;
    tb_.has_sub = true;
    tb_.p_sub_max = ps[idx[0]];
    tb_.env.p_gap_min = ps[idx[0]];
    tb_.env.p_gap_max = tb_.env.p_max;  // the supercritical tables lower this
    const int m = static_cast<int>(idx.size());
    auto pick = [&](const auto& v) {
      std::vector<std::decay_t<decltype(v[0])>> out;
      for (int i : idx) out.push_back(v[i]);
      return out;
    };
    for (int X = 0; X < 2; ++X) {
      std::vector<double> S(m), dS(m), Olo(m), dOlo(m), Ohi(m), dOhi(m), Sv(m), dSv(m);
      const std::vector<Point> L = pick(bl), V = pick(bv), lo = pick(olo), hi = pick(ohi);
      for (int i = 0; i < m; ++i) {
        const double* v = &val[idx[i] * K];
        const double* d = &der[idx[i] * K];
        S[i] = v[4 * X + 0];
        dS[i] = d[4 * X + 0];
        Sv[i] = v[4 * X + 1];
        dSv[i] = d[4 * X + 1];
        Olo[i] = v[4 * X + 2];
        dOlo[i] = d[4 * X + 2];
        Ohi[i] = v[4 * X + 3];
        dOhi[i] = d[4 * X + 3];
      }
      const std::vector<double> zz = pick(zs), pp = pick(ps), dp = pick(dpdz);
      build_region(tb_.sub[X][0], X, -1.0, zz, pp, dp, L, S, dS, lo, Olo, dOlo);
      build_region(tb_.sub[X][1], X, 1.0, zz, pp, dp, V, Sv, dSv, hi, Ohi, dOhi);
    }
  }

  // ---- supercritical: z = sqrt(ln(p/pc)), split at the critical isochore
  void build_sup() {
    const int n = res_.sup_z;
    const double pc = in_.p_crit, rc = in_.rho_crit;
    const double zmax = std::sqrt(std::log(tb_.env.p_max / pc));
    const double dz = zmax / (n - 1);
    const int k0 =
        std::max(1, static_cast<int>(std::ceil(std::sqrt(std::log(1.0 + res_.band)) / dz - 1e-9)));
    const int m = n - k0;
    if (m < 3) {
      tb_.has_sup = false;
      return;
    }
    const double z0 = k0 * dz;
    std::vector<double> zs(m), ps(m), dpdz(m), val(m * kSup), der(m * kSup);
    std::vector<Point> split(m), lo(m), hi(m);
    double Tsplit = in_.T_crit;
    for (int i = 0; i < m; ++i) {
      const double z = z0 + i * dz;
      const double p = i == m - 1 ? tb_.env.p_max : pc * std::exp(z * z);
      zs[i] = z;
      ps[i] = p;
      dpdz[i] = 2.0 * z * p;
      split[i] = eos_.solve_p_rho(p, rc, Tsplit);
      Tsplit = split[i].T;
      if (!(Tsplit > T_lo_ && Tsplit < T_hi_)) {
        throw InternalError(
            fmt::format("{}: the critical isochore leaves the table at p = {} Pa (T = {} K)",
                        in_.id, p, Tsplit));
      }
      lo[i] = edge_lo(p);  // continues the march of build_sat_P
      hi[i] = edge_hi(p);
      for (int X = 0; X < 2; ++X) {
        double* v = &val[i * kSup + 3 * X];
        double* d = &der[i * kSup + 3 * X];
        v[S_min] = lo[i].x(X);
        v[S_split] = split[i].x(X);
        v[S_max] = hi[i].x(X);
        d[S_min] = lo[i].xrho(X) / lo[i].Prho * dpdz[i];
        d[S_split] = split[i].xT(X) / split[i].PT * dpdz[i];  // along ρ = ρc
        d[S_max] = hi[i].xrho(X) / hi[i].Prho * dpdz[i];
      }
    }
    tb_.supE.build(z0, dz, m, kSup, val, der);
    tb_.p_sup_min = ps[0];
    tb_.env.p_gap_max = ps[0];
    if (!tb_.has_sub) tb_.env.p_gap_min = tb_.env.p_sat_max;
    stats_.nodes += m;
    stats_.bytes += tb_.supE.bytes();
    for (int X = 0; X < 2; ++X) {
      std::vector<double> S(m), dS(m), Olo(m), dOlo(m), Ohi(m), dOhi(m);
      for (int i = 0; i < m; ++i) {
        S[i] = val[i * kSup + 3 * X + S_split];
        dS[i] = der[i * kSup + 3 * X + S_split];
        Olo[i] = val[i * kSup + 3 * X + S_min];
        dOlo[i] = der[i * kSup + 3 * X + S_min];
        Ohi[i] = val[i * kSup + 3 * X + S_max];
        dOhi[i] = der[i * kSup + 3 * X + S_max];
      }
      build_region(tb_.sup[X][0], X, -1.0, zs, ps, dpdz, split, S, dS, lo, Olo, dOlo);
      build_region(tb_.sup[X][1], X, 1.0, zs, ps, dpdz, split, S, dS, hi, Ohi, dOhi);
    }
  }

  // One single-phase region: at each z node, x runs from the boundary S (η = 0) to the
  // outer edge O (η = 1): x = S + σ y D, D = σ (O − S), y = η (a + (1 − a) η).
  void build_region(Table2D& t, int X, double sigma, const std::vector<double>& zs,
                    const std::vector<double>& ps, const std::vector<double>& dpdz,
                    const std::vector<Point>& bnd, const std::vector<double>& S,
                    const std::vector<double>& dS, const std::vector<Point>& out,
                    const std::vector<double>& O, const std::vector<double>& dO) {
    const int nz = static_cast<int>(zs.size()), ne = res_.eta;
    const double a = res_.warp;
    const double dz = zs[1] - zs[0], de = 1.0 / (ne - 1);
    t.nz = nz;
    t.ne = ne;
    t.z0 = zs[0];
    t.dz = dz;
    t.inv_dz = 1.0 / dz;
    t.inv_de = 1.0 / de;
    // Values and derivatives f_z, f_η of (T, ln ρ, third) at every node.
    const std::size_t N = static_cast<std::size_t>(nz) * ne;
    std::vector<double> F(N * 3), Fz(N * 3), Fe(N * 3);
    const int Y = 1 - X;  // the other of h, s
    for (int i = 0; i < nz; ++i) {
      const double D = sigma * (O[i] - S[i]), dD = sigma * (dO[i] - dS[i]);
      const double p = ps[i];
      Point q = bnd[i];
      for (int j = 0; j < ne; ++j) {
        const double eta = j * de;
        const double y = eta * (a + (1.0 - a) * eta), Wp = a + 2.0 * (1.0 - a) * eta;
        if (j == ne - 1) {
          q = out[i];
        } else if (j > 0) {
          const double xt = S[i] + sigma * y * D;
          // Predictor from the previous node's slopes at constant p.
          const double det = q.PT * q.xrho(X) - q.Prho * q.xT(X);
          const double dx = xt - q.x(X);
          const double T0 = q.T + (-q.Prho / det) * dx;
          const double r0 = q.rho * std::exp(q.PT / det / q.rho * dx);
          q = eos_.solve_p_x(p, X, xt, T0, r0);
        }
        // Derivatives in (p, x) from the inverse Jacobian of (p, x) over (T, ρ).
        const double det = q.PT * q.xrho(X) - q.Prho * q.xT(X);
        const double T_p = q.xrho(X) / det, T_x = -q.Prho / det;
        const double r_p = -q.xT(X) / det, r_x = q.PT / det;
        const double g_p = r_p / q.rho, g_x = r_x / q.rho;
        double y_p, y_x;  // the third function
        if (Y == 1) {     // s(p, h): ds = dh/T − dp/(ρT)
          y_p = -1.0 / (q.rho * q.T);
          y_x = 1.0 / q.T;
        } else {  // h(p, s): dh = T ds + dp/ρ
          y_p = 1.0 / q.rho;
          y_x = q.T;
        }
        const double x_z = dS[i] + sigma * y * dD;  // ∂x/∂z at constant η
        const double x_e = sigma * D * Wp;          // ∂x/∂η at constant z
        const std::size_t b = (static_cast<std::size_t>(i) * ne + j) * 3;
        const double vals[3] = {q.T, std::log(q.rho), q.x(Y)};
        const double fp[3] = {T_p, g_p, y_p}, fx[3] = {T_x, g_x, y_x};
        for (int k = 0; k < 3; ++k) {
          F[b + k] = vals[k];
          Fz[b + k] = fp[k] * dpdz[i] + fx[k] * x_z;
          Fe[b + k] = fx[k] * x_e;
        }
      }
    }
    // Cross derivatives: the mean of the two second-order difference quotients.
    auto diff = [](const std::vector<double>& g, std::size_t at, std::size_t step, int idx, int n) {
      if (idx == 0) return (-3.0 * g[at] + 4.0 * g[at + step] - g[at + 2 * step]) / 2.0;
      if (idx == n - 1) return (3.0 * g[at] - 4.0 * g[at - step] + g[at - 2 * step]) / 2.0;
      return (g[at + step] - g[at - step]) / 2.0;
    };
    t.v.assign(N * kStride, 0.0);
    for (int i = 0; i < nz; ++i) {
      for (int j = 0; j < ne; ++j) {
        const std::size_t node = static_cast<std::size_t>(i) * ne + j;
        for (int k = 0; k < 3; ++k) {
          const std::size_t at = node * 3 + k;
          const double cross_a = diff(Fe, at, static_cast<std::size_t>(ne) * 3, i, nz) / dz;
          const double cross_b = diff(Fz, at, 3, j, ne) / de;
          double* o = &t.v[node * kStride + 4 * k];
          o[0] = F[at];
          o[1] = Fz[at] * dz;
          o[2] = Fe[at] * de;
          o[3] = 0.5 * (cross_a + cross_b) * dz * de;
        }
      }
    }
    stats_.nodes += N;
    stats_.bytes += t.v.size() * sizeof(double);
  }
};

}  // namespace

// =======================================================================================
TabulatedFluid::TabulatedFluid(std::shared_ptr<const Fluid> exact) : exact_(std::move(exact)) {
  if (!exact_) throw InvalidInput("TabulatedFluid: no exact fluid given");
  const auto start = std::chrono::steady_clock::now();
  auto tables = std::make_unique<Tables>();
  Builder(*exact_, *tables, stats_).run();
  tables_ = std::move(tables);
  stats_.build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TabulatedFluid::~TabulatedFluid() = default;

State TabulatedFluid::at_T_rho(double T, double rho) const {
  return exact_->at_T_rho(T, rho);
}
State TabulatedFluid::at_T_p(double T, double p) const {
  return exact_->at_T_p(T, p);
}
SaturationStates TabulatedFluid::saturation_at_T(double T) const {
  return exact_->saturation_at_T(T);
}
SaturationStates TabulatedFluid::saturation_at_p(double p) const {
  return exact_->saturation_at_p(p);
}

State TabulatedFluid::at_p_h(double p, double h) const {
  State s;
  if (tables_->flash<0>(p, h, s)) return s;
  return exact_->at_p_h(p, h);
}

State TabulatedFluid::at_p_s(double p, double s) const {
  State st;
  if (tables_->flash<1>(p, s, st)) return st;
  return exact_->at_p_s(p, s);
}

State TabulatedFluid::at_T_Q(double T, double Q) const {
  State s;
  if (tables_->at_T_Q(T, Q, s)) return s;
  return exact_->at_T_Q(T, Q);
}

State TabulatedFluid::at_p_Q(double p, double Q) const {
  State s;
  if (tables_->at_p_Q(p, Q, s)) return s;
  return exact_->at_p_Q(p, Q);
}

}  // namespace heatlift::fluids
