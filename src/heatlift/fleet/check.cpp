#include "heatlift/fleet/check.hpp"

#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"

namespace heatlift::fleet {

namespace {

Indicator indicator_of(const std::string& name) {
  if (name == "sales") return Indicator::sales;
  if (name.starts_with("market_value")) return Indicator::market_value;
  if (name.starts_with("co2_reduction_gross")) return Indicator::co2_reduction_gross;
  throw InternalError(fmt::format("check: no indicator for target '{}'", name));
}

double per_unit(const Results& r, const std::string& group, Indicator i, int year) {
  const double stock = r.value(group, Indicator::stock, year);
  return stock > 0.0 ? r.value(group, i, year) / stock : 0.0;
}

// Which parameter would have to take which value for the model to meet the figure.
std::string remedy(const Scenario& sc, const Results& r, const Target& t, double model) {
  const std::string& g = t.segment.empty() ? t.end_use : t.segment;
  const int y = t.year;
  if (t.indicator.ends_with("_share")) {
    return fmt::format(
        "{}'s share of {} would have to move {:+.1f} percentage points: its {} "
        "relative to the other segments'",
        t.segment, t.end_use, (t.value - model) * 100.0,
        t.indicator.starts_with("market") ? "sales or unit price" : "heat per unit or units");
  }
  if (model == 0.0) return "the model gives nothing here";
  const double f = t.value / model;
  if (t.indicator == "sales") {
    return fmt::format(
        "sales ×{:.3g}: the growth model of {} (sales follow the scenario's "
        "diffusion curve, not the physics)",
        f, g);
  }
  if (t.indicator == "market_value") {
    const double sales = r.value(g, Indicator::sales, y);
    const double price = sales > 0.0 ? r.value(g, Indicator::market_value, y) / sales : 0.0;
    return fmt::format("unit price ×{:.3g}: {:.3g} instead of {:.3g} 10^4 CNY per unit sold", f,
                       f * price / 1e4, price / 1e4);
  }
  // CO2 avoided is heat × (replaced intensity − grid / SPF): proportional to the heat per
  // unit at a given stock, SPF, grid and replaced mix.
  const double heat = per_unit(r, g, Indicator::heat, y);
  std::string out = fmt::format("heat per unit ×{:.3g}: {:.3g} MWh/a instead of {:.3g}", f,
                                f * heat / 3.6e9, heat / 3.6e9);
  if (t.end_use == "space_heating") {
    const double area = per_unit(r, g, Indicator::floor_area, y);
    out += fmt::format(" (heated floor {:.0f} m² per unit instead of {:.0f})", f * area, area);
  }
  if (r.bottom_up)
    out += fmt::format("; as a scenario input: [cells] heat = {:.3g}", f * sc.cells.heat);
  return out;
}

}  // namespace

std::vector<CheckRow> check(const Scenario& scenario, const Results& results) {
  std::vector<CheckRow> rows;
  for (const auto& t : scenario.targets) {
    const Indicator ind = indicator_of(t.indicator);
    CheckRow row{scenario.name, t, 0.0, 0.0, true, {}};
    if (t.indicator.ends_with("_share")) {
      const double whole = results.value(t.end_use, ind, t.year);
      row.model = whole != 0.0 ? results.value(t.segment, ind, t.year) / whole : 0.0;
      row.deviation = row.model - t.value;
    } else {
      row.model = results.value(t.end_use, ind, t.year);
      row.deviation = t.value != 0.0 ? row.model / t.value - 1.0 : 0.0;
    }
    const bool within = std::abs(row.deviation) <= t.tolerance;
    row.pass = within || (!t.enforced && !results.bottom_up);
    if (!within) row.remedy = remedy(scenario, results, t, row.model);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace heatlift::fleet
