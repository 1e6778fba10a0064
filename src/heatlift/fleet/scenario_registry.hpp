// Levers and growth models by name: each is one entry here, its declaration (core/params.hpp)
// and its reader together, so adding a lever or a growth model to the file format touches
// one place (and the model code that acts on it). The block [levers] and a segment's
// [segments.*.growth] are read by walking these tables; Monte Carlo (uncertainty.cpp) finds
// a growth model's parameters here too.
//
// Fleet-internal: included only by the scenario reader's .cpp files and uncertainty.cpp.
#pragma once

#include <span>
#include <string_view>

#include "heatlift/core/config.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::fleet::detail {

/// A lever: a key under [levers] (a block, blocks, or a value; declared next to its reader)
/// and how it is read.
struct LeverEntry {
  std::string_view name;
  /// Reads the lever at `name` in `levers` into `out`; `sc` is the scenario read so far.
  void (*read)(core::ConfigTable& levers, const Scenario& sc, Levers& out);
};
std::span<const LeverEntry> lever_entries();

/// Reads the [levers] block: each lever present, by its entry; any other key is an error.
Levers read_levers(core::ConfigTable levers, const Scenario& sc);

/// A number of a growth model read by its declaration into `member`; Monte Carlo may draw it.
struct GrowthScalar {
  std::string_view key;
  double Growth::*member;
};

/// A growth model: `model = "<name>"` in [segments.*.growth], its keys and how it is read.
struct GrowthModel {
  std::string_view name;
  GrowthKind kind;
  const core::BlockDecl* block;  ///< the model's declaration
  std::span<const GrowthScalar> scalars;
  /// Reads what is not a scalar (CAGR's periods); null when there is nothing more.
  void (*read_more)(core::ConfigTable& growth, Growth& out);
};
std::span<const GrowthModel> growth_models();

/// Reads a segment's [segments.*.growth] block by the model it names.
Growth read_growth(core::ConfigTable growth);

}  // namespace heatlift::fleet::detail
