#include "heatlift/fleet/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::fleet {
namespace {

using I = Indicator;

// 0 before `from`, 1 from `by` on, linear in between (a step when by == from).
double ramp(double year, int from, int by) {
  if (year < from) return 0.0;
  if (year >= by || by == from) return 1.0;
  return (year - from) / static_cast<double>(by - from);
}

bool applies(const std::vector<std::string>& segments, const std::string& name) {
  return segments.empty() || std::find(segments.begin(), segments.end(), name) != segments.end();
}

// Per-vintage properties fixed at the sales year.
struct Vintage {
  double count = 0.0;     // units still in service
  double retrofit = 0.0;  // share of them retrofitted
  double heat = 0.0;      // J/a per unit
  double inv_spf = 0.0;   // 1/SPF before retrofit
  double inv_cop = 0.0;   // 1/COP at design temperature before retrofit
  double capacity = 0.0;  // W per unit
  double charge = 0.0;    // kg per unit
  double gwp = 0.0;       // kgCO2e/kg
  double hfc_gwp = 0.0;   // kgCO2e/kg of Kigali-controlled HFC
  double fuel_int = 0.0;  // kg CO2 per J heat from replaced fuels
  double elec_int = 0.0;  // J electricity per J heat of replaced electric sources
  double power = 1.0;     // bottom-up: power factor of its map (1 / efficiency)
  double full = 0.0;      // bottom-up: share sized without back-up (less-back-up lever)
};

double survival_ratio(const Weibull& w, int age) {
  const double prev = w.survival(age - 1);
  return prev > 0.0 ? w.survival(age) / prev : 0.0;
}

// The replaced sources' intensities for one heat-source mix.
void source_intensity(const Scenario& sc, const std::map<std::string, double>& mix, double& fuel,
                      double& elec) {
  fuel = 0.0;
  elec = 0.0;
  for (const auto& [name, share] : mix) {
    const HeatSource& src = sc.sources.at(name);
    if (src.electric)
      elec += share / src.efficiency;
    else
      fuel += share * src.emission_factor / src.efficiency;
  }
}

double base_sales(const Segment& seg, int base_year, int t, double previous_base,
                  double retirements) {
  const int n_hist = static_cast<int>(seg.history_sales.size());
  if (t < seg.prehistory_start) return 0.0;
  if (t < seg.history_start) {
    return seg.history_sales.front() / std::pow(1.0 + seg.prehistory_growth, seg.history_start - t);
  }
  if (t - seg.history_start < n_hist) return seg.history_sales[t - seg.history_start];
  const Growth& g = seg.growth;
  switch (g.kind) {
    case GrowthKind::logistic: return g.saturation / (1.0 + std::exp(-g.rate * (t - g.midpoint)));
    case GrowthKind::cagr: {
      double rate = 0.0;
      bool found = false;
      for (const auto& p : g.periods) {
        if (t >= p.from && t <= p.to) {
          rate = p.rate;
          found = true;
        }
      }
      if (!found) {
        throw InvalidInput(
            fmt::format("segments.{}.growth: no CAGR period covers the year {}", seg.name, t));
      }
      return previous_base * (1.0 + rate);
    }
    case GrowthKind::bass: {
      const double pq = g.p + g.q;
      auto F = [&](double tau) {
        const double e = std::exp(-pq * tau);
        return (1.0 - e) / (1.0 + (g.q / g.p) * e);
      };
      const double tau = t - base_year;
      return g.market * (F(tau) - F(tau - 1.0)) + retirements;
    }
  }
  return 0.0;
}

Series empty_series(int n) {
  Series s;
  for (auto& v : s.values) v.assign(static_cast<std::size_t>(n), 0.0);
  return s;
}

Baseline empty_baseline(int n) {
  const auto size = static_cast<std::size_t>(n);
  return {std::vector<double>(size, 0.0), std::vector<double>(size, 0.0)};
}

// One segment's run: the levers that apply to it, the replaced sources' intensities and the
// vintages in service, carried from year to year.
struct SegmentRun {
  const Scenario& sc;
  const Segment& seg;
  const Levers& lv;
  int y0;
  bool eff_on, retro_on, backup_on, gwp_on;
  double base_fuel = 0.0, base_elec = 0.0;
  std::vector<Vintage> vint;
  const UnitVariants* physics = nullptr;  // the national unit (bottom-up runs)
};

// Ageing in year t: natural retirements, then the retrofit lever on units older than
// min_age; the refrigerant lost at their end of life.
struct Ageing {
  double retired = 0.0, retired_early = 0.0, eol_co2e = 0.0;
};

Ageing age_vintages(SegmentRun& run, int t, double recovery) {
  const Levers& lv = run.lv;
  const int y0 = run.y0;
  Ageing a;
  double& retired = a.retired;
  double& retired_early = a.retired_early;
  double& eol_co2e = a.eol_co2e;
  const bool retro_year = run.retro_on && t >= lv.retrofit->from && t <= lv.retrofit->to;
  for (int v = y0; v < t; ++v) {
    Vintage& c = run.vint[static_cast<std::size_t>(v - y0)];
    if (c.count <= 0.0) continue;
    const int age = t - v;
    const double d = c.count * (1.0 - survival_ratio(run.seg.lifetime, age));
    c.count -= d;
    retired += d;
    eol_co2e += d * c.charge * c.gwp * (1.0 - recovery);
    if (retro_year && age > lv.retrofit->min_age) {
      const double e = c.count * lv.retrofit->retire_share;
      c.count -= e;
      retired_early += e;
      eol_co2e += e * c.charge * c.gwp * (1.0 - recovery);
      c.retrofit += (1.0 - c.retrofit) * lv.retrofit->retrofit_share;
    }
  }
  return a;
}

// The year's sales: the growth model's, the coal-boiler programmes' (by the source they
// replace) and the replacements of early retirements.
struct Sales {
  double base = 0.0, coal_units = 0.0, total = 0.0;
  std::map<std::string, double> coal_by_source;
};

Sales sales_of(const SegmentRun& run, int t, double previous_base, const Ageing& aged) {
  Sales s;
  s.base = base_sales(run.seg, run.sc.base_year, t, previous_base, aged.retired);
  for (const auto& c : run.lv.coal_replacement) {
    if (c.segment == run.seg.name && t >= c.from && t <= c.to) {
      s.coal_units += c.units_per_year;
      s.coal_by_source[c.source] += c.units_per_year;
    }
  }
  s.total = s.base + s.coal_units + aged.retired_early;
  return s;
}

// The vintage sold in year t: its heat, efficiency (with the efficiency lever), capacity,
// charge and refrigerant (with the low-GWP lever), and the intensities of what it replaces.
void new_vintage(const SegmentRun& run, int t, double w_gwp, const Sales& s, const Ageing& aged,
                 Vintage& nv) {
  const Scenario& sc = run.sc;
  const Segment& seg = run.seg;
  const Levers& lv = run.lv;
  const double sales = s.total;
  nv.count = sales;
  const double eff =
      run.eff_on && t >= lv.efficiency->from
          ? 1.0 + lv.efficiency->gain * ramp(t, lv.efficiency->from, lv.efficiency->by)
          : 1.0;
  nv.heat = seg.heat_per_unit.at(t);
  nv.inv_spf = 1.0 / (seg.spf.at(t) * eff);
  nv.power = seg.spf.at(sc.base_year) / (seg.spf.at(t) * eff);
  nv.full = run.backup_on
                ? lv.less_backup->reduction * ramp(t, lv.less_backup->from, lv.less_backup->by)
                : 0.0;
  nv.inv_cop = 1.0 / (seg.cop_design.at(t) * eff);
  nv.capacity = seg.capacity.at(t);
  nv.charge = seg.charge.at(t);
  for (const auto& [ref, share_path] : seg.refrigerant_mix) {
    double share = share_path.at(t) * (1.0 - w_gwp);
    const Refrigerant& r = sc.refrigerants.at(ref);
    nv.gwp += share * r.gwp;
    nv.hfc_gwp += share * r.hfc_gwp;
  }
  if (run.gwp_on) {
    for (const auto& [ref, share] : lv.low_gwp->target) {
      const Refrigerant& r = sc.refrigerants.at(ref);
      nv.gwp += w_gwp * share * r.gwp;
      nv.hfc_gwp += w_gwp * share * r.hfc_gwp;
    }
  }
  nv.fuel_int = run.base_fuel;
  nv.elec_int = run.base_elec;
  if (sales > 0.0 && s.coal_units > 0.0) {
    const double w_base = (s.base + aged.retired_early) / sales;
    nv.fuel_int *= w_base;
    nv.elec_int *= w_base;
    for (const auto& [src, units] : s.coal_by_source) {
      double f = 0.0, e = 0.0;
      source_intensity(sc, {{src, 1.0}}, f, e);
      nv.fuel_int += units / sales * f;
      nv.elec_int += units / sales * e;
    }
  }
}

// The year's totals over all vintages in service, into the report's column k.
void year_totals(const SegmentRun& run, int t, std::size_t k, double g, double leak,
                 const Ageing& aged, const Sales& s, const Vintage& nv, SeriesGroup& group) {
  const Segment& seg = run.seg;
  const Levers& lv = run.lv;
  const int y0 = run.y0;
  Series& out = group.series;
  const double sales = s.total;
  double backup = seg.backup_share.at(t);
  double backup_design = seg.backup_design_share.at(t);
  if (run.backup_on) {
    const double cut =
        1.0 - lv.less_backup->reduction * ramp(t, lv.less_backup->from, lv.less_backup->by);
    backup *= cut;
    backup_design *= cut;
  }
  const double retro_gain = run.retro_on ? 1.0 / (1.0 + lv.retrofit->spf_gain) : 1.0;
  double stock = 0.0, capacity = 0.0, heat = 0.0, elec = 0.0, peak = 0.0;
  double replaced_fuel = 0.0, replaced_elec = 0.0;
  double bank = 0.0, bank_co2e = 0.0, bank_hfc = 0.0;
  for (int v = y0; v <= t; ++v) {
    const Vintage& c = run.vint[static_cast<std::size_t>(v - y0)];
    if (c.count <= 0.0) continue;
    const double retro = (1.0 - c.retrofit) + c.retrofit * retro_gain;
    stock += c.count;
    capacity += c.count * c.capacity;
    const double h = c.count * c.heat;
    heat += h;
    elec += h * ((1.0 - backup) * c.inv_spf * retro + backup);
    peak += c.count * c.capacity * seg.design_load_share *
            ((1.0 - backup_design) * c.inv_cop * retro + backup_design);
    replaced_fuel += h * c.fuel_int;
    replaced_elec += h * c.elec_int;
    bank += c.count * c.charge;
    bank_co2e += c.count * c.charge * c.gwp;
    bank_hfc += c.count * c.charge * c.hfc_gwp;
  }
  const double leaks = bank_co2e * leak;
  out[I::sales][k] = sales;
  out[I::retirements][k] = aged.retired + aged.retired_early;
  out[I::stock][k] = stock;
  out[I::capacity][k] = capacity;
  out[I::floor_area][k] = seg.design_heat_load > 0.0 ? capacity / seg.design_heat_load : 0.0;
  out[I::heat][k] = heat;
  out[I::electricity][k] = elec;
  out[I::winter_peak][k] = peak;
  out[I::market_value][k] = sales * seg.price.at(t);
  out[I::co2_reduction_gross][k] = replaced_fuel + (replaced_elec - elec) * g;
  group.baseline.replaced_fuel_co2[k] = replaced_fuel;
  group.baseline.replaced_electricity[k] = replaced_elec;
  out[I::refrigerant_emissions][k] = leaks + aged.eol_co2e;
  out[I::co2_reduction_net][k] = out[I::co2_reduction_gross][k] - out[I::refrigerant_emissions][k];
  out[I::refrigerant_bank][k] = bank;
  out[I::refrigerant_bank_co2e][k] = bank_co2e;
  out[I::hfc_consumption][k] = sales * nv.charge * nv.hfc_gwp + bank_hfc * leak;
}

// Bottom-up: the sums over the vintages in service that the unit's physics multiplies.
void collect_moments(const SegmentRun& run, int t, std::size_t k, StockMoments& m) {
  const double retro_gain = run.retro_on ? 1.0 / (1.0 + run.lv.retrofit->spf_gain) : 1.0;
  for (int v = run.y0; v <= t; ++v) {
    const Vintage& c = run.vint[static_cast<std::size_t>(v - run.y0)];
    if (c.count <= 0.0) continue;
    const double retro = (1.0 - c.retrofit) + c.retrofit * retro_gain;
    const double n[2] = {c.count * (1.0 - c.full), c.count * c.full};
    for (std::size_t i = 0; i < 2; ++i) {
      m.units[i][k] += n[i];
      m.unit_power[i][k] += n[i] * c.power * retro;
      m.fuel[i][k] += n[i] * c.fuel_int;
      m.replaced_electric[i][k] += n[i] * c.elec_int;
    }
  }
}

// The hour of the highest electric load of a group of segments in column k, and that load:
// Σ over segments and sizings of unit_power × unit load + units × other load, hour by hour.
std::pair<double, int> coincident_peak(const std::vector<const StockMoments*>& moments,
                                       const std::vector<const UnitVariants*>& units, std::size_t k,
                                       const CellFactors& f) {
  std::vector<double> load;
  for (std::size_t s = 0; s < moments.size(); ++s)
    add_hourly_load(*moments[s], *units[s], k, f, 1.0, load);
  const auto it = std::max_element(load.begin(), load.end());
  if (it == load.end()) return {0.0, 0};
  return {*it, static_cast<int>(it - load.begin())};
}

// Bottom-up: the indicators the physics gives, in column k, from the national unit.
void physics_totals(const SegmentRun& run, std::size_t k, double g, SeriesGroup& group) {
  const PhysicsTotals t = fleet::physics_totals(group.moments, *run.physics, k, run.sc.cells);
  Series& out = group.series;
  out[I::heat][k] = t.heat;
  out[I::electricity][k] = t.electricity;
  out[I::capacity][k] = t.capacity;
  out[I::floor_area][k] = t.floor_area;
  group.baseline.replaced_fuel_co2[k] = t.replaced_fuel_co2;
  group.baseline.replaced_electricity[k] = t.replaced_electricity;
  out[I::co2_reduction_gross][k] =
      t.replaced_fuel_co2 + (t.replaced_electricity - t.electricity) * g;
  out[I::co2_reduction_net][k] = out[I::co2_reduction_gross][k] - out[I::refrigerant_emissions][k];
  const auto [peak, hour] = coincident_peak({&group.moments}, {run.physics}, k, run.sc.cells);
  out[I::winter_peak][k] = peak;
  group.peak_hour[k] = hour;
}

StockMoments empty_moments(int n) {
  StockMoments m;
  for (auto* a : {&m.units, &m.unit_power, &m.fuel, &m.replaced_electric}) {
    for (auto& v : *a) v.assign(static_cast<std::size_t>(n), 0.0);
  }
  return m;
}

SeriesGroup run_segment(const Scenario& sc, const Segment& seg, int first_year,
                        const UnitVariants* physics) {
  const Levers& lv = sc.levers;
  const int y0 = std::min(seg.prehistory_start, first_year);
  const int yN = sc.end_year;
  const int n_report = yN - first_year + 1;
  SeriesGroup group{seg.name, "segment", empty_series(n_report), empty_baseline(n_report), {}, {}};
  const Path& grid = grid_path(sc);
  SegmentRun run{sc,
                 seg,
                 lv,
                 y0,
                 lv.efficiency && applies(lv.efficiency->segments, seg.name),
                 lv.retrofit && applies(lv.retrofit->segments, seg.name),
                 lv.less_backup && applies(lv.less_backup->segments, seg.name),
                 lv.low_gwp && applies(lv.low_gwp->segments, seg.name),
                 0.0,
                 0.0,
                 std::vector<Vintage>(static_cast<std::size_t>(yN - y0 + 1)),
                 physics};
  if (physics != nullptr) {
    group.moments = empty_moments(n_report);
    group.peak_hour.assign(static_cast<std::size_t>(n_report), 0);
  }
  source_intensity(sc, seg.replaced, run.base_fuel, run.base_elec);

  double previous_base = 0.0;
  for (int t = y0; t <= yN; ++t) {
    const std::size_t it = static_cast<std::size_t>(t - y0);
    const double w_gwp = run.gwp_on ? ramp(t, lv.low_gwp->from, lv.low_gwp->by) : 0.0;
    double leak = seg.leak_rate.at(t);
    double recovery = seg.eol_recovery.at(t);
    if (run.gwp_on && lv.low_gwp->leak_rate >= 0.0) leak += w_gwp * (lv.low_gwp->leak_rate - leak);
    if (run.gwp_on && lv.low_gwp->eol_recovery >= 0.0)
      recovery += w_gwp * (lv.low_gwp->eol_recovery - recovery);
    const Ageing aged = age_vintages(run, t, recovery);
    const Sales s = sales_of(run, t, previous_base, aged);
    previous_base = s.base;
    Vintage& nv = run.vint[it];
    new_vintage(run, t, w_gwp, s, aged, nv);
    if (t < first_year) continue;
    const auto k = static_cast<std::size_t>(t - first_year);
    year_totals(run, t, k, grid.at(t), leak, aged, s, nv, group);
    if (physics != nullptr) {
      collect_moments(run, t, k, group.moments);
      physics_totals(run, k, grid.at(t), group);
    }
  }
  return group;
}

void add_into(std::vector<double>& sum, const std::vector<double>& v) {
  for (std::size_t k = 0; k < v.size(); ++k) sum[k] += v[k];
}

// An indicator shown in `unit`; one unit's SI value comes from the unit registry.
IndicatorInfo indicator(Indicator id, std::string_view name, std::string_view unit,
                        std::string_view description) {
  return {id, name, unit, core::unit(unit).factor, description};
}

}  // namespace

