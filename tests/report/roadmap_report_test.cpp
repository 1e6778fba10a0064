// report.html assembly: self-contained (library inlined, no external resources), data
// escaped, every text the page script asks for present in the catalogue.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/physics.hpp"
#include "heatlift/fleet/regions.hpp"
#include "heatlift/fleet/regions_io.hpp"
#include "heatlift/fleet/scenario_io.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/report/assets.hpp"
#include "heatlift/report/roadmap_report.hpp"
#include "heatlift/site/site_case.hpp"

namespace {

using namespace heatlift;
using fleet::Indicator;
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
  // The map's indicators: their names and units.
  for (const char* ind : {"co2_reduction_net", "heat", "electricity", "winter_peak", "stock"}) {
    keys.insert(std::string("indicator.") + ind);
    keys.insert(std::string("unit.") + ind);
  }
  EXPECT_GT(keys.size(), 50u);
  for (auto lang : {report::Lang::zh, report::Lang::en}) {
    const auto m = report::Messages::load(core::DataStore(), lang);
    for (const auto& k : keys) EXPECT_NE(m.find(k), nullptr) << k;
  }
}

// ---- bottom-up: map, provinces, peak days, cells ----

// CNS and NGS run bottom-up, as `heatlift roadmap` does, with their regional results.
struct BottomUpWorld {
  core::DataStore data;
  fluids::FluidLibrary fluids{data};
  equipment::ProductLibrary products{data, fluids};
  site::SiteLibraries lib{data, products};
  fleet::ProvinceTable provinces = fleet::load_provinces(data);
  fleet::CellCatalogue catalogue = fleet::load_cell_catalogue(data);
  std::vector<fleet::Scenario> scenarios{fleet::load_scenario(data, "cns"),
                                         fleet::load_scenario(data, "ngs")};
  std::vector<fleet::FleetPhysics> physics;
  std::vector<fleet::Results> runs;
  std::vector<fleet::RegionalResults> regional;
  BottomUpWorld() {
    for (const auto& sc : scenarios)
      physics.push_back(fleet::simulate_fleet(sc, provinces, catalogue, lib));
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      runs.push_back(fleet::run(scenarios[i], &physics[i]));
      regional.push_back(fleet::allocate(scenarios[i], runs[i], provinces, &physics[i]));
    }
  }
  report::BottomUpPage page() const {
    report::BottomUpPage p;
    p.provinces = &provinces;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      p.scenarios.push_back(&scenarios[i]);
      p.physics.push_back(&physics[i]);
      p.regional.push_back(&regional[i]);
    }
    return p;
  }
};

const BottomUpWorld& world() {
  static const auto w = std::make_unique<BottomUpWorld>();
  return *w;
}

// The data block of a page.
nlohmann::json page_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"heatlift-data\">";
  const std::size_t a = html.find(open);
  EXPECT_NE(a, std::string::npos);
  const std::size_t b = html.find("</script>", a);
  return nlohmann::json::parse(html.substr(a + open.size(), b - a - open.size()));
}

// Relative closeness for the page's four significant digits.
void expect_near_rel(double page, double model, double rel, const std::string& what) {
  EXPECT_NEAR(page, model, rel * std::max(std::abs(model), 1e-9)) << what;
}

const std::string& bottom_up_html() {
  static const std::string html = [] {
    const report::BottomUpPage page = world().page();
    return report::roadmap_html(world().runs, {},
                                report::Messages::load(core::DataStore(), report::Lang::zh), &page);
  }();
  return html;
}

