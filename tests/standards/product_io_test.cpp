// Product files: every shipped example parses and rates; bad input (missing points and
// fields, a COP of zero or below, a metric without a table, a number without its unit,
// a Cdh out of range) is refused with the file, the line and
// the field named.
#include "heatlift/standards/product_io.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/standards/rating.hpp"

namespace {

using namespace heatlift::standards;
using heatlift::InvalidInput;
using heatlift::fluids::GwpBasis;
using heatlift::fluids::GwpTable;
using ::testing::HasSubstr;

const heatlift::core::DataStore& store() {
  static const heatlift::core::DataStore s;
  return s;
}
const StandardsLibrary& lib() {
  static const StandardsLibrary l = StandardsLibrary::load(store());
  return l;
}
const GwpTable& gwp() {
  static const GwpTable g = GwpTable::load(store());
  return g;
}
const heatlift::fluids::Properties* water() {
  static const heatlift::fluids::FluidLibrary fl(store());
  static const auto w = fl.get("R718");
  return w.get();
}

// a + b without operator+(const std::string&, const char*), which trips GCC 12's
// -Wrestrict false positive (GCC bug 105329) at -O3.
std::string cat(const std::string& a, std::string_view b) {
  std::string s;
  s.reserve(a.size() + b.size());
  s.append(a);
  s.append(b);
  return s;
}

std::vector<Rating> rate_text(const std::string& text, const RatingOptions& o = {}) {
  const Rater rater(lib(), gwp(), water());
  return rater.rate(parse_product_toml(text, "p.toml", lib()), std::nullopt, o);
}

std::string error_of(const std::string& text) {
  try {
    rate_text(text);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no error)";
}

const std::string kAshp = R"(name = "LA-12"
refrigerant = "R290"
charge = "1.2 kg"
[gb19577]
category = "low_ambient_ashp"
terminal = "floor"
heating_capacity = "12 kW"
HSPF = 3.45
COPh = 2.62
COPdh = 2.15
)";

TEST(ProductToml, LowAmbientAshpIsGradedWithItsMinimums) {
  const auto r = rate_text(kAshp);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].standard_name, "GB 19577-2024");
  EXPECT_EQ(r[0].metric.name, "HSPF");
  EXPECT_EQ(*r[0].grade->grade, 2);
  EXPECT_EQ(r[0].grade->clause, "表3 (PDF p.10)");
  EXPECT_EQ(r[0].grade->confidence, Confidence::c2);
  // 2030 line: HSPF 3.45 against the grade-3 limit 2.8 = +23.2 %, the plan asks +20 %.
  ASSERT_TRUE(r[0].target);
  EXPECT_NEAR(r[0].target->improvement, 3.45 / 2.8 - 1.0, 1e-12);
  EXPECT_TRUE(r[0].target->met);
  EXPECT_TRUE(r[0].target->baseline_is_limit);
  EXPECT_DOUBLE_EQ(r[0].target->target, 0.20);
  // R290: AR4 GWP 3 (PARTIAL), 1.2 kg → 3.6 kg CO2e.
  EXPECT_DOUBLE_EQ(*r[0].refrigerant.gwp, 3.0);
  EXPECT_NEAR(*r[0].refrigerant.co2e, 3.6, 1e-12);
}

TEST(ProductToml, GwpBasisByOption) {
  std::string text = kAshp;
  text.replace(text.find("R290"), 4, "R410A");
  RatingOptions o;
  o.gwp = GwpBasis::ar6;
  const auto r = rate_text(text, o);
  EXPECT_DOUBLE_EQ(*r[0].refrigerant.gwp, 2256);
  EXPECT_NEAR(*r[0].refrigerant.co2e, 1.2 * 2256, 1e-9);
  o.gwp = GwpBasis::ar5;
  EXPECT_DOUBLE_EQ(*rate_text(text, o)[0].refrigerant.gwp, 1924);
  // R290 on AR6: IPCC AR6 WG1 Table 7.SM.7 propane 0.02 (exact), so the charge's CO2e is
  // never blank: 1.2 kg × 0.02 = 0.024 kg CO2e.
  o.gwp = GwpBasis::ar6;
  const auto p = rate_text(kAshp, o);
  ASSERT_TRUE(p[0].refrigerant.gwp);
  EXPECT_DOUBLE_EQ(*p[0].refrigerant.gwp, 0.02);
  ASSERT_TRUE(p[0].refrigerant.co2e);
  EXPECT_NEAR(*p[0].refrigerant.co2e, 0.024, 1e-12);
}

