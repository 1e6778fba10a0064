// Datasheet test points as CSV: the reader behind `heatlift product fit POINTS.csv`.
//
//   # an 8 kW air-to-water unit, EN 14511 points
//   label,t_source_C,t_sink_C,part_load,capacity_kW,power_kW
//   A7/W35,7,35,1,8.0,1.667
//   A-7/W35,-7,35,1,6.2,2.067
//   ...
//
// Columns are found by name, in any order; the unit is part of the name, after the last
// '_' of the quantity, and any unit of the right dimension that the unit registry knows is
// accepted (core/units.hpp):
//
//   t_source_<unit>   source temperature (air dry bulb, brine or water inlet): C, °C, K, F
//   t_sink_<unit>     leaving water temperature: C, °C, K, F
//   capacity_<unit>   heating capacity (also heating_capacity_<unit>): W, kW, MW
//   power_<unit>      electric power (also electric_power_<unit>): W, kW, MW
//   cop               instead of power: COP, W/W
//   part_load         optional, compressor speed fraction in (0, 1] (part_load_% in %);
//                     1 when absent
//   label             optional, e.g. "A7/W35"; "line N" when absent or empty
//
// A temperature, capacity or power column without its unit is refused (a bare number is
// ambiguous). Blank lines and lines starting with '#' are skipped. Text comes through
// core::read_text_file (UTF-8, with or without a byte-order mark, or GB 18030). Every bad
// cell is refused with its position, `points.csv:LINE:FIELD:` (FIELD counts cells from 1),
// the column, the value and what was expected; so are rows with a sink not above the source
// or a COP at or above the Carnot COP of their temperatures.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "heatlift/equipment/datasheet_fit.hpp"

namespace heatlift::equipment {

struct DatasheetTable {
  std::vector<DatasheetPoint> points;  ///< SI, in file order
  std::vector<std::size_t> lines;      ///< the line of each point in the file
};

/// Parses the text of a points file; `name` (the file name) starts every message.
DatasheetTable parse_datasheet_csv(std::string_view text, std::string_view name = "<points>");
/// Reads a points file; DataMissing when it does not exist, InvalidInput when malformed.
DatasheetTable load_datasheet_csv(const std::filesystem::path& path);

/// The source kind the points' labels name when every label is a rating label of one
/// kind ("A7/W35", "A-7/W55" → air); std::nullopt otherwise.
std::optional<SourceKind> source_kind_from_labels(const std::vector<DatasheetPoint>& points);

}  // namespace heatlift::equipment
