// CSV → SQLite: `ingest_file` on a realistic monitoring file (ISO time + 8 channels at 10 s,
// as a logger exports it) into a new SQLite store, one core. Target (issue 15):
// ≥ 1,000,000 rows/s. ParseOnly runs the same file into a store that keeps nothing, to show
// what reading and cleaning cost apart from SQLite.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "heatlift/operations/ingest.hpp"
#include "heatlift/operations/store.hpp"

namespace {

namespace fs = std::filesystem;
namespace op = heatlift::operations;

constexpr std::int64_t kRows = 1'000'000;

// Removes the generated file when the benchmarks end.
struct TempFile {
  fs::path path;
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

const fs::path& csv_file() {
  static const TempFile file{[] {
    const fs::path p =
        fs::temp_directory_path() / fmt::format("heatlift_ingest_bench_{}.csv", ::getpid());
    std::ofstream out(p, std::ios::binary);
    out << "time,t_flow [°C],t_return [°C],t_outdoor [°C],elec_unit [kW],heat_hp [kW],"
           "flow_rate [m3/h],compressor_hz,defrost [1]\n";
    std::string buf;
    for (std::int64_t i = 0; i < kRows; ++i) {
      const std::int64_t s = i * 10;
      const std::int64_t day = s / 86400, sec = s % 86400;
      // From 2025-01-01 00:00 (China time): 1 M rows of 10 s run to late April.
      static constexpr int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      int m = 0;
      std::int64_t d = day;
      while (d >= kMonth[m]) d -= kMonth[m++];
      fmt::format_to(std::back_inserter(buf),
                     "2025-{:02}-{:02} {:02}:{:02}:{:02},{:.1f},{:.1f},{:.1f},{:.3f},{:.3f},{:.2f},"
                     "{},{}\n",
                     m + 1, d + 1, sec / 3600, sec / 60 % 60, sec % 60, 40.0 + (i % 100) * 0.1,
                     35.0 + (i % 90) * 0.1, -10.0 + (i % 200) * 0.1, 1.0 + (i % 500) * 0.002,
                     3.0 + (i % 700) * 0.005, 1.2 + (i % 30) * 0.01, 30 + i % 60,
                     i % 97 == 0 ? 1 : 0);
      if (buf.size() > (1u << 20)) {
        out << buf;
        buf.clear();
      }
    }
    out << buf;
    return p;
  }()};
  return file.path;
}

class NullStore final : public op::Store {
 public:
  void put_unit(const op::UnitMeta&) override {}
  std::optional<op::UnitMeta> unit(std::string_view) override { return std::nullopt; }
  std::vector<std::string> unit_ids() override { return {}; }
  std::int64_t upsert(std::string_view, const op::Series& rows) override {
    benchmark::DoNotOptimize(rows.t.data());
    return static_cast<std::int64_t>(rows.size());
  }
  op::Series read(std::string_view, std::int64_t, std::int64_t) override { return {}; }
  std::int64_t count(std::string_view) override { return 0; }
  void log_ingest(const op::IngestReport&) override {}
};

void CsvToSqlite(benchmark::State& state) {
  const fs::path& csv = csv_file();
  const fs::path db =
      fs::temp_directory_path() / fmt::format("heatlift_ingest_bench_{}.db", ::getpid());
  op::IngestOptions o;
  o.unit = "B1";
  std::int64_t stored = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
    state.ResumeTiming();
    auto store = op::open_store(db.string());
    const op::IngestReport r = op::ingest_file(csv, *store, o);
    stored = r.rows_stored;
  }
  if (stored != kRows) state.SkipWithError("not every row was stored");
  state.SetItemsProcessed(state.iterations() * kRows);
  state.counters["rows"] = static_cast<double>(stored);
  state.counters["MB"] = static_cast<double>(fs::file_size(csv)) / 1e6;
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
}
BENCHMARK(CsvToSqlite)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

// The same rows again into the filled store: every row replaces a stored one (a re-run).
void CsvToSqliteAgain(benchmark::State& state) {
  const fs::path& csv = csv_file();
  const fs::path db =
      fs::temp_directory_path() / fmt::format("heatlift_ingest_bench_again_{}.db", ::getpid());
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
  op::IngestOptions o;
  o.unit = "B1";
  {
    auto store = op::open_store(db.string());
    op::ingest_file(csv, *store, o);
  }
  for (auto _ : state) {
    auto store = op::open_store(db.string());
    benchmark::DoNotOptimize(op::ingest_file(csv, *store, o).rows_stored);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
}
BENCHMARK(CsvToSqliteAgain)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

void ParseOnly(benchmark::State& state) {
  const fs::path& csv = csv_file();
  op::IngestOptions o;
  o.unit = "B1";
  NullStore store;
  for (auto _ : state) benchmark::DoNotOptimize(op::ingest_file(csv, store, o).rows_stored);
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(ParseOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

// The store alone: the same 1 M rows (8 channels) already in memory, upserted in the ingest's
// batches into a new SQLite file — SQLite's share of CsvToSqlite.
void SqliteUpsertOnly(benchmark::State& state) {
  const fs::path db =
      fs::temp_directory_path() / fmt::format("heatlift_upsert_bench_{}.db", ::getpid());
  std::vector<op::Series> batches;
  const auto batch = static_cast<std::int64_t>(op::IngestOptions{}.batch_rows);
  for (std::int64_t start = 0; start < kRows; start += batch) {
    op::Series s;
    for (std::int64_t i = start; i < std::min<std::int64_t>(kRows, start + batch); ++i) {
      const auto r = s.add_row(1'735'660'800 + 10 * i, 10);
      s[op::Channel::t_flow][r] = 313.15 + (i % 100) * 0.1;
      s[op::Channel::t_return][r] = 308.15 + (i % 90) * 0.1;
      s[op::Channel::t_outdoor][r] = 263.15 + (i % 200) * 0.1;
      s[op::Channel::elec_unit][r] = 1000.0 + (i % 500) * 2.0;
      s[op::Channel::heat_hp][r] = 3000.0 + (i % 700) * 5.0;
      s[op::Channel::flow_rate][r] = (1.2 + (i % 30) * 0.01) / 3600.0;
      s[op::Channel::compressor_hz][r] = static_cast<double>(30 + i % 60);
      s[op::Channel::defrost][r] = i % 97 == 0 ? 1.0 : 0.0;
    }
    batches.push_back(std::move(s));
  }
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
    state.ResumeTiming();
    auto store = op::open_store(db.string());
    for (const auto& b : batches) store->upsert("B1", b);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
}
BENCHMARK(SqliteUpsertOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

}  // namespace
