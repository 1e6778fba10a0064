// Drying rooms (e.g. flue-cured tobacco bulk-curing barns): batches of product dried by a
// staged schedule of air dry-bulb / wet-bulb temperatures. Each hour the heat is what
// warms the ventilation air that carries the evaporated water out (psychrometric balance
// between outdoor air and the barn's exhaust at the stage's dry/wet bulb), plus fabric
// losses, plus the sensible heat that brings the load up to each stage's temperature at a
// ramp rate.
#pragma once

#include <string>
#include <vector>

#include "heatlift/climate/weather.hpp"
#include "heatlift/demand/calendar.hpp"
#include "heatlift/demand/load.hpp"

namespace heatlift::demand {

struct DryingStage {
  std::string name;
  double hours = 0.0;           ///< h
  double t_dry = 0.0;           ///< K, air dry-bulb
  double t_wet = 0.0;           ///< K, air wet-bulb (sets the exhaust humidity)
  double water_fraction = 0.0;  ///< share of the batch's water removed in this stage
};

/// The three-stage (三段式) flue-cured tobacco schedule: yellowing 38→42 °C, colour-fixing
/// 47→54 °C, stem-drying 68 °C, 144 h in all (docs/demand.md names the sources).
std::vector<DryingStage> tobacco_curing_schedule();

struct DryingSpec {
  std::string product = "flue-cured tobacco";
  DayRange season{{7, 1}, {9, 30}};  ///< batches start inside this range
  double fresh_mass = 4000.0;        ///< kg of fresh product per batch
  double water_removed = 0.0;        ///< kg per batch; 0: fresh_mass·(1 − 1/fresh_to_dry)
  double fresh_to_dry = 7.0;         ///< kg fresh per kg dried product
  double dry_cp = 1500.0;            ///< J/(kg·K), dry matter
  std::vector<DryingStage> stages = tobacco_curing_schedule();
  double turnaround_hours = 12.0;  ///< h between batches (unload, load)
  double barn_ua = 100.0;          ///< W/K, fabric losses of the barn
  double approach = 5.0;           ///< K, heater supply above the air dry-bulb
  /// K/h, how fast the product is brought up to a stage's temperature: its sensible heat
  /// is spread over the hours this rate needs (curing practice: about 1 °C per 1–3 h).
  double ramp_rate = 1.0;
  /// kg/kg, smallest humidity pickup of the ventilation air; hours that need less (humid
  /// outdoor air) are counted in DryingResult::low_pickup_hours.
  double min_pickup = 0.002;

  double water_per_batch() const;
  void validate() const;
};

struct DryingResult {
  LoadSeries load;
  int batches = 0;
  double water = 0.0;            ///< kg removed in the year
  double ventilation = 0.0;      ///< J, heat into the ventilation air (sensible + latent)
  double fabric = 0.0;           ///< J
  double product_heating = 0.0;  ///< J, sensible heat of product and its water at stage starts
  int low_pickup_hours = 0;
  /// J per kg of water removed.
  double energy_per_kg_water() const { return water > 0.0 ? load.annual_energy() / water : 0.0; }
};

DryingResult simulate_drying(const DryingSpec& s, const climate::WeatherSeries& w);

/// Psychrometrics used by the drying model (ASHRAE Handbook—Fundamentals 2017, ch. 1).
namespace psychro {
/// Pa, saturation pressure over liquid water (Buck 1996 form of Buck 1981), t in K.
double saturation_pressure(double t);
/// Pa, standard atmosphere at `elevation` m.
double pressure_at(double elevation);
/// kg/kg dry air from dry bulb t (K), relative humidity rh (0–1), pressure p (Pa).
double humidity_ratio(double t, double rh, double p);
/// kg/kg from dry bulb and wet bulb (K) at pressure p (Pa).
double humidity_ratio_wet_bulb(double t_dry, double t_wet, double p);
/// J/kg dry air, moist-air enthalpy (0 °C dry air and liquid water reference).
double enthalpy(double t, double w);
}  // namespace psychro

}  // namespace heatlift::demand
