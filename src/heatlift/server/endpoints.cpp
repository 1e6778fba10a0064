#include "heatlift/server/endpoints.hpp"

#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/server/errors.hpp"

namespace heatlift::server {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t j = std::min(path.find('/', i), path.size());
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool is_param(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// Whether `path` fits the template `pattern`; the values of its {x} segments go to `values`.
bool fits(std::string_view pattern, const std::vector<std::string_view>& path,
          std::vector<std::string>* values) {
  const auto pat = segments(pattern);
  if (pat.size() != path.size()) return false;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    if (!is_param(pat[i]) && pat[i] != path[i]) return false;
  }
  if (values) {
    for (std::size_t i = 0; i < pat.size(); ++i)
      if (is_param(pat[i])) values->emplace_back(path[i]);
  }
  return true;
}

using Q = QueryParam;

// The table. A verb's summary and its parameters' meanings are the command line's own.
const std::vector<Endpoint> kEndpoints = {
    {.method = "GET",
     .path = "/api/health",
     .action = Action::health,
     .run_in = RunIn::server,
     .summary = "whether the server is up, and its version"},
    {.method = "GET",
     .path = "/api/openapi.json",
     .action = Action::openapi,
     .run_in = RunIn::server,
     .summary = "this API as an OpenAPI 3.0 document (docs/openapi.json)"},
    {.method = "GET",
     .path = "/api/fluid",
     .verb = "fluid list",
     .csv_out = true,
     .run_in = RunIn::server},
    {.method = "GET",
     .path = "/api/fluid/{fluid}",
     .verb = "fluid info",
     .csv_out = true,
     .run_in = RunIn::server},
    {.method = "GET",
     .path = "/api/fluid/{fluid}/state",
     .verb = "fluid state",
     .query = {Q{"T", "--T"}, Q{"p", "--p"}, Q{"h", "--h"}, Q{"s", "--s"}, Q{"Q", "--Q"},
               Q{"rho", "--rho"}, Q{"backend", "--backend"}},
     .csv_out = true,
     .run_in = RunIn::server,
     .note = "Give exactly two of T, p, h, s, Q, rho, each with its unit (`T=45 C`, `p=2.5 MPa`)."},
    {.method = "POST",
     .path = "/api/cycle",
     .verb = "cycle run",
     .body_kind = "cycle",
     .note = "The body is a cycle file (docs/cycles.md)."},
    {.method = "POST",
     .path = "/api/cycle/compare",
     .verb = "cycle compare",
     .query = {Q{"fluids", "--fluids"}, Q{"gwp", "--gwp"}},
     .body_kind = "cycle",
     .csv_out = true,
     .note = "The body is a cycle file (docs/cycles.md)."},
    {.method = "GET",
     .path = "/api/product",
     .verb = "product list",
     .csv_out = true,
     .run_in = RunIn::server},
    {.method = "GET", .path = "/api/product/{id}", .verb = "product show"},
    {.method = "POST",
     .path = "/api/rate",
     .verb = "rate",
     .query = {Q{"standard", "--standard"}, Q{"gwp", "--gwp"}, Q{"baseline", "--baseline"}},
     .body_kind = "product",
     .csv_body = true,
     .csv_out = true,
     .note = "The body is one product file (TOML or JSON, docs/rating.md) or, as text/csv, a "
             "products CSV of many."},
    {.method = "GET",
     .path = "/api/climate",
     .verb = "climate list",
     .query = {Q{"stations", "--stations"}, Q{"seed", "--seed"}},
     .csv_out = true},
    {.method = "GET",
     .path = "/api/climate/{city}",
     .verb = "climate show",
     .query = {Q{"seed", "--seed"}},
     .csv_out = true,
     .run_in = RunIn::server},
    {.method = "POST",
     .path = "/api/site",
     .verb = "site run",
     .body_kind = "site",
     .csv_out = true,
     .note = "The body is a site file (docs/site.md); the answer is the summary `heatlift "
             "--format json site run` prints. Files a site file may name (`site.epw`, "
             "`heat_pump.map`) are not part of a request: give `site.city` and "
             "`heat_pump.product`."},
    {.method = "GET",
     .path = "/api/scenario",
     .verb = "scenario list",
     .csv_out = true,
     .run_in = RunIn::server},
    {.method = "GET",
     .path = "/api/roadmap",
     .verb = "roadmap",
     .query = {Q{"scenario", "--scenario", true}, Q{"engine", "--engine"},
               Q{"regions", "--regions"}, Q{"samples", "--samples"}, Q{"seed", "--seed"}},
     .csv_out = true,
     .note = "The results JSON of `heatlift --format json roadmap`; bottom-up unless `engine` "
             "says otherwise. `scenario` takes shipped scenario names (GET /api/scenario), "
             "repeated for more than one."},
    {.method = "POST",
     .path = "/api/roadmap",
     .verb = "roadmap",
     .query = {Q{"scenario", "--scenario", true}, Q{"engine", "--engine"},
               Q{"regions", "--regions"}, Q{"samples", "--samples"}, Q{"seed", "--seed"}},
     .body_kind = "scenario",
     .body_option = "--scenario",
     .csv_out = true,
     .note = "The body is a scenario file (docs/roadmap.md), e.g. `extends = \"cns\"` with its "
             "own `[levers]`; `extends` names a shipped scenario. Its results come after those "
             "of the shipped scenarios `scenario` names (none unless given), as GET "
             "/api/roadmap answers them."},
    {.method = "GET",
     .path = "/api/monitor/units",
     .verb = "monitor units",
     .store = true,
     .csv_out = true,
     .note = "The units of the server's store (`heatlift serve --db URL`)."},
    {.method = "POST",
     .path = "/api/monitor/ingest",
     .verb = "monitor ingest",
     .query = {Q{"unit", "--unit"}, Q{"tz", "--tz"}, Q{"sentinel", "--sentinel"},
               Q{"interval", "--interval"}},
     .data_body = true,
     .store = true,
     .writes_store = true,
     .pick = "/files/0",
     .note = "Stores monitoring data in the server's store. The body is one monitoring file as "
             "`monitor ingest` reads it: CSV (`text/csv`) or JSON lines (`application/x-ndjson`). "
             "The answer is the file's ingest report: rows read, stored, dropped and corrected, "
             "by reason. Needs the server's token (`Authorization: Bearer TOKEN`); ingests run "
             "one at a time, and every cached answer read from the store goes after each."},
    {.method = "GET",
     .path = "/api/monitor/kpi",
     .verb = "monitor kpi",
     .query = {Q{"unit", "--unit"}, Q{"all", "--all"}, Q{"from", "--from"}, Q{"to", "--to"},
               Q{"period", "--period"}, Q{"t_source", "--t-source"}},
     .store = true,
     .csv_out = true,
     .note = "KPIs of units of the server's store."},
    {.method = "GET",
     .path = "/api/monitor/diagnose",
     .verb = "monitor diagnose",
     .query = {Q{"unit", "--unit"}, Q{"all", "--all"}, Q{"from", "--from"}, Q{"to", "--to"},
               Q{"lang", "--lang"}},
     .store = true,
     .csv_out = true,
     .note = "Findings of units of the server's store."},
    {.method = "GET",
     .path = "/api/monitor/retrofit",
     .verb = "monitor retrofit",
     .query = {Q{"unit", "--unit"}, Q{"all", "--all"}, Q{"from", "--from"}, Q{"to", "--to"},
               Q{"price", "--price"}, Q{"grid", "--grid"}, Q{"design_outdoor", "--design-outdoor"}},
     .store = true,
     .csv_out = true,
     .note = "Retrofit measures for units of the server's store, with the shipped measure "
             "costs."},
    {.method = "GET",
     .path = "/api/cache",
     .action = Action::cache_stats,
     .run_in = RunIn::server,
     .summary = "the result cache: entries, bytes, hits, misses, evictions"},
    {.method = "DELETE",
     .path = "/api/cache",
     .action = Action::cache_clear,
     .run_in = RunIn::server,
     .summary = "empties the result cache; needs the server's token (`Authorization: Bearer "
                "TOKEN`)"},
};

}  // namespace

