#include "heatlift/standards/tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::standards {

std::string_view to_string(Confidence c) {
  switch (c) {
    case Confidence::c1: return "C1";
    case Confidence::c2: return "C2";
    case Confidence::partial: return "PARTIAL";
    case Confidence::unconfirmed: return "UNCONFIRMED";
  }
  return "UNCONFIRMED";
}

std::optional<Confidence> parse_confidence(std::string_view text) {
  if (text == "C1") return Confidence::c1;
  if (text == "C2") return Confidence::c2;
  if (text == "PARTIAL") return Confidence::partial;
  if (text == "UNCONFIRMED") return Confidence::unconfirmed;
  return std::nullopt;
}

Confidence weakest(Confidence a, Confidence b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

const std::vector<StandardId>& all_standards() {
  static const std::vector<StandardId> ids{StandardId::gb19577, StandardId::gb29541,
                                           StandardId::gb21455, StandardId::gb21454,
                                           StandardId::en14825};
  return ids;
}

std::string_view to_string(StandardId id) {
  switch (id) {
    case StandardId::gb19577: return "gb19577";
    case StandardId::gb29541: return "gb29541";
    case StandardId::gb21455: return "gb21455";
    case StandardId::gb21454: return "gb21454";
    case StandardId::en14825: return "en14825";
  }
  return "gb19577";
}

StandardId parse_standard(std::string_view text, std::string_view field) {
  for (StandardId id : all_standards()) {
    if (text == to_string(id)) return id;
  }
  throw InvalidInput(fmt::format(
      "{}: '{}' is not a standard heatlift rates by; expected gb19577, gb29541, gb21455, "
      "gb21454 or en14825",
      field, text));
}

std::string_view to_string(CapacityBasis b) {
  return b == CapacityBasis::heating ? "heating capacity" : "cooling capacity";
}

bool CapacityBand::contains(double w) const {
  if (lower && (lower_inclusive ? w < *lower : w <= *lower)) return false;
  if (upper && (upper_inclusive ? w > *upper : w >= *upper)) return false;
  return true;
}

std::string CapacityBand::describe() const {
  auto kw = [](double w) {
    return w < 1e4 ? fmt::format("{:g} W", w) : fmt::format("{:g} kW", w / 1e3);
  };
  std::string s;
  if (lower) s += fmt::format("{} {} ", kw(*lower), lower_inclusive ? "<=" : "<");
  s += to_string(basis);
  if (upper) s += fmt::format(" {} {}", upper_inclusive ? "<=" : "<", kw(*upper));
  if (!lower && !upper) s += " (any)";
  return s;
}

const Climate& En14825Data::climate(std::string_view name, std::string_view field) const {
  for (const auto& c : climates) {
    if (c.name == name) return c;
  }
  std::vector<std::string> names;
  for (const auto& c : climates) names.push_back(c.name);
  throw InvalidInput(fmt::format("{}: '{}' is not an EN 14825 climate; expected {}", field, name,
                                 fmt::join(names, ", ")));
}

const StandardTables& StandardsLibrary::tables(StandardId id) const {
  for (const auto& s : standards) {
    if (s.id == id) return s;
  }
  throw DataMissing(fmt::format("{} has no grade tables in data/standards/", to_string(id)));
}

}  // namespace heatlift::standards
