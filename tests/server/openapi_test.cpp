#include "heatlift/server/openapi.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "fake_docs.hpp"
#include "heatlift/core/params.hpp"

namespace heatlift::server {
namespace {

using core::BlockDecl;
using core::ParamKind;
using ::testing::HasSubstr;
using ojson = nlohmann::ordered_json;

// A file kind of the test's own, declared as readers declare theirs.
const BlockDecl kTop{
    "apitest", "", "top level", {{.key = "name", .kind = ParamKind::text, .required = true}}};
const BlockDecl kA{"apitest",
                   "a",
                   "block a",
                   {{.key = "power",
                     .kind = ParamKind::quantity,
                     .dimension = core::Dimension::power,
                     .range = {0, 1e6},
                     .fallback = "10 kW",
                     .doc = "heating power",
                     .source = "a standard"},
                    {.key = "mode",
                     .kind = ParamKind::choice,
                     .fallback = "x",
                     .choices = {"x", "y"},
                     .doc = "mode"}}};
const BlockDecl kAB{
    "apitest", "a.b", "block a.b", {{.key = "n", .kind = ParamKind::integer, .range = {0, 9}}}};
const BlockDecl kW{"apitest", "w.*", "one w", {{.key = "k", .kind = ParamKind::number}}};
const BlockDecl kWC1{"apitest", "w.*.c", "first form", {{.key = "p", .kind = ParamKind::number}}};
const BlockDecl kWC2{"apitest", "w.*.c", "second form", {{.key = "q", .kind = ParamKind::number}}};
const core::BlockRegistrar r1{kTop}, r2{kA}, r3{kAB}, r4{kW}, r5{kWC1}, r6{kWC2};

std::string ref_of(const ojson& link, std::size_t i = 0) {
  return link["anyOf"][i]["$ref"].get<std::string>();
}

TEST(OpenApi, AFileSchemaNestsItsDeclaredBlocks) {
  ojson components = ojson::object();
  const ojson s = file_schema("apitest", components);
  EXPECT_EQ(s["properties"]["name"]["description"], "");
  EXPECT_EQ(s["required"], ojson::array({"name"}));
  // [a] is a component; [a.b] sits inside it; each a table or an array of tables.
  EXPECT_EQ(ref_of(s["properties"]["a"]), "#/components/schemas/apitest.a");
  EXPECT_EQ(s["properties"]["a"]["anyOf"][1]["type"], "array");
  const ojson& a = components["apitest.a"];
  EXPECT_EQ(a["description"], "block a");
  EXPECT_EQ(a["properties"]["power"]["description"], "heating power");
  EXPECT_EQ(a["properties"]["power"]["default"], "10 kW");
  EXPECT_EQ(a["properties"]["power"]["x-heatlift"]["unit"], "kW");
  EXPECT_EQ(a["properties"]["power"]["x-heatlift"]["source"], "a standard");
  EXPECT_THAT(a["properties"]["power"]["x-heatlift"]["range"].get<std::string>(), HasSubstr("kW"));
  EXPECT_EQ(a["properties"]["mode"]["x-heatlift"]["choices"], ojson::array({"x", "y"}));
  EXPECT_EQ(ref_of(a["properties"]["b"]), "#/components/schemas/apitest.a.b");
  // [w.*]: any key of w; [w.*.c] declared twice: either form.
  const ojson& w = s["properties"]["w"];
  EXPECT_EQ(ref_of(w["additionalProperties"]), "#/components/schemas/apitest.w._");
  const ojson& c = components["apitest.w._"]["properties"]["c"];
  EXPECT_EQ(ref_of(c, 0), "#/components/schemas/apitest.w._.c.1");
  EXPECT_EQ(ref_of(c, 2), "#/components/schemas/apitest.w._.c.2");
  EXPECT_FALSE(components.contains("apitest"));  // the top level is the file schema itself
}

TEST(OpenApi, TheDocumentHasEveryEndpointWithItsParametersAndBodies) {
  const ojson d = openapi_json(heatlift::testing::fake_docs(), Limits{});
  EXPECT_EQ(d["openapi"], "3.0.3");
  for (const Endpoint& e : endpoints()) {
    std::string m(e.method);
    for (char& ch : m) ch = static_cast<char>(std::tolower(ch));
    ASSERT_TRUE(d["paths"][std::string(e.path)].contains(m)) << e.method << " " << e.path;
  }
  const ojson& state = d["paths"]["/api/fluid/{fluid}/state"]["get"];
  EXPECT_EQ(state["operationId"], "fluid_state");
  EXPECT_EQ(state["parameters"][0]["in"], "path");
  const ojson& params = state["parameters"];
  EXPECT_EQ(params[params.size() - 2]["schema"]["enum"], ojson::array({"exact", "fast"}));
  EXPECT_EQ(params.back()["name"], "format");  // a table: downloads as CSV and XLSX
  EXPECT_EQ(params.back()["schema"]["enum"], ojson::array({"json", "csv", "xlsx"}));
  const ojson& ingest = d["paths"]["/api/monitor/ingest"]["post"];
  EXPECT_TRUE(ingest["requestBody"]["content"].contains("text/csv"));
  EXPECT_TRUE(ingest["requestBody"]["content"].contains("application/x-ndjson"));
  EXPECT_TRUE(ingest["responses"].contains("401"));
  EXPECT_TRUE(ingest.contains("security"));
  EXPECT_TRUE(
      d["paths"]["/api/monitor/kpi"]["get"]["responses"]["200"]["content"].contains("text/csv"));
  const ojson& roadmap = d["paths"]["/api/roadmap"]["get"];
  EXPECT_EQ(roadmap["parameters"][0]["schema"]["type"], "array");  // scenario, repeatable
  EXPECT_EQ(roadmap["parameters"][3]["schema"]["maximum"], 1000000);
  // The same verb with a scenario file as its body (the roadmap page's levers).
  const ojson& levers = d["paths"]["/api/roadmap"]["post"];
  EXPECT_EQ(levers["operationId"], "roadmap_scenario");
  EXPECT_TRUE(levers["requestBody"]["content"].contains("application/toml"));
  EXPECT_TRUE(levers["responses"].contains("413"));
  std::set<std::string> ids;
  for (const auto& [path, ops] : d["paths"].items()) {
    for (const auto& [method, op] : ops.items())
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second) << method << " " << path;
  }
  const ojson& rate = d["paths"]["/api/rate"]["post"]["requestBody"]["content"];
  EXPECT_TRUE(rate.contains("application/toml"));
  EXPECT_TRUE(rate.contains("application/json"));
  EXPECT_TRUE(rate.contains("text/csv"));
  EXPECT_TRUE(d["paths"]["/api/site"]["post"]["responses"].contains("413"));
  EXPECT_EQ(d["paths"]["/api/cache"]["delete"]["responses"]["401"]["$ref"],
            "#/components/responses/401");
  EXPECT_THAT(d["components"]["responses"]["503"]["description"].get<std::string>(),
              HasSubstr("time_limit"));
  const std::string info = d["info"]["description"];
  EXPECT_THAT(info, HasSubstr("1024 KiB"));
  EXPECT_THAT(info, HasSubstr("30 s"));
  EXPECT_THAT(info, HasSubstr("monitor"));
}

TEST(OpenApi, TheMarkdownListsEndpointsLimitsAndCodes) {
  const std::string md = api_markdown(heatlift::testing::fake_docs(), Limits{});
  EXPECT_THAT(md, HasSubstr("### `GET /api/fluid/{fluid}/state`"));
  EXPECT_THAT(md, HasSubstr("| `T` | query | `--T` |"));
  EXPECT_THAT(md, HasSubstr("| request body | 1024 KiB | `--max-body-kb` |"));
  EXPECT_THAT(md, HasSubstr("| `body_too_large` | 413 |"));
  EXPECT_THAT(md, HasSubstr("| `data_missing` | 404 |"));
}

}  // namespace
}  // namespace heatlift::server
