#include "heatlift/operations/telemetry.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace heatlift::operations {
namespace {

TEST(Telemetry, ChannelNamesRoundTrip) {
  for (Channel c : all_channels()) EXPECT_EQ(channel_from_string(to_string(c)), c);
  EXPECT_FALSE(channel_from_string("t_flow_C").has_value());
}

TEST(Telemetry, ARowStartsWithEveryChannelUnmeasured) {
  Series s;
  s.add_row(1'700'000'000, 60);
  s[Channel::t_flow][0] = 318.15;
  EXPECT_TRUE(s.has(Channel::t_flow));
  EXPECT_FALSE(s.has(Channel::heat_hp));
  EXPECT_TRUE(std::isnan(s[Channel::heat_hp][0]));
}

// SEPEMO-Build D4.2: H2 needs the source's electricity; an air unit's fan is inside its meter.
TEST(Telemetry, BoundariesFollowTheMeters) {
  UnitMeta ground;
  ground.id = "g";
  ground.type = "ground-water";
  EXPECT_EQ(ground.boundaries(), std::vector<Boundary>{Boundary::h1});
  UnitMeta air;
  air.id = "a";
  air.type = "air-water";
  air.meters.elec_backup = true;
  air.meters.elec_sink = true;
  EXPECT_EQ(air.boundaries(),
            (std::vector<Boundary>{Boundary::h1, Boundary::h2, Boundary::h3, Boundary::h4}));
  air.meters.heat_hp = false;
  EXPECT_TRUE(air.boundaries().empty());
}

}  // namespace
}  // namespace heatlift::operations
