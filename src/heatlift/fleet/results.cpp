#include "heatlift/fleet/results.hpp"

#include <fmt/format.h>

#include <cmath>
#include <ostream>

namespace heatlift::fleet {

void write_csv(const std::vector<Results>& runs, std::ostream& os) {
  os << "scenario,year,group,kind,indicator,unit,value\n";
  for (const auto& r : runs) {
    for (int y = r.first_year; y <= r.last_year; ++y) {
      const auto k = static_cast<std::size_t>(y - r.first_year);
      for (const auto& g : r.groups) {
        for (const auto& ind : indicators()) {
          const double v = g.series[ind.id][k];
          if (std::isnan(v)) continue;
          os << fmt::format("{},{},{},{},{},{},{:.6g}\n", r.scenario, y, g.name, g.kind, ind.name,
                            ind.unit, v / ind.si_per_unit);
        }
      }
    }
  }
}

nlohmann::json to_json(const std::vector<Results>& runs) {
  nlohmann::json doc;
  doc["scenarios"] = nlohmann::json::array();
  for (const auto& r : runs) {
    nlohmann::json s;
    s["name"] = r.scenario;
    s["title"] = r.title;
    std::vector<int> years;
    for (int y = r.first_year; y <= r.last_year; ++y) years.push_back(y);
    s["years"] = years;
    s["milestones"] = r.milestones;
    for (const auto& g : r.groups) {
      nlohmann::json gj;
      gj["kind"] = g.kind;
      for (const auto& ind : indicators()) {
        nlohmann::json arr = nlohmann::json::array();
        for (double v : g.series[ind.id]) {
          if (std::isnan(v))
            arr.push_back(nullptr);
          else
            arr.push_back(std::round(v / ind.si_per_unit * 1e6) / 1e6);
        }
        gj[std::string(ind.name)] = arr;
      }
      s["groups"][g.name] = gj;
    }
    doc["scenarios"].push_back(s);
  }
  for (const auto& ind : indicators()) doc["units"][std::string(ind.name)] = ind.unit;
  return doc;
}

}  // namespace heatlift::fleet
