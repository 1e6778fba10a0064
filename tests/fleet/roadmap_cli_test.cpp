// End-to-end: `heatlift roadmap` and `heatlift scenario` as a user runs them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

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
  EXPECT_THAT(r.out, HasSubstr("co2_reduction_gross_MtCO2/a"));
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
  const CliRun r = run("roadmap --check --engine top-down");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("deviation"));
  EXPECT_THAT(r.out, HasSubstr("co2_reduction_gross"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("FAIL")));
}

TEST(RoadmapCli, CheckFailsOutsideTolerance) {
  const auto file = std::filesystem::path(scratch() + "off_target.toml");
  // The CNS (0.90 × 10^8 t in 2030) against a figure it does not reproduce.
  std::ofstream(file) << "extends = \"cns\"\nname = \"off\"\n[[targets]]\nyear = 2030\n"
                         "end_use = \"total\"\nindicator = \"co2_reduction_gross\"\n"
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

TEST(RoadmapCli, HostileNumbersAreRefusedBeforeAnyWork) {
  const auto dir = std::filesystem::path(scratch() + "heatlift_hostile_out");
  std::filesystem::remove_all(dir);
  const std::string big(300, '9');
  const std::vector<std::pair<std::string, std::string>> cases{
      {"[segments.sh_household.growth]\nsaturation = \"1e300 units\"\n", ":4:14"},
      {"[segments.sh_household]\nprice = \"" + big + " CNY\"\n", ":4:9"},
      {"[segments.sh_household]\nspf = nan\n", ":4:7"},
      {"[segments.sh_household.growth]\nmidpoint = " + big + "\n", ":4:12"},
  };
  for (const auto& [toml, where] : cases) {
    const auto file = std::filesystem::path(scratch() + "hostile.toml");
    std::ofstream(file) << "extends = \"cns\"\nname = \"hostile\"\n" << toml;
    const CliRun r = run("roadmap --scenario " + file.string() + " --out " + dir.string());
    EXPECT_EQ(r.exit_code, 2) << toml;
    EXPECT_THAT(r.err, HasSubstr(file.string() + where)) << toml;
    EXPECT_THAT(r.err, HasSubstr("out of range; expected")) << toml;
    EXPECT_FALSE(std::filesystem::exists(dir / "results.csv")) << toml;
  }
  std::filesystem::remove_all(dir);
}

TEST(RoadmapCli, CheckReproducesTheRecordedModelValues) {
  // The shipped scenarios, read with every number's declared range, give the values the
  // check printed before: tests/fleet/data/roadmap_check.csv.
  const CliRun r = run("--format json roadmap --check --engine top-down");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = nlohmann::json::parse(r.out)["check"];
  std::ifstream in(std::string(HEATLIFT_FLEET_TEST_DATA) + "/roadmap_check.csv");
  ASSERT_TRUE(in) << "missing roadmap_check.csv";
  std::size_t i = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.rfind("scenario,", 0) == 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 6u) << line;
    ASSERT_LT(i, rows.size()) << line;
    const auto& row = rows[i++];
    EXPECT_EQ(row["scenario"], cells[0]) << line;
    EXPECT_EQ(row["year"], std::stoi(cells[1])) << line;
    EXPECT_EQ(row["end_use"], cells[2]) << line;
    EXPECT_EQ(row["indicator"], cells[3]) << line;
    EXPECT_EQ(row["unit"], cells[4]) << line;
    const double want = std::stod(cells[5]);
    EXPECT_NEAR(row["model"].get<double>(), want, 1e-12 * std::abs(want)) << line;
  }
  EXPECT_EQ(i, rows.size());
}

TEST(RoadmapCli, ScenarioDiffShowsSettingsAndEffects) {
  const CliRun r = run("scenario diff cns action-plan");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("levers.efficiency.gain"));
  EXPECT_THAT(r.out, HasSubstr("co2_reduction_net_change"));
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

