// The endpoint table of the HTTP API: the one list of what the server answers. Each verb
// endpoint names the CLI verb it runs, the verb's options it exposes as query parameters,
// its path parameters (the verb's positionals, by name) and its body (a file kind of the
// declared blocks, core/params.hpp). What each parameter and body key means is not written
// here: the OpenAPI document takes it from the verb's own option descriptions (VerbDocs,
// handed in by the command line) and from the declared blocks.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::server {

/// What an endpoint does.
enum class Action {
  verb,         ///< runs a CLI verb (`heatlift --format json <verb> ...`)
  health,       ///< {"status":"ok","version":...}
  openapi,      ///< the OpenAPI document
  cache_stats,  ///< the result cache's counters
  cache_clear,  ///< empties the result cache (a write: needs the token)
};

/// Where a verb runs: in the server's process (short verbs that read no request file), or
/// in a child process of its own that the time limit can stop.
enum class RunIn { server, child };

/// A query parameter: one option of the verb.
struct QueryParam {
  std::string_view name = {};    ///< as in the query, e.g. "T"
  std::string_view option = {};  ///< the verb's option, e.g. "--T"
  /// A shipped name (letters, digits, '-', '_'): the API never lets a request name a file.
  bool name_only = false;
};

struct Endpoint {
  std::string_view method = {};  ///< GET, POST or DELETE
  /// e.g. "/api/fluid/{fluid}/state"; `{x}` is the verb's positional argument `x`.
  std::string_view path = {};
  Action action = Action::verb;
  std::string_view verb = {};  ///< the CLI's words, e.g. "fluid state"
  std::vector<QueryParam> query = {};
  /// The body: a file kind of the declared blocks ("site"); empty when there is none.
  std::string_view body_kind = {};
  bool csv_body = false;  ///< text/csv is accepted too (a products CSV for rate)
  /// The verb's option the body file is given to ("--scenario"); empty: its last positional.
  std::string_view body_option = {};
  /// The body is monitoring data as the verb reads it from a file: CSV (text/csv) or JSON
  /// lines (application/x-ndjson), not a file of the declared blocks.
  bool data_body = false;
  /// The verb works on the server's store (`heatlift serve --db URL`, passed as `--db`).
  bool store = false;
  /// The verb writes to that store: it needs the token, runs one at a time, is never
  /// cached, and every cached answer read from the store goes when it has run.
  bool writes_store = false;
  /// The verb prints a table with `--format csv`, so `?format=csv` and `?format=xlsx` are
  /// downloads of it.
  bool csv_out = false;
  /// A JSON pointer into the verb's document: the part the endpoint answers ("" the whole).
  std::string_view pick = {};
  RunIn run_in = RunIn::child;
  std::string_view summary = {};  ///< for the server's own endpoints (a verb's is the CLI's)
  std::string_view note = {};     ///< what the API adds to the verb's description
};

/// Every endpoint, in the order the docs list them.
const std::vector<Endpoint>& endpoints();

/// Whether `e` changes the server's state (and so needs the token).
inline bool is_write(const Endpoint& e) {
  return e.action == Action::cache_clear || e.writes_store;
}

/// The endpoint of `method` at `path`, with the values of its `{x}` segments in order.
struct Match {
  const Endpoint* endpoint = nullptr;
  std::vector<std::string> path_values;
};

/// Finds the endpoint; HEAD matches as GET. Throws HttpError unknown_endpoint (no such
/// path) or method_not_allowed (the path with other methods; `allowed` lists them).
Match match(std::string_view method, std::string_view path);
/// The methods the endpoints at `path` answer ("GET, HEAD"), "" when none.
std::string allowed_methods(std::string_view path);

/// The names of an endpoint's `{x}` path segments, in order.
std::vector<std::string> path_params(const Endpoint& e);

// ---- the CLI's description of its verbs -------------------------------------------------

/// One option or positional of a verb, as the command line declares it.
struct OptionDoc {
  std::string name;         ///< "--T", or a positional's name ("fluid")
  std::string description;  ///< its help text
  std::string type;         ///< the CLI's type text: "TEXT", "TEXT:{exact,fast}", "UINT"
  bool positional = false;
  bool flag = false;  ///< takes no value
  bool required = false;
  bool repeatable = false;  ///< may be given more than once
};

struct VerbDoc {
  std::string description;
  std::vector<OptionDoc> options;
  /// The option or positional called `name`, or nullptr.
  const OptionDoc* find(std::string_view name) const;
};

/// By the verb's words ("fluid state").
using VerbDocs = std::map<std::string, VerbDoc, std::less<>>;

/// Checks every verb endpoint against the CLI: its verb exists, each path parameter is a
/// positional and each query parameter an option of it, and a body endpoint has exactly one
/// positional left for the body file, and a store endpoint's verb takes --db. Throws InternalError
/// naming the first mismatch.
void check_against(const VerbDocs& docs);

}  // namespace heatlift::server
