// Verbs of the fleet layer: `heatlift roadmap` (national scenarios to 2060, --check
// against the roadmap, --regions by province or climate zone) and `heatlift scenario
// list|diff`.
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fleet/check.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/physics.hpp"
#include "heatlift/fleet/regions.hpp"
#include "heatlift/fleet/regions_io.hpp"
#include "heatlift/fleet/results.hpp"
#include "heatlift/fleet/scenario_io.hpp"
#include "heatlift/fleet/uncertainty.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/report/messages.hpp"
#include "heatlift/report/roadmap_report.hpp"
#include "heatlift/site/site_case.hpp"

namespace heatlift::cli {
namespace {

using fleet::Indicator;

struct RoadmapOptions {
  std::vector<std::string> scenarios;
  bool check = false;
  std::string lang = "zh";
  int samples = 0;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  std::string regions;               ///< "", "province" or "zone"
  std::string engine = "bottom-up";  ///< "bottom-up" (cells simulated) or "top-down" (fitted)
  std::string cells;                 ///< a cell catalogue file; default data/fleet/cells.toml
};

std::string num(double v, int decimals) {
  if (std::isnan(v)) return "";
  return fmt::format("{:.{}f}", v, decimals);
}

double shown(const fleet::Results& r, std::string_view group, Indicator i, int year) {
  return r.value(group, i, year) / fleet::info(i).si_per_unit;
}

// The milestone summary: one row per scenario, year and end use (with the Monte Carlo
// band of the net CO2 reduction when there are bands).
void print_summary(Context& ctx, const std::vector<fleet::Results>& runs,
                   const std::vector<fleet::Bands>& bands) {
  const std::vector<Indicator> cols{Indicator::sales,
                                    Indicator::stock,
                                    Indicator::capacity,
                                    Indicator::floor_area,
                                    Indicator::electricity,
                                    Indicator::winter_peak,
                                    Indicator::market_value,
                                    Indicator::co2_reduction_gross,
                                    Indicator::co2_reduction_net,
                                    Indicator::hfc_consumption};
  std::vector<std::string> headers{"scenario", "year", "end_use"};
  for (Indicator i : cols) {
    std::string unit(fleet::info(i).unit);
    for (auto& c : unit) {
      if (c == ' ') c = '_';
    }
    headers.push_back(fmt::format("{}_{}", fleet::info(i).name, unit));
  }
  const auto& net = fleet::info(Indicator::co2_reduction_net);
  if (!bands.empty()) {
    headers.push_back(fmt::format("co2_reduction_net_p5_{}", net.unit));
    headers.push_back(fmt::format("co2_reduction_net_p95_{}", net.unit));
  }
  Table table(headers);
  for (std::size_t ri = 0; ri < runs.size(); ++ri) {
    const auto& r = runs[ri];
    for (int y : r.milestones) {
      if (y < r.first_year || y > r.last_year) continue;
      for (const char* g : {"space_heating", "hot_water", "total"}) {
        std::vector<std::string> row{r.scenario, std::to_string(y), g};
        for (Indicator i : cols) row.push_back(num(shown(r, g, i, y), 1));
        if (!bands.empty()) {
          const auto& b = bands[ri].group(g);
          const auto k = static_cast<std::size_t>(y - r.first_year);
          row.push_back(num(b.p5[Indicator::co2_reduction_net][k] / net.si_per_unit, 1));
          row.push_back(num(b.p95[Indicator::co2_reduction_net][k] / net.si_per_unit, 1));
        }
        table.add_row(row);
      }
    }
  }
  table.print(ctx);
}

// The regional summary: one row per scenario, milestone year and region of `level`, the
// total over end uses.
void print_regions(Context& ctx, const std::vector<fleet::RegionalResults>& runs,
                   fleet::RegionLevel level) {
  const std::vector<Indicator> cols{Indicator::sales,
                                    Indicator::stock,
                                    Indicator::capacity,
                                    Indicator::heat,
                                    Indicator::electricity,
                                    Indicator::winter_peak,
                                    Indicator::co2_reduction_gross,
                                    Indicator::co2_reduction_net};
  std::vector<std::string> headers{"scenario", "year", "region", "name"};
  for (Indicator i : cols) {
    std::string unit(fleet::info(i).unit);
    for (auto& c : unit) {
      if (c == ' ') c = '_';
    }
    headers.push_back(fmt::format("{}_{}", fleet::info(i).name, unit));
  }
  Table table(headers);
  for (const auto& r : runs) {
    for (int y : r.milestones) {
      if (y < r.first_year || y > r.last_year) continue;
      for (const auto& reg : r.regions) {
        if (reg.level != level) continue;
        std::vector<std::string> row{r.scenario, std::to_string(y), reg.code, reg.name_en};
        for (Indicator i : cols)
          row.push_back(num(r.value(reg.code, "total", i, y) / fleet::info(i).si_per_unit, 2));
        table.add_row(row);
      }
    }
  }
  table.print(ctx);
}

nlohmann::json check_json(const std::vector<fleet::CheckRow>& rows) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& c : rows) {
    const double u = core::unit(c.target.unit).factor;
    arr.push_back({{"scenario", c.scenario},
                   {"year", c.target.year},
                   {"end_use", c.target.end_use},
                   {"indicator", c.target.indicator},
                   {"unit", c.target.unit},
                   {"model", c.model / u},
                   {"roadmap", c.target.value / u},
                   {"deviation", c.deviation},
                   {"tolerance", c.target.tolerance},
                   {"status", c.target.status},
                   {"enforced", c.target.enforced},
                   {"segment",
                    c.target.segment.empty() ? nlohmann::json() : nlohmann::json(c.target.segment)},
                   {"pass", c.pass},
                   {"remedy", c.remedy.empty() ? nlohmann::json() : nlohmann::json(c.remedy)}});
  }
  return arr;
}

