// Root finding: a bracketed solver (TOMS 748) and Newton's method that falls back to
// the bracket. Both return what they reached, converged or not, so a caller in a loop
// can report the inputs and the last residual; `require_converged` turns a failure into
// a NoConvergence error with that context.
#pragma once

#include <string_view>
#include <utility>

#include "heatlift/core/function_ref.hpp"

namespace heatlift::core {

struct RootOptions {
  double x_abs = 0.0;  ///< stop when the bracket is narrower than x_abs + x_rel·|x|
  double x_rel = 1e-12;
  double f_abs = 0.0;        ///< also accept any x with |f(x)| ≤ f_abs
  int max_iterations = 100;  ///< function evaluations allowed
};

struct RootResult {
  double x = 0.0;         ///< best estimate (smallest |f| seen)
  double residual = 0.0;  ///< f(x)
  int iterations = 0;     ///< function evaluations used
  bool converged = false;
  bool bracketed = true;  ///< false when f(lo) and f(hi) had the same sign
};

/// Finds f(x) = 0 in [lo, hi]; f(lo) and f(hi) must differ in sign (else bracketed=false).
RootResult find_root_bracketed(FunctionRef<double(double)> f, double lo, double hi,
                               const RootOptions& options = {});

/// Newton's method from `guess` using f and f' (returned as {f, df/dx}), kept inside
/// [lo, hi]; when Newton stalls, leaves the interval or runs out of iterations, the
/// bracketed solver finishes the job on [lo, hi] (which must then bracket a root).
RootResult find_root_newton(FunctionRef<std::pair<double, double>(double)> f_df, double guess,
                            double lo, double hi, const RootOptions& options = {});

/// Returns r.x, or throws NoConvergence naming `what`, the last x, residual and iterations.
double require_converged(const RootResult& r, std::string_view what);

}  // namespace heatlift::core
