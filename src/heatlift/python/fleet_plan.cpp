#include "heatlift/python/fleet_plan.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/fleet/regions_io.hpp"
#include "heatlift/fleet/scenario_io.hpp"

namespace heatlift::python {
namespace {

// The station query of a province: the id of its "id name" station (as simulate_fleet).
std::string station_query(const accounting::Province& p) {
  return p.station.substr(0, p.station.find(' '));
}

void add_scaled(std::vector<double>& sum, const std::vector<float>& v, double w) {
  if (sum.size() < v.size()) sum.resize(v.size(), 0.0);
  for (std::size_t h = 0; h < v.size(); ++h) sum[h] += w * v[h];
}

void add_unit(fleet::UnitPhysics& sum, const fleet::UnitPhysics& x, double w) {
  sum.heat += w * x.heat;
  sum.hp_heat += w * x.hp_heat;
  sum.unit_electricity += w * x.unit_electricity;
  sum.aux_electricity += w * x.aux_electricity;
  sum.backup_electricity += w * x.backup_electricity;
  sum.capacity += w * x.capacity;
  sum.floor_area += w * x.floor_area;
  sum.design_load += w * x.design_load;
  for (std::size_t h = 0; h < x.unit_load.size(); ++h) {
    sum.unit_load[h] += w * x.unit_load[h];
    sum.other_load[h] += w * x.other_load[h];
  }
}

// simulate_fleet's enumeration: the distinct cells and their uses.
void enumerate(const fleet::Scenario& sc, const fleet::ProvinceTable& table,
               const fleet::CellCatalogue& catalogue, fleet::FleetPhysics& fp) {
  for (const fleet::Segment& s : sc.segments) fp.segments.push_back(s.name);
  for (const auto& p : table.provinces) fp.provinces.push_back(p.iso_code);
  std::map<std::string, std::size_t> index;
  for (std::size_t si = 0; si < sc.segments.size(); ++si) {
    const fleet::Segment& seg = sc.segments[si];
    const std::vector<fleet::CellChoice>* choices = catalogue.find(seg.name);
    if (choices == nullptr) {
      throw InvalidInput(
          fmt::format("{}: no cells for segment '{}' of scenario {} (every "
                      "segment needs its installations)",
                      catalogue.origin, seg.name, sc.name));
    }
    for (std::size_t pi = 0; pi < table.provinces.size(); ++pi) {
      const accounting::Province& p = table.provinces[pi];
      for (const fleet::CellChoice& c : *choices) {
        if (std::find(c.zones.begin(), c.zones.end(), p.zone) == c.zones.end()) continue;
        if (c.spec.end_use != seg.end_use) {
          throw InvalidInput(fmt::format("{}: segments.{}.cells: a {} cell for a {} segment",
                                         c.where, seg.name, fleet::to_string(c.spec.end_use),
                                         fleet::to_string(seg.end_use)));
        }
        for (std::size_t variant = 0; variant < 2; ++variant) {
          fleet::CellSpec spec = c.spec;
          spec.place = station_query(p);
          spec.keep_hourly = true;
          if (variant == 1) spec.cover = std::max(spec.cover, 1.0);
          const std::string key =
              fmt::format("{}|{}|{:.17g}", spec.demand_key(), spec.product, spec.cover);
          auto [it, added] = index.emplace(key, fp.cells.size());
          if (added) fp.cells.push_back(spec);
          fp.uses.push_back({si, pi, variant, it->second, c.weight, &c});
        }
      }
    }
  }
}

// simulate_fleet's weighting: the units of every segment and province, then the nation's.
void weigh_units(const fleet::Scenario& sc, const fleet::ProvinceTable& table,
                 fleet::FleetPhysics& fp) {
  fp.units.assign(sc.segments.size(), std::vector<fleet::UnitVariants>(table.provinces.size()));
  for (const fleet::FleetPhysics::Use& u : fp.uses) {
    const fleet::CellResult& r = fp.results[u.cell];
    fleet::UnitPhysics& x = fp.units[u.segment][u.province][u.variant];
    const double w = u.weight;
    x.heat += w * r.heat;
    x.hp_heat += w * r.hp_heat;
    x.unit_electricity += w * r.unit_electricity;
    x.aux_electricity += w * r.aux_electricity;
    x.backup_electricity += w * r.backup_electricity;
    x.capacity += w * r.capacity;
    x.design_load += w * r.design_load;
    if (fp.cells[u.cell].end_use == fleet::EndUse::space_heating)
      x.floor_area += w * fp.cells[u.cell].size;
    add_scaled(x.unit_load, r.unit_load, w);
    add_scaled(x.other_load, r.other_load, w);
    fp.hours = std::max(fp.hours, r.unit_load.size());
  }
  const std::array<std::vector<double>, 2> by_use{
      fleet::allocation_shares(table, fleet::EndUse::space_heating),
      fleet::allocation_shares(table, fleet::EndUse::hot_water)};
  fp.national.assign(sc.segments.size(), fleet::UnitVariants{});
  for (std::size_t si = 0; si < sc.segments.size(); ++si) {
    const std::vector<double>& share =
        by_use[sc.segments[si].end_use == fleet::EndUse::space_heating ? 0 : 1];
    fp.shares.push_back(share);
    for (std::size_t v = 0; v < 2; ++v) {
      fleet::UnitPhysics& n = fp.national[si][v];
      n.unit_load.assign(fp.hours, 0.0);
      n.other_load.assign(fp.hours, 0.0);
      for (std::size_t pi = 0; pi < table.provinces.size(); ++pi) {
        add_unit(n, fp.units[si][pi][v], share[pi]);
      }
    }
  }
}

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
  enumerate(scenario_, provinces_, *catalogue_, physics_);
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
  physics_.units.clear();
  physics_.shares.clear();
  physics_.national.clear();
  physics_.hours = 0;
  weigh_units(scenario_, provinces_, physics_);
  weighed_ = true;
}

fleet::Results FleetPlan::run() const {
  if (!weighed_) throw InternalError("fleet plan: run before the cells were weighed");
  return fleet::run(scenario_, physics());
}

void FleetPlan::check_samples(int samples) const {
  if (samples >= 1 && !scenario_.uncertainty.empty()) return;
  fleet::monte_carlo(scenario_, samples, 0, 1, nullptr);  // throws the engine's own error
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
  const std::size_t n_groups = central.groups.size();
  const auto n_years = static_cast<std::size_t>(central.years());
  const std::size_t n_cells = n_groups * fleet::kIndicatorCount * n_years;
  const auto n = static_cast<std::size_t>(samples);
  if (values.size() != n_cells * n) {
    throw InternalError(fmt::format("fleet plan: {} sample values for {} samples of {}",
                                    values.size(), n, n_cells));
  }
  fleet::Bands b;
  b.scenario = scenario_.name;
  b.samples = samples;
  b.seed = seed;
  b.first_year = central.first_year;
  b.last_year = central.last_year;
  std::vector<double> cell(n);
  for (std::size_t g = 0; g < n_groups; ++g) {
    fleet::Band band;
    band.group = central.groups[g].name;
    for (std::size_t k = 0; k < fleet::kIndicatorCount; ++k) {
      band.p5.values[k].resize(n_years);
      band.p50.values[k].resize(n_years);
      band.p95.values[k].resize(n_years);
      for (std::size_t y = 0; y < n_years; ++y) {
        const std::size_t c = (g * fleet::kIndicatorCount + k) * n_years + y;
        for (std::size_t s = 0; s < n; ++s) cell[s] = values[s * n_cells + c];
        band.p5.values[k][y] = fleet::percentile(cell, 0.05);
        band.p50.values[k][y] = fleet::percentile(cell, 0.50);
        band.p95.values[k][y] = fleet::percentile(cell, 0.95);
      }
    }
    b.groups.push_back(std::move(band));
  }
  return b;
}

}  // namespace heatlift::python
