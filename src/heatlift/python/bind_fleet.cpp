// heatlift._core fleet bindings: the national run as `heatlift roadmap` assembles it, and
// the bottom-up fleet split around its cells (FleetPlan) for heatlift.dask.
#include <algorithm>

#include <fmt/format.h>

#include "heatlift/fleet/scenario_io.hpp"
#include "heatlift/python/bindings.hpp"
#include "heatlift/python/fleet_plan.hpp"
#include "heatlift/python/roadmap.hpp"

namespace heatlift::python {
namespace {

struct PlanHandle {
  std::shared_ptr<Session> session;  // the plan reads from it
  std::unique_ptr<FleetPlan> plan;
};

using Packed = std::vector<std::pair<std::vector<std::size_t>, py::bytes>>;

// Every cell's year from the parts gathered (indices and their packed years) into one plan.
void weigh_packed(PlanHandle& h, const Packed& parts) {
  const std::size_t n = h.plan->cells().size();
  std::vector<std::pair<std::vector<std::size_t>, std::string>> raw;
  for (const auto& [indices, bytes] : parts) raw.emplace_back(indices, std::string(bytes));
  py::gil_scoped_release release;
  std::vector<fleet::CellResult> all(n);
  std::vector<bool> seen(n, false);
  for (const auto& [indices, bytes] : raw) {
    std::vector<fleet::CellResult> part = FleetPlan::unpack(bytes);
    if (part.size() != indices.size()) {
      throw InvalidInput(
          fmt::format("fleet plan: {} cell results for {} cells", part.size(), indices.size()));
    }
    for (std::size_t k = 0; k < indices.size(); ++k) {
      if (indices[k] >= n || seen[indices[k]])
        throw InvalidInput(fmt::format("fleet plan: cell {} given twice or unknown", indices[k]));
      seen[indices[k]] = true;
      all[indices[k]] = std::move(part[k]);
    }
  }
  if (std::find(seen.begin(), seen.end(), false) != seen.end())
    throw InvalidInput("fleet plan: the cell results do not cover every cell");
  h.plan->weigh(std::move(all));
}

// scenarios() and run_roadmap(): the single-machine run.
void bind_roadmap(py::module_& m) {
  m.def(
      "scenarios", [](const Session& s) { return fleet::shipped_scenarios(s.data()); },
      py::arg("session"), "The shipped scenarios' names (as `heatlift scenario list`).");
  m.def(
      "run_roadmap",
      [](const Session& s, const std::vector<std::string>& scenarios, const std::string& engine,
         int samples, std::uint64_t seed, unsigned threads,
         const std::optional<std::string>& cells_path,
         const std::optional<std::string>& cells_text) {
        if (engine != "bottom-up" && engine != "top-down")
          throw InvalidInput(fmt::format("engine '{}': expected bottom-up or top-down", engine));
        RoadmapRequest r;
        r.scenarios = scenarios;
        r.bottom_up = engine == "bottom-up";
        r.samples = samples;
        r.seed = seed;
        r.threads = threads;
        if (cells_path || cells_text) {
          const Source src = read_source(cells_path, cells_text, "cell catalogue", "cells");
          r.catalogue = src.text;
          r.origin = src.origin;
        }
        Table t;
        {
          py::gil_scoped_release release;
          t = run_roadmap(s, r);
        }
        return to_python(std::move(t));
      },
      py::arg("session"), py::arg("scenarios") = std::vector<std::string>{"cns", "ngs"},
      py::arg("engine") = "bottom-up", py::arg("samples") = 0, py::arg("seed") = 1,
      py::arg("threads") = 0u, py::arg("cells_path") = py::none(),
      py::arg("cells_text") = py::none(),
      "The national fleet to 2060 as `heatlift roadmap`: one row per scenario, year, group "
      "(segments, end uses, total) and indicator with its display unit and value, and with "
      "samples > 0 the Monte Carlo band p5, p50, p95. engine: bottom-up (cells simulated "
      "hour by hour) or top-down.");
}

}  // namespace

void bind_fleet(py::module_& m) {
  bind_roadmap(m);

  py::class_<PlanHandle>(m, "FleetPlan",
                         "The bottom-up fleet split around its cells (heatlift.dask): the "
                         "distinct cells, simulated in any partition, weighed into units, run.")
      .def(py::init([](std::shared_ptr<Session> s, const std::string& scenario,
                       const std::optional<std::string>& catalogue, const std::string& origin,
                       const std::string& engine) {
             if (engine != "bottom-up" && engine != "top-down")
               throw InvalidInput(
                   fmt::format("engine '{}': expected bottom-up or top-down", engine));
             py::gil_scoped_release release;
             auto plan = std::make_unique<FleetPlan>(*s, scenario, catalogue, origin,
                                                     engine == "bottom-up");
             return PlanHandle{std::move(s), std::move(plan)};
           }),
           py::arg("session"), py::arg("scenario"), py::arg("catalogue") = py::none(),
           py::arg("origin") = "cells", py::arg("engine") = "bottom-up")
      .def_property_readonly("scenario",
                             [](const PlanHandle& h) { return text(h.plan->scenario().name); })
      .def(
          "cell_places",
          [](const PlanHandle& h) {
            py::list out;
            for (const auto& c : h.plan->cells()) out.append(text(c.place));
            return out;
          },
          "The place (station) of every cell, in the plan's order.")
      .def(
          "simulate",
          [](const PlanHandle& h, const std::vector<std::size_t>& indices, unsigned threads) {
            std::string packed;
            {
              py::gil_scoped_release release;
              packed = FleetPlan::pack(h.plan->simulate(indices, threads));
            }
            return py::bytes(packed);
          },
          py::arg("indices"), py::arg("threads") = 1u,
          "The years of the cells at `indices`, packed (exact bytes) for weigh().")
      .def("weigh", &weigh_packed, py::arg("parts"),
           "Weighs every cell's year, given as (indices, packed years) parts, into the units.")
      .def_property_readonly("weighed", [](const PlanHandle& h) { return h.plan->weighed(); })
      .def(
          "check_samples", [](const PlanHandle& h, int samples) { h.plan->check_samples(samples); },
          py::arg("samples"))
      .def(
          "sample_values",
          [](const PlanHandle& h, std::uint64_t seed, std::size_t first, std::size_t count) {
            std::vector<double> v;
            {
              py::gil_scoped_release release;
              v = h.plan->sample_values(seed, first, count);
            }
            py::array_t<double> a(static_cast<py::ssize_t>(v.size()));
            std::copy(v.begin(), v.end(), a.mutable_data());
            return a;
          },
          py::arg("seed"), py::arg("first"), py::arg("count"),
          "The values of Monte Carlo samples [first, first + count), sample-major.")
      .def(
          "table",
          [](const PlanHandle& h, int samples, std::uint64_t seed,
             const std::optional<py::array_t<double, py::array::c_style | py::array::forcecast>>&
                 values) {
            std::vector<double> v;
            if (values) v.assign(values->data(), values->data() + values->size());
            Table t;
            {
              py::gil_scoped_release release;
              std::vector<fleet::Bands> bands;
              if (samples > 0) bands.push_back(h.plan->bands(samples, seed, v));
              t = results_table({h.plan->run()}, bands);
            }
            return to_python(std::move(t));
          },
          py::arg("samples") = 0, py::arg("seed") = 1, py::arg("values") = py::none(),
          "The run's table (as run_roadmap's), with the bands of `samples` samples whose "
          "values were gathered from sample_values().");
}

}  // namespace heatlift::python
