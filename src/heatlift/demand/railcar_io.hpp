// The railcar file (`heatlift vehicle --railcar FILE`): one table [railcar], each key
// declared once (`heatlift params railcar`); an empty file is the default car.
#pragma once

#include <string>

#include "heatlift/demand/railcar.hpp"

namespace heatlift::core {
class ConfigDocument;
}

namespace heatlift::demand {

/// Reads a railcar document; throws InvalidInput naming file, line and key.
RailcarSpec read_railcar(const core::ConfigDocument& doc);
RailcarSpec read_railcar_file(const std::string& path);

}  // namespace heatlift::demand