PhysicsTotals physics_totals(const StockMoments& m, const UnitVariants& u, std::size_t k,
                             const CellFactors& f, double share) {
  PhysicsTotals t;
  const double h = f.heat * share;
  for (std::size_t v = 0; v < 2; ++v) {
    const double n = h * m.units[v][k];
    t.heat += n * u[v].heat;
    t.electricity += h / f.efficiency * m.unit_power[v][k] * u[v].unit_electricity +
                     n * (u[v].aux_electricity + u[v].backup_electricity);
    t.capacity += n * u[v].capacity;
    t.floor_area += share * m.units[v][k] * u[v].floor_area;
    t.replaced_fuel_co2 += h * m.fuel[v][k] * u[v].heat;
    t.replaced_electricity += h * m.replaced_electric[v][k] * u[v].heat;
  }
  return t;
}

void add_hourly_load(const StockMoments& m, const UnitVariants& u, std::size_t k,
                     const CellFactors& f, double share, std::vector<double>& load) {
  const double h = f.heat * share;
  for (std::size_t v = 0; v < 2; ++v) {
    const double a = h / f.efficiency * m.unit_power[v][k], c = h * m.units[v][k];
    if (a == 0.0 && c == 0.0) continue;
    const UnitPhysics& x = u[v];
    if (load.size() < x.unit_load.size()) load.resize(x.unit_load.size(), 0.0);
    for (std::size_t hr = 0; hr < x.unit_load.size(); ++hr) {
      load[hr] += a * x.unit_load[hr] + c * x.other_load[hr];
    }
  }
}

