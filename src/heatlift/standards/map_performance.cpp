#include "heatlift/standards/map_performance.hpp"

#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::standards {

MapPerformance::MapPerformance(std::shared_ptr<const equipment::PerformanceMap> map,
                               std::function<double(double)> sink, double relative_humidity,
                               double design_load)
    : map_(std::move(map)),
      sink_(std::move(sink)),
      rh_(relative_humidity),
      design_load_(design_load) {
  if (!map_) throw InvalidInput("rating from a map: no map given");
  if (!(rh_ >= 0.0 && rh_ <= 1.0))
    throw InvalidInput("rating from a map: relative_humidity must lie in 0 to 1");
}

equipment::MapPoint MapPerformance::query(double t_source, double t_sink, double x) const {
  equipment::MapPoint q = map_->at(t_source, t_sink, x);
  if (map_->source_kind() == equipment::SourceKind::air && rh_ > 0.0)
    q = equipment::apply(q, equipment::defrost_factors(t_source, rh_));
  return q;
}

Performance MapPerformance::at(const OperatingPoint& op) const {
  const double t_sink = std::isnan(op.t_sink) ? sink_(op.t_source) : op.t_sink;
  equipment::MapPoint q = query(op.t_source, t_sink, 1.0);
  const double load = op.part_load * design_load_;
  const double x_min = map_->axes().part_load.front();
  if (design_load_ > 0.0 && !map_->single_speed() && load < q.capacity) {
    // Capacity rises with speed: bisect for the speed that meets the load.
    double lo = x_min, hi = 1.0;
    equipment::MapPoint at_lo = query(op.t_source, t_sink, lo);
    if (at_lo.capacity >= load) {
      q = at_lo;  // the lowest speed: the bin method cycles below it
    } else {
      for (int i = 0; i < 50 && hi - lo > 1e-9; ++i) {
        const double mid = 0.5 * (lo + hi);
        (query(op.t_source, t_sink, mid).capacity < load ? lo : hi) = mid;
      }
      q = query(op.t_source, t_sink, hi);
    }
  }
  Performance p{q.capacity, q.cop, Validity::inside};
  if (q.status == equipment::MapStatus::outside_grid) p.validity = Validity::extrapolated;
  if (q.status == equipment::MapStatus::invalid_node) p.validity = Validity::outside;
  return p;
}

}  // namespace heatlift::standards
