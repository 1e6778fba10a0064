// heatlift._core.Session: the data and libraries a Python process works with.
#include "heatlift/python/bindings.hpp"

namespace heatlift::python {

void bind_session(py::module_& m) {
  py::class_<Session, std::shared_ptr<Session>>(
      m, "Session",
      "The data heatlift works from and the libraries read from it (fluids, products, "
      "climate, standards, fleet), loaded once and shared by every call and thread.\n\n"
      "data: a folder of your own data files, used before the built-in ones (as `heatlift "
      "--data DIR`); None: $HEATLIFT_DATA if set, else the built-in data only.")
      .def(py::init([](const std::optional<std::string>& data) {
             std::optional<std::filesystem::path> dir;
             if (data) dir = *data;
             py::gil_scoped_release release;
             return std::make_shared<Session>(dir);
           }),
           py::arg("data") = py::none())
      .def_property_readonly(
          "data_dir",
          [](const Session& s) -> py::object {
            const std::string d = s.data_dir();
            return d.empty() ? py::object(py::none()) : py::object(text(d));
          },
          "The user data folder in front of the built-in data, or None.")
      .def(
          "data_files",
          [](const Session& s, const std::string& prefix) {
            py::list out;
            for (const auto& f : s.data().list(prefix)) {
              py::dict d;
              d["path"] = text(f.path);
              d["origin"] = text(f.origin);
              d["source"] = text(f.source);
              d["bytes"] = f.bytes;
              out.append(d);
            }
            return out;
          },
          py::arg("prefix") = "",
          "The data files (path, origin, source, bytes) whose path starts with prefix, as "
          "`heatlift data list`.")
      .def(
          "read_data",
          [](const Session& s, const std::string& path) { return text(s.data().read(path)); },
          py::arg("path"), "The content of one data file, e.g. 'refrigerants/gwp.csv'.");
}

}  // namespace heatlift::python
