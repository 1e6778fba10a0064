// Compressors: isentropic and volumetric efficiency as functions of pressure ratio and
// speed (default curves per type), or the AHRI 540 ten-coefficient polynomials for mass
// flow and power; motor and inverter efficiency.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace heatlift::cycles {

enum class CompressorType { rolling_piston, scroll, screw, centrifugal };

std::string_view to_string(CompressorType type);
/// "rolling_piston", "scroll", "screw", "centrifugal"; throws InvalidInput otherwise.
CompressorType compressor_type_from(std::string_view name);

/// Shape of the default efficiency curves (docs/cycles.md gives the values per type):
///   η_is(π, x) = η_max · (1 − k_π · ln²(π / π_opt)) · (1 − k_x · (x − x_opt)²)
///   η_v(π, x)  = 1 − c · (π^(1/n) − 1) − leak · (1/x − 1)
/// π the pressure ratio, x the speed as a fraction of nominal. The first is the usual
/// loss of a fixed built-in volume ratio away from its design ratio (under- and
/// over-compression); the second the re-expansion of the clearance volume plus a
/// leakage that weighs more at low speed.
struct EfficiencyCurves {
  double eta_max = 0.70;
  double pi_opt = 3.0;
  double k_pi = 0.10;
  double x_opt = 0.6;
  double k_x = 0.25;
  double clearance = 0.04;
  double n_poly = 1.1;
  double leak = 0.01;
};

/// Default curves for a compressor type.
EfficiencyCurves default_curves(CompressorType type);

/// AHRI 540 polynomials X = C1 + C2 S + C3 D + C4 S² + C5 S D + C6 D² + C7 S³ + C8 D S²
/// + C9 S D² + C10 D³ with S the suction and D the discharge dew-point temperature in °C
/// (the EN 12900 form); mass flow in kg/s and power in W at the rating's suction
/// condition. The mass flow is corrected to the actual suction density by
/// m = (1 + F_v (ρ_actual/ρ_rated − 1)) m_rated, F_v = 0.75 (AHRI 540).
struct Ahri540 {
  std::array<double, 10> mass_flow{};  ///< kg/s
  std::array<double, 10> power{};      ///< W
  double rated_superheat = 11.1;       ///< K (20 °F, the AHRI 540 rating)
  double F_v = 0.75;
  double evaluate_mass_flow(double S_C, double D_C) const;
  double evaluate_power(double S_C, double D_C) const;
};

struct Compressor {
  CompressorType type = CompressorType::rolling_piston;
  EfficiencyCurves curves = default_curves(CompressorType::rolling_piston);
  std::optional<double> eta_isentropic;  ///< fixed value overriding the curve
  std::optional<double> eta_volumetric;  ///< fixed value overriding the curve
  double displacement = 0.0;             ///< m³ per revolution (0: not sized)
  double speed_nominal = 0.0;            ///< rev/s at x = 1
  double speed_fraction = 1.0;           ///< x
  double motor_efficiency = 1.0;
  double inverter_efficiency = 1.0;
  double T_discharge_max = 423.15;  ///< K
  std::optional<Ahri540> ahri540;

  double isentropic(double pressure_ratio) const;
  double volumetric(double pressure_ratio) const;
  /// Swept volume flow at the current speed, m³/s.
  double swept_volume_flow() const { return displacement * speed_nominal * speed_fraction; }
  /// Electric power for a shaft power.
  double electric(double shaft) const { return shaft / (motor_efficiency * inverter_efficiency); }
  bool sized() const { return displacement > 0.0 && speed_nominal > 0.0; }
};

}  // namespace heatlift::cycles
