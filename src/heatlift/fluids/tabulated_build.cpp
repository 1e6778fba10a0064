// The fast backend's tables (tabulated_tables.hpp), built from the exact equation of state:
// the saturation tables by temperature and by pressure, the single-phase regions below and
// above the critical pressure, and the (T, p) tables on first use.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <string>
#include <vector>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/tabulated.hpp"
#include "heatlift/fluids/tabulated_tables.hpp"

namespace heatlift::fluids {

using namespace tables;

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
  //
  // The table's nodes, marched upwards in pressure together with the edges at T_min and
  // T_max, and the states at each that the subcritical single-phase tables are built from.
  struct SatPNodes {
    int n = 0;
    double z0 = 0, dz = 0;
    std::vector<double> val, der;         // kSatP functions per node: values, z-slopes
    std::vector<Point> bl, bv, olo, ohi;  // saturated liquid and vapour; edges at T_min, T_max
    std::vector<double> zs, ps, dpdz;     // z, p and dp/dz per node
  };

  void build_sat_P() {
    const SatPNodes nodes = sat_P_nodes();
    const int K = kSatP;
    tb_.satP.build(nodes.z0, nodes.dz, nodes.n, K, nodes.val, nodes.der);
    build_edges(tb_.edges[0], nodes.z0, nodes.dz, nodes.n, K, nodes.val, nodes.der);
    stats_.nodes += nodes.n;
    stats_.bytes += tb_.satP.bytes();
    build_sub(nodes);
  }

  SatPNodes sat_P_nodes() {
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
      sat_dT_dp(L, V, p, dTL, dTV);
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
    return {n,
            z0,
            dz,
            std::move(val),
            std::move(der),
            std::move(bl),
            std::move(bv),
            std::move(olo),
            std::move(ohi),
            std::move(zs),
            std::move(ps),
            std::move(dpdz)};
  }

  // dT/dp along the bubble and dew curves at p, from the saturated liquid L and vapour V:
  // Clapeyron for a pure fluid, differences of the ancillaries for a blend.
  void sat_dT_dp(const Point& L, const Point& V, double p, double& dTL, double& dTV) const {
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
  }

  // Subcritical single-phase tables on every m_fine-th node (counted from p_min) that lies
  // at least `band` below pc, and the seed of the (T, p) tables.
  void build_sub(const SatPNodes& nodes) {
    const int m_fine = res_.sat_P;
    const int n = nodes.n;
    const int K = kSatP;
    const double pc = in_.p_crit;
    const std::vector<double>& val = nodes.val;
    const std::vector<double>& der = nodes.der;
    const std::vector<Point>& bl = nodes.bl;
    const std::vector<Point>& bv = nodes.bv;
    const std::vector<Point>& olo = nodes.olo;
    const std::vector<Point>& ohi = nodes.ohi;
    const std::vector<double>& zs = nodes.zs;
    const std::vector<double>& ps = nodes.ps;
    const std::vector<double>& dpdz = nodes.dpdz;
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

}  // namespace heatlift::fluids
