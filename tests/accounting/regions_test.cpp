// data/regions/: the one reader of grids.csv and provinces.csv, and the grid areas built
// from it (MEE/NBS announced factors, see data/regions/grids.csv).
#include "heatlift/accounting/regions.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/accounting/carbon.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::accounting {
namespace {

using ::testing::HasSubstr;

TEST(Regions, GridsInTheFilesOrderWithTheirFactors) {
  const RegionTables t = load_regions(core::DataStore());
  ASSERT_FALSE(t.grids.empty());
  EXPECT_EQ(t.grids.front().id, "national");
  EXPECT_DOUBLE_EQ(t.national().factors.at(2023) * 3.6e6, 0.5306);
  EXPECT_EQ(t.provinces.size(), mainland_provinces().size());
  EXPECT_EQ(t.grids_file, kGridsFile);
}

TEST(Regions, ProvincesCarryZoneGridAndRatio) {
  const RegionTables t = load_regions(core::DataStore());
  const Province* he = nullptr;
  for (const Province& p : t.provinces) {
    if (p.iso_code == "CN-HE") he = &p;
  }
  ASSERT_NE(he, nullptr);
  EXPECT_EQ(he->zone, climate::Zone::cold);
  EXPECT_EQ(he->grid_region, "north");
  EXPECT_DOUBLE_EQ(he->grid_ratio, he->grid_factor / t.national().factors.at(he->grid_factor_year));
}

TEST(Regions, GridAreasAreTheGridsThenTheProvinces) {
  const core::DataStore data;
  const RegionTables t = load_regions(data);
  const std::vector<GridArea> areas = grid_areas(data);
  ASSERT_EQ(areas.size(), t.grids.size() + t.provinces.size());
  EXPECT_EQ(areas[0].kind, "national");
  EXPECT_EQ(areas[t.grids.size()].kind, "province");
  EXPECT_EQ(areas[t.grids.size()].id, t.provinces.front().iso_code);
}

TEST(Regions, GridNamesMayBeLeftOutButTheNationalRowMayNot) {
  const core::DataStore data;
  const std::string provinces = data.read(kProvincesFile);
  const RegionTables t = parse_regions(provinces, "p.csv",
                                       "grid_region,factor_2022_kgCO2_per_kWh,"
                                       "factor_2023_kgCO2_per_kWh\n"
                                       "national,0.5366,0.5306\nnorth,0.6776,0.6361\n"
                                       "northeast,0.5,0.5\neast,0.5,0.5\ncentral,0.5,0.5\n"
                                       "northwest,0.5,0.5\nsouth,0.5,0.5\nsouthwest,0.5,0.5\n",
                                       "g.csv");
  EXPECT_EQ(t.grids[1].name_en, "");
  try {
    parse_regions(provinces, "p.csv", "grid_region,factor_2022_kgCO2_per_kWh\nnorth,0.6\n",
                  "g.csv");
    FAIL() << "no error";
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("g.csv: no row for grid_region 'national'"));
  }
}

}  // namespace
}  // namespace heatlift::accounting
