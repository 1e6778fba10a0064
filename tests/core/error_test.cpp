#include "heatlift/core/error.hpp"

#include <gtest/gtest.h>

namespace heatlift {
namespace {

TEST(Errors, EveryCodeHasAStableNameAndOneExitCode) {
  EXPECT_EQ(to_string(ErrorCode::invalid_input), "invalid_input");
  EXPECT_EQ(to_string(ErrorCode::out_of_range), "out_of_range");
  EXPECT_EQ(to_string(ErrorCode::no_convergence), "no_convergence");
  EXPECT_EQ(to_string(ErrorCode::data_missing), "data_missing");
  EXPECT_EQ(to_string(ErrorCode::not_supported), "not_supported");
  EXPECT_EQ(to_string(ErrorCode::internal), "internal");
  // The user's input is at fault: 2. Heatlift's own failure: 1.
  EXPECT_EQ(exit_code(ErrorCode::invalid_input), 2);
  EXPECT_EQ(exit_code(ErrorCode::out_of_range), 2);
  EXPECT_EQ(exit_code(ErrorCode::data_missing), 2);
  EXPECT_EQ(exit_code(ErrorCode::not_supported), 2);
  EXPECT_EQ(exit_code(ErrorCode::no_convergence), 1);
  EXPECT_EQ(exit_code(ErrorCode::internal), 1);
}

TEST(Errors, EveryCodeHasOneHttpStatus) {
  // heatlift serve: malformed 400, missing data 404, well-formed but unanswerable 422, bug 500.
  EXPECT_EQ(http_status(ErrorCode::invalid_input), 400);
  EXPECT_EQ(http_status(ErrorCode::data_missing), 404);
  EXPECT_EQ(http_status(ErrorCode::out_of_range), 422);
  EXPECT_EQ(http_status(ErrorCode::no_convergence), 422);
  EXPECT_EQ(http_status(ErrorCode::not_supported), 422);
  EXPECT_EQ(http_status(ErrorCode::internal), 500);
}

TEST(Errors, AllDeriveFromOneRoot) {
  try {
    throw NoConvergence("flash did not converge", 300.0, 1e-3, 50);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::no_convergence);
    const auto& nc = dynamic_cast<const NoConvergence&>(e);
    EXPECT_EQ(nc.iterations(), 50);
    EXPECT_DOUBLE_EQ(nc.last_residual(), 1e-3);
  }
  EXPECT_THROW(throw OutOfRange("x"), Error);
  EXPECT_THROW(throw DataMissing("x"), Error);
  EXPECT_THROW(throw NotSupported("x"), Error);
  EXPECT_THROW(throw InternalError("x"), Error);
}

}  // namespace
}  // namespace heatlift
