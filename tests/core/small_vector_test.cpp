#include "heatlift/core/small_vector.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace heatlift::core {
namespace {

struct Plain {  // trivially copyable: moved and copied bytewise
  int a;
  double b;
};

TEST(SmallVector, StaysInlineThenGrows) {
  SmallVector<Plain, 2> v;
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), 2u);
  const Plain* inline_at = v.data();
  v.emplace_back(1, 1.5);
  v.push_back({2, 2.5});
  EXPECT_EQ(v.data(), inline_at);  // no allocation yet
  v.emplace_back(3, 3.5);
  EXPECT_NE(v.data(), inline_at);
  EXPECT_GE(v.capacity(), 3u);
  ASSERT_EQ(v.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(v[i].a, i + 1);
    EXPECT_EQ(v[i].b, i + 1.5);
  }
  EXPECT_EQ(v.front().a, 1);
  EXPECT_EQ(v.back().a, 3);
}

TEST(SmallVector, CopiesAndMovesInlineAndOnTheHeap) {
  for (const int n : {2, 7}) {  // inline (N = 3), then on the heap
    SmallVector<std::string, 3> v;
    for (int i = 0; i < n; ++i) v.push_back("element number " + std::to_string(i));
    const SmallVector<std::string, 3> copy = v;
    ASSERT_EQ(copy.size(), static_cast<std::size_t>(n));
    SmallVector<std::string, 3> moved = std::move(v);
    EXPECT_TRUE(v.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
    SmallVector<std::string, 3> assigned{"x"};
    assigned = copy;
    SmallVector<std::string, 3> move_assigned{"y", "z"};
    move_assigned = std::move(moved);
    for (int i = 0; i < n; ++i) {
      const std::string want = "element number " + std::to_string(i);
      EXPECT_EQ(copy[i], want);
      EXPECT_EQ(assigned[i], want);
      EXPECT_EQ(move_assigned[i], want);
    }
    v = {"a", "b"};  // a moved-from vector takes new contents
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[1], "b");
  }
}

TEST(SmallVector, GrowingPushOfItsOwnElement) {
  SmallVector<std::string, 2> v{"the first element, long enough to be on the heap", "b"};
  v.push_back(v[0]);  // the argument lives in the storage being replaced
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[2], v[0]);
  SmallVector<std::pair<int, int>, 1> e;
  e.emplace_back(1, 2);
  e.emplace_back(3, 4);
  std::size_t sum = 0;
  for (const auto& [a, b] : e) sum += a + b;
  EXPECT_EQ(sum, 10u);
  e.pop_back();
  EXPECT_EQ(e.size(), 1u);
  e.clear();
  EXPECT_TRUE(e.empty());
}

}  // namespace
}  // namespace heatlift::core
