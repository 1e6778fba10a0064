#include "heatlift/server/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "heatlift/core/error.hpp"

extern char** environ;

namespace heatlift::server {
namespace {

// Owns the spawn attributes and file actions of one child.
struct SpawnSetup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attr{};

  SpawnSetup(int out_fd, int err_fd, const std::filesystem::path& cwd) {
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // the server's sockets stay its own
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGPIPE, SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, s);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
      throw InternalError(fmt::format("cannot make a pipe: {}", std::strerror(errno)));
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    if (read >= 0) close(read);
    if (write >= 0) close(write);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
};

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Reads both pipes until they close, the deadline passes or the output is too long.
void collect(pid_t pid, Pipe& out, Pipe& err, Clock::time_point deadline, std::size_t max_output,
             ChildRun& run) {
  std::array<pollfd, 2> fds{{{out.read, POLLIN, 0}, {err.read, POLLIN, 0}}};
  std::array<std::string*, 2> sinks{&run.out, &run.err};
  std::array<char, 65536> buf{};
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      run.killed = true;
      break;
    }
    const int n =
        poll(fds.data(), fds.size(), static_cast<int>(std::min<long>(left.count(), 1000)));
    if (n < 0 && errno != EINTR) {
      run.killed = true;  // cannot watch it any more: stop it rather than wait blind
      break;
    }
    for (std::size_t i = 0; n > 0 && i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t got = ::read(fds[i].fd, buf.data(), buf.size());
      if (got > 0) {
        sinks[i]->append(buf.data(), static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        fds[i].fd = -1;  // closed: poll skips negative descriptors
      }
    }
    if (run.out.size() + run.err.size() > max_output) {
      run.overflow = true;
      break;
    }
  }
  if (run.killed || run.overflow) kill(-pid, SIGKILL);  // the child's whole group
}

}  // namespace

ChildRun run_child(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                   Clock::time_point deadline, std::size_t max_output) {
  if (argv.empty()) throw InternalError("run_child: no program");
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);

  Pipe out, err;
  pid_t pid = -1;
  {
    SpawnSetup setup(out.write, err.write, cwd);
    const int rc =
        posix_spawn(&pid, argv[0].c_str(), &setup.actions, &setup.attr, cargv.data(), environ);
    if (rc != 0) {
      throw InternalError(fmt::format("cannot start '{}': {}", argv[0], std::strerror(rc)));
    }
  }
  close(out.write);
  out.write = -1;
  close(err.write);
  err.write = -1;

  ChildRun run;
  collect(pid, out, err, deadline, max_output, run);
  run.exit_code = wait_for(pid);
  return run;
}

}  // namespace heatlift::server
