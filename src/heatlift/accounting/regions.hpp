// The one reader of data/regions/: grids.csv (the national and regional grids' announced
// CO2 factors by data year) and provinces.csv (the 31 mainland provinces: codes, names,
// population, degree days, climate zone, grid region and factor, bottom-up shares). The
// grid factors of carbon.hpp and the fleet's province table are both built from it.
//
// Errors name the file, line, column and value, e.g.
//   regions/provinces.csv:7: population_persons = "-5": expected a number of persons > 0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/climate/zones.hpp"
#include "heatlift/core/data_store.hpp"

namespace heatlift::accounting {

/// One row of grids.csv: "national" or a regional grid.
struct GridRegion {
  std::string id;  ///< "national", "north", ...
  std::string name_zh;
  std::string name_en;
  std::map<int, double> factors;  ///< data year -> kg CO2 per J
};

/// One row of provinces.csv.
struct Province {
  std::string iso_code;  ///< ISO 3166-2:CN, e.g. "CN-HE"
  int adcode = 0;        ///< GB/T 2260 code, e.g. 130000
  std::string name_zh;
  std::string name_en;
  double population = 0.0;   ///< persons (2020 census)
  std::string station;       ///< representative station (capital), "id name"
  double hdd18 = 0.0;        ///< K·d per year, base 18 °C, whole year
  double hdd_heating = 0.0;  ///< K·d per year in the GB 50736 heating period (0: none)
  climate::Zone zone = climate::Zone::cold;  ///< GB 50176-2016 (first level)
  std::string grid_region;                   ///< code of the regional grid, e.g. "north"
  double grid_factor = 0.0;                  ///< kg CO2 per J, as published for grid_factor_year
  int grid_factor_year = 0;                  ///< year of the published factor
  std::string grid_factor_basis;             ///< "province" or "region"
  double grid_ratio = 1.0;                   ///< grid_factor / national factor of the same year
  std::optional<double> share_sh;            ///< bottom-up share of national space heating (0..1)
  std::optional<double> share_hw;            ///< bottom-up share of national hot water (0..1)
};

struct RegionTables {
  std::vector<GridRegion> grids;    ///< in the file's order, "national" among them
  std::vector<Province> provinces;  ///< the 31, in the file's order
  std::string grids_file;           ///< where they were read from
  std::string provinces_file;

  const GridRegion& national() const;  ///< the "national" row
};

inline constexpr std::string_view kGridsFile = "regions/grids.csv";
inline constexpr std::string_view kProvincesFile = "regions/provinces.csv";

/// The ISO 3166-2:CN codes of the 31 mainland provinces provinces.csv must cover.
const std::vector<std::string_view>& mainland_provinces();

/// Reads regions/provinces.csv and regions/grids.csv from `data`.
RegionTables load_regions(const core::DataStore& data);

/// Parses the two files' text; the names are used in messages. Throws InvalidInput naming
/// file, line, field and value for a malformed or out-of-range cell, an unknown climate
/// zone or grid region, a grid factor year with no national factor, a duplicated or
/// unknown ISO code and a missing province.
RegionTables parse_regions(std::string_view provinces_csv, std::string_view provinces_file,
                           std::string_view grids_csv, std::string_view grids_file);

}  // namespace heatlift::accounting
