// Verbs of the site layer: `heatlift site run SITE.toml` (a year hour by hour against the
// baselines: summary table, hourly.csv, summary.json, report.html) and `heatlift site
// sweep SITE.toml --vary KEY=V1,V2,...` (every combination, in parallel).
#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/report/site_report.hpp"
#include "heatlift/site/site_case.hpp"
#include "heatlift/site/site_output.hpp"

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
std::string num(const nlohmann::json& v, int decimals, double scale = 1.0) {
  return v.is_number() ? num(v.get<double>() * scale, decimals) : std::string("–");
}

// The comparison table: the heat pump and each baseline.
Table comparison_table(const nlohmann::json& s);

Table comparison_table(const nlohmann::json& s) {
  const auto& a = s["annual"];
  const auto& acc = s["heat_pump_accounts"];
  Table t({"option", "fuel", "efficiency_%", "fuel_use", "unit", "CO2_t", "CO2_saving_t",
           "energy_cost_CNY", "annual_cost_CNY", "LCOH_CNY/kWh", "saving_CNY/a", "payback_a",
           "NPV_CNY"});
  t.add_row({"heat pump", "electricity", num(a["spf_h4"].get<double>() * 100.0, 0),
             num(a["grid_kwh"].get<double>(), 0), "kWh", num(acc["co2_t"], 2), "–",
             num(acc["energy_cost_cny"], 0), num(acc["annual_cost_cny"], 0),
             num(acc["lcoh_cny_per_kwh"], 3), "–", "–", "–"});
  for (const auto& b : s["baselines"]) {
    t.add_row({b["id"].get<std::string>(), b["fuel"].get<std::string>(),
               num(b["efficiency"].get<double>() * 100.0, 0), num(b["fuel_use"], 2),
               b["fuel_unit"].get<std::string>(), num(b["co2_t"], 2), num(b["co2_saving_t"], 2),
               num(b["energy_cost_cny"], 0), num(b["annual_cost_cny"], 0),
               num(b["lcoh_cny_per_kwh"], 3), num(b["cost_saving_cny"], 0),
               b["payback_years"].is_number()     ? num(b["payback_years"], 1)
               : b["cost_saving_cny"].is_number() ? std::string("never")
                                                  : std::string("–"),
               num(b["npv_cny"], 0)});
  }
  return t;
}

void print_summary(Context& ctx, const nlohmann::json& s) {
  if (ctx.format() == Format::csv) {  // the table alone, machine-readable
    comparison_table(s).print(ctx);
    return;
  }
  const auto& a = s["annual"];
  const auto& hp = s["heat_pump"];
  const auto& acc = s["heat_pump_accounts"];
  std::ostream& out = ctx.out();
  out << fmt::format("{} — {} ({}, design {:.1f} °C{})\n", s["site"]["name"].get<std::string>(),
                     s["site"]["city"].get<std::string>(), s["site"]["zone"].get<std::string>(),
                     s["site"]["t_design_c"].get<double>(),
                     s["site"]["synthetic_weather"].get<bool>()
                         ? "; synthetic year from the GB 50736 station, docs/climate.md"
                         : "");
  out << fmt::format("heat pump: {} × {:.2f} = {:.1f} kW nominal, {} source\n",
                     hp["name"].get<std::string>(), hp["scale"].get<double>(),
                     hp["capacity_kw"].get<double>(), hp["source"].get<std::string>());
  out << fmt::format(
      "load {:.0f} kWh · heat pump {:.0f} kWh · back-up {:.0f} kWh ({:.1f} %) · unmet {:.0f} kWh "
      "in {} h\n",
      a["load_kwh"].get<double>(), a["hp_heat_kwh"].get<double>(),
      a["backup_heat_kwh"].get<double>(), a["backup_share"].get<double>() * 100.0,
      a["unmet_kwh"].get<double>(), a["unmet_hours"].get<int>());
  out << fmt::format(
      "electricity {:.0f} kWh · SPF H1 {:.2f}  H2 {:.2f}  H3 {:.2f}  H4 {:.2f} · peak {:.2f} kW · "
      "bivalent point {}\n",
      a["electricity_kwh"].get<double>(), a["spf_h1"].get<double>(), a["spf_h2"].get<double>(),
      a["spf_h3"].get<double>(), a["spf_h4"].get<double>(), a["peak_electric_kw"].get<double>(),
      a["bivalent_point_c"].is_number()
          ? fmt::format("{:.1f} °C", a["bivalent_point_c"].get<double>())
          : std::string("none (the heat pump alone met every hour it ran)"));
  out << fmt::format(
      "CO2 {:.2f} t/a (grid {}, {} at {:.3f} kg/kWh; refrigerant {:.2f} t) · energy cost {} CNY/a "
      "· "
      "LCOH {} CNY/kWh\n\n",
      acc["co2_t"].get<double>(), acc["grid"].get<std::string>(), acc["year"].get<int>(),
      acc["grid_factor_kg_per_kwh"].get<double>(), acc["co2_refrigerant_t"].get<double>(),
      num(acc["energy_cost_cny"], 0), num(acc["lcoh_cny_per_kwh"], 3));
  comparison_table(s).print(ctx);
  if (s["gbt50801"].is_object()) {
    const auto& g = s["gbt50801"];
    out << fmt::format(
        "\nGB/T 50801-2013: system COP {:.2f}, grade {}, conventional energy substituted {:.0f} "
        "kgce/a ({}), CO2 avoided {:.2f} t/a{}\n",
        g["system_cop"].get<double>(),
        g["grade"].is_number() ? std::to_string(g["grade"].get<int>()) : "below 3",
        g["substituted_kgce"].get<double>(), g["electricity_to_coal_basis"].get<std::string>(),
        g["co2_avoided_t"].get<double>(),
        !g.contains("static_payback_years") ? std::string()
        : g["static_payback_years"].is_number()
            ? fmt::format(", static payback {:.1f} a", g["static_payback_years"].get<double>())
            : std::string(", static payback never"));
  }
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
    print_summary(ctx, summary);
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
    const auto dot = key.rfind('.');
    if (dot != std::string::npos && core::find_block("site", key.substr(0, dot))) {
      for (const auto& value : values) core::check_setting("site", key, value);
    }
    total *= axes.back().second.size();
    if (total > 1'000'000)
      throw InvalidInput("site sweep: more than 1,000,000 combinations; expected fewer");
  }
  return axes;
}

