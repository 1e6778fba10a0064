// PV on site with export: what the site's own electricity use takes (self-consumption),
// what goes to the grid, and what that export earns at a feed-in price and displaces at the
// grid's carbon factor. The hourly split is the simulation's (Hour::pv, the year's pv and
// pv_used); this is its account.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "heatlift/site/simulation.hpp"

namespace heatlift::site {

struct PvExport {
  double peak = 0.0;              ///< W peak
  double yield = 0.0;             ///< J a year
  double self_consumed = 0.0;     ///< J used on site
  double exported = 0.0;          ///< J fed into the grid
  double specific_yield = 0.0;    ///< J per W peak (kWh/kWp = this / 3600)
  double self_consumption = 0.0;  ///< self_consumed / yield
  std::optional<double> revenue;  ///< CNY a year at the feed-in price
  double co2_displaced_kg = 0.0;  ///< exported × grid factor (reported, not netted off)
};

/// The account of a year's PV; `feed_in_price` CNY/J, `grid_kg_per_J` the grid factor.
PvExport pv_export(const Annual& a, const PvSpec& pv, std::optional<double> feed_in_price,
                   double grid_kg_per_J);

/// The "pv" section of summary.json (kWh, kWh/kWp, CNY, t).
nlohmann::json pv_json(const PvExport& p);

}  // namespace heatlift::site
