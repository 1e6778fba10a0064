#include "heatlift/equipment/product.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/cycles/cycle_io.hpp"
#include "heatlift/equipment/cycle_map.hpp"

namespace heatlift::equipment {

namespace {

using core::Dimension;
using core::ParamKind;

// The top level of a product design (data/products/*.toml), each key declared once
// (core/params.hpp); its [cycle] and [map] tables are a cycle file's (cycles/cycle_io.cpp).
const core::BlockDecl kProductDesign{
    "product-design",
    "",
    "The top level of a shipped product's design (data/products/, `heatlift product list`): what "
    "it is and where its figures come from. Its `[cycle]` table takes a cycle file's top-level "
    "keys but `name`, `description` and `charge`, and its tables (`[cycle.compressor]`, "
    "`[cycle.source]`, `[cycle.sink]` ...); its `[map]` is a cycle file's `[map]`, the grid the "
    "product's performance map covers.",
    {
        {.key = "name", .kind = ParamKind::text, .required = true, .doc = "the product's name"},
        {.key = "type",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"air_to_water", "ground_source", "water_source", "water_heater",
                     "high_temperature", "steam", "dryer"},
         .doc = "the action plan's application type"},
        {.key = "description",
         .kind = ParamKind::text,
         .required = true,
         .doc = "the design's assumptions and where its figures come from"},
        {.key = "charge",
         .kind = ParamKind::quantity,
         .dimension = Dimension::mass,
         .range = {0.0, 1e5, "0 to 100 t"},
         .required = true,
         .doc = "refrigerant charge of one unit"},
        {.key = "rating_point",
         .kind = ParamKind::text,
         .required = true,
         .doc = "the rating condition of its rated capacity, e.g. `A7/W35` (EN 14511 / GB/T 25127 "
                "names)"},
    }};

const core::BlockRegistrar kRegister{kProductDesign};

}  // namespace

Product parse_product(std::string_view text, const std::string& origin) {
  const core::BlockDecl& k = kProductDesign;
  const core::ConfigDocument doc = core::ConfigDocument::from_text(text, origin);
  core::ConfigTable t(doc);
  Product p;
  p.file = origin;
  p.name = t.text(k.param("name"));
  p.type = t.text(k.param("type"));
  p.description = t.text(k.param("description"));
  p.charge = t.value(k.param("charge"));
  p.rating_point = t.text(k.param("rating_point"));
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
    const cycles::MapRequest q = cycles::read_map_request(m);
    p.axes = map_axes(q);
    p.map_options = map_options(q);
  }
  if (auto c = t.optional_table("cooling")) p.cooling = read_cooling_design(*c);
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
  auto m = std::make_shared<const PerformanceMap>(
      map_from_cycle(p.design, f, fh ? &*fh : nullptr, p.source_kind, p.axes, p.map_options));
  std::lock_guard lock(mutex_);
  return maps_.emplace(std::string(id), std::move(m)).first->second;
}

std::shared_ptr<const PerformanceMap> ProductLibrary::cooling_map(std::string_view id) const {
  const Product& p = product(id);
  if (!p.cooling) return nullptr;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cooling_maps_.find(id); it != cooling_maps_.end()) return it->second;
  }
  const auto f = cycles::WorkingFluid::from_library(fluids_, p.design.fluid, p.design.backend);
  std::optional<cycles::WorkingFluid> fh;
  if (!p.design.fluid_high.empty())
    fh = cycles::WorkingFluid::from_library(fluids_, p.design.fluid_high, p.design.backend);
  const cycles::WorkingFluid* high = fh ? &*fh : nullptr;
  const cycles::CycleSpec machine = sized_design(p.design, f, high);
  auto m = std::make_shared<const PerformanceMap>(
      cooling_map_from_cycle(machine, *p.cooling, f, high, p.map_options));
  std::lock_guard lock(mutex_);
  return cooling_maps_.emplace(std::string(id), std::move(m)).first->second;
}

CoolingPoint ProductLibrary::cooling_point(std::string_view id, double t_reject,
                                           double t_chilled) const {
  const Product& p = product(id);
  if (!p.cooling)
    throw InvalidInput(fmt::format("product '{}' has no cooling mode (no [cooling] section)", id));
  const auto f = cycles::WorkingFluid::from_library(fluids_, p.design.fluid, p.design.backend);
  std::optional<cycles::WorkingFluid> fh;
  if (!p.design.fluid_high.empty())
    fh = cycles::WorkingFluid::from_library(fluids_, p.design.fluid_high, p.design.backend);
  const cycles::WorkingFluid* high = fh ? &*fh : nullptr;
  const cycles::CycleSpec spec = cooling_cycle(sized_design(p.design, f, high), *p.cooling);
  return equipment::cooling_point(spec, t_reject, t_chilled, f, high);
}

}  // namespace heatlift::equipment
