// Plausibility of declared EN 14825 test points: data that cannot be right is flagged with
// its reason instead of being rated silently (a point copied from another condition, a
// capacity ten times off the design load, a COP above the Carnot COP of its lift or below 1).
#pragma once

#include <string>
#include <vector>

#include "heatlift/standards/en14825.hpp"
#include "heatlift/standards/performance.hpp"

namespace heatlift::standards {

/// The sink temperature assumed for the Carnot bound where a point declares none: 20 °C,
/// the room every space-heating unit heats (a leaving water temperature is higher, so the
/// bound is the loosest a real point can have).
constexpr double kRoomTemperature = 293.15;  // K

/// One reason per implausible finding, naming the points and their values. Empty: nothing
/// found. The Carnot bound uses the outdoor temperature as the source and so applies to
/// air-source units only (water and brine units draw on a source the points do not give).
std::vector<std::string> implausible_points(const En14825Input& input,
                                            const std::vector<DeclaredPoint>& points);

}  // namespace heatlift::standards