TEST(ProductToml, EveryShippedExampleRates) {
  int n = 0;
  std::set<StandardId> seen;
  for (const auto& e : std::filesystem::directory_iterator(HEATLIFT_EXAMPLES)) {
    if (e.path().extension() != ".toml") continue;
    const Product p = load_product_toml(e.path().string(), lib());
    const Rater rater(lib(), gwp(), water());
    const auto ratings = rater.rate(p, std::nullopt, {});
    ASSERT_FALSE(ratings.empty()) << e.path();
    for (const auto& r : ratings) seen.insert(r.standard);
    ++n;
  }
  EXPECT_GE(n, 5);
  EXPECT_EQ(seen.size(), all_standards().size());  // an example per standard
}

// A 150 kg tank from 15 °C to 55 °C on 1.62 kWh: Δh of water (IAPWS-95) 167.5 kJ/kg →
// COP = 150 · 167.5 / (1.62 · 3600) = 4.30: GB 29541-2013 表1 < 10 kW 普通型 一次加热 grade 3.
TEST(ProductToml, WaterHeaterCopFromItsHeatingTest) {
  const Product p =
      load_product_toml(std::string(HEATLIFT_EXAMPLES) + "/water-heater-gb29541.toml", lib());
  const auto r = Rater(lib(), gwp(), water()).rate(p, std::nullopt, {});
  EXPECT_NEAR(r[0].metric.value, 150.0 * (230.26 - 62.98) / (1.62 * 3600.0), 0.005);
  EXPECT_TRUE(r[0].metric.computed);
  EXPECT_EQ(*r[0].grade->grade, 3);
  EXPECT_EQ(r[0].grade->grades, 5);
}

TEST(ProductToml, IplvFromPartLoadCopsSaysItsWeightsAreUnconfirmed) {
  const Product p =
      load_product_toml(std::string(HEATLIFT_EXAMPLES) + "/chiller-gb19577.toml", lib());
  const auto r = Rater(lib(), gwp(), water()).rate(p, std::nullopt, {});
  EXPECT_EQ(r[0].metric.name, "IPLV");
  EXPECT_NEAR(r[0].metric.value, 0.012 * 5.9 + 0.328 * 7.2 + 0.397 * 8.1 + 0.263 * 7.0, 1e-12);
  EXPECT_EQ(r[0].metric.confidence, Confidence::unconfirmed);
  EXPECT_THAT(r[0].metric.clause, HasSubstr("UNCONFIRMED"));
}

TEST(ProductToml, UnconfirmedBandIsReportedNotGraded) {
  const auto r = rate_text(R"(name = "RA-50"
[gb21455]
category = "room_ac_heat_pump"
construction = "split"
cooling_capacity = "5000 W"
APF = 4.8
)");
  EXPECT_FALSE(r[0].grade->graded);
  EXPECT_FALSE(r[0].grade->grade);
  EXPECT_FALSE(r[0].target);  // no limit to measure against
  EXPECT_THAT(::testing::PrintToString(r[0].notes), HasSubstr("UNCONFIRMED"));
}

// GB 19577-2024 表4 冷热风型 water-loop unit: no capacity band, so no capacity needed.
TEST(ProductToml, UnbandedTableNeedsNoCapacity) {
  const auto r = rate_text(R"(name = "WL-1"
[gb19577]
category = "water_source_hp"
output = "air"
source = "water_loop"
ACOP = 4.1
)");
  EXPECT_EQ(*r[0].grade->grade, 2);  // 4.6 / 4.1 / 3.7
}

// 2030 target: a product below the minimum is never on target, even when its metric is
// more than 20 % above the baseline, and the result says which reading of "+20 %" it uses.
TEST(ProductToml, BelowTheMinimumIsNeverOnTarget) {
  std::string t = kAshp;
  t.replace(t.find("COPdh = 2.15"), 12, "COPdh = 1.95");  // minimum 2.0 for every grade
  auto r = rate_text(t);
  ASSERT_TRUE(r[0].target);
  EXPECT_GT(r[0].target->improvement, r[0].target->target);  // 3.45 / 2.8: +23 %
  EXPECT_EQ(r[0].target->status, TargetStatus::fails_minimum);
  EXPECT_FALSE(r[0].target->met);
  EXPECT_EQ(r[0].target->basis, "minimum limit +20 %");
  EXPECT_THAT(r[0].target->reading, HasSubstr("grade 3 limit"));
  EXPECT_NEAR(r[0].target->required, 2.8 * 1.2, 1e-12);
  // Against a named reference it is no different.
  r = rate_text(cat(t, "reference = { name = \"2024 unit\", value = 2.5 }\n"));
  EXPECT_EQ(r[0].target->basis, "reference +20 %");
  EXPECT_THAT(r[0].target->reading, HasSubstr("'2024 unit'"));
  EXPECT_EQ(r[0].target->status, TargetStatus::fails_minimum);
  // The compliant twin meets it.
  r = rate_text(kAshp);
  EXPECT_EQ(r[0].target->status, TargetStatus::met);
  EXPECT_TRUE(r[0].target->met);
}