void print_check(Context& ctx, const std::vector<fleet::CheckRow>& rows) {
  // A share's deviation and tolerance are in percentage points (pp), the others in %.
  Table table({"scenario", "year", "end_use", "indicator", "unit", "model", "roadmap", "deviation",
               "tolerance", "status", "result"});
  for (const auto& c : rows) {
    const double u = core::unit(c.target.unit).factor;
    const double m = c.model / u;
    const double t = c.target.value / u;
    const int decimals = t < 10.0 ? 3 : 1;
    const bool share = !c.target.segment.empty();
    const char* per = share ? " pp" : " %";
    table.add_row({c.scenario, std::to_string(c.target.year),
                   share ? c.target.segment + " of " + c.target.end_use : c.target.end_use,
                   c.target.indicator, c.target.unit, num(m, decimals), num(t, decimals),
                   fmt::format("{:+.2f}{}", c.deviation * 100.0, per),
                   fmt::format("{:.0f}{}", c.target.tolerance * 100.0, per), c.target.status,
                   c.pass && c.remedy.empty() ? "ok"
                   : c.pass                   ? "info"
                                              : "FAIL"});
  }
  table.print(ctx);
  if (ctx.format() == Format::csv) return;
  bool first = true;
  for (const auto& c : rows) {
    if (c.remedy.empty()) continue;
    if (first) ctx.out() << "\nTo close each gap, one parameter would have to be:\n";
    first = false;
    ctx.out() << fmt::format("  {} {} {} {}: {}\n", c.scenario, c.target.year,
                             c.target.segment.empty() ? c.target.end_use : c.target.segment,
                             c.target.indicator, c.remedy);
  }
}

// The bottom-up engine's cells: every scenario's segments simulated in every province.
struct FleetCells {
  FleetCells(Context& ctx, fleet::CellCatalogue cat)
      : fluids(ctx.data()),
        products(ctx.data(), fluids),
        site(ctx.data(), products),
        catalogue(std::move(cat)) {}
  fluids::FluidLibrary fluids;
  equipment::ProductLibrary products;
  site::SiteLibraries site;
  fleet::CellCatalogue catalogue;            ///< the physics' uses point into it
  std::vector<fleet::FleetPhysics> physics;  ///< one per scenario
};

