#include "heatlift/equipment/product.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/cycles/cycle_io.hpp"
#include "heatlift/equipment/cycle_map.hpp"

namespace heatlift::equipment {

using core::Dimension;

Product parse_product(std::string_view text, const std::string& origin) {
  const core::ConfigDocument doc = core::ConfigDocument::from_text(text, origin);
  core::ConfigTable t(doc);
  Product p;
  p.file = origin;
  p.name = t.string("name");
  p.type = t.choice("type", {"air_to_water", "ground_source", "water_source", "water_heater",
                             "high_temperature", "steam", "dryer"});
  p.description = t.string("description");
  p.charge = t.quantity("charge", Dimension::mass, {0.0, 1e5, "0 to 100 t"});
  p.rating_point = t.string("rating_point");
  {
    core::ConfigTable c = t.table("cycle");
    p.design = cycles::read_cycle_spec(c);
    c.finish();
  }
  if (!p.design.heating_capacity)
    t.fail("cycle", "a product's design needs its rated heating_capacity");
  p.rated_capacity = *p.design.heating_capacity;
  if (!p.design.source || !p.design.sink)
    t.fail("cycle", "a product's design needs [cycle.source] and [cycle.sink] streams");
  p.source_kind = source_kind_of(*p.design.source);
  p.refrigerant = p.design.fluid;
  {
    core::ConfigTable m = t.table("map");
    p.axes.t_source = m.quantities("source_T", Dimension::temperature, {1.0, 2000.0});
    p.axes.t_sink = m.quantities("sink_T", Dimension::temperature, {1.0, 2000.0});
    p.axes.part_load = m.has("part_load")
                           ? m.quantities("part_load", Dimension::fraction, {0.01, 1.0})
                           : std::vector<double>{1.0};
    p.sink_inlet = m.quantity_or("sink_inlet", Dimension::temperature, 0.0, {0.0, 2000.0});
    m.finish();
  }
  t.finish();
  return p;
}

ProductLibrary::ProductLibrary(const core::DataStore& store, const fluids::FluidLibrary& fluids)
    : fluids_(fluids) {
  for (const auto& f : store.list("products/")) {
    if (f.path.size() < 5 || f.path.substr(f.path.size() - 5) != ".toml") continue;
    Product p = parse_product(store.read(f.path), f.path);
    const std::size_t slash = f.path.rfind('/');
    p.id = f.path.substr(slash + 1, f.path.size() - slash - 6);
    products_.emplace(p.id, std::move(p));
  }
}

std::vector<std::string> ProductLibrary::ids() const {
  std::vector<std::string> out;
  for (const auto& [id, p] : products_) out.push_back(id);
  return out;
}

const Product& ProductLibrary::product(std::string_view id) const {
  const auto it = products_.find(id);
  if (it == products_.end())
    throw DataMissing(
        fmt::format("no product '{}'; the library has {}", id, fmt::join(ids(), ", ")));
  return it->second;
}

cycles::CycleResult ProductLibrary::rating_point(std::string_view id) const {
  const Product& p = product(id);
  return cycles::CycleSolver(fluids_).solve(p.design);
}

std::shared_ptr<const PerformanceMap> ProductLibrary::map(std::string_view id) const {
  const Product& p = product(id);
  {
    std::lock_guard lock(mutex_);
    if (auto it = maps_.find(id); it != maps_.end()) return it->second;
  }
  const auto f = cycles::WorkingFluid::from_library(fluids_, p.design.fluid, p.design.backend);
  std::optional<cycles::WorkingFluid> fh;
  if (!p.design.fluid_high.empty())
    fh = cycles::WorkingFluid::from_library(fluids_, p.design.fluid_high, p.design.backend);
  CycleMapOptions opt;
  opt.sink_inlet = p.sink_inlet;
  auto m = std::make_shared<const PerformanceMap>(
      map_from_cycle(p.design, f, fh ? &*fh : nullptr, p.source_kind, p.axes, opt));
  std::lock_guard lock(mutex_);
  return maps_.emplace(std::string(id), std::move(m)).first->second;
}

}  // namespace heatlift::equipment
