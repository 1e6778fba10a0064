#include "heatlift/site/cooling.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "heatlift/core/error.hpp"

namespace heatlift::site::detail {

CoolingYear cooling_year(const HeatPumpSpec& hp, const std::vector<demand::LoadSeries>& loads) {
  CoolingYear y;
  std::size_t n = 0;
  for (const demand::LoadSeries& l : loads) {
    if (!l.is_cooling()) continue;
    if (!hp.cooling_map) {
      throw InvalidInput(
          fmt::format("site load '{}': space cooling, but the heat pump '{}' has no cooling map "
                      "(heat_pump.cooling)",
                      l.description, hp.name));
    }
    n = std::max(n, l.hours());
  }
  if (!hp.cooling_map) return y;
  const equipment::MapAxes& axes = hp.cooling_map->axes();
  y.map = hp.cooling_map.get();
  y.t_src_min = axes.t_source.front();
  y.t_src_max = axes.t_source.back();
  y.t_snk_min = axes.t_sink.front();
  y.t_snk_max = axes.t_sink.back();
  for (std::size_t h = 0; h < n; ++h) {
    double q = 0.0;
    for (const demand::LoadSeries& l : loads) {
      if (l.is_cooling()) q += l.heat[h];
    }
    y.peak_load = std::max(y.peak_load, q);
  }
  return y;
}

SpeedCurve cooling_curve(const HeatPumpSpec& hp) {
  SpeedCurve curve;
  if (!hp.cooling_map) return curve;
  const equipment::PerformanceMap& map = *hp.cooling_map;
  const equipment::MapAxes& axes = map.axes();
  curve.x = &axes.part_load;
  curve.v.resize(axes.part_load.size());
  curve.x_min = map.single_speed() ? 1.0 : std::max(hp.min_part_load, axes.part_load.front());
  return curve;
}

double operate_cooling(const CoolingYear& y, const HeatPumpSpec& hp, SpeedCurve& curve, Hour& r,
                       int& outside_map_hours) {
  const double q = r.cooling_load;
  if (r.t_source > y.t_src_max + 1e-9 || r.t_supply < y.t_snk_min - 1e-9) {
    r.mode = Mode::cutout;
    return 0.0;
  }
  const equipment::MapStatus st = y.map->slice(r.t_source, r.t_supply, curve.v);
  if (st != equipment::MapStatus::inside || r.t_source < y.t_src_min || r.t_supply > y.t_snk_max) {
    ++outside_map_hours;
  }
  for (equipment::NodeValue& v : curve.v) {
    v.capacity *= hp.scale;
    v.power *= hp.scale;
  }
  if (!curve.restrict_to_feasible()) {
    r.mode = Mode::cutout;
    return 0.0;
  }
  const equipment::NodeValue vmax = curve.v[curve.n - 1];
  const equipment::NodeValue vmin = curve.at(curve.lowest());
  if (q >= vmax.capacity) {
    r.mode = Mode::full;
    r.cooling = vmax.capacity;
    r.hp_power = vmax.power;
    r.part_load = curve.top();
    return 1.0;
  }
  if (q >= vmin.capacity) {
    const double x = curve.speed_for(q);
    const equipment::NodeValue v = curve.at(x);
    r.mode = Mode::modulating;
    r.cooling = q;
    r.hp_power = v.power * (v.capacity > 0 ? q / v.capacity : 1.0);
    r.part_load = x;
    return 1.0;
  }
  const double cr = std::clamp(q / vmin.capacity, 0.0, 1.0);
  r.mode = Mode::cycling;
  r.cooling = q;
  r.hp_power = vmin.power * (hp.cd * cr + 1.0 - hp.cd);
  r.cycling_loss = r.hp_power - cr * vmin.power;
  r.part_load = curve.lowest();
  return cr;
}

}  // namespace heatlift::site::detail
