// End-to-end: the heatlift binary as a user runs it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

CliRun run(const std::string& args, const std::string& env = "") {
  const std::string err_file = ::testing::TempDir() + "heatlift_cli_stderr.txt";
  const std::string cmd = env + " " + HEATLIFT_EXE + " " + args + " 2>" + err_file;
  FILE* pipe = popen(cmd.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = pclose(pipe);
  std::ifstream in(err_file);
  std::stringstream err;
  err << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err.str()};
}

using ::testing::HasSubstr;

TEST(Cli, Version) {
  const CliRun r = run("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("heatlift "));
}

TEST(Cli, HelpListsVerbs) {
  const CliRun r = run("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("data"));
  EXPECT_THAT(r.out, HasSubstr("--format"));
}

TEST(Cli, BadFlagExitsTwoWithOneLineMessage) {
  const CliRun r = run("--no-such-flag data list");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no-such-flag"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(Cli, BadFormatValueExitsTwo) {
  const CliRun r = run("--format xml data list");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("xml"));
}

TEST(Cli, NoVerbExitsTwo) {
  EXPECT_EQ(run("").exit_code, 2);
}

TEST(Cli, JsonDataListIsOneValidDocument) {
  const CliRun r = run("--format json data list");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);  // throws (fails the test) if not one document
  ASSERT_TRUE(doc.contains("files"));
  EXPECT_GT(doc["files"].size(), 0u);
  for (const auto& f : doc["files"]) {
    EXPECT_TRUE(f.contains("path"));
    EXPECT_TRUE(f.contains("source"));
  }
  // the global option also works after the verb
  const CliRun after = run("data list --format json");
  EXPECT_EQ(after.exit_code, 0);
  EXPECT_TRUE(nlohmann::json::accept(after.out));
}

TEST(Cli, CsvDataListHasHeader) {
  const CliRun r = run("--format csv data list");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "path,origin,size_kB,source");
}

TEST(Cli, MissingDataFileIsUserErrorWithJsonErrorDocument) {
  const CliRun r = run("--format json data show nowhere/none.csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("nowhere/none.csv"));
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["error"]["code"], "data_missing");
}

TEST(Cli, DataFolderFromOptionAndEnvironment) {
  EXPECT_EQ(run("--data /nonexistent/heatlift data list").exit_code, 2);
  EXPECT_EQ(run("data list", "HEATLIFT_DATA=/nonexistent/heatlift").exit_code, 2);
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / "heatlift_user_data";
  std::filesystem::create_directories(dir / "refrigerants");
  std::ofstream(dir / "refrigerants" / "mine.csv") << "# source: my lab\n";
  const CliRun r = run("--data " + dir.string() + " data list refrigerants/");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("my lab"));
  EXPECT_THAT(r.out, HasSubstr("gwp.csv"));  // built-in files stay visible behind the user's
  std::filesystem::remove_all(dir);
}

TEST(Cli, WorksFromAnyFolder) {
  const CliRun r = run("data show refrigerants/gwp.csv", "cd / &&");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("R32"));
}

}  // namespace
