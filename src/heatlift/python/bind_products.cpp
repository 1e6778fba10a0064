// heatlift._core product bindings: the shipped products, their performance maps (queried
// over numpy arrays) and their rating points.
#include <fmt/format.h>

#include "heatlift/equipment/map_io.hpp"
#include "heatlift/python/bindings.hpp"
#include "heatlift/report/cycle_json.hpp"

namespace heatlift::python {
namespace {

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

struct MapHandle {
  std::shared_ptr<const equipment::PerformanceMap> map;
};

py::dict product_dict(const equipment::Product& p) {
  py::dict d;
  d["id"] = text(p.id);
  d["name"] = text(p.name);
  d["type"] = text(p.type);
  d["refrigerant"] = text(p.refrigerant);
  d["charge_kg"] = p.charge;
  d["rated_capacity_W"] = p.rated_capacity;
  d["rating_point"] = text(p.rating_point);
  d["source_kind"] = text(equipment::to_string(p.source_kind));
  d["description"] = text(p.description);
  d["file"] = text(p.file);
  return d;
}

py::array_t<double> array_of(const std::vector<double>& v) {
  py::array_t<double> a(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}

// capacity, power, COP and status at every point; points outside the grid or next to an
// infeasible node keep the map's clamped or partial value and say so in `status`.
py::list map_at(const MapHandle& h, const Array& ts, const Array& tk, const Array& pl) {
  if (ts.ndim() != 1 || tk.ndim() != 1 || pl.ndim() != 1 || ts.size() != tk.size() ||
      ts.size() != pl.size()) {
    throw InvalidInput(fmt::format(
        "map.at: expected three 1-D arrays of one length (t_source, t_sink, part_load), got {}, "
        "{} and {}",
        ts.size(), tk.size(), pl.size()));
  }
  const auto n = static_cast<py::ssize_t>(ts.size());
  py::array_t<double> cap(n), power(n), cop(n);
  py::array_t<std::int8_t> status(n);
  double* c = cap.mutable_data();
  double* p = power.mutable_data();
  double* o = cop.mutable_data();
  std::int8_t* st = status.mutable_data();
  const double *a = ts.data(), *b = tk.data(), *x = pl.data();
  {
    py::gil_scoped_release release;
    for (py::ssize_t i = 0; i < n; ++i) {
      const equipment::MapPoint q = h.map->at(a[i], b[i], x[i]);
      c[i] = q.capacity;
      p[i] = q.power;
      o[i] = q.cop;
      st[i] = static_cast<std::int8_t>(q.status);
    }
  }
  py::list out;
  out.append(py::make_tuple("heating_capacity_W", cap));
  out.append(py::make_tuple("electric_power_W", power));
  out.append(py::make_tuple("cop", cop));
  out.append(py::make_tuple("status", status));
  return out;
}

py::list map_nodes(const MapHandle& h) {
  const auto& ax = h.map->axes();
  std::vector<double> ts, tk, pl, cap, power;
  std::vector<std::uint8_t> valid;
  for (std::size_t i = 0; i < ax.t_source.size(); ++i) {
    for (std::size_t j = 0; j < ax.t_sink.size(); ++j) {
      for (std::size_t k = 0; k < ax.part_load.size(); ++k) {
        const auto node = h.map->node(i, j, k);
        ts.push_back(ax.t_source[i]);
        tk.push_back(ax.t_sink[j]);
        pl.push_back(ax.part_load[k]);
        cap.push_back(node ? node->capacity : 0.0);
        power.push_back(node ? node->power : 0.0);
        valid.push_back(node ? 1 : 0);
      }
    }
  }
  py::array_t<bool> v(static_cast<py::ssize_t>(valid.size()));
  std::copy(valid.begin(), valid.end(), v.mutable_data());
  py::list out;
  out.append(py::make_tuple("t_source_K", array_of(ts)));
  out.append(py::make_tuple("t_sink_K", array_of(tk)));
  out.append(py::make_tuple("part_load", array_of(pl)));
  out.append(py::make_tuple("heating_capacity_W", array_of(cap)));
  out.append(py::make_tuple("electric_power_W", array_of(power)));
  out.append(py::make_tuple("valid", v));
  return out;
}

}  // namespace

void bind_products(py::module_& m) {
  py::list statuses;
  for (auto s : {equipment::MapStatus::inside, equipment::MapStatus::outside_grid,
                 equipment::MapStatus::invalid_node})
    statuses.append(text(equipment::to_string(s)));
  m.attr("MAP_STATUSES") = py::tuple(statuses);

  m.def(
      "product_ids", [](const Session& s) { return s.products().ids(); }, py::arg("session"),
      "IDs of the shipped products (data/products), as `heatlift product list`.");
  m.def(
      "product",
      [](const Session& s, const std::string& id) {
        return product_dict(s.products().product(id));
      },
      py::arg("session"), py::arg("id"),
      "One product: id, name, type, refrigerant, charge_kg, rated_capacity_W, rating_point, "
      "source_kind, description (design assumptions and sources), file.");
  m.def(
      "product_rating_point",
      [](const Session& s, const std::string& id) {
        nlohmann::json doc;
        {
          py::gil_scoped_release release;
          doc = report::cycle_result_json(s.products().rating_point(id));
        }
        return to_python(doc);
      },
      py::arg("session"), py::arg("id"),
      "The product's design cycle solved at its rating point (as solve_cycle).");

  py::class_<MapHandle>(m, "PerformanceMap",
                        "Heating capacity and electric power over source temperature (K: "
                        "outdoor air, or brine / water inlet) × sink temperature (K, leaving "
                        "water) × part load (compressor speed fraction, 0 < x ≤ 1).")
      .def(py::init([](const Session& s, const std::string& id) {
             py::gil_scoped_release release;  // generated from the design on first use
             return MapHandle{s.products().map(id)};
           }),
           py::arg("session"), py::arg("product"))
      .def_static(
          "from_csv",
          [](const std::string& path) {
            return MapHandle{
                std::make_shared<const equipment::PerformanceMap>(equipment::load_map_csv(path))};
          },
          py::arg("path"),
          "A map file as `heatlift cycle map` writes it (docs/performance-map.md).")
      .def_property_readonly(
          "source_kind",
          [](const MapHandle& h) { return text(equipment::to_string(h.map->source_kind())); })
      .def(
          "axes",
          [](const MapHandle& h) {
            py::dict d;
            d["t_source_K"] = array_of(h.map->axes().t_source);
            d["t_sink_K"] = array_of(h.map->axes().t_sink);
            d["part_load"] = array_of(h.map->axes().part_load);
            return d;
          },
          "The grid: t_source_K, t_sink_K, part_load.")
      .def("at", &map_at, py::arg("t_source"), py::arg("t_sink"), py::arg("part_load"),
           "Capacity (W), power (W), COP and status (code into MAP_STATUSES: inside, "
           "outside_grid at the clamped point, invalid_node from the valid corners) at every "
           "point; never raises for finite input.")
      .def("nodes", &map_nodes, "Every grid node: axes, capacity, power, valid.")
      .def(
          "to_csv", [](const MapHandle& h) { return equipment::to_csv(*h.map); },
          "The map as CSV text (exact round trip).");
}

}  // namespace heatlift::python
