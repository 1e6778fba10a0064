#include "heatlift/report/monitor_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::report {
namespace {

using nlohmann::json;
namespace op = operations;

// ---- building the unit's data: SI in, the units people read out ----

json metric(const op::Metric& m, double factor = 1.0) {
  if (!m.value || !std::isfinite(*m.value)) return nullptr;
  return *m.value * factor;
}

// `v` rounded to `decimals`; null when not finite.
json rounded(double v, int decimals) {
  if (!std::isfinite(v)) return nullptr;
  const double s = std::pow(10.0, decimals);
  return std::round(v * s) / s;
}

double celsius(double kelvin) {
  return kelvin - core::kZeroCelsius;
}

// Means of the rows of each clock hour: heat and electricity (every metered part), flow
// and outdoor temperature. A channel without a value in an hour is null there.
json hourly_means(const op::Series& s) {
  struct Acc {
    double sum = 0.0, w = 0.0;
    void add(double v, double dt) {
      if (!std::isfinite(v)) return;
      sum += v * dt;
      w += dt;
    }
    json mean(double scale, double shift, int decimals) const {
      return w > 0.0 ? rounded(sum / w * scale + shift, decimals) : json(nullptr);
    }
  };
  json h = json::array(), heat = json::array(), elec = json::array(), flow = json::array(),
       out = json::array();
  if (s.empty()) return json::object();
  const std::int64_t t0 = s.t.front() - (((s.t.front() % 3600) + 3600) % 3600);
  const auto& q_hp = s[op::Channel::heat_hp];
  const auto& q_bu = s[op::Channel::heat_backup];
  const auto& e_unit = s[op::Channel::elec_unit];
  const auto& e_src = s[op::Channel::elec_source];
  const auto& e_bu = s[op::Channel::elec_backup];
  const auto& e_sink = s[op::Channel::elec_sink];
  const auto& tf = s[op::Channel::t_flow];
  const auto& to = s[op::Channel::t_outdoor];
  std::size_t i = 0;
  while (i < s.size()) {
    const std::int64_t hour = (s.t[i] - t0) / 3600;
    Acc aq, ae, af, ao;
    for (; i < s.size() && (s.t[i] - t0) / 3600 == hour; ++i) {
      const double dt = s.dt[i];
      // Heat and electricity: the heat pump's meter, plus the other meters where they read.
      if (std::isfinite(q_hp[i])) aq.add(q_hp[i] + (std::isfinite(q_bu[i]) ? q_bu[i] : 0.0), dt);
      if (std::isfinite(e_unit[i])) {
        double e = e_unit[i];
        for (const auto* c : {&e_src, &e_bu, &e_sink})
          if (std::isfinite((*c)[i])) e += (*c)[i];
        ae.add(e, dt);
      }
      af.add(tf[i], dt);
      ao.add(to[i], dt);
    }
    h.push_back(hour);
    heat.push_back(aq.mean(1e-3, 0.0, 3));
    elec.push_back(ae.mean(1e-3, 0.0, 3));
    flow.push_back(af.mean(1.0, -core::kZeroCelsius, 2));
    out.push_back(ao.mean(1.0, -core::kZeroCelsius, 2));
  }
  return {{"t0", t0},        {"h", h},           {"heat_kw", heat},
          {"elec_kw", elec}, {"t_flow_c", flow}, {"t_out_c", out}};
}

// Running intervals' COP against outdoor temperature, evenly thinned to `max_points`.
json cop_points(const op::Series& s, const op::UnitMeta& unit, const op::ExpectedResult* expected,
                std::size_t max_points, std::int64_t utc_offset) {
  op::KpiOptions ko;
  ko.utc_offset = utc_offset;
  const op::IntervalCop ic = op::interval_cop(s, unit, ko);
  const auto& to = s[op::Channel::t_outdoor];
  std::vector<std::size_t> keep;
  for (std::size_t j = 0; j < ic.row.size(); ++j)
    if (std::isfinite(to[ic.row[j]]) && std::isfinite(ic.cop[j])) keep.push_back(j);
  const std::size_t n = keep.size();
  const std::size_t m = std::min(n, std::max<std::size_t>(max_points, 1));
  json x = json::array(), y = json::array(), ye = json::array();
  for (std::size_t k = 0; k < m; ++k) {
    // The k-th of m evenly spaced picks from n: every part of the window is represented.
    const std::size_t j = keep[n == m ? k : k * n / m];
    const std::size_t r = ic.row[j];
    x.push_back(rounded(celsius(to[r]), 2));
    y.push_back(rounded(ic.cop[j], 3));
    if (expected && r < expected->intervals.status.size() &&
        expected->intervals.status[r] == op::ExpectedStatus::ok)
      ye.push_back(rounded(expected->intervals.cop[r], 3));
    else
      ye.push_back(nullptr);
  }
  return {{"t_out_c", x}, {"cop", y}, {"cop_expected", ye}, {"intervals", n}};
}

json monthly_spf(const std::vector<op::Kpis>* monthly, const op::ExpectedResult* expected) {
  struct Month {
    json spf_h1 = nullptr, measured = nullptr, expected = nullptr, residual = nullptr;
  };
  std::map<std::string, Month> months;
  if (monthly) {
    for (const op::Kpis& k : *monthly) {
      Month& m = months[k.period];
      for (const op::SpfAt& x : k.spf)
        if (x.boundary == op::Boundary::h1) m.spf_h1 = metric(x.spf);
    }
  }
  if (expected) {
    for (const op::MonthResidual& r : expected->months) {
      Month& m = months[r.month];
      if (r.spf_expected > 0.0) {
        m.measured = rounded(r.spf_measured, 3);
        m.expected = rounded(r.spf_expected, 3);
        m.residual = rounded(r.residual, 4);
      }
    }
  }
  json label = json::array(), h1 = json::array(), me = json::array(), ex = json::array(),
       re = json::array();
  for (const auto& [k, m] : months) {
    label.push_back(k);
    h1.push_back(m.spf_h1.is_number() ? rounded(m.spf_h1.get<double>(), 3) : json(nullptr));
    me.push_back(m.measured);
    ex.push_back(m.expected);
    re.push_back(m.residual);
  }
  return {{"month", label},
          {"spf_h1", h1},
          {"spf_measured", me},
          {"spf_expected", ex},
          {"residual", re}};
}

json histogram(const op::Histogram& h, std::string_view lower_key, std::string_view weight_key,
               double weight_scale) {
  json lower = json::array(), weight = json::array();
  for (std::size_t i = 0; i < h.lower.size() && i < h.weight.size(); ++i) {
    lower.push_back(rounded(h.lower[i], 6));
    weight.push_back(rounded(h.weight[i] * weight_scale, 3));
  }
  return {{std::string(lower_key), lower}, {std::string(weight_key), weight}};
}

// ---- reading the page data: every part may be missing, every number may be null ----

// Whether `key` holds an array with at least one number in it.
bool has_numbers(const json& obj, std::string_view key) {
  const json& v = member(obj, key);
  if (!v.is_array()) return false;
  return std::any_of(v.begin(), v.end(), [](const json& x) { return x.is_number(); });
}
bool has_positive(const json& obj, std::string_view key) {
  const json& v = member(obj, key);
  if (!v.is_array()) return false;
  return std::any_of(v.begin(), v.end(),
                     [](const json& x) { return x.is_number() && x.get<double>() > 0.0; });
}

// ---- numbers as people read them: grouped thousands, a real minus sign ----

constexpr std::string_view kDash = "\u2013";

std::string grouped(double v, int decimals) {
  const std::string digits = fmt::format("{:.{}f}", std::abs(v), decimals);
  const std::size_t int_len = std::min(digits.find('.'), digits.size());
  const bool negative = v < 0 && digits.find_first_not_of("0.") != std::string::npos;
  std::string s = negative ? "\u2212" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < int_len && (int_len - i) % 3 == 0) s += ',';
    s += digits[i];
  }
  return s;
}

