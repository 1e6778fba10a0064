// Runs a verb for the HTTP API exactly as the command line does: `heatlift --format json
// <verb> ...`, so an answer is byte for byte what the CLI prints, errors included. Short
// verbs that read no request file run in the server's own process (the command line's
// run function, handed in by `heatlift serve`, one at a time: it installs a process-wide
// notice handler); verbs that may run long or read a body run as a child process of the
// same binary, in a private folder holding the body file, and are killed at the deadline.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <utility>
#include <vector>

#include "heatlift/server/body.hpp"
#include "heatlift/server/child_process.hpp"
#include "heatlift/server/endpoints.hpp"

namespace heatlift::server {

/// A verb's command line for one request.
struct Invocation {
  std::vector<std::string> args;  ///< after `heatlift --format FORMAT [--data DIR]`
  std::string format = "json";    ///< json, or csv for a download
  std::optional<BodyFile> file;   ///< the body, written where the verb runs
  RunIn run_in = RunIn::child;
};

using QueryValues = std::vector<std::pair<std::string, std::string>>;

/// The command line of `m`'s verb for a request: its words, `--option=value` per query
/// parameter, `--db=URL` for a store endpoint, then `--` and the positionals (path values,
/// the body file). Throws InvalidInput for an unknown or repeated parameter, a flag that is
/// not true/false, a name that is not a plain name, a control character in a value;
/// NotSupported for a store endpoint when `db` is empty (the server has no store).
Invocation make_invocation(const Match& m, const VerbDoc& doc, const QueryValues& query,
                           std::string_view content_type, const std::string& body,
                           const std::string& db = {});

/// What a run left.
struct Outcome {
  enum class Stop {
    none,    ///< finished
    waited,  ///< the deadline passed while waiting for a turn
    ran,     ///< the deadline passed while running (the run was stopped)
  };
  int exit_code = 0;
  std::string out;  ///< standard output: one JSON document
  std::string err;  ///< standard error
  Stop stop = Stop::none;
};

class Engine {
 public:
  virtual ~Engine() = default;
  /// Runs `inv`; gives up at `deadline` (Outcome::stop says when).
  virtual Outcome run(const Invocation& inv, Clock::time_point deadline) = 0;
};

/// cli::run's signature.
using CliMain = int (*)(int, const char* const*, std::ostream&, std::ostream&, std::istream&);

struct EngineOptions {
  CliMain cli = nullptr;                ///< the command line, for verbs run in the server
  std::string exe;                      ///< the heatlift binary, for verbs run in a child
  std::optional<std::string> data_dir;  ///< --data DIR for every run
  unsigned jobs = 2;                    ///< child processes at a time
  std::size_t max_output = std::size_t{256} << 20;  ///< a child's output bound
};

/// The engine of `heatlift serve`.
class CliEngine final : public Engine {
 public:
  explicit CliEngine(EngineOptions options);
  ~CliEngine() override;
  CliEngine(const CliEngine&) = delete;
  CliEngine& operator=(const CliEngine&) = delete;

  Outcome run(const Invocation& inv, Clock::time_point deadline) override;

 private:
  Outcome run_here(const Invocation& inv, Clock::time_point deadline);
  Outcome run_child(const Invocation& inv, Clock::time_point deadline);
  std::vector<std::string> global_args(const Invocation& inv) const;

  EngineOptions options_;
  std::timed_mutex here_;                   ///< one in-process run at a time
  std::counting_semaphore<1024> children_;  ///< child processes at a time
  std::filesystem::path scratch_;           ///< this server's folder of run folders
};

}  // namespace heatlift::server
