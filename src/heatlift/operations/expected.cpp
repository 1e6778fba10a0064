#include "heatlift/operations/expected.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/equipment/datasheet_csv.hpp"
#include "heatlift/equipment/fit_check.hpp"
#include "heatlift/equipment/map_io.hpp"
#include "heatlift/equipment/product.hpp"

namespace heatlift::operations {

namespace eq = equipment;

namespace {

constexpr double kC = 273.15;

bool is_air_type(const std::string& type) {
  return type.rfind("air", 0) == 0;
}

eq::SourceKind kind_of_unit(const UnitMeta& unit) {
  if (is_air_type(unit.type)) return eq::SourceKind::air;
  if (unit.type.rfind("ground", 0) == 0) return eq::SourceKind::brine;
  return eq::SourceKind::water;
}

// A map file starts with its "# heatlift performance map" comment or carries the
// "# source_kind = ..." line; anything else is taken as datasheet points.
bool looks_like_map(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.front() == '#') {
      if (line.find("source_kind") != std::string_view::npos ||
          line.find("performance map") != std::string_view::npos) {
        return true;
      }
    } else if (!line.empty() && line.find_first_not_of(" \t\r") != std::string_view::npos) {
      return line.find("heating_capacity_W") != std::string_view::npos;
    }
    pos = end + 1;
  }
  return false;
}

// The speed curve at one (source, sink): capacity and power at the part-load nodes from the
// lowest continuous speed up, scaled and with the frosting factors applied.
struct Curve {
  std::vector<double> x, q, p;
  void clear() {
    x.clear();
    q.clear();
    p.clear();
  }
};

struct OperatingPoint {
  double heat = 0.0, power = 0.0;
  double speed = 0.0;
  bool cycling = false;
};

// The operating point that meets `load` (W) on `c` (site/simulation.cpp's rule).
OperatingPoint operate(const Curve& c, double load, double cd) {
  OperatingPoint op;
  const std::size_t n = c.x.size();
  if (load >= c.q[n - 1]) {
    op.heat = c.q[n - 1];
    op.power = c.p[n - 1];
    op.speed = c.x[n - 1];
    return op;
  }
  if (load >= c.q[0] && n > 1) {
    for (std::size_t k = 1; k < n; ++k) {
      if (load <= c.q[k]) {
        const double span = c.q[k] - c.q[k - 1];
        const double w = span > 0.0 ? (load - c.q[k - 1]) / span : 1.0;
        const double x = c.x[k - 1] + w * (c.x[k] - c.x[k - 1]);
        const double qx = c.q[k - 1] + w * span;
        const double px = c.p[k - 1] + w * (c.p[k] - c.p[k - 1]);
        op.heat = load;
        op.power = qx > 0.0 ? px * load / qx : px;
        op.speed = x;
        return op;
      }
    }
  }
  // Below the lowest speed (or a single-speed unit below full): on/off cycling, EN 14825.
  const double cr = c.q[0] > 0.0 ? std::clamp(load / c.q[0], 0.0, 1.0) : 0.0;
  op.heat = cr * c.q[0];
  op.power = c.p[0] * (cd * cr + 1.0 - cd);
  op.speed = c.x[0];
  op.cycling = cr < 1.0;
  return op;
}

// The point at speed `x` on `c` (clamped to the curve's ends).
OperatingPoint point_at_speed(const Curve& c, double x) {
  OperatingPoint op;
  std::size_t k = 0;
  while (k + 1 < c.x.size() && c.x[k + 1] < x) ++k;
  const std::size_t k2 = std::min(k + 1, c.x.size() - 1);
  const double span = c.x[k2] - c.x[k];
  const double w = span > 0.0 ? std::clamp((x - c.x[k]) / span, 0.0, 1.0) : 0.0;
  op.heat = c.q[k] + w * (c.q[k2] - c.q[k]);
  op.power = c.p[k] + w * (c.p[k2] - c.p[k]);
  op.speed = x;
  return op;
}

// The telemetry columns the model reads.
struct Columns {
  const double *q, *e, *tf, *to, *rh, *fd;
  explicit Columns(const Series& s)
      : q(s[Channel::heat_hp].data()),
        e(s[Channel::elec_unit].data()),
        tf(s[Channel::t_flow].data()),
        to(s[Channel::t_outdoor].data()),
        rh(s[Channel::rh_outdoor].data()),
        fd(s[Channel::defrost].data()) {}
};

