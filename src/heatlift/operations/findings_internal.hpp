// Inside diagnose() (findings_rules.cpp): the months and days of a unit's rows and their
// sums, gathered in one pass over the rows (findings_months.cpp). Not installed.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/equipment/performance_map.hpp"
#include "heatlift/operations/findings.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::operations::findings_detail {

constexpr double kRhoCp = 4.15e6;  // J/(m³·K), water at 30–50 °C
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline bool ok(double v) {
  return !std::isnan(v);
}

// Calendar months of the rows (local time).
struct Month {
  std::int64_t start = 0, end = 0;       // local-period bounds, UTC s
  std::int64_t first = 0, last_end = 0;  // first row's start, last row's end
  bool stuck = false;                    // holds a day with a stuck heat meter
  // short cycling
  std::vector<double> cycles;          // s, complete on-cycles starting in the month
  double starts = 0, start_hours = 0;  // starts, and clock hours with at least one
  // curve
  double curve_q = 0, curve_qx = 0, run_s = 0;
  // defrost
  double def_run_s = 0, def_s = 0, def_expected_s = 0, cold_run_s = 0;
  // back-up
  double q_hp = 0, q_bu = 0, q_bu_avoidable = 0;
  // flow
  double flow_sum = 0, flow_n = 0, dt_sum = 0;
  // meters
  double carnot_q = 0, carnot_max = 0, above_carnot_s = 0;
  double bal_meter = 0, bal_calc = 0;
};

// Calendar days of the rows (local time).
struct Day {
  std::int64_t start = 0;
  std::size_t month = 0;
  int running = 0, stuck = 0;
  int rows = 0, frozen = 0;  // rows with heat measured; equal to the last, not zero
  double seconds = 0, heat = 0, t_sum = 0;
};

// The months and days of the rows, and which days have a stuck heat meter.
struct Calendar {
  std::vector<Month> months;
  std::vector<std::size_t> month_of;  // row → month
  std::vector<Day> days;
  std::vector<std::size_t> day_of;  // row → day
  std::vector<std::uint8_t> stuck_day;
};

// What every rule reads: the rows, the unit and its map, the options.
struct Inputs {
  const Series& s;
  const UnitMeta& unit;
  const UnitContext& ctx;
  const FindingOptions& o;
  std::int64_t off = 0;
  std::vector<std::uint8_t> running{};
  bool air = false;
  bool has_hz = false;
  double hz_top = 0;  // the unit's top speed
  const equipment::PerformanceMap* map = nullptr;
  double scale = 1.0;
  std::optional<double> t_sup_design{};
  site::Compensation curve{};
};

// The expected performance (the residual) of each month, when there is a map.
struct Residuals {
  std::optional<ExpectedResult> expected;
  std::string why;
  std::vector<double> month;
  std::vector<std::uint8_t> in_trend;
};

Inputs read_inputs(const Series& s, const UnitMeta& unit, const UnitContext& ctx,
                   const FindingOptions& o);
// Months and days of the rows.
Calendar calendar(const Series& s, std::int64_t off);
// Pass 1: a heat meter that does not move (or reads zero) while the compressor runs.
void mark_stuck_days(const Inputs& in, Calendar& cal);
// Pass 2: the months' sums, the rows of stuck days left out.
void month_sums(const Inputs& in, Calendar& cal);
// The expected performance (the residual) of each month, when there is a map.
Residuals residuals(const Inputs& in, const std::vector<Month>& months);

}  // namespace heatlift::operations::findings_detail
