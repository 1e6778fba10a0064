// Products: representative heat pumps of the action plan's application types, each a
// cycle design (data/products/*.toml, documented: design assumptions and where the
// figures come from) whose PerformanceMap the rating, site and fleet layers use.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/core/data_store.hpp"
#include "heatlift/cycles/cycle.hpp"
#include "heatlift/equipment/cooling_map.hpp"
#include "heatlift/equipment/cycle_map.hpp"
#include "heatlift/equipment/performance_map.hpp"
#include "heatlift/fluids/library.hpp"

namespace heatlift::equipment {

struct Product {
  std::string id;  ///< file stem, e.g. "evi-r32-10kw"
  std::string name;
  std::string type;             ///< air_to_water, ground_source, water_source, water_heater, ...
  std::string description;      ///< design assumptions and the figures' sources
  std::string refrigerant;      ///< fluid id
  double charge = 0.0;          ///< kg
  double rated_capacity = 0.0;  ///< W at the rating point
  std::string rating_point;     ///< e.g. "A7/W35"
  cycles::CycleSpec design;     ///< the cycle at the rating point, with streams
  MapAxes axes;                 ///< the grid its map covers ([map])
  CycleMapOptions map_options;  ///< [map]'s streams: drop, rise, fixed sink inlet (one-pass)
  SourceKind source_kind = SourceKind::air;
  std::string file;  ///< data path
  /// The cooling mode ([cooling]) of a reversible product; none: heating only.
  std::optional<CoolingDesign> cooling;
};

/// Reads one product file; errors name file, line, column and field.
Product parse_product(std::string_view text, const std::string& origin);

/// The shipped products (data/products/), loaded once; maps generated on first use and
/// cached. Safe to share between threads.
class ProductLibrary {
 public:
  ProductLibrary(const core::DataStore& store, const fluids::FluidLibrary& fluids);
  std::vector<std::string> ids() const;
  const Product& product(std::string_view id) const;  ///< DataMissing listing the ids
  /// The product's map (generated from its design on first call; ~ms).
  std::shared_ptr<const PerformanceMap> map(std::string_view id) const;
  /// The product's cooling map, nullptr when it has no cooling mode. Axes: t_source = the
  /// heat-rejection stream's inlet (outdoor air dry bulb; brine / water entering the
  /// condenser), t_sink = chilled water leaving (supply), part_load as usual; capacity =
  /// COOLING capacity (W), power = electricity (W), so cop = EER.
  std::shared_ptr<const PerformanceMap> cooling_map(std::string_view id) const;
  /// Cooling capacity, power and EER solved by the cycle (not read off the map) at full
  /// speed, heat-rejection inlet `t_reject` and chilled water leaving at `t_chilled` (K).
  /// Throws InvalidInput when the product has no cooling mode.
  CoolingPoint cooling_point(std::string_view id, double t_reject, double t_chilled) const;
  /// The design solved at its rating point.
  cycles::CycleResult rating_point(std::string_view id) const;

 private:
  const fluids::FluidLibrary& fluids_;
  std::map<std::string, Product, std::less<>> products_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const PerformanceMap>, std::less<>> maps_;
  mutable std::map<std::string, std::shared_ptr<const PerformanceMap>, std::less<>> cooling_maps_;
};

}  // namespace heatlift::equipment
