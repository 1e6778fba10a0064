#include "heatlift/core/roots.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {

TEST(Roots, BracketedFindsSmoothRoot) {
  const auto r = find_root_bracketed([](double x) { return std::cos(x) - x; }, 0.0, 1.0);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.x, 0.7390851332151607, 1e-12);
  EXPECT_LT(std::fabs(r.residual), 1e-12);
  EXPECT_LT(r.iterations, 20);
}

TEST(Roots, BracketedHandlesFlatHighOrderRoot) {
  // f = (x-2)^5 is flat at the root: |f| < 1e-15 over |x-2| < 1e-3.
  const auto r = find_root_bracketed([](double x) { return std::pow(x - 2.0, 5); }, 0.0, 3.5,
                                     {.x_abs = 1e-12, .x_rel = 1e-12, .max_iterations = 200});
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.x, 2.0, 1e-9);
}

TEST(Roots, BracketedFindsOneOfTwoCloseRootsNearADoubleRoot) {
  // (x-1)^2 - 1e-10 has roots at 1 ± 1e-5: nearly a double root.
  auto f = [](double x) { return (x - 1.0) * (x - 1.0) - 1e-10; };
  const auto r = find_root_bracketed(f, 1.0, 2.0);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.x, 1.0 + 1e-5, 1e-12);
}

TEST(Roots, ReportsAMissingBracketInsteadOfGuessing) {
  const auto r = find_root_bracketed([](double x) { return x * x + 1.0; }, -1.0, 2.0);
  EXPECT_FALSE(r.converged);
  EXPECT_FALSE(r.bracketed);
  EXPECT_THROW(require_converged(r, "x^2+1"), NoConvergence);
}

TEST(Roots, ReturnsLastResidualWhenIterationCapIsHit) {
  const auto r = find_root_bracketed([](double x) { return std::exp(x) - 10.0; }, -50.0, 50.0,
                                     {.x_rel = 1e-15, .max_iterations = 4});
  EXPECT_FALSE(r.converged);
  EXPECT_TRUE(r.bracketed);
  EXPECT_LE(r.iterations, 4);
  EXPECT_TRUE(std::isfinite(r.residual));
  try {
    require_converged(r, "exp");
    FAIL();
  } catch (const NoConvergence& e) {
    EXPECT_EQ(e.last_residual(), r.residual);
    EXPECT_EQ(e.iterations(), r.iterations);
  }
}

TEST(Roots, NonFiniteFunctionValueIsAFailureNotACrash) {
  const auto r =
      find_root_bracketed([](double x) { return x < 0.3 ? std::nan("") : x - 0.5; }, 0.0, 1.0);
  EXPECT_FALSE(r.converged);
}

TEST(Roots, NewtonConvergesQuadratically) {
  auto f = [](double x) { return std::pair{x * x * x - 2.0, 3.0 * x * x}; };
  const auto r = find_root_newton(f, 1.0, 0.0, 3.0);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.x, std::cbrt(2.0), 1e-13);
  EXPECT_LT(r.iterations, 12);
}

TEST(Roots, NewtonFallsBackToTheBracketOnAFlatRegion) {
  // tanh is flat far from its root; Newton from x = -3 would jump far outside.
  auto f = [](double x) {
    const double t = std::tanh(20.0 * (x - 0.7));
    return std::pair{t, 20.0 * (1.0 - t * t)};
  };
  const auto r = find_root_newton(f, -3.0, -5.0, 5.0);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.x, 0.7, 1e-10);
}

TEST(Roots, NewtonWithZeroDerivativeAtGuessStillFindsRoot) {
  auto f = [](double x) { return std::pair{x * x - 4.0, 2.0 * x}; };
  const auto r = find_root_newton(f, 0.0, 0.0, 10.0);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.x, 2.0, 1e-12);
}

TEST(Roots, ResidualToleranceStopsEarly) {
  const auto r = find_root_bracketed([](double x) { return x - 0.25; }, 0.0, 1.0,
                                     {.x_rel = 1e-15, .f_abs = 0.3});
  EXPECT_TRUE(r.converged);
  EXPECT_LE(std::fabs(r.residual), 0.3);
}

}  // namespace
}  // namespace heatlift::core
