#include "golden/json_compare.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace heatlift::golden {

namespace {

bool is_identifier(const std::string& key) {
  if (key.empty()) return false;
  const auto alpha = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  if (!alpha(key.front())) return false;
  return std::all_of(key.begin(), key.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

const char* kind_name(const nlohmann::json& j) {
  if (j.is_null()) return "null";
  if (j.is_boolean()) return "boolean";
  if (j.is_number()) return "number";
  if (j.is_string()) return "string";
  if (j.is_array()) return "array";
  return "object";
}

// A value as JSON text, shortened when it is a large object or array.
std::string text_of(const nlohmann::json& j) {
  constexpr std::size_t kMax = 120;
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.size() > kMax) s = s.substr(0, kMax) + "...";
  return s;
}

const std::string kAbsent = "(absent)";

class Walker {
 public:
  Walker(const Tolerance& tol, const std::vector<PathPattern>& ignored, std::size_t limit)
      : tol_(tol), ignored_(ignored), limit_(limit) {}

  void walk(const nlohmann::json& e, const nlohmann::json& a) {
    if (is_ignored()) {
      ++result_.ignored;
      return;
    }
    if (e.is_number() && a.is_number()) {
      ++result_.numbers;
      const double x = e.get<double>();
      const double y = a.get<double>();
      if (!numbers_agree(x, y, tol_)) {
        const double scale = std::max(std::abs(x), std::abs(y));
        std::ostringstream what;
        what.precision(2);
        what << "number differs by " << std::abs(y - x);
        if (scale > 0) what << " (" << std::abs(y - x) / scale << " relative)";
        add(text_of(e), text_of(a), what.str());
      }
      return;
    }
    if (std::string(kind_name(e)) != kind_name(a)) {
      add(text_of(e), text_of(a),
          std::string("type differs: expected ") + kind_name(e) + ", got " + kind_name(a));
      return;
    }
    if (e.is_object()) {
      for (const auto& [key, value] : e.items()) {
        path_.push_back({key});
        const auto it = a.find(key);
        if (it == a.end()) {
          if (is_ignored()) {
            ++result_.ignored;
          } else {
            add(text_of(value), kAbsent, "missing key");
          }
        } else {
          walk(value, *it);
        }
        path_.pop_back();
      }
      for (const auto& [key, value] : a.items()) {
        if (e.contains(key)) continue;
        path_.push_back({key});
        if (is_ignored()) {
          ++result_.ignored;
        } else {
          add(kAbsent, text_of(value), "unexpected key");
        }
        path_.pop_back();
      }
      return;
    }
    if (e.is_array()) {
      if (e.size() != a.size()) {
        add("array of " + std::to_string(e.size()), "array of " + std::to_string(a.size()),
            "array length differs");
      }
      const std::size_t n = std::min(e.size(), a.size());
      for (std::size_t i = 0; i < n; ++i) {
        path_.push_back({i});
        walk(e[i], a[i]);
        path_.pop_back();
      }
      return;
    }
    if (e != a) add(text_of(e), text_of(a), std::string(kind_name(e)) + " differs");
  }

  Comparison take() { return std::move(result_); }

 private:
  bool is_ignored() const {
    return std::any_of(ignored_.begin(), ignored_.end(),
                       [&](const PathPattern& p) { return p.matches(path_); });
  }

  void add(std::string expected, std::string actual, std::string what) {
    ++result_.count;
    if (result_.differences.size() < limit_) {
      result_.differences.push_back(
          {to_string(path_), std::move(expected), std::move(actual), std::move(what)});
    }
  }

  const Tolerance& tol_;
  const std::vector<PathPattern>& ignored_;
  std::size_t limit_;
  Path path_;
  Comparison result_;
};

}  // namespace

bool numbers_agree(double expected, double actual, const Tolerance& tol) {
  if (expected == actual) return true;
  if (!std::isfinite(expected) || !std::isfinite(actual)) return false;
  const double scale = std::max(std::abs(expected), std::abs(actual));
  return std::abs(actual - expected) <= std::max(tol.relative * scale, tol.absolute);
}

std::string to_string(const Path& path) {
  std::string s = "$";
  for (const Step& step : path) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on
    // "literal" + std::string temporaries here.
    if (const auto* key = std::get_if<std::string>(&step.where)) {
      if (is_identifier(*key)) {
        s += '.';
        s += *key;
      } else {
        s += '[';
        s += nlohmann::json(*key).dump();
        s += ']';
      }
    } else {
      s += '[';
      s += std::to_string(std::get<std::size_t>(step.where));
      s += ']';
    }
  }
  return s;
}

