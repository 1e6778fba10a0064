#pragma once
// A small C++ source scanner for the size limits on src/: how many lines a
// file has and where each function definition starts and ends. It is not a parser; it
// blanks what cannot hold structure (comments, string and character literals, raw strings,
// preprocessor lines) and then matches braces, deciding at namespace and class scope what
// each '{' opens.

#include <string>
#include <string_view>
#include <vector>

namespace heatlift::sizes {

// One function definition: a free function, a member function (in or out of its class),
// a constructor, an operator, or a lambda written at namespace or class scope. Lambdas
// and local classes inside a function are part of that function.
struct FunctionSpan {
  std::string name;    // with its enclosing namespaces and classes, e.g. "heatlift::site::simulate"
  int first_line = 0;  // 1-based: the declaration's first line (template<...> included)
  int last_line = 0;   // the line of the closing brace
  int lines() const { return last_line - first_line + 1; }
};

// Lines as an editor counts them: a last line without '\n' counts.
int count_lines(std::string_view text);

// The text with comments, string/character literals (raw strings included) and
// preprocessor directives replaced by spaces; newlines are kept, so offsets and line
// numbers are unchanged. Digit separators (1'000) are not character literals.
std::string code_only(std::string_view text);

// Every function definition in a translation unit's text, in order of appearance.
std::vector<FunctionSpan> find_functions(std::string_view text);

struct SizeLimits {
  int file_lines = 800;
  int function_lines = 100;
};

// One message per limit the file breaks, naming the file (as given), the function, the
// line it starts on and its length: "src/a.cpp: 812 lines (limit 800)",
// "src/a.cpp:40: heatlift::a::solve is 130 lines (limit 100)".
std::vector<std::string> size_violations(std::string_view path, std::string_view text,
                                         SizeLimits limits = {});

}  // namespace heatlift::sizes
