#include "heatlift/server/openapi.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/server/errors.hpp"

namespace heatlift::server {
namespace {

using ojson = nlohmann::ordered_json;

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const auto at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

bool is_wildcard(std::string_view seg) {
  return seg == "*" || (!seg.empty() && seg.front() == '<');
}

// A component name OpenAPI accepts ([A-Za-z0-9._-]): "site.demand.building".
std::string component_name(std::string_view kind, std::string_view path) {
  std::string n = fmt::format("{}{}{}", kind, path.empty() ? "" : ".", path);
  for (char& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  }
  return n;
}

ojson param_schema(const core::ParamDecl& p) {
  ojson s;
  s["description"] = std::string(p.doc);
  ojson x;
  x["kind"] = core::kind_text(p);
  if (p.kind == core::ParamKind::quantity && p.dimension)
    x["unit"] = std::string(core::display_unit(*p.dimension).symbol);
  if (const std::string r = core::range_text(p); !r.empty()) x["range"] = r;
  if (!p.source.empty()) x["source"] = std::string(p.source);
  s["x-heatlift"] = std::move(x);
  if (!p.fallback.empty()) s["default"] = std::string(p.fallback);
  if (p.kind == core::ParamKind::choice) {
    ojson e = ojson::array();
    for (auto c : p.choices) e.push_back(std::string(c));
    s["x-heatlift"]["choices"] = std::move(e);
  }
  return s;
}

ojson block_schema(const core::BlockDecl& b) {
  ojson s = {{"type", "object"}};
  if (!b.doc.empty()) s["description"] = std::string(b.doc);
  s["x-heatlift-block"] = b.path.empty() ? std::string("(top level)") : std::string(b.path);
  ojson props = ojson::object(), required = ojson::array();
  for (const auto& p : b.params) {
    props[std::string(p.key)] = param_schema(p);
    if (p.required) required.push_back(std::string(p.key));
  }
  s["properties"] = std::move(props);
  if (!required.empty()) s["required"] = std::move(required);
  return s;
}

// A block's place in its parent: a table, or an array of tables where the docs say so.
ojson link(const std::vector<std::string>& names) {
  ojson any = ojson::array();
  for (const auto& n : names) {
    const std::string ref = fmt::format("#/components/schemas/{}", n);
    any.push_back({{"$ref", ref}});
    any.push_back({{"type", "array"}, {"items", {{"$ref", ref}}}});
  }
  return {{"anyOf", std::move(any)}};
}

// The schema object a child at `seg` of `node` lives in (created when missing).
ojson& child_slot(ojson& node, std::string_view seg) {
  if (is_wildcard(seg)) return node["additionalProperties"];
  return node["properties"][std::string(seg)];
}

}  // namespace

ojson file_schema(std::string_view kind, ojson& components) {
  // Blocks by path; blocks of one path (a scenario's growth models) are alternatives.
  std::map<std::string, std::vector<const core::BlockDecl*>> by_path;
  for (const core::BlockDecl* b : core::declared_blocks()) {
    if (b->file == kind) by_path[std::string(b->path)].push_back(b);
  }
  // Components are built in a std::map (stable references), then moved into `components`.
  std::map<std::string, ojson> comps;
  std::map<std::string, std::vector<std::string>> names_of;  // path -> its components
  ojson root = {{"type", "object"}, {"properties", ojson::object()}};
  for (const auto& [path, blocks] : by_path) {  // a parent's path sorts before its children's
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      std::string n = component_name(kind, path);
      if (blocks.size() > 1) n += fmt::format(".{}", i + 1);
      comps[n] = block_schema(*blocks[i]);
      names_of[path].push_back(n);
    }
    if (path.empty()) continue;
    // Walk to the parent: through declared blocks (their first component) and plain tables.
    ojson* node = &root;
    std::string prefix;
    const auto segs = split(path, '.');
    for (std::size_t k = 0; k + 1 < segs.size(); ++k) {
      if (k) prefix += '.';
      prefix += segs[k];
      if (auto it = names_of.find(prefix); it != names_of.end()) {
        node = &comps[it->second.front()];
      } else {
        ojson& slot = child_slot(*node, segs[k]);
        if (slot.is_null()) slot = {{"type", "object"}};
        node = &slot;
        // A wildcard another block already fills ([<standard>] beside [<graded standard>]):
        // into that block's component.
        if (slot.contains("anyOf")) {
          const std::string ref = slot["anyOf"][0]["$ref"].get<std::string>();
          node = &comps[ref.substr(ref.rfind('/') + 1)];
        }
      }
    }
    child_slot(*node, segs.back()) = link(names_of[path]);
  }
  if (auto it = names_of.find(""); it != names_of.end()) {
    for (const auto& [k, v] : comps[it->second.front()]["properties"].items())
      root["properties"][k] = v;
    if (comps[it->second.front()].contains("required"))
      root["required"] = comps[it->second.front()]["required"];
    comps.erase(it->second.front());
  }
  for (auto& [n, s] : comps) components[n] = std::move(s);
  root["description"] = fmt::format(
      "A {} file, as TOML (application/toml) or the same document as JSON (application/json). "
      "Each key is described as `heatlift params {}` declares it (docs/parameters.md): kind, "
      "unit, range, default, source. The schemas do not restrict a value's form: a quantity "
      "is written with its unit (\"12 kW\"), some keys take arrays or paths by year; the "
      "verb's reader checks every value and answers 400 naming the key.",
      kind, kind);
  return root;
}