TEST(RoadmapReportBottomUp, PageCarriesTheProvinceMapMatchedByAdcode) {
  const std::string& html = bottom_up_html();
  // china.json inlined as a data block, nothing fetched.
  const std::string open = "<script type=\"application/json\" id=\"heatlift-map\">";
  const std::size_t a = html.find(open);
  ASSERT_NE(a, std::string::npos);
  const std::string_view china = report::asset("china.json");
  EXPECT_EQ(html.substr(a + open.size(), china.size()), china);
  EXPECT_THAT(html, Not(HasSubstr("<script src")));
  // Every province of the table is a feature of the map, by its GB/T 2260 adcode.
  const auto geo = nlohmann::json::parse(china);
  std::map<std::string, std::string> names;
  for (const auto& f : geo["features"])
    names[f["id"].get<std::string>()] = f["properties"]["name"].get<std::string>();
  EXPECT_EQ(names.size(), 34u);  // the 31 provinces, Hong Kong, Macao and Taiwan
  const auto data = page_data(html);
  ASSERT_EQ(data["regional"]["provinces"].size(), 31u);
  for (const auto& p : world().provinces.provinces) {
    const std::string id = std::to_string(p.adcode);
    ASSERT_TRUE(names.count(id)) << p.iso_code << " " << id;
    EXPECT_EQ(p.name_zh.rfind(names[id], 0), 0u) << p.name_zh << " vs " << names[id];
  }
  // The picker, the map and the table are drawn by the page script from that data.
  for (const char* id : {"pick-region", "province-map", "peak-day", "cells-table"})
    EXPECT_THAT(html, HasSubstr(id));
}

TEST(RoadmapReportBottomUp, ProvincesCarryTheirRegionalSeries) {
  const auto data = page_data(bottom_up_html());
  const auto& w = world();
  for (std::size_t i = 0; i < w.runs.size(); ++i) {
    const auto& regions = data["regional"]["scenarios"][i]["regions"];
    ASSERT_EQ(regions.size(), 31u);
    for (const char* code : {"CN-HE", "CN-GD", "CN-HL"}) {
      for (int year : {2030, 2060}) {
        const auto k = static_cast<std::size_t>(year - w.runs[i].first_year);
        for (auto ind : {Indicator::stock, Indicator::electricity, Indicator::winter_peak,
                         Indicator::co2_reduction_net}) {
          const double model =
              w.regional[i].value(code, "total", ind, year) / fleet::info(ind).si_per_unit;
          const double page =
              regions[code]["groups"]["total"][std::string(fleet::info(ind).name)][k].get<double>();
          expect_near_rel(page, model, 5e-4, std::string(code) + " " + std::to_string(year));
        }
        const double sales = regions[code]["groups"]["sh_household"]["sales"][k].get<double>();
        expect_near_rel(sales,
                        w.regional[i].value(code, "sh_household", Indicator::sales, year) /
                            fleet::info(Indicator::sales).si_per_unit,
                        5e-4, "sales");
      }
    }
    // What the charts of a province read: electricity by end use.
    EXPECT_TRUE(regions["CN-BJ"]["groups"]["space_heating"].contains("electricity"));
  }
}

// The peak day: the provinces' loads on the day of the national peak stack to the national
// winter peak at its hour; each province's own day holds its own peak.
TEST(RoadmapReportBottomUp, PeakDaysStackToTheWinterPeak) {
  const auto data = page_data(bottom_up_html());
  const auto& w = world();
  const double gw = fleet::info(Indicator::winter_peak).si_per_unit;
  for (std::size_t i = 0; i < w.runs.size(); ++i) {
    const auto& peak = data["regional"]["scenarios"][i]["peak"];
    const auto years = peak["years"].get<std::vector<int>>();
    EXPECT_EQ(years, w.runs[i].milestones);
    const auto& cn = peak["regions"]["CN"];
    const fleet::Region& cn_region = w.regional[i].region("CN");
    for (std::size_t m = 0; m < years.size(); ++m) {
      const auto k = static_cast<std::size_t>(years[m] - w.runs[i].first_year);
      const int hour = cn["hour"][m].get<int>();
      EXPECT_EQ(hour, cn_region.groups.back().peak_hour[k]);
      ASSERT_EQ(cn["load"][m].size(), 31u);
      double sum = 0.0;
      for (const auto& day : cn["load"][m]) {
        ASSERT_EQ(day.size(), 24u);
        sum += day[static_cast<std::size_t>(hour % 24)].get<double>();
      }
      expect_near_rel(sum, cn_region.groups.back().series[Indicator::winter_peak][k] / gw, 1e-3,
                      "CN " + std::to_string(years[m]));
      for (const char* code : {"CN-HE", "CN-SH"}) {
        const auto& own = peak["regions"][code];
        const auto day = own["load"][m].get<std::vector<double>>();
        const double top = *std::max_element(day.begin(), day.end());
        EXPECT_EQ(top, day[static_cast<std::size_t>(own["hour"][m].get<int>() % 24)]);
        expect_near_rel(top,
                        w.regional[i].value(code, "total", Indicator::winter_peak, years[m]) / gw,
                        5e-4, code);
      }
    }
  }
}

