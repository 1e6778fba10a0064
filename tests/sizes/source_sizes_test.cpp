// The size limits on src/ (tests/sizes/README.md): no source file over 800 lines and no
// function over 100 lines. A failure names each file or function and its length.

#include "sizes/source_scan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using heatlift::sizes::count_lines;
using heatlift::sizes::find_functions;
using heatlift::sizes::FunctionSpan;
using heatlift::sizes::size_violations;
using heatlift::sizes::SizeLimits;

constexpr SizeLimits kLimits{.file_lines = 800, .function_lines = 100};

struct SourceFile {
  std::string path;  // relative to the repository, e.g. "src/heatlift/site/simulation.cpp"
  std::string text;
};

// Every C++ file under src/, in path order.
std::vector<SourceFile> sources() {
  const fs::path root(HEATLIFT_SOURCE_DIR);
  std::vector<SourceFile> out;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root / "src")) {
    const std::string ext = e.path().extension().string();
    if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".h")) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    out.push_back({fs::relative(e.path(), root).generic_string(), text.str()});
  }
  std::sort(out.begin(), out.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return out;
}

std::string violations(bool files) {
  std::string out;
  for (const SourceFile& f : sources()) {
    const SizeLimits limits = files ? SizeLimits{kLimits.file_lines, 1 << 30}
                                    : SizeLimits{1 << 30, kLimits.function_lines};
    for (const std::string& v : size_violations(f.path, f.text, limits)) out += v + "\n";
  }
  return out;
}

TEST(SourceSizes, ScannerSeesTheTree) {
  const std::vector<SourceFile> files = sources();
  ASSERT_GT(files.size(), 100U);
  size_t functions = 0;
  bool simulate = false;
  for (const SourceFile& f : files) {
    for (const FunctionSpan& fn : find_functions(f.text)) {
      ++functions;
      simulate = simulate || fn.name == "heatlift::site::simulate";
    }
  }
  EXPECT_GT(functions, 1000U);
  EXPECT_TRUE(simulate) << "heatlift::site::simulate not found: the scanner lost its way";
}

TEST(SourceSizes, NoFileOver800Lines) {
  const std::string found = violations(true);
  EXPECT_TRUE(found.empty()) << "split these files at their section banners:\n" << found;
}

TEST(SourceSizes, NoFunctionOver100Lines) {
  const std::string found = violations(false);
  EXPECT_TRUE(found.empty()) << "split these functions into their steps:\n" << found;
}

}  // namespace
