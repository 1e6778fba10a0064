#include "heatlift/equipment/cooling_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"

namespace heatlift::equipment {

namespace {

using core::Dimension;
using core::ParamKind;

const core::Range kAbsolute{1.0, 2000.0, "above 0 K"};

std::vector<core::ParamDecl> stream_params(std::string_view medium_doc) {
  return {
      {.key = "medium",
       .kind = ParamKind::choice,
       .fallback = "water",
       .choices = {"water", "brine", "air"},
       .doc = medium_doc},
      {.key = "T_in",
       .kind = ParamKind::quantity,
       .dimension = Dimension::temperature,
       .range = kAbsolute,
       .required = true,
       .doc = "inlet temperature at the rating condition"},
      {.key = "T_out",
       .kind = ParamKind::quantity,
       .dimension = Dimension::temperature,
       .range = kAbsolute,
       .required = true,
       .doc = "outlet temperature at the rating condition"},
      {.key = "pinch",
       .kind = ParamKind::quantity,
       .dimension = Dimension::temperature_difference,
       .range = {0.1, 100.0},
       .fallback = "3 K",
       .doc = "minimum approach temperature in the exchanger"},
  };
}

const core::BlockDecl kCooling{
    "product-design",
    "cooling",
    "A reversible product's cooling mode (docs/performance-map.md, \"Cooling maps\"): the same "
    "compressor and refrigerant as `[cycle]`, run with the chilled water as its source "
    "(`[cooling.chilled]`) and the heat-rejection medium as its sink (`[cooling.reject]`), over "
    "the grid of `[cooling.map]`. Absent: the product does not cool.",
    {
        {.key = "rating_point",
         .kind = ParamKind::text,
         .required = true,
         .doc = "the cooling rating condition, e.g. `A35/W7` (EN 14511-2, GB/T 25127) or "
                "`W30/W7` (GB/T 19409, GB/T 18430)"},
        {.key = "topology",
         .kind = ParamKind::choice,
         .choices = {"single_stage", "vapor_injection"},
         .doc = "the circuit in cooling when it differs from heating's (an EVI unit closes its "
                "injection in cooling: `single_stage`); default: heating's"},
        {.key = "auxiliary_power",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, 1e8, "0 W or more"},
         .doc = "fans and pumps in cooling (default: the heating design's)"},
    }};
const core::BlockDecl kChilled{
    "product-design", "cooling.chilled",
    "The chilled-water stream the evaporator cools, from `T_in` (return) to `T_out` (supply).",
    stream_params("the chilled-water carrier (water or brine)")};
const core::BlockDecl kReject{
    "product-design", "cooling.reject",
    "The heat-rejection stream the condenser warms, from `T_in` to `T_out`: outdoor air for an "
    "air-cooled unit, ground-loop brine or source water for a water-cooled one.",
    stream_params("the heat-rejection medium")};
const core::BlockDecl kCoolingMap{
    "product-design",
    "cooling.map",
    "The grid of the cooling map, each axis strictly increasing.",
    {
        {.key = "reject_T",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kAbsolute,
         .required = true,
         .doc = "heat-rejection inlet temperatures (the map's t_source axis)"},
        {.key = "chilled_T",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kAbsolute,
         .required = true,
         .doc = "chilled-water leaving temperatures (the map's t_sink axis)"},
        {.key = "part_load",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {1e-3, 1.0, "above 0, at most 1"},
         .doc = "compressor speed fractions (default: 1 only)"},
    }};

const core::BlockRegistrar kRegister[] = {
    core::BlockRegistrar(kCooling), core::BlockRegistrar(kChilled), core::BlockRegistrar(kReject),
    core::BlockRegistrar(kCoolingMap)};

cycles::Stream read_stream(core::ConfigTable t, const core::BlockDecl& k) {
  cycles::Stream s;
  s.medium = t.text(k.param("medium"));
  s.T_in = t.value(k.param("T_in"));
  s.T_out = t.value(k.param("T_out"));
  s.cp = s.medium == "air" ? 1006.0 : s.medium == "brine" ? 3800.0 : 4186.0;
  s.pinch = t.value(k.param("pinch"));
  t.finish();
  return s;
}

std::vector<double> axis(core::ConfigTable& m, std::string_view key) {
  const core::ParamDecl& p = kCoolingMap.param(key);
  std::vector<double> v = m.quantities(p.key, *p.dimension, p.range);
  if (v.empty()) m.fail(key, "expected at least one value");
  for (std::size_t i = 1; i < v.size(); ++i)
    if (!(v[i] > v[i - 1])) m.fail(key, "values must increase strictly");
  return v;
}

}  // namespace

