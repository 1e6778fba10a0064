// Ingest of monitoring files (operations/ingest.hpp): formats, units at the edge, and the
// cleaning — every row read is stored or dropped with a reason, every correction counted.
#include "heatlift/operations/ingest.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::operations {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kJan1 = 1'735'660'800;  // 2025-01-01T00:00:00+08:00

class Ingest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("heatlift_ingest_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = open_store((dir_ / "store.db").string());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path write(const std::string& name, const std::string& bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  IngestReport ingest(const std::string& name, const std::string& bytes,
                      IngestOptions options = {}) {
    const IngestReport r = ingest_file(write(name, bytes), *store_, options);
    EXPECT_EQ(r.rows_read, r.rows_stored + r.rows_dropped) << "every row accounted for";
    std::int64_t dropped = 0;
    for (const auto& [reason, n] : r.dropped) dropped += n;
    EXPECT_EQ(dropped, r.rows_dropped) << "every drop has a reason";
    return r;
  }
  static bool has_example(const IngestReport& r, const std::string& part) {
    for (const auto& e : r.examples)
      if (e.find(part) != std::string::npos) return true;
    return false;
  }
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST(Columns, BothHeaderFormsAndEveryUnitKind) {
  const ColumnUnit c = parse_column("t_flow [°C]");
  EXPECT_EQ(c.channel, Channel::t_flow);
  EXPECT_DOUBLE_EQ(45.0 * c.scale + c.offset, 318.15);
  const ColumnUnit f = parse_column("t_outdoor_F");
  EXPECT_NEAR(32.0 * f.scale + f.offset, 273.15, 1e-9);
  EXPECT_NEAR(-40.0 * f.scale + f.offset, 233.15, 1e-9);
  EXPECT_EQ(parse_column("t_return (℃)").channel, Channel::t_return);
  const ColumnUnit e = parse_column("heat_hp_kWh");
  EXPECT_EQ(e.kind, ColumnUnit::Kind::interval_energy);
  EXPECT_DOUBLE_EQ(e.scale, 3.6e6);
  EXPECT_EQ(parse_column("heat_hp [kWh counter]").kind, ColumnUnit::Kind::counter);
  EXPECT_EQ(parse_column("elec_unit_kWh_counter").kind, ColumnUnit::Kind::counter);
  EXPECT_DOUBLE_EQ(parse_column("elec_unit [kW]").scale, 1e3);
  EXPECT_DOUBLE_EQ(parse_column("flow_rate [m3/h]").scale, 1.0 / 3600.0);
  EXPECT_DOUBLE_EQ(parse_column("flow_rate_lmin").scale, 1e-3 / 60.0);
  EXPECT_DOUBLE_EQ(parse_column("rh_outdoor [%]").scale, 0.01);
  EXPECT_DOUBLE_EQ(parse_column("defrost_1").scale, 1.0);
  EXPECT_EQ(parse_column("compressor_hz").channel, Channel::compressor_hz);
}

