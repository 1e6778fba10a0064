// A refrigerant as the cycle solver uses it: the states a cycle needs, from either
// backend. Single-phase (T, p) on the fast backend comes from its (T, p) tables below the
// critical pressure, elsewhere from Newton steps on its (p, h) tables instead of the exact
// equation's slower flash.
#pragma once

#include <memory>
#include <optional>

#include "heatlift/fluids/fluid.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/fluids/properties.hpp"
#include "heatlift/fluids/tabulated.hpp"

namespace heatlift::cycles {

using fluids::State;

class WorkingFluid {
 public:
  WorkingFluid(std::shared_ptr<const fluids::Properties> props, fluids::Backend backend);
  static WorkingFluid from_library(const fluids::FluidLibrary& lib, std::string_view name,
                                   fluids::Backend backend);

  const fluids::FluidInfo& info() const { return props_->info(); }
  const std::string& id() const { return props_->info().id; }
  fluids::Backend backend() const { return backend_; }
  /// The fast backend's tables, or nullptr on the exact backend.
  const fluids::TabulatedFluid* tables() const { return tables_; }
  double T_crit() const { return props_->info().T_crit; }
  double p_crit() const { return props_->info().p_crit; }

  /// Single-phase state at (T, p). `h_hint`, when given, starts the fast backend's Newton.
  State T_p(double T, double p, std::optional<double> h_hint = std::nullopt) const;
  /// Single-phase state at temperature T on the isobar of a saturated state `sat`
  /// (vapour for T above it, liquid below), started from the saturated state's h and cp.
  State T_p_from(const State& sat, double T) const;
  State p_h(double p, double h) const { return props_->at_p_h(p, h); }
  State p_s(double p, double s) const { return props_->at_p_s(p, s); }
  State T_Q(double T, double Q) const { return props_->at_T_Q(T, Q); }
  State p_Q(double p, double Q) const { return props_->at_p_Q(p, Q); }

  /// Saturation pressure at a dew (vapour) or bubble (liquid) temperature.
  double p_dew(double T) const { return T_Q(T, 1.0).p; }
  double p_bubble(double T) const { return T_Q(T, 0.0).p; }

 private:
  std::shared_ptr<const fluids::Properties> props_;
  fluids::Backend backend_;
  const fluids::TabulatedFluid* tables_ = nullptr;  // props_ when it is the fast backend
};

}  // namespace heatlift::cycles