TEST(ProductToml, NamedReferenceIsTheBaseline) {
  std::string text = cat(kAshp, "reference = { name = \"2024 unit\", value = 3.0 }\n");
  auto r = rate_text(text);
  EXPECT_EQ(r[0].target->baseline_name, "2024 unit");
  EXPECT_NEAR(r[0].target->improvement, 0.15, 1e-12);
  EXPECT_FALSE(r[0].target->met);
  RatingOptions o;
  o.baseline = Baseline::limit;
  r = rate_text(text, o);
  EXPECT_TRUE(r[0].target->baseline_is_limit);
}

TEST(ProductBadInput, CopZeroOrNegativeNamesTheField) {
  std::string t = kAshp;
  t.replace(t.find("COPh = 2.62"), 11, "COPh = 0");
  EXPECT_THAT(error_of(t), HasSubstr("p.toml:9:8: gb19577.COPh"));
  t = kAshp;
  t.replace(t.find("HSPF = 3.45"), 11, "HSPF = -3.45");
  EXPECT_THAT(error_of(t), HasSubstr("gb19577.HSPF"));
}

TEST(ProductBadInput, MissingFieldsAreNamed) {
  std::string t = kAshp;
  t.erase(t.find("COPdh = 2.15"), 12);
  EXPECT_THAT(error_of(t), HasSubstr("gb19577.COPdh: missing"));
  t = kAshp;
  t.erase(t.find("HSPF = 3.45"), 11);
  EXPECT_THAT(error_of(t), HasSubstr("gb19577.HSPF: missing"));
  t = kAshp;
  t.erase(t.find("terminal = \"floor\""), 18);
  EXPECT_THAT(error_of(t), HasSubstr("gb19577.terminal: missing"));
  t = kAshp;
  t.erase(t.find("heating_capacity = \"12 kW\""), 26);
  EXPECT_THAT(error_of(t), HasSubstr("gb19577.heating_capacity: missing"));
  EXPECT_THAT(error_of("refrigerant = \"R32\"\n"), HasSubstr("missing required key 'name'"));
  EXPECT_THAT(error_of("name = \"x\"\n"), HasSubstr("declares no standard"));
}

TEST(ProductBadInput, WrongValuesAreNamed) {
  std::string t = kAshp;
  t.replace(t.find("\"12 kW\""), 7, "12");
  EXPECT_THAT(error_of(t), HasSubstr("gb19577.heating_capacity"));
  EXPECT_THAT(error_of(t), HasSubstr("needs a unit"));
  t = kAshp;
  t.replace(t.find("\"floor\""), 7, "\"wall\"");
  EXPECT_THAT(error_of(t), HasSubstr("gb19577.terminal = \"wall\": expected one of"));
  t = kAshp;
  t.replace(t.find("HSPF"), 4, "HSFP");
  EXPECT_THAT(error_of(t), HasSubstr("gb19577.HSFP"));
  t = kAshp;
  t.replace(t.find("\"R290\""), 6, "\"R999\"");
  EXPECT_THAT(error_of(t), HasSubstr("refrigerant = \"R999\""));
  t = kAshp;
  t.replace(t.find("\"12 kW\""), 7, "\"40 kW\"");  // > 35 kW: the commercial table
  EXPECT_EQ(*rate_text(t)[0].grade->grade, 1);     // 表3 > 35 kW floor: 3.4/3.2/3.0
  t = cat(kAshp, "APF = 3.0\n");  // a known metric this table does not use: said, not used
  EXPECT_THAT(::testing::PrintToString(rate_text(t)[0].notes),
              HasSubstr("APF declared but not used by GB 19577-2024 表3"));
  EXPECT_THAT(error_of("name = \"x\"\n[gb19577]\ncategory = \"fridge\"\n"),
              HasSubstr("gb19577.category: 'fridge' is not a product category"));
}

const std::string kAnnexH = R"(name = "Annex H"
[en14825]
climate = "average"
design_load = "11.46 kW"
t_biv = "-6 C"
tol = "-10 C"
cd = 0.9
[[en14825.point]]
t_outdoor = "-7 C"
capacity = "9.55 kW"
cop = 3.26
[[en14825.point]]
t_outdoor = "2 C"
capacity = "11.17 kW"
cop = 4.00
[[en14825.point]]
t_outdoor = "7 C"
capacity = "12.66 kW"
cop = 4.91
[[en14825.point]]
t_outdoor = "12 C"
capacity = "14.3 kW"
cop = 5.5
[[en14825.point]]
t_outdoor = "-10 C"
capacity = "7.8 kW"
cop = 2.6
[[en14825.point]]
t_outdoor = "-6 C"
capacity = "9.7 kW"
cop = 3.3
)";

