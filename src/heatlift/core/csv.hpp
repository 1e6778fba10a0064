// Splitting one line of the project's CSV files: comma-separated cells, RFC 4180 double
// quotes ("" is a quote inside a quoted cell), a trailing carriage return dropped. The
// layers' table readers (comment lines, headers, their own error messages) build on it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace heatlift::core {

std::vector<std::string> split_csv_line(std::string_view line);

}  // namespace heatlift::core
