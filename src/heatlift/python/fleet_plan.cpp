#include "heatlift/python/fleet_plan.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/fleet/regions_io.hpp"
#include "heatlift/fleet/scenario_io.hpp"

namespace heatlift::python {
namespace {

// The scalars of a CellResult (const or not) in pack order.
template <class R>
auto scalars(R& r) {
  return std::array{
      &r.heat,  &r.hp_heat,  &r.unit_electricity, &r.aux_electricity, &r.backup_electricity,
      &r.unmet, &r.capacity, &r.design_load,      &r.peak_electric,   &r.spf_h4};
}

template <class T>
void put(std::string& out, const T* data, std::size_t n) {
  out.append(reinterpret_cast<const char*>(data), n * sizeof(T));
}

template <class T>
void get(std::string_view& in, T* data, std::size_t n) {
  if (in.size() < n * sizeof(T)) throw InvalidInput("fleet plan: truncated cell results");
  std::memcpy(data, in.data(), n * sizeof(T));
  in.remove_prefix(n * sizeof(T));
}

}  // namespace

std::string FleetPlan::pack(const std::vector<fleet::CellResult>& results) {
  std::string out;
  const std::uint64_t n = results.size();
  put(out, &n, 1);
  for (const fleet::CellResult& r : results) {
    for (const double* v : scalars(r)) put(out, v, 1);
    const std::int64_t hour = r.peak_hour;
    const std::uint64_t sizes[2] = {r.unit_load.size(), r.other_load.size()};
    put(out, &hour, 1);
    put(out, sizes, 2);
    put(out, r.unit_load.data(), r.unit_load.size());
    put(out, r.other_load.data(), r.other_load.size());
  }
  return out;
}

std::vector<fleet::CellResult> FleetPlan::unpack(std::string_view in) {
  std::uint64_t n = 0;
  get(in, &n, 1);
  if (n > in.size()) throw InvalidInput("fleet plan: malformed cell results");
  std::vector<fleet::CellResult> out(n);
  for (fleet::CellResult& r : out) {
    for (double* v : scalars(r)) get(in, v, 1);
    std::int64_t hour = 0;
    std::uint64_t sizes[2] = {0, 0};
    get(in, &hour, 1);
    get(in, sizes, 2);
    if (sizes[0] > in.size() || sizes[1] > in.size())
      throw InvalidInput("fleet plan: malformed cell results");
    r.peak_hour = static_cast<int>(hour);
    r.unit_load.resize(sizes[0]);
    r.other_load.resize(sizes[1]);
    get(in, r.unit_load.data(), sizes[0]);
    get(in, r.other_load.data(), sizes[1]);
  }
  if (!in.empty()) throw InvalidInput("fleet plan: trailing bytes after the cell results");
  return out;
}

FleetPlan::FleetPlan(const Session& session, const std::string& scenario,
                     const std::optional<std::string>& catalogue, const std::string& origin,
                     bool bottom_up)
    : session_(&session),
      scenario_(fleet::load_scenario(session.data(), scenario)),
      bottom_up_(bottom_up),
      weighed_(!bottom_up) {
  if (!bottom_up) return;
  provinces_ = fleet::load_provinces(session.data());
  catalogue_ = std::make_unique<fleet::CellCatalogue>(
      catalogue ? fleet::parse_cell_catalogue(*catalogue, origin)
                : fleet::load_cell_catalogue(session.data()));
  physics_ = fleet::enumerate_cells(scenario_, provinces_, *catalogue_);
}

const fleet::FleetPhysics* FleetPlan::physics() const {
  return bottom_up_ ? &physics_ : nullptr;
}

std::vector<fleet::CellResult> FleetPlan::simulate(const std::vector<std::size_t>& indices,
                                                   unsigned threads) const {
  std::vector<fleet::CellSpec> subset;
  subset.reserve(indices.size());
  for (std::size_t i : indices) {
    if (i >= physics_.cells.size()) {
      throw InvalidInput(fmt::format("fleet plan: cell {} of {}", i, physics_.cells.size()));
    }
    subset.push_back(physics_.cells[i]);
  }
  return fleet::simulate_cells(subset, session_->site(), threads);
}

void FleetPlan::weigh(std::vector<fleet::CellResult> results) {
  if (!bottom_up_) throw InternalError("fleet plan: the top-down engine has no cells to weigh");
  if (results.size() != physics_.cells.size()) {
    throw InvalidInput(fmt::format("fleet plan: {} cell results for {} cells", results.size(),
                                   physics_.cells.size()));
  }
  physics_.results = std::move(results);
  fleet::weigh_cells(scenario_, provinces_, physics_);
  weighed_ = true;
}

fleet::Results FleetPlan::run() const {
  if (!weighed_) throw InternalError("fleet plan: run before the cells were weighed");
  return fleet::run(scenario_, physics());
}

void FleetPlan::check_samples(int samples) const {
  fleet::check_monte_carlo(scenario_, samples, bottom_up_);
}

std::vector<double> FleetPlan::sample_values(std::uint64_t seed, std::size_t first,
                                             std::size_t count) const {
  if (!weighed_) throw InternalError("fleet plan: samples before the cells were weighed");
  std::vector<double> out;
  for (std::size_t i = first; i < first + count; ++i) {
    const fleet::Results r =
        fleet::run(fleet::apply_draws(scenario_, fleet::draw(scenario_, seed, i)), physics());
    const auto n_years = static_cast<std::size_t>(r.years());
    for (const auto& g : r.groups) {
      for (const auto& series : g.series.values) {
        for (std::size_t y = 0; y < n_years; ++y) out.push_back(series[y]);
      }
    }
  }
  return out;
}

fleet::Bands FleetPlan::bands(int samples, std::uint64_t seed,
                              const std::vector<double>& values) const {
  const fleet::Results central = run();
  const std::size_t n_cells =
      central.groups.size() * fleet::kIndicatorCount * static_cast<std::size_t>(central.years());
  const auto n = static_cast<std::size_t>(samples);
  if (samples < 1 || values.size() != n_cells * n) {
    throw InternalError(fmt::format("fleet plan: {} sample values for {} samples of {}",
                                    values.size(), samples, n_cells));
  }
  // sample-major (as the samples come back) to the engine's cell-major layout
  std::vector<double> by_cell(values.size());
  for (std::size_t s = 0; s < n; ++s) {
    for (std::size_t c = 0; c < n_cells; ++c) by_cell[c * n + s] = values[s * n_cells + c];
  }
  return fleet::gather_bands(scenario_, central, samples, seed, by_cell);
}

}  // namespace heatlift::python
