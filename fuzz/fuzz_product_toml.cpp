// One product file (TOML), read and rated by every standard it declares, as `rate FILE`.
#include "fuzz_support.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/standards/product_io.hpp"
#include "heatlift/standards/rating.hpp"
#include "heatlift/standards/refrigerants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  static const core::DataStore store;
  static const auto library = standards::StandardsLibrary::load(store);
  static const auto gwp = standards::GwpTable::load(store);
  static const standards::Rater rater(library, gwp);
  return fuzz::run_on_text(data, size, [](const std::string& text) {
    const auto product = standards::parse_product_toml(text, "fuzz-product.toml", library);
    for (const auto& r : rater.rate(product, std::nullopt, standards::RatingOptions{})) (void)r;
  });
}
