// Space heating of building archetypes: an hourly one-node (RC) heat balance of a building
// of a given type, climate zone and energy-code era, driven by a climate::WeatherSeries,
// delivering a LoadSeries at the emitter's design flow/return temperatures.
//
// The archetypes' numbers (envelope, air change, internal gains, schedules, set-points,
// thermal mass, solar aperture) and each zone's statutory heating season live in
// data/demand/archetypes.toml, every value with its source; docs/demand.md gives the model.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/climate/weather.hpp"
#include "heatlift/climate/zones.hpp"
#include "heatlift/demand/calendar.hpp"
#include "heatlift/demand/load.hpp"

namespace heatlift::core {
class DataStore;
}

namespace heatlift::demand {

/// Building thermal climate zones of GB 50176-2016 (first level): the climate layer's.
using ClimateZone = climate::Zone;
/// Throws InvalidInput naming `field` for an unknown name.
ClimateZone climate_zone_from_string(std::string_view name, std::string_view field = "zone");

/// Heat emitters and their design flow/return temperatures.
enum class Emitter {
  floor_heating,  ///< 35/30 °C
  radiator,       ///< 55/45 °C (older radiator systems)
  radiator_low,   ///< 45/40 °C (low-temperature radiators)
  fan_coil,       ///< 45/40 °C
};
std::string_view to_string(Emitter emitter);
Emitter emitter_from_string(std::string_view name, std::string_view field = "emitter");

struct FlowReturn {
  double t_supply = 0.0;  ///< K
  double t_return = 0.0;  ///< K
};
/// The emitter's design flow and return temperature (docs/demand.md, "Emitters").
FlowReturn emitter_design(Emitter emitter);

/// Cooling emitters and their design chilled-water supply/return temperatures.
enum class CoolingEmitter {
  fan_coil,       ///< 7/12 °C (fan coils and air handlers: sensible and latent)
  radiant_floor,  ///< 18/23 °C (floor / ceiling radiant cooling, above the dew point)
};
std::string_view to_string(CoolingEmitter emitter);
CoolingEmitter cooling_emitter_from_string(std::string_view name,
                                           std::string_view field = "cooling_emitter");
/// Chilled-water supply (t_supply, colder) and return (t_return, warmer) of the emitter.
FlowReturn cooling_emitter_design(CoolingEmitter emitter);

/// Which buildings of an archetype are cooled by default.
enum class CoolingRule {
  always,            ///< commercial and public buildings: everywhere
  hot_summer_zones,  ///< homes: in the hot-summer zones (夏热冬冷, 夏热冬暖) only
  never,             ///< not air-conditioned (workshops, depots) unless the site asks
};

/// One energy-code era of one archetype: envelope, air change, solar aperture.
struct EraData {
  double ua_per_area = 0.0;     ///< W/(m²·K), envelope transmission per m² of floor (cold zone)
  double ach = 0.0;             ///< 1/h, air changes while occupied
  double ach_unoccupied = 0.0;  ///< 1/h, air changes outside occupied hours
  double solar_aperture = 0.0;  ///< m²/m², south-equivalent effective glazing per m² of floor
};

/// One building type: geometry, gains, schedules and set-points, and its eras.
struct ArchetypeData {
  std::string name;                ///< e.g. "urban_residential"
  std::string name_zh;             ///< e.g. "城镇住宅"
  double storey_height = 0.0;      ///< m, to turn floor area into heated volume
  double capacity_per_area = 0.0;  ///< J/(m²·K), effective heat capacity per m² of floor
  double internal_gain = 0.0;      ///< W/m², peak internal gains (people, lights, equipment)
  std::array<double, 24> occupancy_weekday{};  ///< fraction of peak gains, hour 0 … 23
  std::array<double, 24> occupancy_weekend{};
  double set_point = 0.0;  ///< K, indoor set-point in occupied hours
  double setback = 0.0;    ///< K, set-point in unoccupied hours and vacations
  /// Occupied hours are those whose occupancy fraction reaches this threshold.
  double occupied_threshold = 0.0;
  std::vector<DayRange> vacations;  ///< whole days at setback (e.g. school winter vacation)
  std::map<std::string, EraData, std::less<>> eras;  ///< by era name
  CoolingRule cooling = CoolingRule::always;
  /// True: cooled in the zone's cooling season (homes, JGJ 134 / JGJ 75 calculation
  /// periods); false: whenever the balance asks, all year (buildings with internal gains).
  bool cooling_zone_season = false;
  double cooling_set_point = 299.15;  ///< K, occupied (GB 50736-2012 §3.0.2 level II: 26 °C)
  double cooling_setup = 303.15;      ///< K, unoccupied
  double latent_gain = 0.0;           ///< W/m², occupants' latent gain at peak occupancy
};

/// What a zone brings: an envelope factor (codes demand better envelopes where it is
/// colder) and the statutory central-heating season where one applies.
struct ZoneData {
  double envelope_factor = 1.0;            ///< multiplies ua_per_area
  std::optional<DayRange> heating_season;  ///< none: heat whenever needed
  std::optional<DayRange> cooling_season;  ///< none: cool whenever needed
};

/// True for the hot-summer zones (夏热冬冷, 夏热冬暖), where homes are cooled by default.
bool is_hot_summer(ClimateZone zone);

/// The contents of data/demand/archetypes.toml.
struct ArchetypeLibrary {
  std::string source;
  std::vector<std::string> era_names;  ///< in order, oldest first
  std::map<std::string, ArchetypeData, std::less<>> archetypes;
  std::map<ClimateZone, ZoneData> zones;

