// Reading user TOML files: units, ranges, positions, unknown keys, and the overrides that
// `site sweep --vary` applies to a document.
#include "heatlift/core/config.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"

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

// Tables whose keys and arrays are data (the standards' grade tables): keys read by name,
// and an error in an array points at its entry, counted from 1 as tables() counts.
TEST(Config, DataArraysNameTheirEntries) {
  const auto doc = ConfigDocument::from_text(R"(t = [6.0, 500, 5.2]
bins = [[-10, 1], [-9, 9999]]
[match]
use = "comfort"
heating = ["once", "circulating"]
)",
                                             "g.toml");
  ConfigTable root(doc);
  auto error = [](auto&& read) {
    try {
      read();
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error([&] {
              root.numbers_in("t", {0.01, 100.0, "a ratio 0.01 to 100"});
            }),
            "g.toml:1:11: t[2]: 500 is out of range; expected a ratio 0.01 to 100");
  EXPECT_EQ(root.numbers_in("t", {}).size(), 3u);
  EXPECT_EQ(error([&] {
              root.number_rows("bins", {{}, {0, 8760, "0 to 8760 h"}}, "[T, h]");
            }),
            "g.toml:2:19: bins[2]: 9999 is out of range; expected 0 to 8760 h");
  EXPECT_EQ(error([&] { root.number_rows("bins", {{}}, "[T]"); }),
            "g.toml:2:9: bins[1]: expected [T], got [ -10, 1 ]");
  EXPECT_EQ(error([&] { root.fail_entry("t", 2, "must decrease"); }),
            "g.toml:1:16: t[3]: must decrease");

  ConfigTable m = root.table("match");
  EXPECT_EQ(m.keys(), (std::vector<std::string>{"heating", "use"}));
  EXPECT_EQ(m.one_or_more_strings("use"), std::vector<std::string>{"comfort"});
  EXPECT_EQ(m.one_or_more_strings("heating").size(), 2u);
  EXPECT_NO_THROW(m.finish());
  root.ignore("formula");  // absent: ignoring it costs nothing
  EXPECT_NO_THROW(root.finish());

  const auto empty = ConfigDocument::from_text("id = \"\"\nsel = []\n", "e.toml");
  ConfigTable e(empty);
  EXPECT_EQ(error([&] { e.nonempty_string("id"); }),
            "e.toml:1:6: id: expected a non-empty string, got \"\"");
  EXPECT_EQ(error([&] { e.one_or_more_strings("sel"); }),
            "e.toml:2:7: sel: expected a string or an array of strings, got []");
}

// A reader of published figures (the scenario files) asks for values quoted as written:
// the message shows "900 kgCO2/GJ", not its SI value in another unit, a number the caller
// rewrote to inf before parsing is shown as the file wrote it, and an entry of an array is
// named and pointed at.
std::string message_of(const std::function<void()>& read) {
  try {
    read();
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Config, ValuesQuotedAsWrittenWhenTheReaderAsks) {
  const auto doc = ConfigDocument::from_text(
      "[s]\nf = \"900 kgCO2/GJ\"\nbig = inf\nys = [2020, 1999]\nv = [\"1 %\", \"200 %\"]\n"
      "w = \"  84 10^4 units \"\n",
      "s.toml");
  const Range fuel{0.0, 150e-9, "0 to 150 kgCO2/GJ"};
  ConfigTable plain(doc);
  EXPECT_NE(message_of([&] {
              (void)plain.table("s").quantity("f", Dimension::emission_per_energy, fuel);
            }).find("kgCO2/kWh is out of range"),
            std::string::npos);

  const WrittenNumbers rewritten{{"s.toml:3:7", "1e400"}};
  ConfigTable root(doc);
  root.quote_as_written(&rewritten);
  ConfigTable s = root.table("s");
  EXPECT_EQ(message_of([&] { (void)s.quantity("f", Dimension::emission_per_energy, fuel); }),
            "s.toml:2:5: s.f: 900 kgCO2/GJ is out of range; expected 0 to 150 kgCO2/GJ");
  EXPECT_EQ(message_of([&] {
              (void)s.number("big", {0.0, 1.0, "0 to 1"});
            }),
            "s.toml:3:7: s.big: 1e400 is out of range; expected 0 to 1");
  EXPECT_EQ(message_of([&] {
              (void)s.integers("ys", {2000, 2100, "a year from 2000 to 2100"});
            }),
            "s.toml:4:13: s.ys[2]: 1999 is out of range; expected a year from 2000 to 2100");
  const ParamDecl share{.key = "v",
                        .kind = ParamKind::quantity,
                        .dimension = Dimension::fraction,
                        .range = {0.0, 1.0, "0 % to 100 %"}};
  EXPECT_EQ(message_of([&] { (void)s.values(share); }),
            "s.toml:5:13: s.v[2]: 200 % is out of range; expected 0 % to 100 %");
  EXPECT_EQ(s.written_unit("w"), "10^4 units");
  EXPECT_EQ(s.written_unit("big"), "");
  EXPECT_TRUE(root.is_table("s"));
  EXPECT_FALSE(s.is_table("f"));
  EXPECT_EQ(s.origin("f"), "s.toml");
  EXPECT_EQ(message_of([&] { s.fail_whole("v", "shares add up to 201 %"); }),
            "s.toml:5:5: s: shares add up to 201 %");
}

}  // namespace
}  // namespace heatlift::core
