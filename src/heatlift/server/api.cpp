#include "heatlift/server/api.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
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

ApiResponse Api::verb(const Match& m, const ApiRequest& req) {
  const auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(options_.limits.time_limit_s));
  const Endpoint& e = *m.endpoint;
  const auto doc = docs_.find(e.verb);
  if (doc == docs_.end()) throw InternalError(fmt::format("no verb '{}'", e.verb));
  const Invocation inv = make_invocation(m, doc->second, req.query, req.content_type, req.body);
  const std::string key = cache_key(e, inv);

  bool computed = false;
  const Answer a = cache_.get(
      key, deadline,
      [&] {
        computed = true;
        return compute(inv, e.verb, deadline);
      },
      [&] {
        throw HttpError(HttpCode::time_limit,
                        fmt::format("the same request was still being computed when the time "
                                    "limit of {:g} s passed; ask again later",
                                    options_.limits.time_limit_s));
      });
  ApiResponse r;
  r.status = a.status;
  r.etag = a.etag;
  r.cache = computed ? "miss" : "hit";
  if (a.status == 200 && !req.if_none_match.empty() && req.if_none_match == a.etag) {
    r.status = 304;
    return r;
  }
  r.body = a.body;
  return r;
}

ResultCache::Computed Api::compute(const Invocation& inv, std::string_view verb,
                                   Clock::time_point deadline) {
  const Outcome o = engine_.run(inv, deadline);
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
  ResultCache::Computed c = answer_of(o);
  c.answer.etag = etag_of(*c.answer.body);
  return c;
}

}  // namespace heatlift::server
