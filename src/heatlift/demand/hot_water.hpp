// Domestic hot water: the daily volume from the GB 50015-2019 quotas per person, bed or
// student, drawn over the day by a type's hourly profile, heated from the cold-water
// temperature to the storage temperature; a storage tank with standing losses between the
// draws and the heat pump, which sees the tank's recharge. Quotas and profiles live in
// data/demand/hot_water.toml; docs/demand.md gives the model.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/climate/weather.hpp"
#include "heatlift/demand/calendar.hpp"
#include "heatlift/demand/load.hpp"

namespace heatlift::core {
class DataStore;
}

namespace heatlift::demand {

/// Density and specific heat of the hot water the quotas are written for (60 °C).
inline constexpr double kHotWaterDensity = 983.2;  ///< kg/m³ at 60 °C
inline constexpr double kWaterCp = 4187.0;  ///< J/(kg·K), as GB 50015's C = 4.187 kJ/(kg·°C)

/// One building type's quota and draw pattern.
struct HotWaterType {
  std::string name;                       ///< e.g. "hotel"
  std::string name_zh;                    ///< e.g. "宾馆客房"
  std::string unit;                       ///< "person", "bed", "student"
  std::array<double, 2> quota_max_day{};  ///< m³ per unit and day, range (design)
  std::array<double, 2> quota_avg_day{};  ///< m³ per unit and day, range (annual energy)
  std::array<double, 24> profile{};       ///< share of a day's draw per hour, sums to 1
  double weekend_factor = 1.0;
  double vacation_factor = 1.0;
  std::vector<DayRange> vacations;
};

/// The contents of data/demand/hot_water.toml.
struct HotWaterLibrary {
  std::string source;
  std::map<std::string, HotWaterType, std::less<>> types;

  static HotWaterLibrary load(const core::DataStore& data);
  static HotWaterLibrary parse(std::string_view text, const std::string& origin);
  /// Throws DataMissing naming the known types.
  const HotWaterType& type(std::string_view name) const;
};

struct HotWaterSpec {
  std::string type;                  ///< for the description
  double units = 0.0;                ///< persons / beds / students
  double daily_volume = 0.0;         ///< m³/d at t_hot on an ordinary day (average quota × units)
  double design_daily_volume = 0.0;  ///< m³/d on the maximum day (maximum quota × units)
  std::array<double, 24> profile{};  ///< share per hour, sums to 1
  double weekend_factor = 1.0;
  double vacation_factor = 1.0;
  std::vector<DayRange> vacations;
  double t_hot = 333.15;  ///< K, storage / delivery temperature
  /// K, cold-water temperature per month (January first); empty: from the weather by the
  /// Burch & Christensen (2007) mains-temperature correlation.
  std::vector<double> t_cold_monthly;
  double tank_volume = 0.0;  ///< m³; 0: no storage, the heater follows the draw
  /// W, tank standing loss at t_hot; default (negative): EU Regulation 812/2013 class C
  /// limit S = 16.66 + 8.33·V^0.4 W (V in litres).
  double tank_loss = -1.0;
  double t_ambient = 293.15;  ///< K, around the tank (informative: the loss is given at t_hot)
  /// W, heater recharge rate; default (0): GB 50015-2019 §6.4.3 design rate (docs/demand.md).
  double recovery_power = 0.0;
  double recovery_hours = 3.0;    ///< h, T in the GB 50015 formula (2–4 h for volumetric tanks)
  double useful_fraction = 0.75;  ///< η, useful share of the tank volume (GB 50015: 0.7–0.8)
  int first_weekday = 0;

  void validate() const;
};

/// A spec for `units` persons/beds/students of `type`, quotas at the middle of the ranges.
HotWaterSpec make_hot_water_spec(const HotWaterLibrary& lib, std::string_view type, double units);

/// K, daily cold-water temperature (365 values) by the Burch & Christensen (NREL, 2007)
/// correlation from the series' annual mean and the spread of its monthly means.
std::vector<double> cold_water_temperature(const climate::WeatherSeries& w);

struct HotWaterResult {
  LoadSeries load;                   ///< the heater's (heat pump's) recharge load
  double draw = 0.0;                 ///< J, heat in the water drawn (t_hot − t_cold)
  double losses = 0.0;               ///< J, tank standing losses
  double unmet = 0.0;                ///< J, draw the tank could not serve (empty tank)
  double storage_change = 0.0;       ///< J, stored energy at the end − at the start
  double design_daily_energy = 0.0;  ///< J, on the maximum day at the coldest water
  double tank_loss = 0.0;            ///< W, the standing loss used
};

/// heat = draw + losses − unmet + storage_change, over the year.
HotWaterResult simulate_hot_water(const HotWaterSpec& s, const climate::WeatherSeries& w);

}  // namespace heatlift::demand
