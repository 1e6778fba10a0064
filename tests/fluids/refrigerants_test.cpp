// GWP100 of refrigerants from refrigerants/gwp.csv (IPCC AR4/AR5/AR6; blends computed as
// mass-weighted sums, fact sheet §9.1).
#include "heatlift/fluids/refrigerants.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace {

using namespace heatlift::fluids;

constexpr std::string_view kHeader = "refrigerant,composition,gwp_ar4,gwp_ar5,gwp_ar6,status\n";

TEST(Refrigerants, ValuesAndSpellings) {
  const GwpTable t = GwpTable::load(heatlift::core::DataStore());
  ASSERT_NE(t.find("R410A"), nullptr);
  EXPECT_DOUBLE_EQ(*t.find("R410A")->gwp(GwpBasis::ar4), 2088);
  EXPECT_DOUBLE_EQ(*t.find("r-32")->gwp(GwpBasis::ar5), 677);
  EXPECT_DOUBLE_EQ(*t.find("R454B")->gwp(GwpBasis::ar6), 531);
  EXPECT_DOUBLE_EQ(*t.find("R744")->gwp(GwpBasis::ar6), 1);
  EXPECT_DOUBLE_EQ(*t.find("R1234ze(E)")->gwp(GwpBasis::ar6), 1.37);
  EXPECT_DOUBLE_EQ(*t.find("R1234ze_E")->gwp(GwpBasis::ar6), 1.37);
  EXPECT_FALSE(t.find("R1234yf")->gwp(GwpBasis::ar4));  // not assessed in AR4
  EXPECT_EQ(t.find("R999"), nullptr);
  EXPECT_FALSE(t.source().empty());
  EXPECT_EQ(t.rows().front().id, "R22");  // the table's order
}

TEST(Refrigerants, NaturalRefrigerantsByTheirCommonNames) {
  const GwpTable t = GwpTable::load(heatlift::core::DataStore());
  EXPECT_EQ(t.find("Water")->id, "R718");
  EXPECT_EQ(t.find("CO2")->id, "R744");
  EXPECT_EQ(t.find("Propane")->id, "R290");
  EXPECT_EQ(t.find("IsoButane")->id, "R600a");
  EXPECT_EQ(t.find("NH3")->id, "R717");
}

TEST(Refrigerants, BlendsKnowTheirComponents) {
  const GwpTable t = GwpTable::load(heatlift::core::DataStore());
  EXPECT_TRUE(t.find("R32")->blend.empty());
  const auto& b = t.find("R454B")->blend;
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].id, "R32");
  EXPECT_DOUBLE_EQ(b[0].mass_fraction, 0.689);
  EXPECT_EQ(b[1].id, "R1234yf");
  EXPECT_DOUBLE_EQ(b[1].mass_fraction, 0.311);
}

TEST(Refrigerants, BasisParsing) {
  EXPECT_EQ(parse_gwp_basis("ar6", "--gwp"), GwpBasis::ar6);
  EXPECT_EQ(parse_gwp_basis("AR4", "--gwp"), GwpBasis::ar4);
  EXPECT_EQ(parse_gwp_basis("Ar5", "--gwp"), GwpBasis::ar5);
  EXPECT_THROW(parse_gwp_basis("sar", "--gwp"), heatlift::InvalidInput);
  EXPECT_EQ(to_string(GwpBasis::ar5), "AR5");
}

TEST(Refrigerants, MalformedTableIsRefusedWithItsLine) {
  const auto refused = [](std::string_view rows) {
    try {
      GwpTable::parse(std::string(kHeader) + std::string(rows), "g.csv");
    } catch (const heatlift::InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(refused("R1,pure,x,,,s\n"), "g.csv:2: gwp_ar4 = 'x' is not a GWP (a number >= 0)");
  EXPECT_EQ(refused("R1,pure,1,,\n"), "g.csv:2: expected 6 columns, got 5");
  EXPECT_EQ(refused("R-1,pure,1,,,s\nr1,pure,2,,,s\n"),
            "g.csv:3: refrigerant r1 appears again (first at line 2)");
  for (std::string_view c : {"R1/R2", "R1/R2 50", "R1/R2 50/x", "R1 100", "R1/R2 50/50/0"}) {
    EXPECT_NE(refused(fmt::format("B,{},1,,,s\n", c)).find("composition"), std::string::npos) << c;
  }
}

}  // namespace
