// The shipped products: each design solves at its rated capacity, its map reproduces the
// rating point, stays below the reversible (Lorenz) COP at every node and behaves as
// physics says (COP falls with the sink temperature, capacity rises with the source's).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/cycles/cycle.hpp"
#include "heatlift/equipment/cycle_map.hpp"
#include "heatlift/equipment/product.hpp"

namespace heatlift::equipment {
namespace {

const core::DataStore& store() {
  static const core::DataStore s;
  return s;
}
const fluids::FluidLibrary& fluids_lib() {
  static const fluids::FluidLibrary f(store());
  return f;
}
const ProductLibrary& products() {
  static const ProductLibrary p(store(), fluids_lib());
  return p;
}

double log_mean(double a, double b) {
  return std::abs(a - b) < 1e-9 ? a : (a - b) / std::log(a / b);
}

TEST(Products, TheLibraryCoversTheActionPlansTypes) {
  std::set<std::string> types;
  for (const auto& id : products().ids()) types.insert(products().product(id).type);
  for (const char* t : {"air_to_water", "ground_source", "water_source", "water_heater",
                        "high_temperature", "steam"})
    EXPECT_TRUE(types.count(t)) << t;
  EXPECT_GE(products().ids().size(), 8u);
  EXPECT_THROW(products().product("no-such-product"), DataMissing);
}

// An injection design at a small lift: at A20/W25 and half speed the EVI product's cycle with
// its injection open has no room for the economiser (the solver says so, InvalidInput naming
// it); the map's node is that machine with the injection closed, i.e. exactly the single-stage
// cycle of the same compressor at the node's streams, and its COP lies above the 30 °C node's.
TEST(Products, InjectionClosesWhereTheEconomiserHasNoRoom) {
  const Product& p = products().product("evi-r32-10kw");
  ASSERT_EQ(p.design.topology, cycles::Topology::vapor_injection);
  const auto f = cycles::WorkingFluid::from_library(fluids_lib(), p.design.fluid, p.design.backend);
  MapAxes axes;
  axes.t_source = {20.0 + 273.15};
  axes.t_sink = {25.0 + 273.15, 30.0 + 273.15};
  axes.part_load = {0.5, 1.0};
  std::vector<NodeIssue> issues;
  const PerformanceMap map =
      map_from_cycle(p.design, f, nullptr, p.source_kind, axes, p.map_options, &issues);
  EXPECT_TRUE(issues.empty());
  const auto node = map.node(0, 0, 0);
  ASSERT_TRUE(node.has_value());

  // The node's cycle, built as map_from_cycle builds it.
  cycles::CycleSpec s = sized_design(p.design, f, nullptr);
  const double drop = p.design.source->T_in - p.design.source->T_out;
  const double rise = p.design.sink->T_out - p.design.sink->T_in;
  s.compressor.speed_fraction = 0.5;
  s.source->T_in = axes.t_source[0];
  s.source->T_out = axes.t_source[0] - drop;
  s.source->pinch = std::max(p.map_options.min_pinch, 0.5 * p.design.source->pinch);
  s.sink->T_out = axes.t_sink[0];
  s.sink->T_in = axes.t_sink[0] - rise;
  s.sink->pinch = std::max(p.map_options.min_pinch, 0.5 * p.design.sink->pinch);
  try {
    (void)cycles::CycleSolver::solve(s, f, nullptr);
    ADD_FAILURE() << "the injection cycle solved at A20/W25, 50 %";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("economiser"), std::string::npos) << e.what();
  }
  s.topology = cycles::Topology::single_stage;
  const cycles::CycleResult closed = cycles::CycleSolver::solve(s, f, nullptr);
  EXPECT_NEAR(node->capacity, closed.heating, 1e-9 * closed.heating);
  EXPECT_NEAR(node->power, closed.compressor_electric + closed.auxiliary, 1e-9 * node->power);
  const auto w30 = map.node(0, 1, 0);
  ASSERT_TRUE(w30.has_value());
  EXPECT_GT(node->capacity / node->power, w30->capacity / w30->power);
}

class EveryProduct : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryProduct, RatingPointAndMapAgree) {
  const Product& p = products().product(GetParam());
  EXPECT_FALSE(p.description.empty());
  const auto r = products().rating_point(p.id);
  EXPECT_NEAR(r.heating, p.rated_capacity, 1e-9 * p.rated_capacity);
  const auto map = products().map(p.id);
  ASSERT_GT(map->node_count(), 0u);
  EXPECT_LT(map->invalid_node_count(), map->node_count() / 4) << "most of the map must exist";
  // The rating point lies on the grid: the map gives the design's numbers there.
  if (p.design.topology != cycles::Topology::mvr && p.map_options.sink_inlet == 0.0) {
    const auto q = map->at(p.design.source->T_in, p.design.sink->T_out, 1.0);
    EXPECT_TRUE(q.valid);
    EXPECT_NEAR(q.capacity, r.heating, 1e-6 * r.heating);
    EXPECT_NEAR(q.cop, r.cop, 1e-6 * r.cop);
  }
}

