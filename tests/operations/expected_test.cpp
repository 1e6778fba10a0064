#include "heatlift/operations/expected.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/carnot_map.hpp"
#include "heatlift/equipment/map_io.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/synthetic.hpp"
#include "heatlift/site/site_case.hpp"

namespace heatlift::operations {
namespace {

namespace eq = equipment;
constexpr std::int64_t kT0 = 1'736'870'400;  // 2025-01-15 00:00 CST

std::shared_ptr<const eq::PerformanceMap> carnot_map(eq::SourceKind kind = eq::SourceKind::air) {
  eq::MapAxes axes{
      {253.15, 263.15, 273.15, 283.15, 293.15}, {298.15, 308.15, 318.15, 328.15}, {0.3, 0.6, 1.0}};
  if (kind != eq::SourceKind::air) axes.t_source = {268.15, 273.15, 283.15, 288.15};
  return std::make_shared<const eq::PerformanceMap>(
      eq::carnot_fraction_map(eq::CarnotMapSpec::defaults(kind, 1e4), axes));
}

UnitMeta air_unit(double rated = 10'000.0) {
  UnitMeta u;
  u.id = "u1";
  u.type = "air-water";
  u.rated_capacity = rated;
  return u;
}

// A row measured exactly as the map says the unit runs at speed x (no frost: 10 °C).
void map_row(Series& s, const eq::PerformanceMap& map, double t_out, double t_flow, double x,
             double cop_factor = 1.0, std::int32_t dt = 3600) {
  const std::int64_t t = s.empty() ? kT0 : s.t.back() + s.dt.back();
  const std::size_t i = s.add_row(t, dt);
  const eq::MapPoint p = map.at(t_out, t_flow, x);
  s[Channel::compressor_hz][i] = 60.0 * x;
  s[Channel::heat_hp][i] = p.capacity;
  s[Channel::elec_unit][i] = p.power / cop_factor;
  s[Channel::t_flow][i] = t_flow;
  s[Channel::t_outdoor][i] = t_out;
  s[Channel::rh_outdoor][i] = 0.6;
}

TEST(Expected, AUnitRunningAsItsMapSaysHasNoResidual) {
  const auto map = carnot_map();
  const UnitModel m = make_model(map, 10'000.0, "test");
  EXPECT_NEAR(m.scale, 10'000.0 / map->at(280.15, 308.15).capacity, 1e-12);
  Series s;
  for (double x : {0.3, 0.45, 0.8, 1.0}) map_row(s, *map, 283.15, 308.15, x);
  const ExpectedResult r = expected_performance(s, air_unit(m.reference_capacity), m);
  EXPECT_EQ(r.intervals.ok, 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(r.intervals.residual[i], 0.0, 1e-9) << i;
    EXPECT_NEAR(r.intervals.heat[i], s[Channel::heat_hp][i], 1e-6);
  }
  EXPECT_NEAR(*r.residual, 0.0, 1e-9);
}

TEST(Expected, ScaledToTheRatedCapacity) {
  const auto map = carnot_map();
  const UnitModel m = make_model(map, 20'000.0, "test", 10'000.0);
  EXPECT_DOUBLE_EQ(m.scale, 2.0);
  Series s;
  const std::size_t i = s.add_row(kT0, 3600);
  s[Channel::compressor_hz][i] = 60.0;
  s[Channel::heat_hp][i] = 1e6;  // more than full speed can give
  s[Channel::elec_unit][i] = 1e5;
  s[Channel::t_flow][i] = 308.15;
  s[Channel::t_outdoor][i] = 283.15;
  const ExpectedResult r = expected_performance(s, air_unit(20'000.0), m);
  const eq::MapPoint full = map->at(283.15, 308.15, 1.0);
  EXPECT_NEAR(r.intervals.capacity[0], 2.0 * full.capacity, 1e-6);
  EXPECT_NEAR(r.intervals.heat[0], 2.0 * full.capacity, 1e-6);
  EXPECT_NEAR(r.intervals.cop[0], full.cop, 1e-12);
}

// EN 14825: below the lowest speed, COP = COP_min·CR / (Cd·CR + 1 − Cd).
TEST(Expected, CyclingBelowTheLowestSpeedDegradesWithCd) {
  const auto map = carnot_map();
  const UnitModel m = make_model(map, 0.0, "test");
  const eq::MapPoint low = map->at(283.15, 308.15, 0.3);
  Series s;
  const std::size_t i = s.add_row(kT0, 3600);
  s[Channel::compressor_hz][i] = 20.0;
  s[Channel::heat_hp][i] = 0.5 * low.capacity;
  s[Channel::elec_unit][i] = 0.5 * low.power;
  s[Channel::t_flow][i] = 308.15;
  s[Channel::t_outdoor][i] = 283.15;
  ExpectedOptions o;
  o.cd = 0.9;
  const ExpectedResult r = expected_performance(s, air_unit(0.0), m, o);
  EXPECT_EQ(r.intervals.cycling, 1u);
  EXPECT_NEAR(r.intervals.cop[0], low.cop * 0.5 / (0.9 * 0.5 + 0.1), 1e-9);
  EXPECT_GT(r.intervals.residual[0], 0.0);  // measured without cycling loss
}

TEST(Expected, PointsOutsideTheMapAreCountedNotClamped) {
  const auto map = carnot_map();
  const UnitModel m = make_model(map, 0.0, "test");
  Series s;
  map_row(s, *map, 283.15, 308.15, 1.0);
  map_row(s, *map, 283.15, 308.15, 1.0);
  s[Channel::t_flow][1] = 338.15;  // 65 °C, above the map's 55 °C
  map_row(s, *map, 283.15, 308.15, 1.0);
  s[Channel::t_flow][2] = std::nan("");
  map_row(s, *map, 283.15, 308.15, 1.0);
  s[Channel::compressor_hz][3] = 0.0;
  const ExpectedResult r = expected_performance(s, air_unit(0.0), m);
  EXPECT_EQ(r.intervals.ok, 1u);
  EXPECT_EQ(r.intervals.outside_map, 1u);
  EXPECT_EQ(r.intervals.not_measured, 1u);
  EXPECT_EQ(r.intervals.not_running, 1u);
  EXPECT_EQ(r.intervals.status[1], ExpectedStatus::outside_map);
  EXPECT_EQ(r.intervals.cop[1], 0.0);
}

TEST(Expected, FrostModelBelowFiveDegreesNeedsHumidity) {
  const auto map = carnot_map();
  const UnitModel m = make_model(map, 0.0, "test");
  Series s;
  map_row(s, *map, 272.15, 308.15, 1.0);
  map_row(s, *map, 272.15, 308.15, 1.0);
  s[Channel::rh_outdoor][1] = std::nan("");
  const ExpectedResult r = expected_performance(s, air_unit(0.0), m);
  EXPECT_EQ(r.intervals.ok, 1u);
  EXPECT_EQ(r.intervals.not_measured, 1u);
  const eq::DefrostFactors f = eq::defrost_factors(272.15, 0.6);
  EXPECT_NEAR(r.intervals.capacity[0], map->at(272.15, 308.15, 1.0).capacity * f.capacity, 1e-6);
  ExpectedOptions o;
  o.defrost = false;
  EXPECT_EQ(expected_performance(s, air_unit(0.0), m, o).intervals.ok, 2u);
}

// A measured defrost fraction f: (1 − f) heating with EPRI's frosting factors, f reversed.
TEST(Expected, MeasuredDefrostFractionIsUsed) {
  const auto map = carnot_map();
  const UnitModel m = make_model(map, 0.0, "test");
  const eq::MapPoint full = map->at(273.15, 308.15, 1.0);
  Series s;
  const std::size_t i = s.add_row(kT0, 3600);
  s[Channel::compressor_hz][i] = 60.0;
  s[Channel::heat_hp][i] = 1e6;  // above full speed: the unit ran flat out
  s[Channel::elec_unit][i] = 1e5;
  s[Channel::t_flow][i] = 308.15;
  s[Channel::t_outdoor][i] = 273.15;
  s[Channel::defrost][i] = 0.1;
  const ExpectedResult r = expected_performance(s, air_unit(0.0), m);
  const double melt = 0.01 * 7.222 / 1.01667;
  const double q = 0.9 * 0.875 * full.capacity - 0.1 * melt * 0.875 * full.capacity;
  const double p = 0.9 * 0.954 * full.power + 0.1 * 0.954 * full.power;
  EXPECT_NEAR(r.intervals.heat[0], q, 1e-6);
  EXPECT_NEAR(r.intervals.power[0], p, 1e-6);
}

TEST(Expected, MonthlyResidualsAndTheirTrend) {
  const auto map = carnot_map();
  const UnitModel m = make_model(map, 0.0, "test");
  Series s;
  // 24 months, 30 running hours each, COP falling 5 % a year.
  for (int month = 0; month < 24; ++month) {
    const double factor = 1.0 - 0.05 * month / 12.0;
    const std::int64_t start = kT0 + static_cast<std::int64_t>(month) * 30 * 86400;
    for (int h = 0; h < 30; ++h) {
      const std::size_t i = s.add_row(start + h * 3600, 3600);
      const eq::MapPoint p = map->at(283.15, 308.15, 1.0);
      s[Channel::compressor_hz][i] = 60.0;
      s[Channel::heat_hp][i] = p.capacity;
      s[Channel::elec_unit][i] = p.power / factor;
      s[Channel::t_flow][i] = 308.15;
      s[Channel::t_outdoor][i] = 283.15;
    }
  }
  const ExpectedResult r = expected_performance(s, air_unit(0.0), m);
  EXPECT_GE(r.months.size(), 23u);
  ASSERT_TRUE(r.trend.slope_per_year.has_value());
  // 30-day "months" against calendar months: the slope is −0.05 per 360 days.
  EXPECT_NEAR(*r.trend.slope_per_year, -0.05 * 365.25 / 360.0, 2e-3);
  EXPECT_LT(*r.trend.standard_error, 1e-3);
  EXPECT_LT(*r.residual, 0.0);
  const nlohmann::json j = to_json(r);
  EXPECT_EQ(j["months"].size(), r.months.size());

  // Fewer than three months: no trend, and the reason says why.
  std::vector<MonthResidual> two(r.months.begin(), r.months.begin() + 2);
  const ResidualTrend t = residual_trend(two);
  EXPECT_FALSE(t.slope_per_year.has_value());
  EXPECT_NE(t.slope_per_year.reason.find("at least 3"), std::string::npos);
}

TEST(Expected, BrineUnitsNeedTheSourceTemperature) {
  const auto map = carnot_map(eq::SourceKind::brine);
  const UnitModel m = make_model(map, 12'000.0, "test");
  UnitMeta u = air_unit(12'000.0);
  u.type = "ground-water";
  Series s;
  const std::size_t i = s.add_row(kT0, 3600);
  s[Channel::compressor_hz][i] = 60.0;
  s[Channel::heat_hp][i] = 8000.0;
  s[Channel::elec_unit][i] = 2000.0;
  s[Channel::t_flow][i] = 308.15;
  EXPECT_THROW(expected_performance(s, u, m), InvalidInput);
  ExpectedOptions o;
  o.t_source = 273.15;
  const ExpectedResult r = expected_performance(s, u, m, o);
  EXPECT_EQ(r.intervals.ok, 1u);
}

TEST(Expected, ResolvesMapFilesAndDatasheets) {
  const auto dir = std::filesystem::temp_directory_path() / "heatlift_expected_test";
  std::filesystem::create_directories(dir);
  const auto map = carnot_map();
  eq::save_map_csv(*map, dir / "unit.map.csv");
  UnitMeta u = air_unit(8'000.0);
  u.map_file = (dir / "unit.map.csv").string();
  const UnitModel m = resolve_model(u, nullptr);
  EXPECT_NE(m.origin.find("map file"), std::string::npos);
  EXPECT_NEAR(m.scale * m.reference_capacity, 8'000.0, 1e-9);

  {
    std::ofstream f(dir / "points.csv");
    f << "label,t_source_C,t_sink_C,capacity_kW,power_kW\n"
         "A7/W35,7,35,8.0,1.78\nA2/W35,2,35,7.0,1.84\nA-7/W35,-7,35,6.0,2.14\n"
         "A7/W55,7,55,7.5,2.68\nA-7/W55,-7,55,5.6,3.11\nA-15/W35,-15,35,5.0,2.27\n";
  }
  u.map_file = (dir / "points.csv").string();
  const UnitModel d = resolve_model(u, nullptr);
  EXPECT_NE(d.origin.find("datasheet"), std::string::npos);
  EXPECT_NEAR(d.reference_capacity, 8000.0, 400.0);

  u.map_file = (dir / "missing.csv").string();
  EXPECT_THROW(resolve_model(u, nullptr), DataMissing);
  u.map_file.clear();
  EXPECT_THROW(resolve_model(u, nullptr), InvalidInput);
  u.product = "evi-r32-10kw";
  EXPECT_THROW(resolve_model(u, nullptr), InvalidInput);
  std::filesystem::remove_all(dir);
}

// A lowest speed above the map's highest part-load node is the highest node, not "outside".
TEST(Expected, TheLowestSpeedStaysOnTheMap) {
  eq::MapAxes axes{{263.15, 283.15, 293.15}, {298.15, 308.15, 318.15}, {0.2, 0.5}};
  const auto map = std::make_shared<const eq::PerformanceMap>(
      eq::carnot_fraction_map(eq::CarnotMapSpec::defaults(eq::SourceKind::air, 1e4), axes));
  const UnitModel m = make_model(map, 0.0, "test", 5000.0);
  Series s;
  map_row(s, *map, 283.15, 308.15, 0.5);
  ExpectedOptions o;
  o.min_part_load = 0.9;
  const ExpectedResult r = expected_performance(s, air_unit(0.0), m, o);
  EXPECT_EQ(r.intervals.ok, 1u);
  EXPECT_NEAR(r.intervals.residual[0], 0.0, 1e-9);
}

TEST(Expected, BadOptionsAreRefused) {
  ExpectedOptions o;
  o.cd = 1.5;
  EXPECT_THROW(validate(o), InvalidInput);
  o = {};
  o.min_part_load = 0.0;
  EXPECT_THROW(validate(o), InvalidInput);
  o = {};
  o.t_source = 1000.0;
  EXPECT_THROW(validate(o), InvalidInput);
  EXPECT_THROW(make_model(nullptr, 1.0, "x"), InvalidInput);
  EXPECT_THROW(make_model(carnot_map(), -1.0, "x"), InvalidInput);
}

// The synthetic fleet (synthetic.hpp) is the site simulation of a product expanded into
// five-minute rows, with the same map, frost model and EN 14825 cycling: a healthy unit's
// expected SPF must match its measured one, and a degrading unit's residual must fall.
struct World {
  core::DataStore data;
  fluids::FluidLibrary fluids{data};
  eq::ProductLibrary products{data, fluids};
  site::SiteLibraries lib{data, products};
};
const World& world() {
  static const World w;
  return w;
}

TEST(Expected, AgreesWithTheSiteSimulationBehindTheSyntheticFleet) {
  SyntheticOptions o;
  o.healthy = 1;
  o.per_fault = 1;
  o.faults = {FaultKind::degradation};
  o.seasons = 2;
  o.interval = 300;
  const SyntheticFleet fleet(world().lib, o);
  ASSERT_EQ(fleet.size(), 2u);
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    const SyntheticUnit u = fleet.generate(i);
    const UnitModel m = resolve_model(u.meta, &world().products);
    const ExpectedResult r = expected_performance(u.series, u.meta, m);
    ASSERT_TRUE(r.residual.has_value()) << r.residual.reason;
    // Flow temperatures below a map's lowest sink node on mild days are left out, counted.
    EXPECT_LT(r.intervals.outside_map, r.intervals.ok / 20) << u.meta.id;
    std::cout << fmt::format(
        "{} {}: {} ok, {} outside, {} cycling; SPF measured {:.3f}, expected "
        "{:.3f}, residual {:+.2f} %; trend {:+.2f} ± {:.2f} %/year\n",
        u.meta.id, m.origin, r.intervals.ok, r.intervals.outside_map, r.intervals.cycling,
        r.spf_measured.value.value_or(0.0), r.spf_expected.value.value_or(0.0),
        100 * r.residual.value.value_or(0.0), 100 * r.trend.slope_per_year.value.value_or(0.0),
        100 * r.trend.standard_error.value.value_or(0.0));
    if (u.faults.empty()) {
      EXPECT_NEAR(*r.residual, 0.0, 0.05)
          << u.meta.id << " SPF measured " << *r.spf_measured << ", expected " << *r.spf_expected;
    } else {
      ASSERT_TRUE(r.trend.slope_per_year.has_value()) << r.trend.slope_per_year.reason;
      EXPECT_LT(*r.trend.slope_per_year, -2.0 * *r.trend.standard_error) << u.meta.id;
    }
  }
}

}  // namespace
}  // namespace heatlift::operations
