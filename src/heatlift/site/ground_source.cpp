#include "heatlift/site/ground_source.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::site {

namespace {

using core::Dimension;
using core::kZeroCelsius;
using core::ParamKind;

const core::BlockDecl kBorefieldBlock{
    "site",
    "source.borefield",
    "A vertical borefield for kind = \"ground\": the brine of every hour from the field's "
    "finite-line-source response to the site's own ground heat over the years (instead of "
    "ground_design_drop).",
    {
        {.key = "rows",
         .kind = ParamKind::integer,
         .range = {1, 100, "a count in [1, 100]"},
         .fallback = "1",
         .doc = "boreholes along one side of the rectangle (1 with cols: a line)"},
        {.key = "cols",
         .kind = ParamKind::integer,
         .range = {1, 100, "a count in [1, 100]"},
         .fallback = "1",
         .doc = "boreholes along the other side"},
        {.key = "spacing",
         .kind = ParamKind::quantity,
         .dimension = Dimension::length,
         .range = {2.0, 100.0, "between 2 and 100 m"},
         .fallback = "6 m",
         .doc = "distance between neighbouring boreholes",
         .source = "GB 50366-2005 §4.3: 3-6 m"},
        {.key = "length",
         .kind = ParamKind::quantity,
         .dimension = Dimension::length,
         .range = {10.0, 1000.0, "between 10 and 1000 m"},
         .fallback = "100 m",
         .doc = "active length of each borehole (the start of the search when size = true)"},
        {.key = "buried",
         .kind = ParamKind::quantity,
         .dimension = Dimension::length,
         .range = {0.0, 100.0, "between 0 and 100 m"},
         .fallback = "2 m",
         .doc = "depth of the boreholes' top below the surface",
         .source = "assumption"},
        {.key = "radius",
         .kind = ParamKind::quantity,
         .dimension = Dimension::length,
         .range = {0.02, 0.5, "between 20 and 500 mm"},
         .fallback = "75 mm",
         .doc = "borehole radius (150 mm drilled diameter)",
         .source = "assumption"},
        {.key = "ground_conductivity",
         .kind = ParamKind::number,
         .range = {0.2, 10.0, "a conductivity in [0.2, 10] W/(m·K)"},
         .fallback = "2.0",
         .doc = "ground thermal conductivity, W/(m·K) (a thermal response test's value)",
         .source = "assumption (saturated clay and sandstone 1.5-2.5)"},
        {.key = "ground_heat_capacity",
         .kind = ParamKind::number,
         .range = {0.5, 5.0, "a volumetric heat capacity in [0.5, 5] MJ/(m³·K)"},
         .fallback = "2.2",
         .doc = "ground volumetric heat capacity, MJ/(m³·K)",
         .source = "assumption"},
        {.key = "borehole_resistance",
         .kind = ParamKind::number,
         .range = {0.01, 1.0, "a resistance in [0.01, 1] m·K/W"},
         .doc = "effective borehole thermal resistance, m·K/W (default: from the pipes)"},
        {.key = "pipes",
         .kind = ParamKind::choice,
         .fallback = "single_u",
         .choices = {"single_u", "double_u"},
         .doc = "U-tubes in each borehole (DN32 PE100, for the resistance)"},
        {.key = "shank",
         .kind = ParamKind::quantity,
         .dimension = Dimension::length,
         .range = {0.005, 0.4, "between 5 and 400 mm"},
         .fallback = "30 mm",
         .doc = "borehole axis to pipe axis",
         .source = "assumption"},
        {.key = "grout_conductivity",
         .kind = ParamKind::number,
         .range = {0.2, 5.0, "a conductivity in [0.2, 5] W/(m·K)"},
         .fallback = "1.5",
         .doc = "grout (backfill) thermal conductivity, W/(m·K)",
         .source = "assumption (thermally enhanced bentonite)"},
        {.key = "years",
         .kind = ParamKind::integer,
         .range = {1, 100, "a count in [1, 100]"},
         .fallback = "25",
         .doc = "years of the long-term drift"},
        {.key = "simulated_year",
         .kind = ParamKind::integer,
         .range = {1, 100, "a year in [1, years]"},
         .doc = "year of the drift whose brine the site year uses (default: the middle one)"},
        {.key = "size",
         .kind = ParamKind::flag,
         .fallback = "false",
         .doc = "size the borehole length so the brine stays within fluid_min and fluid_max"},
        {.key = "fluid_min",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius - 20, kZeroCelsius + 30, "between -20 and 30 °C"},
         .fallback = "-2 C",
         .doc = "lowest mean brine temperature allowed (heating)",
         .source = "assumption (antifreeze brine)"},
        {.key = "fluid_max",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = {kZeroCelsius, kZeroCelsius + 50, "between 0 and 50 °C"},
         .fallback = "35 C",
         .doc = "highest mean brine temperature allowed (cooling)",
         .source = "assumption"},
    }};

const core::BlockRegistrar kRegister(kBorefieldBlock);

constexpr std::size_t kYearHours = 8760;

std::vector<double> ground_heat(const Simulation& sim) {
  std::vector<double> q(sim.hours.size());
  for (std::size_t h = 0; h < q.size(); ++h) q[h] = sim.hours[h].ground_heat;
  return q;
}

}  // namespace

