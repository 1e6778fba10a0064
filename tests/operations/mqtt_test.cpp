// The MQTT subscriber against the broker of scripts/services ($HEATLIFT_TEST_MQTT_URL): the
// url parser, and at-least-once delivery when the subscriber dies before or after its store
// commits — the messages are published with mosquitto_pub at QoS 1 while it is down.
#include "heatlift/operations/mqtt.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "heatlift/core/error.hpp"
#include "heatlift/operations/store.hpp"
#include "support/services.hpp"

namespace heatlift::operations {
namespace {

namespace fs = std::filesystem;

TEST(MqttUrl, ReadsHostPortAndTopic) {
  const MqttUrl a = parse_mqtt_url("mqtt://127.0.0.1:18883/site/+/telemetry");
  EXPECT_EQ(a.host, "127.0.0.1");
  EXPECT_EQ(a.port, 18883);
  EXPECT_EQ(a.topic, "site/+/telemetry");
  const MqttUrl b = parse_mqtt_url("mqtt://broker.example");
  EXPECT_EQ(b.port, 1883);
  EXPECT_EQ(b.topic, "heatlift/#");
}

TEST(MqttUrl, NamesWhatIsWrong) {
  for (const char* bad :
       {"http://host/x", "mqtt://", "mqtt://host:0", "mqtt://host:70000", "mqtt://host:12ab",
        "mqtt://host/", "mqtt://host/a/#/b", "mqtt://host/a+/b", "mqtt://user:pw@host"}) {
    try {
      parse_mqtt_url(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const InvalidInput& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

// Runs `body` in a child process and returns its exit status (a crash is a status too).
template <typename F>
int in_child(F body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    int code = 99;
    try {
      code = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child: %s\n", e.what());
    }
    std::fflush(nullptr);
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class MqttDelivery : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string tag = std::to_string(::getpid());
    dir_ = fs::path(::testing::TempDir()) / ("heatlift_mqtt_" + tag);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    topic_ = "heatlift-test/" + tag + "/rows";
    client_ = "hlt-" + tag;
  }
  void TearDown() override { fs::remove_all(dir_); }

  void publish(const std::string& url, const std::vector<std::string>& messages) {
    const MqttUrl where = parse_mqtt_url(url + "/" + topic_);
    const fs::path lines = dir_ / "publish.txt";
    {
      std::ofstream out(lines);
      for (const auto& m : messages) out << m << '\n';
    }
    const std::string cmd = "mosquitto_pub -h " + where.host + " -p " + std::to_string(where.port) +
                            " -q 1 -t " + topic_ + " -l < " + lines.string();
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }

  // A subscriber that stores each message "t" as one row of unit U at time t, logging every
  // delivery first; `crash_at` > 0 ends the process at that delivery, before or after the
  // row is committed. Returns the child's exit status.
  int subscribe(const std::string& url, char run, int crash_at, bool crash_after_store,
                double idle_s) {
    return in_child([&] {
      auto store = open_store((dir_ / "store.db").string());
      std::ofstream log(dir_ / "deliveries.txt", std::ios::app);
      int delivered = 0;
      MqttOptions options;
      options.url = url + "/" + topic_;
      options.client_id = client_;
      options.idle_exit_s = idle_s;
      std::atomic<bool> stop{false};
      run_mqtt_subscriber(
          options,
          [&](std::string_view, std::string_view payload) {
            const std::int64_t t = std::stoll(std::string(payload));
            log << run << ' ' << t << '\n' << std::flush;
            ++delivered;
            // The pause before dying stands for a slow commit: had the library written the
            // PUBACK before calling us (as libmosquitto does outside threaded mode), the
            // broker would have read it by then and never send the message again.
            if (delivered == crash_at && !crash_after_store) {
              ::usleep(300'000);
              ::_exit(41);
            }
            Series row;
            row.add_row(t, 60);
            row[Channel::t_flow][0] = 300.0 + static_cast<double>(t % 50);
            store->upsert("U", row);
            if (delivered == crash_at && crash_after_store) {
              ::usleep(300'000);
              ::_exit(42);
            }
          },
          stop);
      return 0;
    });
  }

  // (run, t) of every delivery, in order.
  std::vector<std::pair<char, std::int64_t>> deliveries() const {
    std::vector<std::pair<char, std::int64_t>> out;
    std::ifstream in(dir_ / "deliveries.txt");
    char run;
    std::int64_t t;
    while (in >> run >> t) out.emplace_back(run, t);
    return out;
  }
  // The t of the n-th delivery (1-based) of `run`.
  std::int64_t nth(char run, int n) const {
    for (const auto& [r, t] : deliveries())
      if (r == run && --n == 0) return t;
    return -1;
  }
  int times_delivered(std::int64_t t) const {
    int n = 0;
    for (const auto& d : deliveries()) n += d.second == t;
    return n;
  }

  fs::path dir_;
  std::string topic_;
  std::string client_;
};

TEST_F(MqttDelivery, NothingIsLostWhenTheSubscriberDiesBeforeOrAfterItsCommit) {
  HEATLIFT_REQUIRE_SERVICE(url, "HEATLIFT_TEST_MQTT_URL", "The MQTT broker (mosquitto)");
  if (std::system("command -v mosquitto_pub >/dev/null") != 0) {
    if (heatlift::testing::in_ci()) FAIL() << "mosquitto_pub (mosquitto-clients) is missing";
    GTEST_SKIP() << "mosquitto_pub (mosquitto-clients) not installed";
  }
  // The first connection makes the broker keep a session with the subscription.
  ASSERT_EQ(subscribe(url, 'a', 0, false, 0.3), 0);
  std::vector<std::string> messages;
  for (int t = 1; t <= 12; ++t) messages.push_back(std::to_string(60 * t));
  publish(url, messages);  // while nobody listens: the broker queues them for the session

  // Dies right after committing its 3rd message, whose PUBACK is then never written.
  EXPECT_EQ(subscribe(url, 'b', 3, true, 5.0), 42);
  // Dies on its 2nd message, before committing it.
  EXPECT_EQ(subscribe(url, 'c', 2, false, 5.0), 41);
  // A clean run drains the rest and stops after 1.5 s without a message.
  ASSERT_EQ(subscribe(url, 'd', 0, false, 1.5), 0);

  auto store = open_store((dir_ / "store.db").string());
  EXPECT_EQ(store->count("U"), 12) << "every published row stored exactly once";
  const Series rows = store->read("U");
  ASSERT_EQ(rows.size(), 12u);
  for (std::size_t i = 0; i < rows.size(); ++i)
    EXPECT_EQ(rows.t[i], 60 * (1 + static_cast<std::int64_t>(i)));
  // The message committed but not acknowledged was delivered again ...
  const std::int64_t committed_unacked = nth('b', 3);
  EXPECT_GE(times_delivered(committed_unacked), 2) << "t = " << committed_unacked;
  // ... and so was the one the subscriber died on before committing it.
  const std::int64_t died_before_commit = nth('c', 2);
  EXPECT_GE(times_delivered(died_before_commit), 2) << "t = " << died_before_commit;
}

TEST_F(MqttDelivery, AnUnreachableBrokerIsAClearError) {
  MqttOptions options;
  options.url = "mqtt://127.0.0.1:1/x";  // port 1: nothing listens
  options.connect_timeout_s = 0.5;
  std::atomic<bool> stop{false};
  try {
    run_mqtt_subscriber(
        options, [](std::string_view, std::string_view) {}, stop);
    ADD_FAILURE() << "connected to port 1";
  } catch (const DataMissing& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:1"), std::string::npos) << e.what();
  }
}

TEST(MqttOptions, ClientIdAndLimitsAreChecked) {
  std::atomic<bool> stop{false};
  const auto noop = [](std::string_view, std::string_view) {};
  MqttOptions o;
  o.url = "mqtt://127.0.0.1:1/x";
  o.client_id = "";
  EXPECT_THROW(run_mqtt_subscriber(o, noop, stop), InvalidInput);
  o.client_id = std::string(24, 'a');
  EXPECT_THROW(run_mqtt_subscriber(o, noop, stop), InvalidInput);
  o.client_id = "ok";
  o.max_messages = -1;
  EXPECT_THROW(run_mqtt_subscriber(o, noop, stop), InvalidInput);
}

}  // namespace
}  // namespace heatlift::operations
