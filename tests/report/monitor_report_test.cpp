// report.html of `heatlift monitor report`: the unit's data downsampled for the page (hourly
// means, at most N COP points), the figures in the page, every text escaped, missing parts
// a dash, the chart containers following the data, and every text the page script asks for
// in the catalogue.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <set>
#include <string>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/expected.hpp"
#include "heatlift/operations/kpi.hpp"
#include "heatlift/operations/synthetic.hpp"
#include "heatlift/report/assets.hpp"
#include "heatlift/report/monitor_report.hpp"

namespace {

using namespace heatlift;
namespace op = heatlift::operations;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

report::Messages messages(report::Lang lang) {
  return report::Messages::load(core::DataStore(), lang);
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string visible_markup(const std::string& html) {
  return html.substr(0, html.find("<script"));
}

json data_block(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"heatlift-data\">";
  const std::size_t a = html.find(open) + open.size();
  return json::parse(html.substr(a, html.find("</script>", a) - a));
}

// Three days of 10-minute rows of a 10 kW air-water unit in January: it runs 50 minutes of
// each hour at 6 kW heat for 2 kW (COP 3), then stands by at 20 W; the outdoor temperature
// swings between −5 and +5 °C over a day, the flow is at 35 °C.
struct Fixture {
  op::UnitMeta meta;
  op::Series series;
  Fixture() {
    meta.id = "beijing-001";
    meta.type = "air-water";
    meta.refrigerant = "R32";
    meta.rated_capacity = 10e3;
    meta.install_year = 2013;
    meta.place = "Beijing";
    meta.emitters = "floor";
    meta.product = "evi-r32-10kw";
    const std::int64_t t0 = op::china_midnight(2025, 1, 10);
    for (int i = 0; i < 3 * 144; ++i) {
      const std::size_t r = series.add_row(t0 + 600LL * i, 600);
      const bool on = i % 6 != 5;
      series[op::Channel::heat_hp][r] = on ? 6000.0 : 0.0;
      series[op::Channel::elec_unit][r] = on ? 2000.0 : 20.0;
      series[op::Channel::t_flow][r] = 308.15;
      series[op::Channel::t_return][r] = on ? 303.15 : 306.15;
      series[op::Channel::t_outdoor][r] = 273.15 + 5.0 * std::sin(2 * M_PI * i / 144.0);
      series[op::Channel::rh_outdoor][r] = 0.5;
    }
  }
};

struct Computed {
  Fixture f;
  op::Kpis kpis;
  std::vector<op::Kpis> monthly;
  Computed() : kpis(op::compute_kpis(f.series, f.meta)) {
    monthly = op::kpis_by_period(f.series, f.meta, op::Period::month);
  }
  report::MonitorUnitInput input() const {
    report::MonitorUnitInput in;
    in.meta = &f.meta;
    in.series = &f.series;
    in.kpis = &kpis;
    in.monthly = &monthly;
    in.expected_reason = "no performance map";
    return in;
  }
};

json finding(const std::string& code, const std::string& severity, const std::string& title) {
  return {{"code", code},
          {"unit", "beijing-001"},
          {"period", "2025-01"},
          {"severity", severity},
          {"evidence", json::array({{{"name", "median_on_cycle"}, {"value", 2.5}, {"unit", "min"}},
                                    {{"name", "cycles"}, {"value", 412}, {"unit", ""}}})},
          {"title", title},
          {"diagnosis", "The compressor starts too often."},
          {"action", "Restore the anti-short-cycle timer."}};
}

TEST(MonitorUnitJson, MinuteDataBecomesHourlyMeans) {
  const Computed c;
  const json u = report::monitor_unit_json(c.input());
  const json& h = u["hourly"];
  ASSERT_EQ(h["h"].size(), 72u) << "three days of hours";
  EXPECT_EQ(h["h"][0], 0);
  EXPECT_EQ(h["h"][71], 71);
  EXPECT_EQ(h["t0"].get<std::int64_t>(), c.f.series.t.front());
  // Five of six rows at 6 kW, one at 0: 5 kW; electricity (5·2000 + 20) / 6 W.
  EXPECT_NEAR(h["heat_kw"][0].get<double>(), 5.0, 1e-9);
  EXPECT_NEAR(h["elec_kw"][0].get<double>(), (5 * 2.0 + 0.02) / 6, 1e-3);
  EXPECT_NEAR(h["t_flow_c"][0].get<double>(), 35.0, 1e-9);
  ASSERT_TRUE(h["t_out_c"][12].is_number());
  EXPECT_LT(std::abs(h["t_out_c"][0].get<double>()), 5.0);
  // Histogram edges as written (0.3, not 0.30000000000000004).
  ASSERT_GT(u["part_load"]["lower"].size(), 3u);
  EXPECT_EQ(u["part_load"]["lower"][3].dump(), "0.3");
  // The unit's facts in the units people read.
  EXPECT_DOUBLE_EQ(u["unit"]["capacity_kw"].get<double>(), 10.0);
  EXPECT_EQ(u["unit"]["age_years"], 12) << "2025 − 2013";
  EXPECT_EQ(u["window"]["rows"], 432);
  EXPECT_EQ(u["window"]["from"], "2025-01-09T16:00:00Z") << "midnight in China time";
  EXPECT_TRUE(u["expected"]["residual"].is_null());
  EXPECT_EQ(u["expected"]["reason"], "no performance map");
}

TEST(MonitorUnitJson, AMissingChannelIsNullInItsHours) {
  Computed c;
  for (int i = 0; i < 6; ++i) c.f.series[op::Channel::t_flow][i] = std::nan("");
  const json u = report::monitor_unit_json(c.input());
  EXPECT_TRUE(u["hourly"]["t_flow_c"][0].is_null());
  EXPECT_TRUE(u["hourly"]["t_flow_c"][1].is_number());
}

TEST(MonitorUnitJson, CopPointsAreThinnedEvenly) {
  const Computed c;
  report::MonitorUnitInput in = c.input();
  const json all = report::monitor_unit_json(in)["cop"];
  const std::size_t running = all["intervals"];
  EXPECT_EQ(running, 360u) << "five of six rows run";
  EXPECT_EQ(all["cop"].size(), running);
  EXPECT_NEAR(all["cop"][0].get<double>(), 3.0, 1e-9);
  in.max_scatter_points = 100;
  const json few = report::monitor_unit_json(in)["cop"];
  EXPECT_EQ(few["cop"].size(), 100u);
  EXPECT_EQ(few["t_out_c"].size(), 100u);
  EXPECT_EQ(few["cop_expected"].size(), 100u);
  EXPECT_TRUE(few["cop_expected"][0].is_null()) << "no expected performance given";
}

TEST(MonitorUnitJson, WithItsProductTheExpectedCopIsThere) {
  Computed c;
  const core::DataStore data = core::DataStore::from_environment(std::nullopt);
  const fluids::FluidLibrary fl(data);
  const equipment::ProductLibrary products(data, fl);
  const op::UnitModel model = op::resolve_model(c.f.meta, &products);
  const op::ExpectedResult e = op::expected_performance(c.f.series, c.f.meta, model);
  report::MonitorUnitInput in = c.input();
  in.expected = &e;
  in.model_origin = model.origin;
  in.expected_reason.clear();
  const json u = report::monitor_unit_json(in);
  ASSERT_TRUE(u["expected"]["spf_expected"].is_number()) << u["expected"].dump();
  EXPECT_GT(u["expected"]["spf_expected"].get<double>(), 1.5);
  EXPECT_NEAR(
      u["expected"]["residual"].get<double>(),
      u["expected"]["spf_measured"].get<double>() / u["expected"]["spf_expected"].get<double>() -
          1.0,
      1e-9);
  EXPECT_THAT(u["unit"]["model"].get<std::string>(), HasSubstr("evi-r32-10kw"));
  int with_expected = 0;
  for (const json& v : u["cop"]["cop_expected"]) with_expected += v.is_number();
  EXPECT_GT(with_expected, 300);
  ASSERT_EQ(u["monthly"]["month"].size(), 1u);
  EXPECT_EQ(u["monthly"]["month"][0], "2025-01");
  EXPECT_TRUE(u["monthly"]["spf_expected"][0].is_number());

  const std::string page =
      report::monitor_html({{"units", json::array({u})}}, messages(report::Lang::en));
  EXPECT_THAT(page, HasSubstr(fmt::format("expected SPF {:.2f}",
                                          u["expected"]["spf_expected"].get<double>())));
}

TEST(MonitorReport, HeaderKeyFiguresAndFindings) {
  const Computed c;
  report::MonitorUnitInput in = c.input();
  in.findings = json::array({finding("short_cycling", "warning", "Short cycling")});
  in.model_origin = "product evi-r32-10kw";
  in.findings_skipped =
      json::array({{{"code", "oversized"}, {"reason", "fewer than 20 heating days"}}});
  const json u = report::monitor_unit_json(in);
  const std::string page = report::monitor_html(
      {{"from", "2025-01-10"}, {"to", "2025-01-13"}, {"units", json::array({u})}},
      messages(report::Lang::zh));
  const std::string markup = visible_markup(page);
  EXPECT_THAT(page, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(markup, HasSubstr("热泵运行监测报告"));
  EXPECT_THAT(markup, HasSubstr("<h1>beijing-001</h1>"));
  EXPECT_THAT(markup, HasSubstr("<dd>R32</dd>"));
  EXPECT_THAT(markup, HasSubstr("<dd>10 kW</dd>"));
  EXPECT_THAT(markup, HasSubstr("<dd>Beijing</dd>"));
  EXPECT_THAT(markup, HasSubstr("12 年（2013 年投运）"));
  EXPECT_THAT(markup, HasSubstr("<dd>product evi-r32-10kw</dd>"));
  EXPECT_THAT(markup, HasSubstr("<dd>2025-01-10 至 2025-01-12，432 行</dd>")) << "China time";
  EXPECT_THAT(markup, HasSubstr("空气源热泵"));
  EXPECT_THAT(markup, HasSubstr("地板辐射供暖"));
  // SPF H1 = 6000·5 / (2000·5 + 20) over the hours: 2.99.
  const double spf = 30000.0 / 10020.0;
  EXPECT_THAT(markup, HasSubstr(fmt::format("<span class=\"v\">{:.2f}</span>", spf)));
  EXPECT_THAT(markup, HasSubstr("<span class=\"v\">60<small>h</small></span>"))
      << "60 of 72 hours running";
  // The findings table: title, code, severity in the page's language, evidence, diagnosis.
  EXPECT_THAT(markup, HasSubstr("<b>Short cycling</b><br><code>short_cycling</code>"));
  EXPECT_THAT(markup, HasSubstr("警告"));
  EXPECT_THAT(markup, HasSubstr("median_on_cycle = 2.5 min; cycles = 412"));
  EXPECT_THAT(markup, HasSubstr("The compressor starts too often."));
  EXPECT_THAT(markup, HasSubstr("Restore the anti-short-cycle timer."));
  EXPECT_THAT(markup, HasSubstr("未检查：oversized (fewer than 20 heating days)"));
  // Five charts; one unit, no overview table.
  EXPECT_EQ(count(markup, "data-chart="), 5);
  for (const char* kind : {"series", "cop", "monthly", "cycles", "part_load"})
    EXPECT_THAT(markup, HasSubstr(fmt::format("data-chart=\"{}\" data-unit=\"0\"", kind)));
  EXPECT_THAT(markup, Not(HasSubstr("id=\"overview\"")));
  EXPECT_THAT(page, HasSubstr(std::string(report::asset("monitor.js").substr(0, 200))));
  EXPECT_THAT(page, Not(HasSubstr("src=\"http")));
}

TEST(MonitorReport, HostileTextIsEscaped) {
  Computed c;
  c.f.meta.id = "<img src=x onerror=alert(1)>";
  c.f.meta.place = "</script><script>alert(2)</script>";
  report::MonitorUnitInput in = c.input();
  json f = finding("short_cycling", "warning", "<b>bold</b>");
  f["diagnosis"] = "a & b <i>";
  f["evidence"][0]["unit"] = "<u>";
  in.findings = json::array({f});
  const json u = report::monitor_unit_json(in);
  const std::string page = report::monitor_html(
      {{"title", "<h1>x</h1>"}, {"units", json::array({u, u})}}, messages(report::Lang::en));
  const std::string markup = visible_markup(page);
  EXPECT_THAT(page, Not(HasSubstr("<img src=x")));
  EXPECT_THAT(page, Not(HasSubstr("</script><script>alert(2)")));
  EXPECT_THAT(markup, Not(HasSubstr("<b>bold</b>")));
  EXPECT_THAT(markup, Not(HasSubstr("<u>")));
  EXPECT_THAT(markup, HasSubstr("&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_THAT(markup, HasSubstr("&lt;b&gt;bold&lt;/b&gt;"));
  EXPECT_THAT(markup, HasSubstr("a &amp; b &lt;i&gt;"));
  EXPECT_THAT(markup, HasSubstr("<h1>&lt;h1&gt;x&lt;/h1&gt;</h1>"));
  // The data block keeps the text, with '<' written so it cannot close the block.
  const json d = data_block(page);
  EXPECT_EQ(d["results"]["units"][0]["unit"]["place"], c.f.meta.place);
  // Two units: the overview links to each.
  EXPECT_THAT(markup, HasSubstr("id=\"overview\""));
  EXPECT_THAT(markup, HasSubstr("<a href=\"#unit-1\">"));
  EXPECT_EQ(count(markup, "data-chart="), 10);
}

TEST(MonitorReport, MissingPartsLeaveADash) {
  json u = {{"unit", {{"id", "u1"}}}};
  const std::string page =
      report::monitor_html({{"units", json::array({u})}}, messages(report::Lang::en));
  const std::string markup = visible_markup(page);
  EXPECT_THAT(page, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(markup, HasSubstr("Heat-pump monitoring report"));
  // Every figure a dash: four SPFs, hours, starts, defrost, back-up, Carnot, residual, trend.
  EXPECT_EQ(count(markup, "<span class=\"v\">\u2013</span>"), 11);
  EXPECT_THAT(markup, HasSubstr("<dt>Refrigerant</dt><dd>\u2013</dd>"));
  EXPECT_THAT(markup, HasSubstr("<dt>Age</dt><dd>\u2013</dd>"));
  EXPECT_THAT(markup, HasSubstr("No fault or anomaly found."));
  EXPECT_EQ(count(markup, "data-chart="), 0);

  // Nulls everywhere in a full document: dashes, no chart without numbers.
  const Computed c;
  json full = report::monitor_unit_json(c.input());
  for (auto& [k, v] : full["kpis"].items())
    if (!v.is_array()) v = nullptr;
  full["kpis"]["spf"] = json::array();
  for (auto& v : full["hourly"]["heat_kw"]) v = nullptr;
  for (auto& v : full["hourly"]["elec_kw"]) v = nullptr;
  for (auto& v : full["hourly"]["t_flow_c"]) v = nullptr;
  for (auto& v : full["hourly"]["t_out_c"]) v = nullptr;
  full["on_cycles"] = nullptr;
  full["findings"] = "not an array";
  full["findings_reason"] = "no performance map";
  const std::string p2 =
      visible_markup(report::monitor_html({{"units", {full}}}, messages(report::Lang::en)));
  EXPECT_EQ(count(p2, "<span class=\"v\">\u2013</span>"), 11);
  EXPECT_THAT(p2, HasSubstr("not metered"));
  EXPECT_THAT(p2, HasSubstr("Findings not evaluated: no performance map"));
  EXPECT_THAT(p2, Not(HasSubstr("data-chart=\"series\"")));
  EXPECT_THAT(p2, Not(HasSubstr("data-chart=\"cycles\"")));
  EXPECT_THAT(p2, HasSubstr("data-chart=\"cop\""));
  EXPECT_THAT(p2, HasSubstr("data-chart=\"part_load\""));

  // No units at all.
  const std::string p3 =
      report::monitor_html({{"units", json::array()}}, messages(report::Lang::zh));
  EXPECT_THAT(p3, HasSubstr("没有可报告的机组。"));
  EXPECT_THROW(report::monitor_html(json::array(), messages(report::Lang::zh)), InternalError);
}

TEST(MonitorReport, RequiredInputsAreChecked) {
  report::MonitorUnitInput in;
  EXPECT_THROW(report::monitor_unit_json(in), InternalError);
}

TEST(MonitorReport, EveryMessageThePageScriptUsesExists) {
  const std::string js(report::asset("monitor.js"));
  std::set<std::string> keys;
  const std::regex literal(R"([^A-Za-z_]t\('([a-z0-9_.]+)'\))");
  for (std::sregex_iterator it(js.begin(), js.end(), literal), end; it != end; ++it)
    keys.insert((*it)[1]);
  EXPECT_GT(keys.size(), 20u);
  for (const auto lang : {report::Lang::zh, report::Lang::en}) {
    const auto m = messages(lang);
    for (const auto& k : keys) EXPECT_NE(m.find(k), nullptr) << k;
  }
}

}  // namespace
