// A cell catalogue (data/fleet/cells.toml or `roadmap --cells FILE`): read, then every
// segment's weights checked to sum to one in each zone it was accepted with.
#include <cmath>

#include "fuzz_support.hpp"
#include "heatlift/fleet/physics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  return fuzz::run_on_text(data, size, [](const std::string& text) {
    const fleet::CellCatalogue cat = fleet::parse_cell_catalogue(text, "fuzz-cells.toml");
    for (const auto& [segment, choices] : cat.segments) {
      for (const climate::Zone z : climate::kAllZones) {
        double sum = 0.0;
        for (const auto& c : choices) {
          for (const climate::Zone cz : c.zones) {
            if (cz == z) sum += c.weight;
          }
          if (!(c.spec.size > 0.0) || !std::isfinite(c.spec.size) || !(c.spec.cover > 0.0)) {
            fuzz::finding("cells", "a cell was accepted with a size or cover out of range");
          }
        }
        if (std::abs(sum - 1.0) > 1e-3) {
          fuzz::finding("cells", "a zone's weights were accepted without summing to one");
        }
      }
    }
  });
}
