#include "heatlift/demand/vehicle_io.hpp"

#include "heatlift/core/config.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::demand {
namespace {

using core::Dimension;
using core::ParamKind;

constexpr std::string_view kAssumption = "assumption (docs/transport.md)";
constexpr std::string_view kAaa =
    "AAA, Electric Vehicle Range Testing (Feb. 2019): reference 75 °F, cabin 72 °F";

core::ParamDecl temperature(std::string_view key, std::string_view fallback, double lo_c,
                            double hi_c, std::string_view text, std::string_view doc,
                            std::string_view source) {
  return {.key = key,
          .kind = ParamKind::quantity,
          .dimension = Dimension::temperature,
          .range = {lo_c + core::kZeroCelsius, hi_c + core::kZeroCelsius, text},
          .fallback = fallback,
          .doc = doc,
          .source = source};
}

core::ParamDecl number(std::string_view key, std::string_view fallback, double lo, double hi,
                       std::string_view text, std::string_view doc, std::string_view source) {
  return {.key = key,
          .kind = ParamKind::number,
          .range = {lo, hi, text},
          .fallback = fallback,
          .doc = doc,
          .source = source};
}

const core::BlockDecl kVehicle{
    "vehicle",
    "vehicle",
    "The car and how it is driven: battery, consumption at the reference temperature, speed, "
    "how consumption grows in the cold (docs/transport.md).",
    {
        {.key = "name", .kind = ParamKind::text, .fallback = "compact EV", .doc = "in outputs"},
        {.key = "battery_energy",
         .kind = ParamKind::quantity,
         .dimension = Dimension::energy,
         .range = {3.6e6, 3.6e9, "1 kWh to 1000 kWh"},
         .fallback = "60 kWh",
         .doc = "usable energy of a full battery",
         .source = "assumption: a compact Chinese battery-electric car"},
        number("consumption_wh_per_km", "150", 5.0, 10000.0, "5 to 10000 Wh/km",
               "drive consumption at `t_reference` with the heating off, Wh/km (unit in the key)",
               "assumption: a compact car on a mixed cycle"),
        number("mean_speed_km_per_h", "40", 3.6, 216.0, "3.6 to 216 km/h",
               "mean speed with stops, km/h (unit in the key): heating power is spread over the "
               "distance driven in an hour",
               "AAA 2019 combined city/highway cycles: about 43 km/h"),
        temperature("t_reference", "23.9 C", -10.0, 40.0, "-10 to 40 °C",
                    "where `consumption_wh_per_km` was measured", kAaa),
        number(
            "cold_penalty_per_k", "0.0033", 0.0, 0.05, "0 to 0.05 per K",
            "share by which drive consumption grows per K below `t_reference` (tyres, air "
            "density, oil, cell resistance)",
            "calibrated on AAA 2019: range −12 % at 20 °F with the heating off (cells kept warm)"),
        {.key = "trips_per_charge",
         .kind = ParamKind::integer,
         .range = {1, 1000, "1 to 1000"},
         .fallback = "1",
         .doc = "cold starts of cabin and cells on one charge (1: one drive until empty, as in "
                "range tests)",
         .source = kAssumption},
    }};

const core::BlockDecl kCabin{
    "vehicle",
    "cabin",
    "The cabin's heat: envelope, ventilation, occupants, set-point, warm-up.",
    {
        number("ua_w_per_k", "60", 0.0, 1e5, "0 to 1e5 W/K",
               "envelope (glass, body, floor) at driving speed, W/K (unit in the key)",
               kAssumption),
        {.key = "fresh_air",
         .kind = ParamKind::quantity,
         .dimension = Dimension::volume_flow,
         .range = {0.0, 100.0, "0 to 360000 m3/h"},
         .fallback = "150 m3/h",
         .doc = "air through the HVAC unit",
         .source = kAssumption},
        {.key = "recirculation",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.0, 1.0, "0 to 100 %"},
         .fallback = "30 %",
         .doc = "share of that air taken from the cabin rather than outdoors",
         .source = "assumption: automatic climate control in winter, windows kept clear"},
        temperature("set_point", "22.2 C", 10.0, 30.0, "10 to 30 °C", "cabin air", kAaa),
        number("occupants", "1", 0.0, 1000.0, "0 to 1000", "persons in the car", kAssumption),
        number("heat_capacity_kj_per_k", "120", 0.0, 1e6, "0 to 1e6 kJ/K",
               "air, seats and trim warmed at each cold start, kJ/K (unit in the key)",
               kAssumption),
        temperature("supply_air", "45 C", 10.0, 80.0, "10 to 80 °C",
                    "air leaving the heater into the cabin (sets the heat pump's condensing)",
                    kAssumption),
    }};

const core::BlockDecl kBattery{
    "vehicle",
    "battery",
    "Keeping the cells at their operating temperature.",
    {
        temperature("t_min", "10 C", -40.0, 40.0, "-40 to 40 °C", "cells kept at or above this",
                    "assumption: lithium-ion cells lose power and charge acceptance below it"),
        number("ua_w_per_k", "15", 0.0, 1e4, "0 to 1e4 W/K",
               "pack to outdoor air, W/K (unit in the key)", kAssumption),
        number("heat_capacity_kj_per_k", "350", 0.0, 1e6, "0 to 1e6 kJ/K",
               "cells and pack structure, kJ/K (unit in the key): about 400 kg at 0.9 kJ/(kg K)",
               kAssumption),
        {.key = "loss_fraction",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.0, 0.5, "0 to 50 %"},
         .fallback = "3 %",
         .doc = "share of drive power dissipated as heat in the pack",
         .source = kAssumption},
    }};

