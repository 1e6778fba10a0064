#include "heatlift/fleet/scenario_document.hpp"

#include <fmt/format.h>

#include <cctype>
#include <set>
#include <sstream>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/fleet/scenario_io.hpp"

namespace heatlift::fleet {
namespace detail {
namespace {

namespace fs = std::filesystem;
using core::where;

// A value as the file wrote it, strings unquoted (for diffs and messages).
std::string node_text(const toml::node& n) {
  if (const auto* s = n.as_string()) return s->get();
  if (const auto* f = n.as_floating_point()) return fmt::format("{}", f->get());
  std::ostringstream os;
  n.visit([&](const auto& x) { os << x; });
  return os.str();
}

// ---- documents: extends and merging ---------------------------------------------------------

// Moves the overlay's nodes into base (tables merged key by key); moving keeps each
// node's source position, so errors still point into the file that set the value.
void merge_into(toml::table& base, toml::table& overlay) {
  for (auto&& [k, v] : overlay) {
    if (toml::table* ot = v.as_table()) {
      if (toml::table* bt = base.get_as<toml::table>(k.str())) {
        merge_into(*bt, *ot);
        continue;
      }
    }
    const toml::key& key = k;  // a plain reference: clang 14 cannot capture a binding
    v.visit([&](auto& x) { base.insert_or_assign(key, std::move(x)); });
  }
}

std::string read_file_text(const fs::path& p) {
  return core::read_text_file(p, "scenario file");
}

bool is_shipped_name(std::string_view s) {
  return !s.empty() && s.find('/') == std::string_view::npos &&
         s.find(".toml") == std::string_view::npos;
}

}  // namespace

Document load_document(const core::DataStore& data, std::string_view name_or_path,
                       const fs::path& relative_to, int depth) {
  if (is_shipped_name(name_or_path)) {
    const std::string rel = fmt::format("scenarios/{}.toml", name_or_path);
    if (!data.exists(rel)) {
      std::vector<std::string> names = shipped_scenarios(data);
      throw InvalidInput(
          fmt::format("no scenario named '{}'; shipped scenarios: {} (or give a "
                      "path to a .toml file)",
                      name_or_path, fmt::join(names, ", ")));
    }
    return parse_document(data, data.read(rel), rel, depth);
  }
  fs::path p(name_or_path);
  if (p.is_relative() && !relative_to.empty()) p = relative_to / p;
  return parse_document(data, read_file_text(p), p.string(), depth);
}

namespace {

/// Byte offset of the 1-based `column` (counted in code points, as toml++ does) in `line`.
std::size_t byte_of_column(std::string_view line, std::size_t column) {
  std::size_t i = 0;
  for (std::size_t c = 1; c < column && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

bool number_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.' ||
         c == '_';
}

/// When `e` is toml++ refusing a number no double can hold (a 300-digit integer, 1e400),
/// rewrites that number in `text` to inf or -inf, records what was written under its
/// position in `literals` and returns true; otherwise false. The reader then refuses the
/// value by its field's range, naming the field.
bool rewrite_unholdable_number(std::string& text, const toml::parse_error& e, std::string_view file,
                               core::WrittenNumbers& literals) {
  const std::string_view d = e.description();
  if (d.find("not representable") == std::string_view::npos &&
      d.find("numeric value too long") == std::string_view::npos &&
      d.find("could not be interpreted") == std::string_view::npos) {
    return false;
  }
  // The line of the error.
  std::size_t begin = 0;
  for (std::size_t l = 1; l < e.source().begin.line; ++l) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return false;
    ++begin;
  }
  const std::size_t end = std::min(text.find('\n', begin), text.size());
  const std::string_view line(text.data() + begin, end - begin);
  // toml++ points at the number's first character or just past its last one.
  std::size_t at = byte_of_column(line, e.source().begin.column);
  if (at >= line.size() || !number_char(line[at])) {
    if (at == 0 || !number_char(line[at - 1])) return false;
    --at;
  }
  std::size_t first = at, last = at + 1;
  while (first > 0 && number_char(line[first - 1])) --first;
  while (last < line.size() && number_char(line[last])) ++last;
  const std::string_view token = line.substr(first, last - first);
  const std::size_t digit = token.find_first_not_of("+-");
  if (digit == std::string_view::npos || !std::isdigit(static_cast<unsigned char>(token[digit])))
    return false;
  // The position toml++ will give the rewritten value: its first character.
  std::size_t column = 1;
  for (std::size_t i = 0; i < first; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  literals[fmt::format("{}:{}:{}", file, e.source().begin.line, column)] = std::string(token);
  text.replace(begin + first, token.size(), token.front() == '-' ? "-inf" : "inf");
  return true;
}

}  // namespace

Document parse_document(const core::DataStore& data, std::string_view text_in,
                        std::string_view file, int depth) {
  if (depth > 8) throw InvalidInput(fmt::format("{}: 'extends' nests too deep", file));
  toml::table table;
  std::string text(text_in);
  core::WrittenNumbers literals;
  for (;;) {
    try {
      table = toml::parse(std::string_view(text), file);
      break;
    } catch (const toml::parse_error& e) {
      // Each pass rewrites one number; a line holds a bounded number of them.
      if (literals.size() < 10000 && rewrite_unholdable_number(text, e, file, literals)) continue;
      throw InvalidInput(fmt::format("{}: {}", where(e.source(), file), e.description()));
    }
  }
  if (const toml::node* ext = table.get("extends")) {
    if (!ext->is_string()) {
      throw InvalidInput(fmt::format("{}: extends: expected a scenario name or file, got {}",
                                     where(ext->source(), file), node_text(*ext)));
    }
    const std::string base_name = ext->as_string()->get();
    const fs::path dir = is_shipped_name(base_name) ? fs::path() : fs::path(file).parent_path();
    Document base = load_document(data, base_name, dir, depth + 1);
    table.erase("extends");
    base.table.erase("targets");  // a derived scenario reproduces nothing by inheritance
    base.table.erase("name");
    base.table.erase("title");
    merge_into(base.table, table);
    base.literals.merge(literals);
    return {std::move(base.table), std::string(file), std::move(base.literals)};
  }
  return {std::move(table), std::string(file), std::move(literals)};
}

void flatten(const toml::table& t, const std::string& prefix,
             std::map<std::string, std::string>& out) {
  for (auto&& [k, v] : t) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const toml::table* sub = v.as_table()) {
      flatten(*sub, key, out);
    } else if (const toml::array* arr = v.as_array(); arr != nullptr && arr->is_array_of_tables()) {
      for (std::size_t i = 0; i < arr->size(); ++i) {
        flatten(*arr->get(i)->as_table(), fmt::format("{}[{}]", key, i), out);
      }
    } else {
      out[key] = node_text(v);
    }
  }
}

}  // namespace detail