TEST(Columns, AMissingOrWrongUnitIsAnErrorNamingTheColumn) {
  auto message = [](std::string_view cell) {
    try {
      parse_column(cell);
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("t_flow").find("column 't_flow': no unit"), std::string::npos);
  EXPECT_NE(message("heat_hp").find("no unit"), std::string::npos);
  EXPECT_NE(message("rh_outdoor").find("no unit"), std::string::npos) << "% or fraction?";
  EXPECT_NE(message("t_flow [kWh]").find("not a unit of t_flow"), std::string::npos);
  EXPECT_NE(message("heat_hp [kW counter]").find("register counts energy"), std::string::npos);
  EXPECT_NE(message("t_flow [bar]").find("unknown unit 'bar'"), std::string::npos);
  EXPECT_NE(message("t_supply [°C]").find("unknown channel 't_supply'"), std::string::npos);
  EXPECT_NE(message("cop").find("unknown channel"), std::string::npos);
}

TEST(Times, IsoExcelAndUnixSeconds) {
  const int cst = 8 * 3600;
  EXPECT_EQ(parse_time("2025-01-01T08:00:00+08:00", cst), kJan1 + 8 * 3600);
  EXPECT_EQ(parse_time("2025-01-01T00:00:00Z", cst), kJan1 + 8 * 3600);
  EXPECT_EQ(parse_time("2025-01-01 08:00", cst), kJan1 + 8 * 3600) << "naive = China time";
  EXPECT_EQ(parse_time("2025-01-01 08:00", 0), kJan1 + 16 * 3600);
  EXPECT_EQ(parse_time("2025/1/1 8:00", cst), kJan1 + 8 * 3600) << "Chinese Excel";
  EXPECT_EQ(parse_time("2025/1/1 0:00:30", cst), kJan1 + 30);
  EXPECT_EQ(parse_time("2025-01-01T08:00:00.250+0800", cst), kJan1 + 8 * 3600);
  EXPECT_EQ(parse_time("2025-01-01T03:00:00-05:00", cst), kJan1 + 16 * 3600);
  EXPECT_EQ(parse_time("1735660800", cst), kJan1);
  EXPECT_EQ(parse_time("2024-02-29", cst), kJan1 - (366 - 59) * 86400);
  for (const char* bad :
       {"", "2025-02-30 00:00", "2025-13-01", "2025-01-01 24:00", "2025-01-01T08:00+25:00",
        "01/01/2025 08:00", "yesterday", "2025", "2025-01-01 08:00 CST"})
    EXPECT_FALSE(parse_time(bad, cst).has_value()) << bad;
  EXPECT_EQ(parse_tz_offset("+08:00"), 8 * 3600);
  EXPECT_EQ(parse_tz_offset("-0530"), -(5 * 3600 + 30 * 60));
  EXPECT_THROW(parse_tz_offset("CST"), InvalidInput);
}

TEST_F(Ingest, ConvertsUnitsAtTheEdge) {
  const auto r = ingest("a.csv",
                        "time,unit,t_flow [°F],t_outdoor_C,elec_unit [kW],heat_hp_kWh,"
                        "flow_rate [l/s],rh_outdoor [%],compressor_hz,defrost [%]\n"
                        "2025-01-01 00:00,A1,113,-5,1.5,0.075,0.5,80,45,0\n"
                        "2025-01-01 00:01,A1,113,-5,1.5,0.075,0.5,80,45,50\n");
  EXPECT_EQ(r.rows_stored, 2);
  const Series s = store_->read("A1");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.t[0], kJan1);
  EXPECT_EQ(s.dt[0], 60) << "the median spacing";
  EXPECT_NEAR(s[Channel::t_flow][0], 318.15, 1e-9);
  EXPECT_NEAR(s[Channel::t_outdoor][0], 268.15, 1e-9);
  EXPECT_DOUBLE_EQ(s[Channel::elec_unit][0], 1500.0);
  EXPECT_NEAR(s[Channel::heat_hp][0], 0.075 * 3.6e6 / 60.0, 1e-9) << "kWh per minute → W";
  EXPECT_DOUBLE_EQ(s[Channel::flow_rate][0], 0.5e-3);
  EXPECT_DOUBLE_EQ(s[Channel::rh_outdoor][0], 0.8);
  EXPECT_DOUBLE_EQ(s[Channel::compressor_hz][0], 45.0);
  EXPECT_DOUBLE_EQ(s[Channel::defrost][1], 0.5);
  EXPECT_TRUE(std::isnan(s[Channel::elec_backup][0])) << "a channel not in the file";
  EXPECT_TRUE(s.flags[0] & flag_unit_converted);
}

TEST_F(Ingest, MeterRegistersBecomeMeanPowerAndAResetIsFlagged) {
  // heat meter register in kWh every 10 minutes; the meter is replaced after 00:30.
  const auto r = ingest("reg.csv",
                        "time,heat_hp [kWh counter],elec_unit_kWh_counter\n"
                        "2025-01-01 00:00,1000.0,300.0\n"
                        "2025-01-01 00:10,1001.0,300.25\n"
                        "2025-01-01 00:20,1002.5,300.5\n"
                        "2025-01-01 00:30,1003.0,300.75\n"
                        "2025-01-01 00:40,0.5,301.0\n"
                        "2025-01-01 00:50,1.5,301.25\n",
                        IngestOptions{.unit = "R1"});
  EXPECT_EQ(r.rows_stored, 6);
  const Series s = store_->read("R1");
  ASSERT_EQ(s.size(), 6u);
  EXPECT_NEAR(s[Channel::heat_hp][0], 1.0 * 3.6e6 / 600.0, 1e-6) << "1 kWh in 10 min = 6 kW";
  EXPECT_NEAR(s[Channel::heat_hp][1], 9000.0, 1e-6);
  EXPECT_NEAR(s[Channel::elec_unit][0], 1500.0, 1e-6);
  EXPECT_TRUE(std::isnan(s[Channel::heat_hp][3])) << "the register went down";
  EXPECT_TRUE(s.flags[3] & flag_counter_reset);
  EXPECT_NEAR(s[Channel::elec_unit][3], 1500.0, 1e-6) << "the other register is fine";
  EXPECT_NEAR(s[Channel::heat_hp][4], 6000.0, 1e-6);
  EXPECT_TRUE(std::isnan(s[Channel::heat_hp][5])) << "the last reading has no next one";
  EXPECT_EQ(r.corrected.at("heat_hp: meter register went down (counter reset) → not measured"), 1);
}

