// The typed scenario: everything the stock-flow model needs, in SI, with no TOML in sight.
// Scenario files (data/scenarios/*.toml) are read by scenario_io.hpp into these structs.
//
// Time is counted in calendar years; quantities "per year" are per calendar year. Money
// is in CNY, CO2 in kg, energy in J, power in W, counts in units.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace heatlift::fleet {

/// A value over calendar years: piecewise linear between anchor years, flat outside.
struct Path {
  std::vector<double> years;   ///< strictly increasing (one anchor = a constant)
  std::vector<double> values;  ///< SI values at the anchors
  double at(double year) const;
  static Path constant(double value) { return {{0.0}, {value}}; }
};

enum class EndUse { space_heating, hot_water };
enum class Sector { household, commercial };
std::string_view to_string(EndUse e);  ///< "space_heating" / "hot_water"
std::string_view to_string(Sector s);  ///< "household" / "commercial"

enum class GrowthKind { logistic, cagr, bass };

/// Annual sales after the base year.
struct Growth {
  GrowthKind kind = GrowthKind::logistic;
  // logistic: sales(t) = saturation / (1 + exp(-rate·(t − midpoint)))
  double saturation = 0.0;  ///< units per year
  double midpoint = 0.0;    ///< year
  double rate = 0.0;        ///< 1/a
  // cagr: sales(t) = sales(t−1)·(1 + g) with g of the period containing t
  struct Period {
    int from = 0, to = 0;  ///< inclusive years
    double rate = 0.0;     ///< 1/a
  };
  std::vector<Period> periods;
  // bass: first adoptions m·(F(t) − F(t−1)) from the base year, plus replacement of
  // the year's retirements. F(τ) = (1 − e^{−(p+q)τ}) / (1 + (q/p)·e^{−(p+q)τ}).
  double market = 0.0;  ///< units (cumulative first adopters)
  double p = 0.0;       ///< innovation, 1/a
  double q = 0.0;       ///< imitation, 1/a
};

/// Survival of a unit to age a (years): S(a) = exp(−(a/scale)^shape).
struct Weibull {
  double shape = 3.0;
  double scale = 15.0;  ///< years
  double survival(double age) const;
  double mean() const;  ///< years
};

/// A heat source a heat pump replaces.
struct HeatSource {
  std::string name;
  double emission_factor = 0.0;  ///< kg CO2 per J of fuel (ignored when electric)
  double efficiency = 1.0;       ///< heat out / fuel (or electricity) in
  bool electric = false;         ///< uses the grid factor of the year instead
};

struct Refrigerant {
  std::string name;
  double gwp = 0.0;      ///< kgCO2e per kg (the scenario's GWP basis)
  double hfc_gwp = 0.0;  ///< the part of gwp from Kigali Annex F HFCs (kgCO2e per kg)
};

/// One sub-segment: an end use in one sector.
struct Segment {
  std::string name;  ///< e.g. "sh_household"
  EndUse end_use = EndUse::space_heating;
  Sector sector = Sector::household;

  int history_start = 2018;
  std::vector<double> history_sales;  ///< units per year, history_start .. base year
  int prehistory_start = 2005;        ///< first vintage in the initial stock
  double prehistory_growth = 0.0;     ///< 1/a, back-casts sales before history_start

  Growth growth;
  Path price;          ///< CNY per unit, by sales year
  Path capacity;       ///< W of heating capacity per unit, by vintage
  Weibull lifetime;    ///< survival by age
  Path heat_per_unit;  ///< J per year delivered per unit, by vintage
  Path spf;            ///< seasonal performance factor of the heat pump itself, by vintage
  Path cop_design;     ///< COP at the design (lowest) outdoor temperature, by vintage
  double design_load_share = 1.0;          ///< coincident share of capacity at the winter peak
  Path backup_share;                       ///< share of annual heat from electric back-up, by year
  Path backup_design_share;                ///< share of the design-day heat from back-up, by year
  std::map<std::string, double> replaced;  ///< heat source → share of heat (sums to 1)

  std::map<std::string, Path> refrigerant_mix;  ///< refrigerant → share of new units, by vintage
  Path charge;                                  ///< kg of refrigerant per unit, by vintage
  Path leak_rate;                               ///< share of the bank leaked per year, by year
  Path eol_recovery;              ///< share of the charge recovered when a unit retires, by year
  double design_heat_load = 0.0;  ///< W/m2 of heated floor area (0: no area indicator)
};