// What the row model needs for a whole series, and the speed curve it rebuilds at each row.
struct RowModel {
  const eq::PerformanceMap& map;
  const UnitModel& model;
  const ExpectedOptions& o;
  bool air;
  const std::vector<double>& pl;  // the map's part-load nodes
  double lowest;                  // the lowest continuous speed
  std::vector<eq::NodeValue> nodes;
  Curve curve;

  RowModel(const UnitModel& m, const ExpectedOptions& opt)
      : map(*m.map),
        model(m),
        o(opt),
        air(map.source_kind() == eq::SourceKind::air),
        pl(map.axes().part_load),
        // The option, but never below the map's lowest node nor above its highest.
        lowest(map.single_speed() ? pl.front()
                                  : std::min(std::max(opt.min_part_load, pl.front()), pl.back())),
        nodes(pl.size()) {}
};

// The speed of the last row with an expected value and when it ended: a row almost all in
// defrost keeps it.
struct SpeedHold {
  double speed;
  std::int64_t end = INT64_MIN;
};

// A row's defrost fraction and the factors on capacity and power (the model's scale included).
struct RowDefrost {
  double f = 0.0, fq = 1.0, fp = 1.0;
  bool known = true;  // false: the frost model needs humidity, which is not measured
};

// Defrost: measured fraction, or the frost model (which needs humidity below 5 °C).
RowDefrost row_defrost(const RowModel& m, const Columns& c, std::size_t i, double ts) {
  const bool use_defrost = m.air && m.o.defrost;
  const bool measured_f = use_defrost && !std::isnan(c.fd[i]);
  RowDefrost d;
  d.f = measured_f ? std::clamp(c.fd[i], 0.0, 1.0) : 0.0;
  d.fq = m.model.scale;
  d.fp = m.model.scale;
  if (use_defrost && ts <= m.o.defrost_model.max_outdoor_temperature) {
    if (measured_f) {
      d.fq *= 0.875;
      d.fp *= 0.954;
    } else if (std::isnan(c.rh[i])) {
      d.known = false;
    } else {
      const eq::DefrostFactors df =
          eq::defrost_factors(ts, std::clamp(c.rh[i], 0.0, 1.0), m.o.defrost_model);
      d.fq *= df.capacity;
      d.fp *= df.power;
    }
  }
  return d;
}

// Builds m.curve at (ts, tf) from the lowest continuous speed up; false when the map has no
// usable curve there.
bool speed_curve_at(RowModel& m, double ts, double tf, double fq, double fp) {
  const eq::MapStatus st = m.map.slice(ts, tf, m.nodes);
  if (st == eq::MapStatus::outside_grid) return false;
  Curve& curve = m.curve;
  const std::vector<double>& pl = m.pl;
  const double lowest = m.lowest;
  curve.clear();
  bool bad = false;
  auto push = [&](double x, const eq::MapPoint& pt) {
    if (!pt.valid) bad = true;
    curve.x.push_back(x);
    curve.q.push_back(pt.capacity * fq);
    curve.p.push_back(pt.power * fp);
  };
  if (st == eq::MapStatus::inside) {
    const std::vector<eq::NodeValue>& nodes = m.nodes;
    bool first = true;
    for (std::size_t k = 0; k < pl.size(); ++k) {
      if (pl[k] < lowest) continue;
      if (first && pl[k] > lowest && k > 0) {
        const double w = (lowest - pl[k - 1]) / (pl[k] - pl[k - 1]);
        eq::MapPoint pt;
        pt.capacity = nodes[k - 1].capacity + w * (nodes[k].capacity - nodes[k - 1].capacity);
        pt.power = nodes[k - 1].power + w * (nodes[k].power - nodes[k - 1].power);
        push(lowest, pt);
      }
      first = false;
      eq::MapPoint pt;
      pt.capacity = nodes[k].capacity;
      pt.power = nodes[k].power;
      push(pl[k], pt);
    }
  } else {
    // Some node is invalid: read the speeds this unit uses one by one.
    push(lowest, m.map.at(ts, tf, lowest));
    for (std::size_t k = 0; k < pl.size(); ++k) {
      if (pl[k] > lowest) push(pl[k], m.map.at(ts, tf, pl[k]));
    }
  }
  return !(bad || curve.x.empty() || curve.q.back() <= 0.0);
}

