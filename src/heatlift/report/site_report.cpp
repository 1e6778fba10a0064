#include "heatlift/report/site_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "heatlift/core/error.hpp"

namespace heatlift::report {
namespace {

using nlohmann::json;

// ---- reading the document: every part may be missing, every number may be null ----

bool has_array(const json& obj, std::string_view key) {
  const json& v = member(obj, key);
  return v.is_array() && !v.empty();
}

// Whether the heat pump's accounts or any baseline has a number under one of `keys`.
bool any_number(const json& data, std::initializer_list<std::string_view> keys) {
  const json& baselines = member(data, "baselines");
  for (std::string_view k : keys) {
    if (number(member(data, "heat_pump_accounts"), k)) return true;
    if (baselines.is_array()) {
      for (const json& b : baselines)
        if (number(b, k)) return true;
    }
  }
  return false;
}

// ---- numbers as people read them: grouped thousands, a real minus sign ----

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

// Precision by magnitude (14,500, 14.4, 7.58); for prose and key figures also without
// trailing zeros (7.8, 3), in a table column kept so the figures line up.
std::string num(double v, bool trim = true) {
  const double a = std::abs(v);
  const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  std::string s = grouped(v, decimals);
  if (trim && s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

constexpr std::string_view kDash = "\u2013";

std::string num_or_dash(std::optional<double> v) {
  return v ? num(*v) : std::string(kDash);
}

std::string fixed_or_dash(std::optional<double> v, int decimals) {
  return v ? grouped(*v, decimals) : std::string(kDash);
}

std::string percent_or_dash(std::optional<double> share) {
  return share ? grouped(*share * 100.0, 1) + "%" : std::string(kDash);
}

// An energy in kWh, MWh or GWh, whichever keeps the figure readable.
struct Quantity {
  std::string value, unit;
  std::string text() const { return value + " " + unit; }
};
Quantity energy(double kwh) {
  const double a = std::abs(kwh);
  if (a < 1e5) return {grouped(kwh, 0), "kWh"};
  if (a < 1e8) return {num(kwh / 1e3), "MWh"};
  return {num(kwh / 1e6), "GWh"};
}

std::string replace(std::string s, std::string_view placeholder, std::string_view value) {
  for (std::size_t at = s.find(placeholder); at != std::string::npos;
       at = s.find(placeholder, at + value.size()))
    s.replace(at, placeholder.size(), value);
  return s;
}

// A message named by `prefix.id`, or the id itself when the catalogue has none.
std::string named(const Messages& m, std::string_view prefix, const std::string& id) {
  const std::string* s = m.find(std::string(prefix) + "." + id);
  return s ? *s : id;
}

// ---- the parts of the page ----

std::string header(const json& data, const Messages& m) {
  const json& site = member(data, "site");
  const json& hp = member(data, "heat_pump");
  std::string name = text(site, "name");
  if (name.empty()) name = m.get("site.title");

  std::string facts;
  auto fact = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    facts += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>", html_escape(m.get(key)),
                         html_escape(value));
  };
  std::string city = text(site, "city");
  if (m.lang() == Lang::zh && !text(site, "city_zh").empty()) city = text(site, "city_zh");
  fact("site.fact.city", city);
  if (const std::string zone = text(site, "zone"); !zone.empty())
    fact("site.fact.zone", named(m, "site.zone", zone));
  if (const auto t = number(site, "t_design_c")) fact("site.fact.t_design", num(*t) + " °C");
  fact("site.fact.heat_pump", text(hp, "name"));
  if (const auto q = number(hp, "capacity_kw")) fact("site.fact.capacity", num(*q) + " kW");
  fact("site.fact.refrigerant", text(hp, "refrigerant"));
  if (const std::string source = text(hp, "source"); !source.empty())
    fact("site.fact.source", named(m, "site.source", source));
  fact("site.fact.weather", text(site, "weather_source"));

  return fmt::format("<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<dl class=\"facts\">{}</dl>\n",
                     html_escape(m.get("site.title")), html_escape(name), facts);
}

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

std::string key_figures(const json& data, const Messages& m) {
  const json& a = member(data, "annual");
  std::string cards;
  for (int h = 1; h <= 4; ++h) {
    const std::string key = fmt::format("spf_h{}", h);
    cards += figure_html({fmt::format("SPF <b>H{}</b>", h), fixed_or_dash(number(a, key), 2), "",
                          m.get("site.kpi." + key), "spf"});
  }
  const auto hp_heat = number(a, "hp_heat_kwh");
  const auto backup_heat = number(a, "backup_heat_kwh");
  // Heat recovered from the condensers in cooling hours is heat delivered too (annual's heat
  // pump figures leave it out): counted in the card and named in its note.
  const auto recovered =
      number(member(member(data, "cooling"), "heat_recovery"), "recovered_kwh").value_or(0.0);
  Quantity heat{std::string(kDash), ""};
  if (hp_heat || backup_heat) {
    heat = energy(hp_heat.value_or(0) + recovered + backup_heat.value_or(0));
  }
  std::string heat_note;
  if (backup_heat)
    heat_note = replace(m.get("site.kpi.heat_note"), "{backup}", energy(*backup_heat).text());
  if (recovered > 0) {
    if (!heat_note.empty()) heat_note += " · ";
    heat_note += replace(m.get("site.kpi.recovered_note"), "{recovered}", energy(recovered).text());
  }
  cards += figure_html({html_escape(m.get("site.kpi.heat")), heat.value, heat.unit, heat_note, ""});
  const auto el_kwh = number(a, "electricity_kwh");
  const Quantity el = el_kwh ? energy(*el_kwh) : Quantity{std::string(kDash), ""};
  cards += figure_html({html_escape(m.get("site.kpi.electricity")), el.value, el.unit, "", ""});
  cards += figure_html({html_escape(m.get("site.kpi.backup_share")),
                        percent_or_dash(number(a, "backup_share")), "", "", ""});
  const auto peak = number(a, "peak_electric_kw");
  const auto peak_load = number(a, "peak_load_kw");
  cards += figure_html(
      {html_escape(m.get("site.kpi.peak_electric")), num_or_dash(peak), peak ? "kW" : "",
       peak_load ? replace(m.get("site.kpi.peak_note"), "{load}", num(*peak_load) + " kW") : "",
       ""});
  // No bivalent point: the heat pump alone met the load in every hour — when the year's
  // back-up heat is known; with nothing known there is nothing to say.
  const auto biv = number(a, "bivalent_point_c");
  const bool alone = !biv && number(a, "backup_heat_kwh").has_value();
  cards += figure_html({html_escape(m.get("site.kpi.bivalent")),
                        biv     ? num(*biv)
                        : alone ? m.get("site.kpi.bivalent_none")
                                : std::string(kDash),
                        biv ? "°C" : "", "", alone ? "word" : ""});
  const auto unmet = number(a, "unmet_hours");
  const auto unmet_kwh = number(a, "unmet_kwh");
  cards +=
      figure_html({html_escape(m.get("site.kpi.unmet_hours")), num_or_dash(unmet), unmet ? "h" : "",
                   unmet_kwh && *unmet_kwh > 0 ? energy(*unmet_kwh).text() : "",
                   unmet && *unmet > 0 ? "warn" : ""});

  std::string hours;
  for (const char* k : {"run_hours", "cycling_hours", "cutout_hours"}) {
    if (const auto n = number(a, k)) {
      if (!hours.empty()) hours += " · ";
      hours += replace(m.get(std::string("site.kpi.") + k), "{n}", num(*n));
    }
  }
  return fmt::format(
      "<section id=\"key-figures\">\n<h2>{}</h2>\n<div class=\"kpis\">{}</div>\n{}</section>\n",
      html_escape(m.get("site.kpi.heading")), cards,
      hours.empty() ? "" : "<p class=\"note\">" + html_escape(hours) + "</p>\n");
}

std::string chart_div(std::string_view kind) {
  return fmt::format("<div class=\"chart\" id=\"chart-{0}\" data-chart=\"{0}\"></div>", kind);
}

std::string td(const std::string& value, bool negative = false) {
  return fmt::format("<td class=\"num{}\">{}</td>", negative ? " neg" : "", html_escape(value));
}

std::string td(std::optional<double> v) {
  return td(!v ? std::string(kDash) : *v == 0 ? "0" : num(*v, false), v && *v < 0);
}

std::string fuel_unit(const std::string& unit) {
  if (unit == "m3" || unit == "Nm3") return unit.substr(0, unit.size() - 1) + "³";
  return unit;
}

std::string baselines_table(const json& data, const Messages& m) {
  const json& baselines = member(data, "baselines");
  if (!baselines.is_array() || baselines.empty())
    return "<p class=\"note\">" + html_escape(m.get("site.no_baselines")) + "</p>\n";

  std::string head;
  for (const char* k : {"option", "fuel", "efficiency", "fuel_use", "co2", "so2", "dust",
                        "annual_cost", "lcoh", "co2_saving", "cost_saving", "payback", "npv"})
    head += "<th>" + html_escape(m.get(std::string("site.table.") + k)) + "</th>";

  const json& acc = member(data, "heat_pump_accounts");
  const json& annual = member(data, "annual");
  const auto annual_cost = [](const json& o) {
    const auto c = number(o, "annual_cost_cny");
    return c ? c : number(o, "energy_cost_cny");
  };
  const auto el = number(annual, "electricity_kwh");
  const auto spf = number(annual, "spf_h4");
  std::string rows = fmt::format(
      "<tr class=\"hp\"><th scope=\"row\">{}</th><td>{}</td>{}{}{}{}{}{}{}{}{}{}{}</tr>",
      html_escape(m.get("site.heat_pump_bar")), html_escape(m.get("site.fuel.electricity")),
      td(spf ? "SPF " + grouped(*spf, 2) : std::string(kDash)),
      td(el ? energy(*el).text() : std::string(kDash)), td(number(acc, "co2_t")),
      td(std::string(kDash)), td(std::string(kDash)), td(annual_cost(acc)),
      td(number(acc, "lcoh_cny_per_kwh")), td(std::string(kDash)), td(std::string(kDash)),
      td(std::string(kDash)), td(std::string(kDash)));

  for (const json& b : baselines) {
    std::string name = text(b, m.lang() == Lang::zh ? "name_zh" : "name");
    if (name.empty()) name = text(b, "name");
    if (name.empty()) name = text(b, "id");
    const std::string fuel = text(b, "fuel");
    const auto eff = number(b, "efficiency");
    const auto use = number(b, "fuel_use");
    const auto payback = number(b, "payback_years");
    // "never" (the summary's word when the heat pump saves nothing) or, in older summaries, a
    // null beside a saving that is not positive; a null with no saving at all is a dash.
    const auto saving = number(b, "cost_saving_cny");
    const json& pb = member(b, "payback_years");
    const bool never = (pb.is_string() && pb.get<std::string>() == "never") ||
                       (!payback && saving && *saving <= 0.0);
    rows += fmt::format(
        "<tr><th scope=\"row\">{}</th><td>{}</td>{}{}{}{}{}{}{}{}{}{}{}</tr>", html_escape(name),
        html_escape(fuel.empty() ? std::string(kDash) : named(m, "site.fuel", fuel)),
        td(eff ? grouped(*eff * 100.0, 0) + "%" : std::string(kDash)),
        td(use ? num(*use) + " " + fuel_unit(text(b, "fuel_unit")) : std::string(kDash)),
        td(number(b, "co2_t")), td(number(b, "so2_kg")), td(number(b, "dust_kg")),
        td(annual_cost(b)), td(number(b, "lcoh_cny_per_kwh")), td(number(b, "co2_saving_t")),
        td(number(b, "cost_saving_cny")),
        // A payback that never comes is written out; a dash would read as "unknown".
        payback ? td(grouped(*payback, 1))
        : never ? td(m.get("site.never"), true)
                : td(std::string(kDash)),
        td(number(b, "npv_cny")));
  }
  return fmt::format(
      "<div class=\"table-wrap\"><table class=\"baselines\">\n<thead><tr>{}</tr></thead>\n"
      "<tbody>{}</tbody>\n</table></div>\n",
      head, rows);
}

std::string gbt50801(const json& data, const Messages& m) {
  const json& g = member(data, "gbt50801");
  if (!g.is_object()) return "";
  std::string cards;
  auto card = [&](std::string_view key, const std::string& value, const std::string& css = "") {
    cards += figure_html({html_escape(m.get(key)), value, "", "", css});
  };
  // A site that only cools (system_cop null beside a cooling evaluation) has no heating
  // season: its two heating cards say so instead of a dash and "below grade 3".
  const json& gc = member(member(data, "cooling"), "gbt50801");
  const auto cop = number(g, "system_cop");
  if (!cop && gc.is_object()) {
    card("site.gbt.system_cop", m.get("site.gbt.not_applicable"), "word");
    card("site.gbt.grade", m.get("site.gbt.not_applicable"), "word");
  } else {
    card("site.gbt.system_cop", fixed_or_dash(cop, 2));
    const auto grade = number(g, "grade");
    card("site.gbt.grade",
         grade ? replace(m.get("site.gbt.grade_n"), "{n}", fmt::format("{:.0f}", *grade))
               : m.get("site.gbt.not_graded"),
         grade ? "grade" : "word");
  }
  // A unit that cools: the cooling season's system EER and its grade (GB/T 50801 §4).
  if (gc.is_object()) {
    card("site.gbt.system_eer", fixed_or_dash(number(gc, "system_eer"), 2));
    const auto cg = number(gc, "grade");
    card("site.gbt.cooling_grade",
         cg ? replace(m.get("site.gbt.grade_n"), "{n}", fmt::format("{:.0f}", *cg))
            : m.get("site.gbt.not_graded"),
         cg ? "grade" : "word");
  }
  // The electricity-to-coal factor D the evaluation used, then the substitution with the
  // other preset (the two readings differ about twofold; docs/accounting.md).
  if (const auto d = number(g, "electricity_to_coal_kgce_per_kwh")) {
    cards += figure_html({html_escape(m.get("site.gbt.electricity_to_coal")),
                          fmt::format("{:.4f}", *d), "", text(g, "electricity_to_coal_basis"), ""});
  }
  card("site.gbt.substituted", num_or_dash(number(g, "substituted_kgce")));
  const json& alt = member(g, "alternative");
  if (const auto d = number(alt, "electricity_to_coal_kgce_per_kwh")) {
    const std::string label =
        replace(replace(m.get("site.gbt.alternative"), "{d}", fmt::format("{:.4f}", *d)), "{basis}",
                text(alt, "electricity_to_coal_basis"));
    cards +=
        figure_html({html_escape(label), num_or_dash(number(alt, "substituted_kgce")), "", "", ""});
  }
  card("site.gbt.co2", num_or_dash(number(g, "co2_avoided_t")));
  card("site.gbt.so2", num_or_dash(number(g, "so2_avoided_kg")));
  card("site.gbt.dust", num_or_dash(number(g, "dust_avoided_kg")));
  // A payback that was not evaluated (no price or cost given: the key is absent) is a dash;
  // one that never comes (null) is said in words.
  const auto payback = number(g, "static_payback_years");
  if (g.contains("static_payback_years")) {
    card("site.gbt.payback", payback ? num(*payback) : m.get("site.never"), payback ? "" : "word");
  } else {
    card("site.gbt.payback", std::string(kDash));
  }
  return fmt::format(
      "<section id=\"gbt50801\">\n<h2>{}</h2>\n<div class=\"kpis gbt\">{}</div>\n"
      "</section>\n",
      html_escape(m.get("site.section.gbt50801")), cards);
}

// Cooling (a site whose heat pump also cools): its key figures, monthly heating against
// cooling, and every cooling hour's EER against the outdoor temperature.
std::string cooling_section(const json& data, const Messages& m) {
  const json& c = member(data, "cooling");
  if (!c.is_object()) return "";
  const auto kwh_or_dash = [](std::optional<double> v) {
    return v ? energy(*v) : Quantity{std::string(kDash), ""};
  };
  std::string cards;
  const auto unmet = number(c, "unmet_kwh");
  const Quantity cool = kwh_or_dash(number(c, "cooling_kwh"));
  cards += figure_html({html_escape(m.get("site.cooling.cooling")), cool.value, cool.unit,
                        unmet && *unmet > 0 ? replace(m.get("site.cooling.unmet_note"), "{unmet}",
                                                      energy(*unmet).text())
                                            : "",
                        ""});
  cards += figure_html({"SEER", fixed_or_dash(number(c, "seer_unit"), 2), "",
                        m.get("site.cooling.seer_unit"), "spf"});
  cards += figure_html({"SEER", fixed_or_dash(number(c, "seer_system"), 2), "",
                        m.get("site.cooling.seer_system"), "spf"});
  const Quantity el = kwh_or_dash(number(c, "electricity_kwh"));
  cards += figure_html({html_escape(m.get("site.cooling.electricity")), el.value, el.unit, "", ""});
  const auto peak = number(c, "peak_load_kw");
  cards += figure_html(
      {html_escape(m.get("site.cooling.peak")), num_or_dash(peak), peak ? "kW" : "", "", ""});
  const auto hours = number(c, "unmet_hours");
  cards += figure_html({html_escape(m.get("site.cooling.unmet_hours")), num_or_dash(hours),
                        hours ? "h" : "", "", hours && *hours > 0 ? "warn" : ""});
  const json& rec = member(c, "heat_recovery");
  const auto recovered = number(rec, "recovered_kwh");
  if (recovered && *recovered > 0) {
    const auto saved = number(rec, "electricity_saved_kwh");
    cards += figure_html(
        {html_escape(m.get("site.cooling.recovered")), energy(*recovered).value,
         energy(*recovered).unit,
         saved ? replace(m.get("site.cooling.recovered_note"), "{saved}", energy(*saved).text())
               : "",
         ""});
  }
  const auto run = number(c, "hours");
  const bool eer = has_array(member(data, "hourly"), "eer");
  return fmt::format(
      "<section id=\"cooling\">\n<h2>{}</h2>\n<div class=\"kpis\">{}</div>\n{}"
      "<div class=\"row cols-{}\">{}{}</div>\n</section>\n",
      html_escape(m.get("site.cooling.heading")), cards,
      run ? "<p class=\"note\">" +
                html_escape(replace(m.get("site.cooling.hours"), "{n}", num(*run))) + "</p>\n"
          : std::string(),
      eer ? 2 : 1, chart_div("cooling_monthly"), eer ? chart_div("eer") : "");
}

// A borefield ([source.borefield]): its size, its drift over the years and the chart of the
// brine's lowest, mean and highest temperature of every year.
std::string borefield_section(const json& data, const Messages& m) {
  const json& g = member(data, "ground_loop");
  if (!g.is_object() || !has_array(g, "fluid_mean_c")) return {};
  std::string note = m.get("site.ground.note");
  const auto put = [&](std::string_view key, std::optional<double> v) {
    note = replace(std::move(note), key, v ? num(*v) : "–");
  };
  put("{n}", number(g, "boreholes"));
  put("{length}", number(g, "length_m"));
  put("{years}", number(g, "years"));
  put("{drift}", number(g, "drift_k"));
  put("{resistance}", number(g, "borehole_resistance_mk_per_w"));
  return "<section id=\"ground\">\n<h2>" + html_escape(m.get("site.ground.heading")) +
         "</h2>\n<p class=\"note\">" + html_escape(note) + "</p>\n<div class=\"row cols-1\">" +
         chart_div("borefield") + "</div>\n</section>\n";
}

// A boiler kept beside the heat pump ([backup] kind): its rule, the heat pump's share, the
// boiler's fuel; with an optimised bivalent point, the chart of the scan.
std::string hybrid_section(const json& data, const Messages& m) {
  const json& h = member(data, "hybrid");
  if (!h.is_object()) return {};
  std::string note = m.get("site.hybrid.note");
  const auto put = [&](std::string_view key, std::optional<double> v, double scale = 1.0) {
    note = replace(std::move(note), key, v ? num(*v * scale) : "–");
  };
  note = replace(std::move(note), "{boiler}",
                 h.contains("boiler_name") && h["boiler_name"].is_string()
                     ? h["boiler_name"].get<std::string>()
                     : std::string("–"));
  note = replace(std::move(note), "{rule}",
                 h.contains("switch_over") && h["switch_over"].is_string()
                     ? h["switch_over"].get<std::string>()
                     : std::string("–"));
  put("{share}", number(h, "hp_share"), 100.0);
  put("{hours}", number(h, "locked_hours"));
  put("{fuel}", number(h, "fuel_amount"));
  note = replace(std::move(note), "{unit}",
                 h.contains("fuel_unit") && h["fuel_unit"].is_string()
                     ? h["fuel_unit"].get<std::string>()
                     : std::string());
  put("{co2}", number(h, "fuel_co2_t"));
  const bool scan = h.contains("scan") && h["scan"].is_array() && !h["scan"].empty();
  return "<section id=\"hybrid\">\n<h2>" + html_escape(m.get("site.hybrid.heading")) +
         "</h2>\n<p class=\"note\">" + html_escape(note) + "</p>\n" +
         (scan ? "<div class=\"row cols-1\">" + chart_div("bivalent") + "</div>\n" : "") +
         "</section>\n";
}

// Solar-thermal collectors and their store ([solar_thermal]): the field, its yield and solar
// fraction, and the chart of each month's collected and delivered heat with the store's
// mean temperature.
std::string solar_section(const json& data, const Messages& m) {
  const json& s = member(data, "solar_thermal");
  if (!s.is_object() || !s.contains("monthly") || !has_array(s["monthly"], "collected_kwh")) {
    return {};
  }
  std::string note = m.get("site.solar.note");
  const auto put = [&](std::string_view key, std::optional<double> v, double scale = 1.0) {
    note = replace(std::move(note), key, v ? num(*v * scale) : "–");
  };
  put("{area}", number(s, "area_m2"));
  put("{volume}", number(s, "store_volume_m3"));
  put("{yield}", number(s, "collected_kwh_per_m2"));
  put("{fraction}", number(s, "solar_fraction"), 100.0);
  return "<section id=\"solar\">\n<h2>" + html_escape(m.get("site.solar.heading")) +
         "</h2>\n<p class=\"note\">" + html_escape(note) + "</p>\n<div class=\"row cols-1\">" +
         chart_div("solar") + "</div>\n</section>\n";
}

// The hourly arrays at the precision a chart can show (1 W, 0.01 K, COP 0.001): a third
// of the bytes of full doubles.
json rounded_hourly(const json& hourly) {
  if (!hourly.is_object()) return hourly;
  json out = json::object();
  for (const auto& [key, values] : hourly.items()) {
    if (!values.is_array()) {
      out[key] = values;
      continue;
    }
    const double scale = key == "t_out_c" ? 100.0 : 1000.0;
    json arr = json::array();
    for (const json& v : values) {
      if (v.is_number_float() && std::isfinite(v.get<double>()))
        arr.push_back(std::round(v.get<double>() * scale) / scale);
      else if (v.is_number())
        arr.push_back(v);
      else
        arr.push_back(nullptr);
    }
    out[key] = std::move(arr);
  }
  return out;
}

}  // namespace

std::string site_html(const nlohmann::json& data, const Messages& messages) {
  if (!data.is_object()) throw InternalError("site report: the results are not a JSON object");
  const Messages& m = messages;

  std::string body = key_figures(data, m);

  // Charts: the containers are laid out here; site.js draws each by its data-chart kind.
  const json& hourly = member(data, "hourly");
  const bool monthly = member(data, "monthly").is_object();
  const bool cop = has_array(hourly, "t_out_c") && has_array(hourly, "cop");
  const bool duration = has_array(hourly, "load_kw");
  if (monthly || cop || duration) {
    body += "<section id=\"performance\">\n<h2>" + html_escape(m.get("site.section.performance")) +
            "</h2>\n";
    if (monthly || cop) {
      body += fmt::format("<div class=\"row cols-{}\">{}{}</div>\n", monthly && cop ? 2 : 1,
                          monthly ? chart_div("monthly") : "", cop ? chart_div("cop") : "");
    }
    if (duration) body += "<div class=\"row cols-1\">" + chart_div("duration") + "</div>\n";
    body += "</section>\n";
  }
  body += cooling_section(data, m);
  body += borefield_section(data, m);
  body += hybrid_section(data, m);
  body += solar_section(data, m);
  // CO2 and cost: drawn when the heat pump or a baseline has a figure for them (with no
  // baseline, the heat pump's own split is still worth a look).
  const bool co2 = any_number(data, {"co2_t", "co2_electricity_t", "co2_refrigerant_t"});
  const bool cost = any_number(data, {"energy_cost_cny", "annual_cost_cny", "lcoh_cny_per_kwh"});
  body +=
      "<section id=\"baselines\">\n<h2>" + html_escape(m.get("site.section.baselines")) + "</h2>\n";
  if (co2 || cost) {
    body += fmt::format("<div class=\"row cols-{}\">{}{}</div>\n", co2 && cost ? 2 : 1,
                        co2 ? chart_div("co2") : "", cost ? chart_div("cost") : "");
  }
  body += baselines_table(data, m);
  body += "</section>\n";
  body += gbt50801(data, m);

  const json all_texts = m.to_json();
  json texts = json::object();
  for (const auto& [k, v] : all_texts.items()) {
    if (k.rfind("site.", 0) == 0) texts[k] = v;
  }
  json results = data;
  if (results.contains("hourly")) results["hourly"] = rounded_hourly(results["hourly"]);

  Page page;
  page.lang = m.lang();
  const std::string name = text(member(data, "site"), "name");
  page.title = name.empty() ? m.get("site.title") : name + " · " + m.get("site.title");
  page.header = header(data, m);
  page.body = std::move(body);
  page.footer = html_escape(m.get("site.footer"));
  page.data = {{"lang", to_string(m.lang())}, {"messages", texts}, {"results", results}};
  page.script = "site.js";
  return render_page(page);
}

}  // namespace heatlift::report
