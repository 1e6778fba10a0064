// heatlift._core.solve_cycle: a cycle file (or its text), optionally with keys overridden,
// solved from real properties.
#include <sstream>

#include <toml++/toml.h>

#include "heatlift/core/config.hpp"
#include "heatlift/cycles/cycle_io.hpp"
#include "heatlift/python/bindings.hpp"
#include "heatlift/report/cycle_json.hpp"

namespace heatlift::python {
namespace {

using Overrides = std::vector<std::pair<std::string, std::string>>;

cycles::CycleFile read_cycle(const Source& src, const Overrides& overrides) {
  if (overrides.empty()) return cycles::parse_cycle(src.text, src.origin);
  core::ConfigDocument doc = core::ConfigDocument::from_text(src.text, src.origin);
  for (const auto& [key, value] : overrides) doc = doc.with_value(key, value);
  std::ostringstream os;
  os << doc.root();
  return cycles::parse_cycle(os.str(), src.origin + " (with overrides)");
}

}  // namespace

void bind_cycles(py::module_& m) {
  m.def(
      "solve_cycle",
      [](const Session& s, const std::optional<std::string>& path,
         const std::optional<std::string>& text_in, const Overrides& overrides) {
        const Source src = read_source(path, text_in, "file", "cycle");
        nlohmann::json doc;
        {
          py::gil_scoped_release release;
          const cycles::CycleFile file = read_cycle(src, overrides);
          doc = report::cycle_result_json(cycles::CycleSolver(s.fluids()).solve(file.spec));
          doc["name"] = file.name;
          doc["description"] = file.description;
        }
        return to_python(doc);
      },
      py::arg("session"), py::arg("path") = py::none(), py::arg("text") = py::none(),
      py::arg("overrides") = Overrides{},
      "Solves a cycle file (docs/cycles.md) as `heatlift cycle run --format json`: the figures "
      "with their units in the keys (heating_W, cop, T_discharge_K, p_high_Pa ...) and the "
      "nodes. overrides: (dotted key, value) pairs set in the file first, e.g. ('fluid', "
      "'R290') or ('sink.T_out', '55 C').");
}

}  // namespace heatlift::python
