// Column units (header cells, JSON keys) and JSON rows; see ingest.hpp.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/operations/ingest.hpp"
#include "heatlift/operations/ingest_internal.hpp"

namespace heatlift::operations {

using namespace ingest_detail;

namespace {

// ---- units written in headers -------------------------------------------------------------

enum class Quantity { temperature, power_or_energy, flow, fraction, frequency };

Quantity quantity_of(Channel c) {
  switch (c) {
    case Channel::elec_unit:
    case Channel::elec_source:
    case Channel::elec_backup:
    case Channel::elec_sink:
    case Channel::heat_hp:
    case Channel::heat_backup: return Quantity::power_or_energy;
    case Channel::t_flow:
    case Channel::t_return:
    case Channel::t_outdoor: return Quantity::temperature;
    case Channel::flow_rate: return Quantity::flow;
    case Channel::rh_outdoor:
    case Channel::defrost:
    case Channel::backup_on: return Quantity::fraction;
    case Channel::compressor_hz: return Quantity::frequency;
  }
  return Quantity::fraction;
}

const char* expected_units(Quantity q) {
  switch (q) {
    case Quantity::temperature: return "°C, C, °F, F or K";
    case Quantity::power_or_energy:
      return "a power (W, kW), an energy per interval (Wh, kWh) or a meter register "
             "(\"kWh counter\")";
    case Quantity::flow: return "m3/h, l/s or l/min";
    case Quantity::fraction: return "% or 1";
    case Quantity::frequency: return "Hz";
  }
  return "";
}

struct UnitDef {
  std::string_view name;
  Quantity quantity;
  bool energy;
  double scale, offset;
};

// Every unit a header may name (suffix forms without "/" and "°" included).
constexpr UnitDef kUnits[] = {
    {"°C", Quantity::temperature, false, 1.0, 273.15},
    {"C", Quantity::temperature, false, 1.0, 273.15},
    {"degC", Quantity::temperature, false, 1.0, 273.15},
    {"℃", Quantity::temperature, false, 1.0, 273.15},
    {"°F", Quantity::temperature, false, 5.0 / 9.0, 273.15 - 32.0 * 5.0 / 9.0},
    {"F", Quantity::temperature, false, 5.0 / 9.0, 273.15 - 32.0 * 5.0 / 9.0},
    {"degF", Quantity::temperature, false, 5.0 / 9.0, 273.15 - 32.0 * 5.0 / 9.0},
    {"℉", Quantity::temperature, false, 5.0 / 9.0, 273.15 - 32.0 * 5.0 / 9.0},
    {"K", Quantity::temperature, false, 1.0, 0.0},
    {"W", Quantity::power_or_energy, false, 1.0, 0.0},
    {"kW", Quantity::power_or_energy, false, 1e3, 0.0},
    {"MW", Quantity::power_or_energy, false, 1e6, 0.0},
    {"Wh", Quantity::power_or_energy, true, 3600.0, 0.0},
    {"kWh", Quantity::power_or_energy, true, 3.6e6, 0.0},
    {"MWh", Quantity::power_or_energy, true, 3.6e9, 0.0},
    {"J", Quantity::power_or_energy, true, 1.0, 0.0},
    {"kJ", Quantity::power_or_energy, true, 1e3, 0.0},
    {"MJ", Quantity::power_or_energy, true, 1e6, 0.0},
    {"m3/h", Quantity::flow, false, 1.0 / 3600.0, 0.0},
    {"m³/h", Quantity::flow, false, 1.0 / 3600.0, 0.0},
    {"m3h", Quantity::flow, false, 1.0 / 3600.0, 0.0},
    {"l/s", Quantity::flow, false, 1e-3, 0.0},
    {"L/s", Quantity::flow, false, 1e-3, 0.0},
    {"ls", Quantity::flow, false, 1e-3, 0.0},
    {"l/min", Quantity::flow, false, 1e-3 / 60.0, 0.0},
    {"L/min", Quantity::flow, false, 1e-3 / 60.0, 0.0},
    {"lmin", Quantity::flow, false, 1e-3 / 60.0, 0.0},
    {"m3/s", Quantity::flow, false, 1.0, 0.0},
    {"m3s", Quantity::flow, false, 1.0, 0.0},
    {"%", Quantity::fraction, false, 0.01, 0.0},
    {"pct", Quantity::fraction, false, 0.01, 0.0},
    {"1", Quantity::fraction, false, 1.0, 0.0},
    {"frac", Quantity::fraction, false, 1.0, 0.0},
    {"Hz", Quantity::frequency, false, 1.0, 0.0},
};

std::string known_channels() {
  std::string out;
  for (Channel c : all_channels())
    out += fmt::format("{}{}", out.empty() ? "" : ", ", to_string(c));
  return out;
}

ColumnUnit column_of(std::string_view cell, Channel channel, std::string_view unit) {
  ColumnUnit col;
  col.channel = channel;
  const Quantity q = quantity_of(channel);
  unit = trim(unit);
  bool counter = false;
  for (std::string_view tail : {" counter", "_counter", "counter", ",counter", ", counter"}) {
    if (unit.size() > tail.size() && unit.ends_with(tail)) {
      unit = trim(unit.substr(0, unit.size() - tail.size()));
      if (unit.ends_with(',')) unit = trim(unit.substr(0, unit.size() - 1));
      counter = true;
      break;
    }
  }
  if (unit.empty()) {
    if (q == Quantity::frequency && !counter) return col;  // compressor_hz is Hz by its name
    throw InvalidInput(
        fmt::format("column '{}': no unit; write it as '{} [unit]' or '{}_unit' "
                    "with a unit of {}",
                    cell, to_string(channel), to_string(channel), expected_units(q)));
  }
  for (const auto& u : kUnits) {
    if (u.name != unit) continue;
    if (u.quantity != q)
      throw InvalidInput(fmt::format("column '{}': '{}' is not a unit of {}; expected {}", cell,
                                     unit, to_string(channel), expected_units(q)));
    if (counter && !u.energy)
      throw InvalidInput(
          fmt::format("column '{}': a meter register counts energy; expected "
                      "'{} [kWh counter]' (or Wh, MWh)",
                      cell, to_string(channel)));
    col.kind = counter    ? ColumnUnit::Kind::counter
               : u.energy ? ColumnUnit::Kind::interval_energy
                          : ColumnUnit::Kind::value;
    col.scale = u.scale;
    col.offset = u.offset;
    col.unit = std::string(unit);
    return col;
  }
  throw InvalidInput(
      fmt::format("column '{}': unknown unit '{}'; expected {}", cell, unit, expected_units(q)));
}

}  // namespace

ColumnUnit parse_column(std::string_view cell) {
  const std::string_view text = trim(cell);
  // "name [unit]" or "name (unit)"
  for (auto [open, close] : {std::pair{'[', ']'}, std::pair{'(', ')'}}) {
    const auto o = text.find(open);
    if (o == std::string_view::npos) continue;
    if (!text.ends_with(close))
      throw InvalidInput(fmt::format("column '{}': expected 'name {}unit{}'", cell, open, close));
    const std::string_view name = trim(text.substr(0, o));
    const auto channel = channel_from_string(name);
    if (!channel)
      throw InvalidInput(
          fmt::format("column '{}': unknown channel '{}'; expected time, unit or "
                      "one of {}",
                      cell, name, known_channels()));
    return column_of(cell, *channel, text.substr(o + 1, text.size() - o - 2));
  }
  // suffix form: the longest channel name followed by "_unit" (or nothing)
  std::optional<Channel> best;
  for (Channel c : all_channels()) {
    const std::string_view n = to_string(c);
    if (text.starts_with(n) && (text.size() == n.size() || text[n.size()] == '_') &&
        (!best || n.size() > to_string(*best).size()))
      best = c;
  }
  if (!best)
    throw InvalidInput(
        fmt::format("column '{}': unknown channel; expected time, unit or one of "
                    "{}, each with its unit ('t_flow [°C]' or 't_flow_C')",
                    cell, known_channels()));
  const std::string_view n = to_string(*best);
  return column_of(cell, *best,
                   text.size() == n.size() ? std::string_view{} : text.substr(n.size() + 1));
}
std::string parse_json_row(std::string_view json, const IngestOptions& options, RawRow& row) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    // The parser quotes the bytes it stopped at, which may cut a UTF-8 character.
    throw InvalidInput(fmt::format("not a JSON object: {}", core::escape_invalid_utf8(e.what())));
  }
  if (!doc.is_object()) throw InvalidInput("expected a JSON object {\"time\": ..., ...}");
  std::string unit;
  bool has_time = false;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    const auto& value = it.value();
    if (key == "unit") {
      if (!value.is_string() || value.get_ref<const std::string&>().empty())
        throw InvalidInput(
            fmt::format("key 'unit': value {}: expected the unit's id as text", value.dump()));
      unit = value.get<std::string>();
    } else if (key == "time") {
      std::optional<std::int64_t> t;
      if (value.is_string())
        t = parse_time(value.get_ref<const std::string&>(), options.tz_offset_s);
      else if (value.is_number())
        t = static_cast<std::int64_t>(std::floor(value.get<double>()));
      if (!t)
        throw InvalidInput(
            fmt::format("key 'time': value {}: expected an ISO 8601 time "
                        "(2025-01-01T08:00:00+08:00) or unix seconds",
                        value.dump()));
      row.t = *t;
      has_time = true;
    } else {
      const ColumnUnit col = parse_column(key);
      if (value.is_null()) continue;
      if (!value.is_number())
        throw InvalidInput(
            fmt::format("key '{}': value {}: expected a number or null", key, value.dump()));
      const double number = value.get<double>();
      if (!std::isfinite(number))
        throw InvalidInput(
            fmt::format("key '{}': value {}: expected a finite number", key, value.dump()));
      row.set(col, number, options.sentinels);
    }
  }
  if (!has_time) throw InvalidInput("key 'time' is missing");
  return unit;
}

std::string json_row_drop_reason(std::string_view what) {
  if (what.starts_with("key 'time'")) return "unparsable time";
  if (what.starts_with("not a JSON") || what.starts_with("expected a JSON object"))
    return "not a JSON object";
  if (what.starts_with("column")) return "unknown key or unit";
  return "unparsable value";
}

}  // namespace heatlift::operations
