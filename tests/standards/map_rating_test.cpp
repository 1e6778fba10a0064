// Rating a product's PerformanceMap (made by the cycle solver) by the EN 14825 bin method:
// the seam the rating layer shares with site and fleet.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/standards/en14825.hpp"
#include "heatlift/standards/map_performance.hpp"
#include "heatlift/standards/tables.hpp"

namespace {

using namespace heatlift;
using namespace heatlift::standards;

double c(double t) {
  return core::celsius(t).kelvin;
}

struct World {
  core::DataStore store;
  fluids::FluidLibrary fluids{store};
  equipment::ProductLibrary products{store, fluids};
  StandardsLibrary standards = StandardsLibrary::load(store);
};
const World& world() {
  static const World w;
  return w;
}

En14825Input input(double design_load) {
  En14825Input in;
  in.climate = "average";
  in.unit_type = UnitType::air_to_water;
  in.design_load = design_load;
  in.t_biv = c(-7.0);
  in.tol = c(-20.0);
  in.field = "map";
  return in;
}

TEST(MapRating, ShippedAirToWaterProductsGetAPlausibleScop) {
  // EN 14825 low-temperature application at a fixed 35 °C outlet. Heat pumps on the
  // market declare SCOP 3.5–5 (average climate, 35 °C); the model products are generic
  // (A7/W35 COP 4.0–4.2 with fans and pumps, defrost, the standard's Cd below 30 %
  // speed) and must land in 2.5–5.
  for (const char* id : {"evi-r32-10kw", "r290-monobloc-8kw"}) {
    const auto map = world().products.map(id);
    const MapPerformance full(map, [](double) { return c(35.0); });
    const double cap_biv = full.at({c(-7.0), std::nan(""), 1.0}).capacity;
    const double load = 0.9 * cap_biv * (c(-10.0) - c(16.0)) / (c(-7.0) - c(16.0));
    const MapPerformance unit(
        map, [](double) { return c(35.0); }, 0.85, load);
    const auto r = rate_en14825(world().standards.en14825, input(load), unit);
    EXPECT_GT(r.scop, 2.5) << id;
    EXPECT_LT(r.scop, 5.0) << id;
    EXPECT_GE(r.scop_net, r.scop_on - 1e-12) << id;
    EXPECT_GE(r.scop_on, r.scop - 1e-12) << id;
    // Modulating beats on/off cycling of the same unit at full speed.
    EXPECT_GT(r.scop, rate_en14825(world().standards.en14825, input(load), full).scop) << id;
    std::printf("%s: SCOP %.3f (average climate, W35, Pdesignh %.0f W)\n", id, r.scop, load);
  }
}

TEST(MapRating, WarmerOutletLowersScop) {
  const auto map = world().products.map("evi-r32-10kw");
  const MapPerformance w35(map, [](double) { return c(35.0); });
  const MapPerformance w55(map, [](double) { return c(55.0); });
  const double load = 5000.0;  // within the map's capacity at −7 °C at both outlets
  EXPECT_GT(rate_en14825(world().standards.en14825, input(load), w35).scop,
            rate_en14825(world().standards.en14825, input(load), w55).scop);
}

TEST(MapRating, DefrostLowersTheFrostBandOnly) {
  const auto map = world().products.map("r290-monobloc-8kw");
  const MapPerformance wet(
      map, [](double) { return c(35.0); }, 0.9);
  const MapPerformance dry(
      map, [](double) { return c(35.0); }, 0.0);
  EXPECT_LT(wet.at({c(2.0), std::nan(""), 1.0}).capacity,
            dry.at({c(2.0), std::nan(""), 1.0}).capacity);
  EXPECT_DOUBLE_EQ(wet.at({c(12.0), std::nan(""), 1.0}).capacity,
                   dry.at({c(12.0), std::nan(""), 1.0}).capacity);
}

}  // namespace
