#include "heatlift/operations/kpi.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "heatlift/core/error.hpp"

namespace heatlift::operations {

namespace {

constexpr std::int64_t kDay = 86400;

bool is_air(const UnitMeta& unit) {
  return unit.type.rfind("air", 0) == 0;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::chrono::year_month_day civil(std::int64_t t, std::int64_t offset) {
  const std::int64_t days = floor_div(t + offset, kDay);
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

std::int64_t to_utc(std::chrono::year_month_day d, std::int64_t offset) {
  const std::int64_t days = std::chrono::sys_days{d}.time_since_epoch().count();
  return days * kDay - offset;
}

bool contiguous(const Series& s, std::size_t i) {
  return i > 0 && s.t[i - 1] + s.dt[i - 1] == s.t[i] && !(s.flags[i] & flag_gap_before);
}

// One on-cycle: rows [begin, end) running; complete when both its start and its stop were
// seen next to contiguous off rows.
struct Cycle {
  std::size_t begin = 0, end = 0;
  double seconds = 0.0;
  bool started = false, complete = false;
};

std::vector<Cycle> find_cycles(const Series& s, const std::vector<std::uint8_t>& state) {
  std::vector<Cycle> out;
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (state[i] != 1) {
      ++i;
      continue;
    }
    Cycle c;
    c.begin = i;
    c.started = contiguous(s, i) && state[i - 1] == 0;
    double secs = 0.0;
    std::size_t j = i;
    while (j < n && state[j] == 1 && (j == i || contiguous(s, j))) {
      secs += s.dt[j];
      ++j;
    }
    c.end = j;
    c.seconds = secs;
    c.complete = c.started && j < n && contiguous(s, j) && state[j] == 0;
    out.push_back(c);
    i = j;
  }
  return out;
}

struct Context {
  const Series& s;
  const UnitMeta& unit;
  const KpiOptions& options;
  std::vector<std::uint8_t> state;
  std::vector<Cycle> cycles;
  double threshold = 0.0;
};

const double* col(const Series& s, Channel c) {
  return s[c].data();
}

Metric energy(const Series& s, Channel c, std::size_t b, std::size_t e) {
  const double* v = col(s, c);
  double sum = 0.0;
  std::size_t rows = 0;
  for (std::size_t i = b; i < e; ++i) {
    if (std::isnan(v[i])) continue;
    sum += v[i] * s.dt[i];
    ++rows;
  }
  if (rows == 0) return Metric::none(fmt::format("{} not measured", to_string(c)));
  return Metric::of(sum);
}

SpfAt spf_at(const Context& ctx, Boundary boundary, std::size_t b, std::size_t e) {
  const Series& s = ctx.s;
  const bool src = ctx.unit.meters.elec_source;  // air units without it: fan inside the unit
  const bool bu = boundary == Boundary::h3 || boundary == Boundary::h4;
  const bool sink = boundary == Boundary::h4;
  const bool with_src = boundary != Boundary::h1 && src;
  const double* qhp = col(s, Channel::heat_hp);
  const double* qbu = col(s, Channel::heat_backup);
  const double* eu = col(s, Channel::elec_unit);
  const double* es = col(s, Channel::elec_source);
  const double* eb = col(s, Channel::elec_backup);
  const double* ek = col(s, Channel::elec_sink);
  SpfAt out;
  out.boundary = boundary;
  for (std::size_t i = b; i < e; ++i) {
    if (std::isnan(qhp[i]) || std::isnan(eu[i])) continue;
    double q = qhp[i], el = eu[i];
    if (with_src) {
      if (std::isnan(es[i])) continue;
      el += es[i];
    }
    if (bu) {
      if (std::isnan(eb[i])) continue;
      el += eb[i];
      // An unmetered back-up heat is an electric heater's: heat = electricity.
      q += std::isnan(qbu[i]) ? eb[i] : qbu[i];
    }
    if (sink) {
      if (std::isnan(ek[i])) continue;
      el += ek[i];
    }
    out.heat += q * s.dt[i];
    out.electricity += el * s.dt[i];
    ++out.rows;
  }
  if (out.rows == 0) {
    out.spf = Metric::none(fmt::format("no row with every meter {} needs", to_string(boundary)));
  } else if (out.electricity <= 0.0) {
    out.spf = Metric::none("no electricity used");
  } else if (out.heat < 0.0) {
    out.spf = Metric::none("net heat delivered is negative");
  } else {
    out.spf = Metric::of(out.heat / out.electricity);
  }
  return out;
}

// Rows, covered time, flagged and unknown-state rows, and missing values per channel.
void fill_coverage(const Context& ctx, std::size_t b, std::size_t e, Kpis& k) {
  const Series& s = ctx.s;
  Coverage& cov = k.coverage;
  cov.rows = static_cast<std::int64_t>(e - b);
  for (std::size_t i = b; i < e; ++i) {
    cov.seconds += s.dt[i];
    if (s.flags[i] != 0) ++cov.flagged;
    if (ctx.state[i] == 2) ++cov.running_unknown;
  }
  for (Channel c : all_channels()) {
    const double* v = col(s, c);
    std::int64_t m = 0;
    for (std::size_t i = b; i < e; ++i) m += std::isnan(v[i]) ? 1 : 0;
    cov.missing[static_cast<std::size_t>(c)] = m;
  }
}

// Which channel told running from standing still in the range.
std::string running_basis(const Context& ctx, std::size_t b, std::size_t e) {
  const double* hz = col(ctx.s, Channel::compressor_hz);
  std::int64_t by_hz = 0, by_elec = 0;
  for (std::size_t i = b; i < e; ++i) {
    if (!std::isnan(hz[i])) {
      ++by_hz;
    } else if (ctx.state[i] != 2) {
      ++by_elec;
    }
  }
  const std::string elec = fmt::format("elec_unit > {:.0f} W", ctx.threshold);
  if (by_hz > 0 && by_elec == 0) return "compressor_hz";
  if (by_hz == 0 && by_elec > 0) return elec;
  if (by_hz > 0) {
    return fmt::format("compressor_hz ({} rows), {} ({} rows)", by_hz, elec, by_elec);
  }
  return "unknown (neither compressor_hz nor elec_unit measured)";
}

// The metered energies.
void fill_energies(const Context& ctx, std::size_t b, std::size_t e, Kpis& k) {
  const Series& s = ctx.s;
  if (k.coverage.rows == 0) {
    const std::string why = "no rows";
    k.heat_hp = k.heat_backup = k.elec_unit = k.elec_source = k.elec_backup = k.elec_sink =
        Metric::none(why);
  } else {
    k.heat_hp = energy(s, Channel::heat_hp, b, e);
    k.heat_backup = energy(s, Channel::heat_backup, b, e);
    k.elec_unit = energy(s, Channel::elec_unit, b, e);
    k.elec_source = energy(s, Channel::elec_source, b, e);
    k.elec_backup = energy(s, Channel::elec_backup, b, e);
    k.elec_sink = energy(s, Channel::elec_sink, b, e);
  }
}

// The median of `lengths` (reordered in place); not empty.
double median_of(std::vector<double>& lengths) {
  const std::size_t mid = lengths.size() / 2;
  std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(mid),
                   lengths.end());
  double med = lengths[mid];
  if (lengths.size() % 2 == 0) {
    const double lower =
        *std::max_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(mid));
    med = 0.5 * (med + lower);
  }
  return med;
}

// Running time and the time the running state was known, over [b, e).
struct RunningTime {
  double run_s = 0.0, known_s = 0.0;
};

RunningTime running_time(const Context& ctx, std::size_t b, std::size_t e) {
  RunningTime t;
  for (std::size_t i = b; i < e; ++i) {
    if (ctx.state[i] == 1) t.run_s += ctx.s.dt[i];
    if (ctx.state[i] != 2) t.known_s += ctx.s.dt[i];
  }
  return t;
}

// Running hours, starts (per running hour and per hour) and the complete on-cycles: their
// length histogram and median.
void fill_running_and_cycles(const Context& ctx, std::size_t b, std::size_t e, Kpis& k) {
  const auto [run_s, known_s] = running_time(ctx, b, e);
  if (!(known_s > 0.0)) {
    const std::string unknown = "running state unknown (neither compressor_hz nor elec_unit)";
    k.running_hours = k.starts = k.starts_per_running_hour = k.starts_per_hour =
        Metric::none(unknown);
    return;
  }
  k.running_hours = Metric::of(run_s / 3600.0);
  double starts = 0.0;
  std::vector<double> lengths;
  const auto first =
      std::lower_bound(ctx.cycles.begin(), ctx.cycles.end(), b,
                       [](const Cycle& c, std::size_t row) { return c.begin < row; });
  for (auto it = first; it != ctx.cycles.end() && it->begin < e; ++it) {
    if (it->started) starts += 1.0;
    if (it->complete) lengths.push_back(it->seconds);
  }
  k.starts = Metric::of(starts);
  k.starts_per_running_hour =
      run_s > 0.0 ? Metric::of(starts / (run_s / 3600.0)) : Metric::none("the unit did not run");
  k.starts_per_hour = Metric::of(starts / (known_s / 3600.0));
  k.on_cycles.lower = {0, 5, 10, 20, 30, 60, 120, 240};
  k.on_cycles.weight.assign(k.on_cycles.lower.size(), 0.0);
  for (double len : lengths) {
    const double m = len / 60.0;
    std::size_t bin = 0;
    while (bin + 1 < k.on_cycles.lower.size() && m >= k.on_cycles.lower[bin + 1]) ++bin;
    k.on_cycles.weight[bin] += 1.0;
  }
  k.median_on_cycle = lengths.empty()
                          ? Metric::none("no complete on-cycle (start and stop both seen)")
                          : Metric::of(median_of(lengths));
}

// The defrost sums over a range: time in defrost and running time where defrost was measured,
// heat lost against the last running row without defrost, defrost electricity, heat delivered.
struct DefrostSums {
  double def_s = 0.0, run_meas_s = 0.0, lost = 0.0, def_el = 0.0, delivered = 0.0;
  std::size_t f_rows = 0, loss_rows = 0, el_rows = 0;
};

DefrostSums sum_defrost(const Context& ctx, std::size_t b, std::size_t e) {
  const Series& s = ctx.s;
  const double* f = col(s, Channel::defrost);
  const double* q = col(s, Channel::heat_hp);
  const double* eu = col(s, Channel::elec_unit);
  DefrostSums d;
  double ref_q = 0.0;
  std::int64_t ref_end = std::numeric_limits<std::int64_t>::min();
  // The reference may come from the hour before the range.
  std::size_t start = b;
  while (start > 0 && s.t[b] - s.t[start - 1] <= 3600) --start;
  for (std::size_t i = start; i < e; ++i) {
    const bool in = i >= b;
    const bool run = ctx.state[i] == 1;
    const double fi = f[i];
    if (run && !std::isnan(q[i]) && (std::isnan(fi) || fi <= 0.0)) {
      ref_q = q[i];
      ref_end = s.t[i] + s.dt[i];
    }
    if (!in || std::isnan(fi)) continue;
    ++d.f_rows;
    if (run) {
      d.run_meas_s += s.dt[i];
      d.def_s += std::clamp(fi, 0.0, 1.0) * s.dt[i];
      if (!std::isnan(q[i])) d.delivered += q[i] * s.dt[i];
    }
    if (fi > 0.0) {
      if (!std::isnan(eu[i])) {
        d.def_el += fi * eu[i] * s.dt[i];
        ++d.el_rows;
      }
      if (!std::isnan(q[i]) && s.t[i] - ref_end <= 3600) {
        d.lost += (ref_q - q[i]) * s.dt[i];
        ++d.loss_rows;
      }
    }
  }
  return d;
}

void fill_defrost(const Context& ctx, std::size_t b, std::size_t e, Kpis& k) {
  const DefrostSums d = sum_defrost(ctx, b, e);
  if (d.f_rows == 0) {
    const std::string why = "defrost not measured";
    k.defrost_share = k.defrost_heat_loss = k.defrost_electricity = k.defrost_loss =
        Metric::none(why);
    return;
  }
  k.defrost_share = d.run_meas_s > 0.0 ? Metric::of(d.def_s / d.run_meas_s)
                                       : Metric::none("the unit did not run");
  k.defrost_electricity = d.el_rows > 0 || d.def_s == 0.0
                              ? Metric::of(d.def_el)
                              : Metric::none("elec_unit not measured during defrost");
  if (d.def_s == 0.0) {
    k.defrost_heat_loss = Metric::of(0.0);
    k.defrost_loss = Metric::of(0.0);
  } else if (d.loss_rows == 0) {
    const std::string why =
        "no defrost row with heat_hp measured and a running row without defrost in the "
        "hour before";
    k.defrost_heat_loss = k.defrost_loss = Metric::none(why);
  } else {
    k.defrost_heat_loss = Metric::of(d.lost);
    const double total = d.delivered + d.lost;
    k.defrost_loss =
        total > 0.0 ? Metric::of(d.lost / total) : Metric::none("no heat delivered while running");
  }
}

// The back-up heater's share of the heat, over rows where both heats were metered.
Metric backup_share(const Series& s, std::size_t b, std::size_t e) {
  const double* qhp = col(s, Channel::heat_hp);
  const double* qbu = col(s, Channel::heat_backup);
  double a = 0.0, c = 0.0;
  std::size_t rows = 0;
  for (std::size_t i = b; i < e; ++i) {
    if (std::isnan(qhp[i]) || std::isnan(qbu[i])) continue;
    a += qhp[i] * s.dt[i];
    c += qbu[i] * s.dt[i];
    ++rows;
  }
  if (rows == 0) return Metric::none("heat_backup and heat_hp not measured together");
  if (a + c <= 0.0) return Metric::none("no heat delivered");
  return Metric::of(c / (a + c));
}

// The Carnot and standby sums over a range (the part-load hours go straight into the Kpis).
struct LoadSums {
  double carnot_num = 0.0, carnot_den = 0.0;
  std::size_t carnot_rows = 0;
  double standby_e = 0.0, total_e = 0.0, off_s = 0.0;
  std::size_t e_rows = 0;
};

LoadSums sum_part_load(const Context& ctx, std::size_t b, std::size_t e, bool air, Kpis& k) {
  const Series& s = ctx.s;
  const double* q = col(s, Channel::heat_hp);
  const double* eu = col(s, Channel::elec_unit);
  const double* tf = col(s, Channel::t_flow);
  const double* to = col(s, Channel::t_outdoor);
  const double cap = ctx.unit.rated_capacity;
  if (cap > 0.0) {
    k.part_load.lower.resize(13);
    for (std::size_t j = 0; j < 13; ++j) k.part_load.lower[j] = 0.1 * static_cast<double>(j);
    k.part_load.weight.assign(13, 0.0);
  }
  double carnot_num = 0.0, carnot_den = 0.0;
  std::size_t carnot_rows = 0;
  double standby_e = 0.0, total_e = 0.0, off_s = 0.0;
  std::size_t e_rows = 0;
  for (std::size_t i = b; i < e; ++i) {
    const std::uint8_t st = ctx.state[i];
    if (!std::isnan(eu[i]) && st != 2) {
      total_e += eu[i] * s.dt[i];
      ++e_rows;
      if (st == 0) {
        standby_e += eu[i] * s.dt[i];
        off_s += s.dt[i];
      }
    }
    if (st != 1 || std::isnan(q[i])) continue;
    if (cap > 0.0) {
      const double x = std::max(0.0, q[i] / cap);
      const auto bin = static_cast<std::size_t>(std::min(12.0, std::floor(x * 10.0 + 1e-9)));
      k.part_load.weight[bin] += s.dt[i] / 3600.0;
    }
    if (air && !std::isnan(eu[i]) && eu[i] > 0.0 && q[i] > 0.0 && !std::isnan(tf[i]) &&
        !std::isnan(to[i]) && tf[i] - to[i] >= 5.0) {
      const double carnot = tf[i] / (tf[i] - to[i]);
      const double cop = q[i] / eu[i];
      carnot_num += q[i] * s.dt[i] * (cop / carnot);
      carnot_den += q[i] * s.dt[i];
      ++carnot_rows;
    }
  }
  return {carnot_num, carnot_den, carnot_rows, standby_e, total_e, off_s, e_rows};
}

// Part-load hours, the fraction of the Carnot COP reached, and the standby electricity.
void fill_part_load_carnot_standby(const Context& ctx, std::size_t b, std::size_t e, Kpis& k) {
  const bool air = is_air(ctx.unit);
  const LoadSums l = sum_part_load(ctx, b, e, air, k);
  if (!air) {
    k.carnot_fraction = Metric::none(
        fmt::format("{} unit: the telemetry has no source temperature", ctx.unit.type));
  } else if (l.carnot_rows == 0) {
    k.carnot_fraction = Metric::none(
        "no running row with heat_hp, elec_unit, t_flow and t_outdoor measured (and "
        "t_flow at least 5 K above t_outdoor)");
  } else {
    k.carnot_fraction = Metric::of(l.carnot_num / l.carnot_den);
  }
  if (l.e_rows == 0) {
    k.standby_share = k.mean_standby_power =
        Metric::none("elec_unit not measured with a known running state");
  } else {
    k.standby_share =
        l.total_e > 0.0 ? Metric::of(l.standby_e / l.total_e) : Metric::none("no electricity used");
    k.mean_standby_power = l.off_s > 0.0 ? Metric::of(l.standby_e / l.off_s)
                                         : Metric::none("the unit never stood still");
  }
}

Kpis compute_range(const Context& ctx, std::size_t b, std::size_t e, std::string label) {
  Kpis k;
  k.period = std::move(label);
  if (b < e) {
    k.from = ctx.s.t[b];
    k.to = ctx.s.t[e - 1] + ctx.s.dt[e - 1];
  }
  fill_coverage(ctx, b, e, k);
  k.running_basis = running_basis(ctx, b, e);
  fill_energies(ctx, b, e, k);
  // The SPF at each boundary the unit's meters allow.
  for (Boundary bd : ctx.unit.boundaries()) k.spf.push_back(spf_at(ctx, bd, b, e));
  fill_running_and_cycles(ctx, b, e, k);
  fill_defrost(ctx, b, e, k);
  k.backup_share = backup_share(ctx.s, b, e);
  fill_part_load_carnot_standby(ctx, b, e, k);
  return k;
}

Context make_context(const Series& s, const UnitMeta& unit, const KpiOptions& options) {
  validate(options);
  if (s.dt.size() != s.size() || s.flags.size() != s.size()) {
    throw InvalidInput(fmt::format("series of unit '{}': {} times but {} intervals and {} flags",
                                   unit.id, s.size(), s.dt.size(), s.flags.size()));
  }
  for (const auto& v : s.values) {
    if (v.size() != s.size()) {
      throw InvalidInput(fmt::format("series of unit '{}': a channel has {} values for {} rows",
                                     unit.id, v.size(), s.size()));
    }
  }
  Context ctx{
      s, unit, options, running_state(s, unit, options), {}, standby_threshold(unit, options)};
  ctx.cycles = find_cycles(s, ctx.state);
  return ctx;
}

nlohmann::json metric_json(const Metric& m, double factor = 1.0) {
  nlohmann::json j;
  if (m.value) {
    j["value"] = *m.value * factor;
  } else {
    j["value"] = nullptr;
    j["reason"] = m.reason;
  }
  return j;
}

}  // namespace

