// Carbon: grid CO2 factors (national, regional grid, province; one year or a path to 2060),
// CO2 of electricity, refrigerant leakage and end-of-life losses, TEWI.
//
// SI inside: emission factors in kg CO2 per J, energies in J, masses in kg.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "heatlift/fluids/refrigerants.hpp"

namespace heatlift::core {
class DataStore;
}

namespace heatlift::accounting {

/// Where a grid factor comes from (the [carbon] block of a site file).
struct GridSpec {
  /// "national", a grid region of data/regions/grids.csv ("north", "华北", "North") or a
  /// province of provinces.csv (ISO code "CN-HE", "河北", "Hebei").
  std::string area = "national";
  /// Data year of the announced factor; the latest the data holds when absent.
  std::optional<int> year;
  /// A scenario (data/scenarios/<name>.toml) whose national grid path to follow year by year.
  std::optional<std::string> path;
  /// An explicit factor, kg/J; excludes area, year and path.
  std::optional<double> factor;
};

/// One area the grid data knows.
struct GridArea {
  std::string id;                               ///< "national", region id or ISO province code
  std::string kind;                             ///< "national", "region" or "province"
  std::string name_zh;                          ///< e.g. "华北"
  std::string name_en;                          ///< e.g. "North"
  std::string region;                           ///< the grid region (provinces) or the id itself
  std::vector<std::pair<int, double>> factors;  ///< (data year, kg/J), increasing years
  std::string basis;  ///< provinces: "province" (own factor) or "region" (its grid's)
};

/// All areas of data/regions/grids.csv and provinces.csv.
std::vector<GridArea> grid_areas(const core::DataStore& data);
/// The area named by id, Chinese or English name (case-insensitive); throws InvalidInput
/// listing the known ones.
GridArea find_grid_area(const core::DataStore& data, std::string_view name);

/// The national grid path of a scenario file (following `extends`): years and kg/J.
std::pair<std::vector<int>, std::vector<double>> scenario_grid_path(const core::DataStore& data,
                                                                    std::string_view scenario);

/// A grid CO2 factor by calendar year: constant, or piecewise linear between the years of
/// a path and flat outside them.
class GridFactor {
 public:
  /// A constant factor; `data_year` is the year it was announced for (0 when none).
  static GridFactor constant(double kg_per_J, std::string label, int data_year = 0);
  /// Throws InvalidInput on empty, unsorted or negative paths.
  static GridFactor path(std::vector<int> years, std::vector<double> kg_per_J, std::string label);
  /// Resolves a spec against the data. A path for a region or province is the national path
  /// scaled by the area's factor over the national path in the area's data year (assumption,
  /// docs/accounting.md).
  static GridFactor from_spec(const GridSpec& spec, const core::DataStore& data);

  /// kg CO2 per J of electricity in `year`.
  double at(int year) const;
  double kg_per_kwh(int year) const;
  bool is_path() const { return years_.size() > 1; }
  const std::string& label() const { return label_; }
  const std::vector<int>& years() const { return years_; }
  const std::vector<double>& values() const { return values_; }

 private:
  std::vector<int> years_;
  std::vector<double> values_;
  std::string label_;
};

/// kg CO2 of `energy_J` of electricity used in `year`.
double co2_of_electricity(const GridFactor& grid, int year, double energy_J);

/// kg CO2 of an hourly series (J per hour) used in `year`: Σ E_h × β(year).
double co2_of_hourly_electricity(const GridFactor& grid, int year,
                                 std::span<const double> hourly_J);

struct YearlyCo2 {
  std::vector<double> kg_by_year;  ///< one entry per input year
  double total_kg = 0.0;
};
/// kg CO2 of electricity used in consecutive years starting at `start_year`.
YearlyCo2 co2_of_electricity(const GridFactor& grid, int start_year,
                             std::span<const double> energy_J_by_year);

// ---- refrigerant -------------------------------------------------------------------

/// GWP100 (kg CO2e per kg) of a refrigerant from data/refrigerants/gwp.csv (read by
/// fluids::GwpTable), by ASHRAE designation in any spelling ("R-32", "r32", "R1234ze_E") or
/// the common name of a natural refrigerant ("Water", "CO2", "Propane"). Throws DataMissing
/// when the refrigerant is unknown or the basis has no value for it.
double gwp(const core::DataStore& data, std::string_view refrigerant, fluids::GwpBasis basis);

/// A heat pump's refrigerant and how it is lost.
struct RefrigerantUse {
  std::string refrigerant;  ///< e.g. "R32"
  double charge_kg = 0.0;   ///< kg
  double gwp = 0.0;         ///< kg CO2e per kg
  double leak_rate = 0.0;   ///< fraction of the charge lost per year, 1/a
  double eol_loss = 0.0;    ///< fraction of the charge lost at end of life
};

/// kg CO2e leaked per year: charge × leak_rate × GWP.
double annual_leakage_co2e(const RefrigerantUse& r);
/// kg CO2e lost at end of life: charge × eol_loss × GWP.
double end_of_life_co2e(const RefrigerantUse& r);

/// Total equivalent warming impact over a lifetime, kg CO2e.
struct Tewi {
  double leakage_kg = 0.0;      ///< lifetime × annual leakage
  double end_of_life_kg = 0.0;  ///< end-of-life loss
  double direct_kg = 0.0;       ///< leakage + end of life
  double indirect_kg = 0.0;     ///< Σ electricity × grid factor of each year
  double total_kg = 0.0;
  std::vector<double> indirect_by_year_kg;
  int start_year = 0;
  int lifetime_years = 0;
};

/// TEWI = n·m·L·GWP + m·α·GWP + Σ_y E·β(y), y = start_year ... start_year + n − 1.
/// Throws InvalidInput for a negative energy or a lifetime below 1 year.
Tewi tewi(const RefrigerantUse& r, double annual_electricity_J, int lifetime_years,
          const GridFactor& grid, int start_year);

}  // namespace heatlift::accounting
