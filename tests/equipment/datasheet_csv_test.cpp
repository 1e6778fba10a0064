// The datasheet points reader: units from the column names, every bad cell refused with
// its position, column, value and expectation, and files in the encodings users have.
#include "heatlift/equipment/datasheet_csv.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "heatlift/core/error.hpp"

namespace heatlift::equipment {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr double kC = 273.15;

std::string error_of(const std::string& text) {
  try {
    parse_datasheet_csv(text, "pts.csv");
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(DatasheetCsv, UnitsComeFromTheColumnNames) {
  const auto a = parse_datasheet_csv(
      "# an 8 kW unit\n"
      "label,t_source_C,t_sink_C,part_load,capacity_kW,power_kW\n"
      "\n"
      "A7/W35,7,35,1,8.0,1.6\n"
      "A-7/W35,-7,35,0.5,3.1,1.0\n",
      "a.csv");
  ASSERT_EQ(a.points.size(), 2u);
  EXPECT_EQ(a.lines, (std::vector<std::size_t>{4, 5}));
  EXPECT_DOUBLE_EQ(a.points[0].t_source, kC + 7);
  EXPECT_DOUBLE_EQ(a.points[0].t_sink, kC + 35);
  EXPECT_DOUBLE_EQ(a.points[0].capacity, 8000);
  EXPECT_DOUBLE_EQ(a.points[0].cop, 8.0 / 1.6);
  EXPECT_DOUBLE_EQ(a.points[1].part_load, 0.5);
  EXPECT_EQ(a.points[1].label, "A-7/W35");

  // The same points in K, W, % and with a COP column, columns in another order.
  const auto b = parse_datasheet_csv(
      "cop,heating_capacity_W,part_load_%,t_sink_K,t_source_°C\n"
      "5,8000,100,308.15,7\n"
      "3.1,3100,50,308.15,-7\n",
      "b.csv");
  ASSERT_EQ(b.points.size(), 2u);
  EXPECT_DOUBLE_EQ(b.points[0].t_source, a.points[0].t_source);
  EXPECT_NEAR(b.points[0].t_sink, a.points[0].t_sink, 1e-12);
  EXPECT_DOUBLE_EQ(b.points[0].capacity, 8000);
  EXPECT_DOUBLE_EQ(b.points[0].cop, 5);
  EXPECT_DOUBLE_EQ(b.points[1].part_load, 0.5);
  EXPECT_EQ(b.points[0].label, "line 2");  // no label column: the line

  // part_load is optional (full load); a quoted label may hold a comma.
  const auto c = parse_datasheet_csv(
      "label,t_source_F,t_sink_C,capacity_MW,electric_power_kW\n\"A7/W35, full\",44.6,35,0.008,"
      "1.6\n",
      "c.csv");
  EXPECT_NEAR(c.points[0].t_source, kC + 7, 1e-9);
  EXPECT_DOUBLE_EQ(c.points[0].part_load, 1.0);
  EXPECT_EQ(c.points[0].label, "A7/W35, full");
}

TEST(DatasheetCsv, EveryBadCellNamesPositionColumnValueAndExpectation) {
  const std::string head = "label,t_source_C,t_sink_C,part_load,capacity_kW,power_kW\n";
  struct Case {
    std::string row;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      {"A7/W35,7,35,1,abc,1.6", {"pts.csv:2:5:", "capacity_kW", "'abc'", "a finite number"}},
      {"A7/W35,7,35,1,,1.6", {"pts.csv:2:5:", "capacity_kW", "not empty"}},
      {"A7/W35,7 C,35,1,8,1.6", {"pts.csv:2:2:", "t_source_C", "'7 C'", "unit belongs"}},
      {"A7/W35,7,35,1,-8,1.6", {"pts.csv:2:5:", "'-8'", "above 0"}},
      {"A7/W35,7,35,1,8,0", {"pts.csv:2:6:", "power_kW", "'0'", "above 0"}},
      {"A7/W35,7,35,1.5,8,1.6", {"pts.csv:2:4:", "part_load", "'1.5'", "at most 1"}},
      {"A7/W35,7,35,0,8,1.6", {"pts.csv:2:4:", "'0'", "above 0"}},
      {"A7/W35,7,5,1,8,1.6", {"pts.csv:2:3:", "t_sink_C", "'5'", "above the source"}},
      {"A7/W35,-300,35,1,8,1.6", {"pts.csv:2:2:", "'-300'", "absolute zero"}},
      {"A7/W35,7,35,1,8,0.5", {"pts.csv:2:6:", "power_kW", "Carnot"}},
      {"A7/W35,nan,35,1,8,1.6", {"pts.csv:2:2:", "'nan'", "finite"}},
      {"A7/W35,1e999,35,1,8,1.6", {"pts.csv:2:2:", "finite"}},
      {"A7/W35,7,35,1,8", {"pts.csv:2:", "5 cells; expected 6"}},
  };
  for (const Case& c : cases) {
    const std::string e = error_of(head + c.row + "\n");
    for (const auto& w : c.want) EXPECT_THAT(e, HasSubstr(w)) << c.row;
  }
  // Line numbers count comments and blank lines.
  EXPECT_THAT(error_of("# note\n\n" + head + "A7/W35,7,35,1,8,1.6\nA2/W35,2,35,1,x,1\n"),
              HasSubstr("pts.csv:5:5:"));
}

TEST(DatasheetCsv, HeaderProblemsAreRefused) {
  const auto e = [](const std::string& header) {
    return error_of(header + "\nA7/W35,7,35,8,1.6\n");
  };
  EXPECT_THAT(e("label,t_source,t_sink_C,capacity_kW,power_kW"),
              AllOf(HasSubstr("pts.csv:1:2:"), HasSubstr("'t_source' has no unit"),
                    HasSubstr("t_source_C")));
  EXPECT_THAT(e("label,t_source_C,t_sink_C,capacity_C,power_kW"),
              AllOf(HasSubstr("pts.csv:1:4:"), HasSubstr("'C' is not a unit of power")));
  EXPECT_THAT(e("label,t_source_C,t_sink_C,capacity_parsec,power_kW"),
              HasSubstr("'parsec' is not a unit of power"));
  EXPECT_THAT(e("label,t_source_C,t_sink_C,capacity_kW,watts"),
              AllOf(HasSubstr("pts.csv:1:5:"), HasSubstr("'watts' is unknown")));
  EXPECT_THAT(e("label,t_source_C,t_sink_C,capacity_kW,capacity_W"),
              AllOf(HasSubstr("pts.csv:1:5:"), HasSubstr("again"), HasSubstr("capacity_kW")));
  EXPECT_THAT(e("label,t_source_C,capacity_kW,power_kW,cop"), HasSubstr("no column t_sink"));
  EXPECT_THAT(e("label,t_source_C,t_sink_C,capacity_kW,x_power_kW"), HasSubstr("unknown"));
  EXPECT_THAT(error_of("label,t_source_C,t_sink_C,capacity_kW,power_kW,cop\nA,7,35,8,1.6,5\n"),
              HasSubstr("both power and cop"));
  EXPECT_THAT(error_of("label,t_source_C,t_sink_C,capacity_kW\nA,7,35,8\n"),
              HasSubstr("no power or cop"));
  EXPECT_THAT(error_of("# only a comment\n"), HasSubstr("no header"));
  EXPECT_THAT(error_of("label,t_source_C,t_sink_C,capacity_kW,cop\n"), HasSubstr("no points"));
}

TEST(DatasheetCsv, FilesInTheEncodingsUsersHave) {
  const auto dir = std::filesystem::path(::testing::TempDir()) /
                   ("heatlift_points_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return dir / name;
  };
  const std::string body = "label,t_source_C,t_sink_C,capacity_kW,cop\n";
  // Excel's "CSV UTF-8": a byte-order mark before the header.
  const auto bom =
      load_datasheet_csv(write("bom.csv", "\xEF\xBB\xBF" + body + "A7/W35,7,35,8,4.8\n"));
  EXPECT_DOUBLE_EQ(bom.points.at(0).capacity, 8000);
  // GB 18030 (GBK) from a Chinese Excel: "额定" (rated) in the label, converted to UTF-8.
  const auto gbk = load_datasheet_csv(write("gbk.csv", body + "\xB6\xEE\xB6\xA8,7,35,8,4.8\n"));
  EXPECT_EQ(gbk.points.at(0).label, "额定");
  // Bytes that are neither: refused naming the place.
  try {
    load_datasheet_csv(write("bad.csv", body + "A7\xFF\xFE/W35,7,35,8,4.8\n"));
    ADD_FAILURE() << "invalid bytes accepted";
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), AllOf(HasSubstr("bad.csv"), HasSubstr("\\xFF")));
  }
  EXPECT_THROW(load_datasheet_csv(dir / "missing.csv"), DataMissing);
  std::filesystem::remove_all(dir);
}

TEST(DatasheetCsv, SourceKindFromRatingLabels) {
  const auto pts = [](std::vector<std::string> labels) {
    std::vector<DatasheetPoint> out;
    for (auto& l : labels) out.push_back({kC, kC + 30, 1, 1, 2, l});
    return out;
  };
  EXPECT_EQ(source_kind_from_labels(pts({"A7/W35", "A-7/W55"})), SourceKind::air);
  EXPECT_EQ(source_kind_from_labels(pts({"B0/W35", "B5/W45"})), SourceKind::brine);
  EXPECT_EQ(source_kind_from_labels(pts({"A7/W35", "B0/W35"})), std::nullopt);
  EXPECT_EQ(source_kind_from_labels(pts({"A7/W35", "line 4"})), std::nullopt);
}

}  // namespace
}  // namespace heatlift::equipment
