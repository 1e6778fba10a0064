// Plausibility of declared EN 14825 points: each kind of data that cannot be right is
// flagged with its reason (and the Annex H example is not); a flagged product is still
// rated and its products-CSV row is `flagged`, not `rated`.
#include "heatlift/standards/plausibility.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/units.hpp"
#include "heatlift/fluids/refrigerants.hpp"
#include "heatlift/standards/product_io.hpp"
#include "heatlift/standards/rating.hpp"

namespace {

using namespace heatlift::standards;
using heatlift::core::celsius;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

double c(double t) {
  return celsius(t).kelvin;
}

En14825Input annex_h() {
  En14825Input in;
  in.design_load = 11.46e3;
  in.t_biv = c(-6);
  in.tol = c(-10);
  return in;
}

// EN 14825:2018 Annex H's declared points (as in en14825_test.cpp).
std::vector<DeclaredPoint> points() {
  return {{c(-7), 9.55e3, 3.26, "A"}, {c(2), 11.17e3, 4.00, "B"}, {c(7), 12.66e3, 4.91, "C"},
          {c(12), 14.3e3, 5.5, "D"},  {c(-10), 7.8e3, 2.6, "E"},  {c(-6), 9.7e3, 3.3, "F"}};
}

TEST(Plausibility, AnnexHExampleIsPlausible) {
  EXPECT_TRUE(implausible_points(annex_h(), points()).empty());
}

TEST(Plausibility, PointCopiedFromAnotherCondition) {
  auto pts = points();
  pts[2].capacity = pts[1].capacity;  // C = B
  pts[2].cop = pts[1].cop;
  const auto flags = implausible_points(annex_h(), pts);
  ASSERT_THAT(flags, SizeIs(1));
  EXPECT_THAT(flags[0], HasSubstr("B (2 °C) and C (7 °C)"));
  EXPECT_THAT(flags[0], HasSubstr("copied from another condition"));
  // The same capacity at another COP is a real test.
  pts[2].cop = 4.5;
  EXPECT_TRUE(implausible_points(annex_h(), pts).empty());
}

TEST(Plausibility, CapacityTenTimesOffTheDesignLoad) {
  auto pts = points();
  pts[3].capacity = 143e3;  // 14.3 kW written as 143 kW
  auto flags = implausible_points(annex_h(), pts);
  ASSERT_THAT(flags, SizeIs(1));
  EXPECT_THAT(flags[0], HasSubstr("D (12 °C): capacity 143 kW is more than 10 times above"));
  pts = points();
  pts[0].capacity = 955.0;  // 9.55 kW as 0.955 kW
  flags = implausible_points(annex_h(), pts);
  ASSERT_THAT(flags, SizeIs(1));
  EXPECT_THAT(flags[0], HasSubstr("below"));
  // Just inside the factor: not flagged.
  pts = points();
  pts[3].capacity = 11.46e3 * 9.99;
  EXPECT_TRUE(implausible_points(annex_h(), pts).empty());
}

TEST(Plausibility, CopBelowOne) {
  auto pts = points();
  pts[4].cop = 0.95;
  const auto flags = implausible_points(annex_h(), pts);
  ASSERT_THAT(flags, SizeIs(1));
  EXPECT_THAT(flags[0], HasSubstr("E (-10 °C): COP 0.95 is below 1"));
}

// Carnot COP = Tsink/(Tsink − Tsource): from −7 °C to the 20 °C room 293.15/27 = 10.86; to
// 35 °C water 308.15/42 = 7.34.
TEST(Plausibility, CopAboveTheCarnotCopOfTheLift) {
  auto pts = points();
  pts[0].cop = 11.0;
  auto flags = implausible_points(annex_h(), pts);
  ASSERT_THAT(flags, SizeIs(1));
  EXPECT_THAT(flags[0], HasSubstr("above the Carnot COP 10.9"));
  EXPECT_THAT(flags[0], HasSubstr("the room"));
  pts[0].cop = 8.0;  // below the room's bound, above the declared 35 °C sink's
  EXPECT_TRUE(implausible_points(annex_h(), pts).empty());
  pts[0].t_sink = c(35);
  flags = implausible_points(annex_h(), pts);
  ASSERT_THAT(flags, SizeIs(1));
  EXPECT_THAT(flags[0], HasSubstr("Carnot COP 7.34"));
  // A brine unit's source is not the outdoor air: no Carnot bound from these points.
  auto brine = annex_h();
  brine.unit_type = UnitType::brine_to_water;
  EXPECT_TRUE(implausible_points(brine, pts).empty());
}

// A products CSV: the flagged row is rated and reported with its reason; the others are not
// touched.
TEST(Plausibility, FlaggedRowIsRatedAndSaysWhy) {
  const StandardsLibrary lib = StandardsLibrary::load(heatlift::core::DataStore());
  const auto gwp = heatlift::fluids::GwpTable::load(heatlift::core::DataStore());
  const std::string head =
      "name,standard,design_load_kW,t_biv_C,tol_C,p1_t_C,p1_capacity_kW,p1_cop,p2_t_C,"
      "p2_capacity_kW,p2_cop,p3_t_C,p3_capacity_kW,p3_cop,p4_t_C,p4_capacity_kW,p4_cop,p5_t_C,"
      "p5_capacity_kW,p5_cop,p6_t_C,p6_capacity_kW,p6_cop\n";
  const std::string good =
      "Good,en14825,11.46,-6,-10,-7,9.55,3.26,2,11.17,4.00,7,12.66,4.91,12,14.3,5.5,-10,7.8,2.6,"
      "-6,9.7,3.3\n";
  const std::string copied =
      "Copied,en14825,11.46,-6,-10,-7,9.55,3.26,2,11.17,4.00,7,11.17,4.00,12,14.3,5.5,-10,7.8,"
      "2.6,-6,9.7,3.3\n";
  const auto rows = read_products_csv(head + good + copied, "p.csv", lib);
  const Rater rater(lib, gwp);
  const auto out = rater.rate_rows(rows, std::nullopt, {});
  ASSERT_THAT(out, SizeIs(2));
  EXPECT_EQ(out[0].status, RowStatus::rated);
  EXPECT_EQ(out[0].reason, "");
  EXPECT_EQ(out[1].status, RowStatus::flagged);
  EXPECT_THAT(out[1].reason, HasSubstr("implausible: p.csv:3: p2 (2 °C) and p.csv:3: p3 (7 °C)"));
  ASSERT_TRUE(out[1].rating);  // still rated
  EXPECT_GT(out[1].rating->metric.value, 2.0);
  EXPECT_EQ(to_string(RowStatus::flagged), "flagged");
}

}  // namespace
