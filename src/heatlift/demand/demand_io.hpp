// Reading the demand sections of a site file ([demand.building], [demand.hot_water],
// [demand.process], [demand.drying]; each block declares its keys once, docs/parameters.md
// lists them). Each reader takes the section's table, returns the builder's plain spec and
// rejects unknown keys; errors name file, line, column and the dotted field.
#pragma once

#include <optional>

#include "heatlift/demand/building.hpp"
#include "heatlift/demand/drying.hpp"
#include "heatlift/demand/hot_water.hpp"
#include "heatlift/demand/process.hpp"

namespace heatlift::core {
class ConfigTable;
}

namespace heatlift::demand {

/// `zone` may be left out when the caller knows the place's zone (`default_zone`).
BuildingSpec building_from_config(core::ConfigTable& t, const ArchetypeLibrary& lib,
                                  std::optional<ClimateZone> default_zone = std::nullopt);
HotWaterSpec hot_water_from_config(core::ConfigTable& t, const HotWaterLibrary& lib);
ProcessSpec process_from_config(core::ConfigTable& t);
DryingSpec drying_from_config(core::ConfigTable& t);

}  // namespace heatlift::demand