TEST_F(Ingest, RegistersGiveTheSameRowsInSmallBatches) {
  std::string csv = "time,unit,heat_hp [kWh counter],t_flow [°C]\n";
  for (int i = 0; i < 50; ++i)
    csv += fmt::format("{},{},{:.3f},{}\n", kJan1 + 60 * i, i % 2 ? "A" : "B", 0.05 * i * i,
                       40 + i % 5);
  ingest("big.csv", csv);
  const Series a_big = store_->read("A"), b_big = store_->read("B");
  store_.reset();
  fs::remove(dir_ / "store.db");
  store_ = open_store((dir_ / "store.db").string());
  IngestOptions small;
  small.batch_rows = 3;
  ingest("big.csv", csv, small);
  const Series a = store_->read("A"), b = store_->read("B");
  ASSERT_EQ(a.size(), a_big.size());
  ASSERT_EQ(b.size(), b_big.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a.flags[i], a_big.flags[i]) << i;
    const double x = a[Channel::heat_hp][i], y = a_big[Channel::heat_hp][i];
    EXPECT_TRUE((std::isnan(x) && std::isnan(y)) || std::abs(x - y) < 1e-9) << i;
  }
}

TEST_F(Ingest, QuotedFieldsWithNewlinesCommasAndQuotes) {
  const auto r = ingest("q.csv",
                        "\"time\",\"unit\",\"t_flow [°C]\",\"elec_unit [W]\"\r\n"
                        "\"2025-01-01 00:00\",\"A, \"\"north\"\"\nhall\",45.0,1000\r\n"
                        "2025-01-01 00:01,\"A, \"\"north\"\"\nhall\",45.5,1001\r\n"
                        "2025-01-01 00:02,\"A, \"\"north\"\"\nhall\",oops,1002\r\n");
  EXPECT_EQ(r.rows_read, 3);
  EXPECT_EQ(r.rows_stored, 2);
  EXPECT_EQ(store_->count("A, \"north\"\nhall"), 2);
  EXPECT_TRUE(has_example(r, "q.csv:6: field 't_flow [°C]': value 'oops'"))
      << "the line numbers count the newlines inside quotes; " << r.examples.at(0);
}

TEST_F(Ingest, BomAndGbkFilesReadLikeUtf8) {
  const std::string body =
      "2025-01-01 00:00,45.0\n"
      "2025-01-01 00:01,45.5\n";
  const std::string utf8_id = "\xE6\x9C\xBA\xE7\xBB\x84";  // 机组
  const std::string gbk_id = "\xBB\xFA\xD7\xE9";           // 机组 in GBK
  IngestOptions o;
  o.unit = "fallback";
  const auto a = ingest("utf8.csv",
                        "unit,time,t_flow_C\n" + utf8_id + "1," + body.substr(0, 22) + utf8_id +
                            "1," + body.substr(22),
                        o);
  const auto b = ingest("bom.csv",
                        "\xEF\xBB\xBFunit,time,t_flow_C\n" + utf8_id + "2," + body.substr(0, 22) +
                            utf8_id + "2," + body.substr(22),
                        o);
  const auto c = ingest(
      "gbk.csv",
      "unit,time,t_flow_C\n" + gbk_id + "3," + body.substr(0, 22) + gbk_id + "3," + body.substr(22),
      o);
  EXPECT_EQ(a.rows_stored, 2);
  EXPECT_EQ(b.rows_stored, 2);
  EXPECT_EQ(c.rows_stored, 2);
  for (const char* n : {"1", "2", "3"}) {
    const Series s = store_->read(utf8_id + n);
    ASSERT_EQ(s.size(), 2u) << n;
    EXPECT_NEAR(s[Channel::t_flow][1], 318.65, 1e-9);
  }
  // Neither UTF-8 nor GB 18030: refused, naming the file.
  EXPECT_THROW(ingest_file(write("bad.csv", "time,t_flow_C\n2025-01-01,\xFF\xFF\n"), *store_, o),
               InvalidInput);
}

