// Results by province and climate zone (docs/roadmap.md, "Regions").
//
// The national run is shared out to the 31 provinces: a province's share of an end use is
// given bottom-up where the province table carries one, and otherwise follows a key —
// space heating by population × HDD18, hot water by population. Every extensive indicator
// (units, capacity, area, heat, electricity, peak, value, refrigerant) is the national
// value times the share, so the provinces add up to the nation exactly. CO2 is recomputed
// with the province's grid factor: the national path times the province's ratio to the
// national factor of its factor's year. Zones are sums of their provinces; "CN" is the sum
// of all provinces (its CO2 differs from the national run's, which uses the national
// factor). No TOML or CSV here: the table is read by regions_io.hpp.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/accounting/regions.hpp"
#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::fleet {

struct ProvinceTable {
  std::vector<accounting::Province> provinces;  ///< 31, in the file's order
  std::string source;                           ///< where it was read from
};

/// Each province's share of the national units of one end use: bottom-up shares where
/// given, the rest of 100 % split by the key (space heating: population × hdd18; hot
/// water: population). Sums to 1. Throws InvalidInput when the given shares exceed 100 %.
std::vector<double> allocation_shares(const ProvinceTable& table, EndUse end_use);

enum class RegionLevel { province, zone, country };
std::string_view to_string(RegionLevel l);  ///< "province", "zone", "country"

struct Region {
  std::string code;  ///< ISO code of a province, zone code, or "CN"
  std::string name_zh;
  std::string name_en;
  RegionLevel level = RegionLevel::province;
  std::vector<SeriesGroup> groups;  ///< the national run's groups, same order
};

struct RegionalResults {
  std::string scenario;
  int first_year = 0;
  int last_year = 0;
  std::vector<int> milestones;
  std::vector<Region> regions;  ///< provinces (table order), zones (enum order), then "CN"

  const Region& region(std::string_view code) const;  ///< throws DataMissing
  double value(std::string_view region, std::string_view group, Indicator i, int year) const;
};

/// Shares the national run `national` of `sc` out to provinces, zones and the country.
/// kigali_allowance is national only (NaN in every region).
///
/// A bottom-up run (`physics`, the same the national run was made with): the units follow
/// the shares as above, but heat, electricity, capacity, floor area, the replaced fuels and
/// CO2 of a province are its share of the national stock moments times its own unit (its
/// capital's weather, its zone's buildings and products), and every winter peak is the
/// highest hour of the region's summed typical-year load (coincident across its provinces
/// and segments). The provinces' energies add up to the national run's.
RegionalResults allocate(const Scenario& sc, const Results& national, const ProvinceTable& table,
                         const FleetPhysics* physics = nullptr);

/// Bottom-up: the hourly electric load (W, one value per hour of the typical year, written
/// into `load`) of result group `group` of `national` (an index into its groups: a segment,
/// an end use or the total) in the provinces `provinces` (indices into the province table)
/// in year column `k` (0 = national.first_year): each member segment's national stock
/// moments times the province's share times that province's units' hourly loads. Its highest
/// hour is the region's winter peak as allocate computes it.
void hourly_load(const Scenario& sc, const Results& national, const FleetPhysics& physics,
                 std::span<const std::size_t> provinces, std::size_t group, std::size_t k,
                 std::vector<double>& load);

}  // namespace heatlift::fleet
