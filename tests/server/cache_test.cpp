#include "heatlift/server/cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace heatlift::server {
namespace {

using namespace std::chrono_literals;
using Clock = ResultCache::Clock;

ResultCache::Computed answer(std::string body, int status = 200, bool keep = true) {
  auto b = std::make_shared<const std::string>(std::move(body));
  return {{status, b, etag_of(*b)}, keep};
}

Answer get(ResultCache& c, const std::string& key, const std::string& body, int* calls) {
  return c.get(
      key, Clock::now() + 5s,
      [&] {
        ++*calls;
        return answer(body);
      },
      [] { throw std::runtime_error("timeout"); });
}

TEST(ResultCache, ComputesOnceThenAnswersFromTheCache) {
  ResultCache c(1 << 20);
  int calls = 0;
  EXPECT_EQ(*get(c, "k", "v", &calls).body, "v");
  EXPECT_EQ(*get(c, "k", "other", &calls).body, "v");
  EXPECT_EQ(calls, 1);
  const CacheStats s = c.stats();
  EXPECT_EQ(s.entries, 1u);
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.misses, 1u);
}

TEST(ResultCache, EvictsTheLeastRecentlyUsedAndStaysUnderItsCap) {
  const std::size_t cap = 64 * 1024;
  ResultCache c(cap);
  int calls = 0;
  const std::string body(4000, 'x');  // ~4.3 kB an entry with its key and overhead
  for (int i = 0; i < 100; ++i) {
    get(c, "key" + std::to_string(i), body, &calls);
    if (i >= 1) get(c, "key0", body, &calls);  // key0 kept in use: never evicted
    EXPECT_LE(c.stats().bytes, cap);
  }
  EXPECT_EQ(calls, 100);
  EXPECT_GT(c.stats().evictions, 80u);
  EXPECT_TRUE(c.find("key0").has_value());
  EXPECT_TRUE(c.find("key99").has_value());
  EXPECT_FALSE(c.find("key1").has_value());
}

TEST(ResultCache, AnAnswerOverAnEighthOfTheCapIsNotKept) {
  ResultCache c(8000);
  int calls = 0;
  get(c, "big", std::string(2000, 'x'), &calls);
  get(c, "big", std::string(2000, 'x'), &calls);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(c.stats().entries, 0u);
}

TEST(ResultCache, AnswersNotToKeepAndFailuresAreComputedAgain) {
  ResultCache c(1 << 20);
  int calls = 0;
  auto compute = [&] {
    ++calls;
    return answer("internal", 500, false);
  };
  auto never = [] { throw std::runtime_error("timeout"); };
  c.get("k", Clock::now() + 1s, compute, never);
  c.get("k", Clock::now() + 1s, compute, never);
  EXPECT_EQ(calls, 2);
  EXPECT_THROW(c.get(
                   "f", Clock::now() + 1s,
                   []() -> ResultCache::Computed { throw std::invalid_argument("bad"); }, never),
               std::invalid_argument);
  EXPECT_EQ(c.stats().computing, 0u);
}

TEST(ResultCache, ConcurrentRequestsForOneKeyShareOneComputation) {
  ResultCache c(1 << 20);
  std::atomic<int> calls{0};
  std::vector<std::thread> threads;
  std::vector<std::string> got(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      got[i] = *c.get(
                     "slow", Clock::now() + 10s,
                     [&] {
                       ++calls;
                       std::this_thread::sleep_for(200ms);
                       return answer("done");
                     },
                     [] { throw std::runtime_error("timeout"); })
                    .body;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(calls.load(), 1);
  for (const auto& g : got) EXPECT_EQ(g, "done");
  EXPECT_EQ(c.stats().joined, 7u);
}

TEST(ResultCache, AWaiterGivesUpAtItsDeadline) {
  ResultCache c(1 << 20);
  std::thread leader([&] {
    c.get(
        "slow", Clock::now() + 10s,
        [] {
          std::this_thread::sleep_for(300ms);
          return answer("done");
        },
        [] {});
  });
  std::this_thread::sleep_for(50ms);
  const auto t0 = Clock::now();
  EXPECT_THROW(c.get(
                   "slow", Clock::now() + 50ms, [] { return answer("second"); },
                   [] { throw std::runtime_error("timeout"); }),
               std::runtime_error);
  EXPECT_LT(Clock::now() - t0, 250ms);
  leader.join();
  EXPECT_EQ(*c.find("slow")->body, "done");
}

TEST(ResultCache, ClearEmptiesIt) {
  ResultCache c(1 << 20);
  int calls = 0;
  get(c, "a", "1", &calls);
  c.clear();
  EXPECT_EQ(c.stats().entries, 0u);
  EXPECT_EQ(c.stats().bytes, 0u);
  get(c, "a", "1", &calls);
  EXPECT_EQ(calls, 2);
}

TEST(ResultCache, EtagIsTheBodysHash) {
  EXPECT_EQ(etag_of("abc"), etag_of("abc"));
  EXPECT_NE(etag_of("abc"), etag_of("abd"));
  EXPECT_EQ(etag_of("").size(), 18u);  // quotes and 16 hex digits
  EXPECT_EQ(fnv1a(""), 14695981039346656037ull);
}

}  // namespace
}  // namespace heatlift::server
