#include "heatlift/operations/findings.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/demand/building.hpp"
#include "heatlift/equipment/defrost.hpp"
#include "heatlift/operations/kpi.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::operations {
namespace {

constexpr std::array<FindingCode, kFindingCodes> kCodes = {
    FindingCode::short_cycling,    FindingCode::curve_too_high,  FindingCode::excessive_defrost,
    FindingCode::backup_overuse,   FindingCode::low_delta_t,     FindingCode::oversized,
    FindingCode::meter_heat_stuck, FindingCode::meter_heat_high, FindingCode::meter_elec_missing,
    FindingCode::degradation};

constexpr std::string_view kCatalogue = "i18n/findings.toml";
constexpr std::array<std::string_view, 3> kParts = {"title", "diagnosis", "action"};
constexpr double kRhoCp = 4.15e6;  // J/(m³·K), water at 30–50 °C
// K: the map must hold this far colder and hotter than the measured point before the heat
// pump counts as able to run there (sensor noise at the edge of its envelope).
constexpr double kMapMargin = 1.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool ok(double v) {
  return !std::isnan(v);
}

// The emitter design flow temperature (demand::emitter_design) of UnitMeta::emitters.
std::optional<double> emitter_supply(std::string_view emitters) {
  if (emitters == "floor") return demand::emitter_design(demand::Emitter::floor_heating).t_supply;
  if (emitters == "radiators") return demand::emitter_design(demand::Emitter::radiator).t_supply;
  if (emitters == "fan-coils") return demand::emitter_design(demand::Emitter::fan_coil).t_supply;
  return std::nullopt;
}

std::string iso_utc(std::int64_t t) {
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t secs = t - days * 86400;
  // civil_from_days (proleptic Gregorian)
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", y, m, d, secs / 3600,
                     secs / 60 % 60, secs % 60);
}

std::string format_value(double v) {
  if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e9) return fmt::format("{:.0f}", v);
  const double a = std::abs(v);
  if (a >= 100) return fmt::format("{:.0f}", v);
  if (a >= 10) return fmt::format("{:.1f}", v);
  return fmt::format("{:.2f}", v);
}

// A rule's result in one month: its evidence and how bad it is (larger = worse).
struct Hit {
  std::size_t month = 0;
  double score = 0.0;
  Severity severity = Severity::warning;
  std::vector<Evidence> evidence;
};

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

Finding merge(FindingCode code, const UnitMeta& unit, const std::vector<Month>& months,
              const std::vector<Hit>& hits, std::int64_t utc_offset) {
  Finding f;
  f.code = code;
  f.unit = unit.id;
  f.emitters = unit.emitters;
  const Hit* worst = &hits.front();
  for (const Hit& h : hits) {
    if (h.score > worst->score) worst = &h;
  }
  f.severity = worst->severity;
  f.evidence = worst->evidence;
  const Month& a = months[hits.front().month];
  const Month& b = months[hits.back().month];
  f.from = a.first;
  f.to = b.last_end;
  const std::string la = period_label(a.first, Period::month, utc_offset);
  const std::string lb = period_label(b.first, Period::month, utc_offset);
  f.period = la == lb ? la : fmt::format("{} … {}", la, lb);
  f.evidence.push_back({"months_flagged", static_cast<double>(hits.size()), "months"});
  return f;
}

}  // namespace

std::string_view to_string(FindingCode code) {
  switch (code) {
    case FindingCode::short_cycling: return "short_cycling";
    case FindingCode::curve_too_high: return "curve_too_high";
    case FindingCode::excessive_defrost: return "excessive_defrost";
    case FindingCode::backup_overuse: return "backup_overuse";
    case FindingCode::low_delta_t: return "low_delta_t";
    case FindingCode::oversized: return "oversized";
    case FindingCode::meter_heat_stuck: return "meter_heat_stuck";
    case FindingCode::meter_heat_high: return "meter_heat_high";
    case FindingCode::meter_elec_missing: return "meter_elec_missing";
    case FindingCode::degradation: return "degradation";
  }
  return "?";
}

std::optional<FindingCode> finding_code_from_string(std::string_view name) {
  for (FindingCode c : kCodes) {
    if (to_string(c) == name) return c;
  }
  return std::nullopt;
}

const std::array<FindingCode, kFindingCodes>& all_finding_codes() {
  return kCodes;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::critical: return "critical";
  }
  return "?";
}

Language language_from_string(std::string_view text, std::string_view field) {
  if (text == "zh") return Language::zh;
  if (text == "en") return Language::en;
  throw InvalidInput(fmt::format("{}: '{}' is not a language; expected zh or en", field, text));
}

std::optional<double> Finding::value(std::string_view name) const {
  for (const Evidence& e : evidence) {
    if (e.name == name) return e.value;
  }
  return std::nullopt;
}

