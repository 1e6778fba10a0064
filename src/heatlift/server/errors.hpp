// Errors of the HTTP API. Every failure is one JSON document {"error":{"code","message"}}
// with an HTTP status. The engine's failures keep the command line's code and message
// (core/error.hpp; core::http_status maps each code once); the HTTP layer adds the few
// codes only a server meets: an unknown endpoint, a wrong method, a body over the size
// limit, a request over the time limit, a write without the token.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::server {

/// Failures of the HTTP layer itself; their names appear in error documents and never change.
enum class HttpCode {
  unknown_endpoint,    ///< no endpoint at this path (404)
  method_not_allowed,  ///< the path exists, not with this method (405)
  body_too_large,      ///< the request body is over the size limit (413)
  time_limit,          ///< the answer was not ready within the time limit (503)
  unauthorized,        ///< a write endpoint without the server's token (401)
};

std::string_view to_string(HttpCode code);
int http_status(HttpCode code);

/// Thrown inside the API for a failure of the HTTP layer.
class HttpError : public std::runtime_error {
 public:
  HttpError(HttpCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  HttpCode code() const noexcept { return code_; }

 private:
  HttpCode code_;
};

/// {"error":{"code":...,"message":...}} as compact JSON (the message's bad bytes as \xNN).
std::string error_document(std::string_view code, std::string_view message);

/// One row of the documented error table.
struct ErrorRow {
  std::string code;
  int status;
  std::string_view meaning;
};

/// Every code an API response can carry: the engine's (the CLI's), then the HTTP layer's.
std::vector<ErrorRow> error_table();

}  // namespace heatlift::server
