// The limits of each equation belong to its range: a state exactly at T_triple, T_max or
// p_max (and the density (T, p_max) gives) is answered by every flash of both backends;
// a state slightly beyond is refused with OutOfRange. The saturation curve likewise keeps
// both its ends (the triple point and the critical point). A value a rounding away from a
// limit, as a unit conversion leaves it (−56.558 °C → 216.59199999999998 K), is the limit.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/library.hpp"
#include "test_support.hpp"

namespace heatlift::fluids::test {
namespace {

using ::testing::HasSubstr;

struct Corner {
  const char* name;
  double T, p;
};

class AtTheLimits : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { f_ = exact(GetParam()); }
  const Fluid& fluid() const { return *f_; }
  const FluidInfo& info() const { return f_->info(); }
  /// The corners of the (T, p) range, with a pressure every fluid's gas has at T_max.
  std::vector<Corner> corners() const {
    const FluidInfo& in = info();
    std::vector<Corner> out{{"T_max, p_max", in.T_max, in.p_max},
                            {"T_triple, p_max", in.T_triple, in.p_max}};
    const double p_low = std::max(1e5, 2.0 * in.p_triple);
    if (p_low < in.p_crit) out.push_back({"T_max, low p", in.T_max, p_low});
    return out;
  }
  std::shared_ptr<const Fluid> f_;
};

INSTANTIATE_TEST_SUITE_P(Fluids, AtTheLimits, ::testing::ValuesIn(expected_ids()),
                         [](const auto& p) { return param_name(p.param); });

TEST_P(AtTheLimits, CornersOfTheRangeAreAnsweredByEveryFlash) {
  const FluidInfo& in = info();
  for (Backend backend : {Backend::exact, Backend::fast}) {
    const auto f = library().get(in.id, backend);
    for (const Corner& c : corners()) {
      SCOPED_TRACE(std::string(c.name) + (backend == Backend::exact ? " (exact)" : " (fast)"));
      State s;
      ASSERT_NO_THROW(s = f->at_T_p(c.T, c.p));
      EXPECT_EQ(s.T, c.T);
      EXPECT_EQ(s.p, c.p);
      // The density at p_max is the density limit at that T: it comes back.
      State r;
      ASSERT_NO_THROW(r = f->at_T_rho(c.T, s.rho));
      EXPECT_NEAR(r.p, c.p, 1e-9 * c.p);
      ASSERT_NO_THROW(r = f->at_p_h(c.p, s.h));
      EXPECT_NEAR(r.T, c.T, 1e-9 * c.T);
      ASSERT_NO_THROW(r = f->at_p_s(c.p, s.s));
      EXPECT_NEAR(r.T, c.T, 1e-9 * c.T);
      if (backend == Backend::exact) {
        ASSERT_NO_THROW(r = fluid().at_h_s(s.h, s.s));
        EXPECT_NEAR(r.T, c.T, 1e-7 * c.T);
        EXPECT_NEAR(r.p, c.p, 1e-6 * c.p);
      }
    }
  }
}

TEST_P(AtTheLimits, SlightlyBeyondIsRefused) {
  const FluidInfo& in = info();
  const Fluid& f = fluid();
  const double above = 1.0 + 1e-9, below = 1.0 - 1e-9;
  EXPECT_THROW((void)f.at_T_p(in.T_max * above, 1e5), OutOfRange);
  EXPECT_THROW((void)f.at_T_p(in.T_max, in.p_max * above), OutOfRange);
  EXPECT_THROW((void)f.at_T_p(in.T_triple * below, in.p_max), OutOfRange);
  try {
    (void)f.at_T_p(in.T_max + 1e-9, 1e5);
    FAIL() << "T_max + 1 nK accepted";
  } catch (const OutOfRange& e) {
    // The message tells the value from the limit.
    EXPECT_THAT(e.what(), HasSubstr("above the equation's upper limit"));
    std::ostringstream six_digits;
    six_digits << "T = " << in.T_max << " K";
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr(six_digits.str())));
  }
  // A density above the one p_max gives at T.
  const State top = f.at_T_p(in.T_max, in.p_max);
  EXPECT_THROW((void)f.at_T_rho(in.T_max, top.rho * (1.0 + 1e-6)), OutOfRange);
  // An enthalpy or entropy past the state at T_max on the limit isobar.
  EXPECT_THROW((void)f.at_p_h(in.p_max, top.h + 1e-6 * std::fabs(top.h) + 1.0), OutOfRange);
  EXPECT_THROW((void)f.at_p_s(in.p_max, top.s + 1e-6 * std::fabs(top.s) + 0.01), OutOfRange);
}

