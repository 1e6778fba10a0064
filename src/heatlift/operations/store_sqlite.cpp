#include "heatlift/operations/store_sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "heatlift/core/error.hpp"
#include "heatlift/operations/units_io.hpp"

namespace heatlift::operations {

namespace {

// The rows of `samples_data` bound per INSERT statement: fewer statement steps per row.
constexpr int kRowsPerInsert = 128;
constexpr int kColumnsPerRow = 2 + static_cast<int>(kChannels) + 1;  // k dt ... flags

std::string channel_columns(std::string_view prefix = {}) {
  std::string out;
  for (Channel c : all_channels()) out += fmt::format(", {}{}", prefix, to_string(c));
  return out;
}

// A sample's key: the unit's integer id in the high 32 bits, its Unix time in the low 32 (times
// from 1970-01-01 to 2106-02-07 UTC). One integer key makes `samples_data` a rowid table, so
// rows arriving in time order take SQLite's append path; the view `samples` shows the key as
// (unit, t) again.
constexpr std::int64_t kTimeSpan = std::int64_t{1} << 32;

std::string schema_sql() {
  std::string channels;
  for (Channel c : all_channels()) channels += fmt::format("  {} REAL,\n", to_string(c));
  return fmt::format(
      "CREATE TABLE IF NOT EXISTS units (\n"
      "  uid INTEGER PRIMARY KEY,\n"
      "  id TEXT NOT NULL UNIQUE,\n"
      "  meta TEXT\n"
      ");\n"
      "CREATE TABLE IF NOT EXISTS samples_data (\n"
      "  k INTEGER PRIMARY KEY,  -- unit * 2^32 + t\n"
      "  dt INTEGER NOT NULL,\n"
      "{}"
      "  flags INTEGER NOT NULL DEFAULT 0\n"
      ");\n"
      "CREATE VIEW IF NOT EXISTS samples AS SELECT k >> 32 AS unit, k & 4294967295 AS t, "
      "dt{}, flags FROM samples_data;\n"
      "CREATE TABLE IF NOT EXISTS ingest_log (\n"
      "  id INTEGER PRIMARY KEY,\n"
      "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
      "  source TEXT NOT NULL,\n"
      "  rows_read INTEGER NOT NULL,\n"
      "  rows_stored INTEGER NOT NULL,\n"
      "  rows_dropped INTEGER NOT NULL,\n"
      "  report TEXT NOT NULL\n"
      ");\n",
      channels, channel_columns());
}

// A store written before the single key: its table `samples` (unit, t) becomes samples_data.
std::string migrate_sql() {
  const std::string cols = channel_columns();
  return fmt::format(
      "ALTER TABLE samples RENAME TO samples_old;\n"
      "{}"
      "INSERT INTO samples_data (k, dt{}, flags) SELECT unit * 4294967296 + t, dt{}, flags "
      "FROM samples_old ORDER BY unit, t;\n"
      "DROP TABLE samples_old;\n",
      schema_sql(), cols, cols);
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
      // Larger pages for a new file: a sample row is ~130 bytes, appended in key order.
      exec("PRAGMA page_size=16384");
      exec("PRAGMA journal_mode=WAL");
      exec("PRAGMA synchronous=NORMAL");
      exec("PRAGMA foreign_keys=ON");
      exec("PRAGMA cache_size=-65536");
      if (has_old_samples_table()) migrate();
      exec(schema_sql());
    } catch (const Error& e) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw InvalidInput(fmt::format("store '{}' is not a heatlift store: {}", path_, e.what()));
    }
    std::string columns = "k, dt" + channel_columns() + ", flags";
    std::string one = "(?";
    for (int i = 1; i < kColumnsPerRow; ++i) one += ",?";
    one += ")";
    std::string updates = "dt=excluded.dt";
    for (Channel c : all_channels()) updates += fmt::format(", {0}=excluded.{0}", to_string(c));
    updates += ", flags=excluded.flags";
    auto insert = [&](int rows) {
      std::string values = one;
      for (int i = 1; i < rows; ++i) values += "," + one;
      return Statement(db_,
                       fmt::format("INSERT INTO samples_data ({}) VALUES {} ON CONFLICT (k) DO "
                                   "UPDATE SET {}",
                                   columns, values, updates),
                       path_);
    };
    insert_one_ = insert(1);
    insert_many_ = insert(kRowsPerInsert);
    read_ =
        Statement(db_,
                  fmt::format("SELECT k & 4294967295, dt{}, flags FROM samples_data WHERE k >= ? "
                              "AND k < ? ORDER BY k",
                              channel_columns()),
                  path_);
  }
  ~SqliteStore() override {
    insert_one_ = Statement();
    insert_many_ = Statement();
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
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows.t[i] < 0 || rows.t[i] >= kTimeSpan)
        throw InvalidInput(fmt::format(
            "unit '{}', row {}: time {} s is outside what the store keeps, expected Unix seconds "
            "from 0 (1970-01-01) to below {} (2106-02-07 UTC)",
            id, i + 1, rows.t[i], kTimeSpan));
    exec("BEGIN IMMEDIATE");
    try {
      const std::int64_t uid = unit_uid(id);
      const std::size_t n = rows.size();
      std::size_t i = 0;
      for (; i + kRowsPerInsert <= n; i += kRowsPerInsert) {
        sqlite3_stmt* s = insert_many_.get();
        for (int k = 0; k < kRowsPerInsert; ++k) bind_row(s, k * kColumnsPerRow, uid, rows, i + k);
        step_done(insert_many_);
      }
      for (; i < n; ++i) {
        bind_row(insert_one_.get(), 0, uid, rows, i);
        step_done(insert_one_);
      }
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
    if (!uid) return out;
    sqlite3_stmt* s = read_.get();
    sqlite3_reset(s);
    const std::int64_t base = *uid * kTimeSpan;
    sqlite3_bind_int64(s, 1, base + std::clamp<std::int64_t>(from, 0, kTimeSpan));
    sqlite3_bind_int64(s, 2, base + std::clamp<std::int64_t>(to, 0, kTimeSpan));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      const std::size_t r = out.add_row(
          sqlite3_column_int64(s, 0), static_cast<std::int32_t>(sqlite3_column_int(s, 1)),
          static_cast<std::uint32_t>(sqlite3_column_int64(s, 2 + static_cast<int>(kChannels))));
      for (std::size_t c = 0; c < kChannels; ++c) {
        const int col = 2 + static_cast<int>(c);
        if (sqlite3_column_type(s, col) != SQLITE_NULL)
          out.values[c][r] = sqlite3_column_double(s, col);
      }
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) fail("reading samples");
    return out;
  }

  std::int64_t count(std::string_view id) override {
    const auto uid = find_uid(id);
    if (!uid) return 0;
    Statement s(db_, "SELECT count(*) FROM samples_data WHERE k >= ? AND k < ?", path_);
    sqlite3_bind_int64(s.get(), 1, *uid * kTimeSpan);
    sqlite3_bind_int64(s.get(), 2, (*uid + 1) * kTimeSpan);
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
  static void bind_row(sqlite3_stmt* s, int base, std::int64_t uid, const Series& rows,
                       std::size_t i) {
    sqlite3_bind_int64(s, base + 1, uid * kTimeSpan + rows.t[i]);
    sqlite3_bind_int(s, base + 2, rows.dt[i]);
    for (std::size_t c = 0; c < kChannels; ++c) {
      const double v = rows.values[c][i];
      const int index = base + 3 + static_cast<int>(c);
      if (std::isnan(v))
        sqlite3_bind_null(s, index);
      else
        sqlite3_bind_double(s, index, v);
    }
    sqlite3_bind_int64(s, base + 3 + static_cast<int>(kChannels), rows.flags[i]);
  }
  bool has_old_samples_table() {
    Statement s(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'samples'",
                path_);
    const int rc = sqlite3_step(s.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail("reading the schema");
    return rc == SQLITE_ROW;
  }
  // Rewrites a store of the (unit, t) table into samples_data, all or nothing.
  void migrate() {
    exec("BEGIN IMMEDIATE");
    try {
      if (has_old_samples_table()) {
        Statement s(db_,
                    "SELECT unit, t FROM samples WHERE t < 0 OR t >= 4294967296 OR unit < 0 OR "
                    "unit >= 2147483648 LIMIT 1",
                    path_);
        if (sqlite3_step(s.get()) == SQLITE_ROW)
          throw InvalidInput(fmt::format(
              "store '{}': a sample of unit {} at time {} s cannot move to the keyed table, "
              "expected Unix seconds from 0 (1970-01-01) to below {} (2106-02-07 UTC)",
              path_, sqlite3_column_int64(s.get(), 0), sqlite3_column_int64(s.get(), 1),
              kTimeSpan));
        s = Statement();
        exec(migrate_sql());
      }
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
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
  Statement insert_one_, insert_many_, read_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path) {
  return std::make_unique<SqliteStore>(path);
}

}  // namespace heatlift::operations
