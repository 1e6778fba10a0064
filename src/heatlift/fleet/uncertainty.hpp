// Monte Carlo over the distributions a scenario declares in its [[uncertainty]] blocks.
//
// Sample i of a run seeded S draws from its own random stream (seeded from S and i), so
// the result is the same for the same seed whatever the number of threads. Every sample
// is a full model run; each value (group × indicator × year) gets its percentile band
// p5 / p50 / p95 across the samples (linear interpolation between order statistics).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::core {
struct ParamDecl;  // core/params.hpp
}  // namespace heatlift::core

namespace heatlift::fleet {

/// What an uncertainty's `parameter` refers to in a scenario: the very declaration the
/// scenario reader holds the field to (`heatlift params scenario`), so a draw can never give
/// a value the file could not hold.
struct ParameterInfo {
  bool path = false;  ///< a path over years: the draw is a factor on it
  /// The field's declaration: the unit and range of a scalar's draws, or the range every
  /// value of a path must stay in.
  const core::ParamDecl* param = nullptr;
};

/// Describes `parameter` (e.g. "segments.*.spf", "segments.sh_household.lifetime.scale",
/// "grid", "sources.coal_boiler.efficiency"). Throws InvalidInput naming the parameter and
/// what is allowed when it names nothing in `sc`.
ParameterInfo describe_parameter(const Scenario& sc, std::string_view parameter);

/// For a path parameter: what goes wrong when factors from `lo` to `hi` multiply it, e.g.
/// "the factor 2 takes segments.sh_household.leak_rate to 6 %/a ... outside 0 %/a to
/// 100 %/a", or "" when every value stays in the path's declared range (and for scalars).
std::string factor_problem(const Scenario& sc, std::string_view parameter, double lo, double hi);

/// The parameters an [[uncertainty]] block may name (for messages and documentation).
std::string allowed_parameters();

/// One value per uncertainty of `sc` for sample `index` of a run seeded `seed`.
std::vector<double> draw(const Scenario& sc, std::uint64_t seed, std::uint64_t index);

/// A copy of `sc` with `draws` (one per uncertainty) applied. Throws OutOfRange when a
/// factor takes a value of a path outside the path's declared range (a share above 100 %).
Scenario apply_draws(const Scenario& sc, const std::vector<double>& draws);

/// The p-th percentile (0..1) of `values` (reordered); NaN when empty or any value is NaN.
double percentile(std::vector<double>& values, double p);

struct Band {
  std::string group;
  Series p5, p50, p95;  ///< SI, same layout as the run's series
};

struct Bands {
  std::string scenario;
  int samples = 0;
  std::uint64_t seed = 0;
  int first_year = 0, last_year = 0;
  std::vector<Band> groups;                        ///< in the order of Results::groups
  const Band& group(std::string_view name) const;  ///< throws DataMissing
};

/// Checks a Monte Carlo request before any run: throws InvalidInput when the scenario
/// declares no [[uncertainty]] block or samples < 1, and notes (stderr) the uncertainties
/// the engine (`bottom_up` or top-down) does not read.
void check_monte_carlo(const Scenario& sc, int samples, bool bottom_up);

/// The p5/p50/p95 bands of `samples` runs from their values, values[cell * samples + i]
/// for sample i, cell = (group · kIndicatorCount + indicator) · years + year in `central`'s
/// groups and years (SI). Samples may be run anywhere; their bands are these.
Bands gather_bands(const Scenario& sc, const Results& central, int samples, std::uint64_t seed,
                   const std::vector<double>& values);

/// Runs `samples` draws of `sc` on `threads` threads (0: all cores). Throws InvalidInput
/// when the scenario declares no [[uncertainty]] block or samples < 1.
/// With `physics` (a bottom-up run), every sample is run on the same simulated cells: the
/// draws change the scenario (growth, grid, sources, leaks ...), not the cells.
Bands monte_carlo(const Scenario& sc, int samples, std::uint64_t seed, unsigned threads = 0,
                  const FleetPhysics* physics = nullptr);

}  // namespace heatlift::fleet
