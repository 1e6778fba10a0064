#include "heatlift/operations/mqtt.hpp"

#include <mosquitto.h>
#include <poll.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "heatlift/core/error.hpp"

namespace heatlift::operations {

MqttUrl parse_mqtt_url(std::string_view url) {
  constexpr std::string_view scheme = "mqtt://";
  const auto bad = [&](std::string_view why) {
    return InvalidInput(
        fmt::format("MQTT url '{}': {} (expected mqtt://host[:port][/topic filter], e.g. "
                    "mqtt://127.0.0.1:1883/heatlift/#)",
                    url, why));
  };
  if (url.substr(0, scheme.size()) != scheme) throw bad("it does not start with mqtt://");
  std::string_view rest = url.substr(scheme.size());
  MqttUrl out;
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    const std::string_view topic = rest.substr(slash + 1);
    if (topic.empty()) throw bad("the topic filter after '/' is empty");
    out.topic = std::string(topic);
  }
  if (authority.find('@') != std::string_view::npos)
    throw bad("user names and passwords are not supported");
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    int value = 0;
    bool ok = !port.empty() && port.size() <= 5;
    for (char c : port) {
      ok = ok && c >= '0' && c <= '9';
      value = value * 10 + (c - '0');
    }
    if (!ok || value < 1 || value > 65535)
      throw bad(fmt::format("port '{}' is not a number from 1 to 65535", port));
    out.port = value;
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) throw bad("the host is empty");
  out.host = std::string(authority);
  // A filter's wildcards must stand alone in their level ("a/+/b", "a/#").
  for (std::size_t i = 0; i < out.topic.size(); ++i) {
    const char c = out.topic[i];
    if (c != '+' && c != '#') continue;
    const bool alone = (i == 0 || out.topic[i - 1] == '/') &&
                       (i + 1 == out.topic.size() || out.topic[i + 1] == '/');
    if (!alone || (c == '#' && i + 1 != out.topic.size()))
      throw bad(fmt::format("topic filter '{}': '{}' must fill a whole level{}", out.topic, c,
                            c == '#' ? " and be the last" : ""));
  }
  return out;
}

