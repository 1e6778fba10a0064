// The hourly loop of a heat-pump system against its demand and weather: the heart of
// `heatlift site`. One call simulates one typical year (8,760 hours) and returns every
// hour and the year's totals. All SI: W for hourly means (an hour's energy in Wh is the
// same number), J for annual energies, K for temperatures.
//
// Each hour (docs/site.md has the equations):
//   1. source temperature: outdoor air; or a ground loop whose brine leaves the borefield
//      at the undisturbed ground temperature minus a drop proportional to the extraction
//      rate; or a fixed water / waste-heat temperature (or the load's own t_source);
//   2. sink (leaving water) temperature: the load's supply temperature, for space heating
//      lowered along the weather-compensation curve;
//   3. the heat pump's speed curve at (source, sink) from the PerformanceMap, with frosting
//      and defrost for air-source units (EPRI / EnergyPlus correlation, equipment/defrost);
//   4. operation: off (no load); cut out (source below the map's range, sink above it);
//      on/off cycling below the minimum modulation, with the EN 14825 degradation
//      COP_cyc = COP_min·CR / (Cd·CR + 1 − Cd); modulating (the speed that meets the load,
//      exactly on the map's piecewise-linear speed curve); full speed with a deficit;
//   5. storage (optional): surplus of a heat pump held at minimum speed, and heat from PV
//      surplus, are stored; the store is drawn down before back-up heat;
//   6. back-up heater for the rest, up to its capacity; what remains is unmet;
//   7. PV (optional): hourly yield from global horizontal irradiance, used on site first.
//
// SPF boundaries of SEPEMO-Build (Nordman et al. 2012, D4.2 "Calculation methods for SPF"):
//   H1 = Q_hp / E_hp;  H2 = Q_hp / (E_hp + E_source);
//   H3 = (Q_hp + Q_bu) / (E_hp + E_source + E_bu);
//   H4 = (Q_hp + Q_bu) / (E_hp + E_source + E_bu + E_sink)
// where E_hp is the unit's electricity (compressor, controls, defrost), E_source the source
// fan or brine / well pump, E_bu the back-up heater's and E_sink the heating circuit's pump.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/climate/weather.hpp"
#include "heatlift/demand/load.hpp"
#include "heatlift/equipment/defrost.hpp"
#include "heatlift/equipment/performance_map.hpp"

