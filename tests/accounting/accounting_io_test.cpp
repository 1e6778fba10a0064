// The accounting blocks of a site file: a complete example, then malformed input, each
// error naming file, line and field.
#include "heatlift/accounting/accounting_io.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::accounting {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kSite = R"(# a school in Shijiazhuang
[carbon]
grid = "north"
grid_path = "cns"
start_year = 2026

[refrigerant]
name = "R32"
charge = "6 kg"
leak_rate = 0.03
eol_loss = 0.15

[economics]
discount_rate = 0.05
lifetime = 15
capital_per_kw = "1500 CNY/kW"
capital_fixed = "20000 CNY"
om_fraction = "1.5 %"
subsidy_per_kw = "300 CNY/kW"
subsidy = "5000 CNY"

[tariff]
kind = "time_of_use"
tier_limits = ["2760 kWh", "4800 kWh"]
tier_surcharges = ["0.05 CNY/kWh", "0.30 CNY/kWh"]
[[tariff.periods]]
name = "peak"
price = "0.568 CNY/kWh"
hours = ["08-22"]
[[tariff.periods]]
name = "valley"
price = "0.288 CNY/kWh"
hours = ["22-08"]
[tariff.heating_season]
from = "11-15"
to = "03-15"
price = "0.30 CNY/kWh"
counts_toward_tiers = false

[fuel_prices]
coal = "1000 CNY/t"
natural_gas = "3.2 CNY/m3"
district_heat = "40 CNY/GJ"

[baseline]
generator = "coal_boiler_small"
efficiency = "75 %"
capital = "30000 CNY"
om = "500 CNY/a"

[gbt50801]
reference = "coal"
application = "space_heating"
electricity_to_coal = "calorific_equivalent"
conventional_price = "0.1 CNY/kWh"
incremental_cost = "200000 CNY"
)";

struct Site {
  core::ConfigDocument doc;
  core::ConfigTable root;
  explicit Site(std::string_view text)
      : doc(core::ConfigDocument::from_text(text, "site.toml")), root(doc) {}
  core::ConfigTable block(std::string_view key) { return root.table(key); }
};

const core::DataStore& data() {
  static const core::DataStore d;
  return d;
}

TEST(AccountingIo, ReadsACompleteSite) {
  Site s(kSite);
  core::ConfigTable carbon = s.block("carbon");
  const CarbonInput c = carbon_from_config(carbon, data());
  EXPECT_EQ(c.start_year, 2026);
  EXPECT_TRUE(c.grid.is_path());
  EXPECT_NEAR(c.grid.kg_per_kwh(2023), 0.6361, 1e-12);

  core::ConfigTable rt = s.block("refrigerant");
  const RefrigerantUse r = refrigerant_from_config(rt, data());
  EXPECT_DOUBLE_EQ(r.charge_kg, 6.0);
  EXPECT_DOUBLE_EQ(r.gwp, 675.0);  // AR4 by default
  EXPECT_DOUBLE_EQ(r.leak_rate, 0.03);
  EXPECT_DOUBLE_EQ(r.eol_loss, 0.15);

  core::ConfigTable et = s.block("economics");
  const Economics e = economics_from_config(et, data());
  EXPECT_DOUBLE_EQ(e.discount_rate, 0.05);
  EXPECT_EQ(e.lifetime_years, 15);
  EXPECT_DOUBLE_EQ(e.capital_per_W, 1.5);
  EXPECT_DOUBLE_EQ(e.capital_fixed, 20000.0);
  EXPECT_DOUBLE_EQ(e.om_fraction, 0.015);
  EXPECT_DOUBLE_EQ(e.subsidy_per_W, 0.3);
  EXPECT_DOUBLE_EQ(e.subsidy_lump, 5000.0);

  core::ConfigTable tt = s.block("tariff");
  const Tariff t = tariff_from_config(tt, data());
  ASSERT_TRUE(t.heating_season.has_value());
  EXPECT_EQ(t.heating_season->first_day, 318);
  EXPECT_FALSE(t.heating_season->counts_toward_tiers);
  EXPECT_NEAR(t.base_price(0) * core::kJPerKWh, 0.30, 1e-12);              // 1 Jan: season
  EXPECT_NEAR(t.base_price(24 * 100 + 9) * core::kJPerKWh, 0.568, 1e-12);  // 11 Apr 09:00
  EXPECT_NEAR(t.base_price(24 * 100 + 23) * core::kJPerKWh, 0.288, 1e-12);

  const FuelRegistry reg = FuelRegistry::load(data());
  core::ConfigTable ft = s.block("fuel_prices");
  const FuelPrices p = fuel_prices_from_config(ft, reg);
  EXPECT_DOUBLE_EQ(p.at("coal"), 1.0);  // CNY/kg
  EXPECT_DOUBLE_EQ(p.at("natural_gas"), 3.2);
  EXPECT_NEAR(p.at("district_heat") * 1e9, 40.0, 1e-9);

  core::ConfigTable bt = s.block("baseline");
  const BaselineInput b = baseline_from_config(bt, reg);
  EXPECT_EQ(b.generator.fuel, "coal");
  EXPECT_DOUBLE_EQ(b.generator.efficiency, 0.75);
  EXPECT_DOUBLE_EQ(b.annual_om, 500.0);

  const auto k = gbt50801::Constants::load(data());
  core::ConfigTable gt = s.block("gbt50801");
  const Gbt50801Input g = gbt50801_from_config(gt, k);
  EXPECT_DOUBLE_EQ(g.eta_t, 0.70);
  EXPECT_NEAR(g.electricity_to_coal * core::kJPerKWh, 0.12284, 1e-12);
  EXPECT_EQ(g.electricity_to_coal_basis, "calorific_equivalent");
  ASSERT_TRUE(g.incremental_cost.has_value());
  EXPECT_DOUBLE_EQ(*g.incremental_cost, 200000.0);
}

