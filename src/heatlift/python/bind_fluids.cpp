// heatlift._core.Fluid: refrigerant properties, vectorised over numpy arrays. The loop over
// the points runs without the GIL; each point is one call of the C++ flash.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

#include <fmt/format.h>

#include "heatlift/fluids/library.hpp"
#include "heatlift/fluids/pairs.hpp"
#include "heatlift/python/bindings.hpp"

namespace heatlift::python {
namespace {

using fluids::Properties;
using fluids::Property;
using fluids::State;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

struct FluidHandle {
  std::shared_ptr<Session> session;
  std::shared_ptr<const Properties> fluid;
  std::string backend;
};

py::dict info_dict(const fluids::FluidInfo& in) {
  auto opt = [](const std::optional<double>& v) {
    return v ? py::object(py::float_(*v)) : py::object(py::none());
  };
  py::dict d;
  d["id"] = text(in.id);
  d["name"] = text(in.name);
  py::list aliases;
  for (const auto& a : in.aliases) aliases.append(text(a));
  d["aliases"] = aliases;
  d["cas"] = text(in.cas);
  d["formula"] = text(in.formula);
  d["safety_class"] = text(in.safety_class);
  d["gwp100_ar4"] = opt(in.gwp.ar4);
  d["gwp100_ar5"] = opt(in.gwp.ar5);
  d["gwp100_ar6"] = opt(in.gwp.ar6);
  d["odp"] = opt(in.odp);
  d["molar_mass_kg_per_mol"] = in.molar_mass;
  d["T_crit_K"] = in.T_crit;
  d["p_crit_Pa"] = in.p_crit;
  d["rho_crit_kg_m3"] = in.rho_crit;
  d["T_triple_K"] = in.T_triple;
  d["p_triple_Pa"] = in.p_triple;
  d["T_max_K"] = in.T_max;
  d["p_max_Pa"] = in.p_max;
  d["pseudo_pure"] = in.pseudo_pure;
  d["source"] = text(in.source);
  return d;
}

// One column per wanted property over the points (a[i], b[i]); failures raise at the first
// point (errors="raise") or leave the point's row NaN and are listed (errors="mask").
py::tuple props(const FluidHandle& f, const std::string& given, const Array& a_in,
                const Array& b_in, const std::string& want, const std::string& errors) {
  const fluids::InputPair flash = fluids::parse_input_pair(given, "given", *f.fluid);
  const std::vector<Property> wanted = fluids::parse_properties(want, "want");
  if (errors != "raise" && errors != "mask")
    throw InvalidInput(fmt::format("errors '{}': expected raise or mask", errors));
  if (a_in.ndim() != 1 || b_in.ndim() != 1 || a_in.size() != b_in.size()) {
    throw InvalidInput(fmt::format("given {}: expected two 1-D arrays of one length, got {} and {}",
                                   given, a_in.size(), b_in.size()));
  }
  const auto n = static_cast<std::size_t>(a_in.size());
  const double* a = a_in.data();
  const double* b = b_in.data();
  std::vector<py::array_t<double>> outs;
  std::vector<double*> out_ptr;
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    outs.emplace_back(static_cast<py::ssize_t>(n));
    out_ptr.push_back(outs.back().mutable_data());
  }
  std::vector<std::pair<std::size_t, std::exception_ptr>> failed;
  {
    py::gil_scoped_release release;
    const Properties& fluid = *f.fluid;
    for (std::size_t i = 0; i < n; ++i) {
      try {
        const State s = flash(fluid, a[i], b[i]);
        for (std::size_t k = 0; k < wanted.size(); ++k)
          out_ptr[k][i] = fluids::value_of(s, wanted[k]).value_or(kNaN);
      } catch (const Error&) {
        failed.emplace_back(i, std::current_exception());
        for (std::size_t k = 0; k < wanted.size(); ++k) out_ptr[k][i] = kNaN;
        if (errors == "raise") break;
      }
    }
  }
  py::list failures;
  for (const auto& [i, e] : failed) {
    try {
      std::rethrow_exception(e);
    } catch (const Error& err) {
      if (errors == "raise") raise_at(err, i);
      failures.append(py::make_tuple(i, text(to_string(err.code())), text(err.what())));
    }
  }
  py::list columns;
  for (std::size_t k = 0; k < wanted.size(); ++k)
    columns.append(py::make_tuple(std::string(fluids::column_name(wanted[k])), outs[k]));
  return py::make_tuple(columns, failures);
}

// The plain C++ loop the vectorised call is measured against: the flash at every point, as
// bench/fluids_bench does, storing its enthalpy into `outputs` vectors allocated for the
// call (0: storing nothing, a checksum only). Returns seconds and the checksum.
py::tuple bench_loop(const FluidHandle& f, const std::string& given, const Array& a_in,
                     const Array& b_in, std::size_t outputs) {
  const fluids::InputPair flash = fluids::parse_input_pair(given, "given", *f.fluid);
  const auto n = static_cast<std::size_t>(std::min(a_in.size(), b_in.size()));
  const double* a = a_in.data();
  const double* b = b_in.data();
  double sum = 0.0;
  std::chrono::duration<double> elapsed{};
  {
    py::gil_scoped_release release;
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::unique_ptr<double[]>> out;
    for (std::size_t k = 0; k < outputs; ++k)
      out.push_back(std::make_unique_for_overwrite<double[]>(n));
    for (std::size_t i = 0; i < n; ++i) {
      const State s = flash(*f.fluid, a[i], b[i]);
      for (std::size_t k = 0; k < outputs; ++k) out[k][i] = s.h;
      sum += s.h;
    }
    for (const auto& o : out) sum += o[n / 2];
    elapsed = std::chrono::steady_clock::now() - t0;
  }
  return py::make_tuple(elapsed.count(), sum);
}

}  // namespace

