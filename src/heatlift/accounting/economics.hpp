// Economics of a heat pump against a baseline: capital, subsidy, O&M, annualised cost,
// levelised cost of heat (LCOH), net present value (NPV) and simple payback.
//
// Money is CNY (plain doubles), energy J, power W; rates are fractions per year. Cash flows
// are yearly and at the end of each year; capital is spent at year 0.
#pragma once

#include <optional>
#include <span>
#include <string>

namespace heatlift::accounting {

struct Economics {
  double discount_rate = 0.0;  ///< 1/a, ≥ 0
  int lifetime_years = 0;      ///< ≥ 1
  double capital_per_W = 0.0;  ///< CNY/W of heating capacity
  double capital_fixed = 0.0;  ///< CNY (design, connection, boreholes ...)
  double om_fraction = 0.0;    ///< O&M per year as a share of gross capital
  double subsidy_per_W = 0.0;  ///< CNY/W
  double subsidy_lump = 0.0;   ///< CNY
};

/// Capital recovery factor r(1+r)^n / ((1+r)^n − 1); 1/n when r = 0.
double capital_recovery_factor(double rate, int years);
/// Present value of 1 CNY a year for n years: (1 − (1+r)^−n) / r; n when r = 0.
double annuity_factor(double rate, int years);

/// Net present value of a cash flow: −initial + Σ_{t=1..n} flows[t−1] / (1+r)^t, for savings
/// that change from year to year (escalating prices, a grid path, degradation).
double net_present_value(double rate, double initial, std::span<const double> yearly_flows);

struct Investment {
  double gross_capital = 0.0;  ///< capital_per_W × capacity + capital_fixed
  double subsidy = 0.0;        ///< subsidy_per_W × capacity + subsidy_lump (≤ gross)
  double net_capital = 0.0;    ///< gross − subsidy
  double annual_om = 0.0;      ///< om_fraction × gross
};
/// Throws InvalidInput for a negative capacity or inconsistent inputs.
Investment investment(const Economics& e, double capacity_W);

/// One option's money: what it costs to build and to run each year.
struct CostStream {
  double capital = 0.0;        ///< CNY at year 0 (net of subsidy)
  double annual_om = 0.0;      ///< CNY/a
  double annual_energy = 0.0;  ///< CNY/a (electricity, fuel)
  double annual_running() const { return annual_om + annual_energy; }
};

/// The heat pump's cost stream: net capital, its O&M and a year's energy cost (CNY/a).
CostStream cost_stream(const Investment& i, double annual_energy_cost);

struct AnnualCost {
  double capital = 0.0;  ///< capital × CRF
  double om = 0.0;
  double energy = 0.0;
  double total = 0.0;
};
AnnualCost annual_cost(const CostStream& c, double rate, int years);
/// Levelised cost of heat, CNY per J of useful heat: annual cost / annual heat.
/// Throws InvalidInput when annual_heat_J ≤ 0.
double lcoh(const CostStream& c, double rate, int years, double annual_heat_J);

/// Simple payback in years, or never (savings ≤ 0): represented without NaN or infinity.
struct Payback {
  std::optional<double> years;  ///< nullopt = never
  bool never() const { return !years.has_value(); }
  /// "4.2 a" or "never".
  std::string text() const;
};
/// Δcapital / annual saving; 0 when the heat pump costs no more to build and saves; never when
/// the saving is ≤ 0.
Payback simple_payback(double incremental_capital, double annual_saving);

struct Comparison {
  double incremental_capital = 0.0;  ///< heat pump − baseline, CNY
  double annual_saving = 0.0;        ///< baseline running − heat-pump running, CNY/a
  double npv = 0.0;                  ///< −Δcapital + annual_saving × annuity factor, CNY
  Payback payback;
  AnnualCost heat_pump;
  AnnualCost baseline;
  double lcoh_heat_pump = 0.0;  ///< CNY/J
  double lcoh_baseline = 0.0;   ///< CNY/J
};
/// The heat pump against a baseline delivering the same annual heat.
Comparison compare(const CostStream& heat_pump, const CostStream& baseline, double rate, int years,
                   double annual_heat_J);

}  // namespace heatlift::accounting