struct SweepRow {
  std::vector<std::string> values;
  std::optional<nlohmann::json> result;
  std::string error;
};

// One variant's figures.
nlohmann::json variant_result(const site::SiteCase& c, const site::SiteOutcome& o) {
  const auto& an = o.simulation.annual;
  nlohmann::json j = {{"spf_h4", an.spf_h4},
                      {"spf_h2", an.spf_h2},
                      {"heat_kwh", (an.hp_heat + an.backup_heat) / J_per_kWh},
                      {"electricity_kwh", an.electricity / J_per_kWh},
                      {"backup_share", an.backup_share},
                      {"peak_electric_kw", an.peak_electric / 1e3},
                      {"unmet_hours", an.unmet_hours},
                      {"capacity_kw", c.heat_pump.capacity / 1e3},
                      {"co2_t", o.co2_kg / 1e3}};
  j["energy_cost_cny"] = o.tariff ? nlohmann::json(o.tariff->cost_cny) : nlohmann::json();
  j["lcoh_cny_per_kwh"] = o.lcoh ? nlohmann::json(*o.lcoh * J_per_kWh) : nlohmann::json();
  if (!o.baselines.empty()) {
    const auto& b = o.baselines.front();
    j["baseline"] = b.generator.id;
    j["co2_saving_t"] = b.co2_saving_kg / 1e3;
    j["payback_years"] = b.money && b.money->payback.years ? nlohmann::json(*b.money->payback.years)
                                                           : nlohmann::json();
  }
  return j;
}

// Every variant's values, the last axis varying fastest.
std::vector<SweepRow> sweep_rows(const SweepAxes& axes, std::size_t total) {
  std::vector<SweepRow> rows(total);
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

// Runs the variants on `threads` threads (0: all cores); a variant that fails keeps its error.
void run_variants(const SweepAxes& axes, const core::ConfigDocument& doc,
                  const site::SiteLibraries& lib, const std::filesystem::path& base,
                  unsigned threads, std::vector<SweepRow>& rows) {
  const std::size_t total = rows.size();
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < total; i = next++) {
      SweepRow& r = rows[i];
      try {
        core::ConfigDocument d = doc;
        for (std::size_t a = 0; a < axes.size(); ++a) d = d.with_value(axes[a].first, r.values[a]);
        const site::SiteCase c = site::read_site(d, lib, base);
        const site::SiteOutcome o = site::evaluate(c, lib);
        r.result = variant_result(c, o);
      } catch (const Error& e) {
        r.error = e.what();
      }
    }
  };
  const unsigned n = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::min<std::size_t>(n, total); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

// The variants as JSON, or as a table (csv; the table on screen up to 200 variants).
void print_sweep(Context& ctx, const SweepAxes& axes, const std::vector<SweepRow>& rows,
                 std::size_t failed) {
  const std::size_t total = rows.size();
  const std::vector<std::string> cols = {
      "capacity_kw",      "heat_kwh",         "electricity_kwh", "spf_h2",       "spf_h4",
      "backup_share",     "peak_electric_kw", "unmet_hours",     "co2_t",        "energy_cost_cny",
      "lcoh_cny_per_kwh", "baseline",         "co2_saving_t",    "payback_years"};
  if (ctx.format() == Format::json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const SweepRow& r : rows) {
      nlohmann::json v;
      for (std::size_t a = 0; a < axes.size(); ++a) v[axes[a].first] = r.values[a];
      arr.push_back({{"vary", v},
                     {"result", r.result ? *r.result : nlohmann::json()},
                     {"error", r.error.empty() ? nlohmann::json() : nlohmann::json(r.error)}});
    }
    ctx.print_json({{"variants", arr}});
  } else {
    std::vector<std::string> head;
    for (const auto& a : axes) head.push_back(a.first);
    head.insert(head.end(), cols.begin(), cols.end());
    Table t(head);
    for (const SweepRow& r : rows) {
      std::vector<std::string> cells = r.values;
      for (const auto& c : cols) {
        if (!r.result) {
          cells.push_back("–");
          continue;
        }
        const auto& v = (*r.result)[c];
        cells.push_back(v.is_string()           ? v.get<std::string>()
                        : v.is_number_integer() ? std::to_string(v.get<long long>())
                        : v.is_number()         ? num(v.get<double>(), 3)
                                                : std::string("–"));
      }
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
  std::vector<SweepRow> rows = sweep_rows(axes, total);
  run_variants(axes, doc, lib.site, base, opt.threads, rows);

  std::size_t failed = 0;
  for (std::size_t i = 0; i < total; ++i) {
    if (!rows[i].result) {
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
