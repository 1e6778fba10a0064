// demand::LoadSeries — an hourly heat demand at the heat pump's delivery boundary, the
// seam between demand and site. Producers: buildings (space heating and cooling), domestic
// hot water, process heat and drying rooms (see the headers next to this one). All SI; one value
// per hour of the climate::WeatherSeries it was computed for.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::demand {

/// What a load asks for. `space_cooling` is heat to be removed (the chilled-water side of a
/// heat pump in cooling mode); every other kind is heat to be delivered.
enum class LoadKind { space_heating, hot_water, process, drying, space_cooling };
std::string_view to_string(LoadKind kind);

struct LoadSeries {
  LoadKind kind = LoadKind::space_heating;
  std::string description;  ///< e.g. "rural residential, cold zone, pre-2010 envelope, 120 m²"
  /// W, mean heat demand in each hour (≥ 0; 0 outside the season or schedule). For
  /// space_cooling: the heat to remove (sensible and latent) in each hour.
  std::vector<double> heat;
  /// K, supply temperature the heat must be delivered at in each hour. For space heating
  /// this is the emitter's design flow temperature (site applies its weather-compensation
  /// curve); for hot water, process heat and drying it is the required temperature.
  std::vector<double> t_supply;
  /// K, temperature at which the heat carrier returns (sink inlet) in each hour. Heat is
  /// delivered with return ≤ supply; for space_cooling the chilled water comes back warmer
  /// (return ≥ supply, e.g. 7 °C supply, 12 °C return).
  std::vector<double> t_return;
  bool is_cooling() const { return kind == LoadKind::space_cooling; }
  /// W, design (peak) load used for sizing: the load at the design outdoor temperature for
  /// buildings, the nominal duty for process and drying, the recovery rate for hot water.
  double design_load = 0.0;
  /// K, if the load brings its own heat source (waste heat) — one value per hour, the
  /// temperature of the stream the heat pump may draw from; empty otherwise.
  std::vector<double> t_source;

  std::size_t hours() const { return heat.size(); }
  /// J, the year's demand.
  double annual_energy() const;
  /// Throws InvalidInput naming the field and hour for unequal lengths, non-finite or
  /// negative heat, t_return > t_supply (t_return < t_supply for cooling), or a t_source that is
  /// neither empty nor one finite value per hour.
  void validate() const;
};

}  // namespace heatlift::demand
