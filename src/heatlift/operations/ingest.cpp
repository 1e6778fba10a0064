#include "heatlift/operations/ingest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::operations {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kYear2000 = 946'684'800;  // 2000-01-01T00:00:00Z

std::uint16_t bit(Channel c) {
  return static_cast<std::uint16_t>(1u << static_cast<unsigned>(c));
}

// ---- physical ranges (SI), with the text shown in reports --------------------------------

struct PhysicalRange {
  double lo, hi;
  const char* text;
};

const PhysicalRange& range_of(Channel c) {
  static const std::array<PhysicalRange, kChannels> ranges = {{
      {0.0, 5e6, "0…5000 kW"},                // elec_unit
      {0.0, 5e6, "0…5000 kW"},                // elec_source
      {0.0, 5e6, "0…5000 kW"},                // elec_backup
      {0.0, 5e6, "0…5000 kW"},                // elec_sink
      {-5e6, 5e6, "-5000…5000 kW"},           // heat_hp (negative while defrosting)
      {0.0, 5e6, "0…5000 kW"},                // heat_backup
      {243.15, 403.15, "-30…130 °C"},         // t_flow
      {243.15, 403.15, "-30…130 °C"},         // t_return
      {0.0, 1000.0 / 3600.0, "0…1000 m³/h"},  // flow_rate
      {213.15, 333.15, "-60…60 °C"},          // t_outdoor
      {0.0, 1.0, "0…100 %"},                  // rh_outdoor
      {0.0, 500.0, "0…500 Hz"},               // compressor_hz
      {0.0, 1.0, "0…1"},                      // defrost
      {0.0, 1.0, "0…1"},                      // backup_on
  }};
  return ranges[static_cast<std::size_t>(c)];
}

bool in_range(Channel c, double v) {
  const auto& r = range_of(c);
  // A little slack for rounding at the edges (100.0000001 %).
  const double slack = 1e-9 * std::max(std::abs(r.lo), std::abs(r.hi)) + 1e-12;
  return v >= r.lo - slack && v <= r.hi + slack;
}

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

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

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

// ---- numbers and times ------------------------------------------------------------------------

bool is_missing(std::string_view s) {
  return s.empty() || s == "NA" || s == "NaN" || s == "nan" || s == "null" || s == "NULL" ||
         s == "-" || s == "--" || s == "N/A" || s == "n/a";
}

// A number as written; false when the text is not one.
bool parse_number(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

struct Cursor {
  const char* p;
  const char* end;
  bool done() const { return p == end; }
  char peek() const { return p == end ? '\0' : *p; }
  // 1..max_digits digits.
  bool digits(int min_digits, int max_digits, int& out) {
    int n = 0;
    out = 0;
    while (p != end && n < max_digits && *p >= '0' && *p <= '9') {
      out = out * 10 + (*p - '0');
      ++p;
      ++n;
    }
    return n >= min_digits;
  }
};

std::string format_utc(std::int64_t t) {
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t sec = t - days * 86400;
  // civil_from_days
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", y + (m <= 2), m, d, sec / 3600,
                     sec / 60 % 60, sec % 60);
}

}  // namespace

// ---- public helpers
// ------------------------------------------------------------------------------

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

