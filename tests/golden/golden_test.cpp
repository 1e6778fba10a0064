// Golden runs: every shipped example and scenario (tests/golden/runs.txt) is run with
// --format json and compared with its committed output in tests/golden/expected/,
// numbers within the tolerance of tests/golden/README.md, everything else exactly, the
// fields of tests/golden/ignored.txt skipped. A deliberate change is `scripts/golden
// --update` plus a "Results changes" line in CHANGELOG.md saying why.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "golden/json_compare.hpp"
#include "support/run_heatlift.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::golden::PathPattern;

const fs::path kSource = HEATLIFT_SOURCE_DIR;
const fs::path kGolden = kSource / "tests" / "golden";

// The tolerance for every number of every run (tests/golden/README.md says why).
constexpr heatlift::golden::Tolerance kTolerance{1e-9, 1e-12};

struct GoldenCase {
  std::string name;   // expected/<name>.json
  std::string args;   // heatlift's arguments after --format json
  int exit_code = 0;  // what the run must exit with ("exit=N" in runs.txt)
};

// gtest prints a parameter in the test's listing; the name says which run it is.
void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.name;
}

// The whitespace-separated tokens of a line; "..." keeps spaces; `#` starts a comment.
std::vector<std::string> tokens(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '#' && cur.empty()) break;
    if (!quoted && (c == ' ' || c == '\t' || c == '\r')) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::vector<std::vector<std::string>> lines_of(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::vector<std::string>> out;
  for (std::string line; std::getline(in, line);) {
    auto t = tokens(line);
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

std::vector<GoldenCase> read_runs() {
  std::vector<GoldenCase> runs;
  for (const auto& t : lines_of(kGolden / "runs.txt")) {
    GoldenCase r{t[0], ""};
    std::size_t first = 1;
    // "exit=N" before the arguments: the run is expected to end with that exit code (a
    // --check that names the figures the model misses), its JSON still compared.
    if (t.size() > 1 && t[1].rfind("exit=", 0) == 0) {
      r.exit_code = std::stoi(t[1].substr(5));
      first = 2;
    }
    for (std::size_t i = first; i < t.size(); ++i) {
      if (i > first) r.args += ' ';
      r.args += t[i];
    }
    runs.push_back(std::move(r));
  }
  return runs;
}

std::vector<PathPattern> read_ignored() {
  std::vector<PathPattern> out;
  for (const auto& t : lines_of(kGolden / "ignored.txt")) out.emplace_back(t[0]);
  return out;
}

std::string test_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string s = info.param.name;
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

class GoldenRun : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenRun, MatchesExpectedOutput) {
  const GoldenCase& run = GetParam();
  const fs::path expected_file = kGolden / "expected" / (run.name + ".json");
  const std::string update_hint = "If the change is deliberate: scripts/golden --update " +
                                  run.name +
                                  " and a line under \"Results changes\" in CHANGELOG.md "
                                  "saying why (tests/golden/README.md).";
  ASSERT_TRUE(fs::exists(expected_file)) << expected_file << " does not exist; " << update_hint;
  const auto expected = heatlift::golden::read_json_file(expected_file);
  const auto ignored = read_ignored();

  const auto r = heatlift::testing::run_heatlift(
      "--format json " + run.args,
      "cd '" + kSource.string() + "' && env -u HEATLIFT_DATA -u HEATLIFT_LANG");
  ASSERT_EQ(r.exit_code, run.exit_code) << "heatlift --format json " << run.args << "\n" << r.err;
  nlohmann::json actual;
  ASSERT_NO_THROW(actual = nlohmann::json::parse(r.out)) << r.out.substr(0, 400);

  const auto c = heatlift::golden::compare(expected, actual, kTolerance, ignored);
  EXPECT_TRUE(c.equal()) << "heatlift --format json " << run.args << " against "
                         << fs::relative(expected_file, kSource).string() << ": "
                         << heatlift::golden::report(c, 10) << update_hint;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenRun, ::testing::ValuesIn(read_runs()), test_name);
// An unreadable runs.txt fails GoldenRuns.ManifestCoversEveryExample instead.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenRun);

TEST(GoldenRuns, ManifestCoversEveryExample) {
  const auto runs = read_runs();
  ASSERT_FALSE(runs.empty()) << kGolden / "runs.txt"
                             << " has no runs or cannot be read";
  std::set<std::string> args;
  std::set<std::string> names;
  for (const GoldenCase& r : runs) {
    args.insert(r.args);
    EXPECT_TRUE(names.insert(r.name).second) << "run name used twice: " << r.name;
    EXPECT_FALSE(r.name.empty() || r.args.empty()) << r.name;
    EXPECT_EQ(r.args.find("--samples"), std::string::npos)
        << r.name << ": golden runs draw no Monte Carlo samples";
  }
  const auto require = [&](const std::string& folder, const std::string& ext,
                           const std::string& verb) {
    for (const auto& e : fs::directory_iterator(kSource / "examples" / folder)) {
      if (e.path().extension() != ext) continue;
      const std::string cmd = verb + " examples/" + folder + "/" + e.path().filename().string();
      EXPECT_TRUE(args.count(cmd)) << "no golden run `" << cmd << "` in tests/golden/runs.txt";
    }
  };
  require("cycles", ".toml", "cycle run");
  require("rating", ".toml", "rate");
  require("rating", ".csv", "rate");
  require("sites", ".toml", "site run");
  for (const std::string cmd : {"roadmap -s cns", "roadmap -s ngs", "roadmap -s action-plan",
                                "roadmap -s cns -s ngs --check"}) {
    EXPECT_TRUE(args.count(cmd)) << "no golden run `" << cmd << "` in tests/golden/runs.txt";
  }
}

TEST(GoldenRuns, EveryExpectedFileBelongsToARun) {
  std::set<std::string> names;
  for (const GoldenCase& r : read_runs()) names.insert(r.name);
  for (const auto& e : fs::recursive_directory_iterator(kGolden / "expected")) {
    if (!e.is_regular_file()) continue;
    std::string name = fs::relative(e.path(), kGolden / "expected").generic_string();
    EXPECT_EQ(e.path().extension(), ".json") << e.path();
    name = name.substr(0, name.size() - e.path().extension().string().size());
    EXPECT_TRUE(names.count(name))
        << e.path() << " is not the output of any run in tests/golden/runs.txt";
  }
}

TEST(GoldenRuns, IgnoredFieldsParse) {
  EXPECT_NO_THROW(read_ignored());
}

}  // namespace
