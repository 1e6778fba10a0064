// The retrofit diagnosis on seasons whose faults are known because they were put there:
// the unit's electricity is its own map's expectation times a penalty of a chosen shape.
#include "heatlift/operations/retrofit.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/equipment/carnot_map.hpp"
#include "heatlift/site/simulation.hpp"

namespace heatlift::operations {
namespace {

constexpr double kC = 273.15;

std::shared_ptr<const equipment::PerformanceMap> carnot(double efficiency) {
  auto spec = equipment::CarnotMapSpec::defaults(equipment::SourceKind::air, 10e3);
  spec.carnot_efficiency = efficiency;
  equipment::MapAxes axes;
  for (double t = -25; t <= 20.0; t += 5) axes.t_source.push_back(t + kC);
  for (double t = 25; t <= 65.0; t += 5) axes.t_sink.push_back(t + kC);
  axes.part_load = {0.3, 0.5, 0.75, 1.0};
  return std::make_shared<const equipment::PerformanceMap>(
      equipment::carnot_fraction_map(spec, axes));
}

UnitMeta unit() {
  UnitMeta u;
  u.id = "old-1";
  u.type = "air-water";
  u.rated_capacity = 10e3;
  u.install_year = 2012;
  u.emitters = "radiators";
  return u;
}

RetrofitOptions options() {
  RetrofitOptions o;
  o.expected.defrost = false;  // no frost in these seasons: the penalty is the only fault
  o.price = 0.5 / 3.6e6;
  o.grid_factor = 0.58 / 3.6e6;
  o.design_outdoor = -10.0 + kC;
  o.capital_per_W = 1.5;
  return o;
}

const RetrofitCosts& costs() {
  static const RetrofitCosts c =
      RetrofitCosts::load(core::DataStore::from_environment(std::nullopt));
  return c;
}

// 120 winter days, hourly; heat follows the outdoor temperature; the flow runs `above` K over
// the radiators' curve (55 °C at −10 °C). Electricity = expected × penalty(load ratio).
template <typename Penalty>
Series season(const UnitModel& model, double above, Penalty penalty) {
  Series s;
  const std::int64_t start = 1'733'011'200;  // 2024-12-01 00:00 UTC
  site::Compensation curve;
  curve.t_out_design = -10.0 + kC;
  for (int h = 0; h < 120 * 24; ++h) {
    const auto i = s.add_row(start + h * 3600LL, 3600);
    const double t_out =
        kC - 2.5 + 7.5 * std::sin(2.0 * M_PI * h / 24.0) + 5.0 * std::cos(2.0 * M_PI * h / 900.0);
    s[Channel::t_outdoor][i] = t_out;
    s[Channel::t_flow][i] = curve.supply(t_out, 55.0 + kC) + above;
    s[Channel::t_return][i] = s[Channel::t_flow][i] - 5.0;
    s[Channel::heat_hp][i] = std::max(1000.0, 5000.0 * (18.0 + kC - t_out) / 28.0);
    s[Channel::compressor_hz][i] = 50.0;
    s[Channel::elec_unit][i] = 1000.0;  // replaced below
  }
  const auto e = expected_performance(s, unit(), model, options().expected);
  for (std::size_t i = 0; i < s.size(); ++i) {
    EXPECT_EQ(e.intervals.status[i], ExpectedStatus::ok) << "row " << i;
    // Where the load is above full capacity the unit delivers its capacity.
    s[Channel::heat_hp][i] = e.intervals.heat[i];
    const double x = e.intervals.heat[i] / e.intervals.capacity[i];
    s[Channel::elec_unit][i] = e.intervals.power[i] * penalty(x);
  }
  return s;
}

const Measure& find(const RetrofitResult& r, std::string_view code) {
  for (const auto& m : r.measures)
    if (m.code == code) return m;
  throw std::runtime_error("no measure " + std::string(code));
}

TEST(Retrofit, AUniformLossIsTheCompressors) {
  const auto model = make_model(carnot(0.45), 10e3, "test");
  const auto s = season(model, 0.0, [](double) { return 1.25; });
  const auto r = diagnose_retrofit(s, unit(), model, {}, costs(), options());
  EXPECT_TRUE(r.over_ten);
  EXPECT_EQ(r.age, 13);
  const double loss = r.electricity * (1.0 - 1.0 / 1.25);
  EXPECT_NEAR(find(r, "compressor").saving, loss, 0.02 * loss);
  EXPECT_LT(find(r, "heat_exchangers").saving, 0.02 * loss);
  EXPECT_NEAR(*r.residual, 1.0 / 1.25 - 1.0, 1e-6);
}

TEST(Retrofit, ALossGrowingWithLoadIsTheHeatExchangers) {
  const auto model = make_model(carnot(0.45), 10e3, "test");
  const auto s = season(model, 0.0, [](double x) { return 1.0 + 0.5 * x; });
  const auto r = diagnose_retrofit(s, unit(), model, {}, costs(), options());
  const auto& hx = find(r, "heat_exchangers");
  const auto& comp = find(r, "compressor");
  EXPECT_GT(hx.saving, 3.0 * comp.saving);
  EXPECT_NEAR(hx.saving + comp.saving, r.electricity - r.electricity / (1.0 + 0.5 * 0.55),
              0.25 * (hx.saving + comp.saving));
}

TEST(Retrofit, AFlowAboveTheCurveIsForTheControls) {
  const auto model = make_model(carnot(0.45), 10e3, "test");
  const auto on_curve = diagnose_retrofit(season(model, 0.0, [](double) { return 1.0; }), unit(),
                                          model, {}, costs(), options());
  EXPECT_LT(find(on_curve, "controls").saving, 1e-3 * on_curve.electricity);
  EXPECT_FALSE(find(on_curve, "controls").payback.has_value());
  const auto high = diagnose_retrofit(season(model, 8.0, [](double) { return 1.0; }), unit(), model,
                                      {}, costs(), options());
  const auto& controls = find(high, "controls");
  // 8 K less lift at a Carnot fraction, the refrigerant lift about 63 K at the season's mean
  // (−2.5 °C outdoors, 8 K and 5 K approaches, 47.5 °C supply): COP_Carnot rises by
  // (333.65 / 71) / (325.65 / 63) − 1 ≈ 9 %, so about 9 % less electricity.
  EXPECT_GT(controls.saving, 0.06 * high.electricity);
  EXPECT_LT(controls.saving, 0.12 * high.electricity);
  EXPECT_GT(find(high, "emitters").saving, controls.saving);
  ASSERT_TRUE(controls.payback.has_value());
  EXPECT_NEAR(*controls.payback, controls.capital / controls.saving_cny, 1e-9);
  EXPECT_NEAR(controls.co2, controls.saving * 0.58 / 3.6e6, 1e-9);
}

TEST(Retrofit, TheBestCurrentProductIsTheReplacementAndMeasuresAreRanked) {
  const auto model = make_model(carnot(0.40), 10e3, "test");
  const auto s = season(model, 0.0, [](double) { return 1.1; });
  const std::vector<Candidate> candidates{{"good", make_model(carnot(0.50), 10e3, "good")},
                                          {"better", make_model(carnot(0.60), 10e3, "better")}};
  const auto r = diagnose_retrofit(s, unit(), model, candidates, costs(), options());
  const auto& rep = find(r, "replacement");
  EXPECT_EQ(rep.detail, "better");
  // COP × 0.6 / (0.40 / 1.1): the new unit uses 0.40 / (1.1 · 0.60) of today's electricity.
  EXPECT_NEAR(rep.electricity_after, r.electricity * 0.40 / (1.1 * 0.60), 0.01 * r.electricity);
  for (std::size_t i = 1; i < r.measures.size(); ++i) {
    const auto& a = r.measures[i - 1].payback;
    const auto& b = r.measures[i].payback;
    if (a.has_value() && b.has_value()) {
      EXPECT_LE(*a, *b);
    }
    if (!a.has_value()) {
      EXPECT_FALSE(b.has_value());
    }
  }
}

TEST(Retrofit, MissingFactsAreNamed) {
  const auto model = make_model(carnot(0.45), 10e3, "test");
  const auto s = season(model, 0.0, [](double) { return 1.0; });
  auto u = unit();
  u.install_year = 0;
  EXPECT_THROW(
      {
        try {
          diagnose_retrofit(s, u, model, {}, costs(), options());
        } catch (const InvalidInput& e) {
          EXPECT_NE(std::string(e.what()).find("install_year"), std::string::npos);
          throw;
        }
      },
      InvalidInput);
  u = unit();
  u.emitters = "underfloor";
  EXPECT_THROW(
      {
        try {
          diagnose_retrofit(s, u, model, {}, costs(), options());
        } catch (const InvalidInput& e) {
          EXPECT_NE(std::string(e.what()).find("'underfloor'"), std::string::npos);
          EXPECT_NE(std::string(e.what()).find("radiators"), std::string::npos);
          throw;
        }
      },
      InvalidInput);
  Series short_season;
  for (std::size_t i = 0; i < 50; ++i) {
    short_season.add_row(s.t[i], s.dt[i]);
    for (std::size_t c = 0; c < kChannels; ++c) short_season.values[c][i] = s.values[c][i];
  }
  EXPECT_THROW(diagnose_retrofit(short_season, unit(), model, {}, costs(), options()),
               InvalidInput);
  auto o = options();
  o.price = 0.0;
  EXPECT_THROW(diagnose_retrofit(s, unit(), model, {}, costs(), o), InvalidInput);
}

TEST(RetrofitCosts, ANegativeCostIsRefusedNamingItsField) {
  const std::string text = R"(
[compressor]
per_kw = "-350 CNY/kW"
fixed = "1500 CNY"
[heat_exchangers]
fixed = "800 CNY"
[controls]
fixed = "500 CNY"
tolerance = "3 K"
[emitters]
per_kw = "800 CNY/kW"
supply_drop = "10 K"
)";
  try {
    RetrofitCosts::parse(text, "quotes.toml");
    FAIL() << "accepted a negative cost";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("compressor.per_kw"), std::string::npos) << e.what();
  }
  EXPECT_EQ(costs().curve_tolerance, 3.0);
}

}  // namespace
}  // namespace heatlift::operations