TEST_F(Ingest, SentinelsAndOutOfRangeValuesBecomeNotMeasuredAndFlagged) {
  IngestOptions o;
  o.unit = "S";
  const auto r = ingest("s.csv",
                        "time,t_flow [°C],t_outdoor [°C],elec_unit [kW],rh_outdoor [%]\n"
                        "2025-01-01 00:00,45,-9999,1.2,50\n"
                        "2025-01-01 00:01,45,-5,-999,50\n"
                        "2025-01-01 00:02,450,-5,1.2,150\n"  // °F in a °C column, RH > 100 %
                        "2025-01-01 00:03,45,-5,1.2,NA\n",
                        o);
  EXPECT_EQ(r.rows_stored, 4);
  EXPECT_EQ(r.corrected.at("t_outdoor: sentinel → not measured"), 1);
  EXPECT_EQ(r.corrected.at("elec_unit: sentinel → not measured"), 1);
  EXPECT_EQ(r.corrected.at("t_flow: outside -30…130 °C → not measured"), 1);
  EXPECT_EQ(r.corrected.at("rh_outdoor: outside 0…100 % → not measured"), 1);
  EXPECT_EQ(r.corrected.count("rh_outdoor: sentinel → not measured"), 0u) << "NA is just empty";
  const Series s = store_->read("S");
  EXPECT_TRUE(std::isnan(s[Channel::t_outdoor][0]));
  EXPECT_TRUE(s.flags[0] & flag_sentinel);
  EXPECT_TRUE(std::isnan(s[Channel::t_flow][2]));
  EXPECT_TRUE(s.flags[2] & flag_out_of_range);
  EXPECT_NEAR(s[Channel::t_outdoor][2], 268.15, 1e-9) << "the row's other values are kept";
  EXPECT_EQ(s.flags[3] & (flag_sentinel | flag_out_of_range), 0u);
  // Configurable sentinels.
  o.sentinels = {32767};
  o.unit = "S2";
  const auto r2 =
      ingest("s2.csv", "time,t_flow [°C]\n2025-01-01 00:00,32767\n2025-01-01 00:01,-9999\n", o);
  EXPECT_EQ(r2.corrected.at("t_flow: sentinel → not measured"), 1);
  EXPECT_EQ(r2.corrected.at("t_flow: outside -30…130 °C → not measured"), 1);
}

TEST_F(Ingest, DuplicatesOutOfOrderRowsAndGaps) {
  IngestOptions o;
  o.unit = "D";
  const auto r = ingest("d.csv",
                        "time,t_flow [°C]\n"
                        "2025-01-01 00:00,40\n"
                        "2025-01-01 00:01,41\n"
                        "2025-01-01 00:01,99\n"  // duplicate: the first is kept
                        "2025-01-01 00:03,43\n"
                        "2025-01-01 00:02,42\n"  // late
                        "2025-01-01 00:04,44\n"
                        "2025-01-01 00:09,49\n"  // after a gap of 5 min
                        "2025-01-01 00:10,50\n",
                        o);
  EXPECT_EQ(r.rows_read, 8);
  EXPECT_EQ(r.rows_stored, 7);
  EXPECT_EQ(r.dropped.at("duplicate timestamp (the first row kept)"), 1);
  EXPECT_EQ(r.corrected.at("out of order (sorted in)"), 1);
  EXPECT_EQ(r.corrected.at("gap before the row (more than 1.5 intervals)"), 1);
  EXPECT_TRUE(has_example(r, "d.csv:4: field 'time'"));
  const Series s = store_->read("D");
  ASSERT_EQ(s.size(), 7u);
  EXPECT_TRUE(std::is_sorted(s.t.begin(), s.t.end()));
  EXPECT_NEAR(s[Channel::t_flow][1], 314.15, 1e-9) << "the first of the duplicates";
  EXPECT_TRUE(s.flags[1] & flag_duplicate);
  EXPECT_TRUE(s.flags[2] & flag_out_of_order);
  EXPECT_TRUE(s.flags[5] & flag_gap_before);
  EXPECT_EQ(s.flags[4] & flag_gap_before, 0u);
}

