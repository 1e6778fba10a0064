#include "heatlift/core/interpolation.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {

std::vector<double> grid(double a, double b, int n, bool stretched = false) {
  std::vector<double> x(n);
  for (int i = 0; i < n; ++i) {
    double t = static_cast<double>(i) / (n - 1);
    if (stretched) t = t * t * (3 - 2 * t) * 0.5 + 0.5 * t;  // non-uniform spacing
    x[i] = a + (b - a) * t;
  }
  return x;
}

TEST(Interpolation, LinearIsExactOnLinesAndRejectsOutside) {
  const auto x = grid(0, 10, 7, true);
  std::vector<double> y;
  for (double v : x) y.push_back(3 * v - 2);
  LinearInterpolator f(x, y);
  for (double q : {0.0, 0.3, 4.4, 9.99, 10.0}) EXPECT_NEAR(f(q), 3 * q - 2, 1e-12);
  EXPECT_THROW(f(10.5), OutOfRange);
  EXPECT_THROW(f(std::nan("")), OutOfRange);
  LinearInterpolator g(x, y, Extrapolation::linear);
  EXPECT_NEAR(g(12.0), 34.0, 1e-12);
}

TEST(Interpolation, RejectsBadAxes) {
  EXPECT_THROW(LinearInterpolator({0, 1, 1}, {0, 1, 2}), InvalidInput);
  EXPECT_THROW(LinearInterpolator({0, 2, 1}, {0, 1, 2}), InvalidInput);
  EXPECT_THROW(LinearInterpolator({0, 1}, {0, std::nan("")}), InvalidInput);
  EXPECT_THROW(LinearInterpolator({0, 1, 2}, {0, 1}), InvalidInput);
  EXPECT_THROW(GridInterpolator2D({0, 1}, {0, 1}, {1, 2, 3}), InvalidInput);
}

TEST(Interpolation, MonotoneCubicConvergesOnSmoothFunctionAndNeverOvershoots) {
  // PCHIP's slopes are first-order accurate where the data bends, so the error against
  // sin on [0, π/2] falls like h² (Fritsch & Carlson 1980): a factor 4 per halving.
  double previous = 1.0;
  for (int n : {9, 17, 33, 65}) {
    const auto x = grid(0, M_PI / 2, n);
    std::vector<double> y;
    for (double v : x) y.push_back(std::sin(v));
    MonotoneCubicInterpolator f(x, y);
    double err = 0;
    for (int k = 0; k <= 1000; ++k) {
      const double q = M_PI / 2 * k / 1000.0;
      err = std::max(err, std::fabs(f(q) - std::sin(q)));
    }
    EXPECT_LT(err, previous / 3.5) << n;
    previous = err;
  }
  EXPECT_LT(previous, 1e-4);
  // Step data: a cubic spline would overshoot, PCHIP must not.
  MonotoneCubicInterpolator step({0, 1, 2, 3, 4, 5}, {0, 0, 0, 1, 1, 1});
  for (int k = 0; k <= 500; ++k) {
    const double v = step(5.0 * k / 500);
    EXPECT_GE(v, 0.0);
    EXPECT_LE(v, 1.0);
  }
}

TEST(Interpolation, BilinearIsExactOnBilinearFunctions) {
  const auto x = grid(-1, 2, 5, true), y = grid(0, 3, 4);
  std::vector<double> z;
  for (double a : x)
    for (double b : y) z.push_back(1 + 2 * a - b + 0.5 * a * b);
  GridInterpolator2D f(x, y, z, Method2D::bilinear);
  for (double a : {-1.0, -0.3, 0.77, 2.0})
    for (double b : {0.0, 1.1, 2.9}) EXPECT_NEAR(f(a, b), 1 + 2 * a - b + 0.5 * a * b, 1e-12);
}

TEST(Interpolation, BicubicConvergesOnAnalyticSurfaceOnNonUniformGrid) {
  auto fn = [](double a, double b) { return std::exp(0.5 * a) * std::sin(b) + a * b * b; };
  double previous = 1.0;
  for (int n : {8, 16, 32, 64}) {
    const auto x = grid(0, 2, n, true), y = grid(0, 3, n + 3, true);
    std::vector<double> z;
    for (double a : x)
      for (double b : y) z.push_back(fn(a, b));
    GridInterpolator2D f(x, y, z);
    double err = 0;
    for (int i = 0; i <= 60; ++i)
      for (int j = 0; j <= 60; ++j) {
        const double a = 2.0 * i / 60, b = 3.0 * j / 60;
        err = std::max(err, std::fabs(f(a, b) - fn(a, b)));
      }
    EXPECT_LT(err, previous / 4.0) << n;  // at least second order, incl. the boundary cells
    previous = err;
  }
  EXPECT_LT(previous, 2e-4);
  const auto x = grid(0, 1, 4), y = grid(0, 1, 4);
  GridInterpolator2D f(x, y, std::vector<double>(16, 1.0));
  EXPECT_THROW(f(1.5, 0.5), OutOfRange);
  EXPECT_THROW(f(0.5, -0.1), OutOfRange);
  EXPECT_TRUE(f.contains(1.0, 0.0));
}

TEST(Interpolation, BicubicReproducesNodesExactly) {
  const auto x = grid(0, 1, 6, true), y = grid(0, 2, 5);
  std::vector<double> z;
  for (double a : x)
    for (double b : y) z.push_back(std::cos(3 * a) + b * b * b);
  GridInterpolator2D f(x, y, z);
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = 0; j < y.size(); ++j)
      EXPECT_NEAR(f(x[i], y[j]), z[i * y.size() + j], 1e-13);
}

}  // namespace
}  // namespace heatlift::core
