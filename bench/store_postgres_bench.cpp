// The PostgreSQL store's write and read speed (rows/s), on the server named by
// $HEATLIFT_TEST_PG_URL: `scripts/services start && scripts/services exec --
// build/release/bench/store_postgres_bench`. One-minute rows with every channel measured.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include "heatlift/operations/store.hpp"

namespace {

using heatlift::operations::Channel;
using heatlift::operations::Series;

Series minute_rows(std::int64_t n) {
  Series s;
  s.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    const auto r = s.add_row(1'767'225'600 + 60 * i, 60, 0);
    for (std::size_t c = 0; c < heatlift::operations::kChannels; ++c)
      s.values[c][r] = 273.15 + 0.001 * static_cast<double>((i * 7 + c * 13) % 50'000);
  }
  return s;
}

const char* pg_url() {
  const char* url = std::getenv("HEATLIFT_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

std::string fresh_unit() {
  static std::atomic<int> n{0};
  return "bench-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
}

// New rows: every (unit, t) is inserted.
void BM_PostgresUpsertNew(benchmark::State& state) {
  if (!pg_url()) return state.SkipWithError("HEATLIFT_TEST_PG_URL is not set (scripts/services)");
  auto store = heatlift::operations::open_store(pg_url());
  const Series rows = minute_rows(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(store->upsert(fresh_unit(), rows));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_PostgresUpsertNew)
    ->Arg(1'000)
    ->Arg(100'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The same batch again: every row replaces a stored one (an at-least-once redelivery).
void BM_PostgresUpsertReplace(benchmark::State& state) {
  if (!pg_url()) return state.SkipWithError("HEATLIFT_TEST_PG_URL is not set (scripts/services)");
  auto store = heatlift::operations::open_store(pg_url());
  const Series rows = minute_rows(state.range(0));
  const std::string unit = fresh_unit();
  store->upsert(unit, rows);
  for (auto _ : state) benchmark::DoNotOptimize(store->upsert(unit, rows));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_PostgresUpsertReplace)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

// One small transaction per row, as the MQTT subscriber writes a one-row message.
void BM_PostgresUpsertOneRow(benchmark::State& state) {
  if (!pg_url()) return state.SkipWithError("HEATLIFT_TEST_PG_URL is not set (scripts/services)");
  auto store = heatlift::operations::open_store(pg_url());
  const Series rows = minute_rows(1);
  const std::string unit = fresh_unit();
  for (auto _ : state) benchmark::DoNotOptimize(store->upsert(unit, rows));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PostgresUpsertOneRow)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_PostgresRead(benchmark::State& state) {
  if (!pg_url()) return state.SkipWithError("HEATLIFT_TEST_PG_URL is not set (scripts/services)");
  auto store = heatlift::operations::open_store(pg_url());
  const std::string unit = fresh_unit();
  store->upsert(unit, minute_rows(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(store->read(unit).size());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_PostgresRead)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
