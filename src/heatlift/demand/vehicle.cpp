#include "heatlift/demand/vehicle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::demand {
namespace {

constexpr double kAirDensity = 1.2;  ///< kg/m3, outdoor air taken in (about 20 °C, sea level)
constexpr double kAirCp = 1006.0;    ///< J/(kg·K)

void check(const char* field, double v, double lo, double hi, const char* expected) {
  if (!(v >= lo && v <= hi)) {
    throw InvalidInput(fmt::format("vehicle: {} = {}: expected {}", field, v, expected));
  }
}

// Heat pump COP at outdoor temperature t (K), or 0 where it cannot run.
double heat_pump_cop(const VehicleSpec& s, double t) {
  const VehicleHeatPump& hp = s.heat_pump;
  if (t < hp.t_min) return 0.0;
  const double t_hot = s.cabin.supply_air + hp.condenser_approach;
  const double t_cold = t - hp.evaporator_approach;
  if (t_cold >= t_hot) return hp.cop_max;
  const double cop = std::min(hp.cop_max, hp.carnot_efficiency * t_hot / (t_hot - t_cold));
  return cop > 1.0 ? cop : 0.0;
}

// Electric power (W) for `heat` (W) from the heat pump up to its capacity, the PTC for the
// rest; `hp_heat` gets what the heat pump gives.
double heating_power(const VehicleSpec& s, double cop, double heat, double& hp_heat) {
  hp_heat = cop > 0.0 ? std::min(heat, s.heat_pump.capacity) : 0.0;
  return (cop > 0.0 ? hp_heat / cop : 0.0) + (heat - hp_heat);
}

}  // namespace

void VehicleSpec::validate() const {
  check("vehicle.battery_energy", drive.battery_energy, 3.6e6, 3.6e9, "1 kWh to 1000 kWh");
  check("vehicle.consumption_wh_per_km (J/m)", drive.consumption, 18.0, 36000.0,
        "5 to 10000 Wh/km");
  check("vehicle.mean_speed_km_per_h (m/s)", drive.mean_speed, 1.0, 60.0, "3.6 to 216 km/h");
  check("vehicle.t_reference", drive.t_reference, 263.15, 313.15, "-10 to 40 °C");
  check("vehicle.cold_penalty_per_k", drive.cold_penalty, 0.0, 0.05, "0 to 0.05 per K");
  check("vehicle.trips_per_charge", drive.trips_per_charge, 1, 1000, "1 to 1000");
  check("cabin.ua_w_per_k", cabin.ua, 0.0, 1e5, "0 to 1e5 W/K");
  check("cabin.fresh_air", cabin.fresh_air, 0.0, 100.0, "0 to 360000 m3/h");
  check("cabin.recirculation", cabin.recirculation, 0.0, 1.0, "a share from 0 to 1");
  check("cabin.set_point", cabin.set_point, 283.15, 303.15, "10 to 30 °C");
  check("cabin.occupants", cabin.occupants, 0.0, 1000.0, "0 to 1000 persons");
  check("cabin.heat_capacity", cabin.heat_capacity, 0.0, 1e9, "0 to 1e9 J/K");
  check("cabin.supply_air", cabin.supply_air, cabin.set_point, 353.15,
        "from the cabin set-point to 80 °C");
  check("battery.t_min", battery.t_min, 233.15, 313.15, "-40 to 40 °C");
  check("battery.ua_w_per_k", battery.ua, 0.0, 1e4, "0 to 1e4 W/K");
  check("battery.heat_capacity", battery.heat_capacity, 0.0, 1e9, "0 to 1e9 J/K");
  check("battery.loss_fraction", battery.loss_fraction, 0.0, 0.5, "a share from 0 to 0.5");
  check("heat_pump.carnot_efficiency", heat_pump.carnot_efficiency, 0.05, 0.9, "0.05 to 0.9");
  check("heat_pump.condenser_approach", heat_pump.condenser_approach, 0.0, 50.0, "0 to 50 K");
  check("heat_pump.evaporator_approach", heat_pump.evaporator_approach, 0.0, 50.0, "0 to 50 K");
  check("heat_pump.t_min", heat_pump.t_min, 213.15, 293.15, "-60 to 20 °C");
  check("heat_pump.capacity", heat_pump.capacity, 0.0, 1e6, "0 to 1000 kW");
  check("heat_pump.cop_max", heat_pump.cop_max, 1.0, 20.0, "1 to 20");
}

