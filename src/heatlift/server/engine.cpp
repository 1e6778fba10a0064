#include "heatlift/server/engine.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::server {
namespace {

constexpr std::size_t kMaxValueBytes = 1024;

std::string shown(std::string_view s) {
  return core::escape_invalid_utf8(core::utf8_prefix(s, 200));
}

void check_value(std::string_view what, std::string_view value) {
  if (value.size() > kMaxValueBytes) {
    throw InvalidInput(fmt::format("{} is {} bytes long; at most {} are taken", what, value.size(),
                                   kMaxValueBytes));
  }
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) {
      throw InvalidInput(fmt::format("{} = '{}' holds a control character", what, shown(value)));
    }
  }
}

bool is_plain_name(std::string_view v) {
  return !v.empty() && v.size() <= 64 && std::all_of(v.begin(), v.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_';
  });
}

std::string known_params(const Endpoint& e) {
  if (e.query.empty()) return "it takes none";
  std::string s = "it takes ";
  for (std::size_t i = 0; i < e.query.size(); ++i)
    s += fmt::format("{}{}", i ? ", " : "", e.query[i].name);
  return s;
}

const QueryParam& find_param(const Endpoint& e, std::string_view name) {
  for (const auto& q : e.query) {
    if (q.name == name) return q;
  }
  throw InvalidInput(fmt::format("{} {}: unknown parameter '{}'; {}", e.method, e.path, shown(name),
                                 known_params(e)));
}

// The command-line words of one query parameter (none for a flag that is false).
void add_option(const QueryParam& q, const OptionDoc& o, const std::string& value,
                std::vector<std::string>& args) {
  const std::string what = fmt::format("parameter '{}'", q.name);
  check_value(what, value);
  if (o.flag) {
    if (value.empty() || value == "true" || value == "1") {
      args.emplace_back(o.name);
    } else if (value != "false" && value != "0") {
      throw InvalidInput(fmt::format("{} = '{}': expected true or false", what, shown(value)));
    }
    return;
  }
  if (q.name_only && !is_plain_name(value)) {
    throw InvalidInput(fmt::format(
        "{} = '{}': a shipped name (letters, digits, '-' and '_'); the API reads no file of "
        "the server",
        what, shown(value)));
  }
  args.push_back(fmt::format("{}={}", o.name, value));
}

}  // namespace

Invocation make_invocation(const Match& m, const VerbDoc& doc, const QueryValues& query,
                           std::string_view content_type, const std::string& body,
                           const std::string& db) {
  const Endpoint& e = *m.endpoint;
  Invocation inv;
  inv.run_in = e.run_in;
  for (std::string_view rest = e.verb; !rest.empty();) {
    const auto sp = rest.find(' ');
    inv.args.emplace_back(rest.substr(0, sp));
    rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
  }
  std::vector<std::string_view> seen;
  for (const auto& [name, value] : query) {
    const QueryParam& q = find_param(e, name);
    const OptionDoc* o = doc.find(q.option);
    if (!o) throw InternalError(fmt::format("{}: '{}' has no option {}", e.path, e.verb, q.option));
    if (!o->repeatable && std::find(seen.begin(), seen.end(), q.name) != seen.end()) {
      throw InvalidInput(fmt::format("parameter '{}' is given more than once", q.name));
    }
    seen.push_back(q.name);
    add_option(q, *o, value, inv.args);
  }
  if (e.store) {
    if (db.empty()) {
      throw NotSupported(fmt::format(
          "{} {}: this server has no monitoring store; start it with heatlift serve --db URL",
          e.method, e.path));
    }
    inv.args.push_back(fmt::format("--db={}", db));
  }
  const bool has_body = !e.body_kind.empty() || e.data_body;
  const bool positional_body = has_body && e.body_option.empty();
  if (has_body && !positional_body) {
    inv.file = body_file(e, content_type, body);
    inv.args.push_back(fmt::format("{}={}", e.body_option, inv.file->name));
  }
  const auto names = path_params(e);
  if (!names.empty() || positional_body) inv.args.emplace_back("--");
  for (std::size_t i = 0; i < names.size() && i < m.path_values.size(); ++i) {
    check_value(names[i], m.path_values[i]);
    inv.args.push_back(m.path_values[i]);
  }
  if (positional_body) {
    inv.file = body_file(e, content_type, body);
    inv.args.push_back(inv.file->name);
  } else if (!has_body && !body.empty()) {
    throw InvalidInput(fmt::format("{} {} takes no body", e.method, e.path));
  }
  return inv;
}

