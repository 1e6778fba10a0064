// End-to-end: hostile and everyday input as a new user meets it — invalid UTF-8, files
// saved by Excel (BOM, GBK), paths that are not files, failed runs — and outputs that are
// all or nothing. Each case once crashed, hung or left broken files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/files.hpp"
#include "support/run_heatlift.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::testing::CliRun;
using ::testing::HasSubstr;
using ::testing::Not;

CliRun run(const std::string& args, const std::string& env = "") {
  // `timeout` turns a hang into a failure (exit 124) instead of a stuck test suite.
  return heatlift::testing::run_heatlift(args, env + " timeout 60");
}

using heatlift::testing::fresh_dir;
const auto& slurp = heatlift::testing::read_file;
const auto& spit = heatlift::testing::write_file;

const std::string kExamples = HEATLIFT_SOURCE_DIR "/examples";

// ---- invalid UTF-8 never aborts ---------------------------------------------------------

TEST(HostileInput, InvalidUtf8InAnArgumentGivesAJsonErrorNotAnAbort) {
  const CliRun r = run("--format json fluid info \"$(printf 'R3\\377\\3762')\"");
  EXPECT_EQ(r.exit_code, 2) << r.err;  // was SIGABRT (-1 here)
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_THAT(doc["error"]["message"].get<std::string>(), HasSubstr("\\xFF\\xFE"));
  EXPECT_THAT(r.err, HasSubstr("\\xFF\\xFE"));
}

TEST(HostileInput, InvalidUtf8InAWeatherFileIsRefusedWithLineAndColumn) {
  const fs::path d = fresh_dir("bad_epw");
  std::string epw = slurp(HEATLIFT_SOURCE_DIR "/tests/climate/data/cswd_harbin_head_tail.epw");
  ASSERT_FALSE(epw.empty());
  epw.replace(epw.find("Harbin"), 6, "Har\xFF\xFEn");
  spit(d / "w.epw", epw);
  const CliRun r = run("--format json climate show --epw " + (d / "w.epw").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_THAT(doc["error"]["message"].get<std::string>(),
              HasSubstr((d / "w.epw").string() + ":1:"));
  EXPECT_THAT(r.err, HasSubstr("\\xFF\\xFE"));
}

TEST(HostileInput, InvalidUtf8InADataOverlayIsRefusedCleanly) {
  const fs::path d = fresh_dir("bad_overlay");
  spit(d / "refrigerants" / "gwp.csv", "# source: mine\nfluid,ar4\nR32\xFF,675\n");
  const CliRun r = run("--format json --data " + d.string() + " data show refrigerants/gwp.csv");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["error"]["code"], "invalid_input");
  EXPECT_THAT(r.err, HasSubstr("gwp.csv:3:4"));
}

// ---- files saved by Excel ------------------------------------------------------------------

// The ratings of a products file, without the rows' origins (they name the file).
nlohmann::json rate_json(const fs::path& csv, CliRun* out = nullptr) {
  const CliRun r = run("--format json rate " + csv.string());
  if (out) *out = r;
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (r.exit_code != 0) return nlohmann::json();
  auto doc = nlohmann::json::parse(r.out);
  for (auto& row : doc["ratings"]) row.erase("origin");
  return doc;
}

TEST(HostileInput, ProductsCsvWithAByteOrderMarkReadsLikeWithout) {
  const std::string plain = slurp(kExamples + "/rating/products.csv");
  const fs::path d = fresh_dir("bom");
  spit(d / "products.csv", "\xEF\xBB\xBF" + plain);  // Excel's "CSV UTF-8 (Comma delimited)"
  EXPECT_EQ(rate_json(d / "products.csv"), rate_json(kExamples + "/rating/products.csv"));
}

