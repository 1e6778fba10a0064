// heatlift._core climate bindings: the embedded cities and any place's typical year.
#include "heatlift/climate/cities.hpp"
#include "heatlift/climate/place.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/python/bindings.hpp"
#include "heatlift/python/site_tables.hpp"

namespace heatlift::python {
namespace {

py::dict place_info(const climate::Place& p) {
  const climate::Location& loc = p.weather.location;
  py::dict d;
  d["name"] = text(p.city ? p.city->name : loc.name);
  d["name_zh"] = text(p.city ? p.city->name_zh : loc.name_zh);
  d["province"] = text(loc.province);
  d["station"] = text(loc.station);
  d["latitude_deg"] = loc.latitude;
  d["longitude_deg"] = loc.longitude;
  d["elevation_m"] = loc.elevation;
  d["synthetic"] = p.synthetic;
  d["source"] = text(p.weather.source);
  d["zone"] = text(climate::to_string(p.zone));
  d["zone_en"] = text(climate::name_en(p.zone));
  d["zone_zh"] = text(climate::name_zh(p.zone));
  d["subzone"] = text(p.subzone);
  d["gb50736_station"] = p.station ? py::object(text(p.station->id)) : py::object(py::none());
  d["heating_design_temperature_C"] =
      p.station ? py::object(py::float_(p.station->heating_design - core::kZeroCelsius))
                : py::object(py::none());
  d["heating_days"] =
      p.station ? py::object(py::int_(p.station->heating_period.days)) : py::object(py::none());
  const climate::DegreeDays dd = climate::degree_days(p.weather);
  d["hdd18_Kd"] = dd.hdd18;
  d["cdd26_Kd"] = dd.cdd26;
  return d;
}

}  // namespace

void bind_climate(py::module_& m) {
  m.def(
      "cities",
      [](const Session& s) {
        const climate::CityLibrary lib(s.data());
        py::list out;
        for (const climate::City& c : lib.cities()) {
          py::dict d;
          d["name"] = text(c.name);
          d["name_zh"] = text(c.name_zh);
          d["province"] = text(c.province);
          d["wmo"] = text(c.wmo);
          d["latitude_deg"] = c.location.latitude;
          d["longitude_deg"] = c.location.longitude;
          d["elevation_m"] = c.location.elevation;
          d["gb50736_station"] = text(c.gb50736_station);
          out.append(d);
        }
        return out;
      },
      py::arg("session"),
      "The cities with an hourly CSWD typical year (as `heatlift climate list`).");
  m.def(
      "place",
      [](const Session& s, const std::string& query) {
        std::shared_ptr<const climate::Place> p;
        Table hourly;
        {
          py::gil_scoped_release release;
          p = s.site().place(query);
          hourly = weather_table(p->weather);
        }
        return py::make_tuple(place_info(*p), to_python(std::move(hourly)));
      },
      py::arg("session"), py::arg("query"),
      "One place (a city: Beijing, 北京, 545110; or a GB 50736 station: 保定, 54602) as "
      "`heatlift climate show`: (info, hourly) with info the location, GB 50176 zone, GB 50736 "
      "design temperature (°C) and degree days (K·d), and hourly the typical year's columns "
      "(hour, month, t_dry_C, rh_fraction, ghi_W_m2).");
}

}  // namespace heatlift::python
