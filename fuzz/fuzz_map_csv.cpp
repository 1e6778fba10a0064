// A performance-map CSV, as a site's `[heat_pump] map = "FILE.csv"` reads it; a map that
// is read is then queried across its range, where every answer is finite or refused.
#include "fuzz_support.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/map_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  return fuzz::run_on_text(data, size, [](const std::string& text) {
    const equipment::PerformanceMap map = equipment::parse_map_csv(text, "fuzz.map.csv");
    for (double source : {-25.0, -7.0, 7.0, 20.0}) {
      for (double sink : {35.0, 55.0}) {
        const auto q = map.at(source + core::kZeroCelsius, sink + core::kZeroCelsius, 1.0);
        if (!std::isfinite(q.capacity) || !std::isfinite(q.power) || !std::isfinite(q.cop)) {
          fuzz::finding("map", "non-finite capacity, power or COP");
        }
      }
    }
  });
}
