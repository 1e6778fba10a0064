#include "heatlift/operations/retrofit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/demand/building.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::operations {

namespace {

constexpr double kJPerKwh = 3.6e6;
constexpr double kSecondsPerYear = 365.0 * 86400.0;

int local_year(std::int64_t t, std::int64_t utc_offset) {
  const std::time_t local = static_cast<std::time_t>(t + utc_offset);
  std::tm tm{};
  gmtime_r(&local, &tm);
  return tm.tm_year + 1900;
}

// Σ P·dt over the rows with an expected value, measured and expected.
struct Sums {
  double measured = 0.0, expected = 0.0, heat = 0.0, seconds = 0.0;
};

Sums sums(const Series& s, const ExpectedSeries& e) {
  Sums out;
  const auto& p = s[Channel::elec_unit];
  const auto& q = s[Channel::heat_hp];
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (e.status[i] != ExpectedStatus::ok) continue;
    out.measured += p[i] * s.dt[i];
    out.expected += e.power[i] * s.dt[i];
    out.heat += q[i] * s.dt[i];
    out.seconds += s.dt[i];
  }
  return out;
}

// Electricity after lowering the flow temperature to `curve` (K at outdoor t, design supply):
// each ok row keeps its measured power times expected(new sink) / expected(measured sink).
double electricity_on_curve(const Series& s, const UnitMeta& unit, const UnitModel& model,
                            const ExpectedOptions& eo, const ExpectedSeries& now,
                            const site::Compensation& curve, double design_supply,
                            double tolerance) {
  Series lowered = s;
  auto& flow = lowered[Channel::t_flow];
  const auto& out = s[Channel::t_outdoor];
  std::vector<char> changed(s.size(), 0);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (now.status[i] != ExpectedStatus::ok || std::isnan(out[i])) continue;
    const double target = curve.supply(out[i], design_supply);
    if (flow[i] > target + tolerance) {
      flow[i] = target;
      changed[i] = 1;
    }
  }
  const ExpectedResult after = expected_performance(lowered, unit, model, eo);
  const auto& p = s[Channel::elec_unit];
  double total = 0.0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (now.status[i] != ExpectedStatus::ok) continue;
    double e = p[i] * s.dt[i];
    if (changed[i] && after.intervals.status[i] == ExpectedStatus::ok && now.power[i] > 0.0)
      e *= after.intervals.power[i] / now.power[i];
    total += e;
  }
  return total;
}

Measure measure(std::string code, std::string detail, double before, double after, double capital,
                const RetrofitOptions& o) {
  Measure m;
  m.code = std::move(code);
  m.detail = std::move(detail);
  m.electricity_before = before;
  m.electricity_after = std::min(after, before);
  m.saving = before - m.electricity_after;
  m.saving_cny = m.saving * o.price;
  m.co2 = m.saving * o.grid_factor;
  m.capital = capital;
  // A heating season's saving is the year's; shorter data are not extrapolated.
  // Below half a percent of the season's electricity a saving is within the meters' error.
  if (m.saving > 0.005 * before && m.saving_cny > 0.0)
    m.payback = Metric::of(capital / m.saving_cny);
  else
    m.payback = Metric::none("saves less than 0.5 % of the electricity, within the meters' error");
  return m;
}

// The emitters' design supply temperature (demand::emitter_design), K.
double emitter_supply(const UnitMeta& unit) {
  std::string_view name = unit.emitters;
  demand::Emitter e;
  if (name == "floor")
    e = demand::Emitter::floor_heating;
  else if (name == "radiators")
    e = demand::Emitter::radiator;
  else if (name == "radiators-low")
    e = demand::Emitter::radiator_low;
  else if (name == "fan-coils")
    e = demand::Emitter::fan_coil;
  else
    try {
      e = demand::emitter_from_string(name, "emitters");
    } catch (const InvalidInput&) {
      throw InvalidInput(fmt::format(
          "unit '{}': emitters '{}': expected floor, radiators, radiators-low or fan-coils",
          unit.id, unit.emitters));
    }
  return demand::emitter_design(e).t_supply;
}

}  // namespace

