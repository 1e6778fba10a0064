// The declared parameters of a scenario file (core/params.hpp, file kind "scenario"): every
// key of every block, with its kind, unit, range, default and meaning, declared once. The
// reader (scenario_io.cpp, scenario_registry.cpp) reads each value by its declaration, the
// Monte Carlo draws (uncertainty.cpp) are checked against the same declarations, and
// `heatlift params scenario` prints them (docs/parameters.md).
//
// Ranges are SI (the units of scenario.hpp: units, CNY, kg, J, W, 1/a, a), bounds included;
// a value outside its range, or not finite, is refused with the file, line, column, field,
// value and range. A path (a value over years) is declared as its values are: one value, or
// { years = [...], values = [...] } with each value in the declared range.
//
// Fleet-internal: included only by the scenario reader's .cpp files and uncertainty.cpp.
#pragma once

#include <span>
#include <string_view>

#include "heatlift/core/params.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::fleet::detail {

inline constexpr double kSecondsPerYear = 8760.0 * 3600.0;
/// Shares that make up a whole must add up to 1 within this (0.01 percentage point).
inline constexpr double kShareSumTolerance = 1e-4;

// ---- ranges several declarations share ---------------------------------------------------
/// Every calendar year (base and end year, anchors of a path, periods, lever ramps, targets,
/// Kigali steps, the logistic midpoint): China's building heat-pump market starts after
/// 2000 and no projection runs beyond 2100.
inline constexpr core::Range kYear{2000, 2100, "a year from 2000 to 2100"};
/// A part of a whole: mixes, back-up shares, recovery, coincidence, Kigali steps.
inline constexpr core::Range kShare{0.0, 1.0, "0 % to 100 %"};
/// A share of units or of a bank per year (leaks, retrofits, early retirement): at most all.
inline constexpr core::Range kSharePerYear{0.0, 1.0, "0 %/a to 100 %/a"};
/// Year-on-year growth of sales (CAGR periods, back-cast before the history): a market may
/// halve or triple in a year, no more.
inline constexpr core::Range kGrowthRate{-0.5, 2.0, "-50 %/a to 200 %/a"};
/// A relative improvement (efficiency lever, retrofit SPF gain): at most a tripling.
inline constexpr core::Range kGain{0.0, 2.0, "0 % to 200 %"};
/// Units sold per year in one segment, or units a lever adds per year. China has about
/// 5 × 10^8 households; 10^9 units a year is beyond any market.
inline constexpr core::Range kUnitsPerYear{0.0, 1e9, "0 to 10^9 units (10^5 10^4 units)"};
/// Logistic saturation (units per year) and Bass market (units): above zero, same bound.
inline constexpr core::Range kUnitsPositive{1.0, 1e9, "1 unit to 10^9 units (10^5 10^4 units)"};
/// CO2 per kWh of electricity: lignite plants emit ~1.2 kgCO2/kWh; no grid is above them.
inline constexpr core::Range kGridFactor{0.0, 1.5 / core::kJPerKWh, "0 to 1.5 kgCO2/kWh"};

// ---- the blocks (scenario_params.cpp; levers and growth models: scenario_registry.hpp) ------
extern const core::BlockDecl kScenarioBlock;        ///< the top level
extern const core::BlockDecl kSourceBlock;          ///< [sources.*], one per heat source
extern const core::BlockDecl kKigaliBlock;          ///< [kigali]
extern const core::BlockDecl kSegmentBlock;         ///< [segments.*], one per segment
extern const core::BlockDecl kLifetimeBlock;        ///< [segments.*.lifetime]
extern const core::BlockDecl kReplacedBlock;        ///< [segments.*.replaced]
extern const core::BlockDecl kRefrigerantMixBlock;  ///< [segments.*.refrigerants]
extern const core::BlockDecl kTargetBlock;          ///< [[targets]]
extern const core::BlockDecl kUncertaintyBlock;     ///< [[uncertainty]]
extern const core::BlockDecl kCellsBlock;           ///< [cells] (bottom-up engine)

/// The key of a block whose keys are names (a heat source under `replaced`, a refrigerant
/// under `refrigerants`): its one declaration, read at each name.
inline constexpr std::string_view kAnySource = "<source>";
inline constexpr std::string_view kAnyRefrigerant = "<refrigerant>";

/// The paths of a segment (values over years), in the order they are read; Monte Carlo
/// draws a factor on each.
struct SegmentPath {
  std::string_view key;  ///< its key in [segments.*] (kSegmentBlock)
  Path Segment::*member;
};
inline constexpr SegmentPath kSegmentPaths[] = {
    {"price", &Segment::price},
    {"capacity", &Segment::capacity},
    {"heat_per_unit", &Segment::heat_per_unit},
    {"spf", &Segment::spf},
    {"cop_design", &Segment::cop_design},
    {"backup_share", &Segment::backup_share},
    {"backup_design_share", &Segment::backup_design_share},
    {"charge", &Segment::charge},
    {"leak_rate", &Segment::leak_rate},
    {"eol_recovery", &Segment::eol_recovery},
};

/// A published figure's indicator ([[targets]] indicator) and how its value is declared.
struct TargetIndicator {
  std::string_view name;
  const core::ParamDecl* value;  ///< the unit and range of `value`
};
std::span<const TargetIndicator> target_indicators();

}  // namespace heatlift::fleet::detail
