#include "heatlift/accounting/accounting_io.hpp"

#include "heatlift/accounting/accounting_params.hpp"
#include "heatlift/accounting/memo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::accounting {
namespace {

using core::ConfigDocument;
using core::ConfigTable;
using core::Dimension;
using core::Range;

const Range kFraction{0.0, 1.0, "a fraction from 0 to 1 (0 % to 100 %)"};
const Range kNonNegative{0.0, HUGE_VAL, "0 or more"};

/// A value written "<number> <unit>" (core/units.hpp: money, prices, emission factors ...), in
/// [lo, hi] (SI);
/// `expected` says the range in the user's units.
double measure(ConfigTable& t, std::string_view key, Dimension m, double lo = 0.0,
               double hi = HUGE_VAL, std::string_view expected = "a value >= 0") {
  const std::string text = t.string(key);
  double v = 0.0;
  try {
    v = core::parse_quantity(text, m);
  } catch (const Error& e) {
    t.fail(key, e.what());
  }
  if (v < lo || v > hi)
    t.fail(key, fmt::format("'{}' is out of range; expected {}", text, expected));
  return v;
}

/// A bare number (already SI) or a string with a unit.
double number_or_measure(ConfigTable& t, std::string_view key, Dimension m, double lo, double hi,
                         std::string_view expected) {
  double v = 0.0;
  try {
    v = t.number(key);
  } catch (const InvalidInput&) {
    if (!t.has(key)) throw;
    const std::string text = t.string(key);
    try {
      v = core::parse_quantity(text, m);
    } catch (const Error& e) {
      t.fail(key, e.what());
    }
  }
  if (!(v >= lo && v <= hi))
    t.fail(key, fmt::format("{} is out of range; expected {}", v, expected));
  return v;
}

/// A declared key written as a bare number or with the unit of its declared dimension.
double number_or_measure(ConfigTable& t, const core::ParamDecl& p) {
  return number_or_measure(t, p.key, *p.dimension, p.range.lo, p.range.hi, p.range.text);
}

int years_of(ConfigTable& t, const core::ParamDecl& p) {
  const double v = number_or_measure(t, p);
  if (v != std::floor(v)) t.fail(p.key, fmt::format("{} is not a whole number of years", v));
  return static_cast<int>(v);
}

// "08-22" -> hours 8..21; "22-08" wraps.
std::pair<int, int> hour_range(ConfigTable& t, std::string_view key, const std::string& text) {
  int a = -1;
  int b = -1;
  const bool shape = text.size() == 5 && text[2] == '-';
  if (shape) {
    std::from_chars(text.data(), text.data() + 2, a);
    std::from_chars(text.data() + 3, text.data() + 5, b);
  }
  if (!shape || a < 0 || a > 24 || b < 0 || b > 24 || a % 24 == b % 24) {
    t.fail(key, fmt::format("'{}' is not an hour range \"HH-HH\" (start inclusive, end "
                            "exclusive, e.g. \"08-22\" or \"22-08\")",
                            text));
  }
  return {a % 24, b % 24};
}

// The day plan of `t`, a [tariff] or its [tariff.heating_season] (`block`): one price, or
// periods by hour of day.
DayPlan read_plan(ConfigTable& t, const core::BlockDecl& block, bool time_of_use) {
  DayPlan plan;
  if (!time_of_use) {
    if (t.has("periods"))
      t.fail("periods", "a flat tariff has one price; use kind = \"time_of_use\"");
    plan.periods.push_back({"flat", t.value(block.param("price"))});
    plan.period_of_hour.fill(0);
    return plan;
  }
  if (t.has("price")) t.fail("price", "a time-of-use tariff gives its prices in [[periods]]");
  plan.period_of_hour.fill(-1);
  std::vector<ConfigTable> periods = t.tables("periods");
  if (periods.empty()) t.fail("periods", "a time-of-use tariff needs at least one period");
  const core::BlockDecl& k = params::kTariffPeriods;
  const std::string_view hours = k.param("hours").key;
  for (ConfigTable& p : periods) {
    TouPeriod tp;
    tp.name = p.text(k.param("name"));
    tp.price = p.value(k.param("price"));
    const int index = static_cast<int>(plan.periods.size());
    for (const std::string& h : p.strings(hours)) {
      const auto [a, b] = hour_range(p, hours, h);
      for (int i = a; i != b; i = (i + 1) % 24) {
        int& slot = plan.period_of_hour[static_cast<std::size_t>(i)];
        if (slot >= 0) {
          // The period being read is not in plan.periods yet: its own ranges may overlap.
          const std::string& other =
              slot == index ? tp.name : plan.periods[static_cast<std::size_t>(slot)].name;
          p.fail(hours, fmt::format("hour {} is already in period '{}'", i, other));
        }
        slot = index;
      }
    }
    p.finish();
    plan.periods.push_back(std::move(tp));
  }
  std::vector<int> missing;
  for (int h = 0; h < 24; ++h) {
    if (plan.period_of_hour[static_cast<std::size_t>(h)] < 0) missing.push_back(h);
  }
  if (!missing.empty()) {
    t.fail("periods", fmt::format("hours {} of the day have no period; every hour needs one",
                                  fmt::join(missing, ", ")));
  }
  return plan;
}

// A day "MM-DD" of the year, by its declaration.
int read_day(ConfigTable& t, const core::ParamDecl& p) {
  const std::string text = t.text(p);
  try {
    return day_of_year(text);
  } catch (const InvalidInput& e) {
    t.fail(p.key, e.what());
  }
}

Tariff read_tariff_body(ConfigTable& t, std::string name) {
  const core::BlockDecl& k = params::kTariff;
  Tariff tariff;
  tariff.name = std::move(name);
  const bool tou = t.text(k.param("kind")) == "time_of_use";
  tariff.plan = read_plan(t, k, tou);
  if (auto s = t.optional_table("heating_season")) {
    const core::BlockDecl& ks = params::kTariffHeatingSeason;
    HeatingSeason hs;
    hs.first_day = read_day(*s, ks.param("from"));
    hs.last_day = read_day(*s, ks.param("to"));
    hs.counts_toward_tiers = s->flag(ks.param("counts_toward_tiers"));
    const bool season_tou = s->has("periods");
    hs.plan = read_plan(*s, ks, season_tou);
    s->finish();
    tariff.heating_season = std::move(hs);
  }
  const core::ParamDecl& limits = k.param("tier_limits");
  const core::ParamDecl& surcharges = k.param("tier_surcharges");
  if (t.has(limits.key) || t.has(surcharges.key)) {
    tariff.tier_limits_J = t.quantities(limits.key, *limits.dimension, limits.range);
    tariff.tier_surcharges = t.quantities(surcharges.key, *surcharges.dimension, surcharges.range);
  }
  t.finish();
  try {
    tariff.validate();
  } catch (const InvalidInput& e) {
    t.fail_here(e.what());
  }
  return tariff;
}

}  // namespace

