// Reading user TOML files: units, ranges, positions, unknown keys, and the overrides that
// `site sweep --vary` applies to a document.
#include "heatlift/core/config.hpp"

#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {

const char* const text = R"([heat_pump]
capacity = "10 kW"
cd = 0.9
[site]
city = "Harbin"
)";

TEST(Config, QuantitiesCarryTheirUnits) {
  const auto doc = ConfigDocument::from_text(text, "site.toml");
  ConfigTable root(doc);
  ConfigTable hp = root.table("heat_pump");
  EXPECT_DOUBLE_EQ(hp.quantity("capacity", Dimension::power), 10000.0);
  EXPECT_DOUBLE_EQ(hp.number("cd"), 0.9);
}

TEST(Config, ErrorsNameFileLineAndField) {
  const auto doc = ConfigDocument::from_text(text, "site.toml");
  ConfigTable root(doc);
  ConfigTable hp = root.table("heat_pump");
  try {
    hp.quantity("capacity", Dimension::temperature);
    FAIL();
  } catch (const InvalidInput& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("site.toml:2"), std::string::npos) << m;
    EXPECT_NE(m.find("heat_pump.capacity"), std::string::npos) << m;
  }
  hp.number("cd");
  EXPECT_NO_THROW(hp.finish()) << "capacity was asked for, even though it failed";
}

// Found by fuzzing a site file: an integer no double holds exactly (`cover =
// 14999999999999999`) ended the program (toml++ gives no double for it); it is a number,
// range-checked like any other.
TEST(Config, AnIntegerNoDoubleHoldsIsRangeCheckedNotFatal) {
  const auto doc = ConfigDocument::from_text(
      "[h]\ncover = 14999999999999999\nf = 9007199254740993\n", "site.toml");
  ConfigTable root(doc);
  ConfigTable h = root.table("h");
  try {
    h.number("cover", {0.05, 3.0});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("site.toml:2:9"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos) << e.what();
  }
  EXPECT_DOUBLE_EQ(h.quantity("f", Dimension::fraction), 9007199254740992.0);
}

TEST(Config, WithValueOverridesAndKeepsTheOriginal) {
  const auto doc = ConfigDocument::from_text(text, "site.toml");
  const auto bigger = doc.with_value("heat_pump.capacity", "\"14 kW\"");
  const auto other = bigger.with_value("site.city", "Shanghai");  // bare text: a string
  const auto added = other.with_value("storage.volume", "\"0.3 m3\"");
  const auto number = added.with_value("heat_pump.cd", "0.25");
  ConfigTable r0(doc), r1(number);
  EXPECT_DOUBLE_EQ(r0.table("heat_pump").quantity("capacity", Dimension::power), 10000.0);
  EXPECT_DOUBLE_EQ(r1.table("heat_pump").quantity("capacity", Dimension::power), 14000.0);
  EXPECT_DOUBLE_EQ(r1.table("heat_pump").number("cd"), 0.25);
  EXPECT_EQ(r1.table("site").string("city"), "Shanghai");
  EXPECT_DOUBLE_EQ(r1.table("storage").quantity("volume", Dimension::volume), 0.3);
  // An overridden value has no line in the file: its errors say where it came from.
  ConfigTable r2(number);
  try {
    r2.table("heat_pump").quantity("cd", Dimension::power);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("site.toml <value set on the command line>"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(doc.with_value("site.city.name", "x"), InvalidInput);
  EXPECT_THROW(doc.with_value("heat_pump..cd", "1"), InvalidInput);
}

}  // namespace
}  // namespace heatlift::core
