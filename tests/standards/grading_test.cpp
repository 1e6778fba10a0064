// Grades at and around every threshold of every shipped table (just below, on, just
// above), generated from data/standards/ so a new table is covered without a new test;
// every gate (a minimum bound to a grade) just below and on its value; tables whose
// thresholds were not found are never graded.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "heatlift/core/error.hpp"
#include "heatlift/standards/rating.hpp"

namespace {

using namespace heatlift::standards;
using ::testing::HasSubstr;

const StandardsLibrary& lib() {
  static const StandardsLibrary l = StandardsLibrary::load(heatlift::core::DataStore());
  return l;
}

// The smallest step between two grades of any shipped table is 0.1; 0.005 lies
// well inside every gap and above the comparison's rounding tolerance.
constexpr double kDelta = 0.005;

std::map<std::string, double> passing_gates(const GradeTable& t) {
  std::map<std::string, double> m;
  for (const auto& g : t.gates) m[g.metric] = std::max(m[g.metric], g.value + 1.0);
  return m;
}

TEST(Grading, ShippedDataHasEveryStandardAndTable) {
  std::set<StandardId> ids;
  std::size_t tables = 0;
  for (const auto& s : lib().standards) {
    ids.insert(s.id);
    tables += s.tables.size();
  }
  EXPECT_EQ(ids, (std::set<StandardId>{StandardId::gb19577, StandardId::gb29541,
                                       StandardId::gb21455, StandardId::gb21454}));
  EXPECT_GE(tables, 60u);
  EXPECT_EQ(lib().tables(StandardId::gb29541).grades, 5);
  EXPECT_EQ(lib().tables(StandardId::gb19577).grades, 3);
}

TEST(Grading, AtAndAroundEveryThresholdOfEveryTable) {
  int checked = 0;
  for (const auto& s : lib().standards) {
    for (const auto& t : s.tables) {
      if (t.thresholds.empty()) continue;
      const auto gates = passing_gates(t);
      for (int g = 1; g <= s.grades; ++g) {
        const double thr = t.thresholds[static_cast<std::size_t>(g - 1)];
        const std::string where = s.standard + " " + t.id + " grade " + std::to_string(g);
        const auto on = grade(t, s.grades, thr, gates, "test");
        const auto above = grade(t, s.grades, thr + kDelta, gates, "test");
        const auto below = grade(t, s.grades, thr - kDelta, gates, "test");
        ASSERT_TRUE(on.grade) << where;
        EXPECT_EQ(*on.grade, g) << where << " on";
        EXPECT_NEAR(*on.margin, 0.0, 1e-12) << where;
        ASSERT_TRUE(above.grade) << where;
        EXPECT_EQ(*above.grade, g) << where << " above";
        EXPECT_TRUE(on.pass && above.pass) << where;
        if (g < s.grades) {
          ASSERT_TRUE(below.grade) << where;
          EXPECT_EQ(*below.grade, g + 1) << where << " below";
          EXPECT_EQ(*below.next_grade, g) << where;
          EXPECT_NEAR(*below.to_next, kDelta, 1e-9) << where;
        } else {
          EXPECT_FALSE(below.grade) << where << " below the limit";
          EXPECT_FALSE(below.pass) << where;
          // Below the limit there is no headroom, only what it misses and by how much.
          EXPECT_FALSE(below.next_grade) << where;
          EXPECT_FALSE(below.to_next) << where;
          ASSERT_EQ(below.below_minimum.size(), 1u) << where;
          EXPECT_EQ(below.below_minimum[0].metric, t.metric) << where;
          EXPECT_NEAR(below.below_minimum[0].short_by(), kDelta, 1e-9) << where;
        }
        checked += 3;
      }
    }
  }
  EXPECT_GE(checked, 3 * 3 * 50);
}

TEST(Grading, EveryGateJustBelowAndOnItsValue) {
  int checked = 0;
  for (const auto& s : lib().standards) {
    for (const auto& t : s.tables) {
      if (t.thresholds.empty()) continue;
      for (const auto& gate : t.gates) {
        auto metrics = passing_gates(t);
        const std::string where = s.standard + " " + t.id + " gate " + gate.metric;
        // The metric itself is at grade 1; the gate alone decides.
        metrics[gate.metric] = gate.value;
        auto on = grade(t, s.grades, t.thresholds.front(), metrics, "test");
        // On the gate: every grade the gate binds is open (other gates of the same
        // metric for better grades may still hold it back).
        ASSERT_TRUE(on.grade) << where;
        EXPECT_LE(*on.grade, gate.grade) << where;
        metrics[gate.metric] = gate.value - kDelta;
        auto below = grade(t, s.grades, t.thresholds.front(), metrics, "test");
        if (gate.grade == s.grades) {
          EXPECT_FALSE(below.grade) << where << ": a minimum for every grade";
          EXPECT_FALSE(below.pass) << where;
          EXPECT_FALSE(below.to_next) << where << ": no headroom below the limit";
          ASSERT_FALSE(below.below_minimum.empty()) << where;
          EXPECT_EQ(below.below_minimum.back().metric, gate.metric) << where;
        } else {
          ASSERT_TRUE(below.grade) << where;
          EXPECT_EQ(*below.grade, gate.grade + 1) << where;
          EXPECT_FALSE(below.next_needs.empty()) << where;
        }
        checked += 2;
      }
    }
  }
  EXPECT_GE(checked, 2 * 30);
}

TEST(Grading, UnconfirmedTablesAreNeverGraded) {
  int n = 0;
  for (const auto& s : lib().standards) {
    for (const auto& t : s.tables) {
      if (!t.thresholds.empty()) continue;
      EXPECT_EQ(t.confidence, Confidence::unconfirmed) << t.id;
      const auto o = grade(t, s.grades, 99.0, {}, "test");
      EXPECT_FALSE(o.graded);
      EXPECT_FALSE(o.grade);
      ++n;
    }
  }
  EXPECT_GE(n, 4);  // GB 21455 bands above 4500 W and integral units, GB 21454 > 28 kW
}

TEST(Grading, AMissingGateMetricIsAnErrorNamingTheField) {
  const auto& s = lib().tables(StandardId::gb19577);
  const auto it = std::find_if(s.tables.begin(), s.tables.end(),
                               [](const GradeTable& t) { return t.id == "t3.le35.floor"; });
  ASSERT_NE(it, s.tables.end());
  try {
    grade(*it, 3, 3.5, {{"COPh", 2.5}}, "gb19577");
    FAIL() << "no error";
  } catch (const heatlift::InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("gb19577.COPdh: missing"));
    EXPECT_THAT(e.what(), HasSubstr("表3"));
  }
}

