#include "heatlift/cycles/working_fluid.hpp"

#include <fmt/format.h>

#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::cycles {

WorkingFluid::WorkingFluid(std::shared_ptr<const fluids::Properties> props, fluids::Backend backend)
    : props_(std::move(props)), backend_(backend) {
  if (backend_ == fluids::Backend::fast)
    tables_ = dynamic_cast<const fluids::TabulatedFluid*>(props_.get());
}

WorkingFluid WorkingFluid::from_library(const fluids::FluidLibrary& lib, std::string_view name,
                                        fluids::Backend backend) {
  return WorkingFluid(lib.get(name, backend), backend);
}

State WorkingFluid::T_p(double T, double p, std::optional<double> h_hint) const {
  if (backend_ == fluids::Backend::exact) return props_->at_T_p(T, p);
  if (!(T > 0.0) || !(p > 0.0)) return props_->at_T_p(T, p);  // the exact backend's error
  State out;
  if (tables_ && tables_->try_T_p(T, p, out)) return out;

  // Start from the saturated state on the same side when below the critical pressure,
  // else from the hint or, lacking one, from the exact equation once.
  double h = 0.0;
  double cp = 0.0;
  if (h_hint) {
    h = *h_hint;
  } else if (p < 0.995 * p_crit()) {
    const State dew = p_Q(p, 1.0);
    if (T >= dew.T) {
      h = dew.h;
      cp = dew.cp.value_or(0.0);
      if (T == dew.T) return dew;
      h += cp * (T - dew.T);
    } else {
      const State bub = p_Q(p, 0.0);
      if (T > bub.T) {
        throw InvalidInput(fmt::format(
            "{}: {:.2f} °C at {:.1f} kPa lies inside the two-phase dome ({:.2f} to {:.2f} °C)",
            id(), T - core::kZeroCelsius, p / 1e3, bub.T - core::kZeroCelsius,
            dew.T - core::kZeroCelsius));
      }
      h = bub.h;
      cp = bub.cp.value_or(0.0);
      if (T == bub.T) return bub;
      h += cp * (T - bub.T);
    }
  } else {
    return props_->at_T_p(T, p);
  }
  // Newton on h with dh = cp dT, safeguarded: a step that leaves the single-phase region,
  // leaves the tables' range or does not shrink the error hands over to the exact flash
  // (near the pseudo-critical line cp changes fast, and a far hint can overshoot).
  double last = HUGE_VAL;
  for (int it = 0; it < 30; ++it) {
    State s;
    try {
      s = props_->at_p_h(p, h);
    } catch (const Error&) {
      break;
    }
    const double dT = T - s.T;
    if (std::abs(dT) < 1e-6) return s;
    const double c = s.cp.value_or(0.0);
    if (!(c > 0.0) || s.phase == fluids::Phase::two_phase || !(std::abs(dT) < last)) break;
    last = std::abs(dT);
    h += c * dT;
  }
  return props_->at_T_p(T, p);  // not converged on the tables: the exact answer
}

State WorkingFluid::T_p_from(const State& sat, double T) const {
  if (T == sat.T) return sat;
  if (backend_ == fluids::Backend::exact || !sat.cp) return T_p(T, sat.p);
  State out;
  if (tables_ && tables_->try_T_p(T, sat.p, out)) return out;
  // Where the (T, p) tables do not answer (above 0.8 pc, outside their envelope):
  // First step with the saturated cp; then a cubic Hermite h(T) through both states with
  // their slopes cp, which is exact to fourth order in the step, so that the second
  // evaluation usually lands within 1e-5 K (the tables themselves are good to ~1e-6
  // relative, some 3e-4 K).
  const double cp0 = *sat.cp;
  double h = sat.h + cp0 * (T - sat.T);
  State s = props_->at_p_h(sat.p, h);
  for (int it = 0; it < 30; ++it) {
    const double dT = T - s.T;
    if (std::abs(dT) < 1e-5) return s;
    const double c = s.cp.value_or(0.0);
    if (!(c > 0.0) || s.phase == fluids::Phase::two_phase) break;
    if (it == 0) {
      const double L = s.T - sat.T;
      const double t = (T - sat.T) / L;
      const double h00 = 2 * t * t * t - 3 * t * t + 1, h10 = t * t * t - 2 * t * t + t;
      const double h01 = -2 * t * t * t + 3 * t * t, h11 = t * t * t - t * t;
      h = h00 * sat.h + h10 * L * cp0 + h01 * s.h + h11 * L * c;
    } else {
      h += c * dT;
    }
    s = props_->at_p_h(sat.p, h);
  }
  return T_p(T, sat.p);
}

}  // namespace heatlift::cycles
