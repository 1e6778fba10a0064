// Input pairs and property names as users write them: "T,p" picks the flash at_T_p,
// "rho,h,s" the properties wanted, each with its column name in SI units. One table serves
// `heatlift fluid eval` and the Python bindings' vectorised calls, so both accept the same
// names, say the same errors and name their columns alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/fluids/properties.hpp"
#include "heatlift/fluids/state.hpp"

namespace heatlift::fluids {

/// A flash on one input pair, its two inputs (SI) in the pair's order.
using Flash = State (*)(const Properties&, double, double);

/// The flash of a pair as the user named it: T,p p,h p,s T,Q p,Q T,rho h,s, in either order.
struct InputPair {
  Flash flash = nullptr;
  bool swap = false;  ///< named the other way round ("p,T"): the inputs come swapped

  /// The state at the user's (a, b), in the order the user named them.
  State operator()(const Properties& fluid, double a, double b) const {
    return swap ? flash(fluid, b, a) : flash(fluid, a, b);
  }
};

/// The pair named by `given` ("T,p", "h,p" ...) on `fluid`. Throws InvalidInput naming
/// `field`, the text and the supported pairs; NotSupported for (h, s) on any backend but
/// the exact one (fluids::Fluid).
InputPair parse_input_pair(std::string_view given, std::string_view field, const Properties& fluid);

/// A property of a state.
enum class Property { T, p, rho, h, s, u, cp, cv, w, Q, phase };

/// A comma-separated list of property names (T p rho h s u cp cv w Q phase; spaces around
/// the names are ignored). Throws InvalidInput naming `field` for an unknown name or an
/// empty list.
std::vector<Property> parse_properties(std::string_view list, std::string_view field);

/// The column of a property, with its SI unit: T_K p_Pa rho_kg_m3 h_J_kg s_J_kgK u_J_kg
/// cp_J_kgK cv_J_kgK w_m_s Q phase.
std::string_view column_name(Property p);

/// The property's value at `s` (SI); none where the state has none (cp, cv and w inside the
/// two-phase dome, Q outside it). The phase is its code (the Phase enumerator's index).
std::optional<double> value_of(const State& s, Property p);

/// The items of a comma-separated list, spaces around each removed, empty items dropped.
std::vector<std::string> split_list(std::string_view list);

}  // namespace heatlift::fluids