// report.html of a bottom-up run has the provinces: the regional results of --regions, or
// allocated here for the page alone (results.json and regions.csv stay as asked).
std::string roadmap_page(const std::vector<fleet::Scenario>& scenarios,
                         const std::vector<fleet::Results>& runs,
                         const std::vector<fleet::Bands>& bands,
                         const std::vector<fleet::RegionalResults>& regional,
                         const fleet::ProvinceTable* provinces, const FleetCells* cells,
                         const report::Messages& messages) {
  if (cells == nullptr) return report::roadmap_html(runs, bands, messages);
  std::vector<fleet::RegionalResults> own;
  if (regional.empty()) {
    for (std::size_t i = 0; i < runs.size(); ++i)
      own.push_back(fleet::allocate(scenarios[i], runs[i], *provinces, &cells->physics[i]));
  }
  report::BottomUpPage page;
  page.provinces = provinces;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    page.scenarios.push_back(&scenarios[i]);
    page.physics.push_back(&cells->physics[i]);
    page.regional.push_back(regional.empty() ? &own[i] : &regional[i]);
  }
  return report::roadmap_html(runs, bands, messages, &page);
}

void run_roadmap(Context& ctx, const RoadmapOptions& opt) {
  const report::Lang lang = report::parse_lang(opt.lang);
  std::vector<std::string> names = opt.scenarios;
  if (names.empty()) names = {"cns", "ngs"};
  std::vector<fleet::Scenario> scenarios;
  for (const auto& n : names) scenarios.push_back(fleet::load_scenario(ctx.data(), n));
  const bool bottom_up = opt.engine == "bottom-up";
  std::optional<fleet::ProvinceTable> provinces;
  if (bottom_up || !opt.regions.empty()) provinces = fleet::load_provinces(ctx.data());
  std::unique_ptr<FleetCells> cells;
  if (bottom_up) {
    cells = std::make_unique<FleetCells>(
        ctx, opt.cells.empty() ? fleet::load_cell_catalogue(ctx.data())
                               : fleet::parse_cell_catalogue(
                                     core::read_text_file(opt.cells, "cell catalogue"), opt.cells));
    for (const auto& sc : scenarios) {
      cells->physics.push_back(
          fleet::simulate_fleet(sc, *provinces, cells->catalogue, cells->site));
    }
  }
  std::vector<fleet::Results> runs;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    runs.push_back(fleet::run(scenarios[i], bottom_up ? &cells->physics[i] : nullptr));
  }
  std::vector<fleet::Bands> bands;
  if (opt.samples > 0) {
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      bands.push_back(fleet::monte_carlo(scenarios[i], opt.samples, opt.seed, opt.threads,
                                         bottom_up ? &cells->physics[i] : nullptr));
    }
  }
  std::vector<fleet::RegionalResults> regional;
  const fleet::RegionLevel level =
      opt.regions == "zone" ? fleet::RegionLevel::zone : fleet::RegionLevel::province;
  if (!opt.regions.empty()) {
    for (std::size_t i = 0; i < runs.size(); ++i) {
      regional.push_back(fleet::allocate(scenarios[i], runs[i], *provinces,
                                         bottom_up ? &cells->physics[i] : nullptr));
    }
  }
  std::vector<fleet::CheckRow> checks;
  if (opt.check) {
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const auto rows = fleet::check(scenarios[i], runs[i]);
      checks.insert(checks.end(), rows.begin(), rows.end());
    }
  }

  if (ctx.out_dir) {
    const auto dir = ctx.require_out_dir("roadmap");
    std::ostringstream csv;
    fleet::write_csv(runs, csv, bands);
    ctx.write_file(dir / "results.csv", csv.str());
    nlohmann::json doc = fleet::to_json(runs, bands);
    if (opt.check) doc["check"] = check_json(checks);
    if (!regional.empty()) doc["regions"] = fleet::regions_json(regional);
    ctx.write_file(dir / "results.json", json_text(doc, 1) + '\n');
    const report::Messages messages = report::Messages::load(ctx.data(), lang);
    ctx.write_file(dir / "report.html",
                   roadmap_page(scenarios, runs, bands, regional, provinces ? &*provinces : nullptr,
                                cells.get(), messages));
    ctx.err() << fmt::format("roadmap: wrote {}, {}, {}\n", (dir / "results.csv").string(),
                             (dir / "results.json").string(), (dir / "report.html").string());
    if (!regional.empty()) {
      std::ostringstream regions_csv;
      fleet::write_regions_csv(regional, regions_csv);
      ctx.write_file(dir / "regions.csv", regions_csv.str());
      std::ostringstream map_csv;
      fleet::write_provinces_map(regional, *provinces, map_csv);
      ctx.write_file(dir / "provinces-map.csv", map_csv.str());
      ctx.err() << fmt::format("roadmap: wrote {}, {}\n", (dir / "regions.csv").string(),
                               (dir / "provinces-map.csv").string());
    }
  }

  if (ctx.format() == Format::json) {
    nlohmann::json doc = fleet::to_json(runs, bands);
    if (opt.check) doc["check"] = check_json(checks);
    if (!regional.empty()) doc["regions"] = fleet::regions_json(regional, level);
    ctx.print_json(doc);
  } else if (opt.check) {
    print_check(ctx, checks);
  } else if (!regional.empty()) {
    print_regions(ctx, regional, level);
  } else {
    print_summary(ctx, runs, bands);
  }

  if (opt.check) {
    const auto failed = std::count_if(checks.begin(), checks.end(),
                                      [](const fleet::CheckRow& c) { return !c.pass; });
    if (failed > 0) {
      throw OutOfRange(fmt::format("roadmap --check: {} of {} figures outside tolerance", failed,
                                   checks.size()));
    }
  }
}

