#include "heatlift/python/rating_json.hpp"

#include "heatlift/core/units.hpp"

namespace heatlift::python {
namespace {

namespace st = standards;

template <class T>
nlohmann::json optional(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json metric_json(const st::MetricValue& m) {
  return {{"name", m.name},
          {"value", m.value},
          {"computed", m.computed},
          {"clause", m.clause},
          {"confidence", st::to_string(m.confidence)}};
}

nlohmann::json grade_json(const st::GradeOutcome& g) {
  nlohmann::json j{{"table", g.table_id},
                   {"clause", g.clause},
                   {"band", g.band},
                   {"confidence", st::to_string(g.confidence)},
                   {"metric", g.metric},
                   {"thresholds", g.thresholds},
                   {"grades", g.grades},
                   {"graded", g.graded},
                   {"pass", g.pass},
                   {"note", g.note},
                   {"next_needs", g.next_needs},
                   {"grade", optional(g.grade)},
                   {"margin", optional(g.margin)},
                   {"next_grade", optional(g.next_grade)},
                   {"to_next", optional(g.to_next)}};
  j["below_minimum"] = nlohmann::json::array();
  for (const auto& m : g.below_minimum) {
    j["below_minimum"].push_back({{"metric", m.metric},
                                  {"value", m.value},
                                  {"minimum", m.minimum},
                                  {"short_by", m.short_by()}});
  }
  j["gates"] = nlohmann::json::array();
  for (const auto& c : g.gates) {
    j["gates"].push_back({{"metric", c.gate.metric},
                          {"grade", c.gate.grade},
                          {"minimum", c.gate.value},
                          {"value", c.value},
                          {"pass", c.pass}});
  }
  return j;
}

nlohmann::json target_json(const st::TargetOutcome& t) {
  return {{"year", t.year},
          {"target", t.target},
          {"baseline_name", t.baseline_name},
          {"baseline_is_limit", t.baseline_is_limit},
          {"baseline", t.baseline},
          {"required", t.required},
          {"improvement", t.improvement},
          {"status", st::to_string(t.status)},
          {"met", t.met},
          {"basis", t.basis},
          {"reading", t.reading},
          {"confidence", st::to_string(t.confidence)}};
}

nlohmann::json en14825_json(const st::En14825Result& e) {
  nlohmann::json j{{"standard", e.standard},
                   {"climate", e.climate},
                   {"t_design_C", e.t_design - core::kZeroCelsius},
                   {"hhe_h", e.hhe},
                   {"qh_kWh", e.qh / 3.6e6},
                   {"electricity_kWh", e.electricity / 3.6e6},
                   {"backup_heat_kWh", e.backup_heat / 3.6e6},
                   {"scop", e.scop},
                   {"scop_on", e.scop_on},
                   {"scop_net", e.scop_net},
                   {"eta_s", e.eta_s},
                   {"cd", e.cd},
                   {"extrapolated_bins", e.extrapolated_bins},
                   {"confidence", st::to_string(e.confidence)},
                   {"clause", e.clause}};
  j["bins"] = nlohmann::json::array();
  for (const auto& b : e.bins) {
    j["bins"].push_back({{"t_C", b.t - core::kZeroCelsius},
                         {"hours_h", b.hours},
                         {"part_load", b.part_load},
                         {"load_kW", b.load / 1e3},
                         {"capacity_kW", b.capacity / 1e3},
                         {"cop", b.cop},
                         {"backup_kW", b.backup / 1e3},
                         {"power_kW", b.power / 1e3}});
  }
  return j;
}

}  // namespace

nlohmann::json rating_json(const st::Rating& r) {
  const auto& ref = r.refrigerant;
  nlohmann::json j{{"product", r.product},
                   {"manufacturer", r.manufacturer},
                   {"model", r.model},
                   {"origin", r.origin},
                   {"standard", st::to_string(r.standard)},
                   {"standard_name", r.standard_name},
                   {"standard_title", r.standard_title},
                   {"category", r.category},
                   {"metric", metric_json(r.metric)},
                   {"grade", r.grade ? grade_json(*r.grade) : nlohmann::json(nullptr)},
                   {"target", r.target ? target_json(*r.target) : nlohmann::json(nullptr)},
                   {"refrigerant",
                    {{"name", ref.name},
                     {"composition", ref.composition},
                     {"charge_kg", optional(ref.charge)},
                     {"gwp_basis", fluids::to_string(ref.basis)},
                     {"gwp", optional(ref.gwp)},
                     {"co2e_kg", optional(ref.co2e)},
                     {"gwp_status", ref.status},
                     {"gwp_source", ref.source}}},
                   {"notes", r.notes}};
  j["other_metrics"] = nlohmann::json::array();
  for (const auto& m : r.other_metrics) j["other_metrics"].push_back(metric_json(m));
  if (r.en14825) j["en14825"] = en14825_json(*r.en14825);
  return j;
}

nlohmann::json rating_units() {
  return {{"charge_kg", "kg"}, {"co2e_kg", "kg CO2e"},      {"gwp", "kgCO2e/kg"},
          {"metrics", "W/W"},  {"improvement", "fraction"}, {"eta_s", "fraction"}};
}

}  // namespace heatlift::python
