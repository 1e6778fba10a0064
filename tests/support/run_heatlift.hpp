// Runs the heatlift binary as a user would, for end-to-end tests. The including test
// target defines HEATLIFT_EXE (the binary's path).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace heatlift::testing {

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

/// A path prefix for temporary files that no other test process uses: ctest runs the
/// tests in parallel.
inline std::string scratch() {
  return ::testing::TempDir() + "heatlift_" + std::to_string(::getpid()) + "_";
}

/// `env` is put before the command (variables, or "cd DIR &&").
inline CliRun run_heatlift(const std::string& args, const std::string& env = "") {
  const std::string err_file = scratch() + "stderr.txt";
  const std::string cmd = env + " " + HEATLIFT_EXE + " " + args + " 2>" + err_file;
  FILE* pipe = popen(cmd.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = pclose(pipe);
  std::ifstream in(err_file);
  std::stringstream err;
  err << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err.str()};
}

}  // namespace heatlift::testing
