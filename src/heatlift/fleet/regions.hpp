// Results by province and climate zone (docs/roadmap.md, "Regions").
//
// The national run is shared out to the 31 provinces: a province's share of an end use is
// given bottom-up where the province table carries one, and otherwise follows a key —
// space heating by population × HDD18, hot water by population. Every extensive indicator
// (units, capacity, area, heat, electricity, peak, value, refrigerant) is the national
// value times the share, so the provinces add up to the nation exactly. CO2 is recomputed
// with the province's grid factor: the national path times the province's ratio to the
// national factor of its factor's year. Zones are sums of their provinces; "CN" is the sum
// of all provinces (its CO2 differs from the national run's, which uses the national
// factor). No TOML or CSV here: the table is read by regions_io.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/climate/zones.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::fleet {

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

struct ProvinceTable {
  std::vector<Province> provinces;  ///< 31, in the file's order
  std::string source;               ///< where it was read from
};

/// Each province's share of the national units of one end use: bottom-up shares where
/// given, the rest of 100 % split by the key (space heating: population × hdd18; hot
/// water: population). Sums to 1. Throws InvalidInput when the given shares exceed 100 %.
std::vector<double> allocation_shares(const ProvinceTable& table, EndUse end_use);

enum class RegionLevel { province, zone, country };
std::string_view to_string(RegionLevel l);  ///< "province", "zone", "country"

struct Region {
  std::string code;  ///< ISO code of a province, zone code, or "CN"
  std::string name_zh;
  std::string name_en;
  RegionLevel level = RegionLevel::province;
  std::vector<SeriesGroup> groups;  ///< the national run's groups, same order
};

struct RegionalResults {
  std::string scenario;
  int first_year = 0;
  int last_year = 0;
  std::vector<int> milestones;
  std::vector<Region> regions;  ///< provinces (table order), zones (enum order), then "CN"

  const Region& region(std::string_view code) const;  ///< throws DataMissing
  double value(std::string_view region, std::string_view group, Indicator i, int year) const;
};

/// Shares the national run `national` of `sc` out to provinces, zones and the country.
/// kigali_allowance is national only (NaN in every region).
RegionalResults allocate(const Scenario& sc, const Results& national, const ProvinceTable& table);

}  // namespace heatlift::fleet
