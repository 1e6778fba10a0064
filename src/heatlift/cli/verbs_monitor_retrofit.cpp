// `heatlift monitor retrofit`: the action plan's diagnosis of units in service for more than
// ten years — what each measure would save, cost and pay back (operations/retrofit.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "heatlift/accounting/accounting_io.hpp"
#include "heatlift/accounting/carbon.hpp"
#include "heatlift/cli/verbs_monitor.hpp"
#include "heatlift/climate/place.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/retrofit.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/operations/synthetic.hpp"

namespace heatlift::cli {
namespace {

using namespace operations;
constexpr double kJPerKwh = core::kJPerKWh;

struct RetrofitArgs {
  std::string db;
  std::vector<std::string> units;
  bool all = false;
  std::string from, to;
  // Beijing's residential first-tier price (北京市居民生活用电, <1 kV, 0.4883 元/kWh).
  std::string price = "0.4883 CNY/kWh";
  std::string grid = "national";
  std::string design_outdoor;
  std::string costs;
};

std::string capital_key(const std::string& type) {
  if (type.rfind("air", 0) == 0) return "air_to_water";
  if (type.rfind("ground", 0) == 0) return "ground_source";
  if (type.rfind("water", 0) == 0) return "water_source";
  throw InvalidInput(fmt::format(
      "unit type '{}': expected air-water, ground-water or water-water for a retrofit", type));
}

// The diagnosis's options for one unit: the place's design temperature, the cost of a new
// unit of its type, the grid factor of the season's last year.
RetrofitOptions unit_options(Context& ctx, const RetrofitArgs& a, const UnitMeta& meta,
                             const Series& season, const RetrofitOptions& base) {
  RetrofitOptions o = base;
  if (!a.design_outdoor.empty()) {
    o.design_outdoor =
        core::parse_quantity(a.design_outdoor, core::Dimension::temperature, "--design-outdoor");
  } else if (meta.place.empty()) {
    throw InvalidInput(
        fmt::format("unit '{}' names no place: give --design-outdoor (the heating design outdoor "
                    "temperature, e.g. \"-7.6 C\")",
                    meta.id));
  } else {
    // The place's GB 50736 station (a city name in English or Chinese, or a station).
    o.design_outdoor = climate::find_place(ctx.data(), meta.place).heating_design_temperature();
  }
  const auto defaults = accounting::Defaults::load(ctx.data());
  const auto cap = defaults.capital_per_W.find(capital_key(meta.type));
  o.capital_per_W = cap == defaults.capital_per_W.end() ? 0.0 : cap->second;
  accounting::GridSpec grid;
  grid.area = a.grid;
  const auto factor = accounting::GridFactor::from_spec(grid, ctx.data());
  o.grid_factor = factor.at(std::stoi(period_label(season.t.back(), Period::year)));
  return o;
}

// The shipped products a unit could be replaced with: its source kind, space heating.
std::vector<Candidate> candidates_for(const equipment::ProductLibrary& products,
                                      const UnitMeta& meta, const UnitModel& model) {
  std::vector<Candidate> out;
  for (const auto& pid : products.ids()) {
    const auto& p = products.product(pid);
    if (p.source_kind != model.map->source_kind() || p.type == "water_heater") continue;
    out.push_back({pid, make_model(products.map(pid), meta.rated_capacity, "product " + pid,
                                   p.rated_capacity)});
  }
  return out;
}

void print(Context& ctx, const std::vector<RetrofitResult>& results) {
  Table t({"unit", "rank", "measure", "detail", "saving [kWh]", "saving [%]", "saving [CNY]",
           "CO2 saved [kg]", "capital [CNY]", "payback [a]"});
  for (const auto& r : results) {
    if (ctx.format() == Format::table)
      ctx.out() << fmt::format(
          "{}: {} years in service{}; {:.0f} h with an expected value, {:.0f} kWh heat, {:.0f} "
          "kWh electricity, SPF H1 {}, against its map {}\n",
          r.unit, r.age, r.over_ten ? " (more than ten)" : "", r.running_hours, r.heat / kJPerKwh,
          r.electricity / kJPerKwh, r.spf.has_value() ? fmt::format("{:.2f}", *r.spf) : "-",
          r.residual.has_value() ? fmt::format("{:+.1f} %", 100.0 * *r.residual) : "-");
    int rank = 0;
    for (const auto& m : r.measures)
      t.add_row({r.unit, std::to_string(++rank), m.code, m.detail,
                 fmt::format("{:.0f}", m.saving / kJPerKwh),
                 fmt::format("{:.1f}", r.electricity > 0 ? 100.0 * m.saving / r.electricity : 0.0),
                 fmt::format("{:.0f}", m.saving_cny), fmt::format("{:.0f}", m.co2),
                 fmt::format("{:.0f}", m.capital),
                 m.payback.has_value() ? fmt::format("{:.1f}", *m.payback) : "-"});
  }
  t.print(ctx);
  if (ctx.format() == Format::table)
    for (const auto& r : results)
      for (const auto& n : r.notes) ctx.out() << "  note: " << r.unit << ": " << n << "\n";
}

void retrofit(Context& ctx, const RetrofitArgs& a) {
  auto store = open_store(a.db);
  std::vector<std::string> ids = a.units;
  if (a.all || ids.empty()) ids = store->unit_ids();
  if (ids.empty()) throw InvalidInput(fmt::format("store '{}' holds no units", a.db));

  const fluids::FluidLibrary fl(ctx.data());
  const equipment::ProductLibrary products(ctx.data(), fl);
  const RetrofitCosts costs =
      a.costs.empty()
          ? RetrofitCosts::load(ctx.data())
          : RetrofitCosts::parse(core::read_text_file(a.costs, "retrofit costs"), a.costs);
  RetrofitOptions base;
  base.price = core::parse_quantity(a.price, core::Dimension::price_per_energy, "--price");
  const auto [from, to] = parse_window(a.from, a.to);

  std::vector<RetrofitResult> results;
  std::vector<std::string> skipped;
  for (const auto& id : ids) {
    const auto meta = store->unit(id);
    if (!meta) throw InvalidInput(fmt::format("--unit '{}': no such unit in store '{}'", id, a.db));
    Series season = store->read(id, from, to);
    if (a.from.empty() && !season.empty()) {
      // One heating season: the last 365 days of data.
      const std::int64_t start = season.t.back() - 365 * 86400LL;
      if (season.t.front() < start) season = store->read(id, start, to);
    }
    if (season.empty()) {
      skipped.push_back(fmt::format("{}: no data in the period", id));
      continue;
    }
    try {
      const UnitModel model = resolve_model(*meta, &products);
      results.push_back(diagnose_retrofit(season, *meta, model,
                                          candidates_for(products, *meta, model), costs,
                                          unit_options(ctx, a, *meta, season, base)));
    } catch (const InvalidInput& e) {
      if (!a.all) throw;
      skipped.push_back(fmt::format("{}: {}", id, e.what()));
    }
  }
  if (results.empty() && !skipped.empty())
    throw InvalidInput(fmt::format("no unit could be diagnosed: {}", skipped.front()));
  if (ctx.format() == Format::json) {
    nlohmann::json docs = nlohmann::json::array();
    for (const auto& r : results) docs.push_back(to_json(r));
    ctx.print_json({{"price_cny_per_kwh", base.price * kJPerKwh},
                    {"grid", a.grid},
                    {"costs", costs.origin},
                    {"units", docs},
                    {"skipped", skipped}});
  } else {
    print(ctx, results);
  }
  for (const auto& s : skipped) ctx.err() << "heatlift: note: skipped " << s << "\n";
}

void setup(CLI::App& monitor, Context& ctx) {
  auto a = std::make_shared<RetrofitArgs>();
  auto* sub = monitor.add_subcommand(
      "retrofit",
      "units over ten years old: what a new compressor, cleaned heat exchangers, a corrected "
      "weather curve, new emitters or a new unit would save, cost and pay back");
  add_db_option(*sub, a->db);
  sub->add_option("--unit", a->units, "unit id (repeatable; default: every unit)");
  sub->add_flag("--all", a->all,
                "every unit; a unit that cannot be diagnosed is skipped with a note");
  sub->add_option("--from", a->from, kFromHelp);
  sub->add_option("--to", a->to, kToHelp);
  sub->add_option("--price", a->price, "electricity price")->capture_default_str();
  sub->add_option("--grid", a->grid, "grid area for CO2: national, a grid region or a province")
      ->capture_default_str();
  sub->add_option("--design-outdoor", a->design_outdoor,
                  "heating design outdoor temperature (default: the unit's GB 50736 station)");
  sub->add_option("--costs", a->costs, "measure costs (TOML like data/operations/retrofit.toml)");
  sub->callback([&ctx, a] { retrofit(ctx, *a); });
}

const MonitorVerbRegistrar registrar{"retrofit", 40, setup};

}  // namespace
}  // namespace heatlift::cli
