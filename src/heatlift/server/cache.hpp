// The result cache of the HTTP API: answers by the hash of their inputs (endpoint,
// arguments, body), least recently used first out, capped in bytes. One computation per
// input at a time: a request for an answer being computed waits for it instead of
// starting another.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace heatlift::server {

/// An answer: status, body (JSON unless said otherwise) and its entity tag.
struct Answer {
  int status = 200;
  std::shared_ptr<const std::string> body;
  std::string etag;               ///< "\"<16 hex digits>\"", from the body's hash
  std::string content_type = {};  ///< empty: application/json
  std::string filename = {};      ///< a download's file name (Content-Disposition), or empty
};

/// 64-bit FNV-1a of `bytes`.
std::uint64_t fnv1a(std::string_view bytes);
/// The entity tag of a body.
std::string etag_of(std::string_view body);

struct CacheStats {
  std::size_t entries = 0;
  std::size_t bytes = 0;
  std::size_t max_bytes = 0;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t evictions = 0;
  std::uint64_t joined = 0;  ///< requests that waited for the same computation
  std::size_t computing = 0;
};

class ResultCache {
 public:
  using Clock = std::chrono::steady_clock;
  /// A computed answer and whether it may be kept (errors of the moment are not).
  struct Computed {
    Answer answer;
    bool keep = true;
  };

  /// `max_bytes` caps keys and bodies together; an answer over an eighth of it is not kept.
  explicit ResultCache(std::size_t max_bytes);

  /// The answer for `key`: from the cache, from a computation of the same key already
  /// running (waited for until `deadline`, then `on_timeout` is thrown), or from `compute`.
  /// What `compute` throws reaches every request waiting for it.
  Answer get(const std::string& key, Clock::time_point deadline,
             const std::function<Computed()>& compute, const std::function<void()>& on_timeout);

  /// The answer for `key` if cached (counted as a hit), else nothing.
  std::optional<Answer> find(const std::string& key);
  void clear();
  /// Removes every entry whose key starts with `prefix`; returns how many went.
  std::size_t erase_prefix(std::string_view prefix);
  CacheStats stats() const;

 private:
  struct Entry {
    std::string key;
    Answer answer;
    std::size_t bytes;
  };
  struct Flight {
    std::mutex m;
    std::condition_variable done_cv;
    bool done = false;
    std::optional<Answer> answer;
    std::exception_ptr error;
  };

  std::optional<Answer> lookup_locked(const std::string& key);
  void store_locked(const std::string& key, const Answer& answer);
  Answer wait(Flight& f, Clock::time_point deadline, const std::function<void()>& on_timeout);
  Answer lead(const std::string& key, const std::shared_ptr<Flight>& f,
              const std::function<Computed()>& compute);

  mutable std::mutex m_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::list<Entry> lru_;  ///< most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  ///< into lru_ keys
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
  std::uint64_t hits_ = 0, misses_ = 0, evictions_ = 0, joined_ = 0;
};

}  // namespace heatlift::server
