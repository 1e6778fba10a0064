// Verbs of the equipment layer: `heatlift product list|show` — the shipped products and
// their performance at the standard rating points.
#include <fmt/format.h>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/map_io.hpp"
#include "heatlift/equipment/product.hpp"

namespace heatlift::cli {
namespace {

constexpr double kC = core::kZeroCelsius;

void product_list(Context& ctx) {
  const fluids::FluidLibrary fl(ctx.data());
  const equipment::ProductLibrary lib(ctx.data(), fl);
  if (ctx.format() == Format::json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& id : lib.ids()) {
      const auto& p = lib.product(id);
      rows.push_back({{"id", id},
                      {"name", p.name},
                      {"type", p.type},
                      {"refrigerant", fl.resolve(p.refrigerant)},
                      {"rated_capacity_W", p.rated_capacity},
                      {"rating_point", p.rating_point},
                      {"charge_kg", p.charge}});
    }
    ctx.print_json({{"products", rows}});
    return;
  }
  Table t({"id", "type", "refrigerant", "rated_kW", "rating_point", "name"});
  for (const auto& id : lib.ids()) {
    const auto& p = lib.product(id);
    t.add_row({id, p.type, fl.resolve(p.refrigerant), fmt::format("{:g}", p.rated_capacity / 1e3),
               p.rating_point, p.name});
  }
  t.print(ctx);
}

struct Probe {
  std::string label;
  double t_source, t_sink;  // °C
};

std::vector<Probe> probes(equipment::SourceKind kind, const equipment::Product& p) {
  using equipment::SourceKind;
  if (p.type == "water_heater" || p.type == "high_temperature" || p.type == "steam") {
    // Every source temperature of the map at the design's sink outlet.
    const double sink = p.design.sink ? p.design.sink->T_out - kC : p.axes.t_sink.front() - kC;
    std::vector<Probe> out;
    for (double ts : p.axes.t_source)
      out.push_back({fmt::format("{:g}/{:g}", ts - kC, sink), ts - kC, sink});
    return out;
  }
  if (kind == SourceKind::air)
    return {{"A7/W35", 7, 35}, {"A2/W35", 2, 35}, {"A-7/W35", -7, 35}, {"A-15/W35", -15, 35},
            {"A7/W45", 7, 45}, {"A7/W55", 7, 55}, {"A-7/W55", -7, 55}, {"A-20/W41", -20, 41}};
  if (kind == SourceKind::brine)
    return {{"B0/W35", 0, 35}, {"B0/W45", 0, 45}, {"B0/W55", 0, 55}, {"B5/W35", 5, 35}};
  return {{"W10/W35", 10, 35}, {"W10/W45", 10, 45}, {"W10/W55", 10, 55}, {"W15/W35", 15, 35}};
}

void product_show(Context& ctx, const std::string& id) {
  const fluids::FluidLibrary fl(ctx.data());
  const equipment::ProductLibrary lib(ctx.data(), fl);
  const auto& p = lib.product(id);
  const auto info = fl.exact(p.refrigerant)->info();
  const auto r = lib.rating_point(id);
  const auto map = lib.map(id);
  if (ctx.out_dir) {
    const auto dir = ctx.require_out_dir("product show");
    ctx.write_file(dir / (p.id + ".map.csv"), equipment::to_csv(*map));
  }
  const auto gwp = info.gwp.ar5;
  nlohmann::json pts = nlohmann::json::array();
  Table t({"point", "heating_kW", "power_kW", "COP", "valid"});
  for (const auto& pr : probes(p.source_kind, p)) {
    const auto q = map->at(pr.t_source + kC, pr.t_sink + kC, 1.0);
    t.add_row({pr.label, fmt::format("{:.3f}", q.capacity / 1e3),
               fmt::format("{:.3f}", q.power / 1e3), fmt::format("{:.3f}", q.cop),
               std::string(equipment::to_string(q.status))});
    pts.push_back({{"point", pr.label},
                   {"heating_W", q.capacity},
                   {"power_W", q.power},
                   {"cop", q.cop},
                   {"status", std::string(equipment::to_string(q.status))}});
  }
  if (ctx.format() == Format::json) {
    ctx.print_json({{"id", p.id},
                    {"name", p.name},
                    {"type", p.type},
                    {"refrigerant", info.id},
                    {"safety_class", info.safety_class},
                    {"gwp100_ar5", gwp ? nlohmann::json(*gwp) : nlohmann::json(nullptr)},
                    {"charge_kg", p.charge},
                    {"rating_point", p.rating_point},
                    {"rated_capacity_W", p.rated_capacity},
                    {"rated_cop", r.cop},
                    {"map_nodes", map->node_count()},
                    {"map_invalid_nodes", map->invalid_node_count()},
                    {"points", pts},
                    {"description", p.description}});
    return;
  }
  auto& o = ctx.out();
  o << p.name << "\n" << p.description << "\n\n";
  o << fmt::format("type {} · refrigerant {} ({}, GWP100 AR5 {}) · charge {:g} kg{}\n", p.type,
                   info.id, info.safety_class.empty() ? "-" : info.safety_class,
                   gwp ? fmt::format("{:g}", *gwp) : "-", p.charge,
                   gwp ? fmt::format(" = {:.3f} t CO2e", p.charge * *gwp / 1e3) : "");
  o << fmt::format("rating point {}: {:.3f} kW heating, COP {:.3f}\n", p.rating_point,
                   r.heating / 1e3, r.cop);
  o << fmt::format("map: {} nodes, {} infeasible; full speed at the standard points:\n\n",
                   map->node_count(), map->invalid_node_count());
  t.print(ctx);
}

void setup(CLI::App& app, Context& ctx) {
  auto* product = app.add_subcommand("product", "the shipped heat-pump products and their maps");
  product->require_subcommand(1);
  product->add_subcommand("list", "products by type")->callback([&ctx] { product_list(ctx); });
  auto* show = product->add_subcommand(
      "show",
      "a product: design, rating point, performance at the standard points (--out DIR: map CSV)");
  auto id = std::make_shared<std::string>();
  show->add_option("id", *id, "product id, e.g. evi-r32-10kw")->required();
  show->callback([&ctx, id] { product_show(ctx, *id); });
}

const VerbRegistrar registrar{"product", 120, setup};

}  // namespace
}  // namespace heatlift::cli
