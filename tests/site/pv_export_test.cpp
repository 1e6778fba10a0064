// PV with export (site/pv_export.hpp): the year's yield splits into what the site used and
// what it exported, hour by hour as the simulation drew it; the export earns its feed-in
// price and displaces grid electricity at the grid factor.
#include "heatlift/site/pv_export.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "heatlift/equipment/carnot_map.hpp"

namespace heatlift::site {
namespace {

constexpr double c0 = 273.15;

TEST(PvExport, YieldSplitsIntoSelfConsumptionAndExport) {
  climate::WeatherSeries w;
  w.location.name = "synthetic";
  for (std::size_t h = 0; h < climate::hours_per_year; ++h) {
    const double day = static_cast<double>(h) / 24.0;
    const double hod = static_cast<double>(h % 24);
    w.t_dry.push_back(c0 + 12.0 - 15.0 * std::cos(2 * std::numbers::pi * (day - 15.0) / 365.0));
    w.rh.push_back(0.5);
    w.ghi.push_back(std::max(0.0, 700.0 * std::sin(std::numbers::pi * (hod - 6) / 12)));
  }
  w.validate();
  demand::LoadSeries l;
  l.kind = demand::LoadKind::space_heating;
  l.description = "heating";
  for (double t : w.t_dry) {
    l.heat.push_back(std::max(0.0, 300.0 * (c0 + 15.0 - t)));
    l.t_supply.push_back(c0 + 40.0);
    l.t_return.push_back(c0 + 33.0);
  }
  l.design_load = 300.0 * 25.0;
  auto spec = equipment::CarnotMapSpec::defaults(equipment::SourceKind::air, 8000.0);
  equipment::MapAxes axes;
  for (double t = -25.0; t <= 25.0; t += 5.0) axes.t_source.push_back(c0 + t);
  for (double t = 25.0; t <= 60.0; t += 5.0) axes.t_sink.push_back(c0 + t);
  axes.part_load = {0.2, 0.5, 1.0};
  SystemSpec s;
  s.heat_pump.map =
      std::make_shared<const equipment::PerformanceMap>(equipment::carnot_fraction_map(spec, axes));
  s.pv.peak = 5000.0;
  const Simulation sim = simulate(w, {l}, s);
  const double price = 0.35 / 3.6e6, grid = 0.58 / 3.6e6;
  const PvExport p = pv_export(sim.annual, s.pv, price, grid);
  double exported = 0.0;
  for (const Hour& h : sim.hours) exported += std::max(0.0, h.pv - h.electricity()) * 3600.0;
  EXPECT_NEAR(p.self_consumed + p.exported, p.yield, 1e-6 * p.yield);
  EXPECT_NEAR(p.exported, exported, 1e-6 * p.yield);
  EXPECT_GT(p.exported, 0.3 * p.yield);  // summer: no heating load, the PV goes out
  ASSERT_TRUE(p.revenue.has_value());
  EXPECT_NEAR(*p.revenue, p.exported * price, 1e-9);
  EXPECT_NEAR(p.co2_displaced_kg, p.exported * grid, 1e-9);
  // Specific yield: GHI × plane factor × performance ratio per kW peak.
  double ghi = 0.0;
  for (double g : w.ghi) ghi += g * 3600.0;
  EXPECT_NEAR(p.specific_yield, ghi / 1000.0 * 1.1 * 0.8, 1e-6 * p.specific_yield);
  EXPECT_FALSE(pv_export(sim.annual, s.pv, std::nullopt, grid).revenue.has_value());
}

}  // namespace
}  // namespace heatlift::site
