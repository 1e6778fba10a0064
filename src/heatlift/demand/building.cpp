#include "heatlift/demand/building.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::demand {

namespace {

constexpr double kRhoCpAir = 1.2 * 1005.0;  // J/(m³·K), air at ~20 °C
constexpr double kHour = 3600.0;            // s
using core::kZeroCelsius;

constexpr std::array<std::string_view, 4> kEmitterNames = {"floor_heating", "radiator",
                                                           "radiator_low", "fan_coil"};
constexpr std::array<std::string_view, 2> kCoolingEmitterNames = {"fan_coil", "radiant_floor"};
constexpr double kLatentHeat = 2.45e6;    // J/kg, water vapour condensed at ~25 °C
constexpr double kAtmosphere = 101325.0;  // Pa
constexpr double kCpAir = 1005.0;         // J/(kg·K)

// kg water per kg dry air at dry bulb `t` (K) and relative humidity `rh`, from the Magnus
// saturation pressure of Alduchov & Eskridge (1996), the climate layer's dew-point formula.
double humidity_ratio(double t, double rh) {
  const double c = t - kZeroCelsius;
  const double p_ws = 610.94 * std::exp(17.625 * c / (c + 243.04));
  const double p_w = rh * p_ws;
  return 0.621945 * p_w / (kAtmosphere - p_w);
}

std::array<double, 24> profile(core::ConfigTable& t, std::string_view key) {
  const std::vector<double> v = t.numbers(key);
  if (v.size() != 24) t.fail(key, fmt::format("{} values, expected 24 (hour 0 … 23)", v.size()));
  std::array<double, 24> out{};
  for (std::size_t i = 0; i < 24; ++i) {
    if (v[i] < 0.0 || v[i] > 1.0)
      t.fail(key, fmt::format("hour {}: {}, expected a fraction in [0, 1]", i, v[i]));
    out[i] = v[i];
  }
  return out;
}

DayRange day_range(core::ConfigTable& t, std::string_view key, const std::vector<std::string>& v) {
  if (v.size() != 2) t.fail(key, "expected two days [\"MM-DD\", \"MM-DD\"]");
  try {
    return {MonthDay::parse(v[0], ""), MonthDay::parse(v[1], "")};
  } catch (const InvalidInput& e) {
    t.fail(key, e.what());
  }
}

}  // namespace

ClimateZone climate_zone_from_string(std::string_view name, std::string_view field) {
  std::vector<std::string_view> ids;
  for (const ClimateZone z : climate::kAllZones) {
    if (climate::to_string(z) == name) return z;
    ids.push_back(climate::to_string(z));
  }
  throw InvalidInput(fmt::format("{}: '{}' is not a climate zone; expected one of {}", field, name,
                                 fmt::join(ids, ", ")));
}

std::string_view to_string(Emitter e) {
  return kEmitterNames[static_cast<std::size_t>(e)];
}

Emitter emitter_from_string(std::string_view name, std::string_view field) {
  for (std::size_t i = 0; i < kEmitterNames.size(); ++i)
    if (kEmitterNames[i] == name) return static_cast<Emitter>(i);
  throw InvalidInput(fmt::format("{}: '{}' is not an emitter; expected one of {}", field, name,
                                 fmt::join(kEmitterNames, ", ")));
}

std::string_view to_string(CoolingEmitter e) {
  return kCoolingEmitterNames[static_cast<std::size_t>(e)];
}

CoolingEmitter cooling_emitter_from_string(std::string_view name, std::string_view field) {
  for (std::size_t i = 0; i < kCoolingEmitterNames.size(); ++i)
    if (kCoolingEmitterNames[i] == name) return static_cast<CoolingEmitter>(i);
  throw InvalidInput(fmt::format("{}: '{}' is not a cooling emitter; expected one of {}", field,
                                 name, fmt::join(kCoolingEmitterNames, ", ")));
}

FlowReturn cooling_emitter_design(CoolingEmitter e) {
  switch (e) {
    case CoolingEmitter::fan_coil: return {7.0 + kZeroCelsius, 12.0 + kZeroCelsius};
    case CoolingEmitter::radiant_floor: return {18.0 + kZeroCelsius, 23.0 + kZeroCelsius};
  }
  throw InternalError("cooling_emitter_design: unknown emitter");
}

bool is_hot_summer(ClimateZone z) {
  return z == ClimateZone::hot_summer_cold_winter || z == ClimateZone::hot_summer_warm_winter;
}

