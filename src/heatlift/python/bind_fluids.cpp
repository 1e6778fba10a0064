// heatlift._core.Fluid: refrigerant properties, vectorised over numpy arrays. The loop over
// the points runs without the GIL; each point is one call of the C++ flash.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

#include <fmt/format.h>

#include "heatlift/fluids/library.hpp"
#include "heatlift/python/bindings.hpp"

namespace heatlift::python {
namespace {

using fluids::Properties;
using fluids::State;
using Flash = State (*)(const Properties&, double, double);

struct Pair {
  const char* a;
  const char* b;
  Flash flash;
};

// The input pairs, as `heatlift fluid eval --given` and `fluid state` take them.
const Pair kPairs[] = {
    {"T", "p", [](const Properties& f, double a, double b) { return f.at_T_p(a, b); }},
    {"p", "h", [](const Properties& f, double a, double b) { return f.at_p_h(a, b); }},
    {"p", "s", [](const Properties& f, double a, double b) { return f.at_p_s(a, b); }},
    {"T", "Q", [](const Properties& f, double a, double b) { return f.at_T_Q(a, b); }},
    {"p", "Q", [](const Properties& f, double a, double b) { return f.at_p_Q(a, b); }},
    {"T", "rho", [](const Properties& f, double a, double b) { return f.at_T_rho(a, b); }},
    {"h", "s",  // exact backend only: pick_flash checks
     [](const Properties& f, double a, double b) {
       return static_cast<const fluids::Fluid&>(f).at_h_s(a, b);
     }},
};

enum class Prop { T, p, rho, h, s, u, cp, cv, w, Q, phase };
struct PropName {
  const char* name;
  Prop prop;
  const char* column;  ///< with its SI unit, as `fluid eval` writes its header
};
constexpr PropName kProps[] = {
    {"T", Prop::T, "T_K"},        {"p", Prop::p, "p_Pa"},          {"rho", Prop::rho, "rho_kg_m3"},
    {"h", Prop::h, "h_J_kg"},     {"s", Prop::s, "s_J_kgK"},       {"u", Prop::u, "u_J_kg"},
    {"cp", Prop::cp, "cp_J_kgK"}, {"cv", Prop::cv, "cv_J_kgK"},    {"w", Prop::w, "w_m_s"},
    {"Q", Prop::Q, "Q"},          {"phase", Prop::phase, "phase"},
};

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find(',', start), s.size());
    std::string item = s.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

// The flash for `given` ("T,p", "h,p" ...) on `fluid`, and whether its inputs come in
// swapped.
Flash pick_flash(const std::string& given, const Properties& fluid, bool& swap) {
  const auto names = split(given);
  const Pair* pair = nullptr;
  if (names.size() == 2) {
    for (const auto& p : kPairs) {
      if ((names[0] == p.a && names[1] == p.b) || (names[0] == p.b && names[1] == p.a)) {
        pair = &p;
        swap = names[0] == p.b;
      }
    }
  }
  if (pair == nullptr) {
    throw InvalidInput(
        fmt::format("given '{}': supported pairs are T,p p,h p,s T,Q p,Q T,rho h,s", given));
  }
  if (pair == &kPairs[std::size(kPairs) - 1] && !dynamic_cast<const fluids::Fluid*>(&fluid))
    throw NotSupported("fluid: (h, s) is solved by the exact backend only");
  return pair->flash;
}

std::vector<Prop> parse_want(const std::string& want) {
  std::vector<Prop> out;
  for (const auto& w : split(want)) {
    const auto* it = std::find_if(std::begin(kProps), std::end(kProps),
                                  [&](const PropName& p) { return w == p.name; });
    if (it == std::end(kProps)) {
      throw InvalidInput(fmt::format(
          "want: unknown property '{}'; expected one of T p rho h s u cp cv w Q phase", w));
    }
    out.push_back(it->prop);
  }
  if (out.empty()) throw InvalidInput("want: name at least one property, e.g. rho,h,s");
  return out;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double value_of(const State& s, Prop p) {
  switch (p) {
    case Prop::T: return s.T;
    case Prop::p: return s.p;
    case Prop::rho: return s.rho;
    case Prop::h: return s.h;
    case Prop::s: return s.s;
    case Prop::u: return s.u;
    case Prop::cp: return s.cp.value_or(kNaN);
    case Prop::cv: return s.cv.value_or(kNaN);
    case Prop::w: return s.w.value_or(kNaN);
    case Prop::Q: return s.Q.value_or(kNaN);
    case Prop::phase: return static_cast<double>(s.phase);
  }
  return kNaN;
}

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
  bool swap = false;
  const Flash flash = pick_flash(given, *f.fluid, swap);
  const std::vector<Prop> wanted = parse_want(want);
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
        const State s = swap ? flash(fluid, b[i], a[i]) : flash(fluid, a[i], b[i]);
        for (std::size_t k = 0; k < wanted.size(); ++k) out_ptr[k][i] = value_of(s, wanted[k]);
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
    columns.append(py::make_tuple(kProps[static_cast<int>(wanted[k])].column, outs[k]));
  return py::make_tuple(columns, failures);
}

// The plain C++ loop the vectorised call is measured against: the flash at every point, as
// bench/fluids_bench does, storing its enthalpy into `outputs` vectors allocated for the
// call (0: storing nothing, a checksum only). Returns seconds and the checksum.
py::tuple bench_loop(const FluidHandle& f, const std::string& given, const Array& a_in,
                     const Array& b_in, std::size_t outputs) {
  bool swap = false;
  const Flash flash = pick_flash(given, *f.fluid, swap);
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
      const State s = swap ? flash(*f.fluid, b[i], a[i]) : flash(*f.fluid, a[i], b[i]);
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
