// report.html of `heatlift site run`: self-contained, every text escaped, both languages,
// robust to nulls, missing parts and an empty list of baselines; the chart containers
// follow the data; every text the page script asks for is in the catalogue.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <set>
#include <string>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/report/assets.hpp"
#include "heatlift/report/site_report.hpp"
#include "report/site_fixture.hpp"

namespace {

using namespace heatlift;
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

// The page without the inlined charting library, whose code mentions XML namespaces.
std::string without_library(std::string html) {
  const std::string library(report::asset("echarts.min.js"));
  const std::size_t at = html.find(library);
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos) html.erase(at, library.size());
  return html;
}

// The page's markup: everything before its scripts (the charting library, the data block,
// which keeps both languages' names of the baselines, and site.js).
std::string visible_markup(const std::string& html) {
  return html.substr(0, html.find("<script"));
}

// The data block, parsed.
json data_block(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"heatlift-data\">";
  const std::size_t a = html.find(open) + open.size();
  return json::parse(html.substr(a, html.find("</script>", a) - a));
}

TEST(SiteFixture, IsARealisticYear) {
  const json d = test::site_fixture();
  EXPECT_EQ(d["hourly"]["t_out_c"].size(), 8760u);
  EXPECT_EQ(d["hourly"]["cop"].size(), 8760u);
  const double load = d["annual"]["load_kwh"];
  EXPECT_GT(load, 8000.0);
  EXPECT_LT(load, 30000.0);
  const double spf = d["annual"]["spf_h4"];
  EXPECT_GT(spf, 2.0);
  EXPECT_LT(spf, 3.5);
  EXPECT_GT(d["annual"]["backup_heat_kwh"].get<double>(), 0.0);
  EXPECT_TRUE(d["annual"]["bivalent_point_c"].is_number());
}