// GB 19577-2024 表3 (C2): household floor-heating unit, HSPF 3.6/3.2/2.8, COPdh >= 2.0,
// COPh >= 2.3 for every grade.
TEST(Grading, Gb19577Table3Example) {
  const auto& s = lib().tables(StandardId::gb19577);
  const auto& t = *std::find_if(s.tables.begin(), s.tables.end(),
                                [](const GradeTable& x) { return x.id == "t3.le35.floor"; });
  EXPECT_EQ(t.thresholds, (std::vector<double>{3.6, 3.2, 2.8}));
  auto o = grade(t, 3, 3.45, {{"COPh", 2.62}, {"COPdh", 2.15}}, "p");
  EXPECT_EQ(*o.grade, 2);
  EXPECT_NEAR(*o.to_next, 0.15, 1e-12);
  o = grade(t, 3, 3.45, {{"COPh", 2.62}, {"COPdh", 1.95}}, "p");
  EXPECT_FALSE(o.grade);  // COPdh below the minimum: fails whatever the HSPF
  // Its HSPF is above every threshold but one: no "+0.000 to grade 3", the minimum it
  // misses instead.
  EXPECT_FALSE(o.next_grade);
  EXPECT_FALSE(o.to_next);
  ASSERT_EQ(o.below_minimum.size(), 1u);
  EXPECT_EQ(describe(o.below_minimum), "COPdh 1.950 < 2.000 (short by 0.050)");
}

// GB 21454-2021 VRF <= 14 kW: APF 5.2/4.4/3.6 with EER minimums 3.5/2.8/2.0 per grade.
TEST(Grading, PerGradeMinimums) {
  const auto& s = lib().tables(StandardId::gb21454);
  const auto& t = s.tables.front();
  ASSERT_EQ(t.id, "apf.le14");
  EXPECT_EQ(*grade(t, 3, 5.4, {{"EER", 3.5}}, "p").grade, 1);
  EXPECT_EQ(*grade(t, 3, 5.4, {{"EER", 3.3}}, "p").grade, 2);
  EXPECT_EQ(*grade(t, 3, 5.4, {{"EER", 2.5}}, "p").grade, 3);
  EXPECT_FALSE(grade(t, 3, 5.4, {{"EER", 1.9}}, "p").grade);
}

TEST(Grading, CapacityBandsRespectTheirBounds) {
  CapacityBand b;
  b.lower = 10e3;
  b.lower_inclusive = true;
  b.upper = 20e3;
  b.upper_inclusive = false;
  EXPECT_TRUE(b.contains(10e3));
  EXPECT_FALSE(b.contains(20e3));
  b.lower_inclusive = false;
  b.upper_inclusive = true;
  EXPECT_FALSE(b.contains(10e3));
  EXPECT_TRUE(b.contains(20e3));
  EXPECT_EQ(b.describe(), "10 kW < heating capacity <= 20 kW");
}

TEST(Grading, EveryTableNamesItsClauseAndConfidence) {
  for (const auto& s : lib().standards) {
    EXPECT_FALSE(s.source.empty()) << s.file;
    for (const auto& t : s.tables) {
      EXPECT_FALSE(t.clause.empty()) << t.id;
      EXPECT_FALSE(t.metric.empty()) << t.id;
    }
  }
  // GB 21455-2019 APF (heat-pump split, <= 4500 W) is PARTIAL: one secondary source.
  const auto& rac = lib().tables(StandardId::gb21455);
  EXPECT_EQ(rac.tables.front().confidence, Confidence::partial);
  EXPECT_EQ(rac.cycling_cd_confidence, Confidence::c1);
}

