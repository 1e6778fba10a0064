#include "heatlift/server/api.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/server/download.hpp"
#include "heatlift/server/errors.hpp"
#include "heatlift/server/openapi.hpp"

namespace heatlift::server {
namespace {

constexpr ErrorCode kEngineCodes[] = {ErrorCode::invalid_input,  ErrorCode::out_of_range,
                                      ErrorCode::no_convergence, ErrorCode::data_missing,
                                      ErrorCode::not_supported,  ErrorCode::internal};

std::optional<ErrorCode> code_named(std::string_view name) {
  for (ErrorCode c : kEngineCodes) {
    if (heatlift::to_string(c) == name) return c;
  }
  return std::nullopt;
}

std::shared_ptr<const std::string> text(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

std::string compact(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiResponse error_response(int status, std::string_view code, std::string_view message) {
  ApiResponse r;
  r.status = status;
  r.body = text(error_document(code, message));
  return r;
}

ApiResponse json_response(const nlohmann::json& doc) {
  ApiResponse r;
  r.body = text(compact(doc));
  return r;
}

// The command line's own message from its standard error: "heatlift: error: MESSAGE
// (see 'heatlift --help')" -> "MESSAGE".
std::string message_of(const std::string& err) {
  constexpr std::string_view kPrefix = "heatlift: error: ";
  constexpr std::string_view kHelp = " (see 'heatlift --help')";
  std::size_t at = err.find(kPrefix);
  std::string m = at == std::string::npos ? err : err.substr(at + kPrefix.size());
  m = m.substr(0, m.find('\n'));
  if (m.size() >= kHelp.size() && m.compare(m.size() - kHelp.size(), kHelp.size(), kHelp) == 0)
    m.resize(m.size() - kHelp.size());
  return m;
}

// A comparison whose time does not depend on where the strings differ, so the token
// cannot be guessed a byte at a time from response times (its length may show).
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]);
  return diff == 0;
}

std::string cache_key(const Endpoint& e, const Invocation& inv) {
  std::string key(e.path);
  for (const auto& a : inv.args) {
    key += '\0';
    key += a;
  }
  if (inv.file) {
    key += '\n';
    key += inv.file->content;
  }
  return key;
}

// Keys of answers read from the store start with this, so an ingest can drop them all.
constexpr std::string_view kStoreKey = "store\n";

// "monitor kpi" -> "heatlift-monitor-kpi": a download's file name and sheet.
std::string download_name(std::string_view verb) {
  std::string s = "heatlift-";
  for (char c : verb) s += c == ' ' ? '-' : c;
  return s;
}

// `format` taken out of the query: json (default), csv or xlsx.
std::string take_format(const Endpoint& e, QueryValues& query) {
  std::string format = "json";
  bool seen = false;
  for (auto it = query.begin(); it != query.end();) {
    if (it->first != "format") {
      ++it;
      continue;
    }
    if (seen) throw InvalidInput("parameter 'format' is given more than once");
    seen = true;
    format = it->second;
    it = query.erase(it);
  }
  if (format != "json" && format != "csv" && format != "xlsx") {
    throw InvalidInput(fmt::format("parameter 'format' = '{}': expected json, csv or xlsx",
                                   core::escape_invalid_utf8(core::utf8_prefix(format, 40))));
  }
  if (format != "json" && !e.csv_out) {
    throw InvalidInput(
        fmt::format("parameter 'format' = '{}': {} {} answers JSON only (its verb prints no table)",
                    format, e.method, e.path));
  }
  return format;
}

// A successful run's table as a download.
ResultCache::Computed download(const Endpoint& e, const std::string& format,
                               const std::string& csv) {
  Answer a;
  const std::string name = download_name(e.verb);
  if (format == "csv") {
    a.body = text(std::string(kUtf8Bom) + csv);
    a.content_type = "text/csv; charset=utf-8";
    a.filename = name + ".csv";
  } else {
    a.body = text(xlsx_of(parse_csv(csv), name.substr(std::string_view("heatlift-").size())));
    a.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    a.filename = name + ".xlsx";
  }
  return {a, true};
}

// The part of a store verb's document the endpoint answers, without the store's location
// (a path of the server's, not the client's business).
std::string shaped(const Endpoint& e, const std::string& body) {
  nlohmann::json doc = nlohmann::json::parse(body);
  if (doc.is_object()) doc.erase("db");
  if (!e.pick.empty()) doc = doc.at(nlohmann::json::json_pointer(std::string(e.pick)));
  return compact(doc);
}

// An ingest that stored nothing printed its report and then failed: the message says why
// from the report (the reasons and the first problems), not "see the reasons above".
std::string ingest_failure(const Endpoint& e, const Outcome& o, const std::string& message) {
  const nlohmann::json doc = nlohmann::json::parse(o.out, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || doc.contains("error") || e.pick.empty())
    return message;
  const auto ptr = nlohmann::json::json_pointer(std::string(e.pick));
  if (!doc.contains(ptr)) return message;
  const nlohmann::json& r = doc.at(ptr);
  std::string m = message.substr(0, message.find(" (see the reasons above)"));
  std::string reasons;
  const nlohmann::json dropped = r.value("dropped", nlohmann::json::object());
  for (const auto& [reason, n] : dropped.items())
    reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, n.dump());
  if (!reasons.empty()) m += fmt::format("; dropped: {}", reasons);
  const auto ex = r.value("examples", nlohmann::json::array());
  for (std::size_t i = 0; i < ex.size() && i < 3; ++i)
    if (ex[i].is_string()) m += fmt::format("; {}", ex[i].get<std::string>());
  return m;
}

}  // namespace

