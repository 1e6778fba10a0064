// The site report in headless Chromium: the page from report::site_html (on the realistic
// fixture year, and on one with nulls and no baselines) must draw every chart without a
// script error, each chart holding a canvas, and a screenshot of it must be a real picture.
// Set HEATLIFT_REPORT_ARTIFACTS=DIR to keep the pages and screenshots for a look.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "heatlift/core/data_store.hpp"
#include "heatlift/report/site_report.hpp"
#include "report/chromium.hpp"
#include "report/site_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using namespace heatlift;
using heatlift::test::expect_all_charts_rendered;
using nlohmann::json;
using ::testing::HasSubstr;

class SiteReportInChromium : public ::testing::Test {
 protected:
  void SetUp() override {
    browser_ = test::chromium();
    ASSERT_FALSE(browser_.empty()) << "chromium not found; run scripts/bootstrap (apt chromium)";
    name_ = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    // ctest runs the tests in parallel: each gets its own folder and browser profile.
    dir_ = fs::path(::testing::TempDir()) / ("heatlift_site_report_browser_" + name_);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const json& data, report::Lang lang) {
    const fs::path page = dir_ / "report.html";
    std::ofstream(page, std::ios::binary)
        << report::site_html(data, report::Messages::load(core::DataStore(), lang));
    return page;
  }

  std::string dom(const fs::path& page) {
    const test::Shell r = test::dump_dom(browser_, dir_ / "profile", page);
    EXPECT_EQ(r.exit_code, 0);
    return r.out;
  }

  // A screenshot of the whole report at a desktop width. A blank or single-colour page
  // compresses to a few kilobytes; five drawn charts, figures and a table do not.
  void expect_screenshot(const fs::path& page) {
    const fs::path png = dir_ / "report.png";
    const test::Shell r = test::screenshot(browser_, dir_ / "profile-shot", page, png, 1280, 2400);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    ASSERT_TRUE(fs::exists(png)) << r.out;
    std::ifstream in(png, std::ios::binary);
    std::string magic(8, '\0');
    in.read(magic.data(), 8);
    EXPECT_EQ(magic, "\x89PNG\r\n\x1a\n");
    EXPECT_GT(fs::file_size(png), 100'000u);
    if (const char* keep = std::getenv("HEATLIFT_REPORT_ARTIFACTS")) {
      fs::create_directories(keep);
      fs::copy_file(png, fs::path(keep) / (name_ + ".png"), fs::copy_options::overwrite_existing);
      fs::copy_file(page, fs::path(keep) / (name_ + ".html"), fs::copy_options::overwrite_existing);
    }
  }

  std::string browser_, name_;
  fs::path dir_;
};

// Monthly heat, COP scatter, load duration, CO2 and cost: five charts.
TEST_F(SiteReportInChromium, FixtureYearRendersEveryChartInChinese) {
  const fs::path page = write(test::site_fixture(), report::Lang::zh);
  const std::string d = dom(page);
  expect_all_charts_rendered(d, 5);
  EXPECT_THAT(d, HasSubstr("<html lang=\"zh-CN\""));
  EXPECT_THAT(d, HasSubstr("散煤炉"));
  expect_screenshot(page);
}

TEST_F(SiteReportInChromium, EnglishRendersEveryChart) {
  const fs::path page =
      write(test::site_fixture("Rural house near Shijiazhuang"), report::Lang::en);
  const std::string d = dom(page);
  expect_all_charts_rendered(d, 5);
  EXPECT_THAT(d, HasSubstr("Heat-pump site assessment"));
  expect_screenshot(page);
}

// A district plant: MWh, 万元 and thousands of kW on the axes.
TEST_F(SiteReportInChromium, LargeSiteRendersEveryChart) {
  json data = test::site_fixture("区域供热站");
  test::scale_site(data, 1000);
  const fs::path page = write(data, report::Lang::zh);
  expect_all_charts_rendered(dom(page), 5);
  expect_screenshot(page);
}

TEST_F(SiteReportInChromium, NullsAndNoBaselinesStillRender) {
  json data = test::site_fixture();
  for (auto& [k, v] : data["annual"].items()) v = nullptr;
  for (auto& [k, v] : data["heat_pump_accounts"].items()) v = nullptr;
  data["gbt50801"] = nullptr;
  data["baselines"] = json::array();
  data["site"]["t_design_c"] = nullptr;
  data["heat_pump"]["capacity_kw"] = nullptr;
  for (std::size_t h = 0; h < 8760; h += 7) {
    data["hourly"]["load_kw"][h] = nullptr;
    data["hourly"]["t_out_c"][h] = nullptr;
  }
  for (auto& v : data["monthly"]["backup_heat_kwh"]) v = nullptr;
  // No CO2 or cost figure: monthly, COP and load duration only.
  const fs::path page = write(data, report::Lang::zh);
  expect_all_charts_rendered(dom(page), 3);
  expect_screenshot(page);

  // The heat pump's accounts without baselines; no hourly arrays: monthly, CO2, cost.
  data = test::site_fixture();
  data["baselines"] = json::array();
  data.erase("hourly");
  expect_all_charts_rendered(dom(write(data, report::Lang::en)), 3);
}

}  // namespace
