// The HTTP side of `heatlift serve` (cpp-httplib, Debian's libcpp-httplib-dev): binds,
// reads requests with the body limit, hands them to the Api and writes its answers.
// httplib.h stays inside http.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "heatlift/server/api.hpp"

namespace heatlift::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;       ///< 0: any free port (bind() says which)
  unsigned threads = 8;  ///< connections served at once (each keep-alive connection holds one)
};

class HttpServer {
 public:
  HttpServer(Api& api, HttpOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds host:port; returns the port. Throws InvalidInput when it cannot.
  int bind();
  /// Serves until stop(); false when the server failed.
  bool listen();
  /// Stops listen() (from another thread or a signal watcher).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace heatlift::server
