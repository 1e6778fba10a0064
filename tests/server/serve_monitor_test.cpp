// End-to-end: the monitor endpoints of `heatlift serve --db FILE` on 127.0.0.1 (reads equal
// to the command line's, an ingest that needs the token, no cached answer outliving an
// ingest, bad data as JSON errors, the body limit) and the downloads (`?format=csv` with a
// byte-order mark, `?format=xlsx` holding the same cells, checked with Python's zipfile).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "serve_process.hpp"
#include "support/files.hpp"
#include "support/run_heatlift.hpp"

namespace {

using heatlift::testing::run_heatlift;
using heatlift::testing::ServeProcess;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kSource = HEATLIFT_SOURCE_DIR;
const std::string kBom = "\xEF\xBB\xBF";

// Two rows of unit A1, as a monitoring system writes them.
const std::string kGoodCsv =
    "time,unit,t_flow [°C],t_return [°C],elec_unit [kW],heat_hp [kWh]\n"
    "2025-01-01 00:00,A1,45,40,1.5,0.075\n"
    "2025-01-01 00:01,A1,45,40,1.5,0.075\n";

class ServeMonitor : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new std::filesystem::path(heatlift::testing::fresh_dir("serve_monitor"));
    db = new std::string((*dir / "store.db").string());
    // One healthy unit, two heating seasons at 10-minute rows: a second to make.
    const auto synth = run_heatlift(
        fmt::format("monitor synth --db {} --healthy 1 --per-fault 0 --fault short_cycling "
                    "--seasons 2 --interval '10 min'",
                    *db));
    ASSERT_EQ(synth.exit_code, 0) << synth.err;
    server = new ServeProcess(
        fmt::format("--token e2e-token --time-limit 120 --max-body-kb 64 --db {}", *db));
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  void SetUp() override { ASSERT_GT(server->port(), 0) << "no port in: " << server->banner(); }

  static httplib::Result get(const std::string& path) { return server->client().Get(path.c_str()); }
  static httplib::Result ingest(const std::string& body, const std::string& token,
                                const std::string& query = "",
                                const std::string& type = "text/csv") {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return server->client().Post(("/api/monitor/ingest" + query).c_str(), h, body, type.c_str());
  }
  // The command line's document on the same store, without the store's path.
  static json cli(const std::string& args) {
    const auto r = run_heatlift(fmt::format("--format json {} --db {}", args, *db));
    json doc = json::parse(r.out);
    doc.erase("db");
    return doc;
  }
  static std::string error_code(const httplib::Result& r) {
    return json::parse(r->body)["error"]["code"];
  }
  static std::string error_message(const httplib::Result& r) {
    return json::parse(r->body)["error"]["message"];
  }

  static std::filesystem::path* dir;
  static std::string* db;
  static ServeProcess* server;
};

std::filesystem::path* ServeMonitor::dir = nullptr;
std::string* ServeMonitor::db = nullptr;
ServeProcess* ServeMonitor::server = nullptr;

TEST_F(ServeMonitor, ReadsAnswerWhatTheCommandLineSaysOfTheStore) {
  EXPECT_THAT(server->banner(), HasSubstr("store " + *db));
  const struct {
    std::string path, args;
  } cases[] = {
      {"/api/monitor/units", "monitor units"},
      {"/api/monitor/kpi?unit=syn-0001", "monitor kpi --unit syn-0001"},
      {"/api/monitor/kpi?all=true&period=year", "monitor kpi --all --period year"},
      {"/api/monitor/diagnose?lang=en", "monitor diagnose --lang en"},
      {"/api/monitor/retrofit?all=true", "monitor retrofit --all"},
  };
  for (const auto& c : cases) {
    const auto r = get(c.path);
    ASSERT_TRUE(r) << c.path;
    EXPECT_EQ(r->status, 200) << c.path << ": " << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(json::parse(r->body), cli(c.args)) << c.path;
  }
  const auto missing = get("/api/monitor/kpi?unit=no-such-unit");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(error_code(missing), "data_missing");
  EXPECT_THAT(error_message(missing), HasSubstr("no-such-unit"));
  const auto bad_period = get("/api/monitor/kpi?all=true&period=week");
  EXPECT_EQ(bad_period->status, 400);
  EXPECT_EQ(error_code(bad_period), "invalid_input");
}

