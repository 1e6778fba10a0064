#include "heatlift/demand/hot_water.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::demand {

namespace {
constexpr double kHour = 3600.0;
using core::kZeroCelsius;

std::array<double, 2> litre_range(core::ConfigTable& t, std::string_view key) {
  const std::vector<double> v = t.numbers(key);
  if (v.size() != 2 || !(v[0] > 0.0) || v[1] < v[0])
    t.fail(key, "expected [low, high] litres per unit and day with 0 < low ≤ high");
  return {v[0] * 1e-3, v[1] * 1e-3};
}
}  // namespace

HotWaterLibrary HotWaterLibrary::load(const core::DataStore& data) {
  const std::string path = "demand/hot_water.toml";
  return parse(data.read(path), path);
}

HotWaterLibrary HotWaterLibrary::parse(std::string_view text, const std::string& origin) {
  const core::ConfigDocument doc = core::ConfigDocument::from_text(text, origin);
  core::ConfigTable root(doc);
  HotWaterLibrary lib;
  lib.source = core::DataStore::source_line(text);
  const core::ConfigTable types = root.table("types");
  for (const auto& [key, node] : *doc.root()["types"].as_table()) {
    const std::string name(key.str());
    if (!node.is_table()) types.fail_here(fmt::format("'{}' is not a table", name));
    core::ConfigTable t(*node.as_table(), fmt::format("types.{}", name), origin);
    HotWaterType ty;
    ty.name = name;
    ty.name_zh = t.string_or("name_zh", "");
    ty.unit = t.choice("unit", {"person", "bed", "student"});
    ty.quota_max_day = litre_range(t, "quota_max_day_l");
    ty.quota_avg_day = litre_range(t, "quota_avg_day_l");
    ty.weekend_factor = t.number("weekend_factor", {0.0, 2.0});
    ty.vacation_factor = t.number("vacation_factor", {0.0, 2.0});
    const std::vector<double> p = t.numbers("profile");
    if (p.size() != 24) t.fail("profile", fmt::format("{} values, expected 24", p.size()));
    double sum = 0.0;
    for (double x : p) {
      if (x < 0.0) t.fail("profile", "expected shares ≥ 0");
      sum += x;
    }
    if (!(sum > 0.0)) t.fail("profile", "expected a positive total");
    for (std::size_t i = 0; i < 24; ++i) ty.profile[i] = p[i] / sum;
    if (t.has("vacations")) {
      for (const toml::node& item : *node.as_table()->get("vacations")->as_array()) {
        const toml::array* pair = item.as_array();
        if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_string() ||
            !(*pair)[1].is_string())
          t.fail("vacations", "expected [\"MM-DD\", \"MM-DD\"] pairs");
        const std::string f = t.field("vacations");
        ty.vacations.push_back({MonthDay::parse((*pair)[0].as_string()->get(), f),
                                MonthDay::parse((*pair)[1].as_string()->get(), f)});
      }
    }
    t.finish();
    lib.types.emplace(name, std::move(ty));
  }
  root.finish();
  return lib;
}

const HotWaterType& HotWaterLibrary::type(std::string_view name) const {
  const auto it = types.find(name);
  if (it == types.end()) {
    std::vector<std::string_view> names;
    for (const auto& [k, v] : types) names.push_back(k);
    throw DataMissing(fmt::format("hot-water type '{}' is not in the library; known: {}", name,
                                  fmt::join(names, ", ")));
  }
  return it->second;
}

HotWaterSpec make_hot_water_spec(const HotWaterLibrary& lib, std::string_view type, double units) {
  const HotWaterType& t = lib.type(type);
  HotWaterSpec s;
  s.type = t.name;
  s.units = units;
  s.daily_volume = units * 0.5 * (t.quota_avg_day[0] + t.quota_avg_day[1]);
  s.design_daily_volume = units * 0.5 * (t.quota_max_day[0] + t.quota_max_day[1]);
  s.profile = t.profile;
  s.weekend_factor = t.weekend_factor;
  s.vacation_factor = t.vacation_factor;
  s.vacations = t.vacations;
  return s;
}