ResultCache::Computed answer_of(const Outcome& o) {
  const nlohmann::json doc = nlohmann::json::parse(o.out, nullptr, false);
  const bool is_json = !o.out.empty() && !doc.is_discarded();
  if (o.exit_code == 0) {
    if (!is_json) throw InternalError("the verb's output is not one JSON document");
    return {{200, text(compact(doc)), {}}, true};
  }
  if (is_json && doc.is_object() && doc.contains("error") && doc["error"].is_object()) {
    const auto& e = doc["error"];
    const std::string name = e.value("code", std::string("internal"));
    const ErrorCode code = code_named(name).value_or(ErrorCode::internal);
    const std::string message = e.value("message", std::string());
    return {
        {heatlift::http_status(code), text(error_document(heatlift::to_string(code), message)), {}},
        code != ErrorCode::internal};
  }
  if (o.exit_code == 2) {  // the command line's parser: a bad option value
    return {{400, text(error_document("invalid_input", message_of(o.err))), {}}, true};
  }
  const std::string why = o.exit_code > 128
                              ? fmt::format("the verb ended on signal {}", o.exit_code - 128)
                              : message_of(o.err);
  return {{500, text(error_document("internal", fmt::format("internal error: {}", why))), {}},
          false};
}

Api::Api(ApiOptions options, VerbDocs docs, Engine& engine)
    : options_(std::move(options)),
      docs_(std::move(docs)),
      engine_(engine),
      cache_(options_.limits.cache_bytes) {
  check_against(docs_);
  openapi_ = text(openapi_json(docs_, options_.limits).dump(2) + "\n");
}

ApiResponse Api::handle(const ApiRequest& req) noexcept {
  try {
    try {
      return dispatch(req);
    } catch (const HttpError& e) {
      ApiResponse r = error_response(http_status(e.code()), to_string(e.code()), e.what());
      if (e.code() == HttpCode::method_not_allowed) r.allow = allowed_methods(req.path);
      return r;
    } catch (const Error& e) {
      return error_response(heatlift::http_status(e.code()), heatlift::to_string(e.code()),
                            e.what());
    } catch (const std::exception& e) {
      return error_response(500, "internal", fmt::format("internal error: {}", e.what()));
    }
  } catch (...) {
    ApiResponse r;
    r.status = 500;
    return r;  // not even an error document could be made (out of memory)
  }
}

void Api::check_token(const ApiRequest& req) const {
  if (options_.token.empty()) {
    throw HttpError(HttpCode::unauthorized,
                    fmt::format("{} {} changes the server, and this server has no token "
                                "(heatlift serve --token, or HEATLIFT_TOKEN): it is off",
                                req.method, req.path));
  }
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view given(req.authorization);
  if (given.substr(0, kBearer.size()) != kBearer ||
      !same_secret(given.substr(kBearer.size()), options_.token)) {
    throw HttpError(HttpCode::unauthorized,
                    fmt::format("{} {} needs the server's token: Authorization: Bearer TOKEN",
                                req.method, req.path));
  }
}

ApiResponse Api::dispatch(const ApiRequest& req) {
  const Match m = match(req.method, req.path);
  const Endpoint& e = *m.endpoint;
  if (is_write(e)) check_token(req);
  if (e.action != Action::verb && !req.query.empty()) {
    throw InvalidInput(fmt::format("{} {} takes no parameter ('{}' was given)", e.method, e.path,
                                   core::escape_invalid_utf8(req.query.front().first)));
  }
  switch (e.action) {
    case Action::health: return json_response({{"status", "ok"}, {"version", HEATLIFT_VERSION}});
    case Action::openapi: {
      ApiResponse r;
      r.body = openapi_;
      return r;
    }
    case Action::cache_stats: {
      const CacheStats s = cache_.stats();
      return json_response({{"entries", s.entries},
                            {"bytes", s.bytes},
                            {"max_bytes", s.max_bytes},
                            {"hits", s.hits},
                            {"misses", s.misses},
                            {"evictions", s.evictions},
                            {"joined", s.joined},
                            {"computing", s.computing},
                            {"units", {{"bytes", "B"}, {"max_bytes", "B"}}}});
    }
    case Action::cache_clear: {
      const std::size_t n = cache_.stats().entries;
      cache_.clear();
      return json_response({{"cleared", n}});
    }
    case Action::verb: return verb(m, req);
  }
  throw InternalError("unhandled endpoint action");
}