// Precision by magnitude (14,500, 14.4, 7.58), without trailing zeros.
std::string num(double v) {
  const double a = std::abs(v);
  std::string s = grouped(v, a >= 100 ? 0 : a >= 10 ? 1 : 2);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string fixed_or_dash(std::optional<double> v, int decimals) {
  return v ? grouped(*v, decimals) : std::string(kDash);
}
std::string percent_or_dash(std::optional<double> share, int decimals = 1) {
  return share ? fmt::format("{}%", grouped(*share * 100.0, decimals)) : std::string(kDash);
}
std::string signed_percent(double share, int decimals = 1) {
  const std::string body = grouped(share * 100.0, decimals);
  return fmt::format(
      "{}{}%", share > 0 && body.find_first_not_of("0.") != std::string::npos ? "+" : "", body);
}

std::string replace(std::string s, std::string_view placeholder, std::string_view value) {
  for (std::size_t at = s.find(placeholder); at != std::string::npos;
       at = s.find(placeholder, at + value.size()))
    s.replace(at, placeholder.size(), value);
  return s;
}

// A message named by `prefix.id`, or the id itself when the catalogue has none.
std::string named(const Messages& m, std::string_view prefix, const std::string& id) {
  const std::string* s = m.find(fmt::format("{}.{}", prefix, id));
  return s ? *s : id;
}

// ---- the parts of the page ----

struct Figure {
  std::string label;  // escaped
  std::string value;  // plain
  std::string unit;   // plain
  std::string note;   // plain
  std::string css;    // extra class
};

std::string figure_html(const Figure& f) {
  return fmt::format(
      "<div class=\"kpi{}\"><span class=\"k\">{}</span><span class=\"v\">{}{}</span>"
      "<span class=\"n\">{}</span></div>",
      f.css.empty() ? "" : " " + f.css, f.label, html_escape(f.value),
      f.unit.empty() ? "" : "<small>" + html_escape(f.unit) + "</small>", html_escape(f.note));
}

std::string unit_name(const json& u, std::size_t i) {
  std::string id = text(member(u, "unit"), "id");
  return id.empty() ? fmt::format("#{}", i + 1) : id;
}

std::string facts_html(const json& u, const Messages& m) {
  const json& unit = member(u, "unit");
  std::string facts;
  auto fact = [&](std::string_view key, const std::string& value) {
    facts += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>", html_escape(m.get(key)),
                         html_escape(value.empty() ? std::string(kDash) : value));
  };
  const std::string type = text(unit, "type");
  fact("monitor.fact.type", type.empty() ? type : named(m, "monitor.type", type));
  fact("monitor.fact.refrigerant", text(unit, "refrigerant"));
  const auto cap = number(unit, "capacity_kw");
  fact("monitor.fact.capacity", cap ? num(*cap) + " kW" : std::string());
  fact("monitor.fact.place", text(unit, "place"));
  const std::string emitters = text(unit, "emitters");
  fact("monitor.fact.emitters",
       emitters.empty() ? emitters : named(m, "monitor.emitters", emitters));
  const auto year = number(unit, "install_year");
  const auto age = number(unit, "age_years");
  std::string age_text;
  if (age && year)
    age_text = replace(replace(m.get("monitor.fact.age_value"), "{n}", fmt::format("{:.0f}", *age)),
                       "{year}", fmt::format("{:.0f}", *year));
  fact("monitor.fact.age", age_text);
  fact("monitor.fact.model", text(unit, "model"));
  const json& w = member(u, "window");
  const std::string first = text(w, "first_day"), last = text(w, "last_day");
  fact("monitor.fact.data",
       first.empty() ? std::string()
                     : replace(replace(replace(m.get("monitor.fact.data_value"), "{from}", first),
                                       "{to}", last),
                               "{rows}", grouped(number(w, "rows").value_or(0.0), 0)));
  return "<dl class=\"facts\">" + facts + "</dl>\n";
}

