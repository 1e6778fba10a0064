#include "heatlift/site/ground_source.hpp"
#include "heatlift/site/water_source.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include <gtest/gtest.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"

namespace heatlift::site {
namespace {

constexpr double c0 = 273.15;

const equipment::ProductLibrary& products() {
  static const core::DataStore store;
  static const fluids::FluidLibrary fluids(store);
  static const equipment::ProductLibrary lib(store, fluids);
  return lib;
}

// A Wuhan-like year (annual mean 16.6 °C) heated by a brine-to-water product.
struct Case {
  climate::WeatherSeries weather;
  std::vector<demand::LoadSeries> loads;
  SystemSpec system;
};

Case heating_case() {
  Case c;
  demand::LoadSeries l;
  l.kind = demand::LoadKind::space_heating;
  for (std::size_t h = 0; h < 8760; ++h) {
    const double day = static_cast<double>(h) / 24.0;
    const double t = 16.6 - 12.0 * std::cos(2 * std::numbers::pi * (day - 15.0) / 365.0);
    c.weather.t_dry.push_back(c0 + t);
    c.weather.rh.push_back(0.75);
    c.weather.ghi.push_back(0.0);
    l.heat.push_back(std::max(0.0, 12e3 * (14.0 - t)));
    l.t_supply.push_back(c0 + 45.0);
    l.t_return.push_back(c0 + 40.0);
  }
  c.loads = {l};
  c.system.heat_pump.map = products().map("gshp-brine-12kw");
  c.system.heat_pump.scale = 15.0;
  c.system.source.kind = SourceSpec::Kind::ground;
  c.system.source.t_ground = c0 + 19.0;
  return c;
}

GroundLoop field(int rows, int cols) {
  GroundLoop g;
  g.field.geometry.rows = rows;
  g.field.geometry.cols = cols;
  g.field.geometry.spacing = 5.0;
  g.field.geometry.length = 100.0;
  g.where = "test.toml:1:1: source.borefield";
  return g;
}

// Heating only: the field loses heat every year, so the brine drifts down; the site year runs
// on the brine of the middle year, hour by hour. 3 × 4 boreholes of 100 m for 220 MWh a year
// are far too few (the brine reaches −17 °C): the year shows it.
TEST(GroundSource, HeatingOnlyDriftsDownAndFeedsTheSiteYear) {
  Case c = heating_case();
  const GroundLoopOutcome o =
      plan_ground_loop(field(3, 4), c0 + 19.0, c.weather, c.loads, c.system);
  ASSERT_EQ(o.response.years.size(), 25U);
  EXPECT_EQ(o.simulated_year, 13);
  EXPECT_LT(o.response.years.back().t_fluid_mean, o.response.years.front().t_fluid_mean - 0.5);
  EXPECT_GT(o.response.years.front().heat_extracted, 0.0);
  // Only on/off cycling at a few per cent of capacity (EN 14825 degradation) draws more
  // electricity than it delivers heat.
  EXPECT_LT(o.response.years.front().heat_rejected, 0.01 * o.response.years.front().heat_extracted);
  ASSERT_EQ(c.system.source.t_hourly.size(), 8760U);
  const auto year = o.response.year(13);
  for (std::size_t h : {0UL, 4000UL, 8759UL})
    EXPECT_DOUBLE_EQ(c.system.source.t_hourly[h], year[h]);
  // The year with the borefield's brine: the source temperature of each hour is the brine.
  const Simulation sim = simulate(c.weather, c.loads, c.system);
  EXPECT_DOUBLE_EQ(sim.hours[100].t_source, c.system.source.t_hourly[100]);
  // Fewer boreholes: colder brine, lower SPF.
  Case small = heating_case();
  plan_ground_loop(field(1, 3), c0 + 19.0, small.weather, small.loads, small.system);
  const Simulation worse = simulate(small.weather, small.loads, small.system);
  EXPECT_LT(worse.annual.spf_h1, sim.annual.spf_h1);
}

// Sizing the length for a brine limit: the sized field reaches that limit.
TEST(GroundSource, SizingTheLengthMeetsTheBrineLimit) {
  Case c = heating_case();
  GroundLoop g = field(6, 10);
  g.size = true;
  g.limits.t_min = c0 + 2.0;
  const GroundLoopOutcome o = plan_ground_loop(g, c0 + 19.0, c.weather, c.loads, c.system);
  ASSERT_TRUE(o.sizing.has_value());
  EXPECT_TRUE(o.sizing->limited_by_heating);
  EXPECT_NEAR(o.sizing->t_fluid_min, c0 + 2.0, 0.05);
  EXPECT_DOUBLE_EQ(o.field.geometry.length, o.sizing->length);
}

TEST(GroundSource, AHourlySourceOfTheWrongLengthIsRefused) {
  Case c = heating_case();
  c.system.source.t_hourly.assign(100, c0 + 10.0);
  EXPECT_THROW(simulate(c.weather, c.loads, c.system), InvalidInput);
  c.system.source.t_hourly.assign(8760, c0 + 10.0);
  c.system.source.t_hourly[7] = std::nan("");
  EXPECT_THROW(simulate(c.weather, c.loads, c.system), InvalidInput);
}

std::string read_error(const std::string& toml, SourceSpec::Kind kind) {
  const core::ConfigDocument doc = core::ConfigDocument::from_text(toml, "site.toml");
  core::ConfigTable root(doc.root(), "", "site.toml");
  core::ConfigTable source = root.table("source");
  try {
    (void)read_borefield(source, kind);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "";
}

TEST(GroundSource, TheBlockIsReadAndBadValuesAreNamed) {
  const std::string ok =
      "[source.borefield]\nrows = 2\ncols = 5\nspacing = \"5 m\"\nlength = \"120 m\"\n"
      "pipes = \"double_u\"\nyears = 30\nsimulated_year = 30\n";
  const core::ConfigDocument doc = core::ConfigDocument::from_text(ok, "site.toml");
  core::ConfigTable root(doc.root(), "", "site.toml");
  core::ConfigTable source = root.table("source");
  const auto loop = read_borefield(source, SourceSpec::Kind::ground);
  ASSERT_TRUE(loop);
  EXPECT_EQ(loop->field.geometry.count(), 10);
  EXPECT_DOUBLE_EQ(loop->field.geometry.length, 120.0);
  EXPECT_EQ(loop->field.pipes.pipes, 4);
  EXPECT_EQ(loop->years, 30);
  EXPECT_EQ(loop->simulated_year, 30);
  EXPECT_NE(read_error(ok, SourceSpec::Kind::air).find("kind = \"ground\""), std::string::npos);
  EXPECT_NE(
      read_error("[source.borefield]\nspacing = 5\n", SourceSpec::Kind::ground).find("spacing"),
      std::string::npos);
  EXPECT_NE(
      read_error("[source.borefield]\nyears = 10\nsimulated_year = 12\n", SourceSpec::Kind::ground)
          .find("simulated_year"),
      std::string::npos);
  EXPECT_NE(read_error("[source.borefield]\nground_conductivity = 20\n", SourceSpec::Kind::ground)
                .find("ground_conductivity"),
            std::string::npos);
  EXPECT_NE(
      read_error("[source.borefield]\ndepth = \"100 m\"\n", SourceSpec::Kind::ground).find("depth"),
      std::string::npos);
}

// Groundwater: the annual mean air temperature + 2 K (JAGH: 1-3 °C), every hour the same.
TEST(WaterSource, GroundwaterIsTheMeanAirPlusItsOffset) {
  const Case c = heating_case();
  const std::vector<double> t = water_temperatures(WaterBody{}, c.weather);
  ASSERT_EQ(t.size(), 8760U);
  EXPECT_NEAR(t[0], c0 + 16.6 + 2.0, 0.01);
  EXPECT_DOUBLE_EQ(t[0], t[5000]);
}

// A river follows the air's weekly mean, damped and late; it never freezes below 0 °C.
TEST(WaterSource, ARiverFollowsTheAirDampedLateAndAboveFreezing) {
  climate::WeatherSeries w;
  for (std::size_t h = 0; h < 8760; ++h) {
    const double day = static_cast<double>(h) / 24.0;
    w.t_dry.push_back(c0 + 5.0 - 20.0 * std::cos(2 * std::numbers::pi * (day - 15.0) / 365.0));
  }
  WaterBody river;
  river.kind = WaterBody::Kind::river;
  river.offset = 0.0;
  const std::vector<double> t = water_temperatures(river, w);
  const auto hottest = [](const std::vector<double>& v) {
    return static_cast<double>(std::max_element(v.begin(), v.end()) - v.begin()) / 24.0;
  };
  // Air peaks on day 197.5; the 7-day trailing mean 3.5 days later, the river 7 days after.
  EXPECT_NEAR(hottest(t) - hottest(w.t_dry), 3.5 + 7.0, 0.6);
  const double swing = (*std::max_element(t.begin(), t.end()) - (c0 + 5.0));
  EXPECT_NEAR(swing, 0.75 * 20.0, 0.2);
  EXPECT_GE(*std::min_element(t.begin(), t.end()), c0);
  EXPECT_DOUBLE_EQ(*std::min_element(t.begin(), t.end()), c0);  // −15 °C air: ice cover
  river.damping = 1.5;
  EXPECT_THROW(water_temperatures(river, w), InvalidInput);
}

TEST(WaterSource, TheBlockIsReadAndBadValuesAreNamed) {
  const core::ConfigDocument doc =
      core::ConfigDocument::from_text("[source.water]\nbody = \"lake\"\n", "site.toml");
  core::ConfigTable root(doc.root(), "", "site.toml");
  core::ConfigTable source = root.table("source");
  const auto lake = read_water_body(source, SourceSpec::Kind::water);
  ASSERT_TRUE(lake);
  EXPECT_DOUBLE_EQ(lake->lag_days, 30.0);
  EXPECT_DOUBLE_EQ(lake->damping, 0.6);
  const auto error = [](const std::string& toml, SourceSpec::Kind kind) -> std::string {
    const core::ConfigDocument d = core::ConfigDocument::from_text(toml, "site.toml");
    core::ConfigTable r(d.root(), "", "site.toml");
    core::ConfigTable src = r.table("source");
    try {
      (void)read_water_body(src, kind);
    } catch (const InvalidInput& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(error("[source.water]\nbody = \"river\"\n", SourceSpec::Kind::ground).find("kind"),
            std::string::npos);
  EXPECT_NE(error("[source.water]\nbody = \"sea\"\n", SourceSpec::Kind::water).find("body"),
            std::string::npos);
  EXPECT_NE(
      error("[source.water]\nbody = \"groundwater\"\nlag = \"3 d\"\n", SourceSpec::Kind::water)
          .find("lag"),
      std::string::npos);
  EXPECT_NE(error("[source.water]\n", SourceSpec::Kind::water).find("body"), std::string::npos);
}

}  // namespace
}  // namespace heatlift::site
