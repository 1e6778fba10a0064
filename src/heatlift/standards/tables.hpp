// The standards as data (data/standards/*.toml): grade tables, the EN 14825 reference
// heating seasons, the IPLV weights and the action plan's 2030 target, each number with
// its clause and the confidence of its source. Typed structs, SI inside; only
// tables_io.cpp reads the files.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "heatlift/core/data_store.hpp"

namespace heatlift::standards {

/// How sure a number is (the fact sheet's legend): C1 primary text, C2 secondary source
/// citing the primary, PARTIAL one secondary source or part of a table, UNCONFIRMED not found.
enum class Confidence { c1, c2, partial, unconfirmed };
std::string_view to_string(Confidence c);
/// "C1", "C2", "PARTIAL", "UNCONFIRMED"; nullopt otherwise.
std::optional<Confidence> parse_confidence(std::string_view text);
/// "C1", "C2", "PARTIAL", "UNCONFIRMED": what parse_confidence accepts, strongest first.
const std::vector<std::string_view>& confidence_names();
/// The weaker of two confidences.
Confidence weakest(Confidence a, Confidence b);

/// The standards heatlift rates by. Adding one is an enumerator here and its row in
/// kStandards (tables.cpp): the CLI's --standard values, the sections a product may
/// declare and the data files loaded all come from that row.
enum class StandardId { gb19577, gb29541, gb21455, gb21454, en14825 };

struct StandardInfo {
  StandardId id;
  std::string_view key;        ///< "gb19577": the --standard value and the PRODUCT.toml section
  std::string_view name;       ///< "GB 19577-2024", as the shipped data file's `standard`
  std::string_view data_file;  ///< "standards/gb19577-2024.toml"
  bool graded;                 ///< grade tables (parse_grade_tables); else EN 14825's own reader
};

/// Every standard, in enum order (the order a product's declarations are read in).
std::span<const StandardInfo> standard_list();
const StandardInfo& standard_info(StandardId id);
/// Every standard's id, in enum order.
const std::vector<StandardId>& all_standards();
/// "gb19577", ... (the CLI's --standard values).
std::string_view to_string(StandardId id);
/// Throws InvalidInput naming `field`, the value and the choices.
StandardId parse_standard(std::string_view text, std::string_view field);
/// Every standard in one phrase, "A, B, C or D", each written by `pattern` with {0} the key,
/// {1} the name and {2} the data file: "[{0}]" gives "[gb19577], [gb29541], ... or [en14825]".
std::string list_standards(std::string_view pattern, std::string_view last_joiner = " or ");

enum class CapacityBasis { heating, cooling };
std::string_view to_string(CapacityBasis b);

/// A capacity band such as "300 kW < CC <= 528 kW"; an absent bound is open.
struct CapacityBand {
  CapacityBasis basis = CapacityBasis::heating;
  std::optional<double> lower;  ///< W
  bool lower_inclusive = false;
  std::optional<double> upper;  ///< W
  bool upper_inclusive = true;
  bool contains(double capacity_W) const;
  std::string describe() const;  ///< e.g. "300 kW < cooling capacity <= 528 kW"
};

/// An extra minimum: reaching grade g needs `metric` >= `value` for every gate with
/// grade >= g (a gate on the lowest grade binds them all).
struct Gate {
  std::string metric;
  int grade = 0;
  double value = 0.0;
};

/// One row group of a standard's grade table: which products it covers and its thresholds.
struct GradeTable {
  std::string id;        ///< e.g. "t3.le35.floor"
  std::string clause;    ///< e.g. "表3 (PDF p.10)"
  std::string category;  ///< product category, e.g. "low_ambient_ashp"
  /// Selector key -> accepted values (e.g. terminal -> {floor}).
  std::vector<std::pair<std::string, std::vector<std::string>>> match;
  CapacityBand capacity;
  std::string metric;              ///< e.g. "HSPF"
  std::vector<double> thresholds;  ///< grade 1 first; empty when the values were not found
  std::vector<Gate> gates;
  Confidence confidence = Confidence::unconfirmed;
  std::string note;
};

struct StandardTables {
  StandardId id = StandardId::gb19577;
  std::string standard;  ///< "GB 19577-2024"
  std::string title;     ///< "热泵和冷水机组能效限定值及能效等级"
  std::string source;
  std::string file;  ///< data path, e.g. "standards/gb19577-2024.toml"
  int grades = 0;    ///< number of grades; the last is the limit (能效限定值)
  std::vector<GradeTable> tables;
  std::optional<double> cycling_cd;  ///< GB 21455 CD
  std::string cycling_cd_clause;
  Confidence cycling_cd_confidence = Confidence::unconfirmed;
};

/// A number with where it comes from.
struct Sourced {
  double value = 0.0;
  Confidence confidence = Confidence::unconfirmed;
};

struct Climate {
  std::string name;  ///< "average", "colder", "warmer"
  std::string city;
  double t_design = 0.0;  ///< Tdesignh, K
  Confidence t_design_confidence = Confidence::unconfirmed;
  double hhe = 0.0;  ///< equivalent active-mode hours, h
  Confidence hhe_confidence = Confidence::unconfirmed;
  std::string hhe_clause;
  double hhe_air_to_air = 0.0;  ///< an air conditioner's equivalent hours (Reg. 206/2012), h
  std::string hhe_air_to_air_clause;
  double h_off = 0.0, h_to = 0.0, h_sb = 0.0, h_ck = 0.0;  ///< heating-only unit, h
  Confidence off_hours_confidence = Confidence::unconfirmed;
  /// The same hours for a reversible unit (heating and cooling), h.
  double h_off_reversible = 0.0, h_to_reversible = 0.0, h_sb_reversible = 0.0,
         h_ck_reversible = 0.0;
  Confidence off_hours_reversible_confidence = Confidence::unconfirmed;
  std::vector<std::pair<double, double>> bins;  ///< (Tj in K, hours), increasing Tj
  Confidence bins_confidence = Confidence::unconfirmed;
  std::string bins_clause;
};

struct En14825Data {
  std::string standard;  ///< "EN 14825:2018"
  std::string source;
  std::vector<Climate> climates;
  std::vector<std::pair<std::string, double>> conditions;  ///< (name, outdoor T in K)
  std::string part_load_clause, cycling_clause, efficiency_clause;
  std::string reversible_clause;  ///< where a reversible unit's off-mode hours come from
  Confidence part_load_confidence = Confidence::unconfirmed;
  Confidence cycling_confidence = Confidence::unconfirmed;
  Sourced cd_air_to_water, cd_air_to_air;
  Confidence air_to_air_formula_confidence = Confidence::unconfirmed;
  Sourced cc, f1, f2_water_source;
  std::string cc_note;
  const Climate& climate(std::string_view name, std::string_view field) const;
};

struct IplvData {
  std::string clause;
  std::string source;
  std::vector<double> load_points;  ///< fractions of full load, 1 first
  std::vector<double> weights;
  Confidence load_points_confidence = Confidence::unconfirmed;
  Confidence weights_confidence = Confidence::unconfirmed;
};

/// The action plan's efficiency target for key heat-pump products.
struct EfficiencyTarget {
  int year = 2030;
  double improvement = 0.20;  ///< fraction over the baseline
  std::string text;           ///< the plan's wording
  std::string source;
  Confidence confidence = Confidence::unconfirmed;
};

/// Every standard's data, loaded once per run and shared read-only.
struct StandardsLibrary {
  std::vector<StandardTables> standards;  ///< every graded standard
  En14825Data en14825;
  IplvData iplv;
  EfficiencyTarget target;

  /// Reads data/standards/ from the store. Throws InvalidInput at file:line:column.
  static StandardsLibrary load(const core::DataStore& data);
  /// The grade tables of a standard; throws DataMissing for EN 14825 (no grades).
  const StandardTables& tables(StandardId id) const;
};

/// Parses one grade-table file; `file` names it in error messages.
StandardTables parse_grade_tables(std::string_view text, std::string_view file);
En14825Data parse_en14825(std::string_view text, std::string_view file);

}  // namespace heatlift::standards
