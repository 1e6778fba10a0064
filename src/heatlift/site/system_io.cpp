#include "heatlift/site/system_io.hpp"

#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/map_io.hpp"

namespace heatlift::site {

namespace {

using core::Dimension;
using core::Range;

using core::kZeroCelsius;
constexpr double water_rho_cp = 1000.0 * 4186.0;  // J/(m³·K), water near 40 °C

// Auxiliary powers per W of nominal capacity when the file gives none (heatlift's
// assumptions, docs/site.md): product maps already include the unit's own fan and pump.
constexpr double brine_pump_ratio = 0.02;
constexpr double well_pump_ratio = 0.03;
constexpr double circuit_pump_ratio = 0.005;

SourceSpec::Kind default_source(equipment::SourceKind k) {
  switch (k) {
    case equipment::SourceKind::air: return SourceSpec::Kind::air;
    case equipment::SourceKind::brine: return SourceSpec::Kind::ground;
    case equipment::SourceKind::water: return SourceSpec::Kind::water;
  }
  return SourceSpec::Kind::air;
}

}  // namespace

SystemSpec read_system(core::ConfigTable& root, const equipment::ProductLibrary& products,
                       const std::filesystem::path& base_dir, const SizingBasis& basis,
                       HeatPumpInfo& info) {
  SystemSpec s;
  core::ConfigTable hp = root.table("heat_pump");
  const bool has_product = hp.has("product"), has_map = hp.has("map");
  if (has_product == has_map) {
    hp.fail_here(
        "give exactly one of product (a shipped product id, see `heatlift product "
        "list`) or map (a performance-map CSV file)");
  }
  double rated = 0.0;
  if (has_product) {
    const std::string id = hp.string("product");
    const equipment::Product* p = nullptr;
    try {
      p = &products.product(id);
    } catch (const Error& e) {
      hp.fail("product", e.what());
    }
    s.heat_pump.map = products.map(id);
    info.product = id;
    info.name = p->name;
    info.type = p->type;
    info.refrigerant = p->refrigerant;
    info.charge = p->charge;
    info.rating_point = p->rating_point;
    rated = p->rated_capacity;
  } else {
    const std::string file = hp.string("map");
    std::filesystem::path path(file);
    if (path.is_relative()) path = base_dir / path;
    try {
      s.heat_pump.map =
          std::make_shared<const equipment::PerformanceMap>(equipment::load_map_csv(path));
    } catch (const Error& e) {
      hp.fail("map", e.what());
    }
    info.product = file;
    info.name = hp.string_or("name", path.stem().string());
    info.type = hp.string_or("type", "heat_pump");
    info.refrigerant = hp.string_or("refrigerant", "");
    info.charge = hp.quantity_or("charge", Dimension::mass, 0.0, {0.0, 1e6, "≥ 0 kg"});
  }
  const equipment::PerformanceMap& map = *s.heat_pump.map;
  s.heat_pump.name = info.name;

  // [source]: where the heat comes from.
  s.source.kind = default_source(map.source_kind());
  if (auto src = root.optional_table("source")) {
    const std::string kind = src->choice_or("kind", {"air", "ground", "water", "waste_heat"},
                                            std::string(to_string(s.source.kind)));
    s.source.kind = kind == "air"      ? SourceSpec::Kind::air
                    : kind == "ground" ? SourceSpec::Kind::ground
                    : kind == "water"  ? SourceSpec::Kind::water
                                       : SourceSpec::Kind::waste_heat;
    s.source.t_ground =
        src->optional_quantity("ground_temperature", Dimension::temperature,
                               {kZeroCelsius - 20, kZeroCelsius + 40, "between -20 and 40 °C"});
    s.source.ground_design_drop =
        src->quantity_or("ground_design_drop", Dimension::temperature_difference, 8.0,
                         {0.0, 30.0, "between 0 and 30 K"});
    s.source.t_water =
        src->quantity_or("water_temperature", Dimension::temperature, kZeroCelsius + 15,
                         {kZeroCelsius, kZeroCelsius + 60, "between 0 and 60 °C"});
    s.source.t_waste =
        src->quantity_or("waste_heat_temperature", Dimension::temperature, kZeroCelsius + 50,
                         {kZeroCelsius, kZeroCelsius + 200, "between 0 and 200 °C"});
    src->finish();
  }

  // Size: a number of units, a nominal capacity (products) or the share of the design load
  // covered at the design outdoor temperature (bivalent sizing).
  const int ways = int(hp.has("units")) + int(hp.has("capacity")) + int(hp.has("cover"));
  if (ways > 1) hp.fail_here("give at most one of units, capacity or cover");
  double scale = 1.0;
  if (hp.has("capacity")) {
    if (!has_product) {
      hp.fail("capacity",
              "a capacity needs a product (its rated capacity is the reference); "
              "with a map file give units or cover");
    }
    const double cap = hp.quantity("capacity", Dimension::power, {1.0, 1e9, "above 0 W"});
    scale = cap / rated;
  } else if (hp.has("units")) {
    scale = static_cast<double>(hp.integer("units", 1, 100000));
  } else if (hp.has("cover")) {
    const double cover = hp.number("cover", {0.05, 3.0,
                                             "a fraction of the design load in "
                                             "[0.05, 3]"});
    double t_src = basis.t_out_design;
    switch (s.source.kind) {
      case SourceSpec::Kind::air: break;
      case SourceSpec::Kind::ground:
        t_src = s.source.t_ground.value_or(basis.t_air_mean + 2.0) - s.source.ground_design_drop;
        break;
      case SourceSpec::Kind::water: t_src = s.source.t_water; break;
      case SourceSpec::Kind::waste_heat: t_src = s.source.t_waste; break;
    }
    const equipment::MapPoint p = map.at(t_src, basis.t_supply_design, 1.0);
    if (!(p.capacity > 0) || !(basis.design_load > 0)) {
      hp.fail("cover", fmt::format("cannot size: the map gives {:.0f} W at source {:.1f} °C and "
                                   "supply {:.1f} °C for a design load of {:.0f} W",
                                   p.capacity, t_src - kZeroCelsius,
                                   basis.t_supply_design - kZeroCelsius, basis.design_load));
    }
    scale = cover * basis.design_load / p.capacity;
  }
  s.heat_pump.scale = scale;
  if (rated <= 0) rated = map.at(map.axes().t_source.back(), map.axes().t_sink.front()).capacity;
  info.capacity = rated * scale;
  info.charge *= scale;

  const double lowest = map.axes().part_load.front();
  s.heat_pump.min_part_load = hp.number_or(
      "min_part_load", map.single_speed() ? 1.0 : lowest,
      {lowest, 1.0, fmt::format("a speed fraction in [{}, 1] (the map's range)", lowest)});
  s.heat_pump.cd = hp.number_or("cd", 0.9, {0.0, 1.0, "a coefficient in [0, 1]"});
  s.heat_pump.defrost = hp.boolean_or("defrost", true);
  const double ratio = s.source.kind == SourceSpec::Kind::ground  ? brine_pump_ratio
                       : s.source.kind == SourceSpec::Kind::water ? well_pump_ratio
                                                                  : 0.0;
  s.heat_pump.source_aux =
      hp.quantity_or("source_aux", Dimension::power, ratio * info.capacity, {0.0, 1e9, "≥ 0 W"});
  s.heat_pump.sink_aux = hp.quantity_or("sink_aux", Dimension::power,
                                        circuit_pump_ratio * info.capacity, {0.0, 1e9, "≥ 0 W"});
  s.heat_pump.standby = hp.quantity_or("standby", Dimension::power, 0.0, {0.0, 1e9, "≥ 0 W"});
  hp.finish();

  s.compensation.t_out_design = basis.t_out_design;
  if (auto c = root.optional_table("compensation")) {
    s.compensation.enabled = c->boolean_or("enabled", true);
    s.compensation.t_supply_min =
        c->quantity_or("supply_min", Dimension::temperature, kZeroCelsius + 25,
                       {kZeroCelsius + 10, kZeroCelsius + 80, "between 10 and 80 °C"});
    s.compensation.t_room =
        c->quantity_or("outdoor_at_min", Dimension::temperature, kZeroCelsius + 20,
                       {kZeroCelsius - 10, kZeroCelsius + 30, "between -10 and 30 °C"});
    c->finish();
  }
  if (auto b = root.optional_table("backup")) {
    if (b->has("capacity")) {
      s.backup.capacity = b->quantity("capacity", Dimension::power, {0.0, 1e10, "≥ 0 W"});
    }
    s.backup.efficiency = b->number_or("efficiency", 1.0, {0.05, 1.0, "an efficiency in (0, 1]"});
    b->finish();
  }
  if (auto st = root.optional_table("storage")) {
    const double v = st->quantity("volume", Dimension::volume, {0.0, 1e5, "≥ 0 m³"});
    const double dt = st->quantity_or("usable_difference", Dimension::temperature_difference, 10.0,
                                      {0.5, 80.0, "between 0.5 and 80 K"});
    s.storage.capacity = v * water_rho_cp * dt;
    // Standing loss of a tank of this size when full: 1.5 W/K per m³^(2/3) at 30 K over the
    // room (heatlift's assumption, of the order of EN 12977-3 tank loss rates).
    const double def_loss = 1.5 * std::pow(v, 2.0 / 3.0) * 30.0;
    s.storage.loss = st->quantity_or("loss", Dimension::power, def_loss, {0.0, 1e8, "≥ 0 W"});
    st->finish();
  }
  if (auto pv = root.optional_table("pv")) {
    s.pv.peak = pv->quantity("peak", Dimension::power, {0.0, 1e10, "≥ 0 W"});
    s.pv.performance_ratio =
        pv->number_or("performance_ratio", 0.8, {0.3, 1.0, "a ratio in [0.3, 1]"});
    s.pv.plane_factor = pv->number_or("plane_factor", 1.1, {0.5, 1.5, "a factor in [0.5, 1.5]"});
    pv->finish();
  }
  validate(s);
  return s;
}

}  // namespace heatlift::site
