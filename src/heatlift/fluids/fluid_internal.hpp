// Internal to Fluid's sources (fluid.cpp, fluid_flash.cpp): the formulas and small helpers
// both use.
#pragma once

#include <cmath>
#include <limits>

#include "heatlift/fluids/helmholtz.hpp"

namespace heatlift::fluids::detail {

constexpr double kInf = std::numeric_limits<double>::infinity();

inline bool finite(double x) {
  return std::isfinite(x);
}

// h, s and u from the reduced Helmholtz energy; R in J/(kg K). The one place these
// formulas are written.
struct Caloric {
  double h, s, u;
};
inline Caloric caloric(double R, double T, double tau, double delta,
                       const IdealHelmholtz::Value& a0, const AlphaDerivs& ar) {
  const double tau_at = tau * (a0.a_t + ar.a_t);
  return {R * T * (1.0 + tau_at + delta * ar.a_d), R * (tau_at - a0.a - std::log(delta) - ar.a),
          R * T * tau_at};
}

}  // namespace heatlift::fluids::detail
