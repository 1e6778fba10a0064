#include "heatlift/site/solar_thermal.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::site {

namespace {

constexpr double kWaterRhoCp = 4.18e6;  // J/(m³·K), water near 40 °C
constexpr double kAlbedo = 0.2;

void require(bool ok, std::string_view field, double value, std::string_view expected) {
  if (!ok) {
    throw InvalidInput(fmt::format("solar_thermal.{}: {}, expected {}", field, value, expected));
  }
}

}  // namespace

const char* to_string(StoreFeeds f) {
  switch (f) {
    case StoreFeeds::loads: return "load";
    case StoreFeeds::source: return "source";
    case StoreFeeds::both: return "both";
  }
  return "load";
}

PlaneIrradiance plane_irradiance(const climate::WeatherSeries& w, double slope) {
  constexpr double pi = std::numbers::pi;
  constexpr double deg = pi / 180.0;
  const std::size_t n = w.hours();
  PlaneIrradiance p;
  p.total.assign(n, 0.0);
  p.beam.assign(n, 0.0);
  p.diffuse.assign(n, 0.0);
  p.cos_theta.assign(n, 0.0);
  const double phi = w.location.latitude * deg;
  const double sky = 0.5 * (1.0 + std::cos(slope));
  const double ground = 0.5 * (1.0 - std::cos(slope)) * kAlbedo;
  for (std::size_t h = 0; h < n; ++h) {
    const double ghi = w.ghi[h];
    if (ghi <= 0.0) continue;
    const int day = climate::day_of_hour(h) % 365 + 1;
    // Cooper (1969) declination; Spencer (1971) equation of time (Duffie & Beckman 1.5, 1.6).
    const double decl = 23.45 * deg * std::sin(2.0 * pi * (284.0 + day) / 365.0);
    const double b = 2.0 * pi * (day - 1) / 365.0;
    const double eot = 229.2 * (0.000075 + 0.001868 * std::cos(b) - 0.032077 * std::sin(b) -
                                0.014615 * std::cos(2 * b) - 0.04089 * std::sin(2 * b));
    const double offset_h =
        (4.0 * (w.location.longitude - 15.0 * w.location.time_zone) + eot) / 60.0;
    const double omega = (climate::hour_of_day(h) + 0.5 + offset_h - 12.0) * 15.0 * deg;
    const double cos_z =
        std::sin(phi) * std::sin(decl) + std::cos(phi) * std::cos(decl) * std::cos(omega);
    double beam_h = 0.0, diffuse_h = ghi, cos_t = 0.0;
    if (cos_z > 0.087) {  // sun above ~5°
      const double g_on = 1367.0 * (1.0 + 0.033 * std::cos(2.0 * pi * day / 365.0));
      const double kt = std::min(1.0, ghi / (g_on * cos_z));
      // Erbs, Klein & Duffie (1982) diffuse fraction.
      const double fd = kt <= 0.22   ? 1.0 - 0.09 * kt
                        : kt <= 0.80 ? 0.9511 - 0.1604 * kt + 4.388 * kt * kt -
                                           16.638 * kt * kt * kt + 12.336 * kt * kt * kt * kt
                                     : 0.165;
      diffuse_h = fd * ghi;
      beam_h = ghi - diffuse_h;
      // A plane facing the equator (Duffie & Beckman eq. 1.6.7a).
      cos_t = std::max(0.0, std::sin(decl) * std::sin(phi - slope) +
                                std::cos(decl) * std::cos(phi - slope) * std::cos(omega));
    }
    p.beam[h] = beam_h > 0.0 ? beam_h * cos_t / cos_z : 0.0;
    p.diffuse[h] = diffuse_h * sky + ghi * ground;
    p.cos_theta[h] = cos_t;
    p.total[h] = p.beam[h] + p.diffuse[h];
  }
  return p;
}

double collector_output(const CollectorSpec& c, double g_b, double g_d, double cos_theta,
                        double dt) {
  const double kb = cos_theta > 0.05 ? std::max(0.0, 1.0 - c.b0 * (1.0 / cos_theta - 1.0)) : 0.0;
  return c.eta0 * (kb * g_b + c.kd * g_d) - c.a1 * dt - c.a2 * dt * dt;
}

