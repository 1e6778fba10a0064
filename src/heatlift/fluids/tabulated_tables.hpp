// Internal to the fast backend: the tables TabulatedFluid answers from (tabulated.cpp) and
// builds (tabulated_build.cpp), their interpolation kernels and the equation of state at
// (T, ρ) the builder works with.
//
// The interpolation kernels here are our own rather than core::GridInterpolator2D: that one
// finds cells by binary search and takes node slopes from finite differences, while these
// tables are hot (every cycle iteration calls them) and need O(1) cell lookup on uniform
// axes in transformed coordinates and node derivatives taken from the equation of state
// (4th-order patches). bench/fluids_bench.cpp measures them.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/tabulated.hpp"

namespace heatlift::fluids {
namespace tables {

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

// The equation of state at (T, ρ) with the first derivatives (Point), for the builder.
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
  double coef(int cell, int k, int d) const {
    return coef_[(static_cast<std::size_t>(cell) * K_ + k) * 4 + d];
  }
  std::size_t bytes() const { return coef_.size() * sizeof(double); }

 private:
  double x0_ = 0, inv_dx_ = 0;
  int ncell_ = 0, K_ = 0;
  std::vector<double> coef_;
};

// ---------------------------------------------------------------------------------------
// The four edge functions of a single-phase pair of regions (enum Edge) on a uniform axis,
// all evaluated at once: coefficients stored degree-major, two functions per instruction.
typedef double v2d __attribute__((vector_size(16)));
inline v2d load2(const double* p) {
  v2d r;
  std::memcpy(&r, p, sizeof r);
  return r;
}

class EdgeTable {
 public:
  static constexpr int K = 4;
  void build(double x0, double dx, int n, const std::vector<double>& val,
             const std::vector<double>& der) {
    Table1D t;
    t.build(x0, dx, n, K, val, der);
    x0_ = x0;
    inv_dx_ = 1.0 / dx;
    ncell_ = n - 1;
    coef_.resize(static_cast<std::size_t>(ncell_) * 4 * K);
    for (int c = 0; c < ncell_; ++c) {
      for (int k = 0; k < K; ++k) {
        for (int d = 0; d < 4; ++d)
          coef_[(static_cast<std::size_t>(c) * 4 + d) * K + k] = t.coef(c, k, d);
      }
    }
  }
  void locate(double x, int& cell, double& t) const {
    const double r = (x - x0_) * inv_dx_;
    cell = std::clamp(static_cast<int>(r), 0, ncell_ - 1);
    t = r - cell;
  }
  /// e[k] for k = E_Slo, E_Olo, E_Shi, E_Ohi.
  void values(int cell, double t, double* e) const {
    const double* q = &coef_[static_cast<std::size_t>(cell) * 4 * K];
    v2d lo = load2(q + 3 * K), hi = load2(q + 3 * K + 2);
    for (int d = 2; d >= 0; --d) {
      lo = lo * t + load2(q + d * K);
      hi = hi * t + load2(q + d * K + 2);
    }
    std::memcpy(e, &lo, sizeof lo);
    std::memcpy(e + 2, &hi, sizeof hi);
  }
  std::size_t bytes() const { return coef_.size() * sizeof(double); }

