// Grid factors against the MEE/NBS values of standards-and-factors.md §7, the scenario
// paths of data/scenarios, refrigerant losses and TEWI by hand.
#include "heatlift/accounting/carbon.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::accounting {
namespace {

using ::testing::HasSubstr;

double kwh(double v) {
  return v * core::kJPerKWh;
}

GridFactor grid(std::string area, std::optional<int> year = {},
                std::optional<std::string> path = {}) {
  GridSpec s;
  s.area = std::move(area);
  s.year = year;
  s.path = std::move(path);
  return GridFactor::from_spec(s, core::DataStore());
}

// standards-and-factors.md §7.1 and §7.2 (MEE + NBS, C2), §7.3 (provinces, C2).
TEST(GridFactor, EqualsTheAnnouncedFactors) {
  EXPECT_NEAR(grid("national").kg_per_kwh(2030), 0.5306, 1e-12);  // latest = 2023
  EXPECT_NEAR(grid("national", 2022).kg_per_kwh(0), 0.5366, 1e-12);
  EXPECT_NEAR(grid("north", 2022).kg_per_kwh(0), 0.6776, 1e-12);
  EXPECT_NEAR(grid("华北", 2023).kg_per_kwh(0), 0.6361, 1e-12);
  EXPECT_NEAR(grid("Northeast", 2023).kg_per_kwh(0), 0.5122, 1e-12);
  EXPECT_NEAR(grid("east", 2023).kg_per_kwh(0), 0.5500, 1e-12);
  EXPECT_NEAR(grid("central", 2023).kg_per_kwh(0), 0.5271, 1e-12);
  EXPECT_NEAR(grid("northwest", 2023).kg_per_kwh(0), 0.5543, 1e-12);
  EXPECT_NEAR(grid("south", 2022).kg_per_kwh(0), 0.3869, 1e-12);
  EXPECT_NEAR(grid("southwest", 2022).kg_per_kwh(0), 0.2268, 1e-12);
  EXPECT_NEAR(grid("CN-HE").kg_per_kwh(0), 0.7252, 1e-12);
  EXPECT_NEAR(grid("河北").kg_per_kwh(0), 0.7252, 1e-12);
  EXPECT_NEAR(grid("Yunnan", 2022).kg_per_kwh(0), 0.1073, 1e-12);
  EXPECT_NEAR(grid("CN-QH").kg_per_kwh(0), 0.1567, 1e-12);
  // Beijing has no confirmed provincial factor: its grid's (north 2023).
  EXPECT_NEAR(grid("CN-BJ").kg_per_kwh(0), 0.6361, 1e-12);
}

TEST(GridFactor, RejectsUnknownAreasAndYears) {
  try {
    grid("atlantis");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("atlantis"));
    EXPECT_THAT(e.what(), HasSubstr("north"));
  }
  try {
    grid("north", 2019);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("2022, 2023"));
  }
  EXPECT_THROW(grid("national", 2023, "cns"), InvalidInput);
  EXPECT_THROW(grid("national", {}, "no-such-scenario"), InvalidInput);
}

// data/scenarios/cns.toml: 2021 0.5568, 2022 0.5366, 2023 0.5306, 2030 0.47, 2060 0.072,
// linear between and flat outside.
TEST(GridFactor, FollowsTheScenarioPath) {
  const GridFactor g = grid("national", {}, "cns");
  EXPECT_TRUE(g.is_path());
  EXPECT_NEAR(g.kg_per_kwh(2000), 0.5568, 1e-12);
  EXPECT_NEAR(g.kg_per_kwh(2022), 0.5366, 1e-12);
  EXPECT_NEAR(g.kg_per_kwh(2025), 0.5306 + (0.47 - 0.5306) * 2.0 / 7.0, 1e-12);
  EXPECT_NEAR(g.kg_per_kwh(2045), 0.47 + (0.072 - 0.47) * 15.0 / 30.0, 1e-12);
  EXPECT_NEAR(g.kg_per_kwh(2060), 0.072, 1e-12);
  EXPECT_NEAR(g.kg_per_kwh(2075), 0.072, 1e-12);
  // action-plan extends cns and inherits its path.
  EXPECT_NEAR(grid("national", {}, "action-plan").kg_per_kwh(2040), g.kg_per_kwh(2040), 1e-15);
  // A region follows the national path scaled to its own latest factor.
  const GridFactor north = grid("north", {}, "cns");
  EXPECT_NEAR(north.kg_per_kwh(2023), 0.6361, 1e-12);
  EXPECT_NEAR(north.kg_per_kwh(2060), 0.072 * 0.6361 / 0.5306, 1e-12);
}

TEST(Co2OfElectricity, ConstantAndByYear) {
  const GridFactor g = grid("national", 2023);
  EXPECT_NEAR(co2_of_electricity(g, 2023, kwh(1000.0)), 530.6, 1e-9);
  const GridFactor p = grid("national", {}, "cns");
  const std::vector<double> e = {kwh(1000.0), kwh(1000.0)};
  const YearlyCo2 y = co2_of_electricity(p, 2022, e);
  ASSERT_EQ(y.kg_by_year.size(), 2u);
  EXPECT_NEAR(y.kg_by_year[0], 536.6, 1e-9);
  EXPECT_NEAR(y.kg_by_year[1], 530.6, 1e-9);
  EXPECT_NEAR(y.total_kg, 1067.2, 1e-9);
  EXPECT_THROW(co2_of_electricity(g, 2023, -1.0), InvalidInput);
  std::vector<double> hourly(8760, kwh(0.5));
  EXPECT_NEAR(co2_of_hourly_electricity(g, 2023, hourly), 4380.0 * 0.5306, 1e-6);
  hourly[7] = -1.0;
  EXPECT_THROW(co2_of_hourly_electricity(g, 2023, hourly), InvalidInput);
}