const std::vector<Endpoint>& endpoints() {
  return kEndpoints;
}

Match match(std::string_view method, std::string_view path) {
  const std::string_view m = method == "HEAD" ? "GET" : method;
  const auto segs = segments(path);
  bool path_known = false;
  for (const Endpoint& e : endpoints()) {
    if (!fits(e.path, segs, nullptr)) continue;
    path_known = true;
    if (e.method != m) continue;
    Match out{&e, {}};
    fits(e.path, segs, &out.path_values);
    return out;
  }
  if (path_known) {
    throw HttpError(
        HttpCode::method_not_allowed,
        fmt::format("{} is not answered at {}; it takes {}", method, path, allowed_methods(path)));
  }
  throw HttpError(
      HttpCode::unknown_endpoint,
      fmt::format("no endpoint at {}; the endpoints are listed at /api/openapi.json", path));
}

std::string allowed_methods(std::string_view path) {
  const auto segs = segments(path);
  std::string out;
  for (const Endpoint& e : endpoints()) {
    if (!fits(e.path, segs, nullptr)) continue;
    out += fmt::format("{}{}", out.empty() ? "" : ", ", e.method);
    if (e.method == "GET") out += ", HEAD";
  }
  return out;
}

std::vector<std::string> path_params(const Endpoint& e) {
  std::vector<std::string> out;
  for (auto seg : segments(e.path)) {
    if (is_param(seg)) out.emplace_back(seg.substr(1, seg.size() - 2));
  }
  return out;
}

const OptionDoc* VerbDoc::find(std::string_view name) const {
  for (const auto& o : options) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

void check_against(const VerbDocs& docs) {
  for (const Endpoint& e : endpoints()) {
    if (e.action != Action::verb) continue;
    const auto it = docs.find(e.verb);
    if (it == docs.end())
      throw InternalError(fmt::format("{} {}: no verb '{}'", e.method, e.path, e.verb));
    const VerbDoc& v = it->second;
    std::size_t positionals_left = 0;
    for (const auto& o : v.options) positionals_left += o.positional ? 1 : 0;
    for (const auto& p : path_params(e)) {
      const OptionDoc* o = v.find(p);
      if (!o || !o->positional)
        throw InternalError(fmt::format("{}: '{}' has no positional '{}'", e.path, e.verb, p));
      --positionals_left;
    }
    for (const auto& q : e.query) {
      const OptionDoc* o = v.find(q.option);
      if (!o || o->positional)
        throw InternalError(fmt::format("{}: '{}' has no option {}", e.path, e.verb, q.option));
    }
    if (e.store && !v.find("--db"))
      throw InternalError(fmt::format("{}: '{}' has no option --db", e.path, e.verb));
    if (!e.body_option.empty()) {
      const OptionDoc* o = v.find(e.body_option);
      if (!o || o->positional)
        throw InternalError(
            fmt::format("{}: '{}' has no option {}", e.path, e.verb, e.body_option));
    }
    const bool positional_body = (!e.body_kind.empty() && e.body_option.empty()) || e.data_body;
    const std::size_t want = positional_body ? 1 : 0;
    if (positionals_left != want) {
      throw InternalError(fmt::format("{}: '{}' has {} positional(s) left, the endpoint fills {}",
                                      e.path, e.verb, positionals_left, want));
    }
  }
}

}  // namespace heatlift::server
