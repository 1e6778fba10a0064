// End to end: `heatlift monitor ingest` as a user runs it — the report, exit codes, units
// files — and the store's promise under a crash: an ingest killed with SIGKILL while it writes
// a multi-million-row file, then run again, stores every row exactly once.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "heatlift/operations/ingest.hpp"
#include "heatlift/operations/store.hpp"
#include "support/run_heatlift.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
namespace op = heatlift::operations;
using heatlift::testing::CliRun;
using heatlift::testing::run_heatlift;
using ::testing::HasSubstr;

fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::path(heatlift::testing::scratch() + "monitor_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

TEST(MonitorIngest, ReportsEveryRowAndExitsZeroWhenRowsWereStored) {
  const fs::path d = temp_dir("report");
  write(d / "a1.csv",
        "time,unit,t_flow [°C],t_return [°C],elec_unit [kW],heat_hp [kWh]\n"
        "2025-01-01 00:00,A1,45,40,1.5,0.075\n"
        "2025-01-01 00:01,A1,45,40,1.5,0.075\n"
        "2025-01-01 00:01,A1,46,40,1.5,0.075\n"
        "2025-01-01 00:02,A1,-9999,40,1.5,0.075\n"
        "2025-01-01 00:03,A1,45,40\n");
  write(d / "units.toml",
        "[[unit]]\nid = \"A1\"\ntype = \"air-water\"\nrated_capacity = \"12 kW\"\n"
        "install_year = 2012\nplace = \"Shijiazhuang\"\n");
  const std::string db = (d / "store.db").string();
  const CliRun t =
      run_heatlift(fmt::format("monitor ingest {} --units {} --db {}", (d / "a1.csv").string(),
                               (d / "units.toml").string(), db));
  EXPECT_EQ(t.exit_code, 0) << t.err;
  EXPECT_THAT(t.out, HasSubstr("5 rows read, 3 stored, 2 dropped"));
  EXPECT_THAT(t.out, HasSubstr("duplicate timestamp (the first row kept)"));
  EXPECT_THAT(t.out, HasSubstr("t_flow: sentinel"));
  EXPECT_THAT(t.out, HasSubstr("a1.csv:6: 4 fields, the header has 6"));

  const CliRun j = run_heatlift(
      fmt::format("monitor ingest {} --db {} --format json", (d / "a1.csv").string(), db));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out);
  const auto& f = doc["files"][0];
  EXPECT_EQ(f["rows_read"], 5);
  EXPECT_EQ(f["rows_stored"], 3);
  EXPECT_EQ(f["dropped"]["wrong number of fields"], 1);
  EXPECT_EQ(f["corrected"]["t_flow: sentinel → not measured"], 1);

  auto store = op::open_store(db);
  EXPECT_EQ(store->count("A1"), 3) << "the second run replaced, not added";
  const auto meta = store->unit("A1");
  ASSERT_TRUE(meta.has_value());
  EXPECT_EQ(meta->rated_capacity, 12000.0);
  EXPECT_EQ(meta->install_year, 2012);
}

TEST(MonitorIngest, AnUnusableFileExitsTwoAndKeepsWhatWasStored) {
  const fs::path d = temp_dir("unusable");
  const std::string db = (d / "store.db").string();
  write(d / "good.csv", "time,t_flow_C\n2025-01-01 00:00,45\n2025-01-01 00:01,45\n");
  write(d / "bad.csv", "time,t_flow,unit\n2025-01-01 00:00,45,A\n");
  const CliRun r =
      run_heatlift(fmt::format("monitor ingest {} {} --unit G --db {}", (d / "good.csv").string(),
                               (d / "bad.csv").string(), db));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad.csv:1: header: column 't_flow': no unit"));
  EXPECT_EQ(op::open_store(db)->count("G"), 2);

  // Every row dropped: nothing stored is an error too, with the reasons printed.
  write(d / "junk.csv", "time,t_flow_C\nsoon,45\nlater,46\n");
  const CliRun k = run_heatlift(
      fmt::format("monitor ingest {} --unit G --db {}", (d / "junk.csv").string(), db));
  EXPECT_EQ(k.exit_code, 2);
  EXPECT_THAT(k.out, HasSubstr("unparsable time"));
  EXPECT_THAT(k.err, HasSubstr("none of the 2 rows read could be stored"));

  const CliRun u =
      run_heatlift(fmt::format("monitor ingest {} --db {}", (d / "good.csv").string(), db));
  EXPECT_EQ(u.exit_code, 2);
  EXPECT_THAT(u.err, HasSubstr("no 'unit' column and no --unit"));
  const CliRun tz = run_heatlift(
      fmt::format("monitor ingest {} --unit G --tz CST --db {}", (d / "good.csv").string(), db));
  EXPECT_EQ(tz.exit_code, 2);
  EXPECT_THAT(tz.err, HasSubstr("--tz 'CST'"));
}

// ---- kill -9 mid-batch ---------------------------------------------------------------------

