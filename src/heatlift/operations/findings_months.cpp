// diagnose()'s view of the rows: their months and days, the stuck heat-meter days and the
// months' sums (findings_internal.hpp).
#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/demand/building.hpp"
#include "heatlift/equipment/defrost.hpp"
#include "heatlift/operations/findings_internal.hpp"
#include "heatlift/operations/kpi.hpp"

namespace heatlift::operations::findings_detail {
namespace {

// K: the map must hold this far colder and hotter than the measured point before the heat
// pump counts as able to run there (sensor noise at the edge of its envelope).
constexpr double kMapMargin = 1.0;

// The emitter design flow temperature (demand::emitter_design) of UnitMeta::emitters.
std::optional<double> emitter_supply(std::string_view emitters) {
  if (emitters == "floor") return demand::emitter_design(demand::Emitter::floor_heating).t_supply;
  if (emitters == "radiators") return demand::emitter_design(demand::Emitter::radiator).t_supply;
  if (emitters == "fan-coils") return demand::emitter_design(demand::Emitter::fan_coil).t_supply;
  return std::nullopt;
}

// On-cycles: from an off row to the next off row, without gaps or unknown rows.
struct CycleTracker {
  double len = 0;
  bool in_cycle = false, seen_start = false;
  std::int64_t last_start_hour = INT64_MIN;
  std::size_t month = 0;

