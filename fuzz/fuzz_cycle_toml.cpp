// A cycle file (TOML): read and solved from real properties, as `cycle run` does.
#include "fuzz_support.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/cycles/cycle.hpp"
#include "heatlift/cycles/cycle_io.hpp"
#include "heatlift/fluids/library.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  static const core::DataStore store;
  static const fluids::FluidLibrary fluids(store);
  return fuzz::run_on_text(data, size, [](const std::string& text) {
    const cycles::CycleFile file = cycles::parse_cycle(text, "fuzz-cycle.toml");
    const cycles::CycleResult r = cycles::CycleSolver(fluids).solve(file.spec);
    if (!std::isfinite(r.cop)) fuzz::finding("cycle", "non-finite COP");
  });
}
