#include "heatlift/standards/map_declaration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/standards/map_performance.hpp"

namespace heatlift::standards {
namespace {

constexpr double kSeasonEnd = 16.0 + core::kZeroCelsius;  // pl = 0 at 16 °C, K

std::string celsius(double t) {
  return core::format_quantity(t, "°C", 3);
}

double outlet_of(const std::string& application) {
  return (application == "low" ? 35.0 : 55.0) + core::kZeroCelsius;
}

// The applications to rate: those asked for, or each whose outlet lies on the sink axis.
std::vector<std::string> applications(const equipment::PerformanceMap& map,
                                      const MapRatingOptions& o, const std::string& name) {
  const auto& sink = map.axes().t_sink;
  auto on_axis = [&](const std::string& a) {
    const double t = outlet_of(a);
    return t >= sink.front() - 1e-9 && t <= sink.back() + 1e-9;
  };
  std::vector<std::string> out;
  if (o.applications.empty()) {
    for (const char* a : {"low", "medium"}) {
      if (on_axis(a)) out.emplace_back(a);
    }
  } else {
    for (const auto& text : o.applications) out.push_back(parse_application(text, "--application"));
  }
  if (out.empty()) {
    throw InvalidInput(fmt::format(
        "{}: the map's leaving-water axis ({} to {}) holds neither 35 °C nor 55 °C, the outlets "
        "of EN 14825's low- and medium-temperature applications",
        name, celsius(sink.front()), celsius(sink.back())));
  }
  for (const auto& a : out) {
    if (!on_axis(a)) {
      throw InvalidInput(fmt::format(
          "{}: --application {} needs a {} leaving water temperature; the map's sink axis runs "
          "{} to {}",
          name, a, celsius(outlet_of(a)), celsius(sink.front()), celsius(sink.back())));
    }
  }
  return out;
}

// The temperatures of one declaration, with the defaults of MapRatingOptions.
En14825Input input_for(const equipment::PerformanceMap& map, const Climate& climate,
                       const MapRatingOptions& o, const std::string& application,
                       const std::string& name) {
  En14825Input in;
  in.climate = climate.name;
  in.application = application;
  in.unit_type = UnitType::air_to_water;
  in.capacity_control = map.single_speed() ? CapacityControl::fixed : CapacityControl::variable;
  in.field = fmt::format("{} ({} application)", name, application);
  in.tol = o.tol ? *o.tol : std::max(map.axes().t_source.front(), climate.t_design);
  in.t_biv = o.t_biv ? *o.t_biv : std::max(-7.0 + core::kZeroCelsius, in.tol);
  in.p_off = o.p_off;
  in.p_to = o.p_to;
  in.p_sb = o.p_sb;
  in.p_ck = o.p_ck;
  if (in.t_biv >= kSeasonEnd)
    throw InvalidInput(fmt::format("{}: t_biv = {}: expected a bivalent temperature below 16 °C",
                                   in.field, celsius(in.t_biv)));
  return in;
}

}  // namespace

Product product_from_map(const equipment::PerformanceMap& map, const std::string& name,
                         const StandardsLibrary& library, const MapRatingOptions& o) {
  if (map.source_kind() != equipment::SourceKind::air) {
    throw InvalidInput(fmt::format(
        "{}: a {}-source map: EN 14825 rates water- and brine-source units at a fixed source "
        "temperature per condition, which heatlift does not ship; rate its declared points "
        "(PRODUCT.toml) instead",
        name, map.source_kind() == equipment::SourceKind::water ? "water" : "brine"));
  }
  if (!(o.relative_humidity >= 0.0 && o.relative_humidity <= 1.0))
    throw InvalidInput(
        fmt::format("{}: relative humidity {} is not 0 to 1", name, o.relative_humidity));
  const Climate& climate = library.en14825.climate(o.climate, "--climate");
  auto shared = std::make_shared<const equipment::PerformanceMap>(map);
  Product p;
  p.name = name;
  p.model = name;
  p.origin = name;
  for (const auto& application : applications(map, o, name)) {
    const double outlet = outlet_of(application);
    auto sink = [outlet](double) { return outlet; };
    Declaration d;
    d.standard = StandardId::en14825;
    En14825Input in = input_for(map, climate, o, application, name);
    const MapPerformance full(shared, sink, o.relative_humidity);
    const double pl_biv = (in.t_biv - kSeasonEnd) / (climate.t_design - kSeasonEnd);
    if (o.design_load) {
      in.design_load = *o.design_load;
    } else {
      const Performance at_biv = full.at({in.t_biv, std::nan(""), 1.0});
      in.design_load = at_biv.capacity / pl_biv;
    }
    if (!std::isfinite(in.design_load) || in.design_load <= 0.0)
      throw InvalidInput(fmt::format("{}: no design load: the map gives {} W at t_biv = {}",
                                     in.field, in.design_load * pl_biv, celsius(in.t_biv)));
    const MapPerformance unit(shared, sink, o.relative_humidity,
                              map.single_speed() ? 0.0 : in.design_load);
    for (const auto& [condition, t] : required_conditions(library.en14825, in)) {
      const double pl = (t - kSeasonEnd) / (climate.t_design - kSeasonEnd);
      const auto& src = map.axes().t_source;
      if (t < src.front() - 1e-9 || t > src.back() + 1e-9) {
        throw InvalidInput(fmt::format(
            "{}: condition {} ({}) lies beyond the map's source axis ({} to {}); a map holds "
            "its edge values beyond it, which would declare a point it does not have: make "
            "the map reach it (product fit --source \"-20 C..15 C\") or set --tol",
            in.field, condition, celsius(t), celsius(src.front()), celsius(src.back())));
      }
      const Performance q = unit.at({t, std::nan(""), pl});
      if (q.validity == Validity::outside || !std::isfinite(q.cop) || q.capacity <= 0.0) {
        throw InvalidInput(
            fmt::format("{}: condition {} ({}, leaving water {}): the map has no valid node there",
                        in.field, condition, celsius(t), celsius(outlet)));
      }
      DeclaredPoint pt;
      pt.t_source = t;
      pt.capacity = q.capacity;
      pt.cop = q.cop;
      pt.t_sink = outlet;
      pt.field = fmt::format(
          "{} at {} ({}, {})", name, condition, celsius(t),
          q.validity == Validity::extrapolated ? "beyond the map's grid" : "from the map");
      d.points.push_back(pt);
    }
    d.field = in.field;
    d.en14825 = in;
    p.declarations.push_back(std::move(d));
  }
  return p;
}

}  // namespace heatlift::standards
