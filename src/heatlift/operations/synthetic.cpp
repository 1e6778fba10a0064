#include "heatlift/operations/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "heatlift/climate/place.hpp"
#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/demand/building.hpp"
#include "heatlift/equipment/defrost.hpp"
#include "heatlift/site/site_case.hpp"
#include "heatlift/site/system_io.hpp"

namespace heatlift::operations {
namespace {

constexpr std::array<FaultKind, kFaultKinds> kKinds = {
    FaultKind::short_cycling,    FaultKind::curve_too_high,  FaultKind::excessive_defrost,
    FaultKind::backup_overuse,   FaultKind::low_delta_t,     FaultKind::oversized,
    FaultKind::meter_heat_stuck, FaultKind::meter_heat_high, FaultKind::meter_elec_missing,
    FaultKind::degradation};

constexpr double kRhoCp = 4.15e6;         // J/(m³·K), water at 30–50 °C
constexpr double kDefrostLength = 300.0;  // s, one reverse-cycle defrost
constexpr double kDefrostTakeBack = 0.2;  // heat taken back in defrost / heating rate
constexpr double kHzMin = 20.0, kHzSpan = 70.0;

// splitmix64: a small seeded generator whose sequence is the same on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  /// Standard normal (Box–Muller).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = uniform();
    while (u <= 1e-300) u = uniform();
    const double v = uniform();
    const double r = std::sqrt(-2.0 * std::log(u));
    spare_ = r * std::sin(2.0 * M_PI * v);
    has_spare_ = true;
    return r * std::cos(2.0 * M_PI * v);
  }
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t s_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  Rng r(a ^ (b * 0x9E3779B97F4A7C15ull));
  return r.next();
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy =
      (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string_view meta_emitters(demand::Emitter e) {
  switch (e) {
    case demand::Emitter::floor_heating: return "floor";
    case demand::Emitter::fan_coil: return "fan-coils";
    default: return "radiators";
  }
}

// Fault parameters drawn from the unit's severity s ∈ [0, 1] (ranges at the top of the
// header).
double lerp(double a, double b, double s) {
  return a + (b - a) * s;
}

struct Controls {
  double n_max = 2.5;       // cycles per hour at x = 0.5
  double min_on = 600.0;    // s
  double dt_design = 5.0;   // K at rated capacity
  double curve_offset = 0;  // K
};

// The state carried from row to row.
struct RowState {
  bool on = false;
  double left = 0.0;   // s left in the current on or off phase
  double frost = 0.0;  // s of defrost owed
  double defrost_left = 0.0;
  double stuck_heat = std::numeric_limits<double>::quiet_NaN();
};

// The fault injected into one unit, as each step of generate() reads it.
struct FaultPlan {
  FaultKind kind = static_cast<FaultKind>(255);  // none
  double severity = 0.0;                         // InjectedFault::severity
  double sev = 0.0;                              // the unit's severity s ∈ [0, 1]
  std::int64_t from = INT64_MAX;                 // start of the fault
  std::int64_t t_end = 0;                        // end of the last season
};

// What every row of one unit reads.
struct UnitRun {
  FaultPlan fault;
  Controls ctl;
  double v_flow = 0.0;     // m³/s, circuit flow
  std::int64_t dt = 0;     // s, row interval
  std::int64_t steps = 0;  // rows per hour
};

// The unit's controls: the healthy spread (four draws), then the fault's setting.
Controls draw_controls(Rng& rng, const demand::FlowReturn& design, const FaultPlan& f) {
  Controls ctl;
  ctl.n_max = rng.uniform(2.0, 3.0);
  ctl.min_on = rng.uniform(480.0, 720.0);
  ctl.dt_design = (design.t_supply - design.t_return) * rng.uniform(0.8, 1.2);
  ctl.curve_offset = rng.uniform(-2.0, 2.0);
  if (f.kind == FaultKind::short_cycling) {
    ctl.n_max = f.severity;
    ctl.min_on = 60.0 * lerp(3.0, 1.0, f.sev);
  } else if (f.kind == FaultKind::low_delta_t) {
    ctl.dt_design = f.severity;
  } else if (f.kind == FaultKind::curve_too_high) {
    ctl.curve_offset = f.severity;
  }
  return ctl;
}

// The site: the station's building and the product sized by `cover`.
site::SiteCase base_site(const SyntheticUnitSpec& s, const site::SiteLibraries& lib,
                         const climate::Place& place, demand::Emitter emitter) {
  site::SiteCase base;
  base.name = s.id;
  base.place_query = s.station;
  base.library_place = false;
  base.t_design = place.heating_design_temperature();
  demand::BuildingSpec b =
      demand::make_building_spec(lib.archetypes(), s.archetype, s.era, place.zone, s.floor_area,
                                 emitter, demand::SeasonMode::all_year);
  b.t_design = base.t_design;
  b.cooled = false;  // synthetic heating telemetry: the unit heats only
  base.demand.building = std::move(b);
  const auto doc = core::ConfigDocument::from_text(
      fmt::format("[heat_pump]\nproduct = \"{}\"\ncover = {:.17g}\n", s.product, s.cover), s.id);
  core::ConfigTable root(doc);
  base.system = site::read_system(root, lib.products(), {}, base.t_design);
  root.finish();
  return base;
}

// A unit that gives no heat at the design point is sized at the coldest source
// temperature where it does (as the fleet's cells are); below, the back-up heats.
double sizing_temperature(const site::SiteCase& base, const demand::FlowReturn& design,
                          const Controls& ctl) {
  double t_size = base.t_design;
  const equipment::PerformanceMap& map = *base.system.spec.heat_pump.map;
  const double t_sup = design.t_supply + std::max(0.0, ctl.curve_offset);
  if (map.at(t_size, t_sup, 1.0).capacity <= 0.0) {
    for (double t : map.axes().t_source) {
      if (t > t_size && map.at(t, t_sup, 1.0).capacity > 0.0) {
        t_size = t;
        break;
      }
    }
  }
  return t_size;
}

// The unit's facts (the rated capacity comes from the first season's plan).
UnitMeta unit_meta(const SyntheticUnitSpec& s, const equipment::Product& product,
                   demand::Emitter emitter, int install_year) {
  UnitMeta m;
  m.id = s.id;
  m.type = "air-water";
  m.refrigerant = product.refrigerant;
  m.install_year = install_year;
  m.place = s.station;
  m.emitters = std::string(meta_emitters(emitter));
  m.product = s.product;
  m.meters.elec_unit = true;
  m.meters.elec_source = true;
  m.meters.elec_backup = true;
  m.meters.elec_sink = true;
  m.meters.heat_hp = true;
  m.meters.heat_backup = true;
  return m;
}

// One heating season simulated hour by hour.
struct SeasonRun {
  std::shared_ptr<const climate::Place> place;  // the season's weather
  site::SitePlan plan;
  site::Simulation sim;
};

// The season's weather and demand: the station's year shifted and scaled (two draws).
SeasonRun simulate_season(const site::SiteCase& base, const climate::Place& place, double t_size,
                          const Controls& ctl, Rng& rng, const site::SiteLibraries& lib) {
  climate::Place p = place;
  const double t_shift = rng.normal() * 1.0;
  const double demand_factor = 1.0 + 0.04 * rng.normal();
  for (double& t : p.weather.t_dry) t += t_shift;
  site::SiteCase c = base;
  c.place = std::make_shared<const climate::Place>(std::move(p));
  c.t_design = t_size;
  std::vector<demand::LoadSeries> loads = site::simulate_demand(c, lib);
  for (demand::LoadSeries& l : loads) {
    for (double& q : l.heat) q *= demand_factor;
    for (double& t : l.t_supply) t += ctl.curve_offset;
  }
  site::SitePlan plan = site::plan(c, std::move(loads));
  plan.system.compensation.t_out_design = base.t_design;
  plan.system.compensation.t_supply_min += ctl.curve_offset;
  site::Simulation sim = site::simulate(c.place->weather, plan.loads, plan.system);
  return SeasonRun{c.place, std::move(plan), std::move(sim)};
}

// One hour as its rows read it: the site's hour with the hourly faults, the running share
// and the rates while running.
struct HourPlan {
  site::Hour r;
  std::int64_t t_hour = 0;  // UTC s, start of the hour
  double t_next = 0.0;      // K, outdoor temperature of the next hour
  double rh = 0.0;
  double x = 0.0;         // running share
  double p_run = 0.0;     // W while running
  double f_real = 0.0;    // defrost share of running time
  double q_heat = 0.0;    // W while heating
  double speed_hz = 0.0;  // compressor speed while running
  double dt_on = 0.0;     // K, flow − return while running
};

HourPlan plan_hour(const SeasonRun& season, std::size_t h, std::int64_t t_hour, const UnitRun& u) {
  const FaultPlan& f = u.fault;
  const site::HeatPumpSpec& hp = season.plan.system.heat_pump;
  const climate::WeatherSeries& w = season.place->weather;
  HourPlan out;
  site::Hour& r = out.r;
  r = season.sim.hours[h];
  const std::size_t hn = (h + 1) % season.sim.hours.size();
  out.t_next = w.t_dry[hn];
  out.rh = w.rh[h];
  out.t_hour = t_hour;

  // Hourly faults: the back-up heater taking load the heat pump could carry, and
  // degradation (more power for the same heat).
  double part_load = r.part_load;
  if (f.kind == FaultKind::backup_overuse && t_hour >= f.from &&
      r.t_out < lerp(-2.0, 6.0, f.sev) + core::kZeroCelsius && r.hp_heat > 0 &&
      r.mode != site::Mode::cutout) {
    const double share = f.severity;
    const double moved = share * r.hp_heat;
    r.hp_heat -= moved;
    r.hp_power = (r.hp_power - hp.standby) * (1.0 - share) + hp.standby;
    r.backup_heat += moved;
    r.backup_power += moved / season.plan.system.backup.efficiency;
    if (r.mode != site::Mode::cycling) part_load *= (1.0 - share);
  }
  double degrade = 1.0;
  if (f.kind == FaultKind::degradation && t_hour >= f.from) {
    degrade = 1.0 + f.severity * static_cast<double>(t_hour - f.from) /
                        static_cast<double>(f.t_end - f.from);
  }

  // Running share and the rates while running (W).
  double x = 0.0, q_run = 0.0, p_run = 0.0;
  if (r.mode == site::Mode::modulating || r.mode == site::Mode::full) {
    x = 1.0;
    q_run = r.hp_heat;
    p_run = r.hp_power;
  } else if (r.mode == site::Mode::cycling && r.hp_heat > 0) {
    equipment::MapPoint on = hp.map->at(r.t_source, r.t_supply, r.part_load);
    const double cap_on = on.capacity * hp.scale * r.defrost_factor;
    x = cap_on > 0 ? std::clamp(r.hp_heat / cap_on, 0.02, 1.0) : 1.0;
    q_run = r.hp_heat / x;
    p_run = std::max(0.0, r.hp_power - hp.standby * (1.0 - x)) / x;
  }
  p_run *= degrade;
  // Defrost share of running time: the model's, or the fault's.
  double f_def = 0.0;
  if (hp.defrost && x > 0) {
    f_def = equipment::defrost_factors(r.t_out, out.rh, hp.defrost_model).defrost_time_fraction;
  }
  const double f_model = std::min(f_def, 0.45);
  double f_real = f_model;
  if (f.kind == FaultKind::excessive_defrost && t_hour >= f.from && x > 0) {
    f_real = f_model * f.severity;
    if (r.t_out < 3.0 + core::kZeroCelsius) {
      const double timer = lerp(90.0, 40.0, f.sev) * 60.0;
      f_real = std::max(f_real, kDefrostLength / (timer + kDefrostLength));
    }
    f_real = std::min(f_real, 0.45);
  }
  // Heating-time rate so the hour delivers its heat at the defrost share it has; extra
  // defrost (a fault) is paid for in electricity: the unit runs harder for the heat.
  const double q_heat = q_run / (1.0 - (1.0 + kDefrostTakeBack) * f_real);
  if (f_real > f_model) {
    p_run *= (1.0 - (1.0 + kDefrostTakeBack) * f_model) / (1.0 - (1.0 + kDefrostTakeBack) * f_real);
  }
  out.x = x;
  out.p_run = p_run;
  out.f_real = f_real;
  out.q_heat = q_heat;
  out.speed_hz = kHzMin + kHzSpan * std::clamp(part_load, 0.0, 1.0);
  out.dt_on = q_heat / (kRhoCp * std::max(u.v_flow, 1e-9));
  return out;
}

// Seconds of a row the compressor runs: on/off phases from the thermostat's cycle rate and
// the timer (one draw per new phase).
double run_seconds(RowState& st, Rng& rng, double x, std::int64_t dt, const Controls& ctl) {
  double run = 0.0;
  if (x >= 1.0) {
    run = static_cast<double>(dt);
    st.on = true;
    st.left = 0.0;
  } else if (x <= 0.0) {
    st.on = false;
    st.left = 0.0;
  } else {
    double rem = static_cast<double>(dt);
    while (rem > 1e-9) {
      if (st.left <= 1e-9) {
        // Next phase, from the thermostat's cycle rate and the timer.
        const double rate = std::max(4.0 * ctl.n_max * x * (1.0 - x), 0.2);  // 1/h
        const double on_len = std::max(ctl.min_on, 3600.0 * x / rate);
        st.on = !st.on;
        st.left = st.on ? on_len : on_len * (1.0 - x) / x;
        st.left *= 1.0 + 0.1 * rng.normal();
        st.left = std::max(st.left, 30.0);
      }
      const double use = std::min(rem, st.left);
      if (st.on) run += use;
      st.left -= use;
      rem -= use;
    }
  }
  return run;
}

// Defrost inside the running seconds: the frost owed, cleared 300 s at a time.
double defrost_seconds(RowState& st, double run, double f_real) {
  double def = 0.0;
  if (run > 0) {
    def = std::min(st.defrost_left, run);
    st.defrost_left -= def;
    const double heating = run - def;
    if (f_real > 0) st.frost += heating * f_real / (1.0 - f_real);
    if (st.frost >= kDefrostLength && st.defrost_left <= 0.0) {
      st.defrost_left = kDefrostLength;
      st.frost -= kDefrostLength;
    }
  }
  return def;
}

// The rows of one hour: running and defrost seconds, then the meters and sensors with their
// noise and the meter faults.
void add_hour_rows(Series& ser, RowState& st, Rng& rng, const HourPlan& hr, const SeasonRun& season,
                   const UnitRun& u) {
  const site::Hour& r = hr.r;
  const site::HeatPumpSpec& hp = season.plan.system.heat_pump;
  const FaultPlan& f = u.fault;
  const std::int64_t dt = u.dt;
  for (std::int64_t n = 0; n < u.steps; ++n) {
    const std::int64_t t = hr.t_hour + n * dt;
    const double fr = static_cast<double>(n * dt) / 3600.0;
    const double t_out = r.t_out + (hr.t_next - r.t_out) * fr;
    const double run = run_seconds(st, rng, hr.x, dt, u.ctl);
    const double def = defrost_seconds(st, run, hr.f_real);
    const double fd = static_cast<double>(dt);
    const double heat_true =
        (run > 0) ? hr.q_heat * (run - def - kDefrostTakeBack * def) / fd : 0.0;
    const double p_unit = hr.p_run * run / fd + hp.standby * (1.0 - run / fd);
    const bool pump = r.load > 0;

    const std::size_t row = ser.add_row(t, static_cast<std::int32_t>(dt));
    auto set = [&](Channel ch, double v) { ser[ch][row] = v; };
    const auto noisy = [&](double v, double rel) { return v * (1.0 + rel * rng.normal()); };
    double heat_meter = noisy(heat_true, 0.015);
    double elec_meter = noisy(p_unit, 0.015);
    if (t >= f.from) {
      if (f.kind == FaultKind::meter_heat_stuck) {
        if (f.severity == 0.0) {
          heat_meter = 0.0;
        } else {
          if (std::isnan(st.stuck_heat)) st.stuck_heat = ser[Channel::heat_hp][row - 1];
          heat_meter = st.stuck_heat;
        }
      } else if (f.kind == FaultKind::meter_heat_high) {
        heat_meter *= f.severity;
      } else if (f.kind == FaultKind::meter_elec_missing) {
        elec_meter *= f.severity;
      }
    }
    set(Channel::elec_unit, elec_meter);
    set(Channel::elec_source, noisy(hp.source_aux * run / fd, 0.015));
    set(Channel::elec_backup, noisy(r.backup_power, 0.015));
    set(Channel::elec_sink, pump ? noisy(hp.sink_aux, 0.015) : 0.0);
    set(Channel::heat_hp, heat_meter);
    set(Channel::heat_backup, noisy(r.backup_heat, 0.015));
    const double t_flow = run > 0 ? r.t_supply : r.t_supply - 0.5 * hr.dt_on;
    const double t_ret = t_flow - heat_true / (kRhoCp * std::max(u.v_flow, 1e-9));
    set(Channel::t_flow, t_flow + 0.1 * rng.normal());
    set(Channel::t_return, t_ret + 0.1 * rng.normal());
    set(Channel::flow_rate, pump ? noisy(u.v_flow, 0.01) : 0.0);
    set(Channel::t_outdoor, t_out + 0.1 * rng.normal());
    set(Channel::rh_outdoor, std::clamp(hr.rh + 0.01 * rng.normal(), 0.0, 1.0));
    set(Channel::compressor_hz, run > 0 ? hr.speed_hz : 0.0);
    set(Channel::defrost, def / fd);
    set(Channel::backup_on, r.backup_heat > 0 ? 1.0 : 0.0);
  }
}

// The rows of one season, 1 November of `year0` … 31 March, hour by hour.
void expand_season(Series& ser, RowState& st, Rng& rng, const SeasonRun& season, int year0,
                   const UnitRun& u) {
  for (int mi = 0; mi < 5; ++mi) {
    const int month = mi < 2 ? 11 + mi : mi - 1;
    const int year = mi < 2 ? year0 : year0 + 1;
    const int mdays = static_cast<int>(
        days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
        days_from_civil(year, month, 1));
    int month_start = 0;  // typical-year day of the month's first day
    for (int j = 0; j < month - 1; ++j) month_start += climate::days_in_month[j];
    for (int d = 1; d <= mdays; ++d) {
      const std::int64_t day = days_from_civil(year, month, d);
      // The typical year has no 29 February: it reads 28 February.
      const std::int64_t doy = month_start + std::min(d, climate::days_in_month[month - 1]) - 1;
      for (int hod = 0; hod < 24; ++hod) {
        const std::size_t h = static_cast<std::size_t>(doy * 24 + hod);
        const std::int64_t t_hour = day * 86400 - 8 * 3600 + hod * 3600;
        add_hour_rows(ser, st, rng, plan_hour(season, h, t_hour, u), season, u);
      }
    }
  }
}

}  // namespace

std::string_view to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::short_cycling: return "short_cycling";
    case FaultKind::curve_too_high: return "curve_too_high";
    case FaultKind::excessive_defrost: return "excessive_defrost";
    case FaultKind::backup_overuse: return "backup_overuse";
    case FaultKind::low_delta_t: return "low_delta_t";
    case FaultKind::oversized: return "oversized";
    case FaultKind::meter_heat_stuck: return "meter_heat_stuck";
    case FaultKind::meter_heat_high: return "meter_heat_high";
    case FaultKind::meter_elec_missing: return "meter_elec_missing";
    case FaultKind::degradation: return "degradation";
  }
  return "?";
}

