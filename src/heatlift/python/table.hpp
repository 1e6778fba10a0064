// A table as columns, the shape the bindings hand to pandas: numbers as doubles (NaN where a
// figure was not computed: pandas' own missing value), counts as integers, text as optional
// strings (None where absent). Plain C++, so that it can be built without the GIL held.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace heatlift::python {

using NumberColumn = std::vector<double>;
using CountColumn = std::vector<std::int64_t>;
using TextColumn = std::vector<std::optional<std::string>>;

struct Column {
  std::string name;  ///< with its unit where it has one, e.g. "heat_kwh", "t_out_C"
  std::variant<NumberColumn, CountColumn, TextColumn> values;
};

using Table = std::vector<Column>;

}  // namespace heatlift::python
