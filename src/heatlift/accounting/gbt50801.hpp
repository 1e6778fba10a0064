// GB/T 50801-2013 《可再生能源建筑应用工程评价标准》, heat-pump system evaluation: system
// COP/EER and its grade (级别 1/2/3), conventional energy substituted Q_tr (kgce), CO2/SO2/dust
// avoided, annual saving and static payback.
//
// Confidence: every constant comes from one secondary transcription of the standard
// (PARTIAL, gbt50801.md); the grade boundaries' inclusivity, the rule below grade 3 and the
// electricity-to-coal factor D are UNCONFIRMED. D is therefore an explicit input.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heatlift::core {
class DataStore;
}

namespace heatlift::accounting::gbt50801 {

enum class Mode { heating, cooling };
enum class Energy { electricity, coal, natural_gas };
enum class Application { hot_water, space_heating, heat_driven_cooling };
std::string_view to_string(Energy e);
std::string_view to_string(Application a);

/// The standard's constants, from data/accounting/defaults.toml [gbt50801].
struct Constants {
  double standard_coal_ncv = 0.0;      ///< q, J/kgce
  double co2_per_kgce = 0.0;           ///< V_CO2, kg/kgce
  double so2_per_kgce = 0.0;           ///< V_SO2
  double dust_per_kgce = 0.0;          ///< V_fc
  std::vector<double> heating_grades;  ///< COP thresholds of grades 1, 2, 3 (decreasing)
  std::vector<double> cooling_grades;  ///< EER thresholds of grades 1, 2, 3
  std::map<std::string, double, std::less<>> eta_t;                ///< "<energy>_<application>"
  std::vector<double> eer_t_limits_W;                              ///< chiller capacity limits
  std::vector<double> eer_t_values;                                ///< one more than limits
  std::map<std::string, double, std::less<>> electricity_to_coal;  ///< presets, kgce/J

  static Constants load(const core::DataStore& data);
  /// η_t; throws InvalidInput when the table has no value for the pair.
  double eta(Energy e, Application a) const;
  /// EER_t of the conventional cooling system for a chiller capacity (W).
  double eer_reference(double chiller_capacity_W) const;
  /// A named D preset, kgce/J; throws InvalidInput naming the presets.
  double electricity_to_coal_preset(std::string_view name) const;
};

/// COP_sys (EER_sys) = delivered energy / (heat-pump units' + water pumps' electricity).
/// Throws InvalidInput for non-positive electricity or negative energy.
double system_cop(double delivered_J, double units_electricity_J, double pumps_electricity_J);

/// Grade 1, 2 or 3, or 0 when below grade 3 (no grade); the higher grade wins at a boundary.
int grade(const Constants& k, Mode mode, double cop);

/// Conventional energy substituted and what it avoids, per season or year.
struct Substitution {
  double conventional_kgce = 0.0;  ///< Q_t
  double heat_pump_kgce = 0.0;     ///< Q_r
  double substituted_kgce = 0.0;   ///< Q_tr = Q_t − Q_r (negative when the system uses more)
  double co2_kg = 0.0;             ///< Q_tr × V_CO2
  double so2_kg = 0.0;
  double dust_kg = 0.0;
};

/// Heating: Q_t = Q_H / (η_t q), Q_r = D Q_H / COP_sys. `electricity_to_coal` = D in kgce/J.
Substitution heating_substitution(const Constants& k, double heat_J, double cop_sys, double eta_t,
                                  double electricity_to_coal);
/// Cooling: Q_t = D Q_C / EER_t, Q_r = D Q_C / EER_sys.
Substitution cooling_substitution(const Constants& k, double cooling_J, double eer_sys,
                                  double eer_t, double electricity_to_coal);
/// Sum of two seasons.
Substitution operator+(const Substitution& a, const Substitution& b);

/// Annual saving C_s = P · Q_tr · q − M (P = price of the conventional energy per J of its
/// heating value, M = extra yearly O&M), and static payback N = C / C_s.
struct Payoff {
  double annual_saving_cny = 0.0;
  std::optional<double> payback_years;  ///< nullopt = never (C_s ≤ 0)
};
Payoff payoff(const Constants& k, const Substitution& s, double price_per_J, double extra_om_cny,
              double incremental_cost_cny);

}  // namespace heatlift::accounting::gbt50801
