// End-to-end: `roadmap --out DIR` killed with SIGKILL at random moments while it runs and
// writes. After every kill, each output file in DIR is either the complete file of the
// run before or the complete file of the new run — never empty, never cut short.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/files.hpp"
#include "support/run_heatlift.hpp"

namespace {

namespace fs = std::filesystem;
using heatlift::testing::scratch;

const auto& slurp = heatlift::testing::read_file;

const std::vector<std::string> kFiles = {"results.csv", "results.json", "report.html",
                                         "regions.csv", "provinces-map.csv"};

pid_t start_roadmap(const std::string& scenario, const fs::path& out) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Silence the child; the test reads its files, not its output.
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    // The fitted engine: what is tested is how the files are written, and its runs are short.
    ::execl(HEATLIFT_EXE, HEATLIFT_EXE, "roadmap", "-s", scenario.c_str(), "--regions", "province",
            "--engine", "top-down", "--out", out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

std::map<std::string, std::string> complete_run(const std::string& scenario, const fs::path& out,
                                                double* seconds = nullptr) {
  const auto t0 = std::chrono::steady_clock::now();
  int status = 0;
  ::waitpid(start_roadmap(scenario, out), &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  if (seconds) {
    *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  std::map<std::string, std::string> files;
  for (const auto& f : kFiles) {
    files[f] = slurp(out / f);
    EXPECT_FALSE(files[f].empty()) << f;
  }
  return files;
}

TEST(KillTest, EveryFileIsTheOldOrTheNewCompleteFile) {
  const fs::path root = scratch() + "kill";
  fs::remove_all(root);
  double seconds = 0;
  const auto old_files = complete_run("ngs", root / "old");
  const auto new_files = complete_run("cns", root / "new", &seconds);
  for (const auto& f : kFiles) ASSERT_NE(old_files.at(f), new_files.at(f)) << f;

  std::mt19937 rng(20261206);
  // Most kills fall in the second half, where the files are written.
  std::uniform_real_distribution<double> when(0.3 * seconds, 1.1 * seconds);
  int all_old = 0, all_new = 0, mixed = 0;
  const int trials = 40;
  for (int t = 0; t < trials; ++t) {
    const fs::path dir = root / "target";
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& f : kFiles) fs::copy_file(root / "old" / f, dir / f);

    const pid_t pid = start_roadmap("cns", dir);
    std::this_thread::sleep_for(std::chrono::duration<double>(when(rng)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);

    int news = 0;
    for (const auto& f : kFiles) {
      const std::string now = slurp(dir / f);
      const bool is_old = now == old_files.at(f);
      const bool is_new = now == new_files.at(f);
      EXPECT_TRUE(is_old || is_new)
          << "trial " << t << ": " << f << " is " << now.size() << " bytes, neither the old ("
          << old_files.at(f).size() << ") nor the new (" << new_files.at(f).size() << ") file";
      news += is_new;
    }
    if (news == 0) {
      ++all_old;
    } else if (news == static_cast<int>(kFiles.size())) {
      ++all_new;
    } else {
      ++mixed;
    }
  }
  // Which states the kills hit (a kill between two renames leaves some files new).
  std::cout << "kill test: " << trials << " kills over " << seconds << " s runs: " << all_old
            << " all old, " << all_new << " all new, " << mixed << " mixed\n";
  fs::remove_all(root);
}

}  // namespace