FaultKind fault_kind_from_string(std::string_view name, std::string_view field) {
  for (FaultKind k : kKinds) {
    if (to_string(k) == name) return k;
  }
  std::string names;
  for (FaultKind k : kKinds) names += fmt::format("{}{}", names.empty() ? "" : ", ", to_string(k));
  throw InvalidInput(
      fmt::format("{}: '{}' is not a fault; expected one of {}", field, name, names));
}

const std::array<FaultKind, kFaultKinds>& all_fault_kinds() {
  return kKinds;
}

std::int64_t china_midnight(int year, int month, int day) {
  return days_from_civil(year, month, day) * 86400 - 8 * 3600;
}

void validate(const SyntheticOptions& o) {
  const auto bad = [](std::string_view field, auto value, std::string_view expected) {
    throw InvalidInput(
        fmt::format("synthetic fleet: {} = {}: expected {}", field, value, expected));
  };
  if (o.stations.empty()) bad("stations", "[]", "at least one station");
  if (o.products.empty()) bad("products", "[]", "at least one air-source product");
  if (o.healthy < 0) bad("healthy", o.healthy, "a count ≥ 0");
  if (o.per_fault < 0) bad("per_fault", o.per_fault, "a count ≥ 0");
  if (o.seasons < 2 || o.seasons > 10) bad("seasons", o.seasons, "2 … 10 heating seasons");
  if (o.first_year < 1971 || o.first_year > 2200)
    bad("first_year", o.first_year, "a year 1971 … 2200");
  if (o.interval < 10 || o.interval > 3600 || 3600 % o.interval != 0) {
    bad("interval", fmt::format("{} s", o.interval), "10 … 3600 s dividing an hour");
  }
}