void validate(const KpiOptions& o) {
  if (!(o.standby_fraction >= 0.0 && o.standby_fraction < 1.0)) {
    throw InvalidInput(
        fmt::format("standby_fraction: {} is not a fraction in [0, 1)", o.standby_fraction));
  }
  if (!(o.standby_floor >= 0.0 && std::isfinite(o.standby_floor))) {
    throw InvalidInput(
        fmt::format("standby_floor: {} W is not a finite power ≥ 0 W", o.standby_floor));
  }
  if (o.utc_offset < -14 * 3600 || o.utc_offset > 14 * 3600) {
    throw InvalidInput(fmt::format("utc_offset: {} s is not within ±14 h", o.utc_offset));
  }
}

std::string_view to_string(Period p) {
  switch (p) {
    case Period::day: return "day";
    case Period::month: return "month";
    case Period::year: return "year";
    case Period::all: return "all";
  }
  return "?";
}

Period period_from_string(std::string_view text, std::string_view field) {
  if (text == "day") return Period::day;
  if (text == "month") return Period::month;
  if (text == "year") return Period::year;
  if (text == "all") return Period::all;
  throw InvalidInput(
      fmt::format("{}: '{}' is not a period (expected day, month, year or all)", field, text));
}

std::int64_t period_start(std::int64_t t, Period p, std::int64_t off) {
  using namespace std::chrono;
  switch (p) {
    case Period::day: return floor_div(t + off, kDay) * kDay - off;
    case Period::month: {
      const year_month_day d = civil(t, off);
      return to_utc(d.year() / d.month() / day{1}, off);
    }
    case Period::year: {
      const year_month_day d = civil(t, off);
      return to_utc(d.year() / January / day{1}, off);
    }
    case Period::all: return std::numeric_limits<std::int64_t>::min();
  }
  return 0;
}

