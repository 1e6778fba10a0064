// Where monitoring data is kept: SQLite by default (one file, WAL), PostgreSQL for a server.
// Both have the same schema and pass the same tests (tests/operations/store_test.cpp).
//
// Schema (docs/operations.md): `units` (id, metadata as JSON), `samples_data` (k = unit ·
// 2^32 + t, dt, one REAL column per Channel, flags) shown as (unit, t, …) by the view
// `samples`, `ingest_log` (one row per batch:
// source, counts by reason). Writing is idempotent: a row whose (unit, t) is already stored
// replaces it, so a batch delivered twice (MQTT at-least-once, an ingest run again after a
// kill) stores each row once. Each batch is one transaction: after a crash the store holds
// whole batches only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/operations/telemetry.hpp"

namespace heatlift::operations {

/// What happened to the rows of one ingest (a file, a message stream): every row read is
/// stored or dropped, and every drop and correction has a reason and a count.
struct IngestReport {
  std::string source;             ///< file path, "mqtt://host:port/topic", "stdin"
  std::int64_t rows_read = 0;     ///< data rows seen (header and blank lines excluded)
  std::int64_t rows_stored = 0;   ///< rows written (inserted or replacing an equal key)
  std::int64_t rows_dropped = 0;  ///< rows not stored (each counted under a reason)
  std::map<std::string, std::int64_t> dropped;    ///< reason → rows ("unparsable time" ...)
  std::map<std::string, std::int64_t> corrected;  ///< reason → rows ("sentinel -9999" ...)
  /// The first few problems, each "file:line: field 'x': value 'y': expected ...".
  std::vector<std::string> examples;
};

class Store {
 public:
  virtual ~Store() = default;
  /// Adds or replaces a unit's metadata.
  virtual void put_unit(const UnitMeta& unit) = 0;
  /// The unit's metadata; std::nullopt if the store has no such unit.
  virtual std::optional<UnitMeta> unit(std::string_view id) = 0;
  /// Every unit id, sorted.
  virtual std::vector<std::string> unit_ids() = 0;
  /// Writes `rows` of unit `id` in one transaction (all or none); rows whose (unit, t) is
  /// stored already replace it. Returns the number of rows written.
  virtual std::int64_t upsert(std::string_view id, const Series& rows) = 0;
  /// The unit's rows with from ≤ t < to, in time order.
  virtual Series read(std::string_view id, std::int64_t from = INT64_MIN,
                      std::int64_t to = INT64_MAX) = 0;
  /// Number of rows stored for the unit.
  virtual std::int64_t count(std::string_view id) = 0;
  /// Records an ingest's report.
  virtual void log_ingest(const IngestReport& report) = 0;
};

/// Opens (creating the schema if needed) the store at `url`: a file path or
/// "sqlite:PATH" for SQLite, "postgresql://…" or "postgres://…" for PostgreSQL. Throws
/// InvalidInput naming the url for anything else, IoError when it cannot be opened.
std::unique_ptr<Store> open_store(std::string_view url);

}  // namespace heatlift::operations
