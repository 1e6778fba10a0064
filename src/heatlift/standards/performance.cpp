#include "heatlift/standards/performance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::standards {

DeclaredPoints::DeclaredPoints(std::vector<DeclaredPoint> points) : points_(std::move(points)) {
  if (points_.empty()) throw InvalidInput("declared points: none given");
  for (const auto& p : points_) {
    if (!std::isfinite(p.capacity) || p.capacity <= 0.0) {
      throw InvalidInput(fmt::format("{}.capacity = {} is not a heating capacity; expected > 0 W",
                                     p.field, core::format_quantity(p.capacity, "kW")));
    }
    if (!std::isfinite(p.cop) || p.cop <= 0.0) {
      throw InvalidInput(
          fmt::format("{}.cop = {} is not a COP; expected a number > 0", p.field, p.cop));
    }
    if (p.cdh && (!std::isfinite(*p.cdh) || *p.cdh < 0.0 || *p.cdh > 1.0)) {
      throw InvalidInput(
          fmt::format("{}.cdh = {}: expected a cycling coefficient 0 to 1", p.field, *p.cdh));
    }
  }
  std::sort(points_.begin(), points_.end(),
            [](const DeclaredPoint& a, const DeclaredPoint& b) { return a.t_source < b.t_source; });
  for (std::size_t i = 1; i < points_.size(); ++i) {
    if (std::abs(points_[i].t_source - points_[i - 1].t_source) < 1e-9) {
      throw InvalidInput(
          fmt::format("{}: a second point at {} (also {}); expected one point per temperature",
                      points_[i].field, core::format_quantity(points_[i].t_source, "°C"),
                      points_[i - 1].field));
    }
  }
}

Performance DeclaredPoints::at(const OperatingPoint& op) const {
  const double t = op.t_source;
  // A test at this very temperature: its own values, with its declared Cdh.
  for (const auto& p : points_) {
    if (std::abs(p.t_source - t) < 0.05) return {p.capacity, p.cop, Validity::inside, p.cdh};
  }
  if (t <= points_.front().t_source) {
    const auto& p = points_.front();
    return {p.capacity, p.cop, t < p.t_source - 1e-9 ? Validity::extrapolated : Validity::inside};
  }
  if (t >= points_.back().t_source) {
    const auto& p = points_.back();
    return {p.capacity, p.cop, t > p.t_source + 1e-9 ? Validity::extrapolated : Validity::inside};
  }
  const auto hi = std::upper_bound(points_.begin(), points_.end(), t,
                                   [](double v, const DeclaredPoint& p) { return v < p.t_source; });
  const auto lo = hi - 1;
  const double f = (t - lo->t_source) / (hi->t_source - lo->t_source);
  return {lo->capacity + f * (hi->capacity - lo->capacity), lo->cop + f * (hi->cop - lo->cop),
          Validity::inside};
}

}  // namespace heatlift::standards