std::int64_t period_end(std::int64_t t, Period p, std::int64_t off) {
  using namespace std::chrono;
  switch (p) {
    case Period::day: return period_start(t, p, off) + kDay;
    case Period::month: {
      const year_month_day d = civil(t, off);
      const year_month first = d.year() / d.month() + months{1};
      return to_utc(first / day{1}, off);
    }
    case Period::year: {
      const year_month_day d = civil(t, off);
      return to_utc((d.year() + years{1}) / January / day{1}, off);
    }
    case Period::all: return std::numeric_limits<std::int64_t>::max();
  }
  return 0;
}

std::string period_label(std::int64_t t, Period p, std::int64_t off) {
  if (p == Period::all) return "all";
  const std::chrono::year_month_day d = civil(t, off);
  const int y = static_cast<int>(d.year());
  const unsigned m = static_cast<unsigned>(d.month());
  const unsigned dd = static_cast<unsigned>(d.day());
  switch (p) {
    case Period::day: return fmt::format("{:04}-{:02}-{:02}", y, m, dd);
    case Period::month: return fmt::format("{:04}-{:02}", y, m);
    default: return fmt::format("{:04}", y);
  }
}

double standby_threshold(const UnitMeta& unit, const KpiOptions& options) {
  const double rel =
      unit.rated_capacity > 0.0 ? options.standby_fraction * unit.rated_capacity : 0.0;
  return std::max(rel, options.standby_floor);
}