std::optional<std::string> Api::store_state() const {
  const std::string& db = options_.db;
  if (db.rfind("postgres", 0) == 0) return std::nullopt;
  const std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
  std::string state = fmt::format("{}", store_generation_.load());
  for (const std::string& f : {path, path + "-wal"}) {
    struct stat st {};
    if (::stat(f.c_str(), &st) != 0) {
      state += ":-";
      continue;
    }
    state += fmt::format(":{}.{}:{}", static_cast<long long>(st.st_mtim.tv_sec),
                         static_cast<long>(st.st_mtim.tv_nsec), static_cast<long long>(st.st_size));
  }
  return state;
}

ApiResponse Api::verb(const Match& m, const ApiRequest& req) {
  const auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(options_.limits.time_limit_s));
  const Endpoint& e = *m.endpoint;
  const auto doc = docs_.find(e.verb);
  if (doc == docs_.end()) throw InternalError(fmt::format("no verb '{}'", e.verb));
  QueryValues query = req.query;
  const std::string format = take_format(e, query);
  Invocation inv = make_invocation(m, doc->second, query, req.content_type, req.body, options_.db);
  inv.format = format == "json" ? "json" : "csv";
  if (e.writes_store) return write_store(e, inv, deadline);

  std::string key = cache_key(e, inv);
  key += fmt::format("\n{}", format);
  std::optional<std::string> state;
  if (e.store) {
    state = store_state();
    key = fmt::format("{}{}\n{}", kStoreKey, state.value_or(""), key);
  }
  bool computed = false;
  const auto fresh = [&] {
    computed = true;
    return compute(e, inv, format, deadline);
  };
  const Answer a = e.store && !state ? fresh().answer : cache_.get(key, deadline, fresh, [&] {
    throw HttpError(HttpCode::time_limit,
                    fmt::format("the same request was still being computed when the "
                                "time limit of {:g} s passed; ask again later",
                                options_.limits.time_limit_s));
  });
  ApiResponse r;
  r.status = a.status;
  r.etag = a.etag;
  r.cache = computed ? "miss" : "hit";
  r.content_type = a.content_type;
  r.filename = a.filename;
  if (a.status == 200 && !req.if_none_match.empty() && req.if_none_match == a.etag) {
    r.status = 304;
    return r;
  }
  r.body = a.body;
  return r;
}

ApiResponse Api::write_store(const Endpoint& e, const Invocation& inv, Clock::time_point deadline) {
  std::unique_lock lock(store_writes_, std::defer_lock);
  if (!lock.try_lock_until(deadline)) {
    throw HttpError(HttpCode::time_limit,
                    fmt::format("another write to the store took the whole time limit of {:g} "
                                "s; ask again later",
                                options_.limits.time_limit_s));
  }
  struct Invalidate {
    Api& api;
    ~Invalidate() {
      ++api.store_generation_;
      api.cache_.erase_prefix(kStoreKey);
    }
  } invalidate{*this};
  const Answer a = compute(e, inv, "json", deadline).answer;
  ApiResponse r;
  r.status = a.status;
  r.body = a.body;
  return r;
}

Outcome Api::run(const Invocation& inv, std::string_view verb, Clock::time_point deadline) {
  Outcome o = engine_.run(inv, deadline);
  const double limit = options_.limits.time_limit_s;
  if (o.stop == Outcome::Stop::waited) {
    throw HttpError(HttpCode::time_limit,
                    fmt::format("the server was busy for the whole time limit of {:g} s; ask "
                                "again later",
                                limit));
  }
  if (o.stop == Outcome::Stop::ran) {
    throw HttpError(HttpCode::time_limit,
                    fmt::format("'{}' ran past the server's time limit of {:g} s and was "
                                "stopped; run it with the command line (heatlift {}), or start "
                                "the server with a longer --time-limit",
                                verb, limit, verb));
  }
  return o;
}

ResultCache::Computed Api::compute(const Endpoint& e, const Invocation& inv,
                                   const std::string& format, Clock::time_point deadline) {
  Outcome o = run(inv, e.verb, deadline);
  ResultCache::Computed c;
  if (inv.format != "json" && o.exit_code == 0) {
    c = download(e, format, o.out);
  } else {
    if (inv.format != "json") {
      // A failed download: its error document, with the code the command line gives it.
      Invocation json = inv;
      json.format = "json";
      o = run(json, e.verb, deadline);
    }
    c = answer_of(o);
    if (c.answer.status == 200 && (e.store || !e.pick.empty())) {
      c.answer.body = text(shaped(e, *c.answer.body));
    } else if (c.answer.status == 400 && e.writes_store) {
      const nlohmann::json err = nlohmann::json::parse(*c.answer.body);
      c.answer.body = text(error_document(
          "invalid_input", ingest_failure(e, o, err["error"].value("message", std::string()))));
    }
  }
  c.answer.etag = etag_of(*c.answer.body);
  return c;
}

}  // namespace heatlift::server
