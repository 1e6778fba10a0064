#include "heatlift/equipment/defrost.hpp"

#include <fmt/format.h>

#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::equipment {

namespace {

constexpr double kC = core::kZeroCelsius;
constexpr double kMolarMassRatio = 0.621945;  // M_water / M_dry air (ASHRAE Fundamentals)

// EnergyPlus Engineering Reference, DX heating coil frost adjustment (EPRI algorithm).
constexpr double kCoilSlope = 0.82;           // T_coil = 0.82·T_out − 8.589 (°C)
constexpr double kCoilOffset = -8.589;        // °C
constexpr double kDefrostHumidity = 0.01446;  // kg/kg, in t_def = 1 / (1 + 0.01446/ΔW)
constexpr double kFrostCapacity = 0.875;
constexpr double kFrostPower = 0.954;
constexpr double kMeltReference = 7.222;  // °C (45 °F)
constexpr double kMeltCapacityRatio = 1.01667;

}  // namespace

void validate(const DefrostModel& m) {
  if (!std::isfinite(m.max_outdoor_temperature) || m.max_outdoor_temperature <= 0) {
    throw InvalidInput(fmt::format("defrost: max_outdoor_temperature = {} K; expected > 0 K",
                                   m.max_outdoor_temperature));
  }
  if (!std::isfinite(m.pressure) || m.pressure < 5e4 || m.pressure > 1.2e5) {
    throw InvalidInput(fmt::format(
        "defrost: pressure = {} Pa; expected a barometric pressure in [50000, 120000] Pa",
        m.pressure));
  }
  if (!std::isfinite(m.defrost_power_ratio) || m.defrost_power_ratio < 0 ||
      m.defrost_power_ratio > 2) {
    throw InvalidInput(fmt::format("defrost: defrost_power_ratio = {}; expected a value in [0, 2]",
                                   m.defrost_power_ratio));
  }
}

double saturation_pressure(double t) {
  if (!std::isfinite(t) || t < 173.15 || t > 473.15) {
    throw InvalidInput(fmt::format(
        "saturation pressure: temperature = {} K; expected a value in [173.15, 473.15] K", t));
  }
  // Hyland & Wexler (1983), ASHRAE Handbook — Fundamentals 2017, ch. 1, eqs. (5) and (6).
  if (t < kC) {
    return std::exp(-5.6745359e3 / t + 6.3925247 - 9.6778430e-3 * t + 6.2215701e-7 * t * t +
                    2.0747825e-9 * t * t * t - 9.4840240e-13 * t * t * t * t +
                    4.1635019 * std::log(t));
  }
  return std::exp(-5.8002206e3 / t + 1.3914993 - 4.8640239e-2 * t + 4.1764768e-5 * t * t -
                  1.4452093e-8 * t * t * t + 6.5459673 * std::log(t));
}

double humidity_ratio(double t, double rh, double p) {
  if (!std::isfinite(rh) || rh < 0 || rh > 1) {
    throw InvalidInput(fmt::format(
        "humidity ratio: relative_humidity = {}; expected a fraction in [0, 1] (1 = 100 %)", rh));
  }
  const double pw = rh * saturation_pressure(t);
  if (!(p > pw)) {
    throw InvalidInput(fmt::format(
        "humidity ratio: pressure = {} Pa; expected above the vapour pressure {} Pa", p, pw));
  }
  return kMolarMassRatio * pw / (p - pw);
}

DefrostFactors defrost_factors(double t_outdoor, double rh, const DefrostModel& model) {
  if (!std::isfinite(t_outdoor) || t_outdoor < 173.15 || t_outdoor > 373.15) {
    throw InvalidInput(fmt::format(
        "defrost: t_outdoor = {} K; expected an outdoor temperature in [173.15, 373.15] K",
        t_outdoor));
  }
  if (!std::isfinite(rh) || rh < 0 || rh > 1) {
    throw InvalidInput(fmt::format(
        "defrost: relative_humidity = {}; expected a fraction in [0, 1] (1 = 100 %)", rh));
  }
  DefrostFactors f;
  if (t_outdoor > model.max_outdoor_temperature) return f;
  const double t_out_c = t_outdoor - kC;
  const double t_coil = kCoilSlope * t_out_c + kCoilOffset + kC;
  const double w_out = humidity_ratio(t_outdoor, rh, model.pressure);
  const double w_coil = humidity_ratio(t_coil, 1.0, model.pressure);
  f.humidity_excess = w_out - w_coil;
  if (!(f.humidity_excess > 0)) return f;
  const double t_def = 1.0 / (1.0 + kDefrostHumidity / f.humidity_excess);
  f.defrost_time_fraction = t_def;
  f.capacity = kFrostCapacity * (1.0 - t_def) -
               0.01 * t_def * (kMeltReference - t_out_c) / kMeltCapacityRatio;
  f.power = kFrostPower * (1.0 - t_def) + t_def * model.defrost_power_ratio;
  f.cop = f.power > 0 ? f.capacity / f.power : 0.0;
  return f;
}

MapPoint apply(const MapPoint& point, const DefrostFactors& factors) {
  MapPoint out = point;
  out.capacity = point.capacity * factors.capacity;
  out.power = point.power * factors.power;
  out.cop = out.power > 0 ? out.capacity / out.power : 0.0;
  return out;
}

DefrostedMap::DefrostedMap(const PerformanceMap& map, DefrostModel model)
    : map_(&map), model_(model) {
  if (map.source_kind() != SourceKind::air) {
    throw InvalidInput(
        fmt::format("defrost: the map's source is {}; defrost applies only to air-source maps",
                    to_string(map.source_kind())));
  }
  validate(model_);
}

MapPoint DefrostedMap::at(double t_outdoor, double t_sink, double part_load, double rh) const {
  return apply(map_->at(t_outdoor, t_sink, part_load), defrost_factors(t_outdoor, rh, model_));
}

}  // namespace heatlift::equipment
