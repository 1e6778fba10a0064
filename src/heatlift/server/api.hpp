// The HTTP API without the HTTP: a request (method, path, query, headers that matter,
// body) in, an answer (status, JSON body, entity tag) out. Routing by the endpoint table,
// the token of write endpoints, the result cache, the time limit and the mapping of the
// command line's outcome to an answer live here; http.hpp only moves bytes.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "heatlift/server/cache.hpp"
#include "heatlift/server/endpoints.hpp"
#include "heatlift/server/engine.hpp"
#include "heatlift/server/limits.hpp"

namespace heatlift::server {

struct ApiRequest {
  std::string method;  ///< GET, HEAD, POST, ...
  std::string path;    ///< decoded, without the query
  QueryValues query;   ///< decoded, in the order given
  std::string content_type;
  std::string authorization;
  std::string if_none_match;
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::shared_ptr<const std::string> body;  ///< JSON; null for 304
  std::string etag;                         ///< on cached verb answers
  std::string allow;                        ///< on 405: the methods the path takes
  std::string cache;                        ///< on verb answers: "hit" or "miss"
  std::string content_type;                 ///< empty: application/json
  std::string filename;                     ///< a download's name (Content-Disposition)
};

class Api {
 public:
  /// `docs` is the command line's description of its verbs; the endpoints are checked
  /// against it (InternalError on a mismatch). `engine` outlives the Api.
  Api(ApiOptions options, VerbDocs docs, Engine& engine);

  /// Never throws: every failure is an error document with its status.
  ApiResponse handle(const ApiRequest& req) noexcept;

  const ApiOptions& options() const { return options_; }
  CacheStats cache_stats() const { return cache_.stats(); }

 private:
  ApiResponse dispatch(const ApiRequest& req);
  ApiResponse verb(const Match& m, const ApiRequest& req);
  ApiResponse write_store(const Endpoint& e, const Invocation& inv, Clock::time_point deadline);
  /// Runs `inv`; `format` (json, csv or xlsx) is what the request asked for.
  ResultCache::Computed compute(const Endpoint& e, const Invocation& inv, const std::string& format,
                                Clock::time_point deadline);
  Outcome run(const Invocation& inv, std::string_view verb, Clock::time_point deadline);
  void check_token(const ApiRequest& req) const;
  /// What the store's answers depend on: the ingests this server ran and the SQLite file's
  /// size and time; nothing for PostgreSQL (its answers are not cached).
  std::optional<std::string> store_state() const;

  ApiOptions options_;
  VerbDocs docs_;
  Engine& engine_;
  ResultCache cache_;
  std::shared_ptr<const std::string> openapi_;
  std::timed_mutex store_writes_;                   ///< one ingest at a time
  std::atomic<std::uint64_t> store_generation_{0};  ///< ingests run
};

/// The answer of a finished run: its JSON, compact, with status 200; or its error document
/// with the status of its code (a message on standard error alone, as the command line's
/// parser leaves, is invalid_input). Whether to keep it: not for internal errors.
ResultCache::Computed answer_of(const Outcome& o);

}  // namespace heatlift::server