TEST(ProductToml, En14825FromDeclaredPoints) {
  const auto r = rate_text(kAnnexH);
  EXPECT_EQ(r[0].metric.name, "SCOP");
  EXPECT_NEAR(r[0].metric.value, 3.602, 0.001);
  EXPECT_FALSE(r[0].grade);
  EXPECT_FALSE(r[0].target);
}

TEST(ProductBadInput, En14825MissingPointIsNamed) {
  std::string t = kAnnexH;
  const auto at = t.find("[[en14825.point]]\nt_outdoor = \"2 C\"");
  t.erase(at, t.find("[[en14825.point]]", at + 5) - at);
  const std::string e = error_of(t);
  EXPECT_THAT(e, HasSubstr("en14825.point: no declared point at 2"));
  EXPECT_THAT(e, HasSubstr("condition B"));
}

TEST(ProductBadInput, En14825CopZeroAndInconsistentCapacity) {
  std::string t = kAnnexH;
  t.replace(t.find("cop = 4.91"), 10, "cop = 0");
  // The third [[en14825.point]], counted from 1 as every reader counts entries.
  EXPECT_THAT(error_of(t),
              HasSubstr("p.toml:19:7: en14825.point[3].cop: 0 is out of range; expected a COP > 0 "
                        "and at most 100"));
  // A design load the declared capacities cannot cover at Tbiv: rated with the back-up
  // heater, and warned about.
  t = kAnnexH;
  t.replace(t.find("\"11.46 kW\""), 10, "\"16 kW\"");
  const auto r = rate_text(t);
  ASSERT_FALSE(r[0].warnings.empty());
  EXPECT_THAT(r[0].warnings[0], HasSubstr("design_load"));
  EXPECT_THAT(r[0].warnings[0], HasSubstr("back-up heater (COP 1) covers"));
  EXPECT_LT(r[0].metric.value, 3.602);
  EXPECT_TRUE(r[0].flags.empty());
}

// Cdh per point and the sink temperature, in PRODUCT.toml and in a products CSV.
TEST(ProductToml, En14825CdhAndSinkPerPoint) {
  std::string t = kAnnexH;
  t.replace(t.find("cop = 4.91"), 10, "cop = 4.91\ncdh = 1.0\nt_sink = \"27 C\"");
  const auto r = rate_text(t);
  EXPECT_GT(r[0].metric.value, 3.602);  // no cycling loss at C
  bool seen = false;
  for (const auto& c : r[0].en14825->conditions) {
    if (c.name != "C") continue;
    seen = true;
    EXPECT_TRUE(c.cd_declared);
    EXPECT_DOUBLE_EQ(c.cop_corrected, 4.91);
  }
  EXPECT_TRUE(seen);
  t.replace(t.find("cdh = 1.0"), 9, "cdh = 1.2");
  EXPECT_THAT(error_of(t), HasSubstr("cdh"));
}

// Each application on its own terms: [[en14825]] entries, one per application and climate,
// each with its own design load, Tbiv, TOL and points; each rates exactly as it would alone.
const std::string kMedium = R"(application = "medium"
climate = "average"
design_load = "9 kW"
t_biv = "-4 C"
tol = "-7 C"
cd = 0.9
[[en14825.point]]
t_outdoor = "-7 C"
capacity = "7.5 kW"
cop = 2.3
[[en14825.point]]
t_outdoor = "-4 C"
capacity = "8 kW"
cop = 2.5
[[en14825.point]]
t_outdoor = "2 C"
capacity = "9 kW"
cop = 3.0
[[en14825.point]]
t_outdoor = "7 C"
capacity = "10 kW"
cop = 3.6
[[en14825.point]]
t_outdoor = "12 C"
capacity = "11 kW"
cop = 4.2
)";

// The Annex H product's [en14825] section as an entry of [[en14825]] for the low application.
std::string annex_h_entry() {
  std::string t = kAnnexH;
  t.replace(t.find("[en14825]\n"), 10, "[[en14825]]\napplication = \"low\"\n");
  return t;
}

// A section body as a further [[en14825]] entry (its [[en14825.point]] tables follow it).
std::string as_entry(const std::string& body) {
  return cat("[[en14825]]\n", body);
}