std::optional<std::int64_t> parse_time(std::string_view text, int tz_offset_s) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // unix seconds: digits only (with an optional fraction), at least 9 of them
  {
    std::size_t i = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i >= 9 && (i == text.size() || text[i] == '.')) {
      double v = 0;
      if (!parse_number(text, v)) return std::nullopt;
      return static_cast<std::int64_t>(std::floor(v));
    }
  }
  Cursor c{text.data(), text.data() + text.size()};
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!c.digits(4, 4, y)) return std::nullopt;
  const char sep = c.peek();
  if (sep != '-' && sep != '/') return std::nullopt;
  ++c.p;
  if (!c.digits(1, 2, mo) || c.peek() != sep) return std::nullopt;
  ++c.p;
  if (!c.digits(1, 2, d)) return std::nullopt;
  if (mo < 1 || mo > 12) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d < 1 || d > kDays[mo - 1] + (mo == 2 && leap(y))) return std::nullopt;
  int offset = tz_offset_s;
  if (!c.done()) {
    if (c.peek() != 'T' && c.peek() != ' ') return std::nullopt;
    while (c.peek() == ' ' || c.peek() == 'T') ++c.p;
    if (!c.digits(1, 2, h) || c.peek() != ':') return std::nullopt;
    ++c.p;
    if (!c.digits(2, 2, mi)) return std::nullopt;
    if (c.peek() == ':') {
      ++c.p;
      if (!c.digits(2, 2, s)) return std::nullopt;
      if (c.peek() == '.' || c.peek() == ',') {  // fraction of a second: dropped
        ++c.p;
        int frac;
        if (!c.digits(1, 9, frac)) return std::nullopt;
        while (c.peek() >= '0' && c.peek() <= '9') ++c.p;
      }
    }
    if (h > 23 || mi > 59 || s > 60) return std::nullopt;
    while (c.peek() == ' ') ++c.p;
    if (c.peek() == 'Z' || c.peek() == 'z') {
      ++c.p;
      offset = 0;
    } else if (c.peek() == '+' || c.peek() == '-') {
      const int sign = c.peek() == '-' ? -1 : 1;
      ++c.p;
      int oh, om = 0;
      if (!c.digits(2, 2, oh)) return std::nullopt;
      if (c.peek() == ':') ++c.p;
      if (!c.done() && !c.digits(2, 2, om)) return std::nullopt;
      if (oh > 14 || om > 59) return std::nullopt;
      offset = sign * (oh * 3600 + om * 60);
    }
    if (!c.done()) return std::nullopt;
  }
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + s - offset;
}

