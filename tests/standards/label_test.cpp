// The energy label is well-formed XML (xmllint) and carries the grade, the metric, the
// refrigerant, its GWP with its basis and source, and the charge's CO2-equivalent.
#include "heatlift/standards/label.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "heatlift/standards/product_io.hpp"

namespace {

using namespace heatlift::standards;
using heatlift::fluids::GwpBasis;
using heatlift::fluids::GwpTable;
using ::testing::HasSubstr;

const StandardsLibrary& lib() {
  static const StandardsLibrary l = StandardsLibrary::load(heatlift::core::DataStore());
  return l;
}

// Catalogue stand-in: the key itself, with the placeholders the label fills.
std::string text(std::string_view key) {
  std::string s(key);
  if (key == "label.grade") s += " {n}";
  if (key == "label.gwp" || key == "label.gwp_source" || key == "label.gwp_missing")
    s += " {basis}";
  if (key == "label.target") s += " {x} {baseline} {t}";
  return s;
}

Rating rate_example(const std::string& file, GwpBasis basis = GwpBasis::ar4) {
  static const GwpTable gwp = GwpTable::load(heatlift::core::DataStore());
  const Product p = load_product_toml(std::string(HEATLIFT_EXAMPLES) + "/" + file, lib());
  RatingOptions o;
  o.gwp = basis;
  return Rater(lib(), gwp).rate(p, std::nullopt, o).front();
}

// Writes the SVG to a per-process file and runs xmllint on it: 0 when well-formed.
int xmllint(const std::string& svg) {
  const std::string path =
      ::testing::TempDir() + "heatlift_label_" + std::to_string(::getpid()) + ".svg";
  std::ofstream(path, std::ios::binary) << svg;
  const int status = std::system(("xmllint --noout " + path + " 2>&1").c_str());
  std::remove(path.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string text_of(const std::string& svg, const std::string& id) {
  std::smatch m;
  const std::regex re("<text[^>]*id=\"" + id + "\"[^>]*>([^<]*)</text>");
  return std::regex_search(svg, m, re) ? m[1].str() : std::string("(no #" + id + ")");
}

TEST(Label, WellFormedAndCarriesGradeMetricRefrigerantGwpAndCo2e) {
  const Rating r = rate_example("vrf-gb21454.toml");
  const std::string svg = label_svg(r, text, "zh");
  EXPECT_EQ(xmllint(svg), 0) << svg;
  EXPECT_THAT(svg, HasSubstr("xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(text_of(svg, "grade"), "label.grade 2");
  EXPECT_EQ(text_of(svg, "metric"), "APF 5.40");
  EXPECT_THAT(text_of(svg, "refrigerant"), HasSubstr("R410A"));
  EXPECT_THAT(text_of(svg, "refrigerant"), HasSubstr("4.50 kg"));
  EXPECT_EQ(text_of(svg, "gwp"), "label.gwp AR4 2088");
  EXPECT_EQ(text_of(svg, "co2e"), "label.co2e 9.40 t CO2e");
  EXPECT_EQ(text_of(svg, "gwp-source"), "label.gwp_source AR4");
  EXPECT_THAT(text_of(svg, "standard"), HasSubstr("GB 21454-2021"));
  EXPECT_THAT(text_of(svg, "target"), HasSubstr("+50.0 %"));
  EXPECT_THAT(text_of(svg, "footer"), HasSubstr("C2"));
}

TEST(Label, GwpBasisFollowsTheOption) {
  const std::string svg = label_svg(rate_example("vrf-gb21454.toml", GwpBasis::ar6), text, "en");
  EXPECT_EQ(text_of(svg, "gwp"), "label.gwp AR6 2256");
  EXPECT_EQ(text_of(svg, "gwp-source"), "label.gwp_source AR6");
  EXPECT_THAT(svg, HasSubstr("xml:lang=\"en\""));
}

TEST(Label, EveryExampleGivesAWellFormedLabel) {
  for (const char* f : {"en14825-annex-h.toml", "low-ambient-ashp-gb19577.toml",
                        "chiller-gb19577.toml", "room-ac-gb21455.toml", "vrf-gb21454.toml"}) {
    const std::string svg = label_svg(rate_example(f), text, "zh");
    EXPECT_EQ(xmllint(svg), 0) << f;
    EXPECT_THAT(svg, HasSubstr("id=\"grade\"")) << f;
    EXPECT_THAT(svg, HasSubstr("id=\"gwp\"")) << f;
  }
}

TEST(Label, EscapesTextAndMarksMissingGwp) {
  // Every shipped refrigerant has a GWP on every basis now (R290 AR5 takes AR6's 0.02), so a
  // rating whose refrigerant has none is made here.
  Rating r = rate_example("low-ambient-ashp-gb19577.toml", GwpBasis::ar5);
  r.refrigerant.gwp.reset();
  r.refrigerant.co2e.reset();
  r.product = "A<B> & \"C\"";
  const std::string svg = label_svg(r, text, "zh");
  EXPECT_EQ(xmllint(svg), 0);
  EXPECT_THAT(svg, HasSubstr("A&lt;B&gt; &amp; &quot;C&quot;"));
  EXPECT_THAT(text_of(svg, "gwp"), HasSubstr("label.gwp_missing AR5"));
  EXPECT_THAT(svg, ::testing::Not(HasSubstr("id=\"co2e\"")));
}

}  // namespace
