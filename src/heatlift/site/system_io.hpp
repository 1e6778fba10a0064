// Reading the heat-pump system of a site file: [heat_pump], [source], [compensation],
// [backup], [storage], [pv]. Keys, units and defaults are listed in docs/site.md; every
// error names the file, line and field.
#pragma once

#include <filesystem>
#include <string>

#include "heatlift/equipment/product.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::core {
class ConfigTable;
}

namespace heatlift::site {

/// What the system is sized against.
struct SizingBasis {
  double t_out_design = 263.15;     ///< K, heating design outdoor temperature
  double design_load = 0.0;         ///< W, design heat load of the site
  double t_supply_design = 318.15;  ///< K, design supply temperature of the load
  double t_air_mean = 285.15;       ///< K, annual mean air temperature (ground default)
};

/// The heat pump as the accounts see it.
struct HeatPumpInfo {
  std::string name;
  std::string product;      ///< product id, or the map file
  std::string type;         ///< air_to_water, ground_source, water_source, water_heater, ...
  std::string refrigerant;  ///< fluid id, empty if unknown
  double charge = 0.0;      ///< kg, whole installation
  double capacity = 0.0;    ///< W, nominal heating capacity of the installation
  std::string rating_point;
};

/// Reads the system tables of `root` (a site file). `base_dir` resolves a relative `map`
/// path. Throws InvalidInput "file:line:col: field: reason" for bad input.
SystemSpec read_system(core::ConfigTable& root, const equipment::ProductLibrary& products,
                       const std::filesystem::path& base_dir, const SizingBasis& basis,
                       HeatPumpInfo& info);

}  // namespace heatlift::site
