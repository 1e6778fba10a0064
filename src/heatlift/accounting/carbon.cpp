#include "heatlift/accounting/carbon.hpp"

#include "heatlift/accounting/memo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "heatlift/accounting/regions.hpp"
#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::accounting {
namespace {

constexpr std::string_view kGwp = fluids::GwpTable::kPath;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The grid areas of the regions data: the national and regional grids in the file's order,
// then the provinces.
std::vector<GridArea> areas_of(const RegionTables& regions) {
  std::vector<GridArea> out;
  for (const GridRegion& g : regions.grids) {
    GridArea a;
    a.id = g.id;
    a.kind = a.id == "national" ? "national" : "region";
    a.name_zh = g.name_zh;
    a.name_en = g.name_en;
    a.region = a.id;
    a.factors.assign(g.factors.begin(), g.factors.end());
    a.basis = a.kind;
    out.push_back(std::move(a));
  }
  for (const Province& p : regions.provinces) {
    out.push_back({p.iso_code,
                   "province",
                   p.name_zh,
                   p.name_en,
                   p.grid_region,
                   {{p.grid_factor_year, p.grid_factor}},
                   p.grid_factor_basis});
  }
  return out;
}
}  // namespace

std::vector<GridArea> grid_areas(const core::DataStore& data) {
  struct Tag;
  const std::string grids = data.read(kGridsFile);
  const std::string provinces = data.read(kProvincesFile);
  return detail::memo_parse<Tag, std::vector<GridArea>>(
      grids + '\0' + provinces, [&](const std::string&) {
        return areas_of(parse_regions(provinces, kProvincesFile, grids, kGridsFile));
      });
}

GridArea find_grid_area(const core::DataStore& data, std::string_view name) {
  const std::vector<GridArea> areas = grid_areas(data);
  const std::string key = lower(name);
  for (const GridArea& a : areas) {
    if (lower(a.id) == key || a.name_zh == name || lower(a.name_en) == key) return a;
  }
  std::vector<std::string> known;
  for (const GridArea& a : areas) known.push_back(a.id);
  throw InvalidInput(fmt::format(
      "unknown grid area '{}'; expected \"national\", a grid region or a province ({}; Chinese "
      "and English names work too)",
      name, fmt::join(known, ", ")));
}

std::pair<std::vector<int>, std::vector<double>> scenario_grid_path(const core::DataStore& data,
                                                                    std::string_view scenario) {
  std::set<std::string> seen;
  std::string name(scenario);
  while (true) {
    if (!seen.insert(name).second) {
      throw InvalidInput(
          fmt::format("scenario '{}': 'extends' loops back to '{}'", scenario, name));
    }
    const std::string path = fmt::format("scenarios/{}.toml", name);
    if (!data.exists(path)) {
      std::vector<std::string> known;
      for (const auto& f : data.list("scenarios/")) {
        if (f.path.ends_with(".toml")) {
          known.push_back(f.path.substr(10, f.path.size() - 15));
        }
      }
      throw InvalidInput(fmt::format("unknown grid path (scenario) '{}'; expected one of {}", name,
                                     fmt::join(known, ", ")));
    }
    const core::ConfigDocument doc = core::ConfigDocument::from_text(data.read(path), path);
    const toml::table& root = doc.root();
    if (const toml::table* grid = root["grid"].as_table()) {
      const toml::array* years = (*grid)["years"].as_array();
      const toml::array* values = (*grid)["values"].as_array();
      if (years == nullptr || values == nullptr || years->size() != values->size() ||
          years->empty()) {
        throw DataMissing(fmt::format("{}: 'grid' needs arrays 'years' and 'values' of one length",
                                      core::where(grid->source(), path)));
      }
      std::vector<int> ys;
      std::vector<double> vs;
      for (std::size_t i = 0; i < years->size(); ++i) {
        const auto y = (*years)[i].value<int64_t>();
        const auto v = (*values)[i].value<std::string>();
        if (!y || !v) {
          throw DataMissing(fmt::format("{}: grid.years[{}] / grid.values[{}] malformed",
                                        core::where(grid->source(), path), i, i));
        }
        ys.push_back(static_cast<int>(*y));
        vs.push_back(core::parse_quantity(*v, core::Dimension::emission_per_energy,
                                          fmt::format("{}: grid.values[{}]", path, i)));
      }
      return {ys, vs};
    }
    const auto base = root["extends"].value<std::string>();
    if (!base) throw DataMissing(fmt::format("{}: no 'grid' path and no 'extends'", path));
    name = *base;
  }
}

