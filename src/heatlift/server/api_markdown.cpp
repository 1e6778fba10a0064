// The endpoint reference of docs/api.md (heatlift serve --markdown), from the same
// endpoint table, CLI descriptions and error table as the OpenAPI document.
#include <fmt/format.h>

#include "heatlift/server/errors.hpp"
#include "heatlift/server/openapi.hpp"

namespace heatlift::server {
namespace {

std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string endpoint_section(const Endpoint& e, const VerbDocs& docs) {
  std::string out = fmt::format("### `{} {}`\n\n", e.method, e.path);
  if (e.action != Action::verb) return out + fmt::format("{}.\n\n", cell(e.summary));
  const auto it = docs.find(e.verb);
  const VerbDoc empty;
  const VerbDoc& v = it == docs.end() ? empty : it->second;
  out += fmt::format("{}.", cell(v.description));
  if (!e.note.empty()) out += fmt::format(" {}", e.note);
  out += fmt::format("\n\nRuns `heatlift --format json {}` {}. {}\n\n", e.verb,
                     e.run_in == RunIn::server ? "in the server's process"
                                               : "in a child process, stopped at the time limit",
                     caching(e));
  const auto names = path_params(e);
  if (!names.empty() || !e.query.empty() || e.csv_out) {
    out += "| parameter | in | the verb's | meaning |\n| --- | --- | --- | --- |\n";
    for (const auto& n : names) {
      const OptionDoc* o = v.find(n);
      out += fmt::format("| `{}` | path | `{}` | {} |\n", n, n, cell(o ? o->description : ""));
    }
    for (const auto& q : e.query) {
      const OptionDoc* o = v.find(q.option);
      std::string meaning = o ? cell(o->description) : std::string();
      if (o && o->flag) meaning += " (true or false)";
      if (o && o->repeatable) meaning += " (repeat the parameter for more)";
      if (q.name_only) meaning += "; a shipped name, never a file";
      out += fmt::format("| `{}` | query | `{}` | {} |\n", q.name, q.option, meaning);
    }
    if (e.csv_out) out += fmt::format("| `format` | query | `--format` | {} |\n", kFormatDoc);
    out += "\n";
  }
  if (e.data_body) {
    out +=
        "Body: one monitoring file as `heatlift monitor ingest` reads it: CSV (`text/csv`) "
        "or JSON lines (`application/x-ndjson`) ([operations.md](operations.md), "
        "\"Ingest\").\n\n";
  }
  if (!e.body_kind.empty()) {
    out += fmt::format(
        "Body: a {} file as TOML (`application/toml`) or the same document as JSON "
        "(`application/json`){}; its keys are those of `heatlift params {}` "
        "([parameters.md](parameters.md)).\n\n",
        e.body_kind, e.csv_body ? ", or a products CSV (`text/csv`)" : "", e.body_kind);
  }
  return out;
}

}  // namespace

std::string api_markdown(const VerbDocs& docs, const Limits& limits) {
  std::string out = "## Endpoints\n\n| method | path | what |\n| --- | --- | --- |\n";
  for (const Endpoint& e : endpoints()) {
    std::string what;
    if (e.action == Action::verb) {
      const auto it = docs.find(e.verb);
      what = fmt::format("`heatlift {}`: {}", e.verb,
                         cell(it == docs.end() ? "" : it->second.description));
    } else {
      what = cell(e.summary);
    }
    out += fmt::format("| {} | `{}` | {} |\n", e.method, e.path, what);
  }
  out += "\n";
  for (const Endpoint& e : endpoints()) out += endpoint_section(e, docs);

  out += "## Limits\n\n| limit | default | option of `heatlift serve` |\n| --- | --- | --- |\n";
  out += fmt::format("| request body | {} KiB | `--max-body-kb` |\n", limits.max_body_bytes >> 10);
  out += fmt::format("| time from a request's arrival to its answer | {:g} s | `--time-limit` |\n",
                     limits.time_limit_s);
  out += fmt::format("| result cache (keys and bodies) | {} MiB | `--cache-mb` |\n\n",
                     limits.cache_bytes >> 20);

  out += "## Error codes\n\n| code | HTTP status | meaning |\n| --- | --- | --- |\n";
  for (const auto& row : error_table())
    out += fmt::format("| `{}` | {} | {} |\n", row.code, row.status, cell(row.meaning));
  return out;
}

}  // namespace heatlift::server
