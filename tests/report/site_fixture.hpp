// A realistic `heatlift site run` result for the report tests, from simple formulas rather
// than the simulation: a rural house near Shijiazhuang (cold zone, design −6.2 °C) heated
// from 15 November to 15 March by a 10 kW low-ambient air-to-water heat pump whose capacity
// falls with the outdoor temperature, an electric back-up heater for the rest, and the
// scattered-coal stove, gas boiler and direct electric heating it replaces.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <numbers>
#include <string>

namespace heatlift::test {

inline nlohmann::json site_fixture(const std::string& site_name = "石家庄近郊农宅") {
  using nlohmann::json;
  constexpr double kPi = std::numbers::pi;
  constexpr int kHours = 8760;
  constexpr std::array<int, 12> kMonthDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  constexpr double kUa = 9.8 / (18.0 + 6.2);  // kW/K: 9.8 kW at the design temperature
  constexpr double kCapacity = 10.0;          // kW at A7

  json hourly = {{"t_out_c", json::array()},        {"load_kw", json::array()},
                 {"hp_heat_kw", json::array()},     {"backup_heat_kw", json::array()},
                 {"electricity_kw", json::array()}, {"cop", json::array()}};
  std::array<double, 12> m_load{}, m_hp{}, m_backup{}, m_el{};
  double load_sum = 0, hp_sum = 0, backup_sum = 0, hp_power = 0, source_aux = 0, sink_aux = 0;
  double peak_el = 0, peak_load = 0, bivalent = -99;
  int run_hours = 0, cycling_hours = 0;
  int month = 0, month_end = kMonthDays[0] * 24;
  for (int h = 0; h < kHours; ++h) {
    if (h >= month_end) month_end += kMonthDays[++month] * 24;
    const double day = h / 24.0;
    const int hour = h % 24;
    // Annual swing (coldest mid-January), daily swing (coldest before dawn), weather noise.
    const double t = 13.5 - 16.0 * std::cos(2 * kPi * (day - 15.0) / 365.0) -
                     4.0 * std::cos(2 * kPi * (hour - 3) / 24.0) +
                     3.0 * std::sin(day * 0.9) * std::sin(day * 0.23 + 1.0);
    const bool season = day < 74.0 || day >= 318.0;  // 15 Nov – 15 Mar
    const double load = season ? std::max(0.0, kUa * (18.0 - t)) : 0.0;
    const double capacity = kCapacity * std::clamp(1.0 + 0.025 * (t - 7.0), 0.4, 1.3);
    const double q_hp = std::min(load, capacity);
    const double q_bu = load - q_hp;
    // COP: falls with the outdoor temperature, dips where frost forms (−7…5 °C), scatters
    // with the supply temperature and the hour's history, and suffers from on/off cycling.
    const double frost = std::abs(t + 1.0) < 6.0 ? 0.07 * (1.0 - std::abs(t + 1.0) / 6.0) : 0.0;
    const double scatter = 0.06 * std::sin(h * 1.7) * std::cos(h * 0.31);
    const double cop = std::clamp(2.95 + 0.075 * t - 0.0015 * t * t, 1.4, 5.0) *
                       (1.0 - frost + scatter) * (q_hp > 0 && q_hp < 0.3 * capacity ? 0.92 : 1.0);
    const double p_hp = q_hp > 0 ? q_hp / cop : 0.0;
    const double aux_source = q_hp > 0 ? 0.05 : 0.0;
    const double aux_sink = load > 0 ? 0.04 : 0.0;
    const double el = p_hp + aux_source + aux_sink + q_bu;
    hourly["t_out_c"].push_back(t);
    hourly["load_kw"].push_back(load);
    hourly["hp_heat_kw"].push_back(q_hp);
    hourly["backup_heat_kw"].push_back(q_bu);
    hourly["electricity_kw"].push_back(el);
    hourly["cop"].push_back(q_hp > 0 ? json(cop) : json(nullptr));
    m_load[month] += load;
    m_hp[month] += q_hp;
    m_backup[month] += q_bu;
    m_el[month] += el;
    load_sum += load;
    hp_sum += q_hp;
    backup_sum += q_bu;
    hp_power += p_hp;
    source_aux += aux_source;
    sink_aux += aux_sink;
    peak_el = std::max(peak_el, el);
    peak_load = std::max(peak_load, load);
    if (q_bu > 0) bivalent = std::max(bivalent, t);
    if (q_hp > 0) ++run_hours;
    if (q_hp > 0 && q_hp < 0.3 * capacity) ++cycling_hours;
  }
  const double electricity = hp_power + source_aux + sink_aux + backup_sum;
  auto round_to = [](double v, double step) { return std::round(v / step) * step; };

  const double grid_factor = 0.5366e-3;  // t CO2 / kWh
  const double tariff = 0.5;             // CNY / kWh
  const double hp_co2_el = electricity * grid_factor;
  const double hp_co2_ref = 1.6 * 675 * 0.03 / 1000.0;  // 1.6 kg R32, GWP 675, 3 %/a leak
  const double hp_energy_cost = electricity * tariff;
  const double hp_capital = 30000;
  const double hp_annual = hp_energy_cost + hp_capital * 0.0802;  // 5 %, 15 years

  auto baseline = [&](const char* id, const char* name, const char* name_zh, const char* fuel,
                      double efficiency, double kwh_per_unit, const char* unit, double co2_per_unit,
                      double so2_per_unit, double dust_per_unit, double price, double capital,
                      double years) {
    const double use = load_sum / efficiency / kwh_per_unit;
    const double energy_cost = use * price;
    const double annual =
        energy_cost + capital * (years > 0 ? 0.05 / (1 - std::pow(1.05, -years)) : 0);
    const double saving = energy_cost - hp_energy_cost;
    const double extra = hp_capital - capital;
    json payback = saving > 0 ? json(round_to(extra / saving, 0.1)) : json(nullptr);
    return json{{"id", id},
                {"name", name},
                {"name_zh", name_zh},
                {"fuel", fuel},
                {"efficiency", efficiency},
                {"fuel_use", round_to(use, 0.01)},
                {"fuel_unit", unit},
                {"co2_t", round_to(use * co2_per_unit, 0.01)},
                {"so2_kg", round_to(use * so2_per_unit, 0.1)},
                {"dust_kg", round_to(use * dust_per_unit, 0.1)},
                {"energy_cost_cny", round_to(energy_cost, 1)},
                {"annual_cost_cny", round_to(annual, 1)},
                {"lcoh_cny_per_kwh", round_to(annual / load_sum, 0.001)},
                {"co2_saving_t", round_to(use * co2_per_unit - hp_co2_el - hp_co2_ref, 0.01)},
                {"cost_saving_cny", round_to(saving, 1)},
                {"payback_years", payback},
                {"npv_cny", round_to(saving * 10.38 - extra, 1)}};
  };

  json monthly = {{"load_kwh", json::array()},
                  {"heat_kwh", json::array()},
                  {"hp_heat_kwh", json::array()},
                  {"backup_heat_kwh", json::array()},
                  {"electricity_kwh", json::array()}};
  for (int i = 0; i < 12; ++i) {
    monthly["load_kwh"].push_back(round_to(m_load[i], 0.1));
    monthly["heat_kwh"].push_back(round_to(m_hp[i] + m_backup[i], 0.1));
    monthly["hp_heat_kwh"].push_back(round_to(m_hp[i], 0.1));
    monthly["backup_heat_kwh"].push_back(round_to(m_backup[i], 0.1));
    monthly["electricity_kwh"].push_back(round_to(m_el[i], 0.1));
  }

  return json{
      {"site",
       {{"name", site_name},
        {"city", "Shijiazhuang"},
        {"city_zh", "石家庄"},
        {"zone", "cold"},
        {"t_design_c", -6.2},
        {"weather_source", "CSWD typical year, Shijiazhuang 53698"}}},
      {"heat_pump",
       {{"name", "Low-ambient EVI air-to-water heat pump, R32, 10 kW"},
        {"product", "evi-r32-10kw"},
        {"capacity_kw", kCapacity},
        {"refrigerant", "R32"},
        {"source", "air"}}},
      {"annual",
       {{"load_kwh", round_to(load_sum, 1)},
        {"hp_heat_kwh", round_to(hp_sum, 1)},
        {"backup_heat_kwh", round_to(backup_sum, 1)},
        {"unmet_kwh", 0},
        {"electricity_kwh", round_to(electricity, 1)},
        {"hp_power_kwh", round_to(hp_power, 1)},
        {"source_aux_kwh", round_to(source_aux, 1)},
        {"sink_aux_kwh", round_to(sink_aux, 1)},
        {"backup_power_kwh", round_to(backup_sum, 1)},
        {"grid_kwh", round_to(electricity, 1)},
        {"pv_kwh", 0},
        {"spf_h1", hp_sum / hp_power},
        {"spf_h2", hp_sum / (hp_power + source_aux)},
        {"spf_h3", (hp_sum + backup_sum) / (hp_power + source_aux + backup_sum)},
        {"spf_h4", load_sum / electricity},
        {"backup_share", backup_sum / load_sum},
        {"peak_electric_kw", round_to(peak_el, 0.01)},
        {"peak_load_kw", round_to(peak_load, 0.01)},
        {"unmet_hours", 0},
        {"run_hours", run_hours},
        {"cutout_hours", 0},
        {"cycling_hours", cycling_hours},
        {"bivalent_point_c", bivalent > -99 ? json(round_to(bivalent, 0.1)) : json(nullptr)}}},
      {"monthly", monthly},
      {"heat_pump_accounts",
       {{"co2_t", round_to(hp_co2_el + hp_co2_ref, 0.01)},
        {"co2_electricity_t", round_to(hp_co2_el, 0.01)},
        {"co2_refrigerant_t", round_to(hp_co2_ref, 0.01)},
        {"energy_cost_cny", round_to(hp_energy_cost, 1)},
        {"capital_cny", hp_capital},
        {"annual_cost_cny", round_to(hp_annual, 1)},
        {"lcoh_cny_per_kwh", round_to(hp_annual / load_sum, 0.001)}}},
      {"baselines",
       json::array({
           baseline("coal_stove", "Scattered-coal stove", "散煤炉", "coal", 0.5, 5500, "t", 1.9,
                    12.0, 9.0, 1100, 1500, 10),
           baseline("gas_boiler", "Gas wall-hung boiler", "燃气壁挂炉", "gas", 0.9, 9.8, "m3",
                    2.16e-3, 0.0, 0.0, 3.0, 6000, 15),
           baseline("electric_heater", "Direct electric heating", "直接电采暖", "electricity", 1.0,
                    1.0, "kWh", grid_factor, 0.0, 0.0, tariff, 3000, 15),
       })},
      {"gbt50801",
       {{"system_cop", round_to(load_sum / electricity, 0.01)},
        {"grade", 2},
        {"substituted_kgce", round_to(load_sum / 0.5 * 0.1229 - electricity * 0.3, 1)},
        {"co2_avoided_t", 5.2},
        {"so2_avoided_kg", 40},
        {"dust_avoided_kg", 20},
        {"static_payback_years", 8.1}}},
      {"hourly", hourly}};
}

/// The same year `factor` times larger (a district plant rather than a house): every
/// energy, power, cost and emission scaled; temperatures, COPs, SPFs, shares, efficiencies,
/// unit costs and paybacks kept.
inline void scale_site(nlohmann::json& d, double factor) {
  auto scale = [factor](nlohmann::json& obj, std::initializer_list<const char*> keep) {
    for (auto& [k, v] : obj.items()) {
      if (std::find_if(keep.begin(), keep.end(), [&](const char* x) { return k == x; }) !=
          keep.end())
        continue;
      if (v.is_number()) v = v.get<double>() * factor;
      if (v.is_array()) {
        for (auto& x : v)
          if (x.is_number()) x = x.get<double>() * factor;
      }
    }
  };
  scale(d["annual"], {"spf_h1", "spf_h2", "spf_h3", "spf_h4", "backup_share", "unmet_hours",
                      "run_hours", "cutout_hours", "cycling_hours", "bivalent_point_c"});
  scale(d["monthly"], {});
  scale(d["hourly"], {"t_out_c", "cop"});
  scale(d["heat_pump_accounts"], {"lcoh_cny_per_kwh"});
  for (auto& b : d["baselines"]) scale(b, {"efficiency", "lcoh_cny_per_kwh", "payback_years"});
  scale(d["gbt50801"], {"system_cop", "grade", "static_payback_years"});
  d["heat_pump"]["capacity_kw"] = d["heat_pump"]["capacity_kw"].get<double>() * factor;
}

}  // namespace heatlift::test
