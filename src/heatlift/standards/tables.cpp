#include "heatlift/standards/tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::standards {

namespace {
// Names of the confidences, in enum order (strongest first).
constexpr std::array<std::string_view, 4> kConfidenceNames{"C1", "C2", "PARTIAL", "UNCONFIRMED"};
}  // namespace

std::string_view to_string(Confidence c) {
  return kConfidenceNames.at(static_cast<std::size_t>(c));
}

std::optional<Confidence> parse_confidence(std::string_view text) {
  for (std::size_t i = 0; i < kConfidenceNames.size(); ++i) {
    if (text == kConfidenceNames[i]) return static_cast<Confidence>(i);
  }
  return std::nullopt;
}

const std::vector<std::string_view>& confidence_names() {
  static const std::vector<std::string_view> names(kConfidenceNames.begin(),
                                                   kConfidenceNames.end());
  return names;
}

Confidence weakest(Confidence a, Confidence b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

namespace {

// The one list of the standards heatlift rates by, in enum order.
constexpr std::array kStandards{
    StandardInfo{StandardId::gb19577, "gb19577", "GB 19577-2024", "standards/gb19577-2024.toml",
                 true},
    StandardInfo{StandardId::gb29541, "gb29541", "GB 29541-2013", "standards/gb29541-2013.toml",
                 true},
    StandardInfo{StandardId::gb21455, "gb21455", "GB 21455-2019", "standards/gb21455-2019.toml",
                 true},
    StandardInfo{StandardId::gb21454, "gb21454", "GB 21454-2021", "standards/gb21454-2021.toml",
                 true},
    StandardInfo{StandardId::en14825, "en14825", "EN 14825:2018", "standards/en14825.toml", false},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kStandards.size(); ++i) {
    if (static_cast<std::size_t>(kStandards[i].id) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(), "kStandards: one row per StandardId, in enum order");

}  // namespace

std::span<const StandardInfo> standard_list() {
  return kStandards;
}

const StandardInfo& standard_info(StandardId id) {
  const auto i = static_cast<std::size_t>(id);
  if (i >= kStandards.size()) throw InternalError("standard_info: a StandardId without its row");
  return kStandards[i];
}

const std::vector<StandardId>& all_standards() {
  static const std::vector<StandardId> ids = [] {
    std::vector<StandardId> out;
    for (const StandardInfo& s : kStandards) out.push_back(s.id);
    return out;
  }();
  return ids;
}

std::string_view to_string(StandardId id) {
  return standard_info(id).key;
}

StandardId parse_standard(std::string_view text, std::string_view field) {
  for (const StandardInfo& s : kStandards) {
    if (text == s.key) return s.id;
  }
  throw InvalidInput(fmt::format("{}: '{}' is not a standard heatlift rates by; expected {}", field,
                                 text, list_standards("{0}")));
}

std::string list_standards(std::string_view pattern, std::string_view last_joiner) {
  std::string out;
  for (std::size_t i = 0; i < kStandards.size(); ++i) {
    if (i > 0) out += i + 1 == kStandards.size() ? last_joiner : std::string_view(", ");
    out += fmt::format(fmt::runtime(pattern), kStandards[i].key, kStandards[i].name,
                       kStandards[i].data_file);
  }
  return out;
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
