#include "heatlift/fleet/uncertainty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/fleet/scenario_params.hpp"
#include "heatlift/fleet/scenario_registry.hpp"

namespace heatlift::fleet {
namespace {

struct Resolved {
  ParameterInfo info;
  std::vector<double*> scalars;
  std::vector<Path*> paths;
};

ParameterInfo scalar(const core::ParamDecl& p) {
  return {false, &p};
}
/// A factor on a path whose values are declared by `p`.
ParameterInfo factor(const core::ParamDecl& p) {
  return {true, &p};
}

/// A number of every segment Monte Carlo may draw (besides the paths, kSegmentPaths, and the
/// growth models' numbers, detail::growth_models()), by its declaration.
struct SegmentScalar {
  std::string_view field;  ///< as written after segments.<name>.
  const core::BlockDecl& block;
  std::string_view key;
  double& (*get)(Segment&);
};
const SegmentScalar kSegmentScalars[] = {
    {"lifetime.scale", detail::kLifetimeBlock, "scale",
     [](Segment& s) -> double& { return s.lifetime.scale; }},
    {"lifetime.shape", detail::kLifetimeBlock, "shape",
     [](Segment& s) -> double& { return s.lifetime.shape; }},
    {"design_load_share", detail::kSegmentBlock, "design_load_share",
     [](Segment& s) -> double& { return s.design_load_share; }},
    {"prehistory_growth", detail::kSegmentBlock, "prehistory_growth",
     [](Segment& s) -> double& { return s.prehistory_growth; }},
};

// The fields of a segment an [[uncertainty]] block may name, from the tables above.
std::string segment_fields() {
  std::string paths, scalars;
  for (const detail::SegmentPath& f : detail::kSegmentPaths)
    paths += fmt::format("{}{}", paths.empty() ? "" : ", ", f.key);
  for (const SegmentScalar& f : kSegmentScalars)
    scalars += fmt::format("{}{}", scalars.empty() ? "" : ", ", f.field);
  for (const detail::GrowthModel& m : detail::growth_models()) {
    for (const detail::GrowthScalar& g : m.scalars) scalars += fmt::format(", growth.{}", g.key);
  }
  return fmt::format(
      "{} (paths: the draw is a factor such as \"110 %\"); {} (values with their unit)", paths,
      scalars);
}

// The error for a parameter that names nothing the draws can change.
InvalidInput unknown_parameter(const std::string& p, const std::string& why) {
  return InvalidInput(
      fmt::format("uncertainty parameter '{}': {}; allowed: {}", p, why, allowed_parameters()));
}

// sources.<name>.efficiency or .emission_factor.
Resolved resolve_source(Scenario& sc, const std::string& p) {
  auto unknown = [&](const std::string& why) { return unknown_parameter(p, why); };
  Resolved r;
  const auto dot = p.find('.', 8);
  if (dot == std::string::npos) throw unknown("expected sources.<name>.<field>");
  const std::string name = p.substr(8, dot - 8);
  const std::string field = p.substr(dot + 1);
  auto it = sc.sources.find(name);
  if (it == sc.sources.end()) throw unknown(fmt::format("no heat source '{}'", name));
  if (field == "efficiency") {
    r.info = scalar(detail::kSourceBlock.param("efficiency"));
    r.scalars.push_back(&it->second.efficiency);
  } else if (field == "emission_factor") {
    if (it->second.electric) {
      throw unknown(fmt::format(
          "heat source '{}' is electric and uses the grid factor; give 'grid' instead", name));
    }
    r.info = scalar(detail::kSourceBlock.param("emission_factor"));
    r.scalars.push_back(&it->second.emission_factor);
  } else {
    throw unknown(fmt::format("heat sources have no field '{}'", field));
  }
  return r;
}

// A path field of the segments (the draw is a factor on it); false if `field` is none.
bool resolve_segment_path(const std::string& field, const std::vector<Segment*>& segs,
                          Resolved& r) {
  for (const detail::SegmentPath& f : detail::kSegmentPaths) {
    if (field != f.key) continue;
    r.info = factor(detail::kSegmentBlock.param(f.key));
    for (Segment* s : segs) r.paths.push_back(&(s->*f.member));
    return true;
  }
  return false;
}

// A number of the growth model the segments use (growth.<key>).
void resolve_growth(const std::string& p, const std::string& key, const std::vector<Segment*>& segs,
                    Resolved& r) {
  for (const detail::GrowthModel& m : detail::growth_models()) {
    for (const detail::GrowthScalar& g : m.scalars) {
      if (g.key != key) continue;
      for (Segment* s : segs) {
        if (s->growth.kind != m.kind) {
          throw unknown_parameter(
              p, fmt::format("segment '{}' does not use the {} growth model", s->name, m.name));
        }
      }
      r.info = scalar(m.block->param(key));
      for (Segment* s : segs) r.scalars.push_back(&(s->growth.*g.member));
      return;
    }
  }
  throw unknown_parameter(p, fmt::format("no growth field '{}'", key));
}

// A scalar field of the segments (the draw is a value with its unit).
void resolve_segment_scalar(const std::string& p, const std::string& field,
                            const std::vector<Segment*>& segs, Resolved& r) {
  if (field.rfind("growth.", 0) == 0) return resolve_growth(p, field.substr(7), segs, r);
  for (const SegmentScalar& f : kSegmentScalars) {
    if (field != f.field) continue;
    r.info = scalar(f.block.param(f.key));
    for (Segment* s : segs) r.scalars.push_back(&f.get(*s));
    return;
  }
  throw unknown_parameter(p, fmt::format("segments have no uncertain field '{}'", field));
}

// Finds what `parameter` names in `sc`; the pointers point into `sc`.
Resolved resolve(Scenario& sc, std::string_view parameter) {
  const std::string p(parameter);
  auto unknown = [&](const std::string& why) { return unknown_parameter(p, why); };
  Resolved r;
  if (p == "grid") {
    r.info = factor(detail::kScenarioBlock.param("grid"));
    r.paths.push_back(&sc.grid);
    return r;
  }
  if (p.rfind("sources.", 0) == 0) return resolve_source(sc, p);
  if (p == "cells.heat" || p == "cells.efficiency") {
    const bool heat = p == "cells.heat";
    r.info = scalar(detail::kCellsBlock.param(heat ? "heat" : "efficiency"));
    r.scalars.push_back(heat ? &sc.cells.heat : &sc.cells.efficiency);
    return r;
  }
  if (p.rfind("segments.", 0) != 0) throw unknown("it names nothing in the scenario");
  const auto dot = p.find('.', 9);
  if (dot == std::string::npos) throw unknown("expected segments.<name or *>.<field>");
  const std::string name = p.substr(9, dot - 9);
  const std::string field = p.substr(dot + 1);
  std::vector<Segment*> segs;
  for (auto& s : sc.segments) {
    if (name == "*" || s.name == name) segs.push_back(&s);
  }
  if (segs.empty()) throw unknown(fmt::format("no segment '{}'", name));
  if (!resolve_segment_path(field, segs, r)) resolve_segment_scalar(p, field, segs, r);
  return r;
}

// splitmix64: a small, well-mixed generator; one stream per sample.
struct Stream {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in (0, 1): never exactly 0 or 1.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
};

double draw_one(const Uncertainty& u, Stream& rng) {
  using D = Uncertainty::Distribution;
  switch (u.distribution) {
    case D::uniform: return u.a + (u.b - u.a) * rng.uniform();
    case D::triangular: {
      const double x = rng.uniform();
      const double lo = u.a, mode = u.b, hi = u.c;
      const double f = (mode - lo) / (hi - lo);
      return x < f ? lo + std::sqrt(x * (hi - lo) * (mode - lo))
                   : hi - std::sqrt((1.0 - x) * (hi - lo) * (hi - mode));
    }
    case D::normal: {
      // Box–Muller; a value outside the parameter's valid range is drawn again (the
      // parser requires mean ± 3 sd inside it, so this is rare).
      for (int attempt = 0; attempt < 1000; ++attempt) {
        const double r = std::sqrt(-2.0 * std::log(rng.uniform()));
        const double v = u.a + u.b * r * std::cos(2.0 * M_PI * rng.uniform());
        if (v >= u.lo && v <= u.hi) return v;
      }
      throw OutOfRange(
          fmt::format("{}: uncertainty '{}': the normal distribution keeps falling "
                      "outside the valid range",
                      u.where, u.parameter));
    }
  }
  return u.a;
}

// The parameters one engine does not read: their draws cannot move its bands, which a user
// reading the bands must know. The bottom-up engine takes heat, efficiency, sizing and
// back-up from the cells (a factor on the whole SPF path cancels in its vintage ratio); the
// top-down engine has no cells.
void note_unused_draws(const Scenario& sc, bool bottom_up) {
  static const std::string_view kTopDownOnly[] = {"heat_per_unit",       "spf",
                                                  "cop_design",          "capacity",
                                                  "backup_share",        "design_heat_load",
                                                  "backup_design_share", "design_load_share"};
  for (const Uncertainty& u : sc.uncertainty) {
    const std::string& p = u.parameter;
    bool unused = false;
    if (bottom_up && p.rfind("segments.", 0) == 0) {
      const std::string field = p.substr(p.find('.', 9) + 1);
      for (std::string_view f : kTopDownOnly) unused = unused || field == f;
    } else if (!bottom_up) {
      unused = p.rfind("cells.", 0) == 0;
    }
    if (unused) {
      core::notice(fmt::format(
          "{}: uncertainty '{}': the {} engine does not read it, so its draws do not move the "
          "bands",
          u.where, p, bottom_up ? "bottom-up" : "top-down"));
    }
  }
}

}  // namespace

std::string allowed_parameters() {
  return fmt::format(
      "grid (a factor on the grid path), sources.<name>.efficiency, "
      "sources.<name>.emission_factor, cells.heat, cells.efficiency (bottom-up engine), "
      "segments.<name or *>.<field> with field one of {}",
      segment_fields());
}

ParameterInfo describe_parameter(const Scenario& sc, std::string_view parameter) {
  Scenario copy = sc;
  return resolve(copy, parameter).info;
}

std::string factor_problem(const Scenario& sc, std::string_view parameter, double lo, double hi) {
  Scenario copy = sc;
  const Resolved r = resolve(copy, parameter);
  if (!r.info.path) return {};
  for (const Path* path : r.paths) {
    for (const double v : path->values) {
      for (const double f : {lo, hi}) {
        if (!r.info.param->range.contains(v * f)) {
          return fmt::format("the factor {:g} % takes a value of {} outside its range {}",
                             f * 100.0, parameter, r.info.param->range.text);
        }
      }
    }
  }
  return {};
}

std::vector<double> draw(const Scenario& sc, std::uint64_t seed, std::uint64_t index) {
  Stream seeder{seed};
  Stream rng{seeder.next() ^ (index * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL)};
  rng.next();
  std::vector<double> out;
  out.reserve(sc.uncertainty.size());
  for (const auto& u : sc.uncertainty) out.push_back(draw_one(u, rng));
  return out;
}

Scenario apply_draws(const Scenario& sc, const std::vector<double>& draws) {
  if (draws.size() != sc.uncertainty.size()) {
    throw InternalError(fmt::format("apply_draws: {} draws for {} uncertainties", draws.size(),
                                    sc.uncertainty.size()));
  }
  Scenario out = sc;
  for (std::size_t i = 0; i < draws.size(); ++i) {
    const Uncertainty& u = sc.uncertainty[i];
    Resolved r = resolve(out, u.parameter);
    for (double* v : r.scalars) *v = draws[i];
    for (Path* path : r.paths) {
      for (double& v : path->values) {
        v *= draws[i];
        if (!r.info.param->range.contains(v)) {
          throw OutOfRange(
              fmt::format("{}: uncertainty '{}': the factor {:.3g} takes a value outside its "
                          "range {}; narrow the distribution",
                          u.where, u.parameter, draws[i], r.info.param->range.text));
        }
      }
    }
  }
  return out;
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return NAN;
  for (double x : v) {
    if (std::isnan(x)) return NAN;
  }
  const double h = (static_cast<double>(v.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
  const double a = v[lo];
  if (lo + 1 >= v.size()) return a;
  const double b = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end());
  return a + (h - static_cast<double>(lo)) * (b - a);
}

const Band& Bands::group(std::string_view name) const {
  for (const auto& g : groups) {
    if (g.group == name) return g;
  }
  throw DataMissing(fmt::format("no band group '{}' in scenario '{}'", name, scenario));
}

void check_monte_carlo(const Scenario& sc, int samples, bool bottom_up) {
  if (sc.uncertainty.empty()) {
    throw InvalidInput(fmt::format(
        "{}: scenario '{}' declares no [[uncertainty]] block, so --samples has nothing to draw",
        sc.file, sc.name));
  }
  if (samples < 1) {
    throw InvalidInput(
        fmt::format("--samples: {} is not a sample count; expected 1 or more", samples));
  }
  note_unused_draws(sc, bottom_up);
}

Bands gather_bands(const Scenario& sc, const Results& central, int samples, std::uint64_t seed,
                   const std::vector<double>& values) {
  const std::size_t n_groups = central.groups.size();
  const auto n_years = static_cast<std::size_t>(central.years());
  const auto n = static_cast<std::size_t>(samples);
  if (samples < 1 || values.size() != n_groups * kIndicatorCount * n_years * n) {
    throw InternalError(fmt::format("Monte Carlo: {} values for {} samples of {} groups × {} years",
                                    values.size(), samples, n_groups, n_years));
  }
  Bands b;
  b.scenario = sc.name;
  b.samples = samples;
  b.seed = seed;
  b.first_year = central.first_year;
  b.last_year = central.last_year;
  std::vector<double> cell(n);
  for (std::size_t g = 0; g < n_groups; ++g) {
    Band band;
    band.group = central.groups[g].name;
    for (std::size_t k = 0; k < kIndicatorCount; ++k) {
      band.p5.values[k].resize(n_years);
      band.p50.values[k].resize(n_years);
      band.p95.values[k].resize(n_years);
      for (std::size_t y = 0; y < n_years; ++y) {
        const double* src = &values[((g * kIndicatorCount + k) * n_years + y) * n];
        cell.assign(src, src + n);
        band.p5.values[k][y] = percentile(cell, 0.05);
        band.p50.values[k][y] = percentile(cell, 0.50);
        band.p95.values[k][y] = percentile(cell, 0.95);
      }
    }
    b.groups.push_back(std::move(band));
  }
  return b;
}

Bands monte_carlo(const Scenario& sc, int samples, std::uint64_t seed, unsigned threads,
                  const FleetPhysics* physics) {
  check_monte_carlo(sc, samples, physics != nullptr);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(samples));

  const Results central = run(sc, physics);
  const std::size_t n_groups = central.groups.size();
  const auto n_years = static_cast<std::size_t>(central.years());
  const std::size_t n_cells = n_groups * kIndicatorCount * n_years;
  const auto n = static_cast<std::size_t>(samples);
  // values[cell * n + sample]: each sample writes its own slots, so no locking is needed.
  std::vector<double> values(n_cells * n);

  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&](unsigned t) {
    try {
      for (std::size_t i = t; i < n; i += threads) {
        const Results r = run(apply_draws(sc, draw(sc, seed, i)), physics);
        for (std::size_t g = 0; g < n_groups; ++g) {
          for (std::size_t k = 0; k < kIndicatorCount; ++k) {
            const auto& series = r.groups[g].series.values[k];
            for (std::size_t y = 0; y < n_years; ++y) {
              values[((g * kIndicatorCount + k) * n_years + y) * n + i] = series[y];
            }
          }
        }
      }
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);
  return gather_bands(sc, central, samples, seed, values);
}

}  // namespace heatlift::fleet