std::string key_figures(const json& u, const Messages& m) {
  const json& k = member(u, "kpis");
  const json& e = member(u, "expected");
  std::string cards;
  // SPF at every boundary; one the meters do not allow is a dash, saying so.
  std::map<std::string, const json*> spf;
  if (const json& list = member(k, "spf"); list.is_array()) {
    for (const json& s : list) spf[text(s, "boundary")] = &s;
  }
  for (int h = 1; h <= 4; ++h) {
    const std::string b = fmt::format("H{}", h);
    const auto it = spf.find(b);
    static const json none;
    const json& entry = it == spf.end() ? none : *it->second;
    const std::string note = it == spf.end() ? m.get("monitor.kpi.not_metered")
                                             : m.get(fmt::format("monitor.kpi.spf_h{}", h));
    cards += figure_html({fmt::format("SPF <b>{}</b>", b), fixed_or_dash(number(entry, "value"), 2),
                          "", note, "spf"});
  }
  const auto hours = number(k, "running_hours");
  cards += figure_html({html_escape(m.get("monitor.kpi.running_hours")),
                        hours ? grouped(*hours, 0) : std::string(kDash), hours ? "h" : "", "", ""});
  const auto starts = number(k, "starts_per_running_hour");
  const auto cycle = number(k, "median_on_cycle_min");
  cards += figure_html(
      {html_escape(m.get("monitor.kpi.starts")), fixed_or_dash(starts, 2), starts ? "/h" : "",
       cycle ? replace(m.get("monitor.kpi.cycle_note"), "{n}", num(*cycle)) : std::string(), ""});
  cards += figure_html({html_escape(m.get("monitor.kpi.defrost")),
                        percent_or_dash(number(k, "defrost_share")), "", "", ""});
  cards += figure_html({html_escape(m.get("monitor.kpi.backup")),
                        percent_or_dash(number(k, "backup_share")), "", "", ""});
  cards += figure_html({html_escape(m.get("monitor.kpi.carnot")),
                        percent_or_dash(number(k, "carnot_fraction"), 0), "", "", ""});
  // Against expectation: the residual SPF_measured / SPF_expected − 1 and its trend.
  const auto residual = number(e, "residual");
  const auto expected_spf = number(e, "spf_expected");
  std::string residual_note;
  if (expected_spf)
    residual_note = replace(m.get("monitor.kpi.residual_note"), "{spf}", grouped(*expected_spf, 2));
  else if (!text(e, "reason").empty())
    residual_note = m.get("monitor.kpi.no_model");
  cards += figure_html({html_escape(m.get("monitor.kpi.residual")),
                        residual ? signed_percent(*residual) : std::string(kDash), "",
                        residual_note, residual && *residual < -0.1 ? "warn" : ""});
  const auto trend = number(e, "trend_per_year");
  const auto se = number(e, "trend_se_per_year");
  const auto months = number(e, "trend_months");
  std::string trend_note;
  if (trend && se)
    trend_note = replace(replace(m.get("monitor.kpi.trend_note"), "{se}", grouped(*se * 100.0, 1)),
                         "{n}", fmt::format("{:.0f}", months.value_or(0.0)));
  // Falling by more than twice its standard error: worth a look.
  const bool falling = trend && se && *trend < 0 && -*trend > 2.0 * *se;
  cards += figure_html(
      {html_escape(m.get("monitor.kpi.trend")), trend ? signed_percent(*trend) : std::string(kDash),
       trend ? m.get("monitor.kpi.per_year") : "", trend_note, falling ? "warn" : ""});
  return fmt::format("<h3 class=\"left\">{}</h3>\n<div class=\"kpis monitor\">{}</div>\n",
                     html_escape(m.get("monitor.section.kpis")), cards);
}

