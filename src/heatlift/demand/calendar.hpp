// Dates inside the typical (non-leap) year the weather and load series cover: "MM-DD" day
// marks, ranges that may wrap over the new year (a northern heating season 11-15 → 03-15),
// and the day of the week. Hour h is hour h of climate::WeatherSeries.
#pragma once

#include <string>
#include <string_view>

namespace heatlift::demand {

/// A calendar day of the typical year.
struct MonthDay {
  int month = 1;  ///< 1 … 12
  int day = 1;    ///< 1 … days in the month

  /// Day of year, 0 … 364.
  int day_of_year() const;
  /// "MM-DD".
  std::string text() const;
  /// Parses "MM-DD" (e.g. "11-15"); throws InvalidInput naming `field` (when not empty)
  /// if malformed or not a day of a non-leap year.
  static MonthDay parse(std::string_view text, std::string_view field);
};

/// Days first … last, both included; wraps over 31 Dec when last is before first.
struct DayRange {
  MonthDay first;
  MonthDay last;

  bool contains(int day_of_year) const;
  /// Number of days in the range.
  int days() const;
};

/// Day of the week of day `day_of_year` (0 = Monday … 6 = Sunday) when 1 January is
/// `first_weekday`. The typical year has no weekday of its own; 1 January is taken as a
/// Monday unless the caller says otherwise.
inline int weekday(int day_of_year, int first_weekday = 0) {
  return (day_of_year + first_weekday) % 7;
}
inline bool is_weekend(int day_of_year, int first_weekday = 0) {
  return weekday(day_of_year, first_weekday) >= 5;
}

}  // namespace heatlift::demand
