#include "heatlift/operations/store_postgres.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <regex>
#include <string_view>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "heatlift/core/error.hpp"
#include "heatlift/operations/store_blocks.hpp"
#include "heatlift/operations/units_io.hpp"

namespace heatlift::operations {

namespace {

std::string channel_columns() {
  std::string out;
  for (Channel c : all_channels()) fmt::format_to(std::back_inserter(out), ", {}", to_string(c));
  return out;
}

// The SQLite store's schema in PostgreSQL's types (store_sqlite.cpp, docs/operations.md):
// samples as one block per unit and hour (store_blocks.hpp), keyed unit * 2^32 + hour. The
// blocks are stored uncompressed (STORAGE EXTERNAL): doubles do not compress, and trying
// costs time on every write.
const char* const kSchemaSql =
    "CREATE TABLE IF NOT EXISTS units (\n"
    "  uid BIGSERIAL PRIMARY KEY,\n"
    "  id TEXT NOT NULL UNIQUE,\n"
    "  meta JSONB);\n"
    "CREATE TABLE IF NOT EXISTS sample_blocks (\n"
    "  k BIGINT PRIMARY KEY,  -- unit * 2^32 + hour (hours since 1970-01-01 00:00 UTC)\n"
    "  rows INTEGER NOT NULL,\n"
    "  data BYTEA NOT NULL);\n"
    "ALTER TABLE sample_blocks ALTER COLUMN data SET STORAGE EXTERNAL;\n"
    "CREATE OR REPLACE VIEW sample_hours AS SELECT k >> 32 AS unit, "
    "timestamp '1970-01-01' + (k & 4294967295) * interval '1 hour' AS hour, rows "
    "FROM sample_blocks;\n"
    "CREATE TABLE IF NOT EXISTS ingest_log (\n"
    "  id BIGSERIAL PRIMARY KEY,\n"
    "  at TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
    "  source TEXT NOT NULL,\n"
    "  rows_read BIGINT NOT NULL,\n"
    "  rows_stored BIGINT NOT NULL,\n"
    "  rows_dropped BIGINT NOT NULL,\n"
    "  report JSONB NOT NULL);\n";

// The row tables of earlier stores, read as (unit, t, dt, channels, flags) in (unit, t) order.
struct Legacy {
  const char* table;
  std::string select;
  const char* drop;
};
std::vector<Legacy> legacy_layouts() {
  const std::string cols = channel_columns();
  return {
      {"samples", fmt::format("SELECT unit, t, dt{}, flags FROM samples ORDER BY unit, t", cols),
       "DROP TABLE samples"},
      {"samples_data",
       fmt::format("SELECT k >> 32, k & 4294967295, dt{}, flags FROM samples_data ORDER BY k",
                   cols),
       "DROP VIEW IF EXISTS samples; DROP TABLE samples_data"}};
}

template <typename T>
T parse_field(const pqxx::field& f, std::string_view column) {
  const char* s = f.c_str();
  const std::size_t n = f.size();
  T value{};
  auto [end, ec] = std::from_chars(s, s + n, value);
  if (ec != std::errc() || end != s + n)
    throw InternalError(fmt::format("PostgreSQL store: column '{}': cannot read '{}' as a number",
                                    column, std::string_view(s, n)));
  return value;
}

double parse_double(const pqxx::field& f, std::string_view column) {
  if (f.is_null()) return std::numeric_limits<double>::quiet_NaN();
  const std::string_view s(f.c_str(), f.size());
  if (s == "Infinity") return std::numeric_limits<double>::infinity();
  if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  return parse_field<double>(f, column);
}

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const std::string& url) : url_(url), conn_(connect(url)) {
    guard([&] {
      pqxx::work txn(*conn_);
      // Two processes opening a fresh database at once would race on CREATE TABLE IF NOT
      // EXISTS; a transaction-scoped advisory lock makes them take turns.
      txn.exec("SELECT pg_advisory_xact_lock(7236188151)");
      txn.exec(kSchemaSql);
      prepare();
      carry_over_legacy_rows(txn);
      txn.commit();
    });
  }

  void put_unit(const UnitMeta& unit) override {
    if (unit.id.empty()) throw InvalidInput("unit metadata: the id is empty");
    guard([&] {
      pqxx::work txn(*conn_);
      txn.exec_prepared("put_unit", unit.id, unit_meta_to_json(unit).dump());
      txn.commit();
    });
  }

  std::optional<UnitMeta> unit(std::string_view id) override {
    return guard([&]() -> std::optional<UnitMeta> {
      pqxx::nontransaction txn(*conn_);  // one SELECT: no BEGIN/COMMIT round trips
      const pqxx::result r = txn.exec_prepared("unit", std::string(id));
      if (r.empty()) return std::nullopt;
      UnitMeta meta;
      if (!r[0][0].is_null()) meta = unit_meta_from_json(nlohmann::json::parse(r[0][0].c_str()));
      meta.id = std::string(id);
      return meta;
    });
  }