// `scenario diff A B`: the settings that differ, then what they do at the milestones.
void run_diff(Context& ctx, const std::string& a, const std::string& b) {
  const auto settings = fleet::diff_scenarios(ctx.data(), a, b);
  const fleet::Results ra = fleet::run(fleet::load_scenario(ctx.data(), a));
  const fleet::Results rb = fleet::run(fleet::load_scenario(ctx.data(), b));
  const std::vector<Indicator> cols{Indicator::sales,
                                    Indicator::stock,
                                    Indicator::electricity,
                                    Indicator::winter_peak,
                                    Indicator::market_value,
                                    Indicator::co2_reduction_gross,
                                    Indicator::refrigerant_emissions,
                                    Indicator::co2_reduction_net};
  std::vector<int> years;
  for (int y : ra.milestones) {
    if (y >= std::max(ra.first_year, rb.first_year) && y <= std::min(ra.last_year, rb.last_year))
      years.push_back(y);
  }
  if (ctx.format() == Format::json) {
    nlohmann::json doc;
    doc["a"] = a;
    doc["b"] = b;
    doc["settings"] = nlohmann::json::array();
    for (const auto& s : settings)
      doc["settings"].push_back({{"key", s.key}, {"a", s.a}, {"b", s.b}});
    for (int y : years) {
      nlohmann::json row{{"year", y}};
      for (Indicator i : cols) {
        row[std::string(fleet::info(i).name)] = {{"a", shown(ra, "total", i, y)},
                                                 {"b", shown(rb, "total", i, y)}};
      }
      doc["effects"].push_back(row);
    }
    for (Indicator i : cols) doc["units"][std::string(fleet::info(i).name)] = fleet::info(i).unit;
    ctx.print_json(doc);
    return;
  }
  Table st({"setting", a, b});
  for (const auto& s : settings) st.add_row({s.key, s.a, s.b});
  st.print(ctx);
  ctx.out() << '\n';
  std::vector<std::string> headers{"year"};
  for (Indicator i : cols)
    headers.push_back(fmt::format("{}_change_{}", fleet::info(i).name, fleet::info(i).unit));
  for (auto& h : headers) {
    for (auto& c : h) {
      if (c == ' ') c = '_';
    }
  }
  Table et(headers);
  for (int y : years) {
    std::vector<std::string> row{std::to_string(y)};
    for (Indicator i : cols) {
      row.push_back(fmt::format("{:+.2f}", shown(rb, "total", i, y) - shown(ra, "total", i, y)));
    }
    et.add_row(row);
  }
  et.print(ctx);
}

