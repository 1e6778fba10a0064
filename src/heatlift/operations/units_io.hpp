// Unit metadata at the edges: the units file users write (TOML, `--units units.toml`) and the
// JSON a store keeps in its `units` table (the same for SQLite and PostgreSQL).
//
//   [[unit]]
//   id = "A1"
//   type = "air-water"            # air-water, ground-water, water-water
//   refrigerant = "R410A"
//   rated_capacity = "12 kW"
//   install_year = 2013
//   place = "Shijiazhuang"
//   emitters = "floor"            # floor, radiators, fan-coils
//   product = "..."               # or map_file = "maps/a1.toml"
//   meters = { elec_source = false, elec_backup = true, elec_sink = false, heat_backup = true }
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "heatlift/operations/telemetry.hpp"

namespace heatlift::operations {

/// Every [[unit]] of a units file. Throws InvalidInput "file:line:column: unit[2].key: ..."
/// for a bad value or an unknown key, DataMissing when the file cannot be read.
std::vector<UnitMeta> read_units_file(const std::filesystem::path& path);
/// The same from text; `origin` names it in messages.
std::vector<UnitMeta> read_units_text(std::string_view text, std::string origin);

/// The metadata as a JSON object (SI: rated_capacity_W).
nlohmann::json unit_meta_to_json(const UnitMeta& unit);
/// The metadata from unit_meta_to_json's object; absent keys keep their defaults.
UnitMeta unit_meta_from_json(const nlohmann::json& doc);

}  // namespace heatlift::operations
