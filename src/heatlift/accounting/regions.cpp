#include "heatlift/accounting/regions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "heatlift/core/csv.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::accounting {
namespace {

constexpr double kJPerKWh = 3.6e6;

// One data row of a CSV file: its cells by column name and its line number.
struct CsvRow {
  int line = 0;
  std::map<std::string, std::string, std::less<>> cells;
};

struct CsvFile {
  std::string name;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
};

// Reads a CSV with '#' comment lines; every row must have the header's number of cells.
CsvFile read_csv(std::string_view text, std::string_view name,
                 const std::vector<std::string_view>& required) {
  CsvFile f{std::string(name), {}, {}};
  for (const auto [line_no, line] : core::csv_lines(text)) {
    auto cells = core::split_csv_line(line);
    if (f.header.empty()) {
      f.header = std::move(cells);
      for (auto col : required) {
        if (std::find(f.header.begin(), f.header.end(), col) == f.header.end()) {
          throw InvalidInput(
              fmt::format("{}:{}: the header has no column '{}'", name, line_no, col));
        }
      }
      continue;
    }
    if (cells.size() != f.header.size()) {
      throw InvalidInput(fmt::format("{}:{}: {} cells, expected {} (the header's columns)", name,
                                     line_no, cells.size(), f.header.size()));
    }
    CsvRow row{line_no, {}};
    for (std::size_t i = 0; i < cells.size(); ++i) row.cells[f.header[i]] = std::move(cells[i]);
    f.rows.push_back(std::move(row));
  }
  if (f.header.empty()) throw InvalidInput(fmt::format("{}: no header and no rows", name));
  return f;
}

// Reads cells of one row; every failure names file:line, the column and the value.
class RowReader {
 public:
  RowReader(const CsvFile& file, const CsvRow& row) : file_(file), row_(row) {}

  [[noreturn]] void fail(std::string_view column, std::string_view expected) const {
    throw InvalidInput(fmt::format("{}:{}: {} = \"{}\": expected {}", file_.name, row_.line, column,
                                   text(column), expected));
  }
  const std::string& text(std::string_view column) const { return row_.cells.find(column)->second; }
  /// The cell of a column the file may leave out; "" when it does.
  std::string optional_text(std::string_view column) const {
    const auto it = row_.cells.find(column);
    return it == row_.cells.end() ? std::string() : it->second;
  }
  std::string nonempty(std::string_view column) const {
    if (text(column).empty()) fail(column, "a value");
    return text(column);
  }
  double number(std::string_view column, double lo, double hi, std::string_view expected) const {
    const std::string& s = text(column);
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v) ||
        v < lo || v > hi) {
      fail(column, expected);
    }
    return v;
  }
  int integer(std::string_view column, int lo, int hi, std::string_view expected) const {
    const std::string& s = text(column);
    int v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v < lo || v > hi)
      fail(column, expected);
    return v;
  }
  std::optional<double> optional_share(std::string_view column) const {
    if (text(column).empty()) return std::nullopt;
    return number(column, 0.0, 100.0, "a share from 0 to 100 (%) or an empty cell") / 100.0;
  }

 private:
  const CsvFile& file_;
  const CsvRow& row_;
};

std::vector<GridRegion> parse_grids(std::string_view text, std::string_view name) {
  const CsvFile f = read_csv(text, name, {"grid_region"});
  // Factor columns: factor_<year>_kgCO2_per_kWh.
  std::vector<std::pair<std::string, int>> factor_columns;
  for (const auto& h : f.header) {
    constexpr std::string_view pre = "factor_", post = "_kgCO2_per_kWh";
    if (h.size() == pre.size() + 4 + post.size() && h.starts_with(pre) && h.ends_with(post)) {
      int year = 0;
      const char* b = h.data() + pre.size();
      const auto [ptr, ec] = std::from_chars(b, b + 4, year);
      if (ec == std::errc() && ptr == b + 4) factor_columns.emplace_back(h, year);
    }
  }
  if (factor_columns.empty()) {
    throw InvalidInput(fmt::format("{}: no column factor_<year>_kgCO2_per_kWh", name));
  }
  std::vector<GridRegion> grids;
  std::set<std::string, std::less<>> seen;
  for (const auto& row : f.rows) {
    const RowReader r(f, row);
    GridRegion g;
    g.id = r.nonempty("grid_region");
    if (!seen.insert(g.id).second) r.fail("grid_region", "each grid region once");
    g.name_zh = r.optional_text("name_zh");
    g.name_en = r.optional_text("name_en");
    for (const auto& [column, year] : factor_columns) {
      if (r.text(column).empty()) continue;
      g.factors[year] =
          r.number(column, 1e-6, 5.0, "a grid factor in kgCO2/kWh above 0 (at most 5)") / kJPerKWh;
    }
    grids.push_back(std::move(g));
  }
  if (seen.count("national") == 0) {
    throw InvalidInput(fmt::format("{}: no row for grid_region 'national'", name));
  }
  return grids;
}

// The regional grids' codes, sorted, for messages.
std::string join_codes(const std::vector<GridRegion>& grids) {
  std::set<std::string_view> codes;
  for (const GridRegion& g : grids) {
    if (g.id != "national") codes.insert(g.id);
  }
  std::string s;
  for (std::string_view code : codes) s += s.empty() ? std::string(code) : ", " + std::string(code);
  return s;
}

