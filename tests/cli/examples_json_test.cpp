// End-to-end: every shipped example, run with --format json, prints one valid JSON
// document in which no number is NaN or infinite. nlohmann would write a non-finite double
// as `null`; heatlift refuses to print one (cli::json_text, exit 1), so a run that holds
// one fails here by its exit code; a `null` that is printed is an explicit "does not
// apply" (the quality of a superheated state). fmt writes them as "nan"/"inf" inside
// strings (tables of text), so strings are searched too.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/run_heatlift.hpp"

namespace {

namespace fs = std::filesystem;

// Paths of every non-finite number and every string that reads as one.
void find_non_finite(const nlohmann::json& j, const std::string& path,
                     std::vector<std::string>& found) {
  static const std::regex kNonFinite(R"((^|[^A-Za-z])[-+]?(nan|inf|infinity)([^A-Za-z]|$))",
                                     std::regex::icase);
  if (j.is_number_float() && !std::isfinite(j.get<double>())) {
    found.push_back(path + " = " + j.dump());
  } else if (j.is_string() && std::regex_search(j.get<std::string>(), kNonFinite)) {
    found.push_back(path + " = " + j.dump());
  } else if (j.is_object()) {
    for (const auto& [k, v] : j.items()) find_non_finite(v, path + "." + k, found);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      find_non_finite(j[i], path + "[" + std::to_string(i) + "]", found);
  }
}

std::vector<std::string> example_commands() {
  const std::string ex = HEATLIFT_SOURCE_DIR "/examples";
  std::vector<std::string> cmds;
  auto each = [&](const std::string& folder, const std::string& ext, const std::string& verb) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(ex + "/" + folder))
      if (e.path().extension() == ext) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) cmds.push_back(verb + " " + f.string());
  };
  each("cycles", ".toml", "cycle run");
  each("rating", ".toml", "rate");
  each("rating", ".csv", "rate");
  each("sites", ".toml", "site run");
  each("datasheets", ".csv", "product fit");
  for (const std::string s : {"cns", "ngs", "action-plan"}) cmds.push_back("roadmap -s " + s);
  cmds.push_back("roadmap -s cns -s ngs --check --engine top-down");
  cmds.push_back("roadmap -s cns --samples 50 --seed 1");
  for (const std::string p : {"co2-hpwh-4.5kw", "dryer-r134a-25kw", "evi-r32-10kw",
                              "gshp-brine-12kw", "hpwh-r134a-household", "ht-r1233zd-1mw",
                              "mvr-steam-2mw", "r290-monobloc-8kw", "water-source-300kw"}) {
    cmds.push_back("product show " + p);
  }
  for (const std::string c : {"Harbin", "Guangzhou", "Lhasa"}) cmds.push_back("climate show " + c);
  cmds.push_back("fluid list");
  cmds.push_back("fluid state R744 --T \"31 C\" --p \"7.4 MPa\"");
  return cmds;
}

TEST(ExamplesJson, NoNaNOrInfinityAnywhere) {
  const auto cmds = example_commands();
  ASSERT_GT(cmds.size(), 30u);
  for (const auto& cmd : cmds) {
    SCOPED_TRACE(cmd);
    const auto r = heatlift::testing::run_heatlift("--format json " + cmd);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    nlohmann::json doc;
    ASSERT_NO_THROW(doc = nlohmann::json::parse(r.out)) << r.out.substr(0, 400);
    std::vector<std::string> found;
    find_non_finite(doc, "$", found);
    EXPECT_TRUE(found.empty()) << found.size() << " non-finite values, first: " << found.front();
  }
}

}  // namespace
