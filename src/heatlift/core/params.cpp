#include "heatlift/core/params.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <mutex>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::core {
namespace {

std::vector<const BlockDecl*>& registry() {
  static std::vector<const BlockDecl*> blocks;
  return blocks;
}

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

constexpr std::string_view kDefaultOrigin = "<declared default>";

// Reads `p` from `t` by its kind; the key must be present (or the accessor reports it
// missing). Integers and quantities keep the declaration's range.
double read_number(ConfigTable& t, const ParamDecl& p) {
  switch (p.kind) {
    case ParamKind::quantity:
      if (!p.dimension) throw InternalError(fmt::format("quantity '{}' has no dimension", p.key));
      return t.quantity(p.key, *p.dimension, p.range);
    case ParamKind::number: return t.number(p.key, p.range);
    case ParamKind::integer: {
      const long long lo =
          std::isfinite(p.range.lo) ? static_cast<long long>(std::ceil(p.range.lo)) : LLONG_MIN;
      const long long hi =
          std::isfinite(p.range.hi) ? static_cast<long long>(std::floor(p.range.hi)) : LLONG_MAX;
      return static_cast<double>(t.integer(p.key, lo, hi));
    }
    default:
      throw InternalError(
          fmt::format("parameter '{}' is a {}, not a number", p.key, to_string(p.kind)));
  }
}

std::string read_text(ConfigTable& t, const ParamDecl& p) {
  switch (p.kind) {
    case ParamKind::text: return t.string(p.key);
    case ParamKind::choice: return t.choice(p.key, p.choices);
    default:
      throw InternalError(
          fmt::format("parameter '{}' is a {}, not a text", p.key, to_string(p.kind)));
  }
}

// The declared default, read as if the file had said `key = <fallback>`: the same units
// and range apply (a default outside its own range is heatlift's bug).
ConfigDocument default_document(const ParamDecl& p) {
  return ConfigDocument::from_text("", std::string(kDefaultOrigin)).with_value(p.key, p.fallback);
}

std::string show_si(double v, const ParamDecl& p) {
  if (p.kind == ParamKind::quantity && p.dimension) {
    const UnitInfo& u = display_unit(*p.dimension);
    return fmt::format("{:g} {}", to_unit(v, u.symbol), u.symbol);
  }
  return fmt::format("{:g}", v);
}

std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

std::string range_text(const ParamDecl& p) {
  if (!p.range.text.empty()) return std::string(p.range.text);
  if (p.kind == ParamKind::choice) {
    std::string s;
    for (auto c : p.choices) s += fmt::format("{}`{}`", s.empty() ? "" : ", ", c);
    return s;
  }
  const bool lo = std::isfinite(p.range.lo), hi = std::isfinite(p.range.hi);
  if (lo && hi) return fmt::format("{} to {}", show_si(p.range.lo, p), show_si(p.range.hi, p));
  if (lo) return fmt::format("≥ {}", show_si(p.range.lo, p));
  if (hi) return fmt::format("≤ {}", show_si(p.range.hi, p));
  return "";
}

std::string kind_text(const ParamDecl& p) {
  if (p.kind == ParamKind::quantity && p.dimension) {
    return fmt::format("{} ({})", to_string(*p.dimension), display_unit(*p.dimension).symbol);
  }
  return std::string(to_string(p.kind));
}

std::string_view to_string(ParamKind kind) {
  switch (kind) {
    case ParamKind::quantity: return "quantity";
    case ParamKind::number: return "number";
    case ParamKind::integer: return "integer";
    case ParamKind::flag: return "true/false";
    case ParamKind::text: return "text";
    case ParamKind::choice: return "one of";
  }
  return "?";
}

const ParamDecl& BlockDecl::param(std::string_view key) const {
  for (const auto& p : params) {
    if (p.key == key) return p;
  }
  throw InternalError(fmt::format("[{}] of a {} file declares no '{}'", path, file, key));
}

ParamDecl with_choices(const ParamDecl& p, std::vector<std::string_view> ids) {
  ParamDecl c = p;
  c.kind = ParamKind::choice;
  c.choices = std::move(ids);
  return c;
}

BlockRegistrar::BlockRegistrar(const BlockDecl& block) {
  std::lock_guard lock(registry_mutex());
  registry().push_back(&block);
}

std::vector<const BlockDecl*> declared_blocks() {
  std::lock_guard lock(registry_mutex());
  std::vector<const BlockDecl*> out = registry();
  // Stable: blocks of one table (a scenario's growth models) keep the order they were declared in.
  std::stable_sort(out.begin(), out.end(), [](const BlockDecl* a, const BlockDecl* b) {
    return std::pair(a->file, a->path) < std::pair(b->file, b->path);
  });
  return out;
}

const BlockDecl* find_block(std::string_view file, std::string_view path) {
  std::lock_guard lock(registry_mutex());
  for (const BlockDecl* b : registry()) {
    if (b->file == file && b->path == path) return b;
  }
  return nullptr;
}

Setting find_setting(std::string_view file, std::string_view dotted) {
  const auto dot = dotted.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == dotted.size()) {
    throw InvalidInput(fmt::format("setting '{}': expected BLOCK.KEY, e.g. heat_pump.cover",
                                   escape_invalid_utf8(dotted)));
  }
  const std::string_view path = dotted.substr(0, dot), key = dotted.substr(dot + 1);
  const BlockDecl* block = find_block(file, path);
  if (!block) {
    std::string blocks;
    for (const BlockDecl* b : declared_blocks()) {
      if (b->file == file) blocks += fmt::format("{}{}", blocks.empty() ? "" : ", ", b->path);
    }
    throw InvalidInput(fmt::format("setting '{}': a {} file declares no block [{}]; declared: {}",
                                   escape_invalid_utf8(dotted), file, escape_invalid_utf8(path),
                                   blocks));
  }
  for (const auto& p : block->params) {
    if (p.key == key) return {block, &p};
  }
  std::string keys;
  for (const auto& p : block->params) keys += fmt::format("{}{}", keys.empty() ? "" : ", ", p.key);
  throw InvalidInput(fmt::format("setting '{}': [{}] has no key '{}'; its keys: {}",
                                 escape_invalid_utf8(dotted), path, escape_invalid_utf8(key),
                                 keys));
}

