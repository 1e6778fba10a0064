// Fluid: the exact backend — a multiparameter Helmholtz equation of state with its
// saturation curve and flashes. Immutable after construction; share it freely between
// threads (std::shared_ptr<const Fluid>).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/fluids/helmholtz.hpp"
#include "heatlift/fluids/properties.hpp"
#include "heatlift/fluids/superancillary.hpp"

namespace heatlift::fluids {

struct Gwp {
  std::optional<double> ar4, ar5, ar6;  ///< GWP100, kgCO2e/kg
  std::string status;                   ///< confidence / qualifiers
  std::string source;
};

/// What a user asks about a fluid: identity, limits, environment. SI mass units.
struct FluidInfo {
  std::string id;  ///< ASHRAE designation, e.g. "R744", "R1234ze(E)"
  std::string name;
  std::vector<std::string> aliases;
  std::string cas, formula;
  std::string safety_class;  ///< ASHRAE 34, "" if not given
  Gwp gwp;
  std::optional<double> odp;
  double molar_mass = 0.0;    ///< kg/mol
  double gas_constant = 0.0;  ///< J/(mol K), the equation's own
  double T_crit = 0.0;        ///< K, the equation's critical point
  double p_crit = 0.0;        ///< Pa
  double rho_crit = 0.0;      ///< kg/m3
  double T_triple = 0.0;      ///< K, lower limit of the equation
  double p_triple = 0.0;      ///< Pa
  double T_max = 0.0;         ///< K, upper limit
  double p_max = 0.0;         ///< Pa, upper limit
  bool pseudo_pure = false;   ///< a blend described by one pseudo-pure equation
  std::string source;         ///< the equation's paper
};

/// Everything that defines a fluid, as read from its data file.
struct FluidDefinition {
  FluidInfo info;
  double T_reducing = 0.0;              ///< K
  double rhomolar_reducing = 0.0;       ///< mol/m3
  double rhomolar_triple_liquid = 0.0;  ///< mol/m3, bounds density solves
  ResidualHelmholtz residual;
  IdealHelmholtz ideal;
  std::optional<Superancillary> superancillary;
  std::optional<Ancillary> p_sat, p_bubble, p_dew, rho_liquid, rho_vapor;
};

/// Reads a fluid file (data/fluids/README.md). Throws InvalidInput naming the key.
FluidDefinition parse_fluid_json(std::string_view text, std::string_view origin);

class Fluid final : public Properties {
 public:
  explicit Fluid(FluidDefinition def);
  ~Fluid() override;

  const FluidInfo& info() const override { return def_.info; }

  State at_T_rho(double T, double rho) const override;
  State at_T_p(double T, double p) const override;
  State at_p_h(double p, double h) const override;
  State at_p_s(double p, double s) const override;
  State at_T_Q(double T, double Q) const override;
  State at_p_Q(double p, double Q) const override;
  SaturationStates saturation_at_T(double T) const override;
  SaturationStates saturation_at_p(double p) const override;
  /// (h, s) flash for single-phase and two-phase states; slower than the others.
  State at_h_s(double h, double s) const;

  /// Phase equilibrium at T solved directly from the equation (equal p and g), started
  /// from the superancillary or ancillaries; what the superancillary is checked against.
  SaturationStates solve_phase_equilibrium(double T) const;

  /// h′, h″, s′, s″, u′, u″ (with p, ρ′, ρ″) as Chebyshev series fitted to this equation on the
  /// superancillary's tiling, built on first use (thread-safe); what two-phase states at a
  /// given T or p are made of. Null for fluids without a superancillary.
  const SaturationCurves* saturation_curves() const;

  /// Reduced Helmholtz energy pieces at (τ, δ), for checks against published values.
  AlphaDerivs alpha_r(double tau, double delta) const { return def_.residual.evaluate(tau, delta); }
  IdealHelmholtz::Value alpha_0(double tau) const { return def_.ideal.evaluate(tau); }
  double T_reducing() const { return def_.T_reducing; }
  double rho_reducing() const { return def_.rhomolar_reducing * def_.info.molar_mass; }  ///< kg/m3

 private:
  State single_phase(const ResidualHelmholtz::TauCache& cache, double T, double rho_molar) const;
  State single_phase(const ResidualHelmholtz::TauCache& cache, const IdealHelmholtz::Value& a0,
                     double T, double rho_molar) const;
  double solve_density(const ResidualHelmholtz::TauCache& cache, double T, double p, double guess,
                       double lo, double hi) const;
  /// Liquid or vapour density of a pseudo-pure blend at (T, p), from its ancillary guesses.
  double blend_density(const ResidualHelmholtz::TauCache& cache, double T, double p,
                       bool liquid) const;
  State flash_p_y(double p, double y, bool entropy) const;
  /// Where flash_p_y's Newton on T starts: T, the bracket, the branch (as at_T_p_branch).
  struct FlashStart {
    double T, T_lo, T_hi;
    int branch;
  };
  /// Inside or at the edge of the dome, the two-phase or saturated state; outside it, fills
  /// `start`: beside the saturated state on y's side, by its slope; above the critical
  /// pressure or below the lowest saturation pressure, at T_crit.
  std::optional<State> flash_dome(double p, double y, bool entropy, FlashStart& start) const;
  /// The safeguarded Newton on T from `start`, polished by Newton in (T, ρ).
  State flash_newton(double p, double y, bool entropy, const FlashStart& start) const;
  /// (T, p) on a chosen branch: 0 liquid, 1 vapour (metastable a hair past saturation is
  /// allowed), −1 whichever is stable.
  State at_T_p_branch(double T, double p, int branch) const;
  std::optional<State> newton_T_rho(double p, double y, bool entropy, double T, double rho,
                                    double T_lo, double T_hi, int branch) const;
  State two_phase_mix(const SaturationStates& sat, double Q) const;
  /// Saturated states with p, ρ, h, s, u only (no cp, cv, w): what two-phase states need.
  SaturationStates saturation_light(double T) const;
  /// T_sat(p) of the superancillary, with p checked against its range (bounds included).
  double superancillary_T_from_p(double p) const;
  /// T checked against the equation's range, bounds included: the value to use (a value a
  /// rounding outside a bound, e.g. −56.558 °C → 216.59199999999998 K, is the bound).
  double check_T(double T, std::string_view what) const;
  /// p checked likewise against (0, p_max].
  double check_p(double p, std::string_view what) const;
  Phase classify(double T, double p) const;

  FluidDefinition def_;
  double R_mass_;        // J/(kg K)
  double rhomolar_max_;  // mol/m3, no root above it
  struct Lazy;           // data built on first use
  std::unique_ptr<Lazy> lazy_;
};

}  // namespace heatlift::fluids
