#include "heatlift/site/system_io.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/map_io.hpp"
#include "heatlift/site/ground_source.hpp"
#include "heatlift/site/water_source.hpp"

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

// ---- declarations of the system's blocks (core/params.hpp) -----------------------------

using core::ParamKind;

const core::BlockDecl kSourceBlock{
    "site",
    "source",
    "Where the heat comes from; the product's own source kind when the block is absent.",
    {
        {.key = "kind",
         .kind = ParamKind::choice,
         .choices = {"air", "ground", "water", "waste_heat"},
         .doc = "heat source (default: the product's source kind)"},
        {.key = "ground_temperature",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius - 20, kZeroCelsius + 40, "between -20 and 40 °C"},
         .doc = "undisturbed ground temperature (default: the annual mean air temperature + 2 K)",
         .source = "assumption"},
        {.key = "ground_design_drop",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature_difference,
         .range = {0.0, 30.0, "between 0 and 30 K"},
         .fallback = "8 K",
         .doc = "brine below the undisturbed ground at design load",
         .source = "assumption"},
        {.key = "water_temperature",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius, kZeroCelsius + 60, "between 0 and 60 °C"},
         .fallback = "15 C",
         .doc = "ground or surface water at the source",
         .source = "assumption"},
        {.key = "waste_heat_temperature",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius, kZeroCelsius + 200, "between 0 and 200 °C"},
         .fallback = "50 C",
         .doc = "waste-heat stream at the source (a process load's own stream takes precedence)",
         .source = "assumption"},
    }};

const core::BlockDecl kHeatPumpBlock{
    "site",
    "heat_pump",
    "The heat pump: a shipped product or a map file, its size and its operation.",
    {
        {.key = "product",
         .kind = ParamKind::text,
         .doc = "a shipped product id (`heatlift product list`); or give `map`"},
        {.key = "map",
         .kind = ParamKind::text,
         .doc = "a performance-map CSV file, relative to the site file; or give `product`"},
        {.key = "name", .kind = ParamKind::text, .doc = "with `map`: the unit's name"},
        {.key = "type", .kind = ParamKind::text, .doc = "with `map`: the unit's type"},
        {.key = "refrigerant", .kind = ParamKind::text, .doc = "with `map`: its refrigerant"},
        {.key = "charge",
         .kind = ParamKind::quantity,
         .dimension = Dimension::mass,
         .range = {0.0, 1e6, "≥ 0 kg"},
         .fallback = "0 kg",
         .doc = "with `map`: refrigerant charge of one unit"},
        {.key = "capacity",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {1.0, 1e9, "above 0 W"},
         .doc = "nominal capacity (products only; scales the rated capacity); or `units` or "
                "`cover`"},
        {.key = "units",
         .kind = ParamKind::integer,
         .range = {1, 100000},
         .doc = "number of units in parallel"},
        {.key = "cover",
         .kind = ParamKind::number,
         .range = {0.05, 3.0, "a fraction of the design load in [0.05, 3]"},
         .doc = "share of the design load covered at the design outdoor temperature (bivalent "
                "sizing)"},
        {.key = "min_part_load",
         .kind = ParamKind::number,
         .range = {0.0, 1.0, "a speed fraction in [0, 1]"},
         .doc = "lowest speed (default: the map's lowest; 1 for a single-speed map)"},
        {.key = "cd",
         .kind = ParamKind::number,
         .range = {0.0, 1.0, "a coefficient in [0, 1]"},
         .fallback = "0.9",
         .doc = "cycling degradation coefficient below the lowest speed",
         .source = "EN 14825:2018 default Cdh"},
        {.key = "defrost",
         .kind = ParamKind::flag,
         .fallback = "true",
         .doc = "reverse-cycle defrost losses of an air source (EPRI frosting map)"},
        {.key = "source_aux",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, 1e9, "≥ 0 W"},
         .doc = "source pump or fan outside the map (default: 2 % of capacity for ground, 3 % "
                "for water, 0 for air)",
         .source = "assumption"},
        {.key = "sink_aux",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, 1e9, "≥ 0 W"},
         .doc = "heating-circuit pump (default: 0.5 % of capacity)",
         .source = "assumption"},
        {.key = "standby",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, 1e9, "≥ 0 W"},
         .fallback = "0 W",
         .doc = "electric power while off"},
        {.key = "cooling",
         .kind = ParamKind::flag,
         .fallback = "false",
         .doc = "the unit also cools the building (a product's cooling map; with `map`, give "
                "`cooling_map`); heating and cooling are exclusive in an hour"},
        {.key = "cooling_map",
         .kind = ParamKind::text,
         .doc = "with `map` and cooling: the cooling performance-map CSV (t_source = "
                "heat-rejection inlet, t_sink = chilled water leaving, capacity = cooling)"},
        {.key = "heat_recovery",
         .kind = ParamKind::flag,
         .fallback = "false",
         .doc = "cooling: heat loads of a cooling hour (hot water, process) are met from the "
                "condenser's heat"},
    }};

