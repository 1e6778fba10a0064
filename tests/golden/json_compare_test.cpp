// The comparison behind the golden runs: a number that moves beyond the tolerance, a
// missing or unexpected key, a changed string or type, a changed array length all fail
// with their JSON path and both values; rounding noise within the tolerance passes. The
// fixtures in tests/golden/fixtures/ are a small cycle document and three changed copies.
#include "golden/json_compare.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace {

using heatlift::golden::compare;
using heatlift::golden::numbers_agree;
using heatlift::golden::Path;
using heatlift::golden::PathPattern;
using heatlift::golden::read_json_file;
using heatlift::golden::report;
using heatlift::golden::Tolerance;
using nlohmann::json;
using ::testing::HasSubstr;

json fixture(const std::string& name) {
  return read_json_file(std::string(HEATLIFT_GOLDEN_FIXTURES) + "/" + name);
}

TEST(JsonCompare, FixtureIdenticalToItselfPasses) {
  const json e = fixture("expected.json");
  const auto c = compare(e, e);
  EXPECT_TRUE(c.equal()) << report(c);
  EXPECT_EQ(c.numbers, 7u);  // cop, energy_balance, two pressures, three years
}

TEST(JsonCompare, NumberMovedBeyondToleranceIsReportedWithPathAndValues) {
  const auto c = compare(fixture("expected.json"), fixture("actual-moved.json"));
  ASSERT_EQ(c.count, 1u);
  ASSERT_EQ(c.differences.size(), 1u);
  const auto& d = c.differences[0];
  EXPECT_EQ(d.path, "$.nodes[1].p_Pa");
  EXPECT_EQ(d.expected, "2796597.4178283876");
  EXPECT_EQ(d.actual, "2796603.0110232234");
  EXPECT_THAT(d.what, HasSubstr("2e-06 relative"));
  const std::string text = report(c);
  EXPECT_THAT(text, HasSubstr("1 difference"));
  EXPECT_THAT(text, HasSubstr("$.nodes[1].p_Pa"));
  EXPECT_THAT(text, HasSubstr("expected 2796597.4178283876"));
  EXPECT_THAT(text, HasSubstr("actual   2796603.0110232234"));
}

TEST(JsonCompare, RoundingNoiseWithinTolerancePasses) {
  // cop moved by 3e-12 relative, an energy-balance residual from 4.5e-17 to 1.1e-16.
  const auto c = compare(fixture("expected.json"), fixture("actual-within-tolerance.json"));
  EXPECT_TRUE(c.equal()) << report(c);
  // The same pair with no tolerance at all is two differences: the check is not vacuous.
  const auto strict =
      compare(fixture("expected.json"), fixture("actual-within-tolerance.json"), {0.0, 0.0});
  EXPECT_EQ(strict.count, 2u) << report(strict);
}

TEST(JsonCompare, MissingKeyFails) {
  const auto c = compare(fixture("expected.json"), fixture("actual-missing-key.json"));
  ASSERT_EQ(c.count, 1u);
  EXPECT_EQ(c.differences[0].path, "$.units.heating");
  EXPECT_EQ(c.differences[0].expected, "\"W\"");
  EXPECT_EQ(c.differences[0].actual, "(absent)");
  EXPECT_EQ(c.differences[0].what, "missing key");
}

TEST(JsonCompare, UnexpectedKeyFails) {
  // A renamed output column is a missing key and an unexpected one.
  const json e = json::parse(R"({"totals": {"co2_gross": 1.5}})");
  const json a = json::parse(R"({"totals": {"co2_reduction_gross": 1.5}})");
  const auto c = compare(e, a);
  ASSERT_EQ(c.count, 2u);
  EXPECT_EQ(c.differences[0].path, "$.totals.co2_gross");
  EXPECT_EQ(c.differences[0].what, "missing key");
  EXPECT_EQ(c.differences[1].path, "$.totals.co2_reduction_gross");
  EXPECT_EQ(c.differences[1].what, "unexpected key");
  EXPECT_EQ(c.differences[1].expected, "(absent)");
  EXPECT_EQ(c.differences[1].actual, "1.5");
}

TEST(JsonCompare, StringsBooleansNullsAndTypesCompareExactly) {
  const json e = json::parse(R"({"a": "45 C", "b": true, "c": null, "d": 1.0, "e": "x"})");
  const json a = json::parse(R"({"a": "45 C ", "b": false, "c": 0, "d": "1.0", "e": "x"})");
  const auto c = compare(e, a);
  ASSERT_EQ(c.count, 4u) << report(c);
  EXPECT_EQ(c.differences[0].path, "$.a");
  EXPECT_EQ(c.differences[0].what, "string differs");
  EXPECT_EQ(c.differences[1].path, "$.b");
  EXPECT_EQ(c.differences[2].path, "$.c");
  EXPECT_EQ(c.differences[2].what, "type differs: expected null, got number");
  EXPECT_EQ(c.differences[3].path, "$.d");
  EXPECT_EQ(c.differences[3].what, "type differs: expected number, got string");
}

TEST(JsonCompare, IntegerAndFloatingSpellingsOfOneNumberAgree) {
  EXPECT_TRUE(compare(json::parse("[2030, 0, -0.0]"), json::parse("[2030.0, -0.0, 0]")).equal());
}

TEST(JsonCompare, ArrayLengthChangeIsReportedAndCommonElementsCompared) {
  const auto c = compare(json::parse(R"({"years": [2020, 2025, 2030]})"),
                         json::parse(R"({"years": [2020, 2026]})"));
  ASSERT_EQ(c.count, 2u) << report(c);
  EXPECT_EQ(c.differences[0].path, "$.years");
  EXPECT_EQ(c.differences[0].what, "array length differs");
  EXPECT_EQ(c.differences[0].expected, "array of 3");
  EXPECT_EQ(c.differences[0].actual, "array of 2");
  EXPECT_EQ(c.differences[1].path, "$.years[1]");
}