// ---- shipped defaults -----------------------------------------------------------------

namespace {
Defaults parse_defaults(const std::string& text) {
  const ConfigDocument doc = ConfigDocument::from_text(text, std::string(kDefaultsPath));
  ConfigTable root(doc);
  Defaults d;
  ConfigTable r = root.table("refrigerant");
  d.leak_rate = number_or_measure(r, "leak_rate", Dimension::per_year, 0.0, 1.0, "0 to 1 per year");
  d.eol_loss = r.quantity("eol_loss", Dimension::fraction, kFraction);
  try {
    d.gwp_basis = fluids::parse_gwp_basis(r.string("gwp_basis"), "");
  } catch (const InvalidInput& e) {
    r.fail("gwp_basis", e.what());
  }
  r.finish();
  ConfigTable e = root.table("economics");
  d.om_fraction = e.quantity("om_fraction", Dimension::fraction, kFraction);
  e.finish();
  ConfigTable c = root.table("capital_per_kw");
  for (const std::string& k : c.keys()) {
    d.capital_per_W[k] = measure(c, k, Dimension::price_per_power);
  }
  c.finish();
  return d;
}
}  // namespace

Defaults Defaults::load(const core::DataStore& data) {
  struct Tag;
  return detail::memo_parse<Tag, Defaults>(
      data.read(kDefaultsPath), [](const std::string& text) { return parse_defaults(text); });
}