RetrofitCosts RetrofitCosts::parse(std::string_view text, const std::string& origin) {
  const auto doc = core::ConfigDocument::from_text(text, origin);
  core::ConfigTable root(doc);
  RetrofitCosts c;
  c.origin = origin;
  const core::Range positive{0.0, HUGE_VAL, "0 or more"};
  {
    auto t = root.table("compressor");
    c.compressor_per_W = t.quantity("per_kw", core::Dimension::price_per_power, positive);
    c.compressor_fixed = t.quantity("fixed", core::Dimension::money, positive);
    t.finish();
  }
  {
    auto t = root.table("heat_exchangers");
    c.heat_exchangers = t.quantity("fixed", core::Dimension::money, positive);
    t.finish();
  }
  {
    auto t = root.table("controls");
    c.controls = t.quantity("fixed", core::Dimension::money, positive);
    c.curve_tolerance = t.quantity("tolerance", core::Dimension::temperature_difference,
                                   core::Range{0.0, 10.0, "0 to 10 K"});
    t.finish();
  }
  {
    auto t = root.table("emitters");
    c.emitters_per_W = t.quantity("per_kw", core::Dimension::price_per_power, positive);
    c.emitter_supply_drop = t.quantity("supply_drop", core::Dimension::temperature_difference,
                                       core::Range{1.0, 30.0, "1 to 30 K"});
    t.finish();
  }
  root.finish();
  return c;
}

RetrofitCosts RetrofitCosts::load(const core::DataStore& data) {
  constexpr std::string_view path = "operations/retrofit.toml";
  return parse(data.read(path), std::string(path));
}