TEST(JsonCompare, ObjectKeyOrderDoesNotMatter) {
  EXPECT_TRUE(compare(json::parse(R"({"a": 1, "b": [1, {"c": 2, "d": 3}]})"),
                      json::parse(R"({"b": [1, {"d": 3, "c": 2}], "a": 1})"))
                  .equal());
}

TEST(JsonCompare, KeysThatAreNotIdentifiersAreQuotedInPaths) {
  const auto c = compare(json::parse(R"({"s": {"expansion valve": 1.0}})"),
                         json::parse(R"({"s": {"expansion valve": 2.0}})"));
  ASSERT_EQ(c.count, 1u);
  EXPECT_EQ(c.differences[0].path, R"($.s["expansion valve"])");
}

TEST(JsonCompare, ToleranceIsRelativeWithAnAbsoluteFloor) {
  const Tolerance tol;  // 1e-9 relative, 1e-12 absolute
  EXPECT_TRUE(numbers_agree(1.0e6, 1.0e6 * (1 + 0.9e-9), tol));
  EXPECT_FALSE(numbers_agree(1.0e6, 1.0e6 * (1 + 1.1e-9), tol));
  EXPECT_TRUE(numbers_agree(-2.5e-3, -2.5e-3 * (1 + 0.9e-9), tol));
  EXPECT_FALSE(numbers_agree(-2.5e-3, 2.5e-3, tol));
  // Near zero the floor decides: a residual of 1e-16 against 0 is noise, 1e-9 is not.
  EXPECT_TRUE(numbers_agree(0.0, 1e-16, tol));
  EXPECT_FALSE(numbers_agree(0.0, 1e-9, tol));
  EXPECT_TRUE(numbers_agree(0.0, 0.0, Tolerance{0.0, 0.0}));
}

TEST(JsonCompare, OnlyTheFirstDifferencesAreKeptButAllAreCounted) {
  json e = json::array();
  json a = json::array();
  for (int i = 0; i < 100; ++i) {
    e.push_back(i);
    a.push_back(i + 1);
  }
  const auto c = compare(e, a, {}, {}, 5);
  EXPECT_EQ(c.count, 100u);
  EXPECT_EQ(c.differences.size(), 5u);
  const std::string text = report(c, 3);
  EXPECT_THAT(text, HasSubstr("100 differences (100 numbers compared), the first 3:"));
  EXPECT_THAT(text, HasSubstr("$[2]"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("$[3]")));
}

TEST(JsonCompare, IgnoredPathsAreComparedNeitherByValueNorPresence) {
  const json e = json::parse(R"({"ratings": [{"origin": "/a/x.toml", "cop": 3.0}],
                                 "elapsed_s": 0.5, "meta": {"run": {"elapsed_s": 1}}})");
  const json a = json::parse(R"({"ratings": [{"origin": "/b/x.toml", "cop": 3.0}],
                                 "meta": {"run": {"elapsed_s": 2, "host": "y"}}})");
  const std::vector<PathPattern> ignored{PathPattern("$.ratings[*].origin"),
                                         PathPattern("$.**.elapsed_s")};
  const auto c = compare(e, a, {}, ignored);
  ASSERT_EQ(c.count, 1u) << report(c);
  EXPECT_EQ(c.differences[0].path, "$.meta.run.host");
  EXPECT_EQ(c.ignored, 3u);
  // Without the patterns the same pair differs in all four places.
  EXPECT_EQ(compare(e, a).count, 4u);
}

TEST(JsonCompare, PathPatternsMatchWholePaths) {
  const Path p{{std::string("scenarios")}, {std::size_t{0}}, {std::string("name")}};
  EXPECT_TRUE(PathPattern("$.scenarios[0].name").matches(p));
  EXPECT_TRUE(PathPattern("$.scenarios[*].name").matches(p));
  EXPECT_TRUE(PathPattern("$.*[*].*").matches(p));
  EXPECT_TRUE(PathPattern("$.**").matches(p));
  EXPECT_TRUE(PathPattern("$.**.name").matches(p));
  EXPECT_TRUE(PathPattern("$.**.scenarios.**.name").matches(p));
  EXPECT_FALSE(PathPattern("$.scenarios[1].name").matches(p));
  EXPECT_FALSE(PathPattern("$.scenarios[*]").matches(p));      // a prefix is not a match
  EXPECT_FALSE(PathPattern("$.scenarios.*.name").matches(p));  // .* is a key, not an index
  EXPECT_FALSE(PathPattern("$.**.title").matches(p));
  EXPECT_TRUE(PathPattern(R"($.s["expansion valve"])")
                  .matches(Path{{std::string("s")}, {std::string("expansion valve")}}));
}

TEST(JsonCompare, MalformedPathPatternsAreRefused) {
  for (const char* bad : {"", "ratings.origin", "$.", "$.a b", "$[x]", "$[1", "$.a]", "$[\"a"}) {
    EXPECT_THROW(PathPattern{bad}, std::invalid_argument) << bad;
  }
}

TEST(JsonCompare, UnreadableOrMalformedFileNamesTheFile) {
  EXPECT_THROW(read_json_file("/nonexistent/golden.json"), std::runtime_error);
  try {
    read_json_file(std::string(HEATLIFT_GOLDEN_FIXTURES) + "/../json_compare.hpp");
    FAIL() << "a text file parsed as JSON";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("json_compare.hpp: not JSON"));
  }
}

}  // namespace
