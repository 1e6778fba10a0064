// Declared parameters: each block of an input file (a site's [heat_pump], [storage] ...)
// declares its keys once — name, kind, unit, range, default, doc, source — next to the
// code that reads it. From that one declaration:
//   - the reader takes the value (ConfigTable::value/text/flag with the declaration:
//     unit, range and default come from it);
//   - `site sweep --vary KEY=...` checks every value against it before any work;
//   - `heatlift params` prints the parameter tables of the docs (docs/parameters.md is
//     that output, and a test keeps them equal).
// Adding a parameter to a block is one entry in its declaration plus the line that uses it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "heatlift/core/config.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::core {

enum class ParamKind {
  quantity,  ///< "<number> <unit>" of `dimension` (a bare number only for fractions)
  number,    ///< a plain number
  integer,   ///< a whole number
  flag,      ///< true or false
  text,      ///< a string
  choice,    ///< a string from `choices`
};

std::string_view to_string(ParamKind kind);

struct ParamDecl {
  std::string_view key;
  ParamKind kind = ParamKind::number;
  std::optional<Dimension> dimension = {};  ///< for quantities
  Range range = {};                         ///< SI, inclusive
  /// The default as it would be written in a file ("0.75", "\"3 m3\"" is written "3 m3");
  /// empty when the key has none (then it is optional or `required`).
  std::string_view fallback = {};
  bool required = false;
  std::vector<std::string_view> choices = {};  ///< for choice
  std::string_view doc = {};
  std::string_view source = {};  ///< a standard, paper or dataset; "assumption" when none
};

struct BlockDecl {
  std::string_view file;  ///< the kind of input file, e.g. "site"
  std::string_view path;  ///< the block's table, e.g. "heat_pump" or "demand.building"
  std::string_view doc;
  std::vector<ParamDecl> params;

  /// The declaration of `key`; throws InternalError (a reader asked for an undeclared key).
  const ParamDecl& param(std::string_view key) const;
};

/// The declaration `p` with the ids a loaded library holds (archetypes, eras, hot-water
/// types, generators, heat-pump types) as its choices: the docs name the library in `p`,
/// the reader checks what the file says against what was loaded ("'x' is not one of ...").
ParamDecl with_choices(const ParamDecl& p, std::vector<std::string_view> ids);

/// Registers a block at static-initialisation time, next to its reader. The block must
/// outlive the program (a static).
struct BlockRegistrar {
  explicit BlockRegistrar(const BlockDecl& block);
};

/// Every declared block, sorted by file, then path.
std::vector<const BlockDecl*> declared_blocks();
/// The block of `file` at `path`, or nullptr.
const BlockDecl* find_block(std::string_view file, std::string_view path);

struct Setting {
  const BlockDecl* block;
  const ParamDecl* param;
};
/// The declaration of a dotted setting ("heat_pump.cover") of a file kind. Throws
/// InvalidInput naming the setting and the declared keys of the nearest block when none.
Setting find_setting(std::string_view file, std::string_view dotted);

/// Checks `value`, written as in the file (quoted or not: "12 kW", 0.75, "Harbin"), against
/// the declaration of `dotted`: kind, unit, range, choices. Throws InvalidInput "setting
/// 'heat_pump.cover' = 5: ..." with what was expected.
void check_setting(std::string_view file, std::string_view dotted, std::string_view value);

/// The kind of `p` and its display unit as the docs' tables write it: "power (kW)", "integer".
std::string kind_text(const ParamDecl& p);
/// The range of `p` in its display unit ("0 kW to 10 MW", "≥ 0 K"), its choices, or "".
std::string range_text(const ParamDecl& p);

/// The declared blocks of `file` (every file when empty) as Markdown: a heading and a
/// table per block (key, kind and unit, range, default, meaning, source).
std::string parameters_markdown(std::string_view file = {});

}  // namespace heatlift::core