FlowReturn emitter_design(Emitter e) {
  switch (e) {
    case Emitter::floor_heating: return {35.0 + kZeroCelsius, 30.0 + kZeroCelsius};
    case Emitter::radiator: return {55.0 + kZeroCelsius, 45.0 + kZeroCelsius};
    case Emitter::radiator_low: return {45.0 + kZeroCelsius, 40.0 + kZeroCelsius};
    case Emitter::fan_coil: return {45.0 + kZeroCelsius, 40.0 + kZeroCelsius};
  }
  throw InternalError("emitter_design: unknown emitter");
}

// ---------------------------------------------------------------- library

ArchetypeLibrary ArchetypeLibrary::load(const core::DataStore& data) {
  const std::string path = "demand/archetypes.toml";
  return parse(data.read(path), path);
}

ArchetypeLibrary ArchetypeLibrary::parse(std::string_view text, const std::string& origin) {
  const core::ConfigDocument doc = core::ConfigDocument::from_text(text, origin);
  core::ConfigTable root(doc);
  ArchetypeLibrary lib;
  lib.source = core::DataStore::source_line(text);
  lib.era_names = root.strings("eras");
  if (lib.era_names.empty()) root.fail("eras", "expected at least one era");

  core::ConfigTable zones = root.table("zones");
  for (const ClimateZone zone : climate::kAllZones) {
    core::ConfigTable z = zones.table(climate::to_string(zone));
    ZoneData zd;
    zd.envelope_factor = z.number("envelope_factor", {0.1, 10.0});
    if (z.has("heating_season"))
      zd.heating_season = day_range(z, "heating_season", z.strings("heating_season"));
    if (z.has("cooling_season"))
      zd.cooling_season = day_range(z, "cooling_season", z.strings("cooling_season"));
    z.finish();
    lib.zones[zone] = zd;
  }
  zones.finish();

  const core::ConfigTable archetypes_table = root.table("archetypes");
  const toml::table* arch_root = doc.root()["archetypes"].as_table();
  for (const auto& [key, node] : *arch_root) {
    const std::string name(key.str());
    if (!node.is_table()) archetypes_table.fail_here(fmt::format("'{}' is not a table", name));
    core::ConfigTable a(*node.as_table(), fmt::format("archetypes.{}", name), origin);
    ArchetypeData d;
    d.name = name;
    d.name_zh = a.string_or("name_zh", "");
    d.storey_height = a.quantity("storey_height", core::Dimension::length, {1.5, 40.0});
    d.capacity_per_area = 1e3 * a.number("capacity_kj_per_m2k", {1.0, 2000.0});
    d.internal_gain = a.number("internal_gain_w_per_m2", {0.0, 200.0});
    d.occupancy_weekday = profile(a, "occupancy_weekday");
    d.occupancy_weekend = profile(a, "occupancy_weekend");
    d.occupied_threshold = a.number("occupied_threshold", {0.0, 1.0});
    const core::Range indoor{kZeroCelsius, kZeroCelsius + 30.0, "0 to 30 °C"};
    d.set_point = a.quantity("set_point", core::Dimension::temperature, indoor);
    d.setback = a.quantity("setback", core::Dimension::temperature, indoor);
    if (d.setback > d.set_point) a.fail("setback", "expected at most the set_point");
    if (a.has("vacations")) {
      const toml::array* arr = node.as_table()->get("vacations")->as_array();
      if (arr == nullptr) a.fail("vacations", "expected an array of [\"MM-DD\", \"MM-DD\"] pairs");
      for (const toml::node& item : *arr) {
        const toml::array* pair = item.as_array();
        std::vector<std::string> v;
        if (pair != nullptr)
          for (const toml::node& s : *pair)
            if (s.is_string()) v.push_back(s.as_string()->get());
        d.vacations.push_back(day_range(a, "vacations", v));
      }
    }
    // Cooling keys are optional: an archetype without them is cooled everywhere at 26 °C.
    if (a.has("cooling")) {
      const std::string rule = a.choice("cooling", {"always", "hot_summer_zones", "never"});
      d.cooling = rule == "always"             ? CoolingRule::always
                  : rule == "hot_summer_zones" ? CoolingRule::hot_summer_zones
                                               : CoolingRule::never;
    }
    if (a.has("cooling_season"))
      d.cooling_zone_season = a.choice("cooling_season", {"zone", "all_year"}) == "zone";
    const core::Range cool_range{kZeroCelsius + 18.0, kZeroCelsius + 35.0, "18 to 35 °C"};
    d.cooling_set_point = a.quantity_or("cooling_set_point", core::Dimension::temperature,
                                        kZeroCelsius + 26.0, cool_range);
    d.cooling_setup = a.quantity_or("cooling_setup", core::Dimension::temperature,
                                    std::max(kZeroCelsius + 30.0, d.cooling_set_point), cool_range);
    if (d.cooling_setup < d.cooling_set_point)
      a.fail("cooling_setup", "expected at least the cooling_set_point");
    if (d.cooling_set_point <= d.set_point)
      a.fail("cooling_set_point", "expected above the heating set_point");
    d.latent_gain = a.number_or("latent_gain_w_per_m2", 0.0, {0.0, 100.0});
    core::ConfigTable eras = a.table("eras");
    for (const std::string& era : lib.era_names) {
      core::ConfigTable e = eras.table(era);
      EraData ed;
      ed.ua_per_area = e.number("ua_w_per_m2k", {0.01, 20.0});
      ed.ach = e.number("ach", {0.0, 50.0});
      ed.ach_unoccupied = e.number("ach_unoccupied", {0.0, 50.0});
      ed.solar_aperture = e.number("solar_aperture", {0.0, 1.0});
      e.finish();
      d.eras.emplace(era, ed);
    }
    eras.finish();
    a.finish();
    lib.archetypes.emplace(name, std::move(d));
  }
  root.finish();
  return lib;
}

