// Hourly tables for pandas: a site's simulated year and a place's weather, every column
// named with its display unit (t_out_C, load_kW, store_level_kWh ...), at full precision.
#pragma once

#include "heatlift/climate/weather.hpp"
#include "heatlift/python/table.hpp"
#include "heatlift/site/site_case.hpp"

namespace heatlift::python {

/// The columns of `heatlift site run`'s hourly.csv, one row per hour of the year.
Table hourly_table(const site::SiteOutcome& outcome);

/// hour, month, t_dry_C, rh_fraction, ghi_W_m2 of a typical year.
Table weather_table(const climate::WeatherSeries& weather);

}  // namespace heatlift::python
