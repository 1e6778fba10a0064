// `heatlift monitor units [--db URL]`: the units a store holds, with what the other monitor
// verbs read of each (type, refrigerant, rated capacity, year, place, product or map) and how
// many rows are stored for it (docs/operations.md, "Store").
#include <fmt/format.h>

#include <memory>

#include "heatlift/cli/verbs_monitor.hpp"
#include "heatlift/operations/store.hpp"

namespace heatlift::cli {
namespace {

namespace op = operations;

struct UnitsArgs {
  std::string db;
};

void monitor_units(Context& ctx, const UnitsArgs& a) {
  auto store = op::open_store(a.db);
  nlohmann::json units = nlohmann::json::array();
  Table table({"unit", "type", "refrigerant", "rated_kW", "install_year", "place", "emitters",
               "product", "rows"});
  for (const std::string& id : store->unit_ids()) {
    const auto u = store->unit(id);
    if (!u) continue;  // removed between the two reads
    const std::int64_t rows = store->count(id);
    const double kw = u->rated_capacity / 1000.0;
    const std::string product = u->product.empty() ? u->map_file : u->product;
    units.push_back({{"id", id},
                     {"type", u->type},
                     {"refrigerant", u->refrigerant},
                     {"rated_capacity_kW", kw},
                     {"install_year", u->install_year},
                     {"place", u->place},
                     {"emitters", u->emitters},
                     {"product", product},
                     {"rows", rows}});
    table.add_row({id, u->type, u->refrigerant, fmt::format("{:.2f}", kw),
                   u->install_year > 0 ? std::to_string(u->install_year) : "-", u->place,
                   u->emitters, product, std::to_string(rows)});
  }
  if (ctx.format() == Format::json) {
    ctx.print_json({{"db", a.db}, {"units", units}});
    return;
  }
  table.print(ctx);
}

void setup(CLI::App& monitor, Context& ctx) {
  auto a = std::make_shared<UnitsArgs>();
  auto* sub = monitor.add_subcommand(
      "units",
      "the units of the store: type, refrigerant, rated capacity, year, place, "
      "product and the rows stored");
  add_db_option(*sub, a->db);
  sub->callback([&ctx, a] { monitor_units(ctx, *a); });
}

const MonitorVerbRegistrar registrar{"units", 15, setup};

}  // namespace
}  // namespace heatlift::cli
