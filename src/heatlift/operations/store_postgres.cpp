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
#include "heatlift/operations/units_io.hpp"

namespace heatlift::operations {

namespace {

// Rows per statement inside one upsert transaction: keeps each array parameter to a few MB.
constexpr std::size_t kChunkRows = 20000;

std::string channel_columns(std::string_view prefix = "") {
  std::string out;
  for (Channel c : all_channels())
    fmt::format_to(std::back_inserter(out), ", {}{}", prefix, to_string(c));
  return out;
}

std::string schema_sql() {
  std::string channels;
  for (Channel c : all_channels())
    fmt::format_to(std::back_inserter(channels), "  {} DOUBLE PRECISION,\n", to_string(c));
  return fmt::format(
      "CREATE TABLE IF NOT EXISTS units (\n"
      "  uid BIGSERIAL PRIMARY KEY,\n"
      "  id TEXT NOT NULL UNIQUE,\n"
      "  meta JSONB);\n"
      "CREATE TABLE IF NOT EXISTS samples_data (\n"
      "  k BIGINT PRIMARY KEY,  -- unit * 2^32 + t\n"
      "  dt INTEGER NOT NULL,\n"
      "{}"
      "  flags BIGINT NOT NULL DEFAULT 0);\n"
      "CREATE TABLE IF NOT EXISTS ingest_log (\n"
      "  id BIGSERIAL PRIMARY KEY,\n"
      "  at TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
      "  source TEXT NOT NULL,\n"
      "  rows_read BIGINT NOT NULL,\n"
      "  rows_stored BIGINT NOT NULL,\n"
      "  rows_dropped BIGINT NOT NULL,\n"
      "  report JSONB NOT NULL);\n",
      channels);
}

// The view that shows samples_data's key as (unit, t), as the SQLite store does.
std::string view_sql() {
  return fmt::format(
      "CREATE VIEW samples AS SELECT k >> 32 AS unit, k & 4294967295 AS t, dt{}, flags "
      "FROM samples_data",
      channel_columns());
}

// A database written before the single key: its table `samples` (unit, t) becomes
// samples_data.
std::string migrate_sql() {
  const std::string cols = channel_columns();
  return fmt::format(
      "ALTER TABLE samples RENAME TO samples_old;\n"
      "{}"
      "INSERT INTO samples_data (k, dt{}, flags) SELECT unit * 4294967296 + t, dt{}, flags "
      "FROM samples_old;\n"
      "DROP TABLE samples_old;\n",
      schema_sql(), cols, cols);
}

// The merge of one chunk: arrays in, existing (unit, t) rows are replaced. `sorted`: the
// chunk's t strictly increase (a Series as ingest makes it), so no t repeats; otherwise the
// last row of a repeated t wins, as a later row replaces an earlier one in SQLite.
std::string upsert_sql(bool sorted) {
  std::string casts;     // $4::float8[], ...
  std::string names;     // elec_unit, ...
  std::string excluded;  // elec_unit = EXCLUDED.elec_unit, ...
  int p = 4;
  for (Channel c : all_channels()) {
    fmt::format_to(std::back_inserter(casts), ", ${}::float8[]", p++);
    fmt::format_to(std::back_inserter(names), ", {}", to_string(c));
    fmt::format_to(std::back_inserter(excluded), ", {0} = EXCLUDED.{0}", to_string(c));
  }
  if (sorted)
    return fmt::format(
        "INSERT INTO samples_data (k, dt{0}, flags)\n"
        "SELECT ($1::int8 << 32) + t, dt{0}, flags\n"
        "FROM unnest($2::int8[], $3::int4[]{1}, ${2}::int8[]) AS r(t, dt{0}, flags)\n"
        "ON CONFLICT (k) DO UPDATE SET dt = EXCLUDED.dt{3}, flags = EXCLUDED.flags",
        names, casts, p, excluded);
  return fmt::format(
      "INSERT INTO samples_data (k, dt{0}, flags)\n"
      "SELECT DISTINCT ON (t) ($1::int8 << 32) + t, dt{0}, flags\n"
      "FROM unnest($2::int8[], $3::int4[]{1}, ${2}::int8[])\n"
      "  WITH ORDINALITY AS r(t, dt{0}, flags, n)\n"
      "ORDER BY t, n DESC\n"
      "ON CONFLICT (k) DO UPDATE SET dt = EXCLUDED.dt{3}, flags = EXCLUDED.flags",
      names, casts, p, excluded);
}

std::string read_sql() {
  return fmt::format(
      "SELECT s.k & 4294967295, s.dt{}, s.flags FROM units u JOIN samples_data s\n"
      "  ON s.k >= (u.uid << 32) + LEAST(GREATEST($2::int8, 0), 4294967296)\n"
      "  AND s.k < (u.uid << 32) + LEAST(GREATEST($3::int8, 0), 4294967296)\n"
      "WHERE u.id = $1 ORDER BY s.k",
      channel_columns());
}

void append_number(std::string& out, std::int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

// Shortest text that reads back to the same double (PostgreSQL 12+ parses it exactly).
void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NULL";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "Infinity" : "-Infinity";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

template <typename T>
std::string array_literal(const std::vector<T>& v, std::size_t from, std::size_t to) {
  std::string out;
  out.reserve((to - from) * 12 + 2);
  out += '{';
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += ',';
    if constexpr (std::is_same_v<T, double>)
      append_number(out, v[i]);
    else
      append_number(out, static_cast<std::int64_t>(v[i]));
  }
  out += '}';
  return out;
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
      const pqxx::result kind =
          txn.exec("SELECT relkind::text FROM pg_class WHERE oid = to_regclass('samples')");
      if (!kind.empty() && kind[0][0].as<std::string>() == "r") {
        const pqxx::result bad = txn.exec(
            "SELECT unit, t FROM samples WHERE t < 0 OR t >= 4294967296 OR unit < 0 OR "
            "unit >= 2147483648 LIMIT 1");
        if (!bad.empty())
          throw InvalidInput(fmt::format(
              "PostgreSQL store: a sample of unit {} at time {} s cannot move to the keyed "
              "table, expected Unix seconds from 0 (1970-01-01) to below 4294967296 "
              "(2106-02-07 UTC)",
              bad[0][0].as<std::int64_t>(), bad[0][1].as<std::int64_t>()));
        txn.exec(migrate_sql());
      }
      txn.exec(schema_sql());
      if (kind.empty() || kind[0][0].as<std::string>() == "r") txn.exec(view_sql());
      txn.commit();
      conn_->prepare("upsert_sorted", upsert_sql(true));
      conn_->prepare("upsert", upsert_sql(false));
      conn_->prepare("read", read_sql());
      conn_->prepare("count",
                     "SELECT count(*) FROM units u JOIN samples_data s ON s.k >= (u.uid << 32) "
                     "AND s.k < ((u.uid + 1) << 32) WHERE u.id = $1");
      conn_->prepare("add_unit", "INSERT INTO units (id) VALUES ($1) ON CONFLICT (id) DO NOTHING");
      conn_->prepare("uid", "SELECT uid FROM units WHERE id = $1");
      conn_->prepare("unit", "SELECT meta::text FROM units WHERE id = $1");
      conn_->prepare("put_unit",
                     "INSERT INTO units (id, meta) VALUES ($1, $2::jsonb) "
                     "ON CONFLICT (id) DO UPDATE SET meta = EXCLUDED.meta");
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
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows.t[i] < 0 || rows.t[i] >= (std::int64_t{1} << 32))
        throw InvalidInput(fmt::format(
            "unit '{}', row {}: time {} s is outside what the store keeps, expected Unix seconds "
            "from 0 (1970-01-01) to below 4294967296 (2106-02-07 UTC)",
            id, i + 1, rows.t[i]));
    return guard([&] {
      pqxx::work txn(*conn_);
      const std::string key(id);
      auto cached = uids_.find(key);
      const std::int64_t uid = cached != uids_.end() ? cached->second : unit_uid(txn, id);
      const std::string unit = std::to_string(uid);
      for (std::size_t from = 0; from < rows.size(); from += kChunkRows) {
        const std::size_t to = std::min(rows.size(), from + kChunkRows);
        const auto col = [&](Channel c) { return array_literal(rows[c], from, to); };
        bool sorted = true;
        for (std::size_t i = from + 1; i < to && sorted; ++i) sorted = rows.t[i - 1] < rows.t[i];
        txn.exec_prepared(
            sorted ? "upsert_sorted" : "upsert", unit, array_literal(rows.t, from, to),
            array_literal(rows.dt, from, to), col(Channel::elec_unit), col(Channel::elec_source),
            col(Channel::elec_backup), col(Channel::elec_sink), col(Channel::heat_hp),
            col(Channel::heat_backup), col(Channel::t_flow), col(Channel::t_return),
            col(Channel::flow_rate), col(Channel::t_outdoor), col(Channel::rh_outdoor),
            col(Channel::compressor_hz), col(Channel::defrost), col(Channel::backup_on),
            array_literal(rows.flags, from, to));
      }
      txn.commit();
      uids_.emplace(key, uid);  // units are never deleted: the key stays valid
      return static_cast<std::int64_t>(rows.size());
    });
  }

  Series read(std::string_view id, std::int64_t from, std::int64_t to) override {
    return guard([&] {
      pqxx::nontransaction txn(*conn_);  // one SELECT: no BEGIN/COMMIT round trips
      const pqxx::result r = txn.exec_prepared("read", std::string(id), from, to);
      Series out;
      out.reserve(r.size());
      for (const auto& row : r) {
        const auto i = out.add_row(parse_field<std::int64_t>(row[0], "t"),
                                   parse_field<std::int32_t>(row[1], "dt"),
                                   static_cast<std::uint32_t>(parse_field<std::int64_t>(
                                       row[static_cast<int>(2 + kChannels)], "flags")));
        for (std::size_t c = 0; c < kChannels; ++c)
          out.values[c][i] =
              parse_double(row[static_cast<int>(2 + c)], to_string(static_cast<Channel>(c)));
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