TEST_P(AtTheLimits, ARoundingAwayIsTheLimit) {
  const FluidInfo& in = info();
  const Fluid& f = fluid();
  const double T_hi = std::nextafter(in.T_max, 1e9), T_lo = std::nextafter(in.T_triple, 0.0);
  const double p_hi = std::nextafter(in.p_max, 1e30);
  EXPECT_EQ(f.at_T_p(T_hi, 1e5).T, in.T_max);
  EXPECT_EQ(f.at_T_p(in.T_max, p_hi).p, in.p_max);
  EXPECT_EQ(f.at_T_p(T_lo, in.p_max).T, in.T_triple);
}

TEST_P(AtTheLimits, SaturationKeepsBothEnds) {
  const FluidInfo& in = info();
  for (Backend backend : {Backend::exact, Backend::fast}) {
    SCOPED_TRACE(backend == Backend::exact ? "exact" : "fast");
    const auto f = library().get(in.id, backend);
    // The triple point.
    State l, v;
    ASSERT_NO_THROW(l = f->at_T_Q(in.T_triple, 0.0));
    ASSERT_NO_THROW(v = f->at_T_Q(in.T_triple, 1.0));
    State back;
    ASSERT_NO_THROW(back = f->at_p_Q(l.p, 0.0));
    EXPECT_NEAR(back.T, in.T_triple, 1e-6 * in.T_triple);
    if (!in.pseudo_pure) {  // a blend's dew point at T_triple lies below its bubble line's end
      ASSERT_NO_THROW(back = f->at_p_Q(v.p, 1.0));
      EXPECT_NEAR(back.T, in.T_triple, 1e-6 * in.T_triple);
    }
    // The critical point: T_c and p_c are on the curve, a hair beyond is not.
    for (double Q : {0.0, 1.0}) {
      ASSERT_NO_THROW(back = f->at_T_Q(in.T_crit, Q));
      ASSERT_NO_THROW(back = f->at_p_Q(in.p_crit, Q)) << "Q = " << Q;
      EXPECT_LE(back.T, in.T_crit);
      EXPECT_NEAR(back.T, in.T_crit, 1e-3);
    }
    EXPECT_THROW((void)f->at_p_Q(in.p_crit * (1.0 + 1e-9), 0.0), OutOfRange);
    EXPECT_THROW((void)f->at_T_Q(in.T_crit * (1.0 + 1e-9), 1.0), OutOfRange);
  }
}

TEST(FluidLimits, TheTriplePointInCelsiusIsTheTriplePoint) {
  // 216.592 K written as −56.558 °C converts to 216.59199999999998 K.
  const auto co2 = exact("R744");
  const double T = -56.558 + 273.15;
  ASSERT_LT(T, co2->info().T_triple);
  State s;
  ASSERT_NO_THROW(s = co2->at_T_Q(T, 0.0));
  EXPECT_EQ(s.T, co2->info().T_triple);
  ASSERT_NO_THROW(s = co2->at_T_p(T, 10e6));
  EXPECT_EQ(s.T, co2->info().T_triple);
}

}  // namespace
}  // namespace heatlift::fluids::test
