#include "heatlift/demand/drying.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::demand {

namespace {
using core::kZeroCelsius;
constexpr double kHour = 3600.0;
constexpr double kWaterCpLiquid = 4186.0;  // J/(kg·K)
}  // namespace

namespace psychro {
double saturation_pressure(double t) {
  const double c = t - kZeroCelsius;
  return 611.21 * std::exp((18.678 - c / 234.5) * (c / (257.14 + c)));
}
double pressure_at(double elevation) {
  return 101325.0 * std::pow(1.0 - 2.25577e-5 * elevation, 5.2559);
}
double humidity_ratio(double t, double rh, double p) {
  const double pw = rh * saturation_pressure(t);
  return 0.621945 * pw / (p - pw);
}
double humidity_ratio_wet_bulb(double t_dry, double t_wet, double p) {
  const double td = t_dry - kZeroCelsius;
  const double tw = t_wet - kZeroCelsius;
  const double ws = humidity_ratio(t_wet, 1.0, p);
  return ((2501.0 - 2.326 * tw) * ws - 1.006 * (td - tw)) / (2501.0 + 1.86 * td - 4.186 * tw);
}
double enthalpy(double t, double w) {
  const double c = t - kZeroCelsius;
  return 1006.0 * c + w * (2501e3 + 1860.0 * c);
}
}  // namespace psychro

std::vector<DryingStage> tobacco_curing_schedule() {
  auto c = [](double x) { return x + kZeroCelsius; };
  return {
      {"yellowing (38 °C)", 36.0, c(38.0), c(36.0), 0.15},
      {"yellowing (42 °C)", 24.0, c(42.0), c(37.0), 0.20},
      {"colour-fixing (47 °C)", 24.0, c(47.0), c(38.0), 0.25},
      {"colour-fixing (54 °C)", 24.0, c(54.0), c(39.0), 0.25},
      {"stem-drying (68 °C)", 36.0, c(68.0), c(42.0), 0.15},
  };
}

double DryingSpec::water_per_batch() const {
  return water_removed > 0.0 ? water_removed : fresh_mass * (1.0 - 1.0 / fresh_to_dry);
}

void DryingSpec::validate() const {
  auto bad = [&](std::string_view field, double v, std::string_view expected) {
    return InvalidInput(
        fmt::format("drying '{}' {}: {}, expected {}", product, field, v, expected));
  };
  if (!std::isfinite(fresh_mass) || fresh_mass <= 0.0)
    throw bad("fresh_mass", fresh_mass, "a mass above 0 kg");
  if (!std::isfinite(fresh_to_dry) || fresh_to_dry <= 1.0)
    throw bad("fresh_to_dry", fresh_to_dry, "a ratio above 1");
  if (!std::isfinite(water_removed) || water_removed < 0.0 || water_removed >= fresh_mass)
    throw bad("water_removed", water_removed, "0 (derived) or below the fresh mass (kg)");
  if (!std::isfinite(dry_cp) || dry_cp <= 0.0) throw bad("dry_cp", dry_cp, "above 0 J/(kg·K)");
  if (stages.empty()) throw bad("stages", 0, "at least one stage");
  double share = 0.0;
  for (const DryingStage& st : stages) {
    if (!std::isfinite(st.hours) || st.hours < 1.0 || std::floor(st.hours) != st.hours)
      throw bad(fmt::format("stage '{}' hours", st.name), st.hours, "a whole number of hours ≥ 1");
    if (!std::isfinite(st.t_dry) || st.t_dry <= kZeroCelsius || st.t_dry > kZeroCelsius + 150.0)
      throw bad(fmt::format("stage '{}' t_dry", st.name), st.t_dry, "0 to 150 °C (in K)");
    if (!std::isfinite(st.t_wet) || st.t_wet <= kZeroCelsius || st.t_wet > st.t_dry)
      throw bad(fmt::format("stage '{}' t_wet", st.name), st.t_wet,
                "above 0 °C and not above t_dry (in K)");
    if (!std::isfinite(st.water_fraction) || st.water_fraction < 0.0)
      throw bad(fmt::format("stage '{}' water_fraction", st.name), st.water_fraction, "≥ 0");
    share += st.water_fraction;
  }
  if (std::abs(share - 1.0) > 1e-6) throw bad("stages water_fraction sum", share, "1");
  if (!std::isfinite(turnaround_hours) || turnaround_hours < 0.0 ||
      std::floor(turnaround_hours) != turnaround_hours)
    throw bad("turnaround_hours", turnaround_hours, "a whole number of hours ≥ 0");
  if (!std::isfinite(barn_ua) || barn_ua < 0.0) throw bad("barn_ua", barn_ua, "≥ 0 W/K");
  if (!std::isfinite(approach) || approach < 0.0) throw bad("approach", approach, "≥ 0 K");
  if (!std::isfinite(ramp_rate) || ramp_rate <= 0.0)
    throw bad("ramp_rate", ramp_rate, "above 0 K/h");
  if (!std::isfinite(min_pickup) || min_pickup <= 0.0)
    throw bad("min_pickup", min_pickup, "above 0 kg/kg");
}

