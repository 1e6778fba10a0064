#include "heatlift/server/child_process.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "heatlift/core/error.hpp"

namespace heatlift::server {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

ChildRun sh(const std::string& script, std::chrono::milliseconds limit = 5000ms,
            std::size_t max_output = 1 << 20) {
  return run_child({"/bin/sh", "-c", script}, std::filesystem::temp_directory_path(),
                   Clock::now() + limit, max_output);
}

TEST(ChildProcess, CapturesOutputErrorAndExitCode) {
  const ChildRun r = sh("echo out; echo err >&2; exit 3");
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.killed);
}

TEST(ChildProcess, RunsInItsFolderWithNoInput) {
  const auto dir = std::filesystem::temp_directory_path();
  const ChildRun r = sh("pwd; cat; echo end");
  EXPECT_EQ(r.out, std::filesystem::canonical(dir).string() + "\nend\n");
}

TEST(ChildProcess, IsKilledAtTheDeadlineWithItsChildren) {
  const auto t0 = Clock::now();
  const ChildRun r = sh("sleep 30 & sleep 30; echo never", 300ms);
  EXPECT_TRUE(r.killed);
  EXPECT_EQ(r.exit_code, 128 + SIGKILL);
  EXPECT_LT(Clock::now() - t0, 5s);  // not the 30 s of either sleep (the group is killed)
}

TEST(ChildProcess, IsKilledWhenItsOutputPassesTheBound) {
  const ChildRun r = sh("yes", 5000ms, 100000);
  EXPECT_TRUE(r.overflow);
  EXPECT_GE(r.out.size(), 100000u);
}

TEST(ChildProcess, KeepsNoDescriptorOfTheServer) {
  // A descriptor without close-on-exec, as the server's sockets are: a child must not get it.
  const int fd = open("/dev/null", O_RDONLY);
  ASSERT_GE(fd, 0);
  const int high = fcntl(fd, F_DUPFD, 57);
  close(fd);
  ASSERT_GE(high, 57);
  const ChildRun r = sh("ls /proc/self/fd");
  close(high);
  EXPECT_THAT(r.out, HasSubstr("0\n1\n2\n"));
  EXPECT_EQ(r.out.find(std::to_string(high) + "\n"), std::string::npos) << r.out;
}

TEST(ChildProcess, AProgramThatCannotStartIsAnInternalError) {
  EXPECT_THROW(run_child({"/nonexistent/heatlift"}, std::filesystem::temp_directory_path(),
                         Clock::now() + 1s, 1000),
               InternalError);
}

}  // namespace
}  // namespace heatlift::server
