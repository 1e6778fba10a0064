// A small reader for heatlift's own climate CSV files: '#' comment lines, one header
// line, RFC 4180 quoting. Private to the climate layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::climate::detail {

class CsvTable {
 public:
  /// Parses `text`; `name` names the file in errors. Throws InvalidInput naming the file
  /// and line for a row with the wrong number of cells or a missing required column.
  CsvTable(std::string_view text, std::string name, const std::vector<std::string>& required);

  std::size_t rows() const { return rows_.size(); }
  int line(std::size_t row) const { return lines_[row]; }
  /// The cell as text ("" when empty).
  const std::string& text(std::size_t row, std::string_view column) const;
  /// The cell as a number; empty → nullopt; not a number → InvalidInput naming file, line,
  /// column and value.
  std::optional<double> number(std::size_t row, std::string_view column) const;
  /// Like number() but an empty cell is an InvalidInput too.
  double required_number(std::size_t row, std::string_view column) const;
  const std::string& name() const { return name_; }

 private:
  std::size_t column(std::string_view c) const;
  std::string name_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

}  // namespace heatlift::climate::detail
