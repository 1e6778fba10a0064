// [solar_thermal] of a site file: the collector field (a certified collector's EN ISO 9806
// parameters) and the store it charges (docs/site.md, "Solar thermal and seasonal storage").
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "heatlift/site/pv_export.hpp"
#include "heatlift/site/solar_thermal.hpp"

namespace heatlift::core {
class ConfigTable;
}

namespace heatlift::site {

/// Reads [solar_thermal] from `root` when present; errors name file, line and key.
/// `source` is the site's source kind: a store can feed only a water or ground source.
std::optional<SolarThermalSpec> read_solar_thermal(core::ConfigTable& root,
                                                   SourceSpec::Kind source);

/// The "solar_thermal" section of summary.json: the field, the year's energies (kWh), the
/// solar fraction and the months (collected, delivered, mean store temperature).
nlohmann::json solar_thermal_json(const SolarThermalSpec& spec, const SolarThermalResult& r);

/// One line for `site run`'s console: the collectors (heat gathered per m², what they gave,
/// the solar fraction) and the PV (yield per kWp, self-consumption, export and its revenue).
std::string solar_line(const std::optional<SolarThermalResult>& solar,
                       const std::optional<PvExport>& pv);

}  // namespace heatlift::site
