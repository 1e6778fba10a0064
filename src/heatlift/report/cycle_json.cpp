#include "heatlift/report/cycle_json.hpp"

#include <string>
#include <vector>

namespace heatlift::report {

nlohmann::json state_json(const fluids::State& s) {
  nlohmann::json j{{"T_K", s.T},
                   {"p_Pa", s.p},
                   {"h_J_per_kg", s.h},
                   {"s_J_per_kgK", s.s},
                   {"rho_kg_per_m3", s.rho},
                   {"phase", std::string(fluids::to_string(s.phase))}};
  j["Q"] = s.Q ? nlohmann::json(*s.Q) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json cycle_result_json(const cycles::CycleResult& r) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& n : r.nodes) {
    nlohmann::json j = state_json(n.state);
    j["node"] = n.name();
    j["fluid"] = r.fluids[static_cast<std::size_t>(n.fluid)];
    j["m_dot_kg_per_s"] = n.m_dot;
    nodes.push_back(j);
  }
  nlohmann::json entropy = nlohmann::json::object();
  for (const auto& e : r.entropy) entropy[e.name()] = e.generated;
  nlohmann::json out{{"topology", std::string(cycles::to_string(r.topology))},
                     {"fluids", std::vector<std::string>(r.fluids.begin(), r.fluids.end())},
                     {"nodes", nodes},
                     {"heating_W", r.heating},
                     {"source_heat_W", r.source_heat},
                     {"compressor_shaft_W", r.compressor_shaft},
                     {"compressor_electric_W", r.compressor_electric},
                     {"auxiliary_W", r.auxiliary},
                     {"cop", r.cop},
                     {"cop_carnot", r.cop_carnot},
                     {"cop_lorenz", r.cop_lorenz},
                     {"eta_carnot", r.eta_carnot},
                     {"eta_lorenz", r.eta_lorenz},
                     {"T_discharge_K", r.T_discharge},
                     {"pressure_ratio", r.pressure_ratio},
                     {"p_low_Pa", r.p_low},
                     {"p_high_Pa", r.p_high},
                     {"T_evap_K", r.T_evap},
                     {"T_high_K", r.T_high},
                     {"volumetric_heating_capacity_J_per_m3", r.volumetric_heating_capacity},
                     {"energy_balance", r.energy_balance},
                     {"entropy_generated_W_per_K", entropy},
                     {"notes", r.notes}};
  if (r.source_pinch) out["source_pinch_K"] = r.source_pinch->approach;
  if (r.sink_pinch) out["sink_pinch_K"] = r.sink_pinch->approach;
  return out;
}

}  // namespace heatlift::report
