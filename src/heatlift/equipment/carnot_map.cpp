#include "heatlift/equipment/carnot_map.hpp"

#include <fmt/format.h>

#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::equipment {

CarnotMapSpec CarnotMapSpec::defaults(SourceKind kind, double nominal_capacity) {
  if (!std::isfinite(nominal_capacity) || nominal_capacity <= 0) {
    throw InvalidInput(
        fmt::format("Carnot-fraction map: nominal_capacity = {} W; expected a finite value > 0",
                    nominal_capacity));
  }
  CarnotMapSpec s;
  s.kind = kind;
  s.nominal_capacity = nominal_capacity;
  s.t_sink_nominal = core::kZeroCelsius + 35.0;
  switch (kind) {
    case SourceKind::air:  // EN 14511 A7/W35
      s.carnot_efficiency = 0.50;
      s.source_approach = 8.0;
      s.sink_approach = 5.0;
      s.t_source_nominal = core::kZeroCelsius + 7.0;
      s.capacity_source_slope = 0.02;
      s.capacity_sink_slope = 0.005;
      break;
    case SourceKind::brine:  // B0/W35
    case SourceKind::water:  // W10/W35
      s.carnot_efficiency = 0.60;
      s.source_approach = 4.0;
      s.sink_approach = 4.0;
      s.t_source_nominal = core::kZeroCelsius + (kind == SourceKind::brine ? 0.0 : 10.0);
      s.capacity_source_slope = 0.025;
      s.capacity_sink_slope = 0.005;
      break;
  }
  return s;
}

void validate(const CarnotMapSpec& s) {
  const auto check = [](double v, std::string_view field, std::string_view unit, bool ok,
                        std::string_view expected) {
    if (!std::isfinite(v) || !ok) {
      throw InvalidInput(
          fmt::format("Carnot-fraction map: {} = {}{}; expected {}", field, v, unit, expected));
    }
  };
  check(s.carnot_efficiency, "carnot_efficiency", "",
        s.carnot_efficiency > 0 && s.carnot_efficiency < 1, "a value in (0, 1)");
  check(s.source_approach, "source_approach", " K", s.source_approach >= 0, "a value ≥ 0 K");
  check(s.sink_approach, "sink_approach", " K", s.sink_approach >= 0, "a value ≥ 0 K");
  check(s.nominal_capacity, "nominal_capacity", " W", s.nominal_capacity > 0, "a value > 0 W");
  check(s.t_source_nominal, "t_source_nominal", " K", s.t_source_nominal > 0, "a value > 0 K");
  check(s.t_sink_nominal, "t_sink_nominal", " K", s.t_sink_nominal > 0, "a value > 0 K");
  check(s.capacity_source_slope, "capacity_source_slope", " 1/K", s.capacity_source_slope >= 0,
        "a value ≥ 0 1/K");
  check(s.capacity_sink_slope, "capacity_sink_slope", " 1/K", s.capacity_sink_slope >= 0,
        "a value ≥ 0 1/K");
  check(s.min_lift, "min_lift", " K", s.min_lift > 0, "a value > 0 K");
}

std::optional<NodeValue> carnot_node(const CarnotMapSpec& s, double t_source, double t_sink,
                                     double part_load) {
  const double t_evap = t_source - s.source_approach;
  const double t_cond = t_sink + s.sink_approach;
  const double lift = t_cond - t_evap;
  if (!(lift >= s.min_lift) || t_evap <= 0) return std::nullopt;
  const double cop = s.carnot_efficiency * t_cond / lift;
  const double q = part_load * s.nominal_capacity *
                   (1.0 + s.capacity_source_slope * (t_source - s.t_source_nominal) -
                    s.capacity_sink_slope * (t_sink - s.t_sink_nominal));
  if (!(q > 0)) return std::nullopt;
  return NodeValue{q, q / cop};
}

PerformanceMap carnot_fraction_map(const CarnotMapSpec& spec, MapAxes axes) {
  validate(spec);
  return PerformanceMap::generate(
      spec.kind, std::move(axes),
      [&spec](double ts, double tk, double x) { return carnot_node(spec, ts, tk, x); });
}

}  // namespace heatlift::equipment