const core::BlockDecl kCompensationBlock{
    "site",
    "compensation",
    "Weather compensation of the space-heating supply temperature.",
    {
        {.key = "enabled",
         .kind = ParamKind::flag,
         .fallback = "true",
         .doc = "lower the supply temperature with the outdoor temperature"},
        {.key = "supply_min",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius + 10, kZeroCelsius + 80, "between 10 and 80 °C"},
         .fallback = "25 C",
         .doc = "supply temperature at the mild end of the curve",
         .source = "assumption"},
        {.key = "outdoor_at_min",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius - 10, kZeroCelsius + 30, "between -10 and 30 °C"},
         .fallback = "20 C",
         .doc = "outdoor temperature at which the curve reaches `supply_min`",
         .source = "assumption"},
    }};

const core::BlockDecl kBackupBlock{
    "site",
    "backup",
    "Back-up heater for what the heat pump cannot cover.",
    {
        {.key = "capacity",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, 1e10, "≥ 0 W"},
         .doc = "back-up capacity (default: unlimited)"},
        {.key = "efficiency",
         .kind = ParamKind::number,
         .range = {0.05, 1.0, "an efficiency in (0, 1]"},
         .fallback = "1.0",
         .doc = "heat per electricity of the back-up heater; "
                "for a boiler, heat per fuel energy (NCV) "
                "(default: the generator's)"},
        {.key = "kind",
         .kind = ParamKind::choice,
         .fallback = "electric",
         .choices = {"electric", "gas_boiler", "gas_boiler_condensing", "coal_boiler",
                     "coal_boiler_large", "district_heat"},
         .doc = "an electric heater, or an existing boiler or "
                "district-heat connection kept beside the heat "
                "pump (a hybrid: site/hybrid.hpp)",
         .source = "GB 24500-2020 (boiler efficiencies)"},
        {.key = "switch_over",
         .kind = ParamKind::choice,
         .fallback = "none",
         .choices = {"none", "temperature", "cost", "carbon"},
         .doc = "boiler: none (parallel: it tops up), "
                "temperature (alternative: alone below the "
                "bivalent point), cost or carbon (the cheaper "
                "or lower-CO2 heat of each hour)"},
        {.key = "bivalent_point",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius - 40, kZeroCelsius + 20, "between -40 and 20 °C"},
         .doc = "switch_over = temperature: outdoor temperature "
                "below which the boiler alone heats (default: "
                "optimised)"},
        {.key = "optimise",
         .kind = ParamKind::choice,
         .fallback = "cost",
         .choices = {"cost", "carbon"},
         .doc = "what an optimised bivalent point minimises over "
                "the year (electricity and fuel)"},
    }};

const core::BlockDecl kStorageBlock{
    "site",
    "storage",
    "A water buffer tank between the heat pump and the loads.",
    {
        {.key = "volume",
         .kind = ParamKind::quantity,
         .dimension = Dimension::volume,
         .range = {0.0, 1e5, "≥ 0 m³"},
         .required = true,
         .doc = "water volume"},
        {.key = "usable_difference",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature_difference,
         .range = {0.5, 80.0, "between 0.5 and 80 K"},
         .fallback = "10 K",
         .doc = "temperature swing the store is charged over",
         .source = "assumption"},
        {.key = "loss",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, 1e8, "≥ 0 W"},
         .doc = "standing loss when full (default: 1.5 W/K per m³^(2/3) at 30 K, of the order of "
                "EN 12977-3 tank loss rates)",
         .source = "assumption"},
    }};

