// A products CSV (as Excel saves it), read row by row and rated, as `rate products.csv` does.
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
    const auto rows = standards::read_products_csv(text, "fuzz-products.csv", library);
    const auto results = rater.rate_rows(rows, std::nullopt, standards::RatingOptions{});
    (void)results;
  });
}
