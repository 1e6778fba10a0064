#include "heatlift/python/roadmap.hpp"

#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/fleet/physics.hpp"
#include "heatlift/fleet/regions_io.hpp"
#include "heatlift/fleet/scenario_io.hpp"

namespace heatlift::python {

Table run_roadmap(const Session& session, const RoadmapRequest& request) {
  if (request.samples < 0) {
    throw InvalidInput(
        fmt::format("samples: {} is not a sample count; expected 0 or more", request.samples));
  }
  std::vector<fleet::Scenario> scenarios;
  for (const auto& n : request.scenarios)
    scenarios.push_back(fleet::load_scenario(session.data(), n));
  std::vector<fleet::FleetPhysics> physics;
  if (request.bottom_up) {
    const fleet::ProvinceTable provinces = fleet::load_provinces(session.data());
    const fleet::CellCatalogue catalogue =
        request.catalogue ? fleet::parse_cell_catalogue(*request.catalogue, request.origin)
                          : fleet::load_cell_catalogue(session.data());
    for (const auto& sc : scenarios) {
      physics.push_back(
          fleet::simulate_fleet(sc, provinces, catalogue, session.site(), request.threads));
    }
  }
  std::vector<fleet::Results> runs;
  std::vector<fleet::Bands> bands;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const fleet::FleetPhysics* p = request.bottom_up ? &physics[i] : nullptr;
    runs.push_back(fleet::run(scenarios[i], p));
    if (request.samples > 0) {
      bands.push_back(
          fleet::monte_carlo(scenarios[i], request.samples, request.seed, request.threads, p));
    }
  }
  return results_table(runs, bands);
}

Table results_table(const std::vector<fleet::Results>& runs,
                    const std::vector<fleet::Bands>& bands) {
  if (!bands.empty() && bands.size() != runs.size())
    throw InternalError(fmt::format("{} band sets for {} runs", bands.size(), runs.size()));
  TextColumn scenario, group, kind, indicator, unit;
  CountColumn year;
  NumberColumn value, p5, p50, p95;
  for (std::size_t ri = 0; ri < runs.size(); ++ri) {
    const fleet::Results& r = runs[ri];
    for (int y = r.first_year; y <= r.last_year; ++y) {
      const auto k = static_cast<std::size_t>(y - r.first_year);
      for (std::size_t gi = 0; gi < r.groups.size(); ++gi) {
        const auto& g = r.groups[gi];
        for (const auto& ind : fleet::indicators()) {
          const double v = g.series[ind.id][k];
          if (std::isnan(v)) continue;
          scenario.emplace_back(r.scenario);
          year.push_back(y);
          group.emplace_back(g.name);
          kind.emplace_back(g.kind);
          indicator.emplace_back(std::string(ind.name));
          unit.emplace_back(std::string(ind.unit));
          value.push_back(v / ind.si_per_unit);
          if (bands.empty()) continue;
          const fleet::Band& b = bands[ri].groups[gi];
          p5.push_back(b.p5[ind.id][k] / ind.si_per_unit);
          p50.push_back(b.p50[ind.id][k] / ind.si_per_unit);
          p95.push_back(b.p95[ind.id][k] / ind.si_per_unit);
        }
      }
    }
  }
  Table t{{"scenario", std::move(scenario)},   {"year", std::move(year)},
          {"group", std::move(group)},         {"kind", std::move(kind)},
          {"indicator", std::move(indicator)}, {"unit", std::move(unit)},
          {"value", std::move(value)}};
  if (!bands.empty()) {
    t.push_back({"p5", std::move(p5)});
    t.push_back({"p50", std::move(p50)});
    t.push_back({"p95", std::move(p95)});
  }
  return t;
}

}  // namespace heatlift::python
