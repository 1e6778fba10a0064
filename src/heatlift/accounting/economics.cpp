#include "heatlift/accounting/economics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"

namespace heatlift::accounting {
namespace {

void check_rate_years(double rate, int years) {
  if (!std::isfinite(rate) || rate < 0.0 || rate > 1.0) {
    throw InvalidInput(
        fmt::format("discount rate {}: expected a fraction from 0 to 1 per year", rate));
  }
  if (years < 1) throw InvalidInput(fmt::format("lifetime {} a: expected at least 1 year", years));
}

void check_money(double v, std::string_view what) {
  if (!std::isfinite(v)) throw InvalidInput(fmt::format("{} {}: expected a finite value", what, v));
}

}  // namespace

double capital_recovery_factor(double rate, int years) {
  check_rate_years(rate, years);
  if (rate == 0.0) return 1.0 / years;
  const double g = std::pow(1.0 + rate, years);
  return rate * g / (g - 1.0);
}

double annuity_factor(double rate, int years) {
  check_rate_years(rate, years);
  if (rate == 0.0) return years;
  return (1.0 - std::pow(1.0 + rate, -years)) / rate;
}

double net_present_value(double rate, double initial, std::span<const double> yearly_flows) {
  check_rate_years(rate, std::max<int>(1, static_cast<int>(yearly_flows.size())));
  check_money(initial, "initial investment");
  double npv = -initial;
  double discount = 1.0;
  for (std::size_t t = 0; t < yearly_flows.size(); ++t) {
    check_money(yearly_flows[t], "yearly cash flow");
    discount /= 1.0 + rate;
    npv += yearly_flows[t] * discount;
  }
  return npv;
}

Investment investment(const Economics& e, double capacity_W) {
  if (!std::isfinite(capacity_W) || capacity_W < 0.0) {
    throw InvalidInput(
        fmt::format("capacity {} kW: expected a finite value >= 0", capacity_W / 1e3));
  }
  for (const auto& [v, what] :
       {std::pair{e.capital_per_W, "capital_per_kw"}, std::pair{e.capital_fixed, "capital_fixed"},
        std::pair{e.subsidy_per_W, "subsidy_per_kw"}, std::pair{e.subsidy_lump, "subsidy"},
        std::pair{e.om_fraction, "om_fraction"}}) {
    if (!std::isfinite(v) || v < 0.0) {
      throw InvalidInput(fmt::format("{} = {}: expected a finite value >= 0", what, v));
    }
  }
  Investment i;
  i.gross_capital = e.capital_per_W * capacity_W + e.capital_fixed;
  i.subsidy = e.subsidy_per_W * capacity_W + e.subsidy_lump;
  if (i.subsidy > i.gross_capital) {
    throw InvalidInput(fmt::format("subsidy {:.0f} CNY exceeds the capital cost {:.0f} CNY",
                                   i.subsidy, i.gross_capital));
  }
  i.net_capital = i.gross_capital - i.subsidy;
  i.annual_om = e.om_fraction * i.gross_capital;
  return i;
}

CostStream cost_stream(const Investment& i, double annual_energy_cost) {
  check_money(annual_energy_cost, "annual energy cost");
  return {i.net_capital, i.annual_om, annual_energy_cost};
}

AnnualCost annual_cost(const CostStream& c, double rate, int years) {
  check_money(c.capital, "capital");
  check_money(c.annual_om, "annual O&M");
  check_money(c.annual_energy, "annual energy cost");
  AnnualCost a;
  a.capital = c.capital * capital_recovery_factor(rate, years);
  a.om = c.annual_om;
  a.energy = c.annual_energy;
  a.total = a.capital + a.om + a.energy;
  return a;
}

double lcoh(const CostStream& c, double rate, int years, double annual_heat_J) {
  if (!std::isfinite(annual_heat_J) || annual_heat_J <= 0.0) {
    throw InvalidInput(fmt::format("annual heat {} kWh: the levelised cost of heat needs heat > 0",
                                   annual_heat_J / 3.6e6));
  }
  return annual_cost(c, rate, years).total / annual_heat_J;
}

std::string Payback::text() const {
  return years ? fmt::format("{:.1f} a", *years) : std::string("never");
}

Payback simple_payback(double incremental_capital, double annual_saving) {
  check_money(incremental_capital, "incremental capital");
  check_money(annual_saving, "annual saving");
  if (annual_saving <= 0.0) return {};
  if (incremental_capital <= 0.0) return {0.0};
  return {incremental_capital / annual_saving};
}

Comparison compare(const CostStream& heat_pump, const CostStream& baseline, double rate, int years,
                   double annual_heat_J) {
  Comparison c;
  c.heat_pump = annual_cost(heat_pump, rate, years);
  c.baseline = annual_cost(baseline, rate, years);
  c.incremental_capital = heat_pump.capital - baseline.capital;
  c.annual_saving = baseline.annual_running() - heat_pump.annual_running();
  c.npv = -c.incremental_capital + c.annual_saving * annuity_factor(rate, years);
  c.payback = simple_payback(c.incremental_capital, c.annual_saving);
  c.lcoh_heat_pump = lcoh(heat_pump, rate, years, annual_heat_J);
  c.lcoh_baseline = lcoh(baseline, rate, years, annual_heat_J);
  return c;
}

}  // namespace heatlift::accounting