std::optional<GroundLoop> read_ground_loop(core::ConfigTable& source) {
  auto t = source.optional_table("borefield");
  if (!t) return std::nullopt;
  const core::BlockDecl& b = kBorefieldBlock;
  GroundLoop g;
  g.where = t->locate("length");
  equipment::BorefieldGeometry& geo = g.field.geometry;
  geo.rows = static_cast<int>(t->value(b.param("rows")));
  geo.cols = static_cast<int>(t->value(b.param("cols")));
  geo.spacing = t->value(b.param("spacing"));
  geo.length = t->value(b.param("length"));
  geo.buried = t->value(b.param("buried"));
  geo.radius = t->value(b.param("radius"));
  g.field.ground.conductivity = t->value(b.param("ground_conductivity"));
  g.field.ground.heat_capacity = t->value(b.param("ground_heat_capacity")) * 1e6;
  g.field.resistance = t->optional_value(b.param("borehole_resistance"));
  g.field.pipes.pipes = t->text(b.param("pipes")) == "double_u" ? 4 : 2;
  g.field.pipes.shank = t->value(b.param("shank"));
  g.field.pipes.k_grout = t->value(b.param("grout_conductivity"));
  g.years = static_cast<int>(t->value(b.param("years")));
  if (auto y = t->optional_value(b.param("simulated_year"))) {
    g.simulated_year = static_cast<int>(*y);
    if (g.simulated_year > g.years) {
      t->fail("simulated_year", fmt::format("year {} is beyond the {} years of the drift",
                                            g.simulated_year, g.years));
    }
  }
  g.size = t->flag(b.param("size"));
  g.limits.t_min = t->value(b.param("fluid_min"));
  g.limits.t_max = t->value(b.param("fluid_max"));
  if (g.limits.t_min >= g.limits.t_max) {
    t->fail("fluid_max", "must be above fluid_min");
  }
  t->finish();
  return g;
}

std::shared_ptr<const GroundLoop> read_borefield(core::ConfigTable& source, SourceSpec::Kind kind) {
  if (!source.has("borefield")) return nullptr;
  if (kind != SourceSpec::Kind::ground) {
    source.fail("borefield",
                fmt::format("a borefield needs kind = \"ground\", not \"{}\"", to_string(kind)));
  }
  auto loop = read_ground_loop(source);
  return loop ? std::make_shared<const GroundLoop>(std::move(*loop)) : nullptr;
}

GroundLoopOutcome plan_ground_loop(const GroundLoop& loop, double t_ground,
                                   const climate::WeatherSeries& weather,
                                   const std::vector<demand::LoadSeries>& loads,
                                   SystemSpec& system) {
  if (weather.hours() != kYearHours) {
    throw InvalidInput(fmt::format("{}: a borefield needs a year of {} hours; the weather has {}",
                                   loop.where, kYearHours, weather.hours()));
  }
  GroundLoopOutcome out;
  out.field = loop.field;
  out.field.ground.t_undisturbed = t_ground;
  out.years = loop.years;
  out.simulated_year = loop.simulated_year > 0 ? loop.simulated_year : (loop.years + 1) / 2;
  system.source.t_hourly.clear();
  const std::vector<double> first = ground_heat(simulate(weather, loads, system));
  if (loop.size) {
    try {
      out.sizing = equipment::size_borefield(out.field, first, loop.years, loop.limits);
    } catch (const InvalidInput& e) {
      throw InvalidInput(fmt::format("{}: {}", loop.where, e.what()));
    }
    out.field.geometry.length = out.sizing->length;
  }
  out.response = equipment::simulate_borefield(out.field, first, loop.years);
  const auto year = out.response.year(out.simulated_year);
  system.source.t_hourly.assign(year.begin(), year.end());
  return out;
}

nlohmann::json ground_loop_json(const GroundLoopOutcome& o) {
  using nlohmann::json;
  const auto c = [](double k) { return std::round((k - kZeroCelsius) * 100.0) / 100.0; };
  const auto mwh = [](double j) { return std::round(j / 3.6e9 * 10.0) / 10.0; };
  const equipment::BorefieldGeometry& g = o.field.geometry;
  json j;
  j["boreholes"] = g.count();
  j["rows"] = g.rows;
  j["cols"] = g.cols;
  j["spacing_m"] = g.spacing;
  j["length_m"] = std::round(g.length * 10.0) / 10.0;
  j["total_length_m"] = std::round(g.length * g.count() * 10.0) / 10.0;
  j["ground_temperature_c"] = c(o.field.ground.t_undisturbed);
  j["ground_conductivity_w_per_mk"] = o.field.ground.conductivity;
  j["borehole_resistance_mk_per_w"] = std::round(o.response.resistance * 1e4) / 1e4;
  j["years"] = o.years;
  j["simulated_year"] = o.simulated_year;
  j["sized"] = o.sizing.has_value();
  if (o.sizing) j["limited_by"] = o.sizing->limited_by_heating ? "heating" : "cooling";
  json min = json::array(), mean = json::array(), max = json::array(), wall = json::array();
  for (const equipment::YearTemperatures& y : o.response.years) {
    min.push_back(c(y.t_fluid_min));
    mean.push_back(c(y.t_fluid_mean));
    max.push_back(c(y.t_fluid_max));
    wall.push_back(c(y.t_wall_mean));
  }
  const equipment::YearTemperatures& first = o.response.years.front();
  const equipment::YearTemperatures& last = o.response.years.back();
  j["heat_extracted_mwh"] = mwh(first.heat_extracted);
  j["heat_rejected_mwh"] = mwh(first.heat_rejected);
  j["fluid_min_c"] = std::move(min);
  j["fluid_mean_c"] = std::move(mean);
  j["fluid_max_c"] = std::move(max);
  j["wall_mean_c"] = std::move(wall);
  j["drift_k"] = std::round((last.t_fluid_mean - first.t_fluid_mean) * 100.0) / 100.0;
  json monthly = json::array();
  for (double t : o.response.monthly_fluid_last) monthly.push_back(c(t));
  j["monthly_fluid_last_year_c"] = std::move(monthly);
  return j;
}

}  // namespace heatlift::site
