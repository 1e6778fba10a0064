// Verbs of the cycles layer: `heatlift cycle run|compare|diagram|map` (`map` builds the
// equipment layer's PerformanceMap from the design).
#include <fmt/format.h>

#include <cmath>
#include <fstream>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/cycles/cycle.hpp"
#include "heatlift/cycles/cycle_io.hpp"
#include "heatlift/equipment/cycle_map.hpp"
#include "heatlift/equipment/map_io.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/report/cycle_json.hpp"
#include "heatlift/report/messages.hpp"
#include "heatlift/report/ph_diagram.hpp"

namespace heatlift::cli {
namespace {

using cycles::CycleResult;
using cycles::CycleSpec;
constexpr double kC = core::kZeroCelsius;

std::string f2(double v, int d) {
  return fmt::format("{:.{}f}", v, d);
}

void print_result(Context& ctx, const cycles::CycleFile& file, const CycleResult& r) {
  auto& o = ctx.out();
  if (!file.name.empty()) o << file.name << '\n';
  o << fmt::format("{} · {} · {} backend\n\n", cycles::to_string(r.topology),
                   fmt::join(r.fluids, " / "),
                   file.spec.backend == fluids::Backend::fast ? "fast" : "exact");
  Table nodes({"node", "fluid", "T_C", "p_MPa", "h_kJ/kg", "s_kJ/kgK", "Q", "m_dot_kg/s"});
  for (const auto& n : r.nodes) {
    nodes.add_row({n.name(), r.fluids[static_cast<std::size_t>(n.fluid)], f2(n.state.T - kC, 2),
                   f2(n.state.p / 1e6, 4), f2(n.state.h / 1e3, 2), f2(n.state.s / 1e3, 4),
                   n.state.Q ? f2(*n.state.Q, 4) : "-", f2(n.m_dot, 5)});
  }
  nodes.print(ctx);
  o << '\n';
  Table sum({"quantity", "value", "unit"});
  sum.add_row({"heating capacity", f2(r.heating / 1e3, 3), "kW"});
  sum.add_row({"heat from source", f2(r.source_heat / 1e3, 3), "kW"});
  sum.add_row({"compressor shaft power", f2(r.compressor_shaft / 1e3, 3), "kW"});
  sum.add_row({"compressor electric power", f2(r.compressor_electric / 1e3, 3), "kW"});
  if (r.auxiliary > 0.0) sum.add_row({"auxiliary power", f2(r.auxiliary / 1e3, 3), "kW"});
  sum.add_row({"COP (heating)", f2(r.cop, 3), "-"});
  sum.add_row({"Carnot COP", f2(r.cop_carnot, 3), "-"});
  sum.add_row({"Lorenz COP", f2(r.cop_lorenz, 3), "-"});
  sum.add_row({"Carnot efficiency", f2(r.eta_carnot, 3), "-"});
  sum.add_row({"Lorenz efficiency", f2(r.eta_lorenz, 3), "-"});
  sum.add_row({"discharge temperature", f2(r.T_discharge - kC, 1), "°C"});
  sum.add_row({"pressure ratio", f2(r.pressure_ratio, 3), "-"});
  sum.add_row({"low pressure", f2(r.p_low / 1e6, 4), "MPa"});
  sum.add_row({"high pressure", f2(r.p_high / 1e6, 4), "MPa"});
  sum.add_row({"volumetric heating capacity", f2(r.volumetric_heating_capacity / 1e3, 1), "kJ/m3"});
  if (r.source_pinch) sum.add_row({"source pinch", f2(r.source_pinch->approach, 3), "K"});
  if (r.sink_pinch) sum.add_row({"sink pinch", f2(r.sink_pinch->approach, 3), "K"});
  sum.add_row({"energy balance (relative)", fmt::format("{:.1e}", r.energy_balance), "-"});
  sum.print(ctx);
  o << '\n';
  Table ent({"component", "entropy_generated_W/K"});
  for (const auto& e : r.entropy) ent.add_row({e.name(), fmt::format("{:.4g}", e.generated)});
  ent.print(ctx);
  for (const auto& n : r.notes) o << "note: " << n << '\n';
}

CycleResult solve_file(Context& ctx, const cycles::CycleFile& file) {
  const fluids::FluidLibrary lib(ctx.data());
  return cycles::CycleSolver(lib).solve(file.spec);
}

void cycle_run(Context& ctx, const std::string& path) {
  const cycles::CycleFile file = cycles::read_cycle_file(path);
  const CycleResult r = solve_file(ctx, file);
  if (ctx.format() == Format::json) {
    nlohmann::json doc = report::cycle_result_json(r);
    doc["name"] = file.name;
    ctx.print_json(doc);
    return;
  }
  print_result(ctx, file, r);
}

// ---- compare -----------------------------------------------------------------------------

std::optional<double> gwp_of(const fluids::FluidInfo& in, const std::string& which) {
  return which == "ar4" ? in.gwp.ar4 : which == "ar6" ? in.gwp.ar6 : in.gwp.ar5;
}

// A fluid whose cycle failed: its safety class, GWP and charge are still facts worth showing,
// so a charge's CO2e is never left blank for want of a cycle. `known`: the fluid resolved.
template <typename ChargeOf>
void infeasible_row(Table& t, nlohmann::json& rows, const fluids::FluidLibrary& lib,
                    const std::string& id, bool known, const std::string& why,
                    const std::string& gwp_report, const ChargeOf& charge_of) {
  std::string safety = "-";
  std::optional<double> gwp, charge, co2e;
  if (known) {
    const auto info = lib.exact(id)->info();
    if (!info.safety_class.empty()) safety = info.safety_class;
    gwp = gwp_of(info, gwp_report);
    try {
      charge = charge_of(id);
    } catch (const Error&) {
      charge.reset();  // no liquid at the reference level: no charge estimate
    }
    if (charge && gwp) co2e = *charge * *gwp / 1e3;
  }
  t.add_row({id, "-", "-", "-", "-", "-", "-", "-", safety, gwp ? fmt::format("{:g}", *gwp) : "-",
             charge ? f2(*charge, 3) : "-", co2e ? f2(*co2e, 4) : "-",
             fmt::format("infeasible: {}", why)});
  rows.push_back({{"fluid", id},
                  {"error", why},
                  {"gwp100", gwp ? nlohmann::json(*gwp) : nlohmann::json(nullptr)},
                  {"gwp_report", gwp_report},
                  {"charge_kg", charge ? nlohmann::json(*charge) : nlohmann::json(nullptr)},
                  {"charge_tCO2e", co2e ? nlohmann::json(*co2e) : nlohmann::json(nullptr)}});
}

void cycle_compare(Context& ctx, const std::string& path, const std::string& list,
                   const std::string& gwp_report) {
  const cycles::CycleFile file = cycles::read_cycle_file(path);
  const fluids::FluidLibrary lib(ctx.data());
  std::vector<std::string> names;
  for (std::size_t a = 0; a <= list.size();) {
    const std::size_t b = std::min(list.find(',', a), list.size());
    if (b > a) names.push_back(list.substr(a, b - a));
    a = b + 1;
  }
  if (names.empty()) throw InvalidInput("--fluids: expected a list such as R32,R290,R744");
  // Charge of the other fluids: the file's charge scaled by the saturated-liquid density at
  // the condensing level (the charge sits mostly as liquid), documented in docs/cycles.md.
  const auto liquid_density = [&](const std::string& id, double T) {
    const auto f = lib.get(id, fluids::Backend::exact);
    const double Tl = std::min(T, f->info().T_crit - 5.0);
    return f->at_T_Q(Tl, 0.0).rho;
  };
  const double T_ref = file.spec.T_cond     ? *file.spec.T_cond
                       : file.spec.sink     ? file.spec.sink->T_out
                       : file.spec.T_gc_out ? *file.spec.T_gc_out
                                            : kC + 35.0;
  const std::string base_id = lib.resolve(file.spec.fluid);
  // The file's charge carried over to another fluid (none without a charge in the file).
  const auto charge_of = [&](const std::string& id) -> std::optional<double> {
    if (!file.charge) return std::nullopt;
    return *file.charge * liquid_density(id, T_ref) / liquid_density(base_id, T_ref);
  };
  nlohmann::json rows = nlohmann::json::array();
  Table t({"fluid", "topology", "COP", "T_discharge_C", "p_low_MPa", "p_high_MPa", "pressure_ratio",
           "VHC_kJ/m3", "safety", fmt::format("GWP100_{}", gwp_report), "charge_kg", "charge_tCO2e",
           "note"});
  for (const auto& name : names) {
    CycleSpec s = file.spec;
    s.fluid = name;
    std::string id;
    try {
      id = lib.resolve(name);
      const auto info = lib.exact(id)->info();
      // A fluid that cannot condense at the level asked for runs transcritical, its gas
      // cooler leaving at the subcooled liquid's temperature.
      if (s.topology == cycles::Topology::single_stage && s.T_cond &&
          *s.T_cond > info.T_crit - 2.0) {
        s.topology = cycles::Topology::transcritical;
        s.T_gc_out = *s.T_cond - s.subcooling;
        s.T_cond.reset();
        s.compressor.T_discharge_max = std::max(s.compressor.T_discharge_max, kC + 160.0);
      }
      const CycleResult r = cycles::CycleSolver(lib).solve(s);
      const std::optional<double> charge = charge_of(id);
      const auto gwp = gwp_of(info, gwp_report);
      std::optional<double> co2e;
      if (charge && gwp) co2e = *charge * *gwp / 1e3;
      t.add_row({id, std::string(cycles::to_string(r.topology)), f2(r.cop, 3),
                 f2(r.T_discharge - kC, 1), f2(r.p_low / 1e6, 3), f2(r.p_high / 1e6, 3),
                 f2(r.pressure_ratio, 2), f2(r.volumetric_heating_capacity / 1e3, 0),
                 info.safety_class.empty() ? "-" : info.safety_class,
                 gwp ? fmt::format("{:g}", *gwp) : "-", charge ? f2(*charge, 3) : "-",
                 co2e ? f2(*co2e, 4) : "-", ""});
      rows.push_back({{"fluid", id},
                      {"topology", std::string(cycles::to_string(r.topology))},
                      {"cop", r.cop},
                      {"T_discharge_K", r.T_discharge},
                      {"p_low_Pa", r.p_low},
                      {"p_high_Pa", r.p_high},
                      {"pressure_ratio", r.pressure_ratio},
                      {"volumetric_heating_capacity_J_per_m3", r.volumetric_heating_capacity},
                      {"safety_class", info.safety_class},
                      {"gwp100", gwp ? nlohmann::json(*gwp) : nlohmann::json(nullptr)},
                      {"gwp_report", gwp_report},
                      {"charge_kg", charge ? nlohmann::json(*charge) : nlohmann::json(nullptr)},
                      {"charge_tCO2e", co2e ? nlohmann::json(*co2e) : nlohmann::json(nullptr)}});
    } catch (const DataMissing&) {
      throw;  // an unknown fluid is the user's mistake, not a result
    } catch (const Error& e) {
      infeasible_row(t, rows, lib, id.empty() ? name : id, !id.empty(), e.what(), gwp_report,
                     charge_of);
    }
  }
  if (ctx.format() == Format::json) {
    ctx.print_json({{"compare", rows}, {"same_duty_as", file.name}});
    return;
  }
  t.print(ctx);
  if (!file.charge) ctx.out() << "note: give `charge` in the cycle file for charges and CO2e\n";
}

// ---- diagram -----------------------------------------------------------------------------

std::filesystem::path output_file(Context& ctx, std::string_view verb, std::string_view ext,
                                  std::string_view default_name) {
  if (!ctx.out_dir)
    throw InvalidInput(fmt::format("{}: --out FILE{} or --out DIR is required", verb, ext));
  std::filesystem::path p = *ctx.out_dir;
  if (p.extension() == ext) {
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    return p;
  }
  return ctx.require_out_dir(verb) / default_name;
}

void cycle_diagram(Context& ctx, const std::string& path, const std::string& lang) {
  const cycles::CycleFile file = cycles::read_cycle_file(path);
  const fluids::FluidLibrary lib(ctx.data());
  const CycleResult r = cycles::CycleSolver(lib).solve(file.spec);
  std::vector<cycles::WorkingFluid> wf;
  for (const auto& id : r.fluids)
    wf.push_back(cycles::WorkingFluid::from_library(lib, id, fluids::Backend::exact));
  std::vector<const cycles::WorkingFluid*> ptrs;
  for (const auto& w : wf) ptrs.push_back(&w);
  const auto text = report::Messages::load(ctx.data(), report::parse_lang(lang));
  const std::string svg = report::ph_diagram_svg(r, ptrs, text);
  const auto out = output_file(ctx, "cycle diagram", ".svg", "ph.svg");
  ctx.write_file(out, svg);
  if (ctx.format() == Format::json) {
    ctx.print_json({{"diagram", out.string()}, {"cop", r.cop}});
  } else {
    ctx.out() << fmt::format("wrote {} (COP {:.3f})\n", out.string(), r.cop);
  }
}

// ---- map ---------------------------------------------------------------------------------

void cycle_map(Context& ctx, const std::string& path, unsigned threads) {
  const cycles::CycleFile file = cycles::read_cycle_file(path);
  const fluids::FluidLibrary lib(ctx.data());
  const auto f = cycles::WorkingFluid::from_library(lib, file.spec.fluid, file.spec.backend);
  std::optional<cycles::WorkingFluid> fh;
  if (!file.spec.fluid_high.empty())
    fh = cycles::WorkingFluid::from_library(lib, file.spec.fluid_high, file.spec.backend);
  if (!file.spec.source || !file.spec.sink)
    throw InvalidInput(fmt::format("{}: a map needs [source] and [sink] streams", path));
  const auto kind = equipment::source_kind_of(*file.spec.source);
  cycles::MapRequest q;
  if (file.map) {
    q = *file.map;
  } else {
    // Defaults: the standard rating temperatures' range of the source kind.
    for (double t = kind == equipment::SourceKind::air ? -25.0 : -5.0;
         t <= (kind == equipment::SourceKind::air ? 20.0 : 20.0) + 1e-9; t += 5.0)
      q.source_T.push_back(t + kC);
    for (double t = 30.0; t <= 60.0 + 1e-9; t += 5.0) q.sink_T.push_back(t + kC);
    q.part_load = {0.3, 0.5, 0.75, 1.0};
  }
  const equipment::MapAxes axes = equipment::map_axes(q);
  equipment::CycleMapOptions opt = equipment::map_options(q);
  opt.threads = threads;
  std::vector<equipment::NodeIssue> issues;
  equipment::CycleMapSizing sizing;
  const auto map = equipment::map_from_cycle(file.spec, f, fh ? &*fh : nullptr, kind, axes, opt,
                                             &issues, &sizing);
  const auto out = output_file(ctx, "cycle map", ".csv", "map.csv");
  ctx.write_file(out, equipment::to_csv(map));
  if (ctx.format() == Format::json) {
    nlohmann::json inv = nlohmann::json::array();
    for (const auto& i : issues)
      inv.push_back({{"t_source_K", i.t_source},
                     {"t_sink_K", i.t_sink},
                     {"part_load", i.part_load},
                     {"reason", i.reason}});
    ctx.print_json({{"map", out.string()},
                    {"nodes", map.node_count()},
                    {"invalid_nodes", map.invalid_node_count()},
                    {"displacement_m3", sizing.displacement},
                    {"speed_nominal_per_s", sizing.speed_nominal},
                    {"design_capacity_W", sizing.design_capacity},
                    {"design_cop", sizing.design_cop},
                    {"invalid", inv}});
    return;
  }
  ctx.out() << fmt::format(
      "wrote {}: {} nodes ({} source × {} sink × {} speeds), {} infeasible\n"
      "design point: {:.3f} kW heating, COP {:.3f}; compressor {:.4g} cm3 × {:.4g} rev/s at full "
      "speed\n",
      out.string(), map.node_count(), axes.t_source.size(), axes.t_sink.size(),
      axes.part_load.size(), map.invalid_node_count(), sizing.design_capacity / 1e3,
      sizing.design_cop, sizing.displacement * 1e6, sizing.speed_nominal);
  std::size_t shown = 0;
  for (const auto& i : issues) {
    if (++shown > 5) {
      ctx.out() << fmt::format("... and {} more\n", issues.size() - 5);
      break;
    }
    ctx.out() << fmt::format("infeasible at source {:.1f} °C, sink {:.1f} °C, speed {:.0f} %: {}\n",
                             i.t_source - kC, i.t_sink - kC, i.part_load * 100.0, i.reason);
  }
}

void setup(CLI::App& app, Context& ctx) {
  auto* cycle =
      app.add_subcommand("cycle", "vapour-compression cycles solved from real properties");
  cycle->require_subcommand(1);

  auto* run = cycle->add_subcommand("run", "solve a cycle file: node table and summary");
  auto run_path = std::make_shared<std::string>();
  run->add_option("file", *run_path,
                  "cycle file (TOML), e.g. examples/cycles/r32-single-stage.toml")
      ->required();
  run->callback([&ctx, run_path] { cycle_run(ctx, *run_path); });

  auto* cmp = cycle->add_subcommand("compare", "the same duty with other refrigerants");
  auto cmp_path = std::make_shared<std::string>();
  auto cmp_fluids = std::make_shared<std::string>();
  auto cmp_gwp = std::make_shared<std::string>("ar5");
  cmp->add_option("file", *cmp_path, "cycle file (TOML)")->required();
  cmp->add_option("--fluids", *cmp_fluids, "comma-separated, e.g. R32,R290,R1234yf,R744")
      ->required();
  cmp->add_option("--gwp", *cmp_gwp, "GWP report: ar4, ar5 (default) or ar6")
      ->check(CLI::IsMember({"ar4", "ar5", "ar6"}));
  cmp->callback([&ctx, cmp_path, cmp_fluids, cmp_gwp] {
    cycle_compare(ctx, *cmp_path, *cmp_fluids, *cmp_gwp);
  });

  auto* dia = cycle->add_subcommand("diagram", "log p-h chart of the cycle (SVG): --out ph.svg");
  auto dia_path = std::make_shared<std::string>();
  auto dia_lang = std::make_shared<std::string>("zh");
  dia->add_option("file", *dia_path, "cycle file (TOML)")->required();
  dia->add_option("--lang", *dia_lang, "zh (default) or en");
  dia->callback([&ctx, dia_path, dia_lang] { cycle_diagram(ctx, *dia_path, *dia_lang); });

  auto* map = cycle->add_subcommand(
      "map", "PerformanceMap of the design over source × sink × speed (CSV): --out map.csv");
  auto map_path = std::make_shared<std::string>();
  auto map_threads = std::make_shared<unsigned>(0);
  map->add_option("file", *map_path, "cycle file (TOML) with [source], [sink] and optional [map]")
      ->required();
  map->add_option("--threads", *map_threads, "threads (0 = all cores)");
  map->callback([&ctx, map_path, map_threads] { cycle_map(ctx, *map_path, *map_threads); });
}

const VerbRegistrar registrar{"cycle", 110, setup};

}  // namespace
}  // namespace heatlift::cli
