#include "heatlift/operations/telemetry.hpp"

#include <cmath>
#include <limits>

namespace heatlift::operations {

namespace {
constexpr std::array<std::string_view, kChannels> kNames = {
    "elec_unit",   "elec_source",   "elec_backup", "elec_sink", "heat_hp",
    "heat_backup", "t_flow",        "t_return",    "flow_rate", "t_outdoor",
    "rh_outdoor",  "compressor_hz", "defrost",     "backup_on"};
}  // namespace

std::string_view to_string(Channel channel) {
  return kNames[static_cast<std::size_t>(channel)];
}

std::optional<Channel> channel_from_string(std::string_view name) {
  for (std::size_t i = 0; i < kChannels; ++i)
    if (kNames[i] == name) return static_cast<Channel>(i);
  return std::nullopt;
}

const std::array<Channel, kChannels>& all_channels() {
  static const std::array<Channel, kChannels> channels = [] {
    std::array<Channel, kChannels> out{};
    for (std::size_t i = 0; i < kChannels; ++i) out[i] = static_cast<Channel>(i);
    return out;
  }();
  return channels;
}

bool Series::has(Channel c) const {
  for (double v : (*this)[c])
    if (!std::isnan(v)) return true;
  return false;
}

std::size_t Series::add_row(std::int64_t time, std::int32_t length, std::uint32_t row_flags) {
  t.push_back(time);
  dt.push_back(length);
  flags.push_back(row_flags);
  for (auto& column : values) column.push_back(std::numeric_limits<double>::quiet_NaN());
  return t.size() - 1;
}

void Series::reserve(std::size_t rows) {
  t.reserve(rows);
  dt.reserve(rows);
  flags.reserve(rows);
  for (auto& column : values) column.reserve(rows);
}

void Series::clear() {
  t.clear();
  dt.clear();
  flags.clear();
  for (auto& column : values) column.clear();
}

std::string_view to_string(Boundary boundary) {
  switch (boundary) {
    case Boundary::h1: return "H1";
    case Boundary::h2: return "H2";
    case Boundary::h3: return "H3";
    case Boundary::h4: return "H4";
  }
  return "H?";
}

std::vector<Boundary> UnitMeta::boundaries() const {
  std::vector<Boundary> out;
  if (!meters.elec_unit || !meters.heat_hp) return out;
  out.push_back(Boundary::h1);
  const bool air = type.rfind("air", 0) == 0;
  if (!(meters.elec_source || air)) return out;
  out.push_back(Boundary::h2);
  if (!meters.elec_backup) return out;
  out.push_back(Boundary::h3);
  if (meters.elec_sink) out.push_back(Boundary::h4);
  return out;
}

}  // namespace heatlift::operations
