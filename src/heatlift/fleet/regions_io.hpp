// The province table (data/regions/provinces.csv with data/regions/grids.csv, read by
// accounting/regions.hpp) and writing regional results: regions.csv (long, like results.csv, with
// the region) and provinces-map.csv (one row per scenario and province, keyed by ISO 3166-2:CN and
// GB/T 2260 codes, milestone years as columns), plus a JSON form.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "heatlift/core/data_store.hpp"
#include "heatlift/fleet/regions.hpp"

namespace heatlift::fleet {

/// Reads regions/provinces.csv and regions/grids.csv from `data`.
ProvinceTable load_provinces(const core::DataStore& data);

/// Parses the two files' text with accounting::parse_regions (the one reader of
/// data/regions/; its errors name file, line, field and value) and checks the bottom-up
/// shares; the names are used in messages.
ProvinceTable parse_provinces(std::string_view provinces_csv, std::string_view provinces_file,
                              std::string_view grids_csv, std::string_view grids_file);

/// Long CSV: scenario,year,level,region,group,kind,indicator,unit,value for every region
/// (provinces, zones, CN), every year, the end uses and the total.
void write_regions_csv(const std::vector<RegionalResults>& runs, std::ostream& os);

/// Map-ready CSV: one row per scenario and province, with codes, names, zone, grid factor,
/// the allocation shares and the total's key indicators at each milestone year
/// (columns <indicator>_<year>_<unit>).
void write_provinces_map(const std::vector<RegionalResults>& runs, const ProvinceTable& table,
                         std::ostream& os);

/// [{"scenario", "years": milestones, "regions": [{"code", "name_zh", "name_en", "level",
///   "groups": {group: {indicator: [...]}}}]}] — end uses and total at the milestone years,
/// display units (those of results.json's "units"); regions of `level` only, or all.
nlohmann::json regions_json(const std::vector<RegionalResults>& runs,
                            std::optional<RegionLevel> level = std::nullopt);

}  // namespace heatlift::fleet
