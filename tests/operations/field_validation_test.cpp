// Validation (label validation): heatlift's expected performance (operations/expected.hpp)
// against published field measurements, each under the study's stated conditions as far as
// they are published. The figures, their sources and the tolerances are in
// tests/operations/data/field_studies.csv; docs/operations.md ("Expected performance and its
// validation") reports the comparison, including where we disagree.
//
// Each case builds the Series a monitored unit would have recorded — outdoor temperature and
// humidity, flow temperature from a weather-compensation curve, the heat the building needed
// — and asks for the SPF the unit's map expects for it. The measured electricity in these
// rows is not used (only the expected sums are compared with the study).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "heatlift/climate/cities.hpp"
#include "heatlift/core/csv.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/expected.hpp"
#include "heatlift/site/simulation.hpp"
#include "heatlift/standards/tables.hpp"

namespace heatlift::operations {
namespace {

constexpr double kC = 273.15;

const core::DataStore& store() {
  static const core::DataStore s;
  return s;
}
const equipment::ProductLibrary& products() {
  static const fluids::FluidLibrary f(store());
  static const equipment::ProductLibrary p(store(), f);
  return p;
}

struct Study {
  std::string id, source, figure, check;
  double measured = 0.0, tolerance = 0.0;
};

std::map<std::string, Study> studies() {
  std::ifstream in(HEATLIFT_SOURCE_DIR "/tests/operations/data/field_studies.csv");
  EXPECT_TRUE(in.good());
  std::map<std::string, Study> out;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    const auto c = core::split_csv_line(line);
    EXPECT_EQ(c.size(), 11u) << line;
    Study s{c[0], c[1], c[2], c[9]};
    if (!c[5].empty()) s.measured = std::stod(c[5]);
    if (!c[10].empty()) s.tolerance = std::stod(c[10]);
    out[s.id] = s;
  }
  return out;
}

// One row of the Series: an hour (or a bin of hours) with the heat the building needed.
void add(Series& s, std::int32_t dt, double t_out, double rh, double t_flow, double heat) {
  const std::int64_t t = s.empty() ? 1'700'000'000 : s.t.back() + s.dt.back();
  const std::size_t i = s.add_row(t, dt);
  s[Channel::compressor_hz][i] = heat > 0.0 ? 50.0 : 0.0;
  s[Channel::heat_hp][i] = heat;
  s[Channel::elec_unit][i] = heat > 0.0 ? heat / 3.0 : 10.0;
  s[Channel::t_flow][i] = t_flow;
  s[Channel::t_outdoor][i] = t_out;
  s[Channel::rh_outdoor][i] = rh;
}

double expected_spf(const Series& s, const UnitMeta& unit, const ExpectedOptions& o = {}) {
  const UnitModel m = resolve_model(unit, &products());
  const ExpectedResult r = expected_performance(s, unit, m, o);
  EXPECT_EQ(r.intervals.outside_map, 0u) << unit.product;
  EXPECT_EQ(r.intervals.not_measured, 0u) << unit.product;
  EXPECT_TRUE(r.spf_expected.has_value()) << r.spf_expected.reason;
  return r.spf_expected.value.value_or(0.0);
}

// Beijing: the typical year's hours from 15 November to 15 March (the city's heating season),
// a building needing 8 kW at the GB 50736 design temperature −7.6 °C and nothing at 18 °C,
// floor heating at 35 °C design flow on the site layer's compensation curve, never below
// 30 °C (a unit holds a minimum flow set point; the maps' lowest node when this comparison was
// set up, kept so that it is unchanged now that the maps reach 25 °C).
double beijing_floor_spf() {
  const climate::CityLibrary cities(store());
  const climate::WeatherSeries w = cities.weather("Beijing");
  site::Compensation comp;
  comp.t_out_design = -7.6 + kC;
  comp.t_room = 18.0 + kC;
  comp.t_supply_min = 30.0 + kC;  // the minimum flow set point (above)
  Series s;
  for (std::size_t h = 0; h < w.t_dry.size(); ++h) {
    const int day = climate::day_of_hour(h);
    if (day > 73 && day < 318) continue;  // 15 Mar (day 73) … 14 Nov (day 317)
    const double t = w.t_dry[h];
    const double load =
        std::max(0.0, 8000.0 * (comp.t_room - t) / (comp.t_room - comp.t_out_design));
    add(s, 3600, t, w.rh[h], comp.supply(t, 35.0 + kC), load);
  }
  UnitMeta u;
  u.id = "beijing";
  u.type = "air-water";
  u.rated_capacity = 10'000.0;
  u.product = "evi-r32-10kw";
  return expected_spf(s, u);
}

// EN 14825 average climate (Strasbourg) bins: part load (Tj − 16)/(Tdesign − 16), design load
// 80 % of the unit's rated capacity at −10 °C, flow on the compensation curve from `flow_design`
// at −10 °C to 25 °C at 16 °C; relative humidity 85 % (winter in the Upper Rhine valley).
double en14825_average_spf(const std::string& product, const std::string& type, double flow_design,
                           std::optional<double> t_source) {
  static const standards::StandardsLibrary lib = standards::StandardsLibrary::load(store());
  const standards::Climate& c = lib.en14825.climate("average", "climate");
  const double rated = products().product(product).rated_capacity;
  site::Compensation comp;
  comp.t_out_design = c.t_design;
  comp.t_room = 16.0 + kC;
  comp.t_supply_min = 30.0 + kC;  // the minimum flow set point (above)
  Series s;
  for (const auto& [tj, hours] : c.bins) {
    const double pl = (tj - comp.t_room) / (c.t_design - comp.t_room);
    add(s, static_cast<std::int32_t>(hours * 3600), tj, 0.85, comp.supply(tj, flow_design),
        0.8 * rated * pl);
  }
  UnitMeta u;
  u.id = product;
  u.type = type;
  u.rated_capacity = rated;
  u.product = product;
  ExpectedOptions o;
  o.t_source = t_source;
  return expected_spf(s, u, o);
}

void report(const Study& st, const std::string& what, double value) {
  const double err = st.measured > 0 ? value / st.measured - 1.0 : 0.0;
  std::cout << fmt::format(
      "[validation] {} {} {}: measured {:.2f}, expected {} {:.2f} ({:+.1f} %)\n", st.id, st.source,
      st.figure, st.measured, what, value, 100.0 * err);
}

// [1] Beijing EVI + floor heating, HSPF 3.28: within 15 %.
TEST(FieldValidation, BeijingEviFloorHeatingHspf) {
  const Study st = studies().at("beijing_evi_floor");
  ASSERT_EQ(st.check, "within");
  const double spf = beijing_floor_spf();
  report(st, "SPF", spf);
  EXPECT_NEAR(spf / st.measured - 1.0, 0.0, st.tolerance);
}

// [2] Fraunhofer ISE WP-QS im Bestand, air/water mean 3.4: between our SPF at a 55 °C and at a
// 35 °C design flow, widened by 10 %.
TEST(FieldValidation, FraunhoferWpqsAirBracketedByFlowTemperature) {
  const Study st = studies().at("wpqs_air");
  ASSERT_EQ(st.check, "bracket");
  const double w35 = en14825_average_spf("r290-monobloc-8kw", "air-water", 35.0 + kC, {});
  const double w55 = en14825_average_spf("r290-monobloc-8kw", "air-water", 55.0 + kC, {});
  report(st, "W35", w35);
  report(st, "W55", w55);
  EXPECT_GT(w35, w55);
  EXPECT_GE(st.measured, w55 * (1.0 - st.tolerance));
  EXPECT_LE(st.measured, w35 * (1.0 + st.tolerance));
  // [3] the 2006 campaign, reported only.
  const Study old = studies().at("ise2006_air");
  report(old, "W55", w55);
}

// [2] ground-coupled mean 4.3: reported, not asserted. With the brine held at its rating
// value 0 °C all year (the telemetry carries no brine temperature) our expectation at a 35 °C
// design flow is 10 % below the measured mean; a borehole's brine is warmer than 0 °C for most
// of a German year, which we do not model here (docs/operations.md).
TEST(FieldValidation, FraunhoferWpqsGroundIsReported) {
  const Study st = studies().at("wpqs_ground");
  ASSERT_EQ(st.check, "report");
  const double w35 = en14825_average_spf("gshp-brine-12kw", "ground-water", 35.0 + kC, kC);
  const double w55 = en14825_average_spf("gshp-brine-12kw", "ground-water", 55.0 + kC, kC);
  report(st, "W35", w35);
  report(st, "W55", w55);
  EXPECT_GT(w35, w55);  // a lower flow temperature is never worse
  const Study old = studies().at("ise2006_ground");
  report(old, "W55", w55);
}

}  // namespace
}  // namespace heatlift::operations