  void step(const Inputs& in, Calendar& cal, std::size_t i, bool contiguous) {
    const std::vector<std::uint8_t>& running = in.running;
    if (!contiguous || running[i] == 2) {
      in_cycle = false;
      seen_start = false;
    }
    if (running[i] == 1) {
      if (!in_cycle) {
        in_cycle = true;
        seen_start = contiguous && running[i - 1] == 0;
        if (seen_start) {
          Month& m = cal.months[cal.month_of[i]];
          m.starts += 1;
          const std::int64_t hour = in.s.t[i] / 3600;
          if (hour != last_start_hour) m.start_hours += 1;
          last_start_hour = hour;
        }
        len = 0;
        month = cal.month_of[i];
      }
      len += in.s.dt[i];
    } else if (running[i] == 0) {
      if (in_cycle && seen_start) cal.months[month].cycles.push_back(len);
      in_cycle = false;
      seen_start = true;
    }
  }
};

// Heat sums of each day (energy signature), every day.
void add_day_heat(const Inputs& in, Day& d, std::size_t i) {
  const Series& s = in.s;
  const auto& q_hp = s[Channel::heat_hp];
  const auto& q_bu = s[Channel::heat_backup];
  const auto& t_out = s[Channel::t_outdoor];
  const double dt = s.dt[i];
  if (ok(t_out[i])) {
    const double qh = (ok(q_hp[i]) ? q_hp[i] : 0.0) + (ok(q_bu[i]) ? q_bu[i] : 0.0);
    d.heat += qh * dt;
    d.t_sum += t_out[i] * dt;
    d.seconds += dt;
  }
}

// Avoidable back-up heat: the heat pump was below full speed and could have run here.
bool spare_capacity(const Inputs& in, std::size_t i) {
  const Series& s = in.s;
  const double hz = s[Channel::compressor_hz][i];
  const double t_out = s[Channel::t_outdoor][i];
  const double t_flow = s[Channel::t_flow][i];
  const double q = s[Channel::heat_hp][i];
  bool spare = false;
  if (in.has_hz && ok(hz) && in.hz_top > 0) {
    spare = hz < in.o.full_speed * in.hz_top;
    if (spare && in.map != nullptr && ok(t_out) && ok(t_flow) && in.air) {
      const equipment::MapPoint p = in.map->at(t_out - kMapMargin, t_flow + kMapMargin, 1.0);
      spare = p.valid && p.capacity > 0;
    }
  } else if (in.map != nullptr && ok(t_out) && ok(t_flow) && in.air && ok(q)) {
    const equipment::MapPoint p = in.map->at(t_out - kMapMargin, t_flow + kMapMargin, 1.0);
    spare = p.valid && q < in.o.full_speed * p.capacity * in.scale;
  }
  return spare;
}

// A running row's curve, defrost and flow sums.
void add_running_sums(const Inputs& in, Month& m, std::size_t i) {
  const Series& s = in.s;
  const double dt = s.dt[i];
  const double q = s[Channel::heat_hp][i];
  const double t_flow = s[Channel::t_flow][i];
  const double t_out = s[Channel::t_outdoor][i];
  const double rh = s[Channel::rh_outdoor][i];
  const double flow = s[Channel::flow_rate][i];
  const double defrost = s[Channel::defrost][i];
  m.run_s += dt;
  // Curve: flow temperature above the emitters' curve, heat-weighted.
  if (in.ctx.t_out_design && in.t_sup_design && ok(q) && q > 0 && ok(t_flow) && ok(t_out)) {
    const double need = in.curve.supply(t_out, *in.t_sup_design);
    m.curve_q += q * dt;
    m.curve_qx += q * dt * (t_flow - need);
  }
  // Defrost against the frosting model.
  if (in.air && ok(defrost) && ok(t_out)) {
    m.def_run_s += dt;
    m.def_s += defrost * dt;
    if (t_out <= in.o.expected.defrost_model.max_outdoor_temperature) {
      m.cold_run_s += dt;
      if (ok(rh)) {
        const equipment::DefrostFactors f = equipment::defrost_factors(
            t_out, std::clamp(rh, 0.0, 1.0), in.o.expected.defrost_model);
        m.def_expected_s += f.defrost_time_fraction * dt;
      }
    }
  }
  // Flow while running.
  if (ok(flow) && flow > 0) {
    m.flow_sum += flow;
    m.flow_n += 1;
  }
}

// A heating row's meter checks: Carnot and the heat balance.
void add_meter_sums(const Inputs& in, Month& m, std::size_t i) {
  const Series& s = in.s;
  const double dt = s.dt[i];
  const double q = s[Channel::heat_hp][i];
  const double t_flow = s[Channel::t_flow][i];
  const double t_ret = s[Channel::t_return][i];
  const double t_out = s[Channel::t_outdoor][i];
  const double e_unit = s[Channel::elec_unit][i];
  const double flow = s[Channel::flow_rate][i];
  // Carnot: T_flow / (T_flow − T_source), air source only (the telemetry has no brine
  // temperature); rows closer than 5 K left out.
  if (in.air && ok(t_flow) && ok(t_out) && ok(e_unit) && e_unit > 0 && t_flow - t_out >= 5.0) {
    const double cop_c = t_flow / (t_flow - t_out);
    m.carnot_q += q * dt;
    m.carnot_max += e_unit * cop_c * dt;
    if (q / e_unit > cop_c) m.above_carnot_s += dt;
  }
  // Heat balance: the meter against ρ·c_p·V̇·ΔT.
  if (ok(flow) && flow > 0 && ok(t_flow) && ok(t_ret)) {
    m.bal_meter += q * dt;
    m.bal_calc += kRhoCp * flow * (t_flow - t_ret) * dt;
  }
}

}  // namespace

Inputs read_inputs(const Series& s, const UnitMeta& unit, const UnitContext& ctx,
                   const FindingOptions& o) {
  Inputs in{s, unit, ctx, o};
  in.off = o.expected.kpi.utc_offset;
  in.running = running_state(s, unit, o.expected.kpi);
  in.air =
      unit.type.empty() || unit.type == "air-water" ||
      (ctx.model && ctx.model->map && ctx.model->map->source_kind() == equipment::SourceKind::air);
  in.has_hz = s.has(Channel::compressor_hz);
  if (in.has_hz) {
    for (double v : s[Channel::compressor_hz]) {
      if (ok(v)) in.hz_top = std::max(in.hz_top, v);
    }
  }
  in.map = ctx.model && ctx.model->map ? ctx.model->map.get() : nullptr;
  in.scale = ctx.model ? ctx.model->scale : 1.0;
  in.t_sup_design = emitter_supply(unit.emitters);
  in.curve.t_room = o.curve_t_room;
  in.curve.t_supply_min = o.curve_t_supply_min;
  if (ctx.t_out_design) in.curve.t_out_design = *ctx.t_out_design;
  return in;
}

// Months and days of the rows.
Calendar calendar(const Series& s, std::int64_t off) {
  const std::size_t n = s.size();
  Calendar cal;
  cal.month_of.resize(n);
  cal.day_of.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t t = s.t[i];
    if (cal.months.empty() || t >= cal.months.back().end) {
      Month m;
      m.start = period_start(t, Period::month, off);
      m.end = period_end(t, Period::month, off);
      m.first = t;
      cal.months.push_back(std::move(m));
    }
    cal.months.back().last_end = t + s.dt[i];
    cal.month_of[i] = cal.months.size() - 1;
    if (cal.days.empty() || t >= cal.days.back().start + 86400) {
      cal.days.push_back({period_start(t, Period::day, off), cal.months.size() - 1});
    }
    cal.day_of[i] = cal.days.size() - 1;
  }
  return cal;
}

