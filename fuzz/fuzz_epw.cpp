// An EnergyPlus weather file, as `climate show --epw` and a site's `epw` read it.
#include "fuzz_support.hpp"
#include "heatlift/climate/epw.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  return fuzz::run_on_text(data, size, [](const std::string& text) {
    const climate::EpwData d = climate::parse_epw(text, "fuzz.epw");
    for (double t : d.weather.t_dry) {
      if (!std::isfinite(t)) fuzz::finding("epw", "non-finite dry-bulb temperature");
    }
  });
}