TEST_F(ServeMonitor, AnIngestNeedsTheTokenStoresAndNoCachedAnswerOutlivesIt) {
  const auto before = get("/api/monitor/units");
  ASSERT_EQ(before->status, 200);
  EXPECT_EQ(get("/api/monitor/units")->get_header_value("X-Heatlift-Cache"), "hit");

  for (const std::string token : {"", "wrong-token"}) {
    const auto r = ingest(kGoodCsv, token);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << token;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(error_code(r), "unauthorized");
  }
  EXPECT_EQ(get("/api/monitor/units")->body, before->body) << "nothing was stored";

  const auto r = ingest(kGoodCsv, "e2e-token");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json report = json::parse(r->body);
  EXPECT_EQ(report["rows_read"], 2);
  EXPECT_EQ(report["rows_stored"], 2);
  EXPECT_EQ(report["source"], "data.csv");

  const auto after = get("/api/monitor/units");
  EXPECT_EQ(after->get_header_value("X-Heatlift-Cache"), "miss");
  EXPECT_EQ(json::parse(after->body), cli("monitor units"));
  bool found = false;
  const json units = json::parse(after->body)["units"];
  for (const auto& u : units) {
    if (u["id"] == "A1") {
      found = true;
      EXPECT_EQ(u["rows"], 2);
    }
  }
  EXPECT_TRUE(found) << after->body;

  // JSON lines, with the unit given as a parameter.
  const auto jl = ingest(
      "{\"time\":\"2025-01-01 00:02\",\"t_flow_C\":45,\"t_return_C\":40}\n"
      "{\"time\":\"2025-01-01 00:03\",\"t_flow_C\":46,\"t_return_C\":40}\n",
      "e2e-token", "?unit=B2", "application/x-ndjson");
  ASSERT_TRUE(jl);
  EXPECT_EQ(jl->status, 200) << jl->body;
  EXPECT_EQ(json::parse(jl->body)["rows_stored"], 2);
}

TEST_F(ServeMonitor, BadDataIsAJsonErrorNamingTheField) {
  const auto no_unit = ingest("time,unit,t_flow\n2025-01-01 00:00,C3,45\n", "e2e-token");
  ASSERT_TRUE(no_unit);
  EXPECT_EQ(no_unit->status, 400);
  EXPECT_EQ(error_code(no_unit), "invalid_input");
  EXPECT_THAT(error_message(no_unit), HasSubstr("column 't_flow': no unit"));

  const auto junk = ingest("time,t_flow_C\nsoon,45\nlater,46\n", "e2e-token", "?unit=C3");
  EXPECT_EQ(junk->status, 400);
  EXPECT_THAT(error_message(junk), HasSubstr("none of the 2 rows read could be stored"));
  EXPECT_THAT(error_message(junk), HasSubstr("field 'time': value 'soon'"));

  const auto bad_tz = ingest(kGoodCsv, "e2e-token", "?tz=CST");
  EXPECT_EQ(bad_tz->status, 400);
  EXPECT_THAT(error_message(bad_tz), HasSubstr("CST"));

  const auto pdf = ingest("%PDF-1.4", "e2e-token", "", "application/pdf");
  EXPECT_EQ(pdf->status, 400);
  EXPECT_THAT(error_message(pdf), HasSubstr("text/csv"));
  EXPECT_EQ(cli("monitor units")["units"].size(),
            json::parse(get("/api/monitor/units")->body)["units"].size());
}

TEST_F(ServeMonitor, ABodyOverTheLimitIsRefusedAndStoresNothing) {
  std::string big = "time,unit,t_flow_C\n";
  for (int i = 0; big.size() <= 64 * 1024; ++i)
    big += fmt::format("2025-02-01 {:02d}:{:02d},D4,45\n", (i / 60) % 24, i % 60);
  const auto r = ingest(big, "e2e-token");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(error_code(r), "body_too_large");
  EXPECT_THAT(error_message(r), HasSubstr("64 KiB"));
  const json units = cli("monitor units")["units"];
  for (const auto& u : units) EXPECT_NE(u["id"], "D4");
}

TEST(ServeWithoutStore, TheMonitorEndpointsSayHowToTurnThemOn) {
  ServeProcess server("");
  ASSERT_GT(server.port(), 0) << server.banner();
  const auto r = server.client().Get("/api/monitor/units");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_THAT(r->body, HasSubstr("not_supported"));
  EXPECT_THAT(r->body, HasSubstr("heatlift serve --db"));
}

// ---- downloads ------------------------------------------------------------------------------

// The cells of an XLSX file, read by tests/server/xlsx_cells.py.
json xlsx_cells(const std::string& bytes) {
  const auto dir = heatlift::testing::fresh_dir("xlsx");
  heatlift::testing::write_file(dir / "t.xlsx", bytes);
  const auto out = dir / "cells.json";
  const std::string cmd = fmt::format("/usr/bin/python3 {}/tests/server/xlsx_cells.py {} > {}",
                                      kSource, (dir / "t.xlsx").string(), out.string());
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return json::parse(heatlift::testing::read_file(out));
}

