#include "heatlift/fleet/regions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "heatlift/core/error.hpp"

namespace heatlift::fleet {
namespace {

using I = Indicator;

SeriesGroup zero_like(const SeriesGroup& g) {
  SeriesGroup z{g.name, g.kind, {}, {}, {}, {}};
  const std::size_t n = g.series[I::sales].size();
  for (auto& v : z.series.values) v.assign(n, 0.0);
  z.baseline.replaced_fuel_co2.assign(n, 0.0);
  z.baseline.replaced_electricity.assign(n, 0.0);
  z.peak_hour.assign(g.peak_hour.size(), 0);
  return z;
}

// Bottom-up: a province's segment from the national stock moments (times the province's
// share) and the province's own unit: the indicators the physics gives.
void physics_segment(const SeriesGroup& national, const UnitVariants& u, const CellFactors& f,
                     double share, std::size_t n, SeriesGroup& pg) {
  for (std::size_t k = 0; k < n; ++k) {
    const PhysicsTotals t = physics_totals(national.moments, u, k, f, share);
    pg.series[I::heat][k] = t.heat;
    pg.series[I::electricity][k] = t.electricity;
    pg.series[I::capacity][k] = t.capacity;
    pg.series[I::floor_area][k] = t.floor_area;
    pg.baseline.replaced_fuel_co2[k] = t.replaced_fuel_co2;
    pg.baseline.replaced_electricity[k] = t.replaced_electricity;
  }
}

// Bottom-up: the winter peak of every group of every region, coincident over the region's
// provinces and the group's segments: the highest hour of their summed typical-year load.
void physics_peaks(const Scenario& sc, const Results& national, const FleetPhysics& ph,
                   const ProvinceTable& table, std::vector<Region>& regions) {
  const std::size_t n_prov = table.provinces.size();
  std::vector<double> load(ph.hours);
  for (Region& r : regions) {
    std::vector<std::size_t> provinces;
    for (std::size_t pi = 0; pi < n_prov; ++pi) {
      const auto& p = table.provinces[pi];
      if (r.level == RegionLevel::country || r.code == p.iso_code ||
          (r.level == RegionLevel::zone && r.code == climate::to_string(p.zone))) {
        provinces.push_back(pi);
      }
    }
    for (std::size_t gi = 0; gi < r.groups.size(); ++gi) {
      SeriesGroup& g = r.groups[gi];
      for (std::size_t k = 0; k < g.peak_hour.size(); ++k) {
        hourly_load(sc, national, ph, provinces, gi, k, load);
        const auto it = std::max_element(load.begin(), load.end());
        g.series[I::winter_peak][k] = it == load.end() ? 0.0 : *it;
        g.peak_hour[k] = it == load.end() ? 0 : static_cast<int>(it - load.begin());
      }
    }
  }
}

void national_only(std::vector<SeriesGroup>& groups) {
  for (auto& g : groups) {
    auto& a = g.series[I::kigali_allowance];
    std::fill(a.begin(), a.end(), std::numeric_limits<double>::quiet_NaN());
  }
}

// Sums `regions[members]` group by group into a new region.
Region sum_of(std::string code, std::string zh, std::string en, RegionLevel level,
              const std::vector<Region>& regions, const std::vector<std::size_t>& members,
              const std::vector<SeriesGroup>& layout) {
  Region r{std::move(code), std::move(zh), std::move(en), level, {}};
  for (const auto& g : layout) r.groups.push_back(zero_like(g));
  for (std::size_t m : members) {
    for (std::size_t gi = 0; gi < r.groups.size(); ++gi)
      add_into(r.groups[gi], regions[m].groups[gi]);
  }
  national_only(r.groups);
  return r;
}

}  // namespace

std::string_view to_string(RegionLevel l) {
  switch (l) {
    case RegionLevel::province: return "province";
    case RegionLevel::zone: return "zone";
    case RegionLevel::country: return "country";
  }
  return "";
}

std::vector<double> allocation_shares(const ProvinceTable& table, EndUse end_use) {
  const bool sh = end_use == EndUse::space_heating;
  std::vector<double> shares(table.provinces.size(), 0.0);
  double given = 0.0, key_sum = 0.0;
  std::size_t open = 0;
  for (const auto& p : table.provinces) {
    const auto& s = sh ? p.share_sh : p.share_hw;
    if (s) {
      given += *s;
    } else {
      key_sum += sh ? p.population * p.hdd18 : p.population;
      ++open;
    }
  }
  const std::string_view column = sh ? "share_space_heating_pct" : "share_hot_water_pct";
  if (given > 1.0 + 1e-9) {
    throw InvalidInput(fmt::format("{}: {}: the given shares add up to {:.6g} %, more than 100 %",
                                   table.source, column, given * 100.0));
  }
  if (open == 0 && std::abs(given - 1.0) > 1e-6) {
    throw InvalidInput(fmt::format(
        "{}: {}: every province has a share and they add up to {:.6g} %, expected 100 %",
        table.source, column, given * 100.0));
  }
  for (std::size_t i = 0; i < table.provinces.size(); ++i) {
    const auto& p = table.provinces[i];
    const auto& s = sh ? p.share_sh : p.share_hw;
    if (s)
      shares[i] = *s;
    else
      shares[i] = (1.0 - given) * (sh ? p.population * p.hdd18 : p.population) / key_sum;
  }
  return shares;
}

const Region& RegionalResults::region(std::string_view code) const {
  for (const auto& r : regions) {
    if (r.code == code) return r;
  }
  throw DataMissing(fmt::format("no region '{}' in the regional results of '{}'", code, scenario));
}

double RegionalResults::value(std::string_view region_code, std::string_view group, Indicator i,
                              int year) const {
  if (year < first_year || year > last_year) {
    throw OutOfRange(
        fmt::format("year {} is outside the results {}..{}", year, first_year, last_year));
  }
  for (const auto& g : region(region_code).groups) {
    if (g.name == group) return g.series[i][static_cast<std::size_t>(year - first_year)];
  }
  throw DataMissing(fmt::format("no result group '{}' in region '{}'", group, region_code));
}

void hourly_load(const Scenario& sc, const Results& national, const FleetPhysics& physics,
                 std::span<const std::size_t> provinces, std::size_t group, std::size_t k,
                 std::vector<double>& load) {
  const std::size_t n_seg = sc.segments.size();
  if (group >= national.groups.size()) {
    throw InternalError(fmt::format("hourly_load: no result group {} in '{}'", group, sc.name));
  }
  const SeriesGroup& g = national.groups[group];
  load.assign(physics.hours, 0.0);
  for (std::size_t si = 0; si < n_seg; ++si) {
    const bool member = group < n_seg
                            ? si == group
                            : g.kind == "total" || to_string(sc.segments[si].end_use) == g.name;
    if (!member) continue;
    const StockMoments& m = national.groups[si].moments;
    for (std::size_t pi : provinces) {
      add_hourly_load(m, physics.units[si][pi], k, sc.cells, physics.shares[si][pi], load);
    }
  }
}

RegionalResults allocate(const Scenario& sc, const Results& national, const ProvinceTable& table,
                         const FleetPhysics* physics) {
  RegionalResults out;
  out.scenario = national.scenario;
  out.first_year = national.first_year;
  out.last_year = national.last_year;
  out.milestones = national.milestones;
  const auto n = static_cast<std::size_t>(national.years());

  // The end use of each national group (segments), or which segments it sums.
  std::vector<const Segment*> segment_of(national.groups.size(), nullptr);
  for (std::size_t gi = 0; gi < national.groups.size(); ++gi) {
    const auto& g = national.groups[gi];
    if (g.kind != "segment") continue;
    for (const auto& s : sc.segments) {
      if (s.name == g.name) segment_of[gi] = &s;
    }
    if (segment_of[gi] == nullptr) {
      throw InternalError(
          fmt::format("regions: result group '{}' is not a segment of '{}'", g.name, sc.name));
    }
  }
  const std::array<std::vector<double>, 2> shares{allocation_shares(table, EndUse::space_heating),
                                                  allocation_shares(table, EndUse::hot_water)};
  const Path& grid = grid_path(sc);
  std::vector<double> grid_by_year(n);
  for (std::size_t k = 0; k < n; ++k)
    grid_by_year[k] = grid.at(national.first_year + static_cast<int>(k));

  for (std::size_t pi = 0; pi < table.provinces.size(); ++pi) {
    const accounting::Province& p = table.provinces[pi];
    Region r{p.iso_code, p.name_zh, p.name_en, RegionLevel::province, {}};
    r.groups.reserve(national.groups.size());
    for (std::size_t gi = 0; gi < national.groups.size(); ++gi) {
      const SeriesGroup& g = national.groups[gi];
      SeriesGroup pg = zero_like(g);
      if (segment_of[gi] != nullptr) {
        const double s = shares[segment_of[gi]->end_use == EndUse::space_heating ? 0 : 1][pi];
        for (std::size_t i = 0; i < kIndicatorCount; ++i) {
          const auto& src = g.series.values[i];
          auto& dst = pg.series.values[i];
          for (std::size_t k = 0; k < n; ++k) dst[k] = s * src[k];
        }
        if (physics != nullptr) {
          const auto si = static_cast<std::size_t>(segment_of[gi] - sc.segments.data());
          physics_segment(g, physics->units[si][pi], sc.cells, s, n, pg);
        }
        for (std::size_t k = 0; k < n; ++k) {
          const double fuel = physics != nullptr ? pg.baseline.replaced_fuel_co2[k]
                                                 : s * g.baseline.replaced_fuel_co2[k];
          const double replaced = physics != nullptr ? pg.baseline.replaced_electricity[k]
                                                     : s * g.baseline.replaced_electricity[k];
          const double gross =
              fuel + p.grid_ratio * grid_by_year[k] * (replaced - pg.series[I::electricity][k]);
          pg.baseline.replaced_fuel_co2[k] = fuel;
          pg.baseline.replaced_electricity[k] = replaced;
          pg.series[I::co2_reduction_gross][k] = gross;
          pg.series[I::co2_reduction_net][k] = gross - pg.series[I::refrigerant_emissions][k];
        }
      } else {
        // An end use or the total: the sum of this province's segments.
        for (std::size_t si = 0; si < gi; ++si) {
          if (segment_of[si] == nullptr) continue;
          const bool member = g.kind == "total" || to_string(segment_of[si]->end_use) == g.name;
          if (member) add_into(pg, r.groups[si]);
        }
      }
      r.groups.push_back(std::move(pg));
    }
    national_only(r.groups);
    out.regions.push_back(std::move(r));
  }

  const std::size_t n_provinces = out.regions.size();
  for (const climate::Zone z : climate::kAllZones) {
    std::vector<std::size_t> members;
    for (std::size_t pi = 0; pi < n_provinces; ++pi) {
      if (table.provinces[pi].zone == z) members.push_back(pi);
    }
    out.regions.push_back(sum_of(std::string(climate::to_string(z)),
                                 std::string(climate::name_zh(z)), std::string(climate::name_en(z)),
                                 RegionLevel::zone, out.regions, members, national.groups));
  }
  std::vector<std::size_t> all(n_provinces);
  for (std::size_t pi = 0; pi < n_provinces; ++pi) all[pi] = pi;
  out.regions.push_back(
      sum_of("CN", "全国", "China", RegionLevel::country, out.regions, all, national.groups));
  if (physics != nullptr) physics_peaks(sc, national, *physics, table, out.regions);
  return out;
}

}  // namespace heatlift::fleet
