// heatlift._core monitor bindings: a store of monitoring data (SQLite file or PostgreSQL,
// operations::open_store), its units, a unit's rows as columns with their SI units in the
// names, and the unit's KPIs per calendar period (China Standard Time) with its expected
// performance.
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include <fmt/format.h>

#include "heatlift/operations/expected.hpp"
#include "heatlift/operations/findings.hpp"
#include "heatlift/operations/kpi.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/python/bindings.hpp"
#include "heatlift/report/monitor_json.hpp"

namespace heatlift::python {
namespace {

namespace op = operations;

// The store of one url. A store is one connection: the calls on it take turns.
struct StoreHandle {
  std::string url;
  std::unique_ptr<op::Store> store;
  std::mutex mutex;
};

// A channel's column: its canonical name with its SI unit (telemetry.hpp).
std::string column_name(op::Channel c) {
  switch (c) {
    case op::Channel::elec_unit:
    case op::Channel::elec_source:
    case op::Channel::elec_backup:
    case op::Channel::elec_sink:
    case op::Channel::heat_hp:
    case op::Channel::heat_backup: return fmt::format("{}_W", op::to_string(c));
    case op::Channel::t_flow:
    case op::Channel::t_return:
    case op::Channel::t_outdoor: return fmt::format("{}_K", op::to_string(c));
    case op::Channel::flow_rate: return "flow_rate_m3_s";
    case op::Channel::compressor_hz: return "compressor_hz";
    case op::Channel::rh_outdoor:
    case op::Channel::defrost:
    case op::Channel::backup_on: return fmt::format("{}_fraction", op::to_string(c));
  }
  return std::string(op::to_string(c));
}

op::UnitMeta unit_of(op::Store& store, const std::string& url, const std::string& id) {
  auto unit = store.unit(id);
  if (!unit) throw DataMissing(fmt::format("unit = '{}': no such unit in {}", id, url));
  return *unit;
}

py::dict unit_dict(const op::UnitMeta& u) {
  py::dict d;
  d["id"] = text(u.id);
  d["type"] = text(u.type);
  d["refrigerant"] = text(u.refrigerant);
  d["rated_capacity_W"] = u.rated_capacity;
  d["install_year"] = u.install_year;
  d["place"] = text(u.place);
  d["emitters"] = text(u.emitters);
  d["product"] = text(u.product);
  d["map_file"] = text(u.map_file);
  py::dict meters;
  meters["elec_unit"] = u.meters.elec_unit;
  meters["elec_source"] = u.meters.elec_source;
  meters["elec_backup"] = u.meters.elec_backup;
  meters["elec_sink"] = u.meters.elec_sink;
  meters["heat_hp"] = u.meters.heat_hp;
  meters["heat_backup"] = u.meters.heat_backup;
  d["meters"] = meters;
  py::list boundaries;
  for (op::Boundary b : u.boundaries()) boundaries.append(text(op::to_string(b)));
  d["boundaries"] = boundaries;
  return d;
}

// A unit's rows as columns: t_s (start of the interval, s since 1970 UTC), dt_s, a column
// per channel (NaN where not measured) and flags (operations::Flag bits).
Table series_table(op::Series&& s) {
  Table t;
  t.push_back({"t_s", CountColumn(s.t.begin(), s.t.end())});
  t.push_back({"dt_s", CountColumn(s.dt.begin(), s.dt.end())});
  for (op::Channel c : op::all_channels()) {
    t.push_back({column_name(c), std::move(s.values[static_cast<std::size_t>(c)])});
  }
  t.push_back({"flags", CountColumn(s.flags.begin(), s.flags.end())});
  return t;
}

// `MonitorStore.kpis`: the unit's KPIs per period as `heatlift monitor kpi` gives them.
py::object store_kpis(StoreHandle& h, const Session& session, const std::string& id,
                      const std::string& period, std::int64_t from, std::int64_t to,
                      std::optional<double> t_source) {
  const op::Period p = op::period_from_string(period, "period");
  if (from >= to) throw InvalidInput(fmt::format("start {} s is not before end {} s", from, to));
  op::ExpectedOptions options;
  options.t_source = t_source;
  op::validate(options);
  nlohmann::json doc;
  {
    py::gil_scoped_release release;
    std::lock_guard lock(h.mutex);
    const op::UnitMeta unit = unit_of(*h.store, h.url, id);
    const op::Series s = h.store->read(id, from, to);
    const report::UnitKpis k = report::unit_kpis(s, unit, p, options, &session.products());
    doc = report::unit_kpis_json(k, unit, period);
  }
  return to_python(doc);
}

// `monitor_findings`: the unit's findings as `heatlift monitor diagnose` gives them.
py::object store_findings(StoreHandle& h, const Session& session, const std::string& id,
                          std::int64_t from, std::int64_t to, const std::string& lang) {
  const op::Language language = op::language_from_string(lang, "lang");
  if (from >= to) throw InvalidInput(fmt::format("start {} s is not before end {} s", from, to));
  nlohmann::json doc;
  {
    py::gil_scoped_release release;
    const op::FindingCatalogue catalogue = op::FindingCatalogue::load(session.data());
    std::lock_guard lock(h.mutex);
    const op::UnitMeta unit = unit_of(*h.store, h.url, id);
    const op::Series s = h.store->read(id, from, to);
    const report::UnitFindings f =
        report::unit_findings(s, unit, session.data(), session.products());
    doc = report::unit_findings_json(f, unit, s.size(), catalogue, language);
  }
  return to_python(doc);
}

}  // namespace

void bind_monitor(py::module_& m) {
  py::class_<StoreHandle, std::shared_ptr<StoreHandle>>(
      m, "MonitorStore",
      "A store of monitoring data, as `heatlift monitor --db URL` opens it: a SQLite file path "
      "or sqlite:PATH (created when absent), or postgresql://...")
      .def(py::init([](const std::string& url) {
             auto h = std::make_shared<StoreHandle>();
             h->url = url;
             py::gil_scoped_release release;
             h->store = op::open_store(url);
             return h;
           }),
           py::arg("url"))
      .def_property_readonly("url", [](const StoreHandle& h) { return text(h.url); })
      .def(
          "unit_ids",
          [](StoreHandle& h) {
            std::lock_guard lock(h.mutex);
            return h.store->unit_ids();
          },
          "Every unit id, sorted.")
      .def(
          "unit",
          [](StoreHandle& h, const std::string& id) {
            std::lock_guard lock(h.mutex);
            return unit_dict(unit_of(*h.store, h.url, id));
          },
          py::arg("id"),
          "A unit's metadata: type, refrigerant, rated_capacity_W, install_year, place, "
          "emitters, product or map_file, meters, and the SEPEMO boundaries they allow. "
          "Raises DataMissing for an unknown id.")
      .def(
          "read",
          [](StoreHandle& h, const std::string& id, std::int64_t from, std::int64_t to) {
            if (from >= to)
              throw InvalidInput(fmt::format("start {} s is not before end {} s", from, to));
            Table t;
            {
              py::gil_scoped_release release;
              std::lock_guard lock(h.mutex);
              (void)unit_of(*h.store, h.url, id);
              t = series_table(h.store->read(id, from, to));
            }
            return to_python(std::move(t));
          },
          py::arg("id"), py::arg("from_s") = INT64_MIN, py::arg("to_s") = INT64_MAX,
          "The unit's rows with from_s <= t < to_s (s since 1970 UTC) as columns: t_s, dt_s, "
          "elec_unit_W ... heat_backup_W, t_flow_K, t_return_K, flow_rate_m3_s, t_outdoor_K, "
          "rh_outdoor_fraction, compressor_hz, defrost_fraction, backup_on_fraction (NaN: not "
          "measured) and flags.")
      .def("kpis", &store_kpis, py::arg("session"), py::arg("id"), py::arg("period") = "month",
           py::arg("from_s") = INT64_MIN, py::arg("to_s") = INT64_MAX,
           py::arg("t_source_K") = py::none(),
           "The unit's KPIs per calendar period (day, month, year, or all), China Standard "
           "Time, with the expected SPF from its product or map and the residual, as `heatlift "
           "monitor kpi --format json` gives the unit: energies in kWh, times in h, shares as "
           "fractions; an absent KPI is {value: None, reason}. t_source_K: the source "
           "temperature of ground and water units (the telemetry has none).");
  m.def("monitor_findings", &store_findings, py::arg("store"), py::arg("session"), py::arg("id"),
        py::arg("from_s") = INT64_MIN, py::arg("to_s") = INT64_MAX, py::arg("lang") = "en",
        "The unit's findings (short cycling, a heating curve too high, excessive defrost, "
        "back-up overuse, low ΔT, oversizing, meter faults, degradation) over its rows with "
        "from_s <= t < to_s, as `heatlift monitor diagnose --format json` gives the unit: "
        "{unit, rows, findings: [{code, period, from, to, severity, evidence: [{name, value, "
        "unit}], title, diagnosis, action}], skipped: [{code, reason}]}; texts in `lang` (zh "
        "or en).");
}

}  // namespace heatlift::python