void add_into(SeriesGroup& sum, const SeriesGroup& g) {
  for (std::size_t i = 0; i < kIndicatorCount; ++i)
    add_into(sum.series.values[i], g.series.values[i]);
  add_into(sum.baseline.replaced_fuel_co2, g.baseline.replaced_fuel_co2);
  add_into(sum.baseline.replaced_electricity, g.baseline.replaced_electricity);
  if (!sum.moments.empty() && !g.moments.empty()) {
    for (std::size_t v = 0; v < 2; ++v) {
      add_into(sum.moments.units[v], g.moments.units[v]);
      add_into(sum.moments.unit_power[v], g.moments.unit_power[v]);
      add_into(sum.moments.fuel[v], g.moments.fuel[v]);
      add_into(sum.moments.replaced_electric[v], g.moments.replaced_electric[v]);
    }
  }
}

const std::array<IndicatorInfo, kIndicatorCount>& indicators() {
  static const std::array<IndicatorInfo, kIndicatorCount> table{{
      indicator(I::sales, "sales", "10^4 units/a", "units sold in the year"),
      indicator(I::retirements, "retirements", "10^4 units/a", "units leaving service in the year"),
      indicator(I::stock, "stock", "10^4 units", "units in service at the end of the year"),
      indicator(I::capacity, "capacity", "GW", "installed heating capacity"),
      indicator(I::floor_area, "floor_area", "10^8 m2", "heated floor area served (space heating)"),
      indicator(I::heat, "heat", "TWh/a", "heat delivered"),
      indicator(I::electricity, "electricity", "TWh/a", "electricity used, incl. electric back-up"),
      indicator(I::winter_peak, "winter_peak", "GW",
                "electric demand at the design outdoor temperature"),
      indicator(I::market_value, "market_value", "10^8 CNY/a", "value of the year's sales"),
      indicator(I::co2_reduction_gross, "co2_reduction_gross", "MtCO2/a",
                "CO2 avoided against the replaced heat sources"),
      indicator(I::refrigerant_emissions, "refrigerant_emissions", "MtCO2e/a",
                "refrigerant leaks and end-of-life losses"),
      indicator(I::co2_reduction_net, "co2_reduction_net", "MtCO2e/a",
                "CO2 avoided less refrigerant emissions"),
      indicator(I::refrigerant_bank, "refrigerant_bank", "kt", "refrigerant in units in service"),
      indicator(I::refrigerant_bank_co2e, "refrigerant_bank_co2e", "MtCO2e",
                "refrigerant in service, as CO2e"),
      indicator(I::hfc_consumption, "hfc_consumption", "MtCO2e/a",
                "Kigali-controlled HFCs charged into new units and refilled after leaks"),
      indicator(I::kigali_allowance, "kigali_allowance", "MtCO2e/a",
                "the fleet's baseline HFC consumption times the Kigali Article 5 Group 1 step"),
  }};
  return table;
}

