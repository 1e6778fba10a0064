// End to end: `heatlift monitor report` on a store of synthetic units (operations/synthetic.hpp:
// one healthy, one whose weather-compensation curve is 6–15 K too high), and its report.html in
// headless Chromium — every chart drawn without a script error, each holding a canvas, and a
// screenshot that is a real picture. Set HEATLIFT_REPORT_ARTIFACTS=DIR to keep the pages
// and screenshots for a look.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include <unistd.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/operations/synthetic.hpp"
#include "heatlift/report/monitor_report.hpp"
#include "heatlift/site/site_case.hpp"
#include "report/chromium.hpp"
#include "support/run_heatlift.hpp"

namespace {

namespace fs = std::filesystem;
namespace op = heatlift::operations;
using namespace heatlift;
using heatlift::test::expect_all_charts_rendered;
using heatlift::testing::run_heatlift;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// Two units at Beijing with the same product, two heating seasons (2023/24, 2024/25) of
// 10-minute rows: "北京-001" healthy, "北京-002" with its curve too high. Returns the store's path.
// ctest runs each test in its own process, in parallel: each process writes its own store,
// removed when the process ends.
struct StoreDir {
  fs::path dir = fs::path(::testing::TempDir()) /
                 ("heatlift_monitor_report_store_" + std::to_string(::getpid()));
  ~StoreDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

const std::string& store_path() {
  static const StoreDir store_dir;
  static const std::string path = [] {
    const fs::path& dir = store_dir.dir;
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto data = core::DataStore::from_environment(std::nullopt);
    const fluids::FluidLibrary fl(data);
    const equipment::ProductLibrary products(data, fl);
    const site::SiteLibraries lib(data, products);
    op::SyntheticOptions o;
    o.stations = {"Beijing"};
    o.products = {"evi-r32-10kw"};
    o.healthy = 1;
    o.per_fault = 1;
    o.faults = {op::FaultKind::curve_too_high};
    o.seasons = 2;
    o.interval = 600;
    const op::SyntheticFleet fleet(lib, o);
    const std::string db = (dir / "units.db").string();
    auto store = op::open_store(db);
    for (std::size_t i = 0; i < fleet.size(); ++i) {
      auto u = fleet.generate(i);
      u.meta.id = u.faults.empty() ? "北京-001" : "北京-002";
      u.meta.install_year = 2014;
      store->put_unit(u.meta);
      store->upsert(u.meta.id, u.series);
    }
    return db;
  }();
  return path;
}

class MonitorReport : public ::testing::Test {
 protected:
  void SetUp() override {
    browser_ = test::chromium();
    ASSERT_FALSE(browser_.empty()) << "chromium not found; run scripts/bootstrap (apt chromium)";
    name_ = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::path(::testing::TempDir()) / ("heatlift_monitor_report_" + name_);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string dom(const fs::path& page) {
    const test::Shell r = test::dump_dom(browser_, dir_ / "profile", page);
    EXPECT_EQ(r.exit_code, 0);
    return r.out;
  }

  // A screenshot of the whole report at a desktop width: a blank page compresses to a few
  // kilobytes; charts, figures and a table do not.
  void expect_screenshot(const fs::path& page, int height) {
    const fs::path png = dir_ / "report.png";
    const test::Shell r =
        test::screenshot(browser_, dir_ / "profile-shot", page, png, 1280, height);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    ASSERT_TRUE(fs::exists(png)) << r.out;
    std::ifstream in(png, std::ios::binary);
    std::string magic(8, '\0');
    in.read(magic.data(), 8);
    EXPECT_EQ(magic, "\x89PNG\r\n\x1a\n");
    EXPECT_GT(fs::file_size(png), 100'000u);
    if (const char* keep = std::getenv("HEATLIFT_REPORT_ARTIFACTS")) {
      fs::create_directories(keep);
      fs::copy_file(png, fs::path(keep) / ("monitor_" + name_ + ".png"),
                    fs::copy_options::overwrite_existing);
      fs::copy_file(page, fs::path(keep) / ("monitor_" + name_ + ".html"),
                    fs::copy_options::overwrite_existing);
    }
  }

  std::string browser_, name_;
  fs::path dir_;
};

// Both units, Chinese: the overview, five charts each, the curve finding on the faulty unit
// only.
TEST_F(MonitorReport, EveryUnitInChinese) {
  const auto r =
      run_heatlift("monitor report --db " + store_path() + " --all --out " + dir_.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("北京-001"));
  EXPECT_THAT(r.out, HasSubstr("curve_too_high"));
  EXPECT_THAT(r.err, HasSubstr("report.html"));
  const fs::path page = dir_ / "report.html";
  ASSERT_TRUE(fs::exists(page));
  // Hourly means and at most 5,000 COP points per unit: two seasons of two units stay small.
  EXPECT_LT(fs::file_size(page), 3'000'000u);
  const std::string d = dom(page);
  expect_all_charts_rendered(d, 10);
  EXPECT_THAT(d, HasSubstr("<html lang=\"zh-CN\""));
  EXPECT_THAT(d, HasSubstr("热泵运行监测报告"));
  EXPECT_THAT(d, HasSubstr("供水温度曲线偏高"));
  EXPECT_THAT(d, HasSubstr("product evi-r32-10kw"));
  // The healthy unit's section says it has no curve finding.
  const std::size_t second = d.find("id=\"unit-1\"");
  ASSERT_NE(second, std::string::npos);
  EXPECT_THAT(d.substr(d.find("id=\"unit-0\""), second - d.find("id=\"unit-0\"")),
              Not(HasSubstr("<code>curve_too_high</code>")));
  EXPECT_THAT(d.substr(second), HasSubstr("<code>curve_too_high</code>"));
  expect_screenshot(page, 4200);
}

// One unit, one season, English, JSON summary on stdout.
TEST_F(MonitorReport, OneUnitOneSeasonInEnglish) {
  const auto r = run_heatlift("monitor report --db " + store_path() +
                              " --unit 北京-002 --from 2024-11-01 --to 2025-03-31 --lang en "
                              "--format json --out " +
                              dir_.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json s = json::parse(r.out);
  ASSERT_EQ(s["units"].size(), 1u);
  EXPECT_EQ(s["units"][0]["unit"], "北京-002");
  EXPECT_TRUE(s["units"][0]["expected"]["residual"].is_number());
  bool curve = false;
  for (const json& f : s["units"][0]["findings"]) curve |= f["code"] == "curve_too_high";
  EXPECT_TRUE(curve) << s["units"][0]["findings"].dump();
  const fs::path page = dir_ / "report.html";
  const std::string d = dom(page);
  expect_all_charts_rendered(d, 5);
  EXPECT_THAT(d, HasSubstr("Heat-pump monitoring report"));
  EXPECT_THAT(d, HasSubstr("2024-11-01 \u2013 2025-03-31"));
  EXPECT_THAT(d, HasSubstr("Heating curve too high for the emitters"));
  EXPECT_THAT(d, Not(HasSubstr("2024-01"))) << "the first season's months are outside the window";
  expect_screenshot(page, 2600);
}

TEST_F(MonitorReport, BadOptionsAreNamed) {
  auto r =
      run_heatlift("monitor report --db " + store_path() + " --unit nope --out " + dir_.string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--unit = 'nope'"));
  r = run_heatlift("monitor report --db " + store_path() + " --all --from 2024-13-01 --out " +
                   dir_.string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--from = '2024-13-01'"));
  r = run_heatlift("monitor report --db " + store_path() + " --all");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--out DIR is required"));
  r = run_heatlift("monitor report --db " + store_path() + " --all --from 2030-01-01 --out " +
                   dir_.string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("no unit has data"));
  r = run_heatlift("monitor report --db " + store_path() + " --all --max-units 1 --out " +
                   dir_.string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("2 units asked for, a page holds at most --max-units = 1"));
  EXPECT_FALSE(fs::exists(dir_ / "report.html"));
}

// A document with nulls and missing parts still draws the charts it lays out.
TEST_F(MonitorReport, NullsStillRender) {
  json u = {{"unit", {{"id", "u1"}}},
            {"cop",
             {{"t_out_c", {-3.0, nullptr, 2.0}},
              {"cop", {2.5, 3.0, nullptr}},
              {"cop_expected", {nullptr, nullptr, 3.1}}}},
            {"monthly",
             {{"month", {"2025-01", "2025-02"}},
              {"spf_h1", {2.8, nullptr}},
              {"spf_expected", {nullptr, 3.0}}}},
            {"part_load", {{"lower", {0.0, 0.1, 0.2}}, {"hours", {0.0, 12.0, nullptr}}}},
            {"hourly",
             {{"t0", 1736438400},
              {"h", {0, 1, 5, 6}},
              {"heat_kw", {5.0, nullptr, 4.0, 4.2}},
              {"t_out_c", {nullptr}}}}};
  const fs::path page = dir_ / "report.html";
  std::ofstream(page, std::ios::binary) << report::monitor_html(
      {{"units", {u}}}, report::Messages::load(core::DataStore(), report::Lang::en));
  expect_all_charts_rendered(dom(page), 4);
}

// A unit that names no product and no map: reported without expectation, the rules that need
// a map listed as not checked, and the page still draws every chart it has data for.
TEST_F(MonitorReport, UnitWithoutAModel) {
  const fs::path db = dir_ / "copy.db";
  fs::copy_file(store_path(), db);
  {
    auto store = op::open_store(db.string());
    op::UnitMeta meta = *store->unit("北京-001");
    meta.id = "<no model>";
    meta.product.clear();
    meta.map_file.clear();
    store->put_unit(meta);
    store->upsert(meta.id, store->read("北京-001"));
  }
  const auto r = run_heatlift("monitor report --db " + db.string() +
                              " --unit '<no model>' --lang en --out " + dir_.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("unit <no model>: no expected performance"));
  const std::string d = dom(dir_ / "report.html");
  expect_all_charts_rendered(d, 5);
  EXPECT_THAT(d, HasSubstr("<h1>&lt;no model&gt;</h1>"));
  EXPECT_THAT(d, HasSubstr("no performance model"));
  EXPECT_THAT(d, HasSubstr("Not checked:"));
  EXPECT_THAT(d, Not(HasSubstr("<no model>")));
}

}  // namespace
