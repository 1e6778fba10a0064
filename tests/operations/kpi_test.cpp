#include "heatlift/operations/kpi.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "heatlift/core/error.hpp"

namespace heatlift::operations {
namespace {

// 2025-01-15 00:00 China Standard Time = 2025-01-14 16:00 UTC.
constexpr std::int64_t kT0 = 1'736'870'400;

UnitMeta air_unit() {
  UnitMeta u;
  u.id = "u1";
  u.type = "air-water";
  u.rated_capacity = 10'000.0;
  return u;
}

// Appends a 1-minute row: running (hz 50) with heat q and electricity e, or off (hz 0) with
// standby electricity.
void row(Series& s, bool on, double q, double e, double t_flow = 308.15, double t_out = 278.15) {
  const std::int64_t t = s.empty() ? kT0 : s.t.back() + s.dt.back();
  const std::size_t i = s.add_row(t, 60);
  s[Channel::compressor_hz][i] = on ? 50.0 : 0.0;
  s[Channel::heat_hp][i] = q;
  s[Channel::elec_unit][i] = e;
  s[Channel::t_flow][i] = t_flow;
  s[Channel::t_outdoor][i] = t_out;
}

// on×3, off×2, on×5, off×2 after two off rows: two complete cycles of 3 and 5 minutes.
Series two_cycles() {
  Series s;
  for (int i = 0; i < 2; ++i) row(s, false, 0.0, 20.0);
  for (int i = 0; i < 3; ++i) row(s, true, 6000.0, 2000.0);
  for (int i = 0; i < 2; ++i) row(s, false, 0.0, 20.0);
  for (int i = 0; i < 5; ++i) row(s, true, 6000.0, 2000.0);
  for (int i = 0; i < 2; ++i) row(s, false, 0.0, 20.0);
  return s;
}

TEST(Kpi, EnergiesSpfAndRunningTimeAddUp) {
  const Series s = two_cycles();
  const Kpis k = compute_kpis(s, air_unit());
  ASSERT_TRUE(k.heat_hp.has_value());
  EXPECT_DOUBLE_EQ(*k.heat_hp, 8 * 6000.0 * 60);
  EXPECT_DOUBLE_EQ(*k.elec_unit, 8 * 2000.0 * 60 + 6 * 20.0 * 60);
  ASSERT_EQ(k.spf.size(), 2u);  // H1 and H2 (an air unit's fan is inside its meter)
  EXPECT_EQ(k.spf[0].boundary, Boundary::h1);
  EXPECT_NEAR(*k.spf[0].spf, 48.0 * 6000 / (48.0 * 2000 + 6 * 20 * 6), 1e-12);
  EXPECT_DOUBLE_EQ(*k.running_hours, 8.0 / 60.0);
  EXPECT_EQ(k.running_basis, "compressor_hz");
  EXPECT_EQ(k.coverage.rows, 14);
  EXPECT_EQ(k.coverage.missing[static_cast<std::size_t>(Channel::defrost)], 14);
}

TEST(Kpi, StartsAndOnCyclesCountOnlyWhatWasSeen) {
  const Kpis k = compute_kpis(two_cycles(), air_unit());
  EXPECT_DOUBLE_EQ(*k.starts, 2.0);
  EXPECT_DOUBLE_EQ(*k.starts_per_running_hour, 2.0 / (8.0 / 60.0));
  EXPECT_DOUBLE_EQ(*k.starts_per_hour, 2.0 / (14.0 / 60.0));
  EXPECT_DOUBLE_EQ(*k.median_on_cycle, 240.0);   // of 180 s and 300 s
  EXPECT_DOUBLE_EQ(k.on_cycles.weight[0], 1.0);  // 3 min in [0, 5)
  EXPECT_DOUBLE_EQ(k.on_cycles.weight[1], 1.0);  // 5 min in [5, 10)

  // A series that begins running: its first cycle's start was not seen.
  Series s;
  for (int i = 0; i < 4; ++i) row(s, true, 6000.0, 2000.0);
  for (int i = 0; i < 2; ++i) row(s, false, 0.0, 20.0);
  const Kpis k2 = compute_kpis(s, air_unit());
  EXPECT_DOUBLE_EQ(*k2.starts, 0.0);
  EXPECT_FALSE(k2.median_on_cycle.has_value());
  EXPECT_FALSE(k2.median_on_cycle.reason.empty());
}

TEST(Kpi, AStartAfterAGapIsNotCounted) {
  Series s;
  row(s, false, 0.0, 20.0);
  row(s, true, 6000.0, 2000.0);
  // 10 minutes missing, then running again: not a start we saw.
  const std::size_t i = s.add_row(s.t.back() + 660, 60, flag_gap_before);
  s[Channel::compressor_hz][i] = 50.0;
  s[Channel::heat_hp][i] = 6000.0;
  s[Channel::elec_unit][i] = 2000.0;
  row(s, false, 0.0, 20.0);
  const Kpis k = compute_kpis(s, air_unit());
  EXPECT_DOUBLE_EQ(*k.starts, 1.0);
}

TEST(Kpi, RunningFromElectricityAboveTheStandbyThreshold) {
  Series s = two_cycles();
  for (double& hz : s[Channel::compressor_hz]) hz = std::nan("");
  const UnitMeta u = air_unit();
  EXPECT_DOUBLE_EQ(standby_threshold(u), 200.0);  // 2 % of 10 kW
  const Kpis k = compute_kpis(s, u);
  EXPECT_EQ(k.running_basis, "elec_unit > 200 W");
  EXPECT_DOUBLE_EQ(*k.running_hours, 8.0 / 60.0);
  EXPECT_DOUBLE_EQ(*k.starts, 2.0);
  UnitMeta no_rating = u;
  no_rating.rated_capacity = 0.0;
  EXPECT_DOUBLE_EQ(standby_threshold(no_rating), 50.0);
}

TEST(Kpi, StandbyShareAndMeanStandbyPower) {
  const Kpis k = compute_kpis(two_cycles(), air_unit());
  const double standby = 6 * 20.0 * 60, total = standby + 8 * 2000.0 * 60;
  EXPECT_NEAR(*k.standby_share, standby / total, 1e-12);
  EXPECT_NEAR(*k.mean_standby_power, 20.0, 1e-12);
}

TEST(Kpi, PercentOfCarnotIsHeatWeighted) {
  Series s;
  row(s, true, 6000.0, 2000.0, 308.15, 278.15);  // COP 3, Carnot 308.15/30
  row(s, true, 3000.0, 1500.0, 318.15, 268.15);  // COP 2, Carnot 318.15/50
  const Kpis k = compute_kpis(s, air_unit());
  const double f1 = 3.0 / (308.15 / 30.0), f2 = 2.0 / (318.15 / 50.0);
  EXPECT_NEAR(*k.carnot_fraction, (6000 * f1 + 3000 * f2) / 9000.0, 1e-12);
  UnitMeta ground = air_unit();
  ground.type = "ground-water";
  const Kpis g = compute_kpis(s, ground);
  EXPECT_FALSE(g.carnot_fraction.has_value());
  EXPECT_NE(g.carnot_fraction.reason.find("no source temperature"), std::string::npos);
}

TEST(Kpi, PartLoadBinsRunningHoursByHeatOverRatedCapacity) {
  Series s;
  row(s, true, 2500.0, 800.0);  // 0.25 → bin [0.2, 0.3)
  row(s, true, 2500.0, 800.0);
  row(s, true, 10500.0, 4000.0);  // 1.05 → bin [1.0, 1.1)
  const Kpis k = compute_kpis(s, air_unit());
  ASSERT_EQ(k.part_load.weight.size(), 13u);
  EXPECT_NEAR(k.part_load.weight[2], 2.0 / 60.0, 1e-12);
  EXPECT_NEAR(k.part_load.weight[10], 1.0 / 60.0, 1e-12);
}

TEST(Kpi, DefrostShareAndLossAgainstTheLastHeatingRow) {
  Series s;
  for (int i = 0; i < 8; ++i) {
    row(s, true, 6000.0, 2000.0, 308.15, 270.15);
    s[Channel::defrost].back() = 0.0;
  }
  for (int i = 0; i < 2; ++i) {
    row(s, true, -1000.0, 2200.0, 308.15, 270.15);  // reverse cycle takes heat back
    s[Channel::defrost].back() = 1.0;
  }
  const Kpis k = compute_kpis(s, air_unit());
  EXPECT_NEAR(*k.defrost_share, 0.2, 1e-12);
  const double lost = 2 * (6000.0 + 1000.0) * 60;
  EXPECT_NEAR(*k.defrost_heat_loss, lost, 1e-9);
  EXPECT_NEAR(*k.defrost_electricity, 2 * 2200.0 * 60, 1e-9);
  const double delivered = (8 * 6000.0 - 2 * 1000.0) * 60;
  EXPECT_NEAR(*k.defrost_loss, lost / (delivered + lost), 1e-12);
}

TEST(Kpi, BackupShareNeedsBothHeatMeters) {
  Series s = two_cycles();
  EXPECT_FALSE(compute_kpis(s, air_unit()).backup_share.has_value());
  for (std::size_t i = 0; i < s.size(); ++i) s[Channel::heat_backup][i] = i < 4 ? 2000.0 : 0.0;
  const Kpis k = compute_kpis(s, air_unit());
  const double bu = 4 * 2000.0 * 60, hp = 8 * 6000.0 * 60;
  EXPECT_NEAR(*k.backup_share, bu / (hp + bu), 1e-12);
}

TEST(Kpi, SpfUsesOnlyRowsWithEveryMeterOfItsBoundary) {
  Series s = two_cycles();
  UnitMeta u = air_unit();
  u.meters.elec_backup = true;
  for (std::size_t i = 0; i < s.size(); ++i) s[Channel::elec_backup][i] = i == 3 ? 3000.0 : 0.0;
  s[Channel::elec_backup][4] = std::nan("");  // one running row without the back-up meter
  const Kpis k = compute_kpis(s, u);
  ASSERT_EQ(k.spf.size(), 3u);
  EXPECT_EQ(k.spf[2].boundary, Boundary::h3);
  EXPECT_EQ(k.spf[2].rows, 13);
  // Back-up heat unmetered: an electric heater's heat equals its electricity.
  const double q = 7 * 6000.0 * 60 + 3000.0 * 60;
  const double e = 7 * 2000.0 * 60 + 6 * 20.0 * 60 + 3000.0 * 60;
  EXPECT_NEAR(*k.spf[2].spf, q / e, 1e-12);
}

TEST(Kpi, PeriodsAreCalendarPeriodsInChinaStandardTime) {
  // 2025-01-31 16:30 UTC is 2025-02-01 00:30 in Beijing.
  const std::int64_t t = 1'738'341'000;
  EXPECT_EQ(period_label(t, Period::month), "2025-02");
  EXPECT_EQ(period_label(t, Period::day), "2025-02-01");
  EXPECT_EQ(period_label(t, Period::month, 0), "2025-01");
  EXPECT_EQ(period_start(t, Period::day), 1'738'339'200);   // 2025-01-31 16:00 UTC
  EXPECT_EQ(period_end(t, Period::month), 1'740'758'400);   // 2025-02-28 16:00 UTC
  EXPECT_EQ(period_start(t, Period::year), 1'735'660'800);  // 2024-12-31 16:00 UTC

  Series s;
  for (int d = 0; d < 3; ++d) {
    for (int m = 0; m < 3; ++m) {
      const std::size_t i = s.add_row(kT0 + d * 86400 + m * 60, 60);
      s[Channel::compressor_hz][i] = 50.0;
      s[Channel::heat_hp][i] = 4000.0 + 1000.0 * d;
      s[Channel::elec_unit][i] = 1000.0;
    }
  }
  const auto days = kpis_by_period(s, air_unit(), Period::day);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0].period, "2025-01-15");
  EXPECT_EQ(days[2].period, "2025-01-17");
  EXPECT_NEAR(*days[2].spf[0].spf, 6.0, 1e-12);
  const auto months = kpis_by_period(s, air_unit(), Period::month);
  ASSERT_EQ(months.size(), 1u);
  EXPECT_NEAR(*months[0].spf[0].spf, 5.0, 1e-12);
  EXPECT_EQ(period_from_string("year"), Period::year);
  EXPECT_THROW(period_from_string("week"), InvalidInput);
}

TEST(Kpi, NothingMeasuredGivesReasonsNotNumbers) {
  Series s;
  s.add_row(kT0, 60);
  const Kpis k = compute_kpis(s, air_unit());
  EXPECT_FALSE(k.heat_hp.has_value());
  EXPECT_FALSE(k.running_hours.has_value());
  EXPECT_FALSE(k.spf[0].spf.has_value());
  EXPECT_FALSE(k.defrost_share.has_value());
  EXPECT_FALSE(k.standby_share.has_value());
  EXPECT_EQ(k.coverage.running_unknown, 1);
  const nlohmann::json j = to_json(k);
  EXPECT_TRUE(j["running_hours"]["value"].is_null());
  EXPECT_FALSE(j["running_hours"]["reason"].get<std::string>().empty());
  // Empty series: no periods, and the whole-series KPIs say "no rows".
  const Series empty;
  EXPECT_TRUE(kpis_by_period(empty, air_unit(), Period::month).empty());
  EXPECT_EQ(compute_kpis(empty, air_unit()).heat_hp.reason, "no rows");
}

TEST(Kpi, IntervalCopOnlyWhereRunningAndMeasured) {
  Series s = two_cycles();
  s[Channel::elec_unit][3] = std::nan("");
  const IntervalCop c = interval_cop(s, air_unit());
  EXPECT_EQ(c.row.size(), 7u);
  for (double cop : c.cop) EXPECT_DOUBLE_EQ(cop, 3.0);
}

TEST(Kpi, BadOptionsAreRefused) {
  KpiOptions o;
  o.standby_fraction = 1.5;
  EXPECT_THROW(compute_kpis(two_cycles(), air_unit(), o), InvalidInput);
  o = {};
  o.standby_floor = -1.0;
  EXPECT_THROW(validate(o), InvalidInput);
  Series bad = two_cycles();
  bad.dt.pop_back();
  EXPECT_THROW(compute_kpis(bad, air_unit()), InvalidInput);
}

}  // namespace
}  // namespace heatlift::operations
