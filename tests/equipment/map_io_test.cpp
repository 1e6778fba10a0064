#include "heatlift/equipment/map_io.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "heatlift/core/error.hpp"
#include "heatlift/equipment/carnot_map.hpp"

namespace heatlift::equipment {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

PerformanceMap sample_map() {
  // Awkward doubles on purpose (thirds, sevenths), and one infeasible node.
  MapAxes a{{253.15, 263.15 + 1.0 / 3, 280.15}, {308.15, 318.15 + 1.0 / 7}, {0.3, 2.0 / 3, 1.0}};
  std::vector<std::optional<NodeValue>> nodes;
  for (double ts : a.t_source) {
    for (double tk : a.t_sink) {
      for (double x : a.part_load) {
        if (ts > 280 && tk > 318 && x < 0.5) {
          nodes.emplace_back();
        } else {
          nodes.push_back(NodeValue{1e4 * x * std::sqrt(ts / tk) / 3, 2500 * x * tk / ts / 7});
        }
      }
    }
  }
  return PerformanceMap(SourceKind::brine, a, nodes);
}

TEST(MapCsv, RoundTripIsExact) {
  const PerformanceMap m = sample_map();
  const std::string text = to_csv(m);
  EXPECT_THAT(text, HasSubstr("t_source_K,t_sink_K,part_load,heating_capacity_W,electric_power_W"));
  EXPECT_THAT(text, HasSubstr("# source_kind = brine"));
  const PerformanceMap back = parse_map_csv(text);
  EXPECT_EQ(back.source_kind(), SourceKind::brine);
  EXPECT_EQ(back.axes().t_source, m.axes().t_source);
  EXPECT_EQ(back.axes().t_sink, m.axes().t_sink);
  EXPECT_EQ(back.axes().part_load, m.axes().part_load);
  const auto a = m.nodes(), b = back.nodes();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t n = 0; n < a.size(); ++n) {
    ASSERT_EQ(a[n].has_value(), b[n].has_value()) << n;
    if (!a[n]) continue;
    EXPECT_EQ(a[n]->capacity, b[n]->capacity);  // exact, not near
    EXPECT_EQ(a[n]->power, b[n]->power);
  }
  EXPECT_EQ(to_csv(back), text);
}

TEST(MapCsv, FileRoundTripAndRowOrderDoesNotMatter) {
  const PerformanceMap m =
      carnot_fraction_map(CarnotMapSpec::defaults(SourceKind::air, 8000),
                          {{258.15, 268.15, 280.15, 288.15}, {308.15, 328.15}, {0.5, 1.0}});
  const auto path = std::filesystem::temp_directory_path() /
                    ("heatlift_map_" + std::to_string(::getpid()) + ".csv");
  save_map_csv(m, path);
  const PerformanceMap back = load_map_csv(path);
  std::filesystem::remove(path);
  EXPECT_EQ(to_csv(back), to_csv(m));

  const std::string shuffled =
      "# source_kind = water\n"
      "t_source_K,t_sink_K,part_load,heating_capacity_W,electric_power_W\r\n"
      "290,320,1,6000,2000\r\n"
      "280,300,1,5000,1000\n"
      "290,300,1,7000,1500\n"
      "280,320,1,4000,1600\n";
  const PerformanceMap s = parse_map_csv(shuffled);
  EXPECT_EQ(s.node(0, 1, 0)->capacity, 4000);
  EXPECT_EQ(s.node(1, 1, 0)->capacity, 6000);
  EXPECT_THROW(load_map_csv("/nonexistent/heatlift/map.csv"), DataMissing);
}

void expect_bad(const std::string& text, std::vector<std::string> parts) {
  try {
    parse_map_csv(text, "m.csv");
    FAIL() << "accepted:\n" << text;
  } catch (const InvalidInput& e) {
    for (const auto& p : parts) EXPECT_THAT(e.what(), HasSubstr(p)) << e.what();
  }
}

TEST(MapCsv, BadCsvNamesLineAndColumn) {
  const std::string head =
      "# heatlift performance map\n# source_kind = air\n"
      "t_source_K,t_sink_K,part_load,heating_capacity_W,electric_power_W\n";
  const std::string good_rest = "280,320,1,4000,1600\n290,300,1,7000,1500\n290,320,1,6000,2000\n";
  // Sanity: the good file parses.
  EXPECT_NO_THROW(parse_map_csv(head + "280,300,1,5000,1000\n" + good_rest));

  expect_bad(head + "280,300,1,5OOO,1000\n" + good_rest,
             {"m.csv:4", "column 4", "heating_capacity_W", "'5OOO'", "finite number"});
  expect_bad(head + "280,300,1,5000\n" + good_rest, {"m.csv:4", "4 fields", "expected 5"});
  expect_bad(head + "280,,1,5000,1000\n" + good_rest, {"m.csv:4", "column 2", "t_sink_K", "empty"});
  expect_bad(head + "280,300,1,,1000\n" + good_rest,
             {"m.csv:4", "heating_capacity_W", "both empty"});
  expect_bad(head + "280,300,1,-5000,1000\n" + good_rest, {"m.csv:4", "column 4", "-5000", "> 0"});
  expect_bad(head + "280,300,1,5000,nan\n" + good_rest, {"m.csv:4", "electric_power_W", "'nan'"});
  expect_bad(head + "280,300,1,5000,1000\n" + good_rest + "280,300,1,5000,1000\n",
             {"m.csv:8", "already given on line 4"});
  expect_bad(head + good_rest, {"incomplete", "t_source_K = 280", "t_sink_K = 300"});
  expect_bad(head + "280,300,1.5,5000,1000\n280,300,1,5000,1000\n",
             {"m.csv", "part_load", "1.5", "(0, 1]"});
  expect_bad(
      "# source_kind = air\nt_source_K,t_sink_C,part_load,heating_capacity_W,electric_power_W\n",
      {"m.csv:2", "column 2", "'t_sink_C'", "expected 't_sink_K'"});
  expect_bad("# source_kind = steam\n", {"m.csv:1", "source_kind", "steam"});
  expect_bad("t_source_K,t_sink_K,part_load,heating_capacity_W,electric_power_W\n280,300,1,1,1\n",
             {"m.csv", "source_kind"});
  expect_bad("# source_kind = air\n", {"no header"});
  expect_bad(head, {"no rows"});
}

}  // namespace
}  // namespace heatlift::equipment