const ArchetypeData& ArchetypeLibrary::archetype(std::string_view name) const {
  const auto it = archetypes.find(name);
  if (it == archetypes.end()) {
    std::vector<std::string_view> names;
    for (const auto& [k, v] : archetypes) names.push_back(k);
    throw DataMissing(fmt::format("archetype '{}' is not in the library; known: {}", name,
                                  fmt::join(names, ", ")));
  }
  return it->second;
}

const EraData& ArchetypeLibrary::era(const ArchetypeData& a, std::string_view era) const {
  const auto it = a.eras.find(era);
  if (it == a.eras.end())
    throw DataMissing(fmt::format("archetype '{}' has no era '{}'; known: {}", a.name, era,
                                  fmt::join(era_names, ", ")));
  return it->second;
}

const ZoneData& ArchetypeLibrary::zone(ClimateZone z) const {
  const auto it = zones.find(z);
  if (it == zones.end())
    throw DataMissing(fmt::format("climate zone '{}' is not in the library", to_string(z)));
  return it->second;
}

// ---------------------------------------------------------------- spec

BuildingSpec make_building_spec(const ArchetypeLibrary& lib, std::string_view archetype,
                                std::string_view era, ClimateZone zone, double floor_area,
                                Emitter emitter, SeasonMode season, std::optional<DayRange> dates) {
  const ArchetypeData& a = lib.archetype(archetype);
  const EraData& e = lib.era(a, era);
  const ZoneData& z = lib.zone(zone);
  BuildingSpec b;
  b.archetype = a.name;
  b.era = std::string(era);
  b.zone = zone;
  b.floor_area = floor_area;
  b.ua = e.ua_per_area * z.envelope_factor * floor_area;
  b.volume = a.storey_height * floor_area;
  b.ach = e.ach;
  b.ach_unoccupied = e.ach_unoccupied;
  b.capacity = a.capacity_per_area * floor_area;
  b.internal_gain = a.internal_gain * floor_area;
  b.solar_aperture = e.solar_aperture * floor_area;
  b.occupancy_weekday = a.occupancy_weekday;
  b.occupancy_weekend = a.occupancy_weekend;
  b.occupied_threshold = a.occupied_threshold;
  b.set_point = a.set_point;
  b.setback = a.setback;
  b.vacations = a.vacations;
  b.emitter = emitter;
  switch (season) {
    case SeasonMode::zone_default: b.heating_season = z.heating_season; break;
    case SeasonMode::all_year: b.heating_season.reset(); break;
    case SeasonMode::explicit_dates:
      if (!dates) throw InvalidInput("heating_season: explicit dates requested but none given");
      b.heating_season = dates;
      break;
  }
  b.cooled = a.cooling == CoolingRule::always ||
             (a.cooling == CoolingRule::hot_summer_zones && is_hot_summer(zone));
  if (a.cooling_zone_season) b.cooling_season = z.cooling_season;
  b.cooling_set_point = a.cooling_set_point;
  b.cooling_setup = a.cooling_setup;
  b.latent_gain = a.latent_gain * floor_area;
  b.cooling_emitter =
      emitter == Emitter::floor_heating ? CoolingEmitter::radiant_floor : CoolingEmitter::fan_coil;
  return b;
}

