#include "heatlift/core/roots.hpp"

#include <fmt/format.h>

#include <boost/math/tools/roots.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {

// Records every evaluation and keeps the point with the smallest residual.
struct Tracker {
  FunctionRef<double(double)> f;
  double best_x = std::numeric_limits<double>::quiet_NaN();
  double best_f = std::numeric_limits<double>::infinity();
  int evaluations = 0;
  double operator()(double x) {
    const double fx = f(x);
    ++evaluations;
    if (std::isfinite(fx) && std::fabs(fx) < std::fabs(best_f)) {
      best_x = x;
      best_f = fx;
    }
    return fx;
  }
};

// Thrown from inside a Boost iteration to stop it as soon as |f| <= f_abs.
struct ResidualMet {};
// Thrown from inside a Boost iteration when f returns NaN or infinity.
struct NonFinite {};

bool bracket_small(double a, double b, const RootOptions& o) {
  return std::fabs(b - a) <= o.x_abs + o.x_rel * std::min(std::fabs(a), std::fabs(b));
}

}  // namespace

RootResult find_root_bracketed(FunctionRef<double(double)> f, double lo, double hi,
                               const RootOptions& options) {
  if (!(lo < hi)) std::swap(lo, hi);
  Tracker track{f};
  RootResult r;
  auto eval = [&](double x) {
    const double fx = track(x);
    if (!std::isfinite(fx)) throw NonFinite{};
    if (options.f_abs > 0.0 && std::fabs(fx) <= options.f_abs) throw ResidualMet{};
    return fx;
  };
  try {
    const double flo = eval(lo);
    const double fhi = eval(hi);
    if (flo == 0.0 || fhi == 0.0) {
      r = {track.best_x, track.best_f, track.evaluations, true, true};
      return r;
    }
    if ((flo > 0) == (fhi > 0)) {
      r = {track.best_x, track.best_f, track.evaluations, false, false};
      return r;
    }
    std::uintmax_t max_iter = static_cast<std::uintmax_t>(std::max(1, options.max_iterations - 2));
    auto tol = [&](double a, double b) { return bracket_small(a, b, options); };
    const auto bracket = boost::math::tools::toms748_solve(eval, lo, hi, flo, fhi, tol, max_iter);
    r.converged = bracket_small(bracket.first, bracket.second, options) || track.best_f == 0.0;
  } catch (const ResidualMet&) {
    r.converged = true;
  } catch (const NonFinite&) {
    r.converged = false;
  }
  r.x = track.best_x;
  r.residual = track.best_f;
  r.iterations = track.evaluations;
  return r;
}

RootResult find_root_newton(FunctionRef<std::pair<double, double>(double)> f_df, double guess,
                            double lo, double hi, const RootOptions& options) {
  if (!(lo < hi)) std::swap(lo, hi);
  int evaluations = 0;
  double best_x = guess;
  double best_f = std::numeric_limits<double>::infinity();
  auto wrapped = [&](double x) {
    const auto [fx, dfx] = f_df(x);
    ++evaluations;
    if (std::isfinite(fx) && std::fabs(fx) < std::fabs(best_f)) {
      best_x = x;
      best_f = fx;
    }
    if (options.f_abs > 0.0 && std::fabs(fx) <= options.f_abs) throw ResidualMet{};
    return std::pair<double, double>{fx, dfx};
  };
  const int digits =
      std::clamp(static_cast<int>(std::ceil(-std::log2(std::max(options.x_rel, 1e-16)))), 2,
                 std::numeric_limits<double>::digits);
  bool newton_ok = false;
  try {
    std::uintmax_t max_iter = static_cast<std::uintmax_t>(options.max_iterations);
    const double x = boost::math::tools::newton_raphson_iterate(wrapped, std::clamp(guess, lo, hi),
                                                                lo, hi, digits, max_iter);
    // Boost stops on a small step; accept only a finite residual reached within the budget.
    const auto [fx, dfx] = f_df(x);
    (void)dfx;
    ++evaluations;
    if (std::isfinite(fx) && std::fabs(fx) <= std::fabs(best_f)) {
      best_x = x;
      best_f = fx;
    }
    newton_ok = std::isfinite(fx) && static_cast<int>(max_iter) < options.max_iterations &&
                (options.f_abs <= 0.0 || std::fabs(fx) <= options.f_abs);
  } catch (const ResidualMet&) {
    return {best_x, best_f, evaluations, true, true};
  } catch (const boost::math::evaluation_error&) {
    newton_ok = false;
  } catch (const std::domain_error&) {
    newton_ok = false;
  }
  if (newton_ok) return {best_x, best_f, evaluations, true, true};

  // Fallback: the bracket, with the remaining budget.
  RootOptions rest = options;
  rest.max_iterations = std::max(options.max_iterations - evaluations, 8);
  RootResult r = find_root_bracketed([&](double x) { return f_df(x).first; }, lo, hi, rest);
  r.iterations += evaluations;
  if (!r.converged && std::isfinite(best_f) && std::fabs(best_f) < std::fabs(r.residual)) {
    r.x = best_x;
    r.residual = best_f;
  }
  return r;
}

double require_converged(const RootResult& r, std::string_view what) {
  if (r.converged) return r.x;
  if (!r.bracketed) {
    throw NoConvergence(fmt::format("{}: no root in the bracket (best x = {}, residual {:.3e})",
                                    what, r.x, r.residual),
                        r.x, r.residual, r.iterations);
  }
  throw NoConvergence(
      fmt::format("{}: no convergence after {} evaluations (last x = {}, residual {:.3e})", what,
                  r.iterations, r.x, r.residual),
      r.x, r.residual, r.iterations);
}

}  // namespace heatlift::core
