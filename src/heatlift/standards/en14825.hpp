// EN 14825 seasonal space-heating performance by the bin method: SCOP, SCOPon, SCOPnet
// and ηs from a HeatingPerformance (declared test points or a performance map), with
// the bivalent point, the operation limit, the back-up heater, cycling degradation and
// the off-mode, thermostat-off, standby and crankcase powers.
//
// Method (EN 14825:2018 §8 and Annex H, as transcribed, C2): the unit is asked for its
// capacity Pdh and COPd at the standard's conditions A-D that lie in the climate's season
// and at TOL and Tbiv; where Pdh exceeds the part load Ph = Pdesignh·pl(Tj) the COP is
// degraded for cycling there (CR = Ph/Pdh, COP·CR/(Cd·CR + 1 − Cd); air-to-air units
// COP·(1 − Cd·(1 − CR)), UNCONFIRMED for EN 14825); Pdh and the
// corrected COP are interpolated linearly between conditions (held beyond the first and
// last); wherever Pdh < Ph (below Tbiv, or a declared capacity that falls short at or above
// it, which is warned about) the back-up heater (COP 1) covers Ph − Pdh, below TOL all of Ph.
// Each test point may carry its own Cdh; the product's cd, then the unit type's default,
// apply where it does not.
// SCOP = QH / (QH/SCOPon + HTO·PTO + HSB·PSB + HCK·PCK + HOFF·POFF), QH = Pdesignh·HHE;
// the hours are a heating-only unit's, or a reversible unit's when it is declared so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "heatlift/standards/performance.hpp"
#include "heatlift/standards/tables.hpp"

