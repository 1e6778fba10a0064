// TabulatedFluid: the fast backend. Tables built once from the exact equation of state
// (Fluid) answer the hot input pairs of cycle calculations in tens of nanoseconds, with a
// bounded, measured error (tests/fluids/tabulated_test.cpp prints it per fluid).
//
// What is tabulated, over the envelope of heat-pump cycles (stats().envelope):
//   at_T_Q           1-D cubic Hermite tables over z = sqrt(1 − T/Tc) of the saturated
//                    liquid and vapour (ln p, ρ, h, s; cp, cv, w for Q = 0 or 1);
//   at_p_Q           the same over z = sqrt(ln(pc/p)) (T bubble/dew, ρ, h, s, ...);
//   at_p_h, at_p_s   two-phase states by the lever rule on the at_p_Q table (for the
//                    pseudo-pure blends T linear in Q between bubble and dew, as Fluid
//                    does); single-phase states from bicubic Hermite patches of T, ln ρ
//                    and s (resp. h) over (z, η): z from the pressure as above (above pc,
//                    z = sqrt(ln(p/pc))), η a normalised enthalpy (entropy) measured from
//                    the phase boundary (below pc the saturation curve, above pc the
//                    critical isochore ρ = ρc) to the table edge T_min or T_max, so that
//                    no patch straddles the dome. Node derivatives come from the equation
//                    itself (∂T/∂h|p = 1/cp, ...); only the cross derivatives are finite
//                    differences. cp, cv and w of single-phase states follow from the
//                    derivatives of the T and ρ patches.
//
// Everything else is delegated to the exact backend, without added error: at_T_p, at_T_rho,
// saturation_at_T, saturation_at_p; and any request outside the envelope (including a band
// of pressures around pc for single-phase states, see TableEnvelope), any invalid input
// (which therefore fails exactly as Fluid fails), and the two-phase at_T_Q of a pseudo-pure
// blend (not supported by Fluid either). A table never extrapolates, never clamps an input
// and never returns a NaN: when an interpolated state is not physical it asks Fluid.
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
  double T_sat_max = 0.0;  ///< K (= Tc for fluids whose Tc lies below the cycle's 90 °C)
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

class TabulatedFluid final : public Properties {
 public:
  /// Builds the tables (well under a second per fluid in a Release build).
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

  const TableStats& stats() const { return stats_; }
  const Fluid& exact() const { return *exact_; }
  const std::shared_ptr<const Fluid>& exact_ptr() const { return exact_; }

  struct Tables;  // defined in tabulated.cpp

 private:
  std::shared_ptr<const Fluid> exact_;
  std::unique_ptr<const Tables> tables_;
  TableStats stats_;
};

}  // namespace heatlift::fluids