const GridRegion* find_grid(const std::vector<GridRegion>& grids, std::string_view id) {
  for (const GridRegion& g : grids) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

}  // namespace

const GridRegion& RegionTables::national() const {
  const GridRegion* g = find_grid(grids, "national");
  if (g == nullptr) throw InternalError(fmt::format("{}: no national grid", grids_file));
  return *g;
}

const std::vector<std::string_view>& mainland_provinces() {
  static const std::vector<std::string_view> codes{
      "CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-NM", "CN-LN", "CN-JL", "CN-HL",
      "CN-SH", "CN-JS", "CN-ZJ", "CN-AH", "CN-FJ", "CN-JX", "CN-SD", "CN-HA",
      "CN-HB", "CN-HN", "CN-GD", "CN-GX", "CN-HI", "CN-CQ", "CN-SC", "CN-GZ",
      "CN-YN", "CN-XZ", "CN-SN", "CN-GS", "CN-QH", "CN-NX", "CN-XJ"};
  return codes;
}

RegionTables load_regions(const core::DataStore& data) {
  return parse_regions(data.read(kProvincesFile), kProvincesFile, data.read(kGridsFile),
                       kGridsFile);
}

RegionTables parse_regions(std::string_view provinces_csv, std::string_view provinces_file,
                           std::string_view grids_csv, std::string_view grids_file) {
  RegionTables table;
  table.grids_file = std::string(grids_file);
  table.provinces_file = std::string(provinces_file);
  table.grids = parse_grids(grids_csv, grids_file);
  const GridRegion& national = table.national();
  const CsvFile f =
      read_csv(provinces_csv, provinces_file,
               {"iso_code", "adcode", "name_zh", "name_en", "population_persons", "station_id",
                "station", "hdd18_Kd", "hdd_heating_period_Kd", "climate_zone", "grid_region",
                "grid_factor_year", "grid_factor_kgCO2_per_kWh", "grid_factor_basis",
                "share_space_heating_pct", "share_hot_water_pct"});
  const auto& mainland = mainland_provinces();
  std::set<std::string> seen;
  for (const auto& row : f.rows) {
    const RowReader r(f, row);
    Province p;
    p.iso_code = r.nonempty("iso_code");
    if (std::find(mainland.begin(), mainland.end(), p.iso_code) == mainland.end())
      r.fail("iso_code", "the ISO 3166-2:CN code of a mainland province (CN-BJ ... CN-XJ)");
    if (!seen.insert(p.iso_code).second) r.fail("iso_code", "each province once");
    p.adcode = r.integer("adcode", 110000, 829999, "a GB/T 2260 province code (e.g. 130000)");
    p.name_zh = r.nonempty("name_zh");
    p.name_en = r.nonempty("name_en");
    p.population = r.number("population_persons", 1.0, 1e10, "a number of persons > 0");
    p.station = fmt::format("{} {}", r.nonempty("station_id"), r.nonempty("station"));
    p.hdd18 = r.number("hdd18_Kd", 1.0, 20000.0, "heating degree days (K·d) above 0");
    p.hdd_heating =
        r.number("hdd_heating_period_Kd", 0.0, 20000.0, "heating degree days (K·d), 0 or more");
    try {
      p.zone = climate::parse_zone(r.text("climate_zone"));
    } catch (const InvalidInput&) {
      r.fail("climate_zone",
             "a GB 50176 zone: severe_cold, cold, hot_summer_cold_winter, "
             "hot_summer_warm_winter or mild");
    }
    p.grid_region = r.text("grid_region");
    if (p.grid_region == "national" || find_grid(table.grids, p.grid_region) == nullptr) {
      r.fail("grid_region",
             fmt::format("a grid region of {}: {}", grids_file, join_codes(table.grids)));
    }
    p.grid_factor_year = r.integer("grid_factor_year", 1990, 2100, "a year");
    if (national.factors.count(p.grid_factor_year) == 0) {
      r.fail("grid_factor_year",
             fmt::format("a year with a national factor in {} (column factor_{}_kgCO2_per_kWh)",
                         grids_file, r.text("grid_factor_year")));
    }
    p.grid_factor = r.number("grid_factor_kgCO2_per_kWh", 1e-6, 5.0,
                             "a grid factor in kgCO2/kWh above 0 (at most 5)") /
                    kJPerKWh;
    p.grid_factor_basis = r.text("grid_factor_basis");
    if (p.grid_factor_basis != "province" && p.grid_factor_basis != "region")
      r.fail("grid_factor_basis", "province or region");
    p.grid_ratio = p.grid_factor / national.factors.at(p.grid_factor_year);
    p.share_sh = r.optional_share("share_space_heating_pct");
    p.share_hw = r.optional_share("share_hot_water_pct");
    table.provinces.push_back(std::move(p));
  }
  std::vector<std::string_view> missing;
  for (auto code : mainland) {
    if (seen.count(std::string(code)) == 0) missing.push_back(code);
  }
  if (!missing.empty()) {
    throw InvalidInput(fmt::format("{}: iso_code: {} missing; expected all 31 mainland provinces",
                                   provinces_file, fmt::join(missing, ", ")));
  }
  return table;
}

}  // namespace heatlift::accounting
