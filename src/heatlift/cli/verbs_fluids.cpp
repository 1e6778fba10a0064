// Verbs of the fluids layer: `heatlift fluid list|info|state|eval`.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <map>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/fluids/pairs.hpp"

namespace heatlift::cli {
namespace {

using core::Dimension;
using fluids::Backend;
using fluids::FluidInfo;
using fluids::Properties;
using fluids::State;

nlohmann::json optional_json(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::string optional_text(const std::optional<double>& v, int digits = 4) {
  return v ? fmt::format("{:.{}g}", *v, digits) : "-";
}

// ---- fluid list -------------------------------------------------------------------------

void list_fluids(Context& ctx) {
  const fluids::FluidLibrary lib(ctx.data());
  const auto ids = lib.ids();
  if (ctx.format() == Format::json) {
    nlohmann::json doc;
    doc["fluids"] = nlohmann::json::array();
    for (const auto& id : ids) {
      const FluidInfo& in = lib.exact(id)->info();
      doc["fluids"].push_back({{"id", in.id},
                               {"name", in.name},
                               {"aliases", in.aliases},
                               {"safety_class", in.safety_class},
                               {"gwp100_ar5", optional_json(in.gwp.ar5)},
                               {"gwp100_ar6", optional_json(in.gwp.ar6)},
                               {"T_crit_K", in.T_crit},
                               {"p_crit_Pa", in.p_crit},
                               {"pseudo_pure", in.pseudo_pure}});
    }
    ctx.print_json(doc);
    return;
  }
  Table t({"id", "name", "safety", "GWP100_AR5", "GWP100_AR6", "T_crit_C", "p_crit_MPa", "kind"});
  for (const auto& id : ids) {
    const FluidInfo& in = lib.exact(id)->info();
    t.add_row(
        {in.id, in.name, in.safety_class.empty() ? "-" : in.safety_class, optional_text(in.gwp.ar5),
         optional_text(in.gwp.ar6), fmt::format("{:.2f}", in.T_crit - core::kZeroCelsius),
         fmt::format("{:.4f}", in.p_crit / 1e6), in.pseudo_pure ? "pseudo-pure blend" : "pure"});
  }
  t.print(ctx);
}

// ---- fluid info -------------------------------------------------------------------------

void fluid_info(Context& ctx, const std::string& name) {
  auto fluid = fluids::FluidLibrary(ctx.data()).exact(name);
  const FluidInfo& in = fluid->info();
  if (ctx.format() == Format::json) {
    ctx.print_json(
        {{"id", in.id},
         {"name", in.name},
         {"aliases", in.aliases},
         {"cas", in.cas},
         {"formula", in.formula},
         {"safety_class", in.safety_class},
         {"gwp100",
          {{"AR4", optional_json(in.gwp.ar4)},
           {"AR5", optional_json(in.gwp.ar5)},
           {"AR6", optional_json(in.gwp.ar6)},
           {"status", in.gwp.status},
           {"source", in.gwp.source}}},
         {"odp", optional_json(in.odp)},
         {"molar_mass_kg_per_mol", in.molar_mass},
         {"critical", {{"T_K", in.T_crit}, {"p_Pa", in.p_crit}, {"rho_kg_m3", in.rho_crit}}},
         {"triple", {{"T_K", in.T_triple}, {"p_Pa", in.p_triple}}},
         {"limits", {{"T_min_K", in.T_triple}, {"T_max_K", in.T_max}, {"p_max_Pa", in.p_max}}},
         {"pseudo_pure", in.pseudo_pure},
         {"source", in.source}});
    return;
  }
  Table t({"property", "value"});
  auto temp = [](double T) {
    return fmt::format("{:.3f} °C ({:.4f} K)", T - core::kZeroCelsius, T);
  };
  t.add_row({"id", in.id});
  t.add_row({"name", in.name});
  std::string aliases;
  for (const auto& a : in.aliases) aliases += (aliases.empty() ? "" : ", ") + a;
  t.add_row({"aliases", aliases});
  t.add_row({"CAS", in.cas.empty() ? "-" : in.cas});
  t.add_row({"formula", in.formula.empty() ? "-" : in.formula});
  t.add_row({"kind", in.pseudo_pure ? "pseudo-pure blend (bubble/dew from published ancillaries)"
                                    : "pure fluid"});
  t.add_row({"molar mass", fmt::format("{:.6g} g/mol", in.molar_mass * 1e3)});
  t.add_row({"critical temperature", temp(in.T_crit)});
  t.add_row({"critical pressure", core::format_quantity(in.p_crit, "MPa", 6)});
  t.add_row({"critical density", fmt::format("{:.5g} kg/m3", in.rho_crit)});
  t.add_row({"triple-point temperature", temp(in.T_triple)});
  t.add_row({"triple-point pressure", fmt::format("{:.5g} Pa", in.p_triple)});
  t.add_row({"validity", fmt::format("{:.2f} … {:.2f} K, up to {}", in.T_triple, in.T_max,
                                     core::format_quantity(in.p_max, "MPa", 4))});
  t.add_row({"safety class (ASHRAE 34)", in.safety_class.empty() ? "-" : in.safety_class});
  t.add_row({"GWP100 AR4 / AR5 / AR6",
             fmt::format("{} / {} / {}", optional_text(in.gwp.ar4), optional_text(in.gwp.ar5),
                         optional_text(in.gwp.ar6))});
  if (!in.gwp.status.empty()) t.add_row({"GWP status", in.gwp.status});
  t.add_row({"ODP", optional_text(in.odp)});
  t.add_row({"equation of state", in.source});
  t.print(ctx);
}

// ---- fluid state ------------------------------------------------------------------------

struct StateInputs {
  std::string T, p, h, s, Q, rho;
  std::string backend = "exact";
};

State solve_state(const Properties& f, const StateInputs& in) {
  std::map<std::string, double> given;
  if (!in.T.empty()) given["T"] = core::parse_quantity(in.T, Dimension::temperature, "--T");
  if (!in.p.empty()) given["p"] = core::parse_quantity(in.p, Dimension::pressure, "--p");
  if (!in.h.empty()) given["h"] = core::parse_quantity(in.h, Dimension::specific_energy, "--h");
  if (!in.s.empty()) given["s"] = core::parse_quantity(in.s, Dimension::specific_entropy, "--s");
  if (!in.Q.empty()) given["Q"] = core::parse_quantity(in.Q, Dimension::fraction, "--Q");
  if (!in.rho.empty()) given["rho"] = core::parse_quantity(in.rho, Dimension::density, "--rho");
  if (given.size() != 2) {
    throw InvalidInput(fmt::format(
        "fluid state: give exactly two of --T --p --h --s --Q --rho (got {})", given.size()));
  }
  auto has = [&](const char* a, const char* b) { return given.count(a) && given.count(b); };
  if (has("T", "p")) return f.at_T_p(given["T"], given["p"]);
  if (has("T", "Q")) return f.at_T_Q(given["T"], given["Q"]);
  if (has("p", "Q")) return f.at_p_Q(given["p"], given["Q"]);
  if (has("p", "h")) return f.at_p_h(given["p"], given["h"]);
  if (has("p", "s")) return f.at_p_s(given["p"], given["s"]);
  if (has("T", "rho")) return f.at_T_rho(given["T"], given["rho"]);
  if (has("h", "s")) {
    if (const auto* exact = dynamic_cast<const fluids::Fluid*>(&f))
      return exact->at_h_s(given["h"], given["s"]);
    throw NotSupported("fluid state: (h, s) is solved by the exact backend only");
  }
  throw NotSupported("fluid state: supported pairs are T,p T,Q p,Q p,h p,s T,rho h,s");
}

void fluid_state(Context& ctx, const std::string& name, const StateInputs& in) {
  const Backend backend = in.backend == "fast" ? Backend::fast : Backend::exact;
  auto fluid = fluids::FluidLibrary(ctx.data()).get(name, backend);
  const State s = solve_state(*fluid, in);
  if (ctx.format() == Format::json) {
    ctx.print_json({{"fluid", fluid->info().id},
                    {"backend", in.backend},
                    {"state",
                     {{"T", s.T},
                      {"p", s.p},
                      {"rho", s.rho},
                      {"h", s.h},
                      {"s", s.s},
                      {"u", s.u},
                      {"cp", optional_json(s.cp)},
                      {"cv", optional_json(s.cv)},
                      {"w", optional_json(s.w)},
                      {"Q", optional_json(s.Q)},
                      {"phase", std::string(fluids::to_string(s.phase))}}},
                    {"units",
                     {{"T", "K"},
                      {"p", "Pa"},
                      {"rho", "kg/m3"},
                      {"h", "J/kg"},
                      {"s", "J/(kg K)"},
                      {"u", "J/kg"},
                      {"cp", "J/(kg K)"},
                      {"cv", "J/(kg K)"},
                      {"w", "m/s"},
                      {"Q", "1"}}}});
    return;
  }
  Table t({"property", "value", "unit"});
  t.add_row({"fluid", fluid->info().id, ""});
  t.add_row({"phase", std::string(fluids::to_string(s.phase)), ""});
  t.add_row({"temperature", fmt::format("{:.4f}", s.T - core::kZeroCelsius), "°C"});
  t.add_row({"pressure", fmt::format("{:.6g}", s.p / 1e3), "kPa"});
  t.add_row({"density", fmt::format("{:.6g}", s.rho), "kg/m3"});
  t.add_row({"specific enthalpy", fmt::format("{:.6g}", s.h / 1e3), "kJ/kg"});
  t.add_row({"specific entropy", fmt::format("{:.6g}", s.s / 1e3), "kJ/(kg·K)"});
  t.add_row({"specific internal energy", fmt::format("{:.6g}", s.u / 1e3), "kJ/kg"});
  t.add_row(
      {"isobaric heat capacity cp", s.cp ? fmt::format("{:.6g}", *s.cp / 1e3) : "-", "kJ/(kg·K)"});
  t.add_row(
      {"isochoric heat capacity cv", s.cv ? fmt::format("{:.6g}", *s.cv / 1e3) : "-", "kJ/(kg·K)"});
  t.add_row({"speed of sound", s.w ? fmt::format("{:.6g}", *s.w) : "-", "m/s"});
  t.add_row({"vapour quality", s.Q ? fmt::format("{:.6g}", *s.Q) : "-", ""});
  t.print(ctx);
}

// ---- fluid eval -------------------------------------------------------------------------

// The phase by name, every other property as the shortest text that reads back the same
// double; nothing where the state has no value (cp inside the dome, Q outside it).
void append_value(std::string& out, const State& s, fluids::Property p) {
  if (p == fluids::Property::phase) {
    out += fluids::to_string(s.phase);
  } else if (const auto v = fluids::value_of(s, p)) {
    fmt::format_to(std::back_inserter(out), "{}", *v);
  }
}

bool parse_number(std::string_view text, double& value) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && ptr == text.data() + text.size() && !text.empty() &&
         std::isfinite(value);
}

void fluid_eval(Context& ctx, const std::string& name, const std::string& given,
                const std::string& want, const std::string& backend_name) {
  const Backend backend = backend_name == "fast" ? Backend::fast : Backend::exact;
  const std::vector<fluids::Property> props = fluids::parse_properties(want, "--want");
  auto fluid = fluids::FluidLibrary(ctx.data()).get(name, backend);
  const fluids::InputPair flash = fluids::parse_input_pair(given, "--given", *fluid);

  // Whole-stream I/O: read stdin at once, write stdout in large blocks.
  const std::string input = ctx.read_input();
  std::string out;
  out.reserve(std::min<std::size_t>(input.size() * 3, std::size_t{1} << 30));
  for (std::size_t i = 0; i < props.size(); ++i) {
    out += i ? "," : "";
    out += fluids::column_name(props[i]);
  }
  out += '\n';
  std::size_t line_no = 0, failed = 0, solved = 0;
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t end = input.find('\n', pos);
    if (end == std::string::npos) end = input.size();
    const std::string_view line(input.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::size_t comma = line.find(',');
    double a = 0, b = 0;
    const bool ok = comma != std::string_view::npos && parse_number(line.substr(0, comma), a) &&
                    parse_number(line.substr(comma + 1), b);
    if (!ok) {
      if (line_no == 1) continue;  // a header line
      ++failed;
      ctx.err() << fmt::format("heatlift: line {}: '{}' is not two numbers ({}); row left empty\n",
                               line_no, core::escape_invalid_utf8(line), given);
      out.append(props.size() - 1, ',');
      out += '\n';
      continue;
    }
    try {
      const State s = flash(*fluid, a, b);
      for (std::size_t i = 0; i < props.size(); ++i) {
        if (i) out += ',';
        append_value(out, s, props[i]);
      }
      ++solved;
    } catch (const Error& e) {
      ++failed;
      ctx.err() << fmt::format("heatlift: line {}: {}; row left empty\n", line_no,
                               core::escape_invalid_utf8(e.what()));
      out.append(props.size() - 1, ',');
    }
    out += '\n';
    if (out.size() > (std::size_t{1} << 22)) {
      ctx.out().write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  }
  ctx.out().write(out.data(), static_cast<std::streamsize>(out.size()));
  if (failed)
    ctx.err() << fmt::format("heatlift: {} of {} lines could not be solved\n", failed,
                             failed + solved);
}

void setup(CLI::App& app, Context& ctx) {
  auto* fluid =
      app.add_subcommand("fluid", "refrigerant properties from the reference equations of state");
  fluid->require_subcommand(1);

  fluid->add_subcommand("list", "the fluids heatlift knows")->callback([&ctx] {
    list_fluids(ctx);
  });

  auto* info =
      fluid->add_subcommand("info", "critical and triple point, limits, GWP, safety class, source");
  auto info_name = std::make_shared<std::string>();
  info->add_option("fluid", *info_name, "R744, CO2, CarbonDioxide ...")->required();
  info->callback([&ctx, info_name] { fluid_info(ctx, *info_name); });

  auto* state =
      fluid->add_subcommand("state", "one state from two properties, e.g. --T \"0 C\" --Q 1");
  auto state_name = std::make_shared<std::string>();
  auto in = std::make_shared<StateInputs>();
  state->add_option("fluid", *state_name, "fluid name")->required();
  state->add_option("--T", in->T, "temperature, e.g. \"45 C\"");
  state->add_option("--p", in->p, "pressure, e.g. \"2.5 MPa\"");
  state->add_option("--h", in->h, "specific enthalpy, e.g. \"420 kJ/kg\"");
  state->add_option("--s", in->s, "specific entropy, e.g. \"1.8 kJ/(kg K)\"");
  state->add_option("--Q", in->Q, "vapour quality, 0…1 or \"50 %\"");
  state->add_option("--rho", in->rho, "density, e.g. \"1000 kg/m3\"");
  state->add_option("--backend", in->backend, "exact (default) or fast")
      ->check(CLI::IsMember({"exact", "fast"}));
  state->callback([&ctx, state_name, in] { fluid_state(ctx, *state_name, *in); });

  auto* eval = fluid->add_subcommand(
      "eval",
      "batch: CSV of input pairs on stdin (SI), CSV of the wanted properties on stdout (SI)");
  auto eval_name = std::make_shared<std::string>();
  auto given = std::make_shared<std::string>();
  auto want = std::make_shared<std::string>("rho,h,s,cp,w");
  auto backend = std::make_shared<std::string>("exact");
  eval->add_option("fluid", *eval_name, "fluid name")->required();
  eval->add_option("--given", *given, "input pair: T,p p,h p,s T,Q p,Q T,rho")->required();
  eval->add_option("--want", *want,
                   "output columns from T p rho h s u cp cv w Q phase (default rho,h,s,cp,w)");
  eval->add_option("--backend", *backend, "exact (default) or fast")
      ->check(CLI::IsMember({"exact", "fast"}));
  eval->callback([&ctx, eval_name, given, want, backend] {
    fluid_eval(ctx, *eval_name, *given, *want, *backend);
  });
}

const VerbRegistrar registrar{"fluid", 100, setup};

}  // namespace
}  // namespace heatlift::cli