FuelRegistry FuelRegistry::load(const core::DataStore& data) {
  const ConfigDocument doc =
      ConfigDocument::from_text(data.read(kDefaultsPath), std::string(kDefaultsPath));
  ConfigTable root(doc);
  const double q =
      measure(root, "standard_coal_ncv", Dimension::specific_energy, 1e6, 1e8, "1 to 100 MJ/kg");
  std::vector<Fuel> fuels;
  ConfigTable ft = root.table("fuels");
  for (const std::string& id : ft.keys()) {
    ConfigTable f = ft.table(id);
    Fuel fuel;
    fuel.id = id;
    fuel.name_zh = f.string("name_zh");
    fuel.name_en = f.string("name_en");
    const std::string basis = f.choice("basis", {"mass", "volume", "electricity", "heat"});
    fuel.basis = basis == "mass"     ? FuelBasis::mass
                 : basis == "volume" ? FuelBasis::volume
                 : basis == "heat"   ? FuelBasis::heat
                                     : FuelBasis::electricity;
    fuel.ncv = 1.0;
    if (fuel.basis == FuelBasis::mass)
      fuel.ncv = measure(f, "ncv", Dimension::specific_energy, 1e5, 1e8, "0.1 to 100 MJ/kg");
    if (fuel.basis == FuelBasis::volume)
      fuel.ncv = measure(f, "ncv", Dimension::energy_per_volume, 1e5, 1e9, "0.1 to 1000 MJ/m3");
    if (fuel.basis != FuelBasis::electricity)
      fuel.co2_factor = measure(f, "co2_factor", Dimension::emission_per_energy);
    if (auto v = f.optional_number("so2_per_kgce", kNonNegative)) fuel.so2_factor = *v / q;
    if (auto v = f.optional_number("dust_per_kgce", kNonNegative)) fuel.dust_factor = *v / q;
    f.finish();
    fuels.push_back(std::move(fuel));
  }
  std::vector<HeatGenerator> gens;
  ConfigTable gt = root.table("generators");
  for (const std::string& id : gt.keys()) {
    ConfigTable g = gt.table(id);
    HeatGenerator gen;
    gen.id = id;
    gen.name_zh = g.string("name_zh");
    gen.name_en = g.string("name_en");
    gen.fuel = g.string("fuel");
    // The same range as a site file's [[baselines]] efficiency, which overrides this one.
    gen.efficiency = g.value(params::kBaselines.param("efficiency"));
    g.finish();
    gens.push_back(std::move(gen));
  }
  return FuelRegistry(std::move(fuels), std::move(gens), q);
}

namespace gbt50801 {
Constants Constants::load(const core::DataStore& data) {
  const ConfigDocument doc =
      ConfigDocument::from_text(data.read(kDefaultsPath), std::string(kDefaultsPath));
  ConfigTable root(doc);
  ConfigTable t = root.table("gbt50801");
  Constants k;
  k.standard_coal_ncv =
      measure(t, "standard_coal_ncv", Dimension::specific_energy, 1e6, 1e8, "1 to 100 MJ/kg");
  k.co2_per_kgce = t.number("co2_per_kgce", kNonNegative);
  k.so2_per_kgce = t.number("so2_per_kgce", kNonNegative);
  k.dust_per_kgce = t.number("dust_per_kgce", kNonNegative);
  for (auto [key, out] : {std::pair{"heating_grades", &k.heating_grades},
                          std::pair{"cooling_grades", &k.cooling_grades}}) {
    *out = t.numbers(key);
    if (out->size() != 3 || !((*out)[0] > (*out)[1] && (*out)[1] > (*out)[2] && (*out)[2] > 0)) {
      t.fail(key, "expected three decreasing positive thresholds (grades 1, 2, 3)");
    }
  }
  ConfigTable eta = t.table("eta_t");
  for (const std::string& key : eta.keys()) {
    k.eta_t[key] = eta.number(key, {0.01, 1.0, "above 0 and at most 1"});
  }
  eta.finish();
  ConfigTable eer = t.table("eer_t");
  k.eer_t_limits_W =
      eer.quantities("capacity_limits", Dimension::power, {1.0, HUGE_VAL, "above 0"});
  k.eer_t_values = eer.numbers("values");
  if (k.eer_t_values.size() != k.eer_t_limits_W.size() + 1) {
    eer.fail("values", "expected one more value than capacity_limits");
  }
  eer.finish();
  ConfigTable d = t.table("electricity_to_coal");
  for (const std::string& key : d.keys()) {
    k.electricity_to_coal[key] = measure(d, key, Dimension::coal_per_energy);
  }
  d.finish();
  t.finish();
  return k;
}
}  // namespace gbt50801

// ---- site-file blocks -------------------------------------------------------------------

