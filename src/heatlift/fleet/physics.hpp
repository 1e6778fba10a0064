// The fleet from the physics up (docs/roadmap.md, "The fleet from the physics up").
//
// What one installed unit of each segment is comes from a cell catalogue
// (data/fleet/cells.toml, or a user's file): by the climate zone of the province, a few kinds
// of installation with weights. Every province's cells are simulated at its capital's station
// (fleet/cells.hpp), and a unit of a segment in a province is the weighted mix of its cells:
// heat, electricity in three parts, capacity and floor area per unit, and the hourly
// electric load per unit of the typical year. The stock-flow model (model.hpp) counts the
// units; energy, CO2 and the winter peak are these per-unit figures times the units.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "heatlift/climate/zones.hpp"
#include "heatlift/fleet/cells.hpp"
#include "heatlift/fleet/scenario.hpp"

namespace heatlift::core {
class DataStore;
}

namespace heatlift::fleet {

struct ProvinceTable;

/// One kind of installation a segment's units are, in some climate zones.
struct CellChoice {
  std::vector<climate::Zone> zones;
  CellSpec spec;        ///< without its place (the province's station is filled in)
  double weight = 0.0;  ///< share of the segment's units in those zones
  std::string source;   ///< where the choice comes from ("I" = assumption)
  std::string where;    ///< file:line:column of the entry
};

struct CellCatalogue {
  std::string origin;  ///< the file it was read from
  std::string source;  ///< its "# source:" line
  /// Segment name → its cell choices, in file order.
  std::vector<std::pair<std::string, std::vector<CellChoice>>> segments;
  const std::vector<CellChoice>* find(std::string_view segment) const;
};

/// Reads a catalogue. Errors name file:line:column and the field: unknown archetypes, eras,
/// hot-water types, products and zones; weights of one segment in one zone that do not sum
/// to 100 % (±0.01 %); a zone of a segment with no cell.
CellCatalogue parse_cell_catalogue(std::string_view text, const std::string& origin);
/// data/fleet/cells.toml of `data`.
CellCatalogue load_cell_catalogue(const core::DataStore& data);

/// A unit of one segment in one province: its cells' weighted year (J/a, W, per unit).
struct UnitPhysics {
  double heat = 0.0, hp_heat = 0.0;
  double unit_electricity = 0.0, aux_electricity = 0.0, backup_electricity = 0.0;
  double capacity = 0.0;                      ///< W
  double floor_area = 0.0;                    ///< m² heated (space heating; 0 for hot water)
  double design_load = 0.0;                   ///< W
  std::vector<double> unit_load, other_load;  ///< W per hour: unit; auxiliaries + back-up

  double electricity() const { return unit_electricity + aux_electricity + backup_electricity; }
  /// SPF of the mix (SEPEMO H4): heat over all its electricity.
  double spf() const { return electricity() > 0.0 ? heat / electricity() : 0.0; }
};

/// A unit in its two sizings: [0] as catalogued; [1] with the heat pump sized to cover at
/// least the whole design load (cover ≥ 100 %), which the less-back-up lever installs.
using UnitVariants = std::array<UnitPhysics, 2>;

/// Every segment's units in every province, and the cells behind them.
struct FleetPhysics {
  std::vector<std::string> segments;   ///< the scenario's segments, in its order
  std::vector<std::string> provinces;  ///< ISO codes, the province table's order
  /// [segment][province]
  std::vector<std::vector<UnitVariants>> units;
  /// Every distinct cell simulated, its result, and which (segment, province) used it with
  /// which weight.
  struct Use {
    std::size_t segment, province, variant, cell;
    double weight;
    const CellChoice* choice;
  };
  std::vector<CellSpec> cells;
  std::vector<CellResult> results;
  std::vector<Use> uses;
  std::size_t hours = 0;

  const UnitPhysics& unit(std::size_t segment, std::size_t province, int variant = 0) const {
    return units[segment][province][static_cast<std::size_t>(variant)];
  }
  /// Each province's share of the national units of each segment (allocation_shares of its
  /// end use): [segment][province].
  std::vector<std::vector<double>> shares;
  /// The national unit of each segment: the provinces' units weighted by their shares.
  std::vector<UnitVariants> national;
};

/// Simulates the cells of every segment of `sc` in every province of `table` (both sizings)
/// and weights them, by province and for the nation. Throws InvalidInput naming the segment when
/// the catalogue has no cells for it, or the province and zone when its zone has none.
FleetPhysics simulate_fleet(const Scenario& sc, const ProvinceTable& table,
                            const CellCatalogue& catalogue, const site::SiteLibraries& lib,
                            unsigned threads = 0);

// simulate_fleet in its three steps, for running the cells elsewhere (the workers of a
// cluster) and still weighing them bit for bit as simulate_fleet does:
//   FleetPhysics fp = enumerate_cells(sc, table, catalogue);
//   fp.results = simulate_cells(fp.cells, lib);   // any partition: a cell's year depends on
//                                                 // its spec alone
//   weigh_cells(sc, table, fp);

/// The distinct cells of every segment in every province (both sizings), each province's
/// at its station, and which (segment, province, sizing) uses each with which weight:
/// segments, provinces, cells and uses filled, nothing simulated. Throws InvalidInput naming
/// the segment when the catalogue has no cells for it, or a cell whose end use is not its
/// segment's.
FleetPhysics enumerate_cells(const Scenario& sc, const ProvinceTable& table,
                             const CellCatalogue& catalogue);

/// Weighs fp.results (one per cell, in fp.cells order) into the units of every segment and
/// province, and the nation's by the provinces' shares: units, shares, national and hours.
/// Throws InternalError when the results do not match the cells.
void weigh_cells(const Scenario& sc, const ProvinceTable& table, FleetPhysics& fp);

}  // namespace heatlift::fleet
