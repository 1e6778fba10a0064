// The bottom-up fleet split around its cells, so that the cells can be simulated elsewhere
// (the machines of a Dask cluster) and the national run still come out bit for bit as
// fleet::simulate_fleet + fleet::run + fleet::monte_carlo give it on one machine:
//
//   plan   the distinct cells of every segment in every province and which (segment,
//          province, sizing) uses each with which weight (fleet::enumerate_cells, the first
//          step of simulate_fleet);
//   cells  simulated in any partition (fleet::simulate_cells on a subset: a cell's year
//          depends on its spec alone), e.g. by station so each worker loads a place once;
//   weigh  the per-unit physics of every segment and province and of the nation from the
//          results (fleet::weigh_cells, simulate_fleet's last step);
//   run    the stock-flow model on that physics, and Monte Carlo samples by index ranges
//          whose values are gathered into the same p5/p50/p95 bands (fleet::gather_bands).
//
// tests/python/test_dask.py holds the two paths equal.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/fleet/model.hpp"
#include "heatlift/fleet/physics.hpp"
#include "heatlift/fleet/regions.hpp"
#include "heatlift/fleet/uncertainty.hpp"
#include "heatlift/python/session.hpp"

namespace heatlift::python {

class FleetPlan {
 public:
  /// `scenario`: a shipped name or a scenario file; `catalogue`: the text of a cell catalogue
  /// (named `origin` in messages), or none for data/fleet/cells.toml. Without `bottom_up`
  /// the plan has no cells and runs the top-down engine (its Monte Carlo samples still split).
  FleetPlan(const Session& session, const std::string& scenario,
            const std::optional<std::string>& catalogue, const std::string& origin,
            bool bottom_up = true);

  const fleet::Scenario& scenario() const { return scenario_; }
  /// The distinct cells, in the order their results are expected by weigh().
  const std::vector<fleet::CellSpec>& cells() const { return physics_.cells; }
  /// The years of the cells at `indices`, in that order (`threads` 0: all cores).
  std::vector<fleet::CellResult> simulate(const std::vector<std::size_t>& indices,
                                          unsigned threads) const;
  /// Takes the years of every cell (in cells() order) and weighs them into units.
  void weigh(std::vector<fleet::CellResult> results);
  bool weighed() const { return weighed_; }
  bool bottom_up() const { return bottom_up_; }

  /// Cell years as bytes (exact: the doubles and floats as they are in memory), for
  /// sending between the processes of one cluster, and back.
  static std::string pack(const std::vector<fleet::CellResult>& results);
  static std::vector<fleet::CellResult> unpack(std::string_view bytes);

  /// The national run on the weighed physics.
  fleet::Results run() const;
  /// Checks a Monte Carlo request as fleet::monte_carlo does (same errors).
  void check_samples(int samples) const;
  /// Values per sample of samples [first, first + count): sample-major, each sample's
  /// groups × indicators × years (SI) in the run's layout.
  std::vector<double> sample_values(std::uint64_t seed, std::size_t first, std::size_t count) const;
  /// The bands of `samples` samples from their values (every sample's, in index order).
  fleet::Bands bands(int samples, std::uint64_t seed, const std::vector<double>& values) const;

 private:
  const Session* session_;
  fleet::Scenario scenario_;
  fleet::ProvinceTable provinces_;
  std::unique_ptr<fleet::CellCatalogue> catalogue_;  // the uses point into it
  fleet::FleetPhysics physics_;
  bool bottom_up_ = true;
  bool weighed_ = false;
  /// The physics the model runs on: none for the top-down engine.
  const fleet::FleetPhysics* physics() const;
};

}  // namespace heatlift::python