TEST(RoadmapReportBottomUp, CellsTableHasEveryCellSimulated) {
  const auto data = page_data(bottom_up_html());
  const auto& ph = world().physics[0];
  const auto& cells = data["regional"]["scenarios"][0]["cells"];
  // One row per catalogue choice, and one more where the less-back-up sizing differs.
  std::size_t choices = 0, below_full_cover = 0;
  for (const auto& [segment, list] : world().catalogue.segments) {
    for (const auto& c : list) {
      ++choices;
      if (c.spec.cover < 1.0) ++below_full_cover;
    }
  }
  EXPECT_EQ(cells.size(), choices + below_full_cover);
  std::size_t uses = 0;
  for (const auto& row : cells) {
    for (const char* key : {"segment", "zones", "archetype", "era", "size", "tank_l", "product",
                            "cover", "weight", "source", "count", "national", "provinces"})
      EXPECT_TRUE(row.contains(key)) << key;
    EXPECT_EQ(row["count"].get<std::size_t>(), row["provinces"].size());
    uses += row["count"].get<std::size_t>();
    // The China figures are a weighted mean of the provinces'.
    for (std::size_t f = 0; f < 3; ++f) {
      double lo = 1e300, hi = -1e300;
      for (const auto& [code, v] : row["provinces"].items()) {
        lo = std::min(lo, v[f].get<double>());
        hi = std::max(hi, v[f].get<double>());
      }
      EXPECT_GE(row["national"][f].get<double>(), lo * (1 - 1e-3));
      EXPECT_LE(row["national"][f].get<double>(), hi * (1 + 1e-3));
    }
  }
  std::size_t expected_uses = 0;
  for (const auto& u : ph.uses) {
    if (u.variant == 0 || ph.cells[u.cell].cover != u.choice->spec.cover) ++expected_uses;
  }
  EXPECT_EQ(uses, expected_uses);
  // A space-heating cell in Hebei, as simulated: heat MWh/a, SPF, kW.
  const auto& first = cells[0];
  EXPECT_EQ(first["segment"], "sh_household");
  bool found = false;
  for (const auto& u : ph.uses) {
    if (u.choice != &world().catalogue.find("sh_household")->front() || u.variant != 0 ||
        ph.provinces[u.province] != "CN-HE")
      continue;
    found = true;
    const fleet::CellResult& r = ph.results[u.cell];
    const auto& he = first["provinces"]["CN-HE"];
    expect_near_rel(he[0].get<double>(), r.heat / 3.6e9, 5e-4, "heat");
    expect_near_rel(he[1].get<double>(), r.heat / r.electricity(), 5e-4, "SPF");
    expect_near_rel(he[2].get<double>(), r.capacity / 1e3, 5e-4, "capacity");
  }
  EXPECT_TRUE(found);
}

TEST(RoadmapReportBottomUp, TopDownPageHasNoMapAndMismatchedInputsAreRefused) {
  const auto m = report::Messages::load(core::DataStore(), report::Lang::zh);
  const std::string top_down = report::roadmap_html(shipped_runs(), {}, m);
  EXPECT_THAT(top_down, Not(HasSubstr("id=\"heatlift-map\"")));
  EXPECT_FALSE(page_data(top_down).contains("regional"));
  auto page = world().page();
  page.regional.pop_back();
  EXPECT_THROW((void)report::roadmap_html(world().runs, {}, m, &page), InternalError);
  // A top-down run cannot be given provinces' physics.
  const auto p2 = world().page();
  EXPECT_THROW((void)report::roadmap_html(shipped_runs(), {}, m, &p2), InternalError);
}

}  // namespace
