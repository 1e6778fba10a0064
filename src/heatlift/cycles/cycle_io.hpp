// Cycle design files (TOML; `heatlift params cycle` lists every key): the only code that reads
// them. Errors name file, line, column and the field.
#pragma once

#include <string>
#include <string_view>

#include "heatlift/cycles/cycle.hpp"

namespace heatlift::core {
class ConfigTable;
}

namespace heatlift::cycles {

/// The [map] table of a cycle file: the grid `heatlift cycle map` generates.
struct MapRequest {
  std::vector<double> source_T;   ///< K
  std::vector<double> sink_T;     ///< K (leaving)
  std::vector<double> part_load;  ///< speed fractions
  double source_drop = 0.0;       ///< K, 0: the design's
  double sink_rise = 0.0;         ///< K, 0: the design's
  double sink_inlet = 0.0;        ///< K, fixed sink inlet (one-pass); 0: inlet = T − rise
};

/// A cycle file: the specification plus its name and description.
struct CycleFile {
  std::string name;
  std::string description;
  CycleSpec spec;
  std::optional<double> charge;  ///< kg of refrigerant (for CO2-equivalents)
  std::optional<MapRequest> map;
};

CycleFile read_cycle_file(const std::string& path);
CycleFile parse_cycle(std::string_view text, const std::string& origin);
/// Reads a [map] table, a cycle file's or a product design's (the grid its map covers, each
/// axis strictly increasing), and finish()es it.
MapRequest read_map_request(core::ConfigTable& m);
/// Reads the cycle keys of a table (also used inside product files); leaves unknown-key
/// checking to the caller's finish().
CycleSpec read_cycle_spec(core::ConfigTable& t);

}  // namespace heatlift::cycles
