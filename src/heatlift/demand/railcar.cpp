#include "heatlift/demand/railcar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::demand {
namespace {

constexpr double kAirDensity = 1.2;  ///< kg/m3
constexpr double kAirCp = 1006.0;    ///< J/(kg·K)
constexpr double kLatent = 2.45e6;   ///< J/kg, water vapour condensed at the coil
constexpr double kPressure = 101325.0;

void check(const char* field, double v, double lo, double hi, const char* expected) {
  if (!(v >= lo && v <= hi)) {
    throw InvalidInput(fmt::format("railcar: {} = {}: expected {}", field, v, expected));
  }
}

// Humidity ratio (kg/kg) of air at t (K) and relative humidity rh.
double humidity_ratio(double t, double rh) {
  const double pv = rh * climate::saturation_pressure(t);
  return 0.622 * pv / (kPressure - pv);
}

// eta × T_hot / (T_hot − T_cold) for heating, eta × T_cold / (T_hot − T_cold) for cooling,
// capped at `cap`.
double carnot_fraction(double eta, double t_hot, double t_cold, bool heating, double cap) {
  if (t_hot <= t_cold) return cap;
  return std::min(cap, eta * (heating ? t_hot : t_cold) / (t_hot - t_cold));
}

}  // namespace

void RailcarSpec::validate() const {
  check("ua_w_per_k", ua, 0.0, 1e5, "0 to 1e5 W/K");
  check("seats", seats, 0, 1000, "0 to 1000");
  check("load_factor", load_factor, 0.0, 3.0, "0 to 300 % (standing passengers)");
  check("fresh_air_per_passenger", fresh_air, 0.0, 0.1, "0 to 360 m3/h");
  check("gain_sensible_w", gain_sensible, 0.0, 500.0, "0 to 500 W per passenger");
  check("gain_latent_w", gain_latent, 0.0, 500.0, "0 to 500 W per passenger");
  check("equipment", equipment, 0.0, 1e6, "0 to 1000 kW");
  check("solar_aperture", solar_aperture, 0.0, 200.0, "0 to 200 m²");
  check("t_heat", t_heat, 278.15, 303.15, "5 to 30 °C");
  check("t_cool", t_cool, t_heat, 308.15, "from t_heat to 35 °C");
  check("rh_indoor", rh_indoor, 0.2, 0.9, "20 to 90 %");
  check("fans", fans, 0.0, 1e5, "0 to 100 kW");
  check("first_hour", first_hour, 0, 23, "0 to 23");
  check("last_hour", last_hour, first_hour, 23, "from first_hour to 23");
  check("carnot_heating", carnot_heating, 0.05, 0.9, "0.05 to 0.9");
  check("carnot_cooling", carnot_cooling, 0.05, 0.9, "0.05 to 0.9");
  check("supply_heating", supply_heating, t_heat, 353.15, "from t_heat to 80 °C");
  check("supply_cooling", supply_cooling, 273.15, t_cool, "from 0 °C to t_cool");
  check("approach", approach, 0.0, 50.0, "0 to 50 K");
  check("t_min", t_min, 213.15, 293.15, "-60 to 20 °C");
  check("capacity", capacity, 0.0, 1e7, "0 to 10 MW");
}

RailcarYear simulate_railcar(const RailcarSpec& s, const climate::WeatherSeries& w) {
  s.validate();
  w.validate();
  RailcarYear y;
  const double passengers = s.seats * s.load_factor;
  const double m_fresh = passengers * s.fresh_air * kAirDensity;
  const double h = s.ua + m_fresh * kAirCp;  // W/K
  const double w_in = humidity_ratio(s.t_cool, s.rh_indoor);
  double heat_hp = 0.0;
  for (std::size_t i = 0; i < w.hours(); ++i) {
    const int hod = climate::hour_of_day(i);
    if (hod < s.first_hour || hod > s.last_hour) continue;
    ++y.service_hours;
    const double t = w.t_dry[i];
    const double gains = passengers * s.gain_sensible + s.equipment + s.solar_aperture * w.ghi[i];
    const double heat = std::max(0.0, h * (s.t_heat - t) - gains);
    const double sensible = std::max(0.0, h * (t - s.t_cool) + gains);
    double cool = 0.0;
    if (sensible > 0.0 && heat <= 0.0) {
      const double w_out = humidity_ratio(t, w.rh[i]);
      cool =
          sensible + passengers * s.gain_latent + m_fresh * std::max(0.0, w_out - w_in) * kLatent;
    }
    y.heating += heat * 3600.0;
    y.cooling += cool * 3600.0;
    y.design_heating = std::max(y.design_heating, heat);
    y.design_cooling = std::max(y.design_cooling, cool);
    double e_heat_hp = heat;
    if (heat > 0.0 && t >= s.t_min) {
      const double cop = carnot_fraction(s.carnot_heating, s.supply_heating + s.approach,
                                         t - s.approach, true, 8.0);
      if (cop > 1.0) {
        const double q_hp = std::min(heat, s.capacity);
        e_heat_hp = q_hp / cop + (heat - q_hp);
        heat_hp += q_hp * 3600.0;
      }
    }
    double e_cool = 0.0;
    if (cool > 0.0) {
      const double t_evap = s.supply_cooling - s.approach;
      e_cool = cool / carnot_fraction(s.carnot_cooling, t + s.approach, t_evap, false, 8.0);
    }
    y.cooling_electricity += e_cool * 3600.0;
    y.fan_electricity += s.fans * 3600.0;
    y.electricity_hp += (e_heat_hp + e_cool + s.fans) * 3600.0;
    y.electricity_resistance += (heat + e_cool + s.fans) * 3600.0;
  }
  y.heat_pump_share = y.heating > 0.0 ? heat_hp / y.heating : 0.0;
  return y;
}

}  // namespace heatlift::demand
