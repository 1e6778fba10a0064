#include "heatlift/equipment/cycle_map.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "heatlift/core/error.hpp"

namespace heatlift::equipment {

SourceKind source_kind_of(const cycles::Stream& source) {
  if (source.medium == "air") return SourceKind::air;
  if (source.medium == "brine") return SourceKind::brine;
  return SourceKind::water;
}

MapAxes map_axes(const cycles::MapRequest& q) {
  MapAxes a;
  a.t_source = q.source_T;
  a.t_sink = q.sink_T;
  a.part_load = q.part_load;
  return a;
}

CycleMapOptions map_options(const cycles::MapRequest& q) {
  CycleMapOptions o;
  o.source_drop = q.source_drop;
  o.sink_rise = q.sink_rise;
  o.sink_inlet = q.sink_inlet;
  return o;
}

cycles::CycleSpec sized_design(const cycles::CycleSpec& design, const cycles::WorkingFluid& fluid,
                               const cycles::WorkingFluid* fluid_high, CycleMapSizing* sizing) {
  cycles::CycleSpec base = design;
  base.compressor.speed_fraction = 1.0;
  // The design point fixes the compressor.
  const cycles::CycleResult at_design = cycles::CycleSolver::solve(base, fluid, fluid_high);
  if (!base.compressor.sized()) {
    if (base.compressor.ahri540)
      throw NotSupported("maps from AHRI 540 compressors: give the speed range as a datasheet map");
    // Sized for 50 rev/s at full speed (a convention: only the product of displacement
    // and speed matters): the swept volume the design's suction flow needs.
    const double pr = at_design.pressure_ratio;
    base.compressor.speed_nominal = 50.0;
    base.compressor.displacement =
        at_design.suction_volume_flow / base.compressor.volumetric(pr) / 50.0;
  }
  base.heating_capacity.reset();
  if (sizing) {
    sizing->displacement = base.compressor.displacement;
    sizing->speed_nominal = base.compressor.speed_nominal;
    sizing->design_capacity = at_design.heating;
    sizing->design_cop = at_design.cop;
  }
  return base;
}

PerformanceMap map_from_cycle(const cycles::CycleSpec& design, const cycles::WorkingFluid& fluid,
                              const cycles::WorkingFluid* fluid_high, SourceKind kind,
                              const MapAxes& axes, const CycleMapOptions& options,
                              std::vector<NodeIssue>* issues, CycleMapSizing* sizing) {
  if (!design.source || !design.sink) {
    throw InvalidInput(
        "a performance map needs the design's [source] and [sink] streams: the map varies "
        "their temperatures");
  }
  const cycles::CycleSpec base = sized_design(design, fluid, fluid_high, sizing);
  const double drop =
      options.source_drop > 0.0 ? options.source_drop : design.source->T_in - design.source->T_out;
  const double rise =
      options.sink_rise > 0.0 ? options.sink_rise : design.sink->T_out - design.sink->T_in;
  const double pinch_source = design.source->pinch;
  const double pinch_sink = design.sink->pinch;
  const NodeFunction node = [&](double t_source, double t_sink,
                                double x) -> std::optional<NodeValue> {
    if (!(t_sink > t_source)) return std::nullopt;  // no lift: not a heat pump's job
    cycles::CycleSpec s = base;
    s.compressor.speed_fraction = x;
    s.source->T_in = t_source;
    s.source->T_out = t_source - drop;
    s.source->pinch = std::max(options.min_pinch, x * pinch_source);
    s.sink->T_out = t_sink;
    s.sink->T_in = options.sink_inlet > 0.0 ? options.sink_inlet : t_sink - rise;
    if (!(s.sink->T_in < t_sink)) return std::nullopt;  // the sink would not be heated
    s.sink->pinch = std::max(options.min_pinch, x * pinch_sink);
    try {
      const cycles::CycleResult r = cycles::CycleSolver::solve(s, fluid, fluid_high);
      return NodeValue{r.heating, r.compressor_electric + r.auxiliary};
    } catch (const InvalidInput&) {
      // At a small lift an injection cycle's intermediate level leaves the economiser no
      // room (its saturation plus the approach lies above the liquid leaving the condenser):
      // the machine closes its injection valve and runs single stage, as it does in cooling.
      if (s.topology != cycles::Topology::vapor_injection) throw;
      s.topology = cycles::Topology::single_stage;
      const cycles::CycleResult r = cycles::CycleSolver::solve(s, fluid, fluid_high);
      return NodeValue{r.heating, r.compressor_electric + r.auxiliary};
    }
  };
  return PerformanceMap::generate(kind, axes, node, GenerateOptions{options.threads}, issues);
}

}  // namespace heatlift::equipment
