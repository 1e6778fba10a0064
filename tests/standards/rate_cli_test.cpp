// End to end: `heatlift rate` on every shipped example (examples/rating/), the batch CSV
// (every row rated or refused with its reason; --strict), bad input (exit 2, one line
// naming the field), the 2030 target line (its reading; never "met" below the minimum), and
// the energy label: written, well-formed, in Chinese and English from the catalogue, marked
// as heatlift's rating in both, and rendered by headless Chromium.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/run_heatlift.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::testing::run_heatlift;
using heatlift::testing::scratch;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kExamples = HEATLIFT_EXAMPLES;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json rate_json(const std::string& args) {
  const auto r = run_heatlift("rate " + args + " --format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(RateCli, EveryExampleRatesWithItsClauseAndConfidence) {
  struct Expect {
    std::string file, standard, metric;
    double value;
    int grade;  // 0: no grade
  };
  const std::vector<Expect> cases{
      {"low-ambient-ashp-gb19577.toml", "GB 19577-2024", "HSPF", 3.45, 2},
      {"chiller-gb19577.toml", "GB 19577-2024", "IPLV", 7.4888, 2},
      {"water-heater-gb29541.toml", "GB 29541-2013", "COP", 4.30, 3},
      {"room-ac-gb21455.toml", "GB 21455-2019", "APF", 4.60, 2},
      {"vrf-gb21454.toml", "GB 21454-2021", "APF", 5.40, 2},
      {"en14825-annex-h.toml", "EN 14825:2018", "SCOP", 3.624, 0},  // fixed capacity
  };
  for (const auto& c : cases) {
    const auto doc = rate_json(kExamples + "/" + c.file);
    ASSERT_EQ(doc["ratings"].size(), 1u) << c.file;
    const auto& r = doc["ratings"][0];
    EXPECT_EQ(r["standard_name"], c.standard) << c.file;
    EXPECT_EQ(r["metric"]["name"], c.metric) << c.file;
    EXPECT_NEAR(r["metric"]["value"].get<double>(), c.value, 0.005) << c.file;
    EXPECT_FALSE(r["metric"]["clause"].get<std::string>().empty()) << c.file;
    if (c.grade) {
      EXPECT_EQ(r["grade"]["grade"], c.grade) << c.file;
      EXPECT_FALSE(r["grade"]["clause"].get<std::string>().empty());
      EXPECT_FALSE(r["grade"]["confidence"].get<std::string>().empty());
    } else {
      EXPECT_TRUE(r["grade"].is_null()) << c.file;
      EXPECT_NEAR(r["en14825"]["hhe_bins_h"].get<double>(), 2065.6, 0.05);
    }
    EXPECT_FALSE(r["refrigerant"]["gwp_source"].get<std::string>().empty());
  }
}

TEST(RateCli, TargetLineAgainstTheActionPlan) {
  const auto r = rate_json(kExamples + "/low-ambient-ashp-gb19577.toml")["ratings"][0];
  EXPECT_NEAR(r["target"]["improvement"].get<double>(), 3.45 / 2.8 - 1, 1e-9);
  EXPECT_EQ(r["target"]["target"], 0.2);
  EXPECT_EQ(r["target"]["met"], true);
  const auto table = run_heatlift("rate " + kExamples + "/low-ambient-ashp-gb19577.toml");
  EXPECT_THAT(table.out, HasSubstr("2030 target: minimum limit +20 % (reading: "));
  EXPECT_THAT(table.out, HasSubstr("HSPF 3.450 is +23.2 % against the limit (2.800)"));
  EXPECT_THAT(table.out, HasSubstr("needs >= 3.360: met\n"));
  EXPECT_EQ(r["target"]["basis"], "minimum limit +20 %");
  EXPECT_EQ(r["target"]["status"], "met");
}

std::string write_scratch(const std::string& name, const std::string& text) {
  const std::string path = scratch() + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The example's low-ambient heat pump with COPdh 1.95: HSPF 3.45 is +23 % over the limit,
// but COPdh misses the minimum for every grade (2.0), so the product is not compliant.
const std::string kBelowMinimum =
    "name = \"LA-12 low COPdh\"\nrefrigerant = \"R290\"\ncharge = \"1.2 kg\"\n[gb19577]\n"
    "category = \"low_ambient_ashp\"\nterminal = \"floor\"\nheating_capacity = \"12 kW\"\n"
    "HSPF = 3.45\nCOPh = 2.62\nCOPdh = 1.95\n";

TEST(RateCli, BelowTheMinimumIsNeverOnTargetNorGivenHeadroom) {
  const std::string file = write_scratch("below_minimum.toml", kBelowMinimum);
  const auto table = run_heatlift("rate " + file);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out,
              HasSubstr("fails the minimum (grade 3 limit, 能效限定值): COPdh 1.950 < 2.000 "
                        "(short by 0.050)"));
  EXPECT_THAT(table.out, Not(HasSubstr("+0.000")));
  EXPECT_THAT(table.out, Not(HasSubstr("to grade 3")));
  EXPECT_THAT(table.out, HasSubstr("2030 target: minimum limit +20 % (reading: "));
  EXPECT_THAT(table.out, HasSubstr("not met: the product fails the minimum: COPdh 1.950 < 2.000"));
  EXPECT_THAT(table.out, Not(HasSubstr(": met\n")));

  const auto r = rate_json(file)["ratings"][0];
  EXPECT_EQ(r["grade"]["pass"], false);
  EXPECT_TRUE(r["grade"]["next_grade"].is_null());
  EXPECT_TRUE(r["grade"]["to_next"].is_null());
  ASSERT_EQ(r["grade"]["below_minimum"].size(), 1u);
  EXPECT_EQ(r["grade"]["below_minimum"][0]["metric"], "COPdh");
  EXPECT_NEAR(r["grade"]["below_minimum"][0]["short_by"].get<double>(), 0.05, 1e-9);
  EXPECT_EQ(r["target"]["met"], false);
  EXPECT_EQ(r["target"]["status"], "fails minimum");

  const auto csv = run_heatlift("rate " + file + " --format csv");
  EXPECT_THAT(csv.out, HasSubstr(",fails minimum,"));
  EXPECT_THAT(csv.out, HasSubstr(",minimum limit +20 %,rated,below the minimum"));

  // Its label says so too, in both languages.
  const std::string zh = scratch() + "below_zh.svg";
  const std::string en = scratch() + "below_en.svg";
  ASSERT_EQ(run_heatlift("rate " + file + " --label " + zh).exit_code, 0);
  ASSERT_EQ(run_heatlift("rate " + file + " --lang en --label " + en).exit_code, 0);
  const std::string z = read(zh);
  EXPECT_THAT(z, HasSubstr("不满足能效限定值"));
  EXPECT_THAT(z, Not(HasSubstr("已达2030年目标")));
  const std::string e = read(en);
  EXPECT_THAT(e, HasSubstr("fails the minimum"));
  EXPECT_THAT(e, Not(HasSubstr("meets the 2030 target")));
  fs::remove(zh);
  fs::remove(en);
  fs::remove(file);
}

// Rows 2 and 6 are good; 3 has a bad number, 4 too few cells, 5 misses a minimum's metric.
const std::string kMixedCsv =
    "name,standard,category,terminal,heating_capacity_kW,HSPF,COPh,COPdh,refrigerant,charge_kg\n"
    "Good-1,gb19577,low_ambient_ashp,floor,12,3.45,2.6,2.2,R32,1\n"
    "Bad-number,gb19577,low_ambient_ashp,floor,12,3.4x,2.6,2.2,R32,1\n"
    "Short,gb19577,low_ambient_ashp,floor,12,3.4\n"
    "No-COPdh,gb19577,low_ambient_ashp,floor,12,3.4,2.6,,R32,1\n"
    "Good-2,gb19577,low_ambient_ashp,floor,12,3.7,2.6,2.2,R32,1\n";

std::vector<std::string> lines_of(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(RateCli, BatchRatesEveryRowAndGivesEachItsStatus) {
  const std::string file = write_scratch("mixed.csv", kMixedCsv);
  const auto csv = run_heatlift("rate " + file + " --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto lines = lines_of(csv.out);
  ASSERT_EQ(lines.size(), 1u + 5u) << csv.out;
  EXPECT_THAT(lines[0], HasSubstr("product,origin,standard"));
  EXPECT_THAT(lines[0], HasSubstr(",target_reading,status,reason,warnings"));
  EXPECT_THAT(lines[1], HasSubstr("Good-1,"));
  EXPECT_THAT(lines[1], HasSubstr(",rated,"));
  EXPECT_THAT(lines[2], HasSubstr("Bad-number,"));
  EXPECT_THAT(lines[2], HasSubstr("mixed.csv:3,GB 19577-2024,"));
  EXPECT_THAT(lines[2], HasSubstr(",refused,HSPF = '3.4x': expected a number"));
  EXPECT_THAT(lines[3], HasSubstr(",refused,\"6 cells, the header has 10 columns\""));
  EXPECT_THAT(lines[4], HasSubstr(",refused,gb19577.COPdh: missing;"));
  EXPECT_THAT(lines[5], HasSubstr("Good-2,"));
  EXPECT_THAT(lines[5], HasSubstr(",rated,"));
  EXPECT_THAT(csv.err, HasSubstr("3 of 5 rows refused"));

  const auto table = run_heatlift("rate " + file);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("5 rows: 2 rated, 3 refused, 0 skipped, 0 flagged"));
  EXPECT_THAT(table.out, HasSubstr("HSPF = '3.4x': expected a number"));

  const auto json = run_heatlift("rate " + file + " --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  ASSERT_EQ(doc["ratings"].size(), 5u);
  EXPECT_EQ(doc["ratings"][0]["status"], "rated");
  EXPECT_EQ(doc["ratings"][0]["grade"]["grade"], 2);
  EXPECT_EQ(doc["ratings"][1]["status"], "refused");
  EXPECT_EQ(doc["ratings"][1]["origin"], file + ":3");
  EXPECT_EQ(doc["ratings"][1]["product"], "Bad-number");
  EXPECT_EQ(doc["ratings"][1]["reason"], "HSPF = '3.4x': expected a number");
  EXPECT_EQ(doc["ratings"][1]["error_code"], "invalid_input");
  EXPECT_TRUE(doc["ratings"][1]["metric"].is_null());
  EXPECT_EQ(doc["ratings"][4]["grade"]["grade"], 1);
  EXPECT_EQ(doc["summary"]["rated"], 2);
  EXPECT_EQ(doc["summary"]["refused"], 3);
  EXPECT_FALSE(doc.contains("error"));
  fs::remove(file);
}

TEST(RateCli, StrictPrintsEveryRowThenExitsTwoNamingTheRefused) {
  const std::string file = write_scratch("strict.csv", kMixedCsv);
  const auto csv = run_heatlift("rate " + file + " --strict --format csv");
  EXPECT_EQ(csv.exit_code, 2);
  EXPECT_EQ(lines_of(csv.out).size(), 1u + 5u) << csv.out;
  EXPECT_THAT(csv.err, HasSubstr("3 of 5 rows refused: " + file + ":3 (Bad-number), " + file +
                                 ":4 (Short), " + file + ":5 (No-COPdh)"));
  // JSON: still one document on stdout, carrying every row and the error.
  const auto json = run_heatlift("rate " + file + " --strict --format json");
  EXPECT_EQ(json.exit_code, 2);
  const auto doc = nlohmann::json::parse(json.out);  // throws on a second document
  EXPECT_EQ(doc["ratings"].size(), 5u);
  EXPECT_EQ(doc["error"]["code"], "invalid_input");
  EXPECT_THAT(doc["error"]["message"].get<std::string>(), HasSubstr(file + ":4 (Short)"));
  EXPECT_THAT(json.err, HasSubstr("rows refused"));
  // Nothing refused: --strict changes nothing.
  const auto ok = run_heatlift("rate " + kExamples + "/products.csv --strict --format csv");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  fs::remove(file);
}

// EN 14825 rows: one whose capacity falls short of the load at Tbiv (rated with the back-up
// heater, a warning in its row), one with a point copied from another condition (rated,
// `flagged` with the reason), one as declared in Annex H (rated). Exit 0; --strict exits 2
// naming the flagged row.
const std::string kEn14825Csv =
    "name,standard,design_load_kW,t_biv_C,tol_C,p1_t_C,p1_capacity_kW,p1_cop,p2_t_C,"
    "p2_capacity_kW,p2_cop,p3_t_C,p3_capacity_kW,p3_cop,p4_t_C,p4_capacity_kW,p4_cop,p5_t_C,"
    "p5_capacity_kW,p5_cop,p6_t_C,p6_capacity_kW,p6_cop\n"
    "Short,en14825,16,-6,-10,-7,9.55,3.26,2,11.17,4.00,7,12.66,4.91,12,14.3,5.5,-10,7.8,2.6,-6,"
    "9.7,3.3\n"
    "Copied,en14825,11.46,-6,-10,-7,9.55,3.26,2,11.17,4.00,7,11.17,4.00,12,14.3,5.5,-10,7.8,"
    "2.6,-6,9.7,3.3\n"
    "AnnexH,en14825,11.46,-6,-10,-7,9.55,3.26,2,11.17,4.00,7,12.66,4.91,12,14.3,5.5,-10,7.8,"
    "2.6,-6,9.7,3.3\n";

TEST(RateCli, BackUpIsWarnedAndImplausibleRowsAreFlagged) {
  const std::string file = write_scratch("en14825.csv", kEn14825Csv);
  const auto csv = run_heatlift("rate " + file + " --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto lines = lines_of(csv.out);
  ASSERT_EQ(lines.size(), 1u + 3u) << csv.out;
  EXPECT_THAT(lines[1], HasSubstr(",rated,,"));
  EXPECT_THAT(lines[1], HasSubstr("back-up heater (COP 1) covers"));
  EXPECT_THAT(lines[2], HasSubstr(",flagged,"));
  EXPECT_THAT(lines[2], HasSubstr("copied from another condition"));
  EXPECT_THAT(lines[3], HasSubstr(",rated,,"));
  EXPECT_THAT(lines[3], Not(HasSubstr("back-up")));
  EXPECT_THAT(csv.err, HasSubstr("1 of 3 rows flagged as implausible: " + file + ":3 (Copied)"));

  const auto doc = rate_json(file);
  ASSERT_EQ(doc["ratings"].size(), 3u);
  EXPECT_EQ(doc["ratings"][0]["status"], "rated");
  ASSERT_EQ(doc["ratings"][0]["warnings"].size(), 1u);
  EXPECT_THAT(doc["ratings"][0]["warnings"][0].get<std::string>(), HasSubstr("t_biv"));
  EXPECT_EQ(doc["ratings"][1]["status"], "flagged");
  EXPECT_THAT(doc["ratings"][1]["reason"].get<std::string>(), HasSubstr("implausible: "));
  EXPECT_EQ(doc["ratings"][1]["flags"].size(), 1u);
  EXPECT_NEAR(doc["ratings"][2]["metric"]["value"].get<double>(), 3.602, 0.001);
  EXPECT_EQ(doc["summary"]["flagged"], 1);
  EXPECT_EQ(doc["summary"]["rated"], 2);

  const auto table = run_heatlift("rate " + file);
  EXPECT_THAT(table.out, HasSubstr("3 rows: 2 rated, 0 refused, 0 skipped, 1 flagged"));

  const auto strict = run_heatlift("rate " + file + " --strict --format csv");
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_EQ(lines_of(strict.out).size(), 1u + 3u);
  EXPECT_THAT(strict.err, HasSubstr("rate --strict: 1 of 3 rows flagged as implausible: " + file +
                                    ":3 (Copied)"));
  fs::remove(file);
}

TEST(RateCli, AMissingRequiredColumnStillEndsTheRun) {
  const std::string file = write_scratch("no_standard.csv", "name,category\nA,chiller\n");
  const auto r = run_heatlift("rate " + file);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("missing column 'standard'"));
  EXPECT_EQ(r.out, "");
  fs::remove(file);
}

TEST(RateCli, StandardOptionSkipsTheOtherRows) {
  const auto r =
      run_heatlift("rate " + kExamples + "/products.csv --standard gb21455 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 1u + 7u);
  int rated = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].find(",rated,") != std::string::npos) ++rated;
    if (lines[i].find(",skipped,") != std::string::npos) {
      EXPECT_THAT(lines[i], HasSubstr("--standard gb21455 rates only those"));
    }
  }
  EXPECT_EQ(rated, 1);
}

TEST(RateCli, BatchCsvGivesOneRowPerProduct) {
  const auto r = run_heatlift("rate " + kExamples + "/products.csv --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  ASSERT_EQ(lines.size(), 1u + 7u);  // header + 7 products
  EXPECT_THAT(lines[0], HasSubstr("product,origin,standard"));
  EXPECT_THAT(lines[7], HasSubstr("Annex H"));
  // From stdin too.
  const auto s = run_heatlift("rate - --format csv < " + kExamples + "/products.csv");
  EXPECT_EQ(s.exit_code, 0) << s.err;
  EXPECT_THAT(s.out, HasSubstr("Annex H,stdin:9,EN 14825:2018"));
}

TEST(RateCli, StandardOptionAndGwpBasis) {
  const auto doc = rate_json(kExamples + "/vrf-gb21454.toml --standard gb21454 --gwp ar5");
  EXPECT_EQ(doc["ratings"][0]["refrigerant"]["gwp"], 1924);
  EXPECT_EQ(doc["ratings"][0]["refrigerant"]["gwp_basis"], "AR5");
  const auto r = run_heatlift("rate " + kExamples + "/vrf-gb21454.toml --standard gb29541");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("declares nothing for --standard gb29541"));
}

TEST(RateCli, BadInputExitsTwoNamingTheField) {
  const std::string bad = scratch() + "bad.toml";
  std::ofstream(bad) << "name = \"x\"\n[gb19577]\ncategory = \"low_ambient_ashp\"\n"
                        "terminal = \"floor\"\nheating_capacity = \"12 kW\"\nHSPF = 3.4\n"
                        "COPh = -1\nCOPdh = 2.1\n";
  auto r = run_heatlift("rate " + bad);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad.toml:7:8: gb19577.COPh"));
  r = run_heatlift("rate " + bad + " --format json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(nlohmann::json::parse(r.out)["error"]["code"], "invalid_input");
  r = run_heatlift("rate " + kExamples + "/vrf-gb21454.toml --gwp sar");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--gwp"));
  r = run_heatlift("rate /nonexistent/p.toml");
  EXPECT_EQ(r.exit_code, 2);
  fs::remove(bad);
}

TEST(RateCli, LabelInChineseAndEnglish) {
  const std::string zh = scratch() + "label_zh.svg";
  const std::string en = scratch() + "label_en.svg";
  auto r = run_heatlift("rate " + kExamples + "/low-ambient-ashp-gb19577.toml --label " + zh);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_heatlift("rate " + kExamples +
                   "/low-ambient-ashp-gb19577.toml --lang en --gwp ar6 --label " + en);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::system(("xmllint --noout " + zh + " " + en).c_str()), 0);
  const std::string z = read(zh);
  EXPECT_THAT(z, HasSubstr("中国能效标识"));
  EXPECT_THAT(z, HasSubstr(">2级</text>"));
  EXPECT_THAT(z, HasSubstr("HSPF 3.45"));
  EXPECT_THAT(z, HasSubstr("制冷剂 R290"));
  EXPECT_THAT(z, HasSubstr("GWP100（AR4） 3"));
  EXPECT_THAT(z, HasSubstr("充注量CO2当量 3.6 kg CO2e"));
  EXPECT_THAT(z, HasSubstr("GWP来源：IPCC AR4"));
  const std::string e = read(en);
  EXPECT_THAT(e, HasSubstr(">Grade 2</text>"));
  // IPCC AR6 WG1 Table 7.SM.7: propane GWP100 0.02, so the charge has a CO2e on AR6 too.
  EXPECT_THAT(e, HasSubstr("GWP100 (AR6) 0.02"));
  // Both carry the marker that this is heatlift's rating, not the official label.
  EXPECT_THAT(z, HasSubstr("id=\"marker\""));
  EXPECT_THAT(z, HasSubstr(">heatlift 评级，非官方能效标识</text>"));
  EXPECT_THAT(e, HasSubstr(">heatlift rating, not the official label</text>"));
  fs::remove(zh);
  fs::remove(en);
}

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    const std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return name;
  }
  return "";
}

