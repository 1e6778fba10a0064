// Compares two JSON documents the way the golden runs need (tests/golden/README.md):
// numbers within a relative tolerance with a small absolute floor, strings, booleans,
// nulls and structure (keys, array lengths, types) exactly, object key order ignored
// (JSON objects are unordered). Each difference carries its JSON path and both values.
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

namespace heatlift::golden {

/// Two numbers agree when |actual − expected| <= max(relative · max(|expected|, |actual|),
/// absolute).
struct Tolerance {
  double relative = 1e-9;
  double absolute = 1e-12;
};

bool numbers_agree(double expected, double actual, const Tolerance& tol);

/// One step of a path into a document: an object key or an array index.
struct Step {
  std::variant<std::string, std::size_t> where;
};
using Path = std::vector<Step>;

/// `$`, `$.a.b[3]`; keys that are not identifiers are quoted: `$.x["expansion valve"]`.
std::string to_string(const Path& path);

/// A set of paths in the same notation as to_string, with wildcards: `.*` any one key,
/// `[*]` any one index, `.**` any run of steps (none included). Examples:
/// `$.ratings[*].origin`, `$.**.elapsed_s`. Throws std::invalid_argument on bad syntax.
class PathPattern {
 public:
  explicit PathPattern(const std::string& text);
  bool matches(const Path& path) const;
  const std::string& text() const { return text_; }

 private:
  struct AnyKey {};
  struct AnyIndex {};
  struct AnyRun {};
  using Element = std::variant<std::string, std::size_t, AnyKey, AnyIndex, AnyRun>;
  bool matches_from(std::size_t e, const Path& path, std::size_t s) const;

  std::string text_;
  std::vector<Element> elements_;
};

struct Difference {
  std::string path;      // $.scenarios[0].groups.total.sales[12]
  std::string expected;  // JSON text of the expected value, or "(absent)"
  std::string actual;    // JSON text of the actual value, or "(absent)"
  std::string what;      // "number differs by 3.2e-06 relative", "missing key", ...
};

struct Comparison {
  std::vector<Difference> differences;  // the first `limit` differences, in document order
  std::size_t count = 0;                // all differences found
  std::size_t numbers = 0;              // numbers compared
  std::size_t ignored = 0;              // values skipped because a pattern matched
  bool equal() const { return count == 0; }
};

/// Every difference between `expected` and `actual`, except at paths matching `ignored`
/// (neither the value nor its presence is compared there).
Comparison compare(const nlohmann::json& expected, const nlohmann::json& actual,
                   const Tolerance& tol = {}, const std::vector<PathPattern>& ignored = {},
                   std::size_t limit = 50);

/// The count and the first `first` differences, one per line: path, expected, actual.
std::string report(const Comparison& c, std::size_t first = 10);

/// Reads and parses a JSON file; throws std::runtime_error naming the file on failure.
nlohmann::json read_json_file(const std::filesystem::path& file);

}  // namespace heatlift::golden
