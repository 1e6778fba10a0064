// What a scenario file holds beyond core's field-by-field reader (core::ConfigTable): years,
// paths (one value or { years, values }) and shares that add up to a whole. Each reads a
// declared parameter (scenario_params.hpp) through ConfigTable, so units, ranges, positions
// and messages are core's.
//
// Fleet-internal: included only by the scenario reader's own .cpp files.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "heatlift/core/config.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::fleet::detail {

/// `p` read at another key (a share under the name of its heat source, the `values` of a
/// path, a draw's `min`): the same kind, unit and range, no default.
core::ParamDecl at_key(const core::ParamDecl& p, std::string_view key);

/// A year: an integer in the declared range.
int year(core::ConfigTable& t, const core::ParamDecl& p);
std::optional<int> optional_year(core::ConfigTable& t, const core::ParamDecl& p);

/// Years in the declared range, strictly increasing, at least one; the declared default
/// when absent.
std::vector<double> years(core::ConfigTable& t, const core::ParamDecl& p);

/// A non-empty array of values of `p`.
std::vector<double> values(core::ConfigTable& t, const core::ParamDecl& p);

/// A path: one value of `p`, or a table { years = [...], values = [...] } of them.
Path path(core::ConfigTable& t, const core::ParamDecl& p);

/// Shares that make up a whole (`sum` of the entries of `shares`) must add up to 100 %
/// within kShareSumTolerance; `what` names them in the message. The error points at the
/// first entry the file being read sets (a scenario that extends another may override only
/// some), else at the table.
void check_sum(const core::ConfigTable& shares, double sum, std::string_view what);

/// The segments a lever applies to (`segments`, default: all), each one of `sc`'s.
std::vector<std::string> segment_filter(core::ConfigTable& t, const core::ParamDecl& p,
                                        const Scenario& sc);

}  // namespace heatlift::fleet::detail
