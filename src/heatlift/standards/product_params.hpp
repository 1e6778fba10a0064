// The declarations of a product file's blocks (PRODUCT.toml, `heatlift rate`; core/params.hpp):
// the top level, the section of a graded standard and its heating test, a section's
// reference product, and [en14825] with its declared points. Only product_io.cpp, their
// reader, includes this header; `heatlift params product` prints them. The keys of a graded
// section whose names are data (the loaded grade tables' selectors and metrics) are not
// declared: the reader takes them from the standards library.
#pragma once

#include <limits>

#include "heatlift/core/config.hpp"

namespace heatlift::core {
struct BlockDecl;
}

namespace heatlift::standards::params {

/// Above 0 (a range is closed: this is its least positive bound).
inline constexpr double kAboveZero = std::numeric_limits<double>::denorm_min();
/// A declared ratio: a COP, EER or seasonal metric (W/W).
inline constexpr core::Range kRatio{kAboveZero, 100.0, "a number > 0 and at most 100"};

extern const core::BlockDecl kProduct;    ///< the top level
extern const core::BlockDecl kGraded;     ///< [gb19577], [gb29541] ...: a graded standard's
extern const core::BlockDecl kTest;       ///< [<graded standard>.test]
extern const core::BlockDecl kReference;  ///< [<standard>.reference]
extern const core::BlockDecl kEn14825;    ///< [en14825]
extern const core::BlockDecl kPoint;      ///< [[en14825.point]]

}  // namespace heatlift::standards::params
