#include "heatlift/fleet/regions_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <ostream>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::fleet {
namespace {

using I = Indicator;

std::string unit_slug(std::string_view unit) {
  std::string s(unit);
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}

const std::vector<Indicator>& map_indicators() {
  static const std::vector<Indicator> list{
      I::stock,       I::capacity,    I::floor_area,          I::heat,
      I::electricity, I::winter_peak, I::co2_reduction_gross, I::co2_reduction_net};
  return list;
}

bool regional_group(const SeriesGroup& g) {
  return g.kind == "end_use" || g.kind == "total";
}

}  // namespace

namespace {
// The province table of the regions data, its bottom-up shares checked before any run.
ProvinceTable province_table(accounting::RegionTables regions) {
  ProvinceTable table;
  table.provinces = std::move(regions.provinces);
  table.source = std::move(regions.provinces_file);
  allocation_shares(table, EndUse::space_heating);
  allocation_shares(table, EndUse::hot_water);
  return table;
}
}  // namespace

ProvinceTable load_provinces(const core::DataStore& data) {
  return province_table(accounting::load_regions(data));
}

ProvinceTable parse_provinces(std::string_view provinces_csv, std::string_view provinces_file,
                              std::string_view grids_csv, std::string_view grids_file) {
  return province_table(
      accounting::parse_regions(provinces_csv, provinces_file, grids_csv, grids_file));
}

void write_regions_csv(const std::vector<RegionalResults>& runs, std::ostream& os) {
  // About 70,000 rows per scenario: formatted into one buffer, written in large pieces.
  fmt::memory_buffer buf;
  fmt::format_to(std::back_inserter(buf),
                 "scenario,year,level,region,group,kind,indicator,unit,value\n");
  for (const auto& r : runs) {
    for (int y = r.first_year; y <= r.last_year; ++y) {
      const auto k = static_cast<std::size_t>(y - r.first_year);
      for (const auto& reg : r.regions) {
        for (const auto& g : reg.groups) {
          if (!regional_group(g)) continue;
          const std::string prefix = fmt::format("{},{},{},{},{},{},", r.scenario, y,
                                                 to_string(reg.level), reg.code, g.name, g.kind);
          for (const auto& ind : indicators()) {
            const double v = g.series[ind.id][k];
            if (std::isnan(v)) continue;
            fmt::format_to(std::back_inserter(buf), "{}{},{},{:.6g}\n", prefix, ind.name, ind.unit,
                           v / ind.si_per_unit);
          }
        }
      }
      if (buf.size() > (1u << 20)) {
        os.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
      }
    }
  }
  os.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

void write_provinces_map(const std::vector<RegionalResults>& runs, const ProvinceTable& table,
                         std::ostream& os) {
  const auto sh = allocation_shares(table, EndUse::space_heating);
  const auto hw = allocation_shares(table, EndUse::hot_water);
  os << "scenario,iso_code,adcode,name_zh,name_en,climate_zone,climate_zone_zh,grid_region,"
        "grid_factor_year,grid_factor_kgCO2_per_kWh,grid_factor_basis,"
        "share_space_heating_pct,share_hot_water_pct";
  // Every run must share the first run's milestones: one header for all.
  const std::vector<int> years = runs.empty() ? std::vector<int>{} : runs.front().milestones;
  for (const auto& r : runs) {
    if (r.milestones != years) {
      throw InvalidInput(fmt::format(
          "provinces-map: scenario '{}' has other milestone years than '{}'; write them apart",
          r.scenario, runs.front().scenario));
    }
  }
  for (I i : map_indicators()) {
    for (int y : years) os << fmt::format(",{}_{}_{}", info(i).name, y, unit_slug(info(i).unit));
  }
  os << '\n';
  for (const auto& r : runs) {
    for (std::size_t pi = 0; pi < table.provinces.size(); ++pi) {
      const accounting::Province& p = table.provinces[pi];
      const Region& reg = r.region(p.iso_code);
      os << fmt::format("{},{},{},{},{},{},{},{},{},{:.4f},{},{:.4f},{:.4f}", r.scenario,
                        p.iso_code, p.adcode, p.name_zh, p.name_en, climate::to_string(p.zone),
                        climate::name_zh(p.zone), p.grid_region, p.grid_factor_year,
                        p.grid_factor * core::kJPerKWh, p.grid_factor_basis, sh[pi] * 100.0,
                        hw[pi] * 100.0);
      const auto total_it = std::find_if(reg.groups.begin(), reg.groups.end(),
                                         [](const SeriesGroup& g) { return g.kind == "total"; });
      if (total_it == reg.groups.end())
        throw InternalError(fmt::format("provinces-map: no total for {}", p.iso_code));
      const SeriesGroup& total = *total_it;
      for (I i : map_indicators()) {
        for (int y : years) {
          if (y < r.first_year || y > r.last_year) {
            os << ',';
            continue;
          }
          const double v = total.series[i][static_cast<std::size_t>(y - r.first_year)];
          os << fmt::format(",{:.6g}", v / info(i).si_per_unit);
        }
      }
      os << '\n';
    }
  }
}

nlohmann::json regions_json(const std::vector<RegionalResults>& runs,
                            std::optional<RegionLevel> level) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : runs) {
    std::vector<int> years;
    for (int y : r.milestones) {
      if (y >= r.first_year && y <= r.last_year) years.push_back(y);
    }
    nlohmann::json s{{"scenario", r.scenario}, {"years", years}};
    s["regions"] = nlohmann::json::array();
    for (const auto& reg : r.regions) {
      if (level && reg.level != *level) continue;
      nlohmann::json rj{{"code", reg.code},
                        {"name_zh", reg.name_zh},
                        {"name_en", reg.name_en},
                        {"level", to_string(reg.level)}};
      for (const auto& g : reg.groups) {
        if (!regional_group(g)) continue;
        for (const auto& ind : indicators()) {
          nlohmann::json values = nlohmann::json::array();
          for (int y : years) {
            const double v = g.series[ind.id][static_cast<std::size_t>(y - r.first_year)];
            if (std::isnan(v))
              values.push_back(nullptr);
            else
              values.push_back(std::round(v / ind.si_per_unit * 1e6) / 1e6);
          }
          rj["groups"][g.name][std::string(ind.name)] = values;
        }
        if (!g.peak_hour.empty()) {  // bottom-up: hour of the year of the winter peak
          nlohmann::json hours = nlohmann::json::array();
          for (int y : years)
            hours.push_back(g.peak_hour[static_cast<std::size_t>(y - r.first_year)]);
          rj["groups"][g.name]["winter_peak_hour"] = hours;
        }
      }
      s["regions"].push_back(rj);
    }
    arr.push_back(s);
  }
  return arr;
}

}  // namespace heatlift::fleet