// The expected value of running row i, written into `es`; the row's status.
ExpectedStatus expect_row(RowModel& m, const Series& s, const Columns& c, std::size_t i,
                          SpeedHold& hold, ExpectedSeries& es, std::uint8_t& at_lowest) {
  const double ts = m.air ? c.to[i] : *m.o.t_source;
  if (std::isnan(c.q[i]) || std::isnan(c.e[i]) || std::isnan(c.tf[i]) || std::isnan(ts)) {
    return ExpectedStatus::not_measured;
  }
  const RowDefrost d = row_defrost(m, c, i, ts);
  if (!d.known) return ExpectedStatus::not_measured;
  if (!speed_curve_at(m, ts, c.tf[i], d.fq, d.fp)) return ExpectedStatus::outside_map;
  const Curve& curve = m.curve;
  // The load in heating time; a row almost all in defrost keeps the last speed.
  OperatingPoint op;
  const double f = d.f;
  const double heating = 1.0 - f;
  if (heating >= 0.1) {
    const double load = std::max(0.0, c.q[i]) / heating;
    op = operate(curve, load, m.o.cd);
    at_lowest = !op.cycling && load <= 1.1 * curve.q[0] ? 1 : 0;
  } else {
    const bool recent = s.t[i] - hold.end <= 3600;
    op = point_at_speed(curve, recent ? hold.speed : m.lowest);
  }
  double heat = op.heat, power = op.power;
  if (f > 0.0) {
    const double melt = 0.01 * (7.222 - (ts - kC)) / 1.01667;
    heat = heating * op.heat - f * std::max(0.0, melt) * op.heat;
    power = heating * op.power + f * m.o.defrost_model.defrost_power_ratio * op.power;
  }
  if (!(power > 0.0) || !std::isfinite(heat) || !std::isfinite(power)) {
    return ExpectedStatus::outside_map;
  }
  hold.speed = op.speed;
  hold.end = s.t[i] + s.dt[i];
  es.capacity[i] = curve.q.back() * (f > 0.0 ? heating : 1.0);
  es.heat[i] = heat;
  es.power[i] = power;
  es.cop[i] = heat / power;
  if (op.cycling) ++es.cycling;
  if (heat > 0.0 && c.q[i] > 0.0 && c.e[i] > 0.0) {
    es.residual[i] = (c.q[i] / c.e[i]) / es.cop[i] - 1.0;
  }
  return ExpectedStatus::ok;
}

std::int64_t clock_hour(std::int64_t t) {
  return t >= 0 ? t / 3600 : (t - 3599) / 3600;
}

// Sub-hourly rows: a clock hour in which the unit ran only part of the covered time, at its
// lowest speed, is a cycling hour; its running rows carry the EN 14825 loss spread over the
// on-time, P × (Cd·CR + 1 − Cd) / CR with CR = running time / covered time of the hour —
// the hour's energy as site::simulate counts it.
void apply_hourly_cycling(const Series& s, const Columns& c, const std::vector<std::uint8_t>& state,
                          const std::vector<std::uint8_t>& at_lowest, double cd,
                          ExpectedSeries& es) {
  const std::size_t n = s.size();
  for (std::size_t b = 0; b < n;) {
    const std::int64_t hour = clock_hour(s.t[b]);
    std::size_t e_ = b;
    double covered = 0.0, running = 0.0;
    bool low_ok = false;
    while (e_ < n && clock_hour(s.t[e_]) == hour) {
      if (s.dt[e_] >= 3600) break;
      covered += s.dt[e_];
      if (state[e_] == 1) running += s.dt[e_];
      if (at_lowest[e_] != 0) low_ok = true;
      ++e_;
    }
    if (e_ == b) {  // an hourly (or longer) row: cycling was decided within the row
      ++b;
      continue;
    }
    const double cr = covered > 0.0 ? running / covered : 1.0;
    if (low_ok && covered >= 0.9 * 3600.0 && cr > 0.0 && cr < 1.0) {
      const double factor = (cd * cr + 1.0 - cd) / cr;
      for (std::size_t i = b; i < e_; ++i) {
        if (es.status[i] != ExpectedStatus::ok || at_lowest[i] == 0) continue;
        es.power[i] *= factor;
        es.cop[i] = es.heat[i] / es.power[i];
        es.residual[i] = es.heat[i] > 0.0 && c.q[i] > 0.0 && c.e[i] > 0.0
                             ? (c.q[i] / c.e[i]) / es.cop[i] - 1.0
                             : 0.0;
        ++es.cycling;
      }
    }
    b = e_;
  }
}

