// The web application's files as `heatlift serve` answers them, without a browser: the index
// at / and /index.html, its scripts and the reports' charting library under /app/ with their
// content types, the pages' texts from the message catalogue, and nothing else.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "heatlift/core/data_store.hpp"
#include "heatlift/server/web_app.hpp"

namespace {

using heatlift::server::content_type_of;
using heatlift::server::WebApp;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(WebApp, TheIndexIsAtTheRootAndLoadsTheApplication) {
  const WebApp app{heatlift::core::DataStore()};
  for (const char* path : {"/", "/index.html"}) {
    const auto f = app.file(path);
    ASSERT_TRUE(f) << path;
    EXPECT_EQ(f->content_type, "text/html; charset=utf-8");
    EXPECT_THAT(std::string(f->content), HasSubstr("app/app.js"));
    EXPECT_THAT(std::string(f->content), HasSubstr("app/echarts.min.js"));
  }
}

TEST(WebApp, ItsFilesHaveTheirContentTypes) {
  const WebApp app{heatlift::core::DataStore()};
  for (const char* name : {"app.js", "i18n.js", "charts.js", "roadmap.js", "site.js", "cycle.js",
                           "rating.js", "monitor.js", "echarts.min.js"}) {
    const auto f = app.file(std::string("/app/") + name);
    ASSERT_TRUE(f) << name;
    EXPECT_EQ(f->content_type, "text/javascript; charset=utf-8") << name;
    EXPECT_GT(f->content.size(), 500u) << name;
  }
  const auto css = app.file("/app/app.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  const auto map = app.file("/app/china.json");
  ASSERT_TRUE(map);
  EXPECT_EQ(nlohmann::json::parse(map->content).at("features").size(), 34u);
}

TEST(WebApp, ThePagesTextsComeFromTheCatalogueInBothLanguages) {
  const WebApp app{heatlift::core::DataStore()};
  const auto zh = nlohmann::json::parse(app.file("/app/messages.zh.json")->content);
  const auto en = nlohmann::json::parse(app.file("/app/messages.en.json")->content);
  EXPECT_GT(zh.size(), 100u);
  EXPECT_EQ(zh.size(), en.size());
  for (const auto& [key, text] : zh.items()) EXPECT_TRUE(en.contains(key)) << key;
  EXPECT_EQ(zh.at("nav.roadmap"), "路线图");
  EXPECT_EQ(en.at("nav.roadmap"), "Roadmap");
  EXPECT_FALSE(zh.contains("report.title")) << "only the [web] part is served";
}

TEST(WebApp, OtherPathsAreNotItsFiles) {
  const WebApp app{heatlift::core::DataStore()};
  for (const char* path : {"/api", "/api/health", "/app/", "/app/no-such.js", "/favicon.ico",
                           "/app/../index.html", "/index.htm", "/roadmap.js"}) {
    EXPECT_FALSE(app.file(path)) << path;
  }
}

TEST(WebApp, ContentTypesByExtension) {
  EXPECT_EQ(content_type_of("a.json"), "application/json");
  EXPECT_EQ(content_type_of("a.svg"), "image/svg+xml");
  EXPECT_THAT(std::string(content_type_of("a.mjs")), StartsWith("text/javascript"));
  EXPECT_EQ(content_type_of("a.bin"), "application/octet-stream");
  EXPECT_EQ(content_type_of(".js"), "application/octet-stream");
}

}  // namespace
