// A solved cycle as JSON, the document `heatlift cycle run --format json` prints and the
// Python bindings return: the figures with their SI units in the keys (heating_W, p_low_Pa,
// T_discharge_K ...) and one entry per node.
#pragma once

#include <nlohmann/json.hpp>

#include "heatlift/cycles/cycle.hpp"

namespace heatlift::report {

/// One state: T_K, p_Pa, h_J_per_kg, s_J_per_kgK, rho_kg_per_m3, phase, Q (null when
/// single-phase).
nlohmann::json state_json(const fluids::State& s);

/// The cycle's figures, nodes, entropy generated per component and notes; source_pinch_K
/// and sink_pinch_K only when the levels were found from a pinch.
nlohmann::json cycle_result_json(const cycles::CycleResult& r);

}  // namespace heatlift::report