namespace {

void validate(const SolarThermalSpec& s) {
  const CollectorSpec& c = s.collector;
  require(c.eta0 > 0 && c.eta0 <= 1, "eta0", c.eta0, "an efficiency in (0, 1]");
  require(c.a1 >= 0 && c.a1 <= 20, "a1", c.a1, "a loss coefficient in [0, 20] W/(m²K)");
  require(c.a2 >= 0 && c.a2 <= 1, "a2", c.a2, "a loss coefficient in [0, 1] W/(m²K²)");
  require(c.b0 >= 0 && c.b0 < 1, "b0", c.b0, "an incidence-angle coefficient in [0, 1)");
  require(c.kd > 0 && c.kd <= 1.2, "kd", c.kd, "a diffuse modifier in (0, 1.2]");
  require(s.area > 0, "area", s.area, "a gross area > 0 m²");
  require(s.slope >= 0 && s.slope <= std::numbers::pi / 2, "slope", s.slope, "a slope in [0, 90]°");
  require(s.store_volume > 0, "store_volume", s.store_volume, "a volume > 0 m³");
  require(s.store_ua >= 0, "store_loss", s.store_ua, "a loss coefficient ≥ 0 W/K");
  require(s.approach >= 0 && s.approach <= 30, "approach", s.approach, "0 to 30 K");
  if (s.feeds == StoreFeeds::both) {
    require(s.t_store_min > 250.0 && s.t_store_min < s.t_store_max, "min_temperature",
            s.t_store_min - core::kZeroCelsius,
            fmt::format("a temperature above -23 °C and below max_temperature ({} °C)",
                        s.t_store_max - core::kZeroCelsius));
  }
}

struct Pass {
  const climate::WeatherSeries& w;
  const PlaneIrradiance& plane;
  const SolarThermalSpec& spec;
  double cap;  // J/K
};

void check_loads(const std::vector<demand::LoadSeries>& loads, std::size_t n) {
  for (const demand::LoadSeries& l : loads) {
    if (l.heat.size() != n || l.t_supply.size() != n || l.t_return.size() != n) {
      throw InvalidInput(fmt::format("solar_thermal: load '{}' has {} hours, expected {}",
                                     l.description, l.heat.size(), n));
    }
  }
}

void check_run(const Simulation& run, std::size_t n) {
  if (run.hours.size() != n) {
    throw InvalidInput(
        fmt::format("solar_thermal: a run of {} hours, expected {}", run.hours.size(), n));
  }
}

void check_hours(const std::vector<demand::LoadSeries>& loads, const Simulation& run,
                 std::size_t n) {
  check_loads(loads, n);
  check_run(run, n);
}

// The store's standing loss over hour `h` (returned in `loss`, W), then the collectors' gain
// into it up to its highest temperature (returned, W); `t` is the store's temperature.
double collect(const Pass& p, std::size_t h, double& t, double& loss) {
  const SolarThermalSpec& s = p.spec;
  loss = s.store_ua * (t - s.t_surroundings);
  t -= loss * 3600.0 / p.cap;
  double gain = 0.0;
  if (p.plane.total[h] > 0 && t < s.t_store_max) {
    const double q = collector_output(s.collector, p.plane.beam[h], p.plane.diffuse[h],
                                      p.plane.cos_theta[h], t + s.approach - p.w.t_dry[h]);
    if (q > 0) gain = std::min(q * s.area, (s.t_store_max - t) * p.cap / 3600.0);
  }
  t += gain * 3600.0 / p.cap;
  return gain;
}

struct StoreHour {
  double gain = 0.0, to_loads = 0.0, to_source = 0.0, loss = 0.0;  // W
  double t = 0.0;                                                  // K at the end of the hour
};

void record(const Pass& p, std::size_t h, const StoreHour& x, SolarThermalResult& out,
            std::array<int, 12>& month_hours) {
  const auto m = static_cast<std::size_t>(climate::month_of_hour(h));
  const double given = x.to_loads + x.to_source;
  out.solar[h] = x.gain;
  out.supplied[h] = given;
  out.t_store[h] = x.t;
  out.irradiation += p.plane.total[h] * p.spec.area * 3600.0;
  out.collected += x.gain * 3600.0;
  out.delivered += given * 3600.0;
  out.delivered_to_loads += x.to_loads * 3600.0;
  out.delivered_to_source += x.to_source * 3600.0;
  out.loss += x.loss * 3600.0;
  out.monthly_collected[m] += x.gain * 3600.0;
  out.monthly_delivered[m] += given * 3600.0;
  out.monthly_t_store[m] += x.t;
  ++month_hours[m];
}

void mean_store_temperatures(const std::array<int, 12>& month_hours, SolarThermalResult& out) {
  for (std::size_t m = 0; m < 12; ++m) {
    if (month_hours[m] > 0) out.monthly_t_store[m] /= month_hours[m];
  }
}

// The store (at `t`, lowered) preheats each heating load's return in hour `h`, lowering the
// load by what it gives; returns that heat (W).
double preheat(const Pass& p, std::size_t h, std::vector<demand::LoadSeries>& loads, double& t) {
  const SolarThermalSpec& s = p.spec;
  double given = 0.0;
  for (demand::LoadSeries& l : loads) {
    if (l.is_cooling() || l.heat[h] <= 0.0) continue;
    const double t_ret = l.t_return[h], t_sup = l.t_supply[h];
    const double t_pre = std::min(t - s.approach, t_sup);
    if (t_pre <= t_ret || t_sup <= t_ret) continue;
    const double want = l.heat[h] * (t_pre - t_ret) / (t_sup - t_ret);
    const double q = std::min(want, (t - s.approach - t_ret) * p.cap / 3600.0);
    l.heat[h] -= q;
    given += q;
    t -= q * 3600.0 / p.cap;
  }
  return given;
}

// The store (at `t`, lowered) gives the evaporator up to `want` W while it is warmer than the
// stream `t_stream` by the approach and above `t_floor`; `t_src` becomes the source
// temperature that heat raises the stream to (at most `t_max`). Returns the heat (W).
double to_evaporator(const Pass& p, double want, double t_stream, double t_max, double t_floor,
                     double& t, double& t_src) {
  const SolarThermalSpec& s = p.spec;
  t_src = t_stream;
  const double t_offer = std::min(t - s.approach, t_max);
  if (want <= 0.0 || t_offer <= t_stream) return 0.0;
  // The evaporator's heat from the store as far as it holds it above the stream (and floor).
  const double room = std::min(t - s.approach - t_stream, t - t_floor);
  if (room <= 0.0) return 0.0;
  const double given = std::min(want, room * p.cap / 3600.0);
  t_src = t_stream + (t_offer - t_stream) * given / want;
  t -= given * 3600.0 / p.cap;
  return given;
}

// One year from `t0`; with `out` and `loads` it records the hours and preheats the loads.
double run_year(const Pass& p, double t0, std::vector<demand::LoadSeries>* loads,
                SolarThermalResult* out) {
  double t = t0;
  std::array<int, 12> month_hours{};
  for (std::size_t h = 0; h < p.w.hours(); ++h) {
    double loss = 0.0;
    const double gain = collect(p, h, t, loss);
    const double given = loads != nullptr ? preheat(p, h, *loads, t) : 0.0;
    if (out != nullptr) record(p, h, {gain, given, 0.0, loss, t}, *out, month_hours);
  }
  if (out != nullptr) mean_store_temperatures(month_hours, *out);
  return t;
}

}  // namespace