TEST(Refrigerant, GwpFromTheData) {
  const core::DataStore data;
  EXPECT_DOUBLE_EQ(gwp(data, "R410A", fluids::GwpBasis::ar4), 2088.0);
  EXPECT_DOUBLE_EQ(gwp(data, "R32", fluids::GwpBasis::ar6), 771.0);
  EXPECT_DOUBLE_EQ(gwp(data, "r744", fluids::GwpBasis::ar5), 1.0);
  EXPECT_DOUBLE_EQ(gwp(data, "R-32", fluids::GwpBasis::ar4), 675.0);
  EXPECT_DOUBLE_EQ(gwp(data, "R1234ze_E", fluids::GwpBasis::ar6), 1.37);
  EXPECT_DOUBLE_EQ(gwp(data, "R1233zd(E)", fluids::GwpBasis::ar6), 3.88);
  EXPECT_DOUBLE_EQ(gwp(data, "Water", fluids::GwpBasis::ar4), 0.0);
  EXPECT_DOUBLE_EQ(gwp(data, "CO2", fluids::GwpBasis::ar4), 1.0);
  // IPCC AR6 WG1 Table 7.SM.7: propane 0.02; AR5 has no propane, AR6's value is taken.
  EXPECT_DOUBLE_EQ(gwp(data, "R290", fluids::GwpBasis::ar6), 0.02);
  EXPECT_DOUBLE_EQ(gwp(data, "R290", fluids::GwpBasis::ar5), 0.02);
  EXPECT_DOUBLE_EQ(gwp(data, "R600a", fluids::GwpBasis::ar6), 0.006);  // n-butane's AR6 value
  EXPECT_DOUBLE_EQ(gwp(data, "R717", fluids::GwpBasis::ar5), 0.0);
  EXPECT_THROW(gwp(data, "R1234yf", fluids::GwpBasis::ar4), DataMissing);  // not in AR4
  EXPECT_THROW(gwp(data, "R999", fluids::GwpBasis::ar4), DataMissing);
}

// Every refrigerant heatlift ships an equation of state for has a GWP100 on AR5 and AR6, so a
// charge's CO2e is never blank on those bases (natural refrigerants filled as gwp.csv says).
TEST(Gwp, EveryShippedFluidHasAr5AndAr6) {
  const core::DataStore data;
  for (const char* f :
       {"R1233zd(E)", "R1234yf", "R1234ze(E)", "R1336mzz(Z)", "R134a", "R152a", "R22", "R245fa",
        "R290", "R32", "R407C", "R410A", "R600a", "R717", "R718", "R744"}) {
    for (const auto b : {fluids::GwpBasis::ar5, fluids::GwpBasis::ar6}) {
      EXPECT_NO_THROW(gwp(data, f, b)) << f << " " << fluids::to_string(b);
    }
  }
}

// standards-and-factors.md §12: 3 kg R410A × 5 %/a × 2088 (AR4) = 313 kgCO2e/a.
TEST(Refrigerant, LeakageAndEndOfLife) {
  const RefrigerantUse r{"R410A", 3.0, 2088.0, 0.05, 0.15};
  EXPECT_NEAR(annual_leakage_co2e(r), 313.2, 1e-9);
  EXPECT_NEAR(end_of_life_co2e(r), 939.6, 1e-9);
  EXPECT_THROW(annual_leakage_co2e(RefrigerantUse{"R32", 1.0, 675.0, -0.1, 0.1}), InvalidInput);
  EXPECT_THROW(end_of_life_co2e(RefrigerantUse{"R32", 1.0, 675.0, 0.1, 1.5}), InvalidInput);
}

// TEWI = n·m·L·GWP + m·α·GWP + n·E·β, the textbook form (EN 378 / AIRAH TEWI guideline):
// 3 kg R410A, 5 %/a, 15 % lost at end of life, 15 years, 3000 kWh/a at 0.5306 kg/kWh.
TEST(Tewi, TextbookCaseWithAConstantGrid) {
  const RefrigerantUse r{"R410A", 3.0, 2088.0, 0.05, 0.15};
  const Tewi t = tewi(r, kwh(3000.0), 15, grid("national", 2023), 2025);
  EXPECT_NEAR(t.leakage_kg, 15 * 313.2, 1e-9);
  EXPECT_NEAR(t.end_of_life_kg, 939.6, 1e-9);
  EXPECT_NEAR(t.direct_kg, 5637.6, 1e-9);
  EXPECT_NEAR(t.indirect_kg, 15 * 3000 * 0.5306, 1e-6);
  EXPECT_NEAR(t.total_kg, 5637.6 + 23877.0, 1e-6);
  EXPECT_EQ(t.indirect_by_year_kg.size(), 15u);
  EXPECT_THROW(tewi(r, kwh(3000.0), 0, grid("national"), 2025), InvalidInput);
}

TEST(Tewi, FollowsThePathYearByYear) {
  const RefrigerantUse r{"R290", 0.5, 3.0, 0.02, 0.1};
  const GridFactor p = grid("national", {}, "cns");
  const Tewi t = tewi(r, kwh(2000.0), 3, p, 2029);
  const double expected = 2000.0 * (p.kg_per_kwh(2029) + p.kg_per_kwh(2030) + p.kg_per_kwh(2031));
  EXPECT_NEAR(t.indirect_kg, expected, 1e-9);
  EXPECT_NEAR(t.indirect_by_year_kg[1], 2000.0 * 0.47, 1e-9);
  EXPECT_NEAR(t.direct_kg, 3 * 0.5 * 0.02 * 3.0 + 0.5 * 0.1 * 3.0, 1e-12);
}

}  // namespace
}  // namespace heatlift::accounting