TEST(RoadmapCli, CarbonColumnsSayTheyAreReductions) {
  // co2_gross and co2_net were reductions by name only; the numbers are the same.
  const auto dir = std::filesystem::path(scratch() + "heatlift_reduction_out");
  std::filesystem::remove_all(dir);
  const CliRun r = run("roadmap -s cns --regions province --out " + dir.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* file : {"results.csv", "results.json", "regions.csv", "report.html"}) {
    const std::string text = slurp(dir / file);
    EXPECT_THAT(text, HasSubstr("co2_reduction_gross")) << file;
    EXPECT_THAT(text, HasSubstr("co2_reduction_net")) << file;
    EXPECT_THAT(text, ::testing::Not(HasSubstr("co2_gross"))) << file;
    EXPECT_THAT(text, ::testing::Not(HasSubstr("co2_net"))) << file;
  }
  EXPECT_THAT(r.out, HasSubstr("co2_reduction_net_MtCO2e/a"));
  std::filesystem::remove_all(dir);
  // A scenario file with the old name is told the new one.
  const auto file = std::filesystem::path(scratch() + "old_indicator.toml");
  std::ofstream(file) << "extends = \"cns\"\nname = \"old\"\n[[targets]]\nyear = 2030\n"
                         "end_use = \"total\"\nindicator = \"co2_gross\"\n"
                         "value = \"0.90 10^8 tCO2\"\ntolerance = \"5 %\"\n";
  const CliRun old = run("roadmap --check --scenario " + file.string());
  EXPECT_EQ(old.exit_code, 2);
  EXPECT_THAT(old.err, HasSubstr(file.string() + ":6:13"));
  EXPECT_THAT(old.err, HasSubstr("now called 'co2_reduction_gross'"));
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
  EXPECT_THAT(one.out, HasSubstr("co2_reduction_net_p5_MtCO2e/a"));
  const auto doc = nlohmann::json::parse(slurp(base / "a" / "results.json"));
  const auto& s = doc["scenarios"][0];
  EXPECT_EQ(s["monte_carlo"]["samples"], 30);
  EXPECT_EQ(s["bands"]["total"]["co2_reduction_net"]["p95"].size(), s["years"].size());
  std::filesystem::remove_all(base);
}

TEST(RoadmapCli, SamplesMustBePositive) {
  const CliRun r = run("roadmap --samples 0");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("--samples"));
}

}  // namespace

namespace {

std::vector<std::string> lines_of(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(RoadmapCli, RegionsWritesTheRegionalFilesAndPrintsProvinces) {
  const auto dir = std::filesystem::path(scratch() + "heatlift_regions_out");
  std::filesystem::remove_all(dir);
  const CliRun r = run("roadmap -s cns -s ngs --regions province --out " + dir.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("CN-YN"));
  EXPECT_THAT(r.out, HasSubstr("co2_reduction_net_MtCO2e/a"));
  EXPECT_THAT(r.err, HasSubstr("provinces-map.csv"));
  // results.csv stays as it was; the regions go to their own files.
  const auto results = lines_of(dir / "results.csv");
  ASSERT_FALSE(results.empty());
  EXPECT_EQ(results[0], "scenario,year,group,kind,indicator,unit,value");
  const auto regions = lines_of(dir / "regions.csv");
  ASSERT_FALSE(regions.empty());
  EXPECT_EQ(regions[0], "scenario,year,level,region,group,kind,indicator,unit,value");
  const std::string all = slurp(dir / "regions.csv");
  EXPECT_THAT(all, HasSubstr("\ncns,2030,province,CN-HE,space_heating,end_use,stock,10^4 units,"));
  EXPECT_THAT(all,
              HasSubstr("\nngs,2060,zone,severe_cold,total,total,co2_reduction_net,MtCO2e/a,"));
  EXPECT_THAT(all, HasSubstr("\ncns,2060,country,CN,hot_water,end_use,heat,TWh/a,"));
  const auto map = lines_of(dir / "provinces-map.csv");
  ASSERT_EQ(map.size(), 1u + 2u * 31u);  // header + 31 provinces per scenario
  EXPECT_THAT(map[0], HasSubstr("iso_code,adcode,name_zh,name_en"));
  const auto doc = nlohmann::json::parse(slurp(dir / "results.json"));
  ASSERT_EQ(doc["regions"].size(), 2u);
  EXPECT_EQ(doc["regions"][0]["regions"].size(), 31u + 5u + 1u);
  std::filesystem::remove_all(dir);
}

TEST(RoadmapCli, RegionsByZoneAndAsJson) {
  const CliRun table = run("roadmap -s cns --regions zone");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("hot_summer_cold_winter"));
  EXPECT_THAT(table.out, ::testing::Not(HasSubstr("CN-HE")));
  const CliRun json = run("--format json roadmap -s cns --regions zone");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  const auto& zones = doc["regions"][0]["regions"];
  ASSERT_EQ(zones.size(), 5u);
  EXPECT_EQ(zones[0]["code"], "severe_cold");
  EXPECT_EQ(zones[0]["name_zh"], "严寒");
  const CliRun bad = run("roadmap --regions county");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--regions"));
}

TEST(RoadmapCli, BadProvinceTableInADataFolderIsAnInputError) {
  const auto dir = std::filesystem::path(scratch() + "heatlift_regions_data");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "regions");
  std::ofstream(dir / "regions" / "grids.csv")
      << "grid_region,factor_2022_kgCO2_per_kWh,factor_2023_kgCO2_per_kWh\n"
         "national,0.5366,0.5306\nnorth,0.6776,0.6361\n";
  const CliRun r = run("--data " + dir.string() + " roadmap -s cns --regions province");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("regions/provinces.csv"));
  EXPECT_THAT(r.err, HasSubstr("grid_region = \"northeast\""));
  std::filesystem::remove_all(dir);
}

}  // namespace
