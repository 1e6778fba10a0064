// Results by province and climate zone: the shipped table, the allocation keys, exact
// conservation of every extensive indicator, zone sums, the regional grid factors'
// effect on CO2, bottom-up shares, and the table's errors.
#include "heatlift/fleet/regions.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/regions_io.hpp"
#include "heatlift/fleet/scenario_io.hpp"

namespace {

using namespace heatlift;
using fleet::Indicator;
using ::testing::HasSubstr;

const core::DataStore& data() {
  static const core::DataStore store;
  return store;
}

const fleet::ProvinceTable& shipped() {
  static const fleet::ProvinceTable table = fleet::load_provinces(data());
  return table;
}

std::size_t index_of(const fleet::ProvinceTable& t, std::string_view iso) {
  for (std::size_t i = 0; i < t.provinces.size(); ++i) {
    if (t.provinces[i].iso_code == iso) return i;
  }
  ADD_FAILURE() << "no province " << iso;
  return 0;
}

// Extensive indicators: shared out, so they must add up to the national value.
bool conserved(Indicator i) {
  return i != Indicator::co2_reduction_gross && i != Indicator::co2_reduction_net &&
         i != Indicator::kigali_allowance;
}

TEST(ProvinceTable, ShipsAllMainlandProvincesWithTheCensusPopulation) {
  const auto& t = shipped();
  ASSERT_EQ(t.provinces.size(), 31u);
  double population = 0.0;
  for (const auto& p : t.provinces) {
    population += p.population;
    EXPECT_GT(p.hdd18, 0.0) << p.iso_code;
    EXPECT_GT(p.grid_ratio, 0.0) << p.iso_code;
    EXPECT_FALSE(p.share_sh) << p.iso_code;  // no bottom-up shares are shipped
  }
  // 7th census (2020): 1,411,778,724 less 2,000,000 active-duty military.
  EXPECT_DOUBLE_EQ(population, 1409778724.0);
  const auto& he = t.provinces[index_of(t, "CN-HE")];
  EXPECT_EQ(he.name_zh, "河北");
  EXPECT_EQ(he.adcode, 130000);
  EXPECT_EQ(he.zone, climate::Zone::cold);
  EXPECT_EQ(he.grid_factor_basis, "province");
  EXPECT_NEAR(he.grid_ratio, 0.7252 / 0.5366, 1e-12);  // 2022 provincial / 2022 national
  const auto& bj = t.provinces[index_of(t, "CN-BJ")];
  EXPECT_EQ(bj.grid_region, "north");
  EXPECT_NEAR(bj.grid_ratio, 0.6361 / 0.5306, 1e-12);  // 2023 North China grid / national
  EXPECT_EQ(t.provinces[index_of(t, "CN-HL")].zone, climate::Zone::severe_cold);
  EXPECT_EQ(t.provinces[index_of(t, "CN-GD")].zone, climate::Zone::hot_summer_warm_winter);
}

TEST(Allocation, KeysArePopulationTimesHdd18AndPopulation) {
  const auto& t = shipped();
  for (auto end_use : {fleet::EndUse::space_heating, fleet::EndUse::hot_water}) {
    const auto s = fleet::allocation_shares(t, end_use);
    double sum = 0.0;
    for (double v : s) sum += v;
    EXPECT_NEAR(sum, 1.0, 1e-14);
  }
  const auto sh = fleet::allocation_shares(t, fleet::EndUse::space_heating);
  const auto hw = fleet::allocation_shares(t, fleet::EndUse::hot_water);
  const auto& hl = t.provinces[index_of(t, "CN-HL")];
  const auto& gd = t.provinces[index_of(t, "CN-GD")];
  const std::size_t ihl = index_of(t, "CN-HL"), igd = index_of(t, "CN-GD");
  EXPECT_NEAR(sh[ihl] / sh[igd], hl.population * hl.hdd18 / (gd.population * gd.hdd18), 1e-12);
  EXPECT_NEAR(hw[ihl] / hw[igd], hl.population / gd.population, 1e-12);
}

class RegionsOf : public ::testing::TestWithParam<const char*> {};

TEST_P(RegionsOf, ProvincesAddUpToTheNationExactly) {
  const auto sc = fleet::load_scenario(data(), GetParam());
  const auto national = fleet::run(sc);
  const auto rr = fleet::allocate(sc, national, shipped());
  for (std::size_t gi = 0; gi < national.groups.size(); ++gi) {
    for (const auto& ind : fleet::indicators()) {
      if (!conserved(ind.id)) continue;
      const auto& nat = national.groups[gi].series[ind.id];
      for (std::size_t k = 0; k < nat.size(); ++k) {
        double sum = 0.0;
        for (const auto& r : rr.regions) {
          if (r.level == fleet::RegionLevel::province) sum += r.groups[gi].series[ind.id][k];
        }
        ASSERT_NEAR(sum, nat[k], 1e-12 * std::abs(nat[k]) + 1e-300)
            << national.groups[gi].name << " " << ind.name << " " << national.first_year + k;
      }
    }
  }
}

TEST_P(RegionsOf, ZonesAreSumsOfTheirProvincesAndCnOfAll) {
  const auto sc = fleet::load_scenario(data(), GetParam());
  const auto national = fleet::run(sc);
  const auto& t = shipped();
  const auto rr = fleet::allocate(sc, national, t);
  ASSERT_EQ(rr.regions.size(), 31u + climate::kAllZones.size() + 1u);
  for (std::size_t gi = 0; gi < national.groups.size(); ++gi) {
    for (const auto& ind : fleet::indicators()) {
      if (ind.id == Indicator::kigali_allowance) continue;
      const auto n = national.groups[gi].series[ind.id].size();
      for (std::size_t k = 0; k < n; ++k) {
        double all = 0.0, zones = 0.0;
        for (std::size_t pi = 0; pi < t.provinces.size(); ++pi)
          all += rr.regions[pi].groups[gi].series[ind.id][k];
        for (const auto& r : rr.regions) {
          if (r.level != fleet::RegionLevel::zone) continue;
          double members = 0.0;
          for (std::size_t pi = 0; pi < t.provinces.size(); ++pi) {
            if (to_string(t.provinces[pi].zone) == r.code)
              members += rr.regions[pi].groups[gi].series[ind.id][k];
          }
          const double z = r.groups[gi].series[ind.id][k];
          ASSERT_NEAR(z, members, 1e-12 * std::abs(members) + 1e-300) << r.code << ind.name;
          zones += z;
        }
        const double cn = rr.region("CN").groups[gi].series[ind.id][k];
        ASSERT_NEAR(cn, all, 1e-12 * std::abs(all) + 1e-300) << ind.name;
        ASSERT_NEAR(zones, all, 1e-12 * std::abs(all) + 1e-300) << ind.name;
      }
    }
  }
  // The Kigali allowance is a national figure only.
  EXPECT_TRUE(std::isnan(rr.value("CN-HE", "total", Indicator::kigali_allowance, 2030)));
}

INSTANTIATE_TEST_SUITE_P(Shipped, RegionsOf, ::testing::Values("cns", "ngs", "action-plan"));

TEST(RegionalCo2, WithTheNationalFactorEverywhereItIsTheNationalCo2) {
  const auto sc = fleet::load_scenario(data(), "cns");
  const auto national = fleet::run(sc);
  auto t = shipped();
  for (auto& p : t.provinces) p.grid_ratio = 1.0;
  const auto rr = fleet::allocate(sc, national, t);
  for (int y : {2018, 2022, 2030, 2060}) {
    for (const char* g : {"sh_household", "hw_household", "space_heating", "total"}) {
      for (auto i : {Indicator::co2_reduction_gross, Indicator::co2_reduction_net}) {
        const double nat = national.value(g, i, y);
        EXPECT_NEAR(rr.value("CN", g, i, y), nat, 1e-9 * std::abs(nat)) << g << y;
      }
    }
  }
}

// Heat that displaces fuels saves more CO2 where the grid that runs the heat pump is
// cleaner: 云南 (0.1073) and 四川 (0.1404) against 河北 (0.7252 kgCO2/kWh, 2022).
TEST(RegionalCo2, CleanerGridSavesMorePerUnitOfHeatWhenFuelsAreReplaced) {
  const auto sc = fleet::load_scenario(data(), "cns");
  const auto rr = fleet::allocate(sc, fleet::run(sc), shipped());
  auto per_heat = [&](const char* region, const char* group, int y) {
    return rr.value(region, group, Indicator::co2_reduction_gross, y) /
           rr.value(region, group, Indicator::heat, y);
  };
  for (int y : {2022, 2030, 2060}) {
    // sh_commercial replaces coal boilers only, hw_commercial gas boilers only.
    for (const char* g : {"sh_commercial", "hw_commercial"}) {
      EXPECT_GT(per_heat("CN-YN", g, y), per_heat("CN-HE", g, y)) << g << y;
      EXPECT_GT(per_heat("CN-SC", g, y), per_heat("CN-HE", g, y)) << g << y;
      EXPECT_GT(per_heat("CN-YN", g, y), per_heat("CN-SC", g, y)) << g << y;
    }
  }
  // Over all segments the cleaner grids save more per unit of heat in 2030 too.
  EXPECT_GT(per_heat("CN-YN", "total", 2030), per_heat("CN-HE", "total", 2030));
}

// Where a heat pump replaces direct electric heaters only, the saving is electricity, and
// a kWh saved is worth more CO2 on a dirtier grid: the direction reverses.
TEST(RegionalCo2, DirtierGridSavesMoreWhenElectricHeatersAreReplaced) {
  auto sc = fleet::load_scenario(data(), "cns");
  for (auto& seg : sc.segments) seg.replaced = {{"electric_heater", 1.0}};
  const auto rr = fleet::allocate(sc, fleet::run(sc), shipped());
  for (int y : {2022, 2030, 2060}) {
    const double yn = rr.value("CN-YN", "total", Indicator::co2_reduction_gross, y) /
                      rr.value("CN-YN", "total", Indicator::heat, y);
    const double he = rr.value("CN-HE", "total", Indicator::co2_reduction_gross, y) /
                      rr.value("CN-HE", "total", Indicator::heat, y);
    EXPECT_LT(yn, he) << y;
  }
}

TEST(RegionalCo2, ProvinceFactorFollowsTheNationalPathByItsRatio) {
  // With fuels out of the baseline, co2_reduction_gross = ratio × g(t) × (replaced − electricity).
  auto sc = fleet::load_scenario(data(), "cns");
  const auto national = fleet::run(sc);
  const auto& t = shipped();
  const auto rr = fleet::allocate(sc, national, t);
  const auto& yn = t.provinces[index_of(t, "CN-YN")];
  const auto sh = fleet::allocation_shares(t, fleet::EndUse::space_heating);
  const std::size_t k = 2060 - national.first_year;
  const auto& g = national.group("sh_commercial");
  const double g2060 = fleet::grid_path(sc).at(2060);
  const double s = sh[index_of(t, "CN-YN")];
  const double expected =
      s * (g.baseline.replaced_fuel_co2[k] +
           yn.grid_ratio * g2060 *
               (g.baseline.replaced_electricity[k] - g.series[Indicator::electricity][k]));
  EXPECT_NEAR(rr.value("CN-YN", "sh_commercial", Indicator::co2_reduction_gross, 2060), expected,
              1e-9 * std::abs(expected));
}

TEST(Allocation, BottomUpSharesAreKeptAndTheRestFollowsTheKey) {
  auto t = shipped();
  const auto before = fleet::allocation_shares(t, fleet::EndUse::space_heating);
  const std::size_t bj = index_of(t, "CN-BJ"), he = index_of(t, "CN-HE"), sd = index_of(t, "CN-SD");
  t.provinces[bj].share_sh = 0.10;
  t.provinces[he].share_sh = 0.20;
  const auto after = fleet::allocation_shares(t, fleet::EndUse::space_heating);
  EXPECT_DOUBLE_EQ(after[bj], 0.10);
  EXPECT_DOUBLE_EQ(after[he], 0.20);
  EXPECT_NEAR(after[sd], before[sd] * 0.70 / (1.0 - before[bj] - before[he]), 1e-15);
  double sum = 0.0;
  for (double v : after) sum += v;
  EXPECT_NEAR(sum, 1.0, 1e-14);
  // Hot water is untouched.
  EXPECT_EQ(fleet::allocation_shares(t, fleet::EndUse::hot_water),
            fleet::allocation_shares(shipped(), fleet::EndUse::hot_water));
  t.provinces[sd].share_sh = 0.75;
  EXPECT_THROW(fleet::allocation_shares(t, fleet::EndUse::space_heating), InvalidInput);
}

// ---- the table's errors ----------------------------------------------------------------

std::string shipped_text(std::string_view path) {
  return data().read(path);
}

// The shipped provinces.csv with `from` replaced by `to` (once, must occur).
std::string edited(std::string_view from, std::string_view to) {
  std::string text = shipped_text("regions/provinces.csv");
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

std::string error_of(const std::string& provinces, const std::string& grids = "") {
  try {
    fleet::parse_provinces(provinces, "provinces.csv",
                           grids.empty() ? shipped_text("regions/grids.csv") : grids, "grids.csv");
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ProvinceTableErrors, NameFileLineFieldAndValue) {
  EXPECT_THAT(
      error_of(edited(",74610235,", ",-5,")),
      HasSubstr("provinces.csv:8: population_persons = \"-5\": expected a number of persons > 0"));
  EXPECT_THAT(error_of(edited("CN-GD,440000,广东,Guangdong,126012510,59287,广州,391,",
                              "CN-GD,440000,广东,Guangdong,126012510,59287,广州,0,")),
              HasSubstr("hdd18_Kd = \"0\": expected heating degree days"));
  EXPECT_THAT(error_of(edited(",cold,north,2022,0.7252,", ",cold,nord,2022,0.7252,")),
              HasSubstr("grid_region = \"nord\": expected a grid region of grids.csv: central"));
  EXPECT_THAT(error_of(edited(",cold,north,2022,0.7252,", ",tundra,north,2022,0.7252,")),
              HasSubstr("climate_zone = \"tundra\""));
  EXPECT_THAT(error_of(edited(",cold,north,2022,0.7252,", ",cold,north,2021,0.7252,")),
              HasSubstr("grid_factor_year = \"2021\": expected a year with a national factor"));
  EXPECT_THAT(error_of(edited(",0.7252,province,C2,,", ",abc,province,C2,,")),
              HasSubstr("grid_factor_kgCO2_per_kWh = \"abc\""));
  EXPECT_THAT(error_of(edited(",0.7252,province,C2,,", ",0.7252,province,C2,120,")),
              HasSubstr("share_space_heating_pct = \"120\""));
  EXPECT_THAT(error_of(edited("CN-TJ,", "CN-BJ,")),
              HasSubstr("iso_code = \"CN-BJ\": expected each province once"));
  EXPECT_THAT(error_of(edited("CN-TJ,", "CN-TW,")), HasSubstr("iso_code = \"CN-TW\""));
}

TEST(ProvinceTableErrors, MissingProvinceOrColumnOrGrid) {
  std::string text = shipped_text("regions/provinces.csv");
  const auto pos = text.find("CN-YN,");
  text.erase(pos, text.find('\n', pos) - pos + 1);
  EXPECT_THAT(error_of(text), HasSubstr("iso_code: CN-YN missing"));
  EXPECT_THAT(error_of(edited("hdd18_Kd,", "hdd_Kd,")),
              HasSubstr("provinces.csv:5: the header has no column 'hdd18_Kd'"));
  std::string grids = shipped_text("regions/grids.csv");
  grids.erase(grids.find("national,"), grids.find("north,") - grids.find("national,"));
  EXPECT_THAT(error_of(shipped_text("regions/provinces.csv"), grids),
              HasSubstr("grids.csv: no row for grid_region 'national'"));
  EXPECT_THAT(error_of(edited("CN-BJ,110000,北京,Beijing,21893095,",
                              "CN-BJ,110000,北京,Beijing,21893095,,")),
              HasSubstr("provinces.csv:6: 20 cells, expected 19"));
}

TEST(RegionalOutputs, MapHasOneRowPerProvinceWithMilestoneColumns) {
  const auto sc = fleet::load_scenario(data(), "cns");
  const auto rr = fleet::allocate(sc, fleet::run(sc), shipped());
  std::ostringstream os;
  fleet::write_provinces_map({rr}, shipped(), os);
  std::istringstream in(os.str());
  std::string header, line;
  std::getline(in, header);
  EXPECT_THAT(header, HasSubstr("scenario,iso_code,adcode,name_zh,name_en,climate_zone"));
  EXPECT_THAT(header, HasSubstr(",co2_reduction_net_2060_MtCO2e/a"));
  EXPECT_THAT(header, HasSubstr(",stock_2030_10^4_units,"));
  int rows = 0;
  while (std::getline(in, line)) ++rows;
  EXPECT_EQ(rows, 31);
  EXPECT_THAT(os.str(), HasSubstr("cns,CN-YN,530000,云南,Yunnan,mild,温和,south,2022,0.1073,"));
}

}  // namespace
