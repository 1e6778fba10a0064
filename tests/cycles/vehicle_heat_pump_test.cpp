// The cabin heat pump of demand/vehicle.hpp takes its COP as a fixed fraction of the Carnot
// COP between condensing (supply air 45 °C + 10 K) and evaporating (outdoor − 8 K) levels:
// 0.40 by default (docs/transport.md). Here an R1234yf single-stage cycle solved from real
// properties, with an automotive electric scroll compressor (isentropic efficiency 0.60,
// motor and inverter 0.90 and 0.95: assumptions), gives that fraction within 0.06 from
// -10 °C (the default lower limit) to +10 °C.
#include <gtest/gtest.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/cycles/cycle.hpp"
#include "heatlift/fluids/library.hpp"

namespace heatlift::cycles {
namespace {

constexpr double kC = 273.15;

TEST(VehicleHeatPump, R1234yfCycleGivesTheCarnotFractionOfTheCabinModel) {
  static const core::DataStore store;
  static const fluids::FluidLibrary lib(store);
  const CycleSolver solver(lib);
  for (double t_out = -10.0; t_out <= 10.0; t_out += 5.0) {
    CycleSpec s;
    s.topology = Topology::single_stage;
    s.fluid = "R1234yf";
    s.T_evap = kC + t_out - 8.0;
    s.T_cond = kC + 45.0 + 10.0;
    s.superheat = 5.0;
    s.subcooling = 3.0;
    s.compressor.eta_isentropic = 0.60;
    s.compressor.motor_efficiency = 0.90;
    s.compressor.inverter_efficiency = 0.95;
    s.heating_capacity = 4e3;
    const CycleResult r = solver.solve(s);
    const double carnot = s.T_cond.value() / (s.T_cond.value() - s.T_evap.value());
    RecordProperty("eta_carnot_at_" + std::to_string(static_cast<int>(t_out)) + "C",
                   std::to_string(r.cop / carnot));
    EXPECT_NEAR(r.cop / carnot, 0.40, 0.06) << t_out << " °C: COP " << r.cop;
    EXPECT_LT(r.cop, carnot);
  }
}

}  // namespace
}  // namespace heatlift::cycles
