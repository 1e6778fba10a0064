// End to end: `heatlift monitor retrofit` on a store of synthetic units whose faults are known
// (operations/synthetic.hpp), the units made older than ten years.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include <unistd.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/operations/synthetic.hpp"
#include "heatlift/site/site_case.hpp"
#include "support/run_heatlift.hpp"

namespace heatlift::operations {
namespace {

namespace fs = std::filesystem;
using heatlift::testing::run_heatlift;

// Three units at Beijing, two seasons of 10-minute rows: healthy, a curve 6–15 K too high,
// and a COP degrading by 8–20 %. Returns the store's path.
const std::string& store_path() {
  static const std::string path = [] {
    // ctest runs each test in a process of its own, in parallel: one folder per process.
    const fs::path dir =
        fs::path(::testing::TempDir()) / ("heatlift_retrofit_cli_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto data = core::DataStore::from_environment(std::nullopt);
    const fluids::FluidLibrary fl(data);
    const equipment::ProductLibrary products(data, fl);
    const site::SiteLibraries lib(data, products);
    SyntheticOptions o;
    o.stations = {"Beijing"};
    o.products = {"evi-r32-10kw"};
    o.healthy = 1;
    o.per_fault = 1;
    o.faults = {FaultKind::curve_too_high, FaultKind::degradation};
    o.seasons = 2;
    o.interval = 600;
    const SyntheticFleet fleet(lib, o);
    const std::string db = (dir / "units.db").string();
    auto store = open_store(db);
    for (std::size_t i = 0; i < fleet.size(); ++i) {
      auto u = fleet.generate(i);
      u.meta.install_year = 2012;  // in service for more than ten years by the 2025 season
      u.meta.id = u.faults.empty() ? "healthy" : std::string(to_string(u.faults.front().kind));
      store->put_unit(u.meta);
      store->upsert(u.meta.id, u.series);
    }
    return db;
  }();
  return path;
}

nlohmann::json retrofit(const std::string& unit) {
  const auto r = run_heatlift("monitor retrofit --db " + store_path() + " --unit " + unit +
                              " --from 2024-11-01 --to 2025-03-31 --format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out).at("units").at(0);
}

double saving(const nlohmann::json& unit, const std::string& measure) {
  for (const auto& m : unit.at("measures"))
    if (m.at("measure") == measure) return m.at("saving_kwh").get<double>();
  ADD_FAILURE() << "no measure " << measure;
  return 0.0;
}

TEST(MonitorRetrofit, EachFaultShowsInTheMeasureThatRepairsIt) {
  const auto healthy = retrofit("healthy");
  const auto curve = retrofit("curve_too_high");
  const auto worn = retrofit("degradation");
  for (const auto* u : {&healthy, &curve, &worn}) {
    EXPECT_TRUE(u->at("over_ten_years").get<bool>());
    // Floor heating (35 °C) gets no emitters measure; radiators do.
    EXPECT_EQ(u->at("measures").size(), u->at("design_supply_c") == 35.0 ? 4u : 5u);
  }
  const double e_healthy = healthy.at("electricity_kwh").get<double>();
  const double e_curve = curve.at("electricity_kwh").get<double>();
  const double e_worn = worn.at("electricity_kwh").get<double>();
  // A curve 6–15 K too high costs roughly 1 % of electricity per K (Carnot lift).
  EXPECT_GT(saving(curve, "controls") / e_curve, 0.04);
  EXPECT_LT(saving(healthy, "controls") / e_healthy, 0.02);
  // A unit degrading by 8–20 % in its second season loses against its map; a healthy one
  // (meter noise, weather) much less.
  const double lost_worn = saving(worn, "compressor") + saving(worn, "heat_exchangers");
  const double lost_healthy = saving(healthy, "compressor") + saving(healthy, "heat_exchangers");
  EXPECT_GT(lost_worn / e_worn, 0.03);
  EXPECT_GT(lost_worn / e_worn, 2.0 * lost_healthy / e_healthy);
}

TEST(MonitorRetrofit, AnUnknownUnitIsNamed) {
  const auto r = run_heatlift("monitor retrofit --db " + store_path() + " --unit nosuch");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'nosuch'"), std::string::npos) << r.err;
}

TEST(MonitorRetrofit, ADesignTemperatureWithoutUnitIsRefused) {
  const auto r = run_heatlift("monitor retrofit --db " + store_path() +
                              " --unit healthy --design-outdoor -7.6");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--design-outdoor"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace heatlift::operations
