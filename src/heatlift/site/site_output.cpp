#include "heatlift/site/site_output.hpp"

#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/units.hpp"
#include "heatlift/site/cooling_output.hpp"
#include "heatlift/site/hybrid_output.hpp"
#include "heatlift/site/pv_export.hpp"
#include "heatlift/site/solar_thermal_io.hpp"

namespace heatlift::site {

namespace {

using core::kZeroCelsius;
using nlohmann::json;
constexpr double J_per_kWh = 3.6e6;

json opt(const std::optional<double>& v, double scale = 1.0) {
  return v ? json(*v * scale) : json(nullptr);
}

// J to kWh.
double kwh(double J) {
  return J / J_per_kWh;
}

// Where: the place, its zone and weather, the design temperature.
json site_json(const SiteCase& c) {
  const climate::Place& p = *c.place;
  return {{"name", c.name},
          {"file", c.file},
          {"city", p.city ? p.city->name : p.weather.location.name},
          {"city_zh", p.city ? p.city->name_zh : p.weather.location.name_zh},
          {"province", p.weather.location.province},
          {"latitude", p.weather.location.latitude},
          {"longitude", p.weather.location.longitude},
          {"zone", climate::to_string(p.zone)},
          {"synthetic_weather", p.synthetic},
          {"t_design_c", c.t_design - kZeroCelsius},
          {"weather_source", p.weather.source}};
}

json heat_pump_json(const SitePlan& p) {
  return {{"name", p.heat_pump.name},
          {"product", p.heat_pump.product},
          {"type", p.heat_pump.type},
          {"capacity_kw", p.heat_pump.capacity / 1e3},
          {"design_load_kw", p.basis.design_load / 1e3},
          {"design_supply_c", p.basis.t_supply_design - kZeroCelsius},
          {"scale", p.system.heat_pump.scale},
          {"rating_point", p.heat_pump.rating_point},
          {"refrigerant", p.heat_pump.refrigerant},
          {"charge_kg", p.heat_pump.charge},
          {"source", to_string(p.system.source.kind)},
          {"min_part_load", p.system.heat_pump.min_part_load}};
}

json annual_json(const Annual& a) {
  return {{"load_kwh", kwh(a.load)},
          {"hp_heat_kwh", kwh(a.hp_heat)},
          {"backup_heat_kwh", kwh(a.backup_heat)},
          {"unmet_kwh", kwh(a.unmet)},
          {"electricity_kwh", kwh(a.electricity)},
          {"hp_power_kwh", kwh(a.hp_power)},
          {"source_aux_kwh", kwh(a.source_aux)},
          {"sink_aux_kwh", kwh(a.sink_aux)},
          {"backup_power_kwh", kwh(a.backup_power)},
          {"grid_kwh", kwh(a.grid)},
          {"pv_kwh", kwh(a.pv)},
          {"pv_used_kwh", kwh(a.pv_used)},
          {"spf_h1", a.spf_h1},
          {"spf_h2", a.spf_h2},
          {"spf_h3", a.spf_h3},
          {"spf_h4", a.spf_h4},
          {"backup_share", a.backup_share},
          {"peak_electric_kw", a.peak_electric / 1e3},
          {"peak_grid_kw", a.peak_grid / 1e3},
          {"peak_load_kw", a.peak_load / 1e3},
          {"unmet_hours", a.unmet_hours},
          {"run_hours", a.run_hours},
          {"cutout_hours", a.cutout_hours},
          {"cycling_hours", a.cycling_hours},
          {"backup_hours", a.backup_hours},
          {"outside_map_hours", a.outside_map_hours},
          {"bivalent_point_c", a.bivalent_point ? json(*a.bivalent_point - kZeroCelsius) : json()}};
}

json monthly_json(const Annual& a) {
  json monthly = {{"load_kwh", json::array()},
                  {"heat_kwh", json::array()},
                  {"hp_heat_kwh", json::array()},
                  {"backup_heat_kwh", json::array()},
                  {"electricity_kwh", json::array()}};
  for (std::size_t m = 0; m < 12; ++m) {
    monthly["load_kwh"].push_back(kwh(a.monthly_load[m]));
    monthly["heat_kwh"].push_back(kwh(a.monthly_heat[m]));
    monthly["hp_heat_kwh"].push_back(kwh(a.monthly_hp_heat[m]));
    monthly["backup_heat_kwh"].push_back(kwh(a.monthly_backup_heat[m]));
    monthly["electricity_kwh"].push_back(kwh(a.monthly_electricity[m]));
  }
  return monthly;
}

// The heat pump's carbon and money.
json accounts_json(const SiteCase& c, const SiteOutcome& o) {
  return {{"year", o.year},
          {"grid", c.carbon.grid.label()},
          {"grid_factor_kg_per_kwh", o.grid_factor * J_per_kWh},
          {"co2_t", o.co2_kg / 1e3},
          {"co2_electricity_t", o.co2_electricity_kg / 1e3},
          {"co2_refrigerant_t", o.co2_refrigerant_kg / 1e3},
          {"tewi_t", o.tewi.total_kg / 1e3},
          {"tewi_direct_t", o.tewi.direct_kg / 1e3},
          {"lifetime_years", o.tewi.lifetime_years},
          {"energy_cost_cny", o.tariff ? json(o.tariff->cost_cny) : json()},
          {"mean_price_cny_per_kwh", o.tariff ? json(o.tariff->mean_price() * J_per_kWh) : json()},
          {"capital_cny", o.investment ? json(o.investment->gross_capital) : json()},
          {"subsidy_cny", o.investment ? json(o.investment->subsidy) : json()},
          {"om_cny", o.investment ? json(o.investment->annual_om) : json()},
          {"annual_cost_cny", o.annual_cost ? json(o.annual_cost->total) : json()},
          {"lcoh_cny_per_kwh", opt(o.lcoh, J_per_kWh)}};
}

// Each baseline: its fuel, carbon, pollutants and money against the heat pump.
json baselines_json(const SiteOutcome& o) {
  json baselines = json::array();
  for (const BaselineOutcome& b : o.baselines) {
    json r = {{"id", b.generator.id},
              {"name", b.generator.name_en},
              {"name_zh", b.generator.name_zh},
              {"fuel", b.generator.fuel},
              {"efficiency", b.generator.efficiency},
              {"co2_t", b.co2_kg / 1e3},
              {"co2_saving_t", b.co2_saving_kg / 1e3},
              {"standard_coal_t", b.use.standard_coal_kg / 1e3},
              {"so2_kg", opt(b.use.so2_kg)},
              {"dust_kg", opt(b.use.dust_kg)},
              {"energy_cost_cny", opt(b.energy_cost)}};
    const auto [amount, unit] = display_amount(b.fuel_basis, b.use.amount);
    r["fuel_use"] = amount;
    r["fuel_unit"] = unit;
    if (b.money) {
      r["annual_cost_cny"] = b.money->baseline.total;
      r["lcoh_cny_per_kwh"] = b.money->lcoh_baseline * J_per_kWh;
      r["cost_saving_cny"] = b.money->annual_saving;
      // "never" when the heat pump saves nothing against this baseline (as the table and
      // the report say); null only when there is nothing to compare.
      r["payback_years"] = b.money->payback.years ? json(*b.money->payback.years) : json("never");
      r["npv_cny"] = b.money->npv;
    } else {
      for (const char* k :
           {"annual_cost_cny", "lcoh_cny_per_kwh", "cost_saving_cny", "payback_years", "npv_cny"})
        r[k] = nullptr;
    }
    baselines.push_back(std::move(r));
  }
  return baselines;
}

// GB/T 50801's evaluation, null when not asked for.
json gbt50801_json(const SiteCase& c, const SiteOutcome& o) {
  json out;
  if (o.gbt50801) {
    const Gbt50801Outcome& g = *o.gbt50801;
    // A site that only cools has no heating season: system_cop and grade are null (its
    // cooling season is under cooling.gbt50801).
    out = {{"system_cop", opt(g.system_cop)},
           {"grade", g.grade > 0 ? json(g.grade) : json()},
           {"electricity_to_coal_basis", c.gbt50801->electricity_to_coal_basis},
           {"electricity_to_coal_kgce_per_kwh", c.gbt50801->electricity_to_coal * J_per_kWh},
           {"conventional_kgce", g.substitution.conventional_kgce},
           {"heat_pump_kgce", g.substitution.heat_pump_kgce},
           {"substituted_kgce", g.substitution.substituted_kgce},
           {"co2_avoided_t", g.substitution.co2_kg / 1e3},
           {"so2_avoided_kg", g.substitution.so2_kg},
           {"dust_avoided_kg", g.substitution.dust_kg},
           {"annual_saving_cny", g.payoff ? json(g.payoff->annual_saving_cny) : json()}};
    // The other electricity-to-coal basis, so both readings of the standard are shown.
    out["alternative"] = nullptr;
    if (g.alternative && c.gbt50801->alternative_to_coal) {
      out["alternative"] = {
          {"electricity_to_coal_basis", c.gbt50801->alternative_basis},
          {"electricity_to_coal_kgce_per_kwh", *c.gbt50801->alternative_to_coal * J_per_kWh},
          {"heat_pump_kgce", g.alternative->heat_pump_kgce},
          {"substituted_kgce", g.alternative->substituted_kgce},
          {"co2_avoided_t", g.alternative->co2_kg / 1e3}};
    }
    // Absent when not evaluated (no conventional price or incremental cost); "never" when
    // the substitution saves nothing (C_s <= 0), as in the table and the report.
    if (g.payoff) {
      out["static_payback_years"] =
          g.payoff->payback_years ? json(*g.payoff->payback_years) : json("never");
    }
  } else {
    out = nullptr;
  }
  return out;
}

}  // namespace

std::pair<double, std::string> display_amount(accounting::FuelBasis basis, double amount) {
  switch (basis) {
    case accounting::FuelBasis::mass: return {amount / 1000.0, "t"};
    case accounting::FuelBasis::volume: return {amount, "m3"};
    case accounting::FuelBasis::electricity: return {amount / J_per_kWh, "kWh"};
    case accounting::FuelBasis::heat: return {amount / 1e9, "GJ"};
  }
  return {amount, ""};
}

json summary_json(const SiteCase& c, const SiteOutcome& o) {
  const Annual& a = o.simulation.annual;
  json doc = {{"site", site_json(c)},
              {"heat_pump", heat_pump_json(o.plan)},
              {"annual", annual_json(a)},
              {"monthly", monthly_json(a)},
              {"heat_pump_accounts", accounts_json(c, o)},
              {"baselines", baselines_json(o)}};
  doc["gbt50801"] = gbt50801_json(c, o);
  if (o.hybrid) doc["hybrid"] = hybrid_json(*o.hybrid);
  if (o.pv) doc["pv"] = pv_json(*o.pv);
  if (o.solar_thermal && c.solar_thermal) {
    doc["solar_thermal"] = solar_thermal_json(*c.solar_thermal, *o.solar_thermal);
  }
  if (cools(o)) doc["cooling"] = cooling_json(o);
  if (o.plan.ground) doc["ground_loop"] = ground_loop_json(*o.plan.ground);
  return doc;
}

json hourly_json(const SiteOutcome& o) {
  json t = json::array(), load = json::array(), hp = json::array(), bu = json::array(),
       el = json::array(), cop = json::array();
  for (const Hour& h : o.simulation.hours) {
    t.push_back(h.t_out - kZeroCelsius);
    load.push_back(h.load / 1e3);
    hp.push_back(h.hp_heat / 1e3);
    bu.push_back(h.backup_heat / 1e3);
    el.push_back(h.electricity() / 1e3);
    cop.push_back(h.hp_heat > 0 && h.hp_power > 0 ? json(h.hp_heat / h.hp_power) : json());
  }
  json r = {{"t_out_c", t},         {"load_kw", load},      {"hp_heat_kw", hp},
            {"backup_heat_kw", bu}, {"electricity_kw", el}, {"cop", cop}};
  if (cools(o)) add_cooling_hourly(o, r);
  return r;
}

std::string hourly_csv(const SiteOutcome& o) {
  std::string s =
      "hour,month,t_out_C,t_source_C,t_supply_C,load_kW,hp_heat_kW,hp_power_kW,source_aux_kW,"
      "sink_aux_kW,backup_heat_kW,backup_power_kW,store_in_kW,store_out_kW,store_loss_kW,"
      "store_level_kWh,unmet_kW,pv_kW,grid_kW,part_load,defrost_factor,mode";
  const bool cooled = cools(o);
  if (cooled) s += cooling_csv_header();
  s += '\n';
  s.reserve(s.size() + o.simulation.hours.size() * 160);
  for (std::size_t i = 0; i < o.simulation.hours.size(); ++i) {
    const Hour& h = o.simulation.hours[i];
    fmt::format_to(std::back_inserter(s),
                   "{},{},{:.2f},{:.2f},{:.2f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},"
                   "{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.3f},{:.4f},{}",
                   i, climate::month_of_hour(i) + 1, h.t_out - kZeroCelsius,
                   h.t_source - kZeroCelsius, h.t_supply - kZeroCelsius, h.load / 1e3,
                   h.hp_heat / 1e3, h.hp_power / 1e3, h.source_aux / 1e3, h.sink_aux / 1e3,
                   h.backup_heat / 1e3, h.backup_power / 1e3, h.store_in / 1e3, h.store_out / 1e3,
                   h.store_loss / 1e3, h.store_level / J_per_kWh, h.unmet / 1e3, h.pv / 1e3,
                   h.grid / 1e3, h.part_load, h.defrost_factor, to_string(h.mode));
    if (cooled) append_cooling_csv(h, s);
    s += '\n';
  }
  return s;
}

}  // namespace heatlift::site