/// Action-plan levers; each is optional and named after its block in the file (read by the
/// lever table of scenario_registry.cpp: a new lever is one entry there).
struct Levers {
  struct Efficiency {  ///< new products' SPF and design COP +gain, ramped from..by
    double gain = 0.2;
    int from = 2025, by = 2030;
    std::vector<std::string> segments;  ///< empty: all
  };
  struct Retrofit {  ///< units older than min_age: per year a share retrofitted, a share retired
    int min_age = 10;
    int from = 2025, to = 2060;
    double retrofit_share = 0.0;  ///< 1/a of the not yet retrofitted old units
    double spf_gain = 0.0;        ///< SPF after retrofit = SPF·(1 + spf_gain)
    double retire_share = 0.0;    ///< 1/a of old units retired early and replaced by new ones
    std::vector<std::string> segments;
  };
  struct CoalReplacement {  ///< extra heat pumps replacing coal boilers
    std::string segment;
    int from = 2025, to = 2030;
    double units_per_year = 0.0;
    std::string source = "coal_boiler";
  };
  struct LessBackup {  ///< electric back-up cut to (1 − reduction) of the path by year `by`
    double reduction = 0.5;
    int from = 2025, by = 2030;
    std::vector<std::string> segments;
  };
  struct LowGwp {  ///< new units move to `target` mix; leaks and end-of-life losses fall
    int from = 2025, by = 2035;
    std::map<std::string, double> target;  ///< refrigerant → share of new units
    double leak_rate = -1.0;               ///< 1/a from `by` (<0: unchanged)
    double eol_recovery = -1.0;            ///< from `by` (<0: unchanged)
    std::vector<std::string> segments;
  };
  std::optional<Efficiency> efficiency;
  std::optional<Retrofit> retrofit;
  std::vector<CoalReplacement> coal_replacement;
  std::optional<LessBackup> less_backup;
  std::optional<LowGwp> low_gwp;
  std::optional<Path> grid;        ///< replaces the grid factor path (kg/J)
  std::vector<std::string> names;  ///< names of the levers present, sorted
};

/// The Kigali Amendment's Article 5 Group 1 schedule applied to the fleet's own HFC use.
struct Kigali {
  int baseline_from = 2020, baseline_to = 2022;
  std::vector<int> step_years;     ///< e.g. 2024 (freeze), 2029, 2035, 2040, 2045
  std::vector<double> step_share;  ///< allowed share of the baseline from that year
};

/// A published figure the scenario reproduces (`heatlift roadmap --check`).
struct Target {
  int year = 0;
  std::string end_use;  ///< "space_heating", "hot_water" or "total"
  /// "sales", "market_value", "co2_reduction_gross"; or "market_value_share",
  /// "co2_reduction_gross_share": `segment`'s share of its end use (a fraction; the
  /// tolerance is then in percentage points)
  std::string indicator;
  std::string segment;  ///< for a share: the segment whose share of `end_use` it is
  double value = 0.0;   ///< SI
  double tolerance = 0.03;
  std::string unit;  ///< the unit the figure is printed in
  std::string status;
  bool enforced = true;
};

/// One [[uncertainty]] block: a distribution over one parameter (or one parameter of every
/// segment, `segments.*.<field>`) for Monte Carlo runs (uncertainty.hpp).
struct Uncertainty {
  enum class Distribution { normal, triangular, uniform };
  std::string parameter;  ///< dotted path as written, e.g. "segments.*.heat_per_unit"
  Distribution distribution = Distribution::uniform;
  /// normal: a = mean, b = standard deviation; triangular: a = min, b = mode, c = max;
  /// uniform: a = min, b = max. SI for a scalar parameter; for a path (a value over
  /// years) the sampled value is a factor that multiplies the whole path.
  double a = 0.0, b = 0.0, c = 0.0;
  bool factor = false;  ///< the parameter is a path, the draw multiplies it
  double lo = 0.0;      ///< valid range of the parameter (or of the factor), SI;
  double hi = 0.0;      ///< a normal draw outside it is drawn again
  std::string unit;     ///< the unit the parameters were written in (for display)
  std::string where;    ///< file:line:column of the block
};

/// Factors on every cell of the bottom-up engine (physics.hpp): [cells] in a scenario file,
/// or drawn by [[uncertainty]] `cells.heat` / `cells.efficiency`. The top-down engine does
/// not read them.
struct CellFactors {
  double heat = 1.0;        ///< × every unit's heat demand (and so its sizing and energy)
  double efficiency = 1.0;  ///< × every map's efficiency (its power ÷ this)
};

struct Scenario {
  std::string name;
  std::string title;
  std::string source;  ///< the publication the scenario reproduces
  std::string file;    ///< where it was read from
  int base_year = 2022;
  int end_year = 2060;
  std::vector<int> milestones{2022, 2025, 2030, 2035, 2040, 2045, 2050, 2060};
  Path grid;  ///< kg CO2 per J of electricity, by year
  std::map<std::string, HeatSource> sources;
  std::map<std::string, Refrigerant> refrigerants;
  std::vector<Segment> segments;
  Levers levers;
  Kigali kigali;
  std::vector<Target> targets;
  std::vector<Uncertainty> uncertainty;  ///< [[uncertainty]] blocks, in file order
  CellFactors cells;                     ///< bottom-up engine only
};

/// The national grid factor path the model uses: the `grid` lever's when present, else the
/// scenario's own (kg CO2 per J).
const Path& grid_path(const Scenario& sc);

}  // namespace heatlift::fleet
