// End-to-end: `heatlift roadmap` and `heatlift scenario` as a user runs them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/run_heatlift.hpp"

namespace {

using heatlift::testing::CliRun;
using heatlift::testing::scratch;

CliRun run(const std::string& args, const std::string& env = "") {
  return heatlift::testing::run_heatlift(args, env);
}

using ::testing::HasSubstr;

TEST(RoadmapCli, BothShippedScenariosByDefaultWithFiles) {
  const auto dir = std::filesystem::path(scratch() + "heatlift_roadmap_out");
  std::filesystem::remove_all(dir);
  const CliRun r = run("roadmap --out " + dir.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("cns"));
  EXPECT_THAT(r.out, HasSubstr("ngs"));
  EXPECT_THAT(r.out, HasSubstr("co2_gross_MtCO2/a"));
  std::ifstream csv(dir / "results.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header, "scenario,year,group,kind,indicator,unit,value");
  std::string row;
  std::getline(csv, row);
  EXPECT_THAT(row, HasSubstr("cns,2018,sh_household,segment,sales,10^4 units/a,"));
  std::ifstream js(dir / "results.json");
  const auto doc = nlohmann::json::parse(js);
  EXPECT_EQ(doc["scenarios"].size(), 2u);
  EXPECT_EQ(doc["units"]["capacity"], "GW");
  std::filesystem::remove_all(dir);
}

TEST(RoadmapCli, JsonIsOneDocument) {
  const CliRun r = run("--format json roadmap --scenario cns");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["scenarios"].size(), 1u);
  const auto& s = doc["scenarios"][0];
  EXPECT_EQ(s["name"], "cns");
  const auto years = s["years"].get<std::vector<int>>();
  const auto k = std::find(years.begin(), years.end(), 2030) - years.begin();
  EXPECT_NEAR(s["groups"]["space_heating"]["sales"][k].get<double>(), 447.0, 447.0 * 0.03);
}

TEST(RoadmapCli, CheckPassesAndPrintsComparison) {
  const CliRun r = run("roadmap --check");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("deviation_%"));
  EXPECT_THAT(r.out, HasSubstr("co2_gross"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("FAIL")));
}

TEST(RoadmapCli, CheckFailsOutsideTolerance) {
  const auto file = std::filesystem::path(scratch() + "off_target.toml");
  // The CNS (0.90 × 10^8 t in 2030) against a figure it does not reproduce.
  std::ofstream(file) << "extends = \"cns\"\nname = \"off\"\n[[targets]]\nyear = 2030\n"
                         "end_use = \"total\"\nindicator = \"co2_gross\"\n"
                         "value = \"0.60 10^8 tCO2\"\ntolerance = \"5 %\"\n";
  const CliRun r = run("roadmap --check --scenario " + file.string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("FAIL"));
  EXPECT_THAT(r.err, HasSubstr("outside tolerance"));
}

TEST(RoadmapCli, BadScenarioFileNamesFileLineColumn) {
  const auto file = std::filesystem::path(scratch() + "bad_scenario.toml");
  std::ofstream(file) << "extends = \"cns\"\nname = \"bad\"\n[levers.less_backup]\n"
                         "reduction = \"50 kg\"\nfrom = 2025\nby = 2030\n";
  const CliRun r = run("roadmap --scenario " + file.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(file.string() + ":4:13"));
  EXPECT_THAT(r.err, HasSubstr("levers.less_backup.reduction"));
  EXPECT_EQ(run("roadmap --scenario nowhere").exit_code, 2);
}

TEST(RoadmapCli, ScenarioDiffShowsSettingsAndEffects) {
  const CliRun r = run("scenario diff cns action-plan");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("levers.efficiency.gain"));
  EXPECT_THAT(r.out, HasSubstr("co2_net_change"));
  const CliRun j = run("--format json scenario diff cns action-plan");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_FALSE(doc["settings"].empty());
  EXPECT_FALSE(doc["effects"].empty());
}

}  // namespace

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(RoadmapCli, WritesTheReportNextToTheResults) {
  const auto dir = std::filesystem::path(scratch() + "heatlift_roadmap_report");
  std::filesystem::remove_all(dir);
  const CliRun r = run("roadmap -s cns --lang en --out " + dir.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("report.html"));
  const std::string html = slurp(dir / "report.html");
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("id=\"heatlift-data\""));
  std::filesystem::remove_all(dir);
}

TEST(RoadmapCli, BadLanguageIsAnInputError) {
  const CliRun r = run("roadmap --lang fr --out " + scratch() + "lang");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--lang: 'fr'"));
  EXPECT_THAT(r.err, HasSubstr("zh or en"));
}

TEST(RoadmapCli, MonteCarloBandsAreTheSameForTheSameSeedAtAnyThreadCount) {
  const auto base = std::filesystem::path(scratch() + "heatlift_mc");
  std::filesystem::remove_all(base);
  const CliRun one =
      run("roadmap -s ngs --samples 30 --seed 11 --threads 1 --out " + (base / "a").string());
  const CliRun two =
      run("roadmap -s ngs --samples 30 --seed 11 --threads 2 --out " + (base / "b").string());
  const CliRun other =
      run("roadmap -s ngs --samples 30 --seed 12 --threads 2 --out " + (base / "c").string());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  ASSERT_EQ(other.exit_code, 0) << other.err;
  const std::string a = slurp(base / "a" / "results.csv");
  EXPECT_EQ(a.substr(0, a.find('\n')), "scenario,year,group,kind,indicator,unit,value,p5,p50,p95");
  EXPECT_EQ(a, slurp(base / "b" / "results.csv"));
  EXPECT_NE(a, slurp(base / "c" / "results.csv"));
  EXPECT_THAT(one.out, HasSubstr("co2_net_p5_MtCO2e/a"));
  const auto doc = nlohmann::json::parse(slurp(base / "a" / "results.json"));
  const auto& s = doc["scenarios"][0];
  EXPECT_EQ(s["monte_carlo"]["samples"], 30);
  EXPECT_EQ(s["bands"]["total"]["co2_net"]["p95"].size(), s["years"].size());
  std::filesystem::remove_all(base);
}

TEST(RoadmapCli, SamplesMustBePositive) {
  const CliRun r = run("roadmap --samples 0");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("--samples"));
}

}  // namespace
