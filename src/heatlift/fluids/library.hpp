// The fluids heatlift knows: loaded by name from the data store, once, and shared.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/core/data_store.hpp"
#include "heatlift/fluids/fluid.hpp"

namespace heatlift::fluids {

class TabulatedFluid;

enum class Backend { exact, fast };

/// Resolves names (ASHRAE number, chemical or common name, any case: "R744", "CO2",
/// "CarbonDioxide") to the fluid files under fluids/ and caches what it loaded. Safe to
/// share between threads.
class FluidLibrary {
 public:
  explicit FluidLibrary(const core::DataStore& store);
  ~FluidLibrary();

  /// IDs of every fluid, sorted ("R1233zd(E)", ..., "R744").
  std::vector<std::string> ids() const;
  /// The ID a name refers to; throws DataMissing listing the known fluids.
  std::string resolve(std::string_view name) const;
  /// The exact equation of state.
  std::shared_ptr<const Fluid> exact(std::string_view name) const;
  /// The fast tabulated backend, built on first use and cached.
  std::shared_ptr<const TabulatedFluid> fast(std::string_view name) const;
  /// Either backend behind the common interface.
  std::shared_ptr<const Properties> get(std::string_view name,
                                        Backend backend = Backend::exact) const;

 private:
  void index() const;
  const core::DataStore& store_;
  mutable std::mutex mutex_;
  mutable bool indexed_ = false;
  mutable std::map<std::string, std::string> file_of_id_;  // id -> data path
  mutable std::map<std::string, std::string> id_of_key_;   // normalised alias -> id
  mutable std::map<std::string, std::shared_ptr<const Fluid>> exact_;
  mutable std::map<std::string, std::shared_ptr<const TabulatedFluid>> fast_;
};

/// Lower-case, without spaces, '-', '_', '(' and ')': "R-1234ze(E)" → "r1234zee".
std::string normalise_fluid_name(std::string_view name);

}  // namespace heatlift::fluids
