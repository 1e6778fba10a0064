// Vapour-compression cycles of the action plan, solved from real properties: what a user
// specifies (CycleSpec), what the solver answers (CycleResult), and the solver itself.
//
// Two ways to fix the pressure levels:
//   - refrigerant side: evaporating (dew) and condensing (bubble) temperatures, or the
//     gas-cooler outlet temperature and pressure of a transcritical cycle;
//   - secondary side: source and sink streams with their inlet and outlet temperatures
//     and a minimum approach temperature; the solver finds the levels at which the
//     discretised exchangers just reach their pinch.
// The size comes from a heating capacity, or from the compressor's displacement and speed
// (then the capacity is a result).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "heatlift/core/small_vector.hpp"
#include "heatlift/cycles/compressor.hpp"
#include "heatlift/cycles/heat_exchanger.hpp"
#include "heatlift/cycles/working_fluid.hpp"

namespace heatlift::cycles {

enum class Topology {
  single_stage,     ///< with or without an internal heat exchanger
  vapor_injection,  ///< EVI: economiser and injection at an intermediate pressure
  two_stage,        ///< two compressors, flash-tank intercooling
  cascade,          ///< two fluids, a cascade heat exchanger between them
  transcritical,    ///< CO2 gas cooler; pressure for maximum COP unless given
  one_pass,         ///< transcritical water heater: cold water heated in one pass
  mvr,              ///< open mechanical vapour recompression of steam, water injection
};

std::string_view to_string(Topology t);
Topology topology_from(std::string_view name);

struct CycleSpec {
  Topology topology = Topology::single_stage;
  std::string fluid;       ///< the (low-stage) refrigerant
  std::string fluid_high;  ///< cascade: the high-stage refrigerant
  fluids::Backend backend = fluids::Backend::fast;

  // Refrigerant-side levels (used where the matching stream is absent).
  std::optional<double> T_evap;    ///< K, dew point at the evaporator outlet pressure
  std::optional<double> T_cond;    ///< K, bubble point at the condenser pressure
  std::optional<double> T_gc_out;  ///< K, transcritical gas-cooler outlet
  std::optional<double> p_high;    ///< Pa, transcritical gas-cooler pressure (else optimal)
  double superheat = 5.0;          ///< K at the evaporator outlet
  double subcooling = 3.0;         ///< K at the condenser outlet

  // Secondary side.
  std::optional<Stream> source;
  std::optional<Stream> sink;

  // Size.
  std::optional<double> heating_capacity;  ///< W; else from the compressor
  Compressor compressor;                   ///< the (low-stage) compressor
  Compressor compressor_high;              ///< two-stage, cascade: the high stage

  double ihx_effectiveness = 0.0;  ///< internal heat exchanger, 0 = none

  // Intermediate level (EVI, two-stage): saturation temperature, else from the geometric
  // mean of the pressures.
  std::optional<double> T_intermediate;
  double economiser_approach = 5.0;         ///< K, EVI: liquid leaves this far above T_intermediate
  double injection_superheat = 0.0;         ///< K, EVI: injected vapour superheat
  std::optional<double> injection_quality;  ///< EVI: wet injection at this quality instead

  // Cascade: low-stage condensing temperature (else optimal) and the exchanger's approach.
  std::optional<double> T_cascade;
  double cascade_approach = 5.0;  ///< K

  // Pressure drops: suction line and discharge line, Pa.
  double dp_suction = 0.0;
  double dp_discharge = 0.0;

  // MVR: inlet steam saturated at T_evap (waste heat), outlet saturated at T_cond, in
  // `stages` stages with equal pressure ratios; after each stage water at T_water
  // desuperheats the vapour to `mvr_superheat` above saturation.
  int stages = 1;
  double T_water = 293.15;
  double mvr_superheat = 0.0;

