// Live monitoring data over MQTT: a subscriber that stores each message as it arrives.
//
// Delivery is at least once from the broker into the store:
//   * QoS 1 and a persistent session (clean session off, a fixed client id), so the broker
//     keeps what is published while the subscriber is down and delivers it at reconnect;
//   * each message is parsed and stored (one store transaction per message) inside the
//     library's message callback, and the library's PUBACK for it is written to the socket
//     only after that callback has returned (libmosquitto 2.0 queues packets instead of
//     writing them while the client runs in threaded mode, which this subscriber sets; see
//     docs/operations.md, "MQTT"). A crash before the commit leaves the message unacked and
//     the broker sends it again; a crash between the commit and the PUBACK makes the broker
//     send a message already stored, which the idempotent upsert by (unit, t) stores once.
//   * A message that cannot be stored because the store failed (not because the message is
//     bad) stops the subscriber before the PUBACK goes out, so it is delivered again.
// Bad messages (malformed JSON, unknown unit, wrong units) are counted and reported with the
// reason and acknowledged: sending them again would not make them good.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "heatlift/operations/ingest.hpp"
#include "heatlift/operations/store.hpp"

namespace heatlift::operations {

/// Where to subscribe: "mqtt://host[:port][/topic filter]"; port 1883 and topic
/// "heatlift/#" by default. The topic filter may hold MQTT wildcards (+, #).
struct MqttUrl {
  std::string host;
  int port = 1883;
  std::string topic = "heatlift/#";
};
/// Throws InvalidInput naming the url and what was expected.
MqttUrl parse_mqtt_url(std::string_view url);

struct MqttOptions {
  std::string url;                            ///< mqtt://host:port/topic
  std::string client_id = "heatlift-ingest";  ///< fixed: the broker keeps its session
  std::int64_t max_messages = 0;              ///< stop after this many messages (0: no limit)
  double idle_exit_s = 0.0;                   ///< stop after this long without one (0: never)
  int keepalive_s = 30;
  /// Give up when the first connection fails for this long (0: keep trying). A connection
  /// lost later is retried until the subscriber stops (signal, idle_exit_s).
  double connect_timeout_s = 30.0;
};

/// What the subscriber did.
struct MqttStats {
  std::int64_t messages = 0;      ///< messages handled (acknowledged)
  std::int64_t bad_messages = 0;  ///< of which not stored at all (each counted by reason)
  std::int64_t reconnects = 0;    ///< connections lost and made again
  double seconds = 0.0;           ///< wall time from the first connection to the stop
  std::string stop_reason;        ///< "max messages", "idle", "signal", ...
};

/// Receives every message: topic and payload. Called inside the MQTT library's callback,
/// before the message is acknowledged. Return normally when the message is dealt with
/// (stored, or bad and counted); throw to stop the subscriber without acknowledging it.
using MqttHandler = std::function<void(std::string_view topic, std::string_view payload)>;

/// Connects, subscribes at QoS 1 with a persistent session and calls `handler` for each
/// message until `stop` becomes true, max_messages have been handled or idle_exit_s pass
/// without a message (connected or not). Reconnects after a lost connection. Throws InvalidInput
/// for a bad url or options, DataMissing when the broker cannot be reached at all, and rethrows
/// what the handler throws.
MqttStats run_mqtt_subscriber(const MqttOptions& options, const MqttHandler& handler,
                              const std::atomic<bool>& stop);

struct MqttIngestResult {
  IngestReport report;  ///< also logged in the store when the subscriber stops
  MqttStats stats;
};

/// Monitoring rows over MQTT into `store`. A message's payload is one JSON object, or several
/// as JSON lines, in the JSON-lines format of ingest.hpp ("unit", "time", channel keys with
/// their unit); each message's rows are cleaned by an Ingestor and stored (one transaction per
/// unit) before the message is acknowledged. Every row is accounted for in the report:
///   * malformed JSON, a bad time, an unknown key or unit of measure: dropped by reason;
///   * a unit id the store has no metadata for: dropped as "unknown unit" (give --units);
///   * a (unit, time) the store holds already — a message sent twice, or delivered again after
///     a crash — dropped as a duplicate, the stored row kept (as file ingest keeps the first);
///   * duplicates and out-of-order times within the run as file ingest counts them.
/// `options.interval_s` must be set: rows arrive one message at a time, so their interval
/// cannot be inferred before they are stored. A row with a meter register (…_counter) waits
/// for the unit's next reading to get its mean power, as in files; it is stored with that
/// next message, so a crash in between loses that one row (send interval energies or mean
/// powers where that matters). Throws what run_mqtt_subscriber throws, InvalidInput for
/// options, and what the store throws (the failed message stays unacknowledged).
MqttIngestResult ingest_mqtt(Store& store, const MqttOptions& mqtt, const IngestOptions& options,
                             const std::atomic<bool>& stop);

}  // namespace heatlift::operations
