// End-to-end: `heatlift product eval` on stdin, and `heatlift monitor kpi` on a SQLite store
// written through the store interface.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "heatlift/operations/store.hpp"
#include "support/run_heatlift.hpp"

namespace {

namespace fs = std::filesystem;
namespace op = heatlift::operations;
using heatlift::testing::CliRun;
using ::testing::HasSubstr;

CliRun run(const std::string& args, const std::string& stdin_text = "") {
  if (stdin_text.empty()) return heatlift::testing::run_heatlift(args);
  const std::string in = heatlift::testing::scratch() + "stdin.csv";
  std::ofstream(in, std::ios::binary) << stdin_text;
  return heatlift::testing::run_heatlift(args + " < " + in);
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream is(text);
  for (std::string l; std::getline(is, l);) out.push_back(l);
  return out;
}

TEST(ProductEval, ReadsTheMapAtEveryLineAndLeavesBadLinesEmpty) {
  const CliRun r = run("product eval evi-r32-10kw",
                       "t_source_C,t_sink_C,part_load\n7,35,1\n-7,35,1\n-60,35,1\n7,35,x\n"
                       "7,90,1\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 6u) << r.out;
  EXPECT_EQ(l[0], "capacity_kW,power_kW,cop");
  double q = 0, p = 0, cop = 0;
  ASSERT_EQ(std::sscanf(l[1].c_str(), "%lf,%lf,%lf", &q, &p, &cop), 3);
  EXPECT_NEAR(q / p, cop, 1e-4 * cop);
  EXPECT_GT(cop, 2.0);
  EXPECT_LT(cop, 308.15 / 28.0);  // below Carnot at A7/W35
  double q2 = 0, p2 = 0, cop2 = 0;
  ASSERT_EQ(std::sscanf(l[2].c_str(), "%lf,%lf,%lf", &q2, &p2, &cop2), 3);
  EXPECT_LT(cop2, cop);  // colder source, lower COP
  EXPECT_EQ(l[3], ",,");
  EXPECT_EQ(l[4], ",,");
  EXPECT_EQ(l[5], ",,");
  EXPECT_THAT(r.err, HasSubstr("line 4: t_source -60 °C is outside the map's"));
  EXPECT_THAT(r.err, HasSubstr("line 5: cell 3 'x' is not a number"));
  EXPECT_THAT(r.err, HasSubstr("line 6: t_sink 90 °C is outside"));
  EXPECT_THAT(r.err, HasSubstr("3 of 5 lines"));
}

TEST(ProductEval, UnitsInTheHeaderAndScaling) {
  const CliRun c = run("product eval evi-r32-10kw", "t_sink_C,t_source_C\n35,7\n");
  const CliRun k = run("product eval evi-r32-10kw --capacity 20kW",
                       "t_source_K,t_sink_K,part_load_%\n280.15,308.15,100\n");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  ASSERT_EQ(k.exit_code, 0) << k.err;
  double q1 = 0, p1 = 0, c1 = 0, q2 = 0, p2 = 0, c2 = 0;
  ASSERT_EQ(std::sscanf(lines(c.out)[1].c_str(), "%lf,%lf,%lf", &q1, &p1, &c1), 3);
  ASSERT_EQ(std::sscanf(lines(k.out)[1].c_str(), "%lf,%lf,%lf", &q2, &p2, &c2), 3);
  EXPECT_NEAR(c1, c2, 1e-4);
  EXPECT_NEAR(q2 / q1, 20.0 / 10.0, 0.15);  // rated 10 kW at its rating point
}

TEST(ProductEval, AHeaderWithoutUnitsOrAnUnknownMapIsRefused) {
  const CliRun a = run("product eval evi-r32-10kw", "t_source,t_sink\n7,35\n");
  EXPECT_EQ(a.exit_code, 2);
  EXPECT_THAT(a.err, HasSubstr("'t_source': the unit is missing"));
  const CliRun b = run("product eval evi-r32-10kw", "t_source_kW,t_sink_C\n7,35\n");
  EXPECT_EQ(b.exit_code, 2);
  EXPECT_THAT(b.err, HasSubstr("not a temperature unit"));
  const CliRun c = run("product eval no-such-product", "t_source_C,t_sink_C\n7,35\n");
  EXPECT_NE(c.exit_code, 0);
  const CliRun d = run("product eval evi-r32-10kw", "7,35\n");
  EXPECT_EQ(d.exit_code, 2);
}

// A store with one air unit on evi-r32-10kw: 3 days of hourly rows in January, running
// 18 h a day at the product's own COP (read back through `product eval`).
fs::path make_store(const std::string& name) {
  const fs::path db = heatlift::testing::scratch() + name + ".db";
  fs::remove(db);
  auto store = op::open_store(db.string());
  op::UnitMeta u;
  u.id = "A1";
  u.type = "air-water";
  u.rated_capacity = 10'000.0;
  u.product = "evi-r32-10kw";
  u.place = "Beijing";
  store->put_unit(u);
  op::Series s;
  const std::int64_t t0 = 1'736'870'400;  // 2025-01-15 00:00 China time
  for (int h = 0; h < 72; ++h) {
    const std::size_t i = s.add_row(t0 + h * 3600, 3600);
    const bool on = h % 24 < 18;
    s[op::Channel::compressor_hz][i] = on ? 50.0 : 0.0;
    s[op::Channel::heat_hp][i] = on ? 6000.0 : 0.0;
    s[op::Channel::elec_unit][i] = on ? 2000.0 : 15.0;
    s[op::Channel::t_flow][i] = 308.15;
    s[op::Channel::t_outdoor][i] = 281.15;  // 8 °C: no frost
    s[op::Channel::rh_outdoor][i] = 0.5;
  }
  store->upsert("A1", s);
  return db;
}

TEST(MonitorKpi, DailyKpisAndTheResidualAgainstTheProduct) {
  const fs::path db = make_store("kpi_daily");
  const CliRun r =
      run(fmt::format("monitor kpi --unit A1 --period day --db {} --format json", db.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  const auto& u = doc["units"][0];
  EXPECT_EQ(u["id"], "A1");
  ASSERT_EQ(u["kpis"].size(), 3u);
  const auto& d0 = u["kpis"][0];
  EXPECT_EQ(d0["period"], "2025-01-15");
  EXPECT_NEAR(d0["running_hours"]["value"].get<double>(), 18.0, 1e-9);
  EXPECT_NEAR(d0["spf"][0]["value"].get<double>(), 18 * 6000.0 / (18 * 2000.0 + 6 * 15.0), 1e-9);
  EXPECT_DOUBLE_EQ(d0["starts"]["value"].get<double>(), 0.0);  // first day starts running
  EXPECT_DOUBLE_EQ(u["kpis"][1]["starts"]["value"].get<double>(), 1.0);
  // The product's COP at A8/W35 at the load 6 kW (modulating) is above 3: measured COP 3
  // gives a negative residual.
  const double expected = d0["spf_expected"]["value"].get<double>();
  EXPECT_GT(expected, 3.0);
  EXPECT_NEAR(d0["residual"]["value"].get<double>(), 3.0 / expected - 1.0, 1e-9);
  EXPECT_EQ(u["expected"]["model"], "product evi-r32-10kw");
  EXPECT_EQ(u["expected"]["intervals"]["ok"], 54);
}

TEST(MonitorKpi, TableCsvWindowAndErrors) {
  const fs::path db = make_store("kpi_table");
  const CliRun t = run(fmt::format("monitor kpi --all --db {}", db.string()));
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_THAT(t.out, HasSubstr("2025-01"));
  EXPECT_THAT(t.out, HasSubstr("SPF_H1"));
  const CliRun c = run(fmt::format(
      "monitor kpi --unit A1 --period day --from 2025-01-16 --to 2025-01-16 --db {} --format csv",
      db.string()));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const auto l = lines(c.out);
  ASSERT_EQ(l.size(), 2u) << c.out;
  EXPECT_THAT(l[1], HasSubstr("A1,2025-01-16,24,18.0"));
  const CliRun bad =
      run(fmt::format("monitor kpi --unit A1 --from 2025-13-01 --db {}", db.string()));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--from = '2025-13-01'"));
  const CliRun none = run(fmt::format("monitor kpi --db {}", db.string()));
  EXPECT_EQ(none.exit_code, 2);
  const CliRun missing = run(fmt::format("monitor kpi --unit B9 --db {}", db.string()));
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("B9"));
}

}  // namespace