namespace heatlift::site {

struct GroundLoop;  // site/ground_source.hpp
struct WaterBody;   // site/water_source.hpp

/// Where the heat pump takes its heat from.
struct SourceSpec {
  enum class Kind { air, ground, water, waste_heat };
  Kind kind = Kind::air;
  /// ground: undisturbed ground temperature, K (default: annual mean air + 2 K).
  std::optional<double> t_ground;
  /// ground: brine temperature drop below the ground at the design extraction rate, K.
  double ground_design_drop = 8.0;
  /// water: supply temperature of the water source, K (e.g. 15 °C groundwater).
  double t_water = 288.15;
  /// waste_heat: temperature of the waste-heat stream, K, used when the load carries none.
  double t_waste = 323.15;
  /// ground or water: the stream's temperature hour by hour, K (a borefield's mean fluid
  /// temperature, a river or groundwater profile); when given (one value per weather hour)
  /// it replaces the fixed temperatures above.
  std::vector<double> t_hourly;
  /// ground: a borefield ([source.borefield]) whose brine fills t_hourly when the site is
  /// planned (site::plan_ground_loop); the hourly loop itself reads only t_hourly.
  std::shared_ptr<const GroundLoop> borefield;
  /// water: groundwater, a river or a lake ([source.water]) whose temperature fills t_hourly
  /// when the site is planned.
  std::shared_ptr<const WaterBody> water_body;
};
std::string_view to_string(SourceSpec::Kind kind);

/// Weather compensation of space-heating supply temperature (linear, clamped to the
/// curve's ends): supply = t_min + (t_design − t_min)·(t_room − t_out)/(t_room − t_out_design).
struct Compensation {
  bool enabled = true;
  double t_out_design = 263.15;  ///< K, the heating design outdoor temperature
  double t_room = 293.15;        ///< K, outdoor temperature at which supply reaches t_min
  double t_supply_min = 298.15;  ///< K, lowest supply temperature
  /// Supply temperature (K) at outdoor t_out for a design supply t_design (K).
  double supply(double t_out, double t_design) const;
};

struct HeatPumpSpec {
  std::shared_ptr<const equipment::PerformanceMap> map;
  /// Cooling mode (null = heating only): t_source axis = the heat-rejection stream's inlet
  /// (outdoor dry bulb; brine / water entering the condenser), t_sink axis = chilled water
  /// leaving, capacity = cooling capacity (W), power = electricity (W). Same `scale`.
  std::shared_ptr<const equipment::PerformanceMap> cooling_map;
  /// In cooling hours, heat loads (hot water, process, space heating of other zones) are
  /// met from the condenser's heat (cooling + compressor power) before the back-up. The
  /// condenser then heats that water: the cooling map is read with its heat-rejection stream
  /// leaving at the loads' supply temperature (docs/site.md, "Heat recovery").
  bool heat_recovery = false;
  /// K, the warming of the cooling map's heat-rejection stream (its T_out − T_in): a
  /// recovery hour reads the map at rejection inlet = the heat loads' supply − reject_rise.
  /// A product's is its [cooling.reject] stream's; a cooling-map file's the EN 14511 water
  /// side's 5 K.
  double reject_rise = 5.0;
  std::string name;
  /// Multiplies the map's capacity and power: number of units × size relative to the map.
  double scale = 1.0;
  /// Lowest continuous speed (fraction of the map's part-load axis); below it the unit
  /// cycles on and off. A single-speed map always cycles (min_part_load = 1).
  double min_part_load = 0.3;
  /// EN 14825 degradation coefficient for on/off cycling (0.9 by default for water units).
  double cd = 0.9;
  bool defrost = true;  ///< air source: apply frosting and defrost
  equipment::DefrostModel defrost_model;
  double source_aux = 0.0;  ///< W, source fan / brine or well pump while the unit runs
  double sink_aux = 0.0;    ///< W, heating-circuit pump while there is load
  double standby = 0.0;     ///< W, controls and crankcase heater while off, in the season
};

struct BackupSpec {
  double capacity = 1e12;   ///< W (default: enough for any deficit)
  double efficiency = 1.0;  ///< heat / electricity (electric resistance 1)
  /// false: a fuel boiler or district heat (site/hybrid.hpp counts its fuel); its heat
  /// then draws no electricity here.
  bool electric = true;
  /// Hours (1 = locked) in which the heat pump stays off and the back-up carries the load:
  /// a hybrid's switch-over (site/hybrid.hpp). Null or empty: never locked.
  std::shared_ptr<const std::vector<std::uint8_t>> lockout;
};

struct StorageSpec {
  double capacity = 0.0;  ///< J usable (volume · ρ · cp · usable ΔT); 0 = no store
  double loss = 0.0;      ///< W standing loss when full (∝ state of charge)
};

struct PvSpec {
  double peak = 0.0;               ///< W peak (STC); 0 = none
  double performance_ratio = 0.8;  ///< system losses (inverter, temperature, soiling)
  double plane_factor = 1.1;       ///< irradiation on the array plane / horizontal
};

struct SystemSpec {
  HeatPumpSpec heat_pump;
  SourceSpec source;
  Compensation compensation;
  BackupSpec backup;
  StorageSpec storage;
  PvSpec pv;
};

/// What the heat pump did in an hour.
enum class Mode : std::uint8_t { off, cutout, cycling, modulating, full };
std::string_view to_string(Mode mode);

/// One hour (mean powers, W; temperatures, K).
struct Hour {
  double t_out = 0, t_source = 0, t_supply = 0;
  double load = 0;          ///< heat demanded
  double cooling_load = 0;  ///< heat to remove (space cooling)
  double cooling = 0;       ///< cooling delivered by the heat pump
  /// Heat taken from the source stream by the unit: > 0 extracted (heating: hp_heat −
  /// (hp_power − cycling_loss)), < 0 rejected into it (cooling: −(cooling + hp_power −
  /// cycling_loss − recovered)). Never clamped: in heating it is below zero only where the
  /// unit's COP at its running point (defrost included) is below 1.
  double ground_heat = 0;
  /// EN 14825 on/off cycling's extra electricity over the running share of the lowest speed
  /// (hp_power − runtime · P_min, 0 unless the unit cycled): dissipated to the unit's
  /// surroundings, so neither delivered nor drawn from or rejected into the source stream.
  double cycling_loss = 0;
  double cooling_unmet = 0;  ///< cooling load the unit did not remove
  double recovered = 0;      ///< condenser heat recovered to heat loads in a cooling hour
  double hp_heat = 0;        ///< delivered by the heat pump (to load and store)
  double hp_power = 0;       ///< unit electricity (H1)
  double source_aux = 0;     ///< source fan / pump electricity
  double sink_aux = 0;       ///< heating-circuit pump electricity
  double backup_heat = 0, backup_power = 0;
  double store_in = 0, store_out = 0, store_loss = 0;
  double store_level = 0;  ///< J at the end of the hour
  double unmet = 0;
  double pv = 0;              ///< PV yield
  double grid = 0;            ///< electricity drawn from the grid (total minus PV used)
  double part_load = 0;       ///< speed fraction while running (0 when off)
  double defrost_factor = 1;  ///< capacity factor of frosting and defrost
  Mode mode = Mode::off;
  bool cooling_mode = false;  ///< the unit was in cooling mode (even if cut out)
  double electricity() const { return hp_power + source_aux + sink_aux + backup_power; }
};

struct Annual {
  double load = 0, hp_heat = 0, backup_heat = 0, unmet = 0;             ///< J
  double hp_power = 0, source_aux = 0, sink_aux = 0, backup_power = 0;  ///< J
  double electricity = 0, grid = 0, pv = 0, pv_used = 0;                ///< J
  double spf_h1 = 0, spf_h2 = 0, spf_h3 = 0, spf_h4 = 0;
  double backup_share = 0;   ///< Q_bu / (Q_hp + Q_bu − store balance)
  double peak_electric = 0;  ///< W, highest hourly mean electricity
  double peak_grid = 0;      ///< W, highest hourly mean grid draw
  double peak_load = 0;      ///< W
  int unmet_hours = 0;       ///< hours with unmet heat above 0.1 % of the peak load
  int run_hours = 0, cutout_hours = 0, cycling_hours = 0, backup_hours = 0;
  int outside_map_hours = 0;  ///< hours the map was read at a clamped point
  /// K, bivalent point: upper edge of the warmest 1 K outdoor-temperature bin in which the
  /// heat pump at full speed left more than 5 % of the bin's load (hours it could run)
  /// uncovered (empty when it never did).
  std::optional<double> bivalent_point;
  std::array<double, 12> monthly_heat{};         ///< J delivered (heat pump + back-up)
  std::array<double, 12> monthly_hp_heat{};      ///< J from the heat pump
  std::array<double, 12> monthly_backup_heat{};  ///< J from the back-up
  std::array<double, 12> monthly_electricity{};  ///< J
  std::array<double, 12> monthly_load{};         ///< J
  // Cooling (the heating figures above exclude every cooling hour's electricity).
  double cooling_load = 0, cooling = 0, cooling_unmet = 0;  ///< J
  double cooling_power = 0;       ///< J, unit electricity in cooling hours (with standby)
  double cooling_source_aux = 0;  ///< J, fan / pump of the heat-rejection side
  double cooling_sink_aux = 0;    ///< J, chilled-water pump
  /// Seasonal EER: at the unit (cooling / unit electricity), with the rejection side's
  /// auxiliaries, and of the system (with the chilled-water pump too).
  double seer_unit = 0, seer_source = 0, seer_system = 0;
  double peak_cooling_load = 0;  ///< W
  int cooling_hours = 0;         ///< hours the unit ran in cooling mode
  int cooling_unmet_hours = 0;   ///< hours with unmet cooling above 0.1 % of the peak
  int cooling_cutout_hours = 0;  ///< cooling hours the unit was cut out
  double recovered_heat = 0;     ///< J, condenser heat recovered to heat loads
  /// J, electricity the unit would have used to make the recovered heat in heating mode
  /// (recovered heat / the heating map's full-speed COP at that hour).
  double recovery_electricity_saved = 0;
  int recovery_hours = 0;  ///< cooling hours in which the condenser heated a heat load
  /// Cooling hours with a heat load whose rejection at the loads' supply temperature lies
  /// beyond the cooling map's hottest rejection inlet (or leaves no feasible speed): the
  /// unit rejected to its source and recovered nothing.
  int recovery_outside_map_hours = 0;
  std::array<double, 12> monthly_cooling{};              ///< J removed by the unit
  std::array<double, 12> monthly_cooling_load{};         ///< J
  std::array<double, 12> monthly_cooling_electricity{};  ///< J (unit and auxiliaries)
  std::array<double, 12> monthly_recovered{};            ///< J, condenser heat recovered
};

struct Simulation {
  std::vector<Hour> hours;
  Annual annual;
};

/// Simulates the year. `loads` are summed hour by hour (the heat pump supplies them at the
/// highest supply temperature demanded in the hour); each must have weather.hours()
/// values. Throws InvalidInput naming the field for an inconsistent specification (no map,
/// non-positive scale, min_part_load outside (0, 1], cd outside [0, 1], negative powers,
/// lengths that differ).
Simulation simulate(const climate::WeatherSeries& weather,
                    const std::vector<demand::LoadSeries>& loads, const SystemSpec& system);
/// Same, writing into `out` and reusing its storage (a sweep or a benchmark that simulates
/// many years allocates the 8,760 hours once).
void simulate(const climate::WeatherSeries& weather, const std::vector<demand::LoadSeries>& loads,
              const SystemSpec& system, Simulation& out);

/// Checks `system`; throws InvalidInput naming the field, value and expectation.
void validate(const SystemSpec& system);

}  // namespace heatlift::site
