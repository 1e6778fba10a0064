#include "heatlift/accounting/tariff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::accounting {
namespace {

constexpr std::array<int, 12> kMonthDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

void validate_plan(const DayPlan& p, std::string_view where) {
  if (p.periods.empty()) throw InvalidInput(fmt::format("{}: no price periods", where));
  for (const TouPeriod& t : p.periods) {
    if (!std::isfinite(t.price) || t.price < 0.0) {
      throw InvalidInput(fmt::format("{}: period '{}' price {} CNY/kWh must be finite and >= 0",
                                     where, t.name, t.price * core::kJPerKWh));
    }
  }
  for (int h = 0; h < 24; ++h) {
    const int i = p.period_of_hour[static_cast<std::size_t>(h)];
    if (i < 0 || static_cast<std::size_t>(i) >= p.periods.size()) {
      throw InvalidInput(fmt::format("{}: hour {} has no price period", where, h));
    }
  }
}

}  // namespace

bool HeatingSeason::contains(int day) const {
  return first_day <= last_day ? (day >= first_day && day <= last_day)
                               : (day >= first_day || day <= last_day);
}

Tariff Tariff::flat(double price_per_J, std::string name) {
  Tariff t;
  t.name = std::move(name);
  t.plan.periods = {{"flat", price_per_J}};
  t.plan.period_of_hour.fill(0);
  t.validate();
  return t;
}

void Tariff::validate() const {
  validate_plan(plan, fmt::format("tariff '{}'", name));
  if (heating_season) {
    validate_plan(heating_season->plan, fmt::format("tariff '{}' heating season", name));
    for (int d : {heating_season->first_day, heating_season->last_day}) {
      if (d < 0 || d >= 365) {
        throw InvalidInput(
            fmt::format("tariff '{}': heating-season day {} outside 0..364", name, d));
      }
    }
  }
  if (tier_limits_J.size() != tier_surcharges.size()) {
    throw InvalidInput(
        fmt::format("tariff '{}': {} tier limits but {} surcharges; give one "
                    "surcharge per limit",
                    name, tier_limits_J.size(), tier_surcharges.size()));
  }
  for (std::size_t i = 0; i < tier_limits_J.size(); ++i) {
    if (!(tier_limits_J[i] > 0.0) || (i > 0 && tier_limits_J[i] <= tier_limits_J[i - 1])) {
      throw InvalidInput(
          fmt::format("tariff '{}': tier limits must be positive and increase", name));
    }
    if (!std::isfinite(tier_surcharges[i])) {
      throw InvalidInput(fmt::format("tariff '{}': tier surcharge must be finite", name));
    }
  }
}

double Tariff::base_price(int h) const {
  const int day = h / 24;
  const std::size_t hod = static_cast<std::size_t>(h % 24);
  const DayPlan& p = heating_season && heating_season->contains(day) ? heating_season->plan : plan;
  return p.periods[static_cast<std::size_t>(p.period_of_hour[hod])].price;
}

TariffResult evaluate(const Tariff& tariff, std::span<const double> hourly_J) {
  tariff.validate();
  if (hourly_J.size() != static_cast<std::size_t>(kHoursPerYear)) {
    throw InvalidInput(
        fmt::format("tariff '{}': expected {} hourly values (a non-leap year), got {}", tariff.name,
                    kHoursPerYear, hourly_J.size()));
  }
  TariffResult r;
  for (const TouPeriod& p : tariff.plan.periods) r.by_period.push_back({p.name, 0.0, 0.0});
  const std::size_t season_offset = r.by_period.size();
  if (tariff.heating_season) {
    for (const TouPeriod& p : tariff.heating_season->plan.periods) {
      r.by_period.push_back({fmt::format("heating_season_{}", p.name), 0.0, 0.0});
    }
  }
  double cumulative = 0.0;
  for (int h = 0; h < kHoursPerYear; ++h) {
    const double e = hourly_J[static_cast<std::size_t>(h)];
    if (!std::isfinite(e) || e < 0.0) {
      throw InvalidInput(fmt::format("electricity at hour {}: {} kWh; expected a finite value >= 0",
                                     h, e / core::kJPerKWh));
    }
    const int day = h / 24;
    const std::size_t hod = static_cast<std::size_t>(h % 24);
    const bool season = tariff.heating_season && tariff.heating_season->contains(day);
    const DayPlan& plan = season ? tariff.heating_season->plan : tariff.plan;
    const std::size_t pi = static_cast<std::size_t>(plan.period_of_hour[hod]);
    double cost = e * plan.periods[pi].price;
    // Tiers: surcharge i applies to the part of this hour's energy that lies in band i of the
    // year's cumulative use, [limit_i, limit_i+1).
    double tier_cost = 0.0;
    const bool tiered = !(season && !tariff.heating_season->counts_toward_tiers);
    for (std::size_t i = 0; tiered && i < tariff.tier_limits_J.size(); ++i) {
      const double band_lo = tariff.tier_limits_J[i];
      const double band_hi =
          i + 1 < tariff.tier_limits_J.size() ? tariff.tier_limits_J[i + 1] : HUGE_VAL;
      const double overlap =
          std::max(0.0, std::min(cumulative + e, band_hi) - std::max(cumulative, band_lo));
      tier_cost += overlap * tariff.tier_surcharges[i];
    }
    if (tiered) cumulative += e;
    cost += tier_cost;
    r.energy_J += e;
    r.cost_cny += cost;
    r.tier_cost_cny += tier_cost;
    PeriodTotal& pt = r.by_period[season ? season_offset + pi : pi];
    pt.energy_J += e;
    pt.cost_cny += cost;
  }
  return r;
}

int day_of_year(std::string_view mm_dd) {
  int m = 0;
  int d = 0;
  const bool shape = mm_dd.size() == 5 && mm_dd[2] == '-';
  if (shape) {
    std::from_chars(mm_dd.data(), mm_dd.data() + 2, m);
    std::from_chars(mm_dd.data() + 3, mm_dd.data() + 5, d);
  }
  if (!shape || m < 1 || m > 12 || d < 1 || d > kMonthDays[static_cast<std::size_t>(m - 1)]) {
    throw InvalidInput(fmt::format("'{}' is not a date \"MM-DD\" of a non-leap year", mm_dd));
  }
  int day = 0;
  for (int i = 0; i < m - 1; ++i) day += kMonthDays[static_cast<std::size_t>(i)];
  return day + d - 1;
}

}  // namespace heatlift::accounting