void BuildingSpec::validate() const {
  auto bad = [&](std::string_view field, double v, std::string_view expected) {
    return InvalidInput(
        fmt::format("building '{}' {}: {}, expected {}", archetype, field, v, expected));
  };
  if (!std::isfinite(floor_area) || floor_area <= 0.0)
    throw bad("floor_area", floor_area, "a floor area above 0 m²");
  if (!std::isfinite(ua) || ua < 0.0) throw bad("ua", ua, "a conductance ≥ 0 W/K");
  if (!std::isfinite(volume) || volume <= 0.0) throw bad("volume", volume, "a volume above 0 m³");
  if (!std::isfinite(ach) || ach < 0.0) throw bad("ach", ach, "air changes ≥ 0 per hour");
  if (!std::isfinite(ach_unoccupied) || ach_unoccupied < 0.0)
    throw bad("ach_unoccupied", ach_unoccupied, "air changes ≥ 0 per hour");
  if (!std::isfinite(capacity) || capacity <= 0.0)
    throw bad("capacity", capacity, "a heat capacity above 0 J/K");
  if (!std::isfinite(internal_gain) || internal_gain < 0.0)
    throw bad("internal_gain", internal_gain, "gains ≥ 0 W");
  if (!std::isfinite(solar_aperture) || solar_aperture < 0.0)
    throw bad("solar_aperture", solar_aperture, "an aperture ≥ 0 m²");
  for (std::size_t i = 0; i < 24; ++i)
    if (!(occupancy_weekday[i] >= 0.0 && occupancy_weekday[i] <= 1.0 &&
          occupancy_weekend[i] >= 0.0 && occupancy_weekend[i] <= 1.0))
      throw bad("occupancy", static_cast<double>(i), "fractions in [0, 1] at every hour");
  if (!std::isfinite(set_point) || set_point < kZeroCelsius || set_point > kZeroCelsius + 30.0)
    throw bad("set_point", set_point, "0 to 30 °C (in K)");
  if (!std::isfinite(setback) || setback > set_point || setback < kZeroCelsius - 20.0)
    throw bad("setback", setback, "a temperature not above the set_point (in K)");
  if (t_design && (!std::isfinite(*t_design) || *t_design >= set_point || *t_design < 173.15))
    throw bad("t_design", *t_design, "a design outdoor temperature below the set-point (in K)");
  if (!std::isfinite(max_load_factor) || (max_load_factor != 0.0 && max_load_factor < 1.0))
    throw bad("max_load_factor", max_load_factor, "0 (no cap) or at least 1");
  if (cooled) {
    if (!std::isfinite(cooling_set_point) || cooling_set_point <= set_point ||
        cooling_set_point > kZeroCelsius + 35.0)
      throw bad("cooling_set_point", cooling_set_point,
                "a temperature above the heating set_point, at most 35 °C (in K)");
    if (!std::isfinite(cooling_setup) || cooling_setup < cooling_set_point ||
        cooling_setup > kZeroCelsius + 40.0)
      throw bad("cooling_setup", cooling_setup,
                "a temperature from the cooling_set_point to 40 °C (in K)");
    if (!(indoor_rh > 0.0 && indoor_rh < 1.0))
      throw bad("indoor_rh", indoor_rh, "a fraction between 0 and 1");
    if (!std::isfinite(latent_gain) || latent_gain < 0.0)
      throw bad("latent_gain", latent_gain, "gains ≥ 0 W");
  }
  if (first_weekday < 0 || first_weekday > 6)
    throw bad("first_weekday", first_weekday, "0 (Monday) … 6 (Sunday)");
}

double heat_loss_coefficient(const BuildingSpec& b) {
  return b.ua + kRhoCpAir * b.ach * b.volume / kHour;
}

double design_heat_load(const BuildingSpec& b, double t_design) {
  return heat_loss_coefficient(b) * std::max(0.0, b.set_point - t_design);
}

// ---------------------------------------------------------------- solar

