// Process heat: a constant duty at a supply/return temperature while the plant runs —
// shifts per day, days per week, annual shutdown weeks — with an optional standby share
// outside the shifts and an optional waste-heat source the heat pump may draw from
// (carried in LoadSeries::t_source).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "heatlift/climate/weather.hpp"
#include "heatlift/demand/calendar.hpp"
#include "heatlift/demand/load.hpp"

namespace heatlift::demand {

struct ProcessSpec {
  std::string description = "process heat";
  double duty = 0.0;      ///< W, while running
  double t_supply = 0.0;  ///< K, e.g. 120–150 °C steam
  double t_return = 0.0;  ///< K, condensate return / feed water
  /// K, constant waste-heat source temperature; or an hourly series in t_source_hourly.
  std::optional<double> t_source;
  std::vector<double> t_source_hourly;  ///< K, one per hour, overrides t_source
  int shifts_per_day = 3;               ///< 1 … 3 shifts of 8 h
  int shift_start = 8;                  ///< hour the first shift starts (ignored with 3 shifts)
  int days_per_week = 7;                ///< 1 … 7, Monday first
  int shutdown_weeks = 0;               ///< whole weeks stopped each year
  MonthDay shutdown_start{1, 25};       ///< first day of the shutdown (around the Spring Festival)
  double standby_fraction = 0.0;        ///< share of the duty outside shifts (keeping lines warm)
  int first_weekday = 0;

  void validate() const;
};

struct ProcessResult {
  LoadSeries load;
  int operating_hours = 0;  ///< hours at full duty
};

ProcessResult simulate_process(const ProcessSpec& s, std::size_t hours = climate::hours_per_year);

}  // namespace heatlift::demand