TEST(AccountingIo, RefrigerantFromTheProduct) {
  Site s("[refrigerant]\nleak_rate = \"2 %/a\"\n");
  core::ConfigTable t = s.block("refrigerant");
  const RefrigerantUse r = refrigerant_from_config(t, data(), "R410A", 2.4);
  EXPECT_EQ(r.refrigerant, "R410A");
  EXPECT_DOUBLE_EQ(r.charge_kg, 2.4);
  EXPECT_DOUBLE_EQ(r.gwp, 2088.0);
  EXPECT_DOUBLE_EQ(r.leak_rate, 0.02);
  EXPECT_DOUBLE_EQ(r.eol_loss, 0.15);  // default (I)
}

TEST(AccountingIo, ConstantGridAndExplicitFactor) {
  Site s("[carbon]\ngrid = \"CN-HE\"\n");
  core::ConfigTable t = s.block("carbon");
  const CarbonInput c = carbon_from_config(t, data());
  EXPECT_NEAR(c.grid.kg_per_kwh(2040), 0.7252, 1e-12);
  EXPECT_EQ(c.start_year, 2022);
  Site s2("[carbon]\ngrid_factor = \"0.45 kgCO2/kWh\"\n");
  core::ConfigTable t2 = s2.block("carbon");
  EXPECT_NEAR(carbon_from_config(t2, data()).grid.kg_per_kwh(2030), 0.45, 1e-12);
}

// Every bad input: the message names the file, the line of the offending key and the field.
struct Bad {
  std::string_view block;
  std::string text;
  std::string where;  // "site.toml:<line>"
  std::string field;
};

class AccountingIoBad : public ::testing::TestWithParam<Bad> {};