std::vector<double> south_vertical_irradiance(const climate::WeatherSeries& w) {
  constexpr double pi = std::numbers::pi;
  constexpr double deg = pi / 180.0;
  constexpr double albedo = 0.2;
  const double phi = w.location.latitude * deg;
  const double sin_phi = std::sin(phi);
  const double cos_phi = std::cos(phi);
  std::vector<double> out(w.hours(), 0.0);
  int day_cached = -1;
  double sin_d = 0.0, cos_d = 1.0, g_on = 1367.0, offset_h = 0.0;
  for (std::size_t h = 0; h < w.hours(); ++h) {
    const double ghi = w.ghi[h];
    if (ghi <= 0.0) continue;
    const int day = climate::day_of_hour(h);
    if (day != day_cached) {  // the sun's daily terms, once per day
      day_cached = day;
      const int n = day % 365 + 1;  // 1 … 365
      // Cooper (1969) declination; Spencer (1971) equation of time, minutes (Duffie & Beckman).
      const double decl = 23.45 * deg * std::sin(2.0 * pi * (284.0 + n) / 365.0);
      const double B = 2.0 * pi * (n - 1) / 365.0;
      const double eot = 229.2 * (0.000075 + 0.001868 * std::cos(B) - 0.032077 * std::sin(B) -
                                  0.014615 * std::cos(2 * B) - 0.04089 * std::sin(2 * B));
      offset_h = (4.0 * (w.location.longitude - 15.0 * w.location.time_zone) + eot) / 60.0;
      sin_d = std::sin(decl);
      cos_d = std::cos(decl);
      g_on = 1367.0 * (1.0 + 0.033 * std::cos(2.0 * pi * n / 365.0));
    }
    const double clock = climate::hour_of_day(h) + 0.5;  // mid-hour, local standard time
    const double omega = (clock + offset_h - 12.0) * 15.0 * deg;
    const double cos_omega = std::cos(omega);
    const double cos_z = std::max(0.0, sin_phi * sin_d + cos_phi * cos_d * cos_omega);
    // Clearness index k_t against the extraterrestrial horizontal irradiance (sun above ~5°).
    double beam_h = 0.0;
    double diffuse = ghi;
    double cos_theta = 0.0;
    if (cos_z > 0.087) {
      const double kt = std::min(1.0, ghi / (g_on * cos_z));
      // Erbs, Klein & Duffie (1982) diffuse fraction.
      double fd;
      if (kt <= 0.22)
        fd = 1.0 - 0.09 * kt;
      else if (kt <= 0.80)
        fd = 0.9511 - 0.1604 * kt + 4.388 * kt * kt - 16.638 * kt * kt * kt +
             12.336 * kt * kt * kt * kt;
      else
        fd = 0.165;
      diffuse = fd * ghi;
      beam_h = ghi - diffuse;
      // Incidence on a vertical surface facing the equator (Duffie & Beckman eq. 1.6.2,
      // slope 90°, azimuth 0): cos θ = −sin δ cos φ + cos δ sin φ cos ω.
      cos_theta = std::max(0.0, -sin_d * cos_phi + cos_d * sin_phi * cos_omega);
    }
    const double beam = beam_h > 0.0 ? beam_h * cos_theta / cos_z : 0.0;
    out[h] = beam + 0.5 * diffuse + 0.5 * albedo * ghi;
  }
  return out;
}

double design_temperature_from_series(const climate::WeatherSeries& w) {
  const std::size_t days = w.hours() / 24;
  if (days < 5)
    throw InvalidInput("weather: fewer than 5 days, cannot derive a design temperature");
  std::vector<double> means(days);
  for (std::size_t d = 0; d < days; ++d) {
    double s = 0.0;
    for (std::size_t k = 0; k < 24; ++k) s += w.t_dry[d * 24 + k];
    means[d] = s / 24.0;
  }
  std::nth_element(means.begin(), means.begin() + 4, means.end());
  return means[4];
}

// ---------------------------------------------------------------- simulation

double BuildingResult::specific_demand() const {
  return floor_area > 0.0 ? load.annual_energy() / floor_area : 0.0;
}

BuildingResult simulate_building(const BuildingSpec& b, const climate::WeatherSeries& w) {
  w.validate();
  return simulate_building(b, w, south_vertical_irradiance(w));
}

BuildingResult simulate_building(const BuildingSpec& b, const climate::WeatherSeries& w,
                                 const std::vector<double>& south) {
  BuildingResult r;
  simulate_building(b, w, south, r);
  return r;
}

