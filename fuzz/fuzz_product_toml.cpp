// One product file (TOML), read and rated by every standard it declares, as `rate FILE`.
#include "fuzz_support.hpp"
#include "heatlift/standards/product_io.hpp"
#include "standards_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  const auto& libs = fuzz::RatingLibraries::get();
  return fuzz::run_on_text(data, size, [&](const std::string& text) {
    const auto product = standards::parse_product_toml(text, "fuzz-product.toml", libs.library);
    (void)libs.rater.rate(product, std::nullopt, standards::RatingOptions{});
  });
}