const IndicatorInfo& info(Indicator i) {
  return indicators()[static_cast<std::size_t>(i)];
}

const SeriesGroup& Results::group(std::string_view name) const {
  for (const auto& g : groups) {
    if (g.name == name) return g;
  }
  throw DataMissing(fmt::format("no result group '{}' in scenario '{}'", name, scenario));
}

double Results::value(std::string_view name, Indicator i, int year) const {
  if (year < first_year || year > last_year) {
    throw OutOfRange(
        fmt::format("year {} is outside the results {}..{}", year, first_year, last_year));
  }
  return group(name).series[i][static_cast<std::size_t>(year - first_year)];
}

namespace {

// Bottom-up: the winter peak of an end use or the total is the highest hour of its
// segments' summed load, not the sum of their peaks.
void coincident_group_peaks(const Scenario& sc, const FleetPhysics& physics,
                            const std::vector<SeriesGroup>& segments, SeriesGroup& sh,
                            SeriesGroup& hw, SeriesGroup& total) {
  for (SeriesGroup* sum : {&sh, &hw, &total}) {
    std::vector<const StockMoments*> moments;
    std::vector<const UnitVariants*> units;
    for (std::size_t si = 0; si < sc.segments.size(); ++si) {
      const bool heating = sc.segments[si].end_use == EndUse::space_heating;
      if (sum == &total || (sum == &sh) == heating) {
        moments.push_back(&segments[si].moments);
        units.push_back(&physics.national[si]);
      }
    }
    for (std::size_t k = 0; k < sum->peak_hour.size(); ++k) {
      const auto [peak, hour] = coincident_peak(moments, units, k, sc.cells);
      sum->series[I::winter_peak][k] = peak;
      sum->peak_hour[k] = hour;
    }
  }
}

}  // namespace

