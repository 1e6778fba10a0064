#include "heatlift/climate/csv_table.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "heatlift/core/csv.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::climate::detail {

CsvTable::CsvTable(std::string_view text, std::string name,
                   const std::vector<std::string>& required)
    : name_(std::move(name)) {
  for (const auto [line_no, l] : core::csv_lines(text)) {
    auto cells = core::split_csv_line(l);
    if (header_.empty()) {
      header_ = std::move(cells);
      continue;
    }
    if (cells.size() != header_.size()) {
      throw InvalidInput(fmt::format("{}, line {}: {} cells, expected {} (the header's)", name_,
                                     line_no, cells.size(), header_.size()));
    }
    rows_.push_back(std::move(cells));
    lines_.push_back(line_no);
  }
  for (const auto& r : required) column(r);
}

std::size_t CsvTable::column(std::string_view c) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == c) return i;
  }
  throw InvalidInput(fmt::format("{}: no column '{}' in the header", name_, c));
}

const std::string& CsvTable::text(std::size_t row, std::string_view c) const {
  return rows_[row][column(c)];
}

std::optional<double> CsvTable::number(std::size_t row, std::string_view c) const {
  const std::string& s = text(row, c);
  if (s.empty()) return std::nullopt;
  double v = 0.0;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || !std::isfinite(v)) {
    throw InvalidInput(
        fmt::format("{}, line {}: {} is '{}', expected a number", name_, lines_[row], c, s));
  }
  return v;
}

double CsvTable::required_number(std::size_t row, std::string_view c) const {
  const auto v = number(row, c);
  if (!v) {
    throw InvalidInput(
        fmt::format("{}, line {}: {} is empty, expected a number", name_, lines_[row], c));
  }
  return *v;
}

}  // namespace heatlift::climate::detail