TEST(ProductToml, En14825EachApplicationOnItsOwnTerms) {
  const std::string two = cat(annex_h_entry(), as_entry(kMedium));
  const auto r = rate_text(two);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].en14825->application, "low");
  EXPECT_NEAR(r[0].metric.value, 3.602, 0.001);  // Annex H, untouched by the other entry
  EXPECT_EQ(r[1].en14825->application, "medium");
  // The medium entry alone, as the only [en14825] section, rates the same.
  const auto alone = rate_text(cat("name = \"M\"\n[en14825]\n", kMedium));
  EXPECT_DOUBLE_EQ(r[1].metric.value, alone[0].metric.value);
  EXPECT_LT(r[1].metric.value, r[0].metric.value);
  // Its own TOL and Tbiv set its conditions, and its own design load the loads.
  int found = 0;
  for (const auto& c : r[1].en14825->conditions) {
    if (c.name.find("TOL") != std::string::npos) {
      EXPECT_NEAR(c.t - 273.15, -7.0, 1e-9);  // shared with A
      ++found;
    }
    if (c.name == "Tbiv") {
      EXPECT_NEAR(c.t - 273.15, -4.0, 1e-9);
      ++found;
    }
  }
  EXPECT_EQ(found, 2);
  for (const auto& c : r[1].en14825->conditions)
    EXPECT_NEAR(c.load, 9e3 * (c.t - 289.15) / (263.15 - 289.15), 1e-6) << c.name;
  // Below its own TOL (-7 °C) the back-up does it all; the low entry runs down to -10 °C.
  for (const auto& b : r[1].en14825->bins) {
    if (b.t < 266.15 - 1e-9) {
      EXPECT_DOUBLE_EQ(b.backup, b.load);
    }
  }
  // One declaration per application and climate.
  const std::string twice =
      cat(annex_h_entry(), as_entry(cat("application = \"low\"\n", kMedium.substr(23))));
  EXPECT_THAT(error_of(twice), HasSubstr("a second declaration for the average climate, "
                                         "low-temperature application (35 °C)"));
  std::string bad = annex_h_entry();
  bad.replace(bad.find("\"low\""), 5, "\"hot\"");
  EXPECT_THAT(error_of(bad), HasSubstr("'hot' is not an application; expected low (35 °C) or "
                                       "medium (55 °C)"));
}

TEST(ProductCsv, En14825ApplicationColumn) {
  const std::string head =
      "name,standard,application,design_load_kW,t_biv_C,tol_C,cd,p1_t_C,p1_capacity_kW,p1_cop,"
      "p2_t_C,p2_capacity_kW,p2_cop,p3_t_C,p3_capacity_kW,p3_cop,p4_t_C,p4_capacity_kW,p4_cop,"
      "p5_t_C,p5_capacity_kW,p5_cop,p6_t_C,p6_capacity_kW,p6_cop\n";
  const std::string low =
      "H,en14825,low,11.46,-6,-10,0.9,7,12.66,4.91,-7,9.55,3.26,2,11.17,4.00,12,14.3,5.5,-10,7.8,"
      "2.6,-6,9.7,3.3\n";
  const std::string odd =
      "H,en14825,warm,11.46,-6,-10,0.9,7,12.66,4.91,-7,9.55,3.26,2,11.17,4.00,12,14.3,5.5,-10,"
      "7.8,2.6,-6,9.7,3.3\n";
  const auto rows = read_products_csv(head + low + odd, "p.csv", lib());
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_TRUE(rows[0].product);
  EXPECT_EQ(rows[0].product->declarations[0].en14825->application, "low");
  EXPECT_FALSE(rows[1].product);
  EXPECT_THAT(rows[1].error, HasSubstr("'warm' is not an application"));
}

TEST(ProductCsv, En14825CdhAndSinkColumns) {
  const std::string head =
      "name,standard,design_load_kW,t_biv_C,tol_C,cd,p1_t_C,p1_capacity_kW,p1_cop,p1_cdh,"
      "p1_t_sink_C,p2_t_C,p2_capacity_kW,p2_cop,p3_t_C,p3_capacity_kW,p3_cop,p4_t_C,"
      "p4_capacity_kW,p4_cop,p5_t_C,p5_capacity_kW,p5_cop,p6_t_C,p6_capacity_kW,p6_cop\n";
  const std::string row =
      "H,en14825,11.46,-6,-10,0.9,7,12.66,4.91,1.0,27,-7,9.55,3.26,2,11.17,4.00,12,14.3,5.5,"
      "-10,7.8,2.6,-6,9.7,3.3\n";
  const auto products = parse_products_csv(head + row, "p.csv", lib());
  ASSERT_EQ(products.size(), 1u);
  const auto& pts = products[0].declarations[0].points;
  ASSERT_TRUE(pts[0].cdh);
  EXPECT_DOUBLE_EQ(*pts[0].cdh, 1.0);
  ASSERT_TRUE(pts[0].t_sink);
  EXPECT_NEAR(*pts[0].t_sink, 300.15, 1e-9);
  EXPECT_FALSE(pts[1].cdh);
  const Rater rater(lib(), gwp(), water());
  EXPECT_GT(rater.rate(products[0], std::nullopt, {})[0].metric.value, 3.602);
  std::string bad = row;
  bad.replace(bad.find(",1.0,27,"), 8, ",1.3,27,");
  const auto rows = read_products_csv(head + bad, "p.csv", lib());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FALSE(rows[0].product);
  EXPECT_THAT(rows[0].error, HasSubstr("p1_cdh"));
}

