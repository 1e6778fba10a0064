#include "heatlift/fleet/physics.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/demand/building.hpp"
#include "heatlift/demand/hot_water.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fleet/regions.hpp"
#include "heatlift/site/site_case.hpp"

namespace heatlift::fleet {

namespace {

using core::Dimension;
using core::ParamKind;

const core::BlockDecl kCellBlock{
    "cells",
    "segments.<segment>.cells",
    "One kind of installation a segment's units are, in some climate zones (an array of "
    "tables per segment; data/fleet/cells.toml). The weights of one segment in one zone sum "
    "to 100 %.",
    {
        {.key = "zones",
         .kind = ParamKind::text,
         .required = true,
         .doc = "array of GB 50176 zones: severe_cold, cold, hot_summer_cold_winter, "
                "hot_summer_warm_winter, mild"},
        {.key = "archetype",
         .kind = ParamKind::text,
         .required = true,
         .doc = "building archetype (data/demand/archetypes.toml) or, with `persons`, "
                "hot-water type (data/demand/hot_water.toml)"},
        {.key = "era", .kind = ParamKind::text, .doc = "code era of the building (space heating)"},
        {.key = "floor_area",
         .kind = ParamKind::quantity,
         .dimension = Dimension::area,
         .range = {1.0, 1e6, "1 to 1,000,000 m2"},
         .doc = "heated floor area one unit serves (space heating)"},
        {.key = "persons",
         .kind = ParamKind::number,
         .range = {0.1, 1e5, "0.1 to 100,000"},
         .doc = "persons, beds or students one unit serves (hot water)"},
        {.key = "tank_volume",
         .kind = ParamKind::quantity,
         .dimension = Dimension::volume,
         .range = {0.0, 1000.0, "0 to 1000 m3"},
         .fallback = "0 m3",
         .doc = "hot-water storage of one unit (hot water; 0: the heater follows the draw)"},
        {.key = "product",
         .kind = ParamKind::text,
         .required = true,
         .doc = "product id (`heatlift product list`)"},
        {.key = "cover",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.1, 2.0, "10 % to 200 %"},
         .fallback = "100 %",
         .doc = "share of the design load the product covers at the design temperature"},
        {.key = "weight",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.0, 1.0, "0 to 100 %"},
         .required = true,
         .doc = "share of the segment's units in these zones"},
        {.key = "source",
         .kind = ParamKind::text,
         .required = true,
         .doc = "where the choice comes from; \"I\" marks an assumption"},
    }};
const core::BlockRegistrar kRegisterCells(kCellBlock);

CellChoice read_choice(core::ConfigTable& t) {
  CellChoice c;
  c.where = t.locate("archetype");
  for (const std::string& z : t.strings("zones")) {
    try {
      c.zones.push_back(climate::parse_zone(z));
    } catch (const Error& e) {
      t.fail("zones", e.what());
    }
  }
  if (c.zones.empty()) t.fail("zones", "an empty list; expected at least one zone");
  c.spec.archetype = t.text(kCellBlock.param("archetype"));
  const bool area = t.has("floor_area"), persons = t.has("persons");
  if (area == persons) {
    t.fail_here("give exactly one of floor_area (space heating) or persons (hot water)");
  }
  if (area) {
    c.spec.end_use = EndUse::space_heating;
    c.spec.size = t.value(kCellBlock.param("floor_area"));
    if (!t.has("era")) t.fail_here("a space-heating cell needs the era of its building");
    if (t.has("tank_volume")) t.fail("tank_volume", "a space-heating cell has no hot-water tank");
    c.spec.era = t.text(kCellBlock.param("era"));
  } else {
    c.spec.end_use = EndUse::hot_water;
    c.spec.size = t.value(kCellBlock.param("persons"));
    c.spec.tank_volume = t.value(kCellBlock.param("tank_volume"));
    if (t.has("era")) t.fail("era", "a hot-water cell has no building era");
  }
  c.spec.product = t.text(kCellBlock.param("product"));
  c.spec.cover = t.value(kCellBlock.param("cover"));
  c.weight = t.value(kCellBlock.param("weight"));
  c.source = t.text(kCellBlock.param("source"));
  t.finish();
  return c;
}

