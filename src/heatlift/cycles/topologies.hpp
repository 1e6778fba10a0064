// Internal to the cycle solver: the cycle at fixed levels, one function per topology
// (topologies.cpp). solver.cpp fixes the levels, from the refrigerant-side specification or
// from the secondary streams' pinch, and sizes the flows.
#pragma once

#include <optional>

#include "heatlift/cycles/cycle.hpp"

namespace heatlift::cycles::detail {

/// What one evaluation at fixed levels produces, before sizing: specific quantities per
/// kg of the flow through the evaporator (the "base" flow) and the exchanger paths.
struct Eval {
  CycleResult r;  // nodes with m_dot per kg/s of base flow; duties per kg/s of base flow
  std::optional<HxPath> source_path;
  std::optional<HxPath> sink_path;
  double base_per_suction = 1.0;  // base flow per kg/s through the (low) compressor
  State suction;                  // (low-stage) compressor inlet
  double pr_low = 1.0;            // pressure ratio of the (low-stage) compressor
  double p_mid = 0.0;             // EVI, two-stage: intermediate pressure
  double T_mid = 0.0;             // EVI: intermediate saturation; cascade: low-stage condensing
  double ratio = 0.0;  // EVI: injected per suction flow; two-stage: flash gas; MVR: water
};

/// Starting points carried between the evaluations of one solve (results never depend
/// on them beyond the iterations' tolerance).
struct Hints {
  std::optional<double> h_gc_out;
};

/// Single stage, with the internal heat exchanger and pressure drops the spec gives.
Eval eval_single(const WorkingFluid& f, const CycleSpec& spec, double T_evap, double T_cond);
/// Vapour injection through an economiser at the intermediate saturation temperature.
Eval eval_evi(const WorkingFluid& f, const CycleSpec& spec, double T_evap, double T_cond);
/// Two stages with an open flash intercooler; p_mid_override replaces the intermediate
/// pressure the spec implies.
Eval eval_two_stage(const WorkingFluid& f, const CycleSpec& spec, double T_evap, double T_cond,
                    std::optional<double> p_mid_override);
/// Two simple loops, the low one (fluid lo) condensing at T_casc in the cascade exchanger.
Eval eval_cascade(const WorkingFluid& lo, const WorkingFluid& hi, const CycleSpec& spec,
                  double T_evap, double T_cond, double T_casc);
/// Transcritical (and one-pass): gas cooler at p_gc, leaving at T_gc_out.
Eval eval_transcritical(const WorkingFluid& f, const CycleSpec& spec, double T_evap,
                        double T_gc_out, double p_gc, Hints* hints);
/// Mechanical vapour recompression of steam in spec.stages stages, desuperheated by water.
Eval eval_mvr(const WorkingFluid& f, const CycleSpec& spec, double T_in, double T_out);

}  // namespace heatlift::cycles::detail
