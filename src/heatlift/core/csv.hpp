// Reading the project's CSV files: the lines that hold data (comment and blank lines left
// out, each numbered as in the file) and the cells of one line (comma-separated, RFC 4180
// double quotes: "" is a quote inside a quoted cell; a trailing carriage return dropped).
// The layers' table readers (headers, columns, their own error messages) build on them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace heatlift::core {

std::vector<std::string> split_csv_line(std::string_view line);

/// A line of a CSV file that holds data: its number in the file (from 1) and its text
/// without the line end.
struct CsvLine {
  int number = 0;
  std::string_view text;
};

/// The lines of `text` a table reader reads, in order: numbered as in the file, without their
/// "\n" or "\r\n", blank lines and '#' comment lines left out.
std::vector<CsvLine> csv_lines(std::string_view text);

}  // namespace heatlift::core
