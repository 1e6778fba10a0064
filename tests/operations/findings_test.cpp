// The findings: the catalogue, the options, and each rule on rows made to show its fault
// (the fleet-wide precision and recall are in findings_fleet_test.cpp).
#include "heatlift/operations/findings.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/site/site_case.hpp"

namespace {

using namespace heatlift;
using namespace heatlift::operations;

struct World {
  core::DataStore data;
  fluids::FluidLibrary fluids{data};
  equipment::ProductLibrary products{data, fluids};
  site::SiteLibraries lib{data, products};
  FindingCatalogue catalogue = FindingCatalogue::load(data);
};
const World& world() {
  static const World w;
  return w;
}

TEST(Findings, CatalogueHasEveryCodeInBothLanguages) {
  const FindingCatalogue& c = world().catalogue;
  Finding f;
  f.evidence = {{"median_on_cycle", 2.5, "min"}, {"cycles", 40, "1"}};
  f.code = FindingCode::short_cycling;
  EXPECT_NE(c.text(f, "diagnosis", Language::en).find("2.50 min"), std::string::npos);
  EXPECT_NE(c.text(f, "diagnosis", Language::zh).find("2.50"), std::string::npos);
  for (FindingCode code : all_finding_codes()) {
    f.code = code;
    for (Language l : {Language::zh, Language::en}) {
      EXPECT_FALSE(c.text(f, "title", l).empty());
      EXPECT_FALSE(c.text(f, "action", l).empty());
    }
  }
  EXPECT_THROW(FindingCatalogue::parse("[finding.short_cycling]\ntitle = { zh = \"x\" }\n", "t"),
               InvalidInput);
  EXPECT_THROW(FindingCatalogue::parse("[finding.leak]\ntitle = { zh = \"x\", en = \"y\" }\n", "t"),
               InvalidInput);
  EXPECT_THROW(language_from_string("fr"), InvalidInput);
}

TEST(Findings, RejectsBadOptions) {
  FindingOptions o;
  o.min_delta_t = -1;
  EXPECT_THROW(validate(o), InvalidInput);
  o = {};
  o.backup_share = 1.5;
  EXPECT_THROW(validate(o), InvalidInput);
}

// Two days of 1-minute rows of a 10 kW unit: the compressor cycles `on` minutes on and `off`
// minutes off at 8 kW heat / 3 kW power, 35 °C flow, 0 °C outdoors; flow for a 5 K ΔT.
Series cycling_rows(int on, int off, double flow = 10000.0 / (4.15e6 * 5.0)) {
  Series s;
  const std::int64_t t0 = 1735660800;  // 2025-01-01 00:00 China time
  for (int i = 0; i < 2 * 1440; ++i) {
    const std::size_t r = s.add_row(t0 + 60LL * i, 60);
    const bool run = i % (on + off) < on;
    s[Channel::compressor_hz][r] = run ? 40.0 : 0.0;
    s[Channel::heat_hp][r] = run ? 8000.0 + (i % 7) : 0.0;
    s[Channel::elec_unit][r] = run ? 3000.0 + (i % 5) : 20.0;
    s[Channel::t_flow][r] = 308.15;
    s[Channel::t_return][r] = run ? 308.15 - 8000.0 / (4.15e6 * flow) : 306.15;
    s[Channel::t_outdoor][r] = 273.15;
    s[Channel::rh_outdoor][r] = 0.5;
    s[Channel::flow_rate][r] = flow;
    s[Channel::defrost][r] = 0.0;
  }
  return s;
}

UnitMeta ten_kw() {
  UnitMeta u;
  u.id = "u1";
  u.type = "air-water";
  u.rated_capacity = 10000.0;
  u.emitters = "floor";
  return u;
}

bool has(const Diagnosis& d, FindingCode code) {
  for (const Finding& f : d.findings) {
    if (f.code == code) return true;
  }
  return false;
}

TEST(Findings, ShortCyclingFromTheRowsAlone) {
  const Diagnosis bad = diagnose(cycling_rows(3, 5), ten_kw(), {});
  ASSERT_TRUE(has(bad, FindingCode::short_cycling));
  const Finding& f = bad.findings.front();
  EXPECT_NEAR(*f.value("median_on_cycle"), 3.0, 1e-9);
  EXPECT_EQ(f.period, "2025-01");
  EXPECT_NE(world().catalogue.text(f, "diagnosis", Language::zh).find("3"), std::string::npos);
  // 12 minutes on, 12 off: 2.5 starts per hour, no finding.
  EXPECT_FALSE(has(diagnose(cycling_rows(12, 12), ten_kw(), {}), FindingCode::short_cycling));
}

TEST(Findings, LowDeltaTFromTheFlow) {
  // Flow for 2 K at 10 kW: 4.3 m³/h.
  const Diagnosis d = diagnose(cycling_rows(30, 10, 10000.0 / (4.15e6 * 2.0)), ten_kw(), {});
  ASSERT_TRUE(has(d, FindingCode::low_delta_t));
  EXPECT_FALSE(has(diagnose(cycling_rows(30, 10), ten_kw(), {}), FindingCode::low_delta_t));
}

TEST(Findings, StuckHeatMeterAndWhatItSilences) {
  Series s = cycling_rows(30, 10);
  for (std::size_t i = 1440; i < s.size(); ++i) s[Channel::heat_hp][i] = 8000.0;
  const Diagnosis d = diagnose(s, ten_kw(), {});
  ASSERT_TRUE(has(d, FindingCode::meter_heat_stuck));
  for (const Finding& f : d.findings) {
    if (f.code == FindingCode::meter_heat_stuck) {
      EXPECT_EQ(*f.value("days"), 1.0);
    }
  }
  // No map: the rules that need it say so.
  bool skipped_degradation = false;
  for (const Skipped& k : d.skipped) skipped_degradation |= k.code == FindingCode::degradation;
  EXPECT_TRUE(skipped_degradation);
}

TEST(Findings, HeatMeterBeyondFlowTimesDeltaT) {
  Series s = cycling_rows(30, 10);
  for (double& q : s[Channel::heat_hp]) q *= 2.0;
  // A month needs 10 running hours: two days of 30/40 minutes give 36 h.
  EXPECT_TRUE(has(diagnose(s, ten_kw(), {}), FindingCode::meter_heat_high));
  EXPECT_FALSE(has(diagnose(cycling_rows(30, 10), ten_kw(), {}), FindingCode::meter_heat_high));
}

TEST(Findings, EmptySeriesSkipsEveryRule) {
  UnitMeta u;
  u.id = "x";
  const Diagnosis d = diagnose(Series{}, u, {});
  EXPECT_TRUE(d.findings.empty());
  EXPECT_EQ(d.skipped.size(), kFindingCodes);
}

}  // namespace
