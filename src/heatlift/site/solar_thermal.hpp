// Solar-thermal collectors feeding a store that preheats the site's loads ahead of the heat
// pump: the action plan's heat pump + solar + storage. The store may be a day tank or a
// seasonal pit or tank charged over many months; its loss follows its temperature.
//
// Each hour (docs/site.md, "Solar thermal and seasonal storage"):
//   1. irradiance on the collector plane (south-facing, slope β) from the weather's global
//      horizontal irradiance: Erbs et al. (1982) beam/diffuse split, isotropic sky, ground
//      albedo 0.2 (Duffie & Beckman, Solar Engineering of Thermal Processes, ch. 1–2);
//   2. the collector's useful heat by the EN ISO 9806 steady-state model per m² gross area
//        q = η0 (K_b(θ) G_b + K_d G_d) − a1 (T_m − T_a) − a2 (T_m − T_a)²,
//      K_b(θ) = 1 − b0 (1/cos θ − 1), T_m = store temperature + a heat-exchanger approach;
//      the pump runs only when q > 0 and the store is below its maximum temperature;
//   3. the store (fully mixed, heat capacity C, loss UA (T_s − T_surroundings)) preheats the
//      loads' return water up to min(T_s − approach, supply temperature): the heat the heat
//      pump still has to give is what that preheat leaves.
// The store may instead feed the heat pump's evaporator (StoreFeeds::source), or do both
// (StoreFeeds::both, a seasonal pit with a heat pump on its cold end): each hour it first
// preheats the loads as in 3., then gives the evaporator heat while it is warmer than the
// source stream by the approach and above its lowest temperature. Both couplings to the heat
// pump are first-order: the evaporator heat each hour is a first run's (on the stream
// alone, before any solar heat), scaled in `both` by the share of the hour's heating load
// the preheat left; the store's heat then only raises the source temperature of a second
// run, whose own evaporator heat is not fed back to the store.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "heatlift/climate/weather.hpp"
#include "heatlift/demand/load.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::site {

/// A collector's certified EN ISO 9806 parameters, per m² of gross area.
struct CollectorSpec {
  std::string name;
  double eta0 = 0.75;  ///< peak efficiency (beam, normal incidence)
  double a1 = 3.5;     ///< W/(m²·K)
  double a2 = 0.015;   ///< W/(m²·K²)
  double b0 = 0.1;     ///< incidence-angle modifier coefficient
  double kd = 0.9;     ///< diffuse incidence-angle modifier
};

/// What the store's heat goes to.
enum class StoreFeeds {
  loads,   ///< preheats the loads' return
  source,  ///< the heat pump's evaporator (a water or ground source)
  both,    ///< the loads while hot enough, then the evaporator down to t_store_min
};

/// "load", "source", "both" (the site file's `feeds`).
const char* to_string(StoreFeeds f);

struct SolarThermalSpec {
  CollectorSpec collector;
  double area = 0.0;               ///< m², gross
  double slope = 0.6;              ///< rad, from horizontal (south-facing)
  double store_volume = 1.0;       ///< m³ of water
  double store_ua = 5.0;           ///< W/K, store loss coefficient
  double t_surroundings = 288.15;  ///< K, around the store (a buried pit: the ground)
  double t_store_max = 368.15;     ///< K, collectors stop above it
  double approach = 5.0;           ///< K, exchanger approach (collector side and load side)
  double t_store_start = 0.0;      ///< K at hour 0; 0 = run the year twice, start from its end
  /// loads: the store preheats the loads; source: it feeds the heat pump's source (a water or
  /// ground source: the evaporator takes the store's heat when it is warmer than the stream);
  /// both: the loads first, then the evaporator.
  StoreFeeds feeds = StoreFeeds::loads;
  /// K, in `both`: the evaporator draws the store down to it, no further (an assumption of
  /// 10 °C by default, the figure reported for Dronninglund's heat pump on its pit).
  double t_store_min = 283.15;
};

/// Irradiance on a south-facing plane of `slope` (rad): total, beam and diffuse (W/m²,
/// ground-reflected counted as diffuse) and cos θ of the beam, hour by hour.
struct PlaneIrradiance {
  std::vector<double> total, beam, diffuse, cos_theta;
};
PlaneIrradiance plane_irradiance(const climate::WeatherSeries& w, double slope);

/// W/m² gross of a collector at plane beam `g_b`, diffuse `g_d` (W/m²), incidence cos θ and
/// a mean-fluid-to-air difference `dt` (K); may be negative (the pump would not run).
double collector_output(const CollectorSpec& c, double g_b, double g_d, double cos_theta,
                        double dt);

struct SolarThermalResult {
  std::vector<double> solar;         ///< W into the store, each hour
  std::vector<double> supplied;      ///< W from the store (loads and evaporator), each hour
  std::vector<double> t_store;       ///< K at the end of each hour
  double irradiation = 0.0;          ///< J on the collector plane (whole field)
  double collected = 0.0;            ///< J into the store
  double delivered = 0.0;            ///< J out of the store: to_loads + to_source
  double delivered_to_loads = 0.0;   ///< J preheating the loads directly
  double delivered_to_source = 0.0;  ///< J to the heat pump's evaporator
  double loss = 0.0;                 ///< J lost by the store
  double store_change = 0.0;         ///< J, end − start of the year
  /// delivered / the loads' heat; with `source`, / the first run's evaporator heat instead
  double solar_fraction = 0.0;
  StoreFeeds feeds = StoreFeeds::loads;
  std::array<double, 12> monthly_collected{};  ///< J
  std::array<double, 12> monthly_delivered{};  ///< J
  std::array<double, 12> monthly_t_store{};    ///< K, mean of the month
};

/// Runs the collectors and the store against `loads` and lowers each load by the heat the
/// store gives it (in place: the heat pump then sees what is left). Throws InvalidInput
/// naming the field for an inconsistent spec.
SolarThermalResult apply_solar_thermal(const climate::WeatherSeries& w,
                                       std::vector<demand::LoadSeries>& loads,
                                       const SolarThermalSpec& spec);

/// The store feeding the heat pump's source instead: `free_run` is the year with the
/// stream's own temperatures (Hour::t_source, and Hour::ground_heat the evaporator's heat).
/// In each hour the heat pump runs and the store is warmer than the stream by the approach,
/// the store gives the evaporator's heat (as far as it holds it) and the source temperature
/// rises towards the store's, at most to `t_source_max` (the map's range): returned hour by
/// hour in `t_source` for a second run (the evaporator heat of the first run is kept, a
/// first-order coupling). Throws InvalidInput as apply_solar_thermal.
SolarThermalResult solar_to_source(const climate::WeatherSeries& w, const Simulation& free_run,
                                   double t_source_max, const SolarThermalSpec& spec,
                                   std::vector<double>& t_source);

/// The store doing both (StoreFeeds::both): `free_run` is the year on the stream alone with
/// `loads` as given. Each hour the store first preheats the loads (lowering them in place,
/// as apply_solar_thermal), then gives the evaporator the first run's evaporator heat scaled
/// by the share of the hour's heating load the preheat left, as far as the store is warmer
/// than the stream by the approach and above `spec.t_store_min`; `t_source` as in
/// solar_to_source. The solar fraction is both parts over the loads' heat as given.
SolarThermalResult solar_to_loads_and_source(const climate::WeatherSeries& w,
                                             std::vector<demand::LoadSeries>& loads,
                                             const Simulation& free_run, double t_source_max,
                                             const SolarThermalSpec& spec,
                                             std::vector<double>& t_source);

}  // namespace heatlift::site
