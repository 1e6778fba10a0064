#include "heatlift/server/errors.hpp"

#include <nlohmann/json.hpp>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::server {

std::string_view to_string(HttpCode code) {
  switch (code) {
    case HttpCode::unknown_endpoint: return "unknown_endpoint";
    case HttpCode::method_not_allowed: return "method_not_allowed";
    case HttpCode::body_too_large: return "body_too_large";
    case HttpCode::time_limit: return "time_limit";
    case HttpCode::unauthorized: return "unauthorized";
  }
  return "unknown_endpoint";
}

int http_status(HttpCode code) {
  switch (code) {
    case HttpCode::unknown_endpoint: return 404;
    case HttpCode::method_not_allowed: return 405;
    case HttpCode::body_too_large: return 413;
    case HttpCode::time_limit: return 503;
    case HttpCode::unauthorized: return 401;
  }
  return 500;
}

std::string error_document(std::string_view code, std::string_view message) {
  const nlohmann::json doc = {
      {"error", {{"code", std::string(code)}, {"message", core::escape_invalid_utf8(message)}}}};
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<ErrorRow> error_table() {
  auto engine = [](ErrorCode c, std::string_view meaning) {
    return ErrorRow{std::string(heatlift::to_string(c)), heatlift::http_status(c), meaning};
  };
  auto http = [](HttpCode c, std::string_view meaning) {
    return ErrorRow{std::string(to_string(c)), http_status(c), meaning};
  };
  return {
      engine(ErrorCode::invalid_input,
             "the request or its body is malformed or inconsistent (the CLI's exit code 2); also "
             "an unknown or repeated query parameter, a body of another content type"),
      engine(ErrorCode::data_missing, "a fluid, product, city or scenario that does not exist"),
      engine(ErrorCode::out_of_range, "a value outside what a model or equation covers"),
      engine(ErrorCode::no_convergence, "an iteration did not reach its tolerance for this input"),
      engine(ErrorCode::not_supported, "a valid request heatlift does not handle"),
      engine(ErrorCode::internal, "a bug in heatlift (the CLI's exit code 1)"),
      http(HttpCode::unknown_endpoint, "no endpoint at this path"),
      http(HttpCode::method_not_allowed, "the path exists, not with this method (see `Allow`)"),
      http(HttpCode::body_too_large, "the request body is over the size limit"),
      http(HttpCode::time_limit,
           "the answer was not ready within the time limit (the run was stopped); not cached"),
      http(HttpCode::unauthorized, "a write endpoint without the server's token"),
  };
}

}  // namespace heatlift::server
