#include "heatlift/site/hybrid_output.hpp"

#include <fmt/format.h>

#include "heatlift/core/units.hpp"
#include "heatlift/site/site_output.hpp"

namespace heatlift::site {

namespace {
using nlohmann::json;
constexpr double kJPerKWh = 3.6e6;

json optional_celsius(const std::optional<double>& t) {
  return t ? json(*t - core::kZeroCelsius) : json();
}
}  // namespace

json hybrid_json(const HybridOutcome& h) {
  const HybridResult& r = h.result;
  const auto [amount, unit] = display_amount(h.fuel_basis, h.fuel.amount);
  json scan = json::array();
  for (const ScanPoint& p : r.scan) {
    scan.push_back({{"bivalent_point_c", p.bivalent_point - core::kZeroCelsius},
                    {"hp_share", p.year.hp_share},
                    {"running_cost_cny", p.year.cost()},
                    {"co2_t", p.year.co2_kg / 1e3}});
  }
  return {{"boiler", h.generator.id},
          {"boiler_name", h.generator.name_en},
          {"boiler_name_zh", h.generator.name_zh},
          {"fuel", h.generator.fuel},
          {"efficiency", h.efficiency},
          {"switch_over", to_string(r.rule)},
          {"bivalent_point_c", optional_celsius(r.bivalent_point)},
          {"optimised", r.optimised},
          {"optimised_for", r.optimised ? json(to_string(r.objective)) : json()},
          {"locked_hours", r.locked_hours},
          {"hp_share", r.year.hp_share},
          {"boiler_heat_kwh", h.fuel.useful_heat_J / kJPerKWh},
          {"fuel_energy_kwh", h.fuel.fuel_energy_J / kJPerKWh},
          {"fuel_amount", amount},
          {"fuel_unit", unit},
          {"fuel_co2_t", h.fuel.co2_kg / 1e3},
          {"fuel_cost_cny", h.fuel.cost_cny ? json(*h.fuel.cost_cny) : json()},
          {"scan", scan}};
}

std::string hybrid_line(const HybridOutcome& h) {
  const HybridResult& r = h.result;
  const auto [amount, unit] = display_amount(h.fuel_basis, h.fuel.amount);
  std::string rule(to_string(r.rule));
  if (r.bivalent_point) {
    rule += fmt::format(
        " at {:.0f} °C{}", *r.bivalent_point - core::kZeroCelsius,
        r.optimised ? fmt::format(" (optimised for {})", to_string(r.objective)) : std::string());
  }
  const std::string cost =
      h.fuel.cost_cny ? fmt::format("{:.0f} CNY", *h.fuel.cost_cny) : std::string("no price");
  return fmt::format(
      "boiler: {} ({:.0f} %) · switch-over {} · heat-pump share {:.1f} % · heat pump kept off "
      "{} h · fuel {:.1f} {}, {:.2f} t CO2, {}\n",
      h.generator.name_en, h.efficiency * 100.0, rule, r.year.hp_share * 100.0, r.locked_hours,
      amount, unit, h.fuel.co2_kg / 1e3, cost);
}

}  // namespace heatlift::site
