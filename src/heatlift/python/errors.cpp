// heatlift's errors as Python exceptions: heatlift.Error and one subclass per error code,
// each also deriving from the built-in exception a Python programmer would catch
// (InvalidInput and OutOfRange are ValueErrors, DataMissing a LookupError ...). The message
// is the one the command line prints after "heatlift: error: "; `code` is the stable code
// name of --format json's error object and `exit_code` the command line's exit status.
#include <array>

#include <fmt/format.h>

#include "heatlift/python/bindings.hpp"

namespace heatlift::python {
namespace {

constexpr std::size_t kCodes = 6;

// The classes, created once with the module and never freed (as CPython's own).
std::array<PyObject*, kCodes> g_classes{};
PyObject* g_error = nullptr;

PyObject* class_of(ErrorCode code) {
  return g_classes[static_cast<std::size_t>(code)];
}

// An instance of the class of `e` with its message and attributes, set as the Python error.
void set_error(const Error& e, const std::optional<std::size_t>& index) {
  PyObject* cls = class_of(e.code());
  py::object instance = py::reinterpret_borrow<py::object>(cls)(text(e.what()));
  if (index) instance.attr("index") = *index;
  if (const auto* nc = dynamic_cast<const NoConvergence*>(&e)) {
    instance.attr("last_x") = nc->last_x();
    instance.attr("last_residual") = nc->last_residual();
    instance.attr("iterations") = nc->iterations();
  }
  PyErr_SetObject(cls, instance.ptr());
}

PyObject* make_class(py::module_& m, const char* name, PyObject* base, ErrorCode code,
                     const char* doc) {
  py::tuple bases = base == nullptr ? py::make_tuple(py::handle(PyExc_Exception))
                                    : py::make_tuple(py::handle(g_error), py::handle(base));
  const std::string qualified = fmt::format("heatlift.{}", name);
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (cls == nullptr) throw py::error_already_set();
  py::handle h(cls);
  h.attr("code") = text(to_string(code));
  h.attr("exit_code") = exit_code(code);
  h.attr("index") = py::none();
  m.attr(name) = h;
  return cls;
}

}  // namespace

void raise_at(const Error& e, std::size_t index) {
  set_error(e, index);
  throw py::error_already_set();
}

void bind_errors(py::module_& m) {
  g_error = make_class(m, "Error", nullptr, ErrorCode::internal,
                       "Root of heatlift's errors. `code` is the stable code name (as in the "
                       "command line's JSON error object), `exit_code` the command line's exit "
                       "status; str(error) is the message the command line prints. A vectorised "
                       "call sets `index`: the position of the point that failed.");
  py::handle(g_error).attr("code") = py::none();  // each subclass has its own
  py::handle(g_error).attr("exit_code") = py::none();
  const struct {
    const char* name;
    PyObject* base;
    ErrorCode code;
    const char* doc;
  } kinds[] = {
      {"InvalidInput", PyExc_ValueError, ErrorCode::invalid_input,
       "The input is malformed or inconsistent; the message names the field, the value and "
       "what was expected (exit code 2)."},
      {"OutOfRange", PyExc_ValueError, ErrorCode::out_of_range,
       "A value lies outside what a model or equation covers (exit code 2)."},
      {"NoConvergence", PyExc_ArithmeticError, ErrorCode::no_convergence,
       "An iteration stopped short of its tolerance; last_x, last_residual and iterations say "
       "where it was (exit code 1)."},
      {"DataMissing", PyExc_LookupError, ErrorCode::data_missing,
       "A data file, or an entry in one, does not exist (exit code 2)."},
      {"NotSupported", PyExc_NotImplementedError, ErrorCode::not_supported,
       "A valid request that heatlift does not handle (exit code 2)."},
      {"InternalError", PyExc_RuntimeError, ErrorCode::internal,
       "A bug: an invariant of heatlift itself failed (exit code 1)."},
  };
  for (const auto& k : kinds)
    g_classes[static_cast<std::size_t>(k.code)] = make_class(m, k.name, k.base, k.code, k.doc);

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      set_error(e, std::nullopt);
    }
  });
}

}  // namespace heatlift::python
