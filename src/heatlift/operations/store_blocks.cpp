#include "heatlift/operations/store_blocks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>

#include "heatlift/core/error.hpp"

namespace heatlift::operations {

static_assert(std::endian::native == std::endian::little,
              "the block layout is little-endian and written with memcpy");

namespace {

constexpr std::size_t kHeaderBytes = 3 * sizeof(std::uint32_t);

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
void put_span(std::string& out, const T* values, std::size_t n) {
  out.append(reinterpret_cast<const char*>(values), n * sizeof(T));
}

template <typename T>
T get(std::string_view data, std::size_t offset) {
  T value;
  std::memcpy(&value, data.data() + offset, sizeof value);
  return value;
}

}  // namespace

Block encode_block(const Series& rows, std::size_t from, std::size_t to, std::int64_t hour,
                   std::string& out) {
  const std::size_t n = to - from;
  std::uint32_t mask = 0;
  for (std::size_t c = 0; c < kChannels; ++c) {
    const auto& v = rows.values[c];
    if (std::any_of(v.begin() + static_cast<std::ptrdiff_t>(from),
                    v.begin() + static_cast<std::ptrdiff_t>(to),
                    [](double x) { return !std::isnan(x); }))
      mask |= 1u << c;
  }
  out.clear();
  out.reserve(kHeaderBytes + n * (3 * 4 + static_cast<std::size_t>(std::popcount(mask)) * 8));
  put(out, kBlockFormat);
  put(out, static_cast<std::uint32_t>(n));
  put(out, mask);
  const std::int64_t start = hour * kBlockSeconds;
  for (std::size_t i = from; i < to; ++i) put(out, static_cast<std::int32_t>(rows.t[i] - start));
  put_span(out, rows.dt.data() + from, n);
  put_span(out, rows.flags.data() + from, n);
  for (std::size_t c = 0; c < kChannels; ++c)
    if (mask & (1u << c)) put_span(out, rows.values[c].data() + from, n);
  return Block{.hour = hour, .rows = static_cast<std::int64_t>(n), .data = out};
}

void decode_block(std::string_view data, std::int64_t hour, Series& out, std::int64_t from,
                  std::int64_t to, std::string_view unit) {
  const auto damaged = [&](const std::string& why) {
    return InternalError(
        fmt::format("store: the block of unit '{}', hour {} is damaged: {}", unit, hour, why));
  };
  if (data.size() < kHeaderBytes)
    throw damaged(fmt::format("{} bytes, expected at least {}", data.size(), kHeaderBytes));
  const auto format = get<std::uint32_t>(data, 0);
  if (format != kBlockFormat)
    throw damaged(fmt::format("format {}, expected {}", format, kBlockFormat));
  const std::size_t n = get<std::uint32_t>(data, 4);
  const auto mask = get<std::uint32_t>(data, 8);
  if (mask >> kChannels)
    throw damaged(fmt::format("channel mask {:#x} names channels beyond the {}", mask, kChannels));
  const std::size_t expected =
      kHeaderBytes + n * (3 * 4 + static_cast<std::size_t>(std::popcount(mask)) * 8);
  if (data.size() != expected)
    throw damaged(fmt::format("{} bytes for {} rows, expected {}", data.size(), n, expected));

  const std::size_t seconds_at = kHeaderBytes, dt_at = seconds_at + 4 * n, flags_at = dt_at + 4 * n,
                    values_at = flags_at + 4 * n;
  const std::int64_t start = hour * kBlockSeconds;
  // The rows in [from, to): the block's times strictly increase.
  std::size_t first = 0, last = n;
  std::int64_t previous = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const auto s = get<std::int32_t>(data, seconds_at + 4 * i);
    if (s <= previous || s >= kBlockSeconds)
      throw damaged(fmt::format("row {} at {} s into the hour, expected {} to {}", i + 1, s,
                                previous + 1, kBlockSeconds - 1));
    previous = s;
    if (start + s < from) first = i + 1;
    if (start + s >= to && last == n) last = i;
  }
  if (last <= first) return;
  if (!out.empty() && out.t.back() >= start + get<std::int32_t>(data, seconds_at + 4 * first))
    throw InternalError(fmt::format(
        "store: the block of unit '{}', hour {} overlaps the rows before it", unit, hour));

