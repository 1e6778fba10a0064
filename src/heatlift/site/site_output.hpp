// What `heatlift site run` writes: summary.json (display units named in every key: kWh,
// kW, °C, t, CNY), the hourly arrays the report draws, and hourly.csv.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "heatlift/site/site_case.hpp"

namespace heatlift::site {

/// The summary document: site, heat pump, annual figures, monthly energies, the heat
/// pump's accounts, every baseline with its comparison, GB/T 50801. A figure that cannot
/// be computed (no tariff, no economics, a payback that never comes) is null.
nlohmann::json summary_json(const SiteCase& site, const SiteOutcome& outcome);

/// A fuel amount (the FuelUse's, in kg, m³ or J) in the unit people buy it in: t, m3, kWh,
/// GJ.
std::pair<double, std::string> display_amount(accounting::FuelBasis basis, double amount);

/// Hourly arrays for the report: t_out_c, load_kw, hp_heat_kw, backup_heat_kw,
/// electricity_kw, cop (null while the unit is off).
nlohmann::json hourly_json(const SiteOutcome& outcome);

/// One row per hour, SI-derived display units in the header (°C, kW, kWh).
std::string hourly_csv(const SiteOutcome& outcome);

}  // namespace heatlift::site
