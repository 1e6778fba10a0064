// End-to-end: the limits of `heatlift serve` and what it refuses — a body over the size
// limit (with a length or in chunks), a run over the time limit (stopped, not left
// running), an unknown endpoint, a wrong or unknown method, a malformed request, a port
// already taken. Each is a JSON error document, and the server goes on answering.
#include <dirent.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "serve_process.hpp"
#include "support/run_heatlift.hpp"

namespace {

using heatlift::testing::ServeProcess;
using nlohmann::json;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

class ServeLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServeProcess("--time-limit 0.5 --max-body-kb 16 --threads 4");
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  void SetUp() override { ASSERT_GT(server->port(), 0) << server->banner(); }

  static std::string code(const httplib::Result& r) {
    return json::parse(r->body)["error"]["code"].get<std::string>();
  }
  static void still_answers() {
    const auto r = server->client().Get("/api/health");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
  static ServeProcess* server;
};

ServeProcess* ServeLimits::server = nullptr;

// The processes whose parent is `pid` (from /proc).
std::vector<int> children_of(int pid) {
  std::vector<int> out;
  DIR* d = opendir("/proc");
  while (dirent* e = d ? readdir(d) : nullptr) {
    const int p = std::atoi(e->d_name);
    if (p <= 0) continue;
    std::ifstream stat("/proc/" + std::to_string(p) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    int ppid = 0;
    char state = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &ppid) == 2 && ppid == pid)
      out.push_back(p);
  }
  if (d) closedir(d);
  return out;
}

TEST_F(ServeLimits, ABodyOverTheLimitIs413) {
  const std::string big(20 * 1024, '#');
  const auto r = server->client().Post("/api/site", big, "application/toml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(code(r), "body_too_large");
  EXPECT_THAT(r->body, HasSubstr("16 KiB"));
  // A scenario body too (the roadmap page's levers).
  const std::string scenario = "extends = \"cns\"\n# " + big + "\n";
  const auto s = server->client().Post("/api/roadmap", scenario, "application/toml");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, 413);
  EXPECT_EQ(code(s), "body_too_large");
  still_answers();
}

TEST_F(ServeLimits, AChunkedBodyOverTheLimitIs413Too) {
  auto c = server->client();
  std::size_t sent = 0;
  const auto r = c.Post(
      "/api/site",
      [&](std::size_t, httplib::DataSink& sink) {
        const std::string chunk(4096, '#');
        if (sent < 40 * 1024) {
          sink.write(chunk.data(), chunk.size());
          sent += chunk.size();
        } else {
          sink.done();
        }
        return true;
      },
      "application/toml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(code(r), "body_too_large");
  still_answers();
}

TEST_F(ServeLimits, ARunOverTheTimeLimitIs503AndIsStopped) {
  const auto t0 = Clock::now();
  const auto r = server->client().Get("/api/roadmap?scenario=cns&samples=50");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(code(r), "time_limit");
  EXPECT_THAT(r->body, HasSubstr("time limit of 0.5 s"));
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(5));
  EXPECT_TRUE(children_of(server->pid()).empty()) << "the run was left running";
  // Not cached: the same request runs again (and is stopped again).
  EXPECT_EQ(server->client().Get("/api/roadmap?scenario=cns&samples=50")->status, 503);
  still_answers();
}

TEST_F(ServeLimits, AnUnknownEndpointIs404) {
  // "/" and "/index.html" are the web application now; a file it does not have is not.
  for (const char* path :
       {"/api", "/api/fluids", "/api/fluid/R32/state/x", "/app/no-such-file.js", "/favicon.ico"}) {
    const auto r = server->client().Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(code(r), "unknown_endpoint") << path;
  }
}

TEST_F(ServeLimits, AWrongMethodIs405WithTheAllowedOnes) {
  auto c = server->client();
  auto r = c.Post("/api/fluid", "x", "text/plain");
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(code(r), "method_not_allowed");
  EXPECT_EQ(r->get_header_value("Allow"), "GET, HEAD");
  r = c.Get("/api/site");
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "POST");
  r = c.Put("/api/roadmap", "", "text/plain");
  EXPECT_EQ(r->status, 405);
  r = c.Delete("/api/fluid");
  EXPECT_EQ(r->status, 405);
  const std::string brew = server->raw("BREW /api/fluid HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_THAT(brew, HasSubstr("HTTP/1.1 405"));
  EXPECT_THAT(brew, HasSubstr("\"method_not_allowed\""));
  EXPECT_THAT(brew, HasSubstr("Allow: GET, HEAD"));
  still_answers();
}

TEST_F(ServeLimits, AMalformedRequestIsA400Document) {
  const std::string got = server->raw("NOT HTTP AT ALL\r\n\r\n");
  EXPECT_THAT(server->raw("GET /api/health HTTP/9.9\r\n\r\n"), HasSubstr("HTTP/1.1 400"));
  EXPECT_THAT(got, HasSubstr("HTTP/1.1 400"));
  EXPECT_THAT(got, HasSubstr("\"invalid_input\""));
  still_answers();
}

TEST_F(ServeLimits, APortInUseIsAClearError) {
  // `timeout`: were the port shared, the second server would serve instead of failing.
  const auto r = heatlift::testing::run_heatlift("serve --port " + std::to_string(server->port()),
                                                 "timeout 20");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("cannot listen on 127.0.0.1:" + std::to_string(server->port())));
}

TEST_F(ServeLimits, BadServeOptionsAreRefused) {
  auto r = heatlift::testing::run_heatlift("serve --time-limit 0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--time-limit"));
  r = heatlift::testing::run_heatlift("serve --port 70000");
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(ServeLimits, SigtermStopsTheServer) {
  ServeProcess other("");
  ASSERT_GT(other.port(), 0);
  EXPECT_EQ(other.stop(), 0);
}

}  // namespace
