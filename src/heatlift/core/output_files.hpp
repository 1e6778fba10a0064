// Output files written all or nothing.
//
// A run stages each file it writes as a temporary file in the target's own folder
// (written, flushed and fsync'ed), and only when the whole run has succeeded renames them
// into place, one rename(2) each, then syncs the folders. A run that fails, throws or is
// killed leaves every target as it was: either the old complete file or the new complete
// one, never an empty or half-written one. Temporary files of a killed run (hidden,
// named ".NAME.PID.tmp-XXXXXX") are removed by the next run that writes NAME.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace heatlift::core {

class StagedOutputs {
 public:
  StagedOutputs() = default;
  StagedOutputs(const StagedOutputs&) = delete;
  StagedOutputs& operator=(const StagedOutputs&) = delete;
  /// Removes every staged file that was not committed.
  ~StagedOutputs();

  /// Writes `content` to a temporary file beside `target`. Throws InvalidInput naming the
  /// path when the folder cannot be written. Staging the same target twice keeps the last.
  void stage(const std::filesystem::path& target, std::string_view content);
  /// Renames every staged file onto its target, in the order staged.
  void commit();
  /// Removes every staged file; the targets stay as they were.
  void discard() noexcept;
  std::size_t size() const { return staged_.size(); }

 private:
  struct Entry {
    std::filesystem::path temp;
    std::filesystem::path target;
  };
  std::vector<Entry> staged_;
};

/// Writes one file all or nothing (stage + commit).
void write_file_atomically(const std::filesystem::path& target, std::string_view content);

}  // namespace heatlift::core
