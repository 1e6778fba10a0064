// A thermodynamic state of a pure or pseudo-pure fluid, in SI mass units.
#pragma once

#include <optional>
#include <string_view>

namespace heatlift::fluids {

/// Phase of a state, named as engineers (and CoolProp) do.
enum class Phase {
  liquid,                ///< T < Tc, p > p_sat(T), p < pc
  gas,                   ///< T < Tc, p < p_sat(T)
  two_phase,             ///< inside the dome: 0 ≤ Q ≤ 1
  supercritical,         ///< T ≥ Tc and p ≥ pc
  supercritical_gas,     ///< T ≥ Tc, p < pc
  supercritical_liquid,  ///< T < Tc, p ≥ pc
};

std::string_view to_string(Phase phase);

/// Every property heatlift reports for a state. Two-phase states have no cp, cv or w
/// (the mixture's are not defined), single-phase states no quality.
struct State {
  double T = 0.0;            ///< temperature, K
  double p = 0.0;            ///< pressure, Pa
  double rho = 0.0;          ///< density, kg/m3
  double h = 0.0;            ///< specific enthalpy, J/kg
  double s = 0.0;            ///< specific entropy, J/(kg K)
  double u = 0.0;            ///< specific internal energy, J/kg
  std::optional<double> cp;  ///< isobaric heat capacity, J/(kg K) (single phase)
  std::optional<double> cv;  ///< isochoric heat capacity, J/(kg K) (single phase)
  std::optional<double> w;   ///< speed of sound, m/s (single phase)
  std::optional<double> Q;   ///< vapour quality, mass basis (two-phase and saturated states)
  Phase phase = Phase::liquid;
};

/// Both saturated states at one temperature or pressure. For a pure fluid the two
/// share T and p; for a pseudo-pure blend the liquid is at its bubble point and the
/// vapour at its dew point (different p at given T, different T at given p).
struct SaturationStates {
  State liquid;  ///< Q = 0
  State vapor;   ///< Q = 1
};

}  // namespace heatlift::fluids
