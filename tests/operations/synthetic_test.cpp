// The synthetic monitored fleet: deterministic, energy-conserving against the site
// simulation it expands, and carrying each injected fault in its rows.
#include "heatlift/operations/synthetic.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/site/site_case.hpp"

namespace {

using namespace heatlift;
using namespace heatlift::operations;

struct World {
  core::DataStore data;
  fluids::FluidLibrary fluids{data};
  equipment::ProductLibrary products{data, fluids};
  site::SiteLibraries lib{data, products};
};
const World& world() {
  static const World w;
  return w;
}

SyntheticOptions small(std::vector<FaultKind> faults, int healthy = 1) {
  SyntheticOptions o;
  o.healthy = healthy;
  o.per_fault = faults.empty() ? 0 : 1;
  o.faults = std::move(faults);
  o.seasons = 2;
  o.interval = 300;
  return o;
}

double sum(const Series& s, Channel c) {
  double e = 0;
  for (std::size_t i = 0; i < s.size(); ++i) e += s[c][i] * s.dt[i];
  return e;
}

TEST(Synthetic, RejectsBadOptions) {
  SyntheticOptions o;
  o.interval = 7;
  EXPECT_THROW(validate(o), InvalidInput);
  o = {};
  o.seasons = 1;
  EXPECT_THROW(validate(o), InvalidInput);
  o = {};
  o.products = {"gshp-brine-12kw"};
  EXPECT_THROW(SyntheticFleet(world().lib, o), InvalidInput);
  EXPECT_THROW(fault_kind_from_string("leak"), InvalidInput);
  EXPECT_EQ(fault_kind_from_string("low_delta_t"), FaultKind::low_delta_t);
}

TEST(Synthetic, HealthyUnitIsDeterministicAndPlausible) {
  const SyntheticFleet fleet(world().lib, small({}, 1));
  ASSERT_EQ(fleet.size(), 1u);
  const SyntheticUnit a = fleet.generate(0);
  const SyntheticUnit b = fleet.generate(0);
  ASSERT_EQ(a.series.size(), b.series.size());
  EXPECT_EQ(a.series[Channel::heat_hp], b.series[Channel::heat_hp]);
  EXPECT_TRUE(a.faults.empty());
  // Two seasons of 151 or 152 days at 5-minute rows.
  EXPECT_GE(a.series.size(), 2u * 151 * 288);
  EXPECT_EQ(a.series.t.front(), china_midnight(2023, 11, 1));
  for (std::size_t i = 1; i < a.series.size(); ++i) ASSERT_GT(a.series.t[i], a.series.t[i - 1]);
  for (const auto& v : a.series.values) {
    for (double x : v) ASSERT_TRUE(std::isfinite(x));
  }
  // SPF H1 of a healthy northern air-source unit inside field measurements (1.3 … 4.5;
  // see tests/fleet/physics_test.cpp for the sources of the northern range).
  const double spf = sum(a.series, Channel::heat_hp) / sum(a.series, Channel::elec_unit);
  EXPECT_GT(spf, 1.8);
  EXPECT_LT(spf, 4.5);
  EXPECT_GT(a.meta.rated_capacity, 2000.0);
  EXPECT_EQ(a.meta.type, "air-water");
}

TEST(Synthetic, FaultsAreInTheRows) {
  const SyntheticFleet fleet(world().lib,
                             small({FaultKind::meter_heat_stuck, FaultKind::meter_heat_high}, 0));
  ASSERT_EQ(fleet.size(), 2u);
  const SyntheticUnit stuck = fleet.generate(0);
  ASSERT_EQ(stuck.faults.size(), 1u);
  EXPECT_EQ(stuck.faults[0].kind, FaultKind::meter_heat_stuck);
  // After the fault the heat meter never changes.
  const Series& s = stuck.series;
  std::size_t after = 0, changes = 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s.t[i - 1] < stuck.faults[0].from) continue;
    ++after;
    if (s[Channel::heat_hp][i] != s[Channel::heat_hp][i - 1]) ++changes;
  }
  EXPECT_GT(after, 1000u);
  EXPECT_EQ(changes, 0u);
  EXPECT_FALSE(fleet.faults(1).empty());
  EXPECT_EQ(fleet.faults(1)[0].kind, FaultKind::meter_heat_high);
}

}  // namespace