std::string evidence_text(const json& evidence) {
  std::string out;
  if (!evidence.is_array()) return out;
  for (const json& ev : evidence) {
    const auto v = number(ev, "value");
    if (!out.empty()) out += "; ";
    out += fmt::format("{} = {}", text(ev, "name"), v ? num(*v) : std::string(kDash));
    if (const std::string u = text(ev, "unit"); !u.empty() && v) out += " " + u;
  }
  return out.empty() ? std::string(kDash) : out;
}

// "Not checked: rule (reason); …" for the rules that could not run.
std::string skipped_html(const json& u, const Messages& m) {
  const json& list = member(u, "findings_skipped");
  if (!list.is_array() || list.empty()) return "";
  std::string items;
  for (const json& s : list) {
    if (!items.empty()) items += "; ";
    items += fmt::format("{} ({})", text(s, "code"), text(s, "reason"));
  }
  return "<p class=\"note\">" +
         html_escape(replace(m.get("monitor.findings_skipped"), "{rules}", items)) + "</p>\n";
}

std::string findings_html(const json& u, const Messages& m) {
  const json& list = member(u, "findings");
  std::string out =
      fmt::format("<h3 class=\"left\">{}</h3>\n", html_escape(m.get("monitor.section.findings")));
  if (!list.is_array() || list.empty()) {
    const std::string reason = text(u, "findings_reason");
    out += "<p class=\"note\">" +
           html_escape(reason.empty()
                           ? m.get("monitor.no_findings")
                           : replace(m.get("monitor.findings_not_run"), "{reason}", reason)) +
           "</p>\n";
    return out + skipped_html(u, m);
  }
  std::string head;
  for (const char* k : {"finding", "severity", "period", "evidence", "diagnosis"})
    head += "<th>" + html_escape(m.get(std::string("monitor.table.") + k)) + "</th>";
  std::string rows;
  for (const json& f : list) {
    const std::string code = text(f, "code");
    std::string title = text(f, "title");
    if (title.empty()) title = code;
    const std::string severity = text(f, "severity");
    std::string diagnosis = html_escape(text(f, "diagnosis"));
    if (const std::string action = text(f, "action"); !action.empty())
      diagnosis += fmt::format("<br><span class=\"action\">{}</span>", html_escape(action));
    if (diagnosis.empty()) diagnosis = std::string(kDash);
    rows += fmt::format(
        "<tr class=\"sev-{}\"><td><b>{}</b><br><code>{}</code></td><td><span "
        "class=\"sev\">{}</span></td><td class=\"period\">{}</td><td class=\"evidence\">{}</td><td "
        "class=\"diagnosis\">{}</td></tr>",
        html_escape(severity.empty() ? std::string("none") : severity), html_escape(title),
        html_escape(code.empty() ? std::string(kDash) : code),
        html_escape(severity.empty() ? std::string(kDash) : named(m, "monitor.severity", severity)),
        html_escape(text(f, "period").empty() ? std::string(kDash) : text(f, "period")),
        html_escape(evidence_text(member(f, "evidence"))), diagnosis);
  }
  out += fmt::format(
      "<div class=\"table-wrap\"><table class=\"baselines findings\">\n<thead><tr>{}</tr></thead>\n"
      "<tbody>{}</tbody>\n</table></div>\n",
      head, rows);
  return out + skipped_html(u, m);
}

