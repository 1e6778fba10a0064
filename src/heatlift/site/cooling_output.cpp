#include "heatlift/site/cooling_output.hpp"

#include <iterator>

#include <fmt/format.h>

#include "heatlift/core/units.hpp"

namespace heatlift::site {

using nlohmann::json;

namespace {

constexpr double J_per_kWh = 3.6e6;
double kwh(double joules) {
  return joules / J_per_kWh;
}

// Each month's cooling load, cooling and cooling electricity, the condenser heat recovered, and
// the electricity of the rest of the month (heating, hot water, back-up, standby outside
// cooling hours): the month's total less its cooling part. The report's heating chart draws
// the last two.
json monthly(const Annual& a) {
  json m = {{"load_kwh", json::array()},
            {"cooling_kwh", json::array()},
            {"electricity_kwh", json::array()},
            {"heating_electricity_kwh", json::array()},
            {"recovered_kwh", json::array()}};
  for (std::size_t i = 0; i < 12; ++i) {
    m["load_kwh"].push_back(kwh(a.monthly_cooling_load[i]));
    m["cooling_kwh"].push_back(kwh(a.monthly_cooling[i]));
    m["electricity_kwh"].push_back(kwh(a.monthly_cooling_electricity[i]));
    m["heating_electricity_kwh"].push_back(
        kwh(a.monthly_electricity[i] - a.monthly_cooling_electricity[i]));
    m["recovered_kwh"].push_back(kwh(a.monthly_recovered[i]));
  }
  return m;
}

json baselines(const SiteOutcome& o) {
  json out = json::array();
  for (const BaselineOutcome& b : o.baselines) {
    out.push_back({{"generator", b.generator.id},
                   {"chiller_electricity_kwh", kwh(b.cooling_electricity)},
                   {"chiller_seer", b.cooling_electricity > 0
                                        ? json(o.simulation.annual.cooling / b.cooling_electricity)
                                        : json()},
                   {"chiller_co2_t", b.cooling_co2_kg / 1e3}});
  }
  return out;
}

json gbt50801(const SiteOutcome& o) {
  if (!o.gbt50801 || !o.gbt50801->system_eer) return json();
  const Gbt50801Outcome& g = *o.gbt50801;
  const accounting::gbt50801::Substitution& s = *g.cooling_substitution;
  return {{"system_eer", *g.system_eer},
          {"grade", g.cooling_grade > 0 ? json(g.cooling_grade) : json()},
          {"conventional_kgce", s.conventional_kgce},
          {"heat_pump_kgce", s.heat_pump_kgce},
          {"substituted_kgce", s.substituted_kgce},
          {"co2_avoided_t", s.co2_kg / 1e3}};
}

}  // namespace

bool cools(const SiteOutcome& o) {
  return o.plan.system.heat_pump.cooling_map != nullptr;
}

json cooling_json(const SiteOutcome& o) {
  const Annual& a = o.simulation.annual;
  const double aux = a.cooling_source_aux + a.cooling_sink_aux;
  return {{"load_kwh", kwh(a.cooling_load)},
          {"cooling_kwh", kwh(a.cooling)},
          {"unmet_kwh", kwh(a.cooling_unmet)},
          {"electricity_kwh", kwh(a.cooling_power + aux)},
          {"energy_cost_cny", o.cooling_cost_cny ? json(*o.cooling_cost_cny) : json()},
          {"unit_electricity_kwh", kwh(a.cooling_power)},
          {"source_aux_kwh", kwh(a.cooling_source_aux)},
          {"sink_aux_kwh", kwh(a.cooling_sink_aux)},
          {"seer_unit", a.seer_unit},
          {"seer_source", a.seer_source},
          {"seer_system", a.seer_system},
          {"peak_load_kw", a.peak_cooling_load / 1e3},
          {"hours", a.cooling_hours},
          {"unmet_hours", a.cooling_unmet_hours},
          {"cutout_hours", a.cooling_cutout_hours},
          {"heat_recovery",
           {{"enabled", o.plan.system.heat_pump.heat_recovery},
            {"recovered_kwh", kwh(a.recovered_heat)},
            {"electricity_saved_kwh", kwh(a.recovery_electricity_saved)},
            {"hours", a.recovery_hours},
            {"outside_map_hours", a.recovery_outside_map_hours}}},
          {"monthly", monthly(a)},
          {"baselines", baselines(o)},
          {"gbt50801", gbt50801(o)}};
}

void add_cooling_hourly(const SiteOutcome& o, json& hourly) {
  json load = json::array(), cool = json::array(), eer = json::array();
  for (const Hour& h : o.simulation.hours) {
    load.push_back(h.cooling_load / 1e3);
    cool.push_back(h.cooling / 1e3);
    eer.push_back(h.cooling > 0 && h.hp_power > 0 ? json(h.cooling / h.hp_power) : json());
  }
  hourly["cooling_load_kw"] = std::move(load);
  hourly["cooling_kw"] = std::move(cool);
  hourly["eer"] = std::move(eer);
}

std::string cooling_line(const SiteOutcome& o) {
  const Annual& a = o.simulation.annual;
  const SizingBasis& b = o.plan.basis;
  std::string line = fmt::format(
      "cooling {:.0f} kWh · delivered {:.0f} kWh · unmet {:.0f} kWh in {} h · electricity {:.0f} "
      "kWh · SEER unit {:.2f}  system {:.2f} · peak {:.1f} kW (design {:.1f} kW at {:.1f} °C, "
      "chilled water {:.1f} °C)",
      kwh(a.cooling_load), kwh(a.cooling), kwh(a.cooling_unmet), a.cooling_unmet_hours,
      kwh(a.cooling_power + a.cooling_source_aux + a.cooling_sink_aux), a.seer_unit, a.seer_system,
      a.peak_cooling_load / 1e3, b.design_cooling_load / 1e3,
      b.t_out_cooling_design - core::kZeroCelsius, b.t_chilled_design - core::kZeroCelsius);
  if (a.recovered_heat > 0) {
    fmt::format_to(std::back_inserter(line),
                   " · heat recovered {:.0f} kWh in {} h (saves {:.0f} kWh)", kwh(a.recovered_heat),
                   a.recovery_hours, kwh(a.recovery_electricity_saved));
  }
  if (a.recovery_outside_map_hours > 0) {
    fmt::format_to(std::back_inserter(line),
                   " · {} h recover nothing (rejection at the heat loads' supply beyond the "
                   "cooling map)",
                   a.recovery_outside_map_hours);
  }
  line += '\n';
  return line;
}

std::string cooling_csv_header() {
  return ",cooling_load_kW,cooling_kW,cooling_unmet_kW,recovered_kW,ground_heat_kW";
}

void append_cooling_csv(const Hour& h, std::string& row) {
  fmt::format_to(std::back_inserter(row), ",{:.4f},{:.4f},{:.4f},{:.4f},{:.4f}",
                 h.cooling_load / 1e3, h.cooling / 1e3, h.cooling_unmet / 1e3, h.recovered / 1e3,
                 h.ground_heat / 1e3);
}

}  // namespace heatlift::site
