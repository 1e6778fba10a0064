// TabulatedFluid: the fast backend. Tables built once from the exact equation of state
// (Fluid) answer the hot input pairs of cycle calculations in tens to a hundred-odd
// nanoseconds, with a bounded, measured error (tests/fluids/tabulated_test.cpp prints it per
// fluid and property; worst ~1e-6 relative in T, ρ, h, s against a bound of 1e-5).
//
// What is tabulated, over the envelope of heat-pump cycles (stats().envelope):
//   at_T_Q           1-D cubic Hermite tables over z = sqrt(1 − T/Tc) of the saturated
//                    liquid and vapour (p, v, h, s; cp, cv, w for Q = 0 or 1);
//   at_p_Q           the same over z = sqrt(ln(pc/p)) (T bubble and dew, v, h, s, ...);
//   at_p_h, at_p_s   two-phase states by the lever rule on the at_p_Q table (for the
//                    pseudo-pure blends T linear in Q between bubble and dew, as Fluid does);
//                    single-phase states from bicubic Hermite patches of T, ρ, s (resp. h),
//                    w, cp and cv over (z, η): z from the pressure as above (above pc,
//                    z = sqrt(ln(p/pc))), η a normalised enthalpy (entropy) measured from the
//                    phase boundary (below pc the saturation curve, above pc the critical
//                    isochore ρ = ρc) to the table's edge at T_min or T_max, with nodes
//                    closer together at the boundary, so that no patch straddles the dome.
//                    Node derivatives of T, ρ, h, s come from the equation itself
//                    (∂T/∂h|p = 1/cp, ...), those of w, cp, cv from central differences of
//                    the equation in (T, ρ); only the cross derivatives are differences on
//                    the grid. Cell lookup is O(1) (uniform axes in the transformed
//                    coordinates).
//   try_T_p          single-phase states below pc from bicubic Hermite patches of h, ρ, s,
//                    w, cp, cv over (z, η) on the z nodes of the subcritical tables, η a
//                    normalised temperature from the saturation curve to T_min or T_max
//                    (warped as above); built on first use, since only the cycle solver asks.
//
// Everything else is delegated to the exact backend, without added error: at_T_p, at_T_rho,
// saturation_at_T, saturation_at_p; any request outside the envelope, including single-phase
// states in a band of pressures around pc (TableEnvelope::p_gap_*) and saturation within
// 0.01 K of Tc (1 K for the blends); any invalid input, which therefore fails exactly as
// Fluid fails; and the two-phase at_T_Q of a pseudo-pure blend (refused by Fluid too). A
// table never extrapolates, never clamps an input and never returns a NaN: an interpolated
// state that is not physical (never seen in the tests) is also asked of Fluid.
//
// Immutable after construction; share between threads. Build it through
// FluidLibrary::fast(), which builds once per fluid and caches.
#pragma once

#include <cstddef>
#include <memory>

#include "heatlift/fluids/fluid.hpp"
#include "heatlift/fluids/properties.hpp"

