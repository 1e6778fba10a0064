#include "heatlift/server/api.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "fake_docs.hpp"
#include "heatlift/server/errors.hpp"

namespace heatlift::server {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Stands in for the verbs: records each invocation, answers as scripted.
class FakeEngine final : public Engine {
 public:
  std::function<Outcome(const Invocation&)> script = [](const Invocation&) {
    return Outcome{0, "{\n  \"answer\": 42\n}\n", "", Outcome::Stop::none};
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

Outcome failed(int exit_code, std::string_view code, std::string_view message) {
  return {exit_code, error_document(code, message) + "\n",
          fmt::format("heatlift: error: {}\n", message), Outcome::Stop::none};
}

class ApiTest : public ::testing::Test {
 protected:
  ApiResponse get(const std::string& path, QueryValues query = {}) {
    return api.handle({"GET", path, std::move(query), "", "", "", ""});
  }
  ApiResponse post(const std::string& path, const std::string& body,
                   const std::string& type = "application/toml") {
    return api.handle({"POST", path, {}, type, "", "", body});
  }
  static nlohmann::json json(const ApiResponse& r) {
    return r.body ? nlohmann::json::parse(*r.body) : nlohmann::json();
  }
  static std::string code(const ApiResponse& r) { return json(r)["error"]["code"]; }
  static std::string message(const ApiResponse& r) { return json(r)["error"]["message"]; }

  FakeEngine engine;
  Api api{ApiOptions{Limits{2.5, 4096, 1 << 20}, "s3cret"}, heatlift::testing::fake_docs(), engine};
};

TEST_F(ApiTest, AVerbsAnswerIsItsJsonCompactAndCached) {
  const ApiResponse first = get("/api/product");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(*first.body, R"({"answer":42})");
  EXPECT_EQ(first.cache, "miss");
  EXPECT_EQ(first.etag, etag_of(*first.body));
  const ApiResponse second = get("/api/product");
  EXPECT_EQ(second.cache, "hit");
  EXPECT_EQ(second.body, first.body);  // the same shared bytes
  EXPECT_EQ(engine.calls.size(), 1u);
  EXPECT_EQ(api.cache_stats().hits, 1u);
}

TEST_F(ApiTest, TheRunIsTheVerbsCommandLine) {
  get("/api/fluid/R32/state", {{"T", "-10 C"}, {"Q", "1"}});
  get("/api/roadmap", {{"scenario", "cns"}, {"scenario", "ngs"}, {"engine", "top-down"}});
  get("/api/climate", {{"stations", "true"}, {"seed", "7"}});
  get("/api/climate", {{"stations", "false"}});
  post("/api/site", "[site]\ncity = \"Harbin\"\n");
  ASSERT_EQ(engine.calls.size(), 5u);
  EXPECT_THAT(engine.calls[0].args,
              ElementsAre("fluid", "state", "--T=-10 C", "--Q=1", "--", "R32"));
  EXPECT_EQ(engine.calls[0].run_in, RunIn::server);
  EXPECT_THAT(engine.calls[1].args,
              ElementsAre("roadmap", "--scenario=cns", "--scenario=ngs", "--engine=top-down"));
  EXPECT_EQ(engine.calls[1].run_in, RunIn::child);
  EXPECT_THAT(engine.calls[2].args, ElementsAre("climate", "list", "--stations", "--seed=7"));
  EXPECT_THAT(engine.calls[3].args, ElementsAre("climate", "list"));
  EXPECT_THAT(engine.calls[4].args, ElementsAre("site", "run", "--", "site.toml"));
  ASSERT_TRUE(engine.calls[4].file.has_value());
  EXPECT_EQ(engine.calls[4].file->content, "[site]\ncity = \"Harbin\"\n");
}

TEST_F(ApiTest, BadParametersAreRefusedBeforeAnythingRuns) {
  EXPECT_THAT(message(get("/api/fluid/R32/state", {{"X", "1"}})),
              HasSubstr("unknown parameter 'X'; it takes T, p, h, s, Q, rho, backend"));
  EXPECT_THAT(message(get("/api/fluid/R32/state", {{"T", "1 C"}, {"T", "2 C"}})),
              HasSubstr("'T' is given more than once"));
  EXPECT_THAT(message(get("/api/fluid/R32/state", {{"T", "1\nC"}})),
              HasSubstr("control character"));
  EXPECT_THAT(message(get("/api/fluid/R\x01/state")), HasSubstr("control character"));
  EXPECT_THAT(message(get("/api/climate", {{"stations", "maybe"}})),
              HasSubstr("expected true or false"));
  EXPECT_THAT(message(get("/api/roadmap", {{"scenario", "../../etc/passwd"}})),
              HasSubstr("a shipped name"));
  EXPECT_THAT(message(get("/api/roadmap", {{"scenario", "my.toml"}})), HasSubstr("a shipped name"));
  EXPECT_THAT(message(get("/api/health", {{"x", "1"}})), HasSubstr("takes no parameter"));
  EXPECT_EQ(get("/api/fluid/R32/state", {{"X", "1"}}).status, 400);
  EXPECT_TRUE(engine.calls.empty());
}

TEST_F(ApiTest, ErrorsKeepTheCommandLinesCodeAndMessage) {
  struct Case {
    Outcome outcome;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {failed(2, "invalid_input", "give exactly two"), 400, "invalid_input"},
      {failed(2, "data_missing", "no product 'x'"), 404, "data_missing"},
      {failed(2, "out_of_range", "T above T_max"), 422, "out_of_range"},
      {failed(1, "no_convergence", "flash did not converge"), 422, "no_convergence"},
      {failed(2, "not_supported", "not handled"), 422, "not_supported"},
      {failed(1, "internal", "internal error: x"), 500, "internal"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    engine.script = [&](const Invocation&) { return cases[i].outcome; };
    const ApiResponse r = get("/api/product/p" + std::to_string(i));
    EXPECT_EQ(r.status, cases[i].status) << cases[i].code;
    EXPECT_EQ(*r.body, cases[i].outcome.out.substr(0, cases[i].outcome.out.size() - 1));
  }
}

TEST_F(ApiTest, AParserErrorOnStandardErrorIsInvalidInput) {
  engine.script = [](const Invocation&) {
    return Outcome{
        2, "", "heatlift: error: --backend: bogus not in {exact,fast} (see 'heatlift --help')\n",
        Outcome::Stop::none};
  };
  const ApiResponse r = get("/api/fluid/R32/state", {{"backend", "bogus"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code(r), "invalid_input");
  EXPECT_EQ(message(r), "--backend: bogus not in {exact,fast}");
}

TEST_F(ApiTest, ACrashOrAnUnreadableAnswerIsInternalAndNotCached) {
  engine.script = [](const Invocation&) { return Outcome{139, "", "", Outcome::Stop::none}; };
  ApiResponse r = get("/api/product");
  EXPECT_EQ(r.status, 500);
  EXPECT_THAT(message(r), HasSubstr("signal 11"));
  engine.script = [](const Invocation&) { return Outcome{0, "not json", "", Outcome::Stop::none}; };
  r = get("/api/product");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(code(r), "internal");
  EXPECT_EQ(engine.calls.size(), 2u);
}

TEST_F(ApiTest, OverTheTimeLimitIs503AndNotCached) {
  engine.script = [](const Invocation&) { return Outcome{-1, "", "", Outcome::Stop::ran}; };
  ApiResponse r = get("/api/roadmap");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(code(r), "time_limit");
  EXPECT_THAT(message(r), HasSubstr("'roadmap' ran past the server's time limit of 2.5 s"));
  engine.script = [](const Invocation&) { return Outcome{0, "", "", Outcome::Stop::waited}; };
  r = get("/api/roadmap");
  EXPECT_EQ(r.status, 503);
  EXPECT_THAT(message(r), HasSubstr("busy for the whole time limit"));
  EXPECT_EQ(engine.calls.size(), 2u);
}

TEST_F(ApiTest, TheWriteEndpointNeedsTheToken) {
  get("/api/product");
  auto del = [&](const std::string& auth) {
    return api.handle({"DELETE", "/api/cache", {}, "", auth, "", ""});
  };
  EXPECT_EQ(del("").status, 401);
  EXPECT_EQ(del("Bearer wrong!").status, 401);
  EXPECT_EQ(del("s3cret").status, 401);
  EXPECT_EQ(api.cache_stats().entries, 1u);
  const ApiResponse ok = del("Bearer s3cret");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(json(ok)["cleared"], 1);
  EXPECT_EQ(api.cache_stats().entries, 0u);

  FakeEngine e2;
  Api open{ApiOptions{Limits{}, ""}, heatlift::testing::fake_docs(), e2};
  const ApiResponse off = open.handle({"DELETE", "/api/cache", {}, "", "Bearer ", "", ""});
  EXPECT_EQ(off.status, 401);
  EXPECT_THAT(*off.body, HasSubstr("has no token"));
}

TEST_F(ApiTest, AMatchingEtagIsNotModified) {
  const ApiResponse first = get("/api/product");
  const ApiResponse again = api.handle({"GET", "/api/product", {}, "", "", first.etag, ""});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, nullptr);
  EXPECT_EQ(api.handle({"GET", "/api/product", {}, "", "", "\"other\"", ""}).status, 200);
}

TEST_F(ApiTest, RoutingErrorsAreJsonDocuments) {
  ApiResponse r = get("/api/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(code(r), "unknown_endpoint");
  r = api.handle({"PUT", "/api/site", {}, "", "", "", ""});
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.allow, "POST");
  r = get("/api/\xff\xfe");  // invalid UTF-8 in the path: still a valid document
  EXPECT_EQ(r.status, 404);
  EXPECT_NO_THROW(json(r));
  r = api.handle({"GET", "/api/product", {}, "", "", "", "a body"});
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(message(r), HasSubstr("takes no body"));
}

TEST_F(ApiTest, ServerEndpointsAnswerThemselves) {
  ApiResponse r = get("/api/health");
  EXPECT_EQ(json(r)["status"], "ok");
  EXPECT_EQ(json(r)["version"], HEATLIFT_VERSION);
  r = get("/api/openapi.json");
  EXPECT_EQ(json(r)["openapi"], "3.0.3");
  EXPECT_TRUE(json(r)["paths"].contains("/api/roadmap"));
  r = get("/api/cache");
  EXPECT_EQ(json(r)["max_bytes"], 1 << 20);
  EXPECT_TRUE(engine.calls.empty());
}

}  // namespace
}  // namespace heatlift::server
