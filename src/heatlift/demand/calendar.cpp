#include "heatlift/demand/calendar.hpp"

#include <charconv>

#include <fmt/format.h>

#include "heatlift/climate/weather.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::demand {

int MonthDay::day_of_year() const {
  int d = day - 1;
  for (int m = 0; m + 1 < month; ++m) d += climate::days_in_month[static_cast<std::size_t>(m)];
  return d;
}

std::string MonthDay::text() const {
  return fmt::format("{:02}-{:02}", month, day);
}

MonthDay MonthDay::parse(std::string_view text, std::string_view field) {
  auto bad = [&]() {
    return InvalidInput(
        fmt::format("{}{}'{}' is not a day of the year; expected \"MM-DD\" such as "
                    "\"11-15\" (no 29 February)",
                    field, field.empty() ? "" : ": ", text));
  };
  const auto dash = text.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= text.size()) throw bad();
  MonthDay md;
  const char* b = text.data();
  auto [p1, e1] = std::from_chars(b, b + dash, md.month);
  auto [p2, e2] = std::from_chars(b + dash + 1, b + text.size(), md.day);
  if (e1 != std::errc() || e2 != std::errc() || p1 != b + dash || p2 != b + text.size())
    throw bad();
  if (md.month < 1 || md.month > 12) throw bad();
  if (md.day < 1 || md.day > climate::days_in_month[static_cast<std::size_t>(md.month - 1)])
    throw bad();
  return md;
}

bool DayRange::contains(int d) const {
  const int a = first.day_of_year();
  const int b = last.day_of_year();
  return a <= b ? (d >= a && d <= b) : (d >= a || d <= b);
}

int DayRange::days() const {
  const int a = first.day_of_year();
  const int b = last.day_of_year();
  return a <= b ? b - a + 1 : 365 - a + b + 1;
}

}  // namespace heatlift::demand
