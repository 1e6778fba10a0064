// The vehicle file (`heatlift vehicle FILE`): tables [vehicle], [cabin], [battery] and
// [heat_pump], each key declared once (`heatlift params vehicle`, docs/parameters.md).
// Every key has a default, so an empty file is the compact EV of docs/transport.md.
#pragma once

#include <string>

#include "heatlift/demand/vehicle.hpp"

namespace heatlift::core {
class ConfigDocument;
}

namespace heatlift::demand {

/// Reads a vehicle document; throws InvalidInput naming file, line and key.
VehicleSpec read_vehicle(const core::ConfigDocument& doc);
/// Reads a vehicle file.
VehicleSpec read_vehicle_file(const std::string& path);

}  // namespace heatlift::demand
