// Performance maps as CSV: the one reader and writer of map files.
//
//   # heatlift performance map
//   # source_kind = air
//   t_source_K,t_sink_K,part_load,heating_capacity_W,electric_power_W
//   266.15,308.15,1,7100,2536
//   ...
//
// One row per grid node, in any order; the axes are the distinct values of the first three
// columns and every combination must appear exactly once. An infeasible node has both
// heating_capacity_W and electric_power_W empty. Lines starting with '#' are comments,
// except the required `# source_kind = air|brine|water`. Numbers are written in the
// shortest form that reads back to the same double, so a save/load round trip is exact.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "heatlift/equipment/performance_map.hpp"

namespace heatlift::equipment {

/// The CSV text of a map (see above).
std::string to_csv(const PerformanceMap& map);
/// Parses CSV text; `name` (a file name) prefixes error messages. Malformed text throws
/// InvalidInput naming the line, the column and what was expected.
PerformanceMap parse_map_csv(std::string_view text, std::string_view name = "<map>");

/// Writes `to_csv(map)` to `path`; throws InvalidInput when it cannot be written.
void save_map_csv(const PerformanceMap& map, const std::filesystem::path& path);
/// Reads a map file; throws DataMissing when it does not exist, InvalidInput when malformed.
PerformanceMap load_map_csv(const std::filesystem::path& path);

}  // namespace heatlift::equipment
