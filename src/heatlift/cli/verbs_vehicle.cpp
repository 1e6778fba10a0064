// Verb of transport: `heatlift vehicle [FILE] --city CITY` (an electric car's winter range
// with a PTC heater and with a heat pump: at the city's January mean, at its heating design
// temperature and over its winter driving hours) and `--all-cities` (one row a city);
// `--railcar`: a railway passenger car's HVAC over the city's year, heat pump against
// resistance heating.
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "heatlift/cli/app.hpp"
#include "heatlift/climate/cities.hpp"
#include "heatlift/climate/stations.hpp"
#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/demand/railcar.hpp"
#include "heatlift/demand/railcar_io.hpp"
#include "heatlift/demand/vehicle.hpp"
#include "heatlift/demand/vehicle_io.hpp"

namespace heatlift::cli {
namespace {

using core::kZeroCelsius;

struct VehicleOptions {
  std::string file;
  std::string city;
  bool all_cities = false;
  bool railcar = false;
};

double km(double m) {
  return m / 1e3;
}
double wh_per_km(double j_per_m) {
  return j_per_m / 3.6;
}
double gain_pct(double hp, double ptc) {
  return (hp / ptc - 1.0) * 100.0;
}

nlohmann::json point_json(const std::string& name, const demand::VehiclePoint& p,
                          double range_ref) {
  return {{"case", name},
          {"t_outdoor_C", p.t_outdoor - kZeroCelsius},
          {"drive_kW", p.drive_power / 1e3},
          {"cabin_heat_kW", p.cabin_heat / 1e3},
          {"battery_heat_kW", p.battery_heat / 1e3},
          {"warm_up_kWh", p.warm_up_heat / 3.6e6},
          {"heat_pump_runs", p.heat_pump_runs},
          {"cop", p.cop},
          {"heat_pump_share", p.hp_share},
          {"heating_ptc_kW", p.hvac_ptc / 1e3},
          {"heating_hp_kW", p.hvac_hp / 1e3},
          {"consumption_ptc_Wh_per_km", wh_per_km(p.consumption_ptc)},
          {"consumption_hp_Wh_per_km", wh_per_km(p.consumption_hp)},
          {"range_ptc_km", km(p.range_ptc)},
          {"range_hp_km", km(p.range_hp)},
          {"range_loss_ptc_pct", (1.0 - p.range_ptc / range_ref) * 100.0},
          {"range_loss_hp_pct", (1.0 - p.range_hp / range_ref) * 100.0},
          {"heat_pump_gain_pct", gain_pct(p.range_hp, p.range_ptc)}};
}

nlohmann::json season_json(const demand::VehicleSeason& s, double range_ref) {
  return {{"case", s.name},
          {"hours", s.hours},
          {"t_mean_C", s.t_mean - kZeroCelsius},
          {"heat_pump_hours_share", s.hp_hours_share},
          {"heat_pump_share", s.heat_hp_share},
          {"consumption_ptc_Wh_per_km", wh_per_km(s.consumption_ptc)},
          {"consumption_hp_Wh_per_km", wh_per_km(s.consumption_hp)},
          {"range_ptc_km", km(s.range_ptc)},
          {"range_hp_km", km(s.range_hp)},
          {"range_loss_ptc_pct", (1.0 - s.range_ptc / range_ref) * 100.0},
          {"range_loss_hp_pct", (1.0 - s.range_hp / range_ref) * 100.0},
          {"heat_pump_gain_pct", gain_pct(s.range_hp, s.range_ptc)}};
}

nlohmann::json spec_json(const demand::VehicleSpec& s) {
  return {{"name", s.name},
          {"battery_energy_kWh", s.drive.battery_energy / 3.6e6},
          {"consumption_Wh_per_km", wh_per_km(s.drive.consumption)},
          {"mean_speed_km_per_h", s.drive.mean_speed * 3.6},
          {"t_reference_C", s.drive.t_reference - kZeroCelsius},
          {"cabin_set_point_C", s.cabin.set_point - kZeroCelsius},
          {"battery_t_min_C", s.battery.t_min - kZeroCelsius},
          {"heat_pump_refrigerant", s.heat_pump.refrigerant},
          {"heat_pump_t_min_C", s.heat_pump.t_min - kZeroCelsius},
          {"reference_range_km", km(demand::reference_range(s))}};
}

const nlohmann::json& units_json() {
  static const nlohmann::json u = {{"t_outdoor_C", "°C"},
                                   {"drive_kW", "kW"},
                                   {"heating_ptc_kW", "kW"},
                                   {"warm_up_kWh", "kWh per cold start"},
                                   {"consumption_ptc_Wh_per_km", "Wh/km"},
                                   {"range_ptc_km", "km"},
                                   {"range_loss_ptc_pct", "% of the reference range"},
                                   {"heat_pump_gain_pct", "% more range than with PTC"},
                                   {"heat_pump_share", "share of the heat"}};
  return u;
}

// One city: the January mean, the GB 50736 heating design temperature, the winter hours.
struct CityRun {
  const climate::City* city = nullptr;
  double january_mean = 0.0;
  std::optional<double> design;
  demand::VehiclePoint at_january;
  std::optional<demand::VehiclePoint> at_design;
  demand::VehicleSeason winter;
};

CityRun run_city(const demand::VehicleSpec& spec, const climate::CityLibrary& lib,
                 const climate::StationTable& st, const climate::City& city) {
  CityRun r;
  r.city = &city;
  const climate::WeatherSeries w = lib.weather(city);
  r.january_mean = climate::monthly_stats(w)[0].t_mean;
  r.at_january = demand::vehicle_point(spec, r.january_mean);
  if (const climate::Station* s = st.try_find(city.gb50736_station)) {
    r.design = s->heating_design;
    r.at_design = demand::vehicle_point(spec, s->heating_design);
  }
  r.winter = demand::vehicle_winter(spec, w);
  return r;
}

std::string f0(double v) {
  return fmt::format("{:.0f}", v);
}
std::string f1(double v) {
  return fmt::format("{:.1f}", v);
}

void print_city(Context& ctx, const demand::VehicleSpec& spec, const CityRun& r) {
  const double ref = demand::reference_range(spec);
  if (ctx.format() == Format::json) {
    nlohmann::json cases = nlohmann::json::array();
    cases.push_back(point_json("january_mean", r.at_january, ref));
    if (r.at_design) cases.push_back(point_json("heating_design", *r.at_design, ref));
    cases.push_back(season_json(r.winter, ref));
    ctx.print_json({{"vehicle", spec_json(spec)},
                    {"city", {{"name", r.city->name}, {"name_zh", r.city->name_zh}}},
                    {"cases", cases},
                    {"units", units_json()},
                    {"sources",
                     {"weather: CSWD typical year of the city (heatlift climate show)",
                      "heating design temperature: GB 50736-2012 Appendix A"}}});
    return;
  }
  Table t({"case", "t_C", "COP", "heat_kW", "Wh/km_PTC", "Wh/km_HP", "range_PTC_km", "range_HP_km",
           "loss_PTC_%", "loss_HP_%", "HP_gain_%"});
  auto row = [&](const std::string& name, const demand::VehiclePoint& p) {
    t.add_row({name, f1(p.t_outdoor - kZeroCelsius), p.heat_pump_runs ? f1(p.cop) : "off",
               f1((p.cabin_heat + p.battery_heat) / 1e3), f0(wh_per_km(p.consumption_ptc)),
               f0(wh_per_km(p.consumption_hp)), f0(km(p.range_ptc)), f0(km(p.range_hp)),
               f0((1.0 - p.range_ptc / ref) * 100.0), f0((1.0 - p.range_hp / ref) * 100.0),
               f0(gain_pct(p.range_hp, p.range_ptc))});
  };
  row("January mean", r.at_january);
  if (r.at_design) row("heating design", *r.at_design);
  const demand::VehicleSeason& s = r.winter;
  t.add_row({"winter hours", f1(s.t_mean - kZeroCelsius), "", "", f0(wh_per_km(s.consumption_ptc)),
             f0(wh_per_km(s.consumption_hp)), f0(km(s.range_ptc)), f0(km(s.range_hp)),
             f0((1.0 - s.range_ptc / ref) * 100.0), f0((1.0 - s.range_hp / ref) * 100.0),
             f0(gain_pct(s.range_hp, s.range_ptc))});
  if (ctx.format() == Format::table) {
    ctx.out() << fmt::format("{} in {} ({}): reference range {:.0f} km at {:.1f} °C\n\n", spec.name,
                             r.city->name, r.city->name_zh, km(ref),
                             spec.drive.t_reference - kZeroCelsius);
  }
  t.print(ctx);
}

void print_all(Context& ctx, const demand::VehicleSpec& spec, const std::vector<CityRun>& runs) {
  const double ref = demand::reference_range(spec);
  if (ctx.format() == Format::json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const CityRun& r : runs) {
      nlohmann::json j = {{"city", r.city->name},
                          {"name_zh", r.city->name_zh},
                          {"january_mean", point_json("january_mean", r.at_january, ref)},
                          {"winter", season_json(r.winter, ref)}};
      if (r.at_design) j["heating_design"] = point_json("heating_design", *r.at_design, ref);
      rows.push_back(std::move(j));
    }
    ctx.print_json({{"vehicle", spec_json(spec)}, {"cities", rows}, {"units", units_json()}});
    return;
  }
  Table t({"city", "城市", "Jan_C", "design_C", "range_Jan_PTC_km", "range_Jan_HP_km",
           "range_design_PTC_km", "range_design_HP_km", "winter_PTC_km", "winter_HP_km",
           "winter_HP_gain_%"});
  for (const CityRun& r : runs) {
    t.add_row({r.city->name, r.city->name_zh, f1(r.january_mean - kZeroCelsius),
               r.design ? f1(*r.design - kZeroCelsius) : "", f0(km(r.at_january.range_ptc)),
               f0(km(r.at_january.range_hp)), r.at_design ? f0(km(r.at_design->range_ptc)) : "",
               r.at_design ? f0(km(r.at_design->range_hp)) : "", f0(km(r.winter.range_ptc)),
               f0(km(r.winter.range_hp)), f0(gain_pct(r.winter.range_hp, r.winter.range_ptc))});
  }
  if (ctx.format() == Format::table) {
    ctx.out() << fmt::format("{}: reference range {:.0f} km\n\n", spec.name, km(ref));
  }
  t.print(ctx);
}

// ---- --railcar: a passenger car's HVAC over the year ------------------------------------

double mwh(double j) {
  return j / 3.6e9;
}

nlohmann::json railcar_json(const climate::City& city, const demand::RailcarYear& y) {
  return {{"city", city.name},
          {"name_zh", city.name_zh},
          {"service_hours", y.service_hours},
          {"heating_MWh", mwh(y.heating)},
          {"cooling_MWh", mwh(y.cooling)},
          {"design_heating_kW", y.design_heating / 1e3},
          {"design_cooling_kW", y.design_cooling / 1e3},
          {"heat_pump_share", y.heat_pump_share},
          {"electricity_heat_pump_MWh", mwh(y.electricity_hp)},
          {"electricity_resistance_MWh", mwh(y.electricity_resistance)},
          {"cooling_electricity_MWh", mwh(y.cooling_electricity)},
          {"fan_electricity_MWh", mwh(y.fan_electricity)},
          {"saving_pct", (1.0 - y.electricity_hp / y.electricity_resistance) * 100.0}};
}

void railcar(Context& ctx, const VehicleOptions& opt, const climate::CityLibrary& lib) {
  const demand::RailcarSpec spec =
      opt.file.empty() ? demand::read_railcar(core::ConfigDocument::from_text("", "defaults"))
                       : demand::read_railcar_file(opt.file);
  std::vector<const climate::City*> cities;
  if (opt.all_cities) {
    for (const climate::City& c : lib.cities()) cities.push_back(&c);
  } else {
    cities.push_back(&lib.find(opt.city));
  }
  nlohmann::json rows = nlohmann::json::array();
  Table t({"city", "城市", "heating_MWh", "cooling_MWh", "design_heat_kW", "design_cool_kW",
           "HP_share_%", "elec_resistance_MWh", "elec_HP_MWh", "saving_%"});
  for (const climate::City* c : cities) {
    const demand::RailcarYear y = demand::simulate_railcar(spec, lib.weather(*c));
    rows.push_back(railcar_json(*c, y));
    t.add_row({c->name, c->name_zh, f1(mwh(y.heating)), f1(mwh(y.cooling)),
               f1(y.design_heating / 1e3), f1(y.design_cooling / 1e3),
               f0(y.heat_pump_share * 100.0), f1(mwh(y.electricity_resistance)),
               f1(mwh(y.electricity_hp)),
               f0((1.0 - y.electricity_hp / y.electricity_resistance) * 100.0)});
  }
  if (ctx.format() == Format::json) {
    ctx.print_json({{"railcar",
                     {{"name", spec.name},
                      {"seats", spec.seats},
                      {"load_factor", spec.load_factor},
                      {"ua_W_per_K", spec.ua},
                      {"heat_pump_t_min_C", spec.t_min - kZeroCelsius}}},
                    {"cities", rows},
                    {"units",
                     {{"heating_MWh", "MWh per car and year"},
                      {"design_heating_kW", "kW"},
                      {"saving_pct", "% of the HVAC electricity with resistance heating"}}}});
    return;
  }
  if (ctx.format() == Format::table) {
    ctx.out() << fmt::format("{}: HVAC of one car a year, heat pump against resistance heating\n\n",
                             spec.name);
  }
  t.print(ctx);
}

void vehicle(Context& ctx, const VehicleOptions& opt) {
  if (opt.all_cities == !opt.city.empty()) {
    throw InvalidInput("vehicle: give either --city NAME or --all-cities");
  }
  if (opt.railcar) {
    const climate::CityLibrary lib(ctx.data());
    railcar(ctx, opt, lib);
    return;
  }
  const demand::VehicleSpec spec =
      opt.file.empty() ? demand::read_vehicle(core::ConfigDocument::from_text("", "defaults"))
                       : demand::read_vehicle_file(opt.file);
  const climate::CityLibrary lib(ctx.data());
  const climate::StationTable st(ctx.data());
  if (!opt.all_cities) {
    print_city(ctx, spec, run_city(spec, lib, st, lib.find(opt.city)));
    return;
  }
  std::vector<CityRun> runs;
  for (const climate::City& c : lib.cities()) runs.push_back(run_city(spec, lib, st, c));
  print_all(ctx, spec, runs);
}

void setup(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<VehicleOptions>();
  auto* cmd = app.add_subcommand(
      "vehicle",
      "an electric car's winter range by city, PTC heater against heat pump (docs/transport.md)");
  cmd->add_option("file", opt->file,
                  "vehicle file (TOML, `heatlift params vehicle`); default: the compact EV");
  cmd->add_option("--city", opt->city, "city name, 中文名 or WMO id (`heatlift climate list`)");
  cmd->add_flag("--all-cities", opt->all_cities, "one row for each city of the library");
  cmd->add_flag("--railcar", opt->railcar,
                "a railway passenger car's HVAC over the year instead (FILE: a railcar file, "
                "`heatlift params railcar`)");
  cmd->callback([&ctx, opt] { vehicle(ctx, *opt); });
}

const VerbRegistrar registrar{"vehicle", 160, setup};

}  // namespace
}  // namespace heatlift::cli