void HotWaterSpec::validate() const {
  auto bad = [&](std::string_view field, double v, std::string_view expected) {
    return InvalidInput(
        fmt::format("hot water '{}' {}: {}, expected {}", type, field, v, expected));
  };
  if (!std::isfinite(units) || units <= 0.0) throw bad("units", units, "a count above 0");
  if (!std::isfinite(daily_volume) || daily_volume < 0.0)
    throw bad("daily_volume", daily_volume, "a volume ≥ 0 m³ per day");
  if (!std::isfinite(design_daily_volume) || design_daily_volume < daily_volume)
    throw bad("design_daily_volume", design_daily_volume, "at least the daily volume (m³)");
  double sum = 0.0;
  for (double p : profile) {
    if (!(p >= 0.0)) throw bad("profile", p, "shares ≥ 0");
    sum += p;
  }
  if (std::abs(sum - 1.0) > 1e-6) throw bad("profile", sum, "shares summing to 1");
  if (!std::isfinite(t_hot) || t_hot < kZeroCelsius + 40.0 || t_hot > kZeroCelsius + 95.0)
    throw bad("t_hot", t_hot, "40 to 95 °C (in K)");
  if (!t_cold_monthly.empty()) {
    if (t_cold_monthly.size() != 12)
      throw bad("t_cold_monthly", static_cast<double>(t_cold_monthly.size()), "12 monthly values");
    for (double t : t_cold_monthly)
      if (!std::isfinite(t) || t < kZeroCelsius || t >= t_hot)
        throw bad("t_cold_monthly", t, "0 °C up to t_hot (in K)");
  }
  if (!std::isfinite(tank_volume) || tank_volume < 0.0)
    throw bad("tank_volume", tank_volume, "a volume ≥ 0 m³");
  if (!std::isfinite(tank_loss)) throw bad("tank_loss", tank_loss, "a finite power");
  if (!std::isfinite(recovery_power) || recovery_power < 0.0)
    throw bad("recovery_power", recovery_power, "a power ≥ 0 W (0: design rate)");
  if (!std::isfinite(recovery_hours) || recovery_hours <= 0.0)
    throw bad("recovery_hours", recovery_hours, "a time above 0 h");
  if (!std::isfinite(useful_fraction) || useful_fraction <= 0.0 || useful_fraction > 1.0)
    throw bad("useful_fraction", useful_fraction, "a fraction in (0, 1]");
  if (!std::isfinite(weekend_factor) || weekend_factor < 0.0 || !std::isfinite(vacation_factor) ||
      vacation_factor < 0.0)
    throw bad("weekend_factor / vacation_factor", weekend_factor, "factors ≥ 0");
}

std::vector<double> cold_water_temperature(const climate::WeatherSeries& w) {
  // Monthly means, °F.
  std::array<double, 12> sum{}, count{};
  for (std::size_t h = 0; h < w.hours(); ++h) {
    const auto m = static_cast<std::size_t>(climate::month_of_hour(h));
    sum[m] += w.t_dry[h];
    count[m] += 1.0;
  }
  double lo = HUGE_VAL, hi = -HUGE_VAL, annual = 0.0, months = 0.0;
  for (std::size_t m = 0; m < 12; ++m) {
    if (count[m] == 0.0) continue;
    const double f = (sum[m] / count[m] - kZeroCelsius) * 1.8 + 32.0;
    lo = std::min(lo, f);
    hi = std::max(hi, f);
    annual += f;
    months += 1.0;
  }
  if (months == 0.0) throw InvalidInput("weather: no hours, cannot derive cold-water temperatures");
  annual /= months;
  const double ratio = 0.4 + 0.01 * (annual - 44.0);
  const double lag = 35.0 - 1.0 * (annual - 44.0);
  std::vector<double> out(365);
  for (int d = 0; d < 365; ++d) {
    const double angle_deg = 0.986 * ((d + 1) - 15.0 - lag) - 90.0;
    const double f =
        (annual + 6.0) + ratio * (hi - lo) / 2.0 * std::sin(angle_deg * std::numbers::pi / 180.0);
    // Water in the mains does not freeze: floor at 1 °C.
    out[static_cast<std::size_t>(d)] = std::max(1.0, (f - 32.0) / 1.8) + kZeroCelsius;
  }
  return out;
}

