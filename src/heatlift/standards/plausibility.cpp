#include "heatlift/standards/plausibility.hpp"

#include <fmt/format.h>

#include <cmath>

#include "heatlift/core/units.hpp"

namespace heatlift::standards {
namespace {

/// A declared capacity this many times above or below the design load is taken for a unit
/// slip (W for kW) or a point of another product.
constexpr double kCapacityFactor = 10.0;
/// Below this COP a heat pump heats worse than a resistance heater (COP 1).
constexpr double kCopFloor = 1.0;

std::string celsius(double t) {
  return fmt::format("{:g} °C", t - core::kZeroCelsius);
}

std::string kw(double w) {
  return fmt::format("{:.4g} kW", w / 1e3);
}

std::string where(const DeclaredPoint& p) {
  return fmt::format("{} ({})", p.field, celsius(p.t_source));
}

bool same(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}

}  // namespace

std::vector<std::string> implausible_points(const En14825Input& in,
                                            const std::vector<DeclaredPoint>& points) {
  std::vector<std::string> out;
  const bool air_source =
      in.unit_type == UnitType::air_to_water || in.unit_type == UnitType::air_to_air;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const DeclaredPoint& p = points[i];
    for (std::size_t j = i + 1; j < points.size(); ++j) {
      const DeclaredPoint& q = points[j];
      if (std::abs(p.t_source - q.t_source) > 0.05 && same(p.capacity, q.capacity) &&
          same(p.cop, q.cop)) {
        out.push_back(fmt::format(
            "{} and {} declare the same capacity {} and COP {:.3g} at different temperatures: "
            "a point copied from another condition",
            where(p), where(q), kw(p.capacity), p.cop));
      }
    }
    if (in.design_load > 0.0 && (p.capacity > kCapacityFactor * in.design_load ||
                                 p.capacity < in.design_load / kCapacityFactor)) {
      out.push_back(fmt::format(
          "{}: capacity {} is more than {:g} times {} the design load {}: a unit slip (W for "
          "kW) or another product's point",
          where(p), kw(p.capacity), kCapacityFactor,
          p.capacity > in.design_load ? "above" : "below", kw(in.design_load)));
    }
    if (p.cop < kCopFloor) {
      out.push_back(fmt::format(
          "{}: COP {:.3g} is below {:g}: the unit would heat worse than its own back-up "
          "heater",
          where(p), p.cop, kCopFloor));
    }
    const double sink = p.t_sink.value_or(kRoomTemperature);
    if (air_source && sink > p.t_source) {
      const double carnot = sink / (sink - p.t_source);
      if (p.cop > carnot) {
        out.push_back(fmt::format(
            "{}: COP {:.3g} is above the Carnot COP {:.3g} of lifting heat from {} to {}{}: "
            "physically impossible",
            where(p), p.cop, carnot, celsius(p.t_source), celsius(sink),
            p.t_sink ? "" : " (the room; no sink temperature declared)"));
      }
    }
  }
  return out;
}

}  // namespace heatlift::standards