CoolingDesign read_cooling_design(core::ConfigTable& t) {
  const core::BlockDecl& k = kCooling;
  CoolingDesign d;
  d.rating_point = t.text(k.param("rating_point"));
  if (auto topo = t.optional_text(k.param("topology"))) d.topology = cycles::topology_from(*topo);
  d.auxiliary_power = t.optional_value(k.param("auxiliary_power"));
  d.chilled = read_stream(t.table("chilled"), kChilled);
  if (!(d.chilled.T_out < d.chilled.T_in))
    t.fail("chilled", fmt::format("the chilled water is cooled: T_out ({:.2f} K) must lie below "
                                  "T_in ({:.2f} K)",
                                  d.chilled.T_out, d.chilled.T_in));
  if (d.chilled.medium == "air") t.fail("chilled", "the chilled stream is water or brine, not air");
  d.reject = read_stream(t.table("reject"), kReject);
  if (!(d.reject.T_out > d.reject.T_in))
    t.fail("reject", fmt::format("the rejection stream is warmed: T_out ({:.2f} K) must lie "
                                 "above T_in ({:.2f} K)",
                                 d.reject.T_out, d.reject.T_in));
  {
    core::ConfigTable m = t.table("map");
    d.axes.t_source = axis(m, "reject_T");
    d.axes.t_sink = axis(m, "chilled_T");
    d.axes.part_load = m.has("part_load") ? axis(m, "part_load") : std::vector<double>{1.0};
    m.finish();
  }
  t.finish();
  return d;
}

cycles::CycleSpec cooling_cycle(const cycles::CycleSpec& heating, const CoolingDesign& cooling) {
  cycles::CycleSpec s = heating;
  s.heating_capacity.reset();
  s.compressor.speed_fraction = 1.0;
  if (cooling.topology) {
    s.topology = *cooling.topology;
    if (s.topology == cycles::Topology::single_stage) s.injection_quality.reset();
  }
  if (cooling.auxiliary_power) s.auxiliary_power = *cooling.auxiliary_power;
  s.source = cooling.chilled;
  s.sink = cooling.reject;
  return s;
}

namespace {

std::optional<NodeValue> solve_node(const cycles::CycleSpec& base, double t_reject,
                                    double t_chilled, double x, double chilled_drop,
                                    double reject_rise, double pinch_chilled, double pinch_reject,
                                    double min_pinch, const cycles::WorkingFluid& fluid,
                                    const cycles::WorkingFluid* fluid_high) {
  if (!(t_reject > t_chilled)) return std::nullopt;  // free cooling: not the compressor's job
  cycles::CycleSpec s = base;
  s.compressor.speed_fraction = x;
  s.source->T_out = t_chilled;
  s.source->T_in = t_chilled + chilled_drop;
  s.source->pinch = std::max(min_pinch, x * pinch_chilled);
  s.sink->T_in = t_reject;
  s.sink->T_out = t_reject + reject_rise;
  s.sink->pinch = std::max(min_pinch, x * pinch_reject);
  const cycles::CycleResult r = cycles::CycleSolver::solve(s, fluid, fluid_high);
  const double power = r.compressor_electric + r.auxiliary;
  if (!(r.source_heat > 0.0) || !(power > 0.0)) return std::nullopt;
  return NodeValue{r.source_heat, power};
}

}  // namespace

