// The message catalogue: both languages complete, malformed catalogues rejected with
// their position, unknown keys and languages named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/report/messages.hpp"

namespace {

using heatlift::report::Lang;
using heatlift::report::Messages;
using ::testing::HasSubstr;

TEST(Messages, ShippedCatalogueHasBothLanguagesForEveryKey) {
  const heatlift::core::DataStore data;
  const Messages zh = Messages::load(data, Lang::zh);
  const Messages en = Messages::load(data, Lang::en);
  EXPECT_GT(zh.size(), 50u);
  EXPECT_EQ(zh.size(), en.size());
  EXPECT_EQ(zh.get("end_use.space_heating"), "供暖");
  EXPECT_EQ(zh.get("end_use.hot_water"), "热水");
  EXPECT_EQ(en.get("end_use.space_heating"), "Space heating");
  EXPECT_NE(zh.get("report.title"), en.get("report.title"));
}

TEST(Messages, EveryFleetIndicatorHasANameAndAUnit) {
  const Messages zh = Messages::load(heatlift::core::DataStore(), Lang::zh);
  for (const char* ind : {"sales", "retirements", "stock", "capacity", "floor_area", "heat",
                          "electricity", "winter_peak", "market_value", "co2_reduction_gross",
                          "refrigerant_emissions", "co2_reduction_net", "refrigerant_bank",
                          "refrigerant_bank_co2e", "hfc_consumption", "kigali_allowance"}) {
    EXPECT_NE(zh.find(std::string("indicator.") + ind), nullptr) << ind;
    EXPECT_NE(zh.find(std::string("unit.") + ind), nullptr) << ind;
  }
}

TEST(Messages, MissingLanguageIsAnErrorAtItsPosition) {
  try {
    Messages::parse("[chart]\nsales = { zh = \"年销量\" }\n", "m.toml", Lang::en);
    FAIL() << "expected InvalidInput";
  } catch (const heatlift::InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("m.toml:2:"));
    EXPECT_THAT(e.what(), HasSubstr("chart.sales"));
    EXPECT_THAT(e.what(), HasSubstr("en text is missing"));
  }
}

TEST(Messages, MalformedEntriesAreRejected) {
  EXPECT_THROW(Messages::parse("a = \"plain\"\n", "m.toml", Lang::zh), heatlift::InvalidInput);
  EXPECT_THROW(Messages::parse("a = { zh = \"x\", en = \"y\", fr = \"z\" }\n", "m.toml", Lang::zh),
               heatlift::InvalidInput);
  EXPECT_THROW(Messages::parse("a = { zh = \"\", en = \"y\" }\n", "m.toml", Lang::zh),
               heatlift::InvalidInput);
  EXPECT_THROW(Messages::parse("a = { zh = 1, en = \"y\" }\n", "m.toml", Lang::zh),
               heatlift::InvalidInput);
  EXPECT_THROW(Messages::parse("a = {\n", "m.toml", Lang::zh), heatlift::InvalidInput);
}

TEST(Messages, UnknownKeyNamesKeyAndLanguage) {
  const Messages m = Messages::parse("a = { zh = \"甲\", en = \"A\" }\n", "m.toml", Lang::en);
  EXPECT_EQ(m.get("a"), "A");
  try {
    (void)m.get("b.c");
    FAIL() << "expected DataMissing";
  } catch (const heatlift::DataMissing& e) {
    EXPECT_THAT(e.what(), HasSubstr("'b.c'"));
    EXPECT_THAT(e.what(), HasSubstr("en"));
  }
}

TEST(Messages, LanguageOption) {
  EXPECT_EQ(heatlift::report::parse_lang("zh"), Lang::zh);
  EXPECT_EQ(heatlift::report::parse_lang("en"), Lang::en);
  try {
    (void)heatlift::report::parse_lang("fr");
    FAIL() << "expected InvalidInput";
  } catch (const heatlift::InvalidInput& e) {
    EXPECT_THAT(e.what(), HasSubstr("--lang: 'fr'"));
    EXPECT_THAT(e.what(), HasSubstr("zh or en"));
  }
}

}  // namespace