  const std::size_t k = last - first, base = out.size();
  out.t.resize(base + k);
  out.dt.resize(base + k);
  out.flags.resize(base + k);
  for (std::size_t i = 0; i < k; ++i)
    out.t[base + i] = start + get<std::int32_t>(data, seconds_at + 4 * (first + i));
  std::memcpy(out.dt.data() + base, data.data() + dt_at + 4 * first, 4 * k);
  std::memcpy(out.flags.data() + base, data.data() + flags_at + 4 * first, 4 * k);
  std::size_t column = 0;
  for (std::size_t c = 0; c < kChannels; ++c) {
    auto& v = out.values[c];
    if (mask & (1u << c)) {
      v.resize(base + k);
      std::memcpy(v.data() + base, data.data() + values_at + 8 * (column * n + first), 8 * k);
      ++column;
    } else {
      v.resize(base + k, std::nan(""));
    }
  }
}

const Series& in_time_order(const Series& rows, Series& scratch) {
  const std::size_t n = rows.size();
  bool ordered = true;
  for (std::size_t i = 1; i < n && ordered; ++i) ordered = rows.t[i - 1] < rows.t[i];
  if (ordered) return rows;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rows.t[a] < rows.t[b]; });
  Series& out = scratch;
  out.clear();
  out.reserve(n);
  for (std::size_t j = 0; j < n; ++j) {
    const std::size_t i = order[j];
    if (j + 1 < n && rows.t[order[j + 1]] == rows.t[i]) continue;  // a later row of this t
    const std::size_t r = out.add_row(rows.t[i], rows.dt[i], rows.flags[i]);
    for (std::size_t c = 0; c < kChannels; ++c) out.values[c][r] = rows.values[c][i];
  }
  return out;
}

std::pair<std::int64_t, std::int64_t> hour_range(const Series& rows) {
  return {block_hour(rows.t.front()), block_hour(rows.t.back())};
}

void write_blocks(const Series& rows, const std::map<std::int64_t, std::string>& stored,
                  std::string_view unit, std::string& buffer,
                  const std::function<void(const Block&)>& write) {
  const std::size_t n = rows.size();
  for (std::size_t from = 0; from < n;) {
    const std::int64_t hour = block_hour(rows.t[from]);
    std::size_t to = from + 1;
    while (to < n && block_hour(rows.t[to]) == hour) ++to;
    const auto old = stored.find(hour);
    if (old == stored.end()) {
      write(encode_block(rows, from, to, hour, buffer));
    } else {
      Series kept;
      decode_block(old->second, hour, kept, INT64_MIN, INT64_MAX, unit);
      Series merged;
      merged.reserve(kept.size() + (to - from));
      std::size_t a = 0, b = from;
      const auto copy = [&merged](const Series& s, std::size_t i) {
        const std::size_t r = merged.add_row(s.t[i], s.dt[i], s.flags[i]);
        for (std::size_t c = 0; c < kChannels; ++c) merged.values[c][r] = s.values[c][i];
      };
      while (a < kept.size() || b < to) {
        if (b == to || (a < kept.size() && kept.t[a] < rows.t[b])) {
          copy(kept, a++);
        } else {
          if (a < kept.size() && kept.t[a] == rows.t[b]) ++a;  // the new row replaces it
          copy(rows, b++);
        }
      }
      write(encode_block(merged, 0, merged.size(), hour, buffer));
    }
    from = to;
  }
}

std::optional<std::pair<std::int64_t, std::int64_t>> window_hours(std::int64_t from,
                                                                  std::int64_t to) {
  if (to <= from || to <= 0 || from >= kKeySpan) return std::nullopt;
  return std::pair{block_hour(std::max<std::int64_t>(from, 0)),
                   block_hour(std::min(to, kKeySpan) - 1)};
}

void check_block_times(std::string_view unit, const Series& rows) {
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows.t[i] < 0 || rows.t[i] >= kKeySpan)
      throw InvalidInput(fmt::format(
          "unit '{}', row {}: time {} s is outside what the store keeps, expected Unix seconds "
          "from 0 (1970-01-01) to below {} (2106-02-07 UTC)",
          unit, i + 1, rows.t[i], kKeySpan));
}

}  // namespace heatlift::operations
