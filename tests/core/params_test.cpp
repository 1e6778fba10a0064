// Declared parameters: one declaration feeds the reader, the check of a `--vary` setting
// and the docs' table. The fixture block below stands for any block of an input file;
// adding `shift` to it was the only change needed to read it, vary it and document it.
#include "heatlift/core/params.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <set>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {

using ::testing::HasSubstr;

const BlockDecl kFixture{"fixture",
                         "plant.pump",
                         "A pump of a fixture plant.",
                         {
                             {.key = "head",
                              .kind = ParamKind::quantity,
                              .dimension = Dimension::pressure,
                              .range = {1e3, 1e6},
                              .fallback = "50 kPa",
                              .doc = "pump head",
                              .source = "assumption"},
                             {.key = "efficiency",
                              .kind = ParamKind::number,
                              .range = {0.05, 1.0},
                              .required = true,
                              .doc = "wire-to-water efficiency",
                              .source = "EN 16297-1"},
                             {.key = "control",
                              .kind = ParamKind::choice,
                              .fallback = "constant",
                              .choices = {"constant", "proportional"},
                              .doc = "pressure control"},
                             // The one declaration this test adds: nothing else in the reader, the
                             // --vary check or the docs knows of it.
                             {.key = "shift",
                              .kind = ParamKind::integer,
                              .range = {0, 23},
                              .fallback = "6",
                              .doc = "hour the pump starts",
                              .source = "assumption"},
                         }};
const BlockRegistrar kRegisterFixture(kFixture);

// A reader as a layer writes one: every key from the declaration.
struct Pump {
  double head, efficiency;
  std::string control;
  int shift;
};
Pump read_pump(const std::string& toml) {
  const auto doc = ConfigDocument::from_text(toml, "plant.toml");
  ConfigTable root(doc);
  ConfigTable t = root.table("plant").table("pump");
  Pump p{t.value(kFixture.param("head")), t.value(kFixture.param("efficiency")),
         t.text(kFixture.param("control")), static_cast<int>(t.value(kFixture.param("shift")))};
  t.finish();
  return p;
}

TEST(Params, TheReaderTakesUnitRangeAndDefaultFromTheDeclaration) {
  const Pump p = read_pump("[plant.pump]\nefficiency = 0.6\nshift = 7\nhead = \"0.2 MPa\"\n");
  EXPECT_DOUBLE_EQ(p.head, 2e5);
  EXPECT_DOUBLE_EQ(p.efficiency, 0.6);
  EXPECT_EQ(p.control, "constant");  // the declared default
  EXPECT_EQ(p.shift, 7);
  const Pump d = read_pump("[plant.pump]\nefficiency = 0.6\n");
  EXPECT_DOUBLE_EQ(d.head, 5e4);  // "50 kPa"
  EXPECT_EQ(d.shift, 6);
}

TEST(Params, TheReaderRefusesWhatTheDeclarationDoesNotAllow) {
  try {
    read_pump("[plant.pump]\nefficiency = 0.6\nshift = 30\n");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("plant.toml:3:9"));
    EXPECT_THAT(e.what(), HasSubstr("plant.pump.shift"));
    EXPECT_THAT(e.what(), HasSubstr("0 to 23"));
  }
  EXPECT_THROW(read_pump("[plant.pump]\nhead = \"50 kPa\"\n"), InvalidInput);  // required
  EXPECT_THROW(read_pump("[plant.pump]\nefficiency = 0.6\nhead = \"5 K\"\n"), InvalidInput);
}

TEST(Params, AVaryValueIsCheckedAgainstTheDeclarationBeforeAnyWork) {
  EXPECT_NO_THROW(check_setting("fixture", "plant.pump.shift", "12"));
  EXPECT_NO_THROW(check_setting("fixture", "plant.pump.head", "\"80 kPa\""));
  EXPECT_NO_THROW(check_setting("fixture", "plant.pump.head", "80 kPa"));  // unquoted
  EXPECT_NO_THROW(check_setting("fixture", "plant.pump.control", "proportional"));
  auto message = [](std::string_view key, std::string_view v) {
    try {
      check_setting("fixture", key, v);
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_THAT(message("plant.pump.shift", "24"), HasSubstr("0 to 23"));
  EXPECT_THAT(message("plant.pump.head", "80"), HasSubstr("unit"));
  EXPECT_THAT(message("plant.pump.control", "bang-bang"), HasSubstr("proportional"));
  EXPECT_THAT(message("plant.pump.shfit", "3"),
              HasSubstr("its keys: head, efficiency, control, shift"));
  EXPECT_THAT(message("plant.fan.shift", "3"), HasSubstr("declares no block [plant.fan]"));
}

TEST(Params, TheDocsTableComesFromTheDeclaration) {
  const std::string md = parameters_markdown("fixture");
  EXPECT_THAT(md, HasSubstr("### `[plant.pump]` (fixture file)"));
  EXPECT_THAT(
      md, HasSubstr("| `shift` | integer | 0 to 23 | `6` | hour the pump starts | assumption |"));
  EXPECT_THAT(md, HasSubstr("| `head` | pressure (kPa) | 1 kPa to 1000 kPa | `50 kPa` |"));
  EXPECT_THAT(md, HasSubstr("| `efficiency` | number | 0.05 to 1 | required |"));
  EXPECT_THAT(md, HasSubstr("`constant`, `proportional`"));
}

// Every block heatlift declares: its defaults lie in their own ranges and parse with
// their own units, and no key is declared twice.
TEST(Params, EveryDeclaredDefaultIsValid) {
  for (const BlockDecl* b : declared_blocks()) {
    std::set<std::string_view> keys;
    for (const auto& p : b->params) {
      SCOPED_TRACE(fmt::format("{} [{}] {}", b->file, b->path, p.key));
      EXPECT_TRUE(keys.insert(p.key).second) << "declared twice";
      EXPECT_FALSE(p.doc.empty()) << "no doc";
      if (p.fallback.empty()) continue;
      if (p.kind == ParamKind::flag) {
        EXPECT_TRUE(p.fallback == "true" || p.fallback == "false");
        continue;
      }
      const std::string dotted = fmt::format("{}.{}", b->path, p.key);
      EXPECT_NO_THROW(check_setting(b->file, dotted, p.fallback));
    }
  }
}

}  // namespace
}  // namespace heatlift::core