  double auxiliary_power = 0.0;  ///< W: fans, pumps
};

/// A state point of the cycle. Labels are static text; `prefix` names the stage where a
/// cycle has several ("L"/"H" for a cascade's stages, "1".."6" for MVR stages).
struct Node {
  std::string_view prefix;
  std::string_view label;  ///< "1 evaporator outlet", "2 compressor discharge" ...
  int fluid = 0;           ///< index into CycleResult::fluids
  State state;
  double m_dot = 0.0;  ///< kg/s
  std::string name() const { return std::string(prefix) + std::string(label); }
};

struct ComponentEntropy {
  std::string_view prefix;
  std::string_view component;
  double generated = 0.0;  ///< W/K, ≥ 0 by the second law
  std::string name() const {
    return prefix.empty() ? std::string(component)
                          : std::string(prefix) + " " + std::string(component);
  }
};

// The lists hold a simple cycle inline (no allocation per solve) and grow beyond it.
struct CycleResult {
  Topology topology = Topology::single_stage;
  core::SmallVector<std::string, 2> fluids;
  core::SmallVector<Node, 10> nodes;
  double heating = 0.0;              ///< W delivered to the sink
  double source_heat = 0.0;          ///< W taken from the source
  double compressor_shaft = 0.0;     ///< W, all compressors
  double compressor_electric = 0.0;  ///< W, all compressors incl. motor and inverter
  double auxiliary = 0.0;            ///< W
  double cop = 0.0;                  ///< heating / (compressor electric + auxiliary)
  double cop_carnot = 0.0;
  double cop_lorenz = 0.0;
  double eta_carnot = 0.0;      ///< cop / cop_carnot
  double eta_lorenz = 0.0;      ///< cop / cop_lorenz
  double T_discharge = 0.0;     ///< K, highest compressor outlet
  double pressure_ratio = 0.0;  ///< overall high / low pressure
  double p_low = 0.0;
  double p_high = 0.0;
  double T_evap = 0.0;  ///< K, dew point at the evaporator (MVR: inlet saturation)
  double T_high = 0.0;  ///< K, condensing bubble point or gas-cooler outlet
  double volumetric_heating_capacity = 0.0;  ///< J/m³ of suction volume
  double suction_volume_flow = 0.0;          ///< m³/s
  double energy_balance = 0.0;               ///< |Q_heat − Q_source − W_shaft| / Q_heat
  core::SmallVector<ComponentEntropy, 8> entropy;
  /// Processes between nodes in flow order (indices into `nodes`), for diagrams.
  core::SmallVector<std::pair<int, int>, 12> edges;
  std::optional<PinchResult> source_pinch;
  std::optional<PinchResult> sink_pinch;
  std::vector<std::string> notes;  ///< choices the solver made (optimal pressure ...)
};

class CycleSolver {
 public:
  explicit CycleSolver(const fluids::FluidLibrary& library) : library_(library) {}
  /// Solves a cycle; throws InvalidInput / OutOfRange with the reason when the request
  /// is infeasible (sink above the critical temperature of a subcritical cycle, no
  /// pinch-feasible levels, discharge above the compressor's limit).
  CycleResult solve(const CycleSpec& spec) const;
  /// The same with the fluids given (spec.fluid and spec.fluid_high are not looked up).
  static CycleResult solve(const CycleSpec& spec, const WorkingFluid& fluid,
                           const WorkingFluid* fluid_high = nullptr);

 private:
  const fluids::FluidLibrary& library_;
};

/// Published correlations of the optimal gas-cooler pressure of a transcritical CO2
/// cycle, Pa, from the gas-cooler outlet and evaporating temperatures (K).
/// Liao, Zhao & Jakobsen (2000), Applied Thermal Engineering 20(9):831–841.
double co2_optimal_pressure_liao(double T_gc_out, double T_evap);
/// Sarkar, Bhattacharyya & Ram Gopal (2004), Int. J. Refrigeration 27(8):830–838.
double co2_optimal_pressure_sarkar(double T_gc_out, double T_evap);

}  // namespace heatlift::cycles
