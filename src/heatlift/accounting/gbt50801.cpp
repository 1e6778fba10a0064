#include "heatlift/accounting/gbt50801.hpp"

#include <fmt/format.h>

#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::accounting::gbt50801 {
namespace {

void check_positive(double v, std::string_view what) {
  if (!std::isfinite(v) || v <= 0.0) {
    throw InvalidInput(fmt::format("{} = {}: expected a finite value above 0", what, v));
  }
}
void check_non_negative(double v, std::string_view what) {
  if (!std::isfinite(v) || v < 0.0) {
    throw InvalidInput(fmt::format("{} = {}: expected a finite value >= 0", what, v));
  }
}

}  // namespace

std::string_view to_string(Energy e) {
  switch (e) {
    case Energy::electricity: return "electricity";
    case Energy::coal: return "coal";
    case Energy::natural_gas: return "natural_gas";
  }
  return "?";
}

std::string_view to_string(Application a) {
  switch (a) {
    case Application::hot_water: return "hot_water";
    case Application::space_heating: return "space_heating";
    case Application::heat_driven_cooling: return "heat_driven_cooling";
  }
  return "?";
}

double Constants::eta(Energy e, Application a) const {
  const std::string key = fmt::format("{}_{}", to_string(e), to_string(a));
  const auto it = eta_t.find(key);
  if (it == eta_t.end()) {
    std::vector<std::string_view> known;
    for (const auto& [k, v] : eta_t) known.push_back(k);
    throw InvalidInput(fmt::format("GB/T 50801 gives no η_t for {} in {} (it has {}); give eta_t",
                                   to_string(e), to_string(a), fmt::join(known, ", ")));
  }
  return it->second;
}

double Constants::eer_reference(double chiller_capacity_W) const {
  check_positive(chiller_capacity_W, "reference chiller capacity (W)");
  for (std::size_t i = 0; i < eer_t_limits_W.size(); ++i) {
    if (chiller_capacity_W < eer_t_limits_W[i]) return eer_t_values[i];
  }
  return eer_t_values.back();
}

double Constants::electricity_to_coal_preset(std::string_view name) const {
  const auto it = electricity_to_coal.find(name);
  if (it == electricity_to_coal.end()) {
    std::vector<std::string_view> known;
    for (const auto& [k, v] : electricity_to_coal) known.push_back(k);
    throw InvalidInput(
        fmt::format("unknown electricity-to-coal preset '{}'; presets: {}; or give "
                    "a value such as \"0.30 kgce/kWh\" with its source",
                    name, fmt::join(known, ", ")));
  }
  return it->second;
}

double system_cop(double delivered_J, double units_electricity_J, double pumps_electricity_J) {
  check_non_negative(delivered_J, "delivered energy (J)");
  check_non_negative(units_electricity_J, "heat-pump units' electricity (J)");
  check_non_negative(pumps_electricity_J, "water pumps' electricity (J)");
  const double e = units_electricity_J + pumps_electricity_J;
  check_positive(e, "system electricity (J)");
  return delivered_J / e;
}

int grade(const Constants& k, Mode mode, double cop) {
  check_non_negative(cop, mode == Mode::heating ? "COP_sys" : "EER_sys");
  const std::vector<double>& t = mode == Mode::heating ? k.heating_grades : k.cooling_grades;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (cop >= t[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

namespace {
Substitution finish(const Constants& k, double qt, double qr) {
  Substitution s;
  s.conventional_kgce = qt;
  s.heat_pump_kgce = qr;
  s.substituted_kgce = qt - qr;
  s.co2_kg = s.substituted_kgce * k.co2_per_kgce;
  s.so2_kg = s.substituted_kgce * k.so2_per_kgce;
  s.dust_kg = s.substituted_kgce * k.dust_per_kgce;
  return s;
}
}  // namespace

Substitution heating_substitution(const Constants& k, double heat_J, double cop_sys, double eta_t,
                                  double electricity_to_coal) {
  check_non_negative(heat_J, "heat Q_H (J)");
  check_positive(cop_sys, "COP_sys");
  check_positive(eta_t, "eta_t");
  check_positive(electricity_to_coal, "electricity-to-coal factor D (kgce/J)");
  const double qt = heat_J / (eta_t * k.standard_coal_ncv);
  const double qr = electricity_to_coal * heat_J / cop_sys;
  return finish(k, qt, qr);
}

Substitution cooling_substitution(const Constants& k, double cooling_J, double eer_sys,
                                  double eer_t, double electricity_to_coal) {
  check_non_negative(cooling_J, "cooling Q_C (J)");
  check_positive(eer_sys, "EER_sys");
  check_positive(eer_t, "EER_t");
  check_positive(electricity_to_coal, "electricity-to-coal factor D (kgce/J)");
  return finish(k, electricity_to_coal * cooling_J / eer_t,
                electricity_to_coal * cooling_J / eer_sys);
}

Substitution operator+(const Substitution& a, const Substitution& b) {
  Substitution s;
  s.conventional_kgce = a.conventional_kgce + b.conventional_kgce;
  s.heat_pump_kgce = a.heat_pump_kgce + b.heat_pump_kgce;
  s.substituted_kgce = a.substituted_kgce + b.substituted_kgce;
  s.co2_kg = a.co2_kg + b.co2_kg;
  s.so2_kg = a.so2_kg + b.so2_kg;
  s.dust_kg = a.dust_kg + b.dust_kg;
  return s;
}

Payoff payoff(const Constants& k, const Substitution& s, double price_per_J, double extra_om_cny,
              double incremental_cost_cny) {
  check_non_negative(price_per_J, "conventional energy price (CNY/J)");
  check_non_negative(extra_om_cny, "extra O&M M (CNY/a)");
  check_non_negative(incremental_cost_cny, "incremental cost C (CNY)");
  Payoff p;
  p.annual_saving_cny = price_per_J * s.substituted_kgce * k.standard_coal_ncv - extra_om_cny;
  if (p.annual_saving_cny > 0.0) p.payback_years = incremental_cost_cny / p.annual_saving_cny;
  return p;
}

}  // namespace heatlift::accounting::gbt50801
