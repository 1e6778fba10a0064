// Process heat: the schedule's hours are exact, the waste-heat source is carried through.
#include "heatlift/demand/process.hpp"

#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace heatlift::demand {
namespace {

ProcessSpec steam() {
  ProcessSpec s;
  s.duty = 2e6;
  s.t_supply = 273.15 + 150.0;
  s.t_return = 273.15 + 90.0;
  return s;
}

TEST(Process, ThreeShiftsAllYear) {
  const ProcessResult r = simulate_process(steam());
  r.load.validate();
  EXPECT_EQ(r.operating_hours, 8760);
  EXPECT_NEAR(r.load.annual_energy(), 2e6 * 8760 * 3600.0, 1.0);
  EXPECT_EQ(r.load.design_load, 2e6);
  EXPECT_TRUE(r.load.t_source.empty());
}

TEST(Process, TwoShiftsFiveDaysTwoWeeksShutdown) {
  // The typical year starts on a Monday: 52 weeks and one Monday = 261 working days; a
  // 14-day shutdown from 25 January holds 10 of them: 251 days × 16 h.
  ProcessSpec s = steam();
  s.shifts_per_day = 2;
  s.shift_start = 6;
  s.days_per_week = 5;
  s.shutdown_weeks = 2;
  const ProcessResult r = simulate_process(s);
  EXPECT_EQ(r.operating_hours, 251 * 16);
  EXPECT_EQ(r.load.heat[5], 0.0);             // Monday 1 January 05:00
  EXPECT_EQ(r.load.heat[6], 2e6);             // 06:00, first shift
  EXPECT_EQ(r.load.heat[21], 2e6);            // 21:00, second shift
  EXPECT_EQ(r.load.heat[22], 0.0);            // 22:00
  EXPECT_EQ(r.load.heat[5 * 24 + 10], 0.0);   // Saturday
  EXPECT_EQ(r.load.heat[30 * 24 + 10], 0.0);  // 31 January, shutdown
}

TEST(Process, ShiftsPastMidnightBelongToTheirDay) {
  ProcessSpec s = steam();
  s.shifts_per_day = 2;
  s.shift_start = 16;
  s.days_per_week = 5;
  const ProcessResult r = simulate_process(s);
  EXPECT_EQ(r.operating_hours, 261 * 16);
  EXPECT_EQ(r.load.heat[4 * 24 + 23], 2e6);  // Friday 23:00
  EXPECT_EQ(r.load.heat[5 * 24 + 7], 2e6);   // Saturday 07:00, Friday's second shift
  EXPECT_EQ(r.load.heat[5 * 24 + 8], 0.0);   // Saturday 08:00
  EXPECT_EQ(r.load.heat[7 * 24 + 3], 0.0);   // Monday 03:00, Sunday did not work
}

TEST(Process, StandbyAndWasteHeatSource) {
  ProcessSpec s = steam();
  s.shifts_per_day = 1;
  s.standby_fraction = 0.1;
  s.t_source = 273.15 + 45.0;
  const ProcessResult r = simulate_process(s);
  r.load.validate();
  ASSERT_EQ(r.load.t_source.size(), 8760u);
  EXPECT_EQ(r.load.t_source[100], 273.15 + 45.0);
  EXPECT_EQ(r.operating_hours, 365 * 8);
  EXPECT_NEAR(r.load.annual_energy(), (365 * 8 * 2e6 + (8760 - 365 * 8) * 0.2e6) * 3600.0, 1.0);
}

TEST(Process, BadSpecsNameTheField) {
  ProcessSpec s = steam();
  s.t_return = s.t_supply + 1.0;
  try {
    simulate_process(s);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("t_return"), std::string::npos);
  }
  s = steam();
  s.days_per_week = 8;
  EXPECT_THROW(simulate_process(s), InvalidInput);
  s = steam();
  s.t_source_hourly = {300.0};
  EXPECT_THROW(simulate_process(s), InvalidInput);
}

}  // namespace
}  // namespace heatlift::demand