// Measured and expected heat and electricity summed over rows with an expected value.
struct EnergySums {
  double qm = 0.0, em = 0.0, qe = 0.0, pe = 0.0;
};

void close_month(MonthResidual* month, EnergySums& m, double min_month_hours) {
  if (month == nullptr) return;
  month->heat = m.qm;
  if (m.em > 0.0 && m.pe > 0.0 && m.qe > 0.0) {
    month->spf_measured = m.qm / m.em;
    month->spf_expected = m.qe / m.pe;
    month->residual = month->spf_measured / month->spf_expected - 1.0;
    month->in_trend = month->running_hours >= min_month_hours && m.qm > 0.0;
  }
  m = EnergySums{};
}

// Counts the rows by status and sums them by month (into r.months) and over the series.
EnergySums count_and_sum(const Series& s, const Columns& c, const ExpectedOptions& o,
                         ExpectedResult& r) {
  ExpectedSeries& es = r.intervals;
  EnergySums all, m;
  MonthResidual* month = nullptr;
  std::int64_t month_end = INT64_MIN;
  for (std::size_t i = 0; i < s.size(); ++i) {
    switch (es.status[i]) {
      case ExpectedStatus::ok: ++es.ok; break;
      case ExpectedStatus::not_running: ++es.not_running; continue;
      case ExpectedStatus::not_measured: ++es.not_measured; continue;
      case ExpectedStatus::outside_map: ++es.outside_map; continue;
    }
    if (s.t[i] >= month_end) {
      close_month(month, m, o.min_month_hours);
      MonthResidual next;
      next.month = period_label(s.t[i], Period::month, o.kpi.utc_offset);
      next.from = period_start(s.t[i], Period::month, o.kpi.utc_offset);
      month_end = period_end(s.t[i], Period::month, o.kpi.utc_offset);
      r.months.push_back(next);
      month = &r.months.back();
    }
    const double dt = s.dt[i];
    month->running_hours += dt / 3600.0;
    m.qm += c.q[i] * dt;
    m.em += c.e[i] * dt;
    m.qe += es.heat[i] * dt;
    m.pe += es.power[i] * dt;
    all.qm += c.q[i] * dt;
    all.em += c.e[i] * dt;
    all.qe += es.heat[i] * dt;
    all.pe += es.power[i] * dt;
  }
  close_month(month, m, o.min_month_hours);
  // Months whose sums gave no SPF are dropped: they would carry no number.
  std::erase_if(r.months, [](const MonthResidual& x) { return x.spf_expected <= 0.0; });
  return all;
}

// The measured and expected SPF over the series and their residual.
void set_totals(const EnergySums& t, ExpectedResult& r) {
  const ExpectedSeries& es = r.intervals;
  if (es.ok == 0) {
    const std::string why = fmt::format(
        "no interval with an expected value ({} not running, {} not measured, {} outside the "
        "map)",
        es.not_running, es.not_measured, es.outside_map);
    r.spf_measured = r.spf_expected = r.residual = Metric::none(why);
  } else if (!(t.em > 0.0) || !(t.pe > 0.0) || !(t.qe > 0.0)) {
    r.spf_measured = r.spf_expected = r.residual =
        Metric::none("no heat or electricity over the included intervals");
  } else {
    r.spf_measured = Metric::of(t.qm / t.em);
    r.spf_expected = Metric::of(t.qe / t.pe);
    r.residual = Metric::of((t.qm / t.em) / (t.qe / t.pe) - 1.0);
  }
}

}  // namespace

UnitModel make_model(std::shared_ptr<const eq::PerformanceMap> map, double rated_capacity,
                     std::string origin, std::optional<double> reference_capacity) {
  if (!map) throw InvalidInput(fmt::format("{}: no performance map", origin));
  UnitModel m;
  m.origin = std::move(origin);
  if (reference_capacity) {
    m.reference_capacity = *reference_capacity;
  } else {
    double ts = 280.15, label_c = 7.0;
    char letter = 'A';
    switch (map->source_kind()) {
      case eq::SourceKind::air: break;
      case eq::SourceKind::brine: ts = 273.15, label_c = 0.0, letter = 'B'; break;
      case eq::SourceKind::water: ts = 283.15, label_c = 10.0, letter = 'W'; break;
    }
    const eq::MapPoint pt = map->at(ts, 308.15, 1.0);
    if (!pt.valid) {
      throw InvalidInput(fmt::format(
          "{}: the map has no valid value at its reference point {}{:g}/W35 ({}), so it cannot "
          "be scaled to the unit's rated capacity",
          m.origin, letter, label_c, eq::to_string(pt.status)));
    }
    m.reference_capacity = pt.capacity;
  }
  if (!(m.reference_capacity > 0.0) || !std::isfinite(m.reference_capacity)) {
    throw InvalidInput(
        fmt::format("{}: reference capacity {} W is not positive", m.origin, m.reference_capacity));
  }
  if (!std::isfinite(rated_capacity) || rated_capacity < 0.0) {
    throw InvalidInput(
        fmt::format("rated_capacity: {} W is not a finite power ≥ 0 W", rated_capacity));
  }
  m.scale = rated_capacity > 0.0 ? rated_capacity / m.reference_capacity : 1.0;
  m.map = std::move(map);
  return m;
}