TEST_P(EveryProduct, EveryNodeBelowLorenzAndMonotone) {
  const Product& p = products().product(GetParam());
  if (p.design.topology == cycles::Topology::mvr)
    GTEST_SKIP() << "open cycle: no closed-cycle bound";
  const auto map = products().map(p.id);
  const auto& ax = map->axes();
  const double drop = p.design.source->T_in - p.design.source->T_out;
  const double rise = p.design.sink->T_out - p.design.sink->T_in;
  for (std::size_t i = 0; i < ax.t_source.size(); ++i) {
    for (std::size_t j = 0; j < ax.t_sink.size(); ++j) {
      for (std::size_t k = 0; k < ax.part_load.size(); ++k) {
        const auto n = map->node(i, j, k);
        if (!n) continue;
        const double Ts_in = ax.t_source[i], Ts_out = Ts_in - drop;
        const double Tk_out = ax.t_sink[j];
        const double Tk_in =
            p.map_options.sink_inlet > 0.0 ? p.map_options.sink_inlet : Tk_out - rise;
        const double TH = log_mean(Tk_out, Tk_in), TL = log_mean(Ts_in, Ts_out);
        EXPECT_LT(n->capacity / n->power, TH / (TH - TL)) << p.id << " node " << i << j << k;
      }
    }
  }
  // Full speed: COP falls with the sink temperature; capacity rises with the source's.
  const std::size_t k = ax.part_load.size() - 1;
  for (std::size_t i = 0; i < ax.t_source.size(); ++i) {
    for (std::size_t j = 1; j < ax.t_sink.size(); ++j) {
      const auto a = map->node(i, j - 1, k), b = map->node(i, j, k);
      if (a && b) {
        EXPECT_LT(b->capacity / b->power, a->capacity / a->power) << p.id << " " << i << j;
      }
    }
  }
  for (std::size_t j = 0; j < ax.t_sink.size(); ++j) {
    for (std::size_t i = 1; i < ax.t_source.size(); ++i) {
      const auto a = map->node(i - 1, j, k), b = map->node(i, j, k);
      if (a && b) {
        EXPECT_GT(b->capacity, a->capacity) << p.id << " " << i << j;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shipped, EveryProduct, ::testing::ValuesIn(products().ids()),
                         [](const auto& info) {
                           std::string s = info.param;
                           for (char& c : s)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return s;
                         });

TEST(ProductFile, ErrorsNameTheField) {
  const std::string text = R"(name = "x"
type = "air_to_water"
description = "d"
charge = "1 kg"
rating_point = "A7/W35"
[cycle]
topology = "single_stage"
fluid = "R32"
[cycle.source]
medium = "air"
T_in = "7 C"
T_out = "2 C"
[cycle.sink]
T_in = "30 C"
T_out = "35 C"
[map]
source_T = ["0 C", "7 C"]
sink_T = ["35 C", "45 C"]
)";
  try {
    parse_product(text, "p.toml");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("heating_capacity"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("p.toml:"), std::string::npos) << e.what();
  }
  std::string neg = text;
  neg.replace(neg.find("charge = \"1 kg\""), 15, "charge = \"-1 kg\"");
  try {
    parse_product(neg, "n.toml");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("n.toml:4:"), std::string::npos) << e.what();
  }
  // The top level is declared (kind "product-design"); [map] is read as a cycle file's.
  std::string valid = text;
  valid.replace(valid.find("fluid = \"R32\""), 13, "fluid = \"R32\"\nheating_capacity = \"10 kW\"");
  const auto error_of = [&](std::string_view from, std::string_view to) {
    std::string t = valid;
    t.replace(t.find(from), from.size(), to);
    try {
      parse_product(t, "e.toml");
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  const std::string type = error_of("\"air_to_water\"", "\"boiler\"");
  EXPECT_NE(type.find("e.toml:2:8: type: 'boiler' is not one of air_to_water"), std::string::npos)
      << type;
  const std::string axis = error_of("[\"0 C\", \"7 C\"]", "[\"7 C\", \"0 C\"]");
  EXPECT_NE(axis.find("map.source_T: values must increase strictly"), std::string::npos) << axis;
}

}  // namespace
}  // namespace heatlift::equipment
