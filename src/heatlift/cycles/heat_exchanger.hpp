// Heat exchangers between the refrigerant and a secondary stream (water, brine, air,
// process fluid) in counterflow, checked for their minimum approach temperature over the
// discretised exchanger — so that glides (zeotropic blends, transcritical gas coolers,
// sensible sinks heated 15 → 65 °C) find their pinch wherever it lies.
#pragma once

#include <string>

#include "heatlift/cycles/working_fluid.hpp"

namespace heatlift::cycles {

/// A sensible secondary stream with constant heat capacity.
struct Stream {
  std::string medium = "water";  ///< water, brine, air, process
  double T_in = 0.0;             ///< K
  double T_out = 0.0;            ///< K
  double cp = 4186.0;            ///< J/(kg K)
  double pinch = 3.0;            ///< minimum approach temperature, K
};

/// The refrigerant's path through one exchanger at constant pressure.
struct HxPath {
  const WorkingFluid* fluid = nullptr;
  double p = 0.0;                  ///< Pa
  double h_in = 0.0;               ///< J/kg, refrigerant inlet
  double h_out = 0.0;              ///< J/kg, refrigerant outlet
  double T_in = 0.0, T_out = 0.0;  ///< K at the ends (known from the cycle's states)
  double s_in = 0.0, s_out = 0.0;  ///< J/(kg K) at the ends
};

struct PinchResult {
  double approach = 0.0;       ///< minimum T_hot − T_cold over the exchanger, K
  double at = 0.0;             ///< where: fraction of the duty from the refrigerant inlet
  double T_refrigerant = 0.0;  ///< K at the pinch
  double T_secondary = 0.0;    ///< K at the pinch
};

/// Minimum approach of a refrigerant path against a stream in counterflow. The
/// refrigerant rejects heat when h_in > h_out (condenser, gas cooler: the stream is the
/// cold side) and absorbs it otherwise (evaporator: the stream is the hot side). The
/// path is cut at its phase boundaries; two-phase pieces (T linear in h at constant p)
/// need only their ends, single-phase ones `nodes` points spread by enthalpy.
PinchResult pinch(const HxPath& path, const Stream& stream, int nodes = 24);

/// Entropy a stream gains for a heat flow Q into it (negative for heat taken out), W/K.
double stream_entropy_gain(const Stream& stream, double Q);

/// Log-mean (entropic mean) temperature of a stream, K.
double entropic_mean(const Stream& stream);

}  // namespace heatlift::cycles