// The weights of each zone of a segment sum to 100 %, and every zone has cells.
void check_weights(const std::string& segment, const std::vector<CellChoice>& choices,
                   const std::string& where) {
  for (climate::Zone z : climate::kAllZones) {
    double sum = 0.0;
    for (const CellChoice& c : choices) {
      if (std::find(c.zones.begin(), c.zones.end(), z) != c.zones.end()) sum += c.weight;
    }
    if (sum == 0.0) {
      throw InvalidInput(
          fmt::format("{}: segments.{}: no cell (of non-zero weight) in zone {}; "
                      "every zone holds provinces",
                      where, segment, climate::to_string(z)));
    }
    if (std::abs(sum - 1.0) > 1e-4) {
      throw InvalidInput(
          fmt::format("{}: segments.{}: the weights in zone {} sum to {:.6g} %, expected 100 %",
                      where, segment, climate::to_string(z), sum * 100.0));
    }
  }
}

}  // namespace

const std::vector<CellChoice>* CellCatalogue::find(std::string_view segment) const {
  for (const auto& [name, choices] : segments) {
    if (name == segment) return &choices;
  }
  return nullptr;
}

CellCatalogue parse_cell_catalogue(std::string_view text, const std::string& origin) {
  CellCatalogue cat;
  cat.origin = origin;
  const auto doc = core::ConfigDocument::from_text(text, origin);
  core::ConfigTable root(doc);
  root.integer("version", 1, 1);
  core::ConfigTable segs = root.table("segments");
  for (const std::string& name : segs.keys()) {
    core::ConfigTable seg = segs.table(name);
    std::vector<CellChoice> choices;
    for (core::ConfigTable& t : seg.tables("cells")) choices.push_back(read_choice(t));
    seg.finish();
    if (choices.empty()) seg.fail_here("no cells");
    check_weights(name, choices, choices.front().where);
    cat.segments.emplace_back(name, std::move(choices));
  }
  segs.finish();
  root.finish();
  cat.source = core::DataStore::source_line(text);
  return cat;
}

CellCatalogue load_cell_catalogue(const core::DataStore& data) {
  return parse_cell_catalogue(data.read("fleet/cells.toml"), "data/fleet/cells.toml");
}

namespace {

// The station query of a province: the id of its "id name" station.
std::string station_query(const accounting::Province& p) {
  return p.station.substr(0, p.station.find(' '));
}

// Every choice names things the libraries hold; refused at its position before any work.
void check_names(const CellCatalogue& cat, const site::SiteLibraries& lib) {
  for (const auto& [segment, choices] : cat.segments) {
    for (const CellChoice& c : choices) {
      try {
        lib.products().product(c.spec.product);
        if (c.spec.end_use == EndUse::space_heating) {
          demand::make_building_spec(lib.archetypes(), c.spec.archetype, c.spec.era,
                                     c.zones.front(), c.spec.size);
        } else {
          lib.hot_water().type(c.spec.archetype);
        }
      } catch (const Error& e) {
        throw InvalidInput(fmt::format("{}: segments.{}.cells: {}", c.where, segment, e.what()));
      }
    }
  }
}

void add_scaled(std::vector<double>& sum, const std::vector<float>& v, double w) {
  if (sum.size() < v.size()) sum.resize(v.size(), 0.0);
  for (std::size_t h = 0; h < v.size(); ++h) sum[h] += w * v[h];
}

// sum += w · x, every figure and hour.
void add_unit(UnitPhysics& sum, const UnitPhysics& x, double w) {
  sum.heat += w * x.heat;
  sum.hp_heat += w * x.hp_heat;
  sum.unit_electricity += w * x.unit_electricity;
  sum.aux_electricity += w * x.aux_electricity;
  sum.backup_electricity += w * x.backup_electricity;
  sum.capacity += w * x.capacity;
  sum.floor_area += w * x.floor_area;
  sum.design_load += w * x.design_load;
  for (std::size_t h = 0; h < x.unit_load.size(); ++h) {
    sum.unit_load[h] += w * x.unit_load[h];
    sum.other_load[h] += w * x.other_load[h];
  }
}

}  // namespace