// CSV rows (RFC 4180), for the comparison.
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else if (c != '\r') {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

void expect_same_cells(const json& xlsx, const std::string& csv, const std::string& what) {
  const auto rows = csv_rows(csv);
  ASSERT_EQ(xlsx.size(), rows.size()) << what;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& want = rows[r][c];
      const json cell = c < xlsx[r].size() ? xlsx[r][c] : json("");
      if (cell.is_object()) {
        EXPECT_NEAR(cell["n"].get<double>(), std::stod(want), 1e-9 * std::abs(std::stod(want)))
            << what << " row " << r << " column " << c;
      } else {
        EXPECT_EQ(cell.get<std::string>(), want) << what << " row " << r << " column " << c;
      }
    }
  }
}

TEST_F(ServeMonitor, EveryTableDownloadsAsCsvWithABomAndAsXlsxWithTheSameCells) {
  const struct {
    std::string path, args;
  } cases[] = {
      {"/api/fluid", "fluid list"},
      {"/api/fluid/R744", "fluid info R744"},
      {"/api/fluid/R32/state?T=0%20C&Q=1", "fluid state R32 --T '0 C' --Q 1"},
      {"/api/product", "product list"},
      {"/api/climate", "climate list"},
      {"/api/climate/Beijing", "climate show Beijing"},
      {"/api/scenario", "scenario list"},
      {"/api/roadmap?scenario=cns&engine=top-down", "roadmap --scenario cns --engine top-down"},
      {"/api/monitor/kpi?unit=syn-0001", "monitor kpi --unit syn-0001 --db " + *db},
      {"/api/monitor/units", "monitor units --db " + *db},
      {"/api/monitor/diagnose?lang=zh", "monitor diagnose --lang zh --db " + *db},
      {"/api/monitor/retrofit?unit=syn-0001", "monitor retrofit --unit syn-0001 --db " + *db},
  };
  for (const auto& c : cases) {
    const auto cli_csv = run_heatlift("--format csv " + c.args);
    ASSERT_EQ(cli_csv.exit_code, 0) << c.args << ": " << cli_csv.err;
    const std::string sep = c.path.find('?') == std::string::npos ? "?" : "&";
    const auto csv = get(c.path + sep + "format=csv");
    ASSERT_TRUE(csv) << c.path;
    ASSERT_EQ(csv->status, 200) << c.path << ": " << csv->body;
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_THAT(csv->get_header_value("Content-Disposition"), StartsWith("attachment; filename="));
    EXPECT_THAT(csv->body, StartsWith(kBom)) << c.path << ": EF BB BF first, for Excel";
    EXPECT_EQ(csv->body, kBom + cli_csv.out) << c.path;

    const auto xlsx = get(c.path + sep + "format=xlsx");
    ASSERT_EQ(xlsx->status, 200) << c.path;
    EXPECT_THAT(xlsx->get_header_value("Content-Disposition"), HasSubstr(".xlsx\""));
    expect_same_cells(xlsx_cells(xlsx->body), cli_csv.out, c.path);
  }
  // Chinese text survives both ways (the climate list names every city in Chinese too).
  EXPECT_THAT(get("/api/climate?format=csv")->body, HasSubstr("哈尔滨"));
  EXPECT_THAT(xlsx_cells(get("/api/climate?format=xlsx")->body).dump(), HasSubstr("哈尔滨"));
}

TEST_F(ServeMonitor, APostedTableDownloadsToo) {
  const std::string products =
      heatlift::testing::read_file(kSource + "/examples/rating/products.csv");
  const auto r = server->client().Post("/api/rate?format=csv", products, "text/csv");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_THAT(r->body, StartsWith(kBom));
  const auto d = heatlift::testing::fresh_dir("serve_rate_csv");
  heatlift::testing::write_file(d / "products.csv", products);
  const auto cli_csv = run_heatlift("--format csv rate products.csv", "cd " + d.string() + " &&");
  EXPECT_EQ(r->body, kBom + cli_csv.out);
}

TEST_F(ServeMonitor, DownloadsFailAsJsonWithTheCommandLinesCodes) {
  const auto missing = get("/api/monitor/kpi?unit=no-such-unit&format=xlsx");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(missing->get_header_value("Content-Disposition"), "");
  EXPECT_EQ(error_code(missing), "data_missing");
  const auto no_table = get("/api/product/evi-r32-10kw?format=csv");
  EXPECT_EQ(no_table->status, 400);
  EXPECT_THAT(error_message(no_table), HasSubstr("JSON only"));
  const auto pdf = get("/api/fluid?format=pdf");
  EXPECT_EQ(pdf->status, 400);
  EXPECT_THAT(error_message(pdf), HasSubstr("expected json, csv or xlsx"));
}

}  // namespace
