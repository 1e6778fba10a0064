// Reading scenario files (TOML) into fleet::Scenario. The only place that sees TOML.
//
// Every error names the file, line and column of the offending key or value, the field
// and what was expected, e.g.
//   cns.toml:42:13: segments.sh_household.lifetime.scale = "-3 a" is out of range; expected 1 a to
//   60 a
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "heatlift/core/data_store.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::fleet {

/// The scenarios shipped under data/scenarios/ ("cns", "ngs", ...), sorted.
std::vector<std::string> shipped_scenarios(const core::DataStore& data);

/// Loads a shipped scenario by name ("cns" → data/scenarios/cns.toml) or a file by path.
Scenario load_scenario(const core::DataStore& data, std::string_view name_or_path);

/// Parses scenario text; `file` names it in error messages and resolves `extends`.
Scenario parse_scenario(const core::DataStore& data, std::string_view text, std::string_view file);

/// One setting that differs between two scenario files ("" when absent on one side).
struct SettingDifference {
  std::string key;  ///< dotted path, e.g. "segments.sh_household.spf.values"
  std::string a;
  std::string b;
};

/// The settings that differ between two scenario files (after `extends` is applied).
std::vector<SettingDifference> diff_scenarios(const core::DataStore& data, std::string_view a,
                                              std::string_view b);

}  // namespace heatlift::fleet
