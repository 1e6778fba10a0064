#include "heatlift/fleet/cells.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/demand/building.hpp"
#include "heatlift/demand/hot_water.hpp"
#include "heatlift/site/site_case.hpp"
#include "heatlift/site/system_io.hpp"

namespace heatlift::fleet {

std::string CellSpec::demand_key() const {
  return fmt::format("{}|{}|{}|{}|{:.9g}|{:.9g}", place, to_string(end_use), archetype, era, size,
                     tank_volume);
}

namespace {

std::string describe(const CellSpec& c) {
  return fmt::format("cell {} {} {}{}{} {:.6g} {} with {} at cover {:.3g}", c.place,
                     to_string(c.end_use), c.archetype, c.era.empty() ? "" : " ", c.era, c.size,
                     c.end_use == EndUse::space_heating ? "m2" : "persons", c.product, c.cover);
}

// The system of a product sized by `cover`, read through the site file's own [heat_pump]
// reader so that every default (cycling, defrost, auxiliaries, standby) is the one
// `heatlift site run` uses for the same two lines.
site::SystemDesign product_design(const CellSpec& cell, const site::SiteLibraries& lib,
                                  double t_design) {
  const auto doc = core::ConfigDocument::from_text(
      fmt::format("[heat_pump]\nproduct = \"{}\"\ncover = {:.17g}\n", cell.product, cell.cover),
      "cell");
  core::ConfigTable root(doc);
  site::SystemDesign d = site::read_system(root, lib.products(), {}, t_design);
  root.finish();
  return d;
}

// The site of a cell without its system: place and demand, as read_site would read them.
site::SiteCase cell_case(const CellSpec& cell, const site::SiteLibraries& lib) {
  site::SiteCase c;
  c.name = describe(cell);
  c.place_query = cell.place;
  c.place = lib.place(cell.place);
  c.library_place = true;
  c.t_design = c.place->heating_design_temperature();
  if (cell.end_use == EndUse::space_heating) {
    demand::BuildingSpec b = demand::make_building_spec(lib.archetypes(), cell.archetype, cell.era,
                                                        c.place->zone, cell.size);
    b.t_design = c.t_design;
    b.cooled = false;  // a space-heating cell: its cooling is not the fleet's to count
    c.demand.building = std::move(b);
  } else {
    c.demand.hot_water = demand::make_hot_water_spec(lib.hot_water(), cell.archetype, cell.size);
    c.demand.hot_water->tank_volume = cell.tank_volume;
  }
  return c;
}

// The product of `cell` on the demand of `c` (whose t_design is the place's). An air-source
// unit that gives no heat at the design temperature and supply (a standard unit at a
// severe-cold station, or a low-ambient one asked for 55 °C at −29 °C) is sized at the
// coldest source temperature of its map at which it does: below that it cuts out and the
// back-up heater takes the rest. The building's design load and the compensation curve
// stay those of the design temperature.
void fit_product(site::SiteCase& c, const CellSpec& cell, const site::SiteLibraries& lib,
                 const std::vector<demand::LoadSeries>& loads) {
  c.system = product_design(cell, lib, c.t_design);
  if (c.system.spec.source.kind != site::SourceSpec::Kind::air) return;
  double t_supply = 0.0;
  for (const demand::LoadSeries& l : loads) {
    for (double t : l.t_supply) t_supply = std::max(t_supply, t);
  }
  const equipment::PerformanceMap& map = *c.system.spec.heat_pump.map;
  if (map.at(c.t_design, t_supply, 1.0).capacity > 0.0) return;
  for (double t : map.axes().t_source) {
    if (t > c.t_design && map.at(t, t_supply, 1.0).capacity > 0.0) {
      c.t_design = t;
      return;
    }
  }
}

CellResult result_of(const site::SitePlan& plan, const site::Simulation& sim, bool keep_hourly) {
  const site::Annual& a = sim.annual;
  CellResult r;
  r.heat = a.hp_heat + a.backup_heat;
  r.hp_heat = a.hp_heat;
  r.unit_electricity = a.hp_power;
  r.aux_electricity = a.source_aux + a.sink_aux;
  r.backup_electricity = a.backup_power;
  r.unmet = a.unmet;
  r.capacity = plan.heat_pump.capacity;
  r.design_load = plan.basis.design_load;
  r.spf_h4 = a.spf_h4;
  if (keep_hourly) {
    r.unit_load.resize(sim.hours.size());
    r.other_load.resize(sim.hours.size());
  }
  for (std::size_t h = 0; h < sim.hours.size(); ++h) {
    const site::Hour& x = sim.hours[h];
    const double e = x.electricity();
    if (e > r.peak_electric) {
      r.peak_electric = e;
      r.peak_hour = static_cast<int>(h);
    }
    if (keep_hourly) {
      r.unit_load[h] = static_cast<float>(x.hp_power);
      r.other_load[h] = static_cast<float>(e - x.hp_power);
    }
  }
  return r;
}

// Every cell of one demand: the demand simulated once, then each product and cover.
void simulate_group(const std::vector<CellSpec>& cells, const std::vector<std::size_t>& members,
                    const site::SiteLibraries& lib, site::Simulation& sim,
                    std::vector<CellResult>& out) {
  const CellSpec& first = cells[members.front()];
  try {
    const site::SiteCase base = cell_case(first, lib);
    if (base.demand.building && base.t_design >= base.demand.building->set_point) {
      // A place whose design temperature is not below the set-point (the tropical south):
      // the building needs no heating, and every unit there delivers nothing.
      for (std::size_t i : members) {
        out[i] = CellResult{};
        if (cells[i].keep_hourly) {
          out[i].unit_load.assign(base.place->weather.hours(), 0.0f);
          out[i].other_load.assign(base.place->weather.hours(), 0.0f);
        }
      }
      return;
    }
    const std::vector<demand::LoadSeries> loads = site::simulate_demand(base, lib);
    for (std::size_t i : members) {
      const CellSpec& cell = cells[i];
      site::SiteCase c = base;
      fit_product(c, cell, lib, loads);
      site::SitePlan plan = site::plan(c, loads);
      plan.system.compensation.t_out_design = base.t_design;
      site::simulate(c.place->weather, plan.loads, plan.system, sim);
      out[i] = result_of(plan, sim, cell.keep_hourly);
    }
  } catch (const InvalidInput& e) {
    throw InvalidInput(fmt::format("{}: {}", describe(first), e.what()));
  } catch (const DataMissing& e) {
    throw DataMissing(fmt::format("{}: {}", describe(first), e.what()));
  }
}

}  // namespace

CellResult simulate_cell(const CellSpec& cell, const site::SiteLibraries& lib) {
  std::vector<CellResult> out(1);
  site::Simulation sim;
  simulate_group({cell}, {0}, lib, sim, out);
  return std::move(out.front());
}

std::vector<CellResult> simulate_cells(const std::vector<CellSpec>& cells,
                                       const site::SiteLibraries& lib, unsigned threads) {
  std::map<std::string, std::vector<std::size_t>> by_demand;
  for (std::size_t i = 0; i < cells.size(); ++i) by_demand[cells[i].demand_key()].push_back(i);
  std::vector<const std::vector<std::size_t>*> groups;
  for (const auto& [key, members] : by_demand) groups.push_back(&members);

  std::vector<CellResult> out(cells.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  const auto work = [&] {
    site::Simulation sim;
    for (std::size_t g = next++; g < groups.size() && !failed; g = next++) {
      try {
        simulate_group(cells, *groups[g], lib, sim, out);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  const unsigned n = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::min<std::size_t>(n, groups.size()); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return out;
}

}  // namespace heatlift::fleet
