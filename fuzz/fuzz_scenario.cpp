// A roadmap scenario (TOML): read, checked and run to 2060, as `roadmap -s FILE` does.
#include "fuzz_support.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/results.hpp"
#include "heatlift/fleet/scenario_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  static const core::DataStore store;
  return fuzz::run_on_text(data, size, [](const std::string& text) {
    const fleet::Scenario s = fleet::parse_scenario(store, text, "fuzz-scenario.toml");
    fuzz::check_json(fleet::to_json({fleet::run(s)}));
  });
}