  std::vector<std::string> unit_ids() override {
    return guard([&] {
      pqxx::nontransaction txn(*conn_);  // one SELECT: no BEGIN/COMMIT round trips
      std::vector<std::string> out;
      for (const auto& row : txn.exec("SELECT id FROM units ORDER BY id COLLATE \"C\""))
        out.emplace_back(row[0].c_str());
      return out;
    });
  }

  std::int64_t upsert(std::string_view id, const Series& rows) override {
    if (rows.empty()) return 0;
    check_shape(rows);
    check_block_times(id, rows);
    return guard([&] {
      pqxx::work txn(*conn_);
      const std::string key(id);
      auto cached = uids_.find(key);
      const std::int64_t uid = cached != uids_.end() ? cached->second : unit_uid(txn, id);
      write_rows(txn, uid, id, rows);
      txn.commit();
      uids_.emplace(key, uid);  // units are never deleted: the key stays valid
      return static_cast<std::int64_t>(rows.size());
    });
  }

  Series read(std::string_view id, std::int64_t from, std::int64_t to) override {
    return guard([&] {
      Series out;
      const auto hours = window_hours(from, to);
      if (!hours) return out;
      pqxx::nontransaction txn(*conn_);  // one SELECT: no BEGIN/COMMIT round trips
      const pqxx::result r =
          txn.exec_prepared("read", std::string(id), hours->first, hours->second);
      for (const auto& row : r) {
        const auto hour = parse_field<std::int64_t>(row[0], "k");
        const pqxx::binarystring data(row[1]);
        decode_block(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()),
                     hour, out, from, to, id);
      }
      return out;
    });
  }

  std::int64_t count(std::string_view id) override {
    return guard([&] {
      pqxx::nontransaction txn(*conn_);  // one SELECT: no BEGIN/COMMIT round trips
      return txn.exec_prepared("count", std::string(id))[0][0].as<std::int64_t>();
    });
  }

  void log_ingest(const IngestReport& report) override {
    guard([&] {
      pqxx::work txn(*conn_);
      const nlohmann::json doc = {{"dropped", report.dropped},
                                  {"corrected", report.corrected},
                                  {"examples", report.examples}};
      txn.exec_params(
          "INSERT INTO ingest_log (source, rows_read, rows_stored, rows_dropped, report) "
          "VALUES ($1, $2, $3, $4, $5::jsonb)",
          report.source, report.rows_read, report.rows_stored, report.rows_dropped,
          doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      txn.commit();
    });
  }

 private:
  static std::unique_ptr<pqxx::connection> connect(const std::string& url) {
    try {
      return std::make_unique<pqxx::connection>(url);
    } catch (const std::exception& e) {
      throw InvalidInput(fmt::format("database '{}': cannot connect to PostgreSQL: {}",
                                     redact_url(url), first_line(e.what())));
    }
  }

  static std::string first_line(std::string_view s) {
    const auto nl = s.find('\n');
    return std::string(s.substr(0, nl));
  }

  void prepare() {
    conn_->prepare("lock", "SELECT pg_advisory_xact_lock(1212630092, $1::integer)");
    conn_->prepare("stored",
                   "SELECT k & 4294967295, data FROM sample_blocks WHERE k >= $1 AND k <= $2");
    conn_->prepare("write",
                   "INSERT INTO sample_blocks (k, rows, data) VALUES ($1, $2, $3) "
                   "ON CONFLICT (k) DO UPDATE SET rows = EXCLUDED.rows, data = EXCLUDED.data");
    conn_->prepare("read",
                   "SELECT s.k & 4294967295, s.data FROM units u JOIN sample_blocks s\n"
                   "  ON s.k >= (u.uid << 32) + $2 AND s.k <= (u.uid << 32) + $3\n"
                   "WHERE u.id = $1 ORDER BY s.k");
    conn_->prepare("count",
                   "SELECT coalesce(sum(s.rows), 0) FROM units u JOIN sample_blocks s "
                   "ON s.k >= (u.uid << 32) AND s.k < ((u.uid + 1) << 32) WHERE u.id = $1");
    conn_->prepare("add_unit", "INSERT INTO units (id) VALUES ($1) ON CONFLICT (id) DO NOTHING");
    conn_->prepare("uid", "SELECT uid FROM units WHERE id = $1");
    conn_->prepare("unit", "SELECT meta::text FROM units WHERE id = $1");
    conn_->prepare("put_unit",
                   "INSERT INTO units (id, meta) VALUES ($1, $2::jsonb) "
                   "ON CONFLICT (id) DO UPDATE SET meta = EXCLUDED.meta");
  }

  // Writes a unit's rows inside `txn`: the stored blocks of their hours are read, merged with
  // them and written back. Writers of one unit take turns (an advisory lock on the unit), so
  // two ingests of the same hours cannot both merge into the block read before the other wrote.
  static void write_rows(pqxx::work& txn, std::int64_t uid, std::string_view id,
                         const Series& rows) {
    Series scratch;
    const Series& ordered = in_time_order(rows, scratch);
    const auto [first, last] = hour_range(ordered);
    const std::int64_t base = uid * kKeySpan;
    txn.exec_prepared("lock", static_cast<std::int32_t>(uid & 0x7fffffff));
    std::map<std::int64_t, std::string> stored;
    for (const auto& row : txn.exec_prepared("stored", base + first, base + last)) {
      const pqxx::binarystring data(row[1]);
      stored.emplace(parse_field<std::int64_t>(row[0], "k"), data.str());
    }
    std::string buffer;
    write_blocks(ordered, stored, id, buffer, [&](const Block& block) {
      txn.exec_prepared("write", base + block.hour, block.rows,
                        pqxx::binarystring(block.data.data(), block.data.size()));
    });
  }

  // Rows of an earlier layout (one row per sample) move into blocks inside `txn`, the first
  // time such a database is opened.
  static void carry_over_legacy_rows(pqxx::work& txn) {
    for (const Legacy& old : legacy_layouts()) {
      const pqxx::result kind = txn.exec_params(
          "SELECT relkind::text FROM pg_class WHERE oid = to_regclass($1)", old.table);
      if (kind.empty() || kind[0][0].as<std::string>() != "r") continue;
      const pqxx::result r = txn.exec(old.select);
      Series rows;
      std::int64_t uid = -1;
      const auto flush = [&] {
        if (rows.empty()) return;
        const std::string id = fmt::format("uid {}", uid);
        check_block_times(id, rows);
        write_rows(txn, uid, id, rows);
        rows.clear();
      };
      for (const auto& row : r) {
        const auto unit = parse_field<std::int64_t>(row[0], "unit");
        if (unit != uid || rows.size() >= 32'768) flush();
        uid = unit;
        const auto i = rows.add_row(parse_field<std::int64_t>(row[1], "t"),
                                    parse_field<std::int32_t>(row[2], "dt"),
                                    static_cast<std::uint32_t>(parse_field<std::int64_t>(
                                        row[static_cast<int>(3 + kChannels)], "flags")));
        for (std::size_t c = 0; c < kChannels; ++c)
          rows.values[c][i] =
              parse_double(row[static_cast<int>(3 + c)], to_string(static_cast<Channel>(c)));
      }
      flush();
      txn.exec(old.drop);
    }
  }

  // The unit's integer key, adding the unit (without metadata) if the store has none, as
  // the SQLite store does.
  static std::int64_t unit_uid(pqxx::work& txn, std::string_view id) {
    const std::string key(id);
    txn.exec_prepared("add_unit", key);
    return txn.exec_prepared("uid", key)[0][0].as<std::int64_t>();
  }

  static void check_shape(const Series& rows) {
    const std::size_t n = rows.size();
    bool ok = rows.dt.size() == n && rows.flags.size() == n;
    for (const auto& column : rows.values) ok = ok && column.size() == n;
    if (!ok)
      throw InternalError(
          fmt::format("PostgreSQL store: a Series of {} rows has columns of other lengths", n));
  }

  // Database errors become heatlift errors naming the database; heatlift errors pass.
  template <typename F>
  auto guard(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const Error&) {
      throw;
    } catch (const pqxx::broken_connection& e) {
      throw DataMissing(fmt::format("database '{}': the connection to PostgreSQL was lost: {}",
                                    redact_url(url_), first_line(e.what())));
    } catch (const pqxx::sql_error& e) {
      throw InternalError(fmt::format("database '{}': PostgreSQL refused a statement: {}",
                                      redact_url(url_), first_line(e.what())));
    } catch (const nlohmann::json::exception& e) {
      throw InternalError(fmt::format("database '{}': unit metadata is not valid JSON: {}",
                                      redact_url(url_), e.what()));
    }
  }

  std::string url_;
  std::unique_ptr<pqxx::connection> conn_;
  std::map<std::string, std::int64_t, std::less<>> uids_;  // unit id → units.uid, once committed
};

}  // namespace

std::string redact_url(const std::string& url) {
  // scheme://user:password@host → scheme://user:***@host; password=... in a query too.
  static const std::regex userinfo(R"(^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*):[^@/]*@)");
  static const std::regex query(R"((password=)[^&\s]*)");
  return std::regex_replace(std::regex_replace(url, userinfo, "$1:***@"), query, "$1***");
}

std::unique_ptr<Store> open_postgres_store(const std::string& url) {
  return std::make_unique<PostgresStore>(url);
}

}  // namespace heatlift::operations