GridFactor GridFactor::constant(double kg_per_J, std::string label, int data_year) {
  if (!std::isfinite(kg_per_J) || kg_per_J < 0.0) {
    throw InvalidInput(fmt::format("grid factor {} kgCO2/kWh: expected a finite value >= 0",
                                   kg_per_J * core::kJPerKWh));
  }
  GridFactor g;
  g.years_ = {data_year};
  g.values_ = {kg_per_J};
  g.label_ = std::move(label);
  return g;
}

GridFactor GridFactor::path(std::vector<int> years, std::vector<double> kg_per_J,
                            std::string label) {
  if (years.empty() || years.size() != kg_per_J.size()) {
    throw InvalidInput(fmt::format("grid path '{}': needs years and factors of one length", label));
  }
  for (std::size_t i = 0; i < years.size(); ++i) {
    if (i > 0 && years[i] <= years[i - 1]) {
      throw InvalidInput(fmt::format("grid path '{}': years must increase ({} after {})", label,
                                     years[i], years[i - 1]));
    }
    if (!std::isfinite(kg_per_J[i]) || kg_per_J[i] < 0.0) {
      throw InvalidInput(
          fmt::format("grid path '{}': factor in {} must be finite and >= 0", label, years[i]));
    }
  }
  GridFactor g;
  g.years_ = std::move(years);
  g.values_ = std::move(kg_per_J);
  g.label_ = std::move(label);
  return g;
}

double GridFactor::at(int year) const {
  if (years_.size() == 1 || year <= years_.front()) return values_.front();
  if (year >= years_.back()) return values_.back();
  const auto it = std::upper_bound(years_.begin(), years_.end(), year);
  const std::size_t i = static_cast<std::size_t>(it - years_.begin());
  const double w = static_cast<double>(year - years_[i - 1]) / (years_[i] - years_[i - 1]);
  return values_[i - 1] + w * (values_[i] - values_[i - 1]);
}

double GridFactor::kg_per_kwh(int year) const {
  return at(year) * core::kJPerKWh;
}

GridFactor GridFactor::from_spec(const GridSpec& spec, const core::DataStore& data) {
  if (spec.factor) {
    return constant(*spec.factor,
                    fmt::format("given {:.4f} kgCO2/kWh", *spec.factor * core::kJPerKWh));
  }
  const GridArea area = find_grid_area(data, spec.area);
  if (spec.path) {
    if (spec.year) {
      throw InvalidInput("give either a year (one announced factor) or a grid path, not both");
    }
    auto [years, values] = scenario_grid_path(data, *spec.path);
    const GridFactor national = path(years, values, *spec.path);
    if (area.kind == "national") {
      return path(std::move(years), std::move(values),
                  fmt::format("national, scenario '{}' path", *spec.path));
    }
    const auto [y, f] = area.factors.back();
    const double scale = f / national.at(y);
    for (double& v : values) v *= scale;
    return path(std::move(years), std::move(values),
                fmt::format("{}, scenario '{}' path scaled by {:.3f} ({} {} / national path)",
                            area.id, *spec.path, scale, area.id, y));
  }
  if (area.factors.empty()) {
    throw DataMissing(fmt::format("grid area '{}' has no factor in the data", area.id));
  }
  if (!spec.year) {
    const auto [y, f] = area.factors.back();
    return constant(f, fmt::format("{} {} (MEE/NBS, {})", area.id, y, area.basis), y);
  }
  for (const auto& [y, f] : area.factors) {
    if (y == *spec.year)
      return constant(f, fmt::format("{} {} (MEE/NBS, {})", area.id, y, area.basis), y);
  }
  std::vector<int> years;
  for (const auto& p : area.factors) years.push_back(p.first);
  throw InvalidInput(fmt::format(
      "grid '{}' has an announced factor for {} only, not for {}; use one of those years, "
      "grid_path to follow a scenario, or grid_factor to give one",
      area.id, fmt::join(years, ", "), *spec.year));
}

double co2_of_electricity(const GridFactor& grid, int year, double energy_J) {
  if (!std::isfinite(energy_J) || energy_J < 0.0) {
    throw InvalidInput(
        fmt::format("electricity {} kWh: expected a finite value >= 0", energy_J / core::kJPerKWh));
  }
  return energy_J * grid.at(year);
}

