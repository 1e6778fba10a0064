#include "heatlift/site/site_case.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "heatlift/climate/epw.hpp"
#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/demand/demand_io.hpp"
#include "heatlift/demand/drying.hpp"
#include "heatlift/demand/process.hpp"
#include "heatlift/site/solar_thermal_io.hpp"

namespace heatlift::site {

namespace {
using core::ConfigTable;
using core::Dimension;
using core::kZeroCelsius;

// The baselines compared when a site file names none: what heat pumps replace in China's
// heating (coal boilers, gas boilers, electric heating).
const std::vector<std::string> default_baselines = {"coal_boiler_small", "gas_boiler",
                                                    "electric_boiler"};

// ---- the declaration of [site] (core/params.hpp) ---------------------------------------

using core::ParamKind;

const core::BlockDecl kSiteBlock{
    "site",
    "site",
    "Where the site is: its weather and its heating design temperature.",
    {
        {.key = "name",
         .kind = ParamKind::text,
         .doc = "the site's name in the outputs (default: the file's name without its extension)"},
        {.key = "city",
         .kind = ParamKind::text,
         .doc = "one of the 40 CSWD cities (English or Chinese name, WMO id) or any of the 298 GB "
                "50736 stations, a synthetic year (`heatlift climate list`); or give `epw`",
         .source = "CSWD; GB 50736-2012 Appendix A"},
        {.key = "epw",
         .kind = ParamKind::text,
         .doc = "an EPW weather file, relative to the site file; or give `city`"},
        {.key = "design_temperature",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius - 60, kZeroCelsius + 20, "-60 to 20 °C"},
         .doc = "heating design outdoor temperature (default: the GB 50736 station's; for a "
                "weather file without one, the fifth-coldest daily mean of its year)",
         .source = "GB 50736-2012 §4.1.2"},
    }};

const core::BlockRegistrar kRegisterSite(kSiteBlock);
}  // namespace

SiteLibraries::SiteLibraries(const core::DataStore& data, const equipment::ProductLibrary& products)
    : data_(&data),
      products_(&products),
      archetypes_(demand::ArchetypeLibrary::load(data)),
      hot_water_(demand::HotWaterLibrary::load(data)),
      fuels_(accounting::FuelRegistry::load(data)),
      gbt_(accounting::gbt50801::Constants::load(data)) {}

std::shared_ptr<const climate::Place> SiteLibraries::place(const std::string& query) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = places_.find(query); it != places_.end()) return it->second;
  }
  auto p = std::make_shared<const climate::Place>(climate::find_place(*data_, query));
  std::lock_guard lock(mutex_);
  return places_.emplace(query, std::move(p)).first->second;
}

std::shared_ptr<const std::vector<double>> SiteLibraries::south_irradiance(
    const std::string& query) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = south_.find(query); it != south_.end()) return it->second;
  }
  const auto p = place(query);
  auto s =
      std::make_shared<const std::vector<double>>(demand::south_vertical_irradiance(p->weather));
  std::lock_guard lock(mutex_);
  return south_.emplace(query, std::move(s)).first->second;
}

