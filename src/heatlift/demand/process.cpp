#include "heatlift/demand/process.hpp"

#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::demand {

void ProcessSpec::validate() const {
  auto bad = [&](std::string_view field, double v, std::string_view expected) {
    return InvalidInput(
        fmt::format("process '{}' {}: {}, expected {}", description, field, v, expected));
  };
  if (!std::isfinite(duty) || duty <= 0.0) throw bad("duty", duty, "a power above 0 W");
  if (!std::isfinite(t_supply) || t_supply <= core::kZeroCelsius ||
      t_supply > core::kZeroCelsius + 400.0)
    throw bad("t_supply", t_supply, "0 to 400 °C (in K)");
  if (!std::isfinite(t_return) || t_return <= 0.0 || t_return > t_supply)
    throw bad("t_return", t_return, "a temperature not above t_supply (in K)");
  if (t_source && (!std::isfinite(*t_source) || *t_source <= 0.0))
    throw bad("t_source", *t_source, "a temperature above 0 K");
  if (shifts_per_day < 1 || shifts_per_day > 3)
    throw bad("shifts_per_day", shifts_per_day, "1, 2 or 3");
  if (shift_start < 0 || shift_start > 23) throw bad("shift_start", shift_start, "hour 0 … 23");
  if (days_per_week < 1 || days_per_week > 7) throw bad("days_per_week", days_per_week, "1 … 7");
  if (shutdown_weeks < 0 || shutdown_weeks > 52)
    throw bad("shutdown_weeks", shutdown_weeks, "0 … 52");
  if (!std::isfinite(standby_fraction) || standby_fraction < 0.0 || standby_fraction > 1.0)
    throw bad("standby_fraction", standby_fraction, "a fraction in [0, 1]");
  if (first_weekday < 0 || first_weekday > 6)
    throw bad("first_weekday", first_weekday, "0 (Monday) … 6 (Sunday)");
}

ProcessResult simulate_process(const ProcessSpec& s, std::size_t n) {
  s.validate();
  if (!s.t_source_hourly.empty() && s.t_source_hourly.size() != n)
    throw InvalidInput(fmt::format("process '{}' t_source_hourly: {} values, expected {}",
                                   s.description, s.t_source_hourly.size(), n));
  ProcessResult r;
  LoadSeries& L = r.load;
  L.kind = LoadKind::process;
  L.description = fmt::format(
      "{}: {:g} kW at {:.0f}/{:.0f} °C, {} shift(s), {} d/week, {} "
      "week(s) shutdown",
      s.description, s.duty / 1e3, s.t_supply - core::kZeroCelsius, s.t_return - core::kZeroCelsius,
      s.shifts_per_day, s.days_per_week, s.shutdown_weeks);
  L.heat.assign(n, 0.0);
  L.t_supply.assign(n, s.t_supply);
  L.t_return.assign(n, s.t_return);
  L.design_load = s.duty;
  if (!s.t_source_hourly.empty())
    L.t_source = s.t_source_hourly;
  else if (s.t_source)
    L.t_source.assign(n, *s.t_source);

  const DayRange shutdown{s.shutdown_start, [&] {
                            // last day of the shutdown, shutdown_weeks·7 days on
                            const int last =
                                (s.shutdown_start.day_of_year() + 7 * s.shutdown_weeks - 1) % 365;
                            MonthDay md;
                            int d = last;
                            for (int m = 0; m < 12; ++m) {
                              const int dm = climate::days_in_month[static_cast<std::size_t>(m)];
                              if (d < dm) {
                                md = {m + 1, d + 1};
                                break;
                              }
                              d -= dm;
                            }
                            return md;
                          }()};
  const int shift_hours = 8 * s.shifts_per_day;
  for (std::size_t h = 0; h < n; ++h) {
    const int doy = climate::day_of_hour(h) % 365;
    const int hod = climate::hour_of_day(h);
    const bool shut = s.shutdown_weeks > 0 && shutdown.contains(doy);
    const bool workday = weekday(doy, s.first_weekday) < s.days_per_week;
    bool running = false;
    if (!shut && workday) {
      if (s.shifts_per_day == 3) {
        running = true;
      } else {
        // Shifts run from shift_start for 8 or 16 h; hours past midnight belong to the day
        // the shift started, so only the part within this day is counted here.
        const int since = hod - s.shift_start;
        running = since >= 0 && since < shift_hours;
      }
    }
    // Hours of a two-shift day that run past midnight into the next calendar day.
    if (!running && s.shifts_per_day < 3 && s.shift_start + shift_hours > 24 &&
        hod < s.shift_start + shift_hours - 24) {
      const int prev = (doy + 364) % 365;
      const bool prev_shut = s.shutdown_weeks > 0 && shutdown.contains(prev);
      running = !prev_shut && weekday(prev, s.first_weekday) < s.days_per_week;
    }
    if (running) {
      L.heat[h] = s.duty;
      ++r.operating_hours;
    } else {
      L.heat[h] = s.standby_fraction * s.duty;
    }
  }
  return r;
}

}  // namespace heatlift::demand
