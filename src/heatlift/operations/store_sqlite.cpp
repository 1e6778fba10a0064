#include "heatlift/operations/store_sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "heatlift/core/error.hpp"
#include "heatlift/operations/store_blocks.hpp"
#include "heatlift/operations/units_io.hpp"

namespace heatlift::operations {

namespace {

std::string channel_columns(std::string_view prefix = {}) {
  std::string out;
  for (Channel c : all_channels()) out += fmt::format(", {}{}", prefix, to_string(c));
  return out;
}

// A block's key: the unit's integer id in the high 32 bits, its hour (since 1970-01-01 UTC) in
// the low 32. One integer key makes `sample_blocks` a rowid table, so hours arriving in order
// take SQLite's append path. The view `sample_hours` shows the key as (unit, hour) with each
// hour's row count, for SQL users; the rows themselves are in the blocks (store_blocks.hpp).

std::string schema_sql() {
  return "CREATE TABLE IF NOT EXISTS units (\n"
         "  uid INTEGER PRIMARY KEY,\n"
         "  id TEXT NOT NULL UNIQUE,\n"
         "  meta TEXT\n"
         ");\n"
         "CREATE TABLE IF NOT EXISTS sample_blocks (\n"
         "  k INTEGER PRIMARY KEY,  -- unit * 2^32 + hour (hours since 1970-01-01 00:00 UTC)\n"
         "  rows INTEGER NOT NULL,\n"
         "  data BLOB NOT NULL      -- the hour's rows as column arrays (docs/operations.md)\n"
         ");\n"
         "CREATE VIEW IF NOT EXISTS sample_hours AS SELECT k >> 32 AS unit, "
         "datetime((k & 4294967295) * 3600, 'unixepoch') AS hour, rows FROM sample_blocks;\n"
         "CREATE TABLE IF NOT EXISTS ingest_log (\n"
         "  id INTEGER PRIMARY KEY,\n"
         "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
         "  source TEXT NOT NULL,\n"
         "  rows_read INTEGER NOT NULL,\n"
         "  rows_stored INTEGER NOT NULL,\n"
         "  rows_dropped INTEGER NOT NULL,\n"
         "  report TEXT NOT NULL\n"
         ");\n";
}

// The row tables of earlier stores and how to read them as (unit, t, dt, channels, flags) in
// (unit, t) order: `samples` (unit, t) and `samples_data` (k = unit * 2^32 + t).
struct Legacy {
  const char* table;
  const char* type;  // of the name in sqlite_master
  std::string select;
  const char* drop;
};
std::vector<Legacy> legacy_layouts() {
  const std::string cols = channel_columns();
  return {{"samples", "table",
           fmt::format("SELECT unit, t, dt{}, flags FROM samples ORDER BY unit, t", cols),
           "DROP TABLE samples"},
          {"samples_data", "table",
           fmt::format("SELECT k >> 32, k & 4294967295, dt{}, flags FROM samples_data ORDER BY k",
                       cols),
           "DROP VIEW IF EXISTS samples; DROP TABLE samples_data"}};
}

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, const std::string& sql, const std::string& path) {
    if (sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt_, nullptr) != SQLITE_OK)
      throw Error(ErrorCode::internal, fmt::format("store '{}': {} (preparing {})", path,
                                                   sqlite3_errmsg(db), sql.substr(0, 60)));
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& o) noexcept : stmt_(std::exchange(o.stmt_, nullptr)) {}
  Statement& operator=(Statement&& o) noexcept {
    std::swap(stmt_, o.stmt_);
    return *this;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::filesystem::path& path) : path_(path.string()) {
    const int rc =
        sqlite3_open_v2(path_.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw InvalidInput(
          fmt::format("store '{}': cannot open it as a SQLite file: {}", path_, msg));
    }
    sqlite3_busy_timeout(db_, 30'000);
    try {
      // Larger pages for a new file: a block is an hour of rows (a few to a few hundred KB).
      exec("PRAGMA page_size=65536");
      exec("PRAGMA journal_mode=WAL");
      exec("PRAGMA synchronous=NORMAL");
      exec("PRAGMA foreign_keys=ON");
      exec("PRAGMA cache_size=-8192");
      exec(schema_sql());
      carry_over_legacy_rows();
    } catch (const Error& e) {
      write_ = Statement();
      stored_ = Statement();
      read_ = Statement();
      sqlite3_close(db_);
      db_ = nullptr;
      throw InvalidInput(fmt::format("store '{}' is not a heatlift store: {}", path_, e.what()));
    }
    prepare_statements();
  }
  ~SqliteStore() override {
    write_ = Statement();
    stored_ = Statement();
    read_ = Statement();
    sqlite3_close(db_);
  }

  void put_unit(const UnitMeta& unit) override {
    if (unit.id.empty()) throw InvalidInput("unit metadata: the id is empty");
    Statement s(db_,
                "INSERT INTO units (id, meta) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET "
                "meta = excluded.meta",
                path_);
    const std::string meta = unit_meta_to_json(unit).dump();
    bind_text(s, 1, unit.id);
    bind_text(s, 2, meta);
    step_done(s);
  }

  std::optional<UnitMeta> unit(std::string_view id) override {
    Statement s(db_, "SELECT meta FROM units WHERE id = ?", path_);
    bind_text(s, 1, id);
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_DONE) return std::nullopt;
    if (rc != SQLITE_ROW) fail("reading a unit");
    UnitMeta out;
    if (sqlite3_column_type(s.get(), 0) != SQLITE_NULL) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0));
      out = unit_meta_from_json(nlohmann::json::parse(text));
    }
    out.id = std::string(id);
    return out;
  }

  std::vector<std::string> unit_ids() override {
    Statement s(db_, "SELECT id FROM units ORDER BY id", path_);
    std::vector<std::string> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0)));
    if (rc != SQLITE_DONE) fail("listing units");
    return out;
  }

  std::int64_t upsert(std::string_view id, const Series& rows) override {
    if (rows.empty()) return 0;
    check_block_times(id, rows);
    exec("BEGIN IMMEDIATE");
    try {
      write_rows(unit_uid(id), id, rows);
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
    return static_cast<std::int64_t>(rows.size());
  }

  Series read(std::string_view id, std::int64_t from, std::int64_t to) override {
    Series out;
    const auto uid = find_uid(id);
    const auto hours = window_hours(from, to);
    if (!uid || !hours) return out;
    sqlite3_stmt* s = read_.get();
    sqlite3_reset(s);
    const std::int64_t base = *uid * kKeySpan;
    sqlite3_bind_int64(s, 1, base + hours->first);
    sqlite3_bind_int64(s, 2, base + hours->second);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      const std::int64_t hour = sqlite3_column_int64(s, 0);
      const auto* data = static_cast<const char*>(sqlite3_column_blob(s, 1));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(s, 1));
      decode_block(std::string_view(data, size), hour, out, from, to, id);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) fail("reading samples");
    return out;
  }

  std::int64_t count(std::string_view id) override {
    const auto uid = find_uid(id);
    if (!uid) return 0;
    Statement s(db_, "SELECT coalesce(sum(rows), 0) FROM sample_blocks WHERE k >= ? AND k < ?",
                path_);
    sqlite3_bind_int64(s.get(), 1, *uid * kKeySpan);
    sqlite3_bind_int64(s.get(), 2, (*uid + 1) * kKeySpan);
    if (sqlite3_step(s.get()) != SQLITE_ROW) fail("counting samples");
    return sqlite3_column_int64(s.get(), 0);
  }

  void log_ingest(const IngestReport& r) override {
    Statement s(db_,
                "INSERT INTO ingest_log (source, rows_read, rows_stored, rows_dropped, report) "
                "VALUES (?, ?, ?, ?, ?)",
                path_);
    const nlohmann::json doc = {
        {"dropped", r.dropped}, {"corrected", r.corrected}, {"examples", r.examples}};
    const std::string text = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    bind_text(s, 1, r.source);
    sqlite3_bind_int64(s.get(), 2, r.rows_read);
    sqlite3_bind_int64(s.get(), 3, r.rows_stored);
    sqlite3_bind_int64(s.get(), 4, r.rows_dropped);
    bind_text(s, 5, text);
    step_done(s);
  }

 private:
  [[noreturn]] void fail(std::string_view doing) const {
    throw Error(ErrorCode::internal,
                fmt::format("store '{}': {} failed: {}", path_, doing, sqlite3_errmsg(db_)));
  }
  void exec(const std::string& sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
      std::string text = msg ? msg : "unknown error";
      sqlite3_free(msg);
      throw Error(ErrorCode::internal, fmt::format("store '{}': {}", path_, text));
    }
  }
  void bind_text(const Statement& s, int index, std::string_view text) {
    sqlite3_bind_text(s.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void step_done(const Statement& s) {
    const int rc = sqlite3_step(s.get());
    sqlite3_reset(s.get());
    if (rc != SQLITE_DONE) fail("writing");
  }
  void prepare_statements() {
    write_ = Statement(db_,
                       "INSERT INTO sample_blocks (k, rows, data) VALUES (?, ?, ?) ON CONFLICT (k) "
                       "DO UPDATE SET rows = excluded.rows, data = excluded.data",
                       path_);
    stored_ = Statement(
        db_, "SELECT k & 4294967295, data FROM sample_blocks WHERE k >= ? AND k <= ?", path_);
    read_ = Statement(db_,
                      "SELECT k & 4294967295, data FROM sample_blocks WHERE k >= ? AND k <= ? "
                      "ORDER BY k",
                      path_);
  }

  // Writes the rows of a unit (inside the caller's transaction): the stored blocks of their
  // hours are read, merged with them and written back.
  void write_rows(std::int64_t uid, std::string_view id, const Series& rows) {
    Series scratch;
    const Series& ordered = in_time_order(rows, scratch);
    const auto [first, last] = hour_range(ordered);
    const std::int64_t base = uid * kKeySpan;
    std::map<std::int64_t, std::string> stored;
    sqlite3_stmt* s = stored_.get();
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, base + first);
    sqlite3_bind_int64(s, 2, base + last);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
      stored.emplace(sqlite3_column_int64(s, 0),
                     std::string(static_cast<const char*>(sqlite3_column_blob(s, 1)),
                                 static_cast<std::size_t>(sqlite3_column_bytes(s, 1))));
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) fail("reading stored blocks");
    write_blocks(ordered, stored, id, buffer_, [&](const Block& block) {
      sqlite3_stmt* w = write_.get();
      sqlite3_bind_int64(w, 1, base + block.hour);
      sqlite3_bind_int64(w, 2, block.rows);
      sqlite3_bind_blob64(w, 3, block.data.data(), block.data.size(), SQLITE_STATIC);
      step_done(write_);
    });
  }

  // Rows of an earlier layout (a table of one row per sample) move into blocks, all or
  // nothing, the first time such a store is opened.
  void carry_over_legacy_rows() {
    for (const Legacy& old : legacy_layouts()) {
      if (!has_table(old.table, old.type)) continue;
      prepare_statements();
      exec("BEGIN IMMEDIATE");
      try {
        Statement s(db_, old.select, path_);
        Series rows;
        std::int64_t uid = -1;
        const auto flush = [&] {
          if (rows.empty()) return;
          const std::string id = fmt::format("uid {}", uid);
          check_block_times(id, rows);
          write_rows(uid, id, rows);
          rows.clear();
        };
        int rc;
        while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
          const std::int64_t unit = sqlite3_column_int64(s.get(), 0);
          if (unit != uid || rows.size() >= 32'768) flush();
          uid = unit;
          const std::size_t r =
              rows.add_row(sqlite3_column_int64(s.get(), 1),
                           static_cast<std::int32_t>(sqlite3_column_int(s.get(), 2)),
                           static_cast<std::uint32_t>(
                               sqlite3_column_int64(s.get(), 3 + static_cast<int>(kChannels))));
          for (std::size_t c = 0; c < kChannels; ++c) {
            const int col = 3 + static_cast<int>(c);
            if (sqlite3_column_type(s.get(), col) != SQLITE_NULL)
              rows.values[c][r] = sqlite3_column_double(s.get(), col);
          }
        }
        if (rc != SQLITE_DONE) fail("reading the earlier layout's samples");
        flush();
        s = Statement();
        exec(old.drop);
        exec("COMMIT");
      } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    }
  }

  bool has_table(const char* name, const char* type) {
    Statement s(db_, "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?", path_);
    bind_text(s, 1, type);
    bind_text(s, 2, name);
    const int rc = sqlite3_step(s.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail("reading the schema");
    return rc == SQLITE_ROW;
  }
  std::optional<std::int64_t> find_uid(std::string_view id) {
    Statement s(db_, "SELECT uid FROM units WHERE id = ?", path_);
    bind_text(s, 1, id);
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return sqlite3_column_int64(s.get(), 0);
    if (rc != SQLITE_DONE) fail("finding a unit");
    return std::nullopt;
  }
  // The unit's integer id, adding the unit (without metadata) if the store has none.
  std::int64_t unit_uid(std::string_view id) {
    if (auto uid = find_uid(id)) return *uid;
    Statement s(db_, "INSERT INTO units (id, meta) VALUES (?, NULL)", path_);
    bind_text(s, 1, id);
    step_done(s);
    return sqlite3_last_insert_rowid(db_);
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  Statement write_, stored_, read_;
  std::string buffer_;  // the block being written, its capacity kept between writes
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path) {
  return std::make_unique<SqliteStore>(path);
}

}  // namespace heatlift::operations