namespace {

// [site]: where, and the design temperature (given, the station's, or from the weather).
void read_where(ConfigTable& root, const core::ConfigDocument& doc, const SiteLibraries& lib,
                const std::filesystem::path& base_dir, SiteCase& c) {
  ConfigTable s = root.table("site");
  c.name = s.optional_text(kSiteBlock.param("name"))
               .value_or(std::filesystem::path(doc.origin()).stem().string());
  const bool has_city = s.has("city"), has_epw = s.has("epw");
  c.library_place = has_city;
  if (has_city == has_epw) {
    s.fail_here(
        "give exactly one of city (a city or GB 50736 station, see `heatlift climate "
        "list`) or epw (a weather file)");
  }
  try {
    if (has_city) {
      c.place_query = s.text(kSiteBlock.param("city"));
      c.place = lib.place(c.place_query);
    } else {
      std::filesystem::path path(s.text(kSiteBlock.param("epw")));
      if (path.is_relative()) path = base_dir / path;
      c.place_query = path.string();
      c.place = std::make_shared<const climate::Place>(
          climate::place_of(lib.data(), climate::read_epw(path).weather));
    }
  } catch (const Error& e) {
    s.fail(has_city ? "city" : "epw", e.what());
  }
  std::optional<double> t_design = s.optional_value(kSiteBlock.param("design_temperature"));
  if (!t_design) {
    try {
      t_design = c.place->heating_design_temperature();
    } catch (const Error&) {
      t_design = demand::design_temperature_from_series(c.place->weather);
    }
  }
  c.t_design = *t_design;
  s.finish();
}

// [demand.*]: what the site needs.
void read_demand(ConfigTable& root, const SiteLibraries& lib, SiteCase& c) {
  ConfigTable d = root.table("demand");
  if (auto b = d.optional_table("building")) {
    c.demand.building = demand::building_from_config(*b, lib.archetypes(), c.place->zone);
    if (!c.demand.building->t_design) c.demand.building->t_design = c.t_design;
  }
  if (auto h = d.optional_table("hot_water")) {
    c.demand.hot_water = demand::hot_water_from_config(*h, lib.hot_water());
  }
  if (auto p = d.optional_table("process")) c.demand.process = demand::process_from_config(*p);
  if (auto dr = d.optional_table("drying")) c.demand.drying = demand::drying_from_config(*dr);
  if (!c.demand.building && !c.demand.hot_water && !c.demand.process && !c.demand.drying) {
    d.fail_here(
        "no demand: give at least one of [demand.building], [demand.hot_water], "
        "[demand.process] or [demand.drying]");
  }
  d.finish();
}

// What the heat pump is sized against: design load, design supply temperature, mean air.
SizingBasis sizing_basis(const SiteCase& c, const std::vector<demand::LoadSeries>& loads) {
  const climate::WeatherSeries& w = c.place->weather;
  SizingBasis basis;
  basis.t_out_design = c.t_design;
  basis.design_load = 0.0;
  basis.t_supply_design = 0.0;
  double t_mean = 0.0;
  for (double t : w.t_dry) t_mean += t;
  basis.t_air_mean = t_mean / static_cast<double>(w.hours());
  bool cooled = false;
  for (const demand::LoadSeries& l : loads) {
    if (l.is_cooling()) {
      // Cooling loads size the unit on its cooling map, never summed into the heat load.
      double peak = 0.0, t_chill = 0.0;
      for (std::size_t h = 0; h < l.hours(); ++h) {
        if (l.heat[h] <= 0) continue;
        t_chill = peak > 0 ? std::min(t_chill, l.t_supply[h]) : l.t_supply[h];
        peak = std::max(peak, l.heat[h]);
      }
      basis.design_cooling_load += l.design_load > 0 ? l.design_load : peak;
      if (peak > 0)
        basis.t_chilled_design = cooled ? std::min(basis.t_chilled_design, t_chill) : t_chill;
      cooled = cooled || peak > 0;
      continue;
    }
    basis.design_load += l.design_load;
    for (double t : l.t_supply) basis.t_supply_design = std::max(basis.t_supply_design, t);
  }
  if (cooled) {
    // 0.4 % cooling design dry bulb: the 35th hottest hour of the year.
    std::vector<double> t(w.t_dry);
    const std::size_t k = std::min(t.size() - 1, static_cast<std::size_t>(0.004 * t.size()));
    std::nth_element(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(k), t.end(),
                     std::greater<>());
    basis.t_out_cooling_design = t[k];
  }
  return basis;
}

// The grid's carbon factor: the file's, or the national factor of the latest year held.
void read_carbon(ConfigTable& root, const SiteLibraries& lib, SiteCase& c) {
  if (auto t = root.optional_table("carbon")) {
    c.carbon = accounting::carbon_from_config(*t, lib.data());
  } else {
    // The national factor of the latest year the data holds.
    c.carbon.grid = accounting::GridFactor::from_spec(c.carbon.spec, lib.data());
    c.carbon.start_year = c.carbon.grid.years().front();
  }
}

// [refrigerant]: the product's refrigerant and charge unless the file says otherwise.
void read_refrigerant(ConfigTable& root, const SiteLibraries& lib, SiteCase& c) {
  const HeatPumpInfo& hp = c.system.info;
  std::optional<std::string> refrigerant;
  if (!hp.refrigerant.empty()) refrigerant = hp.refrigerant;
  std::optional<double> charge;
  if (hp.charge > 0) charge = hp.charge;
  if (auto t = root.optional_table("refrigerant")) {
    c.charge_scales = charge && !t->has("charge");
    c.refrigerant = accounting::refrigerant_from_config(*t, lib.data(), refrigerant, charge);
  } else if (refrigerant && charge) {
    c.charge_scales = true;
    // The product's refrigerant with the default loss rates and GWP basis (AR4, Kigali's);
    // fluids AR4 never assessed (the HFOs, R1233zd(E)) take AR6, then AR5.
    const accounting::Defaults d = accounting::Defaults::load(lib.data());
    c.refrigerant = {*refrigerant, *charge, 0.0, d.leak_rate, d.eol_loss};
    const fluids::GwpBasis bases[] = {d.gwp_basis, fluids::GwpBasis::ar6, fluids::GwpBasis::ar5};
    for (std::size_t i = 0; i < std::size(bases); ++i) {
      try {
        c.refrigerant.gwp = accounting::gwp(lib.data(), *refrigerant, bases[i]);
        break;
      } catch (const Error&) {
        if (i + 1 == std::size(bases)) throw;
      }
    }
  }
}

// Economics, tariff, fuel prices, the baselines compared with and GB/T 50801.
void read_prices_and_baselines(ConfigTable& root, const SiteLibraries& lib, SiteCase& c) {
  if (auto t = root.optional_table("economics")) {
    c.economics = accounting::economics_from_config(*t, lib.data());
  }
  if (auto t = root.optional_table("tariff")) {
    c.tariff = accounting::tariff_from_config(*t, lib.data());
  }
  if (auto t = root.optional_table("fuel_prices")) {
    c.fuel_prices = accounting::fuel_prices_from_config(*t, lib.fuels());
  }
  if (root.has("baselines")) {
    for (ConfigTable& t : root.tables("baselines")) {
      c.baselines.push_back({accounting::baseline_from_config(t, lib.fuels())});
    }
  } else {
    for (const std::string& id : default_baselines) {
      accounting::BaselineInput b;
      b.generator = lib.fuels().generator(id);
      c.baselines.push_back({b});
    }
  }
  if (auto t = root.optional_table("gbt50801")) {
    c.gbt50801 = accounting::gbt50801_from_config(*t, lib.gbt50801());
  }
}

}  // namespace

