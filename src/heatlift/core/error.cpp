#include "heatlift/core/error.hpp"

namespace heatlift {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::out_of_range: return "out_of_range";
    case ErrorCode::no_convergence: return "no_convergence";
    case ErrorCode::data_missing: return "data_missing";
    case ErrorCode::not_supported: return "not_supported";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

int exit_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
    case ErrorCode::out_of_range:
    case ErrorCode::data_missing:
    case ErrorCode::not_supported: return 2;
    case ErrorCode::no_convergence:
    case ErrorCode::internal: return 1;
  }
  return 1;
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return 400;
    case ErrorCode::data_missing: return 404;
    case ErrorCode::out_of_range:
    case ErrorCode::no_convergence:
    case ErrorCode::not_supported: return 422;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

}  // namespace heatlift