const core::BlockDecl kPvBlock{"site",
                               "pv",
                               "Photovoltaics on site, used first by the heat pump.",
                               {
                                   {.key = "peak",
                                    .kind = ParamKind::quantity,
                                    .dimension = Dimension::power,
                                    .range = {0.0, 1e10, "≥ 0 W"},
                                    .required = true,
                                    .doc = "peak power (STC)"},
                                   {.key = "performance_ratio",
                                    .kind = ParamKind::number,
                                    .range = {0.3, 1.0, "a ratio in [0.3, 1]"},
                                    .fallback = "0.8",
                                    .doc = "AC yield over the irradiation on the plane",
                                    .source = "IEC 61724-1 definition; value an assumption"},
                                   {.key = "plane_factor",
                                    .kind = ParamKind::number,
                                    .range = {0.5, 1.5, "a factor in [0.5, 1.5]"},
                                    .fallback = "1.1",
                                    .doc = "irradiation on the modules' plane over the horizontal",
                                    .source = "assumption"},
                                   {.key = "feed_in_price",
                                    .kind = ParamKind::quantity,
                                    .dimension = Dimension::price_per_energy,
                                    .range = {0.0, 10.0 / 3.6e6, "0 to 10 CNY/kWh"},
                                    .doc = "price paid for PV exported to the grid (default: "
                                           "the export is counted but earns nothing)"},
                               }};

const core::BlockRegistrar kRegister[] = {
    core::BlockRegistrar(kSourceBlock),       core::BlockRegistrar(kHeatPumpBlock),
    core::BlockRegistrar(kCompensationBlock), core::BlockRegistrar(kBackupBlock),
    core::BlockRegistrar(kStorageBlock),      core::BlockRegistrar(kPvBlock)};

SourceSpec::Kind default_source(equipment::SourceKind k) {
  switch (k) {
    case equipment::SourceKind::air: return SourceSpec::Kind::air;
    case equipment::SourceKind::brine: return SourceSpec::Kind::ground;
    case equipment::SourceKind::water: return SourceSpec::Kind::water;
  }
  return SourceSpec::Kind::air;
}

}  // namespace