  /// Reads demand/archetypes.toml from `data` (built-in unless the user points elsewhere).
  static ArchetypeLibrary load(const core::DataStore& data);
  /// Parses the text of an archetypes file; `origin` names it in errors.
  static ArchetypeLibrary parse(std::string_view text, const std::string& origin);

  /// Throws DataMissing naming the known names.
  const ArchetypeData& archetype(std::string_view name) const;
  const EraData& era(const ArchetypeData& a, std::string_view era) const;
  const ZoneData& zone(ClimateZone zone) const;
};

/// How heating season is chosen.
enum class SeasonMode {
  zone_default,  ///< the zone's statutory season from the library (none in the south)
  explicit_dates,
  all_year,  ///< heat whenever the balance asks for it
};

/// Everything needed to simulate one building. The archetype's values are copied in by
/// make_building_spec(); any of them may be changed afterwards.
struct BuildingSpec {
  std::string archetype;  ///< archetype name, for the description
  std::string era;        ///< era name, for the description
  ClimateZone zone = ClimateZone::cold;
  double floor_area = 0.0;      ///< m², heated floor area
  double ua = 0.0;              ///< W/K, envelope transmission
  double volume = 0.0;          ///< m³, heated air volume
  double ach = 0.0;             ///< 1/h, occupied
  double ach_unoccupied = 0.0;  ///< 1/h
  double capacity = 0.0;        ///< J/K, effective heat capacity of the one node
  double internal_gain = 0.0;   ///< W, peak internal gains
  double solar_aperture = 0.0;  ///< m², south-equivalent effective glazing
  std::array<double, 24> occupancy_weekday{};
  std::array<double, 24> occupancy_weekend{};
  double occupied_threshold = 0.0;
  double set_point = 0.0;  ///< K
  double setback = 0.0;    ///< K
  std::vector<DayRange> vacations;
  std::optional<DayRange> heating_season;  ///< none: all year
  /// K, heating design outdoor temperature (GB 50736 供暖室外计算温度). When absent the
  /// simulation takes the fifth-coldest daily mean of the series (the GB 50736 §4.1.2
  /// definition, "not guaranteed on 5 days", applied to the one typical year).
  std::optional<double> t_design;
  Emitter emitter = Emitter::radiator;
  /// Heat the emitters can deliver, as a multiple of the design load: caps the recovery
  /// after a setback (GB 50736 §5.2.6 allows 20 % for intermittent heating). 0 = no cap.
  double max_load_factor = 1.2;
  int first_weekday = 0;  ///< weekday of 1 January, 0 = Monday

  // Cooling (docs/demand.md, "Cooling"): when `cooled`, in the cooling season, the system
  // removes the heat that would lift the node above the cooling set-point (set-up when
  // unoccupied), plus the latent load of the outdoor air let in and of the occupants.
  bool cooled = false;
  std::optional<DayRange> cooling_season;  ///< none: all year
  double cooling_set_point = 299.15;       ///< K, occupied
  double cooling_setup = 303.15;           ///< K, unoccupied (≥ cooling_set_point)
  double indoor_rh = 0.6;                  ///< 1, indoor relative humidity held while cooling
  double latent_gain = 0.0;                ///< W, occupants' latent gain at peak occupancy
  CoolingEmitter cooling_emitter = CoolingEmitter::fan_coil;

