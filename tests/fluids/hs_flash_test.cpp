// (h, s) flash: the inverse an engineer needs for an isentropic compressor outlet or a
// throttled expansion. Checked by round trips from (T, p) states of several fluids.
#include <gtest/gtest.h>

#include <cmath>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/fluids/library.hpp"

namespace heatlift::fluids {
namespace {

TEST(HsFlash, RoundTripsSinglePhaseAndTwoPhaseStates) {
  core::DataStore store;
  FluidLibrary lib(store);
  struct Case {
    const char* fluid;
    double T, p;
  };
  // Superheated discharge gas, subcooled liquid, supercritical CO2 gas-cooler states, steam.
  for (const Case c :
       {Case{"R32", 350.0, 2.5e6}, Case{"R32", 280.0, 2.0e6}, Case{"R290", 330.0, 1.0e6},
        Case{"R744", 320.0, 10e6}, Case{"R744", 400.0, 14e6}, Case{"R718", 500.0, 1e6},
        Case{"R1234ze(E)", 360.0, 1.5e6}}) {
    auto f = lib.exact(c.fluid);
    const State a = f->at_T_p(c.T, c.p);
    const State b = f->at_h_s(a.h, a.s);
    EXPECT_NEAR(b.T / a.T, 1.0, 1e-8) << c.fluid << " T=" << c.T << " p=" << c.p;
    EXPECT_NEAR(b.p / a.p, 1.0, 1e-7) << c.fluid << " T=" << c.T << " p=" << c.p;
  }
  // Wet steam and wet R32: quality comes back.
  for (const char* name : {"R32", "R718"}) {
    auto f = lib.exact(name);
    const double T = name[1] == '3' ? 270.0 : 400.0;
    const State a = f->at_T_Q(T, 0.35);
    const State b = f->at_h_s(a.h, a.s);
    ASSERT_TRUE(b.Q.has_value()) << name;
    EXPECT_NEAR(*b.Q, 0.35, 1e-7) << name;
    EXPECT_NEAR(b.T, T, 1e-6) << name;
  }
}

TEST(HsFlash, ImpossiblePairIsAnErrorNotANaN) {
  core::DataStore store;
  FluidLibrary lib(store);
  auto f = lib.exact("R32");
  EXPECT_THROW(f->at_h_s(std::nan(""), 1000.0), InvalidInput);
  EXPECT_THROW(f->at_h_s(-5e6, 1.0e4), Error);  // far below anything the equation covers
}

}  // namespace
}  // namespace heatlift::fluids
