#include "heatlift/demand/railcar_io.hpp"

#include "heatlift/core/config.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::demand {
namespace {

using core::Dimension;
using core::ParamKind;

constexpr std::string_view kAssumption = "assumption (docs/transport.md)";

core::ParamDecl quantity(std::string_view key, Dimension dim, double lo, double hi,
                         std::string_view text, std::string_view fallback, std::string_view doc,
                         std::string_view source) {
  return {.key = key,
          .kind = ParamKind::quantity,
          .dimension = dim,
          .range = {lo, hi, text},
          .fallback = fallback,
          .doc = doc,
          .source = source};
}

core::ParamDecl number(std::string_view key, double lo, double hi, std::string_view text,
                       std::string_view fallback, std::string_view doc, std::string_view source) {
  return {.key = key,
          .kind = ParamKind::number,
          .range = {lo, hi, text},
          .fallback = fallback,
          .doc = doc,
          .source = source};
}

constexpr double kC = core::kZeroCelsius;
constexpr Dimension kT = Dimension::temperature;
constexpr Dimension kW = Dimension::power;

const core::BlockDecl kRailcar{
    "railcar",
    "railcar",
    "A railway passenger car and its reversible HVAC unit (docs/transport.md).",
    {
        {.key = "name", .kind = ParamKind::text, .fallback = "high-speed second-class car"},
        number("ua_w_per_k", 0.0, 1e5, "0 to 1e5 W/K", "350",
               "car body: walls, roof, floor, windows, W/K (unit in the key)",
               "assumption: about 1.2 W/(m² K) over about 290 m² of a 25 m car body"),
        {.key = "seats",
         .kind = ParamKind::integer,
         .range = {0, 1000, "0 to 1000"},
         .fallback = "90",
         .doc = "passengers at full load",
         .source = "assumption: a second-class car of a Chinese high-speed train"},
        quantity("load_factor", Dimension::fraction, 0.0, 3.0, "0 to 300 %", "75 %",
                 "passengers in service over seats", kAssumption),
        quantity("fresh_air_per_passenger", Dimension::volume_flow, 0.0, 0.1, "0 to 360 m3/h",
                 "20 m3/h", "outdoor air per passenger",
                 "UIC 553 (6th ed., 2004): at least 20 m³/h per passenger at full occupancy"),
        number("gain_sensible_w", 0.0, 500.0, "0 to 500 W", "70",
               "sensible heat per seated passenger, W (unit in the key)",
               "ASHRAE Handbook Fundamentals ch. 18, seated, very light work"),
        number("gain_latent_w", 0.0, 500.0, "0 to 500 W", "45",
               "latent heat per seated passenger, W (unit in the key)",
               "ASHRAE Handbook Fundamentals ch. 18, seated, very light work"),
        quantity("equipment", kW, 0.0, 1e6, "0 to 1000 kW", "2 kW",
                 "lighting, screens and sockets in service", kAssumption),
        quantity("solar_aperture", Dimension::area, 0.0, 200.0, "0 to 200 m²", "4 m2",
                 "effective window area (area × g × shading) on the global horizontal "
                 "irradiance",
                 kAssumption),
        quantity("t_heat", kT, 5.0 + kC, 30.0 + kC, "5 to 30 °C", "22 C", "heating set-point",
                 "UIC 553 (6th ed., 2004): 22 °C in winter down to -20 °C outdoors"),
        quantity("t_cool", kT, 5.0 + kC, 35.0 + kC, "5 to 35 °C", "26 C",
                 "cooling set-point (fixed here)",
                 "UIC 553 summer curve 22 °C + 0.25 × (outdoor − 19 °C): 26 °C at 35 °C"),
        quantity("rh_indoor", Dimension::fraction, 0.2, 0.9, "20 to 90 %", "55 %",
                 "indoor humidity held while cooling", kAssumption),
        quantity("fans", kW, 0.0, 1e5, "0 to 100 kW", "1.5 kW",
                 "supply and condenser fans in service", kAssumption),
        {.key = "first_hour",
         .kind = ParamKind::integer,
         .range = {0, 23, "0 to 23"},
         .fallback = "6",
         .doc = "service from this hour of the day",
         .source = kAssumption},
        {.key = "last_hour",
         .kind = ParamKind::integer,
         .range = {0, 23, "0 to 23"},
         .fallback = "23",
         .doc = "service to the end of this hour",
         .source = kAssumption},
        number("carnot_heating", 0.05, 0.9, "0.05 to 0.9", "0.40", "heating COP over Carnot",
               kAssumption),
        number("carnot_cooling", 0.05, 0.9, "0.05 to 0.9", "0.35", "cooling EER over Carnot",
               kAssumption),
        quantity("supply_heating", kT, 5.0 + kC, 80.0 + kC, "5 to 80 °C", "40 C",
                 "supply air in heating", kAssumption),
        quantity("supply_cooling", kT, 0.0 + kC, 35.0 + kC, "0 to 35 °C", "12 C",
                 "supply air in cooling", kAssumption),
        quantity("approach", Dimension::temperature_difference, 0.0, 50.0, "0 to 50 K", "10 K",
                 "refrigerant to air at each coil", kAssumption),
        quantity("t_min", kT, -60.0 + kC, 20.0 + kC, "-60 to 20 °C", "-15 C",
                 "lower limit of heat-pump operation: below it resistance heaters", kAssumption),
        quantity("capacity", kW, 0.0, 1e7, "0 to 10 MW", "40 kW",
                 "heating capacity of the car's unit(s)", kAssumption),
    }};

const core::BlockRegistrar kRegister{kRailcar};

}  // namespace

RailcarSpec read_railcar(const core::ConfigDocument& doc) {
  core::ConfigTable root(doc);
  RailcarSpec s;
  static const toml::table kEmpty;
  core::ConfigTable t =
      root.optional_table("railcar").value_or(core::ConfigTable(kEmpty, "railcar", root.file()));
  const auto& k = kRailcar;
  s.name = t.text(k.param("name"));
  s.ua = t.value(k.param("ua_w_per_k"));
  s.seats = static_cast<int>(t.value(k.param("seats")));
  s.load_factor = t.value(k.param("load_factor"));
  s.fresh_air = t.value(k.param("fresh_air_per_passenger"));
  s.gain_sensible = t.value(k.param("gain_sensible_w"));
  s.gain_latent = t.value(k.param("gain_latent_w"));
  s.equipment = t.value(k.param("equipment"));
  s.solar_aperture = t.value(k.param("solar_aperture"));
  s.t_heat = t.value(k.param("t_heat"));
  s.t_cool = t.value(k.param("t_cool"));
  s.rh_indoor = t.value(k.param("rh_indoor"));
  s.fans = t.value(k.param("fans"));
  s.first_hour = static_cast<int>(t.value(k.param("first_hour")));
  s.last_hour = static_cast<int>(t.value(k.param("last_hour")));
  s.carnot_heating = t.value(k.param("carnot_heating"));
  s.carnot_cooling = t.value(k.param("carnot_cooling"));
  s.supply_heating = t.value(k.param("supply_heating"));
  s.supply_cooling = t.value(k.param("supply_cooling"));
  s.approach = t.value(k.param("approach"));
  s.t_min = t.value(k.param("t_min"));
  s.capacity = t.value(k.param("capacity"));
  t.finish();
  root.finish();
  s.validate();
  return s;
}

RailcarSpec read_railcar_file(const std::string& path) {
  return read_railcar(core::ConfigDocument::from_file(path));
}

}  // namespace heatlift::demand