void bind_fluids(py::module_& m) {
  py::list phases;
  for (int p = 0; p <= static_cast<int>(fluids::Phase::supercritical_liquid); ++p)
    phases.append(text(fluids::to_string(static_cast<fluids::Phase>(p))));
  m.attr("PHASES") = py::tuple(phases);
  m.def(
      "fluid_ids", [](const Session& s) { return s.fluids().ids(); }, py::arg("session"),
      "IDs of every fluid heatlift knows, sorted (as `heatlift fluid list`).");
  py::class_<FluidHandle>(m, "Fluid",
                          "One working fluid: its equation of state (backend 'exact') or the "
                          "fast tables built from it ('fast'). SI units: K, Pa, kg/m3, J/kg, "
                          "J/(kg K), m/s; vapour quality Q on a mass basis, 0…1.")
      .def(py::init(
               [](std::shared_ptr<Session> s, const std::string& name, const std::string& backend) {
                 if (backend != "exact" && backend != "fast")
                   throw InvalidInput(fmt::format("backend '{}': expected exact or fast", backend));
                 py::gil_scoped_release release;  // the fast tables are built on first use
                 auto props = s->fluids().get(
                     name, backend == "fast" ? fluids::Backend::fast : fluids::Backend::exact);
                 return FluidHandle{std::move(s), std::move(props), backend};
               }),
           py::arg("session"), py::arg("name"), py::arg("backend") = "exact")
      .def_property_readonly("id", [](const FluidHandle& f) { return text(f.fluid->info().id); })
      .def_property_readonly("backend", [](const FluidHandle& f) { return f.backend; })
      .def(
          "info", [](const FluidHandle& f) { return info_dict(f.fluid->info()); },
          "Identity, limits and environment: id, name, aliases, safety class, GWP100 "
          "(AR4/AR5/AR6, kgCO2e/kg), critical and triple point (K, Pa, kg/m3), validity "
          "limits, the equation's paper.")
      .def("props", &props, py::arg("given"), py::arg("a"), py::arg("b"),
           py::arg("want") = "rho,h,s,cp,w", py::arg("errors") = "raise",
           "Properties at every point (a[i], b[i]) of the pair `given` (T,p p,h p,s T,Q p,Q "
           "T,rho h,s; SI). Returns ([(column, array)], failures): one float64 array per "
           "wanted property (T p rho h s u cp cv w Q phase), named with its unit (T_K, "
           "rho_kg_m3, h_J_kg ...); cp, cv and w are NaN for two-phase states and Q for "
           "single-phase ones; phase is a code (heatlift.fluids.PHASES). errors='raise' raises "
           "the first failure with its index; 'mask' leaves its row NaN and lists (index, "
           "code, message).")
      .def("bench_loop", &bench_loop, py::arg("given"), py::arg("a"), py::arg("b"),
           py::arg("outputs") = 0,
           "Benchmark helper: seconds of the bare C++ loop of flashes over the points, storing "
           "into `outputs` arrays allocated for the call, and a checksum "
           "(bench/python/fluid_cost.py).");
}

}  // namespace heatlift::python
