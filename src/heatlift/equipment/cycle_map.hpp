// A PerformanceMap generated from a cycle design: the product the cycle describes, at
// every source temperature × sink temperature × compressor speed of a grid.
#pragma once

#include <vector>

#include "heatlift/cycles/cycle.hpp"
#include "heatlift/cycles/cycle_io.hpp"
#include "heatlift/equipment/performance_map.hpp"

namespace heatlift::equipment {

struct CycleMapOptions {
  double source_drop = 0.0;  ///< K the source stream cools; 0: the design's (T_in − T_out)
  double sink_rise = 0.0;    ///< K the sink stream warms; 0: the design's (T_out − T_in)
  double sink_inlet = 0.0;   ///< K: a fixed sink inlet instead (one-pass water heaters)
  double min_pinch = 0.5;    ///< K, the floor of the part-load pinch (see below)
  unsigned threads = 1;      ///< 0 = all cores; the map does not depend on it
};

/// What the design's compressor was sized to when the design gave a heating capacity.
struct CycleMapSizing {
  double displacement = 0.0;     ///< m³ per revolution
  double speed_nominal = 0.0;    ///< rev/s at part load 1
  double design_capacity = 0.0;  ///< W at the design point
  double design_cop = 0.0;
};

/// The heating design with its compressor sized as map_from_cycle sizes it (from the
/// design's heating capacity when it gives no displacement), at full speed and with the
/// heating capacity dropped: the machine itself, whatever it is then asked to do.
cycles::CycleSpec sized_design(const cycles::CycleSpec& design, const cycles::WorkingFluid& fluid,
                               const cycles::WorkingFluid* fluid_high,
                               CycleMapSizing* sizing = nullptr);

/// Generates the map. The design must give [source] and [sink] streams: the design point
/// fixes the compressor (from its displacement and speed, or sized so that full speed
/// gives the design's heating capacity at the design's streams). At a node the source
/// stream enters at t_source and cools by `source_drop`, the sink leaves at t_sink after
/// warming by `sink_rise`, the compressor runs at speed fraction `part_load`, and the
/// exchangers' pinch shrinks with the load as a fixed-UA exchanger's approach does,
/// pinch(x) = max(min_pinch, x · pinch). An infeasible node is invalid, its reason in
/// `issues`.
PerformanceMap map_from_cycle(const cycles::CycleSpec& design, const cycles::WorkingFluid& fluid,
                              const cycles::WorkingFluid* fluid_high, SourceKind kind,
                              const MapAxes& axes, const CycleMapOptions& options = {},
                              std::vector<NodeIssue>* issues = nullptr,
                              CycleMapSizing* sizing = nullptr);

/// The grid a [map] table asks for (a cycle file's or a product design's).
MapAxes map_axes(const cycles::MapRequest& q);
/// The stream options a [map] table asks for: the source drop, the sink rise, a fixed sink
/// inlet (the other options at their defaults).
CycleMapOptions map_options(const cycles::MapRequest& q);

/// The source kind of a stream medium: air → air, brine → brine, anything else → water.
SourceKind source_kind_of(const cycles::Stream& source);

}  // namespace heatlift::equipment
