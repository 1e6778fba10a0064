#include "heatlift/climate/names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace heatlift::climate::detail {

namespace {
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::size_t distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> prev(b.size() + 1);
  std::vector<std::size_t> cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == ' ' || c == '\'' || c == '-' || c == '.' || c == '\t') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string suggestions(std::string_view query, const std::vector<std::string>& candidates) {
  const std::u32string q = code_points(normalise(query));
  std::vector<std::pair<std::size_t, std::string>> scored;
  std::set<std::string> seen;
  for (const auto& c : candidates) {
    if (c.empty() || !seen.insert(c).second) continue;
    const std::u32string n = code_points(normalise(c));
    std::size_t d = distance(q, n);
    const bool prefix = !q.empty() && n.size() >= q.size() && n.compare(0, q.size(), q) == 0;
    if (prefix) d = std::min<std::size_t>(d, 1);
    const std::size_t limit = std::max<std::size_t>(1, std::min(q.size(), n.size()) / 3);
    if (d <= limit) scored.emplace_back(d, c);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  if (scored.empty()) return "";
  std::vector<std::string> names;
  for (std::size_t i = 0; i < scored.size() && i < 6; ++i) names.push_back(scored[i].second);
  return fmt::format(", close names: {}", fmt::join(names, ", "));
}

}  // namespace heatlift::climate::detail
