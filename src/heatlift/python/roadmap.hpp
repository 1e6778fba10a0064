// The national fleet run as `heatlift roadmap` assembles it (the bottom-up engine by
// default), and its results as one tidy table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/uncertainty.hpp"
#include "heatlift/python/session.hpp"
#include "heatlift/python/table.hpp"

namespace heatlift::python {

struct RoadmapRequest {
  std::vector<std::string> scenarios{"cns", "ngs"};  ///< shipped names or scenario files
  bool bottom_up = true;   ///< cells simulated (default), else the fitted top-down engine
  int samples = 0;         ///< Monte Carlo samples; 0: none
  std::uint64_t seed = 1;  ///< of the Monte Carlo run
  unsigned threads = 0;    ///< 0: all cores; the result does not depend on it
  std::optional<std::string> catalogue;  ///< cell catalogue text; none: data/fleet/cells.toml
  std::string origin = "cells";          ///< its name in messages
};

/// Runs the scenarios on this machine and returns results_table() of them.
Table run_roadmap(const Session& session, const RoadmapRequest& request);

/// One row per scenario, year, group and indicator (the rows of results.csv, values in
/// display units at full precision): scenario, year, group, kind, indicator, unit, value,
/// and with bands p5, p50, p95. Values that do not apply (NaN in the run) have no row.
Table results_table(const std::vector<fleet::Results>& runs,
                    const std::vector<fleet::Bands>& bands);

}  // namespace heatlift::python