SiteCase read_site(const core::ConfigDocument& doc, const SiteLibraries& lib,
                   const std::filesystem::path& base_dir) {
  SiteCase c;
  c.file = doc.origin();
  ConfigTable root(doc);
  read_where(root, doc, lib, base_dir, c);
  read_demand(root, lib, c);
  c.system = read_system(root, lib.products(), base_dir, c.t_design);
  read_carbon(root, lib, c);
  read_refrigerant(root, lib, c);
  read_prices_and_baselines(root, lib, c);
  c.solar_thermal = read_solar_thermal(root, c.system.spec.source.kind);
  root.finish();
  return c;
}

std::vector<demand::LoadSeries> simulate_demand(const SiteCase& c, const SiteLibraries& lib) {
  const climate::WeatherSeries& w = c.place->weather;
  std::vector<demand::LoadSeries> loads;
  if (const auto& b = c.demand.building) {
    demand::BuildingResult r =
        c.library_place ? demand::simulate_building(*b, w, *lib.south_irradiance(c.place_query))
                        : demand::simulate_building(*b, w);
    loads.push_back(std::move(r.load));
    // The building's cooling is the heat pump's load only when the unit cools: a heating-only
    // unit is not charged with it.
    if (c.system.spec.heat_pump.cooling_map && !r.cooling.heat.empty()) {
      loads.push_back(std::move(r.cooling));
    }
  }
  if (const auto& h = c.demand.hot_water) loads.push_back(demand::simulate_hot_water(*h, w).load);
  if (const auto& p = c.demand.process)
    loads.push_back(demand::simulate_process(*p, w.hours()).load);
  if (const auto& d = c.demand.drying) loads.push_back(demand::simulate_drying(*d, w).load);
  return loads;
}