VehiclePoint vehicle_point(const VehicleSpec& s, double t) {
  if (!std::isfinite(t) || t < 200.0 || t > 340.0) {
    throw InvalidInput(fmt::format("vehicle: outdoor temperature {} K: expected -73 to 67 °C", t));
  }
  VehiclePoint p;
  p.t_outdoor = t;
  const VehicleDrive& d = s.drive;
  const double cold = std::max(0.0, d.t_reference - t);
  p.drive_power = d.consumption * d.mean_speed * (1.0 + d.cold_penalty * cold);

  const double m_fresh = s.cabin.fresh_air * kAirDensity * (1.0 - s.cabin.recirculation);
  const double dt_cabin = std::max(0.0, s.cabin.set_point - t);
  const double gains = s.cabin.occupants * s.cabin.gain_per_occupant;
  p.cabin_heat = std::max(0.0, (s.cabin.ua + m_fresh * kAirCp) * dt_cabin - gains);
  const double dt_cells = std::max(0.0, s.battery.t_min - t);
  p.battery_heat = std::max(0.0, s.battery.ua * dt_cells - s.battery.loss_fraction * p.drive_power);
  p.warm_up_heat = s.cabin.heat_capacity * dt_cabin + s.battery.heat_capacity * dt_cells;

  p.cop = heat_pump_cop(s, t);
  p.heat_pump_runs = p.cop > 0.0;
  const double steady = p.cabin_heat + p.battery_heat;
  const double hp_load = s.heat_pump.heats_battery ? steady : p.cabin_heat;
  double hp_heat = 0.0;
  p.hvac_ptc = steady;
  p.hvac_hp = heating_power(s, p.cop, hp_load, hp_heat) + (steady - hp_load);
  p.hp_share = steady > 0.0 ? hp_heat / steady : 0.0;

  // Cold starts: the heat pump warms what it may at its COP (its capacity is not limiting
  // over the minutes a warm-up takes, by assumption: docs/transport.md).
  const double warm_hp_share = s.heat_pump.heats_battery || p.warm_up_heat <= 0.0
                                   ? 1.0
                                   : s.cabin.heat_capacity * dt_cabin / p.warm_up_heat;
  const double warm_ptc = p.warm_up_heat;
  const double warm_hp =
      p.cop > 0.0 ? p.warm_up_heat * (warm_hp_share / p.cop + 1.0 - warm_hp_share) : p.warm_up_heat;
  const double trips = static_cast<double>(d.trips_per_charge);
  if (trips * warm_ptc >= d.battery_energy) {
    throw InvalidInput(fmt::format(
        "vehicle: trips_per_charge = {}: {} cold starts at {:.1f} °C take {:.1f} kWh, more than "
        "the battery's {:.1f} kWh",
        d.trips_per_charge, d.trips_per_charge, t - 273.15, trips * warm_ptc / 3.6e6,
        d.battery_energy / 3.6e6));
  }
  p.consumption_ptc = (p.drive_power + p.hvac_ptc) / d.mean_speed;
  p.consumption_hp = (p.drive_power + p.hvac_hp) / d.mean_speed;
  p.range_ptc = (d.battery_energy - trips * warm_ptc) / p.consumption_ptc;
  p.range_hp = (d.battery_energy - trips * warm_hp) / p.consumption_hp;
  return p;
}

double reference_range(const VehicleSpec& s) {
  return s.drive.battery_energy / s.drive.consumption;
}

VehicleSeason vehicle_winter(const VehicleSpec& s, const climate::WeatherSeries& w) {
  w.validate();
  VehicleSeason season;
  season.name = "winter";
  double t_sum = 0.0, c_ptc = 0.0, c_hp = 0.0, warm_ptc = 0.0, warm_hp = 0.0;
  double heat = 0.0, heat_hp = 0.0;
  int hp_hours = 0;
  for (std::size_t h = 0; h < w.hours(); ++h) {
    const int m = climate::month_of_hour(h);
    const int hod = climate::hour_of_day(h);
    if ((m != 11 && m > 1) || hod < kDrivingFirstHour || hod > kDrivingLastHour) continue;
    const VehiclePoint p = vehicle_point(s, w.t_dry[h]);
    ++season.hours;
    t_sum += p.t_outdoor;
    c_ptc += p.consumption_ptc;
    c_hp += p.consumption_hp;
    // Per cold start, electric: the range at this hour gives it back.
    warm_ptc += s.drive.battery_energy - p.range_ptc * p.consumption_ptc;
    warm_hp += s.drive.battery_energy - p.range_hp * p.consumption_hp;
    heat += p.cabin_heat + p.battery_heat;
    heat_hp += p.hp_share * (p.cabin_heat + p.battery_heat);
    if (p.heat_pump_runs) ++hp_hours;
  }
  if (season.hours == 0) throw InvalidInput("vehicle: the weather series has no winter hours");
  const double n = season.hours;
  season.t_mean = t_sum / n;
  season.hp_hours_share = hp_hours / n;
  season.heat_hp_share = heat > 0.0 ? heat_hp / heat : 0.0;
  season.consumption_ptc = c_ptc / n;
  season.consumption_hp = c_hp / n;
  season.range_ptc = (s.drive.battery_energy - warm_ptc / n) / season.consumption_ptc;
  season.range_hp = (s.drive.battery_energy - warm_hp / n) / season.consumption_hp;
  return season;
}

}  // namespace heatlift::demand
