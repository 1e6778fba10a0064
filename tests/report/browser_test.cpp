// End-to-end: `heatlift roadmap --out DIR` writes report.html and headless Chromium renders
// it: the page marks <html data-rendered="N"> only after all N charts initialised without
// an exception, sets data-render-error on any script error, and each chart container must
// hold a drawn canvas. Chromium comes from Debian (scripts/bootstrap installs it).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Shell {
  int exit_code;
  std::string out;
};

Shell sh(const std::string& cmd) {
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  std::string out;
  std::array<char, 65536> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    const Shell r = sh(std::string("command -v ") + name + " 2>/dev/null");
    if (r.exit_code == 0 && !r.out.empty()) return r.out.substr(0, r.out.find('\n'));
  }
  return "";
}

std::string browser_flags(const fs::path& profile) {
  return "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync "
         "--user-data-dir=" +
         profile.string();
}

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
    const Shell dom = sh(browser_ + " " + browser_flags(dir_ / "profile") +
                         " --virtual-time-budget=5000 --dump-dom file://" +
                         (out / "report.html").string() + " 2>/dev/null");
    EXPECT_EQ(dom.exit_code, 0);
    return dom.out;
  }

  static void expect_all_charts_rendered(const std::string& dom, int expected_charts) {
    std::smatch html_tag;
    ASSERT_TRUE(std::regex_search(dom, html_tag, std::regex("<html[^>]*>")))
        << "no page: " << dom.substr(0, 500);
    const std::string tag = html_tag[0];
    EXPECT_THAT(tag, ::testing::Not(::testing::HasSubstr("data-render-error"))) << tag;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(tag, m, std::regex("data-rendered=\"([0-9]+)\"")))
        << "the page never finished drawing: " << tag;
    EXPECT_EQ(std::stoi(m[1]), expected_charts);
    // Every chart container holds a canvas of non-zero size.
    const std::string marker = "class=\"chart\"";
    int containers = 0;
    for (std::size_t pos = dom.find(marker); pos != std::string::npos;
         pos = dom.find(marker, pos + 1)) {
      ++containers;
      const std::size_t next = dom.find(marker, pos + 1);
      const std::string body =
          dom.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
      std::smatch c;
      ASSERT_TRUE(std::regex_search(body, c, std::regex("<canvas[^>]*width=\"([0-9]+)\"")))
          << "chart " << containers << " has no canvas";
      EXPECT_GT(std::stoi(c[1]), 100) << "chart " << containers;
    }
    EXPECT_EQ(containers, expected_charts);
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
