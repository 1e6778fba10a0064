// Verbs of the site layer: `heatlift site run SITE.toml` (a year hour by hour against the
// baselines: summary table, hourly.csv, summary.json, report.html) and `heatlift site
// sweep SITE.toml --vary KEY=V1,V2,...` (every combination, in parallel).
#include <algorithm>
#include <fstream>
#include <variant>

#include <fmt/format.h>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/report/site_report.hpp"
#include "heatlift/site/cooling_output.hpp"
#include "heatlift/site/hybrid_output.hpp"
#include "heatlift/site/site_case.hpp"
#include "heatlift/site/site_output.hpp"
#include "heatlift/site/solar_thermal_io.hpp"
#include "heatlift/site/sweep.hpp"

namespace heatlift::cli {
namespace {

constexpr double J_per_kWh = 3.6e6;

struct SiteOptions {
  std::string file;
  std::string lang = "zh";
  std::vector<std::string> vary;
  unsigned threads = 0;
};

std::string num(double v, int decimals) {
  return fmt::format("{:.{}f}", v, decimals);
}
// A figure that may not have been computed (null): a dash.
std::string num(const double* v, int decimals, double scale = 1.0) {
  return v != nullptr ? num(*v * scale, decimals) : std::string("–");
}
const double* ptr(const std::optional<double>& v) {
  return v ? &*v : nullptr;
}
double kwh(double J) {
  return J / J_per_kWh;
}

// The comparison table: the heat pump and each baseline.
Table comparison_table(const site::SiteOutcome& o) {
  const site::Annual& a = o.simulation.annual;
  Table t({"option", "fuel", "efficiency_%", "fuel_use", "unit", "CO2_t", "CO2_saving_t",
           "energy_cost_CNY", "annual_cost_CNY", "LCOH_CNY/kWh", "saving_CNY/a", "payback_a",
           "NPV_CNY"});
  const double* energy_cost = o.tariff ? &o.tariff->cost_cny : nullptr;
  const double* annual_cost = o.annual_cost ? &o.annual_cost->total : nullptr;
  t.add_row({"heat pump", "electricity", num(a.spf_h4 * 100.0, 0), num(kwh(a.grid), 0), "kWh",
             num(o.co2_kg / 1e3, 2), "–", num(energy_cost, 0), num(annual_cost, 0),
             num(ptr(o.lcoh), 3, J_per_kWh), "–", "–", "–"});
  for (const site::BaselineOutcome& b : o.baselines) {
    const auto [amount, unit] = site::display_amount(b.fuel_basis, b.use.amount);
    const auto& m = b.money;
    const double* saving = m ? &m->annual_saving : nullptr;
    t.add_row({b.generator.id, b.generator.fuel, num(b.generator.efficiency * 100.0, 0),
               num(amount, 2), unit, num(b.co2_kg / 1e3, 2), num(b.co2_saving_kg / 1e3, 2),
               num(ptr(b.energy_cost), 0), num(m ? &m->baseline.total : nullptr, 0),
               num(m ? &m->lcoh_baseline : nullptr, 3, J_per_kWh), num(saving, 0),
               m && m->payback.years ? num(*m->payback.years, 1)
               : saving              ? std::string("never")
                                     : std::string("–"),
               num(m ? &m->npv : nullptr, 0)});
  }
  return t;
}

// GB/T 50801's lines under the table: the evaluation with the site's electricity-to-coal
// factor D, named with its value, then the substitution with the other basis.
std::string gbt50801_line(const site::SiteCase& c, const site::Gbt50801Outcome& g) {
  const accounting::Gbt50801Input& in = *c.gbt50801;
  const auto grade = [](int n) { return n > 0 ? std::to_string(n) : std::string("below 3"); };
  // A site that only cools has no heating season to grade: said, not printed as a COP of 0.
  std::string seasons =
      g.system_cop ? fmt::format("system COP {:.2f}, grade {}", *g.system_cop, grade(g.grade))
                   : std::string("heating not applicable (no heat delivered)");
  if (g.system_eer) {
    seasons +=
        fmt::format("; cooling system EER {:.2f}, grade {}", *g.system_eer, grade(g.cooling_grade));
  }
  std::string s = fmt::format(
      "\nGB/T 50801-2013: {}; conventional energy substituted {:.0f} "
      "kgce/a (electricity to coal D = {:.4f} kgce/kWh, {}), CO2 avoided {:.2f} t/a{}\n",
      seasons, g.substitution.substituted_kgce, in.electricity_to_coal * J_per_kWh,
      in.electricity_to_coal_basis, g.substitution.co2_kg / 1e3,
      !g.payoff                 ? std::string()
      : g.payoff->payback_years ? fmt::format(", static payback {:.1f} a", *g.payoff->payback_years)
                                : std::string(", static payback never"));
  if (g.alternative && in.alternative_to_coal) {
    s += fmt::format(
        "  with D = {:.4f} kgce/kWh ({}; gbt50801.electricity_to_coal): substituted {:.0f} "
        "kgce/a, CO2 avoided {:.2f} t/a\n",
        *in.alternative_to_coal * J_per_kWh, in.alternative_basis, g.alternative->substituted_kgce,
        g.alternative->co2_kg / 1e3);
  }
  return s;
}

void print_summary(Context& ctx, const site::SiteCase& c, const site::SiteOutcome& o) {
  if (ctx.format() == Format::csv) {  // the table alone, machine-readable
    comparison_table(o).print(ctx);
    return;
  }
  const site::Annual& a = o.simulation.annual;
  const site::HeatPumpInfo& hp = o.plan.heat_pump;
  const climate::Place& p = *c.place;
  std::ostream& out = ctx.out();
  out << fmt::format(
      "{} — {} ({}, design {:.1f} °C{})\n", c.name, p.city ? p.city->name : p.weather.location.name,
      climate::to_string(p.zone), c.t_design - core::kZeroCelsius,
      p.synthetic ? "; synthetic year from the GB 50736 station, docs/climate.md" : "");
  const site::SizingBasis& basis = o.plan.basis;
  out << fmt::format("design heat load {:.1f} kW at {:.1f} °C outdoor, supply {:.1f} °C\n",
                     basis.design_load / 1e3, basis.t_out_design - core::kZeroCelsius,
                     basis.t_supply_design - core::kZeroCelsius);
  out << fmt::format("heat pump: {} × {:.2f} = {:.1f} kW nominal, {} source\n", hp.name,
                     o.plan.system.heat_pump.scale, hp.capacity / 1e3,
                     site::to_string(o.plan.system.source.kind));
  out << fmt::format(
      "load {:.0f} kWh · heat pump {:.0f} kWh · back-up {:.0f} kWh ({:.1f} %) · unmet {:.0f} kWh "
      "in {} h\n",
      kwh(a.load), kwh(a.hp_heat), kwh(a.backup_heat), a.backup_share * 100.0, kwh(a.unmet),
      a.unmet_hours);
  out << fmt::format(
      "electricity {:.0f} kWh · SPF H1 {:.2f}  H2 {:.2f}  H3 {:.2f}  H4 {:.2f} · peak {:.2f} kW · "
      "bivalent point {}\n",
      kwh(a.electricity), a.spf_h1, a.spf_h2, a.spf_h3, a.spf_h4, a.peak_electric / 1e3,
      a.bivalent_point ? fmt::format("{:.1f} °C", *a.bivalent_point - core::kZeroCelsius)
                       : std::string("none (the heat pump alone met every hour it ran)"));
  if (o.hybrid) out << site::hybrid_line(*o.hybrid);
  if (o.solar_thermal || o.pv) out << site::solar_line(o.solar_thermal, o.pv);
  if (site::cools(o)) out << site::cooling_line(o);
  out << fmt::format(
      "CO2 {:.2f} t/a (grid {}, {} at {:.3f} kg/kWh; refrigerant {:.2f} t) · energy cost {} CNY/a "
      "· "
      "LCOH {} CNY/kWh\n\n",
      o.co2_kg / 1e3, c.carbon.grid.label(), o.year, o.grid_factor * J_per_kWh,
      o.co2_refrigerant_kg / 1e3, num(o.tariff ? &o.tariff->cost_cny : nullptr, 0),
      num(ptr(o.lcoh), 3, J_per_kWh));
  comparison_table(o).print(ctx);
  if (o.gbt50801) out << gbt50801_line(c, *o.gbt50801);
}

struct Libraries {
  explicit Libraries(Context& ctx)
      : fluids(ctx.data()), products(ctx.data(), fluids), site(ctx.data(), products) {}
  fluids::FluidLibrary fluids;
  equipment::ProductLibrary products;
  site::SiteLibraries site;
};

void site_run(Context& ctx, const SiteOptions& opt) {
  const report::Lang lang = report::parse_lang(opt.lang);
  Libraries lib(ctx);
  const auto doc = core::ConfigDocument::from_file(opt.file);
  const auto base = std::filesystem::path(opt.file).parent_path();
  const site::SiteCase c = site::read_site(doc, lib.site, base);
  const site::SiteOutcome o = site::evaluate(c, lib.site);
  nlohmann::json summary = site::summary_json(c, o);

  if (ctx.out_dir) {
    const auto dir = ctx.require_out_dir("site run");
    ctx.write_file(dir / "hourly.csv", site::hourly_csv(o));
    ctx.write_file(dir / "summary.json", json_text(summary, 1) + '\n');
    {
      nlohmann::json page = summary;
      page["hourly"] = site::hourly_json(o);
      const report::Messages messages = report::Messages::load(ctx.data(), lang);
      ctx.write_file(dir / "report.html", report::site_html(page, messages));
    }
    ctx.err() << fmt::format("site run: wrote {}, {}, {}\n", (dir / "hourly.csv").string(),
                             (dir / "summary.json").string(), (dir / "report.html").string());
  }
  if (ctx.format() == Format::json) {
    ctx.print_json(summary);
  } else {
    print_summary(ctx, c, o);
  }
}

// --vary KEY=V1,V2,... → the key and its values.
std::pair<std::string, std::vector<std::string>> parse_vary(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 >= text.size()) {
    throw InvalidInput(fmt::format(
        "--vary '{}': expected KEY=V1,V2,... (e.g. heat_pump.capacity=\"8 kW\",\"10 kW\" or "
        "site.city=Harbin,Beijing)",
        text));
  }
  std::vector<std::string> values;
  std::string cur;
  bool quoted = false;
  for (char ch : text.substr(eq + 1)) {
    if (ch == '"') quoted = !quoted;
    if (ch == ',' && !quoted) {
      values.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  values.push_back(cur);
  for (const auto& v : values) {
    if (v.empty()) throw InvalidInput(fmt::format("--vary '{}': an empty value", text));
  }
  return {text.substr(0, eq), values};
}

using SweepAxes = std::vector<std::pair<std::string, std::vector<std::string>>>;

// The --vary axes, each declared key's values checked before any variant runs; the number of
// variants they make.
SweepAxes sweep_axes(const SiteOptions& opt, std::size_t& total) {
  std::vector<std::pair<std::string, std::vector<std::string>>> axes;
  total = 1;
  for (const auto& v : opt.vary) {
    axes.push_back(parse_vary(v));
    // A key of a declared block (`heatlift params site`) is checked value by value now,
    // before any variant runs; other keys are checked by the reader in each variant.
    const auto& [key, values] = axes.back();
    for (const auto& value : values) site::check_sweep_value(key, value);
    total *= axes.back().second.size();
    if (total > 1'000'000)
      throw InvalidInput("site sweep: more than 1,000,000 combinations; expected fewer");
  }
  return axes;
}

using Figure = site::SweepFigure;

nlohmann::json figure_json(const Figure& f) {
  if (const auto* i = std::get_if<long long>(&f)) return *i;
  if (const auto* d = std::get_if<double>(&f)) return *d;
  if (const auto* t = std::get_if<std::string>(&f)) return *t;
  return nullptr;
}

std::string figure_text(const Figure& f) {
  if (const auto* i = std::get_if<long long>(&f)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&f)) return num(*d, 3);
  if (const auto* t = std::get_if<std::string>(&f)) return *t;
  return "–";
}

// Every variant's values, the last axis varying fastest.
std::vector<site::SweepVariant> sweep_rows(const SweepAxes& axes, std::size_t total) {
  std::vector<site::SweepVariant> rows(total);
  for (std::size_t i = 0; i < total; ++i) {
    std::size_t k = i;
    for (std::size_t a = axes.size(); a-- > 0;) {
      const auto& vals = axes[a].second;
      rows[i].values.insert(rows[i].values.begin(), vals[k % vals.size()]);
      k /= vals.size();
    }
  }
  return rows;
}

// Every baseline id the variants compared against, in order of first appearance (a varied
// key may change the list).
std::vector<std::string> baseline_ids(const std::vector<site::SweepVariant>& rows) {
  std::vector<std::string> ids;
  for (const site::SweepVariant& r : rows) {
    for (const site::SweepBaseline& b : r.baselines) {
      if (std::find(ids.begin(), ids.end(), b.id) == ids.end()) ids.push_back(b.id);
    }
  }
  return ids;
}

// The row's cells against one baseline: CO2 saving, cost saving and payback, or dashes when
// the variant has no such baseline.
void add_baseline_cells(std::vector<std::string>& cells, const site::SweepVariant& r,
                        const std::string& id) {
  const auto it = std::find_if(r.baselines.begin(), r.baselines.end(),
                               [&](const site::SweepBaseline& b) { return b.id == id; });
  if (it == r.baselines.end()) {
    cells.insert(cells.end(), 3, std::string("–"));
    return;
  }
  cells.push_back(figure_text(it->co2_saving_t));
  cells.push_back(figure_text(it->saving_cny));
  cells.push_back(figure_text(it->payback_years));
}

nlohmann::json baselines_json(const site::SweepVariant& r) {
  nlohmann::json arr = nlohmann::json::array();
  for (const site::SweepBaseline& b : r.baselines) {
    arr.push_back({{"id", b.id},
                   {"co2_saving_t", figure_json(b.co2_saving_t)},
                   {"saving_cny", figure_json(b.saving_cny)},
                   {"payback_years", figure_json(b.payback_years)}});
  }
  return arr;
}

// Whether a variant's unit cools: the cooling columns are shown only then.
bool any_cools(const std::vector<site::SweepVariant>& rows) {
  const auto cols = site::sweep_columns();
  for (const site::SweepVariant& r : rows) {
    for (std::size_t k = 0; r.ok() && k < cols.size(); ++k) {
      if (cols[k].cooling && !std::holds_alternative<std::monostate>(r.figures[k])) return true;
    }
  }
  return false;
}

// The variants as JSON, or as a table (csv; the table on screen up to 200 variants): the heat
// pump's columns (its cooling columns when a variant cools), then for every baseline its CO2
// saving, cost saving and payback.
void print_sweep(Context& ctx, const SweepAxes& axes, const std::vector<site::SweepVariant>& rows,
                 std::size_t failed) {
  const std::size_t total = rows.size();
  const bool cooling = any_cools(rows);
  const auto shown = [cooling](const site::SweepColumn& col) { return cooling || !col.cooling; };
  if (ctx.format() == Format::json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const site::SweepVariant& r : rows) {
      nlohmann::json v;
      for (std::size_t a = 0; a < axes.size(); ++a) v[axes[a].first] = r.values[a];
      nlohmann::json result;
      for (std::size_t k = 0; k < r.figures.size(); ++k) {
        const site::SweepColumn& col = site::sweep_columns()[k];
        if (shown(col)) result[std::string(col.name)] = figure_json(r.figures[k]);
      }
      arr.push_back({{"vary", v},
                     {"result", result},
                     {"baselines", r.ok() ? baselines_json(r) : nlohmann::json()},
                     {"error", r.error.empty() ? nlohmann::json() : nlohmann::json(r.error)}});
    }
    ctx.print_json({{"variants", arr}});
  } else {
    std::vector<std::string> head;
    for (const auto& a : axes) head.push_back(a.first);
    for (const site::SweepColumn& col : site::site_columns()) {
      if (shown(col)) head.emplace_back(col.name);
    }
    const std::vector<std::string> ids = baseline_ids(rows);
    for (const std::string& id : ids) {
      for (const char* what : {"co2_saving_t", "saving_cny", "payback_years"})
        head.push_back(fmt::format("{}:{}", what, id));
    }
    Table t(head);
    for (const site::SweepVariant& r : rows) {
      std::vector<std::string> cells = r.values;
      for (std::size_t k = 0; k < site::site_columns().size(); ++k) {
        if (!shown(site::site_columns()[k])) continue;
        cells.push_back(r.ok() ? figure_text(r.figures[k]) : std::string("–"));
      }
      for (const std::string& id : ids) add_baseline_cells(cells, r, id);
      t.add_row(cells);
    }
    if (ctx.out_dir) {
      const auto dir = ctx.require_out_dir("site sweep");
      std::ostringstream f;
      t.print_csv(f);
      ctx.write_file(dir / "sweep.csv", f.str());
      ctx.err() << fmt::format("site sweep: wrote {}\n", (dir / "sweep.csv").string());
    }
    if (total <= 200 || ctx.format() == Format::csv) {
      t.print(ctx);
    } else {
      ctx.out() << fmt::format(
          "site sweep: {} variants ({} failed); the table is in --out DIR "
          "(sweep.csv) or --format csv\n",
          total, failed);
    }
  }
}

void site_sweep(Context& ctx, const SiteOptions& opt) {
  if (opt.vary.empty()) throw InvalidInput("site sweep: give at least one --vary KEY=V1,V2,...");
  std::size_t total = 1;
  const SweepAxes axes = sweep_axes(opt, total);
  Libraries lib(ctx);
  const auto doc = core::ConfigDocument::from_file(opt.file);
  const auto base = std::filesystem::path(opt.file).parent_path();
  std::vector<site::SweepVariant> rows = sweep_rows(axes, total);
  std::vector<std::string> keys;
  for (const auto& axis : axes) keys.push_back(axis.first);
  site::run_sweep(doc, keys, rows, lib.site, base, opt.threads);

  std::size_t failed = 0;
  for (std::size_t i = 0; i < total; ++i) {
    if (!rows[i].ok()) {
      ++failed;
      if (failed <= 10)
        ctx.err() << fmt::format("site sweep: variant {}: {}\n", i + 1, rows[i].error);
    }
  }
  if (failed > 10) ctx.err() << fmt::format("site sweep: … {} variants failed in all\n", failed);

  print_sweep(ctx, axes, rows, failed);
  if (failed == total)
    throw InvalidInput(fmt::format("site sweep: every variant failed: {}", rows.front().error));
}

void setup(CLI::App& app, Context& ctx) {
  auto* site = app.add_subcommand("site",
                                  "a heat pump at a site, hour by hour, against coal, gas "
                                  "and electric baselines");
  site->require_subcommand(1);
  auto opt = std::make_shared<SiteOptions>();
  auto* run = site->add_subcommand("run", "simulate one site file");
  run->add_option("file", opt->file, "site file (TOML, docs/site.md)")->required();
  run->add_option("--lang", opt->lang, "language of report.html: zh (default) or en");
  run->callback([&ctx, opt] { site_run(ctx, *opt); });
  auto* sweep = site->add_subcommand("sweep", "simulate every combination of the --vary values");
  sweep->add_option("file", opt->file, "site file (TOML, docs/site.md)")->required();
  sweep
      ->add_option("--vary", opt->vary,
                   "KEY=V1,V2,... a dotted key of the site file and its values (repeatable)")
      ->required();
  sweep->add_option("--threads", opt->threads, "threads (0 = all cores)");
  sweep->callback([&ctx, opt] { site_sweep(ctx, *opt); });
}

const VerbRegistrar registrar{"site", 150, setup};

}  // namespace
}  // namespace heatlift::cli
