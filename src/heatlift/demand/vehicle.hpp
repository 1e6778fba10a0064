// Electric-vehicle thermal management in winter (docs/transport.md): the heat a car needs
// to keep its cabin at the set-point (envelope UA, ventilation with a recirculated share,
// occupants) and its cells at their operating temperature, supplied either by a PTC heater
// (COP 1) or by a heat pump (a Carnot-fraction COP between the cabin's supply air and the
// outdoor air, with a capacity and a lower operating limit below which the PTC takes over);
// the drive consumption rising in the cold; and from these the range on a full battery.
//
// Evaluated at one outdoor temperature (a steady drive with the car's cold starts per charge
// amortised over the charge) or over a city's winter hours from a climate::WeatherSeries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "heatlift/climate/weather.hpp"

namespace heatlift::demand {

struct VehicleDrive {
  double battery_energy = 60.0 * 3.6e6;  ///< J, usable energy of a full battery
  double consumption = 150.0 * 3.6;      ///< J/m at the reference temperature, no HVAC
  double mean_speed = 40.0 / 3.6;        ///< m/s, mean speed of the driving (stops included)
  double t_reference = 297.04;           ///< K, where consumption was measured (75 °F)
  /// 1/K: drive consumption grows by this share per K below t_reference (tyres, air
  /// density, drivetrain oil and the cells' internal resistance).
  double cold_penalty = 0.0033;
  int trips_per_charge = 1;  ///< cold starts of cabin and battery on one charge
};

struct VehicleCabin {
  double ua = 60.0;                   ///< W/K, envelope (glass, body, floor) at driving speed
  double fresh_air = 150.0 / 3600.0;  ///< m3/s of outdoor air through the HVAC unit
  double recirculation = 0.3;         ///< 1, share of that flow taken from the cabin instead
  double set_point = 295.37;          ///< K, cabin air (72 °F)
  double occupants = 1.0;             ///< persons
  double gain_per_occupant = 80.0;    ///< W, sensible heat of a seated person
  double heat_capacity = 120e3;       ///< J/K, air, seats and trim warmed at a cold start
  double supply_air = 318.15;         ///< K, air leaving the heater into the cabin
};

struct VehicleBattery {
  double t_min = 283.15;         ///< K, cells kept at or above this
  double ua = 15.0;              ///< W/K, pack to outdoor air
  double heat_capacity = 350e3;  ///< J/K, cells and pack structure
  double loss_fraction = 0.03;   ///< 1, share of drive power dissipated as heat in the pack
};

struct VehicleHeatPump {
  std::string refrigerant = "R1234yf";  ///< for the outputs only
  double carnot_efficiency = 0.40;      ///< 1, COP over the Carnot COP of its temperatures
  double condenser_approach = 10.0;     ///< K, condensing above the supply air
  double evaporator_approach = 8.0;     ///< K, evaporating below the outdoor air
  double t_min = 263.15;                ///< K, lower operating limit (below: PTC only)
  double capacity = 5000.0;             ///< W, largest heat output
  double cop_max = 4.0;                 ///< 1
  bool heats_battery = true;            ///< the battery's heat comes from the heat pump's loop too
};

struct VehicleSpec {
  std::string name = "compact EV";
  VehicleDrive drive;
  VehicleCabin cabin;
  VehicleBattery battery;
  VehicleHeatPump heat_pump;

  /// Throws InvalidInput naming the field, the value and the range expected.
  void validate() const;
};

/// The car at one outdoor temperature, the same car with a PTC heater and with a heat pump.
struct VehiclePoint {
  double t_outdoor = 0.0;        ///< K
  double drive_power = 0.0;      ///< W at the wheels' battery side, cold penalty included
  double cabin_heat = 0.0;       ///< W, steady cabin heat (envelope + ventilation − occupants)
  double battery_heat = 0.0;     ///< W, steady heat keeping the cells at t_min
  double warm_up_heat = 0.0;     ///< J per cold start (cabin and cells from outdoor temperature)
  double cop = 0.0;              ///< heat pump COP at this temperature; 0 when it cannot run
  bool heat_pump_runs = false;   ///< false below its lower limit or where its COP is ≤ 1
  double hp_share = 0.0;         ///< 1, share of the steady heat the heat pump gives
  double hvac_ptc = 0.0;         ///< W, electric power of the heating with the PTC heater
  double hvac_hp = 0.0;          ///< W, with the heat pump (PTC for what it cannot give)
  double consumption_ptc = 0.0;  ///< J/m, drive + heating
  double consumption_hp = 0.0;   ///< J/m
  double range_ptc = 0.0;        ///< m on a full battery
  double range_hp = 0.0;         ///< m
};

/// The car at outdoor temperature `t_outdoor` (K). Throws InvalidInput when the cold starts
/// of one charge alone would take more than the battery holds.
VehiclePoint vehicle_point(const VehicleSpec& spec, double t_outdoor);

/// The range at the reference temperature with no heating (m): the rated range.
double reference_range(const VehicleSpec& spec);

/// Over a set of hours of a typical year: the mean consumption of a car driving the same
/// distance in each hour, and the range a full battery gives at that mean.
struct VehicleSeason {
  std::string name;              ///< "winter" (December to February)
  int hours = 0;                 ///< driving hours counted
  double t_mean = 0.0;           ///< K, mean outdoor temperature of those hours
  double hp_hours_share = 0.0;   ///< 1, share of those hours the heat pump can run
  double heat_hp_share = 0.0;    ///< 1, share of the season's heat the heat pump gives
  double consumption_ptc = 0.0;  ///< J/m
  double consumption_hp = 0.0;   ///< J/m
  double range_ptc = 0.0;        ///< m
  double range_hp = 0.0;         ///< m
};

/// First and last hour of the day counted as driving hours (07:00 to 21:00).
inline constexpr int kDrivingFirstHour = 7;
inline constexpr int kDrivingLastHour = 20;

/// The winter (December, January, February) driving hours of `weather`.
VehicleSeason vehicle_winter(const VehicleSpec& spec, const climate::WeatherSeries& weather);

}  // namespace heatlift::demand
