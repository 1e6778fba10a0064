// Access to heatlift's data files (fluids, standards, climate, scenarios ...).
//
// Every file under data/ is compiled into the binary, so heatlift works from any folder.
// A user may point at a folder of their own (--data DIR or HEATLIFT_DATA): a file found
// there is used instead of the built-in one with the same relative path; anything not
// found there still comes from the built-in set.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::core {

struct DataFileInfo {
  std::string path;    ///< relative path, e.g. "fluids/R32.json"
  std::string origin;  ///< "built-in" or the user folder it came from
  std::string source;  ///< the file's own source line (publication, standard, dataset)
  std::size_t bytes = 0;
};

class DataStore {
 public:
  /// Built-in files only.
  DataStore() = default;
  /// User folder first, built-in files behind it. Throws InvalidInput if `dir` is not a folder.
  explicit DataStore(std::filesystem::path user_dir);

  /// The store the command line asks for: --data DIR if given, else $HEATLIFT_DATA, else built-in.
  static DataStore from_environment(const std::optional<std::filesystem::path>& cli_dir);

  bool exists(std::string_view path) const;
  /// The file's content. Throws DataMissing naming the path when there is no such file.
  std::string read(std::string_view path) const;
  /// Every file whose path starts with `prefix`, sorted by path.
  std::vector<DataFileInfo> list(std::string_view prefix = {}) const;
  const std::optional<std::filesystem::path>& user_dir() const { return user_dir_; }

  /// The first "source" line of a data file's header ("# source: ...", "source = ...",
  /// "\"source\": \"...\""), or "" when it has none.
  static std::string source_line(std::string_view content);

 private:
  std::optional<std::filesystem::path> user_dir_;
};

}  // namespace heatlift::core