// ---- catalogue -------------------------------------------------------------------------

FindingCatalogue FindingCatalogue::parse(std::string_view text, std::string_view file) {
  const core::ConfigDocument doc = core::ConfigDocument::from_text(text, std::string(file));
  FindingCatalogue c;
  const auto read_leaf = [&](const toml::node& node, const std::string& key) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      throw InvalidInput(fmt::format("{}: {}: expected {{ zh = \"...\", en = \"...\" }}",
                                     core::where(node.source(), file), key));
    }
    std::array<std::string, 2> texts;
    for (int l = 0; l < 2; ++l) {
      const std::string_view lang = l == 0 ? "zh" : "en";
      const toml::node* v = t->get(lang);
      if (v == nullptr || !v->is_string() || v->as_string()->get().empty()) {
        throw InvalidInput(
            fmt::format("{}: {}: the {} text is missing; every entry needs zh and en",
                        core::where(t->source(), file), key, lang));
      }
      texts[static_cast<std::size_t>(l)] = v->as_string()->get();
    }
    for (auto&& [k, v] : *t) {
      if (k.str() != "zh" && k.str() != "en") {
        throw InvalidInput(fmt::format("{}: {}: unknown language '{}'; expected zh and en",
                                       core::where(k.source(), file), key, k.str()));
      }
    }
    c.text_[key] = std::move(texts);
  };
  for (auto&& [section, node] : doc.root()) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      throw InvalidInput(
          fmt::format("{}: {}: expected a table", core::where(node.source(), file), section.str()));
    }
    if (section.str() == "finding") {
      for (auto&& [code, entry] : *t) {
        if (!finding_code_from_string(code.str())) {
          throw InvalidInput(fmt::format("{}: finding.{}: not a finding code",
                                         core::where(code.source(), file), code.str()));
        }
        const toml::table* e = entry.as_table();
        for (std::string_view part : kParts) {
          const std::string key = fmt::format("finding.{}.{}", code.str(), part);
          const toml::node* n = e ? e->get(part) : nullptr;
          if (n == nullptr) {
            throw InvalidInput(
                fmt::format("{}: {}: missing", core::where(entry.source(), file), key));
          }
          read_leaf(*n, key);
        }
      }
    } else {
      for (auto&& [k, v] : *t) read_leaf(v, fmt::format("{}.{}", section.str(), k.str()));
    }
  }
  for (FindingCode code : kCodes) {
    if (!c.text_.contains(fmt::format("finding.{}.title", to_string(code)))) {
      throw InvalidInput(fmt::format("{}: finding.{}: missing", file, to_string(code)));
    }
  }
  for (Severity s : {Severity::info, Severity::warning, Severity::critical}) {
    if (!c.text_.contains(fmt::format("severity.{}", to_string(s)))) {
      throw InvalidInput(fmt::format("{}: severity.{}: missing", file, to_string(s)));
    }
  }
  return c;
}

FindingCatalogue FindingCatalogue::load(const core::DataStore& data) {
  return parse(data.read(kCatalogue), kCatalogue);
}

const std::string& FindingCatalogue::severity(Severity severity, Language lang) const {
  return text_.at(fmt::format("severity.{}", to_string(severity)))[static_cast<std::size_t>(lang)];
}

std::string FindingCatalogue::phrase(std::string_view key, Language lang, std::size_t units) const {
  const auto it = text_.find(key);
  if (it == text_.end()) throw DataMissing(fmt::format("{}: {}: no such text", kCatalogue, key));
  std::string s = it->second[static_cast<std::size_t>(lang)];
  const std::size_t at = s.find("{units}");
  if (at != std::string::npos) s.replace(at, 7, std::to_string(units));
  return s;
}

std::string FindingCatalogue::text(const Finding& finding, std::string_view part,
                                   Language lang) const {
  const auto it = text_.find(fmt::format("finding.{}.{}", to_string(finding.code), part));
  if (it == text_.end()) {
    throw DataMissing(
        fmt::format("{}: finding.{}.{}: no such text", kCatalogue, to_string(finding.code), part));
  }
  const std::string& tmpl = it->second[static_cast<std::size_t>(lang)];
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') {
      out += tmpl[i];
      continue;
    }
    const std::size_t close = tmpl.find('}', i);
    if (close == std::string::npos) {
      out += tmpl.substr(i);
      break;
    }
    const std::string_view name(tmpl.data() + i + 1, close - i - 1);
    if (name == "emitters") {
      const auto e = text_.find(fmt::format(
          "emitters.{}", finding.emitters.empty() ? std::string("unknown") : finding.emitters));
      out += e != text_.end() ? e->second[static_cast<std::size_t>(lang)] : finding.emitters;
    } else if (const auto v = finding.value(name)) {
      out += format_value(*v);
    } else {
      out += "?";
    }
    i = close;
  }
  return out;
}

