// A products CSV (as Excel saves it), read row by row and rated, as `rate products.csv` does.
#include "fuzz_support.hpp"
#include "heatlift/standards/product_io.hpp"
#include "standards_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  const auto& libs = fuzz::RatingLibraries::get();
  return fuzz::run_on_text(data, size, [&](const std::string& text) {
    const auto rows = standards::read_products_csv(text, "fuzz-products.csv", libs.library);
    (void)libs.rater.rate_rows(rows, std::nullopt, standards::RatingOptions{});
  });
}