SyntheticFleet::SyntheticFleet(const site::SiteLibraries& lib, SyntheticOptions options)
    : lib_(&lib), options_(std::move(options)) {
  validate(options_);
  for (const std::string& p : options_.products) {
    const equipment::Product& prod = lib.products().product(p);
    if (prod.source_kind != equipment::SourceKind::air) {
      throw InvalidInput(fmt::format(
          "synthetic fleet: products: '{}' is {}-source; expected an air-source product", p,
          to_string(prod.source_kind)));
    }
  }
  std::vector<FaultKind> kinds = options_.faults;
  if (kinds.empty()) kinds.assign(kKinds.begin(), kKinds.end());
  std::vector<std::optional<FaultKind>> plan;
  for (int i = 0; i < options_.healthy; ++i) plan.emplace_back();
  for (FaultKind k : kinds) {
    for (int i = 0; i < options_.per_fault; ++i) plan.emplace_back(k);
  }
  struct Building {
    const char* archetype;
    const char* era;
    double area_lo, area_hi;
  };
  static constexpr std::array<Building, 4> kBuildings = {{
      {"rural_residential", "1996_2010", 80, 130},
      {"rural_residential", "2010_2018", 90, 140},
      {"urban_residential", "2010_2018", 70, 130},
      {"urban_residential", "post_2019", 90, 150},
  }};
  Rng rng(options_.seed);
  for (std::size_t i = 0; i < plan.size(); ++i) {
    SyntheticUnitSpec s;
    s.id = fmt::format("syn-{:04d}", i + 1);
    s.fault = plan[i];
    s.seed = mix(options_.seed, i + 1);
    s.station = options_.stations[i % options_.stations.size()];
    s.product = options_.products[rng.pick(options_.products.size())];
    const Building& b = kBuildings[rng.pick(kBuildings.size())];
    s.archetype = b.archetype;
    s.era = b.era;
    s.floor_area = std::round(rng.uniform(b.area_lo, b.area_hi));
    // A raised curve is a fault of low-temperature emitters; radiators stay healthy-only.
    static constexpr std::array<demand::Emitter, 3> kEmitters = {
        demand::Emitter::floor_heating, demand::Emitter::fan_coil, demand::Emitter::radiator};
    const std::size_t n_emit = s.fault == FaultKind::curve_too_high ? 2 : 3;
    s.emitter = std::string(demand::to_string(kEmitters[rng.pick(n_emit)]));
    s.severity = rng.uniform();
    s.cover =
        s.fault == FaultKind::oversized ? lerp(2.0, 3.0, s.severity) : rng.uniform(0.85, 1.15);
    specs_.push_back(std::move(s));
  }
}

