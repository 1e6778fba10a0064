// The API's monitor endpoints and downloads without HTTP: the store the server owns, the
// token its writes need, a cache that no ingest outlives, and the `format` parameter (a fake
// engine stands in for the verbs).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>

#include "fake_docs.hpp"
#include "heatlift/server/api.hpp"
#include "heatlift/server/download.hpp"
#include "heatlift/server/errors.hpp"

namespace heatlift::server {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class ScriptedEngine final : public Engine {
 public:
  std::function<Outcome(const Invocation&)> script = [](const Invocation& inv) {
    if (inv.format == "csv") return Outcome{0, "unit,rows\nA1,3\n", "", Outcome::Stop::none};
    return Outcome{0, R"({"db":"/srv/store.db","units":[{"id":"A1","rows":3}]})", "",
                   Outcome::Stop::none};
  };
  std::vector<Invocation> calls;

  Outcome run(const Invocation& inv, Clock::time_point) override {
    std::lock_guard lock(m_);
    calls.push_back(inv);
    return script(inv);
  }

 private:
  std::mutex m_;
};

ApiRequest request(std::string method, std::string path, QueryValues query = {},
                   std::string type = "", std::string auth = "", std::string body = "") {
  ApiRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.query = std::move(query);
  r.content_type = std::move(type);
  r.authorization = std::move(auth);
  r.body = std::move(body);
  return r;
}

nlohmann::json json(const ApiResponse& r) {
  return r.body ? nlohmann::json::parse(*r.body) : nlohmann::json();
}

std::string ingest_report() {
  return R"({"db":"/srv/store.db","units_described":0,"files":[{"source":"data.csv",)"
         R"("rows_read":2,"rows_stored":2,"rows_dropped":0,"dropped":{},"corrected":{},)"
         R"("examples":[]}]})";
}

class StoreApi : public ::testing::Test {
 protected:
  ScriptedEngine engine;
  // A store file that does not exist: its state is "absent", and stays so.
  Api api{ApiOptions{Limits{}, "s3cret", "/nonexistent/heatlift-test.db"},
          heatlift::testing::fake_docs(), engine};
};

TEST_F(StoreApi, ReadsRunOnTheServersStoreAndDoNotShowWhereItIs) {
  const ApiResponse r = api.handle(request("GET", "/api/monitor/units"));
  ASSERT_EQ(r.status, 200) << *r.body;
  EXPECT_EQ(json(r), nlohmann::json::parse(R"({"units":[{"id":"A1","rows":3}]})"));
  ASSERT_EQ(engine.calls.size(), 1u);
  EXPECT_THAT(engine.calls[0].args, Contains("--db=/nonexistent/heatlift-test.db"));
}

TEST_F(StoreApi, AnIngestNeedsTheTokenAndChangesNothingWithoutIt) {
  for (const std::string auth : {"", "Bearer wrong", "s3cret"}) {
    const ApiResponse r =
        api.handle(request("POST", "/api/monitor/ingest", {}, "text/csv", auth, "time,unit\n"));
    EXPECT_EQ(r.status, 401) << auth;
    EXPECT_EQ(json(r)["error"]["code"], "unauthorized");
  }
  EXPECT_TRUE(engine.calls.empty()) << "nothing ran";
}

TEST_F(StoreApi, AnIngestAnswersItsReportAndNoCachedStoreAnswerOutlivesIt) {
  EXPECT_EQ(api.handle(request("GET", "/api/monitor/units")).cache, "miss");
  EXPECT_EQ(api.handle(request("GET", "/api/monitor/units")).cache, "hit");
  EXPECT_EQ(api.handle(request("GET", "/api/fluid")).cache, "miss");

  engine.script = [](const Invocation&) {
    return Outcome{0, ingest_report(), "", Outcome::Stop::none};
  };
  const ApiResponse r = api.handle(request("POST", "/api/monitor/ingest", {{"unit", "A1"}},
                                           "text/csv", "Bearer s3cret", "time,t_flow_C\n"));
  ASSERT_EQ(r.status, 200) << *r.body;
  EXPECT_EQ(json(r)["rows_stored"], 2);
  EXPECT_FALSE(json(r).contains("db"));
  const Invocation& ingest = engine.calls.back();
  ASSERT_TRUE(ingest.file.has_value());
  EXPECT_EQ(ingest.file->name, "data.csv");
  EXPECT_EQ(ingest.args.back(), "data.csv");
  EXPECT_THAT(ingest.args, Contains("--unit=A1"));

  EXPECT_EQ(api.handle(request("GET", "/api/monitor/units")).cache, "miss")
      << "the ingest dropped the store's answers";
  EXPECT_EQ(api.handle(request("GET", "/api/fluid")).cache, "hit") << "and only those";
}

TEST_F(StoreApi, JsonLinesAreTakenAndOtherBodiesAreRefused) {
  engine.script = [](const Invocation&) {
    return Outcome{0, ingest_report(), "", Outcome::Stop::none};
  };
  const ApiResponse ok =
      api.handle(request("POST", "/api/monitor/ingest", {}, "application/x-ndjson", "Bearer s3cret",
                         R"({"time":"2025-01-01 00:00","unit":"A"})"));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(engine.calls.back().file->name, "data.jsonl");
  const ApiResponse toml = api.handle(
      request("POST", "/api/monitor/ingest", {}, "application/toml", "Bearer s3cret", "a = 1"));
  EXPECT_EQ(toml.status, 400);
  EXPECT_THAT(json(toml)["error"]["message"].get<std::string>(), HasSubstr("text/csv"));
  const ApiResponse empty =
      api.handle(request("POST", "/api/monitor/ingest", {}, "text/csv", "Bearer s3cret", ""));
  EXPECT_EQ(empty.status, 400);
}

TEST_F(StoreApi, AnIngestThatStoredNothingSaysWhyFromItsReport) {
  engine.script = [](const Invocation&) {
    const std::string out =
        R"({"db":"x","files":[{"source":"data.csv","rows_read":2,"rows_stored":0,)"
        R"("rows_dropped":2,"dropped":{"unparsable time":2},"corrected":{},)"
        R"("examples":["data.csv:2: field 'time': value 'soon': expected an ISO 8601 time"]}]})";
    return Outcome{2, out,
                   "heatlift: error: monitor ingest: none of the 2 rows read could be stored "
                   "(see the reasons above)\n",
                   Outcome::Stop::none};
  };
  const ApiResponse r =
      api.handle(request("POST", "/api/monitor/ingest", {{"unit", "G"}}, "text/csv",
                         "Bearer s3cret", "time,t_flow_C\nsoon,45\n"));
  EXPECT_EQ(r.status, 400);
  const std::string m = json(r)["error"]["message"];
  EXPECT_THAT(m, HasSubstr("none of the 2 rows read could be stored"));
  EXPECT_THAT(m, HasSubstr("unparsable time 2"));
  EXPECT_THAT(m, HasSubstr("field 'time': value 'soon'"));
  EXPECT_THAT(m, ::testing::Not(HasSubstr("see the reasons above")));
}

TEST(StoreApiOff, WithoutAStoreTheMonitorEndpointsSaySo) {
  ScriptedEngine engine;
  Api api{ApiOptions{Limits{}, "s3cret"}, heatlift::testing::fake_docs(), engine};
  const ApiResponse r = api.handle(request("GET", "/api/monitor/kpi", {{"all", "true"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json(r)["error"]["code"], "not_supported");
  EXPECT_THAT(json(r)["error"]["message"].get<std::string>(), HasSubstr("heatlift serve --db"));
  EXPECT_TRUE(engine.calls.empty());
}

TEST(StoreApiPostgres, AnswersOfAPostgresStoreAreNotCached) {
  ScriptedEngine engine;
  Api api{ApiOptions{Limits{}, "s3cret", "postgresql://localhost/heatlift"},
          heatlift::testing::fake_docs(), engine};
  EXPECT_EQ(api.handle(request("GET", "/api/monitor/units")).cache, "miss");
  EXPECT_EQ(api.handle(request("GET", "/api/monitor/units")).cache, "miss");
  EXPECT_EQ(engine.calls.size(), 2u);
}

// ---- downloads ------------------------------------------------------------------------------

TEST_F(StoreApi, FormatCsvIsTheVerbsCsvWithAByteOrderMarkAsAnAttachment) {
  const ApiResponse r = api.handle(request("GET", "/api/monitor/units", {{"format", "csv"}}));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(*r.body, "\xEF\xBB\xBFunit,rows\nA1,3\n");
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(r.filename, "heatlift-monitor-units.csv");
  EXPECT_EQ(engine.calls.back().format, "csv");
  EXPECT_THAT(engine.calls.back().args, ::testing::Not(Contains("--format=csv")))
      << "format is the command line's global option, not the verb's";
}

TEST_F(StoreApi, FormatXlsxIsAWorkbookAndEachFormatIsCachedApart) {
  const ApiResponse x = api.handle(request("GET", "/api/monitor/units", {{"format", "xlsx"}}));
  ASSERT_EQ(x.status, 200);
  EXPECT_EQ(x.body->substr(0, 2), "PK") << "a zip file";
  EXPECT_EQ(x.filename, "heatlift-monitor-units.xlsx");
  EXPECT_EQ(x.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(api.handle(request("GET", "/api/monitor/units", {{"format", "csv"}})).cache, "miss");
  EXPECT_EQ(api.handle(request("GET", "/api/monitor/units")).cache, "miss");
  EXPECT_EQ(api.handle(request("GET", "/api/monitor/units", {{"format", "xlsx"}})).cache, "hit");
}

TEST_F(StoreApi, AFailedDownloadIsTheCommandLinesJsonError) {
  engine.script = [](const Invocation& inv) {
    if (inv.format == "csv")  // the command line prints its error on stderr only
      return Outcome{2, "", "heatlift: error: --unit = 'X': no such unit\n", Outcome::Stop::none};
    return Outcome{2, error_document("data_missing", "--unit = 'X': no such unit"),
                   "heatlift: error: --unit = 'X': no such unit\n", Outcome::Stop::none};
  };
  const ApiResponse r =
      api.handle(request("GET", "/api/monitor/kpi", {{"unit", "X"}, {"format", "xlsx"}}));
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(r.content_type.empty()) << "an error is JSON";
  EXPECT_TRUE(r.filename.empty());
  EXPECT_EQ(json(r)["error"]["code"], "data_missing");
}

TEST_F(StoreApi, FormatIsCheckedBeforeAnythingRuns) {
  const ApiResponse pdf = api.handle(request("GET", "/api/fluid", {{"format", "pdf"}}));
  EXPECT_EQ(pdf.status, 400);
  EXPECT_THAT(json(pdf)["error"]["message"].get<std::string>(),
              HasSubstr("expected json, csv or xlsx"));
  const ApiResponse no_table =
      api.handle(request("GET", "/api/product/some-id", {{"format", "csv"}}));
  EXPECT_EQ(no_table.status, 400);
  EXPECT_THAT(json(no_table)["error"]["message"].get<std::string>(), HasSubstr("JSON only"));
  const ApiResponse twice =
      api.handle(request("GET", "/api/fluid", {{"format", "csv"}, {"format", "xlsx"}}));
  EXPECT_EQ(twice.status, 400);
  EXPECT_TRUE(engine.calls.empty());
}

TEST(Download, CsvIsParsedAsRfc4180) {
  const CsvRows rows = parse_csv(
      "\xEF\xBB\xBF"
      "a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,,\"x\ny\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b, c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "", "x\ny"}));
}

TEST(Download, OnlyPlainNumbersBecomeNumbers) {
  double v = 0;
  EXPECT_TRUE(plain_number("12", v));
  EXPECT_TRUE(plain_number("-0.5", v));
  EXPECT_EQ(v, -0.5);
  EXPECT_TRUE(plain_number("1.2e-3", v));
  for (const char* s : {"007", "+1", "1,5", "NaN", "inf", "", "-", "3 kW", "+31.4", "–"})
    EXPECT_FALSE(plain_number(s, v)) << s;
}

}  // namespace
}  // namespace heatlift::server
