// Verbs of the standards layer: `heatlift rate PRODUCT.toml` (grades, metrics, the 2030
// target line, the energy label) and `heatlift rate products.csv` (one result row per
// product, each with its status: rated, refused with the reason, or skipped).
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/map_io.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/fluids/refrigerants.hpp"
#include "heatlift/report/messages.hpp"
#include "heatlift/report/rating_json.hpp"
#include "heatlift/standards/label.hpp"
#include "heatlift/standards/map_declaration.hpp"
#include "heatlift/standards/product_io.hpp"
#include "heatlift/standards/rating.hpp"

namespace heatlift::cli {
namespace {

namespace st = standards;

struct RateOptions {
  std::string input;
  std::string standard;
  std::string label;
  std::string lang = "zh";
  std::string gwp = "ar4";
  std::string baseline = "auto";
  bool strict = false;
  // A map file instead of a product (EN 14825 only): what the map does not hold.
  std::string climate = "average";
  std::vector<std::string> applications;
  std::string t_biv, tol, design_load;
  bool defrost = false;
};

// A performance map file (`# heatlift performance map` on its first line), as `product fit`
// and `cycle map` write it.
bool is_map_file(const std::string& path) {
  if (path == "-") return false;
  std::ifstream in(path);
  std::string first;
  return in && std::getline(in, first) && first.rfind("# heatlift performance map", 0) == 0;
}

// The map as the product EN 14825 rates (standards/map_declaration.hpp).
st::Product product_from_map_file(const RateOptions& opt, const st::StandardsLibrary& library) {
  if (!opt.standard.empty() && opt.standard != "en14825")
    throw InvalidInput(
        fmt::format("--standard {}: a map file is rated by EN 14825 only (its SCOP from the map)",
                    opt.standard));
  st::MapRatingOptions mo;
  mo.climate = opt.climate;
  mo.applications = opt.applications;
  auto temperature = [](const std::string& text, std::string_view option) {
    return text.empty() ? std::optional<double>()
                        : std::optional<double>(
                              core::parse_quantity(text, core::Dimension::temperature, option));
  };
  mo.t_biv = temperature(opt.t_biv, "--t-biv");
  mo.tol = temperature(opt.tol, "--tol");
  if (!opt.design_load.empty())
    mo.design_load = core::parse_quantity(opt.design_load, core::Dimension::power, "--design-load");
  mo.relative_humidity = opt.defrost ? 0.85 : 0.0;
  const auto map = equipment::load_map_csv(opt.input);
  return st::product_from_map(map, opt.input, library, mo);
}

std::string num(double v, int decimals) {
  if (!std::isfinite(v)) return "";
  return fmt::format("{:.{}f}", v, decimals);
}
template <class T>
std::string opt(const std::optional<T>& v, int decimals) {
  return v ? num(static_cast<double>(*v), decimals) : std::string();
}

std::string grade_text(const st::Rating& r) {
  if (!r.grade) return "none (no grades)";
  if (!r.grade->graded) return "not graded (UNCONFIRMED)";
  if (!r.grade->grade) return "below limit";
  return std::to_string(*r.grade->grade);
}

std::string confidence(const st::Rating& r) {
  const auto c =
      r.grade ? st::weakest(r.grade->confidence, r.metric.confidence) : r.metric.confidence;
  return std::string(st::to_string(c));
}

// New columns go at the end: scripts read the older ones by position.
const std::vector<std::string>& summary_headers() {
  static const std::vector<std::string> h{
      "product",   "standard",   "table",         "metric",        "value",       "grade",
      "pass",      "next_grade", "to_next_grade", "improvement_%", "target_2030", "refrigerant",
      "gwp_basis", "gwp",        "charge_kg",     "co2e_kg",       "confidence",  "target_reading",
      "status",    "reason",     "warnings"};
  return h;
}

// Why the row has its status: the implausible data of a flagged product, or what a product
// below the limit misses ("" when it meets it or is not graded).
std::string reason(const st::Rating& r) {
  if (!r.flags.empty()) return fmt::format("implausible: {}", fmt::join(r.flags, "; "));
  if (!r.grade || r.grade->below_minimum.empty()) return "";
  return fmt::format("below the minimum ({} {} grade {} limit): {}", r.standard_name,
                     r.grade->clause, r.grade->grades, st::describe(r.grade->below_minimum));
}

// EN 14825's "table" column: the bin method, with the application when the product states it.
std::string bin_method(const st::Rating& r) {
  if (!r.en14825 || r.en14825->application.empty()) return "bin method";
  return fmt::format("bin method ({} climate, {})", r.en14825->climate,
                     st::application_text(r.en14825->application));
}

std::vector<std::string> summary_row(const st::Rating& r) {
  const auto& ref = r.refrigerant;
  return {
      r.product,
      r.standard_name,
      r.grade ? r.grade->clause : bin_method(r),
      r.metric.name,
      num(r.metric.value, 3),
      grade_text(r),
      r.grade ? (r.grade->graded ? (r.grade->pass ? "yes" : "no") : "") : "",
      r.grade ? opt(r.grade->next_grade, 0) : "",
      r.grade ? opt(r.grade->to_next, 3) : "",
      r.target ? fmt::format("{:+.1f}", r.target->improvement * 100.0) : "",
      r.target ? std::string(st::to_string(r.target->status)) : "",
      ref.name,
      ref.name.empty() ? "" : std::string(fluids::to_string(ref.basis)),
      opt(ref.gwp, 3),
      opt(ref.charge, 3),
      opt(ref.co2e, 1),
      confidence(r),
      r.target ? r.target->basis : "",
      std::string(st::to_string(r.flags.empty() ? st::RowStatus::rated : st::RowStatus::flagged)),
      reason(r),
      fmt::format("{}", fmt::join(r.warnings, "; "))};
}

// A row that was not rated: identity, status and reason; the rating's columns empty.
std::vector<std::string> unrated_row(const st::RowResult& row) {
  std::vector<std::string> cells(summary_headers().size());
  cells[0] = row.product;
  cells[1] = row.standard;
  cells[cells.size() - 3] = std::string(st::to_string(row.status));
  cells[cells.size() - 2] = row.reason;
  return cells;
}

void print_single(Context& ctx, const st::Product& p, const std::vector<st::Rating>& ratings) {
  if (ctx.format() == Format::json) {
    ctx.print_json(report::product_ratings_json(p, ratings));
    return;
  }
  Table t(summary_headers());
  for (const auto& r : ratings) t.add_row(summary_row(r));
  t.print(ctx);
  if (ctx.format() == Format::csv) return;
  for (const auto& r : ratings) {
    ctx.out() << '\n' << r.standard_name << ' ' << r.standard_title << '\n';
    ctx.out() << fmt::format("  {} = {:.3f} ({}; {}; {})\n", r.metric.name, r.metric.value,
                             r.metric.computed ? "computed" : "declared", r.metric.clause,
                             st::to_string(r.metric.confidence));
    for (const auto& m : r.other_metrics) {
      ctx.out() << fmt::format("  {} = {:.3f} ({})\n", m.name, m.value,
                               m.computed ? "computed" : "declared");
    }
    if (r.grade && r.grade->graded) {
      const auto& g = *r.grade;
      ctx.out() << fmt::format("  table: {} {} ({}), {}; thresholds {} = {}\n", r.standard_name,
                               g.clause, st::to_string(g.confidence), g.band, g.metric,
                               fmt::join(g.thresholds, " / "));
      for (const auto& c : g.gates) {
        ctx.out() << fmt::format("  minimum for grade {}{}: {} >= {} ... {} {}\n", c.gate.grade,
                                 c.gate.grade == g.grades ? " (all grades)" : "", c.gate.metric,
                                 c.gate.value, c.value, c.pass ? "pass" : "FAIL");
      }
      if (!g.below_minimum.empty()) {
        ctx.out() << fmt::format("  fails the minimum (grade {} limit, 能效限定值): {}\n", g.grades,
                                 st::describe(g.below_minimum));
      } else if (g.next_grade) {
        ctx.out() << fmt::format(
            "  to grade {}: {} +{:.3f}{}\n", *g.next_grade, g.metric, g.to_next.value_or(0.0),
            g.next_needs.empty() ? std::string()
                                 : fmt::format(", and {}", fmt::join(g.next_needs, ", ")));
      }
    }
    if (r.en14825) {
      const auto& e = *r.en14825;
      ctx.out() << fmt::format(
          "  {} climate{} (Tdesignh {:.0f} °C): SCOP {:.3f}, SCOPon {:.3f}, SCOPnet {:.3f}, ηs "
          "{:.1f} %; QH {:.0f} kWh, electricity {:.0f} kWh, back-up heat {:.0f} kWh; HHE {:.0f} "
          "h (bins give {:.1f} h)\n",
          e.climate,
          e.application.empty() ? std::string()
                                : fmt::format(", {}", st::application_text(e.application)),
          e.t_design - core::kZeroCelsius, e.scop, e.scop_on, e.scop_net, e.eta_s * 100.0,
          e.qh / 3.6e6, e.electricity / 3.6e6, e.backup_heat / 3.6e6, e.hhe, e.hhe_bins);
      ctx.out() << fmt::format("  part load: {}\n", e.part_load_clause);
      std::vector<std::string> terms;
      for (const auto& m : e.off_modes) {
        terms.push_back(fmt::format("H{0} {1:g} h × P{0} {2:g} W = {3:.1f} kWh", m.mode, m.hours,
                                    m.power, m.energy / 3.6e6));
      }
      ctx.out() << fmt::format(
          "  off modes: {}; total {:.1f} kWh; QH/SCOPon {:.0f} kWh + off modes = {:.0f} kWh "
          "({})\n",
          fmt::join(terms, "; "), e.off_mode_energy / 3.6e6, e.qh / e.scop_on / 3.6e6,
          e.electricity / 3.6e6, e.off_mode_clause);
    }
    if (r.target) {
      const auto& t = *r.target;
      ctx.out() << fmt::format("  {} target: {} (reading: {})\n", t.year, t.basis, t.reading);
      const std::string verdict = t.status == st::TargetStatus::fails_minimum
                                      ? fmt::format("not met: the product fails the minimum: {}",
                                                    st::describe(r.grade->below_minimum))
                                      : std::string(st::to_string(t.status));
      ctx.out() << fmt::format(
          "    {} {:.3f} is {:+.1f} % against {} ({:.3f}); needs >= {:.3f}: {}\n", r.metric.name,
          r.metric.value, t.improvement * 100.0,
          t.baseline_is_limit ? std::string("the limit") : t.baseline_name, t.baseline, t.required,
          verdict);
    }
    const auto& ref = r.refrigerant;
    if (!ref.name.empty()) {
      ctx.out() << fmt::format(
          "  refrigerant {}: GWP100 ({}) {}{}\n", ref.name, fluids::to_string(ref.basis),
          ref.gwp ? fmt::format("{:g}", *ref.gwp) : "n/a",
          ref.co2e ? fmt::format(", charge {:g} kg = {}", *ref.charge,
                                 *ref.co2e >= 1000.0 ? fmt::format("{:.4g} t CO2e", *ref.co2e / 1e3)
                                                     : fmt::format("{:.4g} kg CO2e", *ref.co2e))
                   : "");
    }
    for (const auto& w : r.warnings) ctx.out() << "  warning: " << w << '\n';
    for (const auto& f : r.flags) ctx.out() << "  implausible: " << f << '\n';
    for (const auto& n : r.notes) ctx.out() << "  note: " << n << '\n';
  }
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string read_text(Context& ctx, const std::string& path) {
  if (path == "-") {
    std::stringstream ss;
    ss << ctx.in().rdbuf();
    return core::decode_text(ss.str(), "stdin").text;
  }
  return core::read_text_file(path, "products file");
}

// Every row of a products CSV with its status; a refused row never stops the others. With
// --strict, refused rows make the run fail (exit 2) once every row is printed.
void print_batch(Context& ctx, const std::vector<st::RowResult>& rows,
                 const st::EfficiencyTarget& target, bool strict) {
  std::size_t rated = 0;
  std::size_t skipped = 0;
  std::vector<std::string> refused, flagged;
  for (const auto& row : rows) {
    const std::string who =
        row.product.empty() ? row.origin : fmt::format("{} ({})", row.origin, row.product);
    if (row.status == st::RowStatus::rated) ++rated;
    if (row.status == st::RowStatus::skipped) ++skipped;
    if (row.status == st::RowStatus::refused) refused.push_back(who);
    if (row.status == st::RowStatus::flagged) flagged.push_back(who);
  }
  // --strict fails on a refused row and on a flagged one (data that cannot be right).
  std::vector<std::string> problems;
  if (!refused.empty())
    problems.push_back(fmt::format("{} of {} rows refused: {}", refused.size(), rows.size(),
                                   fmt::join(refused, ", ")));
  if (!flagged.empty())
    problems.push_back(fmt::format("{} of {} rows flagged as implausible: {}", flagged.size(),
                                   rows.size(), fmt::join(flagged, ", ")));
  const std::string failure = problems.empty()
                                  ? std::string()
                                  : fmt::format("rate --strict: {}", fmt::join(problems, "; "));
  if (ctx.format() == Format::json) {
    nlohmann::json doc;
    doc["ratings"] = nlohmann::json::array();
    for (const auto& row : rows) {
      nlohmann::json j;
      if (row.rating) {
        j = report::rating_json(*row.rating);
      } else {
        j = {{"status", st::to_string(row.status)},
             {"product", row.product},
             {"origin", row.origin},
             {"standard_name", row.standard},
             {"metric", nullptr},
             {"grade", nullptr},
             {"target", nullptr}};
        if (row.status == st::RowStatus::refused) j["error_code"] = to_string(row.error_code);
      }
      j["reason"] = row.reason;
      doc["ratings"].push_back(std::move(j));
    }
    doc["summary"] = {{"rows", rows.size()},
                      {"rated", rated},
                      {"refused", refused.size()},
                      {"skipped", skipped},
                      {"flagged", flagged.size()}};
    doc["units"] = report::rating_units();
    if (strict && !problems.empty()) {
      doc["error"] = {{"code", to_string(ErrorCode::invalid_input)}, {"message", failure}};
    }
    ctx.print_json(doc);
  } else {
    std::vector<std::string> headers = summary_headers();
    headers.insert(headers.begin() + 1, "origin");
    Table t(headers);
    for (const auto& row : rows) {
      auto cells = row.rating ? summary_row(*row.rating) : unrated_row(row);
      cells.insert(cells.begin() + 1, row.origin);
      t.add_row(std::move(cells));
    }
    t.print(ctx);
    if (ctx.format() == Format::table) {
      ctx.out() << fmt::format(
          "\n{} rows: {} rated, {} refused, {} skipped, {} flagged\n"
          "target_{}: the action plan's +{:.0f} % read as target_reading says: over the grade "
          "table's minimum limit (能效限定值), or over the row's named reference product; a "
          "product below the minimum is never on target (docs/rating.md)\n",
          rows.size(), rated, refused.size(), skipped, flagged.size(), target.year,
          target.improvement * 100.0);
    }
  }
  if (problems.empty()) return;
  if (!strict) {
    ctx.err() << fmt::format("rate: {} (status and reason in the output)\n",
                             fmt::join(problems, "; "));
    return;
  }
  // stdout holds the whole result already (in JSON, one document carrying this error);
  // the run fails with it on stderr and no second document (Context::printed_json).
  throw InvalidInput(failure);
}

void run_rate(Context& ctx, const RateOptions& opt) {
  st::RatingOptions ro;
  ro.gwp = fluids::parse_gwp_basis(opt.gwp, "--gwp");
  if (opt.baseline == "limit") {
    ro.baseline = st::Baseline::limit;
  } else if (opt.baseline != "auto") {
    throw InvalidInput(fmt::format("--baseline: '{}': expected auto or limit", opt.baseline));
  }
  std::optional<st::StandardId> only;
  if (!opt.standard.empty()) only = st::parse_standard(opt.standard, "--standard");
  const report::Lang lang = report::parse_lang(opt.lang);

  const auto library = st::StandardsLibrary::load(ctx.data());
  const auto gwp = fluids::GwpTable::load(ctx.data());
  const bool map_file = is_map_file(opt.input);
  const bool batch = !map_file && (ends_with(opt.input, ".csv") || opt.input == "-");
  if (batch && !opt.label.empty())
    throw InvalidInput("--label: draws one product's label; rate a PRODUCT.toml for it");
  std::vector<st::ProductRow> rows;  // batch
  std::optional<st::Product> single;
  if (batch) {
    rows = st::read_products_csv(read_text(ctx, opt.input), opt.input == "-" ? "stdin" : opt.input,
                                 library);
  } else if (map_file) {
    single = product_from_map_file(opt, library);
  } else {
    single = st::load_product_toml(opt.input, library);
  }
  bool needs_water = false;
  auto scan = [&](const st::Product& p) {
    for (const auto& d : p.declarations) needs_water = needs_water || d.water_test.has_value();
  };
  if (single) scan(*single);
  for (const auto& row : rows) {
    if (row.product) scan(*row.product);
  }
  std::unique_ptr<fluids::FluidLibrary> fluid_lib;
  std::shared_ptr<const fluids::Properties> water;
  if (needs_water) {
    fluid_lib = std::make_unique<fluids::FluidLibrary>(ctx.data());
    water = fluid_lib->get("R718");
  }
  const st::Rater rater(library, gwp, water.get());

  if (batch) {
    print_batch(ctx, rater.rate_rows(rows, only, ro), library.target, opt.strict);
    return;
  }

  const auto ratings = rater.rate(*single, only, ro);
  print_single(ctx, *single, ratings);
  if (!opt.label.empty()) {
    if (ratings.size() > 1 && !only) {
      throw InvalidInput(
          fmt::format("--label: the product declares {} standards; choose one with --standard",
                      ratings.size()));
    }
    const report::Messages messages = report::Messages::load(ctx.data(), lang);
    const std::string svg = st::label_svg(
        ratings.front(), [&](std::string_view key) { return messages.get(key); },
        report::to_string(lang));
    ctx.write_file(opt.label, svg);
    ctx.err() << fmt::format("rate: wrote {}\n", opt.label);
  }
}

void setup(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<RateOptions>();
  std::string about = "rate a product by the standards (";
  about += st::list_standards("{1}", " and ");
  about += "): metrics, grade, headroom, the 2030 target, energy label";
  auto* rate = app.add_subcommand("rate", about);
  rate->add_option("product", opt->input,
                   "PRODUCT.toml (one product), a .csv of many (one per row; - reads stdin), or "
                   "a performance map file (`product fit`, `cycle map`) rated by EN 14825")
      ->required();
  rate->add_option("--standard", opt->standard,
                   fmt::format("rate by one standard only: {}", st::list_standards("{0}")));
  rate->add_option("--label", opt->label, "write the energy label as SVG to this file")
      ->option_text("FILE.svg");
  rate->add_option("--lang", opt->lang, "language of the label: zh (default) or en");
  rate->add_option("--gwp", opt->gwp, "GWP100 basis: ar4 (default), ar5 or ar6");
  rate->add_option("--baseline", opt->baseline,
                   "2030 target baseline: auto (the product's reference if named, else the "
                   "grade limit; default) or limit");
  rate->add_option("--climate", opt->climate,
                   "a map file: EN 14825 climate, average (default), colder or warmer");
  rate->add_option("--application", opt->applications,
                   "a map file: low (35 °C) and/or medium (55 °C); default: each the map's "
                   "sink axis holds");
  rate->add_option("--t-biv", opt->t_biv, "a map file: bivalent temperature (default -7 C)")
      ->option_text("TEMP");
  rate->add_option("--tol", opt->tol,
                   "a map file: operation limit (default: the map's lowest source temperature, "
                   "not below the climate's design temperature)")
      ->option_text("TEMP");
  rate->add_option("--design-load", opt->design_load,
                   "a map file: Pdesignh (default: the map's full capacity at Tbiv / pl(Tbiv))")
      ->option_text("POWER");
  rate->add_flag("--defrost", opt->defrost,
                 "a map file: apply the defrost adjustment (a map from the cycle solver; a map "
                 "fitted to datasheet points already holds the tests' defrost)");
  rate->add_flag("--strict", opt->strict,
                 "products.csv: exit 2 when a row is refused (every row is still printed, and "
                 "stderr names the refused rows)");
  rate->callback([&ctx, opt] { run_rate(ctx, *opt); });
}

const VerbRegistrar registrar{"rate", 300, setup};

}  // namespace
}  // namespace heatlift::cli