std::vector<std::uint8_t> running_state(const Series& s, const UnitMeta& unit,
                                        const KpiOptions& options) {
  const double thr = standby_threshold(unit, options);
  const std::size_t n = s.size();
  std::vector<std::uint8_t> out(n, 2);
  const double* hz = col(s, Channel::compressor_hz);
  const double* eu = col(s, Channel::elec_unit);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isnan(hz[i])) {
      out[i] = hz[i] > 0.0 ? 1 : 0;
    } else if (!std::isnan(eu[i])) {
      out[i] = eu[i] > thr ? 1 : 0;
    }
  }
  return out;
}

IntervalCop interval_cop(const Series& s, const UnitMeta& unit, const KpiOptions& options) {
  const std::vector<std::uint8_t> state = running_state(s, unit, options);
  const double* q = col(s, Channel::heat_hp);
  const double* eu = col(s, Channel::elec_unit);
  IntervalCop out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (state[i] != 1 || std::isnan(q[i]) || std::isnan(eu[i]) || eu[i] <= 0.0) continue;
    out.row.push_back(i);
    out.cop.push_back(q[i] / eu[i]);
  }
  return out;
}

Kpis compute_kpis(const Series& series, const UnitMeta& unit, const KpiOptions& options) {
  const Context ctx = make_context(series, unit, options);
  return compute_range(ctx, 0, series.size(), "all");
}

