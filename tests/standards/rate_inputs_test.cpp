// What `rate` takes for EN 14825 beyond the declared points: the capacity control in a
// PRODUCT.toml and a products CSV (fixed rated bin by bin, variable at the conditions, a
// wrong word refused naming the field).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/standards/product_io.hpp"
#include "heatlift/standards/rating.hpp"

namespace {

using namespace heatlift::standards;
using heatlift::InvalidInput;
using ::testing::HasSubstr;

const heatlift::core::DataStore& store() {
  static const heatlift::core::DataStore s;
  return s;
}
const StandardsLibrary& lib() {
  static const StandardsLibrary l = StandardsLibrary::load(store());
  return l;
}
const heatlift::fluids::GwpTable& gwp() {
  static const heatlift::fluids::GwpTable g = heatlift::fluids::GwpTable::load(store());
  return g;
}

// The Annex H unit with a capacity control line (or none).
std::string annex_h(const std::string& control_line) {
  std::string t =
      "name = \"H\"\n[en14825]\nclimate = \"average\"\ndesign_load = \"11.46 kW\"\n"
      "t_biv = \"-6 C\"\ntol = \"-10 C\"\ncd = 0.9\n";
  t += control_line;
  for (const char* p :
       {"-7 C\"\ncapacity = \"9.55 kW\"\ncop = 3.26", "2 C\"\ncapacity = \"11.17 kW\"\ncop = 4.0",
        "7 C\"\ncapacity = \"12.66 kW\"\ncop = 4.91", "12 C\"\ncapacity = \"14.3 kW\"\ncop = 5.5",
        "-10 C\"\ncapacity = \"7.8 kW\"\ncop = 2.6", "-6 C\"\ncapacity = \"9.7 kW\"\ncop = 3.3"}) {
    t += "[[en14825.point]]\nt_outdoor = \"";
    t += p;
    t += "\n";
  }
  return t;
}

En14825Result rate_toml(const std::string& text) {
  const Rater rater(lib(), gwp(), nullptr);
  const auto r = rater.rate(parse_product_toml(text, "p.toml", lib()), std::nullopt, {});
  return *r.at(0).en14825;
}

TEST(RateInputs, CapacityControlFromProductToml) {
  const auto variable = rate_toml(annex_h(""));  // the default
  EXPECT_EQ(variable.capacity_control, CapacityControl::variable);
  EXPECT_NEAR(variable.scop_on, 3.602, 0.001);
  const auto fixed = rate_toml(annex_h("capacity_control = \"fixed\"\n"));
  EXPECT_EQ(fixed.capacity_control, CapacityControl::fixed);
  EXPECT_NEAR(fixed.scop_on, 3.624, 0.001);
  EXPECT_EQ(rate_toml(annex_h("capacity_control = \"on/off\"\n")).capacity_control,
            CapacityControl::fixed);
  EXPECT_EQ(rate_toml(annex_h("capacity_control = \"staged\"\n")).scop_on, variable.scop_on);
  try {
    rate_toml(annex_h("capacity_control = \"inverter\"\n"));
    ADD_FAILURE() << "no error";
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("p.toml:8"));
    EXPECT_THAT(e.what(), HasSubstr("capacity_control"));
    EXPECT_THAT(e.what(), HasSubstr("'inverter'"));
  }
}

TEST(RateInputs, CapacityControlFromProductsCsv) {
  std::string csv =
      "name,standard,capacity_control,design_load_kW,t_biv_C,tol_C,cd,p1_t_C,p1_capacity_kW,"
      "p1_cop,p2_t_C,p2_capacity_kW,p2_cop,p3_t_C,p3_capacity_kW,p3_cop,p4_t_C,p4_capacity_kW,"
      "p4_cop,p5_t_C,p5_capacity_kW,p5_cop,p6_t_C,p6_capacity_kW,p6_cop\n";
  const std::string pts =
      "11.46,-6,-10,0.9,-7,9.55,3.26,2,11.17,4,7,12.66,4.91,12,14.3,5.5,-10,7.8,"
      "2.6,-6,9.7,3.3\n";
  csv += "F,en14825,fixed," + pts;
  csv += "V,en14825,variable," + pts;
  csv += "X,en14825,inverter," + pts;
  const auto rows = read_products_csv(csv, "p.csv", lib());
  ASSERT_EQ(rows.size(), 3u);
  const Rater rater(lib(), gwp(), nullptr);
  ASSERT_TRUE(rows[0].product && rows[1].product);
  EXPECT_NEAR(rater.rate(*rows[0].product, std::nullopt, {}).at(0).en14825->scop_on, 3.624, 0.001);
  EXPECT_NEAR(rater.rate(*rows[1].product, std::nullopt, {}).at(0).en14825->scop_on, 3.602, 0.001);
  EXPECT_FALSE(rows[2].product);
  EXPECT_THAT(rows[2].error, HasSubstr("capacity_control"));
  EXPECT_THAT(rows[2].error, HasSubstr("'inverter'"));
}

}  // namespace
