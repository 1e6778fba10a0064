// Verb of the server layer: `heatlift serve`, the HTTP API (docs/api.md).
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/server/api.hpp"
#include "heatlift/server/engine.hpp"
#include "heatlift/server/http.hpp"
#include "heatlift/server/openapi.hpp"

namespace heatlift::cli {
namespace {

struct ServeOptions {
  server::HttpOptions http;
  unsigned jobs = 0;
  double cache_mb = static_cast<double>(server::Limits{}.cache_bytes >> 20);
  double time_limit_s = server::Limits{}.time_limit_s;
  double max_body_kb = static_cast<double>(server::Limits{}.max_body_bytes >> 10);
  std::string token;
  std::string db;
  bool openapi = false;
  bool markdown = false;
};

// The command line's description of its verbs: the API's parameter docs and its checks.
void describe(const CLI::App& app, const std::string& prefix, server::VerbDocs& out) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    const std::string words = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
    server::VerbDoc d;
    d.description = sub->get_description();
    for (const CLI::Option* o : sub->get_options()) {
      if (o == sub->get_help_ptr() || o == sub->get_help_all_ptr()) continue;
      server::OptionDoc od;
      od.positional = o->get_lnames().empty() && o->get_snames().empty() && o->get_positional();
      if (!o->get_lnames().empty()) {
        od.name = fmt::format("--{}", o->get_lnames().front());
      } else if (!o->get_snames().empty()) {
        od.name = fmt::format("-{}", o->get_snames().front());
      } else {
        od.name = o->get_name(true);
      }
      od.description = o->get_description();
      od.type = o->get_type_name();
      od.flag = !od.positional && o->get_type_size_max() == 0;
      od.required = o->get_required();
      od.repeatable = !od.flag && o->get_items_expected_max() > 1;
      d.options.push_back(std::move(od));
    }
    out[words] = std::move(d);
    describe(*sub, words, out);
  }
}

std::string self_exe() {
  std::error_code ec;
  const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw InternalError(fmt::format("serve: cannot find its own program: {}", ec.message()));
  return p.string();
}

// --data DIR or HEATLIFT_DATA, made absolute: child processes run in folders of their own.
std::optional<std::string> data_dir(const Context& ctx) {
  std::optional<std::filesystem::path> d = ctx.data_dir;
  if (!d) {
    if (const char* env = std::getenv("HEATLIFT_DATA"); env && *env) d = env;
  }
  if (!d) return std::nullopt;
  return std::filesystem::absolute(*d).string();
}

// --db URL or HEATLIFT_DB: a SQLite file made absolute (verbs run in folders of their own),
// "sqlite:PATH" likewise, a postgresql:// URL as it is; empty: no store.
std::string store_url(const ServeOptions& o) {
  std::string db = o.db;
  if (const char* env = std::getenv("HEATLIFT_DB"); db.empty() && env) db = env;
  if (db.empty() || db.rfind("postgres", 0) == 0) return db;
  const std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
  if (path.empty()) throw InvalidInput("serve: --db = 'sqlite:': expected a file after 'sqlite:'");
  return std::filesystem::absolute(path).string();
}

server::Limits limits_of(const ServeOptions& o) {
  if (!(o.time_limit_s > 0) || !(o.cache_mb >= 0) || !(o.max_body_kb > 0)) {
    throw InvalidInput(
        "serve: --time-limit and --max-body-kb must be above 0, --cache-mb at least 0");
  }
  server::Limits l;
  l.time_limit_s = o.time_limit_s;
  l.cache_bytes = static_cast<std::size_t>(o.cache_mb * 1024 * 1024);
  l.max_body_bytes = static_cast<std::size_t>(o.max_body_kb * 1024);
  return l;
}

