// The pieces of the extension module heatlift._core: one bind_* per layer it exposes, and
// the conversions every binding shares. Only the module's own sources include this (it
// pulls in pybind11); the rest of the python layer is plain C++.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "heatlift/core/error.hpp"
#include "heatlift/python/session.hpp"
#include "heatlift/python/table.hpp"

namespace heatlift::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_session(py::module_& m);
void bind_fluids(py::module_& m);
void bind_cycles(py::module_& m);
void bind_products(py::module_& m);
void bind_rating(py::module_& m);
void bind_climate(py::module_& m);
void bind_site(py::module_& m);
void bind_fleet(py::module_& m);
void bind_monitor(py::module_& m);

/// Raises `e` as its Python exception (heatlift.InvalidInput, ...) with `index` set: the
/// position of the point that failed in a vectorised call.
[[noreturn]] void raise_at(const Error& e, std::size_t index);

/// A JSON document as Python objects (dict, list, str, int, float, bool, None).
py::object to_python(const nlohmann::json& j);
/// A table as a list of (name, values) pairs: numbers and counts as numpy arrays, text as a
/// list of str or None; pandas.DataFrame(dict(pairs)) keeps the order.
py::list to_python(Table&& table);
/// A string from heatlift as Python str (invalid UTF-8 bytes written as \xNN, never a
/// decoding error).
py::str text(std::string_view s);

/// What a binding reads: a file, or TOML text given in place of one.
struct Source {
  std::string text;                ///< the content
  std::string origin;              ///< the path, or `name` for text
  std::filesystem::path base_dir;  ///< the file's folder, or the working folder for text
};
/// `path` or `text` (exactly one of them): the file is read as the command line reads it
/// (`what` names its kind in messages, e.g. "file"); text is named `name`.
Source read_source(const std::optional<std::string>& path, const std::optional<std::string>& text,
                   std::string_view what, std::string_view name);

}  // namespace heatlift::python
