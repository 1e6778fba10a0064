// The transport archetypes of data/demand/archetypes.toml (railway station, airport terminal,
// rail depot) simulated in Beijing and Harbin, against published surveys of station energy.
#include <gtest/gtest.h>

#include "heatlift/climate/cities.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/demand/building.hpp"

namespace heatlift::demand {
namespace {

constexpr double kJPerKWh = 3.6e6;

// kWh per m² of floor and year of an archetype and era in a city.
double specific_demand(const std::string& archetype, const std::string& era,
                       const std::string& city, ClimateZone zone) {
  static const core::DataStore data;
  static const ArchetypeLibrary lib = ArchetypeLibrary::load(data);
  static const climate::CityLibrary cities(data);
  const BuildingSpec b = make_building_spec(lib, archetype, era, zone, 20000.0);
  return simulate_building(b, cities.weather(city)).specific_demand() / kJPerKWh;
}

// Survey of 36 railway passenger stations in northern China ("Energy performance and
// environmental quality of typical railway passenger stations in northern China"): annual
// energy use of 101, 222 and 423 kWh/m² at the low, medium and high levels, heating and
// cooling the main uses. A Beijing station of the 2010s: its heat alone lies between 30 % of
// the medium level and the medium level's whole use.
TEST(TransportArchetypes, BeijingStationHeatWithinTheNorthernSurvey) {
  const double q = specific_demand("railway_station", "2010_2018", "Beijing", ClimateZone::cold);
  RecordProperty("beijing_station_kWh_per_m2", std::to_string(q));
  EXPECT_GT(q, 0.3 * 222.0);
  EXPECT_LT(q, 222.0);
}

// Qian et al., Energies 2020, 13(1), 168: 15 high-speed stations use 117–470 kWh/(m²·a) in
// all. A Harbin station of the 2010s needs more heat than a Beijing one and stays inside the
// highest total.
TEST(TransportArchetypes, HarbinStationNeedsMoreHeatThanBeijing) {
  const double beijing =
      specific_demand("railway_station", "2010_2018", "Beijing", ClimateZone::cold);
  const double harbin =
      specific_demand("railway_station", "2010_2018", "Harbin", ClimateZone::severe_cold);
  RecordProperty("harbin_station_kWh_per_m2", std::to_string(harbin));
  EXPECT_GT(harbin, beijing);
  EXPECT_LT(harbin, 470.0);
}

TEST(TransportArchetypes, NewerErasNeedLessHeat) {
  for (const std::string a : {"railway_station", "airport_terminal", "rail_depot"}) {
    double last = 1e9;
    for (const std::string era : {"pre_1996", "1996_2010", "2010_2018", "post_2019"}) {
      const double q = specific_demand(a, era, "Beijing", ClimateZone::cold);
      RecordProperty(a + "_" + era + "_kWh_per_m2", std::to_string(q));
      EXPECT_GT(q, 0.0) << a << " " << era;
      EXPECT_LT(q, last) << a << " " << era;
      last = q;
    }
  }
}

}  // namespace
}  // namespace heatlift::demand
