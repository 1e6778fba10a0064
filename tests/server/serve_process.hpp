// `heatlift serve` started by a test, on 127.0.0.1 at a port the system picks (--port 0):
// the port is read from the line the server prints when it listens. Stopped with SIGTERM
// (then SIGKILL) when the test is done.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace heatlift::testing {

class ServeProcess {
 public:
  /// Starts `heatlift serve --port 0 <args>` (args as a shell would split them).
  explicit ServeProcess(const std::string& args) {
    int fds[2];
    if (pipe(fds) != 0) return;
    const std::string cmd = std::string("exec ") + HEATLIFT_EXE + " serve --port 0 " + args;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      close(fds[0]);
      close(fds[1]);
      execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    out_ = fds[0];
    banner_ = read_line(std::chrono::seconds(30));
    const auto at = banner_.find("127.0.0.1:");
    if (at != std::string::npos) port_ = std::stoi(banner_.substr(at + 10));
  }
  ~ServeProcess() { stop(); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  /// SIGTERM, then SIGKILL after 10 s; returns the exit status.
  int stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 1000; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) break;
      if (i == 999) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    close(out_);
    pid_ = -1;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return status_;
  }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& banner() const { return banner_; }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    return c;
  }

  /// Sends `bytes` as they are and returns the first response (its head and the body its
  /// Content-Length announces), or what came before the server closed or 5 s passed.
  std::string raw(const std::string& bytes) const {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string got;
    if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        send(s, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size())) {
      pollfd p{s, POLLIN, 0};
      char buf[4096];
      while (!complete(got) && poll(&p, 1, 5000) > 0) {
        const ssize_t n = recv(s, buf, sizeof buf, 0);
        if (n <= 0) break;
        got.append(buf, static_cast<std::size_t>(n));
      }
    }
    close(s);
    return got;
  }

 private:
  static bool complete(const std::string& response) {
    const auto head_end = response.find("\r\n\r\n");
    if (head_end == std::string::npos) return false;
    const auto cl = response.find("Content-Length: ");
    const std::size_t length =
        cl == std::string::npos || cl > head_end ? 0 : std::stoul(response.substr(cl + 16));
    return response.size() >= head_end + 4 + length;
  }

  std::string read_line(std::chrono::seconds limit) {
    std::string line;
    pollfd p{out_, POLLIN, 0};
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      if (poll(&p, 1, 100) <= 0) continue;
      char c;
      if (read(out_, &c, 1) != 1) break;
      if (c == '\n') break;
      line += c;
    }
    return line;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
  int status_ = -1;
  std::string banner_;
};

}  // namespace heatlift::testing
