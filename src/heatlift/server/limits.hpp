// The limits of the HTTP API, with their defaults (`heatlift serve` options change them;
// the OpenAPI document states the ones a server runs with).
#pragma once

#include <cstddef>
#include <string>

namespace heatlift::server {

struct Limits {
  /// From a request's arrival to its answer: waiting for a turn and running. A verb still
  /// running then is stopped (its child process killed) and the answer is 503 time_limit.
  double time_limit_s = 30.0;
  /// A request body's size; a larger one is refused with 413 body_too_large, unread.
  std::size_t max_body_bytes = std::size_t{1} << 20;
  /// The result cache's size, keys and bodies together.
  std::size_t cache_bytes = std::size_t{64} << 20;
};

struct ApiOptions {
  Limits limits;
  /// The token write endpoints need (`Authorization: Bearer TOKEN`); empty: they are off.
  std::string token;
  /// The monitoring store the server owns (`heatlift serve --db URL`): a SQLite file's
  /// absolute path or a postgresql:// URL; empty: the monitor endpoints are off.
  std::string db = {};
};

}  // namespace heatlift::server