Results run(const Scenario& sc, const FleetPhysics* physics) {
  Results r;
  r.scenario = sc.name;
  r.title = sc.title;
  r.first_year = sc.base_year;
  for (const auto& s : sc.segments) r.first_year = std::min(r.first_year, s.history_start);
  r.last_year = sc.end_year;
  r.milestones = sc.milestones;
  const int n = r.years();

  SeriesGroup sh{"space_heating", "end_use", empty_series(n), empty_baseline(n), {}, {}};
  SeriesGroup hw{"hot_water", "end_use", empty_series(n), empty_baseline(n), {}, {}};
  SeriesGroup total{"total", "total", empty_series(n), empty_baseline(n), {}, {}};
  if (physics != nullptr) {
    r.bottom_up = true;
    if (physics->segments.size() != sc.segments.size()) {
      throw InternalError(fmt::format("fleet physics of {} segments for a scenario of {}",
                                      physics->segments.size(), sc.segments.size()));
    }
    for (SeriesGroup* g : {&sh, &hw, &total}) {
      g->moments = empty_moments(n);
      g->peak_hour.assign(static_cast<std::size_t>(n), 0);
    }
  }
  for (std::size_t si = 0; si < sc.segments.size(); ++si) {
    const Segment& seg = sc.segments[si];
    SeriesGroup g =
        run_segment(sc, seg, r.first_year, physics != nullptr ? &physics->national[si] : nullptr);
    add_into(seg.end_use == EndUse::space_heating ? sh : hw, g);
    add_into(total, g);
    r.groups.push_back(std::move(g));
  }
  if (physics != nullptr) coincident_group_peaks(sc, *physics, r.groups, sh, hw, total);

  // Kigali: the fleet's own baseline consumption stepped down by the schedule.
  const auto& hfc = total.series[I::hfc_consumption];
  double baseline = 0.0;
  int count = 0;
  for (int y = sc.kigali.baseline_from; y <= sc.kigali.baseline_to; ++y) {
    if (y < r.first_year || y > r.last_year) continue;
    baseline += hfc[static_cast<std::size_t>(y - r.first_year)];
    ++count;
  }
  if (count > 0) baseline /= count;
  auto& allowance = total.series[I::kigali_allowance];
  for (int y = r.first_year; y <= r.last_year; ++y) {
    double share = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < sc.kigali.step_years.size(); ++i) {
      if (y >= sc.kigali.step_years[i]) share = sc.kigali.step_share[i];
    }
    allowance[static_cast<std::size_t>(y - r.first_year)] = baseline * share;
  }
  for (auto* g : {&sh, &hw}) {
    std::fill(g->series[I::kigali_allowance].begin(), g->series[I::kigali_allowance].end(),
              std::numeric_limits<double>::quiet_NaN());
  }
  for (auto& g : r.groups) {
    std::fill(g.series[I::kigali_allowance].begin(), g.series[I::kigali_allowance].end(),
              std::numeric_limits<double>::quiet_NaN());
  }
  r.groups.push_back(std::move(sh));
  r.groups.push_back(std::move(hw));
  r.groups.push_back(std::move(total));
  return r;
}

}  // namespace heatlift::fleet
