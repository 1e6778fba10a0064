#include "heatlift/core/data_store.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {
namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ =
        fs::temp_directory_path() /
        ("heatlift_data_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void write(const std::string& rel, const std::string& content) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel) << content;
  }

 private:
  fs::path path_;
};

TEST(DataStore, BuiltInFilesAreEmbeddedWithTheirSources) {
  DataStore store;
  const auto files = store.list();
  ASSERT_FALSE(files.empty());
  bool found_gwp = false;
  for (const auto& f : files) {
    EXPECT_EQ(f.origin, "built-in");
    EXPECT_GT(f.bytes, 0u) << f.path;
    if (f.path == "refrigerants/gwp.csv") {
      found_gwp = true;
      EXPECT_NE(f.source.find("IPCC"), std::string::npos) << f.source;
    }
  }
  EXPECT_TRUE(found_gwp);
  // Every data file except notes names where its numbers come from.
  for (const auto& f : files) {
    if (f.path.ends_with(".md")) continue;
    EXPECT_FALSE(f.source.empty()) << f.path << " has no source line";
  }
  const std::string gwp = store.read("refrigerants/gwp.csv");
  EXPECT_NE(gwp.find("R32"), std::string::npos);
  EXPECT_TRUE(store.exists("refrigerants/gwp.csv"));
  EXPECT_FALSE(store.exists("refrigerants/none.csv"));
}

TEST(DataStore, MissingOrEscapingPathsAreClearErrors) {
  DataStore store;
  try {
    store.read("fluids/R9999.json");
    FAIL();
  } catch (const DataMissing& e) {
    EXPECT_NE(std::string(e.what()).find("fluids/R9999.json"), std::string::npos);
  }
  EXPECT_THROW(store.read("../etc/passwd"), InvalidInput);
  EXPECT_THROW(store.read("/etc/passwd"), InvalidInput);
  EXPECT_THROW(DataStore(fs::path("/nonexistent/heatlift/data")), InvalidInput);
}

TEST(DataStore, UserFolderOverridesBuiltInAndAddsFiles) {
  TempDir dir;
  dir.write("refrigerants/gwp.csv", "# source: my own table\nrefrigerant,gwp\nR32,1\n");
  dir.write("scenarios/mine.toml", "source = \"my planning office\"\n");
  DataStore store(dir.path());
  EXPECT_EQ(store.read("refrigerants/gwp.csv").substr(0, 8), "# source");
  EXPECT_EQ(store.read("scenarios/mine.toml"), "source = \"my planning office\"\n");
  bool saw_user = false;
  for (const auto& f : store.list("scenarios/")) {
    if (f.path == "scenarios/mine.toml") {
      saw_user = true;
      EXPECT_EQ(f.source, "my planning office");
      EXPECT_NE(f.origin, "built-in");
    }
  }
  EXPECT_TRUE(saw_user);
}

TEST(DataStore, EnvironmentVariableSelectsFolder) {
  TempDir dir;
  dir.write("x.csv", "# source: env\n");
  ::setenv("HEATLIFT_DATA", dir.path().c_str(), 1);
  const DataStore store = DataStore::from_environment(std::nullopt);
  ::unsetenv("HEATLIFT_DATA");
  EXPECT_TRUE(store.exists("x.csv"));
  ::setenv("HEATLIFT_DATA", "/nonexistent/heatlift", 1);
  EXPECT_THROW(DataStore::from_environment(std::nullopt), InvalidInput);
  ::unsetenv("HEATLIFT_DATA");
}

TEST(DataStore, SourceLineIsFoundInEveryHeaderStyle) {
  EXPECT_EQ(DataStore::source_line("# source: GB 50736-2012, table A\nx,y\n"),
            "GB 50736-2012, table A");
  EXPECT_EQ(DataStore::source_line("// Source: paper\n"), "paper");
  EXPECT_EQ(DataStore::source_line("{\n  \"source\": \"Span & Wagner 1996\",\n"),
            "Span & Wagner 1996");
  EXPECT_EQ(DataStore::source_line("title = \"x\"\nsource = \"roadmap 2024\"\n"), "roadmap 2024");
  EXPECT_EQ(DataStore::source_line("# sources: a; b\n"), "a; b");
  EXPECT_EQ(DataStore::source_line("{\n \"source\": \"A. B., \\\"Title\\\", 2020\",\n"),
            "A. B., \"Title\", 2020");
  EXPECT_EQ(DataStore::source_line("x,y\n1,2\n"), "");
  EXPECT_EQ(DataStore::source_line("the open source code: no\n"), "");
}

}  // namespace
}  // namespace heatlift::core
