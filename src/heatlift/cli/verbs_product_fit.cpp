// `heatlift product fit POINTS.csv`: a performance map from a manufacturer's datasheet
// points (equipment/datasheet_csv.hpp, datasheet_fit.hpp), with its in-sample and held-out
// (leave-one-out) error and a warning for every map node the points do not surround
// (equipment/fit_check.hpp). The map file it writes is the one `site run` reads with
// `map = "..."`.
#include <fmt/format.h>

#include <map>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/datasheet_csv.hpp"
#include "heatlift/equipment/fit_check.hpp"
#include "heatlift/equipment/map_io.hpp"

namespace heatlift::cli {
namespace {

namespace eq = equipment;
constexpr double kC = core::kZeroCelsius;

struct FitArgs {
  std::string points;
  std::string kind;  // empty: from the labels
  std::string model = "auto";
  std::string source, sink, part_load;  // map axes; empty: the points' own
  std::string margin = "5 K";
  std::string output;  // -o FILE
};

// "-20 C..15 C" → [253.15, 288.15] K.
std::optional<eq::AxisRange> parse_range(const std::string& text, std::string_view option) {
  if (text.empty()) return std::nullopt;
  const std::size_t dots = text.find("..");
  if (dots == std::string::npos) {
    throw InvalidInput(fmt::format("{} = '{}': expected FROM..TO, e.g. '-20 C..15 C'", option,
                                   core::utf8_prefix(text, 60)));
  }
  const double lo =
      core::parse_quantity(text.substr(0, dots), core::Dimension::temperature, option);
  const double hi =
      core::parse_quantity(text.substr(dots + 2), core::Dimension::temperature, option);
  if (!(hi >= lo)) {
    throw InvalidInput(fmt::format("{} = '{}': the upper end is below the lower one", option,
                                   core::utf8_prefix(text, 60)));
  }
  return eq::AxisRange{lo, hi};
}

// "0.3,0.5,1" or "30 %,50 %,100 %".
std::vector<double> parse_part_loads(const std::string& text) {
  std::vector<double> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    out.push_back(core::parse_quantity(text.substr(start, comma - start), core::Dimension::fraction,
                                       "--part-load"));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string pct(double rel) {
  return fmt::format("{:+.2f}", 100.0 * rel);
}
std::string summary_text(const eq::ErrorSummary& s) {
  return fmt::format("capacity max {:.2f} %, RMS {:.2f} %; COP max {:.2f} %, RMS {:.2f} %",
                     100.0 * s.capacity_max, 100.0 * s.capacity_rms, 100.0 * s.cop_max,
                     100.0 * s.cop_rms);
}
nlohmann::json summary_json(const eq::ErrorSummary& s) {
  if (s.points == 0) return nullptr;
  return {{"points", s.points},
          {"capacity_max_rel", s.capacity_max},
          {"capacity_rms_rel", s.capacity_rms},
          {"cop_max_rel", s.cop_max},
          {"cop_rms_rel", s.cop_rms}};
}

// Everything the run found, for either output format.
struct FitRun {
  std::string points_file;
  eq::DatasheetTable table;
  eq::SourceKind kind = eq::SourceKind::air;
  eq::ValidatedFit vf;
  std::optional<eq::PerformanceMap> map;
  std::vector<eq::Extrapolation> extrapolated;
  std::vector<std::string> warnings;
  std::string map_path;  // empty: not written
  double margin = 5.0;
};

std::vector<std::string> warnings_of(const FitRun& r) {
  std::vector<std::string> w;
  const auto& cv = r.vf.validation;
  const std::size_t n = r.table.points.size();
  if (cv.exactly_determined) {
    w.push_back(fmt::format(
        "the fit is exactly determined: {} points for {} terms ({} model); it passes through "
        "every point, so its in-sample error is zero by construction and its held-out error is "
        "undefined; add points at other source or sink temperatures to measure it",
        n, cv.parameters, r.vf.model));
  } else if (cv.held_out_summary.points < n) {
    w.push_back(fmt::format(
        "held-out error undefined at {} of {} points: without one of them the rest cannot "
        "determine the model",
        n - cv.held_out_summary.points, n));
  }
  std::size_t kept = 0;
  for (const auto& e : r.extrapolated) kept += e.valid ? 1 : 0;
  const std::size_t dropped = r.extrapolated.size() - kept;
  if (!r.extrapolated.empty()) {
    w.push_back(fmt::format(
        "{} of {} map nodes are extrapolated beyond the points: {} kept (within the {:g} K "
        "margin), {} left empty",
        r.extrapolated.size(), r.map->node_count(), kept, r.margin, dropped));
  }
  // Infeasible nodes the extrapolation warning has not counted already.
  if (const std::size_t bad = r.map->invalid_node_count() - dropped; bad > 0) {
    w.push_back(
        fmt::format("{} map nodes within the points are infeasible (empty): capacity ≤ 0, "
                    "COP ≤ 1 or COP ≥ Carnot there",
                    bad));
  }
  return w;
}

std::filesystem::path map_target(Context& ctx, const FitArgs& a) {
  if (!a.output.empty()) return a.output;
  if (!ctx.out_dir) return {};
  if (ctx.out_dir->extension() == ".csv") return *ctx.out_dir;
  const auto dir = ctx.require_out_dir("product fit");
  return dir / (std::filesystem::path(a.points).stem().string() + ".map.csv");
}

FitRun fit_points(Context& ctx, const FitArgs& a) {
  FitRun r;
  r.points_file = a.points;
  r.table = eq::load_datasheet_csv(a.points);
  if (!a.kind.empty()) {
    r.kind = eq::source_kind_from_string(a.kind, "--kind");
  } else if (const auto k = eq::source_kind_from_labels(r.table.points)) {
    r.kind = *k;
  } else {
    throw InvalidInput(fmt::format(
        "{}: give --kind air|brine|water; the labels do not name the source (A7/W35, B0/W35, "
        "W10/W35)",
        a.points));
  }
  eq::FitOptions base;
  r.margin = core::parse_quantity(a.margin, core::Dimension::temperature_difference, "--margin");
  if (r.margin < 0) throw InvalidInput(fmt::format("--margin = '{}': expected ≥ 0 K", a.margin));
  base.extrapolation_margin = r.margin;
  r.vf = eq::fit_and_validate(r.kind, r.table.points,
                              eq::model_choice_from_string(a.model, "--model"), base);
  const eq::MapAxes axes =
      eq::datasheet_axes(r.table.points, parse_range(a.source, "--source"),
                         parse_range(a.sink, "--sink"), parse_part_loads(a.part_load));
  r.map = r.vf.fit.to_map(axes);
  r.extrapolated = eq::find_extrapolations(r.table.points, *r.map);
  r.warnings = warnings_of(r);
  const auto target = map_target(ctx, a);
  if (!target.empty()) {
    ctx.write_file(target, eq::to_csv(*r.map));
    r.map_path = target.string();
  }
  return r;
}

nlohmann::json points_json(const FitRun& r) {
  nlohmann::json pts = nlohmann::json::array();
  for (std::size_t i = 0; i < r.table.points.size(); ++i) {
    const auto& p = r.table.points[i];
    const auto& res = r.vf.fit.residuals()[i];
    const auto& h = r.vf.validation.held_out[i];
    nlohmann::json held = nullptr;
    if (h.defined) held = {{"capacity_rel", h.capacity_rel}, {"cop_rel", h.cop_rel}};
    nlohmann::json j = {{"label", p.label},
                        {"line", r.table.lines[i]},
                        {"t_source_K", p.t_source},
                        {"t_sink_K", p.t_sink},
                        {"part_load", p.part_load},
                        {"capacity_W", p.capacity},
                        {"cop", p.cop},
                        {"fit",
                         {{"capacity_W", res.capacity_fit},
                          {"cop", res.cop_fit},
                          {"capacity_rel", res.capacity_rel},
                          {"cop_rel", res.cop_rel}}},
                        {"held_out", held}};
    if (!h.defined) j["held_out_undefined"] = h.why_undefined;
    pts.push_back(std::move(j));
  }
  return pts;
}

void print_json(Context& ctx, const FitRun& r) {
  nlohmann::json ext = nlohmann::json::array();
  for (const auto& e : r.extrapolated) {
    ext.push_back({{"t_source_K", e.t_source},
                   {"t_sink_K", e.t_sink},
                   {"part_load", e.part_load},
                   {"reason", e.reason},
                   {"valid", e.valid}});
  }
  const auto& cv = r.vf.validation;
  const auto& axes = r.map->axes();
  ctx.print_json(
      {{"points_file", r.points_file},
       {"source_kind", std::string(eq::to_string(r.kind))},
       {"model", r.vf.model},
       {"model_choice", r.vf.choice},
       {"description", r.vf.fit.describe()},
       {"capacity_coefficients", r.vf.fit.capacity_coefficients()},
       {"efficiency_coefficients", r.vf.fit.efficiency_coefficients()},
       {"parameters", cv.parameters},
       {"exactly_determined", cv.exactly_determined},
       {"points", points_json(r)},
       {"in_sample", summary_json(cv.in_sample)},
       {"held_out", summary_json(cv.held_out_summary)},
       {"map", r.map_path.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.map_path)},
       {"axes",
        {{"t_source_K", axes.t_source}, {"t_sink_K", axes.t_sink}, {"part_load", axes.part_load}}},
       {"nodes", r.map->node_count()},
       {"invalid_nodes", r.map->invalid_node_count()},
       {"extrapolation_margin_K", r.margin},
       {"extrapolated", ext},
       {"warnings", r.warnings},
       {"units",
        {{"t_source_K", "K"},
         {"capacity_W", "W"},
         {"cop", "W/W"},
         {"part_load", "1 (speed fraction)"},
         {"capacity_rel", "1 (fit − datasheet) / datasheet"}}}});
}

Table points_table(const FitRun& r) {
  Table t({"point", "t_source_C", "t_sink_C", "part_load", "capacity_kW", "fit_kW", "error_%",
           "COP", "fit_COP", "COP_error_%", "held_out_capacity_%", "held_out_COP_%"});
  for (std::size_t i = 0; i < r.table.points.size(); ++i) {
    const auto& p = r.table.points[i];
    const auto& res = r.vf.fit.residuals()[i];
    const auto& h = r.vf.validation.held_out[i];
    t.add_row({p.label, fmt::format("{:g}", p.t_source - kC), fmt::format("{:g}", p.t_sink - kC),
               fmt::format("{:g}", p.part_load), fmt::format("{:.3f}", p.capacity / 1e3),
               fmt::format("{:.3f}", res.capacity_fit / 1e3), pct(res.capacity_rel),
               fmt::format("{:.3f}", p.cop), fmt::format("{:.3f}", res.cop_fit), pct(res.cop_rel),
               h.defined ? pct(h.capacity_rel) : "-", h.defined ? pct(h.cop_rel) : "-"});
  }
  return t;
}

// Extrapolated nodes grouped by their reason, in node order, at most `limit` lines.
std::vector<std::string> extrapolation_lines(const FitRun& r, std::size_t limit) {
  std::vector<std::pair<std::string, std::pair<std::size_t, std::size_t>>> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& e : r.extrapolated) {
    auto [it, fresh] = index.try_emplace(e.reason, groups.size());
    if (fresh) groups.push_back({e.reason, {0, 0}});
    auto& g = groups[it->second].second;
    ++(e.valid ? g.first : g.second);
  }
  std::vector<std::string> out;
  for (const auto& [reason, n] : groups) {
    if (out.size() == limit) {
      out.push_back(
          fmt::format("... and {} more (--format json lists every node)", groups.size() - limit));
      break;
    }
    const std::size_t total = n.first + n.second;
    const std::string what = n.second == 0 ? std::string("kept")
                             : n.first == 0
                                 ? std::string("left empty")
                                 : fmt::format("{} kept, {} left empty", n.first, n.second);
    out.push_back(fmt::format("extrapolated: {} ({} node{}, {})", reason, total,
                              total == 1 ? "" : "s", what));
  }
  return out;
}

void print_text(Context& ctx, const FitRun& r) {
  const auto& cv = r.vf.validation;
  const bool csv = ctx.format() == Format::csv;
  std::ostream& o = csv ? ctx.err() : ctx.out();
  if (csv) {
    points_table(r).print(ctx);
  } else {
    o << fmt::format("{}: {} points, {} source, {} model{}\n{}\n\n", r.points_file,
                     r.table.points.size(), eq::to_string(r.kind), r.vf.model,
                     r.vf.choice.empty() ? "" : fmt::format(" ({})", r.vf.choice),
                     r.vf.fit.describe());
    points_table(r).print(ctx);
    o << '\n';
  }
  o << fmt::format("in-sample error ({} points, {} terms): {}\n", cv.in_sample.points,
                   cv.parameters, summary_text(cv.in_sample));
  if (cv.held_out_summary.points == 0) {
    o << "held-out error (leave one out): undefined\n";
  } else {
    o << fmt::format("held-out error (leave one out, {} of {} points): {}\n",
                     cv.held_out_summary.points, r.table.points.size(),
                     summary_text(cv.held_out_summary));
  }
  for (const auto& w : r.warnings) o << "warning: " << w << '\n';
  for (const auto& l : extrapolation_lines(r, 12)) o << "  " << l << '\n';
  const auto& a = r.map->axes();
  const std::string grid =
      fmt::format("{} nodes ({} source × {} sink × {} speed{}), {} infeasible", r.map->node_count(),
                  a.t_source.size(), a.t_sink.size(), a.part_load.size(),
                  a.part_load.size() == 1 ? "" : "s", r.map->invalid_node_count());
  if (r.map_path.empty()) {
    o << fmt::format("map: {}; not written (give -o FILE or --out DIR)\n", grid);
  } else {
    o << fmt::format("wrote {}: {}\n", r.map_path, grid);
  }
}

void product_fit(Context& ctx, const FitArgs& a) {
  const FitRun r = fit_points(ctx, a);
  if (ctx.format() == Format::json) {
    print_json(ctx, r);
  } else {
    print_text(ctx, r);
  }
}

void setup(CLI::App& app, Context& ctx) {
  auto* product = app.get_subcommand("product");
  auto* fit = product->add_subcommand(
      "fit",
      "a performance map fitted to datasheet points (CSV), with its in-sample and held-out "
      "error: -o map.csv or --out DIR");
  auto a = std::make_shared<FitArgs>();
  fit->add_option("points", a->points,
                  "CSV of test points: label,t_source_C,t_sink_C,part_load,capacity_kW,power_kW "
                  "(docs/performance-map.md)")
      ->required();
  fit->add_option("--kind", a->kind, "source: air, brine or water (default: from the labels)")
      ->check(CLI::IsMember({"air", "brine", "water"}));
  fit->add_option("--model", a->model,
                  "auto (default: the smaller held-out error), linear or quadratic")
      ->check(CLI::IsMember({"auto", "linear", "quadratic"}));
  fit->add_option("--source", a->source,
                  "map's source range, e.g. --source=\"-20 C..15 C\" (default: the points')");
  fit->add_option("--sink", a->sink,
                  "map's sink range, e.g. \"30 C..55 C\" (default: the points')");
  fit->add_option("--part-load", a->part_load,
                  "map's speeds, e.g. 0.3,0.5,0.75,1 (default: the points')");
  fit->add_option("--margin", a->margin,
                  "how far beyond the points the map keeps values (default \"5 K\")");
  fit->add_option("-o", a->output, "map file to write (CSV)")->option_text("FILE");
  fit->callback([&ctx, a] { product_fit(ctx, *a); });
}

// After verbs_equipment.cpp's `product` (order 120), which this extends.
const VerbRegistrar registrar{"product fit", 121, setup};

}  // namespace
}  // namespace heatlift::cli
