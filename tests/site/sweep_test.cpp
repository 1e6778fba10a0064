// Site sweeps (site/sweep.hpp), the engine of `heatlift site sweep` and heatlift.site.sweep:
// every variant evaluated on its own, so threads do not change a figure; a variant that
// fails keeps its reason while the others go on; declared keys checked before any runs.
#include "heatlift/site/sweep.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"

namespace heatlift::site {
namespace {

const std::string kExample =
    std::string(HEATLIFT_EXAMPLES) + "/shijiazhuang-rural-coal-to-ashp.toml";

struct World {
  core::DataStore data;
  fluids::FluidLibrary fluids{data};
  equipment::ProductLibrary products{data, fluids};
  SiteLibraries lib{data, products};
};

const World& world() {
  static const World w;
  return w;
}

std::vector<SweepVariant> variants(const std::vector<std::vector<std::string>>& values) {
  std::vector<SweepVariant> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) out[i].values = values[i];
  return out;
}

TEST(SiteSweep, EveryVariantOnItsOwnAtAnyThreadCount) {
  const auto doc = core::ConfigDocument::from_file(kExample);
  const std::vector<std::string> keys{"site.city", "heat_pump.capacity"};
  const std::vector<std::vector<std::string>> values{{"Shijiazhuang", "\"8 kW\""},
                                                     {"Harbin", "\"12 kW\""},
                                                     {"Nowhere-at-all", "\"8 kW\""},
                                                     {"Beijing", "\"10 kW\""}};
  auto one = variants(values);
  auto two = variants(values);
  run_sweep(doc, keys, one, world().lib, HEATLIFT_EXAMPLES, 1);
  run_sweep(doc, keys, two, world().lib, HEATLIFT_EXAMPLES, 2);
  const auto columns = sweep_columns();
  ASSERT_EQ(columns.size(), 18u);
  EXPECT_EQ(columns.front().name, "capacity_kw");
  EXPECT_EQ(columns[7].name, "unmet_hours");
  EXPECT_EQ(columns[7].kind, SweepKind::count);
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(one[i].figures, two[i].figures) << i;
    EXPECT_EQ(one[i].error, two[i].error) << i;
  }
  ASSERT_TRUE(one[0].ok()) << one[0].error;
  ASSERT_EQ(one[0].figures.size(), columns.size());
  EXPECT_DOUBLE_EQ(std::get<double>(one[0].figures[0]), 8.0);  // capacity_kw as set
  EXPECT_TRUE(std::holds_alternative<long long>(one[0].figures[7]));
  EXPECT_FALSE(one[2].ok());  // an unknown place fails that variant only
  EXPECT_NE(one[2].error.find("Nowhere-at-all"), std::string::npos) << one[2].error;
  EXPECT_TRUE(one[3].ok()) << one[3].error;
  // Harbin is colder than Shijiazhuang: more heat for the same house
  EXPECT_GT(std::get<double>(one[1].figures[1]), std::get<double>(one[0].figures[1]));
}

// The figure of column `name` in a variant.
const SweepFigure& figure(const SweepVariant& v, std::string_view name) {
  const auto columns = sweep_columns();
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k].name == name) return v.figures.at(k);
  }
  throw std::out_of_range(std::string(name));
}

// A site that cools reports its cooling in the sweep: cooling, the cooling hours' electricity,
// the system's SEER and those hours' running cost, each a part of the year's total; a
// heating-only site leaves the four columns empty.
TEST(SiteSweep, CoolingFiguresWhenTheSiteCools) {
  const auto columns = sweep_columns();
  int cooling_columns = 0;
  for (const SweepColumn& c : columns) cooling_columns += c.cooling ? 1 : 0;
  EXPECT_EQ(cooling_columns, 4);
  EXPECT_EQ(site_columns().size(), columns.size() - 3);

  const auto office = core::ConfigDocument::from_file(std::string(HEATLIFT_EXAMPLES) +
                                                      "/guangzhou-office-cooling.toml");
  auto cooled = variants({{"\"6000 m2\""}, {"\"8000 m2\""}});
  run_sweep(office, {"demand.building.floor_area"}, cooled, world().lib, HEATLIFT_EXAMPLES, 2);
  for (const SweepVariant& v : cooled) {
    ASSERT_TRUE(v.ok()) << v.error;
    const double cooling = std::get<double>(figure(v, "cooling_kwh"));
    const double el = std::get<double>(figure(v, "cooling_electricity_kwh"));
    const double seer = std::get<double>(figure(v, "seer_system"));
    const double cost = std::get<double>(figure(v, "cooling_cost_cny"));
    EXPECT_GT(cooling, 0.0);
    EXPECT_GT(el, 0.0);
    EXPECT_LT(el, std::get<double>(figure(v, "electricity_kwh")));
    EXPECT_NEAR(seer, cooling / el, 1e-9 * seer) << "the system boundary: unit and pumps";
    EXPECT_GT(cost, 0.0);
    EXPECT_LT(cost, std::get<double>(figure(v, "energy_cost_cny")));
    // Time-of-use: cooling runs by day, so its mean price lies between the valley's and the
    // peak's (0.28 … 1.05 CNY/kWh in the file).
    EXPECT_GT(cost / el, 0.28);
    EXPECT_LT(cost / el, 1.05);
  }
  EXPECT_GT(std::get<double>(figure(cooled[1], "cooling_kwh")),
            std::get<double>(figure(cooled[0], "cooling_kwh")))
      << "more floor, more cooling";

  const auto house = core::ConfigDocument::from_file(kExample);
  auto heated = variants({{"\"10 kW\""}});
  run_sweep(house, {"heat_pump.capacity"}, heated, world().lib, HEATLIFT_EXAMPLES, 1);
  ASSERT_TRUE(heated[0].ok()) << heated[0].error;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k].cooling) {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(heated[0].figures[k])) << columns[k].name;
    }
  }
}

TEST(SiteSweep, DeclaredKeysAreCheckedBeforeAnyVariantRuns) {
  EXPECT_NO_THROW(check_sweep_value("heat_pump.capacity", "\"12 kW\""));
  EXPECT_THROW(check_sweep_value("heat_pump.capacity", "\"12 parsecs\""), InvalidInput);
  EXPECT_NO_THROW(check_sweep_value("not_a_block.key", "anything"));  // left to the reader
  EXPECT_NO_THROW(check_sweep_value("nodot", "anything"));
}

}  // namespace
}  // namespace heatlift::site
