// A product's PerformanceMap as the HeatingPerformance a rating asks: full-speed capacity
// and COP at the outdoor (source) temperature and the application's leaving-water
// temperature. Given the design load, a variable-speed map answers at the speed whose
// capacity meets the load (EN 14825's declared capacity of a variable-capacity unit),
// never below its lowest speed; below that, and for a single-speed map, the bin method
// treats the remaining gap by cycling (Cd).
#pragma once

#include <functional>
#include <memory>

#include "heatlift/equipment/defrost.hpp"
#include "heatlift/equipment/performance_map.hpp"
#include "heatlift/standards/performance.hpp"

namespace heatlift::standards {

class MapPerformance final : public HeatingPerformance {
 public:
  /// `sink` gives the leaving-water temperature (K) at an outdoor temperature (K): a
  /// fixed outlet, or the standard's compensation curve. For air-source maps, whose
  /// cycle excludes frosting, the EPRI/EnergyPlus defrost adjustment is applied at
  /// `relative_humidity` (EN 14511's wet-bulb conditions A2 (1 °C WB) and A−7 (−8 °C WB)
  /// are about 84–90 % RH; 0 switches it off).
  MapPerformance(std::shared_ptr<const equipment::PerformanceMap> map,
                 std::function<double(double)> sink, double relative_humidity = 0.85,
                 double design_load = 0.0);
  Performance at(const OperatingPoint& op) const override;

 private:
  std::shared_ptr<const equipment::PerformanceMap> map_;
  std::function<double(double)> sink_;
  double rh_;
  double design_load_;  // W; 0: always full speed
  equipment::MapPoint query(double t_source, double t_sink, double x) const;
};

}  // namespace heatlift::standards
