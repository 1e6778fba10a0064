// Frosting and reverse-cycle defrost of an air-source unit's outdoor coil, applied as a
// decorator on a performance-map query.
//
// Correlation: the demand-defrost frost adjustment of the EnergyPlus Engineering Reference
// (DX heating coil, "frost adjustment factors"; the EPRI algorithm, also used by the
// Modelica Buildings library's CoilDefrostTimeCalculations):
//
//   T_coil  = 0.82·T_out − 8.589                          (°C; outdoor coil surface)
//   ΔW      = W_out − W_sat(T_coil)                       (kg/kg; frost forms when > 0)
//   t_def   = 1 / (1 + 0.01446 / ΔW)                      (fraction of time in defrost)
//   f_Q,frost = 0.875·(1 − t_def),  f_P,frost = 0.954·(1 − t_def)
//   Q_melt  = 0.01·t_def·(7.222 − T_out)·Q / 1.01667      (reverse-cycle heat taken back)
//
// heatlift's use of it (docs/performance-map.md):
//   capacity factor  f_Q = f_Q,frost − 0.01·t_def·(7.222 − T_out)/1.01667
//   power factor     f_P = f_P,frost + t_def·defrost_power_ratio
//   COP factor       f_Q / f_P
// applied only when T_out ≤ max_outdoor_temperature (5 °C, EnergyPlus's default) and
// ΔW > 0; otherwise every factor is 1. (EnergyPlus floors ΔW at 1e-6 and so applies the
// 0.875 / 0.954 factors to dry air below 5 °C too; heatlift applies none where no frost can
// form.) During defrost the compressor runs reversed; defrost_power_ratio is its electric
// power relative to heating operation (heatlift's assumption: 1).
//
// Psychrometrics: saturation pressure over water (T ≥ 0 °C) and over ice (T < 0 °C) from
// Hyland & Wexler (1983) as given in the ASHRAE Handbook — Fundamentals (2017, ch. 1,
// eqs. 5–6); W = 0.621945·p_w/(p − p_w). Relative humidity is taken over the same surface
// (water above 0 °C, ice below), as EnergyPlus does.
#pragma once

#include "heatlift/equipment/performance_map.hpp"

namespace heatlift::equipment {

struct DefrostModel {
  double max_outdoor_temperature = 278.15;  ///< K; no frosting above (5 °C)
  double pressure = 101325.0;               ///< Pa, barometric
  double defrost_power_ratio = 1.0;         ///< electric power in defrost / in heating, 1
};

/// Checks the fields; throws InvalidInput naming the field, value and expectation.
void validate(const DefrostModel& model);

struct DefrostFactors {
  double capacity = 1.0;  ///< multiplies heating capacity
  double power = 1.0;     ///< multiplies electric power
  double cop = 1.0;       ///< capacity / power
  double defrost_time_fraction = 0.0;
  double humidity_excess = 0.0;  ///< ΔW, kg/kg (≤ 0: no frost)
};

/// Saturation pressure of water vapour over liquid water (T ≥ 273.15 K) or ice (below), Pa.
/// Throws InvalidInput outside 173.15 … 473.15 K.
double saturation_pressure(double t);
/// Humidity ratio of moist air at temperature t (K), relative humidity rh (0…1) and
/// pressure p (Pa), kg water / kg dry air.
double humidity_ratio(double t, double rh, double p = 101325.0);

/// The factors at outdoor temperature `t_outdoor` (K) and relative humidity `rh` (0…1).
/// Throws InvalidInput for a non-finite or out-of-range argument, naming it.
DefrostFactors defrost_factors(double t_outdoor, double rh, const DefrostModel& model = {});

/// A map point with the factors applied (status and validity unchanged).
MapPoint apply(const MapPoint& point, const DefrostFactors& factors);

/// The decorator: an air-source map whose queries include frosting and defrost. It keeps a
/// reference to `map`, which must outlive it.
class DefrostedMap {
 public:
  /// Throws InvalidInput unless `map` is air-source (defrost concerns the outdoor coil).
  explicit DefrostedMap(const PerformanceMap& map, DefrostModel model = {});
  /// map.at(t_outdoor, t_sink, part_load) with defrost_factors(t_outdoor, rh) applied.
  MapPoint at(double t_outdoor, double t_sink, double part_load, double rh) const;
  const PerformanceMap& map() const { return *map_; }
  const DefrostModel& model() const { return model_; }

 private:
  const PerformanceMap* map_;
  DefrostModel model_;
};

}  // namespace heatlift::equipment
