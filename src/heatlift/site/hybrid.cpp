#include "heatlift/site/hybrid.hpp"

#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/site/site_case.hpp"

namespace heatlift::site {

std::string_view to_string(SwitchRule rule) {
  switch (rule) {
    case SwitchRule::none: return "none";
    case SwitchRule::temperature: return "temperature";
    case SwitchRule::cost: return "cost";
    case SwitchRule::carbon: return "carbon";
  }
  return "?";
}

std::string_view to_string(HybridObjective objective) {
  return objective == HybridObjective::cost ? "cost" : "carbon";
}

std::vector<std::uint8_t> lockout_below(const climate::WeatherSeries& weather, double t_bivalent) {
  std::vector<std::uint8_t> lock(weather.hours(), 0);
  for (std::size_t h = 0; h < lock.size(); ++h) {
    lock[h] = weather.t_dry[h] < t_bivalent ? 1 : 0;
  }
  return lock;
}

std::vector<std::uint8_t> lockout_by_merit(const Simulation& free_run, const HybridPrices& prices,
                                           SwitchRule rule) {
  const std::size_t n = free_run.hours.size();
  if (rule == SwitchRule::cost) {
    if (prices.electricity.size() != n) {
      throw InvalidInput(
          "site backup.switch_over = \"cost\": needs the electricity price of every hour; "
          "expected a [tariff]");
    }
    if (!prices.fuel) {
      throw InvalidInput(
          "site backup.switch_over = \"cost\": needs the boiler's fuel price; expected it in "
          "[fuel_prices]");
    }
  }
  std::vector<std::uint8_t> lock(n, 0);
  const double boiler_cost = prices.fuel.value_or(0.0) / prices.efficiency;  // CNY per J heat
  const double boiler_co2 = prices.fuel_factor / prices.efficiency;          // kg per J heat
  for (std::size_t h = 0; h < n; ++h) {
    const Hour& r = free_run.hours[h];
    if (r.load <= 0.0) continue;
    const double e = r.hp_power + r.source_aux;
    if (!(r.hp_heat > 0.0) || !(e > 0.0)) {
      lock[h] = 1;  // the heat pump could not run: the boiler's hour anyway
      continue;
    }
    const double cop = r.hp_heat / e;
    const bool boiler_better = rule == SwitchRule::cost ? boiler_cost < prices.electricity[h] / cop
                                                        : boiler_co2 < prices.grid_factor / cop;
    lock[h] = boiler_better ? 1 : 0;
  }
  return lock;
}

HybridYear hybrid_year(const Simulation& sim, const HybridPrices& prices) {
  HybridYear y;
  double e_cost = 0.0;
  const bool priced = prices.electricity.size() == sim.hours.size();
  for (std::size_t h = 0; h < sim.hours.size(); ++h) {
    if (priced) e_cost += sim.hours[h].grid * prices.electricity[h] * 3600.0;
  }
  const Annual& a = sim.annual;
  y.hp_share = a.hp_heat + a.backup_heat > 0 ? a.hp_heat / (a.hp_heat + a.backup_heat) : 0.0;
  y.fuel_energy = a.backup_heat / prices.efficiency;
  y.electricity_cost = e_cost;
  y.fuel_cost = y.fuel_energy * prices.fuel.value_or(0.0);
  y.co2_kg = a.grid * prices.grid_factor + y.fuel_energy * prices.fuel_factor;
  return y;
}

namespace {

int locked_load_hours(const Simulation& sim, const std::vector<std::uint8_t>& lock) {
  int n = 0;
  for (std::size_t h = 0; h < lock.size(); ++h) {
    if (lock[h] != 0 && sim.hours[h].load > 0.0) ++n;
  }
  return n;
}

// The bivalent point (1 K steps, −30 … +15 °C) with the lowest running cost or CO2.
double optimise_bivalent_point(const climate::WeatherSeries& weather,
                               const std::vector<demand::LoadSeries>& loads, SystemSpec& system,
                               const BackupDesign& design, const HybridPrices& prices,
                               HybridResult& out) {
  if (design.objective == HybridObjective::cost && (prices.electricity.empty() || !prices.fuel)) {
    throw InvalidInput(fmt::format(
        "{}: an optimised bivalent point (switch_over = \"temperature\" without "
        "bivalent_point) needs a [tariff] and the fuel's price in [fuel_prices], or optimise "
        "= \"carbon\", or a bivalent_point",
        design.where));
  }
  Simulation sim;
  double best_t = 0.0, best = 0.0;
  for (int c = -30; c <= 15; ++c) {
    const double t = core::kZeroCelsius + c;
    system.backup.lockout =
        std::make_shared<const std::vector<std::uint8_t>>(lockout_below(weather, t));
    simulate(weather, loads, system, sim);
    const HybridYear y = hybrid_year(sim, prices);
    out.scan.push_back({t, y});
    const double v = design.objective == HybridObjective::cost ? y.cost() : y.co2_kg;
    if (out.scan.size() == 1 || v < best - 1e-9 * std::abs(best)) {
      best = v;
      best_t = t;
    }
  }
  return best_t;
}

}  // namespace

Simulation simulate_hybrid(const climate::WeatherSeries& weather,
                           const std::vector<demand::LoadSeries>& loads, SystemSpec system,
                           const BackupDesign& design, const HybridPrices& prices,
                           HybridResult& out) {
  if (!(prices.efficiency > 0.0 && prices.efficiency <= 1.2)) {
    throw InvalidInput(fmt::format("{}: boiler efficiency {}, expected a value in (0, 1.2]",
                                   design.where, prices.efficiency));
  }
  out = HybridResult{};
  out.rule = design.rule;
  out.objective = design.objective;
  system.backup.electric = false;
  system.backup.efficiency = std::min(prices.efficiency, 1.0);  // the loop's range; fuel is ours
  system.backup.lockout.reset();
  std::vector<std::uint8_t> lock;
  switch (design.rule) {
    case SwitchRule::none: break;
    case SwitchRule::temperature: {
      double t = 0.0;
      if (design.bivalent_point) {
        t = *design.bivalent_point;
      } else {
        t = optimise_bivalent_point(weather, loads, system, design, prices, out);
        out.optimised = true;
      }
      out.bivalent_point = t;
      lock = lockout_below(weather, t);
      break;
    }
    case SwitchRule::cost:
    case SwitchRule::carbon: {
      const Simulation free_run = simulate(weather, loads, system);
      try {
        lock = lockout_by_merit(free_run, prices, design.rule);
      } catch (const InvalidInput& e) {
        throw InvalidInput(fmt::format("{}: {}", design.where, e.what()));
      }
      break;
    }
  }
  if (!lock.empty()) {
    system.backup.lockout = std::make_shared<const std::vector<std::uint8_t>>(std::move(lock));
  }
  Simulation sim = simulate(weather, loads, system);
  // SEPEMO's H3 and H4 count a back-up heater's electricity; a boiler burns fuel, so they
  // hold the heat pump alone here (its fuel is in the hybrid accounts).
  Annual& a = sim.annual;
  a.spf_h3 = a.spf_h2;
  const double e4 = a.hp_power + a.source_aux + a.sink_aux;
  a.spf_h4 = e4 > 0 ? a.hp_heat / e4 : 0.0;
  if (system.backup.lockout) out.locked_hours = locked_load_hours(sim, *system.backup.lockout);
  out.year = hybrid_year(sim, prices);
  return sim;
}

HybridOutcome evaluate_hybrid(const SiteCase& c, const SiteLibraries& lib, const SitePlan& p,
                              double grid_kg_per_J, Simulation& sim) {
  const BackupDesign& d = c.system.backup;
  HybridOutcome o;
  try {
    o.generator = lib.fuels().generator(d.kind);
  } catch (const Error& e) {
    throw InvalidInput(fmt::format("{}: {}", d.where, e.what()));
  }
  o.efficiency = d.efficiency.value_or(o.generator.efficiency);
  const accounting::Fuel& fuel = lib.fuels().fuel(o.generator.fuel);
  o.fuel_basis = fuel.basis;
  HybridPrices prices;
  prices.efficiency = o.efficiency;
  prices.grid_factor = grid_kg_per_J;
  prices.fuel_factor =
      fuel.basis == accounting::FuelBasis::electricity ? grid_kg_per_J : fuel.co2_factor;
  std::optional<double> unit_price;  // per kg, m3 or J of the fuel
  if (auto it = c.fuel_prices.find(fuel.id); it != c.fuel_prices.end()) {
    unit_price = it->second;
    prices.fuel = it->second / accounting::fuel_energy(fuel, 1.0);
  }
  const std::size_t n = c.place->weather.hours();
  if (c.tariff) {
    prices.electricity.resize(n);
    for (std::size_t h = 0; h < n; ++h) {
      prices.electricity[h] = c.tariff->base_price(static_cast<int>(h % 8760));
    }
  }
  sim = simulate_hybrid(c.place->weather, p.loads, p.system, d, prices, o.result);
  o.fuel = accounting::fuel_use(sim.annual.backup_heat, o.generator, lib.fuels(), grid_kg_per_J,
                                unit_price, o.efficiency);
  return o;
}

}  // namespace heatlift::site
