// Internals shared by ingest.cpp (the Ingestor), ingest_values.cpp (column units, JSON rows)
// and ingest_csv.cpp (files, times, raw rows): inline, so each hot loop keeps them inlined.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include "heatlift/operations/telemetry.hpp"

namespace heatlift::operations::ingest_detail {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline std::uint16_t bit(Channel c) {
  return static_cast<std::uint16_t>(1u << static_cast<unsigned>(c));
}

// ---- physical ranges (SI), with the text shown in reports --------------------------------

struct PhysicalRange {
  double lo, hi;
  const char* text;
};

inline const PhysicalRange& range_of(Channel c) {
  static const std::array<PhysicalRange, kChannels> ranges = {{
      {0.0, 5e6, "0…5000 kW"},                // elec_unit
      {0.0, 5e6, "0…5000 kW"},                // elec_source
      {0.0, 5e6, "0…5000 kW"},                // elec_backup
      {0.0, 5e6, "0…5000 kW"},                // elec_sink
      {-5e6, 5e6, "-5000…5000 kW"},           // heat_hp (negative while defrosting)
      {0.0, 5e6, "0…5000 kW"},                // heat_backup
      {243.15, 403.15, "-30…130 °C"},         // t_flow
      {243.15, 403.15, "-30…130 °C"},         // t_return
      {0.0, 1000.0 / 3600.0, "0…1000 m³/h"},  // flow_rate
      {213.15, 333.15, "-60…60 °C"},          // t_outdoor
      {0.0, 1.0, "0…100 %"},                  // rh_outdoor
      {0.0, 500.0, "0…500 Hz"},               // compressor_hz
      {0.0, 1.0, "0…1"},                      // defrost
      {0.0, 1.0, "0…1"},                      // backup_on
  }};
  return ranges[static_cast<std::size_t>(c)];
}

inline bool in_range(Channel c, double v) {
  const auto& r = range_of(c);
  // A little slack for rounding at the edges (100.0000001 %).
  const double slack = 1e-9 * std::max(std::abs(r.lo), std::abs(r.hi)) + 1e-12;
  return v >= r.lo - slack && v <= r.hi + slack;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace heatlift::operations::ingest_detail
