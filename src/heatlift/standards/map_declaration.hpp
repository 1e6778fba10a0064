// A performance map (the file `product fit` writes, or any map file) as the product EN 14825
// rates: the map is asked at each test condition the climate needs, as a lab would test the
// unit, and its answers become the declared points. A variable-speed map answers at the
// speed that meets the part load (never below its lowest speed), so it is declared
// `variable`; a single-speed map answers at full capacity and is declared `fixed` (on/off).
// Everything after that is the rating of declared points, unchanged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "heatlift/equipment/performance_map.hpp"
#include "heatlift/standards/product.hpp"
#include "heatlift/standards/tables.hpp"

namespace heatlift::standards {

/// What EN 14825 needs that a map does not hold. Unset values take the defaults below.
struct MapRatingOptions {
  std::string climate = "average";
  /// "low" (35 °C) and/or "medium" (55 °C) leaving water, fixed outlet. Empty: each of the
  /// two whose outlet lies on the map's sink axis.
  std::vector<std::string> applications;
  /// Bivalent temperature, K. Default: −7 °C, or TOL where that is higher.
  std::optional<double> t_biv;
  /// Operation limit, K. Default: the map's lowest source temperature, but not below the
  /// climate's design temperature (no bin lies below it).
  std::optional<double> tol;
  /// Pdesignh, W. Default: the map's full-speed capacity at Tbiv over pl(Tbiv), i.e. the
  /// unit covers the load exactly at Tbiv, as the bivalent point is defined.
  std::optional<double> design_load;
  /// The EPRI/EnergyPlus defrost adjustment at this relative humidity (0: none). A map
  /// fitted to datasheet points already holds the defrost losses of the tests (EN 14511
  /// measures through defrost cycles); a map from the cycle solver does not.
  double relative_humidity = 0.0;
  double p_off = 0.0, p_to = 0.0, p_sb = 0.0, p_ck = 0.0;  ///< W; a map holds none
};

/// The map as a product with one EN 14825 declaration per application. `name` names the
/// product and, with the condition, each point ("fit.csv at A (-7 °C)"). Throws
/// InvalidInput for a water- or brine-source map (EN 14825 rates those at a fixed source
/// temperature per condition that heatlift does not ship), an application whose outlet lies
/// off the map's sink axis, a condition beyond the map's source axis (a map holds its edge
/// values there, which would declare a point it does not have) or where it has no valid
/// node, or bad options.
Product product_from_map(const equipment::PerformanceMap& map, const std::string& name,
                         const StandardsLibrary& library, const MapRatingOptions& options);

}  // namespace heatlift::standards