// ---- options ---------------------------------------------------------------------------

void validate(const FindingOptions& o) {
  const auto require = [](bool good, std::string_view field, double value, std::string_view what) {
    if (!good) {
      throw InvalidInput(fmt::format("findings: {} = {}: expected {}", field, value, what));
    }
  };
  require(o.min_on_cycle > 0, "min_on_cycle", o.min_on_cycle, "a time > 0 s");
  require(o.min_cycles >= 1, "min_cycles", o.min_cycles, "a count ≥ 1");
  require(o.max_starts_per_hour > 0, "max_starts_per_hour", o.max_starts_per_hour,
          "a rate > 0 per hour");
  require(o.curve_excess > 0, "curve_excess", o.curve_excess, "a temperature difference > 0 K");
  require(o.curve_t_room > 250 && o.curve_t_room < 310, "curve_t_room", o.curve_t_room,
          "a temperature 250 … 310 K");
  require(o.defrost_ratio >= 1, "defrost_ratio", o.defrost_ratio, "a ratio ≥ 1");
  require(o.defrost_margin >= 0 && o.defrost_margin < 1, "defrost_margin", o.defrost_margin,
          "a share in [0, 1)");
  require(o.backup_share > 0 && o.backup_share < 1, "backup_share", o.backup_share,
          "a share in (0, 1)");
  require(o.full_speed > 0 && o.full_speed <= 1, "full_speed", o.full_speed,
          "a fraction in (0, 1]");
  require(o.min_delta_t > 0, "min_delta_t", o.min_delta_t, "a temperature difference > 0 K");
  require(o.oversize_ratio > 1, "oversize_ratio", o.oversize_ratio, "a ratio > 1");
  require(o.oversize_min_days >= 3, "oversize_min_days", o.oversize_min_days, "a count ≥ 3");
  require(o.stuck_share > 0 && o.stuck_share <= 1, "stuck_share", o.stuck_share,
          "a share in (0, 1]");
  require(o.stuck_min_rows >= 2, "stuck_min_rows", o.stuck_min_rows, "a count ≥ 2");
  require(o.carnot_fraction > 0 && o.carnot_fraction <= 1, "carnot_fraction", o.carnot_fraction,
          "a fraction in (0, 1]");
  require(o.balance_high > 1, "balance_high", o.balance_high, "a ratio > 1");
  require(o.balance_consistent > 0 && o.balance_consistent < 1, "balance_consistent",
          o.balance_consistent, "a share in (0, 1)");
  require(o.residual_high > 0, "residual_high", o.residual_high, "a share > 0");
  require(o.degradation_k > 0, "degradation_k", o.degradation_k, "a factor > 0");
  require(o.degradation_min_drop > 0, "degradation_min_drop", o.degradation_min_drop,
          "a share > 0");
  require(o.degradation_months >= 1, "degradation_months", o.degradation_months, "a count ≥ 1");
  require(o.baseline_min_months >= 2, "baseline_min_months", o.baseline_min_months, "a count ≥ 2");
  validate(o.expected);
}

// ---- the rules -------------------------------------------------------------------------

