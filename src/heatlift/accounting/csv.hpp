// A small reader for the project's CSV data files: '#' lines are comments, the first other
// line is the header, cells may be double-quoted. Used for data/regions and data/refrigerants.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::accounting::detail {

struct CsvRow {
  int line = 0;
  std::map<std::string, std::string, std::less<>> cells;
  /// The cell of `column`; throws DataMissing naming file and line when there is none.
  const std::string& at(std::string_view column, std::string_view file) const;
};

struct CsvTable {
  std::string name;
  std::vector<CsvRow> rows;
};

CsvTable parse_csv(std::string_view text, std::string name);

/// A number in a cell; throws DataMissing naming file, line and column when it is not one.
double csv_number(const CsvRow& row, std::string_view column, std::string_view file);

}  // namespace heatlift::accounting::detail