namespace {

// The cooling side of the hourly balance: which days are cooled, the indoor humidity held,
// and the year's cooling series being filled.
// The value exceeded in `hours` hours of the days in `season` (all days when none): the
// smallest of the hours + 1 largest, kept in a min-heap (one pass, no copy of the year).
double exceeded_in(const std::vector<double>& v, std::size_t hours,
                   const std::optional<DayRange>& season) {
  std::vector<double> heap;
  heap.reserve(hours + 1);
  const auto take = [&](double x) {
    if (heap.size() <= hours) {
      heap.push_back(x);
      std::push_heap(heap.begin(), heap.end(), std::greater<>());
    } else if (x > heap.front()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>());
      heap.back() = x;
      std::push_heap(heap.begin(), heap.end(), std::greater<>());
    }
  };
  for (std::size_t day = 0; day * 24 < v.size(); ++day) {
    if (season && !season->contains(static_cast<int>(day % 365))) continue;
    const std::size_t end = std::min(v.size(), day * 24 + 24);
    for (std::size_t h = day * 24; h < end; ++h) take(v[h]);
  }
  return heap.empty() ? 0.0 : heap.front();
}

struct HeatingHour {
  bool in_season;
  double t_set;
  double q_max;
};
struct CoolingHour {
  bool in_season;
  double t_cool;
  double h_vent;  // W/K, ventilation conductance of the hour
  double occ;     // occupancy fraction
};

struct CoolingPass {
  bool on = false;
  double t_node = 0.0;      // K, the node of the balance with both set-points
  double w_indoor = 0.0;    // kg/kg at the cooling set-point and indoor_rh
  double q_max = HUGE_VAL;  // W, cap on the hourly sensible heat removed
  LoadSeries* series = nullptr;

  void start(const BuildingSpec& b, const climate::WeatherSeries& w,
             const std::vector<double>& south, BuildingResult& r) {
    const std::size_t n = w.hours();
    LoadSeries& C = r.cooling;
    C.kind = LoadKind::space_cooling;
    C.design_load = 0.0;
    r.design_cooling_load = r.cooling_sensible = r.cooling_latent = 0.0;
    r.cooling_hours = 0;
    on = b.cooled;
    if (!on) {
      C.description.clear();
      C.heat.clear();
      C.t_supply.clear();
      C.t_return.clear();
      return;
    }
    const FlowReturn fr = cooling_emitter_design(b.cooling_emitter);
    C.description =
        fmt::format("{}, {} zone, {} envelope, {:.0f} m², cooling by {}", b.archetype,
                    to_string(b.zone), b.era, b.floor_area, to_string(b.cooling_emitter));
    C.heat.assign(n, 0.0);
    C.t_supply.assign(n, fr.t_supply);
    C.t_return.assign(n, fr.t_return);
    w_indoor = humidity_ratio(b.cooling_set_point, b.indoor_rh);
    series = &C;
    const CoolingDesign d = cooling_design_load(b, w, south);
    r.design_cooling_load = d.sensible + d.latent;
    if (b.max_load_factor > 0.0) q_max = b.max_load_factor * d.sensible;
  }
  bool season(const BuildingSpec& b, int doy) const {
    return on && (!b.cooling_season || b.cooling_season->contains(doy));
  }
  // Hour h removes `sensible` W: adds the latent load of the air let in (conductance
  // h_vent W/K) and of the occupants (fraction occ of peak).
  void hour(const BuildingSpec& b, const climate::WeatherSeries& w, std::size_t h, double sensible,
            double h_vent, double occ, BuildingResult& r) const {
    const double m_air = h_vent / kCpAir;  // kg/s of dry air
    const double dw = humidity_ratio(w.t_dry[h], w.rh[h]) - w_indoor;
    const double latent = m_air * kLatentHeat * std::max(0.0, dw) + b.latent_gain * occ;
    const double q = sensible + latent;
    series->heat[h] = q;
    r.cooling_sensible += sensible;
    r.cooling_latent += latent;
    ++r.cooling_hours;
  }
  // One backward-Euler hour of the node held between both set-points; `a` = C/Δt·T_old +
  // H·T_out + gains for this node.
  void step(const BuildingSpec& b, const climate::WeatherSeries& w, std::size_t h, double a,
            double inv, double c_plus_h, const HeatingHour& heat, const CoolingHour& cool,
            BuildingResult& r) {
    double t_new = a * inv;
    if (heat.in_season && t_new < heat.t_set) {
      t_new = std::min(heat.t_set, (a + heat.q_max) * inv);
    } else if (cool.in_season && t_new > cool.t_cool) {
      const double removed = std::min(a - c_plus_h * cool.t_cool, q_max);
      hour(b, w, h, removed, cool.h_vent, cool.occ, r);
      t_new = (a - removed) * inv;
    }
    t_node = t_new;
  }
  void finish(BuildingResult& r) const {
    r.cooling_sensible *= kHour;
    r.cooling_latent *= kHour;
    if (series) series->design_load = r.design_cooling_load;
  }
};

}  // namespace

