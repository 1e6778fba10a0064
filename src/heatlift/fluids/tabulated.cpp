// The fast backend: see tabulated.hpp for what is tabulated and how; the tables and their
// kernels are in tabulated_tables.hpp, their construction in tabulated_build.cpp. Here: the
// queries, each answered from the tables inside their envelope and by Fluid outside it.
#include <cmath>
#include <limits>
#include <mutex>

#include "heatlift/fluids/tabulated.hpp"
#include "heatlift/fluids/tabulated_tables.hpp"

namespace heatlift::fluids {

using namespace tables;

inline bool TabulatedFluid::Tables::saturated(double T, double p, double v, double h, double s,
                                              double icp, double icv, double w, bool vapour,
                                              Out& st) {
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

inline bool TabulatedFluid::Tables::sat_p_side(int c, double u, double p, bool vapour,
                                               Out& st) const {
  const auto v = [&](int k) { return satP.value(c, u, k); };
  if (vapour) {
    return saturated(v(P_TV), p, v(P_vV), v(P_hV), v(P_sV), v(P_icpV), v(P_icvV), v(P_wV), true,
                     st);
  }
  return saturated(v(P_TL), p, v(P_vL), v(P_hL), v(P_sL), v(P_icpL), v(P_icvL), v(P_wL), false, st);
}

inline void TabulatedFluid::Tables::mix(double TL, double TV, double pL, double pV, double vL,
                                        double vV, double hL, double hV, double sL, double sV,
                                        double Q, Out& st) {
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

inline bool TabulatedFluid::Tables::two_phase_p(int c, double u, double p, double Q,
                                                Out& st) const {
  if (Q == 0.0) return sat_p_side(c, u, p, false, st);
  if (Q == 1.0) return sat_p_side(c, u, p, true, st);
  const auto v = [&](int k) { return satP.value(c, u, k); };
  mix(v(P_TL), v(P_TV), p, p, v(P_vL), v(P_vV), v(P_hL), v(P_hV), v(P_sL), v(P_sV), Q, st);
  return true;
}

inline bool TabulatedFluid::Tables::at_p_Q(double p, double Q, Out& st) const {
  if (!(p >= env.p_sat_min && p <= env.p_sat_max) || !(Q >= 0.0 && Q <= 1.0)) return false;
  const double z = std::sqrt(std::max(0.0, ln_pc - std::log(p)));
  int c;
  double u;
  satP.locate(z, c, u);
  return two_phase_p(c, u, p, Q, st);
}

inline bool TabulatedFluid::Tables::at_T_Q(double T, double Q, Out& st) const {
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

inline bool TabulatedFluid::Tables::at_T_p(double T, double p, Out& st) const {
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

inline bool TabulatedFluid::Tables::isobar(double p, TabulatedFluid::Isobar& iso) const {
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

inline double TabulatedFluid::Tables::isobar_T(const TabulatedFluid::Isobar& iso, double x) const {
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

template <int X>
inline bool TabulatedFluid::Tables::flash(double p, double x, Out& st) const {
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
  if (!sup && x >= S_lo && x <= S_hi) return two_phase_p(c, ce, p, (x - S_lo) / (S_hi - S_lo), st);
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

// =======================================================================================
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
