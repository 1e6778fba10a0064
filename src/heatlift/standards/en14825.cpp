#include "heatlift/standards/en14825.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::standards {
namespace {

constexpr double kSeasonEnd = 16.0 + core::kZeroCelsius;  // pl = 0 at 16 °C, K
/// How far a declared capacity at or above Tbiv may fall short of the load before the rating
/// warns about it (heatlift's tolerance for rounding in test reports; docs/rating.md). The
/// back-up heater covers any shortfall in the bins either way.
constexpr double kCapacityTolerance = 0.05;

std::string celsius(double t) {
  return core::format_quantity(t, "°C", 3);
}
std::string kw(double w) {
  return core::format_quantity(w, "kW", 4);
}

// Cycling degradation where the unit is larger than the load (CR = Ph/Pdh < 1): water
// units COP·CR/(Cd·CR + 1 − Cd) (Cd = 1: none); air-to-air units COP·(1 − Cd·(1 − CR))
// (Cd = 0: none).
double degrade(double cop, double load, double capacity, double cd, bool air_to_air) {
  if (capacity <= load) return cop;
  const double cr = load / capacity;
  return air_to_air ? cop * (1.0 - cd * (1.0 - cr)) : cop * cr / (cd * cr + 1.0 - cd);
}

}  // namespace

std::string_view to_string(UnitType t) {
  switch (t) {
    case UnitType::air_to_water: return "air_to_water";
    case UnitType::air_to_air: return "air_to_air";
    case UnitType::water_to_water: return "water_to_water";
    case UnitType::brine_to_water: return "brine_to_water";
  }
  return "air_to_water";
}

UnitType parse_unit_type(std::string_view text, std::string_view field) {
  for (UnitType t : {UnitType::air_to_water, UnitType::air_to_air, UnitType::water_to_water,
                     UnitType::brine_to_water}) {
    if (text == to_string(t)) return t;
  }
  throw InvalidInput(fmt::format(
      "{}: '{}' is not a unit type; expected air_to_water, air_to_air, water_to_water or "
      "brine_to_water",
      field, text));
}

std::string_view to_string(CapacityControl c) {
  switch (c) {
    case CapacityControl::fixed: return "fixed";
    case CapacityControl::staged: return "staged";
    case CapacityControl::variable: return "variable";
  }
  return "variable";
}

CapacityControl parse_capacity_control(std::string_view text, std::string_view field) {
  if (text == "fixed" || text == "on/off" || text == "on_off") return CapacityControl::fixed;
  if (text == "staged") return CapacityControl::staged;
  if (text == "variable") return CapacityControl::variable;
  throw InvalidInput(
      fmt::format("{}: '{}' is not a capacity control; expected fixed (on/off), staged or variable",
                  field, text));
}

std::string_view application_text(std::string_view a) {
  if (a == "low") return "low-temperature application (35 °C)";
  if (a == "medium") return "medium-temperature application (55 °C)";
  return "";
}

std::string parse_application(std::string_view text, std::string_view field) {
  if (text == "low" || text == "35 C" || text == "35C") return "low";
  if (text == "medium" || text == "55 C" || text == "55C") return "medium";
  throw InvalidInput(fmt::format(
      "{}: '{}' is not an application; expected low (35 °C) or medium (55 °C)", field, text));
}

double equivalent_hours(const Climate& c) {
  double h = 0.0;
  for (const auto& [t, hours] : c.bins) h += hours * (t - kSeasonEnd) / (c.t_design - kSeasonEnd);
  return h;
}

std::vector<std::pair<std::string, double>> required_conditions(const En14825Data& data,
                                                                const En14825Input& in) {
  const Climate& c = data.climate(in.climate, in.field + ".climate");
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [name, t] : data.conditions) {
    if (t >= c.t_design - 1e-9 && t >= in.tol - 1e-9) out.emplace_back(name, t);
  }
  out.emplace_back("TOL", in.tol);
  out.emplace_back("Tbiv", in.t_biv);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  // One test where two conditions share a temperature (e.g. Tbiv = -7 °C = A).
  std::vector<std::pair<std::string, double>> unique;
  for (const auto& p : out) {
    if (!unique.empty() && std::abs(unique.back().second - p.second) < 1e-6) {
      unique.back().first += "=" + p.first;
    } else {
      unique.push_back(p);
    }
  }
  return unique;
}

