#include "heatlift/fleet/results.hpp"

#include <fmt/format.h>

#include <cmath>
#include <ostream>

#include "heatlift/core/error.hpp"

namespace heatlift::fleet {

namespace {

void check_bands(const std::vector<Results>& runs, const std::vector<Bands>& bands) {
  if (bands.empty()) return;
  if (bands.size() != runs.size()) {
    throw InternalError(
        fmt::format("results: {} band sets for {} scenarios", bands.size(), runs.size()));
  }
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (bands[i].scenario != runs[i].scenario || bands[i].first_year != runs[i].first_year ||
        bands[i].groups.size() != runs[i].groups.size()) {
      throw InternalError(fmt::format("results: bands of '{}' do not match the run of '{}'",
                                      bands[i].scenario, runs[i].scenario));
    }
  }
}

nlohmann::json display_array(const std::vector<double>& si, const IndicatorInfo& ind) {
  nlohmann::json arr = nlohmann::json::array();
  for (double v : si) {
    if (std::isnan(v))
      arr.push_back(nullptr);
    else
      arr.push_back(std::round(v / ind.si_per_unit * 1e6) / 1e6);
  }
  return arr;
}

}  // namespace

void write_csv(const std::vector<Results>& runs, std::ostream& os,
               const std::vector<Bands>& bands) {
  check_bands(runs, bands);
  os << "scenario,year,group,kind,indicator,unit,value" << (bands.empty() ? "" : ",p5,p50,p95")
     << '\n';
  for (std::size_t ri = 0; ri < runs.size(); ++ri) {
    const Results& r = runs[ri];
    for (int y = r.first_year; y <= r.last_year; ++y) {
      const auto k = static_cast<std::size_t>(y - r.first_year);
      for (std::size_t gi = 0; gi < r.groups.size(); ++gi) {
        const auto& g = r.groups[gi];
        for (const auto& ind : indicators()) {
          const double v = g.series[ind.id][k];
          if (std::isnan(v)) continue;
          os << fmt::format("{},{},{},{},{},{},{:.6g}", r.scenario, y, g.name, g.kind, ind.name,
                            ind.unit, v / ind.si_per_unit);
          if (!bands.empty()) {
            const Band& b = bands[ri].groups[gi];
            os << fmt::format(",{:.6g},{:.6g},{:.6g}", b.p5[ind.id][k] / ind.si_per_unit,
                              b.p50[ind.id][k] / ind.si_per_unit,
                              b.p95[ind.id][k] / ind.si_per_unit);
          }
          os << '\n';
        }
      }
    }
  }
}

nlohmann::json to_json(const std::vector<Results>& runs, const std::vector<Bands>& bands) {
  check_bands(runs, bands);
  nlohmann::json doc;
  doc["scenarios"] = nlohmann::json::array();
  for (std::size_t ri = 0; ri < runs.size(); ++ri) {
    const Results& r = runs[ri];
    nlohmann::json s;
    s["name"] = r.scenario;
    s["title"] = r.title;
    s["engine"] = r.bottom_up ? "bottom-up" : "top-down";
    std::vector<int> years;
    for (int y = r.first_year; y <= r.last_year; ++y) years.push_back(y);
    s["years"] = years;
    s["milestones"] = r.milestones;
    for (const auto& g : r.groups) {
      nlohmann::json gj;
      gj["kind"] = g.kind;
      for (const auto& ind : indicators()) {
        gj[std::string(ind.name)] = display_array(g.series[ind.id], ind);
      }
      // Bottom-up runs: the hour of the year (0 = 1 January 00:00, Beijing time, of the
      // typical years) of each year's winter peak.
      if (!g.peak_hour.empty()) gj["winter_peak_hour"] = g.peak_hour;
      s["groups"][g.name] = gj;
    }
    if (!bands.empty()) {
      s["monte_carlo"] = {{"samples", bands[ri].samples}, {"seed", bands[ri].seed}};
      for (const auto& b : bands[ri].groups) {
        for (const auto& ind : indicators()) {
          s["bands"][b.group][std::string(ind.name)] = {{"p5", display_array(b.p5[ind.id], ind)},
                                                        {"p50", display_array(b.p50[ind.id], ind)},
                                                        {"p95", display_array(b.p95[ind.id], ind)}};
        }
      }
    }
    doc["scenarios"].push_back(s);
  }
  for (const auto& ind : indicators()) doc["units"][std::string(ind.name)] = ind.unit;
  return doc;
}

}  // namespace heatlift::fleet