void check_setting(std::string_view file, std::string_view dotted, std::string_view value) {
  const Setting s = find_setting(file, dotted);
  const ConfigDocument doc = ConfigDocument::from_text("", "--vary").with_value(dotted, value);
  ConfigTable t(doc);
  std::string_view rest = s.block->path;
  while (!rest.empty()) {
    const auto dot = rest.find('.');
    t = t.table(rest.substr(0, dot));
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  }
  switch (s.param->kind) {
    case ParamKind::flag: (void)t.flag(*s.param); break;
    case ParamKind::text:
    case ParamKind::choice: (void)t.text(*s.param); break;
    default: (void)t.value(*s.param); break;
  }
}

std::string parameters_markdown(std::string_view file) {
  std::string out;
  for (const BlockDecl* b : declared_blocks()) {
    if (!file.empty() && b->file != file) continue;
    if (b->path.empty())
      out += fmt::format("### Top level ({} file)\n\n", b->file);
    else
      out += fmt::format("### `[{}]` ({} file)\n\n", b->path, b->file);
    if (!b->doc.empty()) out += fmt::format("{}\n\n", b->doc);
    out += "| key | value | range | default | meaning | source |\n";
    out += "| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& p : b->params) {
      const std::string def = !p.fallback.empty() ? fmt::format("`{}`", p.fallback)
                              : p.required        ? std::string("required")
                                                  : std::string("–");
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", p.key, cell(kind_text(p)),
                         cell(range_text(p)), cell(def), cell(p.doc),
                         cell(p.source.empty() ? "–" : p.source));
    }
    out += "\n";
  }
  return out;
}

// ---- ConfigTable's readers of declared parameters ------------------------------------

double ConfigTable::value(const ParamDecl& p) {
  if (has(p.key) || p.fallback.empty()) return read_number(*this, p);
  const ConfigDocument d = default_document(p);
  ConfigTable t(d);
  return read_number(t, p);
}

std::optional<double> ConfigTable::optional_value(const ParamDecl& p) {
  if (!has(p.key) && p.fallback.empty()) {
    if (p.required) (void)read_number(*this, p);  // reports it missing
    return std::nullopt;
  }
  return value(p);
}

std::string ConfigTable::text(const ParamDecl& p) {
  if (has(p.key) || p.fallback.empty()) return read_text(*this, p);
  const ConfigDocument d = default_document(p);
  ConfigTable t(d);
  return read_text(t, p);
}

std::optional<std::string> ConfigTable::optional_text(const ParamDecl& p) {
  if (!has(p.key) && p.fallback.empty()) {
    if (p.required) (void)read_text(*this, p);
    return std::nullopt;
  }
  return text(p);
}

bool ConfigTable::flag(const ParamDecl& p) {
  if (p.kind != ParamKind::flag) {
    throw InternalError(
        fmt::format("parameter '{}' is a {}, not a flag", p.key, to_string(p.kind)));
  }
  if (!has(p.key) && p.fallback != "true" && p.fallback != "false") {
    throw InternalError(fmt::format("flag '{}' needs a declared default", p.key));
  }
  return boolean_or(p.key, p.fallback == "true");
}

}  // namespace heatlift::core