namespace {

// pl: 1 at the climate's design temperature, 0 at 16 °C.
double part_load(const Climate& climate, double t) {
  return (t - kSeasonEnd) / (climate.t_design - kSeasonEnd);
}

void check_input(const En14825Input& in) {
  const std::string& f = in.field;
  if (!std::isfinite(in.design_load) || in.design_load <= 0.0)
    throw InvalidInput(
        fmt::format("{}.design_load = {}: expected a design load > 0 kW", f, kw(in.design_load)));
  if (in.tol > in.t_biv + 1e-9)
    throw InvalidInput(fmt::format(
        "{}.tol = {} is above the bivalent temperature t_biv = {}; expected TOL <= Tbiv", f,
        celsius(in.tol), celsius(in.t_biv)));
  if (in.t_biv >= kSeasonEnd)
    throw InvalidInput(fmt::format("{}.t_biv = {}: expected a bivalent temperature below 16 °C", f,
                                   celsius(in.t_biv)));
  for (auto [name, p] : {std::pair{"p_off", in.p_off}, std::pair{"p_to", in.p_to},
                         std::pair{"p_sb", in.p_sb}, std::pair{"p_ck", in.p_ck}}) {
    if (!std::isfinite(p) || p < 0.0)
      throw InvalidInput(fmt::format("{}.{} = {}: expected a power >= 0 W", f, name,
                                     core::format_quantity(p, "W")));
  }
}

// The cycling coefficient: the product's own, or the standard's default for its unit type.
void cycling_coefficient(const En14825Data& data, const En14825Input& in, bool air_to_air,
                         En14825Result& r) {
  const std::string& f = in.field;
  if (in.cd) {
    if (*in.cd < 0.0 || *in.cd > 1.0)
      throw InvalidInput(
          fmt::format("{}.cd = {}: expected a cycling coefficient 0 to 1", f, *in.cd));
    r.cd = *in.cd;
    r.cd_confidence = Confidence::c1;  // declared by the product's own test
  } else {
    const Sourced& d = air_to_air ? data.cd_air_to_air : data.cd_air_to_water;
    r.cd = d.value;
    r.cd_confidence = d.confidence;
    r.cd_default = true;
  }
}

// The unit at the standard's conditions: temperatures, capacities, COPs corrected for
// cycling, and (for a fixed-capacity unit, degraded bin by bin) the declared COPs and the
// Cd of each condition.
struct Conditions {
  std::vector<double> ct, ccap, ccop, cop_declared, cd;
};

Conditions rate_conditions(const En14825Data& data, const En14825Input& in,
                           const HeatingPerformance& unit, const Climate& climate, bool air_to_air,
                           En14825Result& r) {
  const std::string& f = in.field;
  Conditions out;
  for (const auto& [name, t] : required_conditions(data, in)) {
    const Performance p = unit.at({t, std::nan(""), part_load(climate, t)});
    if (!std::isfinite(p.cop) || p.cop <= 0.0)
      throw InvalidInput(fmt::format("{}: COP at condition {} ({}) is {}; expected > 0", f, name,
                                     celsius(t), p.cop));
    if (!std::isfinite(p.capacity) || p.capacity <= 0.0)
      throw InvalidInput(fmt::format("{}: capacity at condition {} ({}) is {}; expected > 0", f,
                                     name, celsius(t), kw(p.capacity)));
    const double load = in.design_load * part_load(climate, t);
    if (t >= in.t_biv - 1e-9 && p.capacity < load * (1.0 - kCapacityTolerance)) {
      r.warnings.push_back(fmt::format(
          "capacity at condition {} ({}) is {}, below the part load Pdesignh·pl = {} "
          "(design_load = {}) at or above t_biv = {}: the electric back-up heater (COP 1) "
          "covers the {} deficit; check design_load, t_biv and the point",
          name, celsius(t), kw(p.capacity), kw(load), kw(in.design_load), celsius(in.t_biv),
          kw(load - p.capacity)));
    }
    const double cd = p.cdh ? *p.cdh : r.cd;
    if (cd < 0.0 || cd > 1.0)
      throw InvalidInput(fmt::format("{}: Cdh at condition {} ({}) is {}; expected 0 to 1", f, name,
                                     celsius(t), cd));
    ConditionResult c{name,
                      t,
                      load,
                      p.capacity,
                      p.cop,
                      degrade(p.cop, load, p.capacity, cd, air_to_air),
                      std::max(0.0, load - p.capacity),
                      cd,
                      p.cdh.has_value()};
    out.ct.push_back(t);
    out.ccap.push_back(c.capacity);
    out.ccop.push_back(c.cop_corrected);
    out.cop_declared.push_back(c.cop_declared);
    out.cd.push_back(c.cd);
    r.conditions.push_back(c);
  }
  return out;
}

// y between the conditions, linear; held beyond the first and last (the bin is then
// extrapolated).
double interpolate(const std::vector<double>& ct, const std::vector<double>& y, double t,
                   Validity& v) {
  if (t <= ct.front()) {
    if (t < ct.front() - 1e-9) v = Validity::extrapolated;
    return y.front();
  }
  if (t >= ct.back()) {
    if (t > ct.back() + 1e-9) v = Validity::extrapolated;
    return y.back();
  }
  const auto hi = static_cast<std::size_t>(std::upper_bound(ct.begin(), ct.end(), t) - ct.begin());
  const double w = (t - ct[hi - 1]) / (ct[hi] - ct[hi - 1]);
  return y[hi - 1] + w * (y[hi] - y[hi - 1]);
}

// The season's sums over the bins (hours × W).
struct BinTotals {
  double q_bins = 0.0, e_on = 0.0, q_hp = 0.0, e_hp = 0.0, backup = 0.0;
};

// The unit's COP in a bin at capacity `capacity` and load `load`: a fixed-capacity unit
// cycles at this bin's own CR, from the declared (full-capacity) COP and Cd interpolated
// to the bin; a staged or variable unit's part-load COPs, already degraded at the
// conditions where it still cycles, are interpolated.
double bin_cop(const En14825Input& in, const Conditions& c, double t, double load, double capacity,
               bool air_to_air, Validity& v) {
  if (in.capacity_control != CapacityControl::fixed) return interpolate(c.ct, c.ccop, t, v);
  const double cop = interpolate(c.ct, c.cop_declared, t, v);
  const double cd = interpolate(c.ct, c.cd, t, v);
  return degrade(cop, load, capacity, cd, air_to_air);
}

// Each bin: its load, what the unit covers at its capacity and COP, the back-up for the rest.
BinTotals rate_bins(const En14825Input& in, const Climate& climate, const Conditions& c,
                    bool air_to_air, En14825Result& r) {
  BinTotals s;
  for (const auto& [t, hours] : climate.bins) {
    BinResult b;
    b.t = t;
    b.hours = hours;
    b.part_load = part_load(climate, t);
    b.load = in.design_load * b.part_load;
    double heat_hp = 0.0, power_hp = 0.0;
    if (t < in.tol - 1e-9) {
      b.backup = b.load;  // below the operation limit the back-up heater does it all
    } else {
      b.capacity = interpolate(c.ct, c.ccap, t, b.validity);
      b.cop = bin_cop(in, c, t, b.load, b.capacity, air_to_air, b.validity);
      heat_hp = std::min(b.capacity, b.load);
      b.backup = b.load - heat_hp;
      power_hp = heat_hp / b.cop;
    }
    b.power = power_hp + b.backup;
    if (b.validity == Validity::extrapolated) ++r.extrapolated_bins;
    s.q_bins += hours * b.load;
    s.e_on += hours * b.power;
    s.q_hp += hours * heat_hp;
    s.e_hp += hours * power_hp;
    s.backup += hours * b.backup;
    r.bins.push_back(b);
  }
  return s;
}

// The thermostat-off, standby, crankcase-heater and off-mode terms H·P: the climate's hours
// of a heating-only unit, or of a reversible one when the declaration says so.
void off_mode_terms(const En14825Data& data, const En14825Input& in, const Climate& climate,
                    En14825Result& r) {
  constexpr double kHour = 3600.0;
  if (in.reversible) {
    r.off_modes = {{"TO", climate.h_to_reversible, in.p_to, 0.0},
                   {"SB", climate.h_sb_reversible, in.p_sb, 0.0},
                   {"CK", climate.h_ck_reversible, in.p_ck, 0.0},
                   {"OFF", climate.h_off_reversible, in.p_off, 0.0}};
    r.off_hours_confidence = climate.off_hours_reversible_confidence;
  } else {
    r.off_modes = {{"TO", climate.h_to, in.p_to, 0.0},
                   {"SB", climate.h_sb, in.p_sb, 0.0},
                   {"CK", climate.h_ck, in.p_ck, 0.0},
                   {"OFF", climate.h_off, in.p_off, 0.0}};
    r.off_hours_confidence = climate.off_hours_confidence;
  }
  r.off_mode_energy = 0.0;
  for (auto& m : r.off_modes) {
    m.energy = m.hours * m.power * kHour;
    r.off_mode_energy += m.energy;
  }
  const std::string hours_from =
      in.reversible ? fmt::format(
                          "a reversible unit's (heating and cooling) HTO, HSB, HCK, HOFF of the {} "
                          "climate: {}, in data/standards/en14825.toml ({})",
                          climate.name, data.reversible_clause, to_string(r.off_hours_confidence))
                    : fmt::format(
                          "HTO, HSB, HCK, HOFF of the {} climate: Annex A, Tables A.4 and A.6, in "
                          "data/standards/en14825.toml ({})",
                          climate.name, to_string(r.off_hours_confidence));
  r.off_mode_clause = fmt::format(
      "SCOP = QH / (QH/SCOPon + HTO·PTO + HSB·PSB + HCK·PCK + HOFF·POFF), {} formula (18), "
      "SCOPon formula (19), as transcribed (C2); {}",
      data.standard, hours_from);
}

// SCOPon, SCOPnet, SCOP with the off modes, ηs, and the confidence and clause of the result.
void seasonal_figures(const En14825Data& data, const En14825Input& in, const Climate& climate,
                      bool air_to_air, const BinTotals& s, En14825Result& r) {
  constexpr double kHour = 3600.0;
  r.scop_on = s.q_bins / s.e_on;
  r.scop_net = s.e_hp > 0.0 ? s.q_hp / s.e_hp : 0.0;
  r.qh = in.design_load * r.hhe * kHour;
  off_mode_terms(data, in, climate, r);
  r.electricity = r.qh / r.scop_on + r.off_mode_energy;
  r.scop = r.qh / r.electricity;
  r.backup_heat = s.backup * kHour;
  r.cc = data.cc.value;
  const bool water_source =
      in.unit_type == UnitType::water_to_water || in.unit_type == UnitType::brine_to_water;
  r.eta_s =
      r.scop / data.cc.value - data.f1.value - (water_source ? data.f2_water_source.value : 0.0);
  r.confidence = weakest(weakest(climate.bins_confidence, data.part_load_confidence),
                         weakest(data.cycling_confidence, r.cd_confidence));
  r.confidence = weakest(r.confidence, r.off_hours_confidence);
  if (air_to_air) r.confidence = weakest(r.confidence, data.air_to_air_formula_confidence);
  r.clause = fmt::format("{} bin method (§8, Annex H); {} climate bins: {}; HHE {} h: {}",
                         data.standard, climate.name, climate.bins_clause, r.hhe,
                         air_to_air ? climate.hhe_air_to_air_clause : climate.hhe_clause);
}

std::string part_load_clause(CapacityControl c) {
  if (c == CapacityControl::fixed)
    return "fixed capacity (on/off): Pdh and COPd interpolated to each bin, the cycling "
           "degradation taken there at the bin's CR = Ph(Tj)/Pdh(Tj) (EN 14825:2018 §8, as "
           "read in issue 16; the clause text was not at hand)";
  return fmt::format(
      "{} capacity: each condition's COP is the declared one at the part load, degraded for "
      "cycling only where the declared capacity still exceeds the load, then interpolated to "
      "the bins (EN 14825:2018 §8 and Annex H, as transcribed, C2)",
      to_string(c));
}

}  // namespace