std::vector<Kpis> kpis_by_period(const Series& series, const UnitMeta& unit, Period period,
                                 const KpiOptions& options) {
  const Context ctx = make_context(series, unit, options);
  std::vector<Kpis> out;
  if (period == Period::all) {
    if (!series.empty()) out.push_back(compute_range(ctx, 0, series.size(), "all"));
    return out;
  }
  std::size_t b = 0;
  const std::size_t n = series.size();
  while (b < n) {
    const std::int64_t end = period_end(series.t[b], period, options.utc_offset);
    std::size_t e = b;
    while (e < n && series.t[e] < end) ++e;
    out.push_back(compute_range(ctx, b, e, period_label(series.t[b], period, options.utc_offset)));
    b = e;
  }
  return out;
}

nlohmann::json to_json(const Kpis& k) {
  constexpr double kWh = 1.0 / 3.6e6;
  constexpr double h = 1.0 / 3600.0;
  nlohmann::json j;
  j["period"] = k.period;
  j["from"] = k.from;
  j["to"] = k.to;
  nlohmann::json cov;
  cov["rows"] = k.coverage.rows;
  cov["hours"] = k.coverage.seconds * h;
  cov["flagged_rows"] = k.coverage.flagged;
  cov["running_unknown_rows"] = k.coverage.running_unknown;
  nlohmann::json missing = nlohmann::json::object();
  for (Channel c : all_channels()) {
    missing[std::string(to_string(c))] = k.coverage.missing[static_cast<std::size_t>(c)];
  }
  cov["missing"] = missing;
  j["coverage"] = cov;
  j["running_basis"] = k.running_basis;
  nlohmann::json en;
  en["heat_hp_kWh"] = metric_json(k.heat_hp, kWh);
  en["heat_backup_kWh"] = metric_json(k.heat_backup, kWh);
  en["elec_unit_kWh"] = metric_json(k.elec_unit, kWh);
  en["elec_source_kWh"] = metric_json(k.elec_source, kWh);
  en["elec_backup_kWh"] = metric_json(k.elec_backup, kWh);
  en["elec_sink_kWh"] = metric_json(k.elec_sink, kWh);
  j["energy"] = en;
  nlohmann::json spf = nlohmann::json::array();
  for (const SpfAt& a : k.spf) {
    nlohmann::json x = metric_json(a.spf);
    x["boundary"] = std::string(to_string(a.boundary));
    x["heat_kWh"] = a.heat * kWh;
    x["electricity_kWh"] = a.electricity * kWh;
    x["rows"] = a.rows;
    spf.push_back(x);
  }
  j["spf"] = spf;
  j["running_hours"] = metric_json(k.running_hours);
  j["starts"] = metric_json(k.starts);
  j["starts_per_running_hour"] = metric_json(k.starts_per_running_hour);
  j["starts_per_hour"] = metric_json(k.starts_per_hour);
  j["median_on_cycle_min"] = metric_json(k.median_on_cycle, 1.0 / 60.0);
  j["on_cycles_min"] = {{"lower", k.on_cycles.lower}, {"count", k.on_cycles.weight}};
  j["defrost_share"] = metric_json(k.defrost_share);
  j["defrost_heat_loss_kWh"] = metric_json(k.defrost_heat_loss, kWh);
  j["defrost_electricity_kWh"] = metric_json(k.defrost_electricity, kWh);
  j["defrost_loss"] = metric_json(k.defrost_loss);
  j["backup_share"] = metric_json(k.backup_share);
  if (k.part_load.lower.empty()) {
    j["part_load"] = {{"value", nullptr}, {"reason", "no rated capacity"}};
  } else {
    j["part_load"] = {{"lower", k.part_load.lower}, {"hours", k.part_load.weight}};
  }
  j["carnot_fraction"] = metric_json(k.carnot_fraction);
  j["standby_share"] = metric_json(k.standby_share);
  j["mean_standby_power_W"] = metric_json(k.mean_standby_power);
  return j;
}

}  // namespace heatlift::operations
