#include "heatlift/server/cache.hpp"

#include <fmt/format.h>

namespace heatlift::server {
namespace {

// What an entry costs besides its key and body: list node, index slot, control blocks.
constexpr std::size_t kEntryOverhead = 256;

}  // namespace

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string etag_of(std::string_view body) {
  return fmt::format("\"{:016x}\"", fnv1a(body));
}

ResultCache::ResultCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

std::optional<Answer> ResultCache::lookup_locked(const std::string& key) {
  const auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second);  // most recent first; iterators stay valid
  return it->second->answer;
}

void ResultCache::store_locked(const std::string& key, const Answer& answer) {
  const std::size_t bytes = key.size() + (answer.body ? answer.body->size() : 0) + kEntryOverhead;
  if (bytes > max_bytes_ / 8 || index_.count(key)) return;
  while (!lru_.empty() && bytes_ + bytes > max_bytes_) {
    const Entry& last = lru_.back();
    bytes_ -= last.bytes;
    index_.erase(std::string_view(last.key));
    lru_.pop_back();
    ++evictions_;
  }
  lru_.push_front(Entry{key, answer, bytes});
  index_.emplace(std::string_view(lru_.front().key), lru_.begin());
  bytes_ += bytes;
}

std::optional<Answer> ResultCache::find(const std::string& key) {
  std::lock_guard lock(m_);
  auto a = lookup_locked(key);
  if (a) ++hits_;
  return a;
}

Answer ResultCache::get(const std::string& key, Clock::time_point deadline,
                        const std::function<Computed()>& compute,
                        const std::function<void()>& on_timeout) {
  std::shared_ptr<Flight> flight;
  bool leader = false;
  {
    std::lock_guard lock(m_);
    if (auto a = lookup_locked(key)) {
      ++hits_;
      return *a;
    }
    ++misses_;
    auto& slot = flights_[key];
    if (!slot) {
      slot = std::make_shared<Flight>();
      leader = true;
    } else {
      ++joined_;
    }
    flight = slot;
  }
  return leader ? lead(key, flight, compute) : wait(*flight, deadline, on_timeout);
}

Answer ResultCache::lead(const std::string& key, const std::shared_ptr<Flight>& f,
                         const std::function<Computed()>& compute) {
  std::optional<Computed> result;
  std::exception_ptr error;
  try {
    result = compute();
  } catch (...) {
    error = std::current_exception();
  }
  {
    std::lock_guard lock(m_);
    if (result && result->keep) store_locked(key, result->answer);
    flights_.erase(key);
  }
  {
    std::lock_guard lock(f->m);
    f->done = true;
    if (result) f->answer = result->answer;
    f->error = error;
  }
  f->done_cv.notify_all();
  if (error) std::rethrow_exception(error);
  return result->answer;
}

Answer ResultCache::wait(Flight& f, Clock::time_point deadline,
                         const std::function<void()>& on_timeout) {
  std::unique_lock lock(f.m);
  if (!f.done_cv.wait_until(lock, deadline, [&] { return f.done; })) {
    lock.unlock();
    on_timeout();
    throw std::logic_error("ResultCache: on_timeout returned");
  }
  if (f.error) std::rethrow_exception(f.error);
  return *f.answer;
}

void ResultCache::clear() {
  std::lock_guard lock(m_);
  index_.clear();
  lru_.clear();
  bytes_ = 0;
}

std::size_t ResultCache::erase_prefix(std::string_view prefix) {
  std::lock_guard lock(m_);
  std::size_t n = 0;
  for (auto it = lru_.begin(); it != lru_.end();) {
    if (std::string_view(it->key).substr(0, prefix.size()) != prefix) {
      ++it;
      continue;
    }
    bytes_ -= it->bytes;
    index_.erase(std::string_view(it->key));
    it = lru_.erase(it);
    ++n;
  }
  return n;
}

CacheStats ResultCache::stats() const {
  std::lock_guard lock(m_);
  return {lru_.size(), bytes_, max_bytes_, hits_, misses_, evictions_, joined_, flights_.size()};
}

}  // namespace heatlift::server
