#include "heatlift/cycles/cycle_io.hpp"

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"

namespace heatlift::cycles {
namespace {

using core::ConfigTable;
using core::Dimension;
using core::ParamKind;
using core::Range;

const Range kAbsolute{1.0, 2000.0, "above 0 K"};
const Range kDifference{0.0, 200.0, "0 to 200 K"};
const Range kPositive{1e-12, HUGE_VAL, "above zero"};
const Range kEfficiency{0.01, 1.0, "a fraction above 0 and at most 1"};

// ---- declarations of a cycle file's blocks (core/params.hpp) ---------------------------

core::ParamDecl temperature(std::string_view key, std::string_view doc) {
  return {.key = key,
          .kind = ParamKind::quantity,
          .dimension = Dimension::temperature,
          .range = kAbsolute,
          .doc = doc};
}

core::ParamDecl difference(std::string_view key, std::string_view fallback, std::string_view doc) {
  return {.key = key,
          .kind = ParamKind::quantity,
          .dimension = Dimension::temperature_difference,
          .range = kDifference,
          .fallback = fallback,
          .doc = doc};
}

// The top level of a cycle file (product files read the same keys in their cycle table).
const core::BlockDecl kCycleBlock{
    "cycle",
    "",
    "The top level of a cycle design file (no table header): the topology, the fluid and the "
    "levels or streams it works between (docs/cycles.md).",
    {
        {.key = "name", .kind = ParamKind::text, .doc = "the design's name in the outputs"},
        {.key = "description", .kind = ParamKind::text, .doc = "a line about the design"},
        {.key = "topology",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"single_stage", "vapor_injection", "two_stage", "cascade", "transcritical",
                     "one_pass", "mvr"},
         .doc = "the cycle's layout"},
        {.key = "fluid",
         .kind = ParamKind::text,
         .required = true,
         .doc = "the (low-stage) refrigerant, by its fluid-library name (`heatlift fluid list`)"},
        {.key = "fluid_high",
         .kind = ParamKind::text,
         .doc = "cascade: the high-stage refrigerant"},
        {.key = "backend",
         .kind = ParamKind::choice,
         .fallback = "fast",
         .choices = {"fast", "exact"},
         .doc = "the fluids' tables, or the equation of state itself"},
        temperature("T_evap", "dew point at the evaporator outlet pressure; or a `[source]`"),
        temperature("T_cond", "bubble point at the condenser pressure; or a `[sink]`"),
        temperature("T_gc_out", "transcritical: gas-cooler outlet temperature"),
        {.key = "p_high",
         .kind = ParamKind::quantity,
         .dimension = Dimension::pressure,
         .range = kPositive,
         .doc = "transcritical: gas-cooler pressure (default: the pressure of maximum COP)"},
        difference("superheat", "5 K", "at the evaporator outlet"),
        difference("subcooling", "3 K", "at the condenser outlet"),
        {.key = "heating_capacity",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = kPositive,
         .doc = "the duty (default: from the compressor's displacement and speed)"},
        {.key = "ihx_effectiveness",
         .kind = ParamKind::number,
         .range = {0.0, 1.0},
         .fallback = "0",
         .doc = "internal heat exchanger, suction gas against the liquid line; 0: none"},
        temperature("T_intermediate",
                    "vapour injection, two-stage: intermediate saturation temperature (default: "
                    "at the geometric mean of the pressures)"),
        difference("economiser_approach", "5 K",
                   "vapour injection: the liquid leaves the economiser this far above "
                   "`T_intermediate`"),
        difference("injection_superheat", "0 K", "vapour injection: injected vapour superheat"),
        {.key = "injection_quality",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.5, 1.0},
         .doc = "vapour injection: wet injection at this quality instead of a superheat"},
        temperature("T_cascade",
                    "cascade: low-stage condensing temperature (default: for "
                    "maximum COP)"),
        difference("cascade_approach", "5 K", "cascade: the cascade exchanger's approach"),
        {.key = "dp_suction",
         .kind = ParamKind::quantity,
         .dimension = Dimension::pressure,
         .range = {0.0, 1e7},
         .fallback = "0 Pa",
         .doc = "pressure lost in the suction line"},
        {.key = "dp_discharge",
         .kind = ParamKind::quantity,
         .dimension = Dimension::pressure,
         .range = {0.0, 1e7},
         .fallback = "0 Pa",
         .doc = "pressure lost in the discharge line"},
        {.key = "stages",
         .kind = ParamKind::integer,
         .range = {1, 6},
         .fallback = "1",
         .doc = "MVR: compression stages with equal pressure ratios"},
        {.key = "T_water",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kAbsolute,
         .fallback = "20 C",
         .doc = "MVR: water that desuperheats the vapour after each stage"},
        difference("mvr_superheat", "0 K", "MVR: superheat left after each desuperheater"),
        {.key = "auxiliary_power",
         .kind = ParamKind::quantity,
         .dimension = Dimension::power,
         .range = {0.0, HUGE_VAL},
         .fallback = "0 W",
         .doc = "fans and pumps, counted in the COP"},
        {.key = "charge",
         .kind = ParamKind::quantity,
         .dimension = Dimension::mass,
         .range = kPositive,
         .doc = "refrigerant charge, for CO2-equivalents"},
    }};

