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
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

#include "heatlift/core/error.hpp"

namespace heatlift::fluids {
namespace {

// ---------------------------------------------------------------------------------------
// Resolution, chosen by measuring the error (tests/fluids/tabulated_test.cpp prints it) and
// the build time: the worst error over the envelope is ~1e-6 with these, ten times inside the
// bound, and the slowest fluid builds in about a third of its second.
struct Resolution {
  int sat_T = 512;      // nodes of the saturation table over z = sqrt(1 − T/Tc)
  int sub_z = 128;      // nodes over z = sqrt(ln(pc/p)) of the subcritical single-phase tables
  int sat_P = 4;        // the saturation table by pressure has this many times finer a z grid
  int sup_z = 96;       // nodes over z = sqrt(ln(p/pc)) from pc to p_max (supercritical tables)
  int eta = 48;         // nodes across each single-phase region (normalised h or s)
  double band = 0.005;  // single-phase states with |p/pc − 1| below this go to Fluid
  double warp = 0.35;   // node spacing at the phase boundary relative to the mean
};

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

void eval_patch_sse2(const double* n00, std::size_t row, double t, double u, double* f) {
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

__attribute__((target("avx2"))) void eval_patch_avx2(const double* n00, std::size_t row, double t,
                                                     double u, double* f) {
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

PatchKernel choose_patch_kernel() {
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

// Slopes from node values, second order (cp, cv, w along the saturation curve).
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

}  // namespace

// =======================================================================================
struct TabulatedFluid::Tables {
  double Tc = 0, inv_Tc = 0, pc = 0, ln_pc = 0;
  bool pseudo = false;
  TableEnvelope env;
  double warp = 1.0;  // a of y = η (a + (1 − a) η); then 4 (1 − a) and 1 / (2 (1 − a))
  double warp_4b = 0.0, warp_k = 0.0;
  PatchKernel patch = choose_patch_kernel();

  Table1D satT;
  Table1D satP;
  bool has_sub = false;
  double p_sub_max = 0;
  bool has_sup = false;
  double p_sup_min = 0;
  // The edges alone, [below pc | above pc][h | s], each four functions (E_*): small enough
  // to stay in cache, so that a (p, h) or (p, s) call waits for memory only once.
  EdgeTable edges[2][2];
  // [below pc | above pc][h | s][liquid(-like) | gas(-like)]
  Table2D regions[2][2][2];

  // (T, p) below pc: h, ρ, s, w, cp, cv over (z, η), η a normalised temperature from the
  // saturation curve (η = 0) to T_min or T_max (η = 1), on the z nodes of the subcritical
  // tables; built on first use (build_T_p) from the saturated states kept here.
  struct TpSeed {
    std::vector<double> z, p, dpdz, dTL, dTV;  // per z node; dT/dz along bubble and dew
    std::vector<Point> L, V;                   // saturated liquid and vapour
  } tp_seed;
  mutable std::atomic<bool> tp_ready{false};
  mutable std::mutex tp_mutex;
  mutable Table2D tp[2];  // [liquid | gas]
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
  static bool saturated(double T, double p, double v, double h, double s, double icp, double icv,
                        double w, bool vapour, Out& st) {
    if (!(icp > 0 && icv > 0 && w > 0)) return false;
    st.T = T;
    st.p = p;
    st.rho = 1.0 / v;
    st.h = h;
    st.s = s;
    st.u = h - p * v;
    st.cp = 1.0 / icp;
    st.cv = 1.0 / icv;
    st.w = w;
    st.Q = vapour ? 1.0 : 0.0;
    st.props = st.quality = true;
    st.phase = Phase::two_phase;
    return true;
  }

  bool sat_p_side(int c, double u, double p, bool vapour, Out& st) const {
    const auto v = [&](int k) { return satP.value(c, u, k); };
    if (vapour) {
      return saturated(v(P_TV), p, v(P_vV), v(P_hV), v(P_sV), v(P_icpV), v(P_icvV), v(P_wV), true,
                       st);
    }
    return saturated(v(P_TL), p, v(P_vL), v(P_hL), v(P_sL), v(P_icpL), v(P_icvL), v(P_wL), false,
                     st);
  }

  // Two-phase mixture as Fluid::two_phase_mix forms it (v: specific volumes).
  static void mix(double TL, double TV, double pL, double pV, double vL, double vV, double hL,
                  double hV, double sL, double sV, double Q, Out& st) {
    st.T = TL + Q * (TV - TL);
    st.p = pL + Q * (pV - pL);
    st.rho = 1.0 / (vL + Q * (vV - vL));
    st.h = hL + Q * (hV - hL);
    st.s = sL + Q * (sV - sL);
    const double uL = hL - pL * vL, uV = hV - pV * vV;
    st.u = uL + Q * (uV - uL);
    st.Q = Q;
    st.props = false;
    st.quality = true;
    st.phase = Phase::two_phase;
  }

  bool two_phase_p(int c, double u, double p, double Q, Out& st) const {
    if (Q == 0.0) return sat_p_side(c, u, p, false, st);
    if (Q == 1.0) return sat_p_side(c, u, p, true, st);
    const auto v = [&](int k) { return satP.value(c, u, k); };
    mix(v(P_TL), v(P_TV), p, p, v(P_vL), v(P_vV), v(P_hL), v(P_hV), v(P_sL), v(P_sV), Q, st);
    return true;
  }

  bool at_p_Q(double p, double Q, Out& st) const {
    if (!(p >= env.p_sat_min && p <= env.p_sat_max) || !(Q >= 0.0 && Q <= 1.0)) return false;
    const double z = std::sqrt(std::max(0.0, ln_pc - std::log(p)));
    int c;
    double u;
    satP.locate(z, c, u);
    return two_phase_p(c, u, p, Q, st);
  }

  bool at_T_Q(double T, double Q, Out& st) const {
    if (!(T >= env.T_sat_min && T <= env.T_sat_max) || !(Q >= 0.0 && Q <= 1.0)) return false;
    if (pseudo && Q != 0.0 && Q != 1.0) return false;  // Fluid says why
    const double z = std::sqrt((Tc - T) * inv_Tc);
    int c;
    double u;
    satT.locate(z, c, u);
    const auto v = [&](int k) { return satT.value(c, u, k); };
    if (Q == 0.0) {
      return saturated(T, v(T_pL), v(T_vL), v(T_hL), v(T_sL), v(T_icpL), v(T_icvL), v(T_wL), false,
                       st);
    }
    if (Q == 1.0) {
      return saturated(T, v(T_pV), v(T_vV), v(T_hV), v(T_sV), v(T_icpV), v(T_icvV), v(T_wV), true,
                       st);
    }
    const double p = v(T_pL);
    mix(T, T, p, p, v(T_vL), v(T_vV), v(T_hL), v(T_hV), v(T_sL), v(T_sV), Q, st);
    return true;
  }

  // Single-phase (T, p) below pc from the (T, p) tables (the caller has built them); false
  // in the two-phase region, outside the envelope and in the band around pc.
  bool at_T_p(double T, double p, Out& st) const {
    if (!(p >= env.p_min && p <= tp_p_max) || !(T >= env.T_min && T <= env.T_max)) return false;
    const double z = std::sqrt(std::max(0.0, ln_pc - std::log(p)));
    int c;
    double cu;
    satP.locate(z, c, cu);
    const double TL = satP.value(c, cu, P_TL), TV = satP.value(c, cu, P_TV);
    int side;
    double y;
    if (T > TV) {
      side = 1;
      y = (T - TV) / (env.T_max - TV);
    } else if (T < TL) {
      side = 0;
      y = (TL - T) / (TL - env.T_min);
    } else {
      return false;  // two-phase, or on the curve: the saturated state is the caller's
    }
    if (!(y >= 0.0 && y <= 1.0)) return false;
    const double eta = warp == 1.0 ? y : (std::sqrt(warp * warp + warp_4b * y) - warp) * warp_k;
    const Table2D& tb = tp[side];
    double t, u;
    const double* n0 = tb.locate(z, eta, t, u);
    double f[kF];
    patch(n0, tb.row(), t, u, f);
    const double h = f[F_T], rho = f[F_rho], s = f[F_y], w = f[F_w], cp = f[F_cp], cv = f[F_cv];
    if (!(rho > 0 && cp > 0 && cv > 0 && w > 0)) return false;  // never, by the tests
    st.T = T;
    st.p = p;
    st.rho = rho;
    st.h = h;
    st.s = s;
    st.u = h - p / rho;
    st.cp = cp;
    st.cv = cv;
    st.w = w;
    st.props = true;
    st.quality = false;
    st.phase = side == 0 ? Phase::liquid : (T >= Tc ? Phase::supercritical_gas : Phase::gas);
    return true;
  }

  // One pressure's share of (p, h) lookups: false where flash<0> would decline at any h.
  bool isobar(double p, TabulatedFluid::Isobar& iso) const {
    const int sup = p >= pc;
    if (!(p >= env.p_min && p <= env.p_max) || (sup ? !(p >= p_sup_min) : !(p <= env.p_sat_max)))
      return false;
    const EdgeTable& E = edges[sup][0];
    iso.z_ = std::sqrt(std::fabs(std::log(p) - ln_pc));
    E.locate(iso.z_, iso.cell_, iso.ce_);
    E.values(iso.cell_, iso.ce_, iso.e_);
    iso.sup_ = sup;
    if (!sup) {
      iso.TL_ = satP.value(iso.cell_, iso.ce_, P_TL);
      iso.TV_ = satP.value(iso.cell_, iso.ce_, P_TV);
    }
    return true;
  }

  // T at (p, h) on an isobar, as flash<0> gives it, only T's patch evaluated; NaN where
  // flash<0> would decline.
  double isobar_T(const TabulatedFluid::Isobar& iso, double x) const {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    if (!std::isfinite(x)) return kNaN;
    const double* e = iso.e_;
    const double S_lo = e[E_Slo], S_hi = e[E_Shi];
    const int sup = iso.sup_;
    if (!sup && x >= S_lo && x <= S_hi) {
      const double Q = (x - S_lo) / (S_hi - S_lo);
      return Q == 1.0 ? iso.TV_ : iso.TL_ + Q * (iso.TV_ - iso.TL_);
    }
    if (!sup && iso.p_ > p_sub_max) return kNaN;
    const int side = x > S_hi;
    const double S = e[2 * side], y = (x - S) / (e[2 * side + 1] - S);
    if (!(y >= 0.0 && y <= 1.0)) return kNaN;
    const double eta = warp == 1.0 ? y : (std::sqrt(warp * warp + warp_4b * y) - warp) * warp_k;
    const Table2D& tb = regions[sup][0][side];
    double t, u;
    const double* n00 = tb.locate(iso.z_, eta, t, u);
    const double* n01 = n00 + kStride;
    const double* n10 = n00 + tb.row();
    const double* n11 = n10 + kStride;
    const Basis q(t, u);
    constexpr int o = F_T;
    const double V0 =
        n00[o + kV] * q.a0 + n01[o + kV] * q.a1 + n00[o + kU] * q.b0 + n01[o + kU] * q.b1;
    const double V1 =
        n10[o + kV] * q.a0 + n11[o + kV] * q.a1 + n10[o + kU] * q.b0 + n11[o + kU] * q.b1;
    const double W0 =
        n00[o + kT] * q.a0 + n01[o + kT] * q.a1 + n00[o + kTU] * q.b0 + n01[o + kTU] * q.b1;
    const double W1 =
        n10[o + kT] * q.a0 + n11[o + kT] * q.a1 + n10[o + kTU] * q.b0 + n11[o + kTU] * q.b1;
    const double T = V0 * q.A0 + V1 * q.A1 + W0 * q.B0 + W1 * q.B1;
    return T > 0.0 ? T : kNaN;
  }

  // (p, h) for X = 0, (p, s) for X = 1. The region (liquid, vapour, or either side of the
  // critical isochore above pc) is chosen by index arithmetic rather than branches: in a
  // cycle calculation the region of successive calls changes at random.
  template <int X>
  bool flash(double p, double x, Out& st) const {
    if (!(p >= env.p_min && p <= env.p_max) || !std::isfinite(x)) return false;
    const int sup = p >= pc;
    if (sup ? !(p >= p_sup_min) : !(p <= env.p_sat_max)) return false;  // the band around pc
    const EdgeTable& E = edges[sup][X];
    const double z = std::sqrt(std::fabs(std::log(p) - ln_pc));
    int c;
    double ce;  // position in the edges' cell
    E.locate(z, c, ce);
    double e[kEdges];
    E.values(c, ce, e);
    const double S_lo = e[E_Slo], S_hi = e[E_Shi];
    if (!sup && x >= S_lo && x <= S_hi)
      return two_phase_p(c, ce, p, (x - S_lo) / (S_hi - S_lo), st);
    if (!sup && p > p_sub_max) return false;  // the band around pc
    const int side = x > S_hi;
    const double S = e[2 * side], y = (x - S) / (e[2 * side + 1] - S);
    if (!(y >= 0.0 && y <= 1.0)) return false;  // beyond T_min or T_max
    const Table2D* tb = &regions[sup][X][side];
    // η from y = η (a + (1 − a) η): the nodes (uniform in η) cluster at the phase boundary
    // y = 0. Written without a division; near y = 0 the difference loses digits of η, not of
    // the result (η is a cell coordinate, needed only to ~1e-16 absolute).
    const double eta = warp == 1.0 ? y : (std::sqrt(warp * warp + warp_4b * y) - warp) * warp_k;
    double t, u;
    const double* n0 = tb->locate(z, eta, t, u);
    double f[kF];
    patch(n0, tb->row(), t, u, f);
    const double T = f[F_T], rho = f[F_rho], cp = f[F_cp], cv = f[F_cv], w = f[F_w];
    if (!(T > 0 && rho > 0 && cp > 0 && cv > 0 && w > 0)) return false;  // never, by the tests
    st.T = T;
    st.p = p;
    st.rho = rho;
    if constexpr (X == 0) {
      st.h = x;
      st.s = f[F_y];
    } else {
      st.h = f[F_y];
      st.s = x;
    }
    st.u = st.h - p / rho;
    st.cp = cp;
    st.cv = cv;
    st.w = w;
    st.props = true;
    st.quality = false;
    // As Fluid classifies: [above pc][gas side][T ≥ Tc].
    static constexpr Phase kPhase[2][2][2] = {
        {{Phase::liquid, Phase::liquid}, {Phase::gas, Phase::supercritical_gas}},
        {{Phase::supercritical_liquid, Phase::supercritical},
         {Phase::supercritical_liquid, Phase::supercritical}}};
    st.phase = kPhase[sup][side][T >= Tc];
    return true;
  }
};

namespace {

// The nodes of a 2-D table from values and first derivatives F, F_z, F_η of its functions
// (kF per node, row-major over z then η): the cross derivatives are the mean of the two
// second-order difference quotients.
void fill_nodes(Table2D& t, const std::vector<double>& F, const std::vector<double>& Fz,
                const std::vector<double>& Fe) {
  const int nz = t.nz, ne = t.ne;
  const double dz = t.dz, de = 1.0 / (ne - 1);
  auto diff = [](const std::vector<double>& g, std::size_t at, std::size_t step, int idx, int n) {
    if (idx == 0) return (-3.0 * g[at] + 4.0 * g[at + step] - g[at + 2 * step]) / 2.0;
    if (idx == n - 1) return (3.0 * g[at] - 4.0 * g[at - step] + g[at - 2 * step]) / 2.0;
    return (g[at + step] - g[at - step]) / 2.0;
  };
  t.v.assign(static_cast<std::size_t>(nz) * ne * kStride, 0.0);
  for (int i = 0; i < nz; ++i) {
    for (int j = 0; j < ne; ++j) {
      const std::size_t node = static_cast<std::size_t>(i) * ne + j;
      for (int k = 0; k < kF; ++k) {
        const std::size_t at = node * kF + k;
        const double cross_a = diff(Fe, at, static_cast<std::size_t>(ne) * kF, i, nz) / dz;
        const double cross_b = diff(Fz, at, kF, j, ne) / de;
        double* o = &t.v[node * kStride + k];
        o[kV] = F[at];
        o[kT] = Fz[at] * dz;
        o[kU] = Fe[at] * de;
        o[kTU] = 0.5 * (cross_a + cross_b) * dz * de;
      }
    }
  }
}

// The (T, p) tables of Tables::at_T_p, from the saturated states the pressure tables kept:
// at each z node, T runs from the saturation temperature Tb (η = 0) to the outer edge To
// (T_min for the liquid, T_max for the gas): T = Tb + y (To − Tb), y = η (a + (1 − a) η) as
// in the (p, h) tables. Each node is the equation at (T, p), solved for ρ from its
// neighbour towards the saturation curve; the node derivatives of h, ρ, s come from the
// equation, those of w, cp, cv from central differences in (T, ρ), as in build_region.
void build_T_p(const Fluid& f, const TabulatedFluid::Tables& tb, int ne, double a) {
  const Eos eos(f);
  const auto& sd = tb.tp_seed;
  // The z nodes from the last one at or above tp_p_max (nodes run downwards in pressure).
  int i0 = 0;
  while (i0 + 3 < static_cast<int>(sd.z.size()) && sd.p[i0 + 1] >= tb.tp_p_max) ++i0;
  const int nz = static_cast<int>(sd.z.size()) - i0;
  const double de = 1.0 / (ne - 1);
  for (int side = 0; side < 2; ++side) {
    Table2D& t = tb.tp[side];
    t.nz = nz;
    t.ne = ne;
    t.z0 = sd.z[i0];
    t.dz = sd.z[1] - sd.z[0];
    t.inv_dz = 1.0 / t.dz;
    const std::size_t N = static_cast<std::size_t>(nz) * ne;
    std::vector<double> F(N * kF), Fz(N * kF), Fe(N * kF);
    const double To = side == 0 ? tb.env.T_min : tb.env.T_max;
    for (int i = 0; i < nz; ++i) {
      const int g = i0 + i;  // seed index
      const double p = sd.p[g];
      const Point& bnd = side == 0 ? sd.L[g] : sd.V[g];
      const double Tb = bnd.T, dTb = side == 0 ? sd.dTL[g] : sd.dTV[g];
      Point q = bnd;
      for (int j = 0; j < ne; ++j) {
        const double eta = j * de;
        const double y = eta * (a + (1.0 - a) * eta), Wp = a + 2.0 * (1.0 - a) * eta;
        const double T = j == ne - 1 ? To : Tb + y * (To - Tb);
        if (j > 0) {
          const double rho0 = q.rho * (1.0 - q.PT / (q.rho * q.Prho) * (T - q.T));
          q = eos.solve_T_p(T, p, rho0 > 0.0 ? rho0 : q.rho);
        }
        const double rT = -q.PT / q.Prho, rp = 1.0 / q.Prho;  // (∂ρ/∂T)_p, (∂ρ/∂p)_T
        const double hT = 1e-6 * q.T, hr = 1e-6 * q.rho;
        const Point Tp = eos.at(q.T + hT, q.rho), Tm = eos.at(q.T - hT, q.rho);
        const Point rp1 = eos.at(q.T, q.rho + hr), rm1 = eos.at(q.T, q.rho - hr);
        auto slopes = [&](double Point::*m, double& f_p, double& f_T) {
          const double fT = (Tp.*m - Tm.*m) / (2.0 * hT), fr = (rp1.*m - rm1.*m) / (2.0 * hr);
          f_p = fr * rp;
          f_T = fT + fr * rT;
        };
        double w_p, w_T, cp_p, cp_T, cv_p, cv_T;
        slopes(&Point::w, w_p, w_T);
        slopes(&Point::cp, cp_p, cp_T);
        slopes(&Point::cv, cv_p, cv_T);
        const double T_z = dTb * (1.0 - y), T_e = (To - Tb) * Wp;  // T over (z, η)
        const std::size_t b = (static_cast<std::size_t>(i) * ne + j) * kF;
        // In the kernel's order: h in T's place, ρ, s in the third's.
        const double vals[kF] = {q.h, q.rho, q.s, q.w, q.cp, q.cv};
        const double fp[kF] = {q.Hrho * rp, rp, q.Srho * rp, w_p, cp_p, cv_p};
        const double fT[kF] = {q.HT + q.Hrho * rT, rT, q.ST + q.Srho * rT, w_T, cp_T, cv_T};
        for (int k = 0; k < kF; ++k) {
          F[b + k] = vals[k];
          Fz[b + k] = fp[k] * sd.dpdz[g] + fT[k] * T_z;
          Fe[b + k] = fT[k] * T_e;
        }
      }
    }
    fill_nodes(t, F, Fz, Fe);
  }
}

// =======================================================================================
// Building.
class Builder {
 public:
  Builder(const Fluid& f, TabulatedFluid::Tables& tb, TableStats& stats)
      : f_(f), in_(f.info()), eos_(f), tb_(tb), stats_(stats) {}

  void run() {
    tb_.Tc = in_.T_crit;
    tb_.inv_Tc = 1.0 / in_.T_crit;
    tb_.pc = in_.p_crit;
    tb_.ln_pc = std::log(in_.p_crit);
    tb_.pseudo = in_.pseudo_pure;
    tb_.warp = res_.warp;
    tb_.warp_4b = 4.0 * (1.0 - res_.warp);
    tb_.warp_k = res_.warp == 1.0 ? 0.0 : 0.5 / (1.0 - res_.warp);
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
  const Resolution res_{};
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
      v[T_pL] = sat.liquid.p;
      v[T_pV] = sat.vapor.p;
      v[T_vL] = 1.0 / L.rho;
      v[T_vV] = 1.0 / V.rho;
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
      d[T_pL] = dpL * dTdz;
      d[T_pV] = dpV * dTdz;
      d[T_vL] = -drL / (L.rho * L.rho) * dTdz;
      d[T_vV] = -drV / (V.rho * V.rho) * dTdz;
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

  // The edge columns 4X + E_* of a table of K functions, as two tables of their own (same
  // grid and node data, hence the same values).
  void build_edges(EdgeTable (&out)[2], double z0, double dz, int n, int K,
                   const std::vector<double>& val, const std::vector<double>& der) {
    for (int X = 0; X < 2; ++X) {
      std::vector<double> v(n * kEdges), d(n * kEdges);
      for (int i = 0; i < n; ++i) {
        for (int k = 0; k < kEdges; ++k) {
          v[i * kEdges + k] = val[i * K + 4 * X + k];
          d[i * kEdges + k] = der[i * K + 4 * X + k];
        }
      }
      out[X].build(z0, dz, n, v, d);
      stats_.bytes += out[X].bytes();
    }
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
      v[P_vL] = 1.0 / L.rho;
      v[P_vV] = 1.0 / V.rho;
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
      d[P_vL] = -drL / (L.rho * L.rho) * dpdz[i];
      d[P_vV] = -drV / (V.rho * V.rho) * dpdz[i];
    }
    for (int k : {P_icpL, P_icpV, P_icvL, P_icvV, P_wL, P_wV}) fd_slopes(val, der, n, K, k, dz);
    tb_.satP.build(z0, dz, n, K, val, der);
    build_edges(tb_.edges[0], z0, dz, n, K, val, der);
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
    tb_.tp_p_max = std::min(tb_.p_sub_max, TabulatedFluid::Tables::kTpMaxReduced * pc);
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
        S[i] = v[4 * X + E_Slo];
        dS[i] = d[4 * X + E_Slo];
        Sv[i] = v[4 * X + E_Shi];
        dSv[i] = d[4 * X + E_Shi];
        Olo[i] = v[4 * X + E_Olo];
        dOlo[i] = d[4 * X + E_Olo];
        Ohi[i] = v[4 * X + E_Ohi];
        dOhi[i] = d[4 * X + E_Ohi];
      }
      const std::vector<double> zz = pick(zs), pp = pick(ps), dp = pick(dpdz);
      build_region(tb_.regions[0][X][0], X, -1.0, zz, pp, dp, L, S, dS, lo, Olo, dOlo);
      build_region(tb_.regions[0][X][1], X, 1.0, zz, pp, dp, V, Sv, dSv, hi, Ohi, dOhi);
    }
    TabulatedFluid::Tables::TpSeed& seed = tb_.tp_seed;
    seed.z = pick(zs);
    seed.p = pick(ps);
    seed.dpdz = pick(dpdz);
    seed.L = pick(bl);
    seed.V = pick(bv);
    for (int i : idx) {
      seed.dTL.push_back(der[i * K + P_TL]);
      seed.dTV.push_back(der[i * K + P_TV]);
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
        double* v = &val[i * kSup + 4 * X];
        double* d = &der[i * kSup + 4 * X];
        v[E_Slo] = v[E_Shi] = split[i].x(X);
        v[E_Olo] = lo[i].x(X);
        v[E_Ohi] = hi[i].x(X);
        d[E_Slo] = d[E_Shi] = split[i].xT(X) / split[i].PT * dpdz[i];  // along ρ = ρc
        d[E_Olo] = lo[i].xrho(X) / lo[i].Prho * dpdz[i];
        d[E_Ohi] = hi[i].xrho(X) / hi[i].Prho * dpdz[i];
      }
    }
    build_edges(tb_.edges[1], z0, dz, m, kSup, val, der);
    tb_.p_sup_min = ps[0];
    tb_.env.p_gap_max = ps[0];
    if (!tb_.has_sub) tb_.env.p_gap_min = tb_.env.p_sat_max;
    stats_.nodes += m;
    for (int X = 0; X < 2; ++X) {
      std::vector<double> S(m), dS(m), Olo(m), dOlo(m), Ohi(m), dOhi(m);
      for (int i = 0; i < m; ++i) {
        S[i] = val[i * kSup + 4 * X + E_Slo];
        dS[i] = der[i * kSup + 4 * X + E_Slo];
        Olo[i] = val[i * kSup + 4 * X + E_Olo];
        dOlo[i] = der[i * kSup + 4 * X + E_Olo];
        Ohi[i] = val[i * kSup + 4 * X + E_Ohi];
        dOhi[i] = der[i * kSup + 4 * X + E_Ohi];
      }
      build_region(tb_.regions[1][X][0], X, -1.0, zs, ps, dpdz, split, S, dS, lo, Olo, dOlo);
      build_region(tb_.regions[1][X][1], X, 1.0, zs, ps, dpdz, split, S, dS, hi, Ohi, dOhi);
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
    // Values and derivatives f_z, f_η of the six functions (T, ρ, third, w, cp, cv), in their
    // storage order, at every node.
    const std::size_t N = static_cast<std::size_t>(nz) * ne;
    std::vector<double> F(N * kF), Fz(N * kF), Fe(N * kF);
    const int Y = 1 - X;  // the other of h, s
    for (int i = 0; i < nz; ++i) {
      const double D = sigma * (O[i] - S[i]), dD = sigma * (dO[i] - dS[i]);
      const double p = ps[i];
      Point q = bnd[i];
      for (int j = 0; j < ne; ++j) {
        const double eta = j * de;
        const double y = eta * (a + (1.0 - a) * eta), Wp = a + 2.0 * (1.0 - a) * eta;  // y, dy/dη
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
        // cp, cv, w: their (T, ρ) slopes by central differences of the equation, then the chain
        // rule to (p, x) (their exact slopes would need third derivatives of α).
        const double hT = 1e-6 * q.T, hr = 1e-6 * q.rho;
        const Point Tp = eos_.at(q.T + hT, q.rho), Tm = eos_.at(q.T - hT, q.rho);
        const Point rp = eos_.at(q.T, q.rho + hr), rm = eos_.at(q.T, q.rho - hr);
        auto slopes = [&](double Point::*m, double& f_p, double& f_x) {
          const double fT = (Tp.*m - Tm.*m) / (2.0 * hT), fr = (rp.*m - rm.*m) / (2.0 * hr);
          f_p = fT * T_p + fr * r_p;
          f_x = fT * T_x + fr * r_x;
        };
        double w_p, w_x, cp_p, cp_x, cv_p, cv_x;
        slopes(&Point::w, w_p, w_x);
        slopes(&Point::cp, cp_p, cp_x);
        slopes(&Point::cv, cv_p, cv_x);
        const std::size_t b = (static_cast<std::size_t>(i) * ne + j) * kF;
        const double vals[kF] = {q.T, q.rho, q.x(Y), q.w, q.cp, q.cv};
        const double fp[kF] = {T_p, r_p, y_p, w_p, cp_p, cv_p},
                     fx[kF] = {T_x, r_x, y_x, w_x, cp_x, cv_x};
        for (int k = 0; k < kF; ++k) {
          F[b + k] = vals[k];
          Fz[b + k] = fp[k] * dpdz[i] + fx[k] * x_z;
          Fe[b + k] = fx[k] * x_e;
        }
      }
    }
    fill_nodes(t, F, Fz, Fe);
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

void TabulatedFluid::ensure_T_p() const {
  const Tables& tb = *tables_;  // the (T, p) members are mutable, guarded by tp_mutex
  std::lock_guard<std::mutex> lock(tb.tp_mutex);
  if (tb.tp_ready.load(std::memory_order_relaxed)) return;
  const auto start = std::chrono::steady_clock::now();
  if (tb.has_sub) {
    const Resolution res{};
    build_T_p(*exact_, tb, res.eta, res.warp);
    tb.tp_bytes = (tb.tp[0].v.size() + tb.tp[1].v.size()) * sizeof(double);
  }
  tb.tp_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  tb.tp_ready.store(true, std::memory_order_release);
}

bool TabulatedFluid::try_T_p(double T, double p, State& out) const {
  if (!tables_->tp_ready.load(std::memory_order_acquire)) ensure_T_p();
  if (!tables_->has_sub) return false;
  Out o;
  if (!tables_->at_T_p(T, p, o)) return false;
  out = o.state();
  return true;
}

TpTableStats TabulatedFluid::T_p_stats() const {
  if (!tables_->tp_ready.load(std::memory_order_acquire)) ensure_T_p();
  const Tables& tb = *tables_;
  return {tb.tp_seconds, static_cast<std::size_t>(tb.tp[0].nz) * tb.tp[0].ne * 2, tb.tp_bytes,
          tb.has_sub ? tb.tp_p_max : 0.0};
}

State TabulatedFluid::at_p_h(double p, double h) const {
  Out o;
  if (tables_->flash<0>(p, h, o)) return o.state();
  return exact_->at_p_h(p, h);
}

TabulatedFluid::Isobar TabulatedFluid::isobar(double p) const {
  Isobar iso;
  iso.f_ = this;
  iso.p_ = p;
  iso.tabulated_ = tables_->isobar(p, iso);
  return iso;
}

bool TabulatedFluid::Isobar::saturated_h(double& h_liquid, double& h_vapour) const {
  if (!tabulated_ || sup_) return false;
  h_liquid = e_[E_Slo];
  h_vapour = e_[E_Shi];
  return true;
}

double TabulatedFluid::Isobar::T(double h) const {
  if (tabulated_) {
    const double T = f_->tables_->isobar_T(*this, h);
    if (!std::isnan(T)) return T;
  }
  return f_->at_p_h(p_, h).T;  // as at_p_h answers, or fails
}

State TabulatedFluid::at_p_s(double p, double s) const {
  Out o;
  if (tables_->flash<1>(p, s, o)) return o.state();
  return exact_->at_p_s(p, s);
}

State TabulatedFluid::at_T_Q(double T, double Q) const {
  Out o;
  if (tables_->at_T_Q(T, Q, o)) return o.state();
  return exact_->at_T_Q(T, Q);
}

State TabulatedFluid::at_p_Q(double p, double Q) const {
  Out o;
  if (tables_->at_p_Q(p, Q, o)) return o.state();
  return exact_->at_p_Q(p, Q);
}

}  // namespace heatlift::fluids
