#include "heatlift/site/pv_export.hpp"

#include <algorithm>

namespace heatlift::site {

PvExport pv_export(const Annual& a, const PvSpec& pv, std::optional<double> feed_in_price,
                   double grid_kg_per_J) {
  PvExport p;
  p.peak = pv.peak;
  p.yield = a.pv;
  p.self_consumed = std::min(a.pv_used, a.pv);
  p.exported = std::max(0.0, a.pv - p.self_consumed);
  p.specific_yield = pv.peak > 0 ? a.pv / pv.peak : 0.0;
  p.self_consumption = a.pv > 0 ? p.self_consumed / a.pv : 0.0;
  if (feed_in_price) p.revenue = p.exported * *feed_in_price;
  p.co2_displaced_kg = p.exported * grid_kg_per_J;
  return p;
}

nlohmann::json pv_json(const PvExport& p) {
  using nlohmann::json;
  constexpr double kwh = 3.6e6;
  return {{"peak_kw", p.peak / 1e3},
          {"yield_kwh", p.yield / kwh},
          {"specific_yield_kwh_per_kwp", p.specific_yield / 3600.0},
          {"self_consumed_kwh", p.self_consumed / kwh},
          {"exported_kwh", p.exported / kwh},
          {"self_consumption", p.self_consumption},
          {"export_revenue_cny", p.revenue ? json(*p.revenue) : json()},
          {"export_co2_displaced_t", p.co2_displaced_kg / 1e3}};
}

}  // namespace heatlift::site