 private:
  double x0_ = 0, inv_dx_ = 0;
  int ncell_ = 0;
  std::vector<double> coef_;
};

// ---------------------------------------------------------------------------------------
// Six functions of (z, η) on a uniform grid, bicubic Hermite: T, ρ, the third of h and s (y),
// w, cp, cv. Per node, in cell units (t = (z − z_i)/dz, u = (η − η_j)/dη), four components
// (value, ∂/∂t, ∂/∂u, ∂²/∂t∂u) of six doubles each. The kernel works on several functions
// per instruction: pairs with SSE2 (every x86-64; GCC's vector extension, which other
// targets lower as they can), four and two with AVX2 where the CPU has it (chosen once, at
// run time). The patch is the hot spot of a (p, h) call's arithmetic; the AVX2 kernel takes it
// from ~290 to ~120 instructions, 5-10 % of a call over many states, where the wait for the
// patch's nodes in memory dominates.
constexpr int kF = 6;            // functions
constexpr int kStride = 4 * kF;  // doubles per node
enum Comp : int { kV = 0, kT = kF, kU = 2 * kF, kTU = 3 * kF };
enum Fn : int { F_T, F_rho, F_y, F_w, F_cp, F_cv };

struct Table2D {
  int nz = 0, ne = 0;
  double z0 = 0, dz = 0, inv_dz = 0;
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

// Hermite basis in t (A: values, B: slopes) and in u (a, b).
struct Basis {
  double A0, A1, B0, B1, a0, a1, b0, b1;
  Basis(double t, double u) {
    const double t2 = t * t, mt = 1.0 - t;
    A1 = t2 * (3.0 - 2.0 * t);
    A0 = 1.0 - A1;
    B0 = t * mt * mt;
    B1 = -t2 * mt;
    const double u2 = u * u, mu = 1.0 - u;
    a1 = u2 * (3.0 - 2.0 * u);
    a0 = 1.0 - a1;
    b0 = u * mu * mu;
    b1 = -u2 * mu;
  }
};

using PatchKernel = void (*)(const double* n00, std::size_t row, double t, double u, double* f);

inline void eval_patch_sse2(const double* n00, std::size_t row, double t, double u, double* f) {
  const double* n01 = n00 + kStride;
  const double* n10 = n00 + row;
  const double* n11 = n10 + kStride;
  const Basis k(t, u);
  for (int o = 0; o < kF; o += 2) {
    // Along u at the two t-nodes: values (V) and t-slopes (W); then across t.
    const v2d V0 = load2(n00 + o + kV) * k.a0 + load2(n01 + o + kV) * k.a1 +
                   load2(n00 + o + kU) * k.b0 + load2(n01 + o + kU) * k.b1;
    const v2d V1 = load2(n10 + o + kV) * k.a0 + load2(n11 + o + kV) * k.a1 +
                   load2(n10 + o + kU) * k.b0 + load2(n11 + o + kU) * k.b1;
    const v2d W0 = load2(n00 + o + kT) * k.a0 + load2(n01 + o + kT) * k.a1 +
                   load2(n00 + o + kTU) * k.b0 + load2(n01 + o + kTU) * k.b1;
    const v2d W1 = load2(n10 + o + kT) * k.a0 + load2(n11 + o + kT) * k.a1 +
                   load2(n10 + o + kTU) * k.b0 + load2(n11 + o + kTU) * k.b1;
    const v2d r = V0 * k.A0 + V1 * k.A1 + W0 * k.B0 + W1 * k.B1;
    std::memcpy(f + o, &r, sizeof r);
  }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(HEATLIFT_NO_AVX2)  // -D to test the other
#define HEATLIFT_PATCH_AVX2 1
typedef double v4d __attribute__((vector_size(32)));
__attribute__((target("avx2"))) inline v4d load4(const double* p) {
  v4d r;
  std::memcpy(&r, p, sizeof r);
  return r;
}
__attribute__((target("avx2"))) inline v4d bcast4(double x) {
  return v4d{x, x, x, x};
}

__attribute__((target("avx2"))) inline void eval_patch_avx2(const double* n00, std::size_t row,
                                                            double t, double u, double* f) {
  const double* n01 = n00 + kStride;
  const double* n10 = n00 + row;
  const double* n11 = n10 + kStride;
  const Basis k(t, u);
  const v4d a0 = bcast4(k.a0), a1 = bcast4(k.a1), b0 = bcast4(k.b0), b1 = bcast4(k.b1);
  // T, ρ, y, w: four at a time.
  const v4d V0 =
      load4(n00 + kV) * a0 + load4(n01 + kV) * a1 + load4(n00 + kU) * b0 + load4(n01 + kU) * b1;
  const v4d V1 =
      load4(n10 + kV) * a0 + load4(n11 + kV) * a1 + load4(n10 + kU) * b0 + load4(n11 + kU) * b1;
  const v4d W0 =
      load4(n00 + kT) * a0 + load4(n01 + kT) * a1 + load4(n00 + kTU) * b0 + load4(n01 + kTU) * b1;
  const v4d W1 =
      load4(n10 + kT) * a0 + load4(n11 + kT) * a1 + load4(n10 + kTU) * b0 + load4(n11 + kTU) * b1;
  const v4d r = V0 * bcast4(k.A0) + V1 * bcast4(k.A1) + W0 * bcast4(k.B0) + W1 * bcast4(k.B1);
  std::memcpy(f, &r, sizeof r);
  // cp, cv: two.
  constexpr int o = 4;
  const v2d P0 = load2(n00 + o + kV) * k.a0 + load2(n01 + o + kV) * k.a1 +
                 load2(n00 + o + kU) * k.b0 + load2(n01 + o + kU) * k.b1;
  const v2d P1 = load2(n10 + o + kV) * k.a0 + load2(n11 + o + kV) * k.a1 +
                 load2(n10 + o + kU) * k.b0 + load2(n11 + o + kU) * k.b1;
  const v2d Q0 = load2(n00 + o + kT) * k.a0 + load2(n01 + o + kT) * k.a1 +
                 load2(n00 + o + kTU) * k.b0 + load2(n01 + o + kTU) * k.b1;
  const v2d Q1 = load2(n10 + o + kT) * k.a0 + load2(n11 + o + kT) * k.a1 +
                 load2(n10 + o + kTU) * k.b0 + load2(n11 + o + kTU) * k.b1;
  const v2d r2 = P0 * k.A0 + P1 * k.A1 + Q0 * k.B0 + Q1 * k.B1;
  std::memcpy(f + o, &r2, sizeof r2);
}
#endif

inline PatchKernel choose_patch_kernel() {
#ifdef HEATLIFT_PATCH_AVX2
  __builtin_cpu_init();  // in case this runs before the runtime's own initialisation
  if (__builtin_cpu_supports("avx2")) return eval_patch_avx2;
#endif
  return eval_patch_sse2;
}

// Functions of the saturation tables.
enum SatT : int {
  T_pL,
  T_pV,
  T_vL,
  T_vV,
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
// Edges of the single-phase regions at a pressure, for h (X = 0) and s (X = 1), at index
// 4X + Edge: the boundary and the outer edge of the liquid(-like) region, then of the
// gas(-like) one. Below pc the boundaries are the saturated liquid and vapour and the outer
// edges T_min and T_max; above pc both boundaries are the critical isochore.
enum Edge : int { E_Slo, E_Olo, E_Shi, E_Ohi, kEdges };
// By pressure: the edges first (h, then s), then the rest of the saturated states.
enum SatP : int {
  P_hL,
  P_hmin,
  P_hV,
  P_hmax,
  P_sL,
  P_smin,
  P_sV,
  P_smax,
  P_TL,
  P_TV,
  P_vL,
  P_vV,
  P_icpL,
  P_icpV,
  P_icvL,
  P_icvV,
  P_wL,
  P_wV,
  kSatP
};
constexpr int kSup = 2 * kEdges;  // the supercritical edges table

// A State's fields, filled by the tables without State's zero-initialisation (a `rep stos`
// that costs more than the rest of a saturated state); made a State once, at the end.
struct Out {
  double T, p, rho, h, s, u, cp, cv, w, Q;
  bool props, quality;  // cp, cv, w present; Q present
  Phase phase;
  State state() const {
    return State{.T = T,
                 .p = p,
                 .rho = rho,
                 .h = h,
                 .s = s,
                 .u = u,
                 .cp = props ? std::optional<double>(cp) : std::nullopt,
                 .cv = props ? std::optional<double>(cv) : std::nullopt,
                 .w = props ? std::optional<double>(w) : std::nullopt,
                 .Q = quality ? std::optional<double>(Q) : std::nullopt,
                 .phase = phase};
  }
};

}  // namespace tables

// =======================================================================================
struct TabulatedFluid::Tables {
  double Tc = 0, inv_Tc = 0, pc = 0, ln_pc = 0;
  bool pseudo = false;
  TableEnvelope env;
  double warp = 1.0;  // a of y = η (a + (1 − a) η); then 4 (1 − a) and 1 / (2 (1 − a))
  double warp_4b = 0.0, warp_k = 0.0;
  tables::PatchKernel patch = tables::choose_patch_kernel();

  tables::Table1D satT;
  tables::Table1D satP;
  bool has_sub = false;
  double p_sub_max = 0;
  bool has_sup = false;
  double p_sup_min = 0;
  // The edges alone, [below pc | above pc][h | s], each four functions (E_*): small enough
  // to stay in cache, so that a (p, h) or (p, s) call waits for memory only once.
  tables::EdgeTable edges[2][2];
  // [below pc | above pc][h | s][liquid(-like) | gas(-like)]
  tables::Table2D regions[2][2][2];

  // (T, p) below pc: h, ρ, s, w, cp, cv over (z, η), η a normalised temperature from the
  // saturation curve (η = 0) to T_min or T_max (η = 1), on the z nodes of the subcritical
  // tables; built on first use (build_T_p) from the saturated states kept here.
  struct TpSeed {
    std::vector<double> z, p, dpdz, dTL, dTV;  // per z node; dT/dz along bubble and dew
    std::vector<tables::Point> L, V;           // saturated liquid and vapour
  } tp_seed;
  mutable std::atomic<bool> tp_ready{false};
  mutable std::mutex tp_mutex;
  mutable tables::Table2D tp[2];  // [liquid | gas]
  // They answer up to this pressure: closer to pc, h(T) along an isobar steepens near the
  // saturation curve (cp diverges at the critical point) beyond what the η grid carries at
  // 1e-5 (tests/fluids/tabulated_test.cpp); there the caller goes back to (p, h).
  static constexpr double kTpMaxReduced = 0.8;
  double tp_p_max = 0;
  mutable double tp_seconds = 0.0;
  mutable std::size_t tp_bytes = 0;

  // The query functions below fill `st` and return true, or return false when the request
  // is not theirs to answer (outside the envelope, invalid): then Fluid answers it.

  // Saturated liquid or vapour from a saturation table (v: specific volume); false when the
  // tabulated cp, cv, w are not physical (never seen; the tables end before Tc).
  static inline bool saturated(double T, double p, double v, double h, double s, double icp,
                               double icv, double w, bool vapour, tables::Out& st);
  inline bool sat_p_side(int c, double u, double p, bool vapour, tables::Out& st) const;
  // Two-phase mixture as Fluid::two_phase_mix forms it (v: specific volumes).
  static inline void mix(double TL, double TV, double pL, double pV, double vL, double vV,
                         double hL, double hV, double sL, double sV, double Q, tables::Out& st);
  inline bool two_phase_p(int c, double u, double p, double Q, tables::Out& st) const;
  inline bool at_p_Q(double p, double Q, tables::Out& st) const;
  inline bool at_T_Q(double T, double Q, tables::Out& st) const;
  // Single-phase (T, p) below pc from the (T, p) tables (the caller has built them); false
  // in the two-phase region, outside the envelope and in the band around pc.
  inline bool at_T_p(double T, double p, tables::Out& st) const;
  // One pressure's share of (p, h) lookups: false where flash<0> would decline at any h.
  inline bool isobar(double p, TabulatedFluid::Isobar& iso) const;
  // T at (p, h) on an isobar, as flash<0> gives it, only T's patch evaluated; NaN where
  // flash<0> would decline.
  inline double isobar_T(const TabulatedFluid::Isobar& iso, double x) const;
  // (p, h) for X = 0, (p, s) for X = 1. The region (liquid, vapour, or either side of the
  // critical isochore above pc) is chosen by index arithmetic rather than branches: in a
  // cycle calculation the region of successive calls changes at random.
  template <int X>
  inline bool flash(double p, double x, tables::Out& st) const;
};

}  // namespace heatlift::fluids