// The label drawn by a browser: Chromium screenshots it (as the docs show it); a blank or
// failed render gives no or a tiny PNG.
TEST(RateCli, LabelRendersInHeadlessChromium) {
  const std::string browser = chromium();
  ASSERT_FALSE(browser.empty()) << "chromium not found; run scripts/bootstrap (apt chromium)";
  const fs::path dir = scratch() + "label_browser";
  fs::create_directories(dir);
  const fs::path svg = dir / "label.svg";
  const fs::path png = dir / "label.png";
  const auto r = run_heatlift("rate " + kExamples + "/vrf-gb21454.toml --label " + svg.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string cmd = browser +
                          " --headless --no-sandbox --disable-gpu --no-first-run "
                          "--disable-background-networking --disable-component-update "
                          "--hide-scrollbars --user-data-dir=" +
                          (dir / "profile").string() +
                          " --window-size=420,700 --screenshot=" + png.string() + " file://" +
                          svg.string() + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  ASSERT_TRUE(fs::exists(png));
  EXPECT_GT(fs::file_size(png), 20000u);  // text, bars and colours, not a blank page
  const std::string head = read(png).substr(0, 8);
  EXPECT_EQ(head, std::string("\x89PNG\r\n\x1a\n", 8));
  fs::remove_all(dir);
}

}  // namespace
