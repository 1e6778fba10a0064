#include "heatlift/python/site_tables.hpp"

#include "heatlift/core/units.hpp"

namespace heatlift::python {
namespace {

constexpr double kC = core::kZeroCelsius;

struct HourColumn {
  const char* name;
  double (*of)(const site::Hour&);
};

// hourly.csv's columns after hour and month, in its order (mode last, as text).
const HourColumn kHourColumns[] = {
    {"t_out_C", [](const site::Hour& h) { return h.t_out - kC; }},
    {"t_source_C", [](const site::Hour& h) { return h.t_source - kC; }},
    {"t_supply_C", [](const site::Hour& h) { return h.t_supply - kC; }},
    {"load_kW", [](const site::Hour& h) { return h.load / 1e3; }},
    {"hp_heat_kW", [](const site::Hour& h) { return h.hp_heat / 1e3; }},
    {"hp_power_kW", [](const site::Hour& h) { return h.hp_power / 1e3; }},
    {"source_aux_kW", [](const site::Hour& h) { return h.source_aux / 1e3; }},
    {"sink_aux_kW", [](const site::Hour& h) { return h.sink_aux / 1e3; }},
    {"backup_heat_kW", [](const site::Hour& h) { return h.backup_heat / 1e3; }},
    {"backup_power_kW", [](const site::Hour& h) { return h.backup_power / 1e3; }},
    {"store_in_kW", [](const site::Hour& h) { return h.store_in / 1e3; }},
    {"store_out_kW", [](const site::Hour& h) { return h.store_out / 1e3; }},
    {"store_loss_kW", [](const site::Hour& h) { return h.store_loss / 1e3; }},
    {"store_level_kWh", [](const site::Hour& h) { return h.store_level / 3.6e6; }},
    {"unmet_kW", [](const site::Hour& h) { return h.unmet / 1e3; }},
    {"pv_kW", [](const site::Hour& h) { return h.pv / 1e3; }},
    {"grid_kW", [](const site::Hour& h) { return h.grid / 1e3; }},
    {"part_load", [](const site::Hour& h) { return h.part_load; }},
    {"defrost_factor", [](const site::Hour& h) { return h.defrost_factor; }},
};

// hour (0-based) and month (1-12) of n hours.
void calendar(std::size_t n, Table& t) {
  CountColumn hour, month;
  for (std::size_t i = 0; i < n; ++i) {
    hour.push_back(static_cast<std::int64_t>(i));
    month.push_back(climate::month_of_hour(i) + 1);
  }
  t.push_back({"hour", std::move(hour)});
  t.push_back({"month", std::move(month)});
}

}  // namespace

Table hourly_table(const site::SiteOutcome& outcome) {
  const auto& hours = outcome.simulation.hours;
  Table t;
  calendar(hours.size(), t);
  for (const HourColumn& c : kHourColumns) {
    NumberColumn v;
    v.reserve(hours.size());
    for (const site::Hour& h : hours) v.push_back(c.of(h));
    t.push_back({c.name, std::move(v)});
  }
  TextColumn mode;
  for (const site::Hour& h : hours) mode.emplace_back(std::string(site::to_string(h.mode)));
  t.push_back({"mode", std::move(mode)});
  return t;
}

Table weather_table(const climate::WeatherSeries& w) {
  Table t;
  calendar(w.hours(), t);
  NumberColumn t_dry, rh, ghi;
  for (std::size_t i = 0; i < w.hours(); ++i) {
    t_dry.push_back(w.t_dry[i] - kC);
    rh.push_back(w.rh[i]);
    ghi.push_back(w.ghi[i]);
  }
  t.push_back({"t_dry_C", std::move(t_dry)});
  t.push_back({"rh_fraction", std::move(rh)});
  t.push_back({"ghi_W_m2", std::move(ghi)});
  return t;
}

}  // namespace heatlift::python