TEST_F(Ingest, ClockJumpsAreDroppedOrFlaggedWithAReason) {
  IngestOptions o;
  o.unit = "C";
  std::string csv = "time,t_flow [°C]\n";
  for (int i = 0; i < 6; ++i) csv += fmt::format("2025-01-01 01:{:02},{}\n", i * 10, 40 + i);
  csv += "1970-01-01 08:00,46\n";  // logger lost its clock
  csv += "2099-06-01 00:00,46\n";  // or jumped far ahead
  csv += "2025-01-01 01:00,47\n";  // clock set back an hour: repeats 01:00 …
  csv += "2025-01-01 01:05,48\n";  // … and a new time inside the repeated span
  csv += "2025-01-01 02:00,49\n";
  const auto r = ingest("c.csv", csv, o);
  EXPECT_EQ(r.rows_read, 11);
  EXPECT_EQ(r.dropped.at("clock jump: time outside 2000-01-01 … a day from now"), 2);
  EXPECT_EQ(r.dropped.at("duplicate timestamp after the clock stepped back (the first row kept)"),
            1);
  EXPECT_EQ(r.corrected.at("out of order (sorted in)"), 1);
  EXPECT_TRUE(has_example(r, "c.csv:8: field 'time': 1970-01-01T00:00:00Z"));
  const Series s = store_->read("C");
  ASSERT_EQ(s.size(), 8u);
  EXPECT_EQ(s.t[1], kJan1 + 3600 + 300);
  EXPECT_TRUE(s.flags[1] & flag_out_of_order);
  EXPECT_TRUE(s.flags[0] & flag_duplicate);
  // A clock step back onto new times is flagged on the row where it happened.
  o.unit = "C2";
  const auto r2 = ingest("c2.csv",
                         "time,t_flow [°C]\n2025-01-01 01:00,40\n2025-01-01 01:10,40\n"
                         "2025-01-01 01:20,40\n2025-01-01 00:35,40\n",
                         o);
  EXPECT_EQ(r2.corrected.at("clock stepped back (flagged)"), 1);
  const Series s2 = store_->read("C2");
  EXPECT_TRUE(s2.flags[0] & flag_clock_jump);
}

TEST_F(Ingest, MalformedRowsAreDroppedWithFileLineAndReason) {
  IngestOptions o;
  o.unit = "M";
  const auto r = ingest("m.csv",
                        "time,t_flow [°C],elec_unit [W]\n"
                        "2025-01-01 00:00,40,1000\n"
                        "2025-01-01 00:01,40\n"
                        "2025-01-01 00:02,40,1000,7\n"
                        "2025-13-01 00:03,40,1000\n"
                        "2025-01-01 00:04,4O,1000\n"
                        "\n"
                        "2025-01-01 00:05,41,1 000\n"
                        "2025-01-01 00:06,42,1000",  // no newline at the end
                        o);
  EXPECT_EQ(r.rows_read, 7);
  EXPECT_EQ(r.rows_stored, 2);
  EXPECT_EQ(r.dropped.at("wrong number of fields"), 2);
  EXPECT_EQ(r.dropped.at("unparsable time"), 1);
  EXPECT_EQ(r.dropped.at("unparsable number"), 2);
  EXPECT_TRUE(has_example(r, "m.csv:3: 2 fields, the header has 3"));
  EXPECT_TRUE(has_example(r, "m.csv:5: field 'time': value '2025-13-01 00:03'"));
  EXPECT_TRUE(has_example(r, "m.csv:6: field 't_flow [°C]': value '4O': expected a number in °C"));
}