CoolingDesign cooling_design_load(const BuildingSpec& b, const climate::WeatherSeries& w,
                                  const std::vector<double>& south) {
  const std::size_t n = w.hours();
  if (w.t_dry.size() != n || w.rh.size() != n || south.size() != n)
    throw InvalidInput(fmt::format(
        "building '{}': cooling design needs t_dry, rh and irradiance for each of {} hours",
        b.archetype, n));
  CoolingDesign d;
  d.t_outdoor = exceeded_in(w.t_dry, 50, b.cooling_season);
  // The humidity coincident with the design dry bulb: the mean over the hours at or above it
  // (as ASHRAE pairs its design dry bulb with a mean coincident wet bulb).
  double sum = 0.0;
  int count = 0;
  for (std::size_t h = 0; h < n; ++h)
    if (w.t_dry[h] >= d.t_outdoor &&
        (!b.cooling_season || b.cooling_season->contains(static_cast<int>((h / 24) % 365)))) {
      sum += humidity_ratio(w.t_dry[h], w.rh[h]);
      ++count;
    }
  d.humidity_ratio = count > 0 ? sum / count : 0.0;
  d.irradiance = exceeded_in(south, 50, b.cooling_season);
  const double h_vent = kRhoCpAir * b.ach * b.volume / kHour;
  d.sensible = std::max(0.0, (b.ua + h_vent) * (d.t_outdoor - b.cooling_set_point) +
                                 b.internal_gain + b.solar_aperture * d.irradiance);
  const double w_in = humidity_ratio(b.cooling_set_point, b.indoor_rh);
  d.latent = h_vent / kCpAir * kLatentHeat * std::max(0.0, d.humidity_ratio - w_in) + b.latent_gain;
  return d;
}

namespace {

// Checks the inputs, resets the result and sizes the heating series; returns the cap on
// the hourly heat (W).
double start_heating(const BuildingSpec& b, const climate::WeatherSeries& w,
                     const std::vector<double>& south, BuildingResult& r) {
  b.validate();
  const std::size_t n = w.hours();
  if (w.t_dry.size() != n || w.ghi.size() != n || south.size() != n || n % 24 != 0)
    throw InvalidInput(fmt::format(
        "building '{}': weather has {} hours, t_dry {}, ghi {}, irradiance {}; expected equal "
        "whole days",
        b.archetype, n, w.t_dry.size(), w.ghi.size(), south.size()));

  r.floor_area = b.floor_area;
  r.transmission = r.ventilation = r.internal_gains = r.solar_gains = r.storage_change = 0.0;
  r.unmet_hours = 0;
  if (b.cooled && w.rh.size() != n)
    throw InvalidInput(fmt::format(
        "building '{}': cooling needs the weather's relative humidity; it has {} values for {} "
        "hours",
        b.archetype, w.rh.size(), n));
  r.t_design = b.t_design ? *b.t_design : design_temperature_from_series(w);
  const double design = design_heat_load(b, r.t_design);
  const double q_max = b.max_load_factor > 0.0 ? b.max_load_factor * design : HUGE_VAL;

  LoadSeries& L = r.load;
  L.kind = LoadKind::space_heating;
  L.description = fmt::format("{}, {} zone, {} envelope, {:.0f} m², {}", b.archetype,
                              to_string(b.zone), b.era, b.floor_area, to_string(b.emitter));
  L.design_load = design;
  const FlowReturn fr = emitter_design(b.emitter);
  L.heat.assign(n, 0.0);
  L.t_supply.assign(n, fr.t_supply);
  L.t_return.assign(n, fr.t_return);
  r.t_indoor.assign(n, 0.0);
  return q_max;
}

}  // namespace

