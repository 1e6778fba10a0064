// The hour blocks both stores keep samples in (store_blocks.hpp): the layout written, its
// round trip, merging into a stored hour, and a damaged block named rather than misread.
#include "heatlift/operations/store_blocks.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "heatlift/core/error.hpp"

namespace heatlift::operations {
namespace {

constexpr std::int64_t kHour = 482'136;  // 2025-01-01 00:00 UTC
constexpr std::int64_t kMidnight = kHour * 3'600;

struct Written {
  std::int64_t hour, rows;
  std::string data;
};
std::vector<Written> blocks_of(const Series& rows,
                               const std::map<std::int64_t, std::string>& stored) {
  std::vector<Written> out;
  std::string buffer;
  write_blocks(rows, stored, "A1", buffer, [&](const Block& b) {
    out.push_back({b.hour, b.rows, std::string(b.data)});
  });
  return out;
}

Series minutes(std::int64_t t0, int n) {
  Series s;
  for (int i = 0; i < n; ++i) {
    const auto r = s.add_row(t0 + 60 * i, 60, static_cast<std::uint32_t>(i));
    s[Channel::t_flow][r] = 310.0 + i;
    s[Channel::elec_unit][r] = i % 2 ? std::nan("") : 1000.0 + i;
  }
  return s;
}

TEST(StoreBlocks, LayoutIsHeaderThenColumnsOfTheStoredChannelsOnly) {
  const Series s = minutes(kMidnight, 3);
  std::string buffer;
  const Block b = encode_block(s, 0, 3, kHour, buffer);
  EXPECT_EQ(b.rows, 3);
  // 12-byte header, then times, dt, flags (4 bytes each) and two channels of doubles.
  ASSERT_EQ(b.data.size(), 12u + 3 * 12 + 2 * 3 * 8);
  std::uint32_t header[3];
  std::memcpy(header, b.data.data(), sizeof header);
  EXPECT_EQ(header[0], kBlockFormat);
  EXPECT_EQ(header[1], 3u);
  const auto bit = [](Channel c) { return 1u << static_cast<unsigned>(c); };
  EXPECT_EQ(header[2], bit(Channel::elec_unit) | bit(Channel::t_flow));
  std::int32_t seconds[3];
  std::memcpy(seconds, b.data.data() + 12, sizeof seconds);
  EXPECT_EQ(seconds[2], 120);

  Series back;
  decode_block(b.data, kHour, back, INT64_MIN, INT64_MAX, "test");
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back.t[2], kMidnight + 120);
  EXPECT_EQ(back.flags[2], 2u);
  EXPECT_DOUBLE_EQ(back[Channel::t_flow][1], 311.0);
  EXPECT_TRUE(std::isnan(back[Channel::elec_unit][1]));
  EXPECT_TRUE(std::isnan(back[Channel::heat_hp][0]));  // never stored
}

TEST(StoreBlocks, RowsSplitAtTheHour) {
  const Series s = minutes(kMidnight - 120, 4);  // 23:58, 23:59, 00:00, 00:01
  const auto blocks = blocks_of(s, {});
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].hour, kHour - 1);
  EXPECT_EQ(blocks[0].rows, 2);
  EXPECT_EQ(blocks[1].hour, kHour);
  EXPECT_EQ(blocks[1].rows, 2);
}

TEST(StoreBlocks, MergingKeepsStoredRowsAndReplacesEqualTimes) {
  const Series stored = minutes(kMidnight, 10);
  std::string buffer;
  const std::map<std::int64_t, std::string> blocks = {
      {kHour, std::string(encode_block(stored, 0, 10, kHour, buffer).data)}};
  Series later = minutes(kMidnight + 5 * 60 + 30, 2);    // 00:05:30 and 00:06:30: between rows
  const auto r = later.add_row(kMidnight + 9 * 60, 60);  // replaces 00:09
  later[Channel::t_flow][r] = 999.0;
  const auto out = blocks_of(later, blocks);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rows, 12);
  Series back;
  decode_block(out[0].data, kHour, back, INT64_MIN, INT64_MAX, "test");
  ASSERT_EQ(back.size(), 12u);
  EXPECT_EQ(back.t[6], kMidnight + 5 * 60 + 30);
  EXPECT_DOUBLE_EQ(back[Channel::t_flow][11], 999.0);
  EXPECT_TRUE(std::isnan(back[Channel::elec_unit][11]));  // the new row had none
}

TEST(StoreBlocks, ADamagedBlockIsNamedNotMisread) {
  std::string buffer;
  const Series five = minutes(kMidnight, 5);
  const Block b = encode_block(five, 0, 5, kHour, buffer);
  Series out;
  try {
    decode_block(b.data.substr(0, b.data.size() - 8), kHour, out, INT64_MIN, INT64_MAX, "A1");
    FAIL() << "a truncated block";
  } catch (const InternalError& e) {
    EXPECT_NE(std::string(e.what()).find("unit 'A1', hour 482136"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bytes"), std::string::npos) << e.what();
  }
  std::string unordered(b.data);
  const std::int32_t late = 3'600;  // beyond the hour
  std::memcpy(unordered.data() + 12 + 4, &late, 4);
  EXPECT_THROW(decode_block(unordered, kHour, out, INT64_MIN, INT64_MAX, "x"), InternalError);
  std::string format(b.data);
  format[0] = 9;
  EXPECT_THROW(decode_block(format, kHour, out, INT64_MIN, INT64_MAX, "x"), InternalError);
  EXPECT_TRUE(out.empty());
}

TEST(StoreBlocks, TimesOutsideWhatTheStoresKeepAreNamed) {
  Series s = minutes(0, 2);
  s.t[1] = -60;
  try {
    check_block_times("A1", s);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("-60"), std::string::npos);
  }
}

}  // namespace
}  // namespace heatlift::operations