namespace {

// The unit: a shipped product, or a map file with its name, type, refrigerant and charge.
// Returns the product's rated capacity (0 for a map file).
double read_unit(core::ConfigTable& hp, bool has_product, const equipment::ProductLibrary& products,
                 const std::filesystem::path& base_dir, SystemSpec& s, HeatPumpInfo& info) {
  double rated = 0.0;
  if (has_product) {
    const std::string id = hp.text(kHeatPumpBlock.param("product"));
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
    const std::string file = hp.text(kHeatPumpBlock.param("map"));
    std::filesystem::path path(file);
    if (path.is_relative()) path = base_dir / path;
    try {
      s.heat_pump.map =
          std::make_shared<const equipment::PerformanceMap>(equipment::load_map_csv(path));
    } catch (const Error& e) {
      hp.fail("map", e.what());
    }
    info.product = file;
    info.name = hp.optional_text(kHeatPumpBlock.param("name")).value_or(path.stem().string());
    info.type = hp.optional_text(kHeatPumpBlock.param("type")).value_or("heat_pump");
    info.refrigerant = hp.optional_text(kHeatPumpBlock.param("refrigerant")).value_or("");
    info.charge = hp.value(kHeatPumpBlock.param("charge"));
  }
  return rated;
}

// [source]: where the heat comes from.
void read_source(core::ConfigTable& root, const equipment::PerformanceMap& map, SystemSpec& s) {
  s.source.kind = default_source(map.source_kind());
  if (auto src = root.optional_table("source")) {
    const std::string kind = src->optional_text(kSourceBlock.param("kind"))
                                 .value_or(std::string(to_string(s.source.kind)));
    s.source.kind = kind == "air"      ? SourceSpec::Kind::air
                    : kind == "ground" ? SourceSpec::Kind::ground
                    : kind == "water"  ? SourceSpec::Kind::water
                                       : SourceSpec::Kind::waste_heat;
    s.source.t_ground = src->optional_value(kSourceBlock.param("ground_temperature"));
    s.source.ground_design_drop = src->value(kSourceBlock.param("ground_design_drop"));
    s.source.t_water = src->value(kSourceBlock.param("water_temperature"));
    s.source.t_waste = src->value(kSourceBlock.param("waste_heat_temperature"));
    s.source.borefield = read_borefield(*src, s.source.kind);
    s.source.water_body = read_water_body(*src, s.source.kind);
    src->finish();
  }
}

// Cooling: the product's cooling map, or a cooling map file beside a heating map file.
void read_cooling(core::ConfigTable& hp, const equipment::ProductLibrary& products,
                  const std::filesystem::path& base_dir, bool has_product, SystemDesign& d) {
  HeatPumpSpec& u = d.spec.heat_pump;
  const bool cooling = hp.flag(kHeatPumpBlock.param("cooling"));
  u.heat_recovery = hp.flag(kHeatPumpBlock.param("heat_recovery"));
  if (!cooling) {
    if (hp.has("cooling_map")) hp.fail("cooling_map", "a cooling map needs cooling = true");
    if (u.heat_recovery) hp.fail("heat_recovery", "heat recovery needs cooling = true");
    return;
  }
  if (has_product) {
    if (hp.has("cooling_map")) {
      hp.fail("cooling_map", "a product brings its own cooling map; give it only with `map`");
    }
    const std::string id = hp.text(kHeatPumpBlock.param("product"));
    u.cooling_map = products.cooling_map(id);
    if (!u.cooling_map) {
      hp.fail("cooling", fmt::format("the product '{}' has no cooling mode (no cooling map); "
                                     "expected a reversible product or cooling = false",
                                     id));
    }
    // Recovery reads the map with its rejection stream leaving at the heat loads' supply.
    const equipment::CoolingDesign& cd = *products.product(id).cooling;
    u.reject_rise = cd.reject.T_out - cd.reject.T_in;
    return;
  }
  if (!hp.has("cooling_map")) {
    hp.fail("cooling", "with `map`, give cooling_map (the cooling performance-map CSV)");
  }
  std::filesystem::path path(hp.text(kHeatPumpBlock.param("cooling_map")));
  if (path.is_relative()) path = base_dir / path;
  try {
    u.cooling_map =
        std::make_shared<const equipment::PerformanceMap>(equipment::load_map_csv(path));
  } catch (const Error& e) {
    hp.fail("cooling_map", e.what());
  }
}

// The factor on the map that covers `share` of the design cooling load at the cooling
// design point (0 when the site is not cooled).
double cooling_scale(const SystemDesign& d, const SizingBasis& basis, double share) {
  const SourceSpec& src = d.spec.source;
  if (!d.spec.heat_pump.cooling_map || !(basis.design_cooling_load > 0)) return 0.0;
  double t_src = basis.t_out_cooling_design;
  switch (src.kind) {
    case SourceSpec::Kind::air: break;
    case SourceSpec::Kind::ground:
      t_src = src.t_ground.value_or(basis.t_air_mean + 2.0) + src.ground_design_drop;
      break;
    case SourceSpec::Kind::water: t_src = src.t_water; break;
    case SourceSpec::Kind::waste_heat: t_src = src.t_waste; break;
  }
  const equipment::MapPoint p = d.spec.heat_pump.cooling_map->at(t_src, basis.t_chilled_design);
  if (!(p.capacity > 0)) {
    throw InvalidInput(fmt::format(
        "{}: cannot size: the cooling map gives {:.0f} W at source {:.1f} °C and chilled water "
        "{:.1f} °C",
        d.sizing.where, p.capacity, t_src - kZeroCelsius, basis.t_chilled_design - kZeroCelsius));
  }
  return share * basis.design_cooling_load / p.capacity;
}

// Size: a number of units, a nominal capacity (products) or the share of the design load
// covered at the design outdoor temperature (bivalent sizing). Only read here: the factor
// on the map is found by size_system once the design load is known.
Sizing read_sizing(core::ConfigTable& hp, bool has_product) {
  const int ways = int(hp.has("units")) + int(hp.has("capacity")) + int(hp.has("cover"));
  if (ways > 1) hp.fail_here("give at most one of units, capacity or cover");
  Sizing z;
  if (hp.has("capacity")) {
    if (!has_product) {
      hp.fail("capacity",
              "a capacity needs a product (its rated capacity is the reference); "
              "with a map file give units or cover");
    }
    z = {Sizing::Kind::capacity, hp.value(kHeatPumpBlock.param("capacity")), ""};
  } else if (hp.has("units")) {
    z = {Sizing::Kind::units, hp.value(kHeatPumpBlock.param("units")), ""};
  } else if (hp.has("cover")) {
    z = {Sizing::Kind::cover, hp.value(kHeatPumpBlock.param("cover")), ""};
  }
  if (z.kind != Sizing::Kind::map) {
    z.where = hp.locate(z.kind == Sizing::Kind::capacity ? "capacity"
                        : z.kind == Sizing::Kind::units  ? "units"
                                                         : "cover");
  }
  return z;
}

// The factor on the map that `sizing` asks for.
double size_scale(const SystemDesign& d, const SizingBasis& basis) {
  const Sizing& z = d.sizing;
  switch (z.kind) {
    case Sizing::Kind::map: return 1.0;
    case Sizing::Kind::units: return z.value;
    case Sizing::Kind::capacity: return z.value / d.rated;
    case Sizing::Kind::cover: break;
  }
  // A cooled site: the larger of the factors that cover the heating and the cooling design.
  const double cool = cooling_scale(d, basis, z.value);
  if (cool > 0 && !(basis.design_load > 0)) return cool;
  const SourceSpec& src = d.spec.source;
  double t_src = basis.t_out_design;
  switch (src.kind) {
    case SourceSpec::Kind::air: break;
    case SourceSpec::Kind::ground:
      t_src = src.t_ground.value_or(basis.t_air_mean + 2.0) - src.ground_design_drop;
      break;
    case SourceSpec::Kind::water: t_src = src.t_water; break;
    case SourceSpec::Kind::waste_heat: t_src = src.t_waste; break;
  }
  const equipment::MapPoint p = d.spec.heat_pump.map->at(t_src, basis.t_supply_design, 1.0);
  if (!(p.capacity > 0) || !(basis.design_load > 0)) {
    throw InvalidInput(fmt::format(
        "{}: cannot size: the map gives {:.0f} W at source {:.1f} °C and supply {:.1f} °C for a "
        "design load of {:.0f} W",
        z.where, p.capacity, t_src - kZeroCelsius, basis.t_supply_design - kZeroCelsius,
        basis.design_load));
  }
  return std::max(cool, z.value * basis.design_load / p.capacity);
}

// How the unit runs: lowest speed, cycling, defrost, auxiliaries and standby.
void read_operation(core::ConfigTable& hp, const equipment::PerformanceMap& map, SystemDesign& d) {
  SystemSpec& s = d.spec;
  const double lowest = map.axes().part_load.front();
  s.heat_pump.min_part_load = hp.number_or(
      "min_part_load", map.single_speed() ? 1.0 : lowest,
      {lowest, 1.0, fmt::format("a speed fraction in [{}, 1] (the map's range)", lowest)});
  s.heat_pump.cd = hp.value(kHeatPumpBlock.param("cd"));
  s.heat_pump.defrost = hp.flag(kHeatPumpBlock.param("defrost"));
  d.source_aux = hp.optional_value(kHeatPumpBlock.param("source_aux"));
  d.sink_aux = hp.optional_value(kHeatPumpBlock.param("sink_aux"));
  s.heat_pump.standby = hp.value(kHeatPumpBlock.param("standby"));
}

// [backup]: an electric heater or a boiler, and a boiler's switch-over.
void read_backup_design(core::ConfigTable& b, BackupDesign& d) {
  d.where = b.locate("kind");
  d.kind = b.text(kBackupBlock.param("kind"));
  if (d.kind == "coal_boiler") d.kind = "coal_boiler_small";
  const bool given = b.has("efficiency");
  if (given || !d.boiler()) d.efficiency = b.value(kBackupBlock.param("efficiency"));
  const std::string rule = b.text(kBackupBlock.param("switch_over"));
  d.rule = rule == "temperature" ? SwitchRule::temperature
           : rule == "cost"      ? SwitchRule::cost
           : rule == "carbon"    ? SwitchRule::carbon
                                 : SwitchRule::none;
  if (!d.boiler() && d.rule != SwitchRule::none) {
    b.fail("switch_over", "a switch-over needs a boiler: give kind = \"gas_boiler\", ...");
  }
  d.bivalent_point = b.optional_value(kBackupBlock.param("bivalent_point"));
  if (d.bivalent_point && d.rule != SwitchRule::temperature) {
    b.fail("bivalent_point", "a bivalent point needs switch_over = \"temperature\"");
  }
  d.objective = b.text(kBackupBlock.param("optimise")) == "carbon" ? HybridObjective::carbon
                                                                   : HybridObjective::cost;
}

// Back-up heater, store and PV.
void read_backup_storage_pv(core::ConfigTable& root, SystemDesign& d) {
  SystemSpec& s = d.spec;
  if (auto b = root.optional_table("backup")) {
    if (const auto cap = b->optional_value(kBackupBlock.param("capacity"))) {
      s.backup.capacity = *cap;
    }
    read_backup_design(*b, d.backup);
    if (d.backup.efficiency) s.backup.efficiency = std::min(1.0, *d.backup.efficiency);
    b->finish();
  }
  if (auto st = root.optional_table("storage")) {
    const double v = st->value(kStorageBlock.param("volume"));
    const double dt = st->value(kStorageBlock.param("usable_difference"));
    s.storage.capacity = v * water_rho_cp * dt;
    // Standing loss of a tank of this size when full: 1.5 W/K per m³^(2/3) at 30 K over the
    // room (heatlift's assumption, of the order of EN 12977-3 tank loss rates).
    const double def_loss = 1.5 * std::pow(v, 2.0 / 3.0) * 30.0;
    s.storage.loss = st->optional_value(kStorageBlock.param("loss")).value_or(def_loss);
    st->finish();
  }
  if (auto pv = root.optional_table("pv")) {
    s.pv.peak = pv->value(kPvBlock.param("peak"));
    s.pv.performance_ratio = pv->value(kPvBlock.param("performance_ratio"));
    s.pv.plane_factor = pv->value(kPvBlock.param("plane_factor"));
    d.pv_feed_in_price = pv->optional_value(kPvBlock.param("feed_in_price"));
    pv->finish();
  }
}

}  // namespace