TEST_P(AccountingIoBad, NamesFileLineAndField) {
  const Bad& b = GetParam();
  Site s(b.text);
  core::ConfigTable t = s.block(b.block);
  try {
    if (b.block == "carbon") carbon_from_config(t, data());
    if (b.block == "refrigerant") refrigerant_from_config(t, data());
    if (b.block == "economics") economics_from_config(t, data());
    if (b.block == "tariff") tariff_from_config(t, data());
    if (b.block == "fuel_prices") fuel_prices_from_config(t, FuelRegistry::load(data()));
    if (b.block == "baseline") baseline_from_config(t, FuelRegistry::load(data()));
    if (b.block == "gbt50801") gbt50801_from_config(t, gbt50801::Constants::load(data()));
    FAIL() << "no error for:\n" << b.text;
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr(b.where)) << e.what();
    EXPECT_THAT(e.what(), HasSubstr(b.field)) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Configs, AccountingIoBad,
    ::testing::Values(
        Bad{"carbon", "[carbon]\ngrid = \"atlantis\"\n", "site.toml:2", "carbon.grid"},
        Bad{"carbon", "[carbon]\ngrid = \"CN-XX\"\n", "site.toml:2", "carbon.grid"},
        Bad{"carbon", "[carbon]\ngrid = \"north\"\nyear = 2015\n", "site.toml:3", "carbon.year"},
        Bad{"carbon", "[carbon]\ngrid_path = \"cns\"\n", "site.toml:1", "start_year"},
        Bad{"carbon", "[carbon]\ngrid_path = \"bau\"\nstart_year = 2025\n", "site.toml:2",
            "carbon.grid_path"},
        Bad{"carbon", "[carbon]\ngrid_factor = \"0.5 kg/m3\"\n", "site.toml:2",
            "carbon.grid_factor"},
        Bad{"carbon", "[carbon]\ngrid = \"north\"\nyaer = 2023\n", "site.toml", "yaer"},
        Bad{"carbon", "[carbon]\ngrid_factor = \"5 kgCO2/kWh\"\n", "site.toml:2",
            "0 to 2 kgCO2/kWh"},
        Bad{"carbon", "[carbon]\ngrid_factor = \"0.5 kgCO2/kWh\"\ngrid = \"north\"\n",
            "site.toml:2", "carbon.grid_factor"},
        Bad{"refrigerant", "[refrigerant]\nname = \"R32\"\ncharge = \"2 kg\"\nleak_rate = -0.1\n",
            "site.toml:4", "refrigerant.leak_rate"},
        Bad{"refrigerant",
            "[refrigerant]\nname = \"R32\"\ncharge = \"2 kg\"\nleak_rate = \"3 %\"\n",
            "site.toml:4", "refrigerant.leak_rate"},
        Bad{"refrigerant", "[refrigerant]\nname = \"R999\"\ncharge = \"2 kg\"\n", "site.toml:2",
            "refrigerant.name"},
        Bad{"refrigerant", "[refrigerant]\nname = \"R32\"\n", "site.toml:1", "charge"},
        Bad{"refrigerant", "[refrigerant]\nname = \"R32\"\ncharge = \"2 kg\"\neol_loss = 1.5\n",
            "site.toml:4", "refrigerant.eol_loss"},
        Bad{"economics",
            "[economics]\ndiscount_rate = -0.05\nlifetime = 15\ncapital_per_kw = \"1 CNY/kW\"\n",
            "site.toml:2", "economics.discount_rate"},
        Bad{"economics",
            "[economics]\ndiscount_rate = 0.05\nlifetime = 15.5\ncapital_per_kw = \"1 CNY/kW\"\n",
            "site.toml:3", "economics.lifetime"},
        Bad{"economics", "[economics]\ndiscount_rate = 0.05\nlifetime = 15\n", "site.toml:1",
            "capital_per_kw"},
        Bad{"economics",
            "[economics]\ndiscount_rate = 0.05\nlifetime = 15\ncapital_per_kw = \"1500\"\n",
            "site.toml:4", "economics.capital_per_kw"},
        Bad{"economics", "[economics]\ndiscount_rate = 0.05\nlifetime = 15\nhp_type = \"fusion\"\n",
            "site.toml:4", "economics.hp_type"},
        Bad{"tariff", "[tariff]\npreset = \"mars\"\n", "site.toml:2", "tariff.preset"},
        Bad{"tariff", "[tariff]\nkind = \"flat\"\nprice = \"-0.5 CNY/kWh\"\n", "site.toml:3",
            "tariff.price"},
        Bad{"tariff", "[tariff]\nkind = \"flat\"\n", "site.toml:1", "price"},
        Bad{"tariff",
            "[tariff]\nkind = \"time_of_use\"\n[[tariff.periods]]\nname = \"peak\"\nprice = \"1 "
            "CNY/kWh\"\nhours = [\"08-22\"]\n",
            "site.toml", "periods"},
        Bad{"tariff",
            "[tariff]\nkind = \"time_of_use\"\n[[tariff.periods]]\nname = \"peak\"\nprice = \"1 "
            "CNY/kWh\"\nhours = [\"8-22\"]\n",
            "site.toml:6", "hours"},
        // One period whose own ranges overlap (09-12 and 17-11 wrap past midnight): found
        // by fuzzing, it read a period that did not exist yet.
        Bad{"tariff",
            "[tariff]\nkind = \"time_of_use\"\n[[tariff.periods]]\nname = \"peak\"\nprice = \"1 "
            "CNY/kWh\"\nhours = [\"09-12\", \"17-11\"]\n",
            "site.toml:6", "hour 9 is already in period 'peak'"},
        Bad{"tariff",
            "[tariff]\nkind = \"flat\"\nprice = \"0.5 CNY/kWh\"\n[tariff.heating_season]\nfrom = "
            "\"02-30\"\nto = \"03-15\"\nprice = \"0.3 CNY/kWh\"\n",
            "site.toml:5", "tariff.heating_season.from"},
        Bad{"fuel_prices", "[fuel_prices]\ncoal = \"1000 CNY/m3\"\n", "site.toml:2",
            "fuel_prices.coal"},
        Bad{"fuel_prices", "[fuel_prices]\ncole = \"1000 CNY/t\"\n", "site.toml", "cole"},
        Bad{"baseline", "[baseline]\ngenerator = \"steam_engine\"\n", "site.toml:2",
            "baseline.generator"},
        Bad{"baseline", "[baseline]\ngenerator = \"gas_boiler\"\nefficiency = \"150 %\"\n",
            "site.toml:3", "baseline.efficiency"},
        Bad{"gbt50801", "[gbt50801]\nreference = \"coal\"\napplication = \"space_heating\"\n",
            "site.toml:1", "electricity_to_coal"},
        Bad{"gbt50801",
            "[gbt50801]\nreference = \"coal\"\napplication = \"space_heating\"\n"
            "electricity_to_coal = \"standard\"\n",
            "site.toml:4", "gbt50801.electricity_to_coal"},
        Bad{"gbt50801",
            "[gbt50801]\nreference = \"electricity\"\napplication = \"space_heating\"\n"
            "electricity_to_coal = \"0.3 kgce/kWh\"\n",
            "site.toml:3", "gbt50801.application"}));

}  // namespace
}  // namespace heatlift::accounting