// ---- CliEngine ----------------------------------------------------------------------------

CliEngine::CliEngine(EngineOptions options)
    : options_(std::move(options)),
      children_(static_cast<std::ptrdiff_t>(std::clamp(options_.jobs, 1u, 1024u))) {
  std::string templ =
      (std::filesystem::temp_directory_path() / fmt::format("heatlift-serve-{}-XXXXXX", getpid()))
          .string();
  if (!mkdtemp(templ.data())) {
    throw InternalError(fmt::format("cannot make a scratch folder at {}", templ));
  }
  scratch_ = templ;
}

CliEngine::~CliEngine() {
  std::error_code ec;
  std::filesystem::remove_all(scratch_, ec);
}

std::vector<std::string> CliEngine::global_args(const Invocation& inv) const {
  std::vector<std::string> a{"--format", inv.format};
  if (options_.data_dir) a.push_back(fmt::format("--data={}", *options_.data_dir));
  return a;
}

Outcome CliEngine::run(const Invocation& inv, Clock::time_point deadline) {
  return inv.run_in == RunIn::server ? run_here(inv, deadline) : run_child(inv, deadline);
}

Outcome CliEngine::run_here(const Invocation& inv, Clock::time_point deadline) {
  if (!options_.cli) throw InternalError("heatlift serve: no command line to run verbs in");
  if (inv.file) throw InternalError("a verb with a body file runs in a child process");
  std::unique_lock lock(here_, std::defer_lock);
  if (!lock.try_lock_until(deadline)) return {0, {}, {}, Outcome::Stop::waited};
  std::vector<std::string> words{"heatlift"};
  for (auto& a : global_args(inv)) words.push_back(std::move(a));
  words.insert(words.end(), inv.args.begin(), inv.args.end());
  std::vector<const char*> argv;
  for (const auto& w : words) argv.push_back(w.c_str());
  std::ostringstream out, err;
  std::istringstream in;
  Outcome o;
  o.exit_code = options_.cli(static_cast<int>(argv.size()), argv.data(), out, err, in);
  o.out = std::move(out).str();
  o.err = std::move(err).str();
  return o;
}

Outcome CliEngine::run_child(const Invocation& inv, Clock::time_point deadline) {
  if (!children_.try_acquire_until(deadline)) return {0, {}, {}, Outcome::Stop::waited};
  struct Release {
    std::counting_semaphore<1024>& s;
    ~Release() { s.release(); }
  } release{children_};

  static std::atomic<unsigned long> counter{0};
  const std::filesystem::path dir = scratch_ / fmt::format("run-{}", ++counter);
  std::error_code ec;
  std::filesystem::create_directory(dir, ec);
  if (ec) throw InternalError(fmt::format("cannot make {}: {}", dir.string(), ec.message()));
  struct Remove {
    std::filesystem::path d;
    ~Remove() {
      std::error_code e;
      std::filesystem::remove_all(d, e);
    }
  } remove{dir};
  if (inv.file) {
    std::ofstream f(dir / inv.file->name, std::ios::binary);
    f << inv.file->content;
    if (!f) throw InternalError(fmt::format("cannot write {}", (dir / inv.file->name).string()));
  }
  std::vector<std::string> argv{options_.exe};
  for (auto& a : global_args(inv)) argv.push_back(std::move(a));
  argv.insert(argv.end(), inv.args.begin(), inv.args.end());
  ChildRun r = server::run_child(argv, dir, deadline, options_.max_output);
  if (r.overflow) {
    throw InternalError(fmt::format("the answer is longer than the server's bound of {} MiB",
                                    options_.max_output >> 20));
  }
  return {r.exit_code, std::move(r.out), std::move(r.err),
          r.killed ? Outcome::Stop::ran : Outcome::Stop::none};
}

}  // namespace heatlift::server