const core::BlockDecl kCompressorBlock{
    "cycle",
    "compressor",
    "The (low-stage) compressor; `[compressor_high]`, the high stage of a two-stage or cascade "
    "cycle, takes the same keys and tables (default: the low stage's).",
    {
        {.key = "type",
         .kind = ParamKind::choice,
         .fallback = "rolling_piston",
         .choices = {"rolling_piston", "scroll", "screw", "centrifugal"},
         .doc = "the class, which sets the default efficiency curves"},
        {.key = "eta_isentropic",
         .kind = ParamKind::number,
         .range = kEfficiency,
         .doc = "a fixed isentropic efficiency overriding the curve"},
        {.key = "eta_volumetric",
         .kind = ParamKind::number,
         .range = kEfficiency,
         .doc = "a fixed volumetric efficiency overriding the curve"},
        {.key = "displacement",
         .kind = ParamKind::quantity,
         .dimension = Dimension::volume,
         .range = kPositive,
         .doc = "swept volume per revolution; with `speed`, sizes the cycle when "
                "`heating_capacity` is absent"},
        {.key = "speed",
         .kind = ParamKind::quantity,
         .dimension = Dimension::frequency,
         .range = kPositive,
         .doc = "nominal speed (`\"60 Hz\"`, `\"3600 rpm\"`); with `displacement`"},
        {.key = "speed_fraction",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.05, 1.5},
         .fallback = "1",
         .doc = "running speed over the nominal"},
        {.key = "motor_efficiency",
         .kind = ParamKind::number,
         .range = kEfficiency,
         .fallback = "1",
         .doc = "1: `eta_isentropic` is the overall efficiency from electricity to enthalpy rise"},
        {.key = "inverter_efficiency",
         .kind = ParamKind::number,
         .range = kEfficiency,
         .fallback = "1",
         .doc = "as `motor_efficiency`, for the inverter"},
        {.key = "T_discharge_max",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kAbsolute,
         .fallback = "150 C",
         .doc = "highest discharge temperature"},
    }};

// The curve coefficients default to the compressor type's (docs/cycles.md gives them).
core::ParamDecl curve(std::string_view key, Range range, std::string_view doc) {
  return {.key = key,
          .kind = ParamKind::number,
          .range = range,
          .doc = doc,
          .source = "assumption: typical of the class's published maps (docs/cycles.md)"};
}

