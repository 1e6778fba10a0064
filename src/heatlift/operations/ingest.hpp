// Monitoring data in: CSV and JSON-lines files (and, through parse_json_row and Ingestor, any
// other source such as the MQTT subscriber) cleaned and stored, every row accounted for.
//
// Formats (docs/operations.md, "Ingest"). A CSV file (RFC 4180: quoted fields may hold commas,
// "" and newlines; UTF-8 with or without a byte-order mark, or GB 18030/GBK as Chinese Excel
// writes it) has a header row whose cells name a `time` column, optionally a `unit` column
// (the unit's id; else --unit), and channels of telemetry.hpp with their unit, either
// `t_flow [°C]` or `t_flow_C`; a cumulative meter register is `heat_hp [kWh counter]` or
// `heat_hp_kWh_counter`. A JSON-lines file holds one object per line with the same keys in
// suffix form. Files are read in chunks (no size limit, memory bounded by the batch).
//
// Cleaning: sentinels (-9999 ...) and values outside a channel's physical range become "not
// measured" with a flag; duplicated timestamps keep the first row; rows out of time order are
// sorted in; gaps are flagged; times outside 2000-01-01 … one day from now (a logger whose
// clock was reset) are dropped; a backward step of the clock is flagged; malformed rows are
// dropped. Each drop and correction is counted by reason in the IngestReport with the first
// examples, "file:line: field 'x': value 'y': expected ...".
//
// Intervals: each unit's nominal interval is the median spacing of its first batch of rows
// (or IngestOptions::interval_s); every row gets that dt. An energy per interval becomes the
// mean power over dt. A meter register's reading at t_i and at the next row t_{i+1} give the
// row at t_i the mean power (r_{i+1} - r_i) / (t_{i+1} - t_i) (t is the interval's start);
// the file's last row has none, and a register that went down is a counter reset (flagged,
// not measured).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/operations/store.hpp"
#include "heatlift/operations/telemetry.hpp"

