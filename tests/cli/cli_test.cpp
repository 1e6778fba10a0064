// End-to-end: the heatlift binary as a user runs it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
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
  const std::filesystem::path dir = std::filesystem::path(scratch() + "user_data");
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

// ---- heatlift fluid ---------------------------------------------------------------------

namespace {

CliRun run_with_input(const std::string& args, const std::string& input) {
  const std::string in_file = scratch() + "stdin.csv";
  std::ofstream(in_file) << input;
  return run(args + " < " + in_file);
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string line; std::getline(ss, line);) out.push_back(line);
  return out;
}

TEST(CliFluid, ListShowsEveryFluidAsJson) {
  const CliRun r = run("--format json fluid list");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::vector<std::string> ids;
  for (const auto& f : doc["fluids"]) ids.push_back(f["id"]);
  for (const char* id :
       {"R32", "R410A", "R407C", "R22", "R134a", "R290", "R600a", "R744", "R717", "R1234yf",
        "R1234ze(E)", "R1233zd(E)", "R245fa", "R152a", "R1336mzz(Z)", "R718"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
}

TEST(CliFluid, InfoAcceptsCommonNames) {
  for (const char* name : {"R744", "CO2", "CarbonDioxide", "co2"}) {
    const CliRun r = run(std::string("--format json fluid info ") + name);
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["id"], "R744");
    // Span & Wagner (1996): Tc = 304.1282 K, pc = 7.3773 MPa
    EXPECT_NEAR(doc["critical"]["T_K"].get<double>(), 304.1282, 1e-4);
    EXPECT_NEAR(doc["critical"]["p_Pa"].get<double>(), 7.3773e6, 100.0);
    EXPECT_THAT(doc["source"].get<std::string>(), HasSubstr("Span"));
  }
  const CliRun bad = run("fluid info R9999");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("R9999"));
  EXPECT_THAT(bad.err, HasSubstr("R744"));  // lists the known fluids
}

TEST(CliFluid, StateFromTemperatureAndQuality) {
  const CliRun r = run("--format json fluid state R32 --T \"0 C\" --Q 1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  // Saturated R32 vapour at 0 °C: p = 813.1 kPa (Tillner-Roth & Yokozeki 1997 equation).
  EXPECT_NEAR(doc["state"]["p"].get<double>(), 813.1e3, 0.2e3);
  EXPECT_EQ(doc["state"]["Q"].get<double>(), 1.0);
  EXPECT_EQ(doc["units"]["h"], "J/kg");
  const CliRun table = run("fluid state R32 --T \"0 C\" --Q 1");
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_THAT(table.out, HasSubstr("kPa"));
  EXPECT_THAT(table.out, HasSubstr("kJ/kg"));
}

TEST(CliFluid, StateRejectsAmbiguousOrMissingInput) {
  EXPECT_EQ(run("fluid state R32 --T 0 --Q 1").exit_code, 2);  // no unit
  EXPECT_EQ(run("fluid state R32 --T \"0 C\"").exit_code, 2);  // one property only
  const CliRun r = run("fluid state R32 --T \"-250 C\" --p \"1 bar\"");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("R32"));
  EXPECT_THAT(r.err, HasSubstr("triple"));
}

TEST(CliFluid, EvalReadsCsvWithOrWithoutHeaderAndKeepsGoingOnBadLines) {
  const CliRun r = run_with_input("fluid eval R744 --given T,p --want rho,h,phase",
                                  "T,p\n300,1e5\n250,3e6\nnot,a number\n2500,1e5\n350,10e6\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 6u) << r.out;
  EXPECT_EQ(lines[0], "rho_kg_m3,h_J_kg,phase");
  EXPECT_THAT(lines[1], HasSubstr(",gas"));
  EXPECT_THAT(lines[2], HasSubstr(",liquid"));
  EXPECT_EQ(lines[3], ",,");  // malformed line: empty row
  EXPECT_EQ(lines[4], ",,");  // 2500 K is above the equation's T_max = 2000 K
  EXPECT_THAT(lines[5], HasSubstr(",supercritical"));
  EXPECT_THAT(r.err, HasSubstr("line 4"));
  EXPECT_THAT(r.err, HasSubstr("line 5"));
  EXPECT_THAT(r.err, HasSubstr("2000"));
}

TEST(CliFluid, EvalBackendsAgree) {
  std::string input;
  for (int i = 0; i < 50; ++i) input += fmt::format("{},{}\n", 1e6 + 1e5 * i, 420e3 + 1e3 * i);
  const CliRun exact = run_with_input("fluid eval R32 --given p,h --want T,rho", input);
  const CliRun fast =
      run_with_input("fluid eval R32 --given p,h --want T,rho --backend fast", input);
  ASSERT_EQ(exact.exit_code, 0) << exact.err;
  ASSERT_EQ(fast.exit_code, 0) << fast.err;
  const auto a = lines_of(exact.out), b = lines_of(fast.out);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 1; i < a.size(); ++i) {
    const double Ta = std::stod(a[i]), Tb = std::stod(b[i]);
    EXPECT_NEAR(Tb / Ta, 1.0, 1e-5) << a[i] << " vs " << b[i];
  }
}

}  // namespace
