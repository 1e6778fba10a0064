#include "heatlift/cycles/compressor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::cycles {

std::string_view to_string(CompressorType type) {
  switch (type) {
    case CompressorType::rolling_piston: return "rolling_piston";
    case CompressorType::scroll: return "scroll";
    case CompressorType::screw: return "screw";
    case CompressorType::centrifugal: return "centrifugal";
  }
  return "?";
}

CompressorType compressor_type_from(std::string_view name) {
  for (auto t : {CompressorType::rolling_piston, CompressorType::scroll, CompressorType::screw,
                 CompressorType::centrifugal})
    if (to_string(t) == name) return t;
  throw InvalidInput(fmt::format(
      "compressor type '{}' is not one of rolling_piston, scroll, screw, centrifugal", name));
}

EfficiencyCurves default_curves(CompressorType type) {
  // Representative shapes (docs/cycles.md): peak efficiencies and design pressure ratios
  // typical of the product classes' published performance maps, not one make's data.
  switch (type) {
    case CompressorType::rolling_piston:
      return {.eta_max = 0.70,
              .pi_opt = 3.2,
              .k_pi = 0.08,
              .x_opt = 0.55,
              .k_x = 0.25,
              .clearance = 0.035,
              .n_poly = 1.1,
              .leak = 0.015};
    case CompressorType::scroll:
      return {.eta_max = 0.72,
              .pi_opt = 2.8,
              .k_pi = 0.06,
              .x_opt = 0.65,
              .k_x = 0.20,
              .clearance = 0.0,
              .n_poly = 1.1,
              .leak = 0.02};
    case CompressorType::screw:
      return {.eta_max = 0.75,
              .pi_opt = 3.5,
              .k_pi = 0.10,
              .x_opt = 0.75,
              .k_x = 0.30,
              .clearance = 0.0,
              .n_poly = 1.1,
              .leak = 0.03};
    case CompressorType::centrifugal:
      return {.eta_max = 0.80,
              .pi_opt = 2.5,
              .k_pi = 0.30,
              .x_opt = 0.85,
              .k_x = 0.60,
              .clearance = 0.0,
              .n_poly = 1.1,
              .leak = 0.0};
  }
  return {};
}

double Compressor::isentropic(double pressure_ratio) const {
  if (eta_isentropic) return *eta_isentropic;
  const EfficiencyCurves& c = curves;
  const double l = std::log(pressure_ratio / c.pi_opt);
  const double dx = speed_fraction - c.x_opt;
  const double eta = c.eta_max * (1.0 - c.k_pi * l * l) * (1.0 - c.k_x * dx * dx);
  if (!(eta > 0.05)) {
    throw OutOfRange(
        fmt::format("compressor ({}): pressure ratio {:.2f} at speed {:.0f} % is outside its map "
                    "(isentropic efficiency {:.3f})",
                    to_string(type), pressure_ratio, speed_fraction * 100.0, eta));
  }
  return eta;
}

double Compressor::volumetric(double pressure_ratio) const {
  if (eta_volumetric) return *eta_volumetric;
  const EfficiencyCurves& c = curves;
  const double eta = 1.0 - c.clearance * (std::pow(pressure_ratio, 1.0 / c.n_poly) - 1.0) -
                     c.leak * (1.0 / speed_fraction - 1.0);
  if (!(eta > 0.05)) {
    throw OutOfRange(
        fmt::format("compressor ({}): pressure ratio {:.2f} at speed {:.0f} % leaves no volumetric "
                    "efficiency ({:.3f})",
                    to_string(type), pressure_ratio, speed_fraction * 100.0, eta));
  }
  return eta;
}

namespace {
double poly10(const std::array<double, 10>& c, double S, double D) {
  return c[0] + c[1] * S + c[2] * D + c[3] * S * S + c[4] * S * D + c[5] * D * D +
         c[6] * S * S * S + c[7] * D * S * S + c[8] * S * D * D + c[9] * D * D * D;
}
}  // namespace

double Ahri540::evaluate_mass_flow(double S_C, double D_C) const {
  return poly10(mass_flow, S_C, D_C);
}
double Ahri540::evaluate_power(double S_C, double D_C) const {
  return poly10(power, S_C, D_C);
}

}  // namespace heatlift::cycles