// `reversible = true` (TOML) or a `reversible` column of true/false (CSV) declares a unit
// that heats and cools: its off-mode hours are a reversible unit's (HCK 179 h, HOFF 0 h in
// the average season instead of 3851 h and 3672 h), so with off-mode powers its SCOP rises.
TEST(ProductToml, En14825ReversibleTakesTheReversibleHours) {
  std::string t = kAnnexH;
  t.replace(t.find("cd = 0.9\n"), 9, "cd = 0.9\np_off = \"10 W\"\np_ck = \"30 W\"\n");
  const auto heating = rate_text(t);
  std::string rev = t;
  rev.replace(rev.find("cd = 0.9\n"), 9, "cd = 0.9\nreversible = true\n");
  const auto both = rate_text(rev);
  ASSERT_TRUE(heating[0].en14825 && both[0].en14825);
  auto hours = [](const En14825Result& r, const std::string& mode) {
    for (const auto& m : r.off_modes)
      if (m.mode == mode) return m.hours;
    return -1.0;
  };
  EXPECT_DOUBLE_EQ(hours(*heating[0].en14825, "CK"), 3851);
  EXPECT_DOUBLE_EQ(hours(*heating[0].en14825, "OFF"), 3672);
  EXPECT_DOUBLE_EQ(hours(*both[0].en14825, "CK"), 179);
  EXPECT_DOUBLE_EQ(hours(*both[0].en14825, "OFF"), 0);
  EXPECT_GT(both[0].metric.value, heating[0].metric.value);
  rev.replace(rev.find("reversible = true"), 17, "reversible = \"yes\"");
  EXPECT_THAT(error_of(rev), HasSubstr("reversible"));
}

TEST(ProductCsv, En14825ReversibleColumn) {
  const std::string head =
      "name,standard,reversible,design_load_kW,t_biv_C,tol_C,cd,p_ck_W,p1_t_C,p1_capacity_kW,"
      "p1_cop,p2_t_C,p2_capacity_kW,p2_cop,p3_t_C,p3_capacity_kW,p3_cop,p4_t_C,p4_capacity_kW,"
      "p4_cop,p5_t_C,p5_capacity_kW,p5_cop,p6_t_C,p6_capacity_kW,p6_cop\n";
  const std::string tail =
      ",11.46,-6,-10,0.9,30,7,12.66,4.91,-7,9.55,3.26,2,11.17,4.00,12,14.3,5.5,-10,7.8,2.6,-6,9.7,"
      "3.3\n";
  const std::string rows_text =
      cat(cat(cat(head, cat("R,en14825,true", tail)), cat("H,en14825,false", tail)),
          cat(cat("E,en14825,", tail), cat("X,en14825,1", tail)));
  const auto rows = read_products_csv(rows_text, "p.csv", lib());
  ASSERT_EQ(rows.size(), 4u);
  ASSERT_TRUE(rows[0].product && rows[1].product && rows[2].product);
  EXPECT_TRUE(rows[0].product->declarations[0].en14825->reversible);
  EXPECT_FALSE(rows[1].product->declarations[0].en14825->reversible);
  EXPECT_FALSE(rows[2].product->declarations[0].en14825->reversible);  // empty: heating-only
  EXPECT_FALSE(rows[3].product);
  EXPECT_EQ(rows[3].origin, "p.csv:5");
  EXPECT_EQ(rows[3].error, "reversible = '1': expected true (heats and cools) or false");
}

TEST(ProductToml, SyntaxErrorsGiveLineAndColumn) {
  EXPECT_THAT(error_of("name = \"x\n"), HasSubstr("p.toml:1:"));
  EXPECT_THAT(error_of(cat(kAshp, "bogus = true\n")), HasSubstr("gb19577.bogus"));
}

