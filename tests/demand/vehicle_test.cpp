// Electric-vehicle winter range (demand/vehicle.hpp): published cold-weather tests, the
// heat pump against the PTC heater, invariants and bad input.
#include "heatlift/demand/vehicle.hpp"

#include <gtest/gtest.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/demand/vehicle_io.hpp"

namespace heatlift::demand {
namespace {

constexpr double kC = 273.15;

double f_to_k(double f) {
  return (f - 32.0) / 1.8 + kC;
}

VehicleSpec defaults() {
  return read_vehicle(core::ConfigDocument::from_text("", "test.toml"));
}

// AAA, "AAA Electric Vehicle Range Testing", Feb. 2019 (with the Automotive Club of Southern
// California): five cars (BMW i3s, Chevrolet Bolt, Nissan Leaf, Tesla Model S 75D, VW
// e-Golf) on combined city/highway dynamometer cycles (about 43 km/h mean), cabin 72 °F.
// Against 75 °F: at 20 °F the range falls 12 % with the HVAC off and 41 % with it on.
// The cars heat mostly with resistance heaters: the PTC case of the model.
VehicleSpec aaa_car() {
  VehicleSpec s = defaults();
  s.drive.battery_energy = 50.0 * 3.6e6;  // mean of the five tested packs, about 50 kWh
  s.drive.mean_speed = 43.0 / 3.6;
  return s;
}

TEST(Vehicle, Aaa2019HeatingOffLosesTwelvePercentAt20F) {
  VehicleSpec s = aaa_car();
  s.cabin.ua = 0.0;  // HVAC off: no cabin heat, the cells still kept warm
  s.cabin.fresh_air = 0.0;
  s.cabin.heat_capacity = 0.0;
  const VehiclePoint p = vehicle_point(s, f_to_k(20.0));
  const double loss = 1.0 - p.range_ptc / reference_range(s);
  EXPECT_NEAR(loss, 0.12, 0.02);  // calibration of cold_penalty_per_k: within 2 points
}

TEST(Vehicle, Aaa2019HeatingOnLosesFortyOnePercentAt20F) {
  const VehicleSpec s = aaa_car();
  const VehiclePoint p = vehicle_point(s, f_to_k(20.0));
  const double loss = 1.0 - p.range_ptc / reference_range(s);
  EXPECT_NEAR(loss, 0.41, 0.05);  // validation: within 5 points
}

// Recurrent, winter 2024/25 range study (18,000 cars, 20 models, real-world driving near
// 0 °C / 32 °F): cars with a heat pump keep 83 % of their range, without 75 %; Tesla Model 3
// 87 % with, 79 % without. The heat pump is worth about 8 points of the rated range.
// Real-world driving is faster than the default city use: a mean speed of 60 km/h.
TEST(Vehicle, RecurrentHeatPumpKeepsEightPointsMoreRangeNearFreezing) {
  VehicleSpec s = defaults();
  s.drive.mean_speed = 60.0 / 3.6;
  const VehiclePoint p = vehicle_point(s, kC + 0.0);
  const double ref = reference_range(s);
  EXPECT_NEAR(p.range_hp / ref, 0.83, 0.04);  // within 4 points
  EXPECT_NEAR(p.range_ptc / ref, 0.75, 0.04);
  EXPECT_NEAR((p.range_hp - p.range_ptc) / ref, 0.08, 0.03);  // within 3 points
}

// Dongchedi (懂车帝) winter test 2022, Yakeshi and Genhe, Inner Mongolia, about -15 °C, 60
// models: on average 48.5 % of the CLTC range label reached. The label is a gentler cycle than
// mild-weather road driving, so the published share sits below the model's share of its own
// mild-weather range: within 8 points, from below.
TEST(Vehicle, DongchediWinterTestAtMinus15C) {
  const VehicleSpec s = defaults();
  const VehiclePoint p = vehicle_point(s, kC - 15.0);
  const double share = p.range_ptc / reference_range(s);
  EXPECT_GE(share, 0.485);
  EXPECT_LE(share, 0.485 + 0.08);
  EXPECT_FALSE(p.heat_pump_runs);  // the default R1234yf heat pump stops at -10 °C
}

TEST(Vehicle, HeatPumpNeverWorseAndOffBelowItsLimit) {
  const VehicleSpec s = defaults();
  for (double t = -35.0; t <= 30.0; t += 1.0) {
    const VehiclePoint p = vehicle_point(s, kC + t);
    EXPECT_GE(p.range_hp, p.range_ptc - 1e-9) << t;
    EXPECT_LE(p.range_ptc, reference_range(s) + 1e-9) << t;
    if (kC + t < s.heat_pump.t_min) {
      EXPECT_FALSE(p.heat_pump_runs) << t;
      EXPECT_DOUBLE_EQ(p.range_hp, p.range_ptc) << t;
    } else if (p.heat_pump_runs) {
      const double t_hot = s.cabin.supply_air + s.heat_pump.condenser_approach;
      const double t_cold = kC + t - s.heat_pump.evaporator_approach;
      EXPECT_LT(p.cop, t_hot / (t_hot - t_cold)) << t;  // below Carnot
    }
  }
}

TEST(Vehicle, RangeFallsAsItGetsColder) {
  const VehicleSpec s = defaults();
  double last = 0.0;
  for (double t = -30.0; t <= 20.0; t += 2.0) {
    const VehiclePoint p = vehicle_point(s, kC + t);
    EXPECT_GT(p.range_ptc, last) << t;
    last = p.range_ptc;
  }
}

TEST(Vehicle, EveryHeatIsAccounted) {
  const VehicleSpec s = defaults();
  const VehiclePoint p = vehicle_point(s, kC - 5.0);
  // PTC: electric power = steady heat; drive + heating over speed = consumption.
  EXPECT_NEAR(p.hvac_ptc, p.cabin_heat + p.battery_heat, 1e-9);
  EXPECT_NEAR(p.consumption_ptc * s.drive.mean_speed, p.drive_power + p.hvac_ptc, 1e-6);
  EXPECT_GT(p.hp_share, 0.99);  // 5 kW covers the compact car's steady heat at −5 °C
}

TEST(Vehicle, BadInputNamesTheField) {
  try {
    (void)read_vehicle(
        core::ConfigDocument::from_text("[cabin]\nrecirculation = 1.5\n", "car.toml"));
    FAIL() << "no error";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("recirculation"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)read_vehicle(
                   core::ConfigDocument::from_text("[vehicle]\nbattery_energy = 60\n", "car.toml")),
               InvalidInput);  // no unit
  EXPECT_THROW(
      (void)read_vehicle(core::ConfigDocument::from_text("[heat_pump]\nspeed = 3\n", "car.toml")),
      InvalidInput);  // unknown key
  VehicleSpec s = defaults();
  s.drive.trips_per_charge = 1000;
  s.drive.battery_energy = 3.6e6;
  EXPECT_THROW((void)vehicle_point(s, kC - 30.0), InvalidInput);
  EXPECT_THROW((void)vehicle_point(defaults(), std::nan("")), InvalidInput);
}

}  // namespace
}  // namespace heatlift::demand
