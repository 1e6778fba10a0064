#include "heatlift/cycles/cycle_io.hpp"

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::cycles {
namespace {

using core::ConfigTable;
using core::Dimension;
using core::Range;

const Range kAbsolute{1.0, 2000.0, "above 0 K"};
const Range kDifference{0.0, 200.0, "0 to 200 K"};
const Range kPositive{1e-12, HUGE_VAL, "above zero"};
const Range kEfficiency{0.01, 1.0, "a fraction above 0 and at most 1"};

Compressor read_compressor(ConfigTable t) {
  Compressor c;
  c.type = CompressorType::rolling_piston;
  if (t.has("type")) {
    try {
      c.type = compressor_type_from(t.string("type"));
    } catch (const Error& e) {
      t.fail("type", e.what());
    }
  }
  c.curves = default_curves(c.type);
  if (auto cv = t.optional_table("curves")) {
    EfficiencyCurves& k = c.curves;
    k.eta_max = cv->number_or("eta_max", k.eta_max, kEfficiency);
    k.pi_opt = cv->number_or("pi_opt", k.pi_opt, {1.0, 100.0});
    k.k_pi = cv->number_or("k_pi", k.k_pi, {0.0, 10.0});
    k.x_opt = cv->number_or("x_opt", k.x_opt, {0.0, 2.0});
    k.k_x = cv->number_or("k_x", k.k_x, {0.0, 10.0});
    k.clearance = cv->number_or("clearance", k.clearance, {0.0, 0.5});
    k.n_poly = cv->number_or("n_poly", k.n_poly, {0.5, 2.0});
    k.leak = cv->number_or("leak", k.leak, {0.0, 0.5});
    cv->finish();
  }
  c.eta_isentropic = t.optional_number("eta_isentropic", kEfficiency);
  c.eta_volumetric = t.optional_number("eta_volumetric", kEfficiency);
  c.displacement = t.quantity_or("displacement", Dimension::volume, 0.0, kPositive);
  c.speed_nominal = t.quantity_or("speed", Dimension::frequency, 0.0, kPositive);
  c.speed_fraction = t.quantity_or("speed_fraction", Dimension::fraction, 1.0, {0.05, 1.5});
  c.motor_efficiency = t.number_or("motor_efficiency", 1.0, kEfficiency);
  c.inverter_efficiency = t.number_or("inverter_efficiency", 1.0, kEfficiency);
  c.T_discharge_max =
      t.quantity_or("T_discharge_max", Dimension::temperature, c.T_discharge_max, kAbsolute);
  if (auto a = t.optional_table("ahri540")) {
    Ahri540 p;
    const auto read10 = [&](std::string_view key, std::array<double, 10>& out) {
      const std::vector<double> v = a->numbers(key);
      if (v.size() != 10) a->fail(key, fmt::format("expected 10 coefficients, got {}", v.size()));
      std::copy(v.begin(), v.end(), out.begin());
    };
    read10("mass_flow", p.mass_flow);
    read10("power", p.power);
    p.rated_superheat = a->quantity_or("rated_superheat", Dimension::temperature_difference,
                                       p.rated_superheat, kDifference);
    p.F_v = a->number_or("F_v", p.F_v, {0.0, 1.0});
    a->finish();
    c.ahri540 = p;
  }
  if ((c.displacement > 0.0) != (c.speed_nominal > 0.0)) {
    t.fail(c.displacement > 0.0 ? "speed" : "displacement",
           "displacement and speed go together: give both or neither");
  }
  t.finish();
  return c;
}

Stream read_stream(ConfigTable t) {
  Stream s;
  s.medium = t.choice_or("medium", {"water", "brine", "air", "process", "steam"}, "water");
  s.cp = s.medium == "air" ? 1006.0 : s.medium == "brine" ? 3800.0 : 4186.0;
  s.T_in = t.quantity("T_in", Dimension::temperature, kAbsolute);
  s.T_out = t.quantity("T_out", Dimension::temperature, kAbsolute);
  s.cp = t.quantity_or("cp", Dimension::specific_entropy, s.cp, kPositive);
  s.pinch = t.quantity_or("pinch", Dimension::temperature_difference, 3.0, {0.1, 100.0});
  if (s.T_in == s.T_out) t.fail("T_out", "equals T_in: a stream needs a temperature change");
  t.finish();
  return s;
}

}  // namespace

CycleSpec read_cycle_spec(ConfigTable& t) {
  CycleSpec s;
  try {
    s.topology = topology_from(t.string("topology"));
  } catch (const InvalidInput& e) {
    if (t.has("topology")) t.fail("topology", e.what());
    throw;
  }
  s.fluid = t.string("fluid");
  s.fluid_high = t.string_or("fluid_high", "");
  s.backend = t.choice_or("backend", {"fast", "exact"}, "fast") == "exact" ? fluids::Backend::exact
                                                                           : fluids::Backend::fast;
  s.T_evap = t.optional_quantity("T_evap", Dimension::temperature, kAbsolute);
  s.T_cond = t.optional_quantity("T_cond", Dimension::temperature, kAbsolute);
  s.T_gc_out = t.optional_quantity("T_gc_out", Dimension::temperature, kAbsolute);
  s.p_high = t.optional_quantity("p_high", Dimension::pressure, kPositive);
  s.superheat =
      t.quantity_or("superheat", Dimension::temperature_difference, s.superheat, kDifference);
  s.subcooling =
      t.quantity_or("subcooling", Dimension::temperature_difference, s.subcooling, kDifference);
  s.heating_capacity = t.optional_quantity("heating_capacity", Dimension::power, kPositive);
  s.ihx_effectiveness = t.number_or("ihx_effectiveness", 0.0, {0.0, 1.0});
  s.T_intermediate = t.optional_quantity("T_intermediate", Dimension::temperature, kAbsolute);
  s.economiser_approach = t.quantity_or("economiser_approach", Dimension::temperature_difference,
                                        s.economiser_approach, kDifference);
  s.injection_superheat = t.quantity_or("injection_superheat", Dimension::temperature_difference,
                                        s.injection_superheat, kDifference);
  s.injection_quality = t.optional_quantity("injection_quality", Dimension::fraction, {0.5, 1.0});
  s.T_cascade = t.optional_quantity("T_cascade", Dimension::temperature, kAbsolute);
  s.cascade_approach = t.quantity_or("cascade_approach", Dimension::temperature_difference,
                                     s.cascade_approach, kDifference);
  s.dp_suction = t.quantity_or("dp_suction", Dimension::pressure, 0.0, {0.0, 1e7});
  s.dp_discharge = t.quantity_or("dp_discharge", Dimension::pressure, 0.0, {0.0, 1e7});
  s.stages = static_cast<int>(t.integer_or("stages", 1, 1, 6));
  s.T_water = t.quantity_or("T_water", Dimension::temperature, s.T_water, kAbsolute);
  s.mvr_superheat =
      t.quantity_or("mvr_superheat", Dimension::temperature_difference, 0.0, kDifference);
  s.auxiliary_power = t.quantity_or("auxiliary_power", Dimension::power, 0.0, {0.0, HUGE_VAL});
  if (t.has("compressor")) s.compressor = read_compressor(t.table("compressor"));
  s.compressor_high =
      t.has("compressor_high") ? read_compressor(t.table("compressor_high")) : s.compressor;
  if (t.has("source")) s.source = read_stream(t.table("source"));
  if (t.has("sink")) s.sink = read_stream(t.table("sink"));
  if (s.source && s.source->T_out > s.source->T_in)
    t.fail("source", "the source stream is cooled: T_out must lie below T_in");
  if (s.sink && s.sink->T_out < s.sink->T_in)
    t.fail("sink", "the sink stream is heated: T_out must lie above T_in");
  if (s.topology == Topology::cascade && s.fluid_high.empty())
    t.fail_here("a cascade needs fluid_high, the high-stage refrigerant");
  return s;
}

namespace {
CycleFile read_document(const core::ConfigDocument& doc) {
  ConfigTable t(doc);
  CycleFile f;
  f.name = t.string_or("name", "");
  f.description = t.string_or("description", "");
  f.spec = read_cycle_spec(t);
  f.charge = t.optional_quantity("charge", Dimension::mass, kPositive);
  if (auto m = t.optional_table("map")) {
    MapRequest q;
    q.source_T = m->quantities("source_T", Dimension::temperature, kAbsolute);
    q.sink_T = m->quantities("sink_T", Dimension::temperature, kAbsolute);
    q.part_load = m->has("part_load") ? m->quantities("part_load", Dimension::fraction, {0.01, 1.0})
                                      : std::vector<double>{1.0};
    q.source_drop =
        m->quantity_or("source_drop", Dimension::temperature_difference, 0.0, kDifference);
    q.sink_rise = m->quantity_or("sink_rise", Dimension::temperature_difference, 0.0, kDifference);
    q.sink_inlet = m->quantity_or("sink_inlet", Dimension::temperature, 0.0, kAbsolute);
    for (const auto* axis : {&q.source_T, &q.sink_T, &q.part_load}) {
      for (std::size_t i = 1; i < axis->size(); ++i)
        if (!((*axis)[i] > (*axis)[i - 1]))
          m->fail(axis == &q.source_T ? "source_T"
                  : axis == &q.sink_T ? "sink_T"
                                      : "part_load",
                  "values must increase strictly");
    }
    m->finish();
    f.map = q;
  }
  t.finish();
  return f;
}
}  // namespace

CycleFile parse_cycle(std::string_view text, const std::string& origin) {
  return read_document(core::ConfigDocument::from_text(text, origin));
}

CycleFile read_cycle_file(const std::string& path) {
  return read_document(core::ConfigDocument::from_file(path));
}

}  // namespace heatlift::cycles