Diagnosis diagnose(const Series& s, const UnitMeta& unit, const UnitContext& ctx,
                   const FindingOptions& o) {
  validate(o);
  Diagnosis out;
  const std::size_t n = s.size();
  if (n == 0) {
    for (FindingCode c : kCodes) out.skipped.push_back({c, "no rows"});
    return out;
  }
  const std::int64_t off = o.expected.kpi.utc_offset;
  const std::vector<std::uint8_t> running = running_state(s, unit, o.expected.kpi);
  const auto& hz = s[Channel::compressor_hz];
  const auto& q_hp = s[Channel::heat_hp];
  const auto& q_bu = s[Channel::heat_backup];
  const auto& e_unit = s[Channel::elec_unit];
  const auto& t_flow = s[Channel::t_flow];
  const auto& t_ret = s[Channel::t_return];
  const auto& t_out = s[Channel::t_outdoor];
  const auto& rh = s[Channel::rh_outdoor];
  const auto& flow = s[Channel::flow_rate];
  const auto& defrost = s[Channel::defrost];
  const bool air =
      unit.type.empty() || unit.type == "air-water" ||
      (ctx.model && ctx.model->map && ctx.model->map->source_kind() == equipment::SourceKind::air);
  const bool has_hz = s.has(Channel::compressor_hz);

  // Months and days of the rows.
  std::vector<Month> months;
  std::vector<std::size_t> month_of(n);
  struct Day {
    std::int64_t start = 0;
    std::size_t month = 0;
    int running = 0, stuck = 0;
    int rows = 0, frozen = 0;  // rows with heat measured; equal to the last, not zero
    double seconds = 0, heat = 0, t_sum = 0;
  };
  std::vector<Day> days;
  std::vector<std::size_t> day_of(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t t = s.t[i];
    if (months.empty() || t >= months.back().end) {
      Month m;
      m.start = period_start(t, Period::month, off);
      m.end = period_end(t, Period::month, off);
      m.first = t;
      months.push_back(std::move(m));
    }
    months.back().last_end = t + s.dt[i];
    month_of[i] = months.size() - 1;
    if (days.empty() || t >= days.back().start + 86400) {
      days.push_back({period_start(t, Period::day, off), months.size() - 1});
    }
    day_of[i] = days.size() - 1;
  }

  // Pass 1: a heat meter that does not move (or reads zero) while the compressor runs.
  for (std::size_t i = 0; i < n; ++i) {
    Day& d = days[day_of[i]];
    if (ok(q_hp[i])) {
      ++d.rows;
      if (i > 0 && q_hp[i] == q_hp[i - 1] && q_hp[i] != 0.0) ++d.frozen;
    }
    if (running[i] != 1) continue;
    ++d.running;
    const double q = q_hp[i];
    const bool in_defrost = ok(defrost[i]) && defrost[i] > 0;
    if (!ok(q)) continue;
    if ((i > 0 && q == q_hp[i - 1]) || (q <= 0 && !in_defrost)) ++d.stuck;
  }
  std::vector<std::uint8_t> stuck_day(days.size(), 0);
  for (std::size_t k = 0; k < days.size(); ++k) {
    const Day& d = days[k];
    // Stuck while running, or frozen at a non-zero value the whole day (a day the compressor
    // hardly ran: a live meter reads 0 while nothing flows, never the same heat rate all day).
    const bool stuck_running =
        d.running >= o.stuck_min_rows &&
        static_cast<double>(d.stuck) >= o.stuck_share * static_cast<double>(d.running);
    const bool frozen = d.rows >= 2 * o.stuck_min_rows && d.frozen >= d.rows - 1;
    if (stuck_running || frozen) {
      stuck_day[k] = 1;
      months[d.month].stuck = true;
    }
  }

  // The unit's top speed and its map.
  double hz_top = 0;
  if (has_hz) {
    for (double v : hz) {
      if (ok(v)) hz_top = std::max(hz_top, v);
    }
  }
  const equipment::PerformanceMap* map =
      ctx.model && ctx.model->map ? ctx.model->map.get() : nullptr;
  const double scale = ctx.model ? ctx.model->scale : 1.0;
  const std::optional<double> t_sup_design = emitter_supply(unit.emitters);
  site::Compensation curve;
  curve.t_room = o.curve_t_room;
  curve.t_supply_min = o.curve_t_supply_min;
  if (ctx.t_out_design) curve.t_out_design = *ctx.t_out_design;

  // Pass 2: the months' sums, the rows of stuck days left out.
  double cycle_len = 0;
  bool in_cycle = false, cycle_seen_start = false;
  std::int64_t last_start_hour = INT64_MIN;
  std::size_t cycle_month = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool contiguous = i > 0 && s.t[i] == s.t[i - 1] + s.dt[i - 1];
    const double dt = s.dt[i];
    Month& m = months[month_of[i]];
    const bool run = running[i] == 1;
    // On-cycles: from an off row to the next off row, without gaps or unknown rows.
    if (!contiguous || running[i] == 2) {
      in_cycle = false;
      cycle_seen_start = false;
    }
    if (run) {
      if (!in_cycle) {
        in_cycle = true;
        cycle_seen_start = contiguous && running[i - 1] == 0;
        if (cycle_seen_start) {
          m.starts += 1;
          const std::int64_t hour = s.t[i] / 3600;
          if (hour != last_start_hour) m.start_hours += 1;
          last_start_hour = hour;
        }
        cycle_len = 0;
        cycle_month = month_of[i];
      }
      cycle_len += dt;
    } else if (running[i] == 0) {
      if (in_cycle && cycle_seen_start) months[cycle_month].cycles.push_back(cycle_len);
      in_cycle = false;
      cycle_seen_start = true;
    }
    // Heat sums of each day (energy signature), every day.
    Day& d = days[day_of[i]];
    if (ok(t_out[i])) {
      const double qh = (ok(q_hp[i]) ? q_hp[i] : 0.0) + (ok(q_bu[i]) ? q_bu[i] : 0.0);
      d.heat += qh * dt;
      d.t_sum += t_out[i] * dt;
      d.seconds += dt;
    }
    if (stuck_day[day_of[i]]) continue;
    const double q = q_hp[i];
    if (ok(q)) m.q_hp += std::max(q, 0.0) * dt;
    if (ok(q_bu[i]) && q_bu[i] > 0) {
      m.q_bu += q_bu[i] * dt;
      // Avoidable: the heat pump was below full speed and could have run here.
      bool spare = false;
      if (has_hz && ok(hz[i]) && hz_top > 0) {
        spare = hz[i] < o.full_speed * hz_top;
        if (spare && map != nullptr && ok(t_out[i]) && ok(t_flow[i]) && air) {
          const equipment::MapPoint p = map->at(t_out[i] - kMapMargin, t_flow[i] + kMapMargin, 1.0);
          spare = p.valid && p.capacity > 0;
        }
      } else if (map != nullptr && ok(t_out[i]) && ok(t_flow[i]) && air && ok(q)) {
        const equipment::MapPoint p = map->at(t_out[i] - kMapMargin, t_flow[i] + kMapMargin, 1.0);
        spare = p.valid && q < o.full_speed * p.capacity * scale;
      }
      if (spare) m.q_bu_avoidable += q_bu[i] * dt;
    }
    if (!run) continue;
    m.run_s += dt;
    const bool in_defrost = ok(defrost[i]) && defrost[i] > 0;
    // Curve: flow temperature above the emitters' curve, heat-weighted.
    if (ctx.t_out_design && t_sup_design && ok(q) && q > 0 && ok(t_flow[i]) && ok(t_out[i])) {
      const double need = curve.supply(t_out[i], *t_sup_design);
      m.curve_q += q * dt;
      m.curve_qx += q * dt * (t_flow[i] - need);
    }
    // Defrost against the frosting model.
    if (air && ok(defrost[i]) && ok(t_out[i])) {
      m.def_run_s += dt;
      m.def_s += defrost[i] * dt;
      if (t_out[i] <= o.expected.defrost_model.max_outdoor_temperature) {
        m.cold_run_s += dt;
        if (ok(rh[i])) {
          const equipment::DefrostFactors f = equipment::defrost_factors(
              t_out[i], std::clamp(rh[i], 0.0, 1.0), o.expected.defrost_model);
          m.def_expected_s += f.defrost_time_fraction * dt;
        }
      }
    }
    // Flow while running.
    if (ok(flow[i]) && flow[i] > 0) {
      m.flow_sum += flow[i];
      m.flow_n += 1;
    }
    if (in_defrost || !ok(q) || q <= 0) continue;
    // Carnot: T_flow / (T_flow − T_source), air source only (the telemetry has no brine
    // temperature); rows closer than 5 K left out.
    if (air && ok(t_flow[i]) && ok(t_out[i]) && ok(e_unit[i]) && e_unit[i] > 0 &&
        t_flow[i] - t_out[i] >= 5.0) {
      const double cop_c = t_flow[i] / (t_flow[i] - t_out[i]);
      m.carnot_q += q * dt;
      m.carnot_max += e_unit[i] * cop_c * dt;
      if (q / e_unit[i] > cop_c) m.above_carnot_s += dt;
    }
    // Heat balance: the meter against ρ·c_p·V̇·ΔT.
    if (ok(flow[i]) && flow[i] > 0 && ok(t_flow[i]) && ok(t_ret[i])) {
      m.bal_meter += q * dt;
      m.bal_calc += kRhoCp * flow[i] * (t_flow[i] - t_ret[i]) * dt;
    }
  }

  // Expected performance (the residual), when there is a map.
  std::optional<ExpectedResult> expected;
  std::string expected_why;
  if (ctx.model != nullptr && ctx.model->map) {
    try {
      expected = expected_performance(s, unit, *ctx.model, o.expected);
    } catch (const InvalidInput& e) {
      expected_why = e.what();
    }
  } else {
    expected_why = "no performance map for the unit";
  }
  std::vector<double> month_residual(months.size(), kNaN);
  std::vector<std::uint8_t> month_in_trend(months.size(), 0);
  if (expected) {
    for (const MonthResidual& r : expected->months) {
      for (std::size_t k = 0; k < months.size(); ++k) {
        if (r.from >= months[k].start && r.from < months[k].end) {
          month_residual[k] = r.residual;
          month_in_trend[k] = r.in_trend ? 1 : 0;
        }
      }
    }
  }

  std::array<std::vector<Hit>, kFindingCodes> hits;
  const auto add = [&](FindingCode c, Hit h) {
    hits[static_cast<std::size_t>(c)].push_back(std::move(h));
  };
  bool any_cycles = false, any_curve = false, any_defrost = false, any_flow = false;
  bool any_backup = false, any_meter = false;
  for (std::size_t k = 0; k < months.size(); ++k) {
    Month& m = months[k];
    // Short cycling.
    if (static_cast<int>(m.cycles.size()) >= o.min_cycles) {
      any_cycles = true;
      auto mid = m.cycles.begin() + static_cast<std::ptrdiff_t>(m.cycles.size() / 2);
      std::nth_element(m.cycles.begin(), mid, m.cycles.end());
      const double median = *mid;
      const double per_hour = m.start_hours > 0 ? m.starts / m.start_hours : 0.0;
      if (median < o.min_on_cycle || per_hour > o.max_starts_per_hour) {
        add(FindingCode::short_cycling,
            {k,
             std::max(o.min_on_cycle / median, per_hour / o.max_starts_per_hour),
             median < 0.5 * o.min_on_cycle ? Severity::critical : Severity::warning,
             {{"median_on_cycle", median / 60.0, "min"},
              {"cycles", static_cast<double>(m.cycles.size()), "1"},
              {"starts_per_cycling_hour", per_hour, "1/h"},
              {"threshold", o.min_on_cycle / 60.0, "min"}}});
      }
    }
    // Curve.
    if (m.curve_q > 0 && m.run_s >= 10 * 3600.0) {
      any_curve = true;
      const double excess = m.curve_qx / m.curve_q;
      if (excess > o.curve_excess) {
        add(FindingCode::curve_too_high,
            {k,
             excess,
             excess > 2 * o.curve_excess ? Severity::critical : Severity::warning,
             {{"excess", excess, "K"}, {"threshold", o.curve_excess, "K"}}});
      }
    }
    // Defrost.
    if (m.cold_run_s >= o.defrost_min_hours * 3600.0 && m.def_run_s > 0) {
      any_defrost = true;
      const double share = m.def_s / m.def_run_s;
      const double expect = m.def_expected_s / m.def_run_s;
      if (share > o.defrost_ratio * expect && share > expect + o.defrost_margin) {
        add(FindingCode::excessive_defrost, {k,
                                             share - expect,
                                             Severity::warning,
                                             {{"defrost_share", 100 * share, "%"},
                                              {"expected_share", 100 * expect, "%"},
                                              {"running_hours", m.def_run_s / 3600.0, "h"}}});
      }
    }
    // Back-up.
    const double heat = m.q_hp + m.q_bu;
    if (heat > 0 && (has_hz || map != nullptr)) {
      any_backup = true;
      const double share = m.q_bu_avoidable / heat;
      if (share > o.backup_share) {
        add(FindingCode::backup_overuse,
            {k,
             share,
             share > 4 * o.backup_share ? Severity::critical : Severity::warning,
             {{"avoidable_share", 100 * share, "%"},
              {"avoidable_heat", m.q_bu_avoidable / 3.6e6, "kWh"},
              {"backup_share", 100 * m.q_bu / heat, "%"}}});
      }
    }
    // ΔT at rated capacity from the measured flow.
    if (m.flow_n >= 60 && unit.rated_capacity > 0) {
      any_flow = true;
      const double v = m.flow_sum / m.flow_n;
      const double dt_rated = unit.rated_capacity / (kRhoCp * v);
      if (dt_rated < o.min_delta_t) {
        add(FindingCode::low_delta_t, {k,
                                       o.min_delta_t / dt_rated,
                                       Severity::warning,
                                       {{"flow", v * 3600.0, "m3/h"},
                                        {"delta_t_rated", dt_rated, "K"},
                                        {"threshold", o.min_delta_t, "K"}}});
      }
    }
    // Meters: heat beyond physics, or beyond the circuit's own flow × ΔT.
    if (m.stuck) continue;
    const double balance = m.bal_calc > 0 ? m.bal_meter / m.bal_calc : kNaN;
    const bool have_balance = m.bal_calc > 0 && m.run_s >= 10 * 3600.0;
    const bool have_carnot = m.carnot_max > 0 && m.run_s >= 10 * 3600.0;
    if (have_balance || have_carnot) any_meter = true;
    const double eta = have_carnot ? m.carnot_q / m.carnot_max : kNaN;
    const bool over_carnot = have_carnot && eta > o.carnot_fraction;
    const bool meter_high = have_balance ? (balance > o.balance_high ||
                                            (over_carnot && balance > 1 + o.balance_consistent))
                                         : over_carnot;
    if (meter_high) {
      std::vector<Evidence> ev = {{"carnot_fraction", have_carnot ? 100 * eta : 0.0, "%"},
                                  {"above_carnot_hours", m.above_carnot_s / 3600.0, "h"}};
      if (have_balance) ev.push_back({"balance_ratio", balance, "1"});
      add(FindingCode::meter_heat_high, {k, have_balance ? balance : eta, Severity::critical, ev});
    }
    // Electricity under-read: COP far above the map with the heat meter confirmed.
    if (expected && month_in_trend[k] && ok(month_residual[k]) && have_balance &&
        std::abs(balance - 1) <= o.balance_consistent && month_residual[k] > o.residual_high) {
      add(FindingCode::meter_elec_missing,
          {k,
           month_residual[k],
           Severity::critical,
           {{"residual", 100 * month_residual[k], "%"}, {"balance_ratio", balance, "1"}}});
    }
  }
  // Stuck heat meter: the flagged days.
  {
    std::vector<Hit> h;
    for (std::size_t k = 0; k < months.size(); ++k) {
      int nd = 0, rows = 0, stuck = 0;
      for (std::size_t j = 0; j < days.size(); ++j) {
        if (days[j].month != k || !stuck_day[j]) continue;
        ++nd;
        rows += days[j].running;
        stuck += days[j].stuck;
      }
      if (nd > 0) {
        h.push_back({k,
                     static_cast<double>(nd),
                     Severity::critical,
                     {{"stuck_share", 100.0 * stuck / std::max(rows, 1), "%"},
                      {"days", static_cast<double>(nd), "d"}}});
      }
    }
    // The evidence names all stuck days, not only the worst month's.
    double total = 0;
    for (const Hit& x : h) total += x.score;
    for (Hit& x : h) {
      x.evidence[1].value = total;
      add(FindingCode::meter_heat_stuck, std::move(x));
    }
  }

  // Oversizing: the energy signature of the heating days, extrapolated to the design day.
  std::optional<Finding> oversized;
  std::string oversized_why;
  if (!ctx.t_out_design) {
    oversized_why = "no design outdoor temperature for the unit's place";
  } else if (map == nullptr || !air) {
    oversized_why = "no air-source performance map for the unit";
  } else {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int nd = 0;
    std::int64_t first = 0, last = 0;
    for (std::size_t j = 0; j < days.size(); ++j) {
      const Day& d = days[j];
      if (stuck_day[j] || d.seconds < 0.9 * 86400) continue;
      const double t = d.t_sum / d.seconds;
      if (t > core::kZeroCelsius + 10.0) continue;
      const double q = d.heat / d.seconds;
      if (nd == 0) first = d.start;
      last = d.start + 86400;
      sx += t;
      sy += q;
      sxx += t * t;
      sxy += t * q;
      ++nd;
    }
    const double den = nd * sxx - sx * sx;
    if (nd < o.oversize_min_days || den <= 0) {
      oversized_why = fmt::format("{} heating days with full data; the signature needs {}", nd,
                                  o.oversize_min_days);
    } else {
      const double b = (nd * sxy - sx * sy) / den;
      const double a = (sy - b * sx) / nd;
      const double load = a + b * *ctx.t_out_design;
      const double t_sup = t_sup_design.value_or(323.15);
      // Where the unit gives nothing at the design point, its capacity at the coldest
      // source temperature of its map where it does (below it the back-up carries the load).
      double t_cap = *ctx.t_out_design;
      double cap = map->at(t_cap, t_sup, 1.0).capacity;
      if (cap <= 0) {
        for (double t : map->axes().t_source) {
          if (t > t_cap && map->at(t, t_sup, 1.0).capacity > 0) {
            t_cap = t;
            cap = map->at(t, t_sup, 1.0).capacity;
            break;
          }
        }
      }
      cap *= scale;
      if (load <= 0 || b >= 0) {
        oversized_why = "the heat does not rise as it gets colder (no heating signature)";
      } else if (cap / load > o.oversize_ratio) {
        Finding f;
        f.code = FindingCode::oversized;
        f.unit = unit.id;
        f.emitters = unit.emitters;
        f.from = first;
        f.to = last;
        f.period = fmt::format("{} … {}", period_label(first, Period::month, off),
                               period_label(last - 1, Period::month, off));
        f.severity = cap / load > 1.5 * o.oversize_ratio ? Severity::warning : Severity::info;
        f.evidence = {{"capacity_design", cap / 1000.0, "kW"},
                      {"design_load", load / 1000.0, "kW"},
                      {"ratio", cap / load, "1"},
                      {"t_design", *ctx.t_out_design - core::kZeroCelsius, "°C"},
                      {"days", static_cast<double>(nd), "d"}};
        oversized = std::move(f);
      }
    }
  }

  // Degradation: the residual against the unit's own first season.
  std::optional<Finding> degraded;
  std::string degraded_why;
  if (!expected) {
    degraded_why = expected_why;
  } else {
    std::vector<std::size_t> use;
    for (std::size_t k = 0; k < months.size(); ++k) {
      if (month_in_trend[k] && ok(month_residual[k]) && !months[k].stuck) use.push_back(k);
    }
    std::vector<std::size_t> base;
    if (!use.empty()) {
      const std::int64_t limit = months[use.front()].start + 9 * 31 * 86400;  // one season
      for (std::size_t k : use) {
        if (months[k].start < limit) base.push_back(k);
      }
    }
    if (static_cast<int>(base.size()) < o.baseline_min_months) {
      degraded_why = fmt::format("{} months in the first season; the baseline needs {}",
                                 base.size(), o.baseline_min_months);
    } else {
      double mu = 0;
      for (std::size_t k : base) mu += month_residual[k];
      mu /= static_cast<double>(base.size());
      double var = 0;
      for (std::size_t k : base) var += (month_residual[k] - mu) * (month_residual[k] - mu);
      const double sigma = std::sqrt(var / static_cast<double>(base.size() - 1));
      const double threshold = std::max(o.degradation_k * sigma, o.degradation_min_drop);
      std::size_t run = 0, best_run = 0, run_start = 0, best_start = 0;
      for (std::size_t j = base.size(); j < use.size(); ++j) {
        if (month_residual[use[j]] < mu - threshold) {
          if (run == 0) run_start = j;
          ++run;
          if (run > best_run) {
            best_run = run;
            best_start = run_start;
          }
        } else {
          run = 0;
        }
      }
      if (static_cast<int>(best_run) >= o.degradation_months) {
        const std::size_t a = use[best_start], z = use[best_start + best_run - 1];
        Finding f;
        f.code = FindingCode::degradation;
        f.unit = unit.id;
        f.emitters = unit.emitters;
        f.from = months[a].first;
        f.to = months[z].last_end;
        f.period = fmt::format("{} … {}", period_label(months[a].first, Period::month, off),
                               period_label(months[z].first, Period::month, off));
        const double drop = mu - month_residual[z];
        f.severity = drop > 0.15 ? Severity::critical : Severity::warning;
        f.evidence = {{"months", static_cast<double>(best_run), "months"},
                      {"drop", 100 * drop, "points"},
                      {"scatter", 100 * sigma, "points"},
                      {"threshold", 100 * threshold, "points"},
                      {"baseline_residual", 100 * mu, "%"},
                      {"baseline_months", static_cast<double>(base.size()), "months"}};
        degraded = std::move(f);
      }
    }
  }

  for (FindingCode c : kCodes) {
    const std::vector<Hit>& h = hits[static_cast<std::size_t>(c)];
    if (c == FindingCode::oversized) {
      if (oversized)
        out.findings.push_back(std::move(*oversized));
      else if (!oversized_why.empty())
        out.skipped.push_back({c, oversized_why});
      continue;
    }
    if (c == FindingCode::degradation) {
      if (degraded)
        out.findings.push_back(std::move(*degraded));
      else if (!degraded_why.empty())
        out.skipped.push_back({c, degraded_why});
      continue;
    }
    if (!h.empty()) {
      out.findings.push_back(merge(c, unit, months, h, off));
      continue;
    }
    const auto skip = [&](bool had, std::string why) {
      if (!had) out.skipped.push_back({c, std::move(why)});
    };
    switch (c) {
      case FindingCode::short_cycling:
        skip(any_cycles, fmt::format("no month with {} complete on-cycles", o.min_cycles));
        break;
      case FindingCode::curve_too_high:
        skip(any_curve, !ctx.t_out_design ? "no design outdoor temperature for the unit's place"
                        : !t_sup_design   ? "the unit's emitters are not known"
                                          : "no month with 10 running hours of flow temperature");
        break;
      case FindingCode::excessive_defrost:
        skip(any_defrost || !air,
             air ? "no month with enough running hours at ≤ +5 °C with the defrost state" : "");
        break;
      case FindingCode::backup_overuse:
        skip(any_backup, "neither compressor_hz nor a performance map to tell spare capacity");
        break;
      case FindingCode::low_delta_t:
        skip(any_flow, "no flow_rate while running, or no rated capacity");
        break;
      case FindingCode::meter_heat_high:
        skip(any_meter, "no month with 10 running hours of flow, temperatures or outdoor air");
        break;
      case FindingCode::meter_elec_missing: skip(expected.has_value(), expected_why); break;
      default: break;
    }
  }
  return out;
}

nlohmann::json to_json(const Finding& f, const FindingCatalogue& catalogue, Language lang) {
  nlohmann::json ev = nlohmann::json::array();
  for (const Evidence& e : f.evidence) {
    ev.push_back({{"name", e.name}, {"value", e.value}, {"unit", e.unit}});
  }
  return {{"code", std::string(to_string(f.code))},
          {"unit", f.unit},
          {"period", f.period},
          {"from", iso_utc(f.from)},
          {"to", iso_utc(f.to)},
          {"severity", std::string(to_string(f.severity))},
          {"evidence", ev},
          {"title", catalogue.text(f, "title", lang)},
          {"diagnosis", catalogue.text(f, "diagnosis", lang)},
          {"action", catalogue.text(f, "action", lang)}};
}

}  // namespace heatlift::operations