// The defaults the product file's declarations give (product_params.cpp) are En14825Input's
// own: a file that leaves them out reads as the input built in code.
TEST(ProductToml, DeclaredDefaultsAreTheInputsDefaults) {
  const Product p = parse_product_toml(R"(name = "D"
[en14825]
design_load = "10 kW"
t_biv = "-5 C"
tol = "-10 C"
[[en14825.point]]
t_outdoor = "-7 C"
capacity = "9 kW"
cop = 3
)",
                                       "d.toml", lib());
  ASSERT_EQ(p.declarations.size(), 1u);
  ASSERT_TRUE(p.declarations[0].en14825);
  const En14825Input& in = *p.declarations[0].en14825;
  const En14825Input d;
  EXPECT_EQ(in.climate, d.climate);
  EXPECT_EQ(in.unit_type, d.unit_type);
  EXPECT_FALSE(in.cd);
  EXPECT_EQ(in.p_off, d.p_off);
  EXPECT_EQ(in.p_to, d.p_to);
  EXPECT_EQ(in.p_sb, d.p_sb);
  EXPECT_EQ(in.p_ck, d.p_ck);
  EXPECT_EQ(in.reversible, d.reversible);
  EXPECT_FALSE(in.reversible);  // heating-only unless declared
  EXPECT_TRUE(p.manufacturer.empty());
  EXPECT_FALSE(p.charge);
}

// A value outside its declared range is refused at its line and column, naming the field, the
// value and the range.
TEST(ProductBadInput, ValuesOutsideTheirDeclarationAreNamed) {
  auto with = [](std::string_view from, std::string_view to) {
    std::string t = kAshp;
    t.replace(t.find(from), from.size(), to);
    return error_of(t);
  };
  EXPECT_THAT(with("\"1.2 kg\"", "\"0 kg\""),
              HasSubstr("p.toml:3:10: charge: 0 kg is out of range; expected > 0 kg"));
  EXPECT_THAT(with("\"12 kW\"", "\"2 GW\""),
              HasSubstr("gb19577.heating_capacity: 2e+06 kW is out of range; expected > 0 W and "
                        "at most 1 GW"));
  EXPECT_THAT(with("name = \"LA-12\"", "name = \"LA-12\"\nmodel = \"\""),
              HasSubstr("p.toml:2:9: model: expected a non-empty string"));
  EXPECT_THAT(error_of(cat(kAshp, "part_load_cop = [5.9, 0, 8.1, 7.0]\n")),
              HasSubstr("p.toml:11:23: gb19577.part_load_cop[2]: 0 is out of range; expected COPs "
                        "(EERs) > 0 and at most 100"));
  EXPECT_THAT(error_of(cat(kAshp, "part_load_cop = [5.9, 7.2]\n")),
              HasSubstr("gb19577.part_load_cop: expected 4 COPs (EERs)"));
  std::string h = kAnnexH;
  h.replace(h.find("\"-6 C\""), 6, "\"20 C\"");
  EXPECT_THAT(
      error_of(h),
      HasSubstr("p.toml:5:9: en14825.t_biv: 20 °C is out of range; expected -50 °C to 16 °C"));
}

const std::string kCsvHeader =
    "name,standard,category,terminal,heating_capacity_kW,HSPF,COPh,COPdh,refrigerant,charge_kg\n";

TEST(ProductCsv, OneProductPerRow) {
  std::string text = kCsvHeader;
  for (int i = 0; i < 50; ++i)
    text.append(fmt::format("P{},gb19577,low_ambient_ashp,floor,12,{},2.6,2.2,R32,1.5\n", i,
                            2.8 + i * 0.02));
  const auto products = parse_products_csv(text, "p.csv", lib());
  ASSERT_EQ(products.size(), 50u);
  const Rater rater(lib(), gwp(), water());
  EXPECT_EQ(*rater.rate(products[0], std::nullopt, {})[0].grade->grade, 3);
  EXPECT_EQ(*rater.rate(products[49], std::nullopt, {})[0].grade->grade, 1);
  EXPECT_EQ(products[7].origin, "p.csv:9");
}

TEST(ProductCsv, ShippedBatchExampleCoversEveryStandard) {
  std::ifstream in(std::string(HEATLIFT_EXAMPLES) + "/products.csv");
  std::stringstream ss;
  ss << in.rdbuf();
  const auto products = parse_products_csv(ss.str(), "products.csv", lib());
  EXPECT_EQ(products.size(), 7u);
  const Rater rater(lib(), gwp(), water());
  std::set<StandardId> seen;
  for (const auto& p : products) seen.insert(rater.rate(p, std::nullopt, {})[0].standard);
  EXPECT_EQ(seen.size(), 5u);
  // The Annex H row gives the same SCOP as its TOML twin.
  EXPECT_NEAR(rater.rate(products.back(), std::nullopt, {})[0].metric.value, 3.602, 0.001);
}