// The list of standards (tables.cpp) is the one place a standard is named: its key, the
// name its data file must carry and the file itself.
TEST(StandardsList, EveryStandardComesFromItsRow) {
  const heatlift::core::DataStore store;
  EXPECT_EQ(all_standards().size(), standard_list().size());
  for (const StandardInfo& s : standard_list()) {
    EXPECT_EQ(parse_standard(s.key, "--standard"), s.id);
    EXPECT_EQ(to_string(s.id), s.key);
    EXPECT_TRUE(store.exists(s.data_file)) << s.data_file;
    // The shipped data file carries the same name as the list (a user's may differ).
    const std::string& shipped = s.graded ? lib().tables(s.id).standard : lib().en14825.standard;
    EXPECT_EQ(shipped, s.name);
  }
  EXPECT_EQ(list_standards("[{0}]"), "[gb19577], [gb29541], [gb21455], [gb21454] or [en14825]");
  try {
    parse_standard("gb99999", "--standard");
    FAIL();
  } catch (const heatlift::InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("'gb99999' is not a standard heatlift rates by; expected "
                                    "gb19577, gb29541, gb21455, gb21454 or en14825"));
  }
}

// A .toml in standards/ that no reader takes (a second edition beside the first, say) is
// refused rather than silently ignored.
TEST(StandardsList, AStrayDataFileIsRefused) {
  const auto dir = std::filesystem::temp_directory_path() / "heatlift-stray-standard";
  std::filesystem::create_directories(dir / "standards");
  std::ofstream(dir / "standards" / "gb19577-2025.toml") << "id = \"gb19577\"\n";
  try {
    StandardsLibrary::load(heatlift::core::DataStore(dir));
    ADD_FAILURE() << "loaded";
  } catch (const heatlift::InvalidInput& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("standards/gb19577-2025.toml: not a file heatlift reads; "
                          "expected the data of a standard (standards/gb19577-2024.toml"));
  }
  std::filesystem::remove_all(dir);
}

std::string data_error(const std::string& text, bool en14825 = false) {
  try {
    if (en14825)
      parse_en14825(text, "standards/en14825.toml");
    else
      parse_grade_tables(text, "g.toml");
  } catch (const heatlift::InvalidInput& e) {
    return e.what();
  }
  return "no error";
}

// A wrong number in a data file is named by place, field, value and what was expected.
TEST(StandardsData, ErrorsNamePlaceFieldValueAndExpected) {
  const std::string head =
      "id = \"gb19577\"\nstandard = \"GB 19577-2024\"\ntitle = \"t\"\ngrades = 3\n";
  const std::string table =
      "[[table]]\nid = \"a\"\nclause = \"c\"\ncategory = \"chiller\"\n"
      "capacity = { basis = \"cooling\", up_to = \"300 kW\" }\nmetric = \"IPLV\"\n"
      "confidence = \"C2\"\n";
  EXPECT_EQ(data_error(head + table + "thresholds = [6.0, 500, 5.2]\n"),
            "g.toml:12:20: table[1].thresholds[2]: 500 is out of range; expected a ratio 0.01 "
            "to 100");
  EXPECT_EQ(data_error(head + table + "thresholds = [6.0, 5.2, 5.6]\n"),
            "g.toml:12:25: table[1].thresholds[3]: must decrease from grade 1 to the last grade");
  EXPECT_THAT(data_error(head + table + "thresholds = [6.0, 5.6]\n"),
              HasSubstr("table[1].thresholds: expected 3 values (grade 1 first), got 2"));
  std::string t = head + table + "thresholds = [6.0, 5.6, 5.2]\n";
  EXPECT_EQ(data_error(t), "no error");
  t.replace(t.find("\"C2\""), 4, "\"C3\"");
  EXPECT_THAT(data_error(t), HasSubstr("g.toml:11:14: table[1].confidence: 'C3' is not one of "
                                       "C1, C2, PARTIAL, UNCONFIRMED"));
  t = head + table + "thresholds = [6.0, 5.6, 5.2]\n";
  t.replace(t.find("up_to"), 5, "upto");
  EXPECT_THAT(data_error(t), HasSubstr("table[1].capacity.upto: unknown key"));

  const std::string en = heatlift::core::DataStore().read("standards/en14825.toml");
  std::string e = en;
  e.replace(e.find("[-9, 25]"), 8, "[-9, 9999]");
  EXPECT_THAT(data_error(e, true),
              HasSubstr(": climate[1].bins[2]: 9999 is out of range; expected 0 to 8760 h"));
  e = en;
  e.replace(e.find("[-8, 23]"), 8, "[-10, 23]");
  EXPECT_THAT(data_error(e, true), HasSubstr(": climate[1].bins[3]: bin temperatures must "
                                             "increase"));
}

}  // namespace