TEST_F(Ingest, AnUnusableFileIsAnErrorAndStoresNothing) {
  auto message = [&](const std::string& name, const std::string& text, IngestOptions o = {}) {
    try {
      ingest_file(write(name, text), *store_, o);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("h1.csv", "time,t_flow,unit\n2025-01-01,40,A\n")
                .find("h1.csv:1: header: column 't_flow': no unit"),
            std::string::npos);
  EXPECT_NE(message("h2.csv", "t_flow_C,unit\n40,A\n").find("no 'time' column"), std::string::npos);
  EXPECT_NE(
      message("h3.csv", "time,t_flow_C\n2025-01-01,40\n").find("no 'unit' column and no --unit"),
      std::string::npos);
  EXPECT_NE(message("h4.csv", "time,unit,t_flow_C,t_flow [°F]\n").find("appears twice"),
            std::string::npos);
  EXPECT_NE(message("h5.csv", "").find("no header row"), std::string::npos);
  EXPECT_NE(message("h6.csv", "time,unit,t_flow_C\n2025-01-01,\"A,40\n")
                .find("h6.csv:2: a quoted field is not closed"),
            std::string::npos);
  EXPECT_NE(message("absent.csv", "").find("absent"), std::string::npos);
  fs::remove(dir_ / "absent.csv");
  EXPECT_THROW(ingest_file(dir_ / "absent.csv", *store_, {}), DataMissing);
  EXPECT_TRUE(store_->unit_ids().empty());
}

TEST_F(Ingest, JsonLines) {
  RawRow row;
  IngestOptions o;
  const std::string unit = parse_json_row(
      R"({"unit":"A1","time":"2025-01-01T08:00:00+08:00","t_flow_C":45.1,"heat_hp_kWh":0.21,"elec_unit_kW":null})",
      o, row);
  EXPECT_EQ(unit, "A1");
  EXPECT_EQ(row.t, kJan1 + 8 * 3600);
  EXPECT_NEAR(row.v[static_cast<std::size_t>(Channel::t_flow)], 318.25, 1e-9);
  EXPECT_TRUE(row.energy_mask & (1u << static_cast<unsigned>(Channel::heat_hp)));
  EXPECT_TRUE(std::isnan(row.v[static_cast<std::size_t>(Channel::elec_unit)]));
  RawRow bad;
  EXPECT_THROW(parse_json_row(R"({"time":"2025-01-01","t_flow":45})", o, bad), InvalidInput);
  EXPECT_THROW(parse_json_row(R"({"time":"soon","t_flow_C":45})", o, bad), InvalidInput);
  EXPECT_THROW(parse_json_row(R"({"time":1735660800,"t_flow_C":"hot"})", o, bad), InvalidInput);
  EXPECT_THROW(parse_json_row(R"([1,2])", o, bad), InvalidInput);

  const auto r =
      ingest("a.jsonl",
             "{\"unit\":\"J\",\"time\":\"2025-01-01T08:00:00+08:00\",\"t_flow_C\":45.1,"
             "\"heat_hp_kWh\":0.1}\n"
             "{\"unit\":\"J\",\"time\":1735689660,\"t_flow_C\":45.3,\"heat_hp_kWh\":0.1}\n"
             "\n"
             "{\"unit\":\"J\",\"time\":\"2025-01-01T08:02:00+08:00\",\"t_flow\":45}\n"
             "{\"unit\":\"J\",\"time\":\"2025-01-01T08:03:00+08:00\"\n"
             "{\"unit\":\"J\",\"time\":\"2025-01-01T08:02:00+08:00\",\"t_flow_C\":-9999}\n");
  EXPECT_EQ(r.rows_read, 5);
  EXPECT_EQ(r.rows_stored, 3);
  EXPECT_EQ(r.dropped.at("unknown key or unit"), 1);
  EXPECT_EQ(r.dropped.at("not a JSON object"), 1);
  EXPECT_TRUE(has_example(r, "a.jsonl:4: column 't_flow': no unit"));
  // The JSON parser quotes the bytes it stopped at, here the first of a two-byte character:
  // the report stays UTF-8 (its JSON must be writable).
  RawRow cut;
  try {
    parse_json_row("{\"unit\":\"J\",\"time\":1735660800\xc3\xa9}", o, cut);
    FAIL() << "not JSON";
  } catch (const InvalidInput& e) {
    EXPECT_TRUE(core::is_valid_utf8(e.what())) << e.what();
  }
  const Series s = store_->read("J");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_NEAR(s[Channel::heat_hp][0], 0.1 * 3.6e6 / 60.0, 1e-9);
}

TEST_F(Ingest, AnIngestRunTwiceStoresEachRowOnce) {
  std::string csv = "time,unit,t_flow [°C]\n";
  for (int i = 0; i < 100; ++i) csv += fmt::format("{},A,{}\n", kJan1 + 10 * i, 40 + i % 7);
  IngestOptions o;
  o.batch_rows = 16;
  ingest("twice.csv", csv, o);
  const auto r = ingest("twice.csv", csv, o);
  EXPECT_EQ(r.rows_stored, 100);
  EXPECT_EQ(store_->count("A"), 100);
  EXPECT_EQ(store_->read("A").dt[0], 10);
}

}  // namespace
}  // namespace heatlift::operations