const core::BlockDecl kCurvesBlock{
    "cycle",
    "compressor.curves",
    "The compressor's efficiency curves, η_is = η_max (1 − k_π ln²(π/π_opt)) (1 − k_x (x − "
    "x_opt)²) and η_v = 1 − c (π^(1/n) − 1) − leak (1/x − 1); each key defaults to the type's "
    "value.",
    {
        curve("eta_max", kEfficiency, "peak isentropic efficiency"),
        curve("pi_opt", {1.0, 100.0}, "pressure ratio of the peak"),
        curve("k_pi", {0.0, 10.0}, "fall-off with the pressure ratio"),
        curve("x_opt", {0.0, 2.0}, "speed fraction of the peak"),
        curve("k_x", {0.0, 10.0}, "fall-off with the speed"),
        curve("clearance", {0.0, 0.5}, "clearance volume ratio c"),
        curve("n_poly", {0.5, 2.0}, "polytropic exponent of the re-expansion"),
        curve("leak", {0.0, 0.5}, "leakage term, weighing more at low speed"),
    }};

const core::BlockDecl kAhri540Block{
    "cycle",
    "compressor.ahri540",
    "A compressor's AHRI 540 polynomials in the EN 12900 form (S and D the suction and discharge "
    "dew points in °C); they fix mass flow and power.",
    {
        {.key = "mass_flow",
         .kind = ParamKind::number,
         .required = true,
         .doc = "an array of the 10 coefficients of the mass flow, kg/s",
         .source = "AHRI 540"},
        {.key = "power",
         .kind = ParamKind::number,
         .required = true,
         .doc = "an array of the 10 coefficients of the electric power, W",
         .source = "AHRI 540"},
        {.key = "rated_superheat",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature_difference,
         .range = kDifference,
         .fallback = "11.1 K",
         .doc = "suction superheat of the rating",
         .source = "AHRI 540 (20 °F)"},
        {.key = "F_v",
         .kind = ParamKind::number,
         .range = {0.0, 1.0},
         .fallback = "0.75",
         .doc = "share of the suction-density change the mass flow follows",
         .source = "AHRI 540"},
    }};

std::vector<core::ParamDecl> stream_params() {
  return {
      {.key = "medium",
       .kind = ParamKind::choice,
       .fallback = "water",
       .choices = {"water", "brine", "air", "process", "steam"},
       .doc = "the heat carrier"},
      {.key = "T_in",
       .kind = ParamKind::quantity,
       .dimension = Dimension::temperature,
       .range = kAbsolute,
       .required = true,
       .doc = "inlet temperature"},
      {.key = "T_out",
       .kind = ParamKind::quantity,
       .dimension = Dimension::temperature,
       .range = kAbsolute,
       .required = true,
       .doc = "outlet temperature"},
      {.key = "cp",
       .kind = ParamKind::quantity,
       .dimension = Dimension::specific_entropy,
       .range = kPositive,
       .doc = "specific heat (default: 4186 J/(kg K) water, 3800 brine, 1006 air)"},
      {.key = "pinch",
       .kind = ParamKind::quantity,
       .dimension = Dimension::temperature_difference,
       .range = {0.1, 100.0},
       .fallback = "3 K",
       .doc = "minimum approach temperature in the exchanger"},
  };
}

const core::BlockDecl kSourceBlock{"cycle", "source",
                                   "The stream heat is taken from, cooled from `T_in` to `T_out`; "
                                   "the evaporating level is solved to meet its pinch.",
                                   stream_params()};
const core::BlockDecl kSinkBlock{"cycle", "sink",
                                 "The stream heated from `T_in` to `T_out`; the condensing level "
                                 "is solved to meet its pinch.",
                                 stream_params()};

