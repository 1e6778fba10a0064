// Climate benchmarks: loading a city's typical year from the embedded library (what a site
// simulation does once per run), parsing a full 8760-hour EPW file, synthesising a year for
// a GB 50736 station, and the zone and monthly statistics of a year.
#include <benchmark/benchmark.h>

#include "heatlift/climate/cities.hpp"
#include "heatlift/climate/epw.hpp"
#include "heatlift/climate/stations.hpp"
#include "heatlift/climate/synthetic.hpp"
#include "heatlift/climate/zones.hpp"
#include "heatlift/core/data_store.hpp"

namespace {

using namespace heatlift;

// Index (cities.csv) plus one city's 8760 hours, parsed and validated.
void Climate_LoadCity(benchmark::State& state) {
  const core::DataStore data;
  for (auto _ : state) {
    const climate::CityLibrary lib(data);
    benchmark::DoNotOptimize(lib.weather("Beijing"));
  }
}
BENCHMARK(Climate_LoadCity)->Unit(benchmark::kMicrosecond);

// A whole EPW text (8 header lines + 8760 rows of 35 fields, ~1.6 MB) to EpwData.
void Climate_ParseEpw(benchmark::State& state) {
  const core::DataStore data;
  const std::string text = climate::to_epw(climate::CityLibrary(data).weather("Harbin"));
  for (auto _ : state) benchmark::DoNotOptimize(climate::parse_epw(text, "harbin.epw"));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(Climate_ParseEpw)->Unit(benchmark::kMillisecond);

// One synthetic year from a station row (seasonal fit, two σ solves, 8760 hours).
void Climate_Synthesize(benchmark::State& state) {
  const core::DataStore data;
  const climate::StationTable st(data);
  const climate::Station& s = st.find("54602");
  for (auto _ : state) benchmark::DoNotOptimize(climate::synthesize(s));
}
BENCHMARK(Climate_Synthesize)->Unit(benchmark::kMillisecond);

void Climate_ZoneAndMonthly(benchmark::State& state) {
  const core::DataStore data;
  const auto w = climate::CityLibrary(data).weather("Wuhan");
  for (auto _ : state) {
    benchmark::DoNotOptimize(climate::zone_of(w));
    benchmark::DoNotOptimize(climate::monthly_stats(w));
  }
}
BENCHMARK(Climate_ZoneAndMonthly)->Unit(benchmark::kMicrosecond);

}  // namespace
