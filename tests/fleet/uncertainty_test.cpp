// Monte Carlo: [[uncertainty]] blocks parsed with units and checked; draws follow their
// distributions; bands are ordered and the same for the same seed at any thread count.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/scenario_io.hpp"
#include "heatlift/fleet/uncertainty.hpp"

namespace {

using namespace heatlift;
using fleet::Indicator;
using ::testing::HasSubstr;

fleet::Scenario with_uncertainty(const std::string& blocks) {
  return fleet::parse_scenario(
      core::DataStore(), "extends = \"cns\"\nname = \"mc\"\ntitle = \"mc\"\n" + blocks, "mc.toml");
}

std::string error_of(const std::string& blocks) {
  try {
    (void)with_uncertainty(blocks);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "no error";
}

TEST(Uncertainty, ShippedScenariosDeclareDistributions) {
  const core::DataStore data;
  for (const char* name : {"cns", "ngs", "action-plan"}) {
    const auto sc = fleet::load_scenario(data, name);
    EXPECT_GE(sc.uncertainty.size(), 5u) << name;
  }
  const auto cns = fleet::load_scenario(data, "cns");
  const auto by_name = [&](std::string_view p) -> const fleet::Uncertainty& {
    for (const auto& u : cns.uncertainty)
      if (u.parameter == p) return u;
    ADD_FAILURE() << "cns declares no uncertainty on " << p;
    return cns.uncertainty.front();
  };
  const auto& life = by_name("segments.sh_household.lifetime.scale");
  EXPECT_EQ(life.distribution, fleet::Uncertainty::Distribution::normal);
  EXPECT_DOUBLE_EQ(life.a, 17.0);  // years
  EXPECT_DOUBLE_EQ(life.b, 2.0);
  EXPECT_FALSE(life.factor);
  EXPECT_TRUE(by_name("segments.*.heat_per_unit").factor);  // a path: a factor
  EXPECT_DOUBLE_EQ(by_name("segments.*.heat_per_unit").c, 1.2);
  const auto& cells = by_name("cells.heat");  // the bottom-up engine's demand
  EXPECT_FALSE(cells.factor);
  EXPECT_DOUBLE_EQ(cells.a, 0.7);
  EXPECT_DOUBLE_EQ(cells.c, 1.3);
}

TEST(Uncertainty, BadBlocksNamePositionFieldAndExpectation) {
  std::string e = error_of(
      "[[uncertainty]]\nparameter = \"segments.*.colour\"\ndistribution = \"uniform\"\n"
      "min = \"90 %\"\nmax = \"110 %\"\n");
  EXPECT_THAT(e, HasSubstr("mc.toml:5:"));
  EXPECT_THAT(e, HasSubstr("uncertainty[1].parameter"));
  EXPECT_THAT(e, HasSubstr("no uncertain field 'colour'"));
  EXPECT_THAT(e, HasSubstr("allowed"));

  e = error_of(
      "[[uncertainty]]\nparameter = \"segments.nope.spf\"\ndistribution = \"uniform\"\n"
      "min = \"90 %\"\nmax = \"110 %\"\n");
  EXPECT_THAT(e, HasSubstr("no segment 'nope'"));

  e = error_of("[[uncertainty]]\nparameter = \"grid\"\ndistribution = \"lognormal\"\n");
  EXPECT_THAT(e, HasSubstr("'lognormal' is not one of normal, triangular, uniform"));

  e = error_of(
      "[[uncertainty]]\nparameter = \"segments.sh_household.lifetime.scale\"\n"
      "distribution = \"normal\"\nmean = 17\nsd = \"2 a\"\n");
  EXPECT_THAT(e, HasSubstr("needs a unit"));

  e = error_of(
      "[[uncertainty]]\nparameter = \"segments.sh_household.lifetime.scale\"\n"
      "distribution = \"normal\"\nmean = \"17 kW\"\nsd = \"2 a\"\n");
  EXPECT_THAT(e, HasSubstr("mc.toml:7:"));
  EXPECT_THAT(e, HasSubstr("17 kW"));

  e = error_of(
      "[[uncertainty]]\nparameter = \"segments.sh_household.lifetime.scale\"\n"
      "distribution = \"normal\"\nmean = \"17 a\"\nsd = \"8 a\"\n");
  EXPECT_THAT(e, HasSubstr("mean ± 3 sd reaches outside the valid range 1 a to 60 a"));

  e = error_of(
      "[[uncertainty]]\nparameter = \"grid\"\ndistribution = \"triangular\"\nmin = \"110 %\"\n"
      "mode = \"100 %\"\nmax = \"120 %\"\n");
  EXPECT_THAT(e, HasSubstr("min ≤ mode ≤ max"));

  e = error_of(
      "[[uncertainty]]\nparameter = \"grid\"\ndistribution = \"uniform\"\nmin = \"90 %\"\n"
      "max = \"110 %\"\nmode = \"100 %\"\n");
  EXPECT_THAT(e, HasSubstr("uncertainty[1].mode: unknown key"));

  e = error_of(
      "[[uncertainty]]\nparameter = \"segments.*.growth.market\"\ndistribution = \"uniform\"\n"
      "min = \"100 10^4 units\"\nmax = \"200 10^4 units\"\n");
  EXPECT_THAT(e, HasSubstr("does not use the bass growth model"));
}

TEST(Uncertainty, DrawsFollowTheirDistributions) {
  const auto sc = with_uncertainty(
      "[[uncertainty]]\nparameter = \"grid\"\ndistribution = \"uniform\"\nmin = \"80 %\"\n"
      "max = \"120 %\"\n"
      "[[uncertainty]]\nparameter = \"segments.*.spf\"\ndistribution = \"triangular\"\n"
      "min = \"70 %\"\nmode = \"100 %\"\nmax = \"160 %\"\n"
      "[[uncertainty]]\nparameter = \"segments.sh_household.lifetime.scale\"\n"
      "distribution = \"normal\"\nmean = \"17 a\"\nsd = \"2 a\"\n");
  const int n = 20000;
  std::array<double, 3> sum{}, sum2{};
  for (int i = 0; i < n; ++i) {
    const auto d = fleet::draw(sc, 99, static_cast<std::uint64_t>(i));
    ASSERT_EQ(d.size(), 3u);
    EXPECT_TRUE(d[0] >= 0.8 && d[0] <= 1.2);
    EXPECT_TRUE(d[1] >= 0.7 && d[1] <= 1.6);
    for (int k = 0; k < 3; ++k) {
      sum[k] += d[k];
      sum2[k] += d[k] * d[k];
    }
  }
  EXPECT_NEAR(sum[0] / n, 1.0, 0.005);
  EXPECT_NEAR(sum[1] / n, (0.7 + 1.0 + 1.6) / 3.0, 0.005);
  EXPECT_NEAR(sum[2] / n, 17.0, 0.05);
  EXPECT_NEAR(std::sqrt(sum2[2] / n - (sum[2] / n) * (sum[2] / n)), 2.0, 0.05);
  // The same (seed, index) gives the same draw; another seed another.
  EXPECT_EQ(fleet::draw(sc, 99, 5), fleet::draw(sc, 99, 5));
  EXPECT_NE(fleet::draw(sc, 99, 5), fleet::draw(sc, 100, 5));
}

TEST(Uncertainty, DrawsApplyToTheNamedParameters) {
  const auto sc = with_uncertainty(
      "[[uncertainty]]\nparameter = \"segments.*.spf\"\ndistribution = \"uniform\"\n"
      "min = \"90 %\"\nmax = \"110 %\"\n"
      "[[uncertainty]]\nparameter = \"segments.hw_commercial.lifetime.scale\"\n"
      "distribution = \"uniform\"\nmin = \"10 a\"\nmax = \"20 a\"\n"
      "[[uncertainty]]\nparameter = \"sources.coal_boiler.efficiency\"\n"
      "distribution = \"uniform\"\nmin = \"60 %\"\nmax = \"90 %\"\n");
  const auto out = fleet::apply_draws(sc, {1.1, 12.5, 0.7});
  for (std::size_t s = 0; s < sc.segments.size(); ++s) {
    for (std::size_t k = 0; k < sc.segments[s].spf.values.size(); ++k)
      EXPECT_DOUBLE_EQ(out.segments[s].spf.values[k], sc.segments[s].spf.values[k] * 1.1);
  }
  EXPECT_DOUBLE_EQ(out.segments.back().lifetime.scale, 12.5);
  EXPECT_EQ(out.segments.front().lifetime.scale, sc.segments.front().lifetime.scale);
  EXPECT_DOUBLE_EQ(out.sources.at("coal_boiler").efficiency, 0.7);
  // A factor that takes a share above 100 % is an error, not a clamp: refused when the
  // file is read if the distribution reaches there ...
  const std::string e = error_of(
      "[[uncertainty]]\nparameter = \"segments.*.eol_recovery\"\ndistribution = \"uniform\"\n"
      "min = \"100 %\"\nmax = \"1000 %\"\n");
  EXPECT_THAT(e, HasSubstr("mc.toml:8:7: uncertainty[1].max"));
  EXPECT_THAT(e, HasSubstr("outside its range 0 % to 100 %"));
  // ... and, should a draw still get there (a normal's tail), when it is applied.
  auto leak = with_uncertainty(
      "[[uncertainty]]\nparameter = \"segments.*.eol_recovery\"\ndistribution = \"uniform\"\n"
      "min = \"90 %\"\nmax = \"110 %\"\n");
  EXPECT_THROW((void)fleet::apply_draws(leak, {9.0}), OutOfRange);
}

TEST(Uncertainty, RangesAreTheScenarioFilesOwn) {
  // One declaration per field: a draw is held to the very declaration the reader holds the
  // file to (`heatlift params scenario`), so it can give nothing the file could not hold.
  const auto sc = fleet::load_scenario(core::DataStore(), "cns");
  const auto declared = [](std::string_view setting) {
    return core::find_setting("scenario", setting).param;
  };
  EXPECT_EQ(fleet::describe_parameter(sc, "sources.coal_boiler.efficiency").param,
            declared("sources.*.efficiency"));
  EXPECT_EQ(fleet::describe_parameter(sc, "segments.*.lifetime.scale").param,
            declared("segments.*.lifetime.scale"));
  EXPECT_EQ(fleet::describe_parameter(sc, "segments.sh_household.spf").param,
            declared("segments.*.spf"));
  EXPECT_EQ(fleet::describe_parameter(sc, "grid").param,
            &core::find_block("scenario", "")->param("grid"));
  EXPECT_THAT(error_of("[[uncertainty]]\nparameter = \"sources.coal_boiler.efficiency\"\n"
                       "distribution = \"uniform\"\nmin = \"60 %\"\nmax = \"300 %\"\n"),
              HasSubstr("mc.toml:8:7: uncertainty[1].max: 300 % is out of range; expected 10 % "
                        "to 120 %"));
  EXPECT_THAT(
      error_of("[[uncertainty]]\nparameter = \"segments.*.spf\"\n"
               "distribution = \"triangular\"\nmin = \"30 %\"\nmode = \"100 %\"\n"
               "max = \"110 %\"\n"),
      HasSubstr("the factor 30 % takes a value of segments.*.spf outside its range 1 to 15"));
  EXPECT_THAT(error_of("[[uncertainty]]\nparameter = \"sources.electric_heater.emission_factor\"\n"
                       "distribution = \"uniform\"\nmin = \"0.1 kgCO2/kWh\"\n"
                       "max = \"0.2 kgCO2/kWh\"\n"),
              HasSubstr("uses the grid factor"));
  EXPECT_THAT(error_of("[[uncertainty]]\nparameter = \"segments.sh_household.lifetime.scale\"\n"
                       "distribution = \"normal\"\nmean = \"17 a\"\nsd = \"inf a\"\n"),
              HasSubstr("mc.toml:8:6: uncertainty[1].sd: inf a is out of range"));
}

TEST(Uncertainty, Percentile) {
  std::vector<double> v{5, 1, 4, 2, 3};
  EXPECT_DOUBLE_EQ(fleet::percentile(v, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(fleet::percentile(v, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(fleet::percentile(v, 1.0), 5.0);
  EXPECT_DOUBLE_EQ(fleet::percentile(v, 0.05), 1.2);
  std::vector<double> with_nan{1.0, NAN};
  EXPECT_TRUE(std::isnan(fleet::percentile(with_nan, 0.5)));
}

bool same(const fleet::Bands& a, const fleet::Bands& b) {
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    for (std::size_t k = 0; k < fleet::kIndicatorCount; ++k) {
      using Member = fleet::Series fleet::Band::*;
      for (Member s : {&fleet::Band::p5, &fleet::Band::p50, &fleet::Band::p95}) {
        const auto& x = (a.groups[g].*s).values[k];
        const auto& y = (b.groups[g].*s).values[k];
        for (std::size_t i = 0; i < x.size(); ++i) {
          if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
        }
      }
    }
  }
  return true;
}

TEST(MonteCarlo, SameSeedSameResultAtAnyThreadCount) {
  const auto sc = fleet::load_scenario(core::DataStore(), "cns");
  const auto one = fleet::monte_carlo(sc, 40, 2024, 1);
  const auto two = fleet::monte_carlo(sc, 40, 2024, 2);
  const auto five = fleet::monte_carlo(sc, 40, 2024, 5);
  EXPECT_TRUE(same(one, two));
  EXPECT_TRUE(same(one, five));
  const auto other = fleet::monte_carlo(sc, 40, 2025, 2);
  EXPECT_FALSE(same(one, other));
}

TEST(MonteCarlo, BandsAreOrderedAndContainTheCentralRun) {
  const auto sc = fleet::load_scenario(core::DataStore(), "cns");
  const auto central = fleet::run(sc);
  const auto b = fleet::monte_carlo(sc, 200, 7);
  EXPECT_EQ(b.samples, 200);
  ASSERT_EQ(b.groups.size(), central.groups.size());
  for (const auto& g : b.groups) {
    for (std::size_t k = 0; k < fleet::kIndicatorCount; ++k) {
      for (std::size_t y = 0; y < g.p5.values[k].size(); ++y) {
        const double lo = g.p5.values[k][y], mid = g.p50.values[k][y], hi = g.p95.values[k][y];
        if (std::isnan(lo)) continue;
        EXPECT_LE(lo, mid);
        EXPECT_LE(mid, hi);
      }
    }
  }
  // The draws are centred on the scenario's values, so its own run lies inside the band.
  const auto& total = b.group("total");
  for (Indicator i : {Indicator::stock, Indicator::co2_reduction_gross, Indicator::electricity}) {
    for (int year : {2030, 2045, 2060}) {
      const auto k = static_cast<std::size_t>(year - b.first_year);
      const double v = central.value("total", i, year);
      EXPECT_LE(total.p5[i][k], v) << fleet::info(i).name << " " << year;
      EXPECT_GE(total.p95[i][k], v) << fleet::info(i).name << " " << year;
      EXPECT_LT(total.p5[i][k], total.p95[i][k]) << fleet::info(i).name << " " << year;
    }
  }
  // History is not uncertain: 2018 sales are the same in every sample.
  EXPECT_DOUBLE_EQ(total.p5[Indicator::sales][0], total.p95[Indicator::sales][0]);
}

// Samples run elsewhere (heatlift.dask) and gathered: the same bands, bit for bit.
TEST(MonteCarlo, BandsGatheredFromSamplesRunOneByOneAreMonteCarlosOwn) {
  const auto sc = fleet::load_scenario(core::DataStore(), "cns");
  const int n = 30;
  const auto expected = fleet::monte_carlo(sc, n, 11, 2);
  const auto central = fleet::run(sc);
  const auto years = static_cast<std::size_t>(central.years());
  const std::size_t cells = central.groups.size() * fleet::kIndicatorCount * years;
  std::vector<double> values(cells * n);
  for (int i = n; i-- > 0;) {  // in any order
    const auto r = fleet::run(fleet::apply_draws(sc, fleet::draw(sc, 11, i)));
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
      for (std::size_t k = 0; k < fleet::kIndicatorCount; ++k) {
        for (std::size_t y = 0; y < years; ++y) {
          values[((g * fleet::kIndicatorCount + k) * years + y) * n + i] =
              r.groups[g].series.values[k][y];
        }
      }
    }
  }
  EXPECT_TRUE(same(expected, fleet::gather_bands(sc, central, n, 11, values)));
  values.pop_back();
  EXPECT_THROW((void)fleet::gather_bands(sc, central, n, 11, values), InternalError);
}

TEST(MonteCarlo, ARequestIsCheckedBeforeAnyRun) {
  auto sc = fleet::load_scenario(core::DataStore(), "cns");
  EXPECT_NO_THROW(fleet::check_monte_carlo(sc, 1, true));
  EXPECT_THROW(fleet::check_monte_carlo(sc, 0, true), InvalidInput);
  sc.uncertainty.clear();
  EXPECT_THROW(fleet::check_monte_carlo(sc, 10, false), InvalidInput);
}

TEST(MonteCarlo, NeedsDistributionsAndSamples) {
  auto sc = fleet::load_scenario(core::DataStore(), "cns");
  EXPECT_THROW((void)fleet::monte_carlo(sc, 0, 1), InvalidInput);
  sc.uncertainty.clear();
  try {
    (void)fleet::monte_carlo(sc, 10, 1);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("declares no [[uncertainty]] block"));
  }
}

}  // namespace
