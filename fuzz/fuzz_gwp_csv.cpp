// refrigerants/gwp.csv as a `--data` folder may replace it: read, then every refrigerant
// it holds looked up by its name.
#include "fuzz_support.hpp"
#include "heatlift/fluids/refrigerants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  return fuzz::run_on_text(data, size, [](const std::string& text) {
    const fluids::GwpTable table = fluids::GwpTable::parse(text, "fuzz-gwp.csv");
    for (const auto& row : table.rows()) {
      if (table.find(row.id) == nullptr) fuzz::finding("gwp", "a row it read is not found");
    }
  });
}
