// The Store contract (store.hpp) on every backend: a temporary SQLite file (operations_tests)
// and the PostgreSQL database of scripts/services, $HEATLIFT_TEST_PG_URL
// (operations_service_tests, which ctest runs with the server started).
#include "heatlift/operations/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>

#include "heatlift/core/error.hpp"
#include "heatlift/operations/units_io.hpp"
#include "support/services.hpp"

namespace heatlift::operations {
namespace {

namespace fs = std::filesystem;

// The backends this executable checks, fixed at build time so that ctest's test list does not
// depend on the environment: SQLite in operations_tests; PostgreSQL in
// operations_service_tests (HEATLIFT_TEST_SERVICES), which ctest runs with the server of
// scripts/services and which skips, or fails under CI, without it (tests/support/services.hpp).
std::vector<std::string> store_urls() {
#if defined(HEATLIFT_TEST_SERVICES)
  return {"postgresql"};
#else
  return {"sqlite"};
#endif
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // Each test its own unit ids, so a shared PostgreSQL database needs no cleaning.
    prefix_ = fmt_id(info->name()) + "-" + std::to_string(::getpid()) + "-";
    if (GetParam() == "sqlite") {
      dir_ = fs::path(::testing::TempDir()) /
             ("heatlift_store_" + std::to_string(::getpid()) + "_" + fmt_id(info->name()));
      fs::remove_all(dir_);
      fs::create_directories(dir_);
      url_ = (dir_ / "store.db").string();
    } else {
      HEATLIFT_REQUIRE_SERVICE(pg, "HEATLIFT_TEST_PG_URL", "PostgreSQL");
      url_ = pg;
    }
    store_ = open_store(url_);
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  static std::string fmt_id(std::string s) {
    for (char& c : s)
      if (c == '/') c = '_';
    return s;
  }
  std::string id(const std::string& name) const { return prefix_ + name; }

  std::string url_;
  fs::path dir_;
  std::string prefix_;
  std::unique_ptr<Store> store_;
};

Series sample(std::int64_t t0, int n, double offset = 0.0) {
  Series s;
  for (int i = 0; i < n; ++i) {
    const auto r = s.add_row(t0 + 60 * i, 60, static_cast<std::uint32_t>(i % 3));
    s[Channel::t_flow][r] = 318.15 + offset + 0.01 * i;
    s[Channel::elec_unit][r] = 1500.0 + i;
    if (i % 2 == 0) s[Channel::heat_hp][r] = 4500.0 + i;  // odd rows: not measured
  }
  return s;
}

TEST_P(StoreContract, RowsComeBackAsWrittenWithNotMeasuredKept) {
  const Series in = sample(1'735'660'800, 100);
  EXPECT_EQ(store_->upsert(id("A1"), in), 100);
  EXPECT_EQ(store_->count(id("A1")), 100);
  const Series out = store_->read(id("A1"));
  ASSERT_EQ(out.size(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ(out.t[i], in.t[i]);
    EXPECT_EQ(out.dt[i], in.dt[i]);
    EXPECT_EQ(out.flags[i], in.flags[i]);
    for (Channel c : all_channels()) {
      const double a = in[c][i], b = out[c][i];
      if (std::isnan(a))
        EXPECT_TRUE(std::isnan(b)) << to_string(c) << " row " << i;
      else
        EXPECT_DOUBLE_EQ(a, b) << to_string(c) << " row " << i;
    }
  }
}

TEST_P(StoreContract, UpsertIsIdempotentAndReplacesByUnitAndTime) {
  store_->upsert(id("A1"), sample(1'735'660'800, 50));
  store_->upsert(id("A1"), sample(1'735'660'800, 50));  // delivered twice
  EXPECT_EQ(store_->count(id("A1")), 50);
  // Overlapping batch with new values: 25 replaced, 25 added.
  store_->upsert(id("A1"), sample(1'735'660'800 + 25 * 60, 50, 10.0));
  EXPECT_EQ(store_->count(id("A1")), 75);
  const Series out = store_->read(id("A1"));
  EXPECT_DOUBLE_EQ(out[Channel::t_flow][24], 318.15 + 0.24);
  EXPECT_DOUBLE_EQ(out[Channel::t_flow][25], 328.15);  // the later delivery wins
  // Another unit's rows at the same times are its own.
  store_->upsert(id("B2"), sample(1'735'660'800, 10));
  EXPECT_EQ(store_->count(id("B2")), 10);
  EXPECT_EQ(store_->count(id("A1")), 75);
}

TEST_P(StoreContract, ReadsAHalfOpenTimeWindowInOrder) {
  Series s = sample(1'735'660'800, 10);
  store_->upsert(id("A1"), s);
  const Series w = store_->read(id("A1"), 1'735'660'800 + 120, 1'735'660'800 + 300);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w.t.front(), 1'735'660'800 + 120);
  EXPECT_EQ(w.t.back(), 1'735'660'800 + 240);
  EXPECT_TRUE(store_->read(id("nobody")).empty());
  EXPECT_EQ(store_->count(id("nobody")), 0);
}

TEST_P(StoreContract, RowsAcrossHoursMergeWithTheStoredHour) {
  // Rows are kept in one block per unit and hour: a batch across midnight writes two
  // hours, and a later batch into a stored hour merges with it, the later row winning.
  const std::int64_t midnight = 1'735'689'600;               // 2025-01-01 00:00 UTC
  store_->upsert(id("A1"), sample(midnight - 30 * 60, 60));  // 23:30 to 00:29
  EXPECT_EQ(store_->count(id("A1")), 60);
  Series late = sample(midnight - 10 * 60, 5, 20.0);  // 23:50 to 23:54, new values
  late[Channel::compressor_hz][2] = 42.0;             // a channel the stored day never had
  store_->upsert(id("A1"), late);
  store_->upsert(id("A1"), sample(midnight + 40 * 60, 3));  // 00:40, same hour, later
  EXPECT_EQ(store_->count(id("A1")), 63);
  const Series out = store_->read(id("A1"));
  ASSERT_EQ(out.size(), 63u);
  for (std::size_t i = 1; i < out.size(); ++i) ASSERT_LT(out.t[i - 1], out.t[i]);
  EXPECT_DOUBLE_EQ(out[Channel::t_flow][19], 318.15 + 0.19);  // 23:49, as first written
  EXPECT_DOUBLE_EQ(out[Channel::t_flow][20], 338.15);         // 23:50, replaced
  EXPECT_DOUBLE_EQ(out[Channel::compressor_hz][22], 42.0);
  EXPECT_TRUE(std::isnan(out[Channel::compressor_hz][21]));
  EXPECT_TRUE(std::isnan(out[Channel::compressor_hz][40]));  // the next hour never had it
  // A window inside one hour, and one across midnight.
  EXPECT_EQ(store_->read(id("A1"), midnight + 60, midnight + 3 * 60).size(), 2u);
  const Series across = store_->read(id("A1"), midnight - 60, midnight + 60);
  ASSERT_EQ(across.size(), 2u);
  EXPECT_EQ(across.t[0], midnight - 60);
  EXPECT_EQ(across.t[1], midnight);
}

TEST_P(StoreContract, RowsOutOfOrderAreSortedAndTheLastOfARepeatedTimeWins) {
  Series s;
  for (const auto& [t, v] : std::vector<std::pair<std::int64_t, double>>{{1'735'660'980, 3.0},
                                                                         {1'735'660'800, 1.0},
                                                                         {1'735'660'980, 4.0},
                                                                         {1'735'660'860, 2.0}}) {
    const auto r = s.add_row(t, 60);
    s[Channel::t_flow][r] = 300.0 + v;
  }
  store_->upsert(id("A1"), s);
  const Series out = store_->read(id("A1"));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out.t[0], 1'735'660'800);
  EXPECT_EQ(out.t[2], 1'735'660'980);
  EXPECT_DOUBLE_EQ(out[Channel::t_flow][2], 304.0);
}

TEST_P(StoreContract, UnitMetadataMayComeBeforeOrAfterTheRows) {
  store_->upsert(id("late"), sample(1'735'660'800, 3));
  const auto bare = store_->unit(id("late"));
  ASSERT_TRUE(bare.has_value()) << "a unit with rows is known, its metadata not yet";
  EXPECT_EQ(bare->id, id("late"));
  EXPECT_EQ(bare->rated_capacity, 0.0);
  UnitMeta m;
  m.id = id("late");
  m.type = "ground-water";
  m.refrigerant = "R410A";
  m.rated_capacity = 12000.0;
  m.install_year = 2013;
  m.place = "Shijiazhuang";
  m.emitters = "floor";
  m.meters.elec_source = true;
  store_->put_unit(m);
  const auto got = store_->unit(id("late"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->type, "ground-water");
  EXPECT_EQ(got->rated_capacity, 12000.0);
  EXPECT_EQ(got->install_year, 2013);
  EXPECT_TRUE(got->meters.elec_source);
  EXPECT_EQ(store_->count(id("late")), 3) << "metadata does not touch the rows";
  UnitMeta early;
  early.id = id("early");
  store_->put_unit(early);
  EXPECT_FALSE(store_->unit(id("absent")).has_value());
  const auto ids = store_->unit_ids();
  EXPECT_NE(std::find(ids.begin(), ids.end(), id("early")), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), id("late")), ids.end());
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST_P(StoreContract, LogsIngests) {
  IngestReport r;
  r.source = "data/a1.csv";
  r.rows_read = 10;
  r.rows_stored = 9;
  r.rows_dropped = 1;
  r.dropped["unparsable number"] = 1;
  r.examples.push_back("data/a1.csv:3: field 't_flow': value 'x': expected a number");
  EXPECT_NO_THROW(store_->log_ingest(r));
}

TEST_P(StoreContract, ABatchIsWrittenWhollyOrNotAtAll) {
  Series s = sample(1'735'660'800, 40);
  s.t[39] = s.t[38];  // the same key twice inside one batch is the last one's
  EXPECT_NO_THROW(store_->upsert(id("A1"), s));
  EXPECT_EQ(store_->count(id("A1")), 39);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(store_urls()),
                         [](const auto& info) {
                           return info.param == "sqlite" ? std::string("sqlite")
                                                         : std::string("postgresql");
                         });

TEST(OpenStore, NamesWhatItCannotOpen) {
  EXPECT_THROW(open_store(""), InvalidInput);
  EXPECT_THROW(open_store("mysql://host/db"), InvalidInput);
  EXPECT_THROW(open_store("sqlite:"), InvalidInput);
  try {
    open_store("/nonexistent-folder/x/store.db");
    FAIL() << "a store in a missing folder";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-folder/x/store.db"), std::string::npos);
  }
  const fs::path junk = fs::path(::testing::TempDir()) /
                        ("heatlift_not_a_store_" + std::to_string(::getpid()) + ".db");
  std::ofstream(junk) << "this is a text file, not SQLite\n";
  EXPECT_THROW(open_store(junk.string()), InvalidInput);
  fs::remove(junk);
}

TEST(OpenStore, SqliteUrlAndPathAreTheSameStore) {
  const fs::path db =
      fs::path(::testing::TempDir()) / ("heatlift_same_" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  open_store(db.string())->upsert("A1", sample(1'735'660'800, 5));
  EXPECT_EQ(open_store("sqlite:" + db.string())->count("A1"), 5);
  // The file is WAL; samples are kept in hour blocks and the view `sample_hours` shows, for
  // SQL users, each unit's hours and their row counts.
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  sqlite3_prepare_v2(h,
                     "SELECT hour, sample_hours.rows FROM sample_hours JOIN units ON uid = unit "
                     "WHERE units.id = 'A1'",
                     -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  // 2025-01-01 00:00 China Standard Time, in UTC.
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "2024-12-31 16:00:00");
  EXPECT_EQ(sqlite3_column_int64(s, 1), 5);
  EXPECT_EQ(sqlite3_step(s), SQLITE_DONE);
  sqlite3_finalize(s);
  sqlite3_close(h);
  fs::remove(db);
}

// A SQLite file made by `sql`, as an earlier heatlift wrote it; removed first if present.
fs::path sqlite_file(const std::string& name, const std::string& sql) {
  const fs::path db = fs::path(::testing::TempDir()) /
                      ("heatlift_" + name + "_" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(h);
  sqlite3_close(h);
  return db;
}

// "elec_unit REAL, ..., backup_on REAL, ": the channel columns of the row layouts.
std::string real_channel_columns() {
  std::string out;
  for (Channel c : all_channels()) out += std::string(to_string(c)) + " REAL, ";
  return out;
}

// Both earlier layouts hold the same three samples: A1 at 1735660800 (t_flow 318.15) and at
// `second` (not measured, flag 4), B2 at 1735660800.
void expect_the_three_samples(Store& store, std::int64_t second) {
  EXPECT_EQ(store.count("A1"), 2);
  EXPECT_EQ(store.count("B2"), 1);
  const Series a = store.read("A1");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a.t[1], second);
  EXPECT_DOUBLE_EQ(a[Channel::t_flow][0], 318.15);
  EXPECT_TRUE(std::isnan(a[Channel::t_flow][1]));
  EXPECT_EQ(a.flags[1], 4u);
}

TEST(OpenStore, SqliteStoreOfTheUnitAndTimeTableIsCarriedOver) {
  // A file written with the earlier layout: samples(unit, t, ...) WITHOUT ROWID.
  const std::string channels = real_channel_columns();
  const fs::path db = sqlite_file(
      "old",
      "CREATE TABLE units (uid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, meta TEXT);"
      "CREATE TABLE samples (unit INTEGER NOT NULL REFERENCES units(uid), t INTEGER NOT NULL, "
      "dt INTEGER NOT NULL, " +
          channels +
          "flags INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (unit, t)) WITHOUT ROWID;"
          "INSERT INTO units VALUES (1, 'A1', NULL), (2, 'B2', NULL);"
          "INSERT INTO samples (unit, t, dt, t_flow, flags) VALUES (1, 1735660800, 60, 318.15, "
          "0), (1, 1735660860, 60, NULL, 4), (2, 1735660800, 60, 300.0, 0);");
  auto store = open_store(db.string());
  expect_the_three_samples(*store, 1'735'660'860);
  store->upsert("A1", sample(1'735'660'860, 2));  // replaces one carried-over row
  EXPECT_EQ(store->count("A1"), 3);
  store.reset();
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
}

TEST(OpenStore, SqliteStoreOfTheSingleKeyTableIsCarriedOver) {
  // A file written with the row-per-sample layout keyed by unit * 2^32 + t.
  const std::string channels = real_channel_columns();
  const fs::path db = sqlite_file(
      "keyed",
      "CREATE TABLE units (uid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, meta TEXT);"
      "CREATE TABLE samples_data (k INTEGER PRIMARY KEY, dt INTEGER NOT NULL, " +
          channels +
          "flags INTEGER NOT NULL DEFAULT 0);"
          "CREATE VIEW samples AS SELECT k >> 32 AS unit, k & 4294967295 AS t FROM "
          "samples_data;"
          "INSERT INTO units VALUES (1, 'A1', NULL), (2, 'B2', NULL);"
          "INSERT INTO samples_data (k, dt, t_flow, flags) VALUES "
          "(4294967296 + 1735660800, 60, 318.15, 0), (4294967296 + 1735747200, 60, NULL, 4),"
          " (8589934592 + 1735660800, 60, 300.0, 0);");
  auto store = open_store(db.string());
  expect_the_three_samples(*store, 1'735'747'200);
  store.reset();
  // The old table and its view are gone; opening again changes nothing.
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(h,
                     "SELECT count(*) FROM sqlite_master WHERE name IN ('samples', "
                     "'samples_data')",
                     -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(s, 0), 0);
  sqlite3_finalize(s);
  sqlite3_close(h);
  EXPECT_EQ(open_store(db.string())->count("A1"), 2);
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
}

TEST(OpenStore, SqliteTimesOutsideTheKeyAreNamed) {
  const fs::path db =
      fs::path(::testing::TempDir()) / ("heatlift_range_" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  auto store = open_store(db.string());
  Series s = sample(1'735'660'800, 3);
  s.t[2] = std::int64_t{1} << 32;  // 2106-02-07 UTC
  try {
    store->upsert("A1", s);
    FAIL() << "a time beyond the key";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("4294967296"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("row 3"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store->count("A1"), 0);  // nothing of the batch
  store.reset();
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
}

TEST(UnitsFile, ReadsUnitsWithTheirCapacityInKw) {
  const auto units = read_units_text(R"(
[[unit]]
id = "A1"
type = "air-water"
refrigerant = "R410A"
rated_capacity = "12 kW"
install_year = 2013
place = "Shijiazhuang"
emitters = "radiators"
meters = { elec_backup = true, heat_backup = true }

[[unit]]
id = "G7"
type = "ground-water"
)",
                                     "units.toml");
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].rated_capacity, 12000.0);
  EXPECT_TRUE(units[0].meters.elec_backup);
  EXPECT_EQ(units[0].boundaries().size(), 3u);
  EXPECT_EQ(units[1].type, "ground-water");
  const UnitMeta back = unit_meta_from_json(unit_meta_to_json(units[0]));
  EXPECT_EQ(back.place, "Shijiazhuang");
  EXPECT_EQ(back.rated_capacity, 12000.0);
}

TEST(UnitsFile, BadValuesNameTheField) {
  auto message = [](const std::string& text) {
    try {
      read_units_text(text, "units.toml");
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("[[unit]]\nid = \"A\"\nrated_capacity = 12\n").find("rated_capacity"),
            std::string::npos)
      << "a capacity needs its unit";
  EXPECT_NE(message("[[unit]]\nid = \"A\"\ntype = \"air-air\"\n").find("type"), std::string::npos);
  EXPECT_NE(message("[[unit]]\nid = \"A\"\ncolour = \"red\"\n").find("colour"), std::string::npos);
  EXPECT_NE(message("[[unit]]\nid = \"A\"\n[[unit]]\nid = \"A\"\n").find("twice"),
            std::string::npos);
  EXPECT_NE(message("[[unit]]\ntype = \"air-water\"\n").find("id"), std::string::npos);
}

}  // namespace
}  // namespace heatlift::operations