double co2_of_hourly_electricity(const GridFactor& grid, int year,
                                 std::span<const double> hourly_J) {
  double total = 0.0;
  for (std::size_t h = 0; h < hourly_J.size(); ++h) {
    const double e = hourly_J[h];
    if (!std::isfinite(e) || e < 0.0) {
      throw InvalidInput(fmt::format("electricity at hour {}: {} kWh; expected a finite value >= 0",
                                     h, e / core::kJPerKWh));
    }
    total += e;
  }
  return total * grid.at(year);
}

YearlyCo2 co2_of_electricity(const GridFactor& grid, int start_year,
                             std::span<const double> energy_J_by_year) {
  YearlyCo2 out;
  out.kg_by_year.reserve(energy_J_by_year.size());
  for (std::size_t i = 0; i < energy_J_by_year.size(); ++i) {
    const double kg =
        co2_of_electricity(grid, start_year + static_cast<int>(i), energy_J_by_year[i]);
    out.kg_by_year.push_back(kg);
    out.total_kg += kg;
  }
  return out;
}

double gwp(const core::DataStore& data, std::string_view refrigerant, fluids::GwpBasis basis) {
  struct Tag;
  const fluids::GwpTable table = detail::memo_parse<Tag, fluids::GwpTable>(
      data.read(kGwp), [](const std::string& text) { return fluids::GwpTable::parse(text, kGwp); });
  const fluids::RefrigerantGwp* r = table.find(refrigerant);
  if (r == nullptr) {
    std::vector<std::string> known;
    for (const fluids::RefrigerantGwp& row : table.rows()) known.push_back(row.id);
    throw DataMissing(fmt::format("refrigerant '{}' has no GWP in {}; known: {}", refrigerant, kGwp,
                                  fmt::join(known, ", ")));
  }
  const std::optional<double> value = r->gwp(basis);
  if (!value) {
    throw DataMissing(
        fmt::format("{}:{}: no {} GWP for {} ({}); choose another gwp_basis or give gwp", kGwp,
                    r->line, fluids::to_string(basis), r->id, r->status));
  }
  return *value;
}

namespace {
void check_refrigerant(const RefrigerantUse& r) {
  const auto bad = [&](std::string_view what, double v, std::string_view expected) {
    throw InvalidInput(fmt::format("refrigerant {}: {} = {} is out of range; expected {}",
                                   r.refrigerant, what, v, expected));
  };
  if (!std::isfinite(r.charge_kg) || r.charge_kg < 0.0) bad("charge (kg)", r.charge_kg, ">= 0");
  if (!std::isfinite(r.gwp) || r.gwp < 0.0) bad("gwp", r.gwp, ">= 0");
  if (!(r.leak_rate >= 0.0 && r.leak_rate <= 1.0)) bad("leak_rate (1/a)", r.leak_rate, "0 to 1");
  if (!(r.eol_loss >= 0.0 && r.eol_loss <= 1.0)) bad("eol_loss", r.eol_loss, "0 to 1");
}
}  // namespace

double annual_leakage_co2e(const RefrigerantUse& r) {
  check_refrigerant(r);
  return r.charge_kg * r.leak_rate * r.gwp;
}

double end_of_life_co2e(const RefrigerantUse& r) {
  check_refrigerant(r);
  return r.charge_kg * r.eol_loss * r.gwp;
}

Tewi tewi(const RefrigerantUse& r, double annual_electricity_J, int lifetime_years,
          const GridFactor& grid, int start_year) {
  if (lifetime_years < 1) {
    throw InvalidInput(fmt::format("lifetime {} a: expected at least 1 year", lifetime_years));
  }
  Tewi t;
  t.start_year = start_year;
  t.lifetime_years = lifetime_years;
  t.leakage_kg = annual_leakage_co2e(r) * lifetime_years;
  t.end_of_life_kg = end_of_life_co2e(r);
  t.direct_kg = t.leakage_kg + t.end_of_life_kg;
  const std::vector<double> energy(static_cast<std::size_t>(lifetime_years), annual_electricity_J);
  YearlyCo2 ind = co2_of_electricity(grid, start_year, energy);
  t.indirect_kg = ind.total_kg;
  t.indirect_by_year_kg = std::move(ind.kg_by_year);
  t.total_kg = t.direct_kg + t.indirect_kg;
  return t;
}

}  // namespace heatlift::accounting