// Pass 1: a heat meter that does not move (or reads zero) while the compressor runs.
void mark_stuck_days(const Inputs& in, Calendar& cal) {
  const auto& q_hp = in.s[Channel::heat_hp];
  const auto& defrost = in.s[Channel::defrost];
  for (std::size_t i = 0; i < in.s.size(); ++i) {
    Day& d = cal.days[cal.day_of[i]];
    if (ok(q_hp[i])) {
      ++d.rows;
      if (i > 0 && q_hp[i] == q_hp[i - 1] && q_hp[i] != 0.0) ++d.frozen;
    }
    if (in.running[i] != 1) continue;
    ++d.running;
    const double q = q_hp[i];
    const bool in_defrost = ok(defrost[i]) && defrost[i] > 0;
    if (!ok(q)) continue;
    if ((i > 0 && q == q_hp[i - 1]) || (q <= 0 && !in_defrost)) ++d.stuck;
  }
  cal.stuck_day.assign(cal.days.size(), 0);
  for (std::size_t k = 0; k < cal.days.size(); ++k) {
    const Day& d = cal.days[k];
    // Stuck while running, or frozen at a non-zero value the whole day (a day the compressor
    // hardly ran: a live meter reads 0 while nothing flows, never the same heat rate all day).
    const bool stuck_running =
        d.running >= in.o.stuck_min_rows &&
        static_cast<double>(d.stuck) >= in.o.stuck_share * static_cast<double>(d.running);
    const bool frozen = d.rows >= 2 * in.o.stuck_min_rows && d.frozen >= d.rows - 1;
    if (stuck_running || frozen) {
      cal.stuck_day[k] = 1;
      cal.months[d.month].stuck = true;
    }
  }
}

// Pass 2: the months' sums, the rows of stuck days left out.
void month_sums(const Inputs& in, Calendar& cal) {
  const Series& s = in.s;
  const auto& q_hp = s[Channel::heat_hp];
  const auto& q_bu = s[Channel::heat_backup];
  const auto& defrost = s[Channel::defrost];
  CycleTracker cycles;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool contiguous = i > 0 && s.t[i] == s.t[i - 1] + s.dt[i - 1];
    const double dt = s.dt[i];
    Month& m = cal.months[cal.month_of[i]];
    cycles.step(in, cal, i, contiguous);
    add_day_heat(in, cal.days[cal.day_of[i]], i);
    if (cal.stuck_day[cal.day_of[i]]) continue;
    const double q = q_hp[i];
    if (ok(q)) m.q_hp += std::max(q, 0.0) * dt;
    if (ok(q_bu[i]) && q_bu[i] > 0) {
      m.q_bu += q_bu[i] * dt;
      if (spare_capacity(in, i)) m.q_bu_avoidable += q_bu[i] * dt;
    }
    if (in.running[i] != 1) continue;
    add_running_sums(in, m, i);
    const bool in_defrost = ok(defrost[i]) && defrost[i] > 0;
    if (in_defrost || !ok(q) || q <= 0) continue;
    add_meter_sums(in, m, i);
  }
}

Residuals residuals(const Inputs& in, const std::vector<Month>& months) {
  Residuals r;
  if (in.ctx.model != nullptr && in.ctx.model->map) {
    try {
      r.expected = expected_performance(in.s, in.unit, *in.ctx.model, in.o.expected);
    } catch (const InvalidInput& e) {
      r.why = e.what();
    }
  } else {
    r.why = "no performance map for the unit";
  }
  r.month.assign(months.size(), kNaN);
  r.in_trend.assign(months.size(), 0);
  if (r.expected) {
    for (const MonthResidual& x : r.expected->months) {
      for (std::size_t k = 0; k < months.size(); ++k) {
        if (x.from >= months[k].start && x.from < months[k].end) {
          r.month[k] = x.residual;
          r.in_trend[k] = x.in_trend ? 1 : 0;
        }
      }
    }
  }
  return r;
}

}  // namespace heatlift::operations::findings_detail