SolarThermalResult apply_solar_thermal(const climate::WeatherSeries& w,
                                       std::vector<demand::LoadSeries>& loads,
                                       const SolarThermalSpec& spec) {
  validate(spec);
  const std::size_t n = w.hours();
  check_loads(loads, n);
  const PlaneIrradiance plane = plane_irradiance(w, spec.slope);
  const Pass p{w, plane, spec, spec.store_volume * kWaterRhoCp};
  double t0 = spec.t_store_start;
  if (t0 <= 0.0) {
    // A periodic year: start where a year started at the surroundings' temperature ends
    // (twice, so a seasonal store settles), with the loads drawing on it.
    std::vector<demand::LoadSeries> scratch = loads;
    t0 = run_year(p, spec.t_surroundings, &scratch, nullptr);
    scratch = loads;
    t0 = run_year(p, t0, &scratch, nullptr);
  }
  SolarThermalResult r;
  r.solar.assign(n, 0.0);
  r.supplied.assign(n, 0.0);
  r.t_store.assign(n, 0.0);
  double load = 0.0;
  for (const demand::LoadSeries& l : loads) {
    if (l.is_cooling()) continue;
    for (double q : l.heat) load += q * 3600.0;
  }
  const double t_end = run_year(p, t0, &loads, &r);
  r.store_change = (t_end - t0) * p.cap;
  r.solar_fraction = load > 0 ? r.delivered / load : 0.0;
  return r;
}

