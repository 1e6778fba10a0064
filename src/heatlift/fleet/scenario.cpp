#include "heatlift/fleet/scenario.hpp"

#include <algorithm>
#include <cmath>

namespace heatlift::fleet {

double Path::at(double year) const {
  if (values.empty()) return 0.0;
  if (year <= years.front()) return values.front();
  if (year >= years.back()) return values.back();
  const auto it = std::upper_bound(years.begin(), years.end(), year);
  const std::size_t i = static_cast<std::size_t>(it - years.begin());
  const double w = (year - years[i - 1]) / (years[i] - years[i - 1]);
  return values[i - 1] + w * (values[i] - values[i - 1]);
}

std::string_view to_string(EndUse e) {
  return e == EndUse::space_heating ? "space_heating" : "hot_water";
}
std::string_view to_string(Sector s) {
  return s == Sector::household ? "household" : "commercial";
}

const Path& grid_path(const Scenario& sc) {
  return sc.levers.grid ? *sc.levers.grid : sc.grid;
}

double Weibull::survival(double age) const {
  if (age <= 0.0) return 1.0;
  return std::exp(-std::pow(age / scale, shape));
}

double Weibull::mean() const {
  return scale * std::tgamma(1.0 + 1.0 / shape);
}

}  // namespace heatlift::fleet