SitePlan plan(const SiteCase& c, const SiteLibraries& lib) {
  return plan(c, simulate_demand(c, lib));
}

SitePlan plan(const SiteCase& c, std::vector<demand::LoadSeries> loads) {
  SitePlan p;
  p.loads = std::move(loads);
  p.basis = sizing_basis(c, p.loads);
  p.system = size_system(c.system, p.basis, p.heat_pump);
  p.refrigerant = c.refrigerant;
  if (c.charge_scales) p.refrigerant.charge_kg *= p.system.heat_pump.scale;
  if (const auto& field = p.system.source.borefield) {
    const double t_ground = p.system.source.t_ground.value_or(p.basis.t_air_mean + 2.0);
    p.ground = plan_ground_loop(*field, t_ground, c.place->weather, p.loads, p.system);
  }
  if (const auto& body = p.system.source.water_body) {
    p.system.source.t_hourly = water_temperatures(*body, c.place->weather);
  }
  return p;
}

namespace {

// A cooled site's baselines cool with an electric chiller of seasonal EER `eer`: the same
// heat removed, its electricity at the year's grid factor and the site's mean price.
void add_baseline_cooling(const SiteOutcome& o, double eer, BaselineOutcome& r) {
  const double cooling = o.simulation.annual.cooling;
  if (!(cooling > 0)) return;
  r.cooling_electricity = cooling / eer;
  r.cooling_co2_kg = r.cooling_electricity * o.grid_factor;
  r.co2_kg += r.cooling_co2_kg;
  if (r.energy_cost && o.tariff && o.tariff->energy_J > 0) {
    *r.energy_cost += r.cooling_electricity * o.tariff->cost_cny / o.tariff->energy_J;
  }
}

// A unit that cools: the running cost's part due to the cooling hours, the year's cost
// (o.tariff) less the cost of the grid draw without the cooling electricity (unit, rejection
// side and chilled-water pump; a cooling hour's PV shared pro rata with its other uses), so
// time-of-use prices count the hours cooling ran in.
void add_cooling_cost(const accounting::Tariff& tariff, const std::vector<Hour>& hours,
                      SiteOutcome& o) {
  if (!o.plan.system.heat_pump.cooling_map) return;
  std::vector<double> without(hours.size());
  for (std::size_t h = 0; h < hours.size(); ++h) {
    const Hour& r = hours[h];
    const double e = r.electricity();
    const double cooling = r.cooling_mode ? r.hp_power + r.source_aux + r.sink_aux : 0.0;
    without[h] = (e > 0 ? r.grid * (e - cooling) / e : r.grid) * 3600.0;
  }
  o.cooling_cost_cny = o.tariff->cost_cny - accounting::evaluate(tariff, without).cost_cny;
}

// GB/T 50801-2013 for the heating season: the system COP, its grade, the conventional energy
// substituted (with both electricity-to-coal readings) and the payoff.
void gbt50801_heating(const accounting::Gbt50801Input& g, const SiteLibraries& lib, const Annual& a,
                      SiteOutcome& o) {
  Gbt50801Outcome r;
  // System COP by GB/T 50801: heat delivered over the units' and the water pumps'
  // electricity (the back-up heater counts with the units: it is part of the system).
  r.system_cop = accounting::gbt50801::system_cop(
      a.hp_heat + a.backup_heat, a.hp_power + a.backup_power, a.source_aux + a.sink_aux);
  const double cop = *r.system_cop;
  r.grade = accounting::gbt50801::grade(lib.gbt50801(), accounting::gbt50801::Mode::heating, cop);
  r.substitution = accounting::gbt50801::heating_substitution(
      lib.gbt50801(), a.hp_heat + a.backup_heat, cop, g.eta_t, g.electricity_to_coal);
  if (g.alternative_to_coal) {
    r.alternative = accounting::gbt50801::heating_substitution(
        lib.gbt50801(), a.hp_heat + a.backup_heat, cop, g.eta_t, *g.alternative_to_coal);
  }
  if (g.conventional_price && g.incremental_cost) {
    r.payoff = accounting::gbt50801::payoff(lib.gbt50801(), r.substitution, *g.conventional_price,
                                            g.extra_om, *g.incremental_cost);
  }
  o.gbt50801 = r;
}

// GB/T 50801-2013 for the cooling season: EER_sys = Q_C / (units + water pumps), its grade,
// and the conventional energy substituted against a chiller plant of EER_t (the site's
// reference chiller, else one the size of the peak cooling load); the year's substitution
// and payoff are then both seasons'.
void gbt50801_cooling(const accounting::Gbt50801Input& g, const SiteLibraries& lib, const Annual& a,
                      SiteOutcome& o) {
  namespace gb = accounting::gbt50801;
  const bool heated = o.gbt50801.has_value();
  Gbt50801Outcome& r = heated ? *o.gbt50801 : o.gbt50801.emplace();
  r.system_eer =
      gb::system_cop(a.cooling, a.cooling_power, a.cooling_source_aux + a.cooling_sink_aux);
  r.cooling_grade = gb::grade(lib.gbt50801(), gb::Mode::cooling, *r.system_eer);
  const double eer_t = g.reference_eer.value_or(lib.gbt50801().eer_reference(a.peak_cooling_load));
  r.cooling_substitution = gb::cooling_substitution(lib.gbt50801(), a.cooling, *r.system_eer, eer_t,
                                                    g.electricity_to_coal);
  r.substitution = heated ? r.substitution + *r.cooling_substitution : *r.cooling_substitution;
  if (g.conventional_price && g.incremental_cost) {
    r.payoff = gb::payoff(lib.gbt50801(), r.substitution, *g.conventional_price, g.extra_om,
                          *g.incremental_cost);
  }
}

}  // namespace

