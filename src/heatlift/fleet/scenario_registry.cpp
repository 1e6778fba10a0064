#include "heatlift/fleet/scenario_registry.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "heatlift/fleet/scenario_params.hpp"
#include "heatlift/fleet/scenario_reader.hpp"

namespace heatlift::fleet::detail {
namespace {

using core::Dimension;
using core::ParamKind;

// ---- declarations shared by the levers -------------------------------------------------------

core::ParamDecl from_year(std::string_view doc) {
  return {.key = "from", .kind = ParamKind::integer, .range = kYear, .required = true, .doc = doc};
}
core::ParamDecl until_year(std::string_view key, std::string_view doc) {
  return {.key = key, .kind = ParamKind::integer, .range = kYear, .required = true, .doc = doc};
}
core::ParamDecl segments_param() {
  return {.key = "segments",
          .kind = ParamKind::text,
          .doc = "the segments it applies to (an array of names; default: all)"};
}

// ---- [levers] -----------------------------------------------------------------------------

const core::BlockDecl kLeversBlock{
    "scenario",
    "levers",
    "Action-plan levers, each optional: a block of its own below ([levers.efficiency], "
    "[levers.retrofit], [[levers.coal_replacement]], [levers.less_backup], [levers.low_gwp]) "
    "or, for the grid, a value here. Levers change the model's inputs, never a result.",
    {
        {.key = "grid",
         .kind = ParamKind::quantity,
         .dimension = Dimension::emission_per_energy,
         .range = kGridFactor,
         .doc = "replaces the scenario's grid path (a path)"},
    }};

const core::BlockDecl kEfficiencyBlock{
    "scenario",
    "levers.efficiency",
    "New products' SPF and design COP rise by `gain`, ramped in from `from` to `by`.",
    {
        {.key = "gain",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kGain,
         .required = true,
         .doc = "relative improvement reached at `by`; at most a tripling"},
        from_year("first year of the ramp"),
        until_year("by", "year the full gain is reached (not before from)"),
        segments_param(),
    }};

const core::BlockDecl kRetrofitBlock{
    "scenario",
    "levers.retrofit",
    "Units older than `min_age`: each year a share is retrofitted (SPF + spf_gain) and a share "
    "retired early and replaced by new units.",
    {
        {.key = "min_age",
         .kind = ParamKind::integer,
         .range = {1.0, 40.0, "1 a to 40 a"},
         .required = true,
         .doc = "age (whole years) from which the lever acts"},
        from_year("first year"),
        until_year("to", "last year (not before from)"),
        {.key = "retrofit_share",
         .kind = ParamKind::quantity,
         .dimension = Dimension::per_year,
         .range = kSharePerYear,
         .fallback = "0 %/a",
         .doc = "share of the old units not yet retrofitted that are retrofitted per year"},
        {.key = "spf_gain",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kGain,
         .fallback = "0 %",
         .doc = "SPF after retrofit = SPF × (1 + spf_gain)"},
        {.key = "retire_share",
         .kind = ParamKind::quantity,
         .dimension = Dimension::per_year,
         .range = kSharePerYear,
         .fallback = "0 %/a",
         .doc = "share of the old units retired early and replaced per year"},
        segments_param(),
    }};

const core::BlockDecl kCoalReplacementBlock{
    "scenario",
    "levers.coal_replacement",
    "Extra heat pumps replacing a heat source (coal boilers); one [[levers.coal_replacement]] "
    "block each.",
    {
        {.key = "segment",
         .kind = ParamKind::text,
         .required = true,
         .doc = "the segment the units join"},
        from_year("first year"),
        until_year("to", "last year (not before from)"),
        {.key = "units_per_year",
         .kind = ParamKind::quantity,
         .dimension = Dimension::count,
         .range = kUnitsPerYear,
         .required = true,
         .doc = "units added per year"},
        {.key = "source",
         .kind = ParamKind::text,
         .fallback = "coal_boiler",
         .doc = "the heat source they replace (a key of [sources])"},
    }};

const core::BlockDecl kLessBackupBlock{
    "scenario",
    "levers.less_backup",
    "The electric back-up is cut to (1 − reduction) of its path, ramped in from `from` to `by`.",
    {
        {.key = "reduction",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .required = true,
         .doc = "share of the back-up removed at `by`"},
        from_year("first year of the ramp"),
        until_year("by", "year the full reduction is reached (not before from)"),
        segments_param(),
    }};

const core::BlockDecl kLowGwpBlock{
    "scenario",
    "levers.low_gwp",
    "New units move to the refrigerant mix [levers.low_gwp.target] from `from` to `by`; leaks "
    "and end-of-life recovery change from `by`.",
    {
        from_year("first year of the ramp"),
        until_year("by", "year the target mix is reached (not before from)"),
        {.key = "leak_rate",
         .kind = ParamKind::quantity,
         .dimension = Dimension::per_year,
         .range = kSharePerYear,
         .doc = "share of the bank leaked per year from `by` (default: the segment's path)"},
        {.key = "eol_recovery",
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .doc = "share of the charge recovered at end of life from `by` (default: the "
                "segment's path)"},
        segments_param(),
    }};

const core::BlockDecl kLowGwpTargetBlock{
    "scenario",
    "levers.low_gwp.target",
    "The refrigerant mix of new units at `by`, by refrigerant id; the shares add up to 100 %.",
    {
        {.key = kAnyRefrigerant,
         .kind = ParamKind::quantity,
         .dimension = Dimension::fraction,
         .range = kShare,
         .doc = "share of new units with this refrigerant"},
    }};

// ---- the levers' readers ----------------------------------------------------------------------

void check_ramp(core::ConfigTable& t, std::string_view key, int from, int until) {
  if (until < from) t.fail(key, fmt::format("{} is before from = {}", until, from));
}

// A lever ramped in from `from` to `by`: its `value` read first, then the ramp and the
// segments it applies to.
template <class Lever>
Lever read_ramp(core::ConfigTable t, const core::BlockDecl& b, double Lever::*value,
                std::string_view key, const Scenario& sc) {
  Lever e;
  e.*value = t.value(b.param(key));
  e.from = year(t, b.param("from"));
  e.by = year(t, b.param("by"));
  check_ramp(t, "by", e.from, e.by);
  e.segments = segment_filter(t, b.param("segments"), sc);
  t.finish();
  return e;
}

void read_efficiency(core::ConfigTable& levers, const Scenario& sc, Levers& out) {
  out.efficiency = read_ramp(levers.table("efficiency"), kEfficiencyBlock,
                             &Levers::Efficiency::gain, "gain", sc);
}

void read_less_backup(core::ConfigTable& levers, const Scenario& sc, Levers& out) {
  out.less_backup = read_ramp(levers.table("less_backup"), kLessBackupBlock,
                              &Levers::LessBackup::reduction, "reduction", sc);
}

void read_retrofit(core::ConfigTable& levers, const Scenario& sc, Levers& out) {
  core::ConfigTable t = levers.table("retrofit");
  const core::BlockDecl& b = kRetrofitBlock;
  Levers::Retrofit e;
  e.min_age = static_cast<int>(t.integer("min_age", b.param("min_age").range));
  e.from = year(t, b.param("from"));
  e.to = year(t, b.param("to"));
  check_ramp(t, "to", e.from, e.to);
  e.retrofit_share = t.value(b.param("retrofit_share"));
  e.spf_gain = t.value(b.param("spf_gain"));
  e.retire_share = t.value(b.param("retire_share"));
  e.segments = segment_filter(t, b.param("segments"), sc);
  t.finish();
  out.retrofit = e;
}

void read_coal_replacement(core::ConfigTable& levers, const Scenario& sc, Levers& out) {
  const core::BlockDecl& b = kCoalReplacementBlock;
  for (core::ConfigTable& t : levers.tables("coal_replacement")) {
    Levers::CoalReplacement c;
    c.segment = t.text(b.param("segment"));
    if (std::none_of(sc.segments.begin(), sc.segments.end(),
                     [&](const Segment& s) { return s.name == c.segment; })) {
      t.fail("segment", fmt::format("no segment named '{}'", c.segment));
    }
    c.from = year(t, b.param("from"));
    c.to = year(t, b.param("to"));
    check_ramp(t, "to", c.from, c.to);
    c.units_per_year = t.value(b.param("units_per_year"));
    c.source = t.text(b.param("source"));
    if (sc.sources.count(c.source) == 0)
      t.fail("source", fmt::format("no heat source named '{}'", c.source));
    t.finish();
    out.coal_replacement.push_back(c);
  }
}

void read_low_gwp(core::ConfigTable& levers, const Scenario& sc, Levers& out) {
  core::ConfigTable t = levers.table("low_gwp");
  const core::BlockDecl& b = kLowGwpBlock;
  Levers::LowGwp e;
  e.from = year(t, b.param("from"));
  e.by = year(t, b.param("by"));
  check_ramp(t, "by", e.from, e.by);
  core::ConfigTable target = t.table("target");
  double sum = 0.0;
  for (const std::string& ref : target.keys()) {
    if (sc.refrigerants.count(ref) == 0)
      target.fail(ref, fmt::format("refrigerant '{}' has no GWP in refrigerants/gwp.csv", ref));
    e.target[ref] = target.value(at_key(kLowGwpTargetBlock.param(kAnyRefrigerant), ref));
    sum += e.target[ref];
  }
  check_sum(target, sum, "shares");
  target.finish();
  e.leak_rate = t.optional_value(b.param("leak_rate")).value_or(-1.0);  // <0: unchanged
  e.eol_recovery = t.optional_value(b.param("eol_recovery")).value_or(-1.0);
  e.segments = segment_filter(t, b.param("segments"), sc);
  t.finish();
  out.low_gwp = e;
}

void read_grid(core::ConfigTable& levers, const Scenario&, Levers& out) {
  out.grid = path(levers, kLeversBlock.param("grid"));
}

constexpr LeverEntry kLevers[] = {
    {"efficiency", read_efficiency},
    {"retrofit", read_retrofit},
    {"coal_replacement", read_coal_replacement},
    {"less_backup", read_less_backup},
    {"low_gwp", read_low_gwp},
    {"grid", read_grid},
};

// ---- growth models ------------------------------------------------------------------------

const core::BlockDecl kLogisticBlock{
    "scenario",
    "segments.*.growth",
    "`model = \"logistic\"`: sales(t) = saturation / (1 + e^(−rate·(t − midpoint))).",
    {
        {.key = "saturation",
         .kind = ParamKind::quantity,
         .dimension = Dimension::count,
         .range = kUnitsPositive,
         .required = true,
         .doc = "sales per year the curve tends to"},
        {.key = "midpoint",
         .kind = ParamKind::number,
         .range = kYear,
         .required = true,
         .doc = "year of half the saturation (a number, may have decimals)"},
        {.key = "rate",
         .kind = ParamKind::quantity,
         .dimension = Dimension::per_year,
         .range = {1e-4, 3.0, "0.0001 1/a to 3 1/a"},
         .required = true,
         .doc = "steepness: from a century-long to a three-year S-curve"},
    }};

const core::BlockDecl kCagrBlock{
    "scenario",
    "segments.*.growth",
    "`model = \"cagr\"`: sales(t) = sales(t − 1) · (1 + rate) of the period containing t.",
    {
        {.key = "from",
         .kind = ParamKind::integer,
         .range = kYear,
         .required = true,
         .doc = "first year of each period (an array, strictly increasing)"},
        {.key = "to",
         .kind = ParamKind::integer,
         .range = kYear,
         .required = true,
         .doc = "last year of each period (an array, strictly increasing; not before from)"},
        {.key = "rate",
         .kind = ParamKind::quantity,
         .dimension = Dimension::per_year,
         .range = kGrowthRate,
         .required = true,
         .doc = "growth of each period (an array); a market may halve or triple in a year"},
    }};

const core::BlockDecl kBassBlock{
    "scenario",
    "segments.*.growth",
    "`model = \"bass\"`: first adoptions m·(F(t) − F(t − 1)) from the base year, plus "
    "replacements, with F(τ) = (1 − e^(−(p+q)τ)) / (1 + (q/p)·e^(−(p+q)τ)).",
    {
        {.key = "market",
         .kind = ParamKind::quantity,
         .dimension = Dimension::count,
         .range = kUnitsPositive,
         .required = true,
         .doc = "m: units of all first adopters"},
        {.key = "p",
         .kind = ParamKind::quantity,
         .dimension = Dimension::per_year,
         .range = {1e-5, 1.0, "0.001 %/a to 100 %/a"},
         .required = true,
         .doc = "innovation coefficient; diffusion studies find 0.0001 to 0.05",
         .source = "Bass (1969); diffusion studies"},
        {.key = "q",
         .kind = ParamKind::quantity,
         .dimension = Dimension::per_year,
         .range = {0.0, 2.0, "0 %/a to 200 %/a"},
         .required = true,
         .doc = "imitation coefficient; diffusion studies find 0.1 to 1",
         .source = "Bass (1969); diffusion studies"},
    }};

void read_cagr_periods(core::ConfigTable& t, Growth& g) {
  const core::BlockDecl& b = kCagrBlock;
  const std::vector<double> from = years(t, b.param("from"));
  const std::vector<double> to = years(t, b.param("to"));
  const std::vector<double> rate = values(t, b.param("rate"));
  if (to.size() != from.size() || rate.size() != from.size())
    t.fail("rate", "from, to and rate must have the same number of entries");
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (to[i] < from[i]) t.fail_entry("to", i, "each period must end after it starts");
    g.periods.push_back({static_cast<int>(from[i]), static_cast<int>(to[i]), rate[i]});
  }
}

constexpr GrowthScalar kLogisticScalars[] = {
    {"saturation", &Growth::saturation}, {"midpoint", &Growth::midpoint}, {"rate", &Growth::rate}};
constexpr GrowthScalar kBassScalars[] = {
    {"market", &Growth::market}, {"p", &Growth::p}, {"q", &Growth::q}};

constexpr GrowthModel kGrowthModels[] = {
    {"logistic", GrowthKind::logistic, &kLogisticBlock, kLogisticScalars, nullptr},
    {"cagr", GrowthKind::cagr, &kCagrBlock, {}, read_cagr_periods},
    {"bass", GrowthKind::bass, &kBassBlock, kBassScalars, nullptr},
};

std::vector<std::string_view> model_names() {
  std::vector<std::string_view> out;
  for (const GrowthModel& m : kGrowthModels) out.push_back(m.name);
  return out;
}

const core::BlockDecl kGrowthBlock{
    "scenario",
    "segments.*.growth",
    "Sales after the base year, by the growth model `model` names; each model's keys follow.",
    {
        {.key = "model",
         .kind = ParamKind::choice,
         .required = true,
         .choices = model_names(),
         .doc = "the growth model"},
    }};

const core::BlockRegistrar kRegister[] = {
    core::BlockRegistrar(kLeversBlock),       core::BlockRegistrar(kEfficiencyBlock),
    core::BlockRegistrar(kRetrofitBlock),     core::BlockRegistrar(kCoalReplacementBlock),
    core::BlockRegistrar(kLessBackupBlock),   core::BlockRegistrar(kLowGwpBlock),
    core::BlockRegistrar(kLowGwpTargetBlock), core::BlockRegistrar(kGrowthBlock),
    core::BlockRegistrar(kLogisticBlock),     core::BlockRegistrar(kCagrBlock),
    core::BlockRegistrar(kBassBlock)};

}  // namespace

std::span<const LeverEntry> lever_entries() {
  return kLevers;
}

Levers read_levers(core::ConfigTable levers, const Scenario& sc) {
  Levers lv;
  lv.names = levers.keys();
  for (const LeverEntry& l : kLevers) {
    if (levers.has(l.name)) l.read(levers, sc, lv);
  }
  levers.finish();
  return lv;
}

std::span<const GrowthModel> growth_models() {
  return kGrowthModels;
}

Growth read_growth(core::ConfigTable growth) {
  const std::string name = growth.text(kGrowthBlock.param("model"));
  const auto m = std::find_if(std::begin(kGrowthModels), std::end(kGrowthModels),
                              [&](const GrowthModel& g) { return g.name == name; });
  Growth g;
  g.kind = m->kind;
  for (const GrowthScalar& s : m->scalars) g.*s.member = growth.value(m->block->param(s.key));
  if (m->read_more != nullptr) m->read_more(growth, g);
  growth.finish();
  return g;
}

}  // namespace heatlift::fleet::detail
