// A scenario file as a TOML document, with `extends` applied (fleet-internal: included only
// by the scenario reader's own .cpp files).
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"

namespace heatlift::fleet::detail {

struct Document {
  toml::table table;
  std::string file;
  /// Numbers no double holds, rewritten to ±inf so that their field's range refuses them,
  /// as written (of this file and its bases).
  core::WrittenNumbers literals;
};

/// Parses scenario text and merges it over the scenario it extends (at most 8 deep); a
/// derived scenario inherits no targets, name or title.
Document parse_document(const core::DataStore& data, std::string_view text, std::string_view file,
                        int depth);

/// A shipped scenario by name ("cns") or a file by path, relative to `relative_to` when
/// that is not empty.
Document load_document(const core::DataStore& data, std::string_view name_or_path,
                       const std::filesystem::path& relative_to, int depth);

/// Every value of `t` by its dotted key (arrays of tables as key[i]).
void flatten(const toml::table& t, const std::string& prefix,
             std::map<std::string, std::string>& out);

}  // namespace heatlift::fleet::detail
