#include "heatlift/site/solar_thermal_io.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::site {

namespace {

using core::Dimension;
using core::kZeroCelsius;
using core::ParamKind;

// The default collector: Ebner EMEK202 "EASYSTAR" flat plate, Solar Keymark datasheet (TÜV
// Rheinland report 21246009.001, 2019), parameters related to the gross area.
constexpr std::string_view kKeymark = "Solar Keymark datasheet, Ebner EMEK202 EASYSTAR (2019)";

const core::BlockDecl kSolarThermalBlock{
    "site",
    "solar_thermal",
    "Solar-thermal collectors charging a store that preheats the loads ahead of the heat pump.",
    {
        {.key = "area",
         .kind = ParamKind::quantity,
         .dimension = Dimension::area,
         .range = {0.1, 1e6, "0.1 m² to 1 km²"},
         .required = true,
         .doc = "gross collector area"},
        {.key = "slope",
         .kind = ParamKind::number,
         .range = {0.0, 90.0, "0 to 90 (degrees)"},
         .fallback = "35",
         .doc = "collector slope from horizontal, degrees, facing south"},
        {.key = "eta0",
         .kind = ParamKind::number,
         .range = {0.2, 1.0, "0.2 to 1"},
         .fallback = "0.750",
         .doc = "EN ISO 9806 peak efficiency (gross area)",
         .source = kKeymark},
        {.key = "a1",
         .kind = ParamKind::number,
         .range = {0.0, 20.0, "0 to 20 W/(m²·K)"},
         .fallback = "3.27",
         .doc = "EN ISO 9806 linear heat-loss coefficient, W/(m²·K)",
         .source = kKeymark},
        {.key = "a2",
         .kind = ParamKind::number,
         .range = {0.0, 1.0, "0 to 1 W/(m²·K²)"},
         .fallback = "0.016",
         .doc = "EN ISO 9806 quadratic heat-loss coefficient, W/(m²·K²)",
         .source = kKeymark},
        {.key = "b0",
         .kind = ParamKind::number,
         .range = {0.0, 0.9, "0 to 0.9"},
         .fallback = "0.25",
         .doc = "beam incidence-angle modifier K = 1 − b0 (1/cos θ − 1)",
         .source = "fitted to the datasheet's K(50°) = 0.86"},
        {.key = "kd",
         .kind = ParamKind::number,
         .range = {0.1, 1.2, "0.1 to 1.2"},
         .fallback = "0.91",
         .doc = "diffuse incidence-angle modifier",
         .source = kKeymark},
        {.key = "store_volume",
         .kind = ParamKind::quantity,
         .dimension = Dimension::volume,
         .range = {0.05, 1e6, "0.05 m³ to 1,000,000 m³"},
         .required = true,
         .doc = "water volume of the store (a day tank, or a seasonal pit or tank)"},
        {.key = "store_loss",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, 1e8, "≥ 0 W"},
         .doc = "standing loss at 50 K above its surroundings (default: 0.3 W/(m²·K) over a "
                "cube's surface, an insulated store)",
         .source = "assumption"},
        {.key = "surroundings",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius - 30, kZeroCelsius + 40, "between -30 and 40 °C"},
         .fallback = "15 C",
         .doc = "temperature around the store (a plant room; a buried pit: the ground)"},
        {.key = "feeds",
         .kind = ParamKind::choice,
         .fallback = "load",
         .choices = {"load", "source", "both"},
         .doc = "load: the store preheats the loads' return; source: it feeds the heat pump's "
                "evaporator (a water or ground source) when warmer than the stream; both: it "
                "preheats the loads while hot enough, then feeds the evaporator down to "
                "min_temperature (a water or ground source)"},
        {.key = "min_temperature",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius + 0, kZeroCelsius + 40, "between 0 and 40 °C"},
         .fallback = "10 C",
         .doc = "with feeds = \"both\": the heat pump draws the store down to it, no further",
         .source = "assumption (the figure reported for Dronninglund's pit; no primary source "
                   "found)"},
        {.key = "max_temperature",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius + 40, kZeroCelsius + 98, "between 40 and 98 °C"},
         .fallback = "95 C",
         .doc = "the collectors stop when the store reaches it"},
    }};

const core::BlockRegistrar kRegister(kSolarThermalBlock);

}  // namespace

