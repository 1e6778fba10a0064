#include "heatlift/report/monitor_json.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "heatlift/climate/place.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::report {

namespace op = operations;

namespace {

// The expected-performance sums of the rows of one period.
struct PeriodExpected {
  double q = 0, e = 0, qe = 0, pe = 0;
  std::size_t ok = 0;
};

PeriodExpected sum_expected(const op::Series& s, const op::ExpectedResult& r, std::int64_t from,
                            std::int64_t to) {
  PeriodExpected p;
  const auto& st = r.intervals.status;
  const auto first = std::lower_bound(s.t.begin(), s.t.end(), from);
  for (auto i = static_cast<std::size_t>(first - s.t.begin()); i < s.size() && s.t[i] < to; ++i) {
    if (st[i] != op::ExpectedStatus::ok) continue;
    const double dt = s.dt[i];
    p.q += s[op::Channel::heat_hp][i] * dt;
    p.e += s[op::Channel::elec_unit][i] * dt;
    p.qe += r.intervals.heat[i] * dt;
    p.pe += r.intervals.power[i] * dt;
    ++p.ok;
  }
  return p;
}

op::Metric spf_expected(const PeriodExpected& p) {
  if (p.ok == 0) return op::Metric::none("no interval with an expected value");
  if (!(p.pe > 0.0) || !(p.qe > 0.0)) return op::Metric::none("no expected heat");
  return op::Metric::of(p.qe / p.pe);
}

op::Metric residual(const PeriodExpected& p) {
  if (p.ok == 0 || !(p.pe > 0.0) || !(p.qe > 0.0) || !(p.e > 0.0)) {
    return op::Metric::none("no interval with an expected value");
  }
  return op::Metric::of((p.q / p.e) / (p.qe / p.pe) - 1.0);
}

}  // namespace

nlohmann::json metric_json(const op::Metric& m) {
  if (m.value) return {{"value", *m.value}};
  return {{"value", nullptr}, {"reason", m.reason}};
}

UnitKpis unit_kpis(const op::Series& rows, const op::UnitMeta& unit, op::Period period,
                   const op::ExpectedOptions& options, const equipment::ProductLibrary* products) {
  UnitKpis out;
  out.kpis = op::kpis_by_period(rows, unit, period, options.kpi);
  try {
    const op::UnitModel model = op::resolve_model(unit, products);
    out.expected = op::expected_performance(rows, unit, model, options);
  } catch (const Error& e) {
    out.why_not = e.what();
  }
  for (const op::Kpis& k : out.kpis) {
    if (out.expected) {
      const PeriodExpected pe = sum_expected(rows, *out.expected, k.from, k.to);
      out.spf_expected.push_back(spf_expected(pe));
      out.residual.push_back(residual(pe));
    } else {
      out.spf_expected.push_back(op::Metric::none(out.why_not));
      out.residual.push_back(op::Metric::none(out.why_not));
    }
  }
  return out;
}

nlohmann::json unit_kpis_json(const UnitKpis& k, const op::UnitMeta& unit,
                              std::string_view period) {
  nlohmann::json periods = nlohmann::json::array();
  for (std::size_t i = 0; i < k.kpis.size(); ++i) {
    nlohmann::json j = op::to_json(k.kpis[i]);
    j["spf_expected"] = metric_json(k.spf_expected[i]);
    j["residual"] = metric_json(k.residual[i]);
    periods.push_back(j);
  }
  nlohmann::json u = {{"id", unit.id}, {"type", unit.type}, {"period", period}, {"kpis", periods}};
  if (k.expected) {
    u["expected"] = op::to_json(*k.expected);
  } else {
    u["expected"] = {{"value", nullptr}, {"reason", k.why_not}};
  }
  return u;
}

std::string expected_note(const UnitKpis& k, const op::UnitMeta& unit) {
  if (!k.expected) return fmt::format("unit {}: no expected performance: {}", unit.id, k.why_not);
  const auto& t = k.expected->trend;
  if (t.slope_per_year.value) {
    return fmt::format(
        "unit {}: residual trend {:+.1f} %/year ± {:.1f} (1 s.e., {} months); {} intervals "
        "outside the map, {} not measured",
        unit.id, 100.0 * *t.slope_per_year.value, 100.0 * t.standard_error.value.value_or(0.0),
        t.months, k.expected->intervals.outside_map, k.expected->intervals.not_measured);
  }
  return fmt::format("unit {}: no residual trend: {}; {} intervals outside the map", unit.id,
                     t.slope_per_year.reason, k.expected->intervals.outside_map);
}

UnitFindings unit_findings(const op::Series& rows, const op::UnitMeta& unit,
                           const core::DataStore& data, const equipment::ProductLibrary& products,
                           const op::FindingOptions& options) {
  UnitFindings out;
  std::optional<op::UnitModel> model;
  try {
    model = op::resolve_model(unit, &products);
  } catch (const Error& e) {
    out.model_note = e.what();  // rules that need the map are skipped with this reason
  }
  op::UnitContext context;
  context.model = model ? &*model : nullptr;
  if (!unit.place.empty()) {
    try {
      context.t_out_design = climate::find_place(data, unit.place).heating_design_temperature();
    } catch (const DataMissing&) {
      // the curve and oversizing rules say they were skipped
    }
  }
  out.diagnosis = op::diagnose(rows, unit, context, options);
  return out;
}

nlohmann::json unit_findings_json(const UnitFindings& f, const op::UnitMeta& unit, std::size_t rows,
                                  const op::FindingCatalogue& catalogue, op::Language lang) {
  nlohmann::json skipped = nlohmann::json::array();
  for (const op::Skipped& s : f.diagnosis.skipped) {
    const bool no_model = s.code == op::FindingCode::degradation && !f.model_note.empty();
    skipped.push_back({{"code", std::string(op::to_string(s.code))},
                       {"reason", no_model ? f.model_note : s.reason}});
  }
  nlohmann::json findings = nlohmann::json::array();
  for (const op::Finding& x : f.diagnosis.findings)
    findings.push_back(op::to_json(x, catalogue, lang));
  return {{"unit", unit.id}, {"rows", rows}, {"findings", findings}, {"skipped", skipped}};
}

}  // namespace heatlift::report
