// heatlift._core site bindings: one site file run for a year (summary and hourly table),
// and sweeps over its keys.
#include "heatlift/core/config.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/python/bindings.hpp"
#include "heatlift/python/site_tables.hpp"
#include "heatlift/python/sweep.hpp"
#include "heatlift/site/site_output.hpp"

namespace heatlift::python {
namespace {

using Overrides = std::vector<std::pair<std::string, std::string>>;
using Variants = std::vector<std::vector<std::string>>;

SweepRequest sweep_request(const Source& src, std::vector<std::string> keys, Variants variants) {
  return {src.text, src.origin, src.base_dir, std::move(keys), std::move(variants)};
}

}  // namespace

void bind_site(py::module_& m) {
  m.def(
      "run_site",
      [](const Session& s, const std::optional<std::string>& path,
         const std::optional<std::string>& text_in, const Overrides& overrides) {
        const Source src = read_source(path, text_in, "file", "site");
        nlohmann::json summary;
        Table hourly;
        {
          py::gil_scoped_release release;
          core::ConfigDocument doc = core::ConfigDocument::from_text(src.text, src.origin);
          for (const auto& [key, value] : overrides) doc = doc.with_value(key, value);
          const site::SiteCase c = site::read_site(doc, s.site(), src.base_dir);
          const site::SiteOutcome o = site::evaluate(c, s.site());
          summary = site::summary_json(c, o);
          hourly = hourly_table(o);
        }
        return py::make_tuple(to_python(summary), to_python(std::move(hourly)));
      },
      py::arg("session"), py::arg("path") = py::none(), py::arg("text") = py::none(),
      py::arg("overrides") = Overrides{},
      "Runs a site file (docs/site.md) for a typical year as `heatlift site run`: (summary, "
      "hourly) with summary the document of summary.json (units in its keys) and hourly the "
      "columns of hourly.csv (t_out_C, load_kW, hp_heat_kW, ... mode). overrides: (dotted key, "
      "value) pairs set in the file first, written as in the file ('12 kW', 0.05, Harbin).");
  m.def(
      "check_sweep",
      [](const std::vector<std::string>& keys, const Variants& variants) {
        check_sweep(sweep_request({}, keys, variants));
      },
      py::arg("keys"), py::arg("variants"),
      "Checks the values of declared keys before a sweep runs (raises InvalidInput).");
  m.def(
      "sweep_site",
      [](const Session& s, const std::optional<std::string>& path,
         const std::optional<std::string>& text_in, std::vector<std::string> keys,
         Variants variants, unsigned threads, const std::optional<std::string>& base_dir,
         const std::optional<std::string>& origin) {
        Source src = read_source(path, text_in, "file", "site");
        if (base_dir) src.base_dir = *base_dir;
        if (origin) src.origin = *origin;
        Table t;
        {
          py::gil_scoped_release release;
          t = run_sweep(s, sweep_request(src, std::move(keys), std::move(variants)), threads);
        }
        return to_python(std::move(t));
      },
      py::arg("session"), py::arg("path") = py::none(), py::arg("text") = py::none(),
      py::arg("keys") = std::vector<std::string>{}, py::arg("variants") = Variants{},
      py::arg("threads") = 0u, py::arg("base_dir") = py::none(), py::arg("origin") = py::none(),
      "Every variant (one value per key) of a site file, as `heatlift site sweep`: the keys' "
      "values, then capacity_kw, heat_kwh, electricity_kwh, spf_h2, spf_h4, backup_share, "
      "peak_electric_kw, unmet_hours, co2_t, energy_cost_cny, lcoh_cny_per_kwh, baseline, "
      "co2_saving_t, payback_years and error. threads 0: all cores. base_dir and origin, for "
      "text: the folder its relative paths resolve from and its name in messages.");
  m.def(
      "read_text_file",
      [](const std::string& path, const std::string& what) {
        std::string t;
        {
          py::gil_scoped_release release;
          t = core::read_text_file(path, what);
        }
        return text(t);
      },
      py::arg("path"), py::arg("what") = "file",
      "A file's text as heatlift reads input files (UTF-8 or GB 18030, size-capped).");
}

}  // namespace heatlift::python