CarbonInput carbon_from_config(ConfigTable& t, const core::DataStore& data) {
  const core::BlockDecl& k = params::kCarbon;
  CarbonInput in;
  in.spec.area = t.text(k.param("grid"));
  if (auto y = t.optional_value(k.param("year"))) in.spec.year = static_cast<int>(*y);
  in.spec.path = t.optional_text(k.param("grid_path"));
  if (auto f = t.optional_value(k.param("grid_factor"))) {
    if (t.has("grid") || in.spec.year || in.spec.path) {
      t.fail("grid_factor", "an explicit grid_factor excludes grid, year and grid_path");
    }
    in.spec.factor = *f;
  }
  std::optional<int> start;
  if (auto y = t.optional_value(k.param("start_year"))) start = static_cast<int>(*y);
  t.finish();
  // Check each key on its own, so the error points at the one that is wrong.
  if (!in.spec.factor) {
    try {
      (void)find_grid_area(data, in.spec.area);
    } catch (const Error& e) {
      t.fail("grid", e.what());
    }
  }
  if (in.spec.path) {
    if (in.spec.year) {
      t.fail("year", "give either a year (one announced factor) or a grid_path, not both");
    }
    try {
      (void)scenario_grid_path(data, *in.spec.path);
    } catch (const Error& e) {
      t.fail("grid_path", e.what());
    }
  }
  try {
    in.grid = GridFactor::from_spec(in.spec, data);
  } catch (const Error& e) {
    t.fail(in.spec.year ? "year" : "grid", e.what());
  }
  if (in.spec.path && !start) {
    t.fail_here("a grid_path needs start_year, the first year of operation");
  }
  in.start_year = start.value_or(in.spec.year.value_or(in.grid.years().front()));
  return in;
}

RefrigerantUse refrigerant_from_config(ConfigTable& t, const core::DataStore& data,
                                       std::optional<std::string> product_refrigerant,
                                       std::optional<double> product_charge_kg) {
  const core::BlockDecl& k = params::kRefrigerant;
  const Defaults d = Defaults::load(data);
  RefrigerantUse r;
  r.refrigerant = product_refrigerant
                      ? t.optional_text(k.param("name")).value_or(*product_refrigerant)
                      : t.text(k.param("name"));
  r.charge_kg = product_charge_kg ? t.optional_value(k.param("charge")).value_or(*product_charge_kg)
                                  : t.value(k.param("charge"));
  fluids::GwpBasis basis = d.gwp_basis;
  if (auto text = t.optional_text(k.param("gwp_basis"))) {
    try {
      basis = fluids::parse_gwp_basis(*text, "");
    } catch (const InvalidInput& e) {
      t.fail("gwp_basis", e.what());
    }
  }
  if (auto g = t.optional_value(k.param("gwp"))) {
    r.gwp = *g;
  } else {
    try {
      r.gwp = gwp(data, r.refrigerant, basis);
    } catch (const Error& e) {
      t.fail("name", e.what());
    }
  }
  const core::ParamDecl& leak = k.param("leak_rate");
  r.leak_rate = t.has(leak.key) ? number_or_measure(t, leak) : d.leak_rate;
  r.eol_loss = t.optional_value(k.param("eol_loss")).value_or(d.eol_loss);
  t.finish();
  return r;
}

Economics economics_from_config(ConfigTable& t, const core::DataStore& data) {
  const core::BlockDecl& k = params::kEconomics;
  const Defaults d = Defaults::load(data);
  Economics e;
  e.discount_rate = t.value(k.param("discount_rate"));
  e.lifetime_years = years_of(t, k.param("lifetime"));
  if (t.has("capital_per_kw")) {
    if (t.has("hp_type")) t.fail("hp_type", "give capital_per_kw or hp_type, not both");
    e.capital_per_W = t.value(k.param("capital_per_kw"));
  } else if (t.has("hp_type")) {
    std::vector<std::string_view> types;
    for (const auto& [id, v] : d.capital_per_W) types.push_back(id);
    const std::string type = t.text(core::with_choices(k.param("hp_type"), std::move(types)));
    e.capital_per_W = d.capital_per_W.at(type);
  } else {
    t.fail_here("missing required key 'capital_per_kw' (or 'hp_type' for an indicative default)");
  }
  e.capital_fixed = t.value(k.param("capital_fixed"));
  e.om_fraction = t.optional_value(k.param("om_fraction")).value_or(d.om_fraction);
  e.subsidy_per_W = t.value(k.param("subsidy_per_kw"));
  e.subsidy_lump = t.value(k.param("subsidy"));
  t.finish();
  return e;
}

