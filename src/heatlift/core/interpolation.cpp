#include "heatlift/core/interpolation.hpp"

#include <fmt/format.h>

#include <math.h>  // Boost 1.74's pchip.hpp calls unqualified isnan; <math.h> declares ::isnan

#include <algorithm>
#include <boost/math/interpolators/pchip.hpp>
#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {

void check_axis(const std::vector<double>& x, std::string_view name, std::string_view axis,
                std::size_t min_points) {
  if (x.size() < min_points) {
    throw InvalidInput(fmt::format("{}: axis {} needs at least {} points, got {}", name, axis,
                                   min_points, x.size()));
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) {
      throw InvalidInput(fmt::format("{}: axis {} value #{} is not finite", name, axis, i));
    }
    if (i > 0 && !(x[i] > x[i - 1])) {
      throw InvalidInput(fmt::format("{}: axis {} must be strictly increasing, but {} follows {}",
                                     name, axis, x[i], x[i - 1]));
    }
  }
}

void check_values(const std::vector<double>& v, std::size_t expected, std::string_view name) {
  if (v.size() != expected) {
    throw InvalidInput(fmt::format("{}: expected {} values, got {}", name, expected, v.size()));
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i]))
      throw InvalidInput(fmt::format("{}: value #{} is not finite", name, i));
  }
}

// Index i of the cell [x[i], x[i+1]] holding q (q inside [x.front(), x.back()]).
std::size_t cell(std::span<const double> x, double q) {
  auto it = std::upper_bound(x.begin() + 1, x.end() - 1, q);
  return static_cast<std::size_t>(it - x.begin()) - 1;
}

[[noreturn]] void outside(std::string_view name, std::string_view axis, double q, double lo,
                          double hi) {
  throw OutOfRange(
      fmt::format("{}: {} = {} is outside the table's range [{}, {}]", name, axis, q, lo, hi));
}

}  // namespace

LinearInterpolator::LinearInterpolator(std::vector<double> x, std::vector<double> y,
                                       Extrapolation extrapolation, std::string name)
    : x_(std::move(x)), y_(std::move(y)), extrapolation_(extrapolation), name_(std::move(name)) {
  check_axis(x_, name_, "x", 2);
  check_values(y_, x_.size(), name_);
}

double LinearInterpolator::operator()(double q) const {
  if (!(q >= x_.front() && q <= x_.back())) {
    if (extrapolation_ == Extrapolation::error || !std::isfinite(q)) {
      outside(name_, "x", q, x_.front(), x_.back());
    }
  }
  std::size_t i;
  if (q <= x_.front()) {
    i = 0;
  } else if (q >= x_.back()) {
    i = x_.size() - 2;
  } else {
    i = cell(x_, q);
  }
  const double t = (q - x_[i]) / (x_[i + 1] - x_[i]);
  return y_[i] + t * (y_[i + 1] - y_[i]);
}

struct MonotoneCubicInterpolator::Impl {
  boost::math::interpolators::pchip<std::vector<double>> spline;
};

MonotoneCubicInterpolator::MonotoneCubicInterpolator(std::vector<double> x, std::vector<double> y,
                                                     std::string name)
    : name_(std::move(name)) {
  check_axis(x, name_, "x", 4);  // Boost's PCHIP needs four points
  check_values(y, x.size(), name_);
  x_min_ = x.front();
  x_max_ = x.back();
  impl_ = std::make_unique<Impl>(Impl{{std::move(x), std::move(y)}});
}

MonotoneCubicInterpolator::~MonotoneCubicInterpolator() = default;
MonotoneCubicInterpolator::MonotoneCubicInterpolator(MonotoneCubicInterpolator&&) noexcept =
    default;
MonotoneCubicInterpolator& MonotoneCubicInterpolator::operator=(
    MonotoneCubicInterpolator&&) noexcept = default;

double MonotoneCubicInterpolator::operator()(double q) const {
  if (!(q >= x_min_ && q <= x_max_)) outside(name_, "x", q, x_min_, x_max_);
  return impl_->spline(q);
}