const core::BlockDecl kMapBlock{
    "cycle",
    "map",
    "The grid `heatlift cycle map` solves the design on, each axis strictly increasing.",
    {
        {.key = "source_T",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kAbsolute,
         .required = true,
         .doc = "an array of source temperatures"},
        {.key = "sink_T",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kAbsolute,
         .required = true,
         .doc = "an array of leaving sink temperatures"},
        {.key = "part_load",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = {0.01, 1.0},
         .doc = "an array of speed fractions (default: [1])"},
        difference("source_drop", "0 K", "the source stream's drop; 0: the design's"),
        difference("sink_rise", "0 K", "the sink stream's rise; 0: the design's"),
        {.key = "sink_inlet",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature,
         .range = kAbsolute,
         .doc = "a fixed sink inlet temperature (one-pass; default: the outlet less the rise)"},
    }};

const core::BlockRegistrar kRegister[] = {
    core::BlockRegistrar(kCycleBlock),  core::BlockRegistrar(kCompressorBlock),
    core::BlockRegistrar(kCurvesBlock), core::BlockRegistrar(kAhri540Block),
    core::BlockRegistrar(kSourceBlock), core::BlockRegistrar(kSinkBlock),
    core::BlockRegistrar(kMapBlock)};

// ---- readers ---------------------------------------------------------------------------

Compressor read_compressor(ConfigTable t) {
  const core::BlockDecl& k = kCompressorBlock;
  Compressor c;
  c.type = compressor_type_from(t.text(k.param("type")));
  c.curves = default_curves(c.type);
  if (auto cv = t.optional_table("curves")) {
    EfficiencyCurves& e = c.curves;
    for (auto [key, field] : {std::pair{"eta_max", &e.eta_max}, std::pair{"pi_opt", &e.pi_opt},
                              std::pair{"k_pi", &e.k_pi}, std::pair{"x_opt", &e.x_opt},
                              std::pair{"k_x", &e.k_x}, std::pair{"clearance", &e.clearance},
                              std::pair{"n_poly", &e.n_poly}, std::pair{"leak", &e.leak}}) {
      *field = cv->optional_value(kCurvesBlock.param(key)).value_or(*field);
    }
    cv->finish();
  }
  c.eta_isentropic = t.optional_value(k.param("eta_isentropic"));
  c.eta_volumetric = t.optional_value(k.param("eta_volumetric"));
  c.displacement = t.optional_value(k.param("displacement")).value_or(0.0);
  c.speed_nominal = t.optional_value(k.param("speed")).value_or(0.0);
  c.speed_fraction = t.value(k.param("speed_fraction"));
  c.motor_efficiency = t.value(k.param("motor_efficiency"));
  c.inverter_efficiency = t.value(k.param("inverter_efficiency"));
  c.T_discharge_max = t.value(k.param("T_discharge_max"));
  if (auto a = t.optional_table("ahri540")) {
    Ahri540 p;
    const auto read10 = [&](std::string_view key, std::array<double, 10>& out) {
      const std::vector<double> v = a->numbers(kAhri540Block.param(key).key);
      if (v.size() != 10) a->fail(key, fmt::format("expected 10 coefficients, got {}", v.size()));
      std::copy(v.begin(), v.end(), out.begin());
    };
    read10("mass_flow", p.mass_flow);
    read10("power", p.power);
    p.rated_superheat = a->value(kAhri540Block.param("rated_superheat"));
    p.F_v = a->value(kAhri540Block.param("F_v"));
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

Stream read_stream(ConfigTable t, const core::BlockDecl& k) {
  Stream s;
  s.medium = t.text(k.param("medium"));
  s.T_in = t.value(k.param("T_in"));
  s.T_out = t.value(k.param("T_out"));
  s.cp = t.optional_value(k.param("cp"))
             .value_or(s.medium == "air"     ? 1006.0
                       : s.medium == "brine" ? 3800.0
                                             : 4186.0);
  s.pinch = t.value(k.param("pinch"));
  if (s.T_in == s.T_out) t.fail("T_out", "equals T_in: a stream needs a temperature change");
  t.finish();
  return s;
}

}  // namespace

CycleSpec read_cycle_spec(ConfigTable& t) {
  const core::BlockDecl& k = kCycleBlock;
  CycleSpec s;
  s.topology = topology_from(t.text(k.param("topology")));
  s.fluid = t.text(k.param("fluid"));
  s.fluid_high = t.optional_text(k.param("fluid_high")).value_or("");
  s.backend =
      t.text(k.param("backend")) == "exact" ? fluids::Backend::exact : fluids::Backend::fast;
  s.T_evap = t.optional_value(k.param("T_evap"));
  s.T_cond = t.optional_value(k.param("T_cond"));
  s.T_gc_out = t.optional_value(k.param("T_gc_out"));
  s.p_high = t.optional_value(k.param("p_high"));
  s.superheat = t.value(k.param("superheat"));
  s.subcooling = t.value(k.param("subcooling"));
  s.heating_capacity = t.optional_value(k.param("heating_capacity"));
  s.ihx_effectiveness = t.value(k.param("ihx_effectiveness"));
  s.T_intermediate = t.optional_value(k.param("T_intermediate"));
  s.economiser_approach = t.value(k.param("economiser_approach"));
  s.injection_superheat = t.value(k.param("injection_superheat"));
  s.injection_quality = t.optional_value(k.param("injection_quality"));
  s.T_cascade = t.optional_value(k.param("T_cascade"));
  s.cascade_approach = t.value(k.param("cascade_approach"));
  s.dp_suction = t.value(k.param("dp_suction"));
  s.dp_discharge = t.value(k.param("dp_discharge"));
  s.stages = static_cast<int>(t.value(k.param("stages")));
  s.T_water = t.value(k.param("T_water"));
  s.mvr_superheat = t.value(k.param("mvr_superheat"));
  s.auxiliary_power = t.value(k.param("auxiliary_power"));
  if (t.has("compressor")) s.compressor = read_compressor(t.table("compressor"));
  s.compressor_high =
      t.has("compressor_high") ? read_compressor(t.table("compressor_high")) : s.compressor;
  if (t.has("source")) s.source = read_stream(t.table("source"), kSourceBlock);
  if (t.has("sink")) s.sink = read_stream(t.table("sink"), kSinkBlock);
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
  f.name = t.optional_text(kCycleBlock.param("name")).value_or("");
  f.description = t.optional_text(kCycleBlock.param("description")).value_or("");
  f.spec = read_cycle_spec(t);
  f.charge = t.optional_value(kCycleBlock.param("charge"));
  if (auto m = t.optional_table("map")) f.map = read_map_request(*m);
  t.finish();
  return f;
}
}  // namespace

