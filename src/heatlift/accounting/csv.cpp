#include "heatlift/accounting/csv.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "heatlift/core/csv.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::accounting::detail {

const std::string& CsvRow::at(std::string_view column, std::string_view file) const {
  const auto it = cells.find(column);
  if (it == cells.end()) {
    throw DataMissing(fmt::format("{}:{}: no column '{}'", file, line, column));
  }
  return it->second;
}

CsvTable parse_csv(std::string_view text, std::string name) {
  CsvTable t;
  t.name = std::move(name);
  std::vector<std::string> header;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#' || line == "\r") {
      if (end == text.size()) break;
      continue;
    }
    std::vector<std::string> cells = core::split_csv_line(line);
    if (header.empty()) {
      header = std::move(cells);
    } else {
      CsvRow row;
      row.line = line_no;
      for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) {
        row.cells.emplace(header[i], cells[i]);
      }
      t.rows.push_back(std::move(row));
    }
    if (end == text.size()) break;
  }
  if (header.empty()) throw DataMissing(fmt::format("{}: no header line", t.name));
  return t;
}

double csv_number(const CsvRow& row, std::string_view column, std::string_view file) {
  const std::string& s = row.at(column, file);
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) {
    throw DataMissing(
        fmt::format("{}:{}: column '{}' holds '{}', not a number", file, row.line, column, s));
  }
  return v;
}

}  // namespace heatlift::accounting::detail
