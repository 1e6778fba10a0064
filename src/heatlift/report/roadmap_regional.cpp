// The bottom-up part of the roadmap page's data: provinces, their series, the winter peak
// days and the cells (roadmap_report.hpp, detail::regional_json).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>

#include "heatlift/climate/zones.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/report/roadmap_report.hpp"

namespace heatlift::report::detail {
namespace {

using fleet::Indicator;
using nlohmann::json;

// Four significant digits: what a chart or a tooltip shows, and a third of the page's bytes.
json rounded(double v) {
  if (std::isnan(v)) return nullptr;
  if (v == 0.0 || !std::isfinite(v)) return 0.0;
  return std::stod(fmt::format("{:.4g}", v));
}

json display(const std::vector<double>& si, Indicator i) {
  const double per = fleet::info(i).si_per_unit;
  json arr = json::array();
  for (double v : si) arr.push_back(rounded(v / per));
  return arr;
}

// The series the page draws for a region, by the kind of group: stacked segments (sales,
// stock, market value, net CO2), electricity by end use, and the total's lines, compared
// series and map indicators. roadmap.js reads nothing else from a province.
const std::vector<Indicator>& drawn(std::string_view kind) {
  using I = Indicator;
  static const std::vector<Indicator> segment{I::sales, I::stock, I::market_value,
                                              I::co2_reduction_net};
  static const std::vector<Indicator> end_use{I::electricity};
  static const std::vector<Indicator> total{I::sales,
                                            I::stock,
                                            I::market_value,
                                            I::heat,
                                            I::electricity,
                                            I::winter_peak,
                                            I::co2_reduction_gross,
                                            I::co2_reduction_net,
                                            I::refrigerant_emissions,
                                            I::hfc_consumption};
  return kind == "segment" ? segment : kind == "end_use" ? end_use : total;
}

json region_groups(const fleet::Region& r) {
  json groups = json::object();
  for (const fleet::SeriesGroup& g : r.groups) {
    json gj{{"kind", g.kind}};
    for (Indicator i : drawn(g.kind))
      gj[std::string(fleet::info(i).name)] = display(g.series[i], i);
    groups[g.name] = std::move(gj);
  }
  return groups;
}

std::size_t total_index(const fleet::Results& run) {
  for (std::size_t gi = 0; gi < run.groups.size(); ++gi) {
    if (run.groups[gi].kind == "total") return gi;
  }
  throw InternalError(fmt::format("roadmap report: '{}' has no total", run.scenario));
}

// The 24 hours of the day holding `hour`, in display units (GW).
json day_of(const std::vector<double>& load, int hour) {
  const std::size_t n = load.size();
  std::size_t start = static_cast<std::size_t>(std::max(hour, 0)) / 24 * 24;
  if (n >= 24 && start + 24 > n) start = n - 24;
  const double per = fleet::info(Indicator::winter_peak).si_per_unit;
  json day = json::array();
  for (std::size_t h = start; h < std::min(start + 24, n); ++h)
    day.push_back(rounded(load[h] / per));
  return day;
}

// The winter peak day of each milestone year: for "CN", every province's load on the day
// of the national peak hour (they stack to the national peak); for each province, its own
// load on the day of its own peak hour.
json peak_days(const fleet::Results& run, const fleet::Scenario& sc, const fleet::FleetPhysics& ph,
               const fleet::RegionalResults& reg, const fleet::ProvinceTable& table) {
  const std::size_t total = total_index(run);
  std::vector<int> years;
  for (int y : run.milestones) {
    if (y >= run.first_year && y <= run.last_year) years.push_back(y);
  }
  json cn{{"hour", json::array()}, {"load", json::array()}};
  std::vector<json> own(table.provinces.size(),
                        json{{"hour", json::array()}, {"load", json::array()}});
  std::vector<double> load;
  for (int y : years) {
    const auto k = static_cast<std::size_t>(y - run.first_year);
    const int cn_hour = reg.region("CN").groups[total].peak_hour.at(k);
    cn["hour"].push_back(cn_hour);
    json by_province = json::array();
    for (std::size_t pi = 0; pi < table.provinces.size(); ++pi) {
      const std::size_t one[] = {pi};
      fleet::hourly_load(sc, run, ph, one, total, k, load);
      by_province.push_back(day_of(load, cn_hour));
      const int hour = reg.region(table.provinces[pi].iso_code).groups[total].peak_hour.at(k);
      own[pi]["hour"].push_back(hour);
      own[pi]["load"].push_back(day_of(load, hour));
    }
    cn["load"].push_back(std::move(by_province));
  }
  json regions{{"CN", std::move(cn)}};
  for (std::size_t pi = 0; pi < table.provinces.size(); ++pi)
    regions[table.provinces[pi].iso_code] = std::move(own[pi]);
  return json{{"years", years}, {"regions", std::move(regions)}};
}

// One row of the cells table: a catalogue choice in one sizing, and where it was simulated.
struct CellRow {
  std::size_t segment;
  const fleet::CellChoice* choice;
  std::size_t variant;
  std::vector<std::pair<std::size_t, std::size_t>> uses;  // (province, cell)
};

// heat MWh/a, SPF, capacity kW of one cell (or a share-weighted mix of cells).
json cell_figures(double heat, double electricity, double capacity) {
  return json::array({rounded(heat / (core::kJPerKWh * 1000.0)),
                      rounded(electricity > 0.0 ? heat / electricity : 0.0),
                      rounded(capacity / 1000.0)});
}

json cell_row(const CellRow& row, const fleet::FleetPhysics& ph, const fleet::ProvinceTable& table,
              Lang lang) {
  const fleet::CellSpec& spec = row.choice->spec;
  json zones = json::array();
  for (climate::Zone z : row.choice->zones)
    zones.push_back(lang == Lang::zh ? climate::name_zh(z) : climate::name_en(z));
  json provinces = json::object();
  double w_sum = 0.0, heat = 0.0, elec = 0.0, capacity = 0.0;
  for (const auto& [pi, ci] : row.uses) {
    const fleet::CellResult& r = ph.results[ci];
    provinces[table.provinces[pi].iso_code] = cell_figures(r.heat, r.electricity(), r.capacity);
    const double w = ph.shares[row.segment][pi];
    w_sum += w;
    heat += w * r.heat;
    elec += w * r.electricity();
    capacity += w * r.capacity;
  }
  if (w_sum > 0.0) {
    heat /= w_sum;
    elec /= w_sum;
    capacity /= w_sum;
  }
  const double cover = ph.cells[row.uses.front().second].cover;
  return json{{"segment", ph.segments[row.segment]},
              {"end_use", fleet::to_string(spec.end_use)},
              {"zones", zones},
              {"archetype", spec.archetype},
              {"era", spec.era},
              {"size", rounded(spec.size)},
              {"tank_l", rounded(spec.tank_volume * 1000.0)},
              {"product", spec.product},
              {"cover", rounded(cover)},
              {"lever", row.variant == 1},
              {"weight", rounded(row.choice->weight)},
              {"source", row.choice->source},
              {"where", row.choice->where},
              {"count", row.uses.size()},
              {"national", cell_figures(heat, elec, capacity)},
              {"provinces", std::move(provinces)}};
}

// Every cell simulated, one row per catalogue choice and sizing: the less-back-up sizing
// only where it differs from the catalogued one (a cover below 100 %).
json cells(const fleet::FleetPhysics& ph, const fleet::ProvinceTable& table, Lang lang) {
  using Key = std::tuple<std::size_t, const fleet::CellChoice*, std::size_t>;
  std::map<Key, CellRow> rows;  // segment, then the catalogue's order, then the sizing
  for (const fleet::FleetPhysics::Use& u : ph.uses) {
    if (u.variant == 1 && ph.cells[u.cell].cover == u.choice->spec.cover) continue;
    CellRow& row = rows[Key{u.segment, u.choice, u.variant}];
    row.segment = u.segment;
    row.choice = u.choice;
    row.variant = u.variant;
    row.uses.emplace_back(u.province, u.cell);
  }
  json out = json::array();
  for (const auto& [key, row] : rows) out.push_back(cell_row(row, ph, table, lang));
  return out;
}

}  // namespace

json regional_json(const std::vector<fleet::Results>& runs, const BottomUpPage& page, Lang lang) {
  const std::size_t n = runs.size();
  if (page.provinces == nullptr || page.scenarios.size() != n || page.physics.size() != n ||
      page.regional.size() != n) {
    throw InternalError("roadmap report: the bottom-up inputs do not match the runs");
  }
  const fleet::ProvinceTable& table = *page.provinces;
  json provinces = json::array();
  for (const accounting::Province& p : table.provinces) {
    provinces.push_back(
        {{"code", p.iso_code},
         {"adcode", p.adcode},
         {"name", lang == Lang::zh ? p.name_zh : p.name_en},
         {"zone", climate::to_string(p.zone)},
         {"zone_name", lang == Lang::zh ? climate::name_zh(p.zone) : climate::name_en(p.zone)}});
  }
  json scenarios = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    const fleet::RegionalResults& reg = *page.regional[i];
    if (!runs[i].bottom_up || reg.scenario != runs[i].scenario) {
      throw InternalError(fmt::format(
          "roadmap report: '{}' is not a bottom-up run with its regions", runs[i].scenario));
    }
    json regions = json::object();
    for (const fleet::Region& r : reg.regions) {
      if (r.level == fleet::RegionLevel::province) regions[r.code] = {{"groups", region_groups(r)}};
    }
    scenarios.push_back(
        {{"regions", std::move(regions)},
         {"peak", peak_days(runs[i], *page.scenarios[i], *page.physics[i], reg, table)},
         {"cells", cells(*page.physics[i], table, lang)}});
  }
  return json{{"provinces", std::move(provinces)}, {"scenarios", std::move(scenarios)}};
}

}  // namespace heatlift::report::detail