// SIGINT, SIGTERM and SIGHUP blocked in this thread and every thread it starts (the
// server's among them) from before the server binds, so a signal that comes early still
// ends it cleanly: one thread takes them with sigwait.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set_, s);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
  }
  ~StopSignals() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  /// Serves until one of the signals comes.
  void serve(server::HttpServer& http) const {
    std::thread watcher([&] {
      int sig = 0;
      sigwait(&set_, &sig);
      http.stop();
    });
    const bool ok = http.listen();
    pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher if no signal came
    watcher.join();
    if (!ok) throw InternalError("serve: the HTTP server stopped with an error");
  }

 private:
  sigset_t set_{};
  sigset_t old_{};
};

void serve(const CLI::App& root, Context& ctx, const ServeOptions& o) {
  server::VerbDocs docs;
  describe(root, "", docs);
  const server::Limits limits = limits_of(o);
  if (o.openapi) {
    ctx.out() << server::openapi_json(docs, limits).dump(2) << '\n';
    return;
  }
  if (o.markdown) {
    ctx.out() << server::api_markdown(docs, limits);
    return;
  }
  std::string token = o.token;
  if (const char* env = std::getenv("HEATLIFT_TOKEN"); token.empty() && env) token = env;

  const StopSignals signals;
  server::EngineOptions eo;
  eo.cli = static_cast<server::CliMain>(&run);
  eo.exe = self_exe();
  eo.data_dir = data_dir(ctx);
  eo.jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  server::CliEngine engine(eo);
  const std::string db = store_url(o);
  server::Api api({limits, token, db}, std::move(docs), engine);
  server::HttpServer http(api, o.http);
  signal(SIGPIPE, SIG_IGN);  // a client gone, a child gone: errors, not the end of the server
  const int port = http.bind();
  ctx.out() << fmt::format(
                   "heatlift serve: listening on http://{}:{}/api ({} threads, {} jobs, time "
                   "limit {:g} s, body limit {} KiB, cache {} MiB, write endpoints {}, store {})",
                   o.http.host, port, o.http.threads, eo.jobs, limits.time_limit_s,
                   limits.max_body_bytes >> 10, limits.cache_bytes >> 20,
                   token.empty() ? "off (no token)" : "on (token)",
                   db.empty()                     ? "none (no --db)"
                   : db.rfind("postgres", 0) == 0 ? "PostgreSQL"
                                                  : db)
            << std::endl;
  signals.serve(http);
  ctx.err() << "heatlift serve: stopped\n";
}

void setup(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "serve", "the HTTP API: the verbs as JSON endpoints, cached, on 127.0.0.1 (docs/api.md)");
  auto o = std::make_shared<ServeOptions>();
  cmd->add_option("--host", o->http.host,
                  "address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--port", o->http.port, "port (default 8080; 0: any free port, printed)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", o->http.threads,
                  "connections served at once (default 8; a keep-alive connection holds one)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--jobs", o->jobs, "verbs run as child processes at once (default: the cores)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--cache-mb", o->cache_mb, "size of the result cache in MiB (default 64)");
  cmd->add_option("--time-limit", o->time_limit_s,
                  "seconds from a request's arrival to its answer (default 30)");
  cmd->add_option("--max-body-kb", o->max_body_kb, "largest request body in KiB (default 1024)");
  cmd->add_option("--token", o->token,
                  "token of the write endpoints (or HEATLIFT_TOKEN, which ps does not show)");
  cmd->add_option("--db", o->db,
                  "monitoring store the server owns, for /api/monitor: a SQLite file, "
                  "sqlite:PATH or postgresql://... (or HEATLIFT_DB; default: none, those "
                  "endpoints are off)");
  cmd->add_flag("--openapi", o->openapi, "print the OpenAPI document (docs/openapi.json) and exit");
  cmd->add_flag("--markdown", o->markdown, "print the endpoint reference of docs/api.md and exit");
  cmd->callback([&app, &ctx, o] { serve(app, ctx, *o); });
}

const VerbRegistrar registrar{"serve", 950, setup};

}  // namespace
}  // namespace heatlift::cli