UnitModel resolve_model(const UnitMeta& unit, const eq::ProductLibrary* products) {
  if (!unit.product.empty()) {
    if (products == nullptr) {
      throw InvalidInput(
          fmt::format("unit '{}': product '{}' needs the product library, which was not given",
                      unit.id, unit.product));
    }
    const eq::Product& p = products->product(unit.product);
    return make_model(products->map(unit.product), unit.rated_capacity,
                      fmt::format("product {}", p.id), p.rated_capacity);
  }
  if (unit.map_file.empty()) {
    throw InvalidInput(fmt::format(
        "unit '{}': names neither a product nor a map_file, so its expected performance is "
        "unknown",
        unit.id));
  }
  const std::filesystem::path path(unit.map_file);
  const std::string text = core::read_text_file(path, "map file");
  if (looks_like_map(text)) {
    auto map = std::make_shared<const eq::PerformanceMap>(eq::parse_map_csv(text, unit.map_file));
    return make_model(std::move(map), unit.rated_capacity,
                      fmt::format("map file {}", unit.map_file));
  }
  const eq::DatasheetTable table = eq::parse_datasheet_csv(text, unit.map_file);
  const eq::SourceKind kind =
      eq::source_kind_from_labels(table.points).value_or(kind_of_unit(unit));
  const eq::ValidatedFit vf = eq::fit_and_validate(kind, table.points, eq::ModelChoice::automatic);
  double lo_s = table.points.front().t_source, hi_s = lo_s;
  double lo_k = table.points.front().t_sink, hi_k = lo_k;
  for (const eq::DatasheetPoint& p : table.points) {
    lo_s = std::min(lo_s, p.t_source);
    hi_s = std::max(hi_s, p.t_source);
    lo_k = std::min(lo_k, p.t_sink);
    hi_k = std::max(hi_k, p.t_sink);
  }
  const double margin = vf.fit.options().extrapolation_margin;
  const eq::MapAxes axes =
      eq::datasheet_axes(table.points, eq::AxisRange{lo_s - margin, hi_s + margin},
                         eq::AxisRange{lo_k - margin, hi_k + margin});
  auto map = std::make_shared<const eq::PerformanceMap>(vf.fit.to_map(axes));
  return make_model(std::move(map), unit.rated_capacity,
                    fmt::format("datasheet {} ({} fit)", unit.map_file, vf.model));
}

void validate(const ExpectedOptions& o) {
  if (!(o.min_part_load > 0.0 && o.min_part_load <= 1.0)) {
    throw InvalidInput(
        fmt::format("min_part_load: {} is not a speed fraction in (0, 1]", o.min_part_load));
  }
  if (!(o.cd >= 0.0 && o.cd <= 1.0)) {
    throw InvalidInput(fmt::format("cd: {} is not a coefficient in [0, 1]", o.cd));
  }
  if (o.t_source && !(*o.t_source > 173.15 && *o.t_source < 373.15)) {
    throw InvalidInput(
        fmt::format("t_source: {} K is not a source temperature in (173.15, "
                    "373.15) K",
                    *o.t_source));
  }
  if (!(o.min_month_hours >= 0.0 && std::isfinite(o.min_month_hours))) {
    throw InvalidInput(
        fmt::format("min_month_hours: {} h is not a finite time ≥ 0 h", o.min_month_hours));
  }
  eq::validate(o.defrost_model);
  validate(o.kpi);
}

