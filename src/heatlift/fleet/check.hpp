// Calibration check: the scenario's [[targets]] (published roadmap figures) against the model.
#pragma once

#include <string>
#include <vector>

#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::fleet {

struct CheckRow {
  std::string scenario;
  Target target;
  double model = 0.0;  ///< SI (a fraction for a share)
  /// model / target − 1; for a share, model − target (percentage points as a fraction)
  double deviation = 0.0;
  /// |deviation| ≤ tolerance. A bottom-up run enforces every row (its energy and CO2 come
  /// from physics, not from a fit that could be told to ignore a figure); a top-down run
  /// passes the rows its scenario marks `enforced = false`.
  bool pass = true;
  /// What would close the gap: which parameter would have to take which value, e.g. "heat
  /// per unit ×0.23: 1.77 MWh/a instead of 7.67 (floor area 21 m² per unit instead of 91)".
  /// Empty when the row passes.
  std::string remedy;
};

/// Compares every target of `scenario` with `results` (which must come from it).
std::vector<CheckRow> check(const Scenario& scenario, const Results& results);

}  // namespace heatlift::fleet
