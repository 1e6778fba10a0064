// Input pairs and property names as `heatlift fluid eval` and heatlift.fluids take them
// (fluids/pairs.hpp): every pair in either order gives the state of its flash, the columns
// carry their SI units, and a bad name is an error naming the field and what was expected.
#include "heatlift/fluids/pairs.hpp"

#include <gtest/gtest.h>

#include <string>

#include "heatlift/core/error.hpp"
#include "test_support.hpp"

namespace heatlift::fluids {
namespace {

std::string message_of(const auto& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(InputPairs, EveryPairInEitherOrderGivesItsFlash) {
  const auto f = test::exact("R32");
  const State ref = f->at_T_p(300.0, 1.0e6);  // superheated vapour
  const State wet = f->at_T_Q(270.0, 0.4);
  struct Case {
    const char* given;
    double a, b;
    const State& expect;
  };
  const Case cases[] = {
      {"T,p", ref.T, ref.p, ref},     {"p,T", ref.p, ref.T, ref}, {"p,h", ref.p, ref.h, ref},
      {" h , p ", ref.h, ref.p, ref}, {"p,s", ref.p, ref.s, ref}, {"T,rho", ref.T, ref.rho, ref},
      {"rho,T", ref.rho, ref.T, ref}, {"h,s", ref.h, ref.s, ref}, {"T,Q", wet.T, *wet.Q, wet},
      {"Q,p", *wet.Q, wet.p, wet},
  };
  for (const Case& c : cases) {
    const InputPair pair = parse_input_pair(c.given, "given", *f);
    const State s = pair(*f, c.a, c.b);
    EXPECT_NEAR(s.T / c.expect.T, 1.0, 1e-8) << c.given;
    EXPECT_NEAR(s.p / c.expect.p, 1.0, 1e-7) << c.given;
  }
}

TEST(InputPairs, UnknownPairsNameTheFieldAndTheSupportedOnes) {
  const auto f = test::exact("R32");
  for (const char* given : {"T,h", "T", "T,p,h", "", "t,p", "p,p"}) {
    const std::string m = message_of([&] { (void)parse_input_pair(given, "--given", *f); });
    EXPECT_EQ(m, std::string("--given '") + given +
                     "': supported pairs are T,p p,h p,s T,Q p,Q T,rho h,s");
  }
}

TEST(InputPairs, HsOnTheFastBackendIsNotSupported) {
  const auto fast = test::library().get("R32", Backend::fast);
  EXPECT_THROW((void)parse_input_pair("h,s", "given", *fast), NotSupported);
  EXPECT_NO_THROW((void)parse_input_pair("p,h", "given", *fast));
}

TEST(Properties, NamesColumnsAndValues) {
  const auto props = parse_properties("T, p,rho,h,s,u,cp,cv,w,Q,phase", "want");
  ASSERT_EQ(props.size(), 11u);
  std::string columns;
  for (Property p : props) columns += std::string(column_name(p)) + ' ';
  EXPECT_EQ(columns, "T_K p_Pa rho_kg_m3 h_J_kg s_J_kgK u_J_kg cp_J_kgK cv_J_kgK w_m_s Q phase ");

  const auto f = test::exact("R32");
  const State gas = f->at_T_p(300.0, 1.0e6);
  EXPECT_EQ(value_of(gas, Property::h), gas.h);
  EXPECT_EQ(value_of(gas, Property::cp), gas.cp);
  EXPECT_FALSE(value_of(gas, Property::Q).has_value());  // single phase: no quality
  const State wet = f->at_T_Q(270.0, 0.4);
  EXPECT_FALSE(value_of(wet, Property::cp).has_value());  // inside the dome: no cp
  EXPECT_EQ(value_of(wet, Property::phase), static_cast<double>(Phase::two_phase));
}

TEST(Properties, BadListsAreErrorsNamingTheField) {
  EXPECT_EQ(message_of([] { (void)parse_properties("rho,enthalpy", "--want"); }),
            "--want: unknown property 'enthalpy'; expected one of T p rho h s u cp cv w Q phase");
  EXPECT_EQ(message_of([] { (void)parse_properties(" , ", "want"); }),
            "want: name at least one property, e.g. rho,h,s");
  EXPECT_THROW((void)parse_properties("", "want"), InvalidInput);
}

TEST(SplitList, TrimsSpacesAndDropsEmptyItems) {
  EXPECT_EQ(split_list(" a, b ,,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_list("").empty());
}

}  // namespace
}  // namespace heatlift::fluids