MapRequest read_map_request(ConfigTable& m) {
  const core::BlockDecl& k = kMapBlock;
  const auto axis = [&](std::string_view key) {
    const core::ParamDecl& p = k.param(key);
    return m.quantities(p.key, *p.dimension, p.range);
  };
  MapRequest q;
  q.source_T = axis("source_T");
  q.sink_T = axis("sink_T");
  q.part_load = m.has("part_load") ? axis("part_load") : std::vector<double>{1.0};
  q.source_drop = m.value(k.param("source_drop"));
  q.sink_rise = m.value(k.param("sink_rise"));
  q.sink_inlet = m.optional_value(k.param("sink_inlet")).value_or(0.0);
  for (const auto* axis : {&q.source_T, &q.sink_T, &q.part_load}) {
    for (std::size_t i = 1; i < axis->size(); ++i)
      if (!((*axis)[i] > (*axis)[i - 1]))
        m.fail(axis == &q.source_T ? "source_T"
               : axis == &q.sink_T ? "sink_T"
                                   : "part_load",
               "values must increase strictly");
  }
  m.finish();
  return q;
}

CycleFile parse_cycle(std::string_view text, const std::string& origin) {
  return read_document(core::ConfigDocument::from_text(text, origin));
}

CycleFile read_cycle_file(const std::string& path) {
  return read_document(core::ConfigDocument::from_file(path));
}

}  // namespace heatlift::cycles