std::vector<std::string> shipped_scenarios(const core::DataStore& data) {
  std::vector<std::string> names;
  for (const auto& f : data.list("scenarios/")) {
    if (f.path.size() > 5 && f.path.ends_with(".toml")) {
      names.push_back(f.path.substr(10, f.path.size() - 15));
    }
  }
  return names;
}

std::vector<SettingDifference> diff_scenarios(const core::DataStore& data, std::string_view a,
                                              std::string_view b) {
  std::map<std::string, std::string> fa, fb;
  detail::flatten(detail::load_document(data, a, {}, 0).table, "", fa);
  detail::flatten(detail::load_document(data, b, {}, 0).table, "", fb);
  std::set<std::string> keys;
  for (const auto& [k, v] : fa) keys.insert(k);
  for (const auto& [k, v] : fb) keys.insert(k);
  std::vector<SettingDifference> out;
  for (const auto& k : keys) {
    if (k.rfind("targets[", 0) == 0) continue;  // published figures, not settings
    const auto ia = fa.find(k);
    const auto ib = fb.find(k);
    const std::string va = ia == fa.end() ? "" : ia->second;
    const std::string vb = ib == fb.end() ? "" : ib->second;
    if (va != vb) out.push_back({k, va, vb});
  }
  return out;
}

}  // namespace heatlift::fleet
