// End-to-end: `heatlift product fit POINTS.csv` — the map it writes runs in `site run`, the
// errors it reports, the exactly-determined and extrapolation warnings, bad files refused
// with their position and no map left behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/run_heatlift.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::testing::CliRun;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kPoints = HEATLIFT_SOURCE_DIR "/examples/datasheets/evi-r32-10kw-points.csv";

CliRun run(const std::string& args) {
  return heatlift::testing::run_heatlift(args);
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = heatlift::testing::scratch() + "fit_" + name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void spit(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// The shipped example: points read off evi-r32-10kw's map and rounded as a datasheet prints
// them. The map fitted to them predicts each point it did not see within 2 %, and a site
// runs on it.
TEST(ProductFit, MapFromTheExampleDatasheetRunsInASite) {
  const fs::path d = fresh_dir("site");
  const CliRun r =
      run(fmt::format("product fit {} -o {} --format json", kPoints, (d / "evi.map.csv").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["source_kind"], "air");  // from the labels
  EXPECT_EQ(doc["model"], "quadratic");
  EXPECT_FALSE(doc["exactly_determined"].get<bool>());
  EXPECT_EQ(doc["points"].size(), 24u);
  EXPECT_EQ(doc["held_out"]["points"], 24);
  EXPECT_LT(doc["held_out"]["capacity_rms_rel"].get<double>(), 0.02);
  EXPECT_LT(doc["held_out"]["cop_rms_rel"].get<double>(), 0.02);
  EXPECT_LT(doc["in_sample"]["cop_max_rel"].get<double>(), 0.02);
  EXPECT_TRUE(doc["extrapolated"].empty());  // the default grid stays within the points
  EXPECT_EQ(doc["map"], (d / "evi.map.csv").string());
  ASSERT_TRUE(fs::exists(d / "evi.map.csv"));

  spit(d / "site.toml",
       "[site]\nname = \"fitted map\"\ncity = \"Shijiazhuang\"\n"
       "[demand.building]\narchetype = \"rural_residential\"\nera = \"1996_2010\"\n"
       "floor_area = \"120 m2\"\nemitter = \"radiator\"\n"
       "[heat_pump]\nmap = \"evi.map.csv\"\nname = \"fitted EVI unit\"\ncover = 1.0\n");
  const CliRun s = run(fmt::format("site run {} --format json", (d / "site.toml").string()));
  ASSERT_EQ(s.exit_code, 0) << s.err;
  const auto site = nlohmann::json::parse(s.out);
  const double spf = site["annual"]["spf_h1"].get<double>();
  EXPECT_GT(spf, 2.0);
  EXPECT_LT(spf, 3.0);

  // --out DIR names the map after the points file.
  const CliRun o = run(fmt::format("product fit {} --out {}", kPoints, (d / "out").string()));
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_TRUE(fs::exists(d / "out" / "evi-r32-10kw-points.map.csv"));
  EXPECT_THAT(o.out, AllOf(HasSubstr("in-sample error (24 points"),
                           HasSubstr("held-out error (leave one out, 24 of 24 points)"),
                           HasSubstr("quadratic model")));
  // --format csv: the point table alone on stdout.
  const CliRun c = run(fmt::format("product fit {} --format csv", kPoints));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.substr(0, c.out.find(',')), "point");
  EXPECT_THAT(c.err, HasSubstr("held-out error"));
}

TEST(ProductFit, ExactlyDeterminedFitSaysSo) {
  const fs::path d = fresh_dir("exact");
  spit(d / "three.csv",
       "label,t_source_C,t_sink_C,capacity_kW,cop\n"
       "A7/W35,7,35,8.0,4.8\nA-7/W35,-7,35,6.2,3.0\nA7/W55,7,55,7.4,2.9\n");
  const CliRun r = run(fmt::format("product fit {}", (d / "three.csv").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("warning: the fit is exactly determined: 3 points for 3 "
                                     "terms"),
                           HasSubstr("held-out error (leave one out): undefined")));
  const CliRun j = run(fmt::format("product fit {} --format json", (d / "three.csv").string()));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_TRUE(doc["exactly_determined"].get<bool>());
  EXPECT_TRUE(doc["held_out"].is_null());
  EXPECT_TRUE(doc["points"][0]["held_out"].is_null());
  EXPECT_THAT(doc["warnings"][0].get<std::string>(), HasSubstr("exactly determined"));
}

// Points up to 35 °C, a map asked for 55 °C: every node above 35 °C is warned about; those
// within the margin keep a value, the rest are left empty (a regression is not extrapolated
// far).
TEST(ProductFit, ExtrapolationIsWarnedNodeByNode) {
  const fs::path d = fresh_dir("extrapolation");
  spit(d / "low.csv",
       "label,t_source_C,t_sink_C,capacity_kW,power_kW\n"
       "A7/W30,7,30,8.4,1.50\nA2/W30,2,30,7.6,1.62\nA-7/W30,-7,30,6.5,1.85\n"
       "A7/W35,7,35,8.2,1.70\nA2/W35,2,35,7.4,1.83\nA-7/W35,-7,35,6.3,2.05\n");
  const std::string args =
      fmt::format("product fit {} --sink \"30 C..55 C\"", (d / "low.csv").string());
  const CliRun r = run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out,
              AllOf(HasSubstr("warning: 24 of 36 map nodes are extrapolated beyond the points: 6 "
                              "kept (within the 5 K margin), 18 left empty"),
                    HasSubstr("sink 55 °C is 20 K above the points' highest (35 °C)"),
                    HasSubstr("sink 40 °C is 5 K above the points' highest (35 °C) (6 nodes, "
                              "kept)")));
  const auto doc = nlohmann::json::parse(run(args + " --format json").out);
  ASSERT_EQ(doc["extrapolated"].size(), 24u);
  EXPECT_EQ(doc["invalid_nodes"], 18);
  // A wider margin keeps values there, and still warns.
  const auto wide = nlohmann::json::parse(run(args + " --margin \"20 K\" --format json").out);
  EXPECT_EQ(wide["extrapolated"].size(), 24u);
  EXPECT_EQ(wide["invalid_nodes"], 0);
  // Points at 35 °C only: refused, saying what is missing.
  spit(d / "w35.csv",
       "label,t_source_C,t_sink_C,capacity_kW,power_kW\n"
       "A7/W35,7,35,8.2,1.70\nA2/W35,2,35,7.4,1.83\nA-7/W35,-7,35,6.3,2.05\n");
  const CliRun w =
      run(fmt::format("product fit {} --sink \"30 C..55 C\"", (d / "w35.csv").string()));
  EXPECT_EQ(w.exit_code, 2);
  EXPECT_THAT(w.err, AllOf(HasSubstr("distinct sink temperatures"), HasSubstr("has W35")));
}

TEST(ProductFit, BadInputIsRefusedWithItsPositionAndNoMapIsWritten) {
  const fs::path d = fresh_dir("bad");
  spit(d / "bad.csv",
       "label,t_source_C,t_sink_C,capacity_kW,power_kW\n"
       "A7/W35,7,35,8.0,1.6\nA2/W35,2,35,7,2,1.8\n");
  const CliRun r = run(
      fmt::format("product fit {} -o {}", (d / "bad.csv").string(), (d / "bad.map.csv").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("bad.csv:3: 6 cells; expected 5")));
  EXPECT_FALSE(fs::exists(d / "bad.map.csv"));

  spit(d / "cell.csv",
       "label,t_source_C,t_sink_C,capacity_kW,power_kW\n"
       "A7/W35,7,35,8.0,1.6\nA2/W35,2,35,7.2 kW,1.8\n");
  const CliRun c = run(fmt::format("--format json product fit {}", (d / "cell.csv").string()));
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_THAT(c.err, AllOf(HasSubstr("cell.csv:3:4: column 'capacity_kW' = '7.2 kW'"),
                           HasSubstr("unit belongs in the column's name")));
  EXPECT_EQ(nlohmann::json::parse(c.out)["error"]["code"], "invalid_input");

  spit(d / "nolabels.csv",
       "t_source_C,t_sink_C,capacity_kW,power_kW\n7,35,8.0,1.6\n-7,35,6.2,2.0\n7,55,7.4,2.5\n");
  const CliRun k = run(fmt::format("product fit {}", (d / "nolabels.csv").string()));
  EXPECT_EQ(k.exit_code, 2);
  EXPECT_THAT(k.err, HasSubstr("give --kind air|brine|water"));
  EXPECT_EQ(run(fmt::format("product fit {} --kind air", (d / "nolabels.csv").string())).exit_code,
            0);
  EXPECT_EQ(
      run(fmt::format("product fit {} --kind steam", (d / "nolabels.csv").string())).exit_code, 2);
  const CliRun range = run(
      fmt::format("product fit {} --kind air --source \"-20 C\"", (d / "nolabels.csv").string()));
  EXPECT_EQ(range.exit_code, 2);
  EXPECT_THAT(range.err, HasSubstr("expected FROM..TO"));
  EXPECT_THAT(range.out + range.err, Not(HasSubstr("internal")));
  EXPECT_EQ(run("product fit /nonexistent/points.csv").exit_code, 2);
}

}  // namespace
