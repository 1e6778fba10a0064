// Groundwater and surface water as heat sources ([source.water], docs/site.md): the water's
// temperature hour by hour from the site's weather, for a heat pump with kind = "water".
//
// - groundwater: constant at the annual mean air temperature plus an offset (default 2 K:
//   the constant-temperature layer 10-15 m down lies 1-3 °C above the annual mean air
//   temperature, Japanese Association of Groundwater Hydrology, FAQ "地下水の深度と水温");
// - river, lake: a lagged, damped annual profile of the air,
//     T_w(t) = T̄_air + offset + damping · (T_air,7d(t − lag) − T̄_air),  never below 0 °C
//   (water under ice), where T_air,7d is the trailing 7-day mean air temperature. Published
//   stream regressions on weekly air temperature have this linear form with a slope below 1
//   (Stefan & Preud'homme 1993, Water Resources Bulletin 29(1)); the defaults (river: lag 7
//   days, damping 0.75; lake intake: 30 days, 0.6) are heatlift's assumptions, to be replaced
//   by the water body's own measurements.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "heatlift/climate/weather.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::core {
class ConfigTable;
}

namespace heatlift::site {

struct WaterBody {
  enum class Kind { groundwater, river, lake };
  Kind kind = Kind::groundwater;
  double offset = 2.0;    ///< K above the annual mean air temperature
  double damping = 0.75;  ///< river / lake: share of the air's swing the water follows
  double lag_days = 7.0;  ///< river / lake: delay behind the air
};

/// The water's temperature (K) for every hour of `weather`. Throws InvalidInput for a damping
/// outside [0, 1], a negative lag or a lag of a year or more.
std::vector<double> water_temperatures(const WaterBody& body,
                                       const climate::WeatherSeries& weather);

/// Reads [source.water] from the [source] table; nullptr when absent, an error unless the source
/// is kind = "water".
std::shared_ptr<const WaterBody> read_water_body(core::ConfigTable& source, SourceSpec::Kind kind);

}  // namespace heatlift::site
