#include <fmt/format.h>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/python/bindings.hpp"

namespace heatlift::python {

py::str text(std::string_view s) {
  if (core::is_valid_utf8(s)) return py::str(s.data(), s.size());
  const std::string escaped = core::escape_invalid_utf8(s);
  return py::str(escaped);
}

py::object to_python(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return py::none();
    case nlohmann::json::value_t::boolean: return py::bool_(j.get<bool>());
    case nlohmann::json::value_t::number_integer: return py::int_(j.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: return py::int_(j.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float: return py::float_(j.get<double>());
    case nlohmann::json::value_t::string: return text(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list out;
      for (const auto& v : j) out.append(to_python(v));
      return out;
    }
    case nlohmann::json::value_t::object: {
      py::dict out;
      for (const auto& [k, v] : j.items()) out[text(k)] = to_python(v);
      return out;
    }
    default: return py::none();  // binary and discarded values do not occur in heatlift's JSON
  }
}

py::list to_python(Table&& table) {
  py::list out;
  for (Column& c : table) {
    py::object values;
    if (auto* n = std::get_if<NumberColumn>(&c.values)) {
      py::array_t<double> a(static_cast<py::ssize_t>(n->size()));
      std::copy(n->begin(), n->end(), a.mutable_data());
      values = a;
    } else if (auto* i = std::get_if<CountColumn>(&c.values)) {
      py::array_t<std::int64_t> a(static_cast<py::ssize_t>(i->size()));
      std::copy(i->begin(), i->end(), a.mutable_data());
      values = a;
    } else {
      py::list l;
      for (const auto& s : std::get<TextColumn>(c.values)) {
        if (s)
          l.append(text(*s));
        else
          l.append(py::none());
      }
      values = l;
    }
    out.append(py::make_tuple(text(c.name), values));
  }
  return out;
}

Source read_source(const std::optional<std::string>& path, const std::optional<std::string>& text,
                   std::string_view what, std::string_view name) {
  if (path.has_value() == text.has_value()) {
    throw InvalidInput(
        fmt::format("{}: give either a path or text=, not {}", name, path ? "both" : "neither"));
  }
  if (text) return {*text, std::string(name), std::filesystem::current_path()};
  return {core::read_text_file(*path, what), *path, std::filesystem::path(*path).parent_path()};
}

}  // namespace heatlift::python
