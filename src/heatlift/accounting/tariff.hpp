// Electricity tariffs, evaluated hour by hour on an 8760-hour series (hour 0 = 1 January
// 00:00, non-leap year): flat or time of use (periods by hour of day), an optional
// heating-season day plan (e.g. a northern coal-to-electricity valley price) and optional
// annual residential tiers (a surcharge per kWh once the year's cumulative use passes a limit).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace heatlift::accounting {

inline constexpr int kHoursPerYear = 8760;

struct TouPeriod {
  std::string name;    ///< "peak", "flat", "valley" ...
  double price = 0.0;  ///< CNY/J
};

/// Prices for each hour of a day.
struct DayPlan {
  std::vector<TouPeriod> periods;
  std::array<int, 24> period_of_hour{};  ///< index into periods
};

/// A part of the year (days of a non-leap year, 0 = 1 Jan) with its own day plan.
struct HeatingSeason {
  int first_day = 0;  ///< inclusive
  int last_day = 0;   ///< inclusive; may be before first_day (the season wraps over New Year)
  DayPlan plan;
  /// false when heating-season use is billed outside the residential tiers (some northern
  /// coal-to-electricity schemes): it then neither pays nor counts toward the tiers.
  bool counts_toward_tiers = true;
  bool contains(int day) const;
};

struct Tariff {
  std::string name;
  DayPlan plan;  ///< a flat tariff is one period, "flat", at every hour
  std::optional<HeatingSeason> heating_season;
  std::vector<double> tier_limits_J;    ///< increasing cumulative annual use limits
  std::vector<double> tier_surcharges;  ///< CNY/J added above each limit (same size)

  /// A flat price (CNY/J) at every hour.
  static Tariff flat(double price_per_J, std::string name = "flat");
  /// Checks sizes, ordering, non-negative prices and hour coverage; throws InvalidInput.
  void validate() const;
  /// Price (CNY/J) at hour of year `h` before tiers.
  double base_price(int h) const;
};

struct PeriodTotal {
  std::string name;
  double energy_J = 0.0;
  double cost_cny = 0.0;
};

struct TariffResult {
  double energy_J = 0.0;
  double cost_cny = 0.0;
  double tier_cost_cny = 0.0;          ///< the part of cost_cny due to tier surcharges
  std::vector<PeriodTotal> by_period;  ///< normal plan's periods, then the season's
  double mean_price() const { return energy_J > 0.0 ? cost_cny / energy_J : 0.0; }  ///< CNY/J
};

/// Cost of an hourly series of electricity (J per hour, 8760 values, none negative).
TariffResult evaluate(const Tariff& tariff, std::span<const double> hourly_J);

/// Day of a non-leap year (0 = 1 Jan) for "MM-DD"; throws InvalidInput.
int day_of_year(std::string_view mm_dd);

}  // namespace heatlift::accounting