std::optional<SolarThermalSpec> read_solar_thermal(core::ConfigTable& root,
                                                   SourceSpec::Kind source) {
  auto t = root.optional_table("solar_thermal");
  if (!t) return std::nullopt;
  const auto p = [](std::string_view key) { return kSolarThermalBlock.param(key); };
  SolarThermalSpec s;
  s.area = t->value(p("area"));
  s.slope = t->value(p("slope")) * std::numbers::pi / 180.0;
  s.collector.name = "EN ISO 9806 collector";
  s.collector.eta0 = t->value(p("eta0"));
  s.collector.a1 = t->value(p("a1"));
  s.collector.a2 = t->value(p("a2"));
  s.collector.b0 = t->value(p("b0"));
  s.collector.kd = t->value(p("kd"));
  s.store_volume = t->value(p("store_volume"));
  const double surface = 6.0 * std::pow(s.store_volume, 2.0 / 3.0);
  s.store_ua = t->optional_value(p("store_loss")).value_or(0.3 * surface * 50.0) / 50.0;
  s.t_surroundings = t->value(p("surroundings"));
  s.t_store_max = t->value(p("max_temperature"));
  const std::string feeds = t->text(p("feeds"));
  s.feeds = feeds == "source" ? StoreFeeds::source
            : feeds == "both" ? StoreFeeds::both
                              : StoreFeeds::loads;
  s.t_store_min = t->value(p("min_temperature"));
  if (s.feeds != StoreFeeds::loads && source != SourceSpec::Kind::water &&
      source != SourceSpec::Kind::ground) {
    t->fail("feeds", "a store can feed only a water or ground source; this site's source is " +
                         std::string(to_string(source)));
  }
  if (s.t_store_min >= s.t_store_max) {
    t->fail("min_temperature",
            fmt::format("{:.1f} °C, expected below max_temperature ({:.1f} °C)",
                        s.t_store_min - kZeroCelsius, s.t_store_max - kZeroCelsius));
  }
  t->finish();
  return s;
}

nlohmann::json solar_thermal_json(const SolarThermalSpec& s, const SolarThermalResult& r) {
  using nlohmann::json;
  constexpr double kwh = 3.6e6;
  json collected = json::array(), delivered = json::array(), t_store = json::array();
  for (std::size_t m = 0; m < 12; ++m) {
    collected.push_back(r.monthly_collected[m] / kwh);
    delivered.push_back(r.monthly_delivered[m] / kwh);
    t_store.push_back(r.monthly_t_store[m] - kZeroCelsius);
  }
  json doc = {{"area_m2", s.area},
              {"slope_deg", s.slope * 180.0 / std::numbers::pi},
              {"eta0", s.collector.eta0},
              {"a1", s.collector.a1},
              {"a2", s.collector.a2},
              {"store_volume_m3", s.store_volume},
              {"store_loss_w_per_k", s.store_ua},
              {"irradiation_kwh", r.irradiation / kwh},
              {"collected_kwh", r.collected / kwh},
              {"collected_kwh_per_m2", r.collected / kwh / s.area},
              {"delivered_kwh", r.delivered / kwh},
              {"store_loss_kwh", r.loss / kwh},
              {"solar_fraction", r.solar_fraction},
              {"feeds", to_string(r.feeds)},
              {"monthly",
               {{"collected_kwh", collected},
                {"delivered_kwh", delivered},
                {"store_temperature_c", t_store}}}};
  if (r.feeds == StoreFeeds::both) {
    // The two ways out of the store (with one way, delivered_kwh is that way).
    doc["delivered_to_loads_kwh"] = r.delivered_to_loads / kwh;
    doc["delivered_to_source_kwh"] = r.delivered_to_source / kwh;
    doc["min_temperature_c"] = s.t_store_min - kZeroCelsius;
  }
  return doc;
}

std::string solar_line(const std::optional<SolarThermalResult>& solar,
                       const std::optional<PvExport>& pv) {
  constexpr double kwh = 3.6e6;
  std::string line;
  if (solar && solar->feeds == StoreFeeds::both) {
    line += fmt::format(
        "solar thermal: {:.0f} kWh collected, {:.0f} kWh to the loads and {:.0f} kWh to the "
        "heat pump's source (solar fraction {:.1f} %), store loss {:.0f} kWh",
        solar->collected / kwh, solar->delivered_to_loads / kwh, solar->delivered_to_source / kwh,
        solar->solar_fraction * 100.0, solar->loss / kwh);
  } else if (solar) {
    line += fmt::format(
        "solar thermal: {:.0f} kWh collected, {:.0f} kWh to the {} (solar "
        "fraction {:.1f} %), store loss {:.0f} kWh",
        solar->collected / kwh, solar->delivered / kwh,
        solar->feeds == StoreFeeds::source ? "heat pump's source" : "loads",
        solar->solar_fraction * 100.0, solar->loss / kwh);
  }
  if (pv) {
    if (!line.empty()) line += " · ";
    line +=
        fmt::format("PV {:.0f} kWh/kWp, {:.1f} % used on site, {:.0f} kWh exported{}",
                    pv->specific_yield / 3600.0, pv->self_consumption * 100.0, pv->exported / kwh,
                    pv->revenue ? fmt::format(" for {:.0f} CNY", *pv->revenue) : std::string());
  }
  return line + "\n";
}

}  // namespace heatlift::site
