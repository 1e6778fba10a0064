// End-to-end: `heatlift roadmap --out DIR` writes report.html and headless Chromium renders
// it: the page marks <html data-rendered="N"> only after all N charts initialised without
// an exception, sets data-render-error on any script error, and each chart container must
// hold a drawn canvas. Chromium comes from Debian (scripts/bootstrap installs it).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "report/chromium.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::test::chromium;
using heatlift::test::dump_dom;
using heatlift::test::expect_all_charts_rendered;
using heatlift::test::sh;
using heatlift::test::Shell;

class ReportInChromium : public ::testing::Test {
 protected:
  void SetUp() override {
    browser_ = chromium();
    ASSERT_FALSE(browser_.empty()) << "chromium not found; run scripts/bootstrap (apt chromium)";
    // ctest runs the tests in parallel: each gets its own folder and browser profile.
    dir_ = fs::path(::testing::TempDir()) /
           (std::string("heatlift_report_browser_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes the report with `args`, loads it in Chromium and returns the rendered DOM.
  std::string render(const std::string& args) {
    const fs::path out = dir_ / "out";
    const Shell r = sh(std::string(HEATLIFT_EXE) + " roadmap --out " + out.string() + " " + args +
                       " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(fs::exists(out / "report.html"));
    const Shell dom = dump_dom(browser_, dir_ / "profile", out / "report.html");
    EXPECT_EQ(dom.exit_code, 0);
    return dom.out;
  }

  std::string browser_;
  fs::path dir_;
};

// Two scenarios: 6 charts each side by side, plus 6 comparison charts.
TEST_F(ReportInChromium, ShippedScenariosRenderEveryChartInChinese) {
  const std::string dom = render("");
  expect_all_charts_rendered(dom, 18);
  EXPECT_THAT(dom, ::testing::HasSubstr("<html lang=\"zh-CN\""));
  EXPECT_THAT(dom, ::testing::HasSubstr("碳中和情景"));
}

TEST_F(ReportInChromium, EnglishWithMonteCarloBandsAndThreeScenarios) {
  const std::string dom = render("--lang en -s cns -s ngs -s action-plan --samples 20 --seed 7");
  expect_all_charts_rendered(dom, 3 * 6 + 6);
  EXPECT_THAT(dom, ::testing::HasSubstr("20 Monte Carlo samples (seed 7)"));
}

}  // namespace