constexpr std::int64_t kRows = 2'000'000;
constexpr std::int64_t kT0 = 1'735'660'800;  // 2025-01-01T00:00:00+08:00

// The generator's values of row i; the checksum compares their sums with the store's.
double t_flow_c(std::int64_t i) {
  return 35.0 + static_cast<double>(i % 200) * 0.05;
}
double elec_w(std::int64_t i) {
  return 800.0 + static_cast<double>(i % 1000);
}

void write_big_csv(const fs::path& p) {
  std::ofstream out(p, std::ios::binary);
  out << "time,t_flow [°C],t_return [°C],t_outdoor [°C],elec_unit [W],heat_hp [W],"
         "flow_rate [m3/h],compressor_hz,rh_outdoor [%]\n";
  std::string buf;
  for (std::int64_t i = 0; i < kRows; ++i) {
    fmt::format_to(std::back_inserter(buf), "{},{:.2f},{:.2f},{:.1f},{},{},1.2,{},{}\n",
                   kT0 + 10 * i, t_flow_c(i), t_flow_c(i) - 5.0,
                   -5.0 + static_cast<double>(i % 100) * 0.1, elec_w(i), 3.0 * elec_w(i),
                   40 + i % 50, 50 + i % 40);
    if (buf.size() > (1u << 20)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
}

struct Checksum {
  std::int64_t rows = 0, distinct = 0, t_min = 0, t_max = 0;
  double t_flow = 0, elec = 0;
};

// What the store holds for unit K, read back through the store (rows are kept in hour blocks).
Checksum checksum(const std::string& db) {
  Checksum c;
  const op::Series rows = op::open_store(db)->read("K");
  c.rows = static_cast<std::int64_t>(rows.size());
  std::vector<std::int64_t> t = rows.t;
  std::sort(t.begin(), t.end());
  c.distinct = std::unique(t.begin(), t.end()) - t.begin();
  if (!t.empty()) {
    c.t_min = t.front();
    c.t_max = t.back();
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    c.t_flow += rows[op::Channel::t_flow][i];
    c.elec += rows[op::Channel::elec_unit][i];
  }
  return c;
}

// Rows stored so far, by SQL on the hour index while the ingest writes (read-only).
std::int64_t stored_rows(const std::string& db) {
  if (!fs::exists(db)) return 0;
  sqlite3* h = nullptr;
  std::int64_t n = 0;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(h, 10'000);
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(h, "SELECT coalesce(sum(rows), 0) FROM sample_hours", -1, &s, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
      n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  sqlite3_close(h);
  return n;
}

// Rows per store transaction of an ingest.
const std::int64_t kBatch = static_cast<std::int64_t>(op::IngestOptions{}.batch_rows);

TEST(MonitorIngest, KilledMidBatchThenRunAgainLosesAndDuplicatesNothing) {
  const fs::path d = temp_dir("kill");
  const fs::path csv = d / "year-10s.csv";
  write_big_csv(csv);
  const std::string db = (d / "store.db").string();

  const std::string exe = HEATLIFT_EXE, csv_s = csv.string();
  std::vector<std::string> args = {exe, "monitor", "ingest", csv_s, "--unit", "K", "--db", db};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv.data(), environ), 0);
  // Wait until some batches are stored, then kill it while it writes the next.
  std::int64_t at_kill = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    at_kill = stored_rows(db);
    if (at_kill >= 2 * kBatch) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the ingest finished before it could be killed";
  const Checksum killed = checksum(db);
  ASSERT_GT(killed.rows, 0);
  ASSERT_LT(killed.rows, kRows) << "killed part-way";
  EXPECT_EQ(killed.rows % kBatch, 0) << "whole batches only: " << killed.rows;
  EXPECT_EQ(killed.rows, killed.distinct);

  const CliRun again =
      run_heatlift(fmt::format("monitor ingest {} --unit K --db {} --format json", csv_s, db));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto doc = nlohmann::json::parse(again.out);
  EXPECT_EQ(doc["files"][0]["rows_read"], kRows);
  EXPECT_EQ(doc["files"][0]["rows_stored"], kRows);
  EXPECT_EQ(doc["files"][0]["rows_dropped"], 0);

  const Checksum c = checksum(db);
  EXPECT_EQ(c.rows, kRows) << "no row lost";
  EXPECT_EQ(c.distinct, kRows) << "none duplicated";
  EXPECT_EQ(c.t_min, kT0);
  EXPECT_EQ(c.t_max, kT0 + 10 * (kRows - 1));
  double t_flow = 0, elec = 0;
  for (std::int64_t i = 0; i < kRows; ++i) {
    t_flow += t_flow_c(i) + 273.15;
    elec += elec_w(i);
  }
  EXPECT_NEAR(c.t_flow, t_flow, 1e-9 * t_flow) << "values as in the file";
  EXPECT_DOUBLE_EQ(c.elec, elec);
  fs::remove_all(d);
}

}  // namespace