SiteOutcome evaluate(const SiteCase& c, const SiteLibraries& lib) {
  SiteOutcome o;
  o.plan = plan(c, lib);
  if (c.solar_thermal && c.solar_thermal->feeds == StoreFeeds::both) {
    // The store preheats the loads, then feeds the evaporator: the run on the stream alone
    // gives each hour's evaporator heat (scaled by what the preheat leaves) and temperature.
    const Simulation free_run = simulate(c.place->weather, o.plan.loads, o.plan.system);
    const double t_max = o.plan.system.heat_pump.map->axes().t_source.back();
    std::vector<double> t_source;
    o.solar_thermal = solar_to_loads_and_source(c.place->weather, o.plan.loads, free_run, t_max,
                                                *c.solar_thermal, t_source);
    o.plan.system.source.t_hourly = std::move(t_source);
  } else if (c.solar_thermal && c.solar_thermal->feeds == StoreFeeds::source) {
    // The store feeds the evaporator: a run on the stream alone gives each hour's
    // evaporator heat and temperature, the store raises the latter (within the map).
    const Simulation free_run = simulate(c.place->weather, o.plan.loads, o.plan.system);
    const double t_max = o.plan.system.heat_pump.map->axes().t_source.back();
    std::vector<double> t_source;
    o.solar_thermal =
        solar_to_source(c.place->weather, free_run, t_max, *c.solar_thermal, t_source);
    o.plan.system.source.t_hourly = std::move(t_source);
  } else if (c.solar_thermal) {
    o.solar_thermal = apply_solar_thermal(c.place->weather, o.plan.loads, *c.solar_thermal);
  }
  const accounting::GridFactor& grid = c.carbon.grid;
  o.year = c.carbon.start_year > 0 ? c.carbon.start_year
                                   : (grid.years().empty() ? 0 : grid.years().back());
  o.grid_factor = grid.at(o.year);
  if (c.system.backup.boiler()) {
    o.hybrid = evaluate_hybrid(c, lib, o.plan, o.grid_factor, o.simulation);
  } else {
    o.simulation = simulate(c.place->weather, o.plan.loads, o.plan.system);
  }
  const Annual& a = o.simulation.annual;
  const std::vector<Hour>& hours = o.simulation.hours;
  o.useful_heat = a.load - a.unmet;
  if (o.solar_thermal) o.useful_heat += o.solar_thermal->delivered_to_loads;
  // The energy the money is levelised over: heat, and the cooling of a unit that cools (the
  // running cost then holds both seasons' electricity, a baseline's its chiller's).
  const double useful = o.useful_heat + a.cooling;

  std::vector<double> grid_J(hours.size());
  for (std::size_t h = 0; h < hours.size(); ++h) grid_J[h] = hours[h].grid * 3600.0;

  o.co2_electricity_kg = accounting::co2_of_hourly_electricity(grid, o.year, grid_J);
  const accounting::RefrigerantUse& refrigerant = o.plan.refrigerant;
  o.co2_refrigerant_kg =
      refrigerant.charge_kg > 0 ? accounting::annual_leakage_co2e(refrigerant) : 0.0;
  o.co2_kg = o.co2_electricity_kg + o.co2_refrigerant_kg;
  if (o.hybrid) o.co2_kg += o.hybrid->fuel.co2_kg;
  const int lifetime = c.economics ? c.economics->lifetime_years : 15;
  o.tewi = accounting::tewi(refrigerant, a.grid, lifetime, grid, o.year);

  if (o.plan.system.pv.peak > 0) {
    o.pv = pv_export(a, o.plan.system.pv, c.system.pv_feed_in_price, o.grid_factor);
  }
  std::optional<accounting::CostStream> hp_stream;
  if (c.tariff) {
    o.tariff = accounting::evaluate(*c.tariff, grid_J);
    add_cooling_cost(*c.tariff, hours, o);
    if (c.economics) {
      o.investment = accounting::investment(*c.economics, o.plan.heat_pump.capacity);
      const double fuel_cost = o.hybrid ? o.hybrid->fuel.cost_cny.value_or(0.0) : 0.0;
      const double pv_revenue = o.pv ? o.pv->revenue.value_or(0.0) : 0.0;
      hp_stream =
          accounting::cost_stream(*o.investment, o.tariff->cost_cny + fuel_cost - pv_revenue);
      o.annual_cost = accounting::annual_cost(*hp_stream, c.economics->discount_rate, lifetime);
      if (useful > 0) {
        o.lcoh = accounting::lcoh(*hp_stream, c.economics->discount_rate, lifetime, useful);
      }
    }
  }

  for (const Baseline& b : c.baselines) {
    BaselineOutcome r;
    r.generator = b.input.generator;
    std::optional<double> price;
    if (auto it = c.fuel_prices.find(r.generator.fuel); it != c.fuel_prices.end()) {
      price = it->second;
    } else if (r.generator.fuel == "electricity" && o.tariff && o.tariff->energy_J > 0) {
      price = o.tariff->cost_cny / o.tariff->energy_J;  // the site's mean electricity price
    }
    r.fuel_basis = lib.fuels().fuel(r.generator.fuel).basis;
    r.use = accounting::fuel_use(o.useful_heat, r.generator, lib.fuels(), o.grid_factor, price);
    r.co2_kg = r.use.co2_kg;
    r.energy_cost = r.use.cost_cny;
    add_baseline_cooling(o, b.input.cooling_eer, r);
    r.co2_saving_kg = r.co2_kg - o.co2_kg;
    if (hp_stream && r.energy_cost && useful > 0) {
      const accounting::CostStream base{b.input.capital, b.input.annual_om, *r.energy_cost};
      r.money = accounting::compare(*hp_stream, base, c.economics->discount_rate, lifetime, useful);
    }
    o.baselines.push_back(std::move(r));
  }

  if (c.gbt50801 && a.hp_heat + a.backup_heat > 0) gbt50801_heating(*c.gbt50801, lib, a, o);
  if (c.gbt50801 && a.cooling > 0 && a.cooling_power > 0) gbt50801_cooling(*c.gbt50801, lib, a, o);
  return o;
}

}  // namespace heatlift::site