// One bad row is reported on its own; the rows around it are read and rated.
TEST(ProductCsv, BadRowsAreRefusedOneByOne) {
  const std::string text =
      cat(kCsvHeader,
          "A,gb19577,low_ambient_ashp,floor,12,3.45,2.6,2.2,R32,1\n"
          "B,gb19577,low_ambient_ashp,floor,12,abc,2.6,2.2,R32,1\n"   // not a number
          "C,gb19577,low_ambient_ashp,floor,12,3.4\n"                 // 6 cells
          "D,gb19577,low_ambient_ashp,floor,12,3.4,2.6,,R32,1\n"      // COPdh missing
          "E,gb19577,low_ambient_ashp,floor,12,3.4,2.6,2.2,R999,1\n"  // unknown refrigerant
          "F,gb19577,low_ambient_ashp,floor,12,3.7,2.6,2.2,R32,1\n");
  const auto rows = read_products_csv(text, "p.csv", lib());
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_TRUE(rows[0].product);
  EXPECT_FALSE(rows[1].product);
  EXPECT_EQ(rows[1].origin, "p.csv:3");
  EXPECT_EQ(rows[1].name, "B");
  EXPECT_EQ(rows[1].error, "HSPF = 'abc': expected a number");
  EXPECT_FALSE(rows[2].product);
  EXPECT_EQ(rows[2].error, "6 cells, the header has 10 columns");
  EXPECT_TRUE(rows[3].product);  // read; refused when rated

  const Rater rater(lib(), gwp(), water());
  const auto results = rater.rate_rows(rows, std::nullopt, {});
  ASSERT_EQ(results.size(), 6u);
  std::vector<RowStatus> status;
  for (const auto& r : results) status.push_back(r.status);
  EXPECT_EQ(status,
            (std::vector<RowStatus>{RowStatus::rated, RowStatus::refused, RowStatus::refused,
                                    RowStatus::refused, RowStatus::refused, RowStatus::rated}));
  EXPECT_EQ(*results[0].rating->grade->grade, 2);
  EXPECT_EQ(*results[5].rating->grade->grade, 1);
  EXPECT_EQ(results[1].standard, "GB 19577-2024");
  EXPECT_THAT(results[3].reason, HasSubstr("gb19577.COPdh: missing"));
  EXPECT_THAT(results[3].reason, HasSubstr(">= 2"));
  EXPECT_THAT(results[4].reason, HasSubstr("refrigerant = \"R999\""));
  // The all-or-nothing reader still stops at the first bad row.
  EXPECT_THROW(parse_products_csv(text, "p.csv", lib()), InvalidInput);
  // With --standard, rows for another standard are skipped, not refused.
  const auto only = rater.rate_rows(rows, StandardId::gb29541, {});
  EXPECT_EQ(only[0].status, RowStatus::skipped);
  EXPECT_EQ(only[1].status, RowStatus::refused);  // unreadable whatever the standard
}

TEST(ProductCsv, AMissingRequiredColumnIsAWholeFileError) {
  EXPECT_THROW(read_products_csv("name,category\nA,chiller\n", "p.csv", lib()), InvalidInput);
  EXPECT_THROW(read_products_csv("name,standard,colour\nA,gb19577,red\n", "p.csv", lib()),
               InvalidInput);
  EXPECT_THROW(read_products_csv("", "p.csv", lib()), InvalidInput);
}

TEST(ProductCsv, BadCellsNameRowAndColumn) {
  auto err = [](const std::string& text) {
    try {
      parse_products_csv(text, "p.csv", lib());
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_THAT(err(cat(kCsvHeader, "A,gb19577,low_ambient_ashp,floor,12,0,2.6,2.2,R32,1\n")),
              HasSubstr("p.csv:2: HSPF = 0"));
  EXPECT_THAT(err(cat(kCsvHeader, "A,gb19577,low_ambient_ashp,floor,12,-1,2.6,2.2,R32,1\n")),
              HasSubstr("p.csv:2: HSPF"));
  EXPECT_THAT(err(cat(kCsvHeader, "A,gb19577,low_ambient_ashp,floor,twelve,3,2.6,2.2,R32,1\n")),
              HasSubstr("p.csv:2: heating_capacity_kW"));
  EXPECT_THAT(err(cat(kCsvHeader, "A,gb19577,low_ambient_ashp,floor,12,3,2.6\n")),
              HasSubstr("p.csv:2: 7 cells, the header has 10 columns"));
  EXPECT_THAT(err("name,standard,colour\nA,gb19577,red\n"),
              HasSubstr("column 'colour' is unknown"));
  EXPECT_THAT(err(cat(kCsvHeader, "A,gb99999,low_ambient_ashp,floor,12,3,2.6,2.2,R32,1\n")),
              HasSubstr("p.csv:2: standard: 'gb99999'"));
  EXPECT_THAT(err("name,standard,heating_capacity\nA,gb19577,12\n"),
              HasSubstr("p.csv:2: heating_capacity"));  // no unit in header nor cell
}

}  // namespace
