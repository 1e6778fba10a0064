// End-to-end: `heatlift roadmap --out DIR` writes report.html and headless Chromium renders
// it: the page marks <html data-rendered="N"> only after all N charts initialised without
// an exception, sets data-render-error on any script error, and each chart container must
// hold a drawn canvas. Chromium comes from Debian (scripts/bootstrap installs it).
//
// A bottom-up page (the default engine) adds the province map and the peak day, a region
// picker and the cells table. Choosing a province redraws every chart: by the page's address
// (report.html#region=CN-HE, which chooses it the way the picker does), and by a click on the
// map and the picker, played by a script added to a copy of the page. Set
// HEATLIFT_REPORT_ARTIFACTS=DIR to keep the pages and screenshots.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "report/chromium.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::test::chromium;
using heatlift::test::dump_dom;
using heatlift::test::expect_all_charts_rendered;
using heatlift::test::sh;
using heatlift::test::Shell;
using ::testing::HasSubstr;
using ::testing::Not;

class ReportInChromium : public ::testing::Test {
 protected:
  void SetUp() override {
    browser_ = chromium();
    ASSERT_FALSE(browser_.empty()) << "chromium not found; run scripts/bootstrap (apt chromium)";
    name_ = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    // ctest runs the tests in parallel: each gets its own folder and browser profile.
    dir_ = fs::path(::testing::TempDir()) / ("heatlift_report_browser_" + name_);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes the report with `args`; returns the page.
  fs::path write(const std::string& args) {
    const fs::path out = dir_ / "out";
    const Shell r = sh(std::string(HEATLIFT_EXE) + " roadmap --out " + out.string() + " " + args +
                       " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(fs::exists(out / "report.html"));
    return out / "report.html";
  }

  // The rendered DOM of `page` (with `address`, e.g. "#region=CN-HE").
  std::string dom(const fs::path& page, const std::string& address = "") {
    const Shell d = dump_dom(browser_, dir_ / "profile", page.string() + address);
    EXPECT_EQ(d.exit_code, 0);
    return d.out;
  }

  std::string render(const std::string& args) { return dom(write(args)); }

  // A screenshot of the whole page at a desktop width; a blank page compresses to a few
  // kilobytes, twenty drawn charts, a map and a table do not.
  void expect_screenshot(const fs::path& page, const std::string& address, const std::string& tag) {
    const fs::path png = dir_ / (tag + ".png");
    const Shell r = heatlift::test::screenshot(browser_, dir_ / "profile-shot",
                                               page.string() + address, png, 1280, 4600);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    ASSERT_TRUE(fs::exists(png)) << r.out;
    EXPECT_GT(fs::file_size(png), 200'000u);
    if (const char* keep = std::getenv("HEATLIFT_REPORT_ARTIFACTS")) {
      fs::create_directories(keep);
      fs::copy_file(png, fs::path(keep) / (name_ + "_" + tag + ".png"),
                    fs::copy_options::overwrite_existing);
      fs::copy_file(page, fs::path(keep) / (name_ + ".html"), fs::copy_options::overwrite_existing);
    }
  }

  std::string browser_, name_;
  fs::path dir_;
};

std::string html_tag(const std::string& dom) {
  std::smatch m;
  return std::regex_search(dom, m, std::regex("<html[^>]*>")) ? m[0].str() : "";
}

// Chart id → its y-axis maxima ("6000", or "2500,3000" with two axes), for every chart.
std::map<std::string, std::string> y_scales(const std::string& dom) {
  std::map<std::string, std::string> out;
  const std::regex div("<div class=\"chart\"[^>]*>");
  const std::regex id("id=\"([^\"]+)\"");
  const std::regex ymax("data-y-max=\"([^\"]*)\"");
  for (std::sregex_iterator it(dom.begin(), dom.end(), div), end; it != end; ++it) {
    const std::string tag = (*it)[0];
    std::smatch i, y;
    if (std::regex_search(tag, i, id)) {
      out[i[1]] = std::regex_search(tag, y, ymax) ? y[1].str() : "";
    }
  }
  return out;
}

// Charts side by side (one kind, one per scenario) share one y scale, and have one.
void expect_rows_share_their_scale(const std::map<std::string, std::string>& scales,
                                   const std::vector<std::string>& scenarios) {
  for (const char* kind : {"sales", "stock", "market_value", "co2", "power", "refrigerant"}) {
    const std::string first = scales.at(std::string(kind) + "-" + scenarios.front());
    EXPECT_FALSE(first.empty()) << kind;
    for (const auto& s : scenarios)
      EXPECT_EQ(scales.at(std::string(kind) + "-" + s), first) << kind;
  }
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

// The cells table's rows.
int cell_rows(const std::string& dom) {
  const std::size_t a = dom.find("id=\"cells-table\"");
  if (a == std::string::npos) return -1;
  const std::size_t body = dom.find("<tbody>", a), end = dom.find("</tbody>", a);
  return count(dom.substr(body, end - body), "<tr");
}

// Two scenarios bottom-up: 6 charts each side by side, 6 comparison charts, the province
// map and the peak day; the region picker (China and the 31 provinces) and the cells.
TEST_F(ReportInChromium, ShippedScenariosRenderEveryChartInChinese) {
  const fs::path page = write("");
  const std::string d = dom(page);
  expect_all_charts_rendered(d, 20);
  EXPECT_THAT(d, HasSubstr("<html lang=\"zh-CN\""));
  EXPECT_THAT(d, HasSubstr("碳中和情景"));
  EXPECT_THAT(html_tag(d), HasSubstr("data-region=\"CN\""));
  for (const char* id : {"id=\"province-map\"", "id=\"peak-day\"", "id=\"pick-region\""})
    EXPECT_THAT(d, HasSubstr(id));
  const std::size_t picker = d.find("id=\"pick-region\"");
  const std::string options = d.substr(picker, d.find("</select>", picker) - picker);
  EXPECT_EQ(count(options, "<option"), 32);
  EXPECT_THAT(options, HasSubstr(">全国<"));
  EXPECT_THAT(options, HasSubstr(">河北<"));
  EXPECT_GT(cell_rows(d), 15);
  expect_rows_share_their_scale(y_scales(d), {"cns", "ngs"});
  expect_screenshot(page, "", "china");
}

// A province chosen: every chart redrawn for it (smaller scales, still shared), the
// headings name it, the table keeps its cells only.
TEST_F(ReportInChromium, PickingAProvinceRedrawsEveryChart) {
  const fs::path page = write("");
  const std::string china = dom(page);
  const std::string hebei = dom(page, "#region=CN-HE");
  expect_all_charts_rendered(hebei, 20);
  const std::string tag = html_tag(hebei);
  EXPECT_THAT(tag, HasSubstr("data-region=\"CN-HE\""));
  EXPECT_THAT(tag, HasSubstr("data-draws=\"2\""));
  EXPECT_THAT(hebei, HasSubstr("分情景结果 · 河北"));
  const auto before = y_scales(china), after = y_scales(hebei);
  expect_rows_share_their_scale(after, {"cns", "ngs"});
  int smaller = 0;
  for (const auto& [id, scale] : after) {
    if (scale.empty() || scale.find(',') != std::string::npos) continue;
    EXPECT_LE(std::stod(scale), std::stod(before.at(id))) << id;
    smaller += std::stod(scale) < std::stod(before.at(id));
  }
  EXPECT_GE(smaller, 8);
  // Hebei (cold zone) has no cells of the southern zones.
  EXPECT_LT(cell_rows(hebei), cell_rows(china));
  EXPECT_GT(cell_rows(hebei), 10);
  // An unknown region in the address is ignored: China, drawn once.
  const std::string unknown = dom(page, "#region=XX");
  EXPECT_THAT(html_tag(unknown), HasSubstr("data-region=\"CN\""));
  EXPECT_THAT(html_tag(unknown), HasSubstr("data-draws=\"1\""));
  expect_screenshot(page, "#region=CN-HE", "hebei");
}

// What a user does, played by a script added to a copy of the page: click Hebei on the map
// (Shijiazhuang, 114.5 E 38.0 N), click it again (back to China), choose Guangdong in the
// picker, then the back-to-China button. Each step redraws every chart.
TEST_F(ReportInChromium, ClickingTheMapAndThePickerRedraw) {
  const fs::path page = write("");
  std::ifstream in(page, std::ios::binary);
  std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string user = R"(<script>
(function () {
  var root = document.documentElement, log = [];
  var map = echarts.getInstanceByDom(document.getElementById('province-map'));
  function click(lon, lat) {
    var p = map.convertToPixel({ seriesIndex: 0 }, [lon, lat]);
    var c = document.querySelector('#province-map canvas'), r = c.getBoundingClientRect();
    ['mousemove', 'mousedown', 'mouseup', 'click'].forEach(function (type) {
      c.dispatchEvent(new MouseEvent(type, { clientX: r.left + p[0], clientY: r.top + p[1], bubbles: true }));
    });
    log.push(root.getAttribute('data-region'));
  }
  click(114.5, 38.0);
  click(114.5, 38.0);
  var pick = document.getElementById('pick-region');
  pick.value = 'CN-GD';
  pick.dispatchEvent(new Event('change'));
  log.push(root.getAttribute('data-region'));
  document.getElementById('back-to-china').click();
  log.push(root.getAttribute('data-region'));
  root.setAttribute('data-user-steps', log.join(' '));
})();
</script>
)";
  html.insert(html.rfind("</body>"), user);
  const fs::path played = dir_ / "played.html";
  std::ofstream(played, std::ios::binary) << html;
  const std::string d = dom(played);
  expect_all_charts_rendered(d, 20);
  const std::string tag = html_tag(d);
  EXPECT_THAT(tag, HasSubstr("data-user-steps=\"CN-HE CN CN-GD CN\""));
  EXPECT_THAT(tag, HasSubstr("data-draws=\"5\""));
}

TEST_F(ReportInChromium, EnglishWithMonteCarloBandsAndThreeScenarios) {
  const std::string dom = render("--lang en -s cns -s ngs -s action-plan --samples 20 --seed 7");
  expect_all_charts_rendered(dom, 3 * 6 + 6 + 2);
  EXPECT_THAT(dom, HasSubstr("20 Monte Carlo samples (seed 7)"));
  EXPECT_THAT(dom, HasSubstr(">Hebei<"));
  expect_rows_share_their_scale(y_scales(dom), {"cns", "ngs", "action-plan"});
}

// The top-down engine has no provinces: today's page, its side-by-side charts on one scale.
TEST_F(ReportInChromium, TopDownRunKeepsThePageWithoutProvinces) {
  const std::string dom = render("--engine top-down");
  expect_all_charts_rendered(dom, 18);
  EXPECT_THAT(dom, Not(HasSubstr("id=\"province-map\"")));
  EXPECT_THAT(dom, Not(HasSubstr("id=\"pick-region\"")));
  expect_rows_share_their_scale(y_scales(dom), {"cns", "ngs"});
}

}  // namespace
