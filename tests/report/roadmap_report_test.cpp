// report.html assembly: self-contained (library inlined, no external resources), data
// escaped, every text the page script asks for present in the catalogue.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/scenario_io.hpp"
#include "heatlift/report/assets.hpp"
#include "heatlift/report/roadmap_report.hpp"

namespace {

using namespace heatlift;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<fleet::Results> shipped_runs() {
  const core::DataStore data;
  return {fleet::run(fleet::load_scenario(data, "cns")),
          fleet::run(fleet::load_scenario(data, "ngs"))};
}

TEST(ReportAssets, ChartingLibraryIsEmbedded) {
  const std::string_view js = report::asset("echarts.min.js");
  EXPECT_GT(js.size(), 500'000u);
  EXPECT_THAT(std::string(js.substr(0, 2000)), HasSubstr("Apache"));
  EXPECT_THROW((void)report::asset("nope.js"), DataMissing);
}

TEST(RoadmapReport, PageIsSelfContained) {
  const auto runs = shipped_runs();
  const auto m = report::Messages::load(core::DataStore(), report::Lang::zh);
  const std::string html = report::roadmap_html(runs, {}, m);
  EXPECT_THAT(html, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(html, HasSubstr(m.get("report.title")));
  EXPECT_THAT(html, HasSubstr("id=\"heatlift-data\""));
  EXPECT_THAT(html, HasSubstr(std::string(report::asset("echarts.min.js").substr(0, 200))));
  // Nothing is fetched: no external scripts, style sheets or URLs to load.
  EXPECT_THAT(html, Not(HasSubstr("<script src")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  const std::regex external(R"((src|href)\s*=\s*["']https?:)");
  EXPECT_FALSE(std::regex_search(html, external));
}

TEST(RoadmapReport, LanguageSwitchesEveryText) {
  const auto runs = shipped_runs();
  const core::DataStore data;
  const std::string en =
      report::roadmap_html(runs, {}, report::Messages::load(data, report::Lang::en));
  EXPECT_THAT(en, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(en, HasSubstr("\"chart.sales\":\"Annual sales by segment\""));
  EXPECT_THAT(en, Not(HasSubstr("年销量")));
}

TEST(RoadmapReport, DataCannotCloseTheScriptBlock) {
  auto runs = shipped_runs();
  runs[0].title = "</script><script>alert(1)</script><!--";
  const std::string html =
      report::roadmap_html(runs, {}, report::Messages::load(core::DataStore(), report::Lang::en));
  EXPECT_THAT(html, Not(HasSubstr("alert(1)</script>")));
  EXPECT_THAT(html, HasSubstr(R"(\u003c/script>\u003cscript>alert(1))"));
  EXPECT_EQ(report::html_escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  EXPECT_EQ(report::script_json(nlohmann::json("<!--")), "\"\\u003c!--\"");
}

TEST(RoadmapReport, EveryMessageThePageScriptUsesExists) {
  const std::string js(report::asset("roadmap.js"));
  std::set<std::string> keys;
  const std::regex literal(R"([^A-Za-z_]t\('([a-z_.]+)'\))");
  for (std::sregex_iterator it(js.begin(), js.end(), literal), end; it != end; ++it)
    keys.insert((*it)[1]);
  // Keys the script builds from a prefix and a name.
  for (const char* ind :
       {"sales", "stock", "co2_reduction_net", "electricity", "winter_peak", "market_value"})
    keys.insert(std::string("chart.compare_") + ind);
  for (const char* seg : {"sh_household", "sh_commercial", "hw_household", "hw_commercial"})
    keys.insert(std::string("segment.") + seg);
  EXPECT_GT(keys.size(), 20u);
  for (auto lang : {report::Lang::zh, report::Lang::en}) {
    const auto m = report::Messages::load(core::DataStore(), lang);
    for (const auto& k : keys) EXPECT_NE(m.find(k), nullptr) << k;
  }
}

}  // namespace