double MonotoneCubicInterpolator::derivative(double q) const {
  if (!(q >= x_min_ && q <= x_max_)) outside(name_, "x", q, x_min_, x_max_);
  return impl_->spline.prime(q);
}

GridInterpolator2D::GridInterpolator2D(std::vector<double> x, std::vector<double> y,
                                       std::vector<double> values, Method2D method,
                                       std::string name)
    : x_(std::move(x)),
      y_(std::move(y)),
      z_(std::move(values)),
      method_(method),
      name_(std::move(name)) {
  check_axis(x_, name_, "x", 2);
  check_axis(y_, name_, "y", 2);
  check_values(z_, x_.size() * y_.size(), name_);
  if (method_ != Method2D::bicubic) return;
  const std::size_t nx = x_.size(), ny = y_.size();
  zx_.resize(z_.size());
  zy_.resize(z_.size());
  zxy_.resize(z_.size());
  // Three-point derivative on a non-uniform axis (one-sided at the ends).
  auto d1 = [](std::span<const double> a, std::size_t k, auto value) {
    const std::size_t n = a.size();
    if (k == 0) return (value(1) - value(0)) / (a[1] - a[0]);
    if (k == n - 1) return (value(k) - value(k - 1)) / (a[k] - a[k - 1]);
    const double hm = a[k] - a[k - 1], hp = a[k + 1] - a[k];
    return (hm * hm * value(k + 1) - hp * hp * value(k - 1) + (hp * hp - hm * hm) * value(k)) /
           (hm * hp * (hm + hp));
  };
  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) {
      zx_[i * ny + j] = d1(x_, i, [&](std::size_t k) { return z(k, j); });
      zy_[i * ny + j] = d1(y_, j, [&](std::size_t k) { return z(i, k); });
    }
  }
  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) {
      zxy_[i * ny + j] = d1(x_, i, [&](std::size_t k) { return zy_[k * ny + j]; });
    }
  }
}

bool GridInterpolator2D::contains(double qx, double qy) const {
  return qx >= x_.front() && qx <= x_.back() && qy >= y_.front() && qy <= y_.back();
}

double GridInterpolator2D::operator()(double qx, double qy) const {
  if (!(qx >= x_.front() && qx <= x_.back())) outside(name_, "x", qx, x_.front(), x_.back());
  if (!(qy >= y_.front() && qy <= y_.back())) outside(name_, "y", qy, y_.front(), y_.back());
  const std::size_t i = cell(x_, qx), j = cell(y_, qy);
  const std::size_t ny = y_.size();
  const double hx = x_[i + 1] - x_[i], hy = y_[j + 1] - y_[j];
  const double u = (qx - x_[i]) / hx, v = (qy - y_[j]) / hy;
  if (method_ == Method2D::bilinear) {
    return (1 - u) * (1 - v) * z(i, j) + u * (1 - v) * z(i + 1, j) + (1 - u) * v * z(i, j + 1) +
           u * v * z(i + 1, j + 1);
  }
  // Cubic Hermite basis on [0,1]: value at 0/1 (h00, h01) and slope at 0/1 (h10, h11).
  auto basis = [](double t, double b[4]) {
    const double t2 = t * t, t3 = t2 * t;
    b[0] = 2 * t3 - 3 * t2 + 1;  // h00
    b[1] = -2 * t3 + 3 * t2;     // h01
    b[2] = t3 - 2 * t2 + t;      // h10
    b[3] = t3 - t2;              // h11
  };
  double bu[4], bv[4];
  basis(u, bu);
  basis(v, bv);
  double result = 0.0;
  for (int a = 0; a < 2; ++a) {
    for (int b = 0; b < 2; ++b) {
      const std::size_t k = (i + a) * ny + (j + b);
      result += bu[a] * bv[b] * z_[k] + bu[2 + a] * hx * bv[b] * zx_[k] +
                bu[a] * bv[2 + b] * hy * zy_[k] + bu[2 + a] * hx * bv[2 + b] * hy * zxy_[k];
    }
  }
  return result;
}

}  // namespace heatlift::core