namespace {

void check_inputs(const UnitMeta& unit, const RetrofitOptions& o) {
  if (!(o.price > 0.0) || !std::isfinite(o.price))
    throw InvalidInput(fmt::format("retrofit: electricity price {} CNY/kWh: expected above 0",
                                   o.price * kJPerKwh));
  if (!(o.grid_factor >= 0.0) || !std::isfinite(o.grid_factor))
    throw InvalidInput(fmt::format("retrofit: grid factor {} kg/kWh: expected 0 or more",
                                   o.grid_factor * kJPerKwh));
  if (!(o.capital_per_W >= 0.0) || !std::isfinite(o.capital_per_W))
    throw InvalidInput(
        fmt::format("retrofit: capital {} CNY/kW: expected 0 or more", o.capital_per_W * 1e3));
  if (!(o.design_outdoor > 200.0 && o.design_outdoor < 300.0))
    throw InvalidInput(
        fmt::format("retrofit: design outdoor temperature {:.1f} °C: expected -73 to 27 °C",
                    o.design_outdoor - 273.15));
  if (!(unit.rated_capacity > 0.0))
    throw InvalidInput(fmt::format(
        "unit '{}': rated_capacity is needed for a retrofit diagnosis (the measures' costs "
        "scale with it)",
        unit.id));
  if (unit.install_year <= 0)
    throw InvalidInput(
        fmt::format("unit '{}': install_year is needed for a retrofit diagnosis (the action plan's "
                    "criterion is more than ten years in service)",
                    unit.id));
}

// The compressor's share of the loss against expectation (the heat exchangers' is the rest):
// a heat-weighted line of the interval residual on the load ratio (retrofit.hpp).
double compressor_share(const Series& season, const ExpectedSeries& e,
                        std::vector<std::string>& notes) {
  double sw = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0;
  const auto& q = season[Channel::heat_hp];
  for (std::size_t i = 0; i < season.size(); ++i) {
    if (e.status[i] != ExpectedStatus::ok || !(e.capacity[i] > 0.0) || !(q[i] > 0.0)) continue;
    const double w = q[i] * season.dt[i];
    const double x = q[i] / e.capacity[i];
    const double y = e.residual[i];
    sw += w;
    sx += w * x;
    sy += w * y;
    sxx += w * x * x;
    sxy += w * x * y;
  }
  if (!(sw > 0.0)) return 1.0;
  const double xm = sx / sw, ym = sy / sw;
  const double var = sxx / sw - xm * xm;
  if (var <= 1e-9)
    notes.push_back(
        "the load hardly varied: the loss could not be split between compressor and heat "
        "exchangers by its signature and is all given to the compressor");
  const double b = var > 1e-9 ? (sxy / sw - xm * ym) / var : 0.0;
  const double a = ym - b * xm;
  const double comp = std::max(0.0, -a), hx = std::max(0.0, -b * xm);
  return comp + hx > 0.0 ? comp / (comp + hx) : 1.0;
}

// Everything a measure needs to know about the season as it ran.
struct Season {
  const Series& rows;
  const UnitMeta& unit;
  const UnitModel& model;
  const ExpectedResult& now;
  const RetrofitCosts& costs;
  const RetrofitOptions& o;
  double before = 0.0;  // J of the unit over the ok rows
};

void add_loss_measures(const Season& s, double loss, RetrofitResult& r) {
  const double share = compressor_share(s.rows, s.now.intervals, r.notes);
  const bool lost = loss > 0.005 * s.before;
  auto detail = [&](double part) {
    return lost ? fmt::format("{:.0f} % of the loss against expectation", 100.0 * part)
                : std::string("no loss against expectation");
  };
  const double comp_capital =
      s.costs.compressor_per_W * s.unit.rated_capacity + s.costs.compressor_fixed;
  r.measures.push_back(
      measure("compressor", detail(share), s.before, s.before - loss * share, comp_capital, s.o));
  r.measures.push_back(measure("heat_exchangers", detail(1.0 - share), s.before,
                               s.before - loss * (1.0 - share), s.costs.heat_exchangers, s.o));
}

void add_curve_measures(const Season& s, RetrofitResult& r) {
  site::Compensation curve;
  curve.t_out_design = s.o.design_outdoor;
  const double after_curve =
      electricity_on_curve(s.rows, s.unit, s.model, s.o.expected, s.now.intervals, curve,
                           r.design_supply, s.costs.curve_tolerance);
  r.measures.push_back(measure("controls",
                               fmt::format("flow at most {:.0f} °C at {:.1f} °C outdoors",
                                           r.design_supply - 273.15, s.o.design_outdoor - 273.15),
                               s.before, after_curve, s.costs.controls, s.o));
  // New emitters only where they lower the supply: radiators and fan-coils, not floors
  // already designed near the curve's lowest supply.
  const double low_supply = r.design_supply - s.costs.emitter_supply_drop;
  if (low_supply < curve.t_supply_min + 5.0) {
    r.notes.push_back(fmt::format(
        "emitters ({}) are designed for {:.0f} °C already: new emitters would not lower it",
        s.unit.emitters, r.design_supply - 273.15));
    return;
  }
  const double after_emitters =
      electricity_on_curve(s.rows, s.unit, s.model, s.o.expected, s.now.intervals, curve,
                           low_supply, s.costs.curve_tolerance);
  r.measures.push_back(measure("emitters",
                               fmt::format("design supply {:.0f} °C instead of {:.0f} °C",
                                           low_supply - 273.15, r.design_supply - 273.15),
                               s.before, after_emitters,
                               s.costs.emitters_per_W * s.unit.rated_capacity, s.o));
}

// The current product that would use least electricity at the season's conditions.
void add_replacement(const Season& s, const std::vector<Candidate>& candidates, RetrofitResult& r) {
  std::optional<Measure> best;
  const auto& p = s.rows[Channel::elec_unit];
  for (const auto& c : candidates) {
    ExpectedResult fresh;
    try {
      fresh = expected_performance(s.rows, s.unit, c.model, s.o.expected);
    } catch (const InvalidInput& e) {
      r.notes.push_back(fmt::format("replacement {}: {}", c.id, e.what()));
      continue;
    }
    double after = 0.0;
    std::size_t missing = 0;
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
      if (s.now.intervals.status[i] != ExpectedStatus::ok) continue;
      if (fresh.intervals.status[i] == ExpectedStatus::ok) {
        after += fresh.intervals.power[i] * s.rows.dt[i];
      } else {
        after += p[i] * s.rows.dt[i];  // outside the new map: no saving claimed
        ++missing;
      }
    }
    auto m = measure(
        "replacement",
        missing ? fmt::format("{} ({} intervals outside its map kept as measured)", c.id, missing)
                : c.id,
        s.before, after, s.o.capital_per_W * s.unit.rated_capacity, s.o);
    if (!best || m.saving > best->saving) best = std::move(m);
  }
  if (best)
    r.measures.push_back(std::move(*best));
  else
    r.notes.push_back("no current product of the unit's source kind to compare with");
}

}  // namespace

