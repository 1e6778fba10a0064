#include "heatlift/server/endpoints.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fake_docs.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/server/errors.hpp"

namespace heatlift::server {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

HttpCode code_of(std::string_view method, std::string_view path) {
  try {
    (void)match(method, path);
  } catch (const HttpError& e) {
    return e.code();
  }
  ADD_FAILURE() << method << " " << path << " matched";
  return HttpCode::unknown_endpoint;
}

TEST(Endpoints, MatchFillsPathParametersInOrder) {
  const Match m = match("GET", "/api/fluid/R744/state");
  ASSERT_NE(m.endpoint, nullptr);
  EXPECT_EQ(m.endpoint->verb, "fluid state");
  EXPECT_THAT(m.path_values, ElementsAre("R744"));
  EXPECT_EQ(match("HEAD", "/api/fluid").endpoint->verb, "fluid list");  // HEAD is GET
  EXPECT_EQ(match("GET", "/api/fluid/").endpoint->verb, "fluid list");  // a trailing slash
  EXPECT_EQ(match("POST", "/api/site").endpoint->body_kind, "site");
}

TEST(Endpoints, UnknownPathIs404AndOtherMethodIs405) {
  EXPECT_EQ(code_of("GET", "/api/nope"), HttpCode::unknown_endpoint);
  EXPECT_EQ(code_of("GET", "/api/fluid/R32/state/extra"), HttpCode::unknown_endpoint);
  EXPECT_EQ(code_of("GET", "/"), HttpCode::unknown_endpoint);
  EXPECT_EQ(code_of("POST", "/api/fluid"), HttpCode::method_not_allowed);
  EXPECT_EQ(code_of("GET", "/api/site"), HttpCode::method_not_allowed);
  EXPECT_EQ(code_of("PUT", "/api/cache"), HttpCode::method_not_allowed);
  EXPECT_EQ(allowed_methods("/api/cache"), "GET, HEAD, DELETE");
  EXPECT_EQ(allowed_methods("/api/site"), "POST");
  EXPECT_EQ(allowed_methods("/api/nope"), "");
}

TEST(Endpoints, EveryVerbEndpointFitsTheCommandLine) {
  EXPECT_NO_THROW(check_against(heatlift::testing::fake_docs()));
}

TEST(Endpoints, AMismatchWithTheCommandLineIsCaught) {
  auto docs = heatlift::testing::fake_docs();
  docs.erase("roadmap");
  EXPECT_THROW(check_against(docs), InternalError);

  docs = heatlift::testing::fake_docs();
  docs["fluid state"].options.pop_back();  // --backend gone
  try {
    check_against(docs);
    FAIL() << "a missing option passed";
  } catch (const InternalError& e) {
    EXPECT_THAT(e.what(), HasSubstr("--backend"));
  }

  docs = heatlift::testing::fake_docs();
  docs["site run"].options.clear();  // no positional left for the body file
  EXPECT_THROW(check_against(docs), InternalError);
}

TEST(Endpoints, OnlyCacheClearAndTheStoresIngestWrite) {
  for (const Endpoint& e : endpoints()) {
    EXPECT_EQ(is_write(e), e.action == Action::cache_clear || e.path == "/api/monitor/ingest")
        << e.path;
    if (e.writes_store) {
      EXPECT_TRUE(e.store) << e.path;
      EXPECT_EQ(e.method, "POST") << e.path;
    }
  }
}

TEST(Endpoints, NoTwoEndpointsShareMethodAndPath) {
  const auto& all = endpoints();
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j)
      EXPECT_FALSE(all[i].method == all[j].method && all[i].path == all[j].path) << all[i].path;
}

TEST(Errors, EveryCodeHasOneStatusAndTheDocumentIsCompactJson) {
  EXPECT_EQ(http_status(HttpCode::unknown_endpoint), 404);
  EXPECT_EQ(http_status(HttpCode::method_not_allowed), 405);
  EXPECT_EQ(http_status(HttpCode::body_too_large), 413);
  EXPECT_EQ(http_status(HttpCode::time_limit), 503);
  EXPECT_EQ(http_status(HttpCode::unauthorized), 401);
  EXPECT_EQ(error_document("invalid_input", "bad \"x\""),
            R"({"error":{"code":"invalid_input","message":"bad \"x\""}})");
  EXPECT_EQ(error_table().size(), 11u);
}

}  // namespace
}  // namespace heatlift::server