std::vector<InjectedFault> SyntheticFleet::faults(std::size_t i) const {
  const SyntheticUnitSpec& s = specs_.at(i);
  if (!s.fault) return {};
  const int y0 = options_.first_year;
  const int last = y0 + options_.seasons;  // the last season ends on 31 March of this year
  InjectedFault f;
  f.unit = s.id;
  f.kind = *s.fault;
  f.from = china_midnight(y0, 11, 1);
  f.to = china_midnight(last, 4, 1);
  const double v = s.severity;
  switch (f.kind) {
    case FaultKind::short_cycling:
      f.severity = lerp(6.0, 12.0, v);
      f.detail = fmt::format("N_max {:.1f} cycles/h, minimum on-time {:.1f} min", f.severity,
                             lerp(3.0, 1.0, v));
      break;
    case FaultKind::curve_too_high:
      f.severity = lerp(6.0, 15.0, v);
      f.detail = fmt::format("curve +{:.1f} K", f.severity);
      break;
    case FaultKind::excessive_defrost:
      f.severity = lerp(2.0, 4.0, v);
      f.detail = fmt::format("defrost × {:.1f}, timer every {:.0f} min below +3 °C", f.severity,
                             lerp(90.0, 40.0, v));
      break;
    case FaultKind::backup_overuse:
      f.severity = lerp(0.2, 0.6, v);
      f.detail = fmt::format("back-up takes {:.0f} % of the load below {:+.1f} °C",
                             100 * f.severity, lerp(-2.0, 6.0, v));
      break;
    case FaultKind::low_delta_t:
      f.severity = lerp(2.8, 1.0, v);
      f.detail = fmt::format("ΔT {:.1f} K at rated capacity", f.severity);
      break;
    case FaultKind::oversized:
      f.severity = s.cover;
      f.detail = fmt::format("capacity {:.2f} × the design load", s.cover);
      break;
    case FaultKind::meter_heat_stuck: {
      // From a day of the second season (1 December … 28 February).
      const int day = static_cast<int>(std::floor(lerp(0.0, 89.0, v)));
      f.from = china_midnight(y0 + 1, 12, 1) + std::int64_t{day} * 86400;
      f.severity = (s.seed & 1) ? 0.0 : 1.0;
      f.detail = f.severity == 0.0 ? "heat meter reads 0" : "heat meter frozen at its last value";
      break;
    }
    case FaultKind::meter_heat_high:
      f.severity = lerp(1.8, 3.0, v);
      f.detail = fmt::format("heat meter × {:.2f}", f.severity);
      break;
    case FaultKind::meter_elec_missing:
      f.severity = lerp(0.75, 0.45, v);
      f.detail = fmt::format("electricity meter reads {:.0f} % of the power", 100 * f.severity);
      break;
    case FaultKind::degradation:
      f.from = china_midnight(y0 + 1, 11, 1);
      f.severity = lerp(0.08, 0.20, v);
      f.detail =
          fmt::format("COP −{:.0f} % at the end, linear from {}-11-01", 100 * f.severity, y0 + 1);
      break;
  }
  return {f};
}

