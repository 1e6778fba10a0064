#include "heatlift/demand/load.hpp"

#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"

namespace heatlift::demand {

std::string_view to_string(LoadKind kind) {
  switch (kind) {
    case LoadKind::space_heating: return "space_heating";
    case LoadKind::hot_water: return "hot_water";
    case LoadKind::process: return "process";
    case LoadKind::drying: return "drying";
    case LoadKind::space_cooling: return "space_cooling";
  }
  return "?";
}

double LoadSeries::annual_energy() const {
  double sum = 0.0;
  for (double q : heat) sum += q;
  return sum * 3600.0;
}

void LoadSeries::validate() const {
  const std::size_t n = heat.size();
  if (t_supply.size() != n || t_return.size() != n)
    throw InvalidInput(fmt::format(
        "load '{}': heat has {} hours but t_supply {} and t_return {}, expected equal lengths",
        description, n, t_supply.size(), t_return.size()));
  for (std::size_t h = 0; h < n; ++h) {
    if (!std::isfinite(heat[h]) || heat[h] < 0.0)
      throw InvalidInput(fmt::format("load '{}' heat at hour {}: {} W, expected a finite value ≥ 0",
                                     description, h, heat[h]));
    const bool ordered = is_cooling() ? t_return[h] >= t_supply[h] : t_return[h] <= t_supply[h];
    if (!std::isfinite(t_supply[h]) || !std::isfinite(t_return[h]) || !ordered)
      throw InvalidInput(fmt::format(
          "load '{}' at hour {}: supply {} K, return {} K, expected finite with return {} supply",
          description, h, t_supply[h], t_return[h], is_cooling() ? "≥" : "≤"));
  }
  if (!t_source.empty()) {
    if (t_source.size() != n)
      throw InvalidInput(fmt::format("load '{}' t_source: {} hours, expected empty or {}",
                                     description, t_source.size(), n));
    for (std::size_t h = 0; h < n; ++h)
      if (!std::isfinite(t_source[h]) || t_source[h] <= 0.0)
        throw InvalidInput(fmt::format(
            "load '{}' t_source at hour {}: {} K, expected a finite temperature above 0 K",
            description, h, t_source[h]));
  }
  if (!std::isfinite(design_load) || design_load < 0.0)
    throw InvalidInput(fmt::format("load '{}' design_load: {} W, expected a finite value ≥ 0",
                                   description, design_load));
}

}  // namespace heatlift::demand
