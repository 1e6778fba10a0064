// Core kernels: unit parsing, root finding, interpolation.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "heatlift/core/interpolation.hpp"
#include "heatlift/core/roots.hpp"
#include "heatlift/core/units.hpp"

namespace {
using namespace heatlift::core;

void Units_Parse(benchmark::State& state) {
  const char* texts[] = {"45 C", "2.5 MPa", "12 kW", "20 m3/h"};
  const Dimension dims[] = {Dimension::temperature, Dimension::pressure, Dimension::power,
                            Dimension::volume_flow};
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(parse_quantity(texts[i & 3], dims[i & 3]));
    ++i;
  }
}
BENCHMARK(Units_Parse);

void Roots_Toms748(benchmark::State& state) {
  double c = 0.1;
  for (auto _ : state) {
    const auto r = find_root_bracketed([c](double x) { return std::cos(x) - c * x; }, 0.0, 2.0);
    benchmark::DoNotOptimize(r.x);
    c = c < 1.0 ? c + 1e-3 : 0.1;
  }
}
BENCHMARK(Roots_Toms748);

void Roots_Newton(benchmark::State& state) {
  double c = 2.0;
  for (auto _ : state) {
    const auto r = find_root_newton(
        [c](double x) {
          return std::pair{x * x * x - c, 3 * x * x};
        },
        1.0, 0.0, 3.0);
    benchmark::DoNotOptimize(r.x);
    c = c < 20.0 ? c + 1e-3 : 2.0;
  }
}
BENCHMARK(Roots_Newton);

void Interp_Bicubic(benchmark::State& state) {
  const int n = 200;
  std::vector<double> x(n), y(n), z(n * n);
  for (int i = 0; i < n; ++i) x[i] = y[i] = i / double(n - 1);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) z[i * n + j] = std::sin(3 * x[i]) * std::cos(2 * y[j]);
  GridInterpolator2D f(x, y, z);
  double q = 0.0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f(q, 1.0 - q));
    q += 0.000731;
    if (q > 1.0) q -= 1.0;
  }
}
BENCHMARK(Interp_Bicubic);

}  // namespace
