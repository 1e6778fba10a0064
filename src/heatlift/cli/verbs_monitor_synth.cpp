// `heatlift monitor synth`: writes a synthetic monitored fleet with known faults into a store
// (operations/synthetic.hpp) — demo data for `monitor kpi`, `diagnose`, `retrofit` and
// `report`, and the ground truth to check the findings against.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "heatlift/cli/verbs_monitor.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/findings.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/operations/synthetic.hpp"
#include "heatlift/site/site_case.hpp"

namespace heatlift::cli {
namespace {

using namespace operations;

struct SynthArgs {
  std::string db;
  int healthy = 2;
  int per_fault = 1;
  std::vector<std::string> faults;
  std::vector<std::string> stations;
  int seasons = 2;
  int first_year = 2023;
  std::string interval = "1 min";
  std::uint64_t seed = 20261206;
  std::string truth;
};

void run_synth(Context& ctx, const SynthArgs& a) {
  SyntheticOptions o;
  o.healthy = a.healthy;
  o.per_fault = a.per_fault;
  for (const std::string& f : a.faults) o.faults.push_back(fault_kind_from_string(f, "--fault"));
  if (!a.stations.empty()) o.stations = a.stations;
  o.seasons = a.seasons;
  o.first_year = a.first_year;
  const double interval = core::parse_quantity(a.interval, core::Dimension::time, "--interval");
  if (!(interval >= 1.0) || std::abs(interval - std::round(interval)) > 1e-9) {
    throw InvalidInput(fmt::format(
        "--interval '{}': expected a whole number of seconds, e.g. \"1 min\"", a.interval));
  }
  o.interval = static_cast<int>(std::lround(interval));
  o.seed = a.seed;
  validate(o);

  const fluids::FluidLibrary fl(ctx.data());
  const equipment::ProductLibrary products(ctx.data(), fl);
  const site::SiteLibraries lib(ctx.data(), products);
  const SyntheticFleet fleet(lib, o);
  auto store = open_store(a.db);
  nlohmann::json units = nlohmann::json::array();
  std::int64_t rows = 0;
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    const SyntheticUnit u = fleet.generate(i);
    store->put_unit(u.meta);
    rows += store->upsert(u.meta.id, u.series);
    nlohmann::json f = nlohmann::json::array();
    for (const InjectedFault& x : u.faults) {
      f.push_back({{"code", std::string(to_string(x.kind))},
                   {"from", x.from},
                   {"to", x.to},
                   {"detail", x.detail}});
    }
    units.push_back({{"unit", u.meta.id},
                     {"place", u.meta.place},
                     {"product", u.meta.product},
                     {"emitters", u.meta.emitters},
                     {"rated_capacity_kW", u.meta.rated_capacity / 1000.0},
                     {"rows", u.series.size()},
                     {"faults", f}});
  }
  const nlohmann::json doc = {{"db", a.db},           {"seed", a.seed},
                              {"seasons", a.seasons}, {"interval_s", o.interval},
                              {"rows", rows},         {"units", units}};
  if (!a.truth.empty()) ctx.write_file(a.truth, doc.dump(2) + "\n");
  if (ctx.format() == Format::json) {
    ctx.print_json(doc);
    return;
  }
  Table t({"unit", "place", "product", "emitters", "rated [kW]", "rows", "injected fault"});
  for (const auto& u : units) {
    std::string fault = "-";
    if (!u["faults"].empty()) {
      fault = fmt::format("{} ({})", u["faults"][0]["code"].get<std::string>(),
                          u["faults"][0]["detail"].get<std::string>());
    }
    t.add_row({u["unit"].get<std::string>(), u["place"].get<std::string>(),
               u["product"].get<std::string>(), u["emitters"].get<std::string>(),
               fmt::format("{:.1f}", u["rated_capacity_kW"].get<double>()),
               std::to_string(u["rows"].get<std::size_t>()), fault});
  }
  t.print(ctx);
}

void setup(CLI::App& monitor, Context& ctx) {
  auto a = std::make_shared<SynthArgs>();
  auto* sub = monitor.add_subcommand(
      "synth",
      "write a synthetic monitored fleet with known faults into a store: units simulated by "
      "the site layer at Chinese stations, expanded to sub-hourly rows (demo data and ground "
      "truth for diagnose)");
  add_db_option(*sub, a->db);
  sub->add_option("--healthy", a->healthy, "healthy units")->capture_default_str();
  sub->add_option("--per-fault", a->per_fault, "units per injected fault")->capture_default_str();
  sub->add_option("--fault", a->faults,
                  "fault to inject (repeatable; default: every one): short_cycling, "
                  "curve_too_high, excessive_defrost, backup_overuse, low_delta_t, oversized, "
                  "meter_heat_stuck, meter_heat_high, meter_elec_missing, degradation");
  sub->add_option("--station", a->stations, "climate library city (repeatable)");
  sub->add_option("--seasons", a->seasons, "heating seasons (1 Nov … 31 Mar), 2 … 10")
      ->capture_default_str();
  sub->add_option("--first-year", a->first_year, "year the first season starts")
      ->capture_default_str();
  sub->add_option("--interval", a->interval, "row interval, e.g. \"1 min\", \"120 s\"")
      ->capture_default_str();
  sub->add_option("--seed", a->seed, "random seed (same seed, same rows)")->capture_default_str();
  sub->add_option("--truth", a->truth, "also write the ground truth (JSON) to this file");
  sub->callback([&ctx, a] { run_synth(ctx, *a); });
}

const MonitorVerbRegistrar registrar{"synth", 50, setup};

}  // namespace
}  // namespace heatlift::cli
