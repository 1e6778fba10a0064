#include "sizes/source_scan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace heatlift::sizes {
namespace {

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

void blank(std::string& out, size_t from, size_t to) {
  for (size_t k = from; k < to && k < out.size(); ++k) {
    if (out[k] != '\n') out[k] = ' ';
  }
}

// One past the end of a line comment or a directive: the first newline not escaped by '\'.
size_t end_of_logical_line(std::string_view t, size_t i) {
  for (; i < t.size(); ++i) {
    if (t[i] != '\n') continue;
    size_t prev = i;
    if (prev > 0 && t[prev - 1] == '\r') --prev;
    if (prev == 0 || t[prev - 1] != '\\') return i;
  }
  return t.size();
}

// One past the closing quote of a "..." or '...' literal opening at i (or the line's end).
size_t end_of_quoted(std::string_view t, size_t i) {
  const char quote = t[i];
  size_t j = i + 1;
  while (j < t.size() && t[j] != quote && t[j] != '\n') j += (t[j] == '\\') ? 2 : 1;
  return std::min(j + 1, t.size());
}

// The identifier or number that ends right before i (digit separators included).
std::string_view token_before(std::string_view t, size_t i) {
  size_t b = i;
  while (b > 0 && (is_ident_char(t[b - 1]) || t[b - 1] == '\'' || t[b - 1] == '.')) --b;
  return t.substr(b, i - b);
}

// One past a raw string R"delim( ... )delim" whose quote is at i; t.size() if unterminated.
size_t end_of_raw_string(std::string_view t, size_t i) {
  const size_t open = t.find('(', i + 1);
  if (open == std::string_view::npos) return t.size();
  // Built piece by piece: GCC 12 warns (-Wrestrict, a false positive) on ")" + string.
  std::string close(1, ')');
  close += t.substr(i + 1, open - i - 1);
  close += '"';
  const size_t end = t.find(close, open + 1);
  return end == std::string_view::npos ? t.size() : end + close.size();
}

bool is_raw_prefix(std::string_view token) {
  return token == "R" || token == "LR" || token == "uR" || token == "UR" || token == "u8R";
}

// ---- header tokens ----
// The text between the previous declaration's end and a '{' at namespace or class scope,
// as tokens: identifiers (an operator's whole name is one token), numbers and punctuation.

struct Token {
  std::string_view text;
  size_t offset = 0;  // in the header
  bool ident = false;
};

// The name after the keyword 'operator' (at i): "()", "[]", a symbol, or a conversion type.
size_t end_of_operator_name(std::string_view h, size_t i) {
  size_t j = i;
  while (j < h.size() && is_space(h[j])) ++j;
  if (h.compare(j, 2, "()") == 0 || h.compare(j, 2, "[]") == 0) return j + 2;
  if (j < h.size() && !is_ident_char(h[j])) {
    while (j < h.size() && !is_ident_char(h[j]) && !is_space(h[j]) && h[j] != '(') ++j;
    return j;
  }
  while (j < h.size() && h[j] != '(' && h[j] != ';' && h[j] != '{') ++j;  // operator bool
  while (j > i && is_space(h[j - 1])) --j;
  return j;
}

std::vector<Token> tokenize(std::string_view h) {
  static constexpr std::array<std::string_view, 8> kPairs = {
      "::", "->", "==", "!=", "<=", ">=", "&&", "||"};
  std::vector<Token> out;
  size_t i = 0;
  while (i < h.size()) {
    if (is_space(h[i])) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    const bool ident = is_ident_char(h[i]);
    if (ident) {
      while (j < h.size() && (is_ident_char(h[j]) || h[j] == '\'')) ++j;
      if (h.substr(i, j - i) == "operator") j = end_of_operator_name(h, j);
    } else {
      for (const std::string_view pair : kPairs) {
        if (h.compare(i, 2, pair) == 0) j = i + 2;
      }
    }
    out.push_back(
        {h.substr(i, j - i), i, ident && !std::isdigit(static_cast<unsigned char>(h[i]))});
    i = j;
  }
  return out;
}

// Marks the tokens outside every (), [], {} and template <> group (the group's own opening
// bracket is outside, so a parameter list's '(' is at top level).
std::vector<bool> top_level(const std::vector<Token>& t) {
  std::vector<bool> top(t.size(), false);
  int depth = 0;
  int angle = 0;
  for (size_t k = 0; k < t.size(); ++k) {
    const std::string_view s = t[k].text;
    if (s == ")" || s == "]" || s == "}") --depth;
    if (depth == 0 && s == "<" && k > 0 && t[k - 1].ident) {
      ++angle;
      continue;
    }
    if (depth == 0 && s == ">" && angle > 0) {
      --angle;
      continue;
    }
    top[k] = depth == 0 && angle == 0;
    if (s == "(" || s == "[" || s == "{") ++depth;
  }
  return top;
}

bool is_one_of(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

// ---- what a '{' opens ----

enum class Opens { kNamespace, kClass, kFunction, kOther };

struct Decl {
  Opens opens = Opens::kOther;
  std::string name;
  size_t start = 0;  // offset in the header of the declaration's first token
};

// Drops access specifiers ("public:") and leading template<...> heads; returns the first
// token that matters for the kind and sets the declaration's start (template included).
size_t skip_preamble(const std::vector<Token>& t, Decl& decl) {
  size_t k = 0;
  while (k + 1 < t.size() && is_one_of(t[k].text, {"public", "private", "protected"}) &&
         t[k + 1].text == ":") {
    k += 2;
  }
  if (k < t.size()) decl.start = t[k].offset;
  while (k < t.size() && t[k].text == "template" && k + 1 < t.size() && t[k + 1].text == "<") {
    int angle = 0;
    for (++k; k < t.size(); ++k) {
      if (t[k].text == "<") ++angle;
      if (t[k].text == ">" && --angle == 0) break;
    }
    ++k;
  }
  while (k < t.size() && is_one_of(t[k].text, {"export", "inline", "typedef"})) ++k;
  return k;
}

// "a::b::name", "Class<T>::name", "~Class" ending at token k.
std::string qualified_name(const std::vector<Token>& t, size_t k) {
  std::string name(t[k].text);
  size_t i = k;
  if (i > 0 && t[i - 1].text == "~") {
    name = "~" + name;
    --i;
  }
  while (i >= 2 && t[i - 1].text == "::") {
    size_t j = i - 2;
    if (t[j].text == ">") {
      int angle = 0;
      while (j > 0 && !(t[j].text == "<" && --angle == 0)) {
        if (t[j].text == ">") ++angle;
        --j;
      }
      if (j == 0) break;
      --j;
    }
    if (!t[j].ident) break;
    name = std::string(t[j].text) + "::" + name;
    i = j;
  }
  return name;
}

// A function definition's header: a name, its parameter list, then qualifiers, a trailing
// return type or a constructor's initializer list (whose own braces are not the body).
std::optional<std::string> function_name(const std::vector<Token>& t, const std::vector<bool>& top,
                                         size_t first) {
  for (size_t k = first; k < t.size(); ++k) {
    if (!top[k] || t[k].text != "(" || k == 0 || !t[k - 1].ident) continue;
    if (is_one_of(t[k - 1].text, {"decltype", "alignas", "__attribute__", "noexcept", "sizeof",
                                  "requires", "throw", "alignof", "typeof"})) {
      continue;
    }
    size_t close = k;
    for (int depth = 0; close < t.size(); ++close) {
      if (is_one_of(t[close].text, {"(", "[", "{"})) ++depth;
      if (is_one_of(t[close].text, {")", "]", "}"}) && --depth == 0) break;
    }
    for (size_t i = close + 1; i < t.size(); ++i) {
      if (!top[i] || t[i].text != ":") continue;
      const std::string_view last = t.back().text;          // a constructor's initializer list
      if (last != ")" && last != "}") return std::nullopt;  // a member's braced initializer
      break;
    }
    return qualified_name(t, k - 1);
  }
  return std::nullopt;
}

Decl classify(std::string_view header) {
  const std::vector<Token> t = tokenize(header);
  const std::vector<bool> top = top_level(t);
  Decl decl;
  const size_t k = skip_preamble(t, decl);
  if (k >= t.size()) return decl;
  const std::string_view first = t[k].text;
  if (first == "namespace") {
    decl.opens = Opens::kNamespace;
    for (size_t i = k + 1; i < t.size(); ++i) decl.name += t[i].text;
    if (decl.name.empty()) decl.name = "(anonymous)";
    return decl;
  }
  if (first == "extern" && k + 1 == t.size()) {
    decl.opens = Opens::kNamespace;  // extern "C" { ... }
    return decl;
  }
  const bool has_equals = std::any_of(t.begin(), t.end(), [&](const Token& tok) {
    return tok.text == "=" && top[static_cast<size_t>(&tok - t.data())];
  });
  if (is_one_of(first, {"class", "struct", "union"}) && !has_equals) {
    decl.opens = Opens::kClass;
    for (size_t i = k + 1; i < t.size() && decl.name.empty(); ++i) {
      if (t[i].ident && top[i] && t[i].text != "alignas") decl.name = t[i].text;
    }
    return decl;
  }
  if (first == "enum" || has_equals) return decl;
  if (std::optional<std::string> name = function_name(t, top, k)) {
    decl.opens = Opens::kFunction;
    decl.name = *std::move(name);
  }
  return decl;
}

// The name a lambda inside an initializer is reported under: the declared variable.
std::string declared_name(std::string_view header) {
  const std::vector<Token> t = tokenize(header);
  const std::vector<bool> top = top_level(t);
  std::string name = "(lambda)";
  for (size_t k = 0; k < t.size(); ++k) {
    if (t[k].text == "=" && top[k]) break;
    if (t[k].ident && top[k]) name = std::string(t[k].text) + " (lambda)";
  }
  return name;
}

// ---- the brace walk ----

class Scanner {
 public:
  explicit Scanner(std::string_view code) : code_(code) {
    for (size_t i = 0; i < code.size(); ++i) {
      if (code[i] == '\n') newlines_.push_back(i);
    }
  }

  std::vector<FunctionSpan> run() {
    while (pos_ < code_.size()) scan_scope("");
    return std::move(found_);
  }

 private:
  int line_at(size_t pos) const {
    return 1 + static_cast<int>(std::lower_bound(newlines_.begin(), newlines_.end(), pos) -
                                newlines_.begin());
  }

  // The matching '}' of the '{' at open (the last character when unbalanced).
  size_t matching_close(size_t open) const {
    int depth = 0;
    for (size_t i = open; i < code_.size(); ++i) {
      if (code_[i] == '{') ++depth;
      if (code_[i] == '}' && --depth == 0) return i;
    }
    return code_.size() - 1;
  }

  std::optional<size_t> prev_nonspace(size_t i) const {
    while (i > 0) {
      if (!is_space(code_[--i])) return i;
    }
    return std::nullopt;
  }

  // The '(' or '[' that the ')' or ']' at close closes.
  std::optional<size_t> matching_open(size_t close) const {
    const char closer = code_[close];
    const char opener = closer == ')' ? '(' : '[';
    int depth = 0;
    for (size_t i = close + 1; i-- > 0;) {
      if (code_[i] == closer) ++depth;
      if (code_[i] == opener && --depth == 0) return i;
    }
    return std::nullopt;
  }

  // The '[' of a lambda introducer at cap, unless it is a subscript or an attribute.
  std::optional<size_t> capture_start(size_t close_square) const {
    const std::optional<size_t> open = matching_open(close_square);
    if (!open) return std::nullopt;
    const std::optional<size_t> before = prev_nonspace(*open);
    if (before && (is_ident_char(code_[*before]) || code_[*before] == ')' ||
                   code_[*before] == ']' || code_[*before] == '[')) {
      return std::nullopt;
    }
    return open;
  }

  // Where the lambda whose body opens at brace starts ('['), if it is a lambda body:
  // [..]{, [..](..){, with mutable/constexpr/noexcept and a trailing return type.
  std::optional<size_t> lambda_start(size_t brace) const {
    std::optional<size_t> j = prev_nonspace(brace);
    while (j && is_ident_char(code_[*j])) {
      size_t b = *j;
      while (b > 0 && is_ident_char(code_[b - 1])) --b;
      const std::string_view word = code_.substr(b, *j + 1 - b);
      if (is_one_of(word, {"mutable", "constexpr", "consteval", "noexcept"})) {
        j = prev_nonspace(b);
        continue;
      }
      size_t k = *j;  // a trailing return type: back over type characters to "->"
      while (k > 0 && (is_ident_char(code_[k]) || is_space(code_[k]) ||
                       is_one_of(std::string_view(&code_[k], 1), {":", "<", ">", "*", "&"}))) {
        if (code_[k] == '>' && code_[k - 1] == '-') break;
        --k;
      }
      if (k == 0 || code_[k] != '>' || code_[k - 1] != '-') return std::nullopt;
      j = prev_nonspace(k - 1);
    }
    if (!j) return std::nullopt;
    if (code_[*j] == ']') return capture_start(*j);
    if (code_[*j] != ')') return std::nullopt;
    const std::optional<size_t> open = matching_open(*j);
    const std::optional<size_t> before = open ? prev_nonspace(*open) : std::nullopt;
    if (!before || code_[*before] != ']') return std::nullopt;
    return capture_start(*before);
  }

  void record(std::string name, size_t first, size_t close) {
    found_.push_back({std::move(name), line_at(first), line_at(close)});
  }

  // A braced initializer (or any expression braces) at namespace or class scope: skipped,
  // but a lambda written in it is a function of its own.
  size_t scan_initializer(size_t open, const std::string& name) {
    size_t i = open + 1;
    while (i < code_.size() && code_[i] != '}') {
      if (code_[i] == '{') {
        const std::optional<size_t> lambda = lambda_start(i);
        const size_t close = lambda ? matching_close(i) : scan_initializer(i, name);
        if (lambda) record(name, *lambda, close);
        i = close;
      }
      ++i;
    }
    return std::min(i, code_.size() - 1);
  }

  // Declarations up to the '}' closing this scope; pos_ ends after it.
  void scan_scope(const std::string& prefix) {
    size_t header = pos_;
    int parens = 0;
    for (; pos_ < code_.size(); ++pos_) {
      const char c = code_[pos_];
      if (c == '(' || c == '[') ++parens;
      if (c == ')' || c == ']') --parens;
      if (c == ';' && parens == 0) header = pos_ + 1;
      if (c == '}') {
        ++pos_;
        return;
      }
      if (c != '{') continue;
      const std::string_view head = code_.substr(header, pos_ - header);
      const Decl decl = parens == 0 ? classify(head) : Decl{};
      if (decl.opens == Opens::kNamespace || decl.opens == Opens::kClass) {
        ++pos_;
        scan_scope(decl.name.empty() ? prefix : prefix + decl.name + "::");
        header = pos_--;
      } else if (decl.opens == Opens::kFunction) {
        const size_t close = matching_close(pos_);
        record(prefix + decl.name, header + decl.start, close);
        pos_ = close;
        header = close + 1;
      } else if (const std::optional<size_t> lambda = lambda_start(pos_)) {
        const size_t close = matching_close(pos_);
        record(prefix + declared_name(head), *lambda, close);
        pos_ = close;
      } else {
        pos_ = scan_initializer(pos_, prefix + declared_name(head));
      }
    }
  }

  std::string_view code_;
  std::vector<size_t> newlines_;
  size_t pos_ = 0;
  std::vector<FunctionSpan> found_;
};

}  // namespace

int count_lines(std::string_view text) {
  const auto newlines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  return newlines + ((!text.empty() && text.back() != '\n') ? 1 : 0);
}

std::string code_only(std::string_view text) {
  std::string out(text);
  bool line_start = true;  // only blanks since the last newline: '#' opens a directive
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    size_t end = i;
    if (c == '#' && line_start) {
      end = end_of_logical_line(text, i);
    } else if (c == '/' && next == '/') {
      end = end_of_logical_line(text, i);
    } else if (c == '/' && next == '*') {
      const size_t close = text.find("*/", i + 2);
      end = close == std::string_view::npos ? text.size() : close + 2;
    } else if (c == '"') {
      end = is_raw_prefix(token_before(text, i)) ? end_of_raw_string(text, i)
                                                 : end_of_quoted(text, i);
    } else if (c == '\'') {
      const std::string_view token = token_before(text, i);
      const bool separator =
          !token.empty() && std::isdigit(static_cast<unsigned char>(token.front())) != 0;
      if (!separator) end = end_of_quoted(text, i);
    }
    if (c == '\n') line_start = true;
    if (!is_space(c)) line_start = false;
    if (end > i) {
      blank(out, i, end);
      i = end;
    } else {
      ++i;
    }
  }
  return out;
}

std::vector<FunctionSpan> find_functions(std::string_view text) {
  const std::string code = code_only(text);
  return Scanner(code).run();
}

std::vector<std::string> size_violations(std::string_view path, std::string_view text,
                                         SizeLimits limits) {
  std::vector<std::string> out;
  const int lines = count_lines(text);
  if (lines > limits.file_lines) {
    out.push_back(std::string(path) + ": " + std::to_string(lines) + " lines (limit " +
                  std::to_string(limits.file_lines) + ")");
  }
  for (const FunctionSpan& f : find_functions(text)) {
    if (f.lines() <= limits.function_lines) continue;
    out.push_back(std::string(path) + ":" + std::to_string(f.first_line) + ": " + f.name + " is " +
                  std::to_string(f.lines()) + " lines (limit " +
                  std::to_string(limits.function_lines) + ")");
  }
  return out;
}

}  // namespace heatlift::sizes