namespace heatlift::operations {

struct IngestOptions {
  std::string unit;            ///< unit id of rows without one (--unit)
  int tz_offset_s = 8 * 3600;  ///< offset of times written without one (China: UTC+8)
  std::vector<double> sentinels = {-9999.0, -999.0, 9999.0, -99999.0, 99999.0};
  std::size_t batch_rows = 32768;  ///< rows per store transaction (at most)
  std::size_t max_examples = 20;   ///< problems quoted in the report
  std::int32_t interval_s = 0;     ///< nominal interval; 0 = the median spacing of the rows
  std::int64_t now = 0;            ///< "now" for the clock check (s since 1970); 0 = clock
};

/// How the numbers of a column (CSV header cell, JSON key) become SI.
struct ColumnUnit {
  enum class Kind : std::uint8_t {
    value,            ///< a value at (or mean over) the interval
    interval_energy,  ///< energy over the interval → mean power
    counter,          ///< cumulative meter register → differences → mean power
  };
  Channel channel = Channel::elec_unit;
  Kind kind = Kind::value;
  double scale = 1.0;  ///< SI = number × scale + offset
  double offset = 0.0;
  std::string unit;  ///< as written ("°F", "kWh"), "" when the channel needs none
  bool converted() const { return scale != 1.0 || offset != 0.0; }
};

/// The column a header cell or JSON key names: "t_flow [°C]", "t_flow (℃)", "t_flow_C",
/// "heat_hp [kWh counter]", "heat_hp_kWh_counter". Throws InvalidInput naming the cell and
/// what was expected (unknown channel, unknown unit, a unit of the wrong kind, no unit).
ColumnUnit parse_column(std::string_view cell);

/// Seconds since 1970 UTC of a time written as ISO 8601 (2025-01-01T08:00:00+08:00,
/// 2025-01-01 08:00, ...Z), as Chinese Excel writes it (2025/1/1 0:00) or as unix seconds
/// (1735660800); a time without an offset is at `tz_offset_s`. std::nullopt if unreadable.
std::optional<std::int64_t> parse_time(std::string_view text, int tz_offset_s);

/// "+08:00" → 28800; throws InvalidInput naming the value otherwise.
int parse_tz_offset(std::string_view text);

/// One row as read: SI values, interval energies still in J and registers as read (J).
struct RawRow {
  std::int64_t t = 0;
  std::int64_t line = 0;  ///< line in the file (message number for a stream)
  std::array<double, kChannels> v{};
  std::uint16_t energy_mask = 0;   ///< channels holding an energy over the interval (J)
  std::uint16_t counter_mask = 0;  ///< channels holding a register reading (J)
  std::uint16_t sentinel_mask = 0;
  std::uint16_t range_mask = 0;
  std::uint32_t flags = 0;
  RawRow();
  /// Sets channel `col.channel` from a number as written: a sentinel or (for values) a value
  /// outside the channel's range becomes not measured and is flagged.
  void set(const ColumnUnit& col, double number, const std::vector<double>& sentinels);
};

/// Parses one JSON object into `row` (JSON lines, MQTT messages): "unit", "time" (text or
/// unix seconds) and channel keys in suffix form; null is "not measured". Returns the unit id
/// ("" when the object has none). Throws InvalidInput naming the key and value.
std::string parse_json_row(std::string_view json, const IngestOptions& options, RawRow& row);
/// The report's reason for a row parse_json_row refused, from the message it threw: "unparsable
/// time", "not a JSON object", "unknown key or unit" or "unparsable value" (files and MQTT
/// messages count alike).
std::string json_row_drop_reason(std::string_view what);

/// Cleans rows and stores them in batches; counts everything in `report`. One per source.
class Ingestor {
 public:
  Ingestor(Store& store, IngestOptions options, IngestReport& report);
  ~Ingestor();
  Ingestor(const Ingestor&) = delete;
  Ingestor& operator=(const Ingestor&) = delete;

  /// A row read from `unit`; stored with a later batch or dropped with a reason.
  void add(std::string_view unit, RawRow& row);
  /// A row that could not be read: counted as read and dropped under `reason`; `example`
  /// ("file:line: ...") is quoted in the report if there is room.
  void drop(const std::string& reason, const std::string& example);
  /// Stores the cleaned rows staged so far (one transaction per unit).
  void flush();
  /// Stores everything (the rows held back for a register's next reading too) and logs the
  /// report in the store.
  void finish();
  const IngestOptions& options() const { return options_; }

 private:
  struct UnitState;
  void flush(bool final);
  void emit(UnitState& u, bool final);
  bool settle_interval(UnitState& u, bool final);
  std::vector<RawRow> take_rows(UnitState& u);
  void fill_batch(UnitState& u, std::vector<RawRow>& rows, std::size_t n);
  double register_power(const std::vector<RawRow>& rows, std::size_t i, Channel c, bool behind);
  void count_correction(const std::string& reason, std::int64_t line, const std::string& what);
  UnitState& state(std::string_view unit);

  Store& store_;
  IngestOptions options_;
  IngestReport& report_;
  std::map<std::string, std::unique_ptr<UnitState>, std::less<>> units_;
  UnitState* last_ = nullptr;
  std::size_t staged_ = 0;
  std::map<std::string, bool, std::less<>> exampled_;  ///< reasons already quoted
  Series batch_;                                       ///< the rows of one upsert (reused)
};

/// Reads a CSV or JSON-lines file (by extension .jsonl/.ndjson/.json or a first character
/// '{') into the store and returns its report (also logged in the store). Throws
/// InvalidInput (exit 2) when the file itself is unusable — missing, a bad header, no unit —
/// after storing nothing of it, or, for a problem further in, after the batches before it.
IngestReport ingest_file(const std::filesystem::path& path, Store& store,
                         const IngestOptions& options);

}  // namespace heatlift::operations