RetrofitResult diagnose_retrofit(const Series& season, const UnitMeta& unit, const UnitModel& model,
                                 const std::vector<Candidate>& candidates,
                                 const RetrofitCosts& costs, const RetrofitOptions& o) {
  check_inputs(unit, o);
  const double design_supply = emitter_supply(unit);
  if (season.empty())
    throw InvalidInput(fmt::format("unit '{}': no monitoring data in the season", unit.id));

  RetrofitResult r;
  r.unit = unit.id;
  r.from = season.t.front();
  r.to = season.t.back() + season.dt.back();
  r.age = local_year(r.to - 1, o.expected.kpi.utc_offset) - unit.install_year;
  r.over_ten = r.age > 10;
  r.design_supply = design_supply;

  const ExpectedResult now = expected_performance(season, unit, model, o.expected);
  const Sums sum = sums(season, now.intervals);
  r.running_hours = sum.seconds / 3600.0;
  if (r.running_hours < o.min_running_hours)
    throw InvalidInput(fmt::format(
        "unit '{}': {:.0f} running hours with heat, electricity, flow and outdoor temperature "
        "measured and inside the map ({} rows not measured, {} outside the map): expected at "
        "least {:.0f} h for a retrofit diagnosis",
        unit.id, r.running_hours, now.intervals.not_measured, now.intervals.outside_map,
        o.min_running_hours));
  r.heat = sum.heat;
  r.electricity = sum.measured;
  r.spf = sum.measured > 0.0 ? Metric::of(sum.heat / sum.measured) : Metric::none("no electricity");
  r.residual = now.residual;
  if (r.to - r.from < 0.25 * kSecondsPerYear)
    r.notes.push_back(
        "the data cover less than three months: savings are for this period only, not a year");
  if (!r.over_ten)
    r.notes.push_back(
        fmt::format("the unit has been in service {} years, not more than ten: the action plan's "
                    "retrofit diagnosis is meant for older units",
                    r.age));

  const Season s{season, unit, model, now, costs, o, sum.measured};
  add_loss_measures(s, std::max(0.0, sum.measured - sum.expected), r);
  add_curve_measures(s, r);
  add_replacement(s, candidates, r);

  std::stable_sort(r.measures.begin(), r.measures.end(), [](const Measure& a, const Measure& b) {
    if (a.payback.has_value() != b.payback.has_value()) return a.payback.has_value();
    if (a.payback.has_value() && *a.payback != *b.payback) return *a.payback < *b.payback;
    return a.saving > b.saving;
  });
  return r;
}

nlohmann::json to_json(const RetrofitResult& r) {
  auto metric = [](const Metric& m) {
    return m.has_value() ? nlohmann::json(*m)
                         : nlohmann::json{{"value", nullptr}, {"reason", m.reason}};
  };
  nlohmann::json measures = nlohmann::json::array();
  for (const auto& m : r.measures)
    measures.push_back({{"measure", m.code},
                        {"detail", m.detail},
                        {"electricity_before_kwh", m.electricity_before / kJPerKwh},
                        {"electricity_after_kwh", m.electricity_after / kJPerKwh},
                        {"saving_kwh", m.saving / kJPerKwh},
                        {"saving_cny", m.saving_cny},
                        {"co2_saved_kg", m.co2},
                        {"capital_cny", m.capital},
                        {"payback_years", metric(m.payback)}});
  return {{"unit", r.unit},
          {"age_years", r.age},
          {"over_ten_years", r.over_ten},
          {"from", r.from},
          {"to", r.to},
          {"running_hours", r.running_hours},
          {"heat_kwh", r.heat / kJPerKwh},
          {"electricity_kwh", r.electricity / kJPerKwh},
          {"spf_h1", metric(r.spf)},
          {"residual", metric(r.residual)},
          {"design_supply_c", r.design_supply - 273.15},
          {"measures", measures},
          {"notes", r.notes}};
}

}  // namespace heatlift::operations