  /// Throws InvalidInput naming the field for a non-positive area, negative coefficients,
  /// set-points out of order, occupancy outside [0, 1].
  void validate() const;
};

/// Copies archetype × era × zone values from the library into a spec of `floor_area` m².
/// `season` chooses the heating season (explicit dates go in `dates`).
BuildingSpec make_building_spec(const ArchetypeLibrary& lib, std::string_view archetype,
                                std::string_view era, ClimateZone zone, double floor_area,
                                Emitter emitter = Emitter::radiator,
                                SeasonMode season = SeasonMode::zone_default,
                                std::optional<DayRange> dates = std::nullopt);

/// W/m², irradiance on a south-facing vertical surface for each hour of `w`, from GHI by
/// Erbs et al. (1982) beam/diffuse split, isotropic sky and 0.2 ground albedo, the sun at
/// mid-hour (docs/demand.md). Depends only on the weather, so a caller simulating many
/// buildings on one series computes it once.
std::vector<double> south_vertical_irradiance(const climate::WeatherSeries& w);

/// K, the design outdoor temperature used when a spec has none: fifth-coldest daily mean.
double design_temperature_from_series(const climate::WeatherSeries& w);

/// W/K, transmission plus occupied ventilation conductance.
double heat_loss_coefficient(const BuildingSpec& b);
/// W, design heat load H·(set_point − t_design): no gains, no solar (GB 50736 practice).
double design_heat_load(const BuildingSpec& b, double t_design);

/// The cooling design load (GB 50736-2012 practice for the outdoor condition, applied to the
/// one typical year): the outdoor dry bulb exceeded in 50 hours of the cooling season
/// (夏季空调室外计算干球温度, 不保证 50 h) with the mean humidity ratio of those hours (as
/// ASHRAE pairs a design dry bulb with its mean coincident wet bulb), the south irradiance
/// exceeded in 50 hours, peak internal gains and occupants; the building at its cooling
/// set-point.
struct CoolingDesign {
  double t_outdoor = 0.0;       ///< K
  double humidity_ratio = 0.0;  ///< kg/kg, mean coincident with t_outdoor
  double irradiance = 0.0;      ///< W/m², south vertical
  double sensible = 0.0;        ///< W: H·(t_outdoor − set-point) + gains + sun
  double latent = 0.0;          ///< W: outdoor air dried to indoor, plus occupants
};
CoolingDesign cooling_design_load(const BuildingSpec& b, const climate::WeatherSeries& w,
                                  const std::vector<double>& south_irradiance);

/// The year of one building with the terms of its heat balance, J over the year:
/// heat − cooling_sensible = transmission + ventilation − internal − solar
///                           + (stored at end − stored at start).
struct BuildingResult {
  LoadSeries load;
  std::vector<double> t_indoor;  ///< K, node temperature at the end of each hour
  double transmission = 0.0;     ///< J
  double ventilation = 0.0;      ///< J
  double internal_gains = 0.0;   ///< J, all internal gains entering the node
  double solar_gains = 0.0;      ///< J
  double storage_change = 0.0;   ///< J, C·(T_end − T_start)
  double t_design = 0.0;         ///< K, design outdoor temperature used
  int unmet_hours = 0;  ///< hours when the capped load left the node > 0.5 K below set-point
  double specific_demand() const;  ///< J/m², annual heat per m² of floor
  double floor_area = 0.0;
  /// Space cooling (kind space_cooling): the heat to remove each hour, sensible and latent,
  /// at the cooling emitter's chilled-water supply/return. An empty `heat` vector means the
  /// building is not cooled.
  LoadSeries cooling;
  /// W, design cooling load (cooling_design_load: sensible + latent; 0: not cooled). The
  /// hourly sensible heat removed is capped at max_load_factor × its sensible part.
  double design_cooling_load = 0.0;
  double cooling_sensible = 0.0;  ///< J, sensible heat removed (enters the node's balance)
  double cooling_latent = 0.0;    ///< J, latent heat removed (moisture; not in the balance)
  int cooling_hours = 0;          ///< hours with cooling
};

BuildingResult simulate_building(const BuildingSpec& b, const climate::WeatherSeries& w);
/// Same, with the south-vertical irradiance already computed for `w` (checks lengths but
/// does not re-validate the weather: the caller did, once).
BuildingResult simulate_building(const BuildingSpec& b, const climate::WeatherSeries& w,
                                 const std::vector<double>& south_irradiance);
/// Same, writing into `out` and reusing its vectors' storage: a caller sweeping many
/// buildings over one series allocates once.
void simulate_building(const BuildingSpec& b, const climate::WeatherSeries& w,
                       const std::vector<double>& south_irradiance, BuildingResult& out);

}  // namespace heatlift::demand
