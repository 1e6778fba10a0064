// The libraries one Python process works with, loaded once: the data store and everything
// read from it that the bindings share (fluids, products, the site libraries, standards).
// Immutable after construction but for the caches the libraries keep themselves, which are
// thread-safe, so one Session serves every thread a Python program or a Dask worker runs.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/fluids/refrigerants.hpp"
#include "heatlift/site/site_case.hpp"
#include "heatlift/standards/tables.hpp"

namespace heatlift::python {

class Session {
 public:
  /// Built-in data with `data_dir` (if given) in front of it, as `heatlift --data DIR`;
  /// without one, $HEATLIFT_DATA if set, as the command line does.
  explicit Session(const std::optional<std::filesystem::path>& data_dir);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const core::DataStore& data() const { return data_; }
  const fluids::FluidLibrary& fluids() const { return fluids_; }
  const equipment::ProductLibrary& products() const { return products_; }
  const site::SiteLibraries& site() const { return site_; }
  /// The standards' tables and the GWP table, read on first use.
  const standards::StandardsLibrary& standards() const;
  const fluids::GwpTable& gwp() const;
  /// The user folder in front of the built-in data, "" when there is none.
  std::string data_dir() const;

 private:
  core::DataStore data_;
  fluids::FluidLibrary fluids_;
  equipment::ProductLibrary products_;
  site::SiteLibraries site_;
  mutable std::once_flag standards_once_;
  mutable std::unique_ptr<standards::StandardsLibrary> standards_;
  mutable std::unique_ptr<fluids::GwpTable> gwp_;
};

}  // namespace heatlift::python
