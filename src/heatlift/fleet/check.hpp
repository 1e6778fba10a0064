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
  double model = 0.0;      ///< SI
  double deviation = 0.0;  ///< model / target − 1
  bool pass = true;        ///< |deviation| ≤ tolerance (always true when not enforced)
};

/// Compares every target of `scenario` with `results` (which must come from it).
std::vector<CheckRow> check(const Scenario& scenario, const Results& results);

}  // namespace heatlift::fleet
