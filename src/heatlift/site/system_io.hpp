// Reading the heat-pump system of a site file: [heat_pump], [source], [compensation],
// [backup], [storage], [pv]. Keys, units and defaults are listed in docs/site.md; every
// error names the file, line and field.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "heatlift/equipment/product.hpp"
#include "heatlift/site/hybrid.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::core {
class ConfigTable;
}

namespace heatlift::site {

/// What the system is sized against.
struct SizingBasis {
  double t_out_design = 263.15;      ///< K, heating design outdoor temperature
  double design_load = 0.0;          ///< W, design heat load of the site
  double t_supply_design = 318.15;   ///< K, design supply temperature of the load
  double t_air_mean = 285.15;        ///< K, annual mean air temperature (ground default)
  double design_cooling_load = 0.0;  ///< W, design cooling load (0: the site is not cooled)
  double t_chilled_design = 280.15;  ///< K, chilled water leaving at the cooling design
  /// K, cooling design outdoor dry bulb: exceeded in 0.4 % of the year's hours (35 h), the
  /// ASHRAE Handbook of Fundamentals' cooling design condition.
  double t_out_cooling_design = 308.15;
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

/// How the heat pump is sized: the map as it is, a number of units, a nominal capacity (a
/// product's rated capacity is the reference) or the share of the site's design load
/// covered at the design outdoor temperature (bivalent sizing: known only once the demand
/// has been simulated).
struct Sizing {
  enum class Kind { map, units, capacity, cover };
  Kind kind = Kind::map;
  double value = 1.0;  ///< units; W; or the covered share
  std::string where;   ///< "file:line:column: heat_pump.cover", for an error while sizing
};

/// The system as a site file describes it, before sizing: the unit's map at scale 1.
struct SystemDesign {
  SystemSpec spec;     ///< heat_pump.scale = 1, auxiliaries not yet resolved
  HeatPumpInfo info;   ///< capacity and charge of one map (scale 1)
  double rated = 0.0;  ///< W, the product's rated capacity (0 for a map file)
  Sizing sizing;
  std::optional<double> source_aux, sink_aux;  ///< W as given; by default ∝ the capacity
  BackupDesign backup;  ///< [backup]: electric heater, or a boiler and its switch-over
  std::optional<double> pv_feed_in_price;  ///< CNY/J paid for exported PV ([pv])
};

/// Reads the system tables of `root` (a site file). `base_dir` resolves a relative `map`
/// path; `t_out_design` (K) is the compensation curve's design point. Throws InvalidInput
/// "file:line:col: field: reason" for bad input. Reads only: nothing is sized or simulated.
SystemDesign read_system(core::ConfigTable& root, const equipment::ProductLibrary& products,
                         const std::filesystem::path& base_dir, double t_out_design);

/// The system sized against `basis`: the factor on the map, the installation's capacity and
/// charge (into `info`) and the auxiliaries' defaults, which scale with the capacity.
/// Throws InvalidInput at sizing.where when the map cannot cover the design load.
SystemSpec size_system(const SystemDesign& design, const SizingBasis& basis, HeatPumpInfo& info);

}  // namespace heatlift::site