void setup(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<RoadmapOptions>();
  auto* roadmap = app.add_subcommand(
      "roadmap",
      "China's building heat-pump fleet to 2060: sales, stock, capacity, electricity, "
      "winter peak, market value, CO2 (CNS and NGS by default)");
  roadmap->add_option("--scenario,-s", opt->scenarios,
                      "shipped scenario name (cns, ngs ...) or a scenario .toml file; repeatable");
  roadmap->add_flag(
      "--check", opt->check,
      "compare with the roadmap's published figures; exit non-zero outside tolerance");
  roadmap->add_option("--lang", opt->lang, "language of report.html: zh (default) or en");
  roadmap
      ->add_option("--samples", opt->samples,
                   "Monte Carlo samples over the scenario's [[uncertainty]] distributions; "
                   "adds p5/p50/p95 bands to the outputs")
      ->check(CLI::Range(1, 1000000));
  roadmap->add_option("--seed", opt->seed,
                      "random seed of the Monte Carlo run (same seed, same result)");
  roadmap
      ->add_option("--threads", opt->threads,
                   "threads for the Monte Carlo run (default: all cores); the result does not "
                   "depend on it")
      ->check(CLI::Range(1u, 1024u));
  roadmap
      ->add_option("--regions", opt->regions,
                   "results by region: the summary by province or by GB 50176 climate zone; "
                   "with --out also DIR/regions.csv (provinces, zones, CN) and "
                   "DIR/provinces-map.csv (one row per province, ISO 3166-2 codes)")
      ->check(CLI::IsMember({"province", "zone"}));
  roadmap
      ->add_option("--engine", opt->engine,
                   "bottom-up (default): heat, electricity, CO2 and the winter peak from every "
                   "province's cells simulated hour by hour (data/fleet/cells.toml); top-down: "
                   "the scenario's fitted heat per unit, SPF and design COP")
      ->check(CLI::IsMember({"bottom-up", "top-down"}));
  roadmap->add_option("--cells", opt->cells,
                      "cell catalogue for the bottom-up engine (TOML, as data/fleet/cells.toml)");
  roadmap->callback([&ctx, opt] { run_roadmap(ctx, *opt); });

  auto* scenario = app.add_subcommand("scenario", "fleet scenario files: list, diff");
  scenario->require_subcommand(1);
  auto* list = scenario->add_subcommand("list", "the shipped scenarios with their sources");
  list->callback([&ctx] {
    const auto names = fleet::shipped_scenarios(ctx.data());
    if (ctx.format() == Format::json) {
      nlohmann::json doc;
      doc["scenarios"] = nlohmann::json::array();
      for (const auto& n : names) {
        const auto s = fleet::load_scenario(ctx.data(), n);
        doc["scenarios"].push_back({{"name", n}, {"title", s.title}, {"source", s.source}});
      }
      ctx.print_json(doc);
      return;
    }
    Table t({"name", "title", "levers"});
    for (const auto& n : names) {
      const auto s = fleet::load_scenario(ctx.data(), n);
      t.add_row({n, s.title, fmt::format("{}", fmt::join(s.levers.names, " "))});
    }
    t.print(ctx);
  });
  auto* diff =
      scenario->add_subcommand("diff", "what differs between two scenarios and what it does");
  auto a = std::make_shared<std::string>();
  auto b = std::make_shared<std::string>();
  diff->add_option("a", *a, "scenario name or file")->required();
  diff->add_option("b", *b, "scenario name or file")->required();
  diff->callback([&ctx, a, b] { run_diff(ctx, *a, *b); });
}

const VerbRegistrar registrar{"roadmap", 100, setup};

}  // namespace
}  // namespace heatlift::cli
