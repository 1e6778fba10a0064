// Invariants of the cycle solver over every topology: energy balance, the second law
// component by component, COP below its reversible bounds, COP falling with lift,
// independence of the fluids' reference states, and clear errors for bad requests.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/cycles/cycle.hpp"
#include "heatlift/cycles/cycle_io.hpp"
#include "heatlift/fluids/library.hpp"

namespace heatlift::cycles {
namespace {

constexpr double kC = 273.15;

const fluids::FluidLibrary& library() {
  static const core::DataStore store;
  static const fluids::FluidLibrary lib(store);
  return lib;
}

CycleResult solve(const CycleSpec& s) {
  return CycleSolver(library()).solve(s);
}

CycleSpec r32_reference(fluids::Backend backend) {
  CycleSpec s;
  s.topology = Topology::single_stage;
  s.fluid = "R32";
  s.backend = backend;
  s.T_evap = kC + 0.0;
  s.T_cond = kC + 45.0;
  s.superheat = 5.0;
  s.subcooling = 3.0;
  s.compressor.eta_isentropic = 0.7;
  s.heating_capacity = 10e3;
  return s;
}

Stream water(double in_C, double out_C, double pinch = 3.0) {
  return Stream{"water", kC + in_C, kC + out_C, 4186.0, pinch};
}
Stream air(double in_C, double out_C, double pinch = 5.0) {
  return Stream{"air", kC + in_C, kC + out_C, 1006.0, pinch};
}

/// One specification per topology, each solved with both backends in the tests below.
struct Case {
  std::string name;
  CycleSpec spec;
};
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

std::vector<Case> cases() {
  std::vector<Case> out;
  {
    CycleSpec s = r32_reference(fluids::Backend::exact);
    out.push_back({"single_stage_R32", s});
    s.ihx_effectiveness = 0.6;
    s.fluid = "R1234yf";
    out.push_back({"single_stage_ihx_R1234yf", s});
    s.ihx_effectiveness = 0.0;
    s.fluid = "R407C";
    s.T_evap.reset();
    s.T_cond.reset();
    s.source = air(7, 3);
    s.sink = water(40, 45);
    out.push_back({"single_stage_secondary_R407C", s});
  }
  {
    CycleSpec s = r32_reference(fluids::Backend::exact);
    s.topology = Topology::vapor_injection;
    s.T_evap = kC - 25.0;
    s.T_cond = kC + 50.0;
    out.push_back({"evi_R32", s});
    s.topology = Topology::two_stage;
    s.fluid = "R290";
    out.push_back({"two_stage_R290", s});
  }
  {
    CycleSpec s = r32_reference(fluids::Backend::exact);
    s.topology = Topology::cascade;
    s.fluid = "R744";
    s.fluid_high = "R134a";
    s.T_evap = kC - 30.0;
    s.T_cond = kC + 65.0;
    out.push_back({"cascade_R744_R134a", s});
  }
  {
    CycleSpec s = r32_reference(fluids::Backend::exact);
    s.topology = Topology::transcritical;
    s.fluid = "R744";
    s.T_cond.reset();
    s.T_evap = kC - 5.0;
    s.T_gc_out = kC + 35.0;
    s.compressor.T_discharge_max = kC + 160.0;
    out.push_back({"transcritical_R744", s});
    s.ihx_effectiveness = 0.5;
    out.push_back({"transcritical_ihx_R744", s});
    s.ihx_effectiveness = 0.0;
    s.topology = Topology::one_pass;
    s.T_gc_out.reset();
    s.T_evap.reset();
    s.sink = water(15, 65);
    s.source = air(15, 10);
    out.push_back({"one_pass_R744", s});
  }
  {
    CycleSpec s;
    s.topology = Topology::mvr;
    s.fluid = "Water";
    s.backend = fluids::Backend::exact;
    s.T_evap = kC + 80.0;
    s.T_cond = kC + 120.0;
    s.superheat = 0.0;
    s.stages = 2;
    s.compressor.eta_isentropic = 0.75;
    s.compressor.T_discharge_max = kC + 250.0;
    s.heating_capacity = 1e6;
    out.push_back({"mvr_steam_2_stages", s});
  }
  return out;
}

class EveryTopology : public ::testing::TestWithParam<Case> {};

TEST_P(EveryTopology, EnergyBalanceClosesAndSecondLawHolds) {
  for (auto backend : {fluids::Backend::exact, fluids::Backend::fast}) {
    CycleSpec s = GetParam().spec;
    s.backend = backend;
    const CycleResult r = solve(s);
    SCOPED_TRACE(std::string(to_string(r.topology)) +
                 (backend == fluids::Backend::fast ? " fast" : " exact"));
    EXPECT_LT(r.energy_balance, 1e-9);
    EXPECT_GT(r.cop, 1.0);
    EXPECT_LT(r.cop, r.cop_lorenz) << "COP must stay below the Lorenz COP";
    EXPECT_GT(r.eta_lorenz, 0.1);
    for (const ComponentEntropy& c : r.entropy) {
      // The fast tables' error (≤ 1e-6 relative) bounds how negative a reversible step may look.
      EXPECT_GE(c.generated, backend == fluids::Backend::exact ? -1e-9 * r.heating / 300.0
                                                               : -1e-5 * r.heating / 300.0)
          << c.component;
    }
    double total = 0.0;
    for (const ComponentEntropy& c : r.entropy) total += c.generated;
    EXPECT_GT(total, 0.0);
    if (s.heating_capacity) {
      EXPECT_NEAR(r.heating, *s.heating_capacity, 1e-9 * r.heating);
    }
    EXPECT_GT(r.T_discharge, 0.0);
    for (const Node& n : r.nodes) {
      EXPECT_TRUE(std::isfinite(n.state.h)) << n.label;
      EXPECT_GE(n.m_dot, 0.0) << n.label;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cycles, EveryTopology, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

TEST(SingleStage, ReferenceR32CycleMatchesTheReferenceLibrary) {
  // The benchmark cycle: COP 4.256 by the reference library (CoolProp).
  for (auto backend : {fluids::Backend::exact, fluids::Backend::fast}) {
    const CycleResult r = solve(r32_reference(backend));
    EXPECT_NEAR(r.cop, 4.256, 0.0005 * 4.256);
    EXPECT_LT(r.cop, r.cop_carnot);
  }
}

TEST(SingleStage, CopFallsAsLiftRises) {
  double last = HUGE_VAL;
  for (double tc = 30.0; tc <= 60.0; tc += 5.0) {
    CycleSpec s = r32_reference(fluids::Backend::fast);
    s.T_cond = kC + tc;
    const double cop = solve(s).cop;
    EXPECT_LT(cop, last) << tc;
    last = cop;
  }
  last = HUGE_VAL;
  for (double ts = 10.0; ts >= -20.0; ts -= 5.0) {  // colder source, same sink
    CycleSpec s = r32_reference(fluids::Backend::fast);
    s.T_evap.reset();
    s.T_cond.reset();
    s.source = air(ts, ts - 4.0);
    s.sink = water(30, 35);
    const double cop = solve(s).cop;
    EXPECT_LT(cop, last) << ts;
    last = cop;
  }
}

TEST(SingleStage, SecondarySideLevelsReachThePinch) {
  CycleSpec s = r32_reference(fluids::Backend::fast);
  s.T_evap.reset();
  s.T_cond.reset();
  s.source = air(7, 3, 5.0);
  s.sink = water(30, 35, 3.0);
  const CycleResult r = solve(s);
  ASSERT_TRUE(r.source_pinch && r.sink_pinch);
  EXPECT_NEAR(r.source_pinch->approach, 5.0, 1e-5);
  EXPECT_NEAR(r.sink_pinch->approach, 3.0, 1e-5);
  EXPECT_LT(r.T_evap, kC + 3.0 - 5.0 + 1e-6);
  EXPECT_GT(r.T_high, kC + 35.0);
}

TEST(ReferenceState, ShiftingItChangesNoResult) {
  core::DataStore store;
  for (const char* id : {"R32", "R744"}) {
    const std::string file = std::string("fluids/") + id + ".json";
    fluids::FluidDefinition def = fluids::parse_fluid_json(store.read(file), file);
    auto plain = std::make_shared<const fluids::Fluid>(def);
    def.ideal.a1 += 3.7;   // entropy offset
    def.ideal.a2 -= 11.3;  // enthalpy offset
    auto shifted = std::make_shared<const fluids::Fluid>(def);
    const WorkingFluid a(plain, fluids::Backend::exact);
    const WorkingFluid b(shifted, fluids::Backend::exact);
    CycleSpec s = r32_reference(fluids::Backend::exact);
    if (std::string(id) == "R744") {
      s.topology = Topology::transcritical;
      s.T_gc_out = kC + 35.0;
      s.T_evap = kC - 5.0;
      s.compressor.T_discharge_max = kC + 160.0;
    }
    const CycleResult ra = CycleSolver::solve(s, a);
    const CycleResult rb = CycleSolver::solve(s, b);
    EXPECT_NE(ra.nodes[0].state.h, rb.nodes[0].state.h);  // the shift is real
    EXPECT_NEAR(ra.cop, rb.cop, 1e-8 * ra.cop) << id;
    EXPECT_NEAR(ra.T_discharge, rb.T_discharge, 1e-6) << id;
    EXPECT_NEAR(ra.p_high, rb.p_high, 1e-6 * ra.p_high) << id;
    EXPECT_NEAR(ra.nodes[0].m_dot, rb.nodes[0].m_dot, 1e-8 * ra.nodes[0].m_dot) << id;
  }
}

TEST(Sizing, CompressorDisplacementSetsTheCapacity) {
  CycleSpec s = r32_reference(fluids::Backend::fast);
  s.heating_capacity.reset();
  s.compressor.displacement = 20e-6;  // 20 cm3
  s.compressor.speed_nominal = 60.0;
  const CycleResult full = solve(s);
  s.compressor.speed_fraction = 0.5;
  const CycleResult half = solve(s);
  EXPECT_GT(full.heating, 3e3);
  EXPECT_LT(full.heating, 30e3);
  EXPECT_NEAR(half.heating / full.heating, 0.5, 0.05);
}

TEST(BadInput, ClearErrors) {
  CycleSpec s = r32_reference(fluids::Backend::fast);
  s.fluid = "R999";
  EXPECT_THROW(solve(s), DataMissing);

  s = r32_reference(fluids::Backend::fast);
  s.T_cond = kC + 80.0;  // above R32's 78.1 °C critical point
  try {
    solve(s);
    FAIL();
  } catch (const OutOfRange& e) {
    EXPECT_NE(std::string(e.what()).find("critical temperature"), std::string::npos) << e.what();
  }

  s = r32_reference(fluids::Backend::fast);
  s.T_cond = kC - 5.0;
  EXPECT_THROW(solve(s), InvalidInput);

  s = r32_reference(fluids::Backend::fast);
  s.T_evap.reset();
  try {
    solve(s);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("T_evap"), std::string::npos) << e.what();
  }

  s = r32_reference(fluids::Backend::fast);
  s.compressor.T_discharge_max = kC + 60.0;
  try {
    solve(s);
    FAIL();
  } catch (const OutOfRange& e) {
    EXPECT_NE(std::string(e.what()).find("limit"), std::string::npos) << e.what();
  }

  // A sink that needs the refrigerant hotter than the source can make it: no pinch.
  s = r32_reference(fluids::Backend::fast);
  s.T_evap.reset();
  s.source = air(7, 3);
  s.T_cond.reset();
  s.sink = water(70, 76);
  EXPECT_THROW(solve(s), Error);
}

TEST(CycleFile, ErrorsNameFileLineAndField) {
  const std::string text =
      "topology = \"single_stage\"\nfluid = \"R32\"\nT_evap = \"0 C\"\nT_cond = 45\n";
  try {
    parse_cycle(text, "bad.toml");
    FAIL();
  } catch (const InvalidInput& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("bad.toml:4:"), std::string::npos) << m;
    EXPECT_NE(m.find("T_cond"), std::string::npos) << m;
  }
  try {
    parse_cycle("topology = \"single_stage\"\nfluid = \"R32\"\nT_evp = \"0 C\"\n", "typo.toml");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("typo.toml:3:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("unknown key"), std::string::npos) << e.what();
  }
  try {
    parse_cycle("topology = \"ejector\"\nfluid = \"R32\"\n", "t.toml");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("t.toml:1:"), std::string::npos) << e.what();
  }
  const CycleFile ok = parse_cycle(
      "topology = \"single_stage\"\nfluid = \"R32\"\nT_evap = \"0 C\"\nT_cond = \"45 C\"\n"
      "heating_capacity = \"10 kW\"\n[compressor]\neta_isentropic = 0.7\n",
      "ok.toml");
  EXPECT_NEAR(*ok.spec.T_cond, kC + 45.0, 1e-12);
  EXPECT_NEAR(*ok.spec.heating_capacity, 1e4, 1e-9);
}

// The defaults a cycle file's declarations give (cycle_io.cpp) are the specs' own, to the bit:
// a file that leaves a key out reads as a spec built in code.
TEST(CycleFile, DeclaredDefaultsAreTheSpecsDefaults) {
  const CycleFile f = parse_cycle(
      "topology = \"single_stage\"\nfluid = \"R32\"\n[compressor]\n[compressor.ahri540]\n"
      "mass_flow = [0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0]\npower = [3000, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n"
      "[source]\nT_in = \"10 C\"\nT_out = \"5 C\"\n[sink]\nT_in = \"30 C\"\nT_out = \"35 C\"\n"
      "[map]\nsource_T = [\"0 C\"]\nsink_T = [\"35 C\"]\n",
      "defaults.toml");
  const CycleSpec d;
  const CycleSpec& s = f.spec;
  EXPECT_EQ(s.backend, d.backend);
  EXPECT_EQ(s.superheat, d.superheat);
  EXPECT_EQ(s.subcooling, d.subcooling);
  EXPECT_EQ(s.ihx_effectiveness, d.ihx_effectiveness);
  EXPECT_EQ(s.economiser_approach, d.economiser_approach);
  EXPECT_EQ(s.injection_superheat, d.injection_superheat);
  EXPECT_EQ(s.cascade_approach, d.cascade_approach);
  EXPECT_EQ(s.dp_suction, d.dp_suction);
  EXPECT_EQ(s.dp_discharge, d.dp_discharge);
  EXPECT_EQ(s.stages, d.stages);
  EXPECT_EQ(s.T_water, d.T_water);
  EXPECT_EQ(s.mvr_superheat, d.mvr_superheat);
  EXPECT_EQ(s.auxiliary_power, d.auxiliary_power);
  const Compressor c;
  EXPECT_EQ(s.compressor.type, c.type);
  EXPECT_EQ(s.compressor.speed_fraction, c.speed_fraction);
  EXPECT_EQ(s.compressor.motor_efficiency, c.motor_efficiency);
  EXPECT_EQ(s.compressor.inverter_efficiency, c.inverter_efficiency);
  EXPECT_EQ(s.compressor.T_discharge_max, c.T_discharge_max);
  ASSERT_TRUE(s.compressor.ahri540);
  EXPECT_EQ(s.compressor.ahri540->rated_superheat, Ahri540{}.rated_superheat);
  EXPECT_EQ(s.compressor.ahri540->F_v, Ahri540{}.F_v);
  const Stream w;
  ASSERT_TRUE(s.source && s.sink);
  EXPECT_EQ(s.source->medium, w.medium);
  EXPECT_EQ(s.source->cp, w.cp);
  EXPECT_EQ(s.sink->pinch, w.pinch);
  const MapRequest m;
  ASSERT_TRUE(f.map);
  EXPECT_EQ(f.map->part_load, std::vector<double>{1.0});
  EXPECT_EQ(f.map->source_drop, m.source_drop);
  EXPECT_EQ(f.map->sink_rise, m.sink_rise);
  EXPECT_EQ(f.map->sink_inlet, m.sink_inlet);
}

}  // namespace
}  // namespace heatlift::cycles

namespace heatlift::cycles {
namespace {

TEST(Ahri540, PolynomialsSetFlowAndPower) {
  // A compressor rated at 11.1 K superheat whose polynomials give 0.05 kg/s and 3 kW
  // everywhere (C1 only): at the rating superheat the cycle carries exactly that flow and
  // the shell's energy balance puts all 3 kW into the gas.
  CycleSpec s = r32_reference(fluids::Backend::exact);
  s.heating_capacity.reset();
  s.superheat = 11.1;
  Ahri540 a;
  a.mass_flow[0] = 0.05;
  a.power[0] = 3000.0;
  s.compressor.ahri540 = a;
  const CycleResult r = solve(s);
  EXPECT_NEAR(r.nodes.front().m_dot, 0.05, 1e-9);
  EXPECT_NEAR(r.compressor_electric, 3000.0, 1e-9);
  // Superheat above the rating: lower suction density, less flow (F_v = 0.75).
  s.superheat = 20.0;
  const CycleResult hot = solve(s);
  EXPECT_LT(hot.nodes.front().m_dot, 0.05);
  EXPECT_GT(hot.nodes.front().m_dot, 0.045);
}

}  // namespace
}  // namespace heatlift::cycles
