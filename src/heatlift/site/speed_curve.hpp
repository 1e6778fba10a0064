// The speed curve of one hour (internal to the site loop): capacity and power at the map's
// part-load nodes for the hour's source and sink, and the operations an hour needs on it.
// Heating and cooling modes share it (capacity is heat delivered, or heat removed).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "heatlift/equipment/performance_map.hpp"

namespace heatlift::site::detail {

// The speed curve of one hour: capacity and power (W, scaled, with defrost) at the map's
// part-load nodes, and the operations an hour needs on it.
struct SpeedCurve {
  const std::vector<double>* x = nullptr;  // part-load nodes
  std::vector<equipment::NodeValue> v;
  double x_min = 1.0;  // lowest continuous speed of the unit
  std::size_t n = 0;   // nodes up to the fastest feasible one (the map may have infeasible
                       // full-speed nodes where a limit such as discharge temperature binds)

  // Restricts the curve to its feasible speeds; false when there is none.
  bool restrict_to_feasible() {
    n = v.size();
    while (n > 0 && !(v[n - 1].capacity > 0 && v[n - 1].power > 0)) --n;
    for (std::size_t k = 0; k < n; ++k) {
      if (!(v[k].capacity > 0 && v[k].power > 0)) return false;  // a gap: treat as infeasible
    }
    return n > 0;
  }
  double top() const { return (*x)[n - 1]; }
  double lowest() const { return std::min(x_min, top()); }

  equipment::NodeValue at(double xq) const {
    const std::vector<double>& a = *x;
    if (n == 1 || xq >= a[n - 1]) return v[n - 1];
    if (xq <= a[0]) return v[0];
    std::size_t k = 0;
    while (k + 2 < n && xq >= a[k + 1]) ++k;
    const double w = (xq - a[k]) / (a[k + 1] - a[k]);
    return {(1 - w) * v[k].capacity + w * v[k + 1].capacity,
            (1 - w) * v[k].power + w * v[k + 1].power};
  }
  // Speed in [x_min, 1] at which capacity equals q (cap(x_min) ≤ q ≤ cap(1)): the map is
  // linear in speed between nodes, so the crossing is exact.
  double speed_for(double q) const {
    const std::vector<double>& a = *x;
    if (n == 1) return a[0];
    double x0 = lowest();
    equipment::NodeValue p0 = at(x0);
    for (std::size_t k = 0; k < n; ++k) {
      if (a[k] <= x0) continue;
      const equipment::NodeValue& p1 = v[k];
      if (p1.capacity >= q) {
        const double d = p1.capacity - p0.capacity;
        const double w = d > 0 ? (q - p0.capacity) / d : 1.0;
        return x0 + std::clamp(w, 0.0, 1.0) * (a[k] - x0);
      }
      x0 = a[k];
      p0 = p1;
    }
    return a[n - 1];
  }
};

}  // namespace heatlift::site::detail
