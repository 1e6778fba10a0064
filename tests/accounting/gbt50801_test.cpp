// GB/T 50801-2013 evaluation on a worked example, computed here in the standard's own units
// (MJ, kWh, kgce) from the formulas of gbt50801.md §2, against the SI implementation.
#include "heatlift/accounting/gbt50801.hpp"

#include <gtest/gtest.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::accounting::gbt50801 {
namespace {

const Constants& k() {
  static const Constants c = Constants::load(core::DataStore());
  return c;
}

constexpr double kMJ = 1e6;
constexpr double kKWh = 3.6e6;

TEST(Gbt50801, ConstantsAsTranscribed) {
  EXPECT_NEAR(k().standard_coal_ncv, 29.307e6, 1e-6);
  EXPECT_DOUBLE_EQ(k().co2_per_kgce, 2.47);
  EXPECT_DOUBLE_EQ(k().so2_per_kgce, 0.02);
  EXPECT_DOUBLE_EQ(k().dust_per_kgce, 0.01);
  EXPECT_DOUBLE_EQ(k().eta(Energy::coal, Application::space_heating), 0.70);
  EXPECT_DOUBLE_EQ(k().eta(Energy::natural_gas, Application::space_heating), 0.80);
  EXPECT_DOUBLE_EQ(k().eta(Energy::natural_gas, Application::hot_water), 0.84);
  EXPECT_DOUBLE_EQ(k().eta(Energy::electricity, Application::hot_water), 0.31);
  EXPECT_THROW(k().eta(Energy::electricity, Application::space_heating), InvalidInput);
  EXPECT_DOUBLE_EQ(k().eer_reference(300e3), 2.3);
  EXPECT_DOUBLE_EQ(k().eer_reference(528e3), 2.6);
  EXPECT_DOUBLE_EQ(k().eer_reference(1163e3), 2.8);
  EXPECT_NEAR(k().electricity_to_coal_preset("calorific_equivalent") * kKWh, 0.12284, 1e-9);
  EXPECT_THROW(k().electricity_to_coal_preset("standard"), InvalidInput);
}

// Thresholds 3.5 / 3.0 / 2.6 (heating) and 3.9 / 3.4 / 3.0 (cooling); higher grade at a boundary.
TEST(Gbt50801, GradeBoundaries) {
  EXPECT_EQ(grade(k(), Mode::heating, 3.5), 1);
  EXPECT_EQ(grade(k(), Mode::heating, 3.4999), 2);
  EXPECT_EQ(grade(k(), Mode::heating, 3.0), 2);
  EXPECT_EQ(grade(k(), Mode::heating, 2.9999), 3);
  EXPECT_EQ(grade(k(), Mode::heating, 2.6), 3);
  EXPECT_EQ(grade(k(), Mode::heating, 2.5999), 0);
  EXPECT_EQ(grade(k(), Mode::cooling, 3.9), 1);
  EXPECT_EQ(grade(k(), Mode::cooling, 3.4), 2);
  EXPECT_EQ(grade(k(), Mode::cooling, 3.0), 3);
  EXPECT_EQ(grade(k(), Mode::cooling, 2.99), 0);
}

// User side 50 m3/h, Δt 5 K, 96 h test: q = 50·1000·4.18·5/3600 = 290.28 kW, Q_sh = q·96;
// units 8000 kWh, pumps 1000 kWh → COP_sys 3.096, grade 2.
TEST(Gbt50801, SystemCopFromATest) {
  const double q_kw = 50.0 * 1000.0 * 4.18 * 5.0 / 3600.0;
  const double cop = system_cop(q_kw * 96.0 * kKWh, 8000.0 * kKWh, 1000.0 * kKWh);
  EXPECT_NEAR(cop, q_kw * 96.0 / 9000.0, 1e-12);
  EXPECT_NEAR(cop, 3.096, 1e-3);
  EXPECT_EQ(grade(k(), Mode::heating, cop), 2);
  EXPECT_THROW(system_cop(1.0, 0.0, 0.0), InvalidInput);
  EXPECT_THROW(system_cop(-1.0, 1.0, 0.0), InvalidInput);
}

// Heating: Q_H = 10^6 MJ, COP_sys 3.2, coal η_t 0.70, q 29.307 MJ/kgce, D 0.12284 kgce/kWh:
// Q_t = Q_H/(η_t q), Q_r = D·Q_H/(3.6·COP), Q_tr = Q_t − Q_r.
TEST(Gbt50801, HeatingSubstitutionWorkedExample) {
  const double QH = 1e6;  // MJ
  const double D = 0.12284;
  const double Qt = QH / (0.70 * 29.307);
  const double Qr = D * QH / (3.6 * 3.2);
  const Substitution s = heating_substitution(k(), QH * kMJ, 3.2, 0.70, D / kKWh);
  EXPECT_NEAR(s.conventional_kgce, Qt, 1e-6);
  EXPECT_NEAR(s.heat_pump_kgce, Qr, 1e-6);
  EXPECT_NEAR(s.substituted_kgce, Qt - Qr, 1e-6);
  EXPECT_NEAR(s.substituted_kgce, 38081.9, 0.1);
  EXPECT_NEAR(s.co2_kg, 2.47 * (Qt - Qr), 1e-6);
  EXPECT_NEAR(s.so2_kg, 0.02 * (Qt - Qr), 1e-6);
  EXPECT_NEAR(s.dust_kg, 0.01 * (Qt - Qr), 1e-6);
  // Coal at 0.8 CNY/kg and 8.14 kWh/kg (the transcription's R): P = 0.8/8.14 CNY/kWh;
  // C_s = P·Q_tr·q/3.6 − M with M = 5000; N = 300 000 / C_s.
  const double P = 0.8 / 8.14;
  const double Cs = P * (Qt - Qr) * 29.307 / 3.6 - 5000.0;
  const Payoff p = payoff(k(), s, P / kKWh, 5000.0, 300000.0);
  EXPECT_NEAR(p.annual_saving_cny, Cs, 1e-6);
  ASSERT_TRUE(p.payback_years.has_value());
  EXPECT_NEAR(*p.payback_years, 300000.0 / Cs, 1e-9);
  // Saving ≤ 0: never.
  EXPECT_FALSE(payoff(k(), s, P / kKWh, 1e9, 300000.0).payback_years.has_value());
}

// Cooling: Q_C = 5·10^5 MJ, EER_sys 4.0 against EER_t 2.6 (528-1163 kW chiller).
TEST(Gbt50801, CoolingSubstitutionAndYear) {
  const double QC = 5e5;
  const double D = 0.12284;
  const Substitution c =
      cooling_substitution(k(), QC * kMJ, 4.0, k().eer_reference(600e3), D / kKWh);
  const double Qt = D * QC / (3.6 * 2.6);
  const double Qr = D * QC / (3.6 * 4.0);
  EXPECT_NEAR(c.substituted_kgce, Qt - Qr, 1e-6);
  const Substitution h = heating_substitution(k(), 1e6 * kMJ, 3.2, 0.70, D / kKWh);
  const Substitution y = h + c;
  EXPECT_NEAR(y.substituted_kgce, h.substituted_kgce + c.substituted_kgce, 1e-9);
  EXPECT_NEAR(y.co2_kg, 2.47 * y.substituted_kgce, 1e-6);
  EXPECT_THROW(heating_substitution(k(), 1.0, 3.0, 0.7, 0.0), InvalidInput);
}

}  // namespace
}  // namespace heatlift::accounting::gbt50801
