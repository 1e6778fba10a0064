// The servers some tests need (PostgreSQL, an MQTT broker), started by scripts/services.
// ctest starts them once (fixture `services`, tests/operations/CMakeLists.txt) and runs the
// tests that need them through `scripts/services exec`, which exports their URLs:
//   HEATLIFT_TEST_PG_URL=postgresql://heatlift@127.0.0.1:PORT/heatlift
//   HEATLIFT_TEST_MQTT_URL=mqtt://127.0.0.1:PORT
// Without a URL a test skips with a message saying which server and why, except under CI,
// where a missing server fails the test: CI must never pass without running them.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace heatlift::testing {

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && *ci && std::string(ci) != "false";
}

/// The URL in environment variable `var`, if set and not empty.
inline std::optional<std::string> service_url(const char* var) {
  const char* v = std::getenv(var);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

}  // namespace heatlift::testing

/// In a TEST body: sets `url` to the service's URL, or skips (fails under CI) naming it.
#define HEATLIFT_REQUIRE_SERVICE(url, var, what)                                               \
  const std::optional<std::string> url##_opt = ::heatlift::testing::service_url(var);          \
  if (!url##_opt) {                                                                            \
    if (::heatlift::testing::in_ci())                                                          \
      FAIL() << what << " is needed and " << var                                               \
             << " is not set: run the tests with ctest (which starts scripts/services) or "    \
                "scripts/services exec -- ...";                                                \
    GTEST_SKIP() << what << " not available (" << var                                          \
                 << " not set; scripts/services start, or install it with scripts/bootstrap)"; \
  }                                                                                            \
  const std::string url = *url##_opt
