// Errors: one root, a stable code per kind, one mapping to exit codes.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace heatlift {

/// Stable error codes; their names appear in JSON error output and never change.
enum class ErrorCode {
  invalid_input,   ///< the user's input is malformed or inconsistent
  out_of_range,    ///< a value lies outside what a model or equation covers
  no_convergence,  ///< an iterative method did not reach its tolerance
  data_missing,    ///< a data file or an entry in it does not exist
  not_supported,   ///< a valid request that heatlift does not handle
  internal,        ///< a bug: an invariant of heatlift itself failed
};

/// The code's stable name, e.g. "invalid_input".
std::string_view to_string(ErrorCode code);

/// Process exit code for an error: 2 when the user's input is at fault, 1 otherwise.
int exit_code(ErrorCode code);

/// HTTP status for an error (`heatlift serve`): 400 when the request is malformed, 404 when
/// the data it names does not exist, 422 when it is well-formed but outside what the models
/// answer (a range, a convergence, a case heatlift does not handle), 500 for a bug.
int http_status(ErrorCode code);

/// Root of every exception heatlift throws.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

class InvalidInput : public Error {
 public:
  explicit InvalidInput(const std::string& message) : Error(ErrorCode::invalid_input, message) {}
};

class OutOfRange : public Error {
 public:
  explicit OutOfRange(const std::string& message) : Error(ErrorCode::out_of_range, message) {}
};

/// An iteration that stopped without meeting its tolerance; carries what it reached.
class NoConvergence : public Error {
 public:
  NoConvergence(const std::string& message, double last_x, double last_residual, int iterations)
      : Error(ErrorCode::no_convergence, message),
        last_x_(last_x),
        last_residual_(last_residual),
        iterations_(iterations) {}
  double last_x() const noexcept { return last_x_; }
  double last_residual() const noexcept { return last_residual_; }
  int iterations() const noexcept { return iterations_; }

 private:
  double last_x_;
  double last_residual_;
  int iterations_;
};

class DataMissing : public Error {
 public:
  explicit DataMissing(const std::string& message) : Error(ErrorCode::data_missing, message) {}
};

class NotSupported : public Error {
 public:
  explicit NotSupported(const std::string& message) : Error(ErrorCode::not_supported, message) {}
};

class InternalError : public Error {
 public:
  explicit InternalError(const std::string& message) : Error(ErrorCode::internal, message) {}
};

}  // namespace heatlift
