// GWP100 of refrigerants from refrigerants/gwp.csv (IPCC AR4/AR5/AR6; blends computed as
// mass-weighted sums, fact sheet §9.1).
#include "heatlift/standards/refrigerants.hpp"

#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace {

using namespace heatlift::standards;

TEST(Refrigerants, ValuesAndSpellings) {
  const GwpTable t = GwpTable::load(heatlift::core::DataStore());
  ASSERT_NE(t.find("R410A"), nullptr);
  EXPECT_DOUBLE_EQ(*t.find("R410A")->gwp(GwpBasis::ar4), 2088);
  EXPECT_DOUBLE_EQ(*t.find("r-32")->gwp(GwpBasis::ar5), 677);
  EXPECT_DOUBLE_EQ(*t.find("R454B")->gwp(GwpBasis::ar6), 531);
  EXPECT_DOUBLE_EQ(*t.find("R744")->gwp(GwpBasis::ar6), 1);
  EXPECT_DOUBLE_EQ(*t.find("R1234ze(E)")->gwp(GwpBasis::ar6), 1.37);
  EXPECT_FALSE(t.find("R1234yf")->gwp(GwpBasis::ar4));  // not assessed in AR4
  EXPECT_EQ(t.find("R999"), nullptr);
  EXPECT_FALSE(t.source().empty());
}

TEST(Refrigerants, BasisParsing) {
  EXPECT_EQ(parse_gwp_basis("ar6", "--gwp"), GwpBasis::ar6);
  EXPECT_EQ(parse_gwp_basis("AR4", "--gwp"), GwpBasis::ar4);
  EXPECT_THROW(parse_gwp_basis("sar", "--gwp"), heatlift::InvalidInput);
}

TEST(Refrigerants, MalformedTableIsRefusedWithItsLine) {
  try {
    GwpTable::parse("refrigerant,composition,gwp_ar4,gwp_ar5,gwp_ar6,status\nR1,pure,x,,,s\n",
                    "g.csv");
    FAIL() << "no error";
  } catch (const heatlift::InvalidInput& e) {
    EXPECT_STREQ(e.what(), "g.csv:2: gwp_ar4 = 'x' is not a GWP (a number >= 0)");
  }
}

}  // namespace