namespace {

// The heating loads' heat in hour `h` (W).
double heating_at(const std::vector<demand::LoadSeries>& loads, std::size_t h) {
  double q = 0.0;
  for (const demand::LoadSeries& l : loads) {
    if (!l.is_cooling() && l.heat[h] > 0.0) q += l.heat[h];
  }
  return q;
}

// One year of the store serving the loads first (none: feeding the source only), then the
// evaporator down to `t_min` (K); with `out`, the hours are recorded.
double run_store_year(const Pass& p, const Simulation& run, double t_max, double t_min, double t0,
                      std::vector<demand::LoadSeries>& loads, std::vector<double>* t_source,
                      SolarThermalResult* out) {
  double t = t0;
  std::array<int, 12> month_hours{};
  for (std::size_t h = 0; h < p.w.hours(); ++h) {
    const Hour& r = run.hours[h];
    double loss = 0.0;
    const double gain = collect(p, h, t, loss);
    const double before = heating_at(loads, h);
    const double direct = preheat(p, h, loads, t);
    // First order: the first run's evaporator heat, in the share of the load left.
    const double want = before > 0.0 ? r.ground_heat * (before - direct) / before : r.ground_heat;
    double t_src = r.t_source;
    const double to_hp = to_evaporator(p, want, r.t_source, t_max, t_min, t, t_src);
    if (t_source != nullptr) (*t_source)[h] = t_src;
    if (out != nullptr) record(p, h, {gain, direct, to_hp, loss, t}, *out, month_hours);
  }
  if (out != nullptr) mean_store_temperatures(month_hours, *out);
  return t;
}

}  // namespace

SolarThermalResult solar_to_source(const climate::WeatherSeries& w, const Simulation& free_run,
                                   double t_source_max, const SolarThermalSpec& spec,
                                   std::vector<double>& t_source) {
  validate(spec);
  const std::size_t n = w.hours();
  check_run(free_run, n);
  const PlaneIrradiance plane = plane_irradiance(w, spec.slope);
  const Pass p{w, plane, spec, spec.store_volume * kWaterRhoCp};
  double t0 = spec.t_store_start;
  std::vector<demand::LoadSeries> no_loads;
  if (t0 <= 0.0) {
    t0 = run_store_year(p, free_run, t_source_max, 0.0, spec.t_surroundings, no_loads, nullptr,
                        nullptr);
    t0 = run_store_year(p, free_run, t_source_max, 0.0, t0, no_loads, nullptr, nullptr);
  }
  SolarThermalResult r;
  r.feeds = StoreFeeds::source;
  r.solar.assign(n, 0.0);
  r.supplied.assign(n, 0.0);
  r.t_store.assign(n, 0.0);
  t_source.assign(n, 0.0);
  const double t_end = run_store_year(p, free_run, t_source_max, 0.0, t0, no_loads, &t_source, &r);
  r.store_change = (t_end - t0) * p.cap;
  double evaporator = 0.0;
  for (const Hour& h : free_run.hours) evaporator += std::max(0.0, h.ground_heat) * 3600.0;
  r.solar_fraction = evaporator > 0 ? r.delivered / evaporator : 0.0;
  return r;
}

SolarThermalResult solar_to_loads_and_source(const climate::WeatherSeries& w,
                                             std::vector<demand::LoadSeries>& loads,
                                             const Simulation& free_run, double t_source_max,
                                             const SolarThermalSpec& spec,
                                             std::vector<double>& t_source) {
  validate(spec);
  const std::size_t n = w.hours();
  check_hours(loads, free_run, n);
  const PlaneIrradiance plane = plane_irradiance(w, spec.slope);
  const Pass p{w, plane, spec, spec.store_volume * kWaterRhoCp};
  double t0 = spec.t_store_start;
  if (t0 <= 0.0) {
    std::vector<demand::LoadSeries> scratch = loads;
    t0 = run_store_year(p, free_run, t_source_max, spec.t_store_min, spec.t_surroundings, scratch,
                        nullptr, nullptr);
    scratch = loads;
    t0 = run_store_year(p, free_run, t_source_max, spec.t_store_min, t0, scratch, nullptr, nullptr);
  }
  SolarThermalResult r;
  r.feeds = StoreFeeds::both;
  r.solar.assign(n, 0.0);
  r.supplied.assign(n, 0.0);
  r.t_store.assign(n, 0.0);
  t_source.assign(n, 0.0);
  double load = 0.0;
  for (std::size_t h = 0; h < n; ++h) load += heating_at(loads, h) * 3600.0;
  const double t_end =
      run_store_year(p, free_run, t_source_max, spec.t_store_min, t0, loads, &t_source, &r);
  r.store_change = (t_end - t0) * p.cap;
  r.solar_fraction = load > 0 ? r.delivered / load : 0.0;
  return r;
}

}  // namespace heatlift::site
