// The log p–h diagram of a solved cycle: the fluid's saturation dome, a few isotherms and
// the cycle's processes, one panel per fluid (two for a cascade). SVG, for print.
#pragma once

#include <string>
#include <vector>

#include "heatlift/cycles/cycle.hpp"
#include "heatlift/report/messages.hpp"

namespace heatlift::report {

/// `fluids` are the result's fluids in order (CycleResult::fluids).
std::string ph_diagram_svg(const cycles::CycleResult& result,
                           const std::vector<const cycles::WorkingFluid*>& fluids,
                           const Messages& text);

}  // namespace heatlift::report
