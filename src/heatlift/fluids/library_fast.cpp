// The parts of FluidLibrary that hand out the fast backend.
#include "heatlift/fluids/library.hpp"
#include "heatlift/fluids/tabulated.hpp"

namespace heatlift::fluids {

std::shared_ptr<const TabulatedFluid> FluidLibrary::fast(std::string_view name) const {
  auto base = exact(name);  // resolves the name, loads once
  const std::string& id = base->info().id;
  {
    std::lock_guard lock(mutex_);
    if (auto it = fast_.find(id); it != fast_.end()) return it->second;
  }
  // Build outside the lock: building takes a moment and other fluids may be wanted meanwhile.
  auto table = std::make_shared<const TabulatedFluid>(base);
  std::lock_guard lock(mutex_);
  return fast_.emplace(id, std::move(table)).first->second;
}

std::shared_ptr<const Properties> FluidLibrary::get(std::string_view name, Backend backend) const {
  if (backend == Backend::fast) return fast(name);
  return exact(name);
}

}  // namespace heatlift::fluids
