#include "heatlift/report/rating_json.hpp"

#include "heatlift/core/units.hpp"
#include "heatlift/fluids/refrigerants.hpp"

namespace heatlift::report {

namespace st = standards;

namespace {

nlohmann::json metric_json(const st::MetricValue& m) {
  return {{"name", m.name},
          {"value", m.value},
          {"computed", m.computed},
          {"clause", m.clause},
          {"confidence", st::to_string(m.confidence)}};
}

nlohmann::json grade_json(const st::GradeOutcome& g) {
  nlohmann::json gj{{"table", g.table_id},
                    {"clause", g.clause},
                    {"band", g.band},
                    {"confidence", st::to_string(g.confidence)},
                    {"metric", g.metric},
                    {"thresholds", g.thresholds},
                    {"grades", g.grades},
                    {"graded", g.graded},
                    {"pass", g.pass},
                    {"note", g.note},
                    {"next_needs", g.next_needs}};
  gj["grade"] = g.grade ? nlohmann::json(*g.grade) : nlohmann::json();
  gj["margin"] = g.margin ? nlohmann::json(*g.margin) : nlohmann::json();
  gj["next_grade"] = g.next_grade ? nlohmann::json(*g.next_grade) : nlohmann::json();
  gj["to_next"] = g.to_next ? nlohmann::json(*g.to_next) : nlohmann::json();
  gj["below_minimum"] = nlohmann::json::array();
  for (const auto& m : g.below_minimum) {
    gj["below_minimum"].push_back({{"metric", m.metric},
                                   {"value", m.value},
                                   {"minimum", m.minimum},
                                   {"short_by", m.short_by()}});
  }
  gj["gates"] = nlohmann::json::array();
  for (const auto& c : g.gates) {
    gj["gates"].push_back({{"metric", c.gate.metric},
                           {"grade", c.gate.grade},
                           {"minimum", c.gate.value},
                           {"value", c.value},
                           {"pass", c.pass}});
  }
  return gj;
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

nlohmann::json refrigerant_json(const st::RefrigerantOutcome& ref) {
  return {{"name", ref.name},
          {"composition", ref.composition},
          {"charge_kg", ref.charge ? nlohmann::json(*ref.charge) : nlohmann::json()},
          {"gwp_basis", fluids::to_string(ref.basis)},
          {"gwp", ref.gwp ? nlohmann::json(*ref.gwp) : nlohmann::json()},
          {"co2e_kg", ref.co2e ? nlohmann::json(*ref.co2e) : nlohmann::json()},
          {"gwp_status", ref.status},
          {"gwp_source", ref.source}};
}

nlohmann::json en14825_json(const st::En14825Result& e) {
  nlohmann::json ej{{"standard", e.standard},
                    {"climate", e.climate},
                    {"application", e.application},
                    {"t_design_C", e.t_design - core::kZeroCelsius},
                    {"hhe_h", e.hhe},
                    {"hhe_bins_h", e.hhe_bins},
                    {"qh_kWh", e.qh / 3.6e6},
                    {"electricity_kWh", e.electricity / 3.6e6},
                    {"backup_heat_kWh", e.backup_heat / 3.6e6},
                    {"scop", e.scop},
                    {"scop_on", e.scop_on},
                    {"scop_net", e.scop_net},
                    {"eta_s", e.eta_s},
                    {"cd", e.cd},
                    {"cd_default", e.cd_default},
                    {"cd_confidence", st::to_string(e.cd_confidence)},
                    {"capacity_control", st::to_string(e.capacity_control)},
                    {"part_load_clause", e.part_load_clause},
                    {"cc", e.cc},
                    {"extrapolated_bins", e.extrapolated_bins},
                    {"confidence", st::to_string(e.confidence)},
                    {"clause", e.clause}};
  ej["off_modes"] = nlohmann::json::array();
  for (const auto& m : e.off_modes) {
    ej["off_modes"].push_back({{"mode", m.mode},
                               {"hours_h", m.hours},
                               {"power_W", m.power},
                               {"energy_kWh", m.energy / 3.6e6}});
  }
  ej["off_mode_energy_kWh"] = e.off_mode_energy / 3.6e6;
  ej["off_mode_clause"] = e.off_mode_clause;
  ej["conditions"] = nlohmann::json::array();
  for (const auto& c : e.conditions) {
    ej["conditions"].push_back({{"name", c.name},
                                {"t_C", c.t - core::kZeroCelsius},
                                {"load_kW", c.load / 1e3},
                                {"capacity_kW", c.capacity / 1e3},
                                {"cop_declared", c.cop_declared},
                                {"cop_corrected", c.cop_corrected},
                                {"backup_kW", c.backup / 1e3},
                                {"cd", c.cd},
                                {"cd_declared", c.cd_declared}});
  }
  ej["bins"] = nlohmann::json::array();
  for (const auto& b : e.bins) {
    ej["bins"].push_back({{"t_C", b.t - core::kZeroCelsius},
                          {"hours_h", b.hours},
                          {"part_load", b.part_load},
                          {"load_kW", b.load / 1e3},
                          {"capacity_kW", b.capacity / 1e3},
                          {"cop", b.cop},
                          {"backup_kW", b.backup / 1e3},
                          {"power_kW", b.power / 1e3}});
  }
  return ej;
}

}  // namespace

nlohmann::json rating_json(const st::Rating& r) {
  nlohmann::json j;
  j["status"] = st::to_string(r.flags.empty() ? st::RowStatus::rated : st::RowStatus::flagged);
  j["product"] = r.product;
  j["manufacturer"] = r.manufacturer;
  j["model"] = r.model;
  j["origin"] = r.origin;
  j["standard"] = st::to_string(r.standard);
  j["standard_name"] = r.standard_name;
  j["standard_title"] = r.standard_title;
  j["category"] = r.category;
  j["metric"] = metric_json(r.metric);
  j["other_metrics"] = nlohmann::json::array();
  for (const auto& m : r.other_metrics) j["other_metrics"].push_back(metric_json(m));
  j["grade"] = r.grade ? grade_json(*r.grade) : nlohmann::json(nullptr);
  j["target"] = r.target ? target_json(*r.target) : nlohmann::json(nullptr);
  j["refrigerant"] = refrigerant_json(r.refrigerant);
  if (r.en14825) j["en14825"] = en14825_json(*r.en14825);
  j["notes"] = r.notes;
  j["warnings"] = r.warnings;
  j["flags"] = r.flags;
  return j;
}

nlohmann::json rating_units() {
  return {{"charge_kg", "kg"}, {"co2e_kg", "kg CO2e"},      {"gwp", "kgCO2e/kg"},
          {"metrics", "W/W"},  {"improvement", "fraction"}, {"eta_s", "fraction"}};
}

nlohmann::json product_ratings_json(const st::Product& p, const std::vector<st::Rating>& ratings) {
  nlohmann::json doc;
  doc["product"] = {
      {"name", p.name}, {"manufacturer", p.manufacturer}, {"model", p.model}, {"file", p.origin}};
  doc["ratings"] = nlohmann::json::array();
  for (const auto& r : ratings) doc["ratings"].push_back(rating_json(r));
  doc["units"] = rating_units();
  return doc;
}

}  // namespace heatlift::report