std::string_view to_string(ExpectedStatus s) {
  switch (s) {
    case ExpectedStatus::ok: return "ok";
    case ExpectedStatus::not_running: return "not_running";
    case ExpectedStatus::not_measured: return "not_measured";
    case ExpectedStatus::outside_map: return "outside_map";
  }
  return "?";
}

ExpectedResult expected_performance(const Series& s, const UnitMeta& unit, const UnitModel& model,
                                    const ExpectedOptions& o) {
  validate(o);
  if (!model.map) throw InvalidInput(fmt::format("unit '{}': the model has no map", unit.id));
  RowModel m(model, o);
  if (!m.air && !o.t_source) {
    throw InvalidInput(fmt::format(
        "unit '{}': a {} map needs the source (brine / water) temperature, which the telemetry "
        "does not carry: give t_source",
        unit.id, eq::to_string(m.map.source_kind())));
  }
  const std::vector<std::uint8_t> state = running_state(s, unit, o.kpi);
  const std::size_t n = s.size();
  ExpectedResult r;
  r.origin = model.origin;
  ExpectedSeries& es = r.intervals;
  es.status.assign(n, ExpectedStatus::not_running);
  es.capacity.assign(n, 0.0);
  es.heat.assign(n, 0.0);
  es.power.assign(n, 0.0);
  es.cop.assign(n, 0.0);
  es.residual.assign(n, 0.0);

  const Columns c(s);
  SpeedHold hold{m.lowest};
  std::vector<std::uint8_t> at_lowest(n, 0);  // ran at (about) the lowest speed
  for (std::size_t i = 0; i < n; ++i) {
    if (state[i] != 1) continue;
    es.status[i] = expect_row(m, s, c, i, hold, es, at_lowest[i]);
  }
  apply_hourly_cycling(s, c, state, at_lowest, o.cd, es);
  set_totals(count_and_sum(s, c, o, r), r);
  r.trend = residual_trend(r.months);
  return r;
}

ResidualTrend residual_trend(std::span<const MonthResidual> months) {
  ResidualTrend t;
  std::vector<double> x, y;
  for (const MonthResidual& m : months) {
    if (!m.in_trend) continue;
    x.push_back(static_cast<double>(m.from) / (365.25 * 86400.0));
    y.push_back(m.residual);
  }
  t.months = x.size();
  if (x.size() < 3) {
    const std::string why =
        fmt::format("{} month(s) with enough running time; a trend needs at least 3", x.size());
    t.slope_per_year = t.standard_error = Metric::none(why);
    return t;
  }
  const double nn = static_cast<double>(x.size());
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= nn;
  my /= nn;
  double sxx = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (!(sxx > 0.0)) {
    t.slope_per_year = t.standard_error = Metric::none("the months do not span any time");
    return t;
  }
  const double slope = sxy / sxx;
  double ssr = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double res = y[i] - my - slope * (x[i] - mx);
    ssr += res * res;
  }
  t.slope_per_year = Metric::of(slope);
  t.standard_error = Metric::of(std::sqrt(ssr / (nn - 2.0) / sxx));
  return t;
}

nlohmann::json to_json(const ExpectedResult& r) {
  auto metric = [](const Metric& m) {
    nlohmann::json j;
    if (m.value) {
      j["value"] = *m.value;
    } else {
      j["value"] = nullptr;
      j["reason"] = m.reason;
    }
    return j;
  };
  nlohmann::json j;
  j["model"] = r.origin;
  j["intervals"] = {{"ok", r.intervals.ok},
                    {"not_running", r.intervals.not_running},
                    {"not_measured", r.intervals.not_measured},
                    {"outside_map", r.intervals.outside_map},
                    {"cycling", r.intervals.cycling}};
  j["spf_measured"] = metric(r.spf_measured);
  j["spf_expected"] = metric(r.spf_expected);
  j["residual"] = metric(r.residual);
  nlohmann::json months = nlohmann::json::array();
  for (const MonthResidual& m : r.months) {
    months.push_back({{"month", m.month},
                      {"running_hours", m.running_hours},
                      {"heat_kWh", m.heat / 3.6e6},
                      {"spf_measured", m.spf_measured},
                      {"spf_expected", m.spf_expected},
                      {"residual", m.residual},
                      {"in_trend", m.in_trend}});
  }
  j["months"] = months;
  j["trend"] = {{"slope_per_year", metric(r.trend.slope_per_year)},
                {"standard_error_per_year", metric(r.trend.standard_error)},
                {"months", r.trend.months}};
  return j;
}

}  // namespace heatlift::operations