Tariff tariff_from_config(ConfigTable& t, const core::DataStore& data) {
  if (!t.has("preset")) return read_tariff_body(t, "site");
  const std::string name = t.text(params::kTariff.param("preset"));
  t.finish();
  const ConfigDocument doc =
      ConfigDocument::from_text(data.read(kDefaultsPath), std::string(kDefaultsPath));
  ConfigTable root(doc);
  ConfigTable tariffs = root.table("tariffs");
  const std::vector<std::string> known = tariffs.keys();
  if (std::find(known.begin(), known.end(), name) == known.end()) {
    t.fail("preset",
           fmt::format("unknown tariff preset '{}'; presets: {}", name, fmt::join(known, ", ")));
  }
  ConfigTable body = tariffs.table(name);
  return read_tariff_body(body, name);
}

FuelPrices fuel_prices_from_config(ConfigTable& t, const FuelRegistry& reg) {
  FuelPrices p;
  for (const Fuel& f : reg.fuels()) {
    if (!t.has(f.id)) continue;
    const Dimension m = f.basis == FuelBasis::mass     ? Dimension::price_per_mass
                        : f.basis == FuelBasis::volume ? Dimension::price_per_volume
                                                       : Dimension::price_per_energy;
    p[f.id] = measure(t, f.id, m);
  }
  t.finish();
  return p;
}

BaselineInput baseline_from_config(ConfigTable& t, const FuelRegistry& reg) {
  const core::BlockDecl& k = params::kBaselines;
  BaselineInput b;
  std::vector<std::string_view> ids;
  for (const HeatGenerator& g : reg.generators()) ids.push_back(g.id);
  b.generator = reg.generator(t.text(core::with_choices(k.param("generator"), std::move(ids))));
  b.generator.efficiency = t.optional_value(k.param("efficiency")).value_or(b.generator.efficiency);
  b.capital = t.value(k.param("capital"));
  b.annual_om = t.value(k.param("om"));
  b.cooling_eer = t.value(k.param("cooling_eer"));
  t.finish();
  return b;
}

Gbt50801Input gbt50801_from_config(ConfigTable& t, const gbt50801::Constants& k) {
  using gbt50801::Application;
  using gbt50801::Energy;
  const core::BlockDecl& decl = params::kGbt50801;
  Gbt50801Input in;
  const std::string ref = t.text(decl.param("reference"));
  in.reference = ref == "coal"          ? Energy::coal
                 : ref == "natural_gas" ? Energy::natural_gas
                                        : Energy::electricity;
  const std::string app = t.text(decl.param("application"));
  in.application = app == "space_heating" ? Application::space_heating
                   : app == "hot_water"   ? Application::hot_water
                                          : Application::heat_driven_cooling;
  if (auto eta = t.optional_value(decl.param("eta_t"))) {
    in.eta_t = *eta;
  } else {
    try {
      in.eta_t = k.eta(in.reference, in.application);
    } catch (const InvalidInput& e) {
      t.fail("application", e.what());
    }
  }
  const std::string d = t.text(decl.param("electricity_to_coal"));
  if (!d.empty() && (std::isdigit(static_cast<unsigned char>(d.front())) || d.front() == '.')) {
    try {
      in.electricity_to_coal = core::parse_quantity(d, Dimension::coal_per_energy);
    } catch (const Error& e) {
      t.fail("electricity_to_coal", e.what());
    }
    if (!(in.electricity_to_coal > 0.0)) t.fail("electricity_to_coal", "expected a value above 0");
    in.electricity_to_coal_basis = "given";
  } else {
    try {
      in.electricity_to_coal = k.electricity_to_coal_preset(d);
    } catch (const InvalidInput& e) {
      t.fail("electricity_to_coal", e.what());
    }
    in.electricity_to_coal_basis = d;
  }
  {
    constexpr std::string_view kCalorific = "calorific_equivalent";
    constexpr std::string_view kGeneration = "generation_based_2022";
    const std::string_view other =
        in.electricity_to_coal_basis == kCalorific ? kGeneration : kCalorific;
    if (k.electricity_to_coal.contains(other)) {
      in.alternative_basis = std::string(other);
      in.alternative_to_coal = k.electricity_to_coal_preset(other);
    }
  }
  if (auto cap = t.optional_value(decl.param("reference_chiller_capacity"))) {
    in.reference_eer = k.eer_reference(*cap);
  }
  in.conventional_price = t.optional_value(decl.param("conventional_price"));
  in.extra_om = t.value(decl.param("extra_om"));
  in.incremental_cost = t.optional_value(decl.param("incremental_cost"));
  t.finish();
  return in;
}

}  // namespace heatlift::accounting