En14825Result rate_en14825(const En14825Data& data, const En14825Input& in,
                           const HeatingPerformance& unit) {
  const Climate& climate = data.climate(in.climate, in.field + ".climate");
  check_input(in);
  En14825Result r;
  r.standard = data.standard;
  r.climate = climate.name;
  r.application = in.application;
  r.t_design = climate.t_design;
  const bool air_to_air = in.unit_type == UnitType::air_to_air;
  // An air conditioner's QH uses Reg. 206/2012's equivalent hours, a heat pump space
  // heater's Reg. 811/2013's; SCOPon is the bins' either way.
  r.hhe = air_to_air ? climate.hhe_air_to_air : climate.hhe;
  r.hhe_bins = equivalent_hours(climate);
  cycling_coefficient(data, in, air_to_air, r);
  const Conditions conditions = rate_conditions(data, in, unit, climate, air_to_air, r);
  // Every condition with its own Cdh: the default (and its confidence) played no part.
  if (std::all_of(r.conditions.begin(), r.conditions.end(),
                  [](const ConditionResult& c) { return c.cd_declared; })) {
    r.cd_default = false;
    r.cd_confidence = Confidence::c1;
  }
  r.capacity_control = in.capacity_control;
  r.part_load_clause = part_load_clause(in.capacity_control);
  const BinTotals totals = rate_bins(in, climate, conditions, air_to_air, r);
  seasonal_figures(data, in, climate, air_to_air, totals, r);
  return r;
}

}  // namespace heatlift::standards