PerformanceMap cooling_map_from_cycle(const cycles::CycleSpec& heating,
                                      const CoolingDesign& cooling,
                                      const cycles::WorkingFluid& fluid,
                                      const cycles::WorkingFluid* fluid_high,
                                      const CycleMapOptions& options,
                                      std::vector<NodeIssue>* issues) {
  if (!heating.compressor.sized())
    throw InvalidInput(
        "a cooling map needs the product's sized compressor: pass sized_design(heating)");
  const cycles::CycleSpec base = cooling_cycle(heating, cooling);
  const double drop = cooling.chilled.T_in - cooling.chilled.T_out;
  const double rise = cooling.reject.T_out - cooling.reject.T_in;
  const double p_chilled = cooling.chilled.pinch;
  const double p_reject = cooling.reject.pinch;
  const NodeFunction node = [&](double t_source, double t_sink,
                                double x) -> std::optional<NodeValue> {
    return solve_node(base, t_source, t_sink, x, drop, rise, p_chilled, p_reject, options.min_pinch,
                      fluid, fluid_high);
  };
  return PerformanceMap::generate(source_kind_of(cooling.reject), cooling.axes, node,
                                  GenerateOptions{options.threads}, issues);
}

CoolingPoint cooling_point(const cycles::CycleSpec& cooling_spec, double t_reject, double t_chilled,
                           const cycles::WorkingFluid& fluid,
                           const cycles::WorkingFluid* fluid_high) {
  if (!cooling_spec.source || !cooling_spec.sink)
    throw InvalidInput("cooling_point: the cooling cycle needs its chilled and rejection streams");
  const double drop = cooling_spec.source->T_in - cooling_spec.source->T_out;
  const double rise = cooling_spec.sink->T_out - cooling_spec.sink->T_in;
  const auto v =
      solve_node(cooling_spec, t_reject, t_chilled, 1.0, drop, rise, cooling_spec.source->pinch,
                 cooling_spec.sink->pinch, cooling_spec.source->pinch, fluid, fluid_high);
  if (!v)
    throw InvalidInput(fmt::format(
        "cooling at a rejection inlet of {:.2f} K and chilled water leaving at {:.2f} K: no "
        "operating point (the rejection must be warmer than the chilled water)",
        t_reject, t_chilled));
  return {v->capacity, v->power, v->capacity / v->power};
}

Iplv iplv(const PerformanceMap& cooling) {
  const bool air = cooling.source_kind() == SourceKind::air;
  const double t_chilled = 7.0 + 273.15;
  const double water[4] = {30.0, 26.0, 23.0, 19.0};
  const double air_t[4] = {35.0, 31.5, 28.0, 24.5};
  const double load[4] = {1.0, 0.75, 0.5, 0.25};
  const double weight[4] = {0.012, 0.328, 0.397, 0.263};
  const std::vector<double>& speeds = cooling.axes().part_load;
  const double x_min = speeds.front();
  const double q_full =
      cooling.at_checked((air ? air_t[0] : water[0]) + 273.15, t_chilled).capacity;
  Iplv out;
  for (int i = 0; i < 4; ++i) {
    const double t_reject = (air ? air_t[i] : water[i]) + 273.15;
    const double target = load[i] * q_full;
    MapPoint p = cooling.at_checked(t_reject, t_chilled, 1.0);
    if (p.capacity > target) {
      const MapPoint low = cooling.at_checked(t_reject, t_chilled, x_min);
      if (low.capacity >= target) {
        p = low;  // cycling at the lowest speed
      } else {    // the speed whose capacity meets the load (capacity rises with speed)
        double lo = x_min, hi = 1.0;
        for (int it = 0; it < 60; ++it) {
          const double mid = 0.5 * (lo + hi);
          (cooling.at_checked(t_reject, t_chilled, mid).capacity < target ? lo : hi) = mid;
        }
        p = cooling.at_checked(t_reject, t_chilled, 0.5 * (lo + hi));
      }
    }
    out.eer[i] = p.cop;
    out.iplv += weight[i] * p.cop;
  }
  return out;
}

}  // namespace heatlift::equipment