TEST(SiteReport, PageIsSelfContained) {
  const auto m = messages(report::Lang::zh);
  const std::string html = report::site_html(test::site_fixture(), m);
  EXPECT_THAT(html, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(html, HasSubstr("id=\"heatlift-data\""));
  EXPECT_THAT(html, HasSubstr(std::string(report::asset("echarts.min.js").substr(0, 200))));
  EXPECT_THAT(html, HasSubstr(std::string(report::asset("site.js").substr(0, 200))));
  // Nothing is fetched: no external scripts, style sheets, images or URLs to load.
  EXPECT_THAT(html, Not(HasSubstr("<script src")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*["']?\s*(https?:)?//)")));
  const std::string own = without_library(html);
  EXPECT_THAT(own, Not(HasSubstr("<img")));
  EXPECT_THAT(own, Not(HasSubstr("http://")));
  EXPECT_THAT(own, Not(HasSubstr("https://")));
  EXPECT_THAT(own, Not(HasSubstr("src=")));
}

TEST(SiteReport, ChineseByDefaultWithHeaderAndKeyFigures) {
  const json d = test::site_fixture();
  const std::string html = report::site_html(d, messages(report::Lang::zh));
  const std::string page = visible_markup(without_library(html));
  EXPECT_THAT(page, HasSubstr("<title>石家庄近郊农宅 · 热泵项目评估</title>"));
  EXPECT_THAT(page, HasSubstr("<h1>石家庄近郊农宅</h1>"));
  EXPECT_THAT(page, HasSubstr("<dd>石家庄</dd>"));
  EXPECT_THAT(page, HasSubstr("<dd>寒冷地区</dd>"));
  EXPECT_THAT(page, HasSubstr("<dd>\u22126.2 °C</dd>"));
  EXPECT_THAT(page, HasSubstr("<dd>空气源</dd>"));
  EXPECT_THAT(page, HasSubstr("<dd>10 kW</dd>"));
  EXPECT_THAT(page, HasSubstr("<dd>R32</dd>"));
  // SPF H1–H4 with two decimals, each once.
  for (int h = 1; h <= 4; ++h) {
    const double spf = d["annual"][fmt::format("spf_h{}", h)];
    EXPECT_EQ(count(page, fmt::format("SPF <b>H{}</b>", h)), 1);
    EXPECT_THAT(page, HasSubstr(fmt::format("<span class=\"v\">{:.2f}</span>", spf)));
  }
  EXPECT_THAT(page, HasSubstr("平衡点温度"));
  EXPECT_THAT(page, HasSubstr("辅助热源占比"));
  EXPECT_THAT(page, HasSubstr("供热不足小时数"));
  // The baselines' table in Chinese names, the GB/T 50801 block with its grade.
  EXPECT_THAT(page, HasSubstr("<th scope=\"row\">散煤炉</th>"));
  EXPECT_THAT(page, HasSubstr("<th scope=\"row\">燃气壁挂炉</th>"));
  EXPECT_THAT(page, HasSubstr("m³"));
  EXPECT_THAT(page, HasSubstr("GB/T 50801-2013"));
  EXPECT_THAT(page, HasSubstr("2级"));
  EXPECT_EQ(count(page, "data-chart=\""), 5);
}

TEST(SiteReport, EnglishSwitchesEveryText) {
  const std::string html = report::site_html(test::site_fixture("Rural house near Shijiazhuang"),
                                             messages(report::Lang::en));
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  const std::string page = visible_markup(without_library(html));
  EXPECT_THAT(page, HasSubstr("<h1>Rural house near Shijiazhuang</h1>"));
  EXPECT_THAT(page, HasSubstr("<dd>Shijiazhuang</dd>"));
  EXPECT_THAT(page, HasSubstr("<dd>Cold</dd>"));
  EXPECT_THAT(page, HasSubstr("Heat-pump site assessment"));
  EXPECT_THAT(page, HasSubstr("<th scope=\"row\">Scattered-coal stove</th>"));
  EXPECT_THAT(page, HasSubstr("Grade 2"));
  // No Chinese outside the data block: every visible text comes from the en catalogue.
  EXPECT_FALSE(std::regex_search(page, std::regex("\xE4[\xB8-\xBF]|[\xE5-\xE9][\x80-\xBF]")))
      << "Chinese text in the English page";
  EXPECT_THAT(html, HasSubstr("\"site.chart.cop\":\"Hourly COP against outdoor temperature\""));
}

TEST(SiteReport, HostileTextIsEscaped) {
  const std::string evil = "<script>alert(\"x\")</script> & 'q' <!--";
  json d = test::site_fixture(evil);
  d["site"]["city_zh"] = evil;
  d["site"]["zone"] = evil;
  d["heat_pump"]["name"] = evil;
  d["heat_pump"]["refrigerant"] = evil;
  d["baselines"][0]["name_zh"] = evil;
  d["baselines"][0]["fuel"] = evil;
  d["baselines"][0]["fuel_unit"] = evil;
  const std::string html = report::site_html(d, messages(report::Lang::zh));
  const std::string escaped =
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;!--";
  EXPECT_THAT(html, HasSubstr("<title>" + escaped));
  EXPECT_THAT(html, HasSubstr("<h1>" + escaped + "</h1>"));
  EXPECT_GE(count(html, escaped), 8);
  EXPECT_THAT(html, Not(HasSubstr("<script>alert(")));
  EXPECT_THAT(html, Not(HasSubstr("alert(\"x\")</script>")));
  EXPECT_THAT(html, HasSubstr(R"(\u003cscript>alert(\"x\")\u003c/script>)"));
  // The page still has exactly its own three script elements, and its data intact.
  EXPECT_EQ(count(html, "</script>"), 3);
  EXPECT_EQ(count(visible_markup(html), "<script"), 0);
  EXPECT_EQ(data_block(html)["results"]["site"]["name"], evil);
}

TEST(SiteReport, Gbt50801NamesItsElectricityToCoalFactorAndTheOther) {
  // site_output.cpp writes D and the substitution with the other preset; the page shows both.
  json d = test::site_fixture();
  d["gbt50801"]["electricity_to_coal_basis"] = "calorific_equivalent";
  d["gbt50801"]["electricity_to_coal_kgce_per_kwh"] = 0.12284;
  d["gbt50801"]["alternative"] = {{"electricity_to_coal_basis", "generation_based_2022"},
                                  {"electricity_to_coal_kgce_per_kwh", 0.3007},
                                  {"substituted_kgce", 630.0}};
  const auto m = messages(report::Lang::en);
  const std::string page = visible_markup(without_library(report::site_html(d, m)));
  EXPECT_THAT(page, HasSubstr("<span class=\"v\">0.1228</span><span "
                              "class=\"n\">calorific_equivalent</span>"));
  EXPECT_THAT(page, HasSubstr("Substituted with D = 0.3007 kgce/kWh (generation_based_2022)"));
}

// A site that only cools: summary.json's heating system COP and grade are null beside a
// cooling evaluation; the page says the heating evaluation does not apply instead of a dash
// and "below grade 3", and still grades the cooling season.
TEST(SiteReport, Gbt50801OfACoolingOnlySiteSaysHeatingDoesNotApply) {
  json d = test::site_fixture();
  d["gbt50801"]["system_cop"] = nullptr;
  d["gbt50801"]["grade"] = nullptr;
  d["cooling"] = {{"gbt50801", {{"system_eer", 3.9}, {"grade", 1}}}};
  for (const auto lang : {report::Lang::zh, report::Lang::en}) {
    const auto m = messages(lang);
    const std::string page = visible_markup(without_library(report::site_html(d, m)));
    EXPECT_EQ(count(page, m.get("site.gbt.not_applicable")), 2);
    EXPECT_THAT(page, Not(HasSubstr(m.get("site.gbt.not_graded"))));
    EXPECT_THAT(page, HasSubstr(m.get("site.gbt.system_eer")));
  }
  // A heated site whose COP is unknown keeps the dash: "not applicable" needs the cooling.
  d.erase("cooling");
  const auto m = messages(report::Lang::en);
  const std::string page = visible_markup(without_library(report::site_html(d, m)));
  EXPECT_THAT(page, Not(HasSubstr(m.get("site.gbt.not_applicable"))));
}

// A unit that recovers condenser heat in cooling hours: the heat-delivered card counts it
// (summary.json's annual heat pump figures leave it out) and says how much it was.
TEST(SiteReport, HeatDeliveredCountsTheHeatRecovered) {
  json d = test::site_fixture();
  d["annual"]["hp_heat_kwh"] = 1000.0;
  d["annual"]["backup_heat_kwh"] = 100.0;
  d["cooling"] = {{"heat_recovery", {{"enabled", true}, {"recovered_kwh", 500.0}}}};
  const auto m = messages(report::Lang::en);
  const std::string page = visible_markup(without_library(report::site_html(d, m)));
  EXPECT_THAT(page, HasSubstr("1,600"));
  EXPECT_THAT(page, HasSubstr("condenser heat recovered 500 kWh"));
  d["cooling"]["heat_recovery"]["recovered_kwh"] = 0.0;
  const std::string none = visible_markup(without_library(report::site_html(d, m)));
  EXPECT_THAT(none, Not(HasSubstr("condenser heat recovered")));
}

TEST(SiteReport, NullsAndNoBaselines) {
  json d = test::site_fixture();
  for (auto& [k, v] : d["annual"].items()) v = nullptr;
  for (auto& [k, v] : d["heat_pump_accounts"].items()) v = nullptr;
  for (auto& [k, v] : d["gbt50801"].items()) v = nullptr;
  d["site"]["t_design_c"] = nullptr;
  d["heat_pump"]["capacity_kw"] = nullptr;
  d["baselines"] = json::array();
  for (const auto lang : {report::Lang::zh, report::Lang::en}) {
    const auto m = messages(lang);
    const std::string page = visible_markup(without_library(report::site_html(d, m)));
    EXPECT_THAT(page, HasSubstr(m.get("site.no_baselines")));
    EXPECT_THAT(page, HasSubstr(m.get("site.gbt.not_graded")));
    // Nothing known of the back-up heat: no claim that the heat pump needed none.
    EXPECT_THAT(page, Not(HasSubstr(m.get("site.kpi.bivalent_none"))));
    EXPECT_THAT(page, HasSubstr("<span class=\"v\">\u2013</span>"));
    EXPECT_THAT(page, Not(HasSubstr("<table")));
    EXPECT_THAT(page, Not(HasSubstr(m.get("site.fact.t_design"))));
    EXPECT_FALSE(std::regex_search(page, std::regex(">-?(nan|inf)")));
    // Monthly, COP and load duration; no CO2 or cost figure to draw.
    EXPECT_EQ(count(page, "data-chart=\""), 3);
  }
}

TEST(SiteReport, NoBaselinesStillShowsTheHeatPumpsOwnAccounts) {
  json d = test::site_fixture();
  d["baselines"] = json::array();
  d["annual"]["bivalent_point_c"] = nullptr;
  d["annual"]["backup_heat_kwh"] = 0;
  const auto m = messages(report::Lang::zh);
  const std::string page = visible_markup(report::site_html(d, m));
  EXPECT_THAT(page, HasSubstr(m.get("site.no_baselines")));
  EXPECT_THAT(page, HasSubstr(m.get("site.kpi.bivalent_none")));
  EXPECT_THAT(page, HasSubstr("data-chart=\"co2\""));
  EXPECT_THAT(page, HasSubstr("data-chart=\"cost\""));
  d["heat_pump_accounts"]["energy_cost_cny"] = nullptr;
  d["heat_pump_accounts"]["annual_cost_cny"] = nullptr;
  d["heat_pump_accounts"]["lcoh_cny_per_kwh"] = nullptr;
  const std::string no_cost = visible_markup(report::site_html(d, m));
  EXPECT_THAT(no_cost,
              HasSubstr("<div class=\"row cols-1\"><div class=\"chart\" id=\"chart-co2\""));
  EXPECT_THAT(no_cost, Not(HasSubstr("data-chart=\"cost\"")));
}

TEST(SiteReport, NeverPaysBackIsWrittenOut) {
  json d = test::site_fixture();
  // The summary writes "never" when the heat pump saves nothing (site_output.cpp); an older
  // summary's null beside a saving <= 0 reads the same; a null with no saving is a dash.
  d["baselines"][2]["payback_years"] = "never";
  d["baselines"][2]["npv_cny"] = -3000;
  d["baselines"][1].erase("payback_years");
  d["baselines"][1]["cost_saving_cny"] = -120.0;
  const auto m = messages(report::Lang::en);
  const std::string page = visible_markup(without_library(report::site_html(d, m)));
  EXPECT_EQ(count(page, "<td class=\"num neg\">never</td>"), 2);
  d["baselines"][0]["payback_years"] = nullptr;
  d["baselines"][0].erase("cost_saving_cny");
  const std::string none = visible_markup(without_library(report::site_html(d, m)));
  EXPECT_EQ(count(none, "<td class=\"num neg\">never</td>"), 2);
  EXPECT_THAT(page, HasSubstr("<td class=\"num neg\">\u22123,000</td>"));
}

TEST(SiteReport, ChartsFollowTheData) {
  json d = test::site_fixture();
  d.erase("hourly");
  std::string page = visible_markup(report::site_html(d, messages(report::Lang::zh)));
  EXPECT_EQ(count(page, "data-chart=\""), 3);
  EXPECT_THAT(page, Not(HasSubstr("data-chart=\"cop\"")));
  d.erase("monthly");
  d.erase("heat_pump_accounts");
  d["baselines"] = json::array();
  page = visible_markup(report::site_html(d, messages(report::Lang::zh)));
  EXPECT_EQ(count(page, "data-chart=\""), 0);
  // Only the header's name is required of nothing.
  page = report::site_html(json::object(), messages(report::Lang::en));
  EXPECT_THAT(page, HasSubstr("<h1>Heat-pump site assessment</h1>"));
  EXPECT_THROW((void)report::site_html(json::array(), messages(report::Lang::zh)), InternalError);
}

TEST(SiteReport, HourlyDataIsRoundedForThePage) {
  const std::string html = report::site_html(test::site_fixture(), messages(report::Lang::zh));
  const std::string own = without_library(html);
  // Six hourly series of 8,760 values in well under a megabyte.
  EXPECT_LT(own.size(), 600'000u);
  const json hourly = data_block(html)["results"]["hourly"];
  ASSERT_EQ(hourly["load_kw"].size(), 8760u);
  for (const auto& [key, values] : hourly.items()) {
    for (const json& v : values) {
      if (v.is_null()) continue;
      const double scaled = v.get<double>() * (key == "t_out_c" ? 100 : 1000);
      ASSERT_NEAR(scaled, std::round(scaled), 1e-6) << key;
    }
  }
  EXPECT_TRUE(hourly["cop"][4000].is_null());  // summer: the unit is off
}

TEST(SiteReport, LargeSitesInMegawattHours) {
  json d = test::site_fixture("供热站");
  test::scale_site(d, 1000);
  const std::string page = visible_markup(report::site_html(d, messages(report::Lang::zh)));
  EXPECT_THAT(page, HasSubstr("<small>MWh</small>"));
  EXPECT_THAT(page, HasSubstr("<dd>10,000 kW</dd>"));
  const double spf = d["annual"]["spf_h1"];
  EXPECT_THAT(page, HasSubstr(fmt::format("<span class=\"v\">{:.2f}</span>", spf)));
}

TEST(SiteReport, EveryMessageThePageScriptUsesExists) {
  const std::string js(report::asset("site.js"));
  std::set<std::string> keys;
  const std::regex literal(R"([^A-Za-z_]t\('([a-z0-9_.]+)'\))");
  for (std::sregex_iterator it(js.begin(), js.end(), literal), end; it != end; ++it)
    keys.insert((*it)[1]);
  EXPECT_GT(keys.size(), 25u);
  for (const auto lang : {report::Lang::zh, report::Lang::en}) {
    const auto m = messages(lang);
    for (const auto& k : keys) EXPECT_NE(m.find(k), nullptr) << k;
    const auto months = m.get("site.months");
    EXPECT_EQ(count(months, ","), 11);
  }
}

}  // namespace

// A borefield's section appears only with summary.json's ground_loop, with its figures in the
// note and the chart of the brine by year.
// A hybrid's section names the boiler, its rule, the heat pump's share and the fuel; the
// bivalent-point chart appears only with a scan.
TEST(SiteReport, HybridSectionFollowsTheBoiler) {
  json d = test::site_fixture();
  std::string page = visible_markup(report::site_html(d, messages(report::Lang::en)));
  EXPECT_THAT(page, Not(HasSubstr("id=\"hybrid\"")));
  d["hybrid"] = {{"boiler_name", "gas boiler, non-condensing"},
                 {"switch_over", "cost"},
                 {"hp_share", 0.558},
                 {"locked_hours", 281},
                 {"fuel_amount", 13540.6},
                 {"fuel_unit", "m3"},
                 {"fuel_co2_t", 29.26},
                 {"scan", json::array()}};
  page = visible_markup(report::site_html(d, messages(report::Lang::en)));
  EXPECT_THAT(page, HasSubstr("the heat pump gives 55.8 % of the heat"));
  EXPECT_THAT(page, Not(HasSubstr("data-chart=\"bivalent\"")));
  d["hybrid"]["scan"] = {
      {{"bivalent_point_c", -5.0}, {"running_cost_cny", 1000.0}, {"co2_t", 2.0}}};
  page = visible_markup(report::site_html(d, messages(report::Lang::en)));
  EXPECT_THAT(page, HasSubstr("data-chart=\"bivalent\""));
}

// Solar-thermal collectors get their section and chart only when summary.json has them.
TEST(SiteReport, SolarSectionFollowsTheCollectors) {
  json d = test::site_fixture();
  std::string page = visible_markup(report::site_html(d, messages(report::Lang::en)));
  EXPECT_THAT(page, Not(HasSubstr("data-chart=\"solar\"")));
  json months = json::array();
  for (int i = 0; i < 12; ++i) months.push_back(100.0 * i);
  d["solar_thermal"] = {
      {"area_m2", 600.0},
      {"store_volume_m3", 1500.0},
      {"collected_kwh_per_m2", 574.1},
      {"solar_fraction", 0.734},
      {"monthly",
       {{"collected_kwh", months}, {"delivered_kwh", months}, {"store_temperature_c", months}}}};
  page = visible_markup(report::site_html(d, messages(report::Lang::en)));
  EXPECT_THAT(page, HasSubstr("data-chart=\"solar\""));
  EXPECT_THAT(page, HasSubstr("600 m² of collectors"));
  EXPECT_THAT(page, HasSubstr("solar fraction 73.4 %"));
}

TEST(SiteReport, BorefieldSectionFollowsTheGroundLoop) {
  json d = test::site_fixture();
  std::string page = visible_markup(report::site_html(d, messages(report::Lang::en)));
  EXPECT_THAT(page, Not(HasSubstr("data-chart=\"borefield\"")));
  d["ground_loop"] = {{"boreholes", 50},
                      {"length_m", 100.0},
                      {"years", 25},
                      {"drift_k", -3.77},
                      {"borehole_resistance_mk_per_w", 0.0999},
                      {"ground_temperature_c", 19.0},
                      {"fluid_min_c", {10.1, 9.6}},
                      {"fluid_mean_c", {18.1, 17.6}},
                      {"fluid_max_c", {19.0, 18.2}}};
  page = visible_markup(report::site_html(d, messages(report::Lang::en)));
  EXPECT_THAT(page, HasSubstr("data-chart=\"borefield\""));
  EXPECT_THAT(page, HasSubstr("50 boreholes × 100 m"));
  EXPECT_THAT(page, HasSubstr("3.77 K over 25 years"));
}
