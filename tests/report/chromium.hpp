// Headless Chromium for the report pages' browser tests (Debian's chromium, installed by
// scripts/bootstrap): load a page, dump its rendered DOM or take a screenshot, and check
// that every chart was drawn. A page marks <html data-rendered="N"> only after all N
// charts initialised without an exception and sets data-render-error on any script error.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>

namespace heatlift::test {

struct Shell {
  int exit_code;
  std::string out;
};

inline Shell sh(const std::string& cmd) {
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  std::string out;
  std::array<char, 65536> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

/// The browser's path, or "" when there is none.
inline std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    const Shell r = sh(std::string("command -v ") + name + " 2>/dev/null");
    if (r.exit_code == 0 && !r.out.empty()) return r.out.substr(0, r.out.find('\n'));
  }
  return "";
}

/// Headless, offline-friendly flags with its own profile folder (ctest runs tests in
/// parallel).
inline std::string browser_flags(const std::filesystem::path& profile) {
  return "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync "
         "--user-data-dir=" +
         profile.string();
}

/// The DOM of `page` after its scripts ran.
inline Shell dump_dom(const std::string& browser, const std::filesystem::path& profile,
                      const std::filesystem::path& page) {
  return sh(browser + " " + browser_flags(profile) +
            " --virtual-time-budget=5000 --dump-dom file://" + page.string() + " 2>/dev/null");
}

/// A PNG of `page` at `width`×`height` CSS pixels.
inline Shell screenshot(const std::string& browser, const std::filesystem::path& profile,
                        const std::filesystem::path& page, const std::filesystem::path& png,
                        int width, int height) {
  return sh(browser + " " + browser_flags(profile) +
            " --virtual-time-budget=5000 --hide-scrollbars --screenshot=" + png.string() +
            " --window-size=" + std::to_string(width) + "," + std::to_string(height) + " file://" +
            page.string() + " 2>&1");
}

/// The page finished drawing `expected_charts` charts without an error, and each chart
/// container (class="chart") holds a canvas of non-zero size.
inline void expect_all_charts_rendered(const std::string& dom, int expected_charts) {
  std::smatch html_tag;
  ASSERT_TRUE(std::regex_search(dom, html_tag, std::regex("<html[^>]*>")))
      << "no page: " << dom.substr(0, 500);
  const std::string tag = html_tag[0];
  EXPECT_THAT(tag, ::testing::Not(::testing::HasSubstr("data-render-error"))) << tag;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(tag, m, std::regex("data-rendered=\"([0-9]+)\"")))
      << "the page never finished drawing: " << tag;
  EXPECT_EQ(std::stoi(m[1]), expected_charts);
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

}  // namespace heatlift::test