std::string chart_div(std::size_t unit, std::string_view kind) {
  return fmt::format(
      "<div class=\"chart\" id=\"chart-{0}-{1}\" data-chart=\"{1}\" data-unit=\"{0}\"></div>", unit,
      kind);
}

// A row of one or two charts; empty when neither is drawn.
std::string chart_row(std::size_t unit, bool a, std::string_view kind_a, bool b,
                      std::string_view kind_b) {
  if (!a && !b) return "";
  return fmt::format("<div class=\"row cols-{}\">{}{}</div>\n", a && b ? 2 : 1,
                     a ? chart_div(unit, kind_a) : "", b ? chart_div(unit, kind_b) : "");
}

std::string charts_html(const json& u, std::size_t i, const Messages& m) {
  const json& hourly = member(u, "hourly");
  const bool series = has_numbers(hourly, "h") &&
                      (has_numbers(hourly, "heat_kw") || has_numbers(hourly, "elec_kw") ||
                       has_numbers(hourly, "t_flow_c") || has_numbers(hourly, "t_out_c"));
  const bool cop = has_numbers(member(u, "cop"), "cop");
  const json& monthly = member(u, "monthly");
  const bool months = has_numbers(monthly, "spf_h1") || has_numbers(monthly, "spf_measured") ||
                      has_numbers(monthly, "spf_expected");
  const bool cycles = has_positive(member(u, "on_cycles"), "count");
  const bool part_load = has_positive(member(u, "part_load"), "hours");
  if (!series && !cop && !months && !cycles && !part_load) return "";
  std::string out =
      fmt::format("<h3 class=\"left\">{}</h3>\n", html_escape(m.get("monitor.section.charts")));
  out += chart_row(i, series, "series", false, "");
  out += chart_row(i, cop, "cop", months, "monthly");
  out += chart_row(i, cycles, "cycles", part_load, "part_load");
  return out;
}