HotWaterResult simulate_hot_water(const HotWaterSpec& s, const climate::WeatherSeries& w) {
  s.validate();
  const std::size_t n = w.hours();
  if (n == 0 || n % 24 != 0)
    throw InvalidInput(fmt::format("hot water: weather has {} hours, expected whole days", n));
  std::vector<double> t_cold_day;
  if (s.t_cold_monthly.empty()) {
    t_cold_day = cold_water_temperature(w);
  } else {
    t_cold_day.resize(365);
    for (int d = 0; d < 365; ++d)
      t_cold_day[static_cast<std::size_t>(d)] = s.t_cold_monthly[static_cast<std::size_t>(
          climate::month_of_hour(static_cast<std::size_t>(d) * 24))];
  }
  const double t_cold_min = *std::min_element(t_cold_day.begin(), t_cold_day.end());
  const double rho_c = kHotWaterDensity * kWaterCp;

  HotWaterResult r;
  r.design_daily_energy = rho_c * s.design_daily_volume * (s.t_hot - t_cold_min);
  const double peak_share = *std::max_element(s.profile.begin(), s.profile.end());
  // GB 50015-2019 §6.4.3: Q_h = K_h · Q_d / 24 with K_h = 24 · the profile's peak share;
  // a volumetric tank cuts it by η·V·ρ·c·Δt / T, never below the mean hourly heat.
  const double q_h = peak_share * r.design_daily_energy / kHour;
  const double e_cap = rho_c * s.tank_volume * (s.t_hot - t_cold_min);
  double recovery = s.recovery_power;
  if (recovery <= 0.0) {
    recovery = q_h - s.useful_fraction * e_cap / (s.recovery_hours * kHour);
    recovery = std::max(recovery, r.design_daily_energy / (24.0 * kHour));
  }
  r.tank_loss =
      s.tank_volume > 0.0
          ? (s.tank_loss >= 0.0 ? s.tank_loss : 16.66 + 8.33 * std::pow(s.tank_volume * 1e3, 0.4))
          : 0.0;

  LoadSeries& L = r.load;
  L.kind = LoadKind::hot_water;
  L.description =
      fmt::format("hot water, {} × {:g}, {:.1f} m³/d at {:.0f} °C, tank {:g} m³", s.type, s.units,
                  s.daily_volume, s.t_hot - kZeroCelsius, s.tank_volume);
  L.heat.assign(n, 0.0);
  L.t_supply.assign(n, s.t_hot);
  L.t_return.assign(n, 0.0);
  L.design_load = recovery;

  double e = e_cap;  // the tank starts full
  const double e_start = e;
  for (std::size_t h = 0; h < n; ++h) {
    const int doy = climate::day_of_hour(h) % 365;
    const double t_cold = t_cold_day[static_cast<std::size_t>(doy)];
    L.t_return[h] = t_cold;
    double factor = is_weekend(doy, s.first_weekday) ? s.weekend_factor : 1.0;
    for (const DayRange& v : s.vacations)
      if (v.contains(doy)) factor = s.vacation_factor;
    const double draw = rho_c * s.daily_volume * factor *
                        s.profile[static_cast<std::size_t>(climate::hour_of_day(h))] *
                        (s.t_hot - t_cold);
    const double loss = r.tank_loss * kHour;
    r.draw += draw;
    r.losses += loss;
    double q;
    if (s.tank_volume <= 0.0) {
      q = draw;  // no storage: the heater follows the draw
    } else {
      e -= draw + loss;
      if (e < 0.0) {
        r.unmet += -e;
        e = 0.0;
      }
      q = std::min(recovery * kHour, e_cap - e);
      e += q;
    }
    L.heat[h] = q / kHour;
  }
  r.storage_change = e - e_start;
  return r;
}

}  // namespace heatlift::demand