FleetPhysics enumerate_cells(const Scenario& sc, const ProvinceTable& table,
                             const CellCatalogue& catalogue) {
  FleetPhysics fp;
  for (const Segment& s : sc.segments) fp.segments.push_back(s.name);
  for (const auto& p : table.provinces) fp.provinces.push_back(p.iso_code);
  std::map<std::string, std::size_t> index;
  for (std::size_t si = 0; si < sc.segments.size(); ++si) {
    const Segment& seg = sc.segments[si];
    const std::vector<CellChoice>* choices = catalogue.find(seg.name);
    if (choices == nullptr) {
      throw InvalidInput(
          fmt::format("{}: no cells for segment '{}' of scenario {} (every "
                      "segment needs its installations)",
                      catalogue.origin, seg.name, sc.name));
    }
    for (std::size_t pi = 0; pi < table.provinces.size(); ++pi) {
      const accounting::Province& p = table.provinces[pi];
      for (const CellChoice& c : *choices) {
        if (std::find(c.zones.begin(), c.zones.end(), p.zone) == c.zones.end()) continue;
        if (c.spec.end_use != seg.end_use) {
          throw InvalidInput(fmt::format("{}: segments.{}.cells: a {} cell for a {} segment",
                                         c.where, seg.name, to_string(c.spec.end_use),
                                         to_string(seg.end_use)));
        }
        for (std::size_t variant = 0; variant < 2; ++variant) {
          CellSpec spec = c.spec;
          spec.place = station_query(p);
          spec.keep_hourly = true;
          if (variant == 1) spec.cover = std::max(spec.cover, 1.0);
          const std::string key =
              fmt::format("{}|{}|{:.17g}", spec.demand_key(), spec.product, spec.cover);
          auto [it, added] = index.emplace(key, fp.cells.size());
          if (added) fp.cells.push_back(spec);
          fp.uses.push_back({si, pi, variant, it->second, c.weight, &c});
        }
      }
    }
  }
  return fp;
}

void weigh_cells(const Scenario& sc, const ProvinceTable& table, FleetPhysics& fp) {
  if (fp.results.size() != fp.cells.size()) {
    throw InternalError(
        fmt::format("fleet: {} cell results for {} cells", fp.results.size(), fp.cells.size()));
  }
  fp.units.assign(sc.segments.size(), std::vector<UnitVariants>(table.provinces.size()));
  fp.shares.clear();
  fp.hours = 0;
  for (const FleetPhysics::Use& u : fp.uses) {
    const CellResult& r = fp.results[u.cell];
    UnitPhysics& x = fp.units[u.segment][u.province][u.variant];
    const double w = u.weight;
    x.heat += w * r.heat;
    x.hp_heat += w * r.hp_heat;
    x.unit_electricity += w * r.unit_electricity;
    x.aux_electricity += w * r.aux_electricity;
    x.backup_electricity += w * r.backup_electricity;
    x.capacity += w * r.capacity;
    x.design_load += w * r.design_load;
    if (fp.cells[u.cell].end_use == EndUse::space_heating)
      x.floor_area += w * fp.cells[u.cell].size;
    add_scaled(x.unit_load, r.unit_load, w);
    add_scaled(x.other_load, r.other_load, w);
    fp.hours = std::max(fp.hours, r.unit_load.size());
  }

  // The nation: each province's unit weighted by its share of the segment's end use.
  const std::array<std::vector<double>, 2> by_use{allocation_shares(table, EndUse::space_heating),
                                                  allocation_shares(table, EndUse::hot_water)};
  fp.national.assign(sc.segments.size(), UnitVariants{});
  for (std::size_t si = 0; si < sc.segments.size(); ++si) {
    const std::vector<double>& share =
        by_use[sc.segments[si].end_use == EndUse::space_heating ? 0 : 1];
    fp.shares.push_back(share);
    for (std::size_t v = 0; v < 2; ++v) {
      UnitPhysics& n = fp.national[si][v];
      n.unit_load.assign(fp.hours, 0.0);
      n.other_load.assign(fp.hours, 0.0);
      for (std::size_t pi = 0; pi < table.provinces.size(); ++pi) {
        add_unit(n, fp.units[si][pi][v], share[pi]);
      }
    }
  }
}

FleetPhysics simulate_fleet(const Scenario& sc, const ProvinceTable& table,
                            const CellCatalogue& catalogue, const site::SiteLibraries& lib,
                            unsigned threads) {
  check_names(catalogue, lib);
  FleetPhysics fp = enumerate_cells(sc, table, catalogue);
  fp.results = simulate_cells(fp.cells, lib, threads);
  weigh_cells(sc, table, fp);
  return fp;
}

}  // namespace heatlift::fleet
