// Monitoring data of running heat pumps: what a unit is (UnitMeta) and what its meters said
// (Series). The shared vocabulary of the operations layer: ingest fills a Series, the store
// keeps it, KPIs, expected performance, findings and the retrofit diagnosis read it.
//
// Units inside are SI like everywhere else: energies are carried as the mean power over the
// interval (W; the interval's energy is power × dt), temperatures in K, flow in m³/s,
// relative humidity as a fraction, compressor speed in Hz, defrost and back-up states as the
// fraction of the interval they were on (0…1). A value that was not measured in a row is
// NaN inside this layer and never leaves it: every output counts or skips it.
//
// SEPEMO-Build boundaries (Nordman et al. 2012, D4.2), as in site/simulation.hpp:
//   H1 = Q_hp / E_unit;  H2 = Q_hp / (E_unit + E_source);
//   H3 = (Q_hp + Q_bu) / (E_unit + E_source + E_bu);  H4 = H3 with + E_sink below.
// Which of them a unit allows follows from the meters it has (Meters::boundaries).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::operations {

/// A measured quantity. Order is the storage order (columns of the store, of Series).
enum class Channel : std::uint8_t {
  elec_unit,      ///< W, heat-pump unit: compressor, controls, defrost (SEPEMO E_hp)
  elec_source,    ///< W, source fan or brine / well pump
  elec_backup,    ///< W, back-up heater
  elec_sink,      ///< W, heating-circuit pump
  heat_hp,        ///< W, heat delivered by the heat pump
  heat_backup,    ///< W, heat delivered by the back-up heater
  t_flow,         ///< K, supply (flow) water temperature
  t_return,       ///< K, return water temperature
  flow_rate,      ///< m³/s, heating-circuit water flow
  t_outdoor,      ///< K, outdoor dry bulb
  rh_outdoor,     ///< 1, outdoor relative humidity (0…1)
  compressor_hz,  ///< Hz, compressor frequency (0 = off)
  defrost,        ///< 1, fraction of the interval in defrost
  backup_on,      ///< 1, fraction of the interval the back-up heater was on
};
inline constexpr std::size_t kChannels = 14;
/// Canonical name ("elec_unit", "t_flow", ...), used in CSV headers, JSON keys and the store.
std::string_view to_string(Channel channel);
/// The channel of a canonical name; std::nullopt if there is none.
std::optional<Channel> channel_from_string(std::string_view name);
/// All channels in storage order.
const std::array<Channel, kChannels>& all_channels();

/// Row quality flags: what ingest corrected or doubts in a row (bit set).
enum Flag : std::uint32_t {
  flag_sentinel = 1u << 0,        ///< a sentinel (-9999 ...) was read as "not measured"
  flag_duplicate = 1u << 1,       ///< another row had the same timestamp (kept: this one)
  flag_out_of_order = 1u << 2,    ///< arrived out of time order and was sorted in
  flag_gap_before = 1u << 3,      ///< a gap of more than 1.5 intervals precedes the row
  flag_clock_jump = 1u << 4,      ///< the logger's clock jumped (back or far ahead) here
  flag_counter_reset = 1u << 5,   ///< a cumulative meter register went down here
  flag_out_of_range = 1u << 6,    ///< a value outside its physical range became "not measured"
  flag_unit_converted = 1u << 7,  ///< a value was converted from a non-SI unit (°F, kWh ...)
};

/// One unit's time series, column-wise. Rows are strictly increasing in t.
struct Series {
  std::vector<std::int64_t> t;   ///< s since 1970-01-01 UTC, start of the interval
  std::vector<std::int32_t> dt;  ///< s, length of the interval (> 0)
  std::array<std::vector<double>, kChannels> values;  ///< per channel, NaN = not measured
  std::vector<std::uint32_t> flags;                   ///< Flag bits per row

  std::size_t size() const { return t.size(); }
  bool empty() const { return t.empty(); }
  std::vector<double>& operator[](Channel c) { return values[static_cast<std::size_t>(c)]; }
  const std::vector<double>& operator[](Channel c) const {
    return values[static_cast<std::size_t>(c)];
  }
  /// Whether any row has a value of `c`.
  bool has(Channel c) const;
  /// Appends a row with every channel not measured; returns its index.
  std::size_t add_row(std::int64_t t, std::int32_t dt, std::uint32_t flags = 0);
  void reserve(std::size_t rows);
  void clear();
};

/// Which meters a unit has; decides the SEPEMO boundaries its SPF can be computed at.
struct Meters {
  bool elec_unit = true;
  bool elec_source = false;  ///< separately metered; for air-source units the fan is usually
                             ///< inside the unit's meter, which then counts as H2 as well
  bool elec_backup = false;
  bool elec_sink = false;
  bool heat_hp = true;
  bool heat_backup = false;
};
enum class Boundary : std::uint8_t { h1, h2, h3, h4 };
std::string_view to_string(Boundary boundary);  ///< "H1" ... "H4"

/// What a monitored unit is.
struct UnitMeta {
  std::string id;               ///< unique within a store
  std::string type;             ///< "air-water", "ground-water", "water-water"
  std::string refrigerant;      ///< fluid name, e.g. "R410A" (may be empty when unknown)
  double rated_capacity = 0.0;  ///< W, nominal heating capacity
  int install_year = 0;         ///< calendar year the unit went into service
  std::string place;            ///< station / city name the climate layer knows
  std::string emitters;         ///< "floor", "radiators", "fan-coils"
  std::string product;          ///< a shipped product's name (its PerformanceMap), or
  std::string map_file;         ///< a map file, or a datasheet CSV to fit a map from
  Meters meters;
  /// H1 always (with the unit's meter and a heat meter); H2 when the source is metered or
  /// inside the unit's meter (air source); H3 with back-up metering; H4 with the sink pump.
  std::vector<Boundary> boundaries() const;
};

}  // namespace heatlift::operations