std::string caching(const Endpoint& e) {
  if (e.writes_store)
    return "It is never cached, and every cached answer read from the store goes when it has "
           "run.";
  if (e.store)
    return "Answers are cached by their inputs and the store's state: an ingest through the "
           "server, or any change of the SQLite file, makes them go (with a PostgreSQL store "
           "they are not cached).";
  return "Answers are cached by their inputs.";
}

namespace {

std::string verb_words(const Endpoint& e) {
  return std::string(e.verb);
}

std::string operation_id(const Endpoint& e) {
  if (e.action != Action::verb) {
    switch (e.action) {
      case Action::health: return "health";
      case Action::openapi: return "openapi";
      case Action::cache_stats: return "cache_stats";
      case Action::cache_clear: return "cache_clear";
      case Action::verb: break;
    }
  }
  std::string id = verb_words(e);
  for (char& c : id) c = c == ' ' ? '_' : c;
  // A verb with a second endpoint that takes its file as a body: POST /api/roadmap.
  if (!e.body_option.empty()) id += fmt::format("_{}", e.body_kind);
  return id;
}

// The schema of a query parameter from the CLI's type text: "TEXT:{exact,fast}" is an
// enum, "UINT" a whole number >= 0, "INT:INT in [1 - 1000000]" one in that range.
ojson option_schema(const OptionDoc& o) {
  if (o.flag) return {{"type", "boolean"}};
  ojson s;
  const std::string base = o.type.substr(0, o.type.find(':'));
  s["type"] = base == "INT" || base == "UINT" ? "integer" : base == "FLOAT" ? "number" : "string";
  if (base == "UINT") s["minimum"] = 0;
  if (const auto lb = o.type.find('{'), rb = o.type.find('}');
      lb != std::string::npos && rb != std::string::npos && rb > lb) {
    ojson e = ojson::array();
    for (auto c : split(std::string_view(o.type).substr(lb + 1, rb - lb - 1), ','))
      e.push_back(std::string(c));
    s["enum"] = std::move(e);
  }
  if (const auto in = o.type.find(" in ["); in != std::string::npos) {
    long long lo = 0, hi = 0;
    if (std::sscanf(o.type.c_str() + in, " in [%lld - %lld]", &lo, &hi) == 2) {
      s["minimum"] = lo;
      s["maximum"] = hi;
    }
  }
  return s;
}

ojson parameters(const Endpoint& e, const VerbDoc& v) {
  ojson ps = ojson::array();
  for (const auto& name : path_params(e)) {
    const OptionDoc* o = v.find(name);
    ps.push_back({{"name", name},
                  {"in", "path"},
                  {"required", true},
                  {"description", o ? o->description : std::string()},
                  {"schema", {{"type", "string"}}}});
  }
  for (const auto& q : e.query) {
    const OptionDoc* o = v.find(q.option);
    if (!o) continue;
    ojson schema = option_schema(*o);
    if (o->repeatable) schema = {{"type", "array"}, {"items", std::move(schema)}};
    std::string doc = fmt::format("{} (the verb's {})", o->description, o->name);
    if (q.name_only) doc += "; a shipped name, never a file";
    ps.push_back({{"name", std::string(q.name)},
                  {"in", "query"},
                  {"required", o->required},
                  {"description", doc},
                  {"schema", std::move(schema)}});
  }
  if (e.csv_out) {
    ps.push_back({{"name", "format"},
                  {"in", "query"},
                  {"required", false},
                  {"description", std::string(kFormatDoc)},
                  {"schema", {{"type", "string"}, {"enum", {"json", "csv", "xlsx"}}}}});
  }
  return ps;
}

ojson request_body(const Endpoint& e, ojson& components) {
  if (e.data_body) {
    const ojson text = {{"schema", {{"type", "string"}}}};
    return {{"required", true},
            {"description",
             "one monitoring file as `heatlift monitor ingest` reads it (docs/operations.md, "
             "\"Ingest\"): CSV, or JSON lines (one JSON object a line)"},
            {"content", {{"text/csv", text}, {"application/x-ndjson", text}}}};
  }
  const ojson schema = file_schema(e.body_kind, components);
  const std::string name = component_name(e.body_kind, "") + "_file";
  components[name] = schema;
  const ojson ref = {{"$ref", fmt::format("#/components/schemas/{}", name)}};
  ojson content = {{"application/toml", {{"schema", ref}}},
                   {"application/json", {{"schema", ref}}}};
  if (e.csv_body) {
    content["text/csv"] = {
        {"schema",
         {{"type", "string"},
          {"description",
           "a products CSV, one product a row (docs/rating.md lists the columns)"}}}};
  }
  return {{"required", true},
          {"description", fmt::format("a {} file (heatlift params {})", e.body_kind, e.body_kind)},
          {"content", std::move(content)}};
}

std::vector<int> error_statuses(const Endpoint& e) {
  if (e.action == Action::cache_clear) return {401, 500};
  if (e.action != Action::verb) return {400, 500};
  std::vector<int> s{400};
  if (e.writes_store) s.push_back(401);
  s.push_back(404);
  if (!e.body_kind.empty() || e.data_body) s.push_back(413);
  s.insert(s.end(), {422, 500, 503});
  return s;
}

ojson responses(const Endpoint& e) {
  ojson ok = {{"description", e.action == Action::verb
                                  ? fmt::format("the JSON document `heatlift --format json {}` "
                                                "prints, compact",
                                                e.verb)
                                  : std::string(e.summary)},
              {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  if (e.csv_out) {
    const ojson file = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
    ok["content"]["text/csv"] = file;
    ok["content"]["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = file;
  }
  if (e.action == Action::verb && !e.pick.empty()) {
    ok["description"] = fmt::format(
        "the part `{}` of the JSON document `heatlift --format json {}` "
        "prints, compact",
        e.pick, e.verb);
  }
  if (e.action == Action::verb && !e.writes_store) {
    ok["headers"] = {
        {"ETag", {{"description", "the answer's hash"}, {"schema", {{"type", "string"}}}}},
        {"X-Heatlift-Cache",
         {{"description", "hit: from the result cache; miss: computed for this request"},
          {"schema", {{"type", "string"}, {"enum", {"hit", "miss"}}}}}}};
  }
  ojson r = {{"200", std::move(ok)}};
  if (e.action == Action::verb && e.method == "GET")
    r["304"] = {{"description", "not modified: If-None-Match named the answer's ETag"}};
  for (int st : error_statuses(e))
    r[std::to_string(st)] = {{"$ref", fmt::format("#/components/responses/{}", st)}};
  return r;
}

std::string where_it_runs(const Endpoint& e) {
  if (e.writes_store) return "It runs as a child process of its own, one write at a time.";
  return e.run_in == RunIn::server
             ? "It runs in the server's process (a short verb that reads no file)."
             : "It runs as a child process of its own, stopped at the time limit.";
}

ojson operation(const Endpoint& e, const VerbDocs& docs, ojson& components) {
  ojson op;
  op["operationId"] = operation_id(e);
  if (e.action != Action::verb) {
    op["summary"] = std::string(e.summary);
    op["responses"] = responses(e);
    if (is_write(e)) op["security"] = {{{"token", ojson::array()}}};
    return op;
  }
  const auto it = docs.find(e.verb);
  const VerbDoc empty;
  const VerbDoc& v = it == docs.end() ? empty : it->second;
  op["summary"] = v.description;
  std::string d = e.note.empty() ? std::string() : std::string(e.note) + "\n\n";
  d += fmt::format(
      "Runs `heatlift --format json {}`: its answer and its errors are the "
      "command line's. {} {}",
      e.verb, where_it_runs(e), caching(e));
  op["description"] = d;
  if (is_write(e)) op["security"] = {{{"token", ojson::array()}}};
  if (auto ps = parameters(e, v); !ps.empty()) op["parameters"] = std::move(ps);
  if (!e.body_kind.empty() || e.data_body) op["requestBody"] = request_body(e, components);
  op["responses"] = responses(e);
  return op;
}

ojson error_components() {
  ojson rs = ojson::object();
  std::map<int, std::string> by_status;
  for (const auto& row : error_table()) {
    auto& d = by_status[row.status];
    d += fmt::format("{}`{}`: {}", d.empty() ? "" : "; ", row.code, row.meaning);
  }
  for (const auto& [status, desc] : by_status) {
    rs[std::to_string(status)] = {
        {"description", desc},
        {"content",
         {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  }
  return rs;
}

std::string info_description(const Limits& l) {
  return fmt::format(
      "The engine of heatlift over HTTP, served by `heatlift serve`: the verbs of the command "
      "line as JSON endpoints, with the same answers and the same errors. Limits: a request "
      "body of at most {} KiB (413 body_too_large); {:g} s from a request's arrival to its "
      "answer (503 time_limit; a verb still running then is stopped); answers cached by the "
      "hash of their inputs in a least-recently-used cache of {} MiB. Errors are "
      "{{\"error\":{{\"code\",\"message\"}}}}: the command line's codes and messages, "
      "plus the HTTP layer's own (docs/api.md). Write endpoints need the server's token "
      "(`Authorization: Bearer TOKEN`; heatlift serve --token or HEATLIFT_TOKEN). "
      "The monitor endpoints work on the store the server owns (heatlift serve --db URL). "
      "An endpoint whose verb prints a table also answers it as a download: format=csv "
      "(UTF-8 with a byte-order mark) or format=xlsx.",
      l.max_body_bytes >> 10, l.time_limit_s, l.cache_bytes >> 20);
}

}  // namespace

ojson openapi_json(const VerbDocs& docs, const Limits& limits) {
  ojson components = {{"schemas", ojson::object()},
                      {"responses", error_components()},
                      {"securitySchemes", {{"token", {{"type", "http"}, {"scheme", "bearer"}}}}}};
  components["schemas"]["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message"}},
          {"properties",
           {{"code", {{"type", "string"}, {"description", "a stable code (docs/api.md)"}}},
            {"message", {{"type", "string"}}}}}}}}}};
  ojson paths = ojson::object();
  for (const Endpoint& e : endpoints()) {
    std::string method(e.method);
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[std::string(e.path)][method] = operation(e, docs, components["schemas"]);
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "heatlift HTTP API"},
            {"version", HEATLIFT_VERSION},
            {"description", info_description(limits)}}},
          {"paths", std::move(paths)},
          {"components", std::move(components)}};
}

}  // namespace heatlift::server