namespace {

using Clock = std::chrono::steady_clock;

void init_library() {
  static std::once_flag once;
  std::call_once(once, [] { mosquitto_lib_init(); });
}

// State shared with libmosquitto's callbacks, which run on this thread inside
// mosquitto_loop().
struct Session {
  const MqttHandler* handler = nullptr;
  std::string topic;
  std::exception_ptr error;  // the handler threw: stop without acknowledging
  bool connected = false;
  int refused = 0;  // CONNACK return code when the broker refused us
  std::int64_t messages = 0;
  Clock::time_point last_message = Clock::now();
};

void on_connect(mosquitto* mosq, void* obj, int rc) {
  auto& s = *static_cast<Session*>(obj);
  if (rc != 0) {
    s.refused = rc;
    return;
  }
  s.connected = true;
  s.last_message = Clock::now();
  // Subscribing again on a kept session is harmless and covers a session the broker lost.
  mosquitto_subscribe(mosq, nullptr, s.topic.c_str(), 1);
}

void on_disconnect(mosquitto*, void* obj, int) {
  static_cast<Session*>(obj)->connected = false;
}

void on_message(mosquitto*, void* obj, const mosquitto_message* msg) {
  auto& s = *static_cast<Session*>(obj);
  // After a failure no message is handled: their PUBACKs, queued by the library before this
  // callback, are never written, because the loop stops and the socket is closed unflushed.
  if (s.error) return;
  try {
    const std::string_view payload(
        static_cast<const char*>(msg->payload),
        msg->payloadlen > 0 ? static_cast<std::size_t>(msg->payloadlen) : 0);
    (*s.handler)(msg->topic ? std::string_view(msg->topic) : std::string_view(), payload);
    ++s.messages;
    s.last_message = Clock::now();
  } catch (...) {
    s.error = std::current_exception();
  }
}

struct MosqDeleter {
  void operator()(mosquitto* m) const { mosquitto_destroy(m); }
};

using Client = std::unique_ptr<mosquitto, MosqDeleter>;

void check_options(const MqttOptions& options) {
  if (options.client_id.empty() || options.client_id.size() > 23)
    throw InvalidInput(fmt::format(
        "MQTT client id '{}': expected 1 to 23 characters (MQTT 3.1.1 guarantees no more); the "
        "broker keeps the session under this id",
        options.client_id));
  if (options.max_messages < 0)
    throw InvalidInput(
        fmt::format("max messages: value {}: expected 0 (no limit) or more", options.max_messages));
  if (!(options.idle_exit_s >= 0.0))
    throw InvalidInput(
        fmt::format("idle exit: value {} s: expected 0 (never) or more", options.idle_exit_s));
}

Client make_client(const MqttOptions& options, Session& session) {
  // clean_session = false: the broker keeps the subscription and the QoS 1 messages that
  // arrive while we are away, and sends them when this client id connects again.
  Client mosq(mosquitto_new(options.client_id.c_str(), false, &session));
  if (!mosq) throw InternalError("MQTT: cannot create a client (out of memory)");
  // Threaded mode: packets queued during a callback (the PUBACK of the message being
  // handled) are only queued, and our loop writes them after the callback has returned.
  mosquitto_threaded_set(mosq.get(), true);
  mosquitto_int_option(mosq.get(), MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  mosquitto_connect_callback_set(mosq.get(), on_connect);
  mosquitto_disconnect_callback_set(mosq.get(), on_disconnect);
  mosquitto_message_callback_set(mosq.get(), on_message);
  return mosq;
}

// One round of the loop. The loop is ours rather than mosquitto_loop(), so that nothing is
// written between reading a message whose handler failed and stopping: mosquitto_loop()
// writes queued packets right after reading when some were pending before it waited.
int pump(mosquitto* mosq, const Session& session) {
  pollfd pfd{mosquitto_socket(mosq), POLLIN, 0};
  if (mosquitto_want_write(mosq)) pfd.events |= POLLOUT;
  if (pfd.fd < 0) return MOSQ_ERR_NO_CONN;
  if (::poll(&pfd, 1, 100) < 0 && errno != EINTR) return MOSQ_ERR_ERRNO;
  int rc = MOSQ_ERR_SUCCESS;
  if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) rc = mosquitto_loop_read(mosq, 1);
  if (session.error) return rc;  // unflushed: the failed message stays unacknowledged
  if (rc == MOSQ_ERR_SUCCESS && mosquitto_want_write(mosq)) rc = mosquitto_loop_write(mosq, 1);
  if (rc == MOSQ_ERR_SUCCESS) rc = mosquitto_loop_misc(mosq);
  return rc;
}

// Why to stop now while connected ("signal", "max messages", "idle"), or "" to go on.
std::string stop_reason(const MqttOptions& options, const Session& session,
                        const std::atomic<bool>& stop) {
  if (stop.load()) return "signal";
  if (options.max_messages > 0 && session.messages >= options.max_messages) return "max messages";
  if (options.idle_exit_s > 0 && session.connected &&
      std::chrono::duration<double>(Clock::now() - session.last_message).count() >=
          options.idle_exit_s)
    return "idle";
  return "";
}

// Acknowledge what was handled, then say goodbye: write the queued PUBACKs and the
// DISCONNECT without reading, so no further message arrives unhandled.
void say_goodbye(mosquitto* mosq) {
  mosquitto_disconnect(mosq);
  const auto flush_until = Clock::now() + std::chrono::seconds(5);
  while (mosquitto_want_write(mosq) && Clock::now() < flush_until) {
    if (mosquitto_loop_write(mosq, 1) != MOSQ_ERR_SUCCESS) break;
    if (mosquitto_want_write(mosq)) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

MqttStats run_mqtt_subscriber(const MqttOptions& options, const MqttHandler& handler,
                              const std::atomic<bool>& stop) {
  const MqttUrl where = parse_mqtt_url(options.url);
  check_options(options);
  init_library();

  Session session;
  session.handler = &handler;
  session.topic = where.topic;
  const Client mosq = make_client(options, session);

  MqttStats stats;
  const auto started = Clock::now();
  auto unreachable_since = Clock::now();
  bool ever_connected = false;
  bool socket_open = false;
  double backoff_s = 0.1;
  std::string last_error;

  while (true) {
    if (!socket_open) {
      if (stop.load()) {
        stats.stop_reason = "signal";
        break;
      }
      if (ever_connected && options.idle_exit_s > 0 &&
          std::chrono::duration<double>(Clock::now() - session.last_message).count() >=
              options.idle_exit_s) {
        stats.stop_reason = "idle";
        break;
      }
      const int rc = ever_connected ? mosquitto_reconnect(mosq.get())
                                    : mosquitto_connect(mosq.get(), where.host.c_str(), where.port,
                                                        options.keepalive_s);
      if (rc == MOSQ_ERR_SUCCESS) {
        socket_open = true;
        backoff_s = 0.1;
      } else {
        last_error = rc == MOSQ_ERR_ERRNO ? std::string(std::strerror(errno))
                                          : std::string(mosquitto_strerror(rc));
        const double waited =
            std::chrono::duration<double>(Clock::now() - unreachable_since).count();
        if (!ever_connected && options.connect_timeout_s > 0 && waited >= options.connect_timeout_s)
          throw DataMissing(fmt::format("MQTT broker {}:{}: cannot connect for {:.0f} s: {}",
                                        where.host, where.port, waited, last_error));
        std::this_thread::sleep_for(std::chrono::duration<double>(backoff_s));
        backoff_s = std::min(2.0, backoff_s * 2);
        continue;
      }
    }
    const int rc = pump(mosq.get(), session);
    if (session.error) break;  // unflushed: the failed message stays unacknowledged
    if (session.refused != 0)
      throw InvalidInput(fmt::format("MQTT broker {}:{} refused client id '{}': {}", where.host,
                                     where.port, options.client_id,
                                     mosquitto_connack_string(session.refused)));
    if (session.connected && !ever_connected) {
      ever_connected = true;
      session.last_message = Clock::now();
    }
    if (rc != MOSQ_ERR_SUCCESS) {
      // Lost: PUBACKs still queued are dropped with the socket; the broker sends those
      // messages again after the reconnect, and they are stored once. We retry until
      // stopped, or idle_exit_s after the last message.
      socket_open = false;
      session.connected = false;
      unreachable_since = Clock::now();
      if (ever_connected) ++stats.reconnects;
      continue;
    }
    const std::string reason = stop_reason(options, session, stop);
    if (reason.empty()) continue;
    stats.stop_reason = reason;
    say_goodbye(mosq.get());
    break;
  }
  stats.messages = session.messages;
  stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (session.error) std::rethrow_exception(session.error);
  return stats;
}

}  // namespace heatlift::operations

namespace heatlift::operations {

namespace {

constexpr const char* kUnknownUnit = "unknown unit (not in the store; describe it with --units)";
constexpr const char* kStoredBefore =
    "duplicate: (unit, time) already stored (the stored row kept)";

}  // namespace

MqttIngestResult ingest_mqtt(Store& store, const MqttOptions& mqtt, const IngestOptions& options,
                             const std::atomic<bool>& stop) {
  if (options.interval_s <= 0)
    throw InvalidInput(
        "MQTT ingest: the rows' interval is needed (--interval, e.g. 1min): messages arrive "
        "one row at a time, so it cannot be inferred before they are stored");
  const MqttUrl where = parse_mqtt_url(mqtt.url);
  MqttIngestResult result;
  IngestReport& report = result.report;
  report.source = fmt::format("mqtt://{}:{}/{}", where.host, where.port, where.topic);
  Ingestor ingestor(store, options, report);
  std::set<std::string, std::less<>> known;  // units the store has metadata for
  for (auto& id : store.unit_ids())
    if (store.unit(id)) known.insert(std::move(id));
  const auto is_known = [&](const std::string& id) {
    if (known.count(id)) return true;
    if (auto meta = store.unit(id); meta) {  // described since we started
      known.insert(id);
      return true;
    }
    return false;
  };

  std::int64_t message = 0;
  std::int64_t bad = 0;
  std::map<std::string, std::vector<RawRow>, std::less<>> rows;  // one message's, by unit
  const auto handler = [&](std::string_view topic, std::string_view payload) {
    ++message;
    rows.clear();
    const auto where_in = [&] { return fmt::format("{}:{} ({})", report.source, message, topic); };
    std::int64_t taken = 0, dropped = 0;
    std::size_t pos = 0;
    while (pos <= payload.size()) {
      auto nl = payload.find('\n', pos);
      if (nl == std::string_view::npos) nl = payload.size();
      std::string_view line = payload.substr(pos, nl - pos);
      pos = nl + 1;
      while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
        line.remove_prefix(1);
      while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
        line.remove_suffix(1);
      if (line.empty()) continue;
      RawRow row;
      row.line = message;
      std::string unit;
      try {
        unit = parse_json_row(line, options, row);
      } catch (const InvalidInput& e) {
        ingestor.drop(json_row_drop_reason(e.what()), fmt::format("{}: {}", where_in(), e.what()));
        ++dropped;
        continue;
      }
      if (unit.empty()) unit = options.unit;
      if (!unit.empty() && !is_known(unit)) {
        ingestor.drop(kUnknownUnit, fmt::format("{}: field 'unit': value '{}': expected a unit "
                                                "of the store (monitor ingest --units FILE)",
                                                where_in(), unit));
        ++dropped;
        continue;
      }
      rows[unit].push_back(row);
    }
    for (auto& [unit, list] : rows) {
      if (unit.empty()) {  // the Ingestor counts them as "no unit id"
        for (auto& row : list) ingestor.add(unit, row);
        dropped += static_cast<std::int64_t>(list.size());
        continue;
      }
      std::int64_t lo = INT64_MAX, hi = INT64_MIN;
      for (const auto& row : list) lo = std::min(lo, row.t), hi = std::max(hi, row.t);
      const Series stored = store.read(unit, lo, hi == INT64_MAX ? hi : hi + 1);
      for (auto& row : list) {
        if (std::binary_search(stored.t.begin(), stored.t.end(), row.t)) {
          ingestor.drop(kStoredBefore,
                        fmt::format("{}: field 'time': {} of unit '{}' is stored already; "
                                    "this row dropped",
                                    where_in(), row.t, unit));
          continue;
        }
        ingestor.add(unit, row);
        ++taken;
      }
    }
    ingestor.flush();  // stored before this callback returns, so before the PUBACK
    if (taken == 0 && dropped > 0) ++bad;
  };
  result.stats = run_mqtt_subscriber(mqtt, handler, stop);
  result.stats.bad_messages = bad;
  ingestor.finish();
  return result;
}

}  // namespace heatlift::operations