std::string overview_html(const json& units, const Messages& m) {
  std::string head;
  for (const char* k : {"unit", "type", "place", "spf", "residual", "findings"}) {
    const bool right = std::string_view(k) == "spf" || std::string_view(k) == "residual";
    head += fmt::format("<th{}>{}</th>", right ? " class=\"num\"" : "",
                        html_escape(m.get(std::string("monitor.overview.") + k)));
  }
  std::string rows;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const json& u = units[i];
    const json& unit = member(u, "unit");
    std::optional<double> spf;
    std::string boundary;
    if (const json& list = member(member(u, "kpis"), "spf"); list.is_array()) {
      // The widest boundary the meters allow that has a value.
      for (const json& s : list) {
        if (const auto v = number(s, "value")) {
          spf = v;
          boundary = text(s, "boundary");
        }
      }
    }
    const auto residual = number(member(u, "expected"), "residual");
    const json& findings = member(u, "findings");
    std::string fcell = std::string(kDash);
    if (findings.is_array()) {
      std::string codes;
      for (const json& f : findings) {
        if (!codes.empty()) codes += ", ";
        codes += text(f, "title").empty() ? text(f, "code") : text(f, "title");
      }
      fcell = html_escape(findings.empty() ? m.get("monitor.overview.none") : codes);
    }
    const std::string type = text(unit, "type");
    rows += fmt::format(
        "<tr><th scope=\"row\"><a href=\"#unit-{}\">{}</a></th><td>{}</td><td>{}</td><td "
        "class=\"num\">{}</td><td class=\"num{}\">{}</td><td>{}</td></tr>",
        i, html_escape(unit_name(u, i)),
        html_escape(type.empty() ? std::string(kDash) : named(m, "monitor.type", type)),
        html_escape(text(unit, "place").empty() ? std::string(kDash) : text(unit, "place")),
        html_escape(spf ? fmt::format("{} ({})", grouped(*spf, 2), boundary) : std::string(kDash)),
        residual && *residual < -0.1 ? " neg" : "",
        html_escape(residual ? signed_percent(*residual) : std::string(kDash)), fcell);
  }
  return fmt::format(
      "<section id=\"overview\">\n<h2>{}</h2>\n<div class=\"table-wrap\"><table "
      "class=\"baselines overview\">\n<thead><tr>{}</tr></thead>\n<tbody>{}</tbody>\n"
      "</table></div>\n</section>\n",
      html_escape(m.get("monitor.section.overview")), head, rows);
}

}  // namespace

json monitor_unit_json(const MonitorUnitInput& in) {
  if (!in.meta || !in.series || !in.kpis)
    throw InternalError("monitor report: a unit without metadata, rows or KPIs");
  const op::UnitMeta& meta = *in.meta;
  const op::Series& s = *in.series;
  const op::Kpis& k = *in.kpis;

  json unit = {{"id", meta.id},
               {"type", meta.type},
               {"refrigerant", meta.refrigerant},
               {"capacity_kw", meta.rated_capacity > 0 ? json(meta.rated_capacity / 1e3) : json()},
               {"place", meta.place},
               {"emitters", meta.emitters},
               {"install_year", meta.install_year > 0 ? json(meta.install_year) : json()},
               {"age_years", nullptr},
               {"model", in.model_origin}};
  if (meta.install_year > 0 && !s.empty()) {
    const int year = std::stoi(op::period_label(s.t.back(), op::Period::year, in.utc_offset));
    if (year >= meta.install_year) unit["age_years"] = year - meta.install_year;
  }

  json spf = json::array();
  for (const op::SpfAt& x : k.spf) {
    spf.push_back({{"boundary", std::string(op::to_string(x.boundary))},
                   {"value", metric(x.spf)},
                   {"reason", x.spf.reason}});
  }
  const double kwh = 1.0 / core::kJPerKWh;
  const op::Metric heat = k.heat_hp.value
                              ? op::Metric::of(*k.heat_hp.value + k.heat_backup.value.value_or(0.0))
                              : k.heat_hp;
  json kpis = {{"spf", spf},
               {"running_hours", metric(k.running_hours)},
               {"starts", metric(k.starts)},
               {"starts_per_running_hour", metric(k.starts_per_running_hour)},
               {"starts_per_hour", metric(k.starts_per_hour)},
               {"median_on_cycle_min", metric(k.median_on_cycle, 1.0 / 60.0)},
               {"defrost_share", metric(k.defrost_share)},
               {"backup_share", metric(k.backup_share)},
               {"carnot_fraction", metric(k.carnot_fraction)},
               {"standby_share", metric(k.standby_share)},
               {"heat_kwh", metric(heat, kwh)},
               {"electricity_kwh", metric(k.elec_unit, kwh)}};

  json expected = {{"spf_measured", nullptr},      {"spf_expected", nullptr},
                   {"residual", nullptr},          {"trend_per_year", nullptr},
                   {"trend_se_per_year", nullptr}, {"trend_months", nullptr},
                   {"outside_map", nullptr},       {"reason", in.expected_reason}};
  if (in.expected) {
    const op::ExpectedResult& e = *in.expected;
    expected["spf_measured"] = metric(e.spf_measured);
    expected["spf_expected"] = metric(e.spf_expected);
    expected["residual"] = metric(e.residual);
    expected["trend_per_year"] = metric(e.trend.slope_per_year);
    expected["trend_se_per_year"] = metric(e.trend.standard_error);
    expected["trend_months"] = e.trend.months;
    expected["outside_map"] = e.intervals.outside_map;
    if (!e.residual.value) expected["reason"] = e.residual.reason;
  }

  const auto iso = [](std::int64_t t) {
    const std::int64_t days = (t >= 0 ? t : t - 86399) / 86400;
    const std::chrono::sys_days d{std::chrono::days{days}};
    const std::chrono::year_month_day ymd{d};
    const std::int64_t sec = t - days * 86400;
    return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       sec / 3600, sec / 60 % 60, sec % 60);
  };
  json window = {{"rows", s.size()}, {"from", nullptr}, {"to", nullptr}};
  if (!s.empty()) {
    window["from"] = iso(s.t.front());
    window["to"] = iso(s.t.back() + s.dt.back());
    window["first_day"] = op::period_label(s.t.front(), op::Period::day, in.utc_offset);
    window["last_day"] = op::period_label(s.t.back(), op::Period::day, in.utc_offset);
  }

  return {
      {"unit", unit},
      {"window", window},
      {"kpis", kpis},
      {"expected", expected},
      {"hourly", hourly_means(s)},
      {"cop", cop_points(s, meta, in.expected, in.max_scatter_points, in.utc_offset)},
      {"monthly", monthly_spf(in.monthly, in.expected)},
      {"on_cycles", histogram(k.on_cycles, "lower_min", "count", 1.0)},
      {"part_load", histogram(k.part_load, "lower", "hours", 1.0)},
      {"findings", in.findings.is_array() ? in.findings : json::array()},
      {"findings_reason", in.findings_reason},
      {"findings_skipped", in.findings_skipped.is_array() ? in.findings_skipped : json::array()}};
}

