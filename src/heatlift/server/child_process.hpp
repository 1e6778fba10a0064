// A program run as a child process with a deadline: its output captured, killed when the
// deadline passes or its output grows past a bound. The HTTP API runs the verbs that may
// take long in children, so the time limit can stop them and a failure stays theirs.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace heatlift::server {

using Clock = std::chrono::steady_clock;

struct ChildRun {
  int exit_code = -1;     ///< the exit status, or 128 + the signal that ended it
  bool killed = false;    ///< killed at the deadline
  bool overflow = false;  ///< killed because its output passed `max_output`
  std::string out;        ///< standard output
  std::string err;        ///< standard error
};

/// Runs `argv` (argv[0] is the program's path) in folder `cwd`, standard input from
/// /dev/null, in a process group of its own, with default signal handling and no file
/// descriptor of the server but its pipes. The group is killed (SIGKILL) at `deadline`.
/// Throws InternalError when the program cannot be started.
ChildRun run_child(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                   Clock::time_point deadline, std::size_t max_output);

}  // namespace heatlift::server
