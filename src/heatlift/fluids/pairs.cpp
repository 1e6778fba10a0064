#include "heatlift/fluids/pairs.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/fluid.hpp"

namespace heatlift::fluids {
namespace {

struct PairEntry {
  std::string_view a;
  std::string_view b;
  Flash flash;
};

State flash_h_s(const Properties& f, double h, double s) {
  return static_cast<const Fluid&>(f).at_h_s(h, s);  // parse_input_pair checks the backend
}

constexpr PairEntry kPairs[] = {
    {"T", "p", [](const Properties& f, double a, double b) { return f.at_T_p(a, b); }},
    {"p", "h", [](const Properties& f, double a, double b) { return f.at_p_h(a, b); }},
    {"p", "s", [](const Properties& f, double a, double b) { return f.at_p_s(a, b); }},
    {"T", "Q", [](const Properties& f, double a, double b) { return f.at_T_Q(a, b); }},
    {"p", "Q", [](const Properties& f, double a, double b) { return f.at_p_Q(a, b); }},
    {"T", "rho", [](const Properties& f, double a, double b) { return f.at_T_rho(a, b); }},
    {"h", "s", &flash_h_s},
};

struct PropertyName {
  std::string_view name;
  Property property;
  std::string_view column;
};

constexpr PropertyName kProperties[] = {
    {"T", Property::T, "T_K"},           {"p", Property::p, "p_Pa"},
    {"rho", Property::rho, "rho_kg_m3"}, {"h", Property::h, "h_J_kg"},
    {"s", Property::s, "s_J_kgK"},       {"u", Property::u, "u_J_kg"},
    {"cp", Property::cp, "cp_J_kgK"},    {"cv", Property::cv, "cv_J_kgK"},
    {"w", Property::w, "w_m_s"},         {"Q", Property::Q, "Q"},
    {"phase", Property::phase, "phase"},
};

}  // namespace

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    std::string_view item = list.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

InputPair parse_input_pair(std::string_view given, std::string_view field,
                           const Properties& fluid) {
  const auto names = split_list(given);
  if (names.size() == 2) {
    for (const auto& p : kPairs) {
      const bool forward = names[0] == p.a && names[1] == p.b;
      if (!forward && !(names[0] == p.b && names[1] == p.a)) continue;
      if (p.flash == &flash_h_s && dynamic_cast<const Fluid*>(&fluid) == nullptr) {
        throw NotSupported(
            fmt::format("{} '{}': (h, s) is solved by the exact backend only", field, given));
      }
      return {p.flash, !forward};
    }
  }
  throw InvalidInput(
      fmt::format("{} '{}': supported pairs are T,p p,h p,s T,Q p,Q T,rho h,s", field, given));
}

std::vector<Property> parse_properties(std::string_view list, std::string_view field) {
  std::vector<Property> out;
  for (const auto& name : split_list(list)) {
    const auto* it = std::find_if(std::begin(kProperties), std::end(kProperties),
                                  [&](const PropertyName& p) { return name == p.name; });
    if (it == std::end(kProperties)) {
      throw InvalidInput(fmt::format(
          "{}: unknown property '{}'; expected one of T p rho h s u cp cv w Q phase", field, name));
    }
    out.push_back(it->property);
  }
  if (out.empty()) {
    throw InvalidInput(fmt::format("{}: name at least one property, e.g. rho,h,s", field));
  }
  return out;
}

std::string_view column_name(Property p) {
  return kProperties[static_cast<std::size_t>(p)].column;
}

std::optional<double> value_of(const State& s, Property p) {
  switch (p) {
    case Property::T: return s.T;
    case Property::p: return s.p;
    case Property::rho: return s.rho;
    case Property::h: return s.h;
    case Property::s: return s.s;
    case Property::u: return s.u;
    case Property::cp: return s.cp;
    case Property::cv: return s.cv;
    case Property::w: return s.w;
    case Property::Q: return s.Q;
    case Property::phase: return static_cast<double>(s.phase);
  }
  return std::nullopt;
}

}  // namespace heatlift::fluids