PathPattern::PathPattern(const std::string& text) : text_(text) {
  const auto bad = [&](const std::string& why) {
    return std::invalid_argument("path pattern '" + text + "': " + why);
  };
  if (text.empty() || text.front() != '$') throw bad("must start with $");
  std::size_t i = 1;
  while (i < text.size()) {
    if (text[i] == '.') {
      ++i;
      if (text.compare(i, 2, "**") == 0) {
        elements_.emplace_back(AnyRun{});
        i += 2;
      } else if (i < text.size() && text[i] == '*') {
        elements_.emplace_back(AnyKey{});
        ++i;
      } else {
        const std::size_t end = text.find_first_of(".[", i);
        const std::string key = text.substr(i, end == std::string::npos ? end : end - i);
        if (!is_identifier(key)) throw bad("'" + key + "' is not a key; quote it as [\"...\"]");
        elements_.emplace_back(key);
        i = end == std::string::npos ? text.size() : end;
      }
    } else if (text[i] == '[') {
      const std::size_t close = text[i + 1] == '"' ? text.find("\"]", i + 2) : text.find(']', i);
      if (close == std::string::npos) throw bad("unclosed [");
      const std::string inside =
          text.substr(i + 1, (text[i + 1] == '"' ? close + 1 : close) - i - 1);
      if (inside == "*") {
        elements_.emplace_back(AnyIndex{});
      } else if (!inside.empty() && inside.front() == '"') {
        try {
          elements_.emplace_back(nlohmann::json::parse(inside).get<std::string>());
        } catch (const nlohmann::json::exception&) {
          throw bad("bad quoted key " + inside);
        }
      } else if (!inside.empty() && std::all_of(inside.begin(), inside.end(),
                                                [](char c) { return c >= '0' && c <= '9'; })) {
        elements_.emplace_back(static_cast<std::size_t>(std::stoull(inside)));
      } else {
        throw bad("'[" + inside + "]' is neither an index, [*] nor a quoted key");
      }
      i = close + (text[i + 1] == '"' ? 2 : 1);
    } else {
      throw bad(std::string("unexpected '") + text[i] + "'");
    }
  }
}

bool PathPattern::matches(const Path& path) const {
  return matches_from(0, path, 0);
}

bool PathPattern::matches_from(std::size_t e, const Path& path, std::size_t s) const {
  if (e == elements_.size()) return s == path.size();
  const Element& el = elements_[e];
  if (std::holds_alternative<AnyRun>(el)) {
    for (std::size_t k = s; k <= path.size(); ++k)
      if (matches_from(e + 1, path, k)) return true;
    return false;
  }
  if (s == path.size()) return false;
  const auto& where = path[s].where;
  bool ok = false;
  if (std::holds_alternative<AnyKey>(el)) {
    ok = std::holds_alternative<std::string>(where);
  } else if (std::holds_alternative<AnyIndex>(el)) {
    ok = std::holds_alternative<std::size_t>(where);
  } else if (const auto* key = std::get_if<std::string>(&el)) {
    const auto* step = std::get_if<std::string>(&where);
    ok = step != nullptr && *step == *key;
  } else {
    const auto* step = std::get_if<std::size_t>(&where);
    ok = step != nullptr && *step == std::get<std::size_t>(el);
  }
  return ok && matches_from(e + 1, path, s + 1);
}

Comparison compare(const nlohmann::json& expected, const nlohmann::json& actual,
                   const Tolerance& tol, const std::vector<PathPattern>& ignored,
                   std::size_t limit) {
  Walker w(tol, ignored, limit);
  w.walk(expected, actual);
  return w.take();
}

std::string report(const Comparison& c, std::size_t first) {
  std::ostringstream out;
  out << c.count << (c.count == 1 ? " difference" : " differences") << " (" << c.numbers
      << " numbers compared)";
  const std::size_t shown = std::min(first, c.differences.size());
  if (shown < c.count) out << ", the first " << shown;
  out << ":\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const Difference& d = c.differences[i];
    out << "  " << d.path << ": " << d.what << "\n    expected " << d.expected << "\n    actual   "
        << d.actual << "\n";
  }
  return out.str();
}

nlohmann::json read_json_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot be read");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(file.string() + ": not JSON: " + e.what());
  }
}

}  // namespace heatlift::golden
