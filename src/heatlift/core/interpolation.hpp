// Interpolation on rectilinear grids: 1-D linear and monotone cubic (PCHIP), 2-D
// bilinear and bicubic. Outside the grid a query is an OutOfRange error unless the
// caller asked for linear extrapolation explicitly; there is no silent clamping.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace heatlift::core {

enum class Extrapolation { error, linear };

/// Piecewise-linear y(x) on strictly increasing x.
class LinearInterpolator {
 public:
  LinearInterpolator(std::vector<double> x, std::vector<double> y,
                     Extrapolation extrapolation = Extrapolation::error, std::string name = "y(x)");
  double operator()(double x) const;
  double x_min() const { return x_.front(); }
  double x_max() const { return x_.back(); }

 private:
  std::vector<double> x_, y_;
  Extrapolation extrapolation_;
  std::string name_;
};

/// Monotone piecewise-cubic Hermite interpolation (Fritsch–Carlson PCHIP, via
/// Boost.Math): no overshoot between points, C¹ continuous.
class MonotoneCubicInterpolator {
 public:
  MonotoneCubicInterpolator(std::vector<double> x, std::vector<double> y,
                            std::string name = "y(x)");
  ~MonotoneCubicInterpolator();
  MonotoneCubicInterpolator(MonotoneCubicInterpolator&&) noexcept;
  MonotoneCubicInterpolator& operator=(MonotoneCubicInterpolator&&) noexcept;
  double operator()(double x) const;
  double derivative(double x) const;
  double x_min() const { return x_min_; }
  double x_max() const { return x_max_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  double x_min_, x_max_;
  std::string name_;
};

enum class Method2D { bilinear, bicubic };

/// z(x, y) on a rectilinear grid: values z[i·ny + j] at (x[i], y[j]), both axes strictly
/// increasing. Bicubic uses Hermite patches whose slopes and cross-derivatives come from
/// finite differences on the (possibly non-uniform) grid: C¹ across cells.
class GridInterpolator2D {
 public:
  GridInterpolator2D(std::vector<double> x, std::vector<double> y, std::vector<double> z,
                     Method2D method = Method2D::bicubic, std::string name = "z(x,y)");
  double operator()(double x, double y) const;
  bool contains(double x, double y) const;
  std::span<const double> x() const { return x_; }
  std::span<const double> y() const { return y_; }

 private:
  double z(std::size_t i, std::size_t j) const { return z_[i * y_.size() + j]; }
  std::vector<double> x_, y_, z_;
  std::vector<double> zx_, zy_, zxy_;  // derivatives at nodes (bicubic only)
  Method2D method_;
  std::string name_;
};

}  // namespace heatlift::core
