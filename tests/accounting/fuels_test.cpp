// Fuels and heat generators against standards-and-factors.md §8 and §12.
#include "heatlift/accounting/fuels.hpp"

#include <gtest/gtest.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::accounting {
namespace {

const FuelRegistry& reg() {
  static const FuelRegistry r = FuelRegistry::load(core::DataStore());
  return r;
}

TEST(Fuels, RegistryHoldsTheFactsSheetValues) {
  EXPECT_NEAR(reg().standard_coal_ncv(), 29.3076e6, 1e-6);
  const Fuel& gas = reg().fuel("natural_gas");
  EXPECT_EQ(gas.basis, FuelBasis::volume);
  EXPECT_NEAR(gas.ncv, 38.931e6, 1e-6);
  // GB/T 32151 defaults: 55.5 tCO2/TJ ≈ 2.16 kgCO2/Nm3 (§8.1).
  EXPECT_NEAR(co2_of_fuel(gas, 1.0), 2.16, 0.005);
  EXPECT_NEAR(reg().fuel("coal").co2_factor, 94.6e-9, 1e-15);
  EXPECT_NEAR(reg().fuel("district_heat").co2_factor, 0.111e-6, 1e-15);
  EXPECT_FALSE(reg().fuel("natural_gas").so2_factor.has_value());
  EXPECT_THROW(reg().fuel("peat"), InvalidInput);
  EXPECT_THROW(co2_of_fuel(reg().fuel("electricity"), 1.0), InvalidInput);
}

TEST(Fuels, DefaultsFileNamesItsSourceAndEveryEntryIsSane) {
  const core::DataStore data;
  EXPECT_FALSE(core::DataStore::source_line(data.read("accounting/defaults.toml")).empty());
  EXPECT_GE(reg().fuels().size(), 5u);
  EXPECT_GE(reg().generators().size(), 9u);
  for (const Fuel& f : reg().fuels()) {
    EXPECT_GT(f.ncv, 0.0) << f.id;
    EXPECT_GE(f.co2_factor, 0.0) << f.id;
    EXPECT_FALSE(f.name_zh.empty()) << f.id;
  }
  for (const HeatGenerator& g : reg().generators()) {
    EXPECT_NO_THROW(reg().fuel(g.fuel)) << g.id;
    EXPECT_GT(g.efficiency, 0.0) << g.id;
  }
}

// GB 24500-2020 grade-3 efficiencies (C2, §8.2).
TEST(Fuels, GeneratorEfficiencies) {
  EXPECT_DOUBLE_EQ(reg().generator("coal_boiler_small").efficiency, 0.80);
  EXPECT_DOUBLE_EQ(reg().generator("coal_boiler_large").efficiency, 0.81);
  EXPECT_DOUBLE_EQ(reg().generator("gas_boiler").efficiency, 0.92);
  EXPECT_DOUBLE_EQ(reg().generator("gas_boiler_condensing").efficiency, 0.98);
  EXPECT_DOUBLE_EQ(reg().generator("electric_boiler").efficiency, 0.97);
  EXPECT_DOUBLE_EQ(reg().generator("direct_electric").efficiency, 1.0);
  EXPECT_EQ(reg().generator("scattered_coal_stove").fuel, "briquette");
  EXPECT_THROW(reg().generator("steam_engine"), InvalidInput);
}

// 1 t of standard coal burnt as coal: 29.3076 GJ × 94.6 kgCO2/GJ = 2.77 tCO2; the range of
// China's usual per-tce factors is 2.66-2.77 t.
TEST(Fuels, OneTonneOfStandardCoal) {
  const Fuel& coal = reg().fuel("coal");
  const double kg_coal = 1000.0 * reg().standard_coal_ncv() / coal.ncv;
  const double t_co2 = co2_of_fuel(coal, kg_coal) / 1000.0;
  EXPECT_GE(t_co2, 2.66);
  EXPECT_LE(t_co2, 2.775);
  EXPECT_NEAR(t_co2, 2.7725, 1e-3);
}

// §12: coal boiler 0.3406/0.80 = 0.426 and gas boiler 0.1999/0.92 = 0.217 kgCO2 per kWh heat.
TEST(Fuels, UsefulHeatToFuelCo2AndCost) {
  const double one_kwh = core::kJPerKWh;
  const FuelUse c = fuel_use(one_kwh, reg().generator("coal_boiler_small"), reg(), 0.0,
                             core::parse_quantity("1000 CNY/t", core::Dimension::price_per_mass));
  EXPECT_NEAR(c.co2_kg, 0.426, 5e-4);
  EXPECT_NEAR(c.fuel_energy_J, 4.5e6, 1e-6);
  EXPECT_NEAR(c.amount, 4.5 / 20.908, 1e-12);  // kg of raw coal
  ASSERT_TRUE(c.cost_cny.has_value());
  EXPECT_NEAR(*c.cost_cny, 4.5 / 20.908, 1e-12);  // 1 CNY/kg
  ASSERT_TRUE(c.so2_kg.has_value());
  EXPECT_NEAR(c.standard_coal_kg, 4.5 / 29.3076, 1e-12);
  EXPECT_NEAR(*c.so2_kg, 0.02 * c.standard_coal_kg, 1e-12);
  EXPECT_NEAR(*c.dust_kg, 0.01 * c.standard_coal_kg, 1e-12);

  const FuelUse g = fuel_use(one_kwh, reg().generator("gas_boiler"), reg(), 0.0);
  EXPECT_NEAR(g.co2_kg, 0.217, 5e-4);
  EXPECT_NEAR(g.amount, 3.6 / 0.92 / 38.931, 1e-12);  // m3
  EXPECT_FALSE(g.cost_cny.has_value());

  const double grid = 0.5306 / core::kJPerKWh;
  const FuelUse e = fuel_use(one_kwh, reg().generator("direct_electric"), reg(), grid);
  EXPECT_NEAR(e.co2_kg, 0.5306, 1e-12);
  // Break-even SPF of a heat pump against the gas boiler, §12: 2.44.
  EXPECT_NEAR(0.5306 / g.co2_kg, 2.44, 0.01);
}

TEST(Fuels, EfficiencyOverrideAndBadInput) {
  const FuelUse c =
      fuel_use(core::kJPerKWh, reg().generator("coal_boiler_small"), reg(), 0.0, std::nullopt, 0.6);
  EXPECT_NEAR(c.fuel_energy_J, 6e6, 1e-6);
  EXPECT_THROW(fuel_use(-1.0, reg().generator("gas_boiler"), reg(), 0.0), InvalidInput);
  EXPECT_THROW(fuel_use(1.0, reg().generator("gas_boiler"), reg(), 0.0, std::nullopt, 0.0),
               InvalidInput);
  EXPECT_THROW(fuel_use(1.0, reg().generator("gas_boiler"), reg(), 0.0, -1.0), InvalidInput);
}

}  // namespace
}  // namespace heatlift::accounting