SyntheticUnit SyntheticFleet::generate(std::size_t i) const {
  const SyntheticUnitSpec& s = specs_.at(i);
  const site::SiteLibraries& lib = *lib_;
  const std::vector<InjectedFault> truth = faults(i);
  const int y0 = options_.first_year;
  UnitRun u;
  if (!truth.empty()) {
    u.fault.kind = truth.front().kind;
    u.fault.severity = truth.front().severity;
    u.fault.from = truth.front().from;
  }
  u.fault.sev = s.severity;
  u.fault.t_end = china_midnight(y0 + options_.seasons, 4, 1);
  u.dt = options_.interval;
  u.steps = 3600 / u.dt;
  Rng rng(s.seed);

  try {
    const std::shared_ptr<const climate::Place> place = lib.place(s.station);
    const equipment::Product& product = lib.products().product(s.product);
    const demand::Emitter emitter = demand::emitter_from_string(s.emitter, "emitter");
    const demand::FlowReturn design = demand::emitter_design(emitter);
    u.ctl = draw_controls(rng, design, u.fault);
    const site::SiteCase base = base_site(s, lib, *place, emitter);
    const double t_size = sizing_temperature(base, design, u.ctl);

    SyntheticUnit out;
    out.faults = truth;
    out.t_out_design = base.t_design;
    out.meta = unit_meta(s, product, emitter, y0);

    // Rows: 1 November … 31 March of each season.
    std::int64_t total_days = 0;
    for (int k = 0; k < options_.seasons; ++k) {
      total_days += days_from_civil(y0 + k + 1, 4, 1) - days_from_civil(y0 + k, 11, 1);
    }
    out.series.reserve(static_cast<std::size_t>(total_days * 24 * u.steps));
    RowState st;
    for (int k = 0; k < options_.seasons; ++k) {
      const SeasonRun season = simulate_season(base, *place, t_size, u.ctl, rng, lib);
      if (k == 0) {
        out.meta.rated_capacity = season.plan.heat_pump.capacity;
        u.v_flow = out.meta.rated_capacity / (kRhoCp * u.ctl.dt_design);
      }
      expand_season(out.series, st, rng, season, y0 + k, u);
    }
    return out;
  } catch (const InvalidInput& e) {
    throw InvalidInput(fmt::format("synthetic unit {}: {}", s.id, e.what()));
  } catch (const DataMissing& e) {
    throw DataMissing(fmt::format("synthetic unit {}: {}", s.id, e.what()));
  }
}

}  // namespace heatlift::operations
