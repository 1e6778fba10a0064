// A railway passenger car's heating, ventilation and air conditioning over a city's typical
// year (docs/transport.md): envelope UA, fresh air per passenger, passengers, lighting and
// equipment, sun through the windows, heating and cooling set-points, in service from 06:00
// to 24:00. The car's reversible unit cools in summer; in winter it heats as a heat pump
// (Carnot-fraction COP, capacity, lower limit, resistance heaters for the rest) or, in the
// comparison, the car heats with resistance heaters only (COP 1).
#pragma once

#include <string>

#include "heatlift/climate/weather.hpp"

namespace heatlift::demand {

struct RailcarSpec {
  std::string name = "high-speed second-class car";
  double ua = 350.0;                 ///< W/K, car body (walls, roof, floor, windows)
  int seats = 90;                    ///< passengers at full load
  double load_factor = 0.75;         ///< 1, passengers in service over seats
  double fresh_air = 20.0 / 3600.0;  ///< m3/s per passenger
  double gain_sensible = 70.0;       ///< W per passenger
  double gain_latent = 45.0;         ///< W per passenger
  double equipment = 2000.0;         ///< W, lighting, screens, sockets in service
  double solar_aperture = 4.0;       ///< m², effective window area (area × g × shading) on GHI
  double t_heat = 295.15;            ///< K, heating set-point (UIC 553: 22 °C)
  double t_cool = 299.15;            ///< K, cooling set-point
  double rh_indoor = 0.55;           ///< 1, held while cooling
  double fans = 1500.0;              ///< W, supply and condenser fans in service
  int first_hour = 6;                ///< service from this hour of the day
  int last_hour = 23;                ///< to the end of this one
  // The reversible unit.
  double carnot_heating = 0.40;    ///< 1, heating COP over Carnot
  double carnot_cooling = 0.35;    ///< 1, cooling EER over Carnot
  double supply_heating = 313.15;  ///< K, supply air in heating
  double supply_cooling = 285.15;  ///< K, supply air in cooling
  double approach = 10.0;          ///< K, refrigerant to air at each coil
  double t_min = 258.15;           ///< K, lower limit of heat-pump operation
  double capacity = 40000.0;       ///< W, heating capacity of the unit(s)

  /// Throws InvalidInput naming the field, the value and the range expected.
  void validate() const;
};

/// One year of one car, J.
struct RailcarYear {
  int service_hours = 0;
  double heating = 0.0;                 ///< heat delivered
  double cooling = 0.0;                 ///< heat removed, sensible and latent
  double design_heating = 0.0;          ///< W, largest hourly heating load in service
  double design_cooling = 0.0;          ///< W, largest hourly cooling load in service
  double heat_pump_share = 0.0;         ///< 1, of the heat, from the heat pump
  double electricity_hp = 0.0;          ///< heating as heat pump + cooling + fans
  double electricity_resistance = 0.0;  ///< resistance heating + cooling + fans
  double cooling_electricity = 0.0;     ///< of which cooling (the same in both)
  double fan_electricity = 0.0;         ///< of which fans (the same in both)
};

RailcarYear simulate_railcar(const RailcarSpec& spec, const climate::WeatherSeries& weather);

}  // namespace heatlift::demand
