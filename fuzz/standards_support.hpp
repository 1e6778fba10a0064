// The read-only libraries the rating fuzz targets share, built once per process.
#pragma once

#include "heatlift/core/data_store.hpp"
#include "heatlift/fluids/refrigerants.hpp"
#include "heatlift/standards/rating.hpp"

namespace heatlift::fuzz {

struct RatingLibraries {
  core::DataStore store;
  standards::StandardsLibrary library = standards::StandardsLibrary::load(store);
  fluids::GwpTable gwp = fluids::GwpTable::load(store);
  standards::Rater rater{library, gwp};

  static const RatingLibraries& get() {
    static const RatingLibraries libs;
    return libs;
  }
};

}  // namespace heatlift::fuzz