int parse_tz_offset(std::string_view text) {
  const std::string_view t = trim(text);
  if (t == "Z" || t == "UTC") return 0;
  if (t.size() >= 3 && (t[0] == '+' || t[0] == '-')) {
    Cursor c{t.data() + 1, t.data() + t.size()};
    int oh, om = 0;
    if (c.digits(2, 2, oh)) {
      if (c.peek() == ':') ++c.p;
      if ((c.done() || c.digits(2, 2, om)) && c.done() && oh <= 14 && om <= 59)
        return (t[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    }
  }
  throw InvalidInput(
      fmt::format("--tz '{}': expected an offset from UTC such as +08:00, "
                  "-05:00 or Z",
                  text));
}

RawRow::RawRow() {
  v.fill(kNaN);
}

void RawRow::set(const ColumnUnit& col, double number, const std::vector<double>& sentinels) {
  const auto c = static_cast<std::size_t>(col.channel);
  for (double s : sentinels) {
    if (number == s) {
      v[c] = kNaN;
      sentinel_mask |= bit(col.channel);
      flags |= flag_sentinel;
      return;
    }
  }
  const double si = number * col.scale + col.offset;
  if (col.converted()) flags |= flag_unit_converted;
  switch (col.kind) {
    case ColumnUnit::Kind::value:
      if (!in_range(col.channel, si)) {
        v[c] = kNaN;
        range_mask |= bit(col.channel);
        flags |= flag_out_of_range;
        return;
      }
      v[c] = si;
      return;
    case ColumnUnit::Kind::interval_energy: energy_mask |= bit(col.channel); break;
    case ColumnUnit::Kind::counter: counter_mask |= bit(col.channel); break;
  }
  v[c] = si;
}

std::string parse_json_row(std::string_view json, const IngestOptions& options, RawRow& row) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    throw InvalidInput(fmt::format("not a JSON object: {}", e.what()));
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

// ---- Ingestor
// -------------------------------------------------------------------------------------

struct Ingestor::UnitState {
  std::string id;
  std::vector<RawRow> staged;
  std::vector<std::int64_t> dup_times;  // duplicates dropped since the last flush
  std::vector<std::int64_t> seen;       // times that arrived in order (sorted)
  std::set<std::int64_t> seen_behind;   // times that arrived behind the latest
  std::int64_t prev_arrival = std::numeric_limits<std::int64_t>::min();
  std::int64_t prev_step = 0;
  std::int32_t nominal = 0;
  bool emitted = false;
  std::int64_t last_emitted = std::numeric_limits<std::int64_t>::min();
  bool has_pending = false;  // the last row, held back for its register's next reading
  RawRow pending;

  bool seen_before(std::int64_t t) const {
    return std::binary_search(seen.begin(), seen.end(), t) || seen_behind.count(t) > 0;
  }
};

Ingestor::Ingestor(Store& store, IngestOptions options, IngestReport& report)
    : store_(store), options_(std::move(options)), report_(report) {
  if (options_.now == 0)
    options_.now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (options_.batch_rows == 0) options_.batch_rows = 1;
}

Ingestor::~Ingestor() = default;

Ingestor::UnitState& Ingestor::state(std::string_view unit) {
  if (last_ && last_->id == unit) return *last_;
  auto it = units_.find(unit);
  if (it == units_.end()) {
    auto s = std::make_unique<UnitState>();
    s->id = std::string(unit);
    it = units_.emplace(s->id, std::move(s)).first;
  }
  last_ = it->second.get();
  return *last_;
}

void Ingestor::drop(const std::string& reason, const std::string& example) {
  ++report_.rows_read;
  ++report_.rows_dropped;
  ++report_.dropped[reason];
  if (report_.examples.size() < options_.max_examples && !exampled_[reason]) {
    exampled_[reason] = true;
    report_.examples.push_back(example);
  }
}

void Ingestor::count_correction(const std::string& reason, std::int64_t line,
                                const std::string& what) {
  ++report_.corrected[reason];
  if (report_.examples.size() < options_.max_examples && !exampled_[reason]) {
    exampled_[reason] = true;
    report_.examples.push_back(fmt::format("{}:{}: {}", report_.source, line, what));
  }
}

void Ingestor::add(std::string_view unit, RawRow& row) {
  if (unit.empty()) {
    drop("no unit id",
         fmt::format("{}:{}: field 'unit': empty, and no --unit given", report_.source, row.line));
    return;
  }
  if (row.t < kYear2000 || row.t > options_.now + 86400) {
    drop("clock jump: time outside 2000-01-01 … a day from now",
         fmt::format("{}:{}: field 'time': {}: expected a time from 2000-01-01 to a day from now "
                     "(the logger's clock was reset or jumped)",
                     report_.source, row.line, format_utc(row.t)));
    return;
  }
  UnitState& u = state(unit);
  ++report_.rows_read;
  const std::int64_t max_seen =
      u.seen.empty() ? std::numeric_limits<std::int64_t>::min() : u.seen.back();
  const bool stepped_back =
      u.prev_arrival != std::numeric_limits<std::int64_t>::min() && row.t < u.prev_arrival &&
      u.prev_arrival - row.t >
          std::max<std::int64_t>(1, 3 * std::max<std::int64_t>(u.prev_step, u.nominal) / 2);
  if (row.t > u.prev_arrival && u.prev_arrival != std::numeric_limits<std::int64_t>::min())
    u.prev_step = row.t - u.prev_arrival;
  u.prev_arrival = row.t;
  if (row.t <= max_seen) {
    if (u.seen_before(row.t)) {
      ++report_.rows_dropped;
      const std::string reason = stepped_back
                                     ? "duplicate timestamp after the clock stepped back (the "
                                       "first row kept)"
                                     : "duplicate timestamp (the first row kept)";
      ++report_.dropped[reason];
      if (report_.examples.size() < options_.max_examples && !exampled_[reason]) {
        exampled_[reason] = true;
        report_.examples.push_back(
            fmt::format("{}:{}: field 'time': {} of unit '{}' was read "
                        "before; this row dropped",
                        report_.source, row.line, format_utc(row.t), u.id));
      }
      u.dup_times.push_back(row.t);
      return;
    }
    u.seen_behind.insert(row.t);
    row.flags |= flag_out_of_order;
    count_correction("out of order (sorted in)", row.line,
                     fmt::format("field 'time': {} is earlier than a row before it; sorted in",
                                 format_utc(row.t)));
  } else {
    u.seen.push_back(row.t);
  }
  if (stepped_back) {
    row.flags |= flag_clock_jump;
    count_correction("clock stepped back (flagged)", row.line,
                     fmt::format("field 'time': {} is more than 1.5 intervals before the row "
                                 "before it; the logger's clock stepped back",
                                 format_utc(row.t)));
  }
  for (Channel c : all_channels()) {
    if (row.sentinel_mask & bit(c))
      count_correction(fmt::format("{}: sentinel → not measured", to_string(c)), row.line,
                       fmt::format("field '{}': a sentinel value (one of the configured "
                                   "sentinels such as -9999) read as not measured",
                                   to_string(c)));
    if (row.range_mask & bit(c))
      count_correction(fmt::format("{}: outside {} → not measured", to_string(c), range_of(c).text),
                       row.line,
                       fmt::format("field '{}': value outside {} read as not measured",
                                   to_string(c), range_of(c).text));
  }
  u.staged.push_back(row);
  if (++staged_ >= options_.batch_rows) flush(false);
}

void Ingestor::flush() {
  flush(false);
}

void Ingestor::finish() {
  flush(true);
  store_.log_ingest(report_);
}

void Ingestor::flush(bool final) {
  for (auto& [id, u] : units_) {
    if (u->staged.empty() && !(final && u->has_pending)) continue;
    emit(*u, final);
  }
  staged_ = 0;
  for (auto& [id, u] : units_) staged_ += u->staged.size();
}

void Ingestor::emit(UnitState& u, bool final) {
  auto by_time = [](const RawRow& a, const RawRow& b) { return a.t < b.t; };
  if (!std::is_sorted(u.staged.begin(), u.staged.end(), by_time))
    std::stable_sort(u.staged.begin(), u.staged.end(), by_time);
  if (u.nominal == 0) {
    if (options_.interval_s > 0) {
      u.nominal = options_.interval_s;
    } else {
      std::vector<std::int64_t> steps;
      if (u.has_pending && !u.staged.empty() && u.staged.front().t > u.pending.t)
        steps.push_back(u.staged.front().t - u.pending.t);
      for (std::size_t i = 1; i < u.staged.size(); ++i)
        if (u.staged[i].t > u.staged[i - 1].t) steps.push_back(u.staged[i].t - u.staged[i - 1].t);
      if (steps.empty()) {
        if (!final) return;  // one row so far: wait for the next to know the interval
        u.nominal = 3600;
        count_correction(
            "interval unknown (a single row): 1 h assumed", u.staged.front().line,
            fmt::format("unit '{}' has a single row; its interval is taken as 1 h", u.id));
      } else {
        std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
        u.nominal = static_cast<std::int32_t>(
            std::min<std::int64_t>(steps[steps.size() / 2], 366LL * 86400));
      }
    }
  }
  // The sequence to emit: the held-back row, then the staged rows (both in time order).
  std::vector<RawRow> rows = std::move(u.staged);
  u.staged.clear();
  if (u.has_pending) {
    rows.insert(rows.begin(), u.pending);
    u.has_pending = false;
    if (rows.size() > 1 && rows[1].t < rows[0].t)
      std::stable_sort(rows.begin(), rows.end(), by_time);
  }
  if (!u.dup_times.empty()) {
    for (std::int64_t t : u.dup_times) {
      auto it = std::lower_bound(rows.begin(), rows.end(), t,
                                 [](const RawRow& r, std::int64_t v) { return r.t < v; });
      if (it != rows.end() && it->t == t) it->flags |= flag_duplicate;
    }
    u.dup_times.clear();
  }
  std::uint16_t counters = 0;
  for (const auto& r : rows) counters |= r.counter_mask;
  // With registers, the last row waits for the next reading (unless this is the end).
  std::size_t n = rows.size();
  if (counters && !final && n > 0) {
    u.pending = rows.back();
    u.has_pending = true;
    --n;
  }
  if (n == 0) return;
  const double dt = u.nominal;
  Series& s = batch_;
  s.t.resize(n);
  s.dt.assign(n, u.nominal);
  s.flags.resize(n);
  for (auto& column : s.values) column.resize(n);
  std::int64_t prev = u.last_emitted;
  for (std::size_t i = 0; i < n; ++i) {
    RawRow& r = rows[i];
    const bool behind = u.emitted && r.t <= u.last_emitted;
    if (!behind && (u.emitted || i > 0) && r.t - prev > 3 * static_cast<std::int64_t>(dt) / 2) {
      r.flags |= flag_gap_before;
      count_correction("gap before the row (more than 1.5 intervals)", r.line,
                       fmt::format("field 'time': {} s after the row before (interval {} s)",
                                   r.t - prev, u.nominal));
    }
    if (!behind) prev = r.t;
    const std::size_t k = i;
    s.t[k] = r.t;
    s.flags[k] = r.flags;
    for (Channel c : all_channels()) {
      const auto ci = static_cast<std::size_t>(c);
      double v = r.v[ci];
      if (r.counter_mask & bit(c)) {
        v = kNaN;
        const bool has_next = i + 1 < rows.size() && (rows[i + 1].counter_mask & bit(c)) &&
                              !std::isnan(rows[i + 1].v[ci]);
        if (behind) {
          if (!std::isnan(r.v[ci]))
            count_correction(fmt::format("{}: register of a row sorted in behind stored rows "
                                         "→ not measured",
                                         to_string(c)),
                             r.line, "a late row's meter reading cannot be differenced");
        } else if (has_next && !std::isnan(r.v[ci]) && rows[i + 1].t > r.t) {
          const double e = rows[i + 1].v[ci] - r.v[ci];
          if (e < 0) {
            s.flags[k] |= flag_counter_reset;
            count_correction(fmt::format("{}: meter register went down (counter reset) → not "
                                         "measured",
                                         to_string(c)),
                             r.line,
                             fmt::format("field '{}': the next reading is lower", to_string(c)));
          } else {
            v = e / static_cast<double>(rows[i + 1].t - r.t);
          }
        }
      } else if (r.energy_mask & bit(c)) {
        v = std::isnan(v) ? v : v / dt;
      } else {
        s.values[ci][k] = v;
        continue;
      }
      if (!std::isnan(v) && !in_range(c, v)) {
        s.flags[k] |= flag_out_of_range;
        count_correction(
            fmt::format("{}: outside {} → not measured", to_string(c), range_of(c).text), r.line,
            fmt::format("field '{}': mean power {:.0f} W outside {}", to_string(c), v,
                        range_of(c).text));
        v = kNaN;
      }
      s.values[ci][k] = v;
    }
  }
  const std::int64_t written = store_.upsert(u.id, s);
  report_.rows_stored += written;
  for (std::size_t i = 0; i < n; ++i) u.last_emitted = std::max(u.last_emitted, rows[i].t);
  u.emitted = true;
  rows.clear();
  u.staged = std::move(rows);  // keeps its capacity for the next batch
}

// ---- files ------------------------------------------------------------------------------------

namespace {

// Reads a file in chunks of whole lines, decoded to UTF-8 (BOM dropped, GB 18030 converted).
class ChunkReader {
 public:
  explicit ChunkReader(const std::filesystem::path& path) : path_(path.string()) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
      throw DataMissing(fmt::format("monitoring file '{}' does not exist", path_));
    if (!std::filesystem::is_regular_file(status))
      throw InvalidInput(fmt::format("monitoring file '{}' is not a regular file", path_));
    in_.open(path, std::ios::binary);
    if (!in_) throw DataMissing(fmt::format("monitoring file '{}' cannot be opened", path_));
  }

  // Appends the next decoded chunk to `text`; false at the end of the file.
  bool next(std::string& text) {
    if (eof_ && carry_.empty()) return false;
    std::string bytes = std::move(carry_);
    carry_.clear();
    if (!eof_) {
      const std::size_t have = bytes.size();
      bytes.resize(have + kChunk);
      in_.read(bytes.data() + have, static_cast<std::streamsize>(kChunk));
      bytes.resize(have + static_cast<std::size_t>(in_.gcount()));
      if (in_.gcount() < static_cast<std::streamsize>(kChunk)) eof_ = true;
    }
    if (first_) {
      first_ = false;
      if (bytes.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
    }
    // Cut after the last newline: a newline is never inside a UTF-8 or GB 18030 character.
    if (!eof_) {
      const auto nl = bytes.rfind('\n');
      if (nl == std::string::npos) return next_more(bytes, text);
      carry_.assign(bytes, nl + 1, std::string::npos);
      bytes.resize(nl + 1);
    }
    decode(std::move(bytes), text);
    return true;
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{8} << 20;

  bool next_more(std::string& bytes, std::string& text) {
    carry_ = std::move(bytes);  // a line longer than a chunk: read on
    return next(text) || true;
  }

  void decode(std::string bytes, std::string& text) {
    const auto first_line = lines_ + 1;
    for (char ch : bytes) lines_ += ch == '\n';
    if (!gb_ && core::is_valid_utf8(bytes)) {
      text += bytes;
      return;
    }
    const std::string origin = fmt::format("{} (from line {})", path_, first_line);
    core::DecodedText d = core::decode_text(std::move(bytes), origin);
    if (d.encoding == core::TextEncoding::gb18030 && !gb_) {
      gb_ = true;
      core::notice(
          fmt::format("monitoring file '{}' is not UTF-8; read it as GB 18030 (GBK), "
                      "the encoding of Chinese Excel's \"CSV (Comma delimited)\"",
                      path_));
    }
    text += d.text;
  }

  std::string path_;
  std::ifstream in_;
  std::string carry_;
  bool eof_ = false, first_ = true, gb_ = false;
  std::int64_t lines_ = 0;
};

std::string quote(std::string_view s) {
  return core::escape_invalid_utf8(core::utf8_prefix(s, 40));
}

struct Header {
  int time = -1;
  int unit = -1;
  std::vector<std::pair<int, ColumnUnit>> channels;
  std::vector<std::string> names;
};

Header read_header(const std::vector<std::string_view>& cells, const std::string& where) {
  Header h;
  std::uint32_t seen = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string_view cell = trim(cells[i]);
    h.names.emplace_back(cell);
    const auto idx = static_cast<int>(i);
    if (cell == "time" || cell == "time [ISO 8601]" || cell == "timestamp") {
      if (h.time >= 0) throw InvalidInput(fmt::format("{}: two time columns", where));
      h.time = idx;
      continue;
    }
    if (cell == "unit" || cell == "unit_id") {
      if (h.unit >= 0) throw InvalidInput(fmt::format("{}: two unit columns", where));
      h.unit = idx;
      continue;
    }
    ColumnUnit col;
    try {
      col = parse_column(cell);
    } catch (const InvalidInput& e) {
      throw InvalidInput(fmt::format("{}: header: {}", where, e.what()));
    }
    const auto b = 1u << static_cast<unsigned>(col.channel);
    if (seen & b)
      throw InvalidInput(fmt::format("{}: header: channel {} appears twice ('{}')", where,
                                     to_string(col.channel), cell));
    seen |= b;
    h.channels.emplace_back(idx, col);
  }
  if (h.time < 0)
    throw InvalidInput(
        fmt::format("{}: header: no 'time' column; the header names time, "
                    "optionally unit, and channels with units (t_flow [°C])",
                    where));
  return h;
}

// RFC 4180 records from a buffer of whole lines; fields point into the buffer or, when
// quoted with "" inside, into per-field scratch strings reused from record to record.
class CsvRecords {
 public:
  // Parses the record at `pos`; false when the buffer ends inside it (needs more text).
  bool next(std::string_view buf, std::size_t& pos, bool at_eof,
            std::vector<std::string_view>& fields, std::int64_t& line) {
    fields.clear();
    std::size_t i = pos;
    const std::size_t n = buf.size();
    std::size_t used_scratch = 0;
    std::int64_t newlines = 0;
    while (true) {
      if (i < n && buf[i] == '"') {
        // quoted field
        std::size_t j = i + 1;
        bool escaped = false;
        while (true) {
          const void* q = j < n ? std::memchr(buf.data() + j, '"', n - j) : nullptr;
          if (!q) {
            if (!at_eof) return false;
            throw InvalidInput(fmt::format("line {}: a quoted field is not closed", line + 1));
          }
          const auto k = static_cast<std::size_t>(static_cast<const char*>(q) - buf.data());
          if (k + 1 < n && buf[k + 1] == '"') {
            escaped = true;
            j = k + 2;
            continue;
          }
          if (k + 1 >= n && !at_eof) return false;
          for (std::size_t m = i + 1; m < k; ++m) newlines += buf[m] == '\n';
          std::string_view raw = buf.substr(i + 1, k - i - 1);
          if (escaped) {
            if (scratch_.size() <= used_scratch) scratch_.emplace_back();
            std::string& s = scratch_[used_scratch++];
            s.clear();
            for (std::size_t m = 0; m < raw.size(); ++m) {
              s.push_back(raw[m]);
              if (raw[m] == '"') ++m;
            }
            raw = s;
          }
          fields.push_back(raw);
          i = k + 1;
          // junk between the closing quote and the separator is kept out
          while (i < n && buf[i] != ',' && buf[i] != '\n') ++i;
          break;
        }
      } else {
        std::size_t j = i;
        while (j < n && buf[j] != ',' && buf[j] != '\n') ++j;
        std::string_view f = buf.substr(i, j - i);
        if (!f.empty() && f.back() == '\r' && (j == n || buf[j] == '\n')) f.remove_suffix(1);
        fields.push_back(f);
        i = j;
      }
      if (i >= n) {
        if (!at_eof) return false;
        pos = n;
        line += 1 + newlines;
        return true;
      }
      if (buf[i] == ',') {
        ++i;
        continue;
      }
      // newline
      pos = i + 1;
      line += 1 + newlines;
      return true;
    }
  }

 private:
  std::vector<std::string> scratch_;
};

bool looks_like_json_lines(const std::filesystem::path& path, std::string_view start) {
  const auto ext = path.extension().string();
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return true;
  for (char ch : start) {
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') continue;
    return ch == '{';
  }
  return false;
}

void ingest_json_lines(ChunkReader& reader, std::string& text, Ingestor& ingestor,
                       IngestReport& report) {
  std::int64_t line = 0;
  std::size_t pos = 0;
  bool more = true;
  while (true) {
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      text.erase(0, pos);
      pos = 0;
      if (more && (more = reader.next(text))) continue;
      if (text.empty()) break;
    }
    const std::size_t end = nl == std::string::npos ? text.size() : nl;
    std::string_view l = trim(std::string_view(text).substr(pos, end - pos));
    ++line;
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (l.empty()) continue;
    RawRow row;
    row.line = line;
    try {
      std::string unit = parse_json_row(l, ingestor.options(), row);
      if (unit.empty()) unit = ingestor.options().unit;
      ingestor.add(unit, row);
    } catch (const InvalidInput& e) {
      ingestor.drop(json_row_drop_reason(e.what()),
                    fmt::format("{}:{}: {}", report.source, line, e.what()));
    }
  }
}

void ingest_csv(ChunkReader& reader, std::string& text, Ingestor& ingestor, IngestReport& report) {
  CsvRecords records;
  std::vector<std::string_view> fields;
  std::int64_t line = 0;
  std::size_t pos = 0;
  bool at_eof = false;
  std::optional<Header> header;
  const IngestOptions& options = ingestor.options();
  const std::string& src = report.source;
  while (true) {
    const std::size_t start = pos;
    const std::int64_t start_line = line;
    if (pos >= text.size() && at_eof) break;
    if (!records.next(text, pos, at_eof, fields, line)) {
      // Needs more text: keep the unfinished record and read on.
      text.erase(0, start);
      pos = 0;
      line = start_line;
      if (!reader.next(text)) at_eof = true;
      continue;
    }
    const std::int64_t row_line = start_line + 1;
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
    if (!fields.empty() && !fields[0].empty() && fields[0].front() == '#') continue;
    if (!header) {
      header = read_header(fields, fmt::format("{}:{}", src, row_line));
      if (header->unit < 0 && options.unit.empty())
        throw InvalidInput(
            fmt::format("{}:{}: header: no 'unit' column and no --unit ID; say "
                        "which unit the rows are from",
                        src, row_line));
      continue;
    }
    const Header& h = *header;
    if (fields.size() != h.names.size()) {
      ingestor.drop("wrong number of fields",
                    fmt::format("{}:{}: {} fields, the header has {}", src, row_line, fields.size(),
                                h.names.size()));
      continue;
    }
    RawRow row;
    row.line = row_line;
    const auto t = parse_time(fields[static_cast<std::size_t>(h.time)], options.tz_offset_s);
    if (!t) {
      ingestor.drop("unparsable time",
                    fmt::format("{}:{}: field 'time': value '{}': expected an ISO 8601 time "
                                "(2025-01-01T08:00:00+08:00, 2025-01-01 08:00), 2025/1/1 0:00 or "
                                "unix seconds",
                                src, row_line, quote(fields[static_cast<std::size_t>(h.time)])));
      continue;
    }
    row.t = *t;
    bool bad = false;
    for (const auto& [idx, col] : h.channels) {
      const std::string_view f = trim(fields[static_cast<std::size_t>(idx)]);
      if (is_missing(f)) continue;
      double x;
      if (!parse_number(f, x)) {
        ingestor.drop("unparsable number",
                      fmt::format("{}:{}: field '{}': value '{}': expected a number in {}", src,
                                  row_line, h.names[static_cast<std::size_t>(idx)], quote(f),
                                  col.unit.empty() ? std::string("Hz") : col.unit));
        bad = true;
        break;
      }
      row.set(col, x, options.sentinels);
    }
    if (bad) continue;
    std::string_view unit = options.unit;
    if (h.unit >= 0) {
      const std::string_view u = trim(fields[static_cast<std::size_t>(h.unit)]);
      if (!u.empty()) unit = u;
    }
    ingestor.add(unit, row);
  }
  if (!header)
    throw InvalidInput(
        fmt::format("{}: no header row; expected a header naming time and "
                    "channels with units (time,t_flow [°C],heat_hp [kWh])",
                    src));
}

}  // namespace

IngestReport ingest_file(const std::filesystem::path& path, Store& store,
                         const IngestOptions& options) {
  IngestReport report;
  report.source = path.string();
  ChunkReader reader(path);
  std::string text;
  reader.next(text);
  Ingestor ingestor(store, options, report);
  try {
    if (looks_like_json_lines(path, std::string_view(text).substr(0, 4096)))
      ingest_json_lines(reader, text, ingestor, report);
    else
      ingest_csv(reader, text, ingestor, report);
  } catch (const InvalidInput& e) {
    const std::string what = e.what();
    if (what.starts_with("line "))
      throw InvalidInput(fmt::format("{}:{}", report.source, what.substr(5)));
    throw;
  }
  ingestor.finish();
  return report;
}

}  // namespace heatlift::operations
