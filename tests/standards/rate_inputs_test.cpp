// What `rate` takes for EN 14825 beyond the declared points: the capacity control in a
// PRODUCT.toml and a products CSV (fixed rated bin by bin, variable at the conditions, a
// wrong word refused naming the field), and a performance map declared as a product.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/standards/map_declaration.hpp"
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

// A map on a grid of -20..15 °C outdoor and 35/55 °C leaving water: capacity 8 kW at 7 °C,
// rising 0.2 kW/K, times the speed; COP 3 + 0.05 K⁻¹ (t - 273.15), lower at 55 °C.
heatlift::equipment::PerformanceMap test_map(
    std::vector<double> speeds,
    heatlift::equipment::SourceKind kind = heatlift::equipment::SourceKind::air) {
  using namespace heatlift::equipment;
  MapAxes axes;
  for (double t = -20.0; t <= 15.0; t += 5.0) axes.t_source.push_back(t + 273.15);
  axes.t_sink = {35.0 + 273.15, 55.0 + 273.15};
  axes.part_load = speeds;
  std::vector<std::optional<NodeValue>> nodes;
  for (double ts : axes.t_source) {
    for (double tk : axes.t_sink) {
      for (double x : axes.part_load) {
        const double cap = (8e3 + 200.0 * (ts - 280.15)) * x;
        const double cop = (3.0 + 0.05 * (ts - 273.15)) * (tk < 320.0 ? 1.0 : 0.7);
        nodes.push_back(NodeValue{cap, cap / cop});
      }
    }
  }
  return PerformanceMap(kind, axes, nodes);
}

TEST(RateInputs, MapDeclaredAsAProduct) {
  MapRatingOptions o;
  const Product v = product_from_map(test_map({0.3, 0.6, 1.0}), "m.csv", lib(), o);
  ASSERT_EQ(v.declarations.size(), 2u);  // 35 and 55 °C are on the sink axis
  const Declaration& low = v.declarations[0];
  EXPECT_EQ(low.en14825->application, "low");
  EXPECT_EQ(low.en14825->capacity_control, CapacityControl::variable);
  // Defaults: TOL = Tdesignh -10 °C (the map reaches -20), Tbiv -7 °C, Pdesignh the full
  // capacity at Tbiv over pl(Tbiv) = 23/26.
  EXPECT_NEAR(low.en14825->tol, -10.0 + 273.15, 1e-9);
  EXPECT_NEAR(low.en14825->t_biv, -7.0 + 273.15, 1e-9);
  EXPECT_NEAR(low.en14825->design_load, (8e3 + 200.0 * -14.0) * 26.0 / 23.0, 1e-6);
  // Each point is the map at the speed that meets the part load: at C (7 °C) the load is
  // Pdesignh·9/26, above the lowest speed's capacity there.
  for (const auto& pt : low.points) {
    const double load = low.en14825->design_load * (pt.t_source - 289.15) / (263.15 - 289.15);
    const double full = 8e3 + 200.0 * (pt.t_source - 280.15);
    EXPECT_NEAR(pt.capacity, std::min(full, std::max(load, 0.3 * full)), 1.0) << pt.field;
    // The map interpolates capacity and power, so COP only nearly linearly between nodes.
    EXPECT_NEAR(pt.cop, 3.0 + 0.05 * (pt.t_source - 273.15), 0.01) << pt.field;
    ASSERT_TRUE(pt.t_sink);
    EXPECT_NEAR(*pt.t_sink, 35.0 + 273.15, 1e-9);
  }
  const Product f = product_from_map(test_map({1.0}), "m.csv", lib(), o);
  EXPECT_EQ(f.declarations[0].en14825->capacity_control, CapacityControl::fixed);
  // Rated like any declared product.
  const Rater rater(lib(), gwp(), nullptr);
  EXPECT_GT(rater.rate(v, std::nullopt, {}).at(0).metric.value,
            rater.rate(f, std::nullopt, {}).at(0).metric.value);  // modulating beats on/off
  o.applications = {"medium"};
  EXPECT_EQ(product_from_map(test_map({1.0}), "m.csv", lib(), o).declarations.size(), 1u);
}

TEST(RateInputs, MapsEn14825CannotRateAreRefused) {
  MapRatingOptions o;
  try {
    product_from_map(test_map({1.0}, heatlift::equipment::SourceKind::brine), "b.csv", lib(), o);
    ADD_FAILURE() << "no error";
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("b.csv: a brine-source map"));
  }
  o.tol = -25.0 + 273.15;  // beyond the map's -20 °C
  o.climate = "colder";
  try {
    product_from_map(test_map({1.0}), "m.csv", lib(), o);
    ADD_FAILURE() << "no error";
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("beyond the map's source axis"));
  }
}

}  // namespace