TEST(HostileInput, ProductsCsvInGbkFromChineseExcelReadsLikeUtf8) {
  const fs::path d = fresh_dir("gbk");
  const std::string cmd = "iconv -f UTF-8 -t GBK " + kExamples + "/rating/products.csv > " +
                          (d / "products.csv").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  ASSERT_NE(slurp(d / "products.csv"), slurp(kExamples + "/rating/products.csv"));
  CliRun r;
  const auto gbk = rate_json(d / "products.csv", &r);
  EXPECT_EQ(gbk, rate_json(kExamples + "/rating/products.csv"));  // 示例热泵 read right
  EXPECT_THAT(r.err, HasSubstr("GB 18030"));                      // and the user is told
  const CliRun table = run("rate " + (d / "products.csv").string());
  EXPECT_THAT(table.out, HasSubstr("LA-12"));
}

// ---- paths that are not files -------------------------------------------------------------

TEST(HostileInput, DevZeroAsWeatherIsRefusedNotReadForever) {
  const CliRun r = run("climate show --epw /dev/zero");
  EXPECT_EQ(r.exit_code, 2) << r.err;  // 124 would be the timeout
  EXPECT_THAT(r.err, HasSubstr("'/dev/zero' is a character device; expected a regular file"));
}

TEST(HostileInput, NamedPipeAsWeatherOfASiteIsRefusedNotWaitedOn) {
  const fs::path d = fresh_dir("fifo");
  ASSERT_EQ(::mkfifo((d / "weather.epw").c_str(), 0600), 0);
  spit(d / "site.toml",
       "[site]\nname = \"pipe\"\nepw = \"weather.epw\"\n"
       "[demand.building]\narchetype = \"urban_residential\"\nera = \"2010_2018\"\n"
       "floor_area = \"100 m2\"\nemitter = \"floor_heating\"\n"
       "[heat_pump]\nproduct = \"evi-r32-10kw\"\n");
  const CliRun r = run("site run " + (d / "site.toml").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("is a named pipe"));
  const CliRun c = run("climate show --epw " + (d / "weather.epw").string());
  EXPECT_EQ(c.exit_code, 2) << c.err;
}

TEST(HostileInput, AFolderAsAProductsFileIsRefused) {
  const CliRun r = run("rate " + kExamples + "/rating/");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("internal")));
}

// ---- a failed run leaves the folder as it was ---------------------------------------------

TEST(AtomicOutputs, FailedSiteRunLeavesTheFolderAsItWas) {
  const fs::path out = fresh_dir("site_out");
  spit(out / "hourly.csv", "the previous good run\n");
  // The report's text catalogue is broken, so the run fails after the simulation, where
  // it used to have written hourly.csv, summary.json and an empty report.html already.
  const fs::path data = fresh_dir("site_data");
  spit(data / "i18n" / "messages.toml", "[zh]\nbad = \"\xFF\"\n");
  const CliRun r = run("--data " + data.string() + " site run " + kExamples +
                       "/sites/harbin-low-ambient.toml --out " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(slurp(out / "hourly.csv"), "the previous good run\n");
  EXPECT_FALSE(fs::exists(out / "summary.json"));
  EXPECT_FALSE(fs::exists(out / "report.html"));
  EXPECT_EQ(std::distance(fs::directory_iterator(out), {}), 1);
}

TEST(AtomicOutputs, FailedRunDoesNotLeaveAFolderItCreated) {
  const fs::path base = fresh_dir("site_new");
  const fs::path data = fresh_dir("site_data2");
  spit(data / "i18n" / "messages.toml", "[zh]\nbad = \"\xFF\"\n");
  const CliRun r = run("--data " + data.string() + " site run " + kExamples +
                       "/sites/harbin-low-ambient.toml --out " + (base / "a" / "b").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(fs::exists(base / "a"));
}

TEST(AtomicOutputs, SuccessfulSiteRunWritesEveryFileAndNoTemporaries) {
  const fs::path out = fresh_dir("site_ok");
  const CliRun r =
      run("site run " + kExamples + "/sites/harbin-low-ambient.toml --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(fs::file_size(out / "hourly.csv"), 8760u * 10);
  EXPECT_NO_THROW(nlohmann::json::parse(slurp(out / "summary.json")));
  EXPECT_THAT(slurp(out / "report.html"), HasSubstr("</html>"));
  EXPECT_EQ(std::distance(fs::directory_iterator(out), {}), 3);
}

}  // namespace