void simulate_building(const BuildingSpec& b, const climate::WeatherSeries& w,
                       const std::vector<double>& south, BuildingResult& r) {
  const double q_max = start_heating(b, w, south, r);
  const std::size_t n = w.hours();
  LoadSeries& L = r.load;
  CoolingPass cool;
  cool.start(b, w, south, r);
  cool.t_node = b.set_point;

  const double c_dt = b.capacity / kHour;  // W/K
  const double h_vent_occ = kRhoCpAir * b.ach * b.volume / kHour;
  const double h_vent_unocc = kRhoCpAir * b.ach_unoccupied * b.volume / kHour;

  // Start in balance with the set-point; the storage term carries any difference.
  double t_node = b.set_point;
  const double t_start = t_node;
  double e_tr = 0.0, e_ve = 0.0, e_int = 0.0, e_sol = 0.0;

  // The two conductances (occupied / unoccupied) and their implicit-step reciprocals.
  const double hh_occ = b.ua + h_vent_occ;
  const double hh_unocc = b.ua + h_vent_unocc;
  const double inv_occ = 1.0 / (c_dt + hh_occ);
  const double inv_unocc = 1.0 / (c_dt + hh_unocc);
  const std::array<double, 24>* occupancy = &b.occupancy_weekday;
  bool in_season = true;
  bool cool_season = false;
  bool vacation = false;
  for (std::size_t day = 0; day * 24 < n; ++day) {
    const int doy = static_cast<int>(day % 365);
    in_season = !b.heating_season || b.heating_season->contains(doy);
    cool_season = cool.season(b, doy);
    vacation = std::any_of(b.vacations.begin(), b.vacations.end(),
                           [&](const DayRange& v) { return v.contains(doy); });
    occupancy = is_weekend(doy, b.first_weekday) ? &b.occupancy_weekend : &b.occupancy_weekday;
    for (std::size_t hod = 0; hod < 24; ++hod) {
      const std::size_t h = day * 24 + hod;
      const double occ = vacation ? 0.0 : (*occupancy)[hod];
      const bool occupied = !vacation && occ >= b.occupied_threshold;
      const double t_set = occupied ? b.set_point : b.setback;
      const double t_cool = occupied ? b.cooling_set_point : b.cooling_setup;
      const double hh = occupied ? hh_occ : hh_unocc;
      const double inv = occupied ? inv_occ : inv_unocc;
      const double c_plus_h = occupied ? c_dt + hh_occ : c_dt + hh_unocc;
      const double t_out = w.t_dry[h];
      const double g_int = b.internal_gain * occ;
      const double g_sol = b.solar_aperture * south[h];

      // Backward Euler on C dT/dt = Q + G − H (T − T_out) over one hour:
      // (C/Δt + H) T_new = C/Δt T_old + H T_out + G + Q.
      const double a = c_dt * t_node + hh * t_out + g_int + g_sol;
      double q = 0.0;
      double t_new = a * inv;
      if (in_season && t_new < t_set) {
        q = c_plus_h * t_set - a;
        if (q > q_max) {
          q = q_max;
          t_new = (a + q) * inv;
          if (t_new < t_set - 0.5) ++r.unmet_hours;
        } else {
          t_new = t_set;
        }
      }
      if (cool.on) {
        const double a_c = a + c_dt * (cool.t_node - t_node);  // the same terms, its own node
        cool.step(b, w, h, a_c, inv, c_plus_h, {in_season, t_set, q_max},
                  {cool_season, t_cool, hh - b.ua, occ}, r);
      }
      L.heat[h] = q;
      r.t_indoor[h] = t_new;
      e_int += g_int;
      e_sol += g_sol;
      e_ve += (hh - b.ua) * (t_new - t_out);
      t_node = t_new;
    }
  }
  // Transmission from the stored node temperatures (off the recurrence's critical path).
  for (std::size_t h = 0; h < n; ++h) e_tr += r.t_indoor[h] - w.t_dry[h];
  e_tr *= b.ua * kHour;
  e_ve *= kHour;
  e_int *= kHour;
  e_sol *= kHour;
  r.transmission = e_tr;
  r.ventilation = e_ve;
  r.internal_gains = e_int;
  r.solar_gains = e_sol;
  r.storage_change = b.capacity * (t_node - t_start);
  cool.finish(r);
}

}  // namespace heatlift::demand
