// A ground-source site with a real borefield ([source.borefield], docs/site.md): the brine
// temperature of every hour comes from the borefield's response to the site's own hourly
// ground heat (extraction in heating, rejection in cooling) repeated over 20-50 years,
// instead of a fixed drop below the undisturbed ground.
//
// The year and the field are coupled (the brine sets the COP, the COP the ground heat). The
// ground heat that drives the drift is the one the heat pump draws at its design brine (the
// year run with the fixed drop): the heat the site asks of the field. A field too small for
// it shows as brine below the map, cut-outs and back-up heat in the site year, which runs on
// the brine of the simulated year (by default the middle year of the horizon,
// representative of the lifetime). Iterating the two instead would let an undersized field
// look fine: its cut-outs would stop the very extraction that makes it too small.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "heatlift/climate/weather.hpp"
#include "heatlift/demand/load.hpp"
#include "heatlift/equipment/borefield.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::core {
class ConfigTable;
}

namespace heatlift::site {

/// The [source.borefield] block as read.
struct GroundLoop {
  equipment::BorefieldSpec field;  ///< t_undisturbed set when the year is planned
  int years = 25;                  ///< horizon of the drift
  int simulated_year = 0;          ///< year whose brine the site year uses; 0 = the middle
  bool size = false;               ///< size the borehole length for `limits`
  equipment::FluidLimits limits;
  std::string where;  ///< "file:line:column: source.borefield", for an error while sizing
};

/// What the borefield did over the horizon.
struct GroundLoopOutcome {
  equipment::BorefieldSpec field;  ///< as simulated (the sized length when sized)
  int years = 0;
  int simulated_year = 0;
  equipment::BorefieldResponse response;
  std::optional<equipment::BorefieldSizing> sizing;
};

/// Reads [source.borefield] from the [source] table, if there is one.
std::optional<GroundLoop> read_ground_loop(core::ConfigTable& source);
/// The same, shared, for SourceSpec::borefield; an error unless the source is the ground.
std::shared_ptr<const GroundLoop> read_borefield(core::ConfigTable& source, SourceSpec::Kind kind);

/// Runs the year and the drift (see above) and sets system.source.t_hourly to the brine of
/// the simulated year. `t_ground` is the undisturbed ground (K). Throws InvalidInput at
/// loop.where when the weather is not one 8,760-hour year or the field cannot be sized.
GroundLoopOutcome plan_ground_loop(const GroundLoop& loop, double t_ground,
                                   const climate::WeatherSeries& weather,
                                   const std::vector<demand::LoadSeries>& loads,
                                   SystemSpec& system);

/// summary.json's "ground_loop": field, resistance, sizing and the min / mean / max brine of
/// every year (°C) and the heat extracted and rejected (MWh).
nlohmann::json ground_loop_json(const GroundLoopOutcome& outcome);

}  // namespace heatlift::site
