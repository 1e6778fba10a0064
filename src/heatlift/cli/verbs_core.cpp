// Verbs of the core layer: `heatlift data list|show`, `heatlift params`.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::cli {
namespace {

// Cuts a long text for a terminal table (UTF-8 safe), marking the cut with "...".
std::string shorten(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::string out(core::utf8_prefix(s, max_bytes - 3));
  out += "...";
  return out;
}

void list_data(Context& ctx, const std::string& prefix) {
  const auto files = ctx.data().list(prefix);
  if (ctx.format() == Format::json) {
    nlohmann::json doc;
    doc["files"] = nlohmann::json::array();
    for (const auto& f : files) {
      doc["files"].push_back(
          {{"path", f.path}, {"origin", f.origin}, {"bytes", f.bytes}, {"source", f.source}});
    }
    doc["units"] = {{"bytes", "B"}};
    ctx.print_json(doc);
    return;
  }
  Table table({"path", "origin", "size_kB", "source"});
  for (const auto& f : files) {
    table.add_row({f.path, f.origin, fmt::format("{:.1f}", static_cast<double>(f.bytes) / 1024.0),
                   shorten(f.source, 100)});
  }
  table.print(ctx);
}

void setup(CLI::App& app, Context& ctx) {
  auto* data = app.add_subcommand("data", "the data files heatlift ships (and yours, with --data)");
  data->require_subcommand(1);

  auto* list = data->add_subcommand("list", "list data files with their sources");
  auto prefix = std::make_shared<std::string>();
  list->add_option("prefix", *prefix, "only files whose path starts with this, e.g. fluids/");
  list->callback([&ctx, prefix] { list_data(ctx, *prefix); });

  auto* show = data->add_subcommand("show", "print one data file");
  auto path = std::make_shared<std::string>();
  show->add_option("path", *path, "relative path, e.g. refrigerants/gwp.csv")->required();
  show->callback([&ctx, path] { ctx.out() << ctx.data().read(*path); });
}

const VerbRegistrar registrar{"data", 900, setup};

// ---- params: the declared parameters of the input files --------------------------------

nlohmann::json declarations_json(std::string_view file) {
  nlohmann::json blocks = nlohmann::json::array();
  for (const core::BlockDecl* b : core::declared_blocks()) {
    if (!file.empty() && b->file != file) continue;
    nlohmann::json params = nlohmann::json::array();
    for (const auto& p : b->params) {
      nlohmann::json j = {{"key", p.key},
                          {"kind", core::to_string(p.kind)},
                          {"required", p.required},
                          {"doc", p.doc},
                          {"source", p.source}};
      if (p.dimension) {
        j["dimension"] = core::to_string(*p.dimension);
        j["display_unit"] = core::display_unit(*p.dimension).symbol;
      }
      if (std::isfinite(p.range.lo)) j["min_si"] = p.range.lo;
      if (std::isfinite(p.range.hi)) j["max_si"] = p.range.hi;
      if (!p.fallback.empty()) j["default"] = p.fallback;
      if (!p.choices.empty()) j["choices"] = p.choices;
      params.push_back(std::move(j));
    }
    blocks.push_back({{"file", b->file}, {"block", b->path}, {"doc", b->doc}, {"params", params}});
  }
  return {{"blocks", blocks}};
}

void print_params(Context& ctx, const std::string& file) {
  if (ctx.format() == Format::json) {
    ctx.print_json(declarations_json(file));
  } else {
    ctx.out() << core::parameters_markdown(file);
  }
}

void setup_params(CLI::App& app, Context& ctx) {
  auto* params = app.add_subcommand(
      "params", "the declared parameters of the input files: key, unit, range, default, source");
  auto file = std::make_shared<std::string>();
  params->add_option("file", *file, "only this kind of file, e.g. site");
  params->callback([&ctx, file] { print_params(ctx, *file); });
}

const VerbRegistrar params_registrar{"params", 910, setup_params};

}  // namespace
}  // namespace heatlift::cli
