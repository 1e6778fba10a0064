// The scanner behind the size limits, on planted sources: what counts as a function, where
// it starts and ends, and that braces in comments and literals are not structure.

#include "sizes/source_scan.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace {

using heatlift::sizes::code_only;
using heatlift::sizes::count_lines;
using heatlift::sizes::find_functions;
using heatlift::sizes::FunctionSpan;
using heatlift::sizes::size_violations;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// "name first-last" for each function found.
std::vector<std::string> spans(std::string_view text) {
  std::vector<std::string> out;
  for (const FunctionSpan& f : find_functions(text)) {
    out.push_back(f.name + " " + std::to_string(f.first_line) + "-" + std::to_string(f.last_line));
  }
  return out;
}

TEST(SourceScan, CountsLinesLikeAnEditor) {
  EXPECT_EQ(count_lines(""), 0);
  EXPECT_EQ(count_lines("a\n"), 1);
  EXPECT_EQ(count_lines("a\nb"), 2);
  EXPECT_EQ(count_lines("a\n\n"), 2);
}

TEST(SourceScan, BlanksCommentsLiteralsAndDirectivesKeepingLines) {
  const std::string text =
      "#include <a{b>\n"
      "int x = 1'000'000; // {\n"
      "/* { \n } */ char c = '{'; const char* s = \"}\\\"{\";\n"
      "auto r = R\"x( } )\" { )x\"; auto u = u8R\"(})\";\n"
      "#define M(a) \\\n  { a }\n";
  const std::string code = code_only(text);
  EXPECT_EQ(code.size(), text.size());
  EXPECT_EQ(count_lines(code), count_lines(text));
  EXPECT_EQ(code.find_first_of("{}"), std::string::npos) << code;
  EXPECT_NE(code.find("int x = 1'000'000;"), std::string::npos) << code;
}

TEST(SourceScan, FindsFreeAndMemberFunctionsWithTheirNamespacesAndClasses) {
  const char* text = R"src(#include "a.hpp"
namespace heatlift::demo {
namespace {

int helper(int x) {
  return x;
}

}  // namespace

class Box {
 public:
  int size() const { return n_; }
 private:
  int n_{0};
};

template <typename T>
T twice(T x)
{
  return x + x;
}

auto Box::make() -> Box {
  return Box{};
}

Box::Box(int n) : n_{n}, m_(n) {
  if (n) { n_ = 1; }
}

bool operator==(const Box& a, const Box& b) { return a.size() == b.size(); }

struct Less {
  bool operator()(int a, int b) const noexcept {
    return a < b;
  }
};

}  // namespace heatlift::demo

extern "C" {
void c_entry() {}
}
)src";
  EXPECT_THAT(
      spans(text),
      ElementsAre("heatlift::demo::(anonymous)::helper 5-7", "heatlift::demo::Box::size 13-13",
                  "heatlift::demo::twice 18-22", "heatlift::demo::Box::make 24-26",
                  "heatlift::demo::Box::Box 28-30", "heatlift::demo::operator== 32-32",
                  "heatlift::demo::Less::operator() 35-37", "c_entry 43-43"));
}

TEST(SourceScan, BracesInCommentsAndLiteralsDoNotEndAFunction) {
  const char* text = R"src(void f() {
  const char* a = "}";  // }
  char b = '}';
  /* } */
  auto c = R"d( } )" } )d";
  int d = 1'0'0;
  char e = '\'';
}
void g() {}
)src";
  EXPECT_THAT(spans(text), ElementsAre("f 1-8", "g 9-9"));
}

TEST(SourceScan, LambdasAndLocalClassesBelongToTheirFunction) {
  const char* text = R"src(int f() {
  auto g = [](int x) {
    return x;
  };
  struct Local {
    int h() { return 1; }
  };
  return g(Local{}.h());
}
)src";
  EXPECT_THAT(spans(text), ElementsAre("f 1-9"));
}

TEST(SourceScan, InitializersAreNotFunctionsButLambdasInThemAre) {
  const char* text = R"src(const int kTable[] = {1, 2,
                     3};
const Pair kPair{1, {2, 3}};
enum class Kind { kA, kB };
const auto kSquare = [](double x) {
  return x * x;
};
const Registrar registrar{"name", [](Args& args) -> int {
  return 0;
}};
const Registrar other("name", [] {
  return 1;
});
)src";
  EXPECT_THAT(spans(text), ElementsAre("kSquare (lambda) 5-7", "registrar (lambda) 8-10",
                                       "other (lambda) 11-13"));
}

TEST(SourceScan, NamesAFunctionOverTheLimitWithItsLengthAndTheFileOverItsLimit) {
  std::string text = "namespace a {\n\nint big() {\n";
  for (int i = 0; i < 99; ++i) text += "  ++x;\n";
  text += "}\n\nint fits() {\n";
  for (int i = 0; i < 98; ++i) text += "  ++x;\n";
  text += "}\n}\n";
  EXPECT_THAT(size_violations("planted.cpp", text, {.file_lines = 800, .function_lines = 100}),
              ElementsAre("planted.cpp:3: a::big is 101 lines (limit 100)"));
  EXPECT_THAT(size_violations("planted.cpp", text, {.file_lines = 200, .function_lines = 101}),
              ElementsAre("planted.cpp: 205 lines (limit 200)"));
  EXPECT_THAT(size_violations("planted.cpp", text, {.file_lines = 205, .function_lines = 101}),
              IsEmpty());
}

}  // namespace
