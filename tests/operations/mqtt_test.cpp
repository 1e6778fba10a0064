// The MQTT subscriber against the broker of scripts/services ($HEATLIFT_TEST_MQTT_URL): the
// url parser; at-least-once delivery when the subscriber dies before or after its store
// commits; and `heatlift monitor ingest --mqtt` end to end, killed midway and started again,
// on SQLite and on the PostgreSQL of scripts/services. Messages are published with
// mosquitto_pub at QoS 1, many of them while the subscriber is down.
#include "heatlift/operations/mqtt.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
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

// ---- heatlift monitor ingest --mqtt, end to end

// A background `heatlift …` whose stdout goes to a file; kill() sends SIGKILL.
class Background {
 public:
  Background(const std::string& args, const fs::path& out) {
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string cmd =
          fmt::format("exec {} {} >{} 2>{}.err", HEATLIFT_EXE, args, out.string(), out.string());
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Background() {
    if (pid_ > 0) kill();
  }
  void kill() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  /// Waits for the exit (at most `seconds`); its exit code, or -1 when it had to be killed.
  int wait(double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    int status = 0;
    while (std::chrono::steady_clock::now() < until) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill();
    return -1;
  }

 private:
  pid_t pid_ = -1;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class MqttIngestCli : public ::testing::TestWithParam<std::string> {};

TEST_P(MqttIngestCli, KilledMidwayAndStartedAgainStoresEveryRowOnceAndCountsDuplicates) {
  HEATLIFT_REQUIRE_SERVICE(broker, "HEATLIFT_TEST_MQTT_URL", "The MQTT broker (mosquitto)");
  const std::string tag = fmt::format("{}{}", GetParam()[0], ::getpid());
  const fs::path d = fs::path(::testing::TempDir()) / ("heatlift_mqtt_cli_" + tag);
  fs::remove_all(d);
  fs::create_directories(d);
  std::string db = (d / "store.db").string();
  if (GetParam() == "postgresql") {
    HEATLIFT_REQUIRE_SERVICE(pg, "HEATLIFT_TEST_PG_URL", "PostgreSQL");
    db = pg;
  }
  const std::string unit = "M-" + tag;  // its own unit: a shared database needs no cleaning
  std::ofstream(d / "units.toml") << fmt::format(
      "[[unit]]\nid = \"{}\"\ntype = \"air-water\"\nrated_capacity = \"12 kW\"\n"
      "install_year = 2014\nplace = \"Shijiazhuang\"\n",
      unit);
  const std::string topic = "heatlift-test/cli-" + tag;
  const std::string client = "hlc-" + tag;
  const std::string common = fmt::format(
      "monitor ingest --db '{}' --mqtt {}/{} --client-id {} "
      "--interval 1min --format json",
      db, broker, topic, client);
  const MqttUrl where = parse_mqtt_url(broker);
  const auto publish = [&](const std::vector<std::string>& payloads) {
    const fs::path lines = d / "publish.txt";
    {
      std::ofstream out(lines);
      for (const auto& m : payloads) out << m << '\n';
    }
    const std::string cmd = fmt::format("mosquitto_pub -h {} -p {} -q 1 -t {} -l < {}", where.host,
                                        where.port, topic, lines.string());
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  };
  const std::int64_t t0 = 1'767'225'600;  // 2026-01-01 00:00 UTC
  const auto row = [&](int i) {
    return fmt::format(R"({{"unit": "{}", "time": {}, "t_flow_C": {}, "elec_unit_W": {}}})", unit,
                       t0 + 60 * i, 35.0 + 0.25 * i, 1000 + i);
  };

  // Stores the unit and creates the broker's session for this client id.
  Background first(
      fmt::format("{} --units {} --idle-exit 0.3s", common, (d / "units.toml").string()),
      d / "first.json");
  ASSERT_EQ(first.wait(30), 0) << slurp(d / "first.json.err");

  // Rows 0..19 out of time order, 3 of them twice; stored by a subscriber that is then killed.
  std::vector<int> a(20);
  for (int i = 0; i < 20; ++i) a[i] = i;
  std::shuffle(a.begin(), a.end(), std::mt19937(7));
  std::vector<std::string> batch_a;
  for (int i : a) batch_a.push_back(row(i));
  for (int i : {3, 11, 17}) batch_a.push_back(row(i));
  Background killed(fmt::format("{} --idle-exit 60s", common), d / "killed.json");
  publish(batch_a);
  auto store = open_store(db);
  for (int k = 0; k < 300 && store->count(unit) < 20; ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_EQ(store->count(unit), 20) << slurp(d / "killed.json.err");
  killed.kill();

  // While it is down: rows 20..39 out of order, 4 duplicates (2 of stored rows, 2 of new
  // ones) and 3 bad messages.
  std::vector<int> b(20);
  for (int i = 0; i < 20; ++i) b[i] = 20 + i;
  std::shuffle(b.begin(), b.end(), std::mt19937(11));
  std::vector<std::string> batch_b;
  for (int i : b) batch_b.push_back(row(i));
  for (int i : {5, 9, 25, 33}) batch_b.push_back(row(i));
  batch_b.push_back("{\"unit\": \"" + unit + "\", \"time\": ");  // malformed JSON
  batch_b.push_back(fmt::format(R"({{"unit": "nobody", "time": {}, "t_flow_C": 40}})", t0));
  batch_b.push_back(
      fmt::format(R"({{"unit": "{}", "time": {}, "t_flow_kPa": 40}})", unit, t0 + 60 * 50));
  publish(batch_b);

  Background again(fmt::format("{} --idle-exit 1.5s", common), d / "again.json");
  ASSERT_EQ(again.wait(60), 0) << slurp(d / "again.json.err");
  const auto doc = nlohmann::json::parse(slurp(d / "again.json"));
  const auto& r = doc.at("mqtt");

  EXPECT_EQ(store->count(unit), 40) << "every row stored exactly once";
  const Series s = store->read(unit);
  ASSERT_EQ(s.size(), 40u);
  for (std::size_t i = 0; i < s.size(); ++i) {
    EXPECT_EQ(s.t[i], t0 + 60 * static_cast<std::int64_t>(i));
    EXPECT_NEAR(s[Channel::t_flow][i], 273.15 + 35.0 + 0.25 * static_cast<double>(i), 1e-9);
    EXPECT_DOUBLE_EQ(s[Channel::elec_unit][i], 1000.0 + static_cast<double>(i));
  }
  // The restarted run stored exactly the 20 new rows; everything else it got (the 4
  // duplicates, and any message of the killed run delivered again) is counted as dropped.
  EXPECT_EQ(r.at("rows_stored"), 20) << r.dump(1);
  const auto dropped = r.at("dropped");
  const auto n = [&](const char* reason) {
    return dropped.contains(reason) ? dropped.at(reason).get<std::int64_t>() : 0;
  };
  const std::int64_t duplicates =
      n("duplicate: (unit, time) already stored (the stored row kept)") +
      n("duplicate timestamp (the first row kept)");
  EXPECT_GE(duplicates, 4) << r.dump(1);
  EXPECT_EQ(n("not a JSON object"), 1) << r.dump(1);
  EXPECT_EQ(n("unknown unit (not in the store; describe it with --units)"), 1) << r.dump(1);
  EXPECT_EQ(n("unknown key or unit"), 1) << r.dump(1);
  EXPECT_EQ(r.at("rows_read").get<std::int64_t>(),
            r.at("rows_stored").get<std::int64_t>() + r.at("rows_dropped").get<std::int64_t>());
  EXPECT_EQ(r.at("rows_dropped").get<std::int64_t>(), duplicates + 3);
  EXPECT_EQ(r.at("subscriber").at("bad_messages"), 3);
  EXPECT_EQ(r.at("subscriber").at("stop_reason"), "idle");
  fs::remove_all(d);
}

INSTANTIATE_TEST_SUITE_P(Stores, MqttIngestCli, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace heatlift::operations
