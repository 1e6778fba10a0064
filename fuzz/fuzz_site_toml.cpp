// A site file (TOML): read, simulated over the year and summarised, as `site run` does.
#include "fuzz_support.hpp"
#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/site/site_case.hpp"
#include "heatlift/site/site_output.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  static const core::DataStore store;
  static const fluids::FluidLibrary fluids(store);
  static const equipment::ProductLibrary products(store, fluids);
  static const site::SiteLibraries lib(store, products);
  return fuzz::run_on_text(data, size, [](const std::string& text) {
    const auto doc = core::ConfigDocument::from_text(text, "fuzz-site.toml");
    const site::SiteCase c = site::read_site(doc, lib, "/nonexistent-fuzz-folder");
    const site::SiteOutcome o = site::evaluate(c, lib);
    fuzz::check_json(site::summary_json(c, o));
  });
}