SystemDesign read_system(core::ConfigTable& root, const equipment::ProductLibrary& products,
                         const std::filesystem::path& base_dir, double t_out_design) {
  SystemDesign d;
  SystemSpec& s = d.spec;
  core::ConfigTable hp = root.table("heat_pump");
  const bool has_product = hp.has("product"), has_map = hp.has("map");
  if (has_product == has_map) {
    hp.fail_here(
        "give exactly one of product (a shipped product id, see `heatlift product "
        "list`) or map (a performance-map CSV file)");
  }
  d.rated = read_unit(hp, has_product, products, base_dir, s, d.info);
  const equipment::PerformanceMap& map = *s.heat_pump.map;
  s.heat_pump.name = d.info.name;
  read_source(root, map, s);
  d.sizing = read_sizing(hp, has_product);
  d.info.capacity = d.rated > 0
                        ? d.rated
                        : map.at(map.axes().t_source.back(), map.axes().t_sink.front()).capacity;
  read_operation(hp, map, d);
  read_cooling(hp, products, base_dir, has_product, d);
  hp.finish();

  s.compensation.t_out_design = t_out_design;
  if (auto c = root.optional_table("compensation")) {
    s.compensation.enabled = c->flag(kCompensationBlock.param("enabled"));
    s.compensation.t_supply_min = c->value(kCompensationBlock.param("supply_min"));
    s.compensation.t_room = c->value(kCompensationBlock.param("outdoor_at_min"));
    c->finish();
  }
  read_backup_storage_pv(root, d);
  validate(s);
  return d;
}

SystemSpec size_system(const SystemDesign& d, const SizingBasis& basis, HeatPumpInfo& info) {
  SystemSpec s = d.spec;
  const double scale = size_scale(d, basis);
  s.heat_pump.scale = scale;
  info = d.info;
  info.capacity = d.info.capacity * scale;
  info.charge = d.info.charge * scale;
  const double ratio = s.source.kind == SourceSpec::Kind::ground  ? brine_pump_ratio
                       : s.source.kind == SourceSpec::Kind::water ? well_pump_ratio
                                                                  : 0.0;
  s.heat_pump.source_aux = d.source_aux.value_or(ratio * info.capacity);
  s.heat_pump.sink_aux = d.sink_aux.value_or(circuit_pump_ratio * info.capacity);
  s.compensation.t_out_design = basis.t_out_design;
  validate(s);
  return s;
}

}  // namespace heatlift::site
