// The one interface through which everything above the fluids layer asks for states.
// Two backends implement it: the exact equation of state (Fluid) and fast tables built
// from it (TabulatedFluid). Inputs are SI (K, Pa, J/kg, J/(kg K), kg/m3, quality 0…1).
//
// A request outside the equation's validity range throws OutOfRange naming the fluid,
// the input and the limit; an impossible input (negative pressure, Q > 1) InvalidInput;
// a flash that fails to converge NoConvergence with its last residual. Never a NaN.
#pragma once

#include <string>

#include "heatlift/fluids/state.hpp"

namespace heatlift::fluids {

struct FluidInfo;

class Properties {
 public:
  virtual ~Properties() = default;

  virtual const FluidInfo& info() const = 0;

  virtual State at_T_rho(double T, double rho) const = 0;
  virtual State at_T_p(double T, double p) const = 0;
  virtual State at_p_h(double p, double h) const = 0;
  virtual State at_p_s(double p, double s) const = 0;
  virtual State at_T_Q(double T, double Q) const = 0;
  virtual State at_p_Q(double p, double Q) const = 0;

  /// Saturated liquid and vapour at T (T_triple ≤ T ≤ Tc).
  virtual SaturationStates saturation_at_T(double T) const = 0;
  /// Saturated liquid and vapour at p (p_triple ≤ p ≤ pc).
  virtual SaturationStates saturation_at_p(double p) const = 0;
};

}  // namespace heatlift::fluids