DryingResult simulate_drying(const DryingSpec& s, const climate::WeatherSeries& w) {
  s.validate();
  const std::size_t n = w.hours();
  if (w.t_dry.size() != n || w.rh.size() != n || n % 24 != 0)
    throw InvalidInput(
        fmt::format("drying: weather has {} hours, t_dry {}, rh {}; expected "
                    "equal whole days",
                    n, w.t_dry.size(), w.rh.size()));
  const double p = psychro::pressure_at(w.location.elevation);
  const double water = s.water_per_batch();
  const double dry_mass = s.fresh_mass - water;

  DryingResult r;
  LoadSeries& L = r.load;
  L.kind = LoadKind::drying;
  L.heat.assign(n, 0.0);
  L.t_supply.assign(n, s.stages.front().t_dry + s.approach);
  L.t_return.assign(n, s.stages.front().t_dry);

  std::size_t batch_hours = 0;
  for (const DryingStage& st : s.stages) batch_hours += static_cast<std::size_t>(st.hours);
  const auto turnaround = static_cast<std::size_t>(s.turnaround_hours);

  const std::size_t first_hour = static_cast<std::size_t>(s.season.first.day_of_year()) * 24;
  const std::size_t season_hours = static_cast<std::size_t>(s.season.days()) * 24;
  for (std::size_t start = 0; start + batch_hours <= season_hours;
       start += batch_hours + turnaround) {
    ++r.batches;
    double water_left = water;
    double t_product = w.t_dry[(first_hour + start) % n];  // loaded at outdoor temperature
    std::size_t h_rel = start;
    for (const DryingStage& st : s.stages) {
      const auto hours = static_cast<std::size_t>(st.hours);
      const double m_w = water * st.water_fraction / (st.hours * kHour);  // kg/s
      const double w_out = psychro::humidity_ratio_wet_bulb(st.t_dry, st.t_wet, p);
      // Bring product and its water to the stage's wet-bulb (leaf) temperature, spread over
      // the hours the ramp rate needs (at least one, at most the stage).
      const double c_product = dry_mass * s.dry_cp + water_left * kWaterCpLiquid;  // J/K
      const double rise = std::max(0.0, st.t_wet - t_product);
      const std::size_t ramp_hours = std::min(
          hours, std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(rise / s.ramp_rate))));
      const double q_ramp = c_product * rise / (static_cast<double>(ramp_hours) * kHour);
      t_product = std::max(t_product, st.t_wet);
      for (std::size_t k = 0; k < hours; ++k, ++h_rel) {
        const std::size_t h = (first_hour + h_rel) % n;
        const double t_out = w.t_dry[h];
        const double w_in = psychro::humidity_ratio(t_out, w.rh[h], p);
        double pickup = w_out - w_in;
        if (pickup < s.min_pickup) {
          pickup = s.min_pickup;
          ++r.low_pickup_hours;
        }
        const double m_a = m_w / pickup;  // kg/s dry air
        // Air in at outdoor state, out at the stage's exhaust state; the evaporated water
        // enters as liquid at the wet-bulb temperature of the leaf.
        const double q_vent =
            m_a * (psychro::enthalpy(st.t_dry, w_in + pickup) - psychro::enthalpy(t_out, w_in)) -
            m_w * kWaterCpLiquid * (st.t_wet - kZeroCelsius);
        const double q_fabric = s.barn_ua * (st.t_dry - t_out);
        const double q_product = k < ramp_hours ? q_ramp : 0.0;
        const double q = std::max(0.0, q_vent + q_fabric + q_product);
        L.heat[h] = q;
        L.t_supply[h] = st.t_dry + s.approach;
        L.t_return[h] = st.t_dry;
        r.ventilation += q_vent * kHour;
        r.fabric += q_fabric * kHour;
        r.product_heating += q_product * kHour;
        water_left -= m_w * kHour;
      }
    }
    r.water += water;
  }
  L.design_load = *std::max_element(L.heat.begin(), L.heat.end());
  L.description = fmt::format("drying: {}, {} batch(es) of {:g} kg ({:g} kg water each)", s.product,
                              r.batches, s.fresh_mass, water);
  return r;
}

}  // namespace heatlift::demand
