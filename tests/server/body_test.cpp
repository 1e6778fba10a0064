#include "heatlift/server/body.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <toml++/toml.h>

#include "heatlift/core/error.hpp"

namespace heatlift::server {
namespace {

using ::testing::HasSubstr;

const Endpoint& at(std::string_view method, std::string_view path) {
  return *match(method, path).endpoint;
}

std::string refusal(const Endpoint& e, std::string_view type, const std::string& body) {
  try {
    (void)body_file(e, type, body);
  } catch (const InvalidInput& err) {
    return err.what();
  }
  ADD_FAILURE() << "accepted: " << body;
  return {};
}

TEST(Body, TomlIsPassedAsItIsUnderTheFileKindsName) {
  const std::string toml = "[site]\ncity = \"Harbin\"  # a comment\n";
  for (std::string_view type :
       {"", "application/toml", "text/plain; charset=utf-8", "application/x-www-form-urlencoded"}) {
    const BodyFile f = body_file(at("POST", "/api/site"), type, toml);
    EXPECT_EQ(f.name, "site.toml");
    EXPECT_EQ(f.content, toml);
  }
}

TEST(Body, JsonBecomesTheSameTomlDocument) {
  const std::string json = R"({"name": "x", "heat_pump": {"capacity": "10 kW", "count": 2,
      "share": 0.5, "on": true}, "baselines": [{"id": "coal"}, {"id": "gas"}],
      "demand": {"building": {"cold_water": [5, 10.5]}}})";
  const BodyFile f = body_file(at("POST", "/api/site"), "application/json; charset=utf-8", json);
  EXPECT_EQ(f.name, "site.toml");
  const toml::table t = toml::parse(f.content);
  EXPECT_EQ(t["name"].value<std::string>(), "x");
  EXPECT_EQ(t["heat_pump"]["capacity"].value<std::string>(), "10 kW");
  EXPECT_TRUE(t["heat_pump"]["count"].is_integer());
  EXPECT_TRUE(t["heat_pump"]["share"].is_floating_point());
  EXPECT_EQ(t["heat_pump"]["on"].value<bool>(), true);
  ASSERT_TRUE(t["baselines"].is_array_of_tables());
  EXPECT_EQ(t["baselines"][1]["id"].value<std::string>(), "gas");
  EXPECT_EQ(t["demand"]["building"]["cold_water"][1].value<double>(), 10.5);
}

TEST(Body, MalformedJsonOrNullOrANonObjectIsRefused) {
  const Endpoint& site = at("POST", "/api/site");
  EXPECT_THAT(refusal(site, "application/json", "{\"a\": "), HasSubstr("not JSON"));
  EXPECT_THAT(refusal(site, "application/json", "[1, 2]"), HasSubstr("must be an object"));
  EXPECT_THAT(refusal(site, "application/json", R"({"site": {"city": null}})"),
              HasSubstr("'site.city' = null has no TOML form"));
  EXPECT_THAT(refusal(site, "application/json", R"({"n": 18446744073709551615})"),
              HasSubstr("no TOML form"));
}

TEST(Body, EmptyBodyAndOtherContentTypesAreRefused) {
  EXPECT_THAT(refusal(at("POST", "/api/cycle"), "application/toml", ""),
              HasSubstr("POST /api/cycle needs a cycle file as its body"));
  EXPECT_THAT(refusal(at("POST", "/api/site"), "text/csv", "a,b\n"),
              HasSubstr("content type 'text/csv' is not one /api/site takes"));
  EXPECT_THAT(refusal(at("POST", "/api/site"), "application/xml", "<x/>"),
              HasSubstr("application/toml, application/json"));
}

TEST(Body, RateTakesAProductsCsvToo) {
  const BodyFile f = body_file(at("POST", "/api/rate"), "text/csv", "name,standard\nA,gb19577\n");
  EXPECT_EQ(f.name, "products.csv");
  EXPECT_EQ(body_file(at("POST", "/api/rate"), "application/toml", "name = \"A\"\n").name,
            "product.toml");
}

TEST(Body, AValueNamingAFileOutsideTheRequestIsRefused) {
  const Endpoint& site = at("POST", "/api/site");
  for (const char* bad : {"/etc/passwd", "../secret.epw", "weather/../../x.epw", "~/x.epw",
                          "C:\\\\x.epw", "..", "a\\\\..\\\\b"}) {
    const std::string body = std::string("[site]\nepw = \"") + bad + "\"\n";
    EXPECT_THAT(refusal(site, "application/toml", body), HasSubstr("names a file outside")) << bad;
  }
  EXPECT_THAT(refusal(site, "application/json", R"({"heat_pump": {"map": "/tmp/map.csv"}})"),
              HasSubstr("'heat_pump.map' = \"/tmp/map.csv\""));
  EXPECT_THAT(refusal(site, "application/toml", "[[baselines]]\nx = [\"ok\", \"/x\"]\n"),
              HasSubstr("'baselines[0].x[1]'"));
  // Names that are not paths, and names inside the request's own folder, pass.
  for (const char* ok : {"Harbin", "R32/R410A mix", "weather.epw", "a..b", "1/2 load"}) {
    const std::string body = std::string("[site]\nname = \"") + ok + "\"\n";
    EXPECT_NO_THROW((void)body_file(site, "application/toml", body)) << ok;
  }
}

TEST(Body, TomlThatDoesNotParseIsLeftToTheVerb) {
  // The verb's reader refuses it with the command line's message; the server adds none.
  const std::string broken = "[site\ncity = \"Harbin\"\n";
  EXPECT_EQ(body_file(at("POST", "/api/site"), "application/toml", broken).content, broken);
}

}  // namespace
}  // namespace heatlift::server
