// The read-only libraries the rating fuzz targets share, built once per process.
#pragma once

#include "heatlift/core/data_store.hpp"
#include "heatlift/standards/rating.hpp"
#include "heatlift/standards/refrigerants.hpp"

namespace heatlift::fuzz {

struct RatingLibraries {
  core::DataStore store;
  standards::StandardsLibrary library = standards::StandardsLibrary::load(store);
  standards::GwpTable gwp = standards::GwpTable::load(store);
  standards::Rater rater{library, gwp};

  static const RatingLibraries& get() {
    static const RatingLibraries libs;
    return libs;
  }
};

}  // namespace heatlift::fuzz