namespace heatlift::standards {

enum class UnitType { air_to_water, air_to_air, water_to_water, brine_to_water };

/// How a unit meets a load below its full capacity, as EN 14825 tells units apart:
/// `fixed` (on/off) runs at its full capacity Pdh(Tj) and cycles whenever that exceeds the
/// part load, so the cycling loss is taken in every bin from that bin's CR = Ph/Pdh;
/// `staged` and `variable` are tested at the part load itself (the stage or speed that
/// meets it), so a declared point is the COP at the part load, degraded for cycling only
/// where the declared capacity (its lowest stage or speed) still exceeds the load, and
/// those COPs are interpolated between the conditions (docs/rating.md).
enum class CapacityControl { fixed, staged, variable };

/// The application a rating is for (Reg. (EU) 813/2013 Annex I: low-temperature 35 °C,
/// medium-temperature 55 °C): a product declares each with its own design load, Tbiv, TOL
/// and points. "" when the product does not say.
std::string_view application_text(std::string_view application);
/// "low" or "medium" (or "35 C"/"55 C"); throws InvalidInput naming `field` otherwise.
std::string parse_application(std::string_view text, std::string_view field);
std::string_view to_string(UnitType t);
UnitType parse_unit_type(std::string_view text, std::string_view field);
std::string_view to_string(CapacityControl c);
/// "fixed" (also "on/off", "on_off"), "staged" or "variable"; throws InvalidInput naming
/// `field` otherwise.
CapacityControl parse_capacity_control(std::string_view text, std::string_view field);

struct En14825Input {
  std::string climate = "average";
  std::string application;  ///< "low" (35 °C), "medium" (55 °C) or "" (not stated)
  UnitType unit_type = UnitType::air_to_water;
  CapacityControl capacity_control = CapacityControl::variable;
  double design_load = 0.0;  ///< Pdesignh, W
  double t_biv = 0.0;        ///< bivalent temperature, K
  double tol = 0.0;          ///< operation limit temperature, K
  std::optional<double> cd;  ///< cycling degradation coefficient; default by unit type
  double p_off = 0.0, p_to = 0.0, p_sb = 0.0, p_ck = 0.0;  ///< W
  /// Heating and cooling: the off-mode hours of a reversible unit (HOFF = 0, HCK = HTO,
  /// Reg. 206/2012 Annex II Table 4) instead of a heating-only unit's.
  bool reversible = false;
  std::string field = "en14825";  ///< names the input in errors
};

struct BinResult {
  double t = 0.0;      ///< Tj, K
  double hours = 0.0;  ///< h
  double part_load = 0.0;
  double load = 0.0;      ///< Ph, W
  double capacity = 0.0;  ///< Pdh, W (0 below TOL)
  double cop = 0.0;       ///< COPbin after cycling degradation (0 below TOL)
  double backup = 0.0;    ///< elbu, W
  double power = 0.0;     ///< electric power incl. back-up, W
  Validity validity = Validity::inside;
};

/// One off-mode term of SCOP = QH / (QH/SCOPon + HTO·PTO + HSB·PSB + HCK·PCK + HOFF·POFF).
struct OffModeTerm {
  std::string mode;     ///< "TO" thermostat-off, "SB" standby, "CK" crankcase heater, "OFF"
  double hours = 0.0;   ///< H, h per year (the climate's)
  double power = 0.0;   ///< P, W (the product's)
  double energy = 0.0;  ///< H·P, J per year
};

struct ConditionResult {
  std::string name;  ///< "A", "B", ..., "TOL", "Tbiv"
  double t = 0.0;    ///< K
  double load = 0.0, capacity = 0.0, cop_declared = 0.0, cop_corrected = 0.0;
  double backup = 0.0;       ///< Ph − Pdh where the capacity falls short, W
  double cd = 0.0;           ///< the cycling coefficient applied at this condition
  bool cd_declared = false;  ///< true: the point's own Cdh
};

struct En14825Result {
  std::string standard;  ///< "EN 14825:2018"
  std::string climate;
  std::string application;             ///< as declared: "low", "medium" or ""
  double t_design = 0.0;               ///< K
  double hhe = 0.0;                    ///< legal equivalent hours, h
  double hhe_bins = 0.0;               ///< Σ h_j·pl(T_j), h
  double qh = 0.0;                     ///< reference annual heating demand, J
  double electricity = 0.0;            ///< annual electricity incl. off modes, J
  double backup_heat = 0.0;            ///< heat from the back-up heater over the bins, J
  std::vector<OffModeTerm> off_modes;  ///< TO, SB, CK, OFF, each H·P
  double off_mode_energy = 0.0;        ///< Σ H·P, J per year
  Confidence off_hours_confidence = Confidence::unconfirmed;
  std::string off_mode_clause;  ///< the formula and where the hours come from
  double scop = 0.0, scop_on = 0.0, scop_net = 0.0;
  double eta_s = 0.0;  ///< seasonal space-heating energy efficiency, fraction
  double cd = 0.0;
  Confidence cd_confidence = Confidence::unconfirmed;
  bool cd_default = false;
  CapacityControl capacity_control = CapacityControl::variable;
  std::string part_load_clause;  ///< how the part-load COP was found, for this control
  double cc = 0.0;
  int extrapolated_bins = 0;  ///< bins beyond the first or last condition (values held)
  std::vector<ConditionResult> conditions;
  std::vector<BinResult> bins;
  Confidence confidence = Confidence::unconfirmed;  ///< weakest number the result used
  std::string clause;
  /// What the rating had to make up for, in words: a declared capacity at or above Tbiv
  /// below the part load (the back-up heater, COP 1, covers the deficit).
  std::vector<std::string> warnings;
};

/// Σ h_j·pl(T_j) over a climate's bins: the equivalent active-mode hours.
double equivalent_hours(const Climate& climate);

/// The outdoor temperatures at which `input` must have a declared point, with their names.
std::vector<std::pair<std::string, double>> required_conditions(const En14825Data& data,
                                                                const En14825Input& input);

/// Throws InvalidInput naming the field for inconsistent input: a design load <= 0,
/// TOL above Tbiv, a COP <= 0. A capacity at or above Tbiv that does not cover the load is
/// rated with the back-up heater covering the deficit (as in every bin) and warned about.
En14825Result rate_en14825(const En14825Data& data, const En14825Input& input,
                           const HeatingPerformance& unit);

}  // namespace heatlift::standards