const core::BlockDecl kHeatPump{
    "vehicle",
    "heat_pump",
    "The heat pump the PTC heater is compared with: COP = carnot_efficiency × T_hot / (T_hot − "
    "T_cold), capped, above its lower limit.",
    {
        {.key = "refrigerant", .kind = ParamKind::text, .fallback = "R1234yf", .doc = "in outputs"},
        number("carnot_efficiency", "0.40", 0.05, 0.9, "0.05 to 0.9",
               "COP over the Carnot COP between condensing and evaporating temperatures",
               "docs/transport.md: automotive heat-pump COPs in the literature"),
        {.key = "condenser_approach",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature_difference,
         .range = {0.0, 50.0, "0 to 50 K"},
         .fallback = "10 K",
         .doc = "condensing above the supply air",
         .source = kAssumption},
        {.key = "evaporator_approach",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature_difference,
         .range = {0.0, 50.0, "0 to 50 K"},
         .fallback = "8 K",
         .doc = "evaporating below the outdoor air",
         .source = kAssumption},
        temperature("t_min", "-10 C", -60.0, 20.0, "-60 to 20 °C",
                    "lower operating limit: below it the PTC heater gives all the heat",
                    "assumption: R1234yf cabin heat pumps; R744 ones reach about -20 °C"),
        {.key = "capacity",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, 1e6, "0 to 1000 kW"},
         .fallback = "5 kW",
         .doc = "largest heat output; the PTC heater gives the rest",
         .source = kAssumption},
        number("cop_max", "4", 1.0, 20.0, "1 to 20", "COP cap", kAssumption),
        {.key = "heats_battery",
         .kind = ParamKind::flag,
         .fallback = "true",
         .doc = "the cells' heat comes from the heat pump's loop too (else from the PTC heater)",
         .source = kAssumption},
    }};

const core::BlockRegistrar kRegister[] = {
    core::BlockRegistrar(kVehicle), core::BlockRegistrar(kCabin), core::BlockRegistrar(kBattery),
    core::BlockRegistrar(kHeatPump)};

core::ConfigTable sub_table(core::ConfigTable& root, std::string_view key) {
  if (auto t = root.optional_table(key)) return *t;
  static const toml::table kEmpty;
  return core::ConfigTable(kEmpty, std::string(key), root.file());
}

}  // namespace

VehicleSpec read_vehicle(const core::ConfigDocument& doc) {
  core::ConfigTable root(doc);
  VehicleSpec s;
  {
    auto t = sub_table(root, "vehicle");
    const auto& k = kVehicle;
    s.name = t.text(k.param("name"));
    s.drive.battery_energy = t.value(k.param("battery_energy"));
    s.drive.consumption = t.value(k.param("consumption_wh_per_km")) * 3.6;
    s.drive.mean_speed = t.value(k.param("mean_speed_km_per_h")) / 3.6;
    s.drive.t_reference = t.value(k.param("t_reference"));
    s.drive.cold_penalty = t.value(k.param("cold_penalty_per_k"));
    s.drive.trips_per_charge = static_cast<int>(t.value(k.param("trips_per_charge")));
    t.finish();
  }
  {
    auto t = sub_table(root, "cabin");
    const auto& k = kCabin;
    s.cabin.ua = t.value(k.param("ua_w_per_k"));
    s.cabin.fresh_air = t.value(k.param("fresh_air"));
    s.cabin.recirculation = t.value(k.param("recirculation"));
    s.cabin.set_point = t.value(k.param("set_point"));
    s.cabin.occupants = t.value(k.param("occupants"));
    s.cabin.heat_capacity = t.value(k.param("heat_capacity_kj_per_k")) * 1e3;
    s.cabin.supply_air = t.value(k.param("supply_air"));
    t.finish();
  }
  {
    auto t = sub_table(root, "battery");
    const auto& k = kBattery;
    s.battery.t_min = t.value(k.param("t_min"));
    s.battery.ua = t.value(k.param("ua_w_per_k"));
    s.battery.heat_capacity = t.value(k.param("heat_capacity_kj_per_k")) * 1e3;
    s.battery.loss_fraction = t.value(k.param("loss_fraction"));
    t.finish();
  }
  {
    auto t = sub_table(root, "heat_pump");
    const auto& k = kHeatPump;
    s.heat_pump.refrigerant = t.text(k.param("refrigerant"));
    s.heat_pump.carnot_efficiency = t.value(k.param("carnot_efficiency"));
    s.heat_pump.condenser_approach = t.value(k.param("condenser_approach"));
    s.heat_pump.evaporator_approach = t.value(k.param("evaporator_approach"));
    s.heat_pump.t_min = t.value(k.param("t_min"));
    s.heat_pump.capacity = t.value(k.param("capacity"));
    s.heat_pump.cop_max = t.value(k.param("cop_max"));
    s.heat_pump.heats_battery = t.flag(k.param("heats_battery"));
    t.finish();
  }
  root.finish();
  s.validate();
  return s;
}

VehicleSpec read_vehicle_file(const std::string& path) {
  return read_vehicle(core::ConfigDocument::from_file(path));
}

}  // namespace heatlift::demand
