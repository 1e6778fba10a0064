// `heatlift fluid eval` with the input as its standard input, through the whole command
// line: every line is solved or left empty with a message; the program never fails on a
// line and always prints valid UTF-8.
#include <sstream>

#include "fuzz_support.hpp"
#include "heatlift/cli/app.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  // The first byte picks the pair of inputs, so every flash is reached.
  // The pairs `fluid eval` takes (h,s is `fluid state` only).
  static const char* const kGiven[] = {"T,p", "p,h", "p,s", "T,Q", "p,Q", "T,rho"};
  static const char* const kFluid[] = {"R32", "R744", "R290", "R134a"};
  if (size < 1) return 0;
  const char* given = kGiven[data[0] % 6];
  const char* fluid = kFluid[(data[0] / 6) % 4];
  std::istringstream in(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  std::ostringstream out, err;
  const char* argv[] = {"heatlift", "fluid",  "eval",         fluid,       "--given",
                        given,      "--want", "rho,h,s,cp,w", "--backend", "exact"};
  const int code = cli::run(10, argv, out, err, in);
  if (code != 0) fuzz::finding("fluid eval exit code", err.str());
  if (!core::is_valid_utf8(out.str())) fuzz::finding("fluid eval stdout", "not UTF-8");
  if (!core::is_valid_utf8(err.str())) fuzz::finding("fluid eval stderr", "not UTF-8");
  return 0;
}
