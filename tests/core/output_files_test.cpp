// Output files all or nothing: staged beside the target, renamed into place on commit,
// removed on discard, a killed writer's temporaries cleaned by the next writer.
#include "heatlift/core/output_files.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"
#include "support/files.hpp"

namespace heatlift::core {
namespace {
namespace fs = std::filesystem;

using heatlift::testing::fresh_dir;
const auto& slurp = heatlift::testing::read_file;

std::size_t entries(const fs::path& d) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(d), {}));
}

TEST(StagedOutputs, NothingIsVisibleBeforeCommit) {
  const auto d = fresh_dir("commit");
  std::ofstream(d / "a.csv") << "old a\n";
  {
    StagedOutputs out;
    out.stage(d / "a.csv", "new a\n");
    out.stage(d / "b.json", "{}\n");
    EXPECT_EQ(slurp(d / "a.csv"), "old a\n");
    EXPECT_FALSE(fs::exists(d / "b.json"));
    out.commit();
  }
  EXPECT_EQ(slurp(d / "a.csv"), "new a\n");
  EXPECT_EQ(slurp(d / "b.json"), "{}\n");
  EXPECT_EQ(entries(d), 2u);  // no temporary left
}

TEST(StagedOutputs, WithoutCommitTheFolderStaysAsItWas) {
  const auto d = fresh_dir("discard");
  std::ofstream(d / "results.csv") << "good\n";
  {
    StagedOutputs out;
    out.stage(d / "results.csv", "half");
    out.stage(d / "report.html", "");
  }  // destroyed without commit: a failed run
  EXPECT_EQ(slurp(d / "results.csv"), "good\n");
  EXPECT_FALSE(fs::exists(d / "report.html"));
  EXPECT_EQ(entries(d), 1u);
}

TEST(StagedOutputs, StagingATargetTwiceKeepsTheLast) {
  const auto d = fresh_dir("twice");
  StagedOutputs out;
  out.stage(d / "x.txt", "first");
  out.stage(d / "x.txt", "second");
  EXPECT_EQ(out.size(), 1u);
  out.commit();
  EXPECT_EQ(slurp(d / "x.txt"), "second");
  EXPECT_EQ(entries(d), 1u);
}

TEST(StagedOutputs, AnUnwritableFolderIsAClearError) {
  StagedOutputs out;
  try {
    out.stage("/nonexistent-folder/x.csv", "x");
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("cannot write '/nonexistent-folder/x.csv'"),
              std::string::npos)
        << e.what();
  }
}

TEST(StagedOutputs, TemporariesOfAKilledWriterAreRemovedByTheNext) {
  const auto d = fresh_dir("stale");
  // A child stages a file and dies without committing or cleaning up.
  const pid_t child = ::fork();
  if (child == 0) {
    StagedOutputs out;
    out.stage(d / "results.csv", "partial");
    ::_exit(0);  // no destructors: as if killed
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_EQ(entries(d), 1u);  // the child's hidden temporary
  EXPECT_FALSE(fs::exists(d / "results.csv"));
  write_file_atomically(d / "results.csv", "complete\n");
  EXPECT_EQ(slurp(d / "results.csv"), "complete\n");
  EXPECT_EQ(entries(d), 1u);
}

TEST(StagedOutputs, FilesGetTheUsualPermissions) {
  const auto d = fresh_dir("mode");
  write_file_atomically(d / "r.csv", "x");
  const auto perms = fs::status(d / "r.csv").permissions();
  EXPECT_NE(perms & fs::perms::owner_read, fs::perms::none);
  EXPECT_NE(perms & fs::perms::others_read, fs::perms::none);  // not mkstemp's 0600
}

}  // namespace
}  // namespace heatlift::core
