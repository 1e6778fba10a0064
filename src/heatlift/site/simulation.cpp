#include "heatlift/site/simulation.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/site/cooling.hpp"

namespace heatlift::site {

using detail::SpeedCurve;

std::string_view to_string(SourceSpec::Kind kind) {
  switch (kind) {
    case SourceSpec::Kind::air: return "air";
    case SourceSpec::Kind::ground: return "ground";
    case SourceSpec::Kind::water: return "water";
    case SourceSpec::Kind::waste_heat: return "waste_heat";
  }
  return "?";
}

std::string_view to_string(Mode mode) {
  switch (mode) {
    case Mode::off: return "off";
    case Mode::cutout: return "cutout";
    case Mode::cycling: return "cycling";
    case Mode::modulating: return "modulating";
    case Mode::full: return "full";
  }
  return "?";
}

double Compensation::supply(double t_out, double t_design) const {
  if (!enabled || t_design <= t_supply_min) return t_design;
  const double f = (t_room - t_out) / (t_room - t_out_design);
  const double t = t_supply_min + (t_design - t_supply_min) * f;
  return std::clamp(t, t_supply_min, t_design);
}

namespace {

void require(bool ok, std::string_view field, double value, std::string_view expected) {
  if (!ok) {
    throw InvalidInput(fmt::format("site system {}: {}, expected {}", field, value, expected));
  }
}

}  // namespace

void validate(const SystemSpec& s) {
  const HeatPumpSpec& hp = s.heat_pump;
  if (!hp.map) throw InvalidInput("site system heat_pump: no performance map");
  require(std::isfinite(hp.scale) && hp.scale > 0, "heat_pump.scale", hp.scale, "a factor > 0");
  require(hp.min_part_load > 0 && hp.min_part_load <= 1, "heat_pump.min_part_load",
          hp.min_part_load, "a fraction in (0, 1]");
  require(hp.cd >= 0 && hp.cd <= 1, "heat_pump.cd", hp.cd, "a coefficient in [0, 1]");
  require(hp.source_aux >= 0, "heat_pump.source_aux", hp.source_aux, "a power ≥ 0 W");
  require(hp.sink_aux >= 0, "heat_pump.sink_aux", hp.sink_aux, "a power ≥ 0 W");
  require(hp.standby >= 0, "heat_pump.standby", hp.standby, "a power ≥ 0 W");
  require(std::isfinite(hp.reject_rise) && hp.reject_rise >= 0, "heat_pump.reject_rise",
          hp.reject_rise, "a temperature difference ≥ 0 K");
  require(s.backup.capacity >= 0, "backup.capacity", s.backup.capacity, "a power ≥ 0 W");
  require(s.backup.efficiency > 0 && s.backup.efficiency <= 1.0, "backup.efficiency",
          s.backup.efficiency, "an efficiency in (0, 1]");
  require(s.storage.capacity >= 0, "storage.capacity", s.storage.capacity, "an energy ≥ 0 J");
  require(s.storage.loss >= 0, "storage.loss", s.storage.loss, "a power ≥ 0 W");
  require(s.pv.peak >= 0, "pv.peak", s.pv.peak, "a power ≥ 0 W");
  require(s.pv.performance_ratio > 0 && s.pv.performance_ratio <= 1, "pv.performance_ratio",
          s.pv.performance_ratio, "a fraction in (0, 1]");
  require(s.pv.plane_factor > 0 && s.pv.plane_factor <= 2, "pv.plane_factor", s.pv.plane_factor,
          "a factor in (0, 2]");
  require(s.source.ground_design_drop >= 0, "source.ground_design_drop",
          s.source.ground_design_drop, "a temperature difference ≥ 0 K");
  require(s.compensation.t_room > s.compensation.t_out_design, "compensation.t_out_design",
          s.compensation.t_out_design, "a temperature below t_room");
  if (hp.cooling_map && s.source.kind == SourceSpec::Kind::waste_heat) {
    throw InvalidInput(fmt::format(
        "site system source: waste_heat, but the heat pump '{}' cools: a waste-heat stream "
        "cannot take its rejected heat; expected air, ground or water",
        hp.name));
  }
  if (hp.cooling_map && (hp.cooling_map->source_kind() == equipment::SourceKind::air) !=
                            (hp.map->source_kind() == equipment::SourceKind::air)) {
    throw InvalidInput(fmt::format(
        "site system heat_pump: the cooling map of '{}' has a {} source, its heating map a {} "
        "source; expected the same kind",
        hp.name, equipment::to_string(hp.cooling_map->source_kind()),
        equipment::to_string(hp.map->source_kind())));
  }
  if (s.source.kind == SourceSpec::Kind::air &&
      hp.map->source_kind() != equipment::SourceKind::air) {
    throw InvalidInput(
        fmt::format("site system source: air, but the heat pump '{}' has a {} source map", hp.name,
                    equipment::to_string(hp.map->source_kind())));
  }
  if (s.source.kind != SourceSpec::Kind::air &&
      hp.map->source_kind() == equipment::SourceKind::air) {
    throw InvalidInput(
        fmt::format("site system source: {}, but the heat pump '{}' is an air-source unit",
                    to_string(s.source.kind), hp.name));
  }
}

Simulation simulate(const climate::WeatherSeries& weather,
                    const std::vector<demand::LoadSeries>& loads, const SystemSpec& system) {
  Simulation sim;
  simulate(weather, loads, system, sim);
  return sim;
}

namespace {

void check_loads(const std::vector<demand::LoadSeries>& loads, std::size_t n) {
  if (loads.empty()) throw InvalidInput("site: no load to supply; expected at least one demand");
  for (const demand::LoadSeries& l : loads) {
    if (l.hours() != n || l.t_supply.size() != n || l.t_return.size() != n) {
      throw InvalidInput(fmt::format("site load '{}': {} hours, expected {} (the weather's)",
                                     l.description, l.hours(), n));
    }
  }
}

// An hourly source temperature (a borefield's fluid, a river) has every hour, each finite.
void check_source_series(const SourceSpec& src, std::size_t n) {
  if (src.t_hourly.empty()) return;
  if (src.t_hourly.size() != n) {
    throw InvalidInput(
        fmt::format("site source: {} hourly temperatures, expected {} (the weather's)",
                    src.t_hourly.size(), n));
  }
  for (std::size_t h = 0; h < n; ++h) {
    if (!std::isfinite(src.t_hourly[h]) || src.t_hourly[h] <= 0) {
      throw InvalidInput(fmt::format("site source: hour {} temperature {} K is not a temperature",
                                     h + 1, src.t_hourly[h]));
    }
  }
}

// What every hour of the year reads: the system, its map's range, and the year's constants.
struct Year {
  const climate::WeatherSeries& weather;
  const std::vector<demand::LoadSeries>& loads;
  const SystemSpec& system;
  const equipment::PerformanceMap& map;
  double t_src_min, t_src_max, t_snk_min, t_snk_max;
  bool defrost;
  double t_ground;                          // undisturbed ground
  const std::vector<double>* waste_series;  // a process load's own waste-heat stream
  double peak_load;                         // W
  double store_cap;                         // J
  detail::CoolingYear cool;                 // the cooling map's range; peak cooling load
};

Year year_of(const climate::WeatherSeries& weather, const std::vector<demand::LoadSeries>& loads,
             const SystemSpec& system) {
  const std::size_t n = weather.hours();
  const HeatPumpSpec& hp = system.heat_pump;
  const equipment::PerformanceMap& map = *hp.map;
  const equipment::MapAxes& axes = map.axes();
  const bool air = system.source.kind == SourceSpec::Kind::air;
  double t_mean = 0.0;
  for (double t : weather.t_dry) t_mean += t;
  t_mean /= static_cast<double>(n);
  // A process load may bring its own waste-heat stream (LoadSeries::t_source).
  const std::vector<double>* waste_series = nullptr;
  for (const demand::LoadSeries& l : loads) {
    if (l.t_source.size() == n) {
      waste_series = &l.t_source;
      break;
    }
  }
  // Peak load, for the ground loop's extraction ratio and the unmet threshold.
  double peak_load = 0.0;
  for (std::size_t h = 0; h < n; ++h) {
    double q = 0.0;
    for (const demand::LoadSeries& l : loads) {
      if (!l.is_cooling()) q += l.heat[h];
    }
    peak_load = std::max(peak_load, q);
  }
  return {weather,
          loads,
          system,
          map,
          axes.t_source.front(),
          axes.t_source.back(),
          axes.t_sink.front(),
          axes.t_sink.back(),
          air && hp.defrost,
          system.source.t_ground.value_or(t_mean + 2.0),
          waste_series,
          peak_load,
          system.storage.capacity,
          detail::cooling_year(hp, loads)};
}

SpeedCurve speed_curve(const HeatPumpSpec& hp) {
  const equipment::PerformanceMap& map = *hp.map;
  const equipment::MapAxes& axes = map.axes();
  SpeedCurve curve;
  curve.x = &axes.part_load;
  curve.v.resize(axes.part_load.size());
  curve.x_min = map.single_speed() ? 1.0 : std::max(hp.min_part_load, axes.part_load.front());
  return curve;
}

// Step 1, the one place the source temperature is computed, for heating and cooling: the
// stream the unit draws heat from or rejects it to. `duty` is the share of the design
// extraction (> 0, heating) or rejection (< 0, cooling) this hour: a ground loop's brine
// runs below the undisturbed ground while extracting and above it while rejecting.
double source_temperature(const Year& y, std::size_t h, double t_out, double duty) {
  const SourceSpec& src = y.system.source;
  if (!src.t_hourly.empty() &&
      (src.kind == SourceSpec::Kind::ground || src.kind == SourceSpec::Kind::water)) {
    return src.t_hourly[h];
  }
  switch (src.kind) {
    case SourceSpec::Kind::air: return t_out;
    case SourceSpec::Kind::ground: return y.t_ground - src.ground_design_drop * duty;
    case SourceSpec::Kind::water: return src.t_water;
    case SourceSpec::Kind::waste_heat:
      return y.waste_series != nullptr ? (*y.waste_series)[h] : src.t_waste;
  }
  return t_out;
}

// Steps 1, 2 and 7: the hour's load (returned), the supply temperature it needs (the highest
// the loads ask, space heating along the compensation curve), the source temperature and
// the PV yield.
double hour_conditions(const Year& y, std::size_t h, Hour& r) {
  const SystemSpec& system = y.system;
  r.t_out = y.weather.t_dry[h];
  double q = 0.0, t_sup = 0.0;
  for (const demand::LoadSeries& l : y.loads) {
    const double ql = l.heat[h];
    if (ql <= 0.0 || l.is_cooling()) continue;
    q += ql;
    const double ts = l.kind == demand::LoadKind::space_heating
                          ? system.compensation.supply(r.t_out, l.t_supply[h])
                          : l.t_supply[h];
    t_sup = std::max(t_sup, ts);
  }
  if (t_sup == 0.0) {
    for (const demand::LoadSeries& l : y.loads) {
      if (!l.is_cooling()) t_sup = std::max(t_sup, l.t_supply[h]);
    }
  }
  r.load = q;
  r.t_supply = t_sup;
  r.t_source =
      source_temperature(y, h, r.t_out, y.peak_load > 0 ? std::min(1.0, q / y.peak_load) : 0.0);
  if (system.pv.peak > 0) {
    r.pv = system.pv.peak * y.weather.ghi[h] / 1000.0 * system.pv.performance_ratio *
           system.pv.plane_factor;
  }
  return q;
}

// Whether the unit cools this hour, with the hour's cooling load, chilled-water leaving
// temperature (the lowest asked) and heat-rejection inlet. A reversible unit cannot heat and
// cool at once: it cools when the hour's cooling load is at least its space-heating load;
// otherwise it heats and the cooling is unmet (docs/site.md, "Cooling").
bool cooling_conditions(const Year& y, std::size_t h, Hour& r) {
  double qc = 0.0, q_space = 0.0, t_chill = 0.0;
  for (const demand::LoadSeries& l : y.loads) {
    const double ql = l.heat[h];
    if (ql <= 0.0) continue;
    if (l.is_cooling()) {
      t_chill = qc > 0 ? std::min(t_chill, l.t_supply[h]) : l.t_supply[h];
      qc += ql;
    } else if (l.kind == demand::LoadKind::space_heating) {
      q_space += ql;
    }
  }
  r.cooling_load = qc;
  if (qc <= 0.0 || qc < q_space) {
    r.cooling_unmet = qc;
    return false;
  }
  r.t_supply = t_chill;
  const double duty = y.cool.peak_load > 0 ? std::min(1.0, qc / y.cool.peak_load) : 0.0;
  r.t_source = source_temperature(y, h, r.t_out, -duty);
  return true;
}

// The unit in heat-recovery mode for the hour: its cooling map read with the heat-rejection
// stream leaving at the heat loads' supply temperature t_heat, i.e. at the map's rejection
// inlet t_heat − reject_rise. Writes the mode's cooling, power, cycling loss, part load and
// mode into `rec` and returns its runtime, or a negative value when that inlet lies beyond the
// map's hottest one or no speed is feasible there (the hour then recovers nothing).
// A recovery read at a clamped point the rejecting read was not counted for is counted.
double recovery_mode(const Year& y, double t_heat, SpeedCurve& curve, const Hour& r, Hour& rec,
                     bool counted, Annual& a) {
  const HeatPumpSpec& hp = y.system.heat_pump;
  rec.t_out = r.t_out;
  rec.t_source = t_heat - hp.reject_rise;
  rec.t_supply = r.t_supply;
  rec.cooling_load = r.cooling_load;
  int clamped = 0;
  const double runtime = detail::operate_cooling(y.cool, hp, curve, rec, clamped);
  if (rec.mode == Mode::cutout || !(rec.cooling > 0)) return -1.0;
  if (clamped > 0 && !counted) ++a.outside_map_hours;
  return runtime;
}

// A cooling hour: the unit on its cooling map at the source's rejection temperature; then
// (heat_recovery, heat loads q > 0) the hour is split between recovery mode, all the
// condenser heat to the heat loads at their supply temperature `t_heat`, and rejection to
// the source: recovery for the share f = min(1, q / condenser heat in recovery mode) of the
// hour, each mode meeting the cooling load as it can. The electricity the heating mode would
// have used for the recovered heat is counted. Returns the runtime.
double cool_hour(const Year& y, std::size_t h, double q, double t_heat, SpeedCurve& curve, Hour& r,
                 Annual& a) {
  const HeatPumpSpec& hp = y.system.heat_pump;
  const int clamped_before = a.outside_map_hours;
  double runtime = detail::operate_cooling(y.cool, hp, curve, r, a.outside_map_hours);
  if (hp.heat_recovery && q > 0 && r.cooling > 0) {
    Hour rec;
    const double rec_runtime =
        recovery_mode(y, t_heat, curve, r, rec, a.outside_map_hours > clamped_before, a);
    const double condenser = rec.cooling + rec.hp_power - rec.cycling_loss;
    if (rec_runtime < 0 || !(condenser > 0)) {
      ++a.recovery_outside_map_hours;
    } else {
      const double f = std::min(1.0, q / condenser);
      const auto mix = [f](double in_recovery, double rejecting) {
        return f * in_recovery + (1.0 - f) * rejecting;
      };
      // Both modes meeting the load keep it exact, as does a load-limited recovery.
      if (rec.cooling != r.cooling) r.cooling = mix(rec.cooling, r.cooling);
      r.hp_power = mix(rec.hp_power, r.hp_power);
      r.cycling_loss = mix(rec.cycling_loss, r.cycling_loss);
      r.part_load = mix(rec.part_load, r.part_load);
      if (f >= 0.5) r.mode = rec.mode;
      runtime = mix(rec_runtime, runtime);
      r.recovered = f < 1.0 ? q : condenser;
      ++a.recovery_hours;
      const double cop = y.map.at(source_temperature(y, h, r.t_out, 0.0), t_heat, 1.0).cop;
      if (cop > 0) a.recovery_electricity_saved += r.recovered / cop;
    }
  }
  r.cooling_unmet = std::max(0.0, r.cooling_load - r.cooling);
  return runtime;
}

// PV surplus into the store: raise the output while the extra power fits the surplus.
void store_pv_surplus(const HeatPumpSpec& hp, double store_cap, double level, double runtime,
                      const equipment::NodeValue& vmax, const SpeedCurve& curve, Hour& r) {
  const double base_elec = r.hp_power + hp.source_aux * runtime + hp.sink_aux;
  const double surplus = r.pv - base_elec;
  const double space = store_cap - level - r.store_in;
  if (surplus > 0 && space > 0 && runtime >= 1.0) {
    double target = std::min(vmax.capacity, r.hp_heat + space);
    for (int it = 0; it < 2; ++it) {
      const equipment::NodeValue v = curve.at(curve.speed_for(target));
      const double p = v.power * (v.capacity > 0 ? target / v.capacity : 1.0);
      if (p - r.hp_power <= surplus || target <= r.hp_heat) break;
      target = r.hp_heat + (target - r.hp_heat) * surplus / (p - r.hp_power);
    }
    if (target > r.hp_heat) {
      const double x = curve.speed_for(target);
      const equipment::NodeValue v = curve.at(x);
      r.store_in += target - r.hp_heat;
      r.hp_heat = target;
      r.hp_power = v.power * (v.capacity > 0 ? target / v.capacity : 1.0);
      r.part_load = x;
      r.mode = target >= vmax.capacity ? Mode::full : Mode::modulating;
    }
  }
}

// Steps 3 and 4, with the store's share of 5, in an hour the unit is not cut out: the speed
// curve at the hour's source and sink (defrost included), the mode that meets the load q,
// and PV surplus into the store. Returns the fraction of the hour the compressor runs.
double operate(const Year& y, std::size_t h, double q, double level, SpeedCurve& curve, Hour& r,
               Annual& a) {
  const HeatPumpSpec& hp = y.system.heat_pump;
  const double store_cap = y.store_cap;
  double runtime = 0.0;
  const equipment::MapStatus st = y.map.slice(r.t_source, r.t_supply, curve.v);
  if (st != equipment::MapStatus::inside || r.t_source > y.t_src_max || r.t_supply < y.t_snk_min) {
    ++a.outside_map_hours;
  }
  double fq = hp.scale, fp = hp.scale;
  if (y.defrost) {
    const equipment::DefrostFactors f =
        equipment::defrost_factors(r.t_out, y.weather.rh[h], hp.defrost_model);
    fq *= f.capacity;
    fp *= f.power;
    r.defrost_factor = f.capacity;
  }
  for (equipment::NodeValue& v : curve.v) {
    v.capacity *= fq;
    v.power *= fp;
  }
  const bool feasible = curve.restrict_to_feasible();
  const equipment::NodeValue vmax = feasible ? curve.v[curve.n - 1] : equipment::NodeValue{};
  const equipment::NodeValue vmin = feasible ? curve.at(curve.lowest()) : vmax;
  const double room = store_cap - level;
  if (!feasible) {
    r.mode = Mode::cutout;  // no feasible speed on the map here
  } else if (q <= 0.0) {
    // PV surplus only (handled below); the unit idles.
    r.mode = Mode::off;
  } else if (q >= vmax.capacity) {
    r.mode = Mode::full;
    r.hp_heat = vmax.capacity;
    r.hp_power = vmax.power;
    r.part_load = curve.top();
    runtime = 1.0;
  } else if (q >= vmin.capacity) {
    r.mode = Mode::modulating;
    const double x = curve.speed_for(q);
    const equipment::NodeValue v = curve.at(x);
    r.hp_heat = q;
    r.hp_power = v.power * (v.capacity > 0 ? q / v.capacity : 1.0);
    r.part_load = x;
    runtime = 1.0;
  } else if (store_cap > 0 && level >= q) {
    r.mode = Mode::off;  // the store carries this hour
  } else {
    // Below the minimum speed: cycle, or run at minimum speed and store the surplus.
    const double extra = std::min(std::max(0.0, room), vmin.capacity - q);
    const double heat = q + extra;
    const double cr = std::clamp(heat / vmin.capacity, 0.0, 1.0);
    r.mode = cr < 1.0 ? Mode::cycling : Mode::modulating;
    r.hp_heat = heat;
    r.hp_power = vmin.power * (hp.cd * cr + 1.0 - hp.cd);
    r.cycling_loss = r.hp_power - cr * vmin.power;
    r.part_load = curve.lowest();
    r.store_in = extra;
    runtime = cr;
  }
  if (feasible && store_cap > 0 && r.pv > 0 && r.mode != Mode::full) {
    store_pv_surplus(hp, store_cap, level, runtime, vmax, curve, r);
  }
  return runtime;
}

// Steps 5 and 6: the store, then the back-up heater, cover what the heat pump left; the
// rest is unmet. Then the hour's auxiliaries and standby.
void cover_deficit(const Year& y, double q, double runtime, double deficit, double& level,
                   Hour& r) {
  const SystemSpec& system = y.system;
  const HeatPumpSpec& hp = system.heat_pump;
  if (deficit > 0 && y.store_cap > 0 && level > 0) {
    r.store_out = std::min(level, deficit);
    deficit -= r.store_out;
  }
  level += r.store_in - r.store_out;
  if (deficit > 0) {
    r.backup_heat = std::min(deficit, system.backup.capacity);
    r.backup_power = system.backup.electric ? r.backup_heat / system.backup.efficiency : 0.0;
    deficit -= r.backup_heat;
  }
  r.unmet = deficit;
  r.store_level = level;
  r.source_aux = hp.source_aux * runtime;
  r.sink_aux = q > 0 || r.cooling_load > 0 ? hp.sink_aux : 0.0;
  // The source stream's share, before standby: extracted in heating, rejected in cooling
  // (less the condenser heat recovered). The cycling loss is the unit's, dissipated where it
  // stands: the running compressor's electricity alone enters the refrigerant's balance.
  const double compressor = r.hp_power - r.cycling_loss;
  r.ground_heat = r.cooling > 0 ? r.recovered - (r.cooling + compressor) : r.hp_heat - compressor;
  r.hp_power += hp.standby * (1.0 - runtime);
}

// The hour's electricity and grid draw, and its share of the year's totals (hourly means).
// A cooling hour's unit and auxiliary electricity go to the cooling figures, and so do its
// cooling load, delivered and unmet cooling (any hour: an hour heating won leaves its
// cooling unmet).
void add_cooling(std::size_t m, bool cooling_hour, double runtime, double peak, const Hour& r,
                 Annual& a) {
  a.cooling_load += r.cooling_load;
  a.cooling += r.cooling;
  a.cooling_unmet += r.cooling_unmet;
  a.recovered_heat += r.recovered;
  a.monthly_cooling[m] += r.cooling;
  a.monthly_cooling_load[m] += r.cooling_load;
  a.monthly_recovered[m] += r.recovered;
  if (r.cooling_unmet > 1e-3 * peak) ++a.cooling_unmet_hours;
  if (!cooling_hour) return;
  a.cooling_power += r.hp_power;
  a.cooling_source_aux += r.source_aux;
  a.cooling_sink_aux += r.sink_aux;
  a.monthly_cooling_electricity[m] += r.hp_power + r.source_aux + r.sink_aux;
  if (runtime > 0) ++a.cooling_hours;
  if (r.mode == Mode::cutout) ++a.cooling_cutout_hours;
}

void add_hour(std::size_t h, double q, double runtime, const Year& y, bool cooling_hour, Hour& r,
              Annual& a) {
  const double peak_load = y.peak_load;
  const double e = r.electricity();
  const double pv_used = std::min(r.pv, e);
  r.grid = e - pv_used;
  const auto m = static_cast<std::size_t>(climate::month_of_hour(h));
  if (y.cool.map != nullptr) add_cooling(m, cooling_hour, runtime, y.cool.peak_load, r, a);

  a.load += q;
  a.hp_heat += r.hp_heat;
  a.backup_heat += r.backup_heat;
  a.unmet += r.unmet;
  if (!cooling_hour) {
    a.hp_power += r.hp_power;
    a.source_aux += r.source_aux;
    a.sink_aux += r.sink_aux;
  }
  a.backup_power += r.backup_power;
  a.electricity += e;
  a.grid += r.grid;
  a.pv += r.pv;
  a.pv_used += pv_used;
  a.peak_electric = std::max(a.peak_electric, e);
  a.peak_grid = std::max(a.peak_grid, r.grid);
  if (r.unmet > 1e-3 * peak_load) ++a.unmet_hours;
  if (!cooling_hour) {
    if (runtime > 0) ++a.run_hours;
    if (r.mode == Mode::cutout) ++a.cutout_hours;
    if (r.mode == Mode::cycling) ++a.cycling_hours;
  }
  if (r.backup_heat > 0) ++a.backup_hours;
  a.monthly_heat[m] += r.hp_heat + r.backup_heat;
  a.monthly_hp_heat[m] += r.hp_heat;
  a.monthly_backup_heat[m] += r.backup_heat;
  a.monthly_electricity[m] += e;
  a.monthly_load[m] += q;
}

// By 1 K bin of outdoor temperature (-60 … +60 °C): the load of the hours the unit could
// run, and the capacity deficit of its full-speed hours.
using Bins = std::array<double, 120>;

// Bivalent point: the warmest 1 K bin in which the heat pump at full speed left more than
// 5 % of the bin's load to the store and back-up (a few recovery peaks after a setback or
// at the start of the season in mild hours do not move it).
void set_bivalent_point(const Bins& bin_load, const Bins& bin_deficit, Annual& a) {
  for (int b = 119; b >= 0; --b) {
    const auto i = static_cast<std::size_t>(b);
    if (bin_load[i] > 0 && bin_deficit[i] > 0.05 * bin_load[i]) {
      a.bivalent_point = core::kZeroCelsius + (b - 60) + 1.0;
      break;
    }
  }
}

// The year's energies in J (hourly means in W are hourly energies in Wh: ×3600) and its
// seasonal performance factors.
void finish_year(Annual& a) {
  constexpr double s = 3600.0;
  for (double* v : {&a.load,
                    &a.hp_heat,
                    &a.backup_heat,
                    &a.unmet,
                    &a.hp_power,
                    &a.source_aux,
                    &a.sink_aux,
                    &a.backup_power,
                    &a.electricity,
                    &a.grid,
                    &a.pv,
                    &a.pv_used,
                    &a.cooling_load,
                    &a.cooling,
                    &a.cooling_unmet,
                    &a.cooling_power,
                    &a.cooling_source_aux,
                    &a.cooling_sink_aux,
                    &a.recovered_heat,
                    &a.recovery_electricity_saved}) {
    *v *= s;
  }
  for (std::size_t m = 0; m < 12; ++m) {
    a.monthly_heat[m] *= s;
    a.monthly_hp_heat[m] *= s;
    a.monthly_backup_heat[m] *= s;
    a.monthly_electricity[m] *= s;
    a.monthly_load[m] *= s;
    a.monthly_cooling[m] *= s;
    a.monthly_cooling_load[m] *= s;
    a.monthly_cooling_electricity[m] *= s;
    a.monthly_recovered[m] *= s;
  }
  const auto ratio = [](double num, double den) { return den > 0 ? num / den : 0.0; };
  a.spf_h1 = ratio(a.hp_heat, a.hp_power);
  a.spf_h2 = ratio(a.hp_heat, a.hp_power + a.source_aux);
  a.spf_h3 = ratio(a.hp_heat + a.backup_heat, a.hp_power + a.source_aux + a.backup_power);
  a.spf_h4 =
      ratio(a.hp_heat + a.backup_heat, a.hp_power + a.source_aux + a.backup_power + a.sink_aux);
  a.backup_share = ratio(a.backup_heat, a.hp_heat + a.backup_heat);
  a.seer_unit = ratio(a.cooling, a.cooling_power);
  a.seer_source = ratio(a.cooling, a.cooling_power + a.cooling_source_aux);
  a.seer_system = ratio(a.cooling, a.cooling_power + a.cooling_source_aux + a.cooling_sink_aux);
}

}  // namespace

void simulate(const climate::WeatherSeries& weather, const std::vector<demand::LoadSeries>& loads,
              const SystemSpec& system, Simulation& sim) {
  validate(system);
  const std::size_t n = weather.hours();
  check_loads(loads, n);
  check_source_series(system.source, n);
  const std::vector<std::uint8_t>* lockout =
      system.backup.lockout && !system.backup.lockout->empty() ? system.backup.lockout.get()
                                                               : nullptr;
  if (lockout != nullptr && lockout->size() != n) {
    throw InvalidInput(
        fmt::format("site system backup.lockout: {} hours, expected {}", lockout->size(), n));
  }
  const Year y = year_of(weather, loads, system);
  SpeedCurve curve = speed_curve(system.heat_pump);
  SpeedCurve cooling_curve = detail::cooling_curve(system.heat_pump);

  sim.hours.assign(n, Hour{});
  sim.annual = Annual{};
  double level = 0.0;  // the store's charge, J
  Annual& a = sim.annual;
  a.peak_load = y.peak_load;
  a.peak_cooling_load = y.cool.peak_load;
  Bins bin_load{}, bin_deficit{};

  for (std::size_t h = 0; h < n; ++h) {
    Hour& r = sim.hours[h];
    const double q = hour_conditions(y, h, r);
    const double t_heat = r.t_supply;
    const bool cooling_hour = y.cool.map != nullptr && cooling_conditions(y, h, r);
    r.cooling_mode = cooling_hour;

    // Standing loss of the store, in proportion to its charge.
    if (y.store_cap > 0 && level > 0) {
      r.store_loss = std::min(level, system.storage.loss * level / y.store_cap);
      level -= r.store_loss;
    }

    const bool cutout = r.t_source < y.t_src_min - 1e-9 || r.t_supply > y.t_snk_max + 1e-9 ||
                        (lockout != nullptr && (*lockout)[h] != 0);
    double runtime = 0.0;  // fraction of the hour the compressor runs
    double deficit = q;
    if (cooling_hour) {
      runtime = cool_hour(y, h, q, t_heat, cooling_curve, r, a);
      deficit = std::max(0.0, q - r.recovered);
    } else if (q > 0.0 || (y.store_cap > 0 && r.pv > 0)) {
      if (cutout) {
        r.mode = Mode::cutout;
      } else {
        runtime = operate(y, h, q, level, curve, r, a);
      }
      deficit = std::max(0.0, q - (r.hp_heat - r.store_in));
    }
    if (q > 0 && r.mode != Mode::cutout && !cooling_hour) {
      const int b =
          std::clamp(static_cast<int>(std::floor(r.t_out - core::kZeroCelsius)) + 60, 0, 119);
      bin_load[static_cast<std::size_t>(b)] += q;
      if (r.mode == Mode::full) bin_deficit[static_cast<std::size_t>(b)] += deficit;
    }
    cover_deficit(y, q, runtime, deficit, level, r);
    add_hour(h, q, runtime, y, cooling_hour, r, a);
  }
  set_bivalent_point(bin_load, bin_deficit, a);
  finish_year(a);
}

}  // namespace heatlift::site
