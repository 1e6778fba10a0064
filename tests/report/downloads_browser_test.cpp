// The picture downloads of the reports' charts, in headless Chromium: every chart gets the
// toolbox's PNG button (echarts' saveAsImage) and an SVG button, and the SVG each would
// save is drawn (the page's #svg-check hook makes them all once and writes their sizes on
// the charts' elements).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "heatlift/core/data_store.hpp"
#include "heatlift/report/site_report.hpp"
#include "report/chromium.hpp"
#include "report/site_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using namespace heatlift;

TEST(ReportDownloadsInChromium, EveryChartHasPngAndSvgAndItsSvgIsDrawn) {
  const std::string browser = test::chromium();
  ASSERT_FALSE(browser.empty()) << "chromium not found; run scripts/bootstrap (apt chromium)";
  const fs::path dir = fs::path(::testing::TempDir()) / "heatlift_report_downloads_browser";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path page = dir / "report.html";
  std::ofstream(page, std::ios::binary) << report::site_html(
      test::site_fixture(), report::Messages::load(core::DataStore(), report::Lang::en));

  const test::Shell r =
      test::dump_dom(browser, dir / "profile", fs::path(page.string() + "#svg-check"));
  ASSERT_EQ(r.exit_code, 0);
  const std::string& dom = r.out;
  test::expect_all_charts_rendered(dom, 5);
  EXPECT_THAT(dom, ::testing::HasSubstr("data-svg-checked=\"5\""));

  const std::regex chart_tag("<div[^>]*class=\"chart\"[^>]*>");
  int charts = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), chart_tag);
       it != std::sregex_iterator(); ++it) {
    const std::string tag = it->str();
    ++charts;
    EXPECT_THAT(tag, ::testing::HasSubstr("data-downloads=\"png svg\"")) << tag;
    std::smatch svg;
    ASSERT_TRUE(std::regex_search(tag, svg, std::regex("data-svg=\"([0-9]+)\""))) << tag;
    EXPECT_GT(std::stoi(svg[1]), 2000) << "an SVG with the chart's drawing in it: " << tag;
  }
  EXPECT_EQ(charts, 5);
  fs::remove_all(dir);
}

}  // namespace