std::string monitor_html(const nlohmann::json& data, const Messages& messages) {
  if (!data.is_object()) throw InternalError("monitor report: the results are not a JSON object");
  const Messages& m = messages;
  const json& units = member(data, "units");
  const std::size_t n = units.is_array() ? units.size() : 0;

  std::string title = text(data, "title");
  if (title.empty()) {
    title = n == 1 ? unit_name(units[0], 0)
                   : replace(m.get("monitor.units_n"), "{n}", fmt::format("{}", n));
  }
  std::string facts;
  const std::string from = text(data, "from"), to = text(data, "to");
  facts += fmt::format(
      "<div><dt>{}</dt><dd>{}</dd></div>", html_escape(m.get("monitor.fact.window")),
      html_escape(from.empty() && to.empty()
                      ? m.get("monitor.window_all")
                      : fmt::format("{} \u2013 {}", from.empty() ? std::string("…") : from,
                                    to.empty() ? std::string("…") : to)));
  facts +=
      fmt::format("<div><dt>{}</dt><dd>{}</dd></div>", html_escape(m.get("monitor.fact.units")), n);
  const std::string header =
      fmt::format("<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<dl class=\"facts\">{}</dl>\n",
                  html_escape(m.get("monitor.title")), html_escape(title), facts);

  std::string body;
  if (n == 0) body += "<p class=\"note\">" + html_escape(m.get("monitor.no_units")) + "</p>\n";
  if (n > 1) body += overview_html(units, m);
  for (std::size_t i = 0; i < n; ++i) {
    const json& u = units[i];
    body += fmt::format("<section class=\"unit\" id=\"unit-{}\">\n<h2>{}</h2>\n", i,
                        html_escape(unit_name(u, i)));
    body += facts_html(u, m);
    body += key_figures(u, m);
    body += findings_html(u, m);
    body += charts_html(u, i, m);
    body += "</section>\n";
  }

  const json all_texts = m.to_json();
  json texts = json::object();
  for (const auto& [key, v] : all_texts.items()) {
    if (key.rfind("monitor.", 0) == 0) texts[key] = v;
  }
  Page page;
  page.lang = m.lang();
  page.title = fmt::format("{} · {}", title, m.get("monitor.title"));
  page.header = header;
  page.body = std::move(body);
  page.footer = html_escape(m.get("monitor.footer"));
  page.data = {{"lang", to_string(m.lang())}, {"messages", texts}, {"results", data}};
  page.script = "monitor.js";
  return render_page(page);
}

}  // namespace heatlift::report