namespace heatlift::fluids {

/// The region the tables cover. Inside it the tables answer; outside, Fluid does.
struct TableEnvelope {
  double T_sat_min = 0.0;  ///< K: at_T_Q from the tables for T_sat_min ≤ T ≤ T_sat_max
  double T_sat_max = 0.0;  ///< K (Tc − 0.01 K where Tc is below 90 °C; Tc − 1 K for blends)
  double p_sat_min = 0.0;  ///< Pa: at_p_Q and two-phase (p,h), (p,s) for p_sat_min ≤ p ≤ p_sat_max
  double p_sat_max = 0.0;  ///< Pa
  double T_min = 0.0;      ///< K: single-phase (p,h), (p,s) states with T_min ≤ T ≤ T_max ...
  double T_max = 0.0;      ///< K
  double p_min = 0.0;      ///< Pa: ... and p_min ≤ p ≤ p_max ...
  double p_max = 0.0;      ///< Pa
  double p_gap_min = 0.0;  ///< Pa: ... except p_gap_min < p < p_gap_max, a band around the
  double p_gap_max = 0.0;  ///< critical pressure (equal when there is none).
};

struct TableStats {
  TableEnvelope envelope;
  double build_seconds = 0.0;  ///< wall time of the constructor
  std::size_t nodes = 0;       ///< nodes of all tables, 1-D and 2-D
  std::size_t bytes = 0;       ///< memory held by the tables
};

/// The single-phase (T, p) tables, built on the first TabulatedFluid::try_T_p.
struct TpTableStats {
  double build_seconds = 0.0;  ///< wall time of their build
  std::size_t nodes = 0;
  std::size_t bytes = 0;
  double p_max = 0.0;  ///< Pa: they answer from TableEnvelope::p_min up to here (0.8 pc)
};

class TabulatedFluid final : public Properties {
 public:
  /// Builds the tables: 0.05 to 0.4 s per fluid in a Release build (stats().build_seconds).
  explicit TabulatedFluid(std::shared_ptr<const Fluid> exact);
  ~TabulatedFluid() override;
  TabulatedFluid(const TabulatedFluid&) = delete;
  TabulatedFluid& operator=(const TabulatedFluid&) = delete;

  const FluidInfo& info() const override { return exact_->info(); }

  State at_T_rho(double T, double rho) const override;        ///< exact backend
  State at_T_p(double T, double p) const override;            ///< exact backend
  State at_p_h(double p, double h) const override;            ///< tables inside the envelope
  State at_p_s(double p, double s) const override;            ///< tables inside the envelope
  State at_T_Q(double T, double Q) const override;            ///< tables inside the envelope
  State at_p_Q(double p, double Q) const override;            ///< tables inside the envelope
  SaturationStates saturation_at_T(double T) const override;  ///< exact backend
  SaturationStates saturation_at_p(double p) const override;  ///< exact backend

  /// Single-phase state at (T, p) below the critical pressure from tables of h, ρ, s, w,
  /// cp, cv over (ln p, T), built on the first call (T_p_stats()): one patch evaluation
  /// instead of a Newton on (p, h). False, leaving `out` alone, where they do not answer:
  /// two-phase or saturated (T between bubble and dew), outside the envelope, at or above
  /// the band around pc. at_T_p stays the exact backend's.
  bool try_T_p(double T, double p, State& out) const;
  /// One pressure's part of (p, h) lookups, done once for many enthalpies (an exchanger's
  /// temperature profile): T(h) = at_p_h(p, h).T with only T interpolated.
  class Isobar {
   public:
    double p() const { return p_; }
    /// Saturated liquid and vapour h at p from the tables (as at_p_Q gives them); false
    /// above pc or outside the tables (ask at_p_Q).
    bool saturated_h(double& h_liquid, double& h_vapour) const;
    double T(double h) const;

   private:
    friend class TabulatedFluid;
    friend struct Tables;
    const TabulatedFluid* f_ = nullptr;
    double p_ = 0, z_ = 0, ce_ = 0, TL_ = 0, TV_ = 0;
    double e_[4] = {};
    int cell_ = 0, sup_ = 0;
    bool tabulated_ = false;
  };
  Isobar isobar(double p) const;

  /// Builds the (T, p) tables if they are not yet; their build time and size.
  TpTableStats T_p_stats() const;

  const TableStats& stats() const { return stats_; }
  const Fluid& exact() const { return *exact_; }
  const std::shared_ptr<const Fluid>& exact_ptr() const { return exact_; }

  struct Tables;  // defined in tabulated_tables.hpp

 private:
  std::shared_ptr<const Fluid> exact_;
  std::unique_ptr<const Tables> tables_;
  TableStats stats_;
  void ensure_T_p() const;
};

}  // namespace heatlift::fluids
