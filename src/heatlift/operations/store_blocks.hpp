// How both stores keep samples: one block per unit and hour, the hour's rows as column
// arrays in one binary value (SQLite BLOB, PostgreSQL bytea). A row-per-sample table spends
// about a microsecond of b-tree and record work on each 17-column row; a block is a few
// memcpy calls, so storing keeps up with parsing (docs/operations.md, bench/RESULTS.md).
// An hour, not a day: a live feed adds one row at a time and each row rewrites its block,
// which is then 60 rows of minute data (4.6 KB), not 1,440.
//
// Block layout (format 1, little-endian, no padding; readable with numpy.frombuffer):
//   u32 format = 1 | u32 n (rows) | u32 mask (bit c set: channel c is stored)
//   i32 seconds since the start of the hour [n] | i32 dt [n] | u32 flags [n]
//   f64 values [n] for each channel in `mask`, in Channel order (NaN = not measured)
// A channel with no value in the whole hour is left out of the block.
//
// Writing keeps the stores' contract: a row whose (unit, t) is stored replaces it. The rows
// of a batch that fall on a stored hour are merged with that hour's block (the batch wins) and
// the block is written again; each batch is still one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/operations/telemetry.hpp"

namespace heatlift::operations {

inline constexpr std::int64_t kBlockSeconds = 3'600;  ///< one block per hour
inline constexpr std::uint32_t kBlockFormat = 1;
/// Times the stores keep: 0 ≤ t < 2^32 s (1970 to 2106). A block's key is unit · 2^32 + hour.
inline constexpr std::int64_t kKeySpan = std::int64_t{1} << 32;

/// The hour (hours since 1970-01-01 00:00 UTC) a time t ≥ 0 falls in.
constexpr std::int64_t block_hour(std::int64_t t) {
  return t / kBlockSeconds;
}

/// One encoded block: its hour, its number of rows, its bytes (valid until the next block).
struct Block {
  std::int64_t hour = 0;
  std::int64_t rows = 0;
  std::string_view data;
};

/// Rows [from, to) of `rows` (strictly increasing t, all on `hour`) as a block, written into
/// `out` (cleared first; its capacity is kept, so a writer reuses one buffer for every block).
Block encode_block(const Series& rows, std::size_t from, std::size_t to, std::int64_t hour,
                   std::string& out);

/// Appends the rows of a block with from ≤ t < to to `out` (whose last t must be below the
/// block's first). A block whose size or content does not match its layout throws
/// InternalError naming it ("unit 'A1', hour 482136").
void decode_block(std::string_view data, std::int64_t hour, Series& out, std::int64_t from,
                  std::int64_t to, std::string_view unit);

/// The hours [first, last] whose blocks hold the times from ≤ t < to; std::nullopt when no
/// time the stores keep lies in the window.
std::optional<std::pair<std::int64_t, std::int64_t>> window_hours(std::int64_t from,
                                                                  std::int64_t to);

/// `rows` in strictly increasing t: sorted (stable) with the last of a repeated t kept, as
/// a later row replaces an earlier one. Returns `rows` itself when it is in order already,
/// else `scratch` filled with the sorted rows.
const Series& in_time_order(const Series& rows, Series& scratch);

/// The hours `rows` (strictly increasing t) fall on: [first, last].
std::pair<std::int64_t, std::int64_t> hour_range(const Series& rows);

/// Hands `write` each block that storing `rows` (strictly increasing t) produces, in hour
/// order, given the stored blocks of its hours (hour → bytes; hours without a stored block are
/// absent). Rows of a stored hour are merged with it, the new row replacing a stored one of
/// the same t. Every block is encoded into `buffer`.
void write_blocks(const Series& rows, const std::map<std::int64_t, std::string>& stored,
                  std::string_view unit, std::string& buffer,
                  const std::function<void(const Block&)>& write);

/// Checks every row's time is one the stores keep (0 ≤ t < 2^32 s, 1970 to 2106); throws
/// InvalidInput naming the unit, the row and the value.
void check_block_times(std::string_view unit, const Series& rows);

}  // namespace heatlift::operations
