#include "heatlift/server/http.hpp"

#include <httplib.h>

#include <fmt/format.h>

#include <set>

#include "heatlift/core/error.hpp"
#include "heatlift/server/cache.hpp"
#include "heatlift/server/errors.hpp"
#include "heatlift/server/web_app.hpp"

namespace heatlift::server {

struct HttpServer::Impl {
  Impl(Api& a, HttpOptions o) : api(a), options(std::move(o)), app(core::DataStore()) {}
  Api& api;
  HttpOptions options;
  WebApp app;  // the web application at / (its texts from the built-in catalogue)
  httplib::Server svr;
};

namespace {

constexpr const char* kJson = "application/json";

void send(httplib::Response& res, const ApiResponse& a) {
  res.status = a.status;
  if (!a.etag.empty()) res.set_header("ETag", a.etag);
  if (!a.allow.empty()) res.set_header("Allow", a.allow);
  if (!a.cache.empty()) res.set_header("X-Heatlift-Cache", a.cache);
  if (a.body) {
    // The cached body is shared, never copied into the response.
    auto body = a.body;
    if (!a.filename.empty())
      res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", a.filename));
    res.set_content_provider(
        body->size(), a.content_type.empty() ? std::string(kJson) : a.content_type,
        [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          return sink.write(body->data() + offset, length);
        });
  }
}

void send_error(httplib::Response& res, int status, std::string_view code,
                std::string_view message) {
  res.status = status;
  res.set_content(error_document(code, message), kJson);
}

ApiRequest api_request(const httplib::Request& req) {
  ApiRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.query.emplace_back(k, v);
  r.content_type = req.get_header_value("Content-Type");
  r.authorization = req.get_header_value("Authorization");
  r.if_none_match = req.get_header_value("If-None-Match");
  return r;
}

// Reads a body of at most `max` bytes. Past it, reading goes on (discarding) so the
// connection stays in step, up to 4 x max; then it stops and the connection is closed.
void with_body(Api& api, std::size_t max, const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader) {
  // Neither a length nor chunks: HTTP/1.1 says there is no body (httplib would read to EOF).
  if (!req.has_header("Content-Length") &&
      req.get_header_value("Transfer-Encoding").find("chunked") == std::string::npos) {
    return send(res, api.handle(api_request(req)));
  }
  std::string body;
  std::size_t seen = 0;
  bool too_large = false;
  auto receive = [&](const char* data, std::size_t n) {
    seen += n;
    if (seen > max) {
      too_large = true;
      body.clear();
      return seen <= 4 * max;
    }
    body.append(data, n);
    return true;
  };
  bool ok = false;
  if (req.is_multipart_form_data()) {
    ok = reader([](const httplib::MultipartFormData&) { return true; }, receive);
    if (ok && !too_large) {
      return send_error(res, 400, "invalid_input",
                        "request body: multipart/form-data is not taken; send the file itself "
                        "(application/toml, application/json or text/csv)");
    }
  } else {
    ok = reader(receive);
  }
  if (too_large || res.status == 413) {
    if (!ok) res.set_header("Connection", "close");
    return send_error(
        res, 413, "body_too_large",
        fmt::format("the request body is over the server's limit of {} KiB", max >> 10));
  }
  if (!ok) {
    res.set_header("Connection", "close");
    return send_error(res, 400, "invalid_input", "the request body could not be read");
  }
  ApiRequest r = api_request(req);
  r.body = std::move(body);
  send(res, api.handle(r));
}

// Answers httplib gives by itself (a malformed request, a method it does not know, a body
// over the limit) as error documents too.
httplib::Server::HandlerResponse on_error(std::size_t max_body, const httplib::Request& req,
                                          httplib::Response& res) {
  if (!res.body.empty() || res.content_provider_)
    return httplib::Server::HandlerResponse::Unhandled;
  static const std::set<std::string> known{"GET",    "HEAD",    "POST", "PUT",
                                           "DELETE", "OPTIONS", "PATCH"};
  if (res.status == 413) {
    send_error(
        res, 413, "body_too_large",
        fmt::format("the request body is over the server's limit of {} KiB", max_body >> 10));
  } else if (res.status == 400 && !known.count(req.method) &&
             (req.version == "HTTP/1.1" || req.version == "HTTP/1.0")) {
    // A well-formed request line with a method httplib does not route (BREW, TRACE ...).
    const std::string allow = allowed_methods(req.target.substr(0, req.target.find('?')));
    if (!allow.empty()) res.set_header("Allow", allow);
    send_error(
        res, 405, "method_not_allowed",
        fmt::format("method {} is not answered{}", req.method,
                    allow.empty() ? std::string() : fmt::format("; the path takes {}", allow)));
  } else if (res.status >= 500) {
    send_error(res, res.status, "internal", "internal error in the HTTP layer");
  } else {
    send_error(res, res.status, "invalid_input",
               fmt::format("the HTTP request is malformed (status {})", res.status));
  }
  return httplib::Server::HandlerResponse::Handled;
}

void install(httplib::Server& svr, Api& api, const WebApp& app, const HttpOptions& options) {
  const unsigned threads = std::max(1u, options.threads);
  const std::size_t max_body = api.options().limits.max_body_bytes;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_keep_alive_max_count(1000);
  svr.set_keep_alive_timeout(5);
  svr.set_read_timeout(10);
  svr.set_write_timeout(10);
  svr.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default, SO_REUSEPORT, lets a second server bind the same
  // port and silently take half of its connections.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  svr.set_payload_max_length(max_body);
  auto plain = [&api](const httplib::Request& req, httplib::Response& res) {
    send(res, api.handle(api_request(req)));
  };
  auto with = [&api, max_body](const httplib::Request& req, httplib::Response& res,
                               const httplib::ContentReader& reader) {
    with_body(api, max_body, req, res, reader);
  };
  // The web application: its index at /, its files under /app/ (web_app.hpp); the API's
  // unknown_endpoint answer for a name it does not have. The files are compiled in, so the
  // body is written from them, never copied.
  auto web = [&api, &app](const httplib::Request& req, httplib::Response& res) {
    const auto file = app.file(req.path);
    if (!file) return send(res, api.handle(api_request(req)));
    const std::string_view body = file->content;
    const std::string etag = etag_of(body);
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("ETag", etag);
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    res.set_content_provider(
        body.size(), std::string(file->content_type),
        [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          return sink.write(body.data() + offset, length);
        });
  };
  svr.Get("/", web);
  svr.Get("/index.html", web);
  svr.Get("/app/.*", web);
  const std::string any = ".*";
  svr.Get(any, plain);
  svr.Delete(any, plain);
  svr.Options(any, plain);
  svr.Post(any, with);
  svr.Put(any, with);
  svr.Patch(any, with);
  svr.set_error_handler(httplib::Server::HandlerWithResponse(
      [max_body](const httplib::Request& req, httplib::Response& res) {
        return on_error(max_body, req, res);
      }));
  svr.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "an exception of unknown type";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        send_error(res, 500, "internal", fmt::format("internal error: {}", what));
      });
}

}  // namespace

HttpServer::HttpServer(Api& api, HttpOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {
  install(impl_->svr, impl_->api, impl_->app, impl_->options);
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  auto& o = impl_->options;
  const int port = o.port == 0 ? impl_->svr.bind_to_any_port(o.host)
                               : (impl_->svr.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) {
    throw InvalidInput(
        fmt::format("serve: cannot listen on {}:{} (in use, or not an address "
                    "of this machine)",
                    o.host, o.port));
  }
  return port;
}

bool HttpServer::listen() {
  return impl_->svr.listen_after_bind();
}

void HttpServer::stop() {
  impl_->svr.stop();
}

}  // namespace heatlift::server
