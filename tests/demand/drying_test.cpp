// Drying rooms: batches fill the season, the heat per kg of water is above the latent heat
// and in the range of ventilated curing barns, the balance of the terms closes.
#include "heatlift/demand/drying.hpp"

#include <cstdio>

#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"
#include "synthetic_weather.hpp"

namespace heatlift::demand {
namespace {

climate::WeatherSeries yunnan_like() {
  // Kunming-like: mean 15 °C, July ~20 °C, humid summers, 1900 m.
  test::SyntheticClimate c;
  c.annual_mean_c = 15.0;
  c.annual_amplitude = 5.5;
  c.daily_amplitude = 4.0;
  c.rh = 0.8;
  c.latitude = 25.0;
  c.longitude = 102.7;
  c.elevation = 1890.0;
  c.name = "Yunnan-like";
  return test::make_weather(c);
}

TEST(Psychrometrics, ReferenceValues) {
  // ASHRAE Fundamentals 2017 ch. 1 table 3: p_ws(20 °C) = 2.3392 kPa; W_s(20 °C) = 0.014758.
  EXPECT_NEAR(psychro::saturation_pressure(293.15), 2339.2, 5.0);
  EXPECT_NEAR(psychro::humidity_ratio(293.15, 1.0, 101325.0), 0.014758, 1e-4);
  // Wet bulb = dry bulb is saturation.
  EXPECT_NEAR(psychro::humidity_ratio_wet_bulb(313.15, 313.15, 101325.0),
              psychro::humidity_ratio(313.15, 1.0, 101325.0), 1e-9);
  EXPECT_NEAR(psychro::pressure_at(1500.0), 84556.0, 50.0);
}

TEST(Drying, TobaccoBatchesFillTheSeason) {
  const DryingSpec s;  // flue-cured tobacco, 1 Jul – 30 Sep, 144 h + 12 h per batch
  const DryingResult r = simulate_drying(s, yunnan_like());
  r.load.validate();
  // 92 days = 2208 h; batches start every 156 h and must end inside: 14 batches.
  EXPECT_EQ(r.batches, 14);
  EXPECT_NEAR(r.water, 14 * 4000.0 * 6.0 / 7.0, 1e-6);
  for (std::size_t h = 0; h < r.load.hours(); ++h) {
    const int d = climate::day_of_hour(h);
    if (!s.season.contains(d)) {
      ASSERT_EQ(r.load.heat[h], 0.0) << h;
    }
  }
  // Turnaround hours between batches carry no heat.
  const std::size_t first = static_cast<std::size_t>(s.season.first.day_of_year()) * 24;
  EXPECT_GT(r.load.heat[first + 143], 0.0);
  EXPECT_EQ(r.load.heat[first + 144], 0.0);
  EXPECT_EQ(r.load.heat[first + 155], 0.0);
  EXPECT_GT(r.load.heat[first + 156], 0.0);
  // Supply follows the stage: 38 °C yellowing + 5 K, 68 °C stem drying + 5 K.
  EXPECT_NEAR(r.load.t_supply[first + 1], 273.15 + 43.0, 1e-9);
  EXPECT_NEAR(r.load.t_supply[first + 140], 273.15 + 73.0, 1e-9);
}

TEST(Drying, EnergyPerKilogramOfWater) {
  const DryingResult r = simulate_drying(DryingSpec{}, yunnan_like());
  const double mj_per_kg = r.energy_per_kg_water() / 1e6;
  std::printf(
      "tobacco curing, Yunnan-like summer: %d batches, %.2f MJ/kg water, %.0f kWh/batch, "
      "peak %.1f kW, %d low-pickup hours\n",
      r.batches, mj_per_kg, r.load.annual_energy() / 3.6e6 / r.batches, r.load.design_load / 1e3,
      r.low_pickup_hours);
  // Above the latent heat (≈2.4 MJ/kg: a ventilated barn also heats the air it exhausts);
  // below 8 MJ/kg. For comparison: a 600-stick barn gives off 4000–7000 lb of water per
  // 1000 lb cured leaf (Brothers, Univ. of Florida Circular, 1963).
  EXPECT_GT(mj_per_kg, 2.4);
  EXPECT_LT(mj_per_kg, 8.0);
  EXPECT_NEAR(r.load.annual_energy(), r.ventilation + r.fabric + r.product_heating,
              1e-9 * r.load.annual_energy());
  EXPECT_GT(r.load.design_load, 0.0);
}

TEST(Drying, ColderWetterAirCostsMore) {
  test::SyntheticClimate c;
  c.annual_mean_c = 5.0;
  c.rh = 0.6;
  DryingSpec s;
  s.season = {{1, 1}, {2, 28}};
  const DryingResult cold = simulate_drying(s, test::make_weather(c));
  c.annual_mean_c = 25.0;
  const DryingResult warm = simulate_drying(s, test::make_weather(c));
  EXPECT_GT(cold.energy_per_kg_water(), warm.energy_per_kg_water());
}

TEST(Drying, BadSpecsNameTheField) {
  DryingSpec s;
  s.stages[0].t_wet = s.stages[0].t_dry + 1.0;
  try {
    s.validate();
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("t_wet"), std::string::npos);
  }
  s = DryingSpec{};
  s.stages[0].water_fraction = 0.5;
  EXPECT_THROW(s.validate(), InvalidInput);
  s = DryingSpec{};
  s.fresh_mass = -1.0;
  EXPECT_THROW(s.validate(), InvalidInput);
}

}  // namespace
}  // namespace heatlift::demand
